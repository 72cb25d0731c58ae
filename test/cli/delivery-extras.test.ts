/**
 * What `jobstatus saml` and the pane's collect read of a delivered file besides its grid (its formula
 * cells and number formats, deliveryExtras in src/cli/xlsx-collect.ts) is the same whether a sheet
 * was read by exceljs or by the sheet scan (src/xlsx/sheet-scan.ts; issue 20: a million rows read
 * whole under 1 GB). The oracle is the reader without the scan, where exceljs builds every cell.
 * Workbooks are written by exceljs with formats, formulas, merges and row and column styles, or by
 * hand where exceljs does not write the XML (a merge's cells the file lacks, styled rows).
 */
import fc from "fast-check";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { unzipSync, zipSync } from "fflate";
import ExcelJS from "../../src/cli/exceljs";
import { copySheet, deliveryExtras, fillInPlace, mayBeDelivered, touchedSheets } from "../../src/cli/xlsx-collect";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { CLI } from "../../src/messages/da";
import { DEFAULT_UNIT_CODES, planCollect } from "../../src/core";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import * as load from "../../src/xlsx/load";
import { loadWorkbookBytes } from "../../src/xlsx/load";
import { readWorkbookGrid, releaseReadCells, wasScanned } from "../../src/xlsx/read-grid";
import { addFeatures, CORPUS_FEATURES } from "../corpus/workbooks";
import { analystWorkbook, bytesOf, departmentWorkbook } from "../addin/collect-fixtures";
import { runCli, tempDir } from "../support/cli";

/** The reader's outcome with or without the scan: the grid and the extras, or the error's class and message; and the sheets scanned. */
async function outcome(bytes: Uint8Array, scanCells: boolean): Promise<{ result: unknown; scanned: string[] }> {
  let wb: ExcelJS.Workbook | undefined;
  try {
    wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells });
    return { result: { grid: readWorkbookGrid(wb), extras: deliveryExtras(wb) }, scanned: wb.worksheets.filter((ws) => wasScanned(ws)).map((ws) => ws.name) };
  } catch (e) {
    return { result: { threw: (e as Error).constructor.name, message: (e as Error).message }, scanned: wb ? wb.worksheets.filter((ws) => wasScanned(ws)).map((ws) => ws.name) : [] };
  }
}

/** Both outcomes equal; the sheets the scan read. */
async function sameBothWays(bytes: Uint8Array): Promise<string[]> {
  const oracle = await outcome(bytes, false);
  const scanned = await outcome(bytes, true);
  expect(oracle.scanned).toEqual([]);
  expect(scanned.result).toStrictEqual(oracle.result);
  return scanned.scanned;
}

const FORMATS = ["0%", "0.0%", "#,##0", "#,##0,", "0.00", "yyyy-mm-dd", "@", "General", '"kr." 0'];
const COLS = [1, 2, 3, 4, 5, 6, 27, 52, 53];

type Spec = {
  header: boolean;
  cells: { row: number; col: number; value: number | string | null | "formula" | "shared"; fmt: string | null }[];
  rowFormats: { row: number; fmt: string }[];
  colFormats: { col: number; fmt: string }[];
  merges: { row: number; col: number; down: number; right: number; slaveFmt: string | null; slaveValue: boolean }[];
};

const spec: fc.Arbitrary<Spec> = fc.record({
  header: fc.boolean(),
  cells: fc.array(
    fc.record({
      row: fc.integer({ min: 2, max: 30 }),
      col: fc.constantFrom(...COLS),
      value: fc.oneof(fc.integer({ min: -500, max: 500 }), fc.constantFrom("tekst", "", "ordning"), fc.constant(null), fc.constant("formula" as const), fc.constant("shared" as const)),
      fmt: fc.option(fc.constantFrom(...FORMATS), { nil: null }),
    }),
    { maxLength: 30 },
  ),
  rowFormats: fc.array(fc.record({ row: fc.integer({ min: 2, max: 30 }), fmt: fc.constantFrom(...FORMATS) }), { maxLength: 3 }),
  colFormats: fc.array(fc.record({ col: fc.constantFrom(...COLS), fmt: fc.constantFrom(...FORMATS) }), { maxLength: 2 }),
  merges: fc.array(
    fc.record({ row: fc.integer({ min: 2, max: 30 }), col: fc.constantFrom(1, 3, 5, 27), down: fc.integer({ min: 0, max: 2 }), right: fc.integer({ min: 0, max: 2 }), slaveFmt: fc.option(fc.constantFrom(...FORMATS), { nil: null }), slaveValue: fc.boolean() }),
    { maxLength: 3 },
  ),
});

