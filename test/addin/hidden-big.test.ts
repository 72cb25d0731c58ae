/**
 * Issue 17 review: readHidden once queued one range per row of a sheet's used range in ONE request
 * when some rows were hidden. An analyst's own long sheet whose first rows contain "år"
 * (»Regnskabsår«, so it looks relevant) with one hidden row made that request exceed the 5 MB
 * limit (RequestPayloadSizeLimitExceeded in both client modes), and every operation stopped.
 * Hidden lines are now found in blocks, at most HIDDEN_RANGES_PER_SYNC ranges a request.
 */
import { newSession, validateWorkbook } from "../../src/office/operations";
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
