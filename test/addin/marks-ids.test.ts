/**
 * Marks do not depend on sheet ids (issue 17, defect 4). `Worksheet.id` changes when the workbook is
 * opened again or on another platform (the host: reopenWithNewSheetIds). Marks keyed by it would
 * never clear, never be added, and add a new whole-sheet rule in every session; marks kept in the
 * sheet's own names (Worksheet.names) are found again. Both clients.
 */
import { MARK_TAG, NO_MARKS } from "../../src/office/marks";
import { newSession, validateWorkbook } from "../../src/office/operations";
import type { TestHost } from "../host";
import { exampleHost, hostEnv, markedCells } from "./fixtures";

const markRules = (host: TestHost, sheet: string) => host.model.sheets.find((s) => s.name === sheet)?.conditionalFormats.filter((cf) => cf.kind === "custom" && cf.formula.includes(MARK_TAG)).length;

test("validated, reopened with new sheet ids, fixed and validated again: the mark goes, and no second rule is added", async () => {
  const host = await exampleHost("broken");
  const first = await validateWorkbook(hostEnv(host), newSession());
  const marked = markedCells(host, "BUF");
  expect(Object.keys(marked).length).toBeGreaterThan(0);
  const rules = markRules(host, "BUF");

  host.reopenWithNewSheetIds();
  const again = await validateWorkbook(hostEnv(host), newSession());
  expect(again.marked).toBe(first.marked);
  expect(markedCells(host, "BUF")).toEqual(marked);
  expect(markRules(host, "BUF")).toBe(rules);

  // The user changes every marked cell on BUF; after another reopening the marks are exactly the
  // cells the new validation reports (a stale mark would stay, a new one would be missing).
  const cells = Object.keys(marked);
  await host.run(async (ctx) => {
    for (const cell of cells) ctx.workbook.worksheets.getItem("BUF").getRange(cell).values = [[1]];
    await ctx.sync();
  });
  host.reopenWithNewSheetIds();
  const last = await validateWorkbook(hostEnv(host), newSession());
  const reported = [...new Set(last.issues.filter((i) => i.sheet === "BUF" && i.cell).map((i) => i.cell as string))].sort();
  expect(Object.keys(markedCells(host, "BUF")).sort()).toEqual(reported);
  expect(reported).not.toEqual([...cells].sort());
  expect(markRules(host, "BUF")).toBe(rules);
});

test("a mark name of an earlier version (keyed by sheet id) is emptied, not deleted", async () => {
  const host = await exampleHost("broken");
  await host.run(async (ctx) => {
    ctx.workbook.names.add(`${MARK_TAG}fejl_00000001000100000000000000000000`, "=BUF!$B$9").visible = false;
    await ctx.sync();
  });
  await validateWorkbook(hostEnv(host), newSession());
  expect(host.model.names.find((n) => n.name === `${MARK_TAG}fejl_00000001000100000000000000000000`)?.formula).toBe(NO_MARKS);
});
