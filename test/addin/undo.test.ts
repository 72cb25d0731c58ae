/**
 * Undo (issue 10, defect 8): where ExcelApi 1.20 is there, »Beregn status« writes in a run with
 * RunOptions.mergeUndoGroup, so Ctrl+Z removes it in one step; elsewhere the pane says what to do
 * instead. The host counts undo records as Excel keeps them (one per changing sync, one per merged run).
 */
import { UI } from "../../src/messages/da";
import { calculateStatus, newSession } from "../../src/office/operations";
import { Controller } from "../../src/taskpane/controller";
import { initialState, Store } from "../../src/taskpane/store";
import { isSetSupported, type TestHost } from "../host";
import { exampleHost, hostEnv } from "./fixtures";

const with1_20 = (name: string, version: string) => (name === "ExcelApi" && version === "1.20") || isSetSupported(name, version);

async function threeWrites(host: TestHost, mergeUndoGroup: boolean): Promise<void> {
  await host.runWithOptions({ mergeUndoGroup }, async (ctx) => {
    for (const cell of ["F1", "F2", "F3"]) {
      ctx.workbook.worksheets.getItem("Noter").getRange(cell).values = [[cell]];
      await ctx.sync();
    }
  });
}

describe("undo", () => {
  test("the host keeps one undo record per changing sync, and one per run with mergeUndoGroup", async () => {
    const host = await exampleHost("good");
    host.resetStats();
    await threeWrites(host, false);
    expect(host.stats.undoSteps).toBe(3);
    host.resetStats();
    await threeWrites(host, true);
    expect(host.stats.undoSteps).toBe(1);
  });

  test("with ExcelApi 1.20 »Beregn status« is one undo step, and the pane says so", async () => {
    const host = await exampleHost("good");
    const r = await calculateStatus(hostEnv(host, with1_20), newSession());
    expect(r.oneUndoStep).toBe(true);
    const store = new Store(initialState(2025));
    const controller = new Controller(hostEnv(host, with1_20), newSession(), store);
    host.resetStats();
    await controller.calculate();
    expect(host.stats.undoSteps).toBe(1);
    expect(store.state.notice?.detail).toBe(UI.notice.undoOne);
  });

  test("below ExcelApi 1.20 the run is not merged (the option is not sent) and the pane says what to do instead of undo", async () => {
    const host = await exampleHost("good");
    const seen: object[] = [];
    const spy = { ...hostEnv(host), run: <T>(batch: (ctx: Excel.RequestContext) => Promise<T>, extras?: { mergeUndoGroup?: boolean }) => {
      seen.push(extras ?? {});
      return hostEnv(host).run(batch, extras);
    } };
    const r = await calculateStatus(spy, newSession());
    expect(r.oneUndoStep).toBe(false);
    expect(seen).toContainEqual(expect.objectContaining({ mergeUndoGroup: true })); // asked for; officeEnvOver drops it below 1.20
    const store = new Store(initialState(2025));
    await new Controller(hostEnv(host), newSession(), store).calculate();
    expect(store.state.notice?.detail).toBe(UI.notice.undoMany);
  });
});
