/**
 * The pane's operations as the controller calls them (src/taskpane/pane-operations.ts): »Beregn
 * status« and »Opret skabelon« load the writer as a chunk on the first click. Loading it must not
 * change what the click does: the busy state shows while it loads, the click is neither lost nor run
 * twice, and a failed load is a Danish message with nothing read or changed; the next click loads
 * again. Also: the start-up path's `validateGrid` is the engine's `validate`.
 */
import { validate } from "../../src/core";
import { UI } from "../../src/messages/da";
import { validateGrid } from "../../src/office/check-operations";
import { newSession, readWorkbookGrid } from "../../src/office/operations";
import * as writes from "../../src/office/write-operations";
import { Controller } from "../../src/taskpane/controller";
import { paneOperations, PART_NOT_LOADED, type WriteOperations } from "../../src/taskpane/pane-operations";
import type { NotatHost } from "../../src/taskpane/notat-host";
import { inBar, initialState, Store } from "../../src/taskpane/store";
import { exampleHost, hostEnv } from "./fixtures";

/** A chunk load the test finishes by hand: `resolve` with the real module, or `reject` as a failed script load. */
function gatedLoad(): { load: () => Promise<WriteOperations>; loads: () => number; resolve: () => void; reject: (e: Error) => void } {
  let n = 0;
  let settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
  return {
    load: () => {
      n++;
      return new Promise<WriteOperations>((resolve, reject) => {
        settle = { resolve: () => resolve(writes), reject };
      });
    },
    loads: () => n,
    resolve: () => settle?.resolve(),
    reject: (e) => settle?.reject(e),
  };
}

/** What webpack's runtime rejects a failed chunk with (a ChunkLoadError). */
const chunkLoadError = (): Error => Object.assign(new Error("Loading chunk status-writer failed.\n(error: http://127.0.0.1/status-writer.js)"), { name: "ChunkLoadError", type: "error" });

/** The good example's host and a started controller whose writer chunk comes from `load`. */
async function startedWith(load: () => Promise<WriteOperations>): Promise<{ host: Awaited<ReturnType<typeof exampleHost>>; store: Store; controller: Controller }> {
  const host = await exampleHost("good");
  const store = new Store(initialState(2024));
  const controller = new Controller(hostEnv(host), newSession(), store, paneOperations(load));
  await controller.start();
  return { host, store, controller };
}

