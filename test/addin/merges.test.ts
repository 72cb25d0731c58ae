/**
 * Merged cells (issue 10, defect 6): with ExcelApi 1.13 the add-in reads merged areas and refuses a
 * value in a merged area exactly as the CLI does; below 1.13 it cannot see them (docs/dev/design.md).
 */
import type ExcelJS from "exceljs";
import { readWorkbookGrid as readWorkbookGrid_ } from "../../src/cli/xlsx-read";
import { validate } from "../../src/core";
import { newSession, readWorkbookGrid, validateWorkbook } from "../../src/office/operations";
import { createHost, isSetSupported, loadXlsx } from "../host";
import { exampleWithExtraUnits, hostEnv, xlsxBytes } from "./fixtures";

async function mergedWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = await exampleWithExtraUnits(1);
  (wb.getWorksheet("F01") as ExcelJS.Worksheet).mergeCells("B5:B6");
  return wb;
}

const merged = (issues: readonly { code: string; sheet: string; cell?: string }[]) => issues.filter((i) => i.code === "MERGED_CELL").map((i) => `${i.sheet}!${i.cell ?? ""}`);

describe("merged cells in the add-in", () => {
  test("with ExcelApi 1.13 a value in a merged area is refused, as by the CLI", async () => {
    const wb = await mergedWorkbook();
    const cli = merged(validate(readWorkbookGrid_(wb)).issues);
    expect(cli.length).toBeGreaterThan(0);
    const host = createHost(await loadXlsx(await xlsxBytes(wb)));
    const v = await validateWorkbook(hostEnv(host), newSession());
    expect(merged(v.issues)).toEqual(cli);
  });

  test("below ExcelApi 1.13 merges are not read (and not asked for)", async () => {
    const host = createHost(await loadXlsx(await xlsxBytes(await mergedWorkbook())));
    const below = (name: string, version: string) => !(name === "ExcelApi" && Number(version.split(".")[1]) >= 13) && isSetSupported(name, version);
    const v = await validateWorkbook(hostEnv(host, below), newSession());
    expect(merged(v.issues)).toEqual([]);
  });

  // Why »Valider« still reads merged areas, though that clears the undo stack in Excel on Windows
  // (office-js#5918; docs/dev/taskpane.md »Undo«): no value the add-in can read stands in for them.
  test("a value merged over the blank cell beside it changes the CLI's result, yet every value the add-in reads is the same as without the merge", async () => {
    const plain = await exampleWithExtraUnits(1);
    const wb = await exampleWithExtraUnits(1);
    // Fritidsjob's status and its forløb cell, which that scheme leaves blank.
    (wb.getWorksheet("F01") as ExcelJS.Worksheet).mergeCells("B9:C9");
    expect(merged(validate(readWorkbookGrid_(wb)).issues)).toContain("F01!B9");
    expect(merged(validate(readWorkbookGrid_(plain)).issues)).toEqual([]);
    const below = (name: string, version: string) => !(name === "ExcelApi" && Number(version.split(".")[1]) >= 13) && isSetSupported(name, version);
    const values = async (w: ExcelJS.Workbook) => {
      const grid = await readWorkbookGrid(hostEnv(createHost(await loadXlsx(await xlsxBytes(w))), below), newSession(), "validate");
      return grid.sheets.map((x) => ({ name: x.name, values: x.values, formulas: x.formulas }));
    };
    expect(await values(wb)).toEqual(await values(plain));
    // With ExcelApi 1.13 the add-in sees it, as the CLI does.
    const host = createHost(await loadXlsx(await xlsxBytes(wb)));
    expect(merged((await validateWorkbook(hostEnv(host), newSession())).issues)).toEqual(merged(validate(readWorkbookGrid_(wb)).issues));
  });
});
