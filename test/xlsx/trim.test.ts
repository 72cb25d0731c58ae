/**
 * Read mode cuts a sheet that cannot look like input to the grid's window before exceljs parses it
 * (src/xlsx/trim.ts); a sheet that might be read whole is never cut, so the grid is the same as
 * from the whole file.
 */
import { buildExample, loadExampleData } from "../../src/cli/example";
import ExcelJS from "../../src/cli/exceljs";
import { usedParts } from "../../src/xlsx/bounded-zip";
import { loadWorkbookBytes } from "../../src/xlsx/load";
import { readWorkbookGrid, WINDOW_COLS, WINDOW_ROWS } from "../../src/xlsx/read-grid";
import { sharedStrings, trimmedSheet, trimUnreadSheets } from "../../src/xlsx/trim";
import { columnRows, withSheet } from "./zip-forge";

const SHEET = (rows: string) => `<worksheet><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;

test("a notes sheet is cut to 200 rows of 52 columns; what follows the cells stays", () => {
  const xml = SHEET(columnRows("XFD", 2, 5000, (r) => `note ${r}`, "Mødenoter") + columnRows("AZ", 5001, 5001, () => "x"));
  const cut = trimmedSheet(xml, [], WINDOW_ROWS) as string;
  expect(cut).toContain("Mødenoter");
  expect(cut).not.toContain("XFD");
  expect(cut).toContain('<mergeCell ref="A1:B1"/>');
  expect((cut.match(/<row\b/g) ?? []).length).toBe(WINDOW_ROWS);
});

test("a header word anywhere in the window (shared, inline or formula text) keeps the sheet whole", () => {
  const strings = sharedStrings('<sst><si><t>Noter</t></si><si><r><t>Ord</t></r><r><t>ning</t></r></si></sst>');
  expect(strings).toEqual(["Noter", "Ordning"]);
  expect(trimmedSheet(SHEET('<row r="150"><c r="C150" t="s"><v>1</v></c></row>'), strings, WINDOW_ROWS)).toBeUndefined();
  expect(trimmedSheet(SHEET('<row r="3"><c r="AZ3" t="inlineStr"><is><t>Måltal</t></is></c></row>'), [], WINDOW_ROWS)).toBeUndefined();
  expect(trimmedSheet(SHEET('<row r="3"><c r="B3" t="str"><f>"år"</f><v>år</v></c></row>'), [], WINDOW_ROWS)).toBeUndefined();
  // Past the window (row 201, column BA) a word does not make the sheet input, as in the add-in.
  expect(trimmedSheet(SHEET('<row r="201"><c r="A201" t="s"><v>1</v></c></row><row r="2"><c r="BA2" t="s"><v>1</v></c></row>'), strings, WINDOW_ROWS)).toBeDefined();
});

test("a sheet whose cell XML the trimmer cannot read with certainty is never cut (single quotes, <v> with attributes, comments, CDATA)", () => {
  const strings = ["Ordning"];
  const rows = (cell: string): string => `<row r="1">${cell}</row>` + columnRows("A", 2, 400, (r) => `r${r}`);
  for (const cell of [
    `<c r="A1" t='s'><v>0</v></c>`,
    `<c r='A1' t="s"><v>0</v></c>`,
    `<c r="A1" t="s"><v >0</v></c>`,
    `<c r="A1" t="s"><v xml:space="preserve">0</v></c>`,
    `<c r="A1" t="s"><v>0<!-- x --></v></c>`,
    `<c r="A1" t="str"><v><![CDATA[Ordning]]></v></c>`,
  ]) {
    expect(trimmedSheet(SHEET(rows(cell)), strings, WINDOW_ROWS)).toBeUndefined();
  }
  // The same header written as Excel writes it is seen, and a plain sheet without one is still cut.
  expect(trimmedSheet(SHEET(rows(`<c r="A1" t="s"><v>0</v></c>`)), strings, WINDOW_ROWS)).toBeUndefined();
  expect(trimmedSheet(SHEET(rows(`<c r="A1"><v>1</v></c>`)), strings, WINDOW_ROWS)).toBeDefined();
});

test("the example's grid is the same read with and without trimming, and the XFD notes sheet reaches exceljs cut", async () => {
  const example = new Uint8Array(await (await buildExample(await loadExampleData())).xlsx.writeBuffer());
  const bytes = withSheet(example, "Noteark", columnRows("XFD", 2, 3000, (r) => `note ${r}`, "Mødenoter"));
  const parts = usedParts(bytes);
  const trimmed = trimUnreadSheets(parts);
  const total = (m: Map<string, Uint8Array>) => [...m.values()].reduce((n, b) => n + b.length, 0);
  expect(total(trimmed)).toBeLessThan(total(parts) / 2);
  const whole = new ExcelJS.Workbook();
  await whole.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const read = readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read"));
  expect(read.sheets).toEqual(readWorkbookGrid(whole).sheets);
  expect(Math.max(...(read.sheets.find((s) => s.name === "Noteark")?.values ?? []).map((r) => r.length))).toBeLessThanOrEqual(WINDOW_COLS);
});