/** Lets every queued promise callback run (the chunk gate holds the operation itself). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe("the start-up path's validation", () => {
  test.each(["good", "broken"] as const)("validateGrid gives the engine's validate() on the %s example, for the workbook and for each sheet", async (kind) => {
    const host = await exampleHost(kind);
    const grid = await readWorkbookGrid(hostEnv(host), newSession(), "validate");
    expect(validateGrid(grid)).toEqual(validate(grid));
    expect(grid.sheets.length).toBeGreaterThan(3);
    for (const s of grid.sheets) expect(validateGrid(grid, s.name)).toEqual(validate(grid, s.name));
  });
});

describe("»Beregn status« with the writer as a chunk", () => {
  test("the pane is busy while the chunk loads, and the click runs once when it has loaded", async () => {
    const gate = gatedLoad();
    const { host, store, controller } = await startedWith(gate.load);
    host.resetStats();

    const click = controller.calculate();
    await settle();
    // Loading: the busy state shows, nothing has touched the workbook yet.
    expect(store.state.busy).toBe("calculate");
    expect(gate.loads()).toBe(1);
    expect(host.stats.syncs).toBe(0);

    gate.resolve();
    // »attention«: written, with the example's warnings in the list.
    expect(await click).toBe("attention");
    expect(store.state.busy).toBeNull();
    expect(store.state.result?.sheet).toBe("Status 2025");
    // One read and one write: the click ran once.
    expect(host.stats.syncs).toBe(2);
    expect(store.state.notice?.intent).toBe("success");
    expect(host.model.sheets.map((s) => s.name)).toContain("Status 2025");
  });

  test("a second click during the load waits its turn and runs once after the first", async () => {
    const calls: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const load = async (): Promise<WriteOperations> => {
      await gate;
      return {
        calculateStatus: (env, session) => (calls.push("calculate"), writes.calculateStatus(env, session)),
        createTemplate: (env, session, year) => (calls.push("template"), writes.createTemplate(env, session, year)),
      };
    };
    const { host, controller } = await startedWith(load);

    const first = controller.calculate();
    const second = controller.calculate();
    await settle();
    expect(calls).toEqual([]);
    release();
    expect(await first).toBe("attention");
    expect(await second).toBe("attention");
    expect(calls).toEqual(["calculate", "calculate"]);
    // The second run replaced the first one's sheet: one status sheet, not two.
    expect(host.model.sheets.filter((s) => s.name.startsWith("Status 2025")).map((s) => s.name)).toEqual(["Status 2025"]);
  });

  test("a failed chunk load is a Danish message, nothing is read or changed, and the next click loads it again", async () => {
    const gate = gatedLoad();
    const { host, store, controller } = await startedWith(gate.load);
    const sheetsBefore = host.model.sheets.map((s) => s.name);
    host.resetStats();
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);

    const click = controller.calculate();
    await settle();
    expect(store.state.busy).toBe("calculate");
    gate.reject(chunkLoadError());
    expect(await click).toBe("failed");
    expect(store.state.busy).toBeNull();
    expect(store.state.notice).toEqual({ intent: "error", title: UI.notice.failedTitle, ...inBar(UI.notice.partNotLoaded) });
    // Not »an unexpected error«: it is an expected failure, said in Danish, and not logged as a bug.
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(host.stats.syncs).toBe(0);
    expect(host.model.sheets.map((s) => s.name)).toEqual(sheetsBefore);

    // The server is back: the next click loads the chunk again and calculates.
    const again = controller.calculate();
    await settle();
    expect(gate.loads()).toBe(2);
    gate.resolve();
    expect(await again).toBe("attention");
    expect(store.state.result?.sheet).toBe("Status 2025");
  });

  test("»Opret skabelon« loads the same chunk; a failed load leaves the workbook as it was", async () => {
    const gate = gatedLoad();
    const { host, store, controller } = await startedWith(gate.load);
    const sheetsBefore = host.model.sheets.map((s) => s.name);
    controller.setTemplateYear(2030);

    const click = controller.createTemplate();
    await settle();
    expect(store.state.busy).toBe("template");
    gate.reject(chunkLoadError());
    expect(await click).toBe("failed");
    expect(store.state.notice?.text).toBe(inBar(UI.notice.partNotLoaded).text);
    expect(host.model.sheets.map((s) => s.name)).toEqual(sheetsBefore);

    const again = controller.createTemplate();
    await settle();
    gate.resolve();
    expect(await again).toBe("done");
    // It ran: the example has every template sheet, so it says so and adds none.
    expect(store.state.notice).toEqual({ intent: "info", ...inBar(UI.notice.templateNothing) });
    expect(host.model.sheets.map((s) => s.name)).toEqual(sheetsBefore);
  });

  test("the error carries its own code, and the message says nothing was changed", async () => {
    const gate = gatedLoad();
    const ops = paneOperations(gate.load);
    const host = await exampleHost("good");
    const run = ops.calculateStatus(hostEnv(host), newSession());
    await settle();
    gate.reject(chunkLoadError());
    await expect(run).rejects.toMatchObject({ code: PART_NOT_LOADED, message: UI.notice.partNotLoaded });
    expect(UI.notice.partNotLoaded).toContain("Intet er ændret.");
  });
});

describe("»Download notat (Word)« with the notat as a chunk", () => {
  /** A notat host that records saves; the writer is never reached in these tests. */
  const host = (platform: string): NotatHost => ({
    platform: () => platform,
    today: () => ({ year: 2026, month: 1, day: 15 }),
    loadWriter: () => Promise.reject(new Error("the writer is not loaded in this test")),
    save: () => undefined,
  });

  /** The controller from a module registry in which the notat's chunk cannot load (its module throws when loaded). */
  function controllerWithoutNotatChunk(): typeof Controller {
    let C: typeof Controller | undefined;
    jest.isolateModules(() => {
      jest.doMock("../../src/taskpane/notat-download", () => {
        throw chunkLoadError();
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      C = (require("../../src/taskpane/controller") as typeof import("../../src/taskpane/controller")).Controller;
    });
    if (!C) throw new Error("no controller");
    return C;
  }

  afterEach(() => jest.dontMock("../../src/taskpane/notat-download"));

  test("a failed load of the notat's chunk is the Danish message, and nothing is read", async () => {
    const excel = await exampleHost("good");
    const store = new Store(initialState(2024));
    const C = controllerWithoutNotatChunk();
    const controller = new C(hostEnv(excel), newSession(), store, undefined, host("PC"));
    excel.resetStats();
    expect(await controller.notat()).toBe("failed");
    expect(store.state.notice).toEqual({ intent: "error", title: UI.notice.failedTitle, ...inBar(UI.notice.partNotLoaded) });
    expect(excel.stats.syncs).toBe(0);
  });

  test("on Mac the pane says so without fetching the notat's chunk", async () => {
    const excel = await exampleHost("good");
    const store = new Store(initialState(2024));
    const C = controllerWithoutNotatChunk();
    const controller = new C(hostEnv(excel), newSession(), store, undefined, host("Mac"));
    expect(await controller.notat()).toBe("attention");
    // Not »Knappen kunne ikke indlæses«: the chunk was never asked for.
    expect(store.state.notice).toEqual({ intent: "info", text: UI.notice.notatMac, detail: UI.notice.notatMacDetail });
  });
});
