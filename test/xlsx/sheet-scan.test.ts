/**
 * The sheet scan (src/xlsx/sheet-scan.ts, issue 20: a million rows read whole without exceljs
 * building its model) gives the very grid exceljs gives, cell for cell. The oracle is the reader as
 * it was: the same file loaded with exceljs building every cell (`scanCells` off). Random workbooks
 * are written by exceljs itself with every kind of value the grid holds; a few hand-written XML
 * files cover what exceljs does not write (entities, line ends, shared formulas by another writer)
 * and what the scan leaves to exceljs.
 */
import fc from "fast-check";
import { unzipSync, zipSync } from "fflate";
import { buildExample, loadExampleData } from "../../src/cli/example";
import ExcelJS from "../../src/cli/exceljs";
import type { WorkbookGrid } from "../../src/core/grid";
import { loadWorkbookBytes } from "../../src/xlsx/load";
import { readWorkbookGrid, SharedStringMissingError, wasScanned } from "../../src/xlsx/read-grid";
import { scanSheetData, withoutSheetData } from "../../src/xlsx/sheet-scan";
import { CLI } from "../../src/messages/da";
import { withSheet } from "./zip-forge";

async function bothGrids(bytes: Uint8Array): Promise<{ oracle: WorkbookGrid; scanned: WorkbookGrid; scannedSheets: string[] }> {
  const oracle = readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read"));
  const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells: true });
  return { oracle, scanned: readWorkbookGrid(wb), scannedSheets: wb.worksheets.filter((ws) => wasScanned(ws)).map((ws) => ws.name) };
}

/** exceljs's own failure on a `t="s"` cell whose shared string is missing (it reads `.richText` of undefined). */
const EXCELJS_MISSING_STRING = "Cannot read properties of undefined (reading 'richText')";

/**
 * Both readers' outcome: the grid, or the error's class and message. A missing shared string is
 * one outcome: exceljs fails on it with a bare TypeError, the scan with SharedStringMissingError
 * naming the cell (both refuse the file; the CLI's message then names the sheet and the cell).
 */
async function outcome(bytes: Uint8Array, scanCells: boolean): Promise<unknown> {
  try {
    return readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells }));
  } catch (e) {
    if (e instanceof SharedStringMissingError || (e instanceof TypeError && e.message === EXCELJS_MISSING_STRING)) return { threw: "missing shared string" };
    return { threw: (e as Error).constructor.name, message: (e as Error).message };
  }
}

// ---- random workbooks written by exceljs ------------------------------------------------------

const COLS = [1, 2, 3, 4, 5, 26, 27, 51, 52, 53, 60, 100, 703, 16383, 16384];
const HEADER = ["Ordning", "Forvaltning", "Måltal", "År", "Noter"];
const ERRORS = ["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"];
const NUM_FMTS = ["0%", "0.0%", "#,##0", "#,##0,", '#,##0,"k"', "0.00", "yyyy-mm-dd", "d/m/yyyy h:mm", "[h]:mm", '"år" 0', "mmm", "General"];

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("a<b>&c", '"quoted" \'apos\'', "_x0041_", "_x005F_x0041_", "_x000D_", "line\nbreak", "tab\there", " padded ", "ordning", "æøå ÆØÅ", "\u2028", "x\u0001y", "€ 100", "=1+1", "1e5", "0x10"),
  fc.string({ unit: "grapheme", maxLength: 6 }),
);
const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
  fc.constantFrom(0, -0, 0.1, 0.30000000000000004, 1e-7, 1.5e300, -2.5e-300, 123456789012345, 45658, 45658.5, 1 / 3),
);

type Kind =
  | { k: "number"; v: number; fmt?: string }
  | { k: "string"; v: string }
  | { k: "rich"; v: string[] }
  | { k: "bool"; v: boolean }
  | { k: "error"; v: string }
  | { k: "formula"; f: string; result: number | string | boolean | { error: string } | undefined; fmt?: string }
  | { k: "date"; v: number; fmt: string }
  | { k: "styled-empty"; fmt: string };

