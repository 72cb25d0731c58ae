/**
 * Validating again without a change writes nothing (issue 17, defect 9). Excel reads a name's
 * formula back in its own form, with a sheet name in apostrophes only where needed (`=BUF!$B$9`, the
 * host models it: Engine.canonicalFormula); comparing the text would rewrite every mark name on
 * every click, which dirties the workbook and, with AutoSave, makes a new version each time. Both clients.
 */
import { newSession, validateWorkbook } from "../../src/office/operations";
import { exampleHost, hostEnv, markedCells } from "./fixtures";

test("a second »Valider alle« with nothing changed sends no change to Excel", async () => {
  const host = await exampleHost("broken");
  const env = hostEnv(host);
  const session = newSession();
  const first = await validateWorkbook(env, session);
  expect(first.marked).toBeGreaterThan(0);
  const marked = Object.keys(markedCells(host, "BUF"));
  expect(marked.length).toBeGreaterThan(0);
  host.resetStats();
  const second = await validateWorkbook(env, session);
  expect(second.marked).toBe(first.marked);
  // No request changed the workbook: no undo record, and the same marks.
  expect(host.stats.undoSteps).toBe(0);
  expect(Object.keys(markedCells(host, "BUF"))).toEqual(marked);
});
