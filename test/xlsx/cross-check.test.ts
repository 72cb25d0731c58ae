/**
 * The inspector and exceljs never disagree on a figure (issue 19 item 4, issue 20 follow-up): for
 * every number exceljs reads in a sheet, the inspector (src/xlsx/inspect.ts) must have read the
 * same number strictly at the same cell, or the cell is an error (NOT_A_FILE_NUMBER). Each file is
 * the example workbook with one cell of its first sheet rewritten in the XML, as a hostile or
 * unusual writer might; exceljs alone reads each of them as a wrong figure.
 */
import { unzipSync, zipSync } from "fflate";
import { buildExample, loadExampleData } from "../../src/cli/example";
import ExcelJS from "../../src/cli/exceljs";
import { NOT_A_FILE_NUMBER } from "../../src/core/grid";
import { NotWorkbookError } from "../../src/xlsx/bounded-zip";
import { loadWorkbookBytes } from "../../src/xlsx/load";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";

const PLAIN = '<c r="C4" s="2"><v>56</v></c>';
let files: Record<string, Uint8Array>;

beforeAll(async () => {
  files = unzipSync(new Uint8Array(await (await buildExample(await loadExampleData())).xlsx.writeBuffer()));
});

const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

function variant(cell: string, rels?: (xml: string) => string): Uint8Array {
  const out = { ...files };
  const xml = text(files["xl/worksheets/sheet1.xml"]);
  expect(xml).toContain(PLAIN);
  out["xl/worksheets/sheet1.xml"] = new TextEncoder().encode(xml.replace(PLAIN, cell));
  if (rels) out["xl/_rels/workbook.xml.rels"] = new TextEncoder().encode(rels(text(files["xl/_rels/workbook.xml.rels"])));
  return zipSync(out);
}

async function c4(bytes: Uint8Array, mode: "read" | "copy" = "read"): Promise<unknown> {
  const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode);
  const sheet = readWorkbookGrid(wb).sheets[0];
  return sheet?.values[3]?.[2];
}

test("the plain cell is read as its number (the check passes what Excel writes)", async () => {
  expect(await c4(variant(PLAIN))).toBe(56);
  expect(await c4(variant(PLAIN), "copy")).toBe(56);
});

test.each([
  ["two <v> in one cell (exceljs joins them)", '<c r="C4" s="2"><is><v>1</v></is><v>8,9e1</v></c>'],
  ["a comment inside <v>", '<c r="C4" s="2"><v>8<!--x-->,9e1</v></c>'],
  ["t text inside another single-quoted attribute", `<c r="C4" s="2" foo=' t="s"'><v>8,9e1</v></c>`],
  ["r text inside another single-quoted attribute", `<c foo=' r="Z99"' r="C4" s="2"><v>8,9e1</v></c>`],
  ["an entity-encoded type", '<c r="C4" s="2" t="&#110;"><v>8,9e1</v></c>'],
])("%s: the cell is an error, not the number exceljs reads", async (_label, cell) => {
  expect(await c4(variant(cell))).toEqual({ error: NOT_A_FILE_NUMBER });
  expect(await c4(variant(cell), "copy")).toEqual({ error: NOT_A_FILE_NUMBER });
});

test("a relationship target with leading space is mapped as exceljs maps it, so its sheet is checked", async () => {
  const spaced = (xml: string): string => xml.replace('Target="worksheets/sheet1.xml"', 'Target=" worksheets/sheet1.xml"');
  expect(await c4(variant('<c r="C4" s="2"><v>8,9e1</v></c>', spaced))).toEqual({ error: NOT_A_FILE_NUMBER });
});

test("a sheet whose part the inspector cannot find is refused as damaged", async () => {
  const lost = (xml: string): string => xml.replace('Target="worksheets/sheet1.xml"', 'Target="worksheets/nowhere.xml"');
  await expect(loadWorkbookBytes(new ExcelJS.Workbook(), variant(PLAIN, lost), "read")).rejects.toThrow(NotWorkbookError);
});