const kind: fc.Arbitrary<Kind> = fc.oneof(
  fc.record({ k: fc.constant("number" as const), v: number }),
  fc.record({ k: fc.constant("number" as const), v: number, fmt: fc.constantFrom(...NUM_FMTS) }),
  fc.record({ k: fc.constant("string" as const), v: text }),
  fc.record({ k: fc.constant("rich" as const), v: fc.array(text, { minLength: 1, maxLength: 3 }) }),
  fc.record({ k: fc.constant("bool" as const), v: fc.boolean() }),
  fc.record({ k: fc.constant("error" as const), v: fc.constantFrom(...ERRORS) }),
  fc.record({
    k: fc.constant("formula" as const),
    f: fc.constantFrom("A1+1", "SUM(B2:B9)", "$A$1*2", 'IF(A1>0,"ja","nej")', "Sheet2!C3", "TODAY()", "B2&\"x\""),
    result: fc.oneof(number, text, fc.boolean(), fc.constantFrom(...ERRORS).map((error) => ({ error })), fc.constant(undefined)),
  }),
  fc.record({ k: fc.constant("formula" as const), f: fc.constantFrom("A1+1", "C2/100"), result: number, fmt: fc.constantFrom("0%", "yyyy-mm-dd", "#,##0,") }),
  fc.record({ k: fc.constant("date" as const), v: fc.integer({ min: -1000, max: 3_000_000 }).map((n) => n / 24), fmt: fc.constantFrom("yyyy-mm-dd", "d/m/yyyy h:mm", "mmm yy", "h:mm:ss") }),
  fc.record({ k: fc.constant("styled-empty" as const), fmt: fc.constantFrom("0%", "@", "yyyy") }),
);

interface SheetSpec {
  readonly header: string | null;
  readonly cells: readonly { row: number; col: number; kind: Kind }[];
  readonly hiddenRows: readonly number[];
  readonly hiddenCols: readonly number[];
  readonly merges: readonly { row: number; col: number; down: number; right: number }[];
  readonly sharedFormula: boolean;
}

const sheetSpec: fc.Arbitrary<SheetSpec> = fc.record({
  header: fc.oneof(fc.constantFrom(...HEADER), fc.constant(null)),
  cells: fc.array(fc.record({ row: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 190, max: 260 })), col: fc.constantFrom(...COLS), kind }), { maxLength: 60 }),
  hiddenRows: fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 4 }),
  hiddenCols: fc.array(fc.constantFrom(1, 2, 3, 52, 53, 60), { maxLength: 3 }),
  merges: fc.array(fc.record({ row: fc.integer({ min: 2, max: 50 }), col: fc.constantFrom(1, 3, 5, 50, 55), down: fc.integer({ min: 0, max: 2 }), right: fc.integer({ min: 0, max: 2 }) }), { maxLength: 3 }),
  sharedFormula: fc.boolean(),
});

const toDate = (serial: number): Date => new Date(Math.round((serial - 25569) * 86_400_000));

function fill(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  if (spec.header !== null) ws.getCell(1, 1).value = spec.header;
  for (const { row, col, kind: c } of spec.cells) {
    const cell = ws.getCell(row, col);
    if (c.k === "number") {
      cell.value = c.v;
      if (c.fmt) cell.numFmt = c.fmt;
    } else if (c.k === "string") cell.value = c.v;
    else if (c.k === "rich") cell.value = { richText: c.v.map((t, i) => ({ text: t, ...(i % 2 === 1 ? { font: { bold: true } } : {}) })) };
    else if (c.k === "bool") cell.value = c.v;
    else if (c.k === "error") cell.value = { error: c.v } as ExcelJS.CellErrorValue;
    else if (c.k === "formula") {
      cell.value = { formula: c.f, ...(c.result !== undefined ? { result: c.result } : {}) } as ExcelJS.CellFormulaValue;
      if (c.fmt) cell.numFmt = c.fmt;
    } else if (c.k === "date") {
      cell.value = toDate(c.v);
      cell.numFmt = c.fmt;
    } else cell.numFmt = c.fmt;
  }
  if (spec.sharedFormula) {
    ws.getCell("H300").value = { formula: "G300*2", result: 4, shareType: "shared", ref: "H300:H303" } as ExcelJS.CellFormulaValue;
    for (let r = 301; r <= 303; r++) ws.getCell(`H${r}`).value = { sharedFormula: "H300", result: r } as ExcelJS.CellSharedFormulaValue;
  }
  for (const r of spec.hiddenRows) ws.getRow(r).hidden = true;
  for (const c of spec.hiddenCols) ws.getColumn(c).hidden = true;
  const taken = new Set<string>();
  for (const m of spec.merges) {
    const cells: string[] = [];
    for (let r = m.row; r <= m.row + m.down; r++) for (let c = m.col; c <= m.col + m.right; c++) cells.push(`${r},${c}`);
    if (cells.length < 2 || cells.some((k) => taken.has(k))) continue;
    cells.forEach((k) => taken.add(k));
    ws.mergeCells(m.row, m.col, m.row + m.down, m.col + m.right);
  }
}

