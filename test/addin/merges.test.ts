/**
 * Merged cells (issue 10, defect 6): with ExcelApi 1.13 the add-in reads merged areas and refuses a
 * value in a merged area exactly as the CLI does; below 1.13 it cannot see them (docs/dev/design.md).
 */
import type ExcelJS from "exceljs";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { validate } from "../../src/core";
import { newSession, validateWorkbook } from "../../src/office/operations";
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
    const cli = merged(validate(readWorkbookGrid(wb)).issues);
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
});
