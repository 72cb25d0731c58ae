/**
 * »Selvtest«: the contract the add-in relies on, checked in the user's own Excel on a scratch sheet
 * that it creates and deletes (issue 10). Each check says pass or fail; nothing else in the workbook
 * is touched. The same checks run in the tests, with both clients.
 */
import { officeErrorCode } from "./errors";
import { markName, markReference, markRuleFormula, MARK_FILL } from "./marks";
import { transient, type OfficeEnv } from "./run";
import { asLiteral } from "./write";

export type SelfTestCheck = "literalText" | "userRuleSurvivesMarks" | "merges" | "protection";

export interface SelfTestResult {
  readonly check: SelfTestCheck;
  readonly ok: boolean;
  /** What was seen, for the support text (English, technical). */
  readonly detail: string;
}

export const SCRATCH_SHEET = "jobstatus selvtest";
const USER_RULE = "=$B$2>0";

/** Runs every check on a scratch sheet and deletes it again, also when a check fails. */
export async function runSelfTest(env: OfficeEnv): Promise<SelfTestResult[]> {
  const results: SelfTestResult[] = [];
  await env.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add(SCRATCH_SHEET);
    ws.load("id");
    await ctx.sync();
    try {
      results.push(await literalText(ctx, ws));
      results.push(await userRuleSurvivesMarks(ctx, ws));
      if (env.isSetSupported("ExcelApi", "1.13")) results.push(await merges(ctx, ws));
      results.push(await protection(ctx, ws));
    } finally {
      ws.delete();
      await ctx.sync();
    }
  });
  return results;
}

/** A text with a leading apostrophe (how the add-in writes every label) reads back as that literal text. */
async function literalText(ctx: Excel.RequestContext, ws: Excel.Worksheet): Promise<SelfTestResult> {
  const texts = ["=1+1", "1.048", "-5", "TRUE"];
  const r = transient(ws.getRange("A1:D1"));
  r.values = [texts.map((t) => asLiteral(t))];
  r.load("values,valueTypes");
  await ctx.sync();
  const values = (r.values[0] ?? []).map(String);
  const types = r.valueTypes[0] ?? [];
  const ok = values.every((v, i) => v === texts[i]) && types.every((t) => t === "String");
  return { check: "literalText", ok, detail: `values ${JSON.stringify(values)}, types ${JSON.stringify(types)}` };
}

/** A user's rule on the same cells survives adding marks and taking them away again. */
async function userRuleSurvivesMarks(ctx: Excel.RequestContext, ws: Excel.Worksheet): Promise<SelfTestResult> {
  const user = transient(ws.getRange("B2:B4")).conditionalFormats.add("Custom");
  user.custom.rule.formula = USER_RULE;
  user.custom.format.fill.color = "#C6EFCE";
  const name = markName(ws.id, "error");
  ctx.workbook.names.add(name, markReference(SCRATCH_SHEET, ["B2", "B3"]).formula).visible = false;
  const mark = transient(ws.getRange()).conditionalFormats.add("Custom");
  mark.custom.rule.formula = markRuleFormula(name);
  mark.custom.format.fill.color = MARK_FILL.error;
  await ctx.sync();
  ctx.workbook.names.getItem(name).formula = "=FALSE";
  await ctx.sync();
  const rules = transient(ws.getRange("B2:B4")).conditionalFormats;
  rules.load("items/type,items/customOrNullObject/rule/formula");
  await ctx.sync();
  const formulas = rules.items.map((cf) => (cf.customOrNullObject.isNullObject ? cf.type : cf.customOrNullObject.rule.formula));
  ctx.workbook.names.getItem(name).delete();
  await ctx.sync();
  const ok = formulas.filter((f) => f === USER_RULE).length === 1 && formulas.filter((f) => f === markRuleFormula(name)).length === 1 && formulas.length === 2;
  return { check: "userRuleSurvivesMarks", ok, detail: `rules ${JSON.stringify(formulas)}` };
}

/** A merged area is seen (ExcelApi 1.13). */
async function merges(ctx: Excel.RequestContext, ws: Excel.Worksheet): Promise<SelfTestResult> {
  transient(ws.getRange("D3:D5")).merge(false);
  const areas = transient(transient(ws.getRange("A1:F10")).getMergedAreasOrNullObject());
  areas.load("address");
  await ctx.sync();
  const address = areas.isNullObject ? "" : areas.address;
  return { check: "merges", ok: /!\$?D\$?3:\$?D\$?5$/.test(address), detail: `merged areas "${address}"` };
}

/** A protected sheet reads as protected, and Excel refuses a write to it with AccessDenied. */
async function protection(ctx: Excel.RequestContext, ws: Excel.Worksheet): Promise<SelfTestResult> {
  ws.protection.protect();
  ws.protection.load("protected");
  await ctx.sync();
  const isProtected = ws.protection.protected;
  let code: string | undefined;
  try {
    transient(ws.getRange("F1")).values = [[1]];
    await ctx.sync();
  } catch (e) {
    code = officeErrorCode(e);
  }
  ws.protection.unprotect();
  await ctx.sync();
  return { check: "protection", ok: isProtected && code === "AccessDenied", detail: `protected ${String(isProtected)}, write refused with ${code ?? "nothing"}` };
}