function fill(ws: ExcelJS.Worksheet, s: Spec): void {
  if (s.header) ws.getCell(1, 1).value = "Ordning";
  for (const c of s.colFormats) ws.getColumn(c.col).numFmt = c.fmt;
  for (const r of s.rowFormats) ws.getRow(r.row).numFmt = r.fmt;
  let master: string | undefined;
  // Top to bottom, left to right: exceljs writes a shared formula only below or right of its master.
  for (const c of [...s.cells].sort((a, b) => a.row - b.row || a.col - b.col)) {
    const cell = ws.getCell(c.row, c.col);
    if (c.value === "formula") cell.value = { formula: `A${c.row}*2`, result: c.row } as ExcelJS.CellFormulaValue;
    else if (c.value === "shared") {
      // The first a master of a shared formula over its own cell only; the others slaves of it.
      if (master === undefined) {
        master = cell.address;
        cell.value = { formula: `B${c.row}+1`, result: 1, shareType: "shared", ref: `${cell.address}:${cell.address}` } as ExcelJS.CellFormulaValue;
      } else if (master !== cell.address) cell.value = { sharedFormula: master, result: 2 } as ExcelJS.CellSharedFormulaValue;
    } else cell.value = c.value;
    if (c.fmt !== null) cell.numFmt = c.fmt;
  }
  const taken = new Set<string>();
  for (const m of s.merges) {
    const cells: [number, number][] = [];
    for (let r = m.row; r <= m.row + m.down; r++) for (let c = m.col; c <= m.col + m.right; c++) cells.push([r, c]);
    if (cells.length < 2 || cells.some(([r, c]) => taken.has(`${r},${c}`))) continue;
    // A shared formula's master inside a merge's other cells: exceljs's getter throws there (tested by hand below).
    if (master !== undefined && cells.slice(1).some(([r, c]) => ws.getCell(r, c).address === master)) continue;
    cells.forEach(([r, c]) => taken.add(`${r},${c}`));
    const [sr, sc] = cells[cells.length - 1] as [number, number];
    if (m.slaveValue) ws.getCell(sr, sc).value = 7;
    if (m.slaveFmt !== null) ws.getCell(sr, sc).numFmt = m.slaveFmt;
    ws.mergeCells(m.row, m.col, m.row + m.down, m.col + m.right);
  }
}

test("property: a delivered file's formulas and number formats are the same read by the scan as by exceljs, on random workbooks", async () => {
  let scannedSheets = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 3 }), fc.boolean(), async (specs, useSharedStrings) => {
      const wb = new ExcelJS.Workbook();
      specs.forEach((s, i) => fill(wb.addWorksheet(`Ark ${i + 1}`), s));
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer({ useSharedStrings } as ExcelJS.XlsxWriteOptions));
      scannedSheets += (await sameBothWays(bytes)).length;
    }),
    { seed: 2026_12_07, numRuns: 120 },
  );
  // The property says something only if sheets were in fact scanned.
  expect(scannedSheets).toBeGreaterThan(40);
}, 240_000);

test.each([...DEFAULT_UNIT_CODES])("the forvaltning %s's file as the template makes it: the same formulas, formats and grid, its input sheet scanned", async (code) => {
  const scanned = await sameBothWays(await bytesOf(await departmentWorkbook(code, await loadExampleData())));
  expect(scanned).toContain(code);
});

test("an analyst's workbook with every corpus feature, delivered as a file: the same formulas, formats and grid", async () => {
  const wb = await analystWorkbook(await loadExampleData());
  addFeatures(wb, CORPUS_FEATURES.filter((f) => f !== "chart"));
  const scanned = await sameBothWays(await bytesOf(wb));
  expect(scanned.length).toBeGreaterThan(3);
});

// ---- XML exceljs does not write ---------------------------------------------------------------

/**
 * A workbook with sheet »Log« written by hand (its `<sheetData>` content and what follows it), and
 * the style index of each number format in `formats`: exceljs writes the styles (cells of a helper
 * sheet carry them), the worksheet is replaced.
 */
