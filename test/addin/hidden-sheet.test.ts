/**
 * Clicking an issue on a hidden sheet (issue 10, defect 9): the pane says the sheet is hidden and
 * how to show it, not something about cell editing. Both clients.
 */
import { OFFICE_SHEET_HIDDEN } from "../../src/messages/da";
import { newSession } from "../../src/office/operations";
import { Controller } from "../../src/taskpane/controller";
import { initialState, Store } from "../../src/taskpane/store";
import { exampleHost, hostEnv } from "./fixtures";

test("an issue on a hidden sheet: the message says the sheet is hidden", async () => {
  const host = await exampleHost("broken");
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("BUF").visibility = "Hidden";
    await ctx.sync();
  });
  const store = new Store(initialState(2025));
  const controller = new Controller(hostEnv(host), newSession(), store);
  expect(await controller.select({ sheet: "BUF", cell: "B9" })).toBe("failed");
  // The bar holds the first sentence, the rest is its detail (issue 21); together they are the whole message.
  expect([store.state.notice?.text, store.state.notice?.detail].join(" ")).toBe(OFFICE_SHEET_HIDDEN("BUF"));
  // A visible sheet still works.
  expect(await controller.select({ sheet: "ØKF", cell: "C7" })).toBe("done");
  expect(host.selection()).toEqual({ sheet: "ØKF", address: "C7" });
});
