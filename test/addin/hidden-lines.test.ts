/**
 * Hidden rows and columns (issue 17, defect 1): a sheet where some rows and some columns are hidden
 * is read, validated and calculated with the same figures as `jobstatus beregn`. With Microsoft's
 * client, a range obtained by a method (getUsedRange…, getRow…) is "invalid after request" unless
 * it is tracked (excel-web-16.00.debug.js: ObjectPath.isInvalidAfterRequest,
 * ClientRequestBase.invalidatePendingInvalidObjectPaths); reusing it in a later request throws
 * InvalidObjectPath. The double's own client does the same (test/host/client.ts). Both clients.
 */
import type ExcelJS from "exceljs";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { calculate, validate } from "../../src/core";
import { calculateStatus, newSession, overview, validateActiveSheet, validateWorkbook } from "../../src/office/operations";
import { createHost, loadXlsx } from "../host";
import { exampleWithExtraUnits, hostEnv, xlsxBytes } from "./fixtures";

async function hiddenLinesWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = await exampleWithExtraUnits(1);
  const ws = wb.getWorksheet("F01") as ExcelJS.Worksheet;
  // An empty row and an empty column inside the used range hidden: some but not all lines
  // (rowHidden/columnHidden null), and no figure hidden (that is an error, test/sent/hidden.test.ts).
  ws.getCell("E1").value = "Note";
  ws.getRow(3).hidden = true;
  ws.getColumn(4).hidden = true;
  return wb;
}

test("a sheet with some hidden rows and columns: every operation works and the figures are the CLI's", async () => {
  const wb = await hiddenLinesWorkbook();
  const cli = calculate(readWorkbookGrid(wb));
  const host = createHost(await loadXlsx(await xlsxBytes(wb)));
  const env = hostEnv(host);
  const session = newSession();
  const o = await overview(env, session);
  expect(o.analysis.year).toBe(2025);
  const all = await validateWorkbook(env, session);
  const cliIssues = validate(readWorkbookGrid(wb)).issues;
  expect(all.issues.map((i) => `${i.code}:${i.sheet}!${i.cell ?? ""}`)).toEqual(cliIssues.map((i) => `${i.code}:${i.sheet}!${i.cell ?? ""}`));
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("F01").activate();
    await ctx.sync();
  });
  await validateActiveSheet(env, session);
  const r = await calculateStatus(env, session);
  expect(r.written).toBe("Status 2025");
  expect(r.outcome.result).toEqual(cli.result);
  expect(r.outcome.report).toEqual(cli.report);
});