test("property: the scanned grid equals exceljs's, cell for cell, on random workbooks", async () => {
  let scannedAny = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(sheetSpec, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean(), async (specs, useSharedStrings, date1904) => {
      const wb = new ExcelJS.Workbook();
      if (date1904) wb.properties.date1904 = true;
      specs.forEach((spec, i) => fill(wb.addWorksheet(`Ark ${i + 1}`), spec));
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer({ useSharedStrings } as ExcelJS.XlsxWriteOptions));
      const [oracle, scanned] = [await outcome(bytes, false), await outcome(bytes, true)];
      expect(scanned).toStrictEqual(oracle);
      const { scannedSheets } = await bothGrids(bytes).catch(() => ({ scannedSheets: [] as string[] }));
      scannedAny += scannedSheets.length;
    }),
    { seed: 20_2026, numRuns: 150 },
  );
  // The property says something only if sheets were in fact scanned.
  expect(scannedAny).toBeGreaterThan(50);
}, 240_000);

// ---- XML exceljs does not write ---------------------------------------------------------------

let example: Uint8Array;
beforeAll(async () => {
  example = new Uint8Array(await (await buildExample(await loadExampleData())).xlsx.writeBuffer());
});

const HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>ordning</t></is></c></row>';

test.each([
  ["entities and character references", '<row r="2"><c r="B2" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &#65;&#x42; &quot;q&quot;</t></is></c><c r="C2" t="str"><f>"x"</f><v>&apos;y&apos;</v></c></row>'],
  ["line ends in a text (XML makes CR LF and CR a line feed)", '<row r="2"><c r="B2" t="inlineStr"><is><t>a\r\nb\rc</t></is></c></row>'],
  ["numbers as other writers store them", '<row r="2"><c r="B2"><v> 12 </v></c><c r="C2"><v>8,9e1</v></c><c r="D2"><v>1E3</v></c><c r="E2"><v>.5</v></c><c r="F2"><v>0x10</v></c><c r="G2"><v>INF</v></c></row>'],
  ["a t=\"d\" date and an unknown type", '<row r="2"><c r="B2" t="d"><v>2025-01-31</v></c><c r="C2" t="x"><v>7</v></c></row>'],
  ["booleans and errors as text", '<row r="2"><c r="B2" t="b"><v>0</v></c><c r="C2" t="b"><v>2</v></c><c r="D2" t="b"><v>x</v></c><c r="E2" t="e"><v>#N/A</v></c></row>'],
  ["a shared formula written by Excel, with a master that has no cached value", '<row r="2"><c r="B2"><f t="shared" ref="B2:B4" si="0">A2*2</f></c></row><row r="3"><c r="B3"><f t="shared" si="0"/><v>6</v></c></row><row r="4"><c r="B4"><f t="shared" si="0"/><v>0</v></c></row>'],
  ["formula results: zero, false, an empty text", '<row r="2"><c r="B2"><f>A1-A1</f><v>0</v></c><c r="C2" t="b"><f>FALSE()</f><v>0</v></c><c r="D2" t="str"><f>""</f><v></v></c><c r="E2"><f t="array" ref="E2"/></c></row>'],
  ["empty cells with and without a style, empty rows, hidden rows", '<row r="2" hidden="1"><c r="B2" s="0"/><c r="C2"/></row><row r="3" hidden="true"/><row r="5" hidden="0"><c r="E5"><v>5</v></c></row>'],
  ["a cell in column XFD and a gap of rows", '<row r="2"><c r="XFD2"><v>1</v></c></row><row r="900"><c r="A900" t="inlineStr"><is><t>sidst</t></is></c></row>'],
  ["attributes in single quotes and with spaces around »=«", "<row r='2'><c r = 'B2' t='inlineStr'><is><t>x</t></is></c><c r='C2'><v>3</v></c></row>"],
])("%s: the same grid (or the same error) as exceljs", async (_name, rows) => {
  expect(scanSheetData(`<worksheet><sheetData>${HEAD + rows}</sheetData></worksheet>`)).toBe(true);
  const bytes = withSheet(example, "Log", HEAD + rows);
  const [oracle, scanned] = [await outcome(bytes, false), await outcome(bytes, true)];
  expect(scanned).toStrictEqual(oracle);
});