async function handWritten(formats: readonly string[], body: (style: (fmt: string) => number) => { sheetData: string; after?: string; cols?: string }): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const styles = wb.addWorksheet("Formater");
  formats.forEach((f, i) => {
    styles.getCell(i + 1, 1).value = i;
    styles.getCell(i + 1, 1).numFmt = f;
  });
  wb.addWorksheet("Log").getCell("A1").value = "MARK";
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  const text = (p: string): string => new TextDecoder().decode(files[p]);
  const stylesXml = text("xl/worksheets/sheet1.xml");
  const styleOf = new Map(formats.map((f, i) => [f, Number(new RegExp(`<c r="A${i + 1}" s="(\\d+)"`).exec(stylesXml)?.[1])]));
  const style = (fmt: string): number => {
    const s = styleOf.get(fmt);
    if (s === undefined || Number.isNaN(s)) throw new Error(`no style for ${fmt}`);
    return s;
  };
  const { sheetData, after = "", cols = "" } = body(style);
  files["xl/worksheets/sheet2.xml"] = new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${cols}<sheetData>${sheetData}</sheetData>${after}</worksheet>`,
  );
  return zipSync(files);
}

const HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>ordning</t></is></c></row>';

test.each([
  [
    "a merge's other cells the file lacks take their row's number format, else their column's",
    (s: (f: string) => number) => ({
      cols: `<cols><col min="3" max="3" width="9" style="${s("#,##0")}"/></cols>`,
      sheetData: `${HEAD}<row r="2" s="${s("0%")}" customFormat="1"><c r="A2"><v>5</v></c></row><row r="3"><c r="B3"><v>6</v></c></row>`,
      after: '<mergeCells count="2"><mergeCell ref="A2:C2"/><mergeCell ref="B3:C4"/></mergeCells>',
    }),
  ],
  [
    "a merge's other cells the file holds keep their own style: a value, a formula, a style alone, no style",
    (s: (f: string) => number) => ({
      sheetData: `${HEAD}<row r="2" s="${s("0%")}" customFormat="1"><c r="A2"><v>5</v></c><c r="B2" s="${s("0.00")}"><v>9</v></c><c r="C2" s="${s("yyyy-mm-dd")}"/><c r="D2"><f>A2</f><v>5</v></c><c r="E2"/><c r="F2" s="0"/></row>`,
      after: '<mergeCells count="1"><mergeCell ref="A2:F2"/></mergeCells>',
    }),
  ],
  [
    "a merge whose top-left cell the file lacks",
    (s: (f: string) => number) => ({
      sheetData: `${HEAD}<row r="2"><c r="B2" s="${s("0.00")}"><v>9</v></c></row>`,
      after: '<mergeCells count="1"><mergeCell ref="A2:B3"/></mergeCells>',
    }),
  ],
  [
    "a shared formula whose master is a merge's other cell (exceljs's getter throws)",
    () => ({
      sheetData: `${HEAD}<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B3" si="0">A2*2</f><v>2</v></c></row><row r="3"><c r="B3"><f t="shared" si="0"/><v>4</v></c></row>`,
      after: '<mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells>',
    }),
  ],
  [
    "shared formulas by another writer: a master without text, a slave without its master",
    (s: (f: string) => number) => ({
      sheetData: `${HEAD}<row r="2"><c r="B2" s="${s("0%")}"><f t="shared" ref="B2:B3" si="0"/><v>1</v></c><c r="C2"><f t="shared" si="7"/><v>3</v></c></row><row r="3"><c r="B3"><f t="shared" si="0"/><v>2</v></c></row>`,
    }),
  ],
  [
    "formulas and formats far right and far down",
    (s: (f: string) => number) => ({
      sheetData: `${HEAD}<row r="2"><c r="XFD2" s="${s("0%")}"><f>A1</f><v>1</v></c></row><row r="500"><c r="BA500" s="${s('"kr." 0')}"><v>3</v></c></row>`,
    }),
  ],
])("%s: the same formulas, formats and grid (or the same error) as exceljs", async (_name, body) => {
  const bytes = await handWritten(["0%", "#,##0", "0.00", "yyyy-mm-dd", '"kr." 0'], body);
  expect(await sameBothWays(bytes)).toContain("Log");
});

