/**
 * The CLI's filler on the analyst's loaded workbook (issue 18 review): a number format written to
 * one cell changes that cell only. exceljs shares one style object among the cells it loaded with
 * the same style index, so setting `cell.numFmt` on one would reformat all of them.
 */
import type ExcelJS from "exceljs";
import ExcelJSLib from "../../src/cli/exceljs";
import { loadExampleData } from "../../src/cli/example";
import { fillInPlace } from "../../src/cli/xlsx-collect";
import type { SheetValues } from "../../src/core/delivery-values";
import { analystWorkbook, bytesOf } from "../addin/collect-fixtures";

/** Every cell's number format, as "Sheet!A1 → format", of every sheet but `except`. */
function formatsOf(wb: ExcelJS.Workbook, except: string): Map<string, string> {
  const out = new Map<string, string>();
  wb.eachSheet((ws) => {
    if (ws.name === except) return;
    ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => out.set(`${ws.name}!${c.address}`, String(c.numFmt ?? ""))));
  });
  return out;
}

describe("fillInPlace on a loaded workbook", () => {
  it.each(["0%", ";;;"])("a department cell written with %s changes no other cell's number format", async (fmt) => {
    const data = await loadExampleData();
    // Saved and loaded again: exceljs then shares style objects among cells with one style index.
    const wb = new ExcelJSLib.Workbook();
    await wb.xlsx.load((await bytesOf(await analystWorkbook(data))) as unknown as ExcelJS.Buffer);
    const before = formatsOf(wb, "BUF");
    const buf = wb.getWorksheet("BUF") as ExcelJS.Worksheet;
    const beforeOwn = new Map<string, string>();
    buf.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => beforeOwn.set(c.address, String(c.numFmt ?? ""))));
    const write: SheetValues = { values: [[null, null], [null, 7]], numberFormats: [[null, null], [null, fmt]], merges: [], rows: 2, cols: 2 };
    fillInPlace(buf, write);
    expect(buf.getCell("B2").numFmt).toBe(fmt);
    expect(formatsOf(wb, "BUF")).toEqual(before);
    for (const [addr, f] of beforeOwn) if (addr !== "B2") expect(`${addr} ${String(buf.getCell(addr).numFmt ?? "")}`).toBe(`${addr} ${f}`);
    // And it survives saving: the other sheets' cells keep their formats in the file.
    const again = new ExcelJSLib.Workbook();
    await again.xlsx.load((await bytesOf(wb)) as unknown as ExcelJS.Buffer);
    expect(formatsOf(again, "BUF")).toEqual(before);
  });
});