test("a shared-string index out of range: exceljs fails with a bare TypeError; the scan and the loader (missing-strings.ts) name the sheet and the cell, and the CLI says so in Danish", async () => {
  const bytes = withSheet(example, "Log", `${HEAD}<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>99999</v></c></row>`);
  const unscanned = loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read");
  await expect(unscanned).rejects.toBeInstanceOf(SharedStringMissingError);
  await expect(unscanned).rejects.toMatchObject({ sheet: "Log", cell: "B2" });
  const scanned = loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells: true });
  await expect(scanned).rejects.toBeInstanceOf(SharedStringMissingError);
  await expect(scanned).rejects.toMatchObject({ sheet: "Log", cell: "B2" });
  const { loadBoundedBytes, readerRefusal } = await import("../../src/cli/xlsx-read");
  const refusal = await loadBoundedBytes(bytes, "read").then(
    () => undefined,
    (e: unknown) => readerRefusal(e, "fil.xlsx"),
  );
  expect(refusal).toBe(CLI.textMissing("fil.xlsx", "Log", "B2"));
  expect(refusal).toContain("B2");
  expect(refusal).toContain("»Log«");
});

test.each([
  ["a comment", `${HEAD}<!-- x --><row r="2"><c r="B2"><v>1</v></c></row>`],
  ["CDATA", `${HEAD}<row r="2"><c r="B2" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>`],
  ["a row without its number", `${HEAD}<row><c r="B2"><v>1</v></c></row>`],
  ["a cell without its address", `${HEAD}<row r="2"><c><v>1</v></c></row>`],
  ["cells out of order", `${HEAD}<row r="2"><c r="C2"><v>1</v></c><c r="B2"><v>2</v></c></row>`],
  ["two values in a cell", `${HEAD}<row r="2"><c r="B2"><v>1</v><v>8</v></c></row>`],
  ["rich text in an inline string", `${HEAD}<row r="2"><c r="B2" t="inlineStr"><is><r><t>a</t></r></is></c></row>`],
  ["a namespace prefix", `${HEAD}<x:row r="2"><x:c r="B2"><x:v>1</x:v></x:c></x:row>`],
  ["an entity-encoded type", `${HEAD}<row r="2"><c r="B2" t="&#115;"><v>0</v></c></row>`],
  ["an unknown element", `${HEAD}<row r="2"><c r="B2"><v>1</v><extLst/></c></row>`],
  ["a raw control character (not XML)", `${HEAD}<row r="2"><c r="B2" t="inlineStr"><is><t>a\u0001b</t></is></c></row>`],
  ["an attribute name XML does not allow (exceljs's parser refuses the file)", `${HEAD}<row r="2"><c r="B2" 1x="y"><v>5</v></c></row>`],
  ["no white space between attributes", `${HEAD}<row r="2"><c r="B2"t="b"><v>1</v></c></row>`],
  ["a bare & in an attribute the scan does not read", `${HEAD}<row r="2"><c r="B2" x="a&b"><v>5</v></c></row>`],
  ["&#0; in an attribute the scan does not read", `${HEAD}<row r="2"><c r="B2" x="&#0;"><v>5</v></c></row>`],
  ["&#x1B; in an attribute the scan does not read", `${HEAD}<row r="2"><c r="B2" x="&#x1B;"><v>5</v></c></row>`],
  ["&#xFFFE; in an attribute the scan does not read", `${HEAD}<row r="2"><c r="B2" x="&amp;&#xFFFE;"><v>5</v></c></row>`],
  ["»]]>« in text between cells", `${HEAD}<row r="2">]]><c r="B2"><v>5</v></c></row>`],
  ["a no-break space where XML wants white space", `${HEAD}<row r="2"><c\u00A0r="B2"><v>5</v></c></row>`],
])("%s: the scan leaves the sheet to exceljs, and the grid is exceljs's", async (_name, rows) => {
  expect(scanSheetData(`<worksheet><sheetData>${rows}</sheetData></worksheet>`)).toBe(false);
  const bytes = withSheet(example, "Log", rows);
  const [oracle, scanned] = [await outcome(bytes, false), await outcome(bytes, true)];
  expect(scanned).toStrictEqual(oracle);
});