test("the pane's collect (readPickedFile) scans a delivered file's input sheet, and reads what the unscanned reader reads", async () => {
  const data = await loadExampleData();
  const delivered = await departmentWorkbook("BUF", data);
  // A formula and a number format of the department's own, beside the template's.
  const extra = (delivered.getWorksheet("BUF") as ExcelJS.Worksheet).getCell("J5");
  extra.value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
  extra.numFmt = "0.0%";
  const bytes = await bytesOf(delivered);
  const spy = jest.spyOn(load, "loadWorkbookBytes");
  let r: Awaited<ReturnType<typeof readPickedFile>>;
  try {
    r = await readPickedFile("BUF-2025.xlsx", bytes, Date.UTC(2026, 0, 15));
    expect(spy).toHaveBeenCalledTimes(1);
    const read = (await spy.mock.results[0]?.value) as ExcelJS.Workbook;
    expect(read.worksheets.filter((ws) => wasScanned(ws)).map((ws) => ws.name)).toContain("BUF");
  } finally {
    spy.mockRestore();
  }
  if (!r.ok) throw new Error("not read");
  const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read");
  expect(wb.worksheets.some((ws) => wasScanned(ws))).toBe(false);
  // The extras of the sheets a collect can take (mayBeDelivered): here every sheet of the file.
  expect(wb.worksheets.map((ws) => ws.name)).toEqual(["BUF"]);
  expect({ grid: r.file.grid, formulas: r.file.formulas, numberFormats: r.file.numberFormats }).toStrictEqual({ grid: readWorkbookGrid(wb), ...deliveryExtras(wb) });
  // The department's formula and number format arrive.
  expect(r.file.numberFormats?.BUF?.J5).toBe("0.0%");
  expect(r.file.formulas).toContainEqual({ sheet: "BUF", cell: "J5", formula: "1+1" });
});

