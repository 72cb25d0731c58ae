/**
 * Workbooks as departments really send them, built by script with exceljs (so hidden rows, hidden
 * columns and formulas are in a real .xlsx), and run through both front ends: `jobstatus beregn
 * --json` and »Beregn status« on the strict test host. Each test says what the two must agree on.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { StatusJson } from "../../src/core/json";
import { calculateStatus, newSession, validateWorkbook } from "../../src/office/operations";
import { createHost, loadXlsx } from "../host";
import { hostEnv } from "../addin/fixtures";
import { runCli, stderrBesidesWritten, tempDir } from "../support/cli";

export type Row = (string | number | null | ExcelJS.CellValue)[];

export interface Figures {
  loentilskud: number;
  virksomhedspraktik: number;
  smaajob: number;
  fleksjob: number;
  fritidsjob: number;
  forloeb: [number, number, number];
}

export const FIGURES: Readonly<Record<string, Figures>> = {
  BUF: { loentilskud: 12.4, virksomhedspraktik: 30.25, smaajob: 2.5, fleksjob: 40, fritidsjob: 3.5, forloeb: [20, 90, 6] },
  SOF: { loentilskud: 8.6, virksomhedspraktik: 22.75, smaajob: 1.5, fleksjob: 25, fritidsjob: 1.5, forloeb: [15, 60, 4] },
};

export const TARGETS: Readonly<Record<string, [number, number, number]>> = { BUF: [50, 45, 4], SOF: [35, 30, 2] };

/** The rows of a department sheet in the template layout: A1 Forvaltning, A2 År, header in row 4, schemes in rows 5–9. */
export function departmentRows(code: string, year: number, f: Figures): Row[] {
  return [
    ["Forvaltning", code],
    ["År", year],
    [],
    ["Ordning", "Status", "Antal forløb"],
    ["Løntilskud (helårspersoner)", f.loentilskud, f.forloeb[0]],
    ["Virksomhedspraktik (helårspersoner)", f.virksomhedspraktik, f.forloeb[1]],
    ["Småjob under det sociale frikort", f.smaajob, f.forloeb[2]],
    ["Fleksjob (antal ansatte)", f.fleksjob],
    ["Fritidsjob (helårspersoner)", f.fritidsjob],
  ];
}

/** Types rows from A1; `null` leaves a cell as it is (so a patch can type into some cells only). */
export function putRows(ws: ExcelJS.Worksheet, rows: readonly Row[]): void {
  rows.forEach((r, i) => r.forEach((v, j) => {
    if (v !== null && v !== undefined) ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue;
  }));
}

/**
 * A clean 2025 workbook (Måltal with BUF and SOF, one sheet each). `patch` changes it the way a
 * department would before it is saved.
 */
export function cleanWorkbook(patch: (wb: ExcelJS.Workbook) => void = () => undefined, year = 2025): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const m = wb.addWorksheet("Måltal");
  putRows(m, [["Forvaltning", "Samlet måltal", "Fleksjob", "Fritidsjob"], ...Object.entries(TARGETS).map(([code, t]) => [code, ...t])]);
  for (const [code, f] of Object.entries(FIGURES)) putRows(wb.addWorksheet(code), departmentRows(code, year, f));
  patch(wb);
  return wb;
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

export interface IssueSeen {
  severity: string;
  code: string;
  sheet: string;
  cell: string | null;
}

export interface BothRuns {
  cli: StatusJson;
  cliCode: number;
  /** The add-in's issues after »Beregn status«, in the same shape. */
  addin: IssueSeen[];
  /** The sheet the add-in wrote, if any. */
  written: string | undefined;
  /** The add-in's KK weighted målopfyldelse, if computed. */
  addinKk: number | null;
}

const seen = (i: { severity: string; code: string; sheet: string; cell?: string | null }): IssueSeen => ({ severity: i.severity, code: i.code, sheet: i.sheet, cell: i.cell ?? null });

/** Saves the workbook and runs `jobstatus beregn --json` and the add-in's »Beregn status« on it. */
export async function runBoth(wb: ExcelJS.Workbook): Promise<BothRuns> {
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const dir = await tempDir();
  const file = path.join(dir, "afleveret.xlsx");
  await fs.writeFile(file, bytes);
  const run = await runCli("beregn", file, "--json");
  if (stderrBesidesWritten(run) !== "") throw new Error(`stderr: ${run.stderr}`);
  const cli = JSON.parse(run.stdout) as StatusJson;
  const host = createHost(await loadXlsx(bytes));
  const r = await calculateStatus(hostEnv(host), newSession());
  await fs.rm(dir, { recursive: true, force: true });
  return {
    cli,
    cliCode: run.code,
    addin: r.outcome.issues.map(seen),
    written: r.written,
    addinKk: r.outcome.result.kk?.maalopfyldelse?.vaegtet ?? null,
  };
}

/** The CLI's issues in the shared shape. */
export function cliIssues(b: BothRuns): IssueSeen[] {
  return b.cli.issues.map(seen);
}

/** Runs »Valider alle« in the add-in and `jobstatus valider --json` (optionally `--ark`) on the same bytes. */
export async function validateBoth(wb: ExcelJS.Workbook, ark?: string): Promise<{ cli: IssueSeen[]; addin: IssueSeen[]; cliCode: number; messages: string[] }> {
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const dir = await tempDir();
  const file = path.join(dir, "afleveret.xlsx");
  await fs.writeFile(file, bytes);
  const run = await runCli("valider", file, "--json", ...(ark ? ["--ark", ark] : []));
  await fs.rm(dir, { recursive: true, force: true });
  const parsed = JSON.parse(run.stdout) as { issues: { severity: string; code: string; sheet: string; cell: string | null; message: string }[] };
  const model = await loadXlsx(bytes);
  if (ark) model.activeSheetId = (model.sheets.find((s) => s.name === ark) ?? model.sheets[0])?.id ?? model.activeSheetId;
  const host = createHost(model);
  const r = await validateWorkbook(hostEnv(host), newSession(), ark ? "active" : "all");
  return { cli: parsed.issues.map(seen), addin: r.issues.map(seen), cliCode: run.code, messages: parsed.issues.map((i) => i.message) };
}