test("a sheet with hyperlinks is left to exceljs (it makes a linked cell's value a link)", () => {
  expect(withoutSheetData('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><hyperlinks><hyperlink ref="A1" location="B2"/></hyperlinks></worksheet>')).toBeUndefined();
});

test("exceljs gets a scanned sheet without its cells, and keeps what follows them (merges)", () => {
  const xml = '<worksheet><cols><col min="2" max="2" hidden="1"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>';
  expect(withoutSheetData(xml)).toBe('<worksheet><cols><col min="2" max="2" hidden="1"/></cols><sheetData/><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>');
});

test("the example workbook's input sheets are scanned, and read alike", async () => {
  const { oracle, scanned, scannedSheets } = await bothGrids(example);
  expect(scannedSheets.length).toBeGreaterThan(0);
  expect(scanned).toStrictEqual(oracle);
});

test("the CLI's read mode scans the sheets that may be read whole; its copy mode does not", async () => {
  const { loadBoundedBytes } = await import("../../src/cli/xlsx-read");
  const bytes = withSheet(example, "Log", HEAD + '<row r="2"><c r="A2"><v>7</v></c></row>');
  const read = await loadBoundedBytes(bytes, "read");
  expect(read.worksheets.filter((ws) => wasScanned(ws)).map((ws) => ws.name)).toContain("Log");
  const copy = await loadBoundedBytes(bytes, "copy");
  expect(copy.worksheets.some((ws) => wasScanned(ws))).toBe(false);
  // …and the copy, read by exceljs whole, gives the same grid as the scanned read.
  expect(readWorkbookGrid(read).sheets.find((s) => s.name === "Log")).toStrictEqual(readWorkbookGrid(copy).sheets.find((s) => s.name === "Log"));
});

// ---- random XML, as other writers might write it ----------------------------------------------

const vText = fc.constantFrom("1", " 12 ", "-0", "1e3", "8,9e1", ".5", "abc", "0", "2", "#N/A", "&amp;lt;", "a &amp; b", "&#65;", "&#x2028;", "_x0041_", "line\r\nend", "3", "99999", "45658.25");
const xmlCell = fc.record({
  col: fc.integer({ min: 1, max: 52 }),
  t: fc.constantFrom(undefined, "n", "s", "str", "inlineStr", "b", "e", "d", "x"),
  s: fc.constantFrom(undefined, "", "0", "1", "2", "3", "5", "abc"),
  v: fc.option(vText, { nil: undefined }),
  f: fc.option(fc.constantFrom('<f>A1+1</f>', '<f t="shared" ref="B2:B9" si="0">A2*2</f>', '<f t="shared" si="0"/>', "<f/>", '<f t="array" ref="C3">SUM(A1:A2)</f>'), { nil: undefined }),
  quote: fc.constantFrom('"', "'"),
  space: fc.constantFrom("", " ", "\n  "),
  selfClose: fc.boolean(),
  // Mostly nothing; else an attribute exceljs's XML parser (saxes) refuses or accepts, after `r`.
  extra: fc.oneof(
    { arbitrary: fc.constant(""), weight: 12 },
    {
      arbitrary: fc.constantFrom(' 1x="y"', ' -q="1"', ' x="a&b"', ' x="&#0;"', ' x="&#x1B;"', ' x="&amp;&#xFFFE;"', ' x="&bogus;"', ' x="a<b"', '\u00A0x="1"', ' x="1" x="2"', ' x="&lt;&#65;&amp;"', ' xml:space="preserve"', ' :x="1"', ' x="a]]>b"', ' x = "1"'),
      weight: 1,
    },
    { arbitrary: fc.constantFrom('t="b"', 'x="1"'), weight: 1 }, // no white space before it
  ),
});

