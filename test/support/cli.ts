import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildBrokenExample, buildExample, loadExampleData, type ExampleData } from "../../src/cli/example";
import { main } from "../../src/cli/main";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, capturing what it prints. */
export async function runCli(...args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

/** What a run printed on stderr besides the line »beregn --json« writes there to say where the copy went. */
export function stderrBesidesWritten(run: CliRun): string {
  return run.stderr.replace(/^Statusarket »[^«\n]+« er skrevet i [^\n]*\n/m, "");
}

export async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), "jobstatus-test-"));
}

/** `files` (name → bytes) written into a fresh temporary folder, removed after `fn` ran with each file's path and the folder. */
export async function inFolder<N extends string>(files: Record<N, Uint8Array>, fn: (at: Record<N, string>, dir: string) => Promise<void>): Promise<void> {
  const dir = await tempDir();
  try {
    const at = {} as Record<N, string>;
    for (const name of Object.keys(files) as N[]) {
      at[name] = path.join(dir, name);
      await fs.writeFile(at[name], files[name]);
    }
    await fn(at, dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every cell of every sheet (value, formula, number format, font, fill, border) as comparable JSON. */
export function snapshotSheet(ws: ExcelJS.Worksheet): string {
  const cells: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells.push([r, c, cell.value, cell.numFmt ?? null, cell.font ?? null, cell.fill ?? null, cell.border ?? null, cell.alignment ?? null]);
    });
  });
  return JSON.stringify({ name: ws.name, state: ws.state, cells, widths: ws.columns?.map((c) => c.width ?? null) ?? [] });
}

/** Fills a `jobstatus skabelon` workbook as the departments and HR would, with the example's figures. */
export function fillTemplate(wb: ExcelJS.Workbook, data: ExampleData): void {
  const m = wb.getWorksheet("Måltal") as ExcelJS.Worksheet;
  m.eachRow((row) => {
    const t = data.maaltal[String(row.getCell(1).value)];
    if (t) [t.samlet, t.fleksjob, t.fritidsjob ?? null].forEach((v, i) => (row.getCell(3 + i).value = v));
  });
  for (const [code, d] of Object.entries(data.departments)) {
    const ws = wb.getWorksheet(code) as ExcelJS.Worksheet;
    (["loentilskud", "virksomhedspraktik", "smaajob", "fleksjob", "fritidsjob"] as const).forEach((k, i) => {
      ws.getCell(5 + i, 2).value = d.status[k];
      if (k !== "fleksjob" && k !== "fritidsjob") ws.getCell(5 + i, 3).value = d.forloeb[k];
    });
  }
}

/** A temporary folder holding the two example workbooks, as `npm run demo` writes them. */
export async function writeExampleFiles(): Promise<{ dir: string; example: string; broken: string }> {
  const dir = await tempDir();
  const data = await loadExampleData();
  const example = path.join(dir, "eksempel.xlsx");
  const broken = path.join(dir, "fejl.xlsx");
  await (await buildExample(data)).xlsx.writeFile(example);
  await (await buildBrokenExample(data)).xlsx.writeFile(broken);
  return { dir, example, broken };
}
