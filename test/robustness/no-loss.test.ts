/**
 * Nothing is lost (CLI side): for every CLI operation, every sheet of the input is compared before
 * and after — value, formula, number format, font, fill, border, alignment, merges, column widths,
 * row heights, visibility, views, notes, validation, conditional formats — and so are the defined
 * names. The input file's bytes never change; the CLI never writes over its input and writes via a
 * temporary file and a link (or, to replace, a rename), so an interrupted or failed run leaves no half-written workbook.
 */
import ExcelJS from "exceljs";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { promises as fs, existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { ownerName } from "../../src/core/owner";
import { fillTemplate, readXlsx, runCli, tempDir } from "../support/cli";
import { deepSheetSnapshot, definedNames, STACK_TRACE } from "./helpers";
import { columnRows, withSheet } from "../xlsx/zip-forge";

const ROOT = path.resolve(__dirname, "..", "..");
const sha = async (f: string) => createHash("sha256").update(await fs.readFile(f)).digest("hex");
const listing = (d: string) => readdirSync(d).sort();

/** The bundled example, dressed up the way real department workbooks are. */
async function richWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = await buildExample(await loadExampleData());
  const bif = wb.getWorksheet("BIF") as ExcelJS.Worksheet;
  bif.properties.tabColor = { argb: "FF00B050" };
  bif.getCell("A4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  bif.getCell("B5").numFmt = "0.0";
  bif.getCell("B5").border = { top: { style: "thin" }, bottom: { style: "double", color: { argb: "FFFF0000" } } };
  bif.getCell("B5").alignment = { horizontal: "right", vertical: "middle", wrapText: true, indent: 1 };
  bif.getCell("B5").note = "Opgjort af HR den 15. januar";
  bif.getCell("C5").dataValidation = { type: "whole", operator: "greaterThanOrEqual", allowBlank: true, formulae: [0], showErrorMessage: true, error: "Hele tal" };
  bif.getRow(5).height = 22;
  bif.getColumn(4).width = 33;
  const buf = wb.getWorksheet("BUF") as ExcelJS.Worksheet;
  buf.addConditionalFormatting({ ref: "B9:B13", rules: [{ type: "cellIs", operator: "greaterThan", formulae: [100], priority: 1, style: { font: { bold: true } } }] });
  buf.views = [{ state: "frozen", xSplit: 1, ySplit: 8 }];
  const kff = wb.getWorksheet("KFF") as ExcelJS.Worksheet;
  kff.pageSetup.orientation = "landscape";
  kff.headerFooter.oddFooter = "&LKultur- og Fritidsforvaltningen&RSide &P";
  const notes = wb.getWorksheet("Noter") as ExcelJS.Worksheet;
  notes.getCell("A3").value = { richText: [{ text: "Fed", font: { bold: true } }, { text: " og almindelig" }] };
  notes.getCell("A5").value = 12.5;
  notes.getCell("A6").value = 7;
  notes.getCell("A7").value = { formula: "SUM(A5:A6)", result: 19.5 } as ExcelJS.CellFormulaValue;
  notes.getCell("A8").value = { formula: "A5*2", result: 25, shareType: "shared", ref: "A8:A9" } as ExcelJS.CellFormulaValue;
  notes.getCell("A9").value = { sharedFormula: "A8", result: 14 } as ExcelJS.CellSharedFormulaValue;
  notes.getCell("B5").value = new Date(Date.UTC(2025, 0, 31));
  notes.getCell("B5").numFmt = "dd-mm-yyyy";
  notes.getCell("B6").value = true;
  notes.getCell("B7").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
  notes.getCell("B8").value = { text: "Intranet", hyperlink: "https://www.kk.dk/" };
  notes.getCell("C3").value = "Flettet";
  notes.mergeCells("C3:E4");
  notes.getColumn(6).hidden = true;
  notes.getRow(10).hidden = true;
  notes.getCell("F10").value = "skjult";
  notes.autoFilter = "A2:B9";
  notes.getCell("A12").value = "=IKKE EN FORMEL";
  notes.getCell("A13").value = "@handle";
  const hidden = wb.addWorksheet("Arkiv", { state: "hidden" });
  hidden.getCell("A1").value = "Gamle tal";
  const veryHidden = wb.addWorksheet("Opslag", { state: "veryHidden" });
  veryHidden.getCell("A1").value = "Koder";
  wb.definedNames.add("'Noter'!$A$5:$A$6", "Grundtal");
  wb.definedNames.add("'Måltal'!$C$4:$C$10", "Maal_samlet");
  return wb;
}

/** Every sheet and the defined names, as comparable data. */
async function snapshot(file: string): Promise<{ order: string[]; sheets: Map<string, unknown>; names: ReturnType<typeof definedNames> }> {
  const wb = await readXlsx(file);
  const sheets = new Map<string, unknown>();
  wb.eachSheet((ws) => sheets.set(ws.name, deepSheetSnapshot(ws)));
  return { order: wb.worksheets.map((w) => w.name), sheets, names: definedNames(wb) };
}

let dir: string;
let input: string;
let before: Awaited<ReturnType<typeof snapshot>>;
let inputSha: string;

beforeAll(async () => {
  dir = await tempDir();
  input = path.join(dir, "indberetning.xlsx");
  await (await richWorkbook()).xlsx.writeFile(input);
  before = await snapshot(input);
  inputSha = await sha(input);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Zero changed cells: every input sheet is in `after`, identical, in the same order, and the input's names are kept. */
function expectUserSheetsUnchanged(after: Awaited<ReturnType<typeof snapshot>>): void {
  for (const [name, snap] of before.sheets) expect(after.sheets.get(name)).toEqual(snap);
  expect(after.order.filter((n) => before.sheets.has(n))).toEqual(before.order);
  for (const n of before.names) expect(after.names).toContainEqual(n);
}

describe("valider", () => {
  it("changes nothing: the input's bytes, and no file is written", async () => {
    const files = listing(dir);
    for (const args of [["valider", input], ["valider", input, "--json"], ["valider", input, "--ark", "bif"]]) {
      const run = await runCli(...args);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
    expect(await sha(input)).toBe(inputSha);
    expect(listing(dir)).toEqual(files);
  });
});

describe("beregn", () => {
  let out: string;
  beforeAll(async () => {
    out = path.join(dir, "status.xlsx");
    const run = await runCli("beregn", input, "-o", out);
    expect(run.code).toBe(0);
  });

  it("leaves every user sheet as it was (zero changed cells, formats, merges, widths, visibility, names)", async () => {
    const after = await snapshot(out);
    expectUserSheetsUnchanged(after);
    expect(after.order).toEqual([...before.order, "Status 2025", "Kilder 2025"]);
    expect(after.names).toEqual(definedNames(await readXlsx(out)));
    expect(after.names.filter((n) => !before.names.some((b) => b.name === n.name))).toEqual([
      { name: "jobstatus_kilder_2025", ranges: ["'Kilder 2025'!$A$1"] },
      { name: ownerName(2025), ranges: ["'Status 2025'!$A$1"] },
    ]);
  });

  it("does not change the input file, and leaves no temporary file behind", async () => {
    expect(await sha(input)).toBe(inputSha);
    expect(listing(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("gives the same workbook when run again on the same input", async () => {
    const again = path.join(dir, "status-igen.xlsx");
    expect((await runCli("beregn", input, "-o", again)).code).toBe(0);
    const a = await snapshot(out);
    const b = await snapshot(again);
    expect(b.order).toEqual(a.order);
    expect(b.names).toEqual(a.names);
    for (const [name, s] of a.sheets) expect(b.sheets.get(name)).toEqual(s);
  });

  it("a re-run on its own output gives an identical workbook: the owned sheet is replaced in place, nothing else moves", async () => {
    const rerun = path.join(dir, "status-rerun.xlsx");
    const outSha = await sha(out);
    const run = await runCli("beregn", out, "-o", rerun);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("OUTPUT_NAME_TAKEN");
    expect(await sha(out)).toBe(outSha);
    const a = await snapshot(out);
    const b = await snapshot(rerun);
    expect(b.order).toEqual(a.order);
    expect(b.names).toEqual(a.names);
    for (const [name, s] of a.sheets) expect(b.sheets.get(name)).toEqual(s);
  });

  it("never replaces a user's sheet that has the output's name: it picks a free name and says so", async () => {
    const wb = await readXlsx(input);
    const mine = wb.addWorksheet("Status 2025");
    mine.getCell("A1").value = "Mine egne noter";
    mine.getCell("A1").font = { bold: true, color: { argb: "FFC00000" } };
    mine.getColumn(1).width = 50;
    const withMine = path.join(dir, "med-eget-statusark.xlsx");
    await wb.xlsx.writeFile(withMine);
    const mineBefore = await snapshot(withMine);

    const out1 = path.join(dir, "med-eget-1.xlsx");
    const run = await runCli("beregn", withMine, "-o", out1);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\[OUTPUT_NAME_TAKEN\] Der findes allerede et ark »Status 2025«, som Jobstatus ikke har lavet\. Det ark bliver ikke ændret, så rapporten er skrevet i »Status 2025 \(2\)«/);
    const after1 = await snapshot(out1);
    expect(after1.sheets.get("Status 2025")).toEqual(mineBefore.sheets.get("Status 2025"));
    expect(after1.order).toEqual([...mineBefore.order, "Status 2025 (2)", "Kilder 2025"]);
    expect(after1.names).toContainEqual({ name: ownerName(2025), ranges: ["'Status 2025 (2)'!$A$1"] });

    // The re-run replaces its own »Status 2025 (2)« and still leaves the user's sheet alone.
    const out2 = path.join(dir, "med-eget-2.xlsx");
    expect((await runCli("beregn", out1, "-o", out2)).code).toBe(0);
    const after2 = await snapshot(out2);
    expect(after2.order).toEqual(after1.order);
    for (const [name, s] of after1.sheets) expect(after2.sheets.get(name)).toEqual(s);
  });
});

describe("skabelon", () => {
  it("never writes over an existing file", async () => {
    const run = await runCli("skabelon", "--aar", "2025", "-o", input);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("findes allerede");
    expect(await sha(input)).toBe(inputSha);
  });

  it("a template's sheets (validation, fills, widths) survive valider and beregn unchanged", async () => {
    const template = path.join(dir, "skabelon.xlsx");
    expect((await runCli("skabelon", "--aar", "2025", "-o", template)).code).toBe(0);
    const wb = await readXlsx(template);
    const data = await loadExampleData();
    fillTemplate(wb, data);
    const filled = path.join(dir, "skabelon-udfyldt.xlsx");
    await wb.xlsx.writeFile(filled);
    const snap = await snapshot(filled);
    const filledSha = await sha(filled);
    expect((await runCli("valider", filled)).code).toBe(0);
    const out = path.join(dir, "skabelon-status.xlsx");
    expect((await runCli("beregn", filled, "-o", out)).code).toBe(0);
    const after = await snapshot(out);
    for (const [name, s] of snap.sheets) expect(after.sheets.get(name)).toEqual(s);
    expect(await sha(filled)).toBe(filledSha);
  });
});

describe("the CLI never writes over its input", () => {
  it.each([
    ["the same path", (f: string) => f],
    ["the same path written differently", (f: string) => path.join(path.dirname(f), ".", "..", path.basename(path.dirname(f)), path.basename(f))],
  ])("-o %s is refused (exit 2), the input untouched", async (_, target) => {
    const run = await runCli("beregn", input, "-o", target(input));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("overskriver aldrig inddata");
    expect(await sha(input)).toBe(inputSha);
  });

  it.each([
    ["a hard link", (from: string, to: string) => fs.link(from, to)],
    ["a symbolic link", (from: string, to: string) => fs.symlink(from, to)],
  ])("-o %s to the input is refused (exit 2), the input untouched", async (kind, make) => {
    const link = path.join(dir, `link-${kind.replace(/\s/g, "-")}.xlsx`);
    await make(input, link);
    for (const extra of [[], ["--overskriv"]]) {
      const run = await runCli("beregn", input, "-o", link, ...extra);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("overskriver aldrig inddata");
    }
    expect(await sha(input)).toBe(inputSha);
  });
});

describe("writing via a temporary file and a rename", () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it("a failing final step (link, and the exclusive copy in its place) leaves neither the target nor the temporary file, and says so (exit 2)", async () => {
    const sub = path.join(dir, "rename-fejler");
    await fs.mkdir(sub);
    const target = path.join(sub, "status.xlsx");
    // Without --overskriv the temporary file gets the target's name by link(2) (src/cli/write-file.ts).
    const spy = jest.spyOn(fs, "link").mockRejectedValue(Object.assign(new Error("EXDEV: simulated"), { code: "EXDEV" }));
    jest.spyOn(fs, "copyFile").mockRejectedValue(Object.assign(new Error("EIO: simulated"), { code: "EIO" }));
    const run = await runCli("beregn", input, "-o", target);
    expect(spy).toHaveBeenCalledTimes(1);
    const [from, to] = spy.mock.calls[0] as [string, string];
    expect(to).toBe(target);
    expect(path.dirname(from)).toBe(sub);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Filen »${target}« kunne ikke skrives`);
    expect(STACK_TRACE.test(run.stderr)).toBe(false);
    expect(listing(sub)).toEqual([]);
    expect(await sha(input)).toBe(inputSha);
  });

  it("a failing write (the directory does not exist) leaves nothing and says so (exit 2)", async () => {
    const target = path.join(dir, "findes-ikke", "status.xlsx");
    const run = await runCli("beregn", input, "-o", target);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Tjek, at mappen findes");
    expect(existsSync(path.dirname(target))).toBe(false);
  });

  /**
   * Loaded into the CLI with `-r`: each chunk written to a temporary file (write-file.ts writes the
   * copy in 1 MB chunks through a FileHandle) waits 100 ms first. The window in which the temporary
   * file exists is then at least that long per chunk however fast the machine is, so the poller
   * below always sees it (before, a fast write on a loaded runner could end between two polls).
   */
  const SLOW_WRITES = `const fsp = require("node:fs").promises;
const open = fsp.open;
fsp.open = async (...args) => {
  const handle = await open(...args);
  if (String(args[0]).endsWith(".tmp")) {
    const write = handle.write.bind(handle);
    handle.write = async (...a) => { await new Promise((r) => setTimeout(r, 100)); return write(...a); };
  }
  return handle;
};`;

  /** Starts the built CLI on a large workbook and signals it as soon as its temporary file appears. */
  async function interrupt(signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string; files: string[]; target: string }> {
    const bin = path.join(ROOT, "bin", "jobstatus.js");
    if (!existsSync(path.join(ROOT, "build", "cli", "main.js"))) throw new Error("The CLI is not built: run `npm run build:cli` (npm test does) before these tests.");
    const sub = path.join(dir, `afbrudt-${signal}`);
    await fs.mkdir(sub);
    const target = path.join(sub, "status.xlsx");
    const slow = path.join(dir, "slow-writes.js");
    await fs.writeFile(slow, SLOW_WRITES);
    const child = spawn(process.execPath, ["-r", slow, bin, "beregn", big, "-o", target], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    let seen = false;
    while (!seen && Date.now() < deadline && child.exitCode === null) {
      seen = readdirSync(sub).some((f) => f.endsWith(".tmp"));
      if (!seen) await new Promise((r) => setTimeout(r, 2));
    }
    if (!seen) throw new Error("the CLI finished before its temporary file was seen: does write-file.ts still write the copy through fs.promises.open (SLOW_WRITES)?");
    child.kill(signal);
    const code = await exited;
    return { code, stderr, files: listing(sub), target };
  }

  let big: string;
  beforeAll(async () => {
    // Large enough that writing takes a while: the example plus a sheet of 200,000 cells of text
    // that does not compress (the spliced copy is written from the input's stored bytes, in 1 MB chunks).
    const wb = await readXlsx(input);
    const data = wb.addWorksheet("Data");
    for (let r = 1; r <= 4_000; r++) data.addRow(Array.from({ length: 10 }, (_, c) => (c % 2 ? `tekst ${r}-${c}` : r * c + 0.5)));
    const base = new Uint8Array(await wb.xlsx.writeBuffer());
    const noise = (r: number): string => createHash("sha256").update(String(r)).digest("hex").repeat(3);
    big = path.join(dir, "stor.xlsx");
    await fs.writeFile(big, withSheet(base, "Støj", columnRows("A", 1, 200_000, noise)));
  }, 60_000);

  it("interrupted (SIGTERM) while writing: no file under the target's name, the temporary file removed, exit 2", async () => {
    const before = await sha(big);
    const r = await interrupt("SIGTERM");
    expect(r.files).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Afbrudt. Der er ikke skrevet nogen fil");
    expect(STACK_TRACE.test(r.stderr)).toBe(false);
    expect(await sha(big)).toBe(before);
  }, 60_000);

  it("killed outright (SIGKILL) while writing: still no half-written workbook under the target's name", async () => {
    const r = await interrupt("SIGKILL");
    if (r.code === null) {
      // Killed before the temporary file got the target's name: nothing under it.
      expect(r.files.filter((f) => !/^\.status\.xlsx\.[0-9a-f]{16}\.tmp$/.test(f))).toEqual([]);
      expect(existsSync(r.target)).toBe(false);
    } else {
      // The spliced copy is written in one call: the run may have finished before the signal came.
      // Then what bears the name is the whole workbook, never part of it.
      expect(r.code).toBe(0);
      expect((await readXlsx(r.target)).getWorksheet("Status 2025")).toBeDefined();
    }
  }, 60_000);
});