function cellXml(row: number, c: { col: number; t: string | undefined; s: string | undefined; v: string | undefined; f: string | undefined; quote: string; space: string; selfClose: boolean; extra: string }): string {
  const q = c.quote;
  const attrs = `${c.space} r=${q}${c.col > 26 ? `A${String.fromCharCode(64 + c.col - 26)}` : String.fromCharCode(64 + c.col)}${row}${q}${c.extra}${c.t !== undefined ? ` t=${q}${c.t}${q}` : ""}${c.s !== undefined ? ` s=${q}${c.s}${q}` : ""}${c.space}`;
  if (c.selfClose && c.v === undefined && c.f === undefined) return `<c${attrs}/>`;
  const value = c.v === undefined ? "" : c.t === "inlineStr" ? `<is><t>${c.v}</t></is>` : `<v>${c.v}</v>`;
  return `<c${attrs}>${c.f ?? ""}${value}</c>`;
}

/** Text between cells: mostly none; else text exceljs ignores, or text its XML parser refuses. */
const rowText = fc.oneof({ arbitrary: fc.constant(""), weight: 12 }, { arbitrary: fc.constantFrom("\n  ", "junk &amp; x", "]]>", "a & b", "&#0;", "&nope;", "&#65;", "a>b"), weight: 1 });

test("property: on random cell XML, well-formed or not, the scan reads as exceljs, or leaves the sheet to it (the same grid, or the same error)", async () => {
  // Half the sheets are written well-formed (no odd attribute, no text between cells); the others
  // may have them, and then exceljs's parser may refuse the file: both readers must then throw alike.
  const runs = { wellFormed: 0, wellFormedScanned: 0, malformedLeft: 0 };
  await fc.assert(
    fc.asyncProperty(fc.boolean(), fc.array(fc.record({ hidden: fc.constantFrom(undefined, "1", "true", "0"), cells: fc.uniqueArray(xmlCell, { selector: (c) => c.col, maxLength: 5 }), between: rowText }), { minLength: 1, maxLength: 8 }), async (wellFormed, rows) => {
      const body = rows
        .map((r, i) => {
          const n = i + 2;
          const between = wellFormed ? "" : r.between;
          const cells = [...r.cells].sort((a, b) => a.col - b.col).map((c) => cellXml(n, wellFormed ? { ...c, extra: "" } : c)).join(between);
          return `<row r="${n}"${r.hidden !== undefined ? ` hidden="${r.hidden}"` : ""}>${between}${cells}</row>`;
        })
        .join("");
      const bytes = withSheet(example, "Log", HEAD + body);
      const [oracle, scanned] = [await outcome(bytes, false), await outcome(bytes, true)];
      expect(scanned).toStrictEqual(oracle);
      const read = scanSheetData(`<worksheet><sheetData>${HEAD + body}</sheetData></worksheet>`);
      if (wellFormed) {
        runs.wellFormed++;
        if (read) runs.wellFormedScanned++;
      } else if (!read) runs.malformedLeft++;
    }),
    { seed: 2020, numRuns: 200 },
  );
  expect(runs.wellFormedScanned).toBeGreaterThan(runs.wellFormed / 2);
  expect(runs.malformedLeft).toBeGreaterThan(10);
}, 240_000);

test("two sheets on one part are both left to exceljs (stripping the part for one would empty the other)", async () => {
  const one = withSheet(example, "Log", HEAD + '<row r="2"><c r="B2"><v>5</v></c></row>');
  const files = unzipSync(one);
  const wbXml = new TextDecoder().decode(files["xl/workbook.xml"]);
  const entry = /<sheet name="Log"[^>]*\/>/.exec(wbXml)?.[0] as string;
  expect(entry).toBeDefined();
  files["xl/workbook.xml"] = new TextEncoder().encode(wbXml.replace(entry, `${entry}${entry.replace('name="Log"', 'name="Log2"').replace(/sheetId="\d+"/, 'sheetId="999"')}`));
  const bytes = zipSync(files);
  const [oracle, scanned] = [await outcome(bytes, false), await outcome(bytes, true)];
  expect(scanned).toStrictEqual(oracle);
});

