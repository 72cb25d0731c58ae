/**
 * The user hid last run's status sheet, and clicks »Beregn status« again (outside review of issue 17).
 * Excel cannot activate a hidden sheet (InvalidOperation; test/host/README.md), and a command that
 * throws stops the rest of its request, so the recalculation after it never ran and every later
 * »Beregn status« failed. Now the status is written into the hidden sheet, which stays hidden (its
 * visibility is never set: not undoable on Windows and Mac), the workbook is recalculated, and the
 * pane says where the status is. Both clients.
 */
import { UI } from "../../src/messages/da";
import { calculateStatus, newSession } from "../../src/office/operations";
import { Controller } from "../../src/taskpane/controller";
import { initialState, Store } from "../../src/taskpane/store";
import { exampleHost, hostEnv } from "./fixtures";

const STATUS = "Status 2025";

test("the double refuses to activate a hidden sheet, as Excel does", async () => {
  const host = await exampleHost("good");
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("BUF").visibility = "Hidden";
    await ctx.sync();
  });
  await expect(
    host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("BUF").activate();
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidOperation" });
});

test("»Beregn status« with the status sheet hidden: written in place, left hidden, formulas follow, the pane says where it is", async () => {
  const host = await exampleHost("good");
  const env = hostEnv(host);
  const session = newSession();
  const first = await calculateStatus(env, session);
  expect(first.written).toBe(STATUS);
  expect(first.hidden).toBeUndefined();
  const status = host.model.sheets.find((s) => s.name === STATUS);
  if (!status) throw new Error("no status sheet");
  const frozen = status.freeze;
  // A figure of the report that changes when BUF's last figure in column B changes.
  const buf = host.model.sheets.find((s) => s.name === "BUF");
  const figure = Object.entries(buf?.cells ?? {})
    .filter(([k, c]) => /^B\d+$/.test(k) && typeof c.v === "number" && !c.f)
    .sort(([a], [b]) => Number(b.slice(1)) - Number(a.slice(1)))[0];
  if (!figure) throw new Error("the example has no figure in BUF!B");
  const [bufCell, bufValue] = figure;
  const numbers = () => Object.entries(status.cells).filter(([, c]) => typeof c.v === "number").map(([k, c]) => [k, c.v] as const);
  const before = new Map(numbers());
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("BUF").getRange(bufCell).values = [[(bufValue.v as number) + 500]];
    ctx.workbook.worksheets.getItem("Måltal").activate();
    ctx.workbook.worksheets.getItem(STATUS).visibility = "Hidden";
    await ctx.sync();
  });
  const store = new Store(initialState(2025));
  const controller = new Controller(env, session, store);
  // "attention": the ribbon's »Beregn status« opens the pane (src/commands), as nothing else shows it.
  expect(await controller.calculate()).toBe("attention");

  const notice = store.state.notice;
  expect(notice?.intent).toBe("success");
  expect(notice?.detail).toContain(UI.notice.statusHidden(STATUS));
  // No »Vis arket«: Excel cannot select a cell on a hidden sheet.
  expect(notice?.action).toBeUndefined();
  // Still hidden, and the sheet the user was on is still active.
  expect(status.visibility).toBe("hidden");
  expect(host.model.sheets.find((s) => s.id === host.model.activeSheetId)?.name).toBe("Måltal");
  // The figures are the new ones, and the frozen panes are as the first run left them.
  const changed = numbers().filter(([k, v]) => before.get(k) !== v);
  expect(changed.length).toBeGreaterThan(0);
  expect(status.freeze).toEqual(frozen);
  // A formula of the user's that reads a changed figure shows it (the recalculation ran).
  const [cell, value] = changed[0] ?? ["A1", 0];
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Måltal").getRange("Z1").formulas = [[`='${STATUS}'!${cell}`]];
    await ctx.sync();
  });
  expect(host.cell("Måltal", "Z1")?.v).toBe(value);
});

test("a third run on the hidden sheet works too, and a formula written before it follows", async () => {
  const host = await exampleHost("good");
  const env = hostEnv(host);
  const session = newSession();
  await calculateStatus(env, session);
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Måltal").activate();
    ctx.workbook.worksheets.getItem(STATUS).visibility = "Hidden";
    await ctx.sync();
  });
  const second = await calculateStatus(env, session);
  expect(second.hidden).toBe(true);
  const status = host.model.sheets.find((s) => s.name === STATUS);
  const [cell, c] = Object.entries(status?.cells ?? {}).find(([, x]) => typeof x.v === "number" && x.v > 10) ?? [];
  if (!cell || !c) throw new Error("no figure on the status sheet");
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Måltal").getRange("Z1").formulas = [[`='${STATUS}'!${cell}`]];
    ctx.workbook.worksheets.getItem("BUF").getRange("B10").values = [[500]];
    await ctx.sync();
  });
  const third = await calculateStatus(env, session);
  expect(third.outcome.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(third.hidden).toBe(true);
  expect(host.cell("Måltal", "Z1")?.v).toBe(host.cell(STATUS, cell)?.v);
});

test("the user hid the Kilder sheet: it is rewritten where it is and stays hidden; the status sheet is activated", async () => {
  const host = await exampleHost("good");
  const env = hostEnv(host);
  const session = newSession();
  const first = await calculateStatus(env, session);
  const kilder = first.outcome.sourcesOutput?.name;
  if (!kilder) throw new Error("the example gives no Kilder sheet");
  const sheet = host.model.sheets.find((s) => s.name === kilder);
  const frozen = sheet?.freeze;
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Måltal").activate();
    ctx.workbook.worksheets.getItem(kilder).visibility = "Hidden";
    await ctx.sync();
  });
  const second = await calculateStatus(env, session);
  expect(second.hidden).toBeUndefined();
  expect(sheet?.visibility).toBe("hidden");
  expect(sheet?.freeze).toEqual(frozen);
  expect(Object.keys(sheet?.cells ?? {}).length).toBeGreaterThan(0);
  expect(host.model.sheets.find((s) => s.id === host.model.activeSheetId)?.name).toBe(STATUS);
});
