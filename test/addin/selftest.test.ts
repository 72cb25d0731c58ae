/**
 * »Selvtest« (issue 10): its checks pass on the host with both clients and leave the workbook
 * exactly as it was. (The pane page that shows them is not built yet.)
 */
import { runSelfTest, SCRATCH_SHEET } from "../../src/office/selftest";
import { exampleHost, hostEnv } from "./fixtures";

test("every check passes, and the scratch sheet and its names are gone afterwards", async () => {
  const host = await exampleHost("good");
  const before = host.toJSON();
  const results = await runSelfTest(hostEnv(host));
  expect(results.map((r) => r.check)).toEqual(["literalText", "userRuleSurvivesMarks", "merges", "protection"]);
  for (const r of results) expect({ check: r.check, ok: r.ok, detail: r.detail }).toEqual({ check: r.check, ok: true, detail: r.detail });
  const after = host.toJSON();
  expect(after.sheets.map((s) => s.name)).not.toContain(SCRATCH_SHEET);
  expect(after.sheets).toEqual(before.sheets);
  expect(after.names).toEqual(before.names);
});