describe("a delivered file whose formula exceljs cannot translate (a shared formula's master is a merged cell)", () => {
  const broken = (): Promise<Uint8Array> =>
    handWritten([], () => ({
      sheetData: `${HEAD}<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B3" si="0">A2*2</f><v>2</v></c></row><row r="3"><c r="B3"><f t="shared" si="0"/><v>4</v></c></row>`,
      after: '<mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells>',
    }));

  test("the pane's collect: the file cannot be read, naming the cell (not an exception that ends the collect)", async () => {
    await expect(readPickedFile("BUF-2025.xlsx", await broken())).resolves.toEqual({ ok: false, file: "BUF-2025.xlsx", reason: "formula-broken", at: { sheet: "Log", cell: "B3" } });
  });

  test("saml: one unreadable row for the file, the others collected, no internal error", async () => {
    const dir = await tempDir();
    try {
      const hoved = path.join(dir, "hoved.xlsx");
      await (await buildExample(await loadExampleData())).xlsx.writeFile(hoved);
      const bad = path.join(dir, "BUF-2025.xlsx");
      await fs.writeFile(bad, await broken());
      const good = path.join(dir, "ØKF-2025.xlsx");
      await fs.writeFile(good, await bytesOf(await departmentWorkbook("ØKF", await loadExampleData())));
      const run = await runCli("saml", hoved, bad, good, "-o", path.join(dir, "ud.xlsx"), "--json");
      expect(run.stderr).not.toContain(CLI.internal);
      const doc = JSON.parse(run.stdout) as { overview: { code: string; state: string; unreadable: { reason: string } | null }[] };
      expect(doc.overview.filter((r) => r.unreadable !== null).map((r) => r.unreadable?.reason)).toEqual(["formula-broken"]);
      expect(doc.overview.find((r) => r.code === "ØKF")?.state).not.toBe("unreadable");
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

test("what reads the analyst's sheets from exceljs (touchedSheets, copySheet, fillInPlace) refuses a scanned sheet rather than read it as empty", async () => {
  const wb = await analystWorkbook(await loadExampleData());
  (wb.getWorksheet("BUF") as ExcelJS.Worksheet).getCell("B5").numFmt = "0%";
  const bytes = await bytesOf(wb);
  // The copy mode (saml's and gendan's main workbook) is never scanned: the blank BUF sheet's format is seen.
  const copy = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "copy");
  expect(copy.worksheets.some((ws) => wasScanned(ws))).toBe(false);
  expect(touchedSheets(copy, readWorkbookGrid(copy)).BUF).toBeDefined();
  const read = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells: true });
  const buf = read.getWorksheet("BUF") as ExcelJS.Worksheet;
  expect(wasScanned(buf)).toBe(true);
  expect(() => touchedSheets(read, readWorkbookGrid(read))).toThrow(/scanned/);
  expect(() => copySheet(new ExcelJS.Workbook(), buf, "x")).toThrow(/scanned/);
  expect(() => fillInPlace(buf, { rows: 0, cols: 0, values: [], numberFormats: [], merges: [] })).toThrow(/scanned/);
});

describe("the extras are listed only for sheets a collect can take (issue 20: a million formulas in a log sheet)", () => {
  /** BUF's file with a department formula and format, a log sheet under an »Ordning« header full of formulas and formats, and a notes sheet. */
  async function deliveredWithLog(): Promise<Uint8Array> {
    const data = await loadExampleData();
    const delivered = await departmentWorkbook("BUF", data, 2);
    const own = (delivered.getWorksheet("BUF") as ExcelJS.Worksheet).getCell("J5");
    own.value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
    own.numFmt = "0.0%";
    const log = delivered.addWorksheet("Log");
    log.getCell("A1").value = "Ordning";
    for (let r = 2; r <= 40; r++) {
      const a = log.getCell(r, 1);
      a.value = { formula: `ROW(A${r})/100`, result: r / 100 } as ExcelJS.CellFormulaValue;
      a.numFmt = "0.00%";
      const b = log.getCell(r, 2);
      b.value = r;
      b.numFmt = "#,##0";
    }
    const notes = delivered.addWorksheet("Noter");
    notes.getCell("B2").value = { formula: "SUM(BUF!C5:C9)", result: 7 } as ExcelJS.CellFormulaValue;
    return await bytesOf(delivered);
  }

  test("the log and notes sheets get no entries, the department sheet all of its own; the collect's plan is the one with every sheet's extras", async () => {
    const bytes = await deliveredWithLog();
    const r = await readPickedFile("BUF-2025.xlsx", bytes);
    if (!r.ok) throw new Error(`not read: ${r.reason}`);
    const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells: true });
    expect(wb.worksheets.filter((ws) => wasScanned(ws)).map((ws) => ws.name)).toEqual(expect.arrayContaining(["BUF", "Log"]));
    const grid = readWorkbookGrid(wb);
    const all = deliveryExtras(wb);
    // What was left out is only the other sheets' entries; the department sheet's are all there.
    expect(all.formulas.filter((f) => f.sheet === "Log")).toHaveLength(39);
    expect(all.formulas.some((f) => f.sheet === "Noter")).toBe(true);
    expect(r.file.formulas).toStrictEqual(all.formulas.filter((f) => f.sheet === "BUF"));
    expect(r.file.formulas).toContainEqual({ sheet: "BUF", cell: "J5", formula: "1+1" });
    expect(r.file.numberFormats).toStrictEqual({ BUF: all.numberFormats.BUF });
    expect(mayBeDelivered(grid)("Log")).toBe(false);
    // The collect into the analyst's workbook plans the same with the full lists.
    const hr = new ExcelJS.Workbook();
    await hr.xlsx.load((await bytesOf(await analystWorkbook(await loadExampleData()))) as unknown as ExcelJS.Buffer);
    const target = readWorkbookGrid(hr);
    const withAll = planCollect(target, [{ ...r.file, ...all }], { choice: "ask" });
    const withSome = planCollect(target, [r.file], { choice: "ask" });
    expect(withSome).toStrictEqual(withAll);
    const buf = withSome.overview.find((row) => row.code === "BUF");
    expect(buf?.state).toBe("delivered");
    expect(JSON.stringify(buf?.removed)).toContain("plain");
  });

  test("a formula exceljs cannot read still refuses the file when it is in a sheet no collect takes (its cells are walked, not listed)", async () => {
    const bytes = await handWritten([], () => ({
      sheetData: `${HEAD}<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B3" si="0">A2*2</f><v>2</v></c></row><row r="3"><c r="B3"><f t="shared" si="0"/><v>4</v></c></row>`,
      after: '<mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells>',
    }));
    const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells: true });
    expect(() => deliveryExtras(wb, () => false)).toThrow("shared formula unreadable: Log!B3");
    await expect(readPickedFile("BUF-2025.xlsx", bytes)).resolves.toEqual({ ok: false, file: "BUF-2025.xlsx", reason: "formula-broken", at: { sheet: "Log", cell: "B3" } });
  });
});

test("once the grid and extras are read, the read cells are let go (releaseReadCells): a second read throws rather than read them as empty", async () => {
  const data = await loadExampleData();
  const bytes = await bytesOf(await departmentWorkbook("BUF", data));
  const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells: true });
  const grid = readWorkbookGrid(wb);
  const extras = deliveryExtras(wb);
  expect(extras.numberFormats).toHaveProperty("BUF");
  expect(grid.sheets.find((x) => x.name === "BUF")?.values.length).toBeGreaterThan(5);
  releaseReadCells(wb);
  const buf = wb.getWorksheet("BUF") as ExcelJS.Worksheet;
  expect(wasScanned(buf)).toBe(true);
  expect(() => readWorkbookGrid(wb)).toThrow("released");
  expect(() => deliveryExtras(wb)).toThrow("released");
  // What readDelivery returns was read before the release, and is the same grid.
  const r = await readPickedFile("BUF-2025.xlsx", bytes);
  if (!r.ok) throw new Error("not read");
  expect(r.file.grid).toStrictEqual(grid);
});