/** `bytes` with a drawing on the sheet named `name`: `<drawing r:id>` after its cells, its rels entry and the drawing part. */
function withDrawing(bytes: Uint8Array, name: string): Uint8Array {
  const files = unzipSync(bytes);
  const text = (p: string): string => new TextDecoder().decode(files[p]);
  const put = (p: string, s: string): void => {
    files[p] = new TextEncoder().encode(s);
  };
  const rid = new RegExp(`<sheet name="${name}"[^>]*r:id="([^"]+)"`).exec(text("xl/workbook.xml"))?.[1] as string;
  const part = `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(text("xl/_rels/workbook.xml.rels"))?.[1] as string}`;
  put(part, text(part).replace("</worksheet>", '<drawing r:id="rIdD1"/></worksheet>'));
  put(part.replace("worksheets/", "worksheets/_rels/") + ".rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdD1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing9.xml"/></Relationships>');
  put("xl/drawings/drawing9.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>');
  put("[Content_Types].xml", text("[Content_Types].xml").replace("</Types>", '<Override PartName="/xl/drawings/drawing9.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>'));
  return zipSync(files);
}

test("a scanned sheet with a drawing loads in read mode, as exceljs reads it (the drawing's reference went with its rels entry; beregn on a status copy with a user's chart)", async () => {
  const { loadBoundedBytes } = await import("../../src/cli/xlsx-read");
  const bytes = withDrawing(withSheet(example, "Log", HEAD + '<row r="2"><c r="B2"><v>5</v></c></row>'), "Log");
  const read = await loadBoundedBytes(bytes, "read");
  expect(read.worksheets.filter((ws) => wasScanned(ws)).map((ws) => ws.name)).toContain("Log");
  const [oracle, scanned] = [await outcome(bytes, false), await outcome(bytes, true)];
  expect(scanned).toStrictEqual(oracle);
  expect((scanned as WorkbookGrid).sheets.find((s) => s.name === "Log")).toBeDefined();
});

test("an input sheet with no cells (`<sheetData/>`) and a drawing loads in read mode", async () => {
  const files = unzipSync(withDrawing(withSheet(example, "Tom", ""), "Tom"));
  for (const [p, d] of Object.entries(files)) if (/^xl\/worksheets\/sheet\d+\.xml$/.test(p)) files[p] = new TextEncoder().encode(new TextDecoder().decode(d).replace("<sheetData></sheetData>", "<sheetData/>"));
  const bytes = zipSync(files);
  const [oracle, scanned] = [await outcome(bytes, false), await outcome(bytes, true)];
  expect(oracle).not.toHaveProperty("threw");
  expect(scanned).toStrictEqual(oracle);
});

/** `withSheet`'s sheet "Log" with its worksheet XML between the root's tags given whole. */
function withSheetBody(body: string): Uint8Array {
  const files = unzipSync(withSheet(example, "Log", "MARK"));
  for (const [p, d] of Object.entries(files)) {
    const xml = new TextDecoder().decode(d);
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(p) && xml.includes("<sheetData>MARK</sheetData>")) files[p] = new TextEncoder().encode(xml.replace("<sheetData>MARK</sheetData>", body));
  }
  return zipSync(files);
}

const CELLS = `<sheetData>${HEAD}<row r="2"><c r="B2"><v>5</v></c></row></sheetData>`;
test.each([
  ["inside <sheetPr>", `<sheetPr>${CELLS}</sheetPr>`],
  ["inside <dataValidations>", `<dataValidations count="1">${CELLS}</dataValidations>`],
  ["inside <extLst><ext>", `<extLst><ext uri="{x}">${CELLS}</ext></extLst>`],
  ["inside an element after an empty one", `<sheetPr/><dimension ref="A1"/><cols><col min="1" max="1" width="9"/></cols><dataValidations count="1">${CELLS}</dataValidations>`],
])("a <sheetData> %s is no cells to exceljs: the scan leaves the sheet to it, and the grid is exceljs's (no figure it does not see)", async (_name, body) => {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${body}</worksheet>`;
  expect(scanSheetData(xml)).toBe(false);
  const bytes = withSheetBody(body);
  const [oracle, scanned] = [await outcome(bytes, false), await outcome(bytes, true)];
  expect(scanned).toStrictEqual(oracle);
});

test("a <sheetData> after the root's other children (with '>' in an attribute value) is still scanned", () => {
  const xml = `<?xml version="1.0"?>\n<worksheet xmlns="x"><sheetPr codeName="a>b"/><dimension ref="A1:B2"/><cols><col min="1" max="1"/></cols>${CELLS}</worksheet>`;
  expect(scanSheetData(xml)).toBe(true);
  expect(scanSheetData(`<root>${CELLS}</root>`)).toBe(false);
});
