/**
 * Issue 17 review: readHidden once queued one range per row of a sheet's used range in ONE request
 * when some rows were hidden. An analyst's own long sheet whose first rows contain "år"
 * (»Regnskabsår«, so it looks relevant) with one hidden row made that request exceed the 5 MB
 * limit (RequestPayloadSizeLimitExceeded in both client modes), and every operation stopped.
 * Hidden lines are now found in blocks, at most HIDDEN_RANGES_PER_SYNC ranges a request.
 */
import { newSession, validateWorkbook } from "../../src/office/operations";
import { readInContext } from "../../src/office/read";
import { exampleHost, hostEnv } from "./fixtures";

test.each([8000, 20000])("a long own sheet headed »Regnskabsår« (%i rows) with one hidden row validates", async (rows) => {
  const host = await exampleHost("good");
  await host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("Egne data");
    ws.getRange("A1:B1").values = [["Regnskabsår", "Beløb"]];
    ws.getRangeByIndexes(1, 0, rows, 2).values = Array.from({ length: rows }, (_, i) => [2000 + (i % 25), i]);
    await ctx.sync();
    ws.getRange("5:5").rowHidden = true;
    await ctx.sync();
  });
  const r = await validateWorkbook(hostEnv(host), newSession()).then(() => "ok", (e: unknown) => `${(e as { code?: string }).code}: ${(e as Error).message}`);
  expect(r).toBe("ok");
});

test("hidden rows and columns scattered over a long sheet are all found, in small requests", async () => {
  const host = await exampleHost("good");
  const rows = 3000;
  const hiddenRows = [4, 5, 6, 777, 1500, 2999, 3000];
  const hiddenCols = [2, 5];
  await host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("Egne data");
    ws.getRange("A1:H1").values = [["Regnskabsår", "Beløb", "C", "D", "E", "F", "G", "H"]];
    ws.getRangeByIndexes(1, 0, rows, 8).values = Array.from({ length: rows }, (_, i) => Array.from({ length: 8 }, (_, j) => i * 8 + j));
    await ctx.sync();
    for (const r of hiddenRows) ws.getRangeByIndexes(r, 0, 1, 1).getEntireRow().rowHidden = true;
    for (const c of hiddenCols) ws.getRangeByIndexes(0, c, 1, 1).getEntireColumn().columnHidden = true;
    await ctx.sync();
  });
  const first = host.stats.requests.length;
  const read = await host.run((ctx) => readInContext(ctx, []));
  const sheet = read.grid.sheets.find((s) => s.name === "Egne data");
  expect({ rows: sheet?.hiddenRows, cols: sheet?.hiddenCols }).toEqual({ rows: hiddenRows, cols: hiddenCols });
  const biggest = Math.max(...host.stats.requests.slice(first).map((r) => r.requestBytes));
  expect(biggest).toBeLessThan(500_000);
});
