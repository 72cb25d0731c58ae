/**
 * The text check of src/xlsx/missing-strings.ts (missingInText) against exceljs's own parse: a read
 * looks at the whole XML of a sheet exceljs gets cut or without its cells (a notes sheet cut to the
 * window, src/xlsx/trim.ts; a scanned sheet, src/xlsx/sheet-scan.ts), the copy at exceljs's parse of
 * every cell. For each way of writing a `t="s"` cell, the two must agree: both read the file, or
 * both refuse it naming the same sheet and cell. Workbooks are built here: the example plus one sheet.
 */
import ExcelJS from "../../src/cli/exceljs";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { loadWorkbookBytes } from "../../src/xlsx/load";
import { missingInText } from "../../src/xlsx/missing-strings";
import { SharedStringMissingError, wasScanned } from "../../src/xlsx/read-grid";
import { bytesOf } from "../addin/collect-fixtures";
import { withSheet } from "./zip-forge";

let example: Uint8Array;
beforeAll(async () => {
  example = await bytesOf(await buildExample(await loadExampleData()));
});

/** Ways of writing the cell B…, and whether exceljs's load of the copy refuses it (the expectation, checked against exceljs below). */
const SPELLINGS: Record<string, { cell: (ref: string) => string; missing: boolean }> = {
  "a present index": { cell: (r) => `<c r="${r}" t="s"><v>0</v></c>`, missing: false },
  "an index past the strings": { cell: (r) => `<c r="${r}" t="s"><v>99999</v></c>`, missing: true },
  "spaces around the attribute's equals sign": { cell: (r) => `<c r="${r}" t = "s" ><v>99999</v></c>`, missing: true },
  "the type as a character reference": { cell: (r) => `<c r="${r}" t="&#115;"><v>99999</v></c>`, missing: true },
  "a `>` in another attribute's value": { cell: (r) => `<c r="${r}" t="s" x="a>b"><v>99999</v></c>`, missing: true },
  "an empty value (no index)": { cell: (r) => `<c r="${r}" t="s"><v></v></c>`, missing: false },
  "a value of white space (no number)": { cell: (r) => `<c r="${r}" t="s"><v> </v></c>`, missing: true },
  "a negative index": { cell: (r) => `<c r="${r}" t="s"><v>-1</v></c>`, missing: true },
  "parseInt's reading of 0.9e9": { cell: (r) => `<c r="${r}" t="s"><v>0.9e9</v></c>`, missing: false },
  "a formula (its value is its result)": { cell: (r) => `<c r="${r}" t="s"><f>1+1</f><v>99999</v></c>`, missing: false },
  "an empty formula element (no formula to exceljs)": { cell: (r) => `<c r="${r}" t="s"><f></f><v>99999</v></c>`, missing: true },
  "an inline string in a t=s cell": { cell: (r) => `<c r="${r}" t="s"><is><t>99999</t></is></c>`, missing: true },
  "rich text in a t=s cell": { cell: (r) => `<c r="${r}" t="s"><is><r><t>0</t></r></is></c>`, missing: true },
  "no value at all": { cell: (r) => `<c r="${r}" t="s" s="1"/>`, missing: false },
  "another type": { cell: (r) => `<c r="${r}" t="str"><v>99999</v></c>`, missing: false },
  "an attribute ending in t": { cell: (r) => `<c r="${r}" xt="s"><v>99999</v></c>`, missing: false },
};

/** Where the cell goes: far down a notes sheet (cut for a read), or on a sheet that looks like input (scanned for a read). */
const PLACES = {
  "a notes sheet, row 5,000": (cell: string) => withSheet(example, "Notater", `<row r="1"><c r="A1" t="inlineStr"><is><t>noter</t></is></c></row><row r="5000">${cell.replace(/REF/g, "B5000")}</row>`),
  "a sheet that looks like input": (cell: string) => withSheet(example, "Notater", `<row r="1"><c r="A1" t="inlineStr"><is><t>ordning</t></is></c></row><row r="5">${cell.replace(/REF/g, "B5")}</row>`),
};

/** What a load does: reads, or refuses (the sheet and cell of a missing string, or the error's class). */
async function outcome(bytes: Uint8Array, mode: "read" | "copy"): Promise<unknown> {
  try {
    const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells: mode === "read" });
    return { reads: true, scanned: mode === "read" ? wasScanned(wb.getWorksheet("Notater") as ExcelJS.Worksheet) : undefined };
  } catch (e) {
    return e instanceof SharedStringMissingError ? { missing: `${e.sheet}!${e.cell ?? "?"}` } : { error: (e as Error).constructor.name };
  }
}

describe.each(Object.entries(PLACES))("%s", (_place, make) => {
  test.each(Object.entries(SPELLINGS))("%s: a read says what the copy says", async (_name, { cell, missing }) => {
    const bytes = make(cell("REF"));
    const copy = await outcome(bytes, "copy");
    const read = await outcome(bytes, "read");
    if (missing) {
      expect(copy).toEqual({ missing: expect.stringMatching(/^Notater!B5(000)?$/) });
      expect(read).toEqual(copy);
    } else {
      expect(copy).toEqual({ reads: true, scanned: undefined });
      expect(read).toMatchObject({ reads: true });
    }
  });
});

test("missingInText reads only the cells (<sheetData>), in document order, and names no cell whose reference is not A1", () => {
  const strings = { getString: (i: number): string | undefined => (i === 0 ? "a" : undefined) };
  const sheet = (cells: string, tail = ""): string => `<worksheet><sheetData><row r="1">${cells}</row></sheetData>${tail}</worksheet>`;
  expect(missingInText(sheet('<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>5</v></c><c r="C1" t="s"><v>6</v></c>'), "S", strings)).toMatchObject({ sheet: "S", cell: "B1" });
  expect(missingInText(sheet('<c r="A1" t="s"><v>0</v></c>', '<extLst><c r="Z9" t="s"><v>5</v></c></extLst>'), "S", strings)).toBeUndefined();
  expect(missingInText(sheet('<c r="B1&#x202E;" t="s"><v>5</v></c>'), "S", strings)).toMatchObject({ sheet: "S", cell: undefined });
  // No shared strings at all: every index is missing.
  expect(missingInText(sheet('<c r="A1" t="s"><v>0</v></c>'), "S", undefined)).toMatchObject({ cell: "A1" });
});

describe("cells left unclosed (a hostile notes sheet)", () => {
  // Each unclosed cell's content ends at the next cell's tag: one pass over the text. Before, every
  // cell searched to the end for a `</c`, so 100,000 of them took minutes (docs/dev/security.md).
  const unclosed = (n: number, last: string) => `<worksheet><sheetData><row r="300">${'<c r="A300" t="s"><v>0</v>'.repeat(n)}${last}</row></sheetData></worksheet>`;
  const strings = { getString: (i: number) => (i === 0 ? "tekst" : undefined) };

  test("100,000 cells without </c>: the strings they name are present, none is missing", () => {
    expect(missingInText(unclosed(100_000, ""), "Noter", strings)).toBeUndefined();
  });

  test("100,000 cells without </c>, then one naming a string the file lacks: that one is named", () => {
    expect(missingInText(unclosed(100_000, '<c r="B300" t="s"><v>7</v></c>'), "Noter", strings)).toMatchObject({ sheet: "Noter", cell: "B300" });
  });
});
