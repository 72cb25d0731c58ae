/**
 * The ribbon's function commands: `event.completed()` is always called, also when the operation
 * or opening the pane fails; the pane opens when there is something to read.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type ExcelJS from "exceljs";
import { COMMAND_NAMES, commandHandlers, registerCommands, type CommandHandler, type CommandTarget } from "../../src/commands/commands";
import { OFFICE_ERROR_PARTIAL_WRITE, OFFICE_ERRORS, OFFICE_OPERATION_FAILED } from "../../src/messages/da";
import { newSession } from "../../src/office/operations";
import { Controller, type Outcome } from "../../src/taskpane/controller";
import { initialState, Store } from "../../src/taskpane/store";
import { createHost, loadXlsx, type TestHost } from "../host";
import { exampleWorkbook, hostEnv, xlsxBytes } from "./fixtures";

function event(): { completed: jest.Mock } {
  return { completed: jest.fn() };
}

function target(outcome: () => Promise<Outcome>): CommandTarget {
  return { calculate: jest.fn(outcome), validate: jest.fn(outcome) };
}

async function controllerOver(host: TestHost): Promise<{ controller: Controller; store: Store }> {
  const store = new Store(initialState(2024));
  const controller = new Controller(hostEnv(host), newSession(), store);
  await controller.start();
  return { controller, store };
}

/** The good example without its one warning (KK's fleksjob target set to the sum of the forvaltninger). */
async function cleanHost(): Promise<TestHost> {
  const wb = await exampleWorkbook("good");
  const maaltal = wb.getWorksheet("Måltal") as ExcelJS.Worksheet;
  maaltal.eachRow((row) => {
    if (row.getCell(1).value === "KK") row.getCell(4).value = 899;
  });
  return createHost(await loadXlsx(await xlsxBytes(wb)));
}

describe("ribbon commands", () => {
  test("register exactly the function names of manifest.xml", async () => {
    const manifest = await fs.readFile(path.join(__dirname, "../../manifest.xml"), "utf8");
    const declared = [...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]).sort();
    const associated: string[] = [];
    registerCommands({ associate: (name) => void associated.push(name), showTaskpane: () => Promise.resolve() }, target(() => Promise.resolve("done")));
    expect(associated.sort()).toEqual(declared);
    expect(Object.values(COMMAND_NAMES).sort()).toEqual(declared);
  });

  test.each<[string, () => Promise<Outcome>]>([
    ["the operation rejects", () => Promise.reject(new Error("boom"))],
    ["the operation throws", () => {
      throw new Error("boom");
    }],
    ["the operation fails", () => Promise.resolve("failed")],
  ])("call event.completed() once and open the pane when %s", async (_label, outcome) => {
    for (const name of Object.values(COMMAND_NAMES)) {
      const show = jest.fn(() => Promise.resolve());
      const e = event();
      await commandHandlers(target(outcome), show)[name](e);
      expect(e.completed).toHaveBeenCalledTimes(1);
      expect(show).toHaveBeenCalledTimes(1);
    }
  });

  test.each<[string, () => Promise<void>]>([
    ["rejects", () => Promise.reject(new Error("no pane"))],
    ["throws", () => {
      throw new Error("no pane");
    }],
  ])("call event.completed() when opening the pane %s", async (_label, show) => {
    for (const name of Object.values(COMMAND_NAMES)) {
      const e = event();
      await commandHandlers(target(() => Promise.resolve("attention")), jest.fn(show))[name](e);
      expect(e.completed).toHaveBeenCalledTimes(1);
    }
  });

  test("the handler given to Office.actions.associate completes the event too", async () => {
    const handlers = new Map<string, (e: Office.AddinCommands.Event) => void>();
    registerCommands({ associate: (name, h) => void handlers.set(name, h), showTaskpane: () => Promise.reject(new Error("x")) }, target(() => Promise.reject(new Error("y"))));
    const e = event();
    handlers.get("beregnStatus")?.(e as unknown as Office.AddinCommands.Event);
    await new Promise((r) => setTimeout(r, 0));
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  test("»Beregn status« blocked by errors opens the pane with the list", async () => {
    const host = createHost(await loadXlsx(await xlsxBytes(await exampleWorkbook("broken"))));
    const { controller, store } = await controllerOver(host);
    const show = jest.fn(() => Promise.resolve());
    const e = event();
    await commandHandlers(controller, show).beregnStatus(e);
    expect(show).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(store.state.issues?.scope).toEqual({ kind: "calculation" });
    expect(store.state.issues?.issues.filter((i) => i.severity === "error").length).toBeGreaterThanOrEqual(7);
    expect(store.state.notice?.intent).toBe("error");
    expect(host.model.sheets.some((s) => s.name.startsWith("Status"))).toBe(false);
  });

  test("»Beregn status« that succeeds shows success in the pane without opening it", async () => {
    const host = await cleanHost();
    const { controller, store } = await controllerOver(host);
    const show = jest.fn(() => Promise.resolve());
    const e = event();
    await commandHandlers(controller, show).beregnStatus(e);
    expect(store.state.notice?.intent).toBe("success");
    expect(store.state.result?.sheet).toBe("Status 2025");
    expect(show).not.toHaveBeenCalled();
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(host.selection().sheet).toBe("Status 2025");
  });

  test("»Beregn status« whose write fails opens the pane with the Danish message", async () => {
    const host = await cleanHost();
    const { controller, store } = await controllerOver(host);
    host.failSync(2);
    const show = jest.fn(() => Promise.resolve());
    const e = event();
    await commandHandlers(controller, show).beregnStatus(e);
    // The bar says what failed; why and what now are its detail, below it (issue 21).
    expect(store.state.notice).toEqual(expect.objectContaining({ intent: "error", text: OFFICE_OPERATION_FAILED.calculate, detail: `${OFFICE_ERRORS.GeneralException} ${OFFICE_ERROR_PARTIAL_WRITE}` }));
    expect(store.state.busy).toBeNull();
    expect(show).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  test("»Valider ark« opens the pane with the active sheet's result", async () => {
    const host = createHost(await loadXlsx(await xlsxBytes(await exampleWorkbook("broken"))));
    const { controller, store } = await controllerOver(host);
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("KFF").activate();
      await ctx.sync();
    });
    const show = jest.fn(() => Promise.resolve());
    const e = event();
    const handler: CommandHandler = commandHandlers(controller, show).validerArk;
    await handler(e);
    expect(store.state.issues?.scope).toEqual({ kind: "sheet", sheet: "KFF" });
    expect(store.state.issues?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: "KFF", cell: "B8", code: "VALUE_NOT_WHOLE" })]));
    expect(show).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });
});
