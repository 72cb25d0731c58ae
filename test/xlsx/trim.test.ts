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
import { SheetDamagedError } from "../../src/xlsx/repeated-cells";
import { sharedStrings, trimmedSheet, trimUnreadSheets } from "../../src/xlsx/trim";
import { columnRows, withSheet } from "./zip-forge";

let exampleBytes: Uint8Array;
beforeAll(async () => {
  exampleBytes = new Uint8Array(await (await buildExample(await loadExampleData())).xlsx.writeBuffer());
});

const SHEET = (rows: string) => `<worksheet><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;

test("a notes sheet is cut to 200 rows of 52 columns; what follows the cells stays", () => {
  const xml = SHEET(columnRows("XFD", 2, 5000, (r) => `note ${r}`, "Mødenoter") + columnRows("AZ", 5001, 5001, () => "x"));
  const cut = trimmedSheet(xml, [], WINDOW_ROWS, "Noter") as string;
  expect(cut).toContain("Mødenoter");
  expect(cut).not.toContain("XFD");
  expect(cut).toContain('<mergeCell ref="A1:B1"/>');
  expect((cut.match(/<row\b/g) ?? []).length).toBe(WINDOW_ROWS);
});

test("a header word anywhere in the window (shared, inline or formula text) keeps the sheet whole", () => {
  const strings = sharedStrings('<sst><si><t>Noter</t></si><si><r><t>Ord</t></r><r><t>ning</t></r></si></sst>');
  expect(strings).toEqual(["Noter", "Ordning"]);
  expect(trimmedSheet(SHEET('<row r="150"><c r="C150" t="s"><v>1</v></c></row>'), strings, WINDOW_ROWS, "Noter")).toBeUndefined();
  expect(trimmedSheet(SHEET('<row r="3"><c r="AZ3" t="inlineStr"><is><t>Måltal</t></is></c></row>'), [], WINDOW_ROWS, "Noter")).toBeUndefined();
  expect(trimmedSheet(SHEET('<row r="3"><c r="B3" t="str"><f>"år"</f><v>år</v></c></row>'), [], WINDOW_ROWS, "Noter")).toBeUndefined();
  // Past the window (row 201, column BA) a word does not make the sheet input, as in the add-in.
  expect(trimmedSheet(SHEET('<row r="201"><c r="A201" t="s"><v>1</v></c></row><row r="2"><c r="BA2" t="s"><v>1</v></c></row>'), strings, WINDOW_ROWS, "Noter")).toBeDefined();
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
    expect(trimmedSheet(SHEET(rows(cell)), strings, WINDOW_ROWS, "Noter")).toBeUndefined();
  }
  // The same header written as Excel writes it is seen, and a plain sheet without one is still cut.
  expect(trimmedSheet(SHEET(rows(`<c r="A1" t="s"><v>0</v></c>`)), strings, WINDOW_ROWS, "Noter")).toBeUndefined();
  expect(trimmedSheet(SHEET(rows(`<c r="A1"><v>1</v></c>`)), strings, WINDOW_ROWS, "Noter")).toBeDefined();
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

describe("a row of the window twice is refused by the trimmer itself (src/xlsx/trim.ts), before exceljs parses a copy", () => {
  const letters = (c: number): string => String.fromCharCode(65 + c);
  const row = (r: number): string => `<row r="${r}">${Array.from({ length: 26 }, (_, c) => `<c r="${letters(c)}${r}"><v>${c}</v></c>`).join("")}</row>`;

  test.each([
    ["row 2 written 200,000 times", row(2).repeat(200_000)],
    ["rows 201 and 2 alternating 200,000 times", (row(201) + row(2)).repeat(200_000)],
  ])("%s: the trimmer throws the row-twice error naming the sheet and row (before exceljs: load.ts trims first)", (_name, rows) => {
    const trim = (): unknown => trimmedSheet(SHEET(rows), [], WINDOW_ROWS, "Referat");
    expect(trim).toThrow(SheetDamagedError);
    expect(trim).toThrow(expect.objectContaining({ sheet: "Referat", damage: { kind: "row-twice", row: 2 } }) as unknown as Error);
  });

  test("trimUnreadSheets names the sheet by its name in the workbook", () => {
    const parts = usedParts(withSheet(new Uint8Array(exampleBytes), "Referat", (row(201) + row(7)).repeat(3)));
    expect(() => trimUnreadSheets(parts)).toThrow(expect.objectContaining({ sheet: "Referat", damage: { kind: "row-twice", row: 7 } }) as unknown as Error);
  });

  test("rows out of order, each once, are all kept; a row past the window twice is not the window's concern", () => {
    const cut = trimmedSheet(SHEET(row(201) + row(5) + row(300) + row(300) + row(3) + row(201) + row(4)), [], WINDOW_ROWS, "Noter") as string;
    expect([...cut.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([5, 3, 4]);
  });
});

describe("a row's number is read as exceljs reads it (parseInt of the attribute), so a window row after one past it is kept", () => {
  const FAR = '<row r="300"><c r="A300" t="inlineStr"><is><t>x</t></is></c></row>';
  test.each([`r = "5"`, `r=" 5"`, `r="5 "`, `r="+5"`, `r="&#53;"`, `r="05.0"`, `spans="1:1" r ="5"`])("<row %s>", (attr) => {
    const header = SHEET(`${FAR}<row ${attr}><c r="A5" t="inlineStr"><is><t>Ordning</t></is></c></row>`);
    // A header word in it: the sheet may be input, so it is left whole, not cut to nothing.
    expect(trimmedSheet(header, [], WINDOW_ROWS, "BIF")).toBeUndefined();
    // No header word: the row is kept in the cut, and twice it is a row twice.
    const note = `<row ${attr}><c r="A5" t="inlineStr"><is><t>note</t></is></c></row>`;
    expect(trimmedSheet(SHEET(FAR + note), [], WINDOW_ROWS, "Noter")).toContain("note");
    expect(() => trimmedSheet(SHEET(FAR + note + note), [], WINDOW_ROWS, "Noter")).toThrow(expect.objectContaining({ sheet: "Noter", damage: { kind: "row-twice", row: 5 } }) as unknown as Error);
  });

  test("a row whose r no one reads as a number (NaN to exceljs, or an entity not decoded) is kept once, for exceljs to refuse as before", () => {
    const odd = (r: string): string => `<row r="${r}"><c r="A5"><v>1</v></c></row>`;
    const cut = trimmedSheet(SHEET('<row r="300"><c r="A300"><v>1</v></c></row>' + odd("x").repeat(1000) + odd("&bogus;")), [], WINDOW_ROWS, "Noter") as string;
    expect((cut.match(/<row\b/g) ?? []).length).toBe(1);
    expect(cut).toContain('<row r="x">');
    // Row 0 or a negative row (no row exceljs or the grid places; an `r` of digits was kept before): once too.
    for (const r of ["0", "-3", "&bogus;"]) {
      const one = trimmedSheet(SHEET('<row r="300"><c r="A300"><v>1</v></c></row>' + odd(r).repeat(50)), [], WINDOW_ROWS, "Noter") as string;
      expect(one.match(/<row\b[^>]*>/g)).toEqual([`<row r="${r}">`]);
    }
  });
});
