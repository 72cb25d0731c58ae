/**
 * A chart the user put on the status sheet (issue 17, defect 8): the next »Beregn status« writes the
 * report in place, so the chart stays on the sheet where the user put it, over the new report, and
 * its series still point at the status sheet (none became #REF!, as they would were the sheet
 * deleted and added again; the host keeps charts as their series' references, test/host/README.md).
 * Both clients.
 */
import { calculateStatus, newSession } from "../../src/office/operations";
import { exampleHost, hostEnv } from "./fixtures";

test("a chart on the status sheet, over the report's figures, stays through the next »Beregn status«", async () => {
  const host = await exampleHost("good");
  const env = hostEnv(host);
  const session = newSession();
  const first = await calculateStatus(env, session);
  const sheet = host.model.sheets.find((s) => s.name === first.written);
  if (!sheet) throw new Error("no status sheet");
  const chart = { series: ["'Status 2025'!$A$10:$A$12", "'Status 2025'!$C$10:$C$12", "BUF!$B$9:$B$13"] };
  sheet.charts = [structuredClone(chart)];
  const second = await calculateStatus(env, session);
  expect(second.written).toBe(first.written);
  const after = host.model.sheets.find((s) => s.name === first.written);
  expect(after?.id).toBe(sheet.id);
  expect(after?.charts).toEqual([chart]);
});
