/**
 * The host's charts (test/host/xlsx-charts.ts, model.ts ChartModel): read from the file's bytes
 * (exceljs drops them), and their series' references kept like a cell formula's: renamed with the
 * sheet they name, `#REF!` when it is deleted (engine.ts, rewriteSheetReferences).
 */
import { createHost, loadXlsx } from "./host";
import { BUF_CHART, withChart } from "./corpus/chart";
import { exampleWorkbook, xlsxBytes } from "./addin/fixtures";

async function chartHost() {
  return createHost(await loadXlsx(withChart(await xlsxBytes(await exampleWorkbook("good")), { ...BUF_CHART, sheet: "Måltal" })));
}

test("a chart is read from the file onto its sheet, with its series' references", async () => {
  const host = await chartHost();
  expect(host.model.sheets.find((s) => s.name === "Måltal")?.charts).toEqual([{ series: ["BUF!$B$8", "BUF!$A$9:$A$13", "BUF!$B$9:$B$13"] }]);
  expect(host.model.sheets.filter((s) => s.charts).map((s) => s.name)).toEqual(["Måltal"]);
});

test("renaming the sheet a series names renames the reference; deleting it leaves #REF!", async () => {
  const host = await chartHost();
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("BUF").name = "BUF 2";
    await ctx.sync();
  });
  expect(host.model.sheets.find((s) => s.name === "Måltal")?.charts?.[0]?.series).toEqual(["'BUF 2'!$B$8", "'BUF 2'!$A$9:$A$13", "'BUF 2'!$B$9:$B$13"]);
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("BUF 2").delete();
    await ctx.sync();
  });
  expect(host.model.sheets.find((s) => s.name === "Måltal")?.charts?.[0]?.series).toEqual(["#REF!$B$8", "#REF!$A$9:$A$13", "#REF!$B$9:$B$13"]);
});
