/**
 * Issue 17 review: queueMarks once added the sheet-scoped name before its rule in one request. Excel
 * applies a request's commands before the failing one (OfficeExtension.Error docs), so a refused
 * rule left the name behind, and later validations reported cells as marked with no rule to show
 * them. The rule now goes first: a refusal leaves no name, and every validation reports the refusal.
 */
import { MARK_TAG } from "../../src/office/marks";
import { newSession, validateWorkbook } from "../../src/office/operations";
import { exampleHost, hostEnv } from "./fixtures";

test("a refused mark rule leaves no name behind, and no later validation reports marks", async () => {
  const host = await exampleHost("broken");
  host.misbehave("intersectionRefused");
  const outcomes: string[] = [];
  for (let i = 0; i < 3; i++) outcomes.push(await validateWorkbook(hostEnv(host), newSession()).then((r) => `ok marked=${r.marked}`, (e: unknown) => `error ${(e as { code?: string }).code}`));
  const left = host.model.sheets
    .map((s) => [s.name, s.conditionalFormats.filter((cf) => cf.kind === "custom" && cf.formula.includes(MARK_TAG)).length, host.model.names.filter((n) => n.sheetId === s.id && n.name.startsWith(MARK_TAG)).length])
    .filter(([, r, n]) => r || n);
  expect(outcomes.every((o) => o.startsWith("error"))).toBe(true);
  expect(left).toEqual([]);
});
