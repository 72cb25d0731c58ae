/**
 * Merged undo groups and Excel's undo table (issue 17, defects 2 and 6). "If an API within the group
 * doesn't offer undo support, the UndoNotSupported error is thrown", and an unsupported call outside
 * a group clears the user's undo stack ("Undo capabilities"; the host's table: test/host/undo.ts).
 * `@microsoft/office-js` 1.1.110 drops RunOptions.mergeUndoGroup before the request, so the host reads
 * the option from `Excel.run` itself, as Excel's service does (test/host/README.md). Both clients.
 */
import { calculateStatus, newSession, overview, validateWorkbook } from "../../src/office/operations";
import { officeEnvOver } from "../../src/office/run";
import { isSetSupported, type TestHost } from "../host";
import { exampleHost, hostEnv } from "./fixtures";

const with1_20 = (name: string, version: string) => (name === "ExcelApi" && version === "1.20") || isSetSupported(name, version);

function env(host: TestHost) {
  return officeEnvOver(host.runWithOptions, with1_20);
}

describe("a merged undo group with a call Excel cannot undo", () => {
  test("the host refuses it with UndoNotSupported and applies nothing of that request", async () => {
    const host = await exampleHost("good");
    host.platform = "PC";
    const e = await host
      .runWithOptions({ mergeUndoGroup: true }, async (ctx) => {
        ctx.workbook.worksheets.getItem("Noter").getRange("F1").values = [["x"]];
        ctx.workbook.worksheets.getItem("Noter").name = "Noter 2";
        await ctx.sync();
      })
      .catch((x: unknown) => x);
    expect((e as { code?: string }).code).toBe("UndoNotSupported");
    expect(host.cell("Noter", "F1")).toBeUndefined();
    expect(host.model.sheets.some((s) => s.name === "Noter")).toBe(true);
  });

  test("run.ts tries once more without merging, and says so", async () => {
    const host = await exampleHost("good");
    host.platform = "PC";
    let told = 0;
    await env(host).run(
      async (ctx) => {
        ctx.workbook.worksheets.getItem("Noter").getRange("F1").values = [["x"]];
        ctx.workbook.worksheets.getItem("Noter").name = "Noter 2";
        await ctx.sync();
      },
      { mergeUndoGroup: true, onUnmerged: () => void told++ },
    );
    expect(told).toBe(1);
    expect(host.cell("Noter 2", "F1")?.v).toBe("x");
    // Outside a group the rename went through, and cleared the user's undo stack, as Excel does.
    expect(host.stats.undoCleared).toBe(1);
  });

  test("a run that had already changed something is not tried again (nothing is done twice)", async () => {
    const host = await exampleHost("good");
    host.platform = "PC";
    let told = 0;
    const e = await env(host)
      .run(
        async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem("Noter");
          ws.getRange("F1").values = [["x"]];
          await ctx.sync();
          ws.position = 0;
          await ctx.sync();
        },
        { mergeUndoGroup: true, onUnmerged: () => void told++ },
      )
      .catch((x: unknown) => x);
    expect((e as { code?: string }).code).toBe("UndoNotSupported");
    expect(told).toBe(0);
  });

  test("»Beregn status« is accepted as one merged group on every platform", async () => {
    for (const platform of ["OfficeOnline", "PC", "Mac"] as const) {
      const host = await exampleHost("good");
      host.platform = platform;
      const session = newSession();
      await validateWorkbook(env(host), session);
      const r = await calculateStatus(env(host), session);
      expect(r.written).toBe("Status 2025");
      expect(r.oneUndoStep).toBe(true);
      // And again, replacing its own sheet.
      expect((await calculateStatus(env(host), session)).oneUndoStep).toBe(true);
    }
  });

  test("opening the pane does not clear the user's undo stack (office-js#5918: getMergedAreasOrNullObject does)", async () => {
    const host = await exampleHost("good");
    await overview(hostEnv(host), newSession());
    expect(host.stats.undoCleared).toBe(0);
  });
});
