/**
 * Merged undo groups and Excel's undo table (issue 17, defects 2 and 6). "If an API within the group
 * doesn't offer undo support, the UndoNotSupported error is thrown", and an unsupported call outside
 * a group clears the user's undo stack ("Undo capabilities"; the host's table: test/host/undo.ts).
 * `@microsoft/office-js` 1.1.110 drops RunOptions.mergeUndoGroup before the request, so the host reads
 * the option from `Excel.run` itself, as Excel's service does (test/host/README.md). Both clients.
 */
import { readWorkbookForNotat } from "../../src/office/notat";
import { calculateStatus, createTemplate, newSession, overview, validateActiveSheet, validateWorkbook } from "../../src/office/operations";
import { officeEnvOver } from "../../src/office/run";
import { isSetSupported, type TestHost } from "../host";
import { exampleHost, hostEnv } from "./fixtures";

const with1_20 = (name: string, version: string) => (name === "ExcelApi" && version === "1.20") || isSetSupported(name, version);

function env(host: TestHost) {
  return officeEnvOver(host.runWithOptions, with1_20);
}

describe("a merged undo group with a call Excel cannot undo", () => {
  test("the host refuses it with UndoNotSupported at that call; the commands before it are applied (OfficeExtension.Error docs)", async () => {
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
    expect(host.cell("Noter", "F1")?.v).toBe("x");
    expect(host.model.sheets.some((s) => s.name === "Noter")).toBe(true);
  });

  test("run.ts tries a rerunnable batch once more without merging, and says so", async () => {
    const host = await exampleHost("good");
    host.platform = "PC";
    let told = 0;
    await env(host).run(
      async (ctx) => {
        ctx.workbook.worksheets.getItem("Noter").getRange("F1").values = [["x"]];
        ctx.workbook.worksheets.getItem("Noter").name = "Noter 2";
        await ctx.sync();
      },
      { mergeUndoGroup: true, rerunnable: true, onUnmerged: () => void told++ },
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

  test("a batch not marked rerunnable is never run twice, even when its one request was refused", async () => {
    const host = await exampleHost("good");
    host.platform = "PC";
    let runs = 0;
    let told = 0;
    const e = await env(host)
      .run(
        async (ctx) => {
          runs++;
          const ws = ctx.workbook.worksheets.getItem("Noter");
          ws.getRange("F1").values = [["x"]];
          ws.position = 0;
          await ctx.sync();
        },
        { mergeUndoGroup: true, onUnmerged: () => void told++ },
      )
      .catch((x: unknown) => x);
    expect((e as { code?: string }).code).toBe("UndoNotSupported");
    expect({ runs, told }).toEqual({ runs: 1, told: 0 });
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

  // What keeping figures identical to the CLI costs (docs/dev/taskpane.md »Undo«): merged areas can
  // only be read by getMergedAreasOrNullObject (ExcelApi 1.13), and no value the add-in reads can
  // stand in for them (a value merged into a blank cell next to it changes the CLI's result). So the
  // operations that give figures or issues clear the user's undo stack where 1.13 is there, once per
  // click; those that do not (opening the pane, »Opret skabelon«) never do.
  test("each figure-giving operation clears the undo stack once where ExcelApi 1.13 is there (office-js#5918); the pane's start-up read and »Opret skabelon« never do", async () => {
    const host = await exampleHost("good");
    const env = hostEnv(host);
    const session = newSession();
    const cleared = async (op: () => Promise<unknown>) => {
      host.resetStats();
      await op();
      return host.stats.undoCleared;
    };
    expect(await cleared(() => overview(env, session))).toBe(0);
    expect(await cleared(() => validateActiveSheet(env, session))).toBe(1);
    expect(await cleared(() => validateWorkbook(env, session))).toBe(1);
    expect(await cleared(() => calculateStatus(env, session))).toBe(1);
    expect(await cleared(() => readWorkbookForNotat(env, session))).toBe(1);
    expect(await cleared(() => createTemplate(env, session, 2026))).toBe(0);
  });

  test("below ExcelApi 1.13 no read clears the undo stack (merged areas are not asked for)", async () => {
    const host = await exampleHost("good");
    const below = (name: string, version: string) => !(name === "ExcelApi" && Number(version.split(".")[1]) >= 13) && isSetSupported(name, version);
    const env = hostEnv(host, below);
    const session = newSession();
    host.resetStats();
    await validateWorkbook(env, session);
    await readWorkbookForNotat(env, session);
    expect(host.stats.undoCleared).toBe(0);
  });
});
