/**
 * »Selvtest«: the contract the add-in relies on, checked in the user's own Excel on a scratch sheet
 * that it creates and deletes (issue 10). Each check says pass, fail or skipped (its requirement set
 * is missing); nothing else in the workbook is touched. The same checks run in the tests, with both
 * clients, and each is shown to fail on a host that misbehaves (test/addin/selftest.test.ts).
 *
 * Every check gets its own scratch sheet, deleted in a `finally` by name, so a check that fails (or
 * whose sync Excel refuses) never leaves it behind. The name is one no sheet in the workbook has: a
 * user's sheet that happens to carry it is never used and never deleted.
 */
import { footerText, pageCapacity, printSetupFor, type CellStyle, type LayoutValue, type SheetLayout, pageBreaks } from "../core";
import { REPORT } from "../messages/da";
import { officeErrorCode } from "./errors";
import { markName, markReference, markRuleFormula, MARK_FILL } from "./marks";
import { transient, type OfficeEnv } from "./run";
import { asLiteral, layoutBands, WRITE_BYTES_PER_SYNC, writeLayouts } from "./write";

export const SELF_TEST_CHECKS = ["literalText", "userRuleSurvivesMarks", "markRule", "recalculation", "mergedUndoGroup", "merges", "protection", "printSetup", "requestSize"] as const;
export type SelfTestCheck = (typeof SELF_TEST_CHECKS)[number];

export type SelfTestStatus = "pass" | "fail" | "skipped";

export interface SelfTestResult {
  readonly check: SelfTestCheck;
  readonly status: SelfTestStatus;
  /** What was seen, for the support text (English, technical). */
  readonly detail: string;
}

/** The scratch sheet's name; `Jobstatus selvtest 2`, `… 3` when a sheet already has it. */
export const SCRATCH_SHEET = "Jobstatus selvtest";
const USER_RULE = "=$B$2>0";

/** The requirement set a check needs beyond the add-in's own (ExcelApi 1.7). */
export const CHECK_REQUIRES: Readonly<Partial<Record<SelfTestCheck, string>>> = { merges: "1.13", printSetup: "1.9", mergedUndoGroup: "1.20" };

type Check = (ctx: Excel.RequestContext, ws: Excel.Worksheet, name: string, env: OfficeEnv) => Promise<Omit<SelfTestResult, "check">>;

const CHECKS: Readonly<Record<SelfTestCheck, Check>> = {
  literalText: (ctx, ws) => literalText(ctx, ws),
  userRuleSurvivesMarks: (ctx, ws, name) => userRuleSurvivesMarks(ctx, ws, name),
  markRule: (ctx, ws, name) => markRule(ctx, ws, name),
  recalculation: (ctx, ws) => recalculation(ctx, ws),
  mergedUndoGroup: (_ctx, _ws, name, env) => mergedUndoGroup(env, name),
  merges: (ctx, ws) => merges(ctx, ws),
  protection: (ctx, ws) => protection(ctx, ws),
  printSetup: (ctx, ws, name) => printSetup(ctx, ws, name),
  requestSize: (ctx, ws, name) => requestSize(ctx, ws, name),
};

/**
 * Runs the checks (all by default), each on its own scratch sheet. Throws only when the sheet list
 * cannot be read or a scratch sheet cannot be deleted again (twice); the page then says which sheet
 * to delete. A check that Excel refuses is a failed check.
 */
export async function runSelfTest(env: OfficeEnv, only: readonly SelfTestCheck[] = SELF_TEST_CHECKS): Promise<SelfTestResult[]> {
  const results: SelfTestResult[] = [];
  await env.run(async (ctx) => {
    const name = await freeScratchName(ctx);
    for (const check of only) {
      const needs = CHECK_REQUIRES[check];
      if (needs && !env.isSetSupported("ExcelApi", needs)) {
        results.push({ check, status: "skipped", detail: `needs ExcelApi ${needs}` });
        continue;
      }
      results.push({ check, ...(await onScratchSheet(ctx, name, (ws) => CHECKS[check](ctx, ws, name, env))) });
    }
  });
  return results;
}

/** A sheet name no sheet in the workbook has (Excel compares sheet names without regard to case). */
async function freeScratchName(ctx: Excel.RequestContext): Promise<string> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  await ctx.sync();
  const taken = new Set(sheets.items.map((s) => s.name.toLocaleLowerCase("da")));
  let name = SCRATCH_SHEET;
  for (let i = 2; taken.has(name.toLocaleLowerCase("da")); i++) name = `${SCRATCH_SHEET} ${i}`;
  return name;
}

/** Runs `check` on a new sheet `name`; a refused sync is a failed check; the sheet is deleted afterwards in every case. */
async function onScratchSheet(ctx: Excel.RequestContext, name: string, check: (ws: Excel.Worksheet) => Promise<Omit<SelfTestResult, "check">>): Promise<Omit<SelfTestResult, "check">> {
  try {
    const ws = ctx.workbook.worksheets.add(name);
    ws.load("id");
    await ctx.sync();
    return await check(ws);
  } catch (e) {
    return { status: "fail", detail: `Excel refused: ${officeErrorCode(e) ?? (e instanceof Error ? e.message : String(e))}` };
  } finally {
    await deleteScratch(ctx, name);
  }
}

/**
 * Deletes what `find` names, if it is there, trying twice: the object of a refused request cannot be
 * trusted, so it is looked up again, and a refused delete is retried once before the error reaches
 * the page.
 */
async function removeIfThere(ctx: Excel.RequestContext, find: () => Excel.Worksheet | Excel.NamedItem): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const item = find();
      item.load("name");
      await ctx.sync();
      if (item.isNullObject) return;
      item.delete();
      await ctx.sync();
      return;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

/** Deletes the scratch sheet by its name (a name no user's sheet has). */
function deleteScratch(ctx: Excel.RequestContext, name: string): Promise<void> {
  return removeIfThere(ctx, () => ctx.workbook.worksheets.getItemOrNullObject(name));
}

const pass = (ok: boolean): SelfTestStatus => (ok ? "pass" : "fail");

/** A text with a leading apostrophe (how the add-in writes every label) reads back as that literal text. */
async function literalText(ctx: Excel.RequestContext, ws: Excel.Worksheet): Promise<Omit<SelfTestResult, "check">> {
  const texts = ["=1+1", "1.048", "-5", "TRUE"];
  const r = transient(ws.getRange("A1:D1"));
  r.values = [texts.map((t) => asLiteral(t))];
  r.load("values,valueTypes");
  await ctx.sync();
  const values = (r.values[0] ?? []).map(String);
  const types = r.valueTypes[0] ?? [];
  const ok = values.every((v, i) => v === texts[i]) && types.every((t) => t === "String");
  return { status: pass(ok), detail: `values ${JSON.stringify(values)}, types ${JSON.stringify(types)}` };
}

/** A user's rule on the same cells survives adding marks and taking them away again. */
async function userRuleSurvivesMarks(ctx: Excel.RequestContext, ws: Excel.Worksheet, sheetName: string): Promise<Omit<SelfTestResult, "check">> {
  const user = transient(ws.getRange("B2:B4")).conditionalFormats.add("Custom");
  user.custom.rule.formula = USER_RULE;
  user.custom.format.fill.color = "#C6EFCE";
  const name = markName("error");
  ws.names.add(name, markReference(sheetName, ["B2", "B3"]).formula).visible = false;
  try {
    const mark = transient(ws.getRange()).conditionalFormats.add("Custom");
    mark.custom.rule.formula = markRuleFormula(name);
    mark.custom.format.fill.color = MARK_FILL.error;
    await ctx.sync();
    ws.names.getItem(name).formula = "=FALSE";
    await ctx.sync();
    const rules = transient(ws.getRange("B2:B4")).conditionalFormats;
    rules.load("items/type,items/customOrNullObject/rule/formula");
    await ctx.sync();
    const formulas = rules.items.map((cf) => (cf.customOrNullObject.isNullObject ? cf.type : cf.customOrNullObject.rule.formula));
    const ok = formulas.filter((f) => f === USER_RULE).length === 1 && formulas.filter((f) => f === markRuleFormula(name)).length === 1 && formulas.length === 2;
    return { status: pass(ok), detail: `rules ${JSON.stringify(formulas)}` };
  } finally {
    // The name is the sheet's: it goes with the test sheet, and here already when a sync above was refused.
    await removeIfThere(ctx, () => ws.names.getItemOrNullObject(name));
  }
}

/**
 * The validation mark's rule evaluates (issue 17, defect 5): Excel accepts the rule
 * `=ISREF(A1 <name>)` (the intersection operator) over the whole sheet with the name in the sheet's
 * own scope, and the same test, written in a cell for B2 (marked) and B3 (not marked), gives TRUE
 * and FALSE. Only real Excel can settle whether conditional-format formulas take the intersection
 * operator; no Office.js call reads back whether a rule shows, so the cell formula stands in for it.
 */
async function markRule(ctx: Excel.RequestContext, ws: Excel.Worksheet, sheetName: string): Promise<Omit<SelfTestResult, "check">> {
  const name = markName("error");
  ws.names.add(name, markReference(sheetName, ["B2"]).formula).visible = false;
  const mark = transient(ws.getRange()).conditionalFormats.add("Custom");
  mark.custom.rule.formula = markRuleFormula(name);
  mark.custom.format.fill.color = MARK_FILL.error;
  const test = transient(ws.getRange("D2:D3"));
  test.formulas = [[`=ISREF(B2 ${name})`], [`=ISREF(B3 ${name})`]];
  test.load("values");
  await ctx.sync();
  const values = test.values.map((r) => r[0]);
  return { status: pass(values[0] === true && values[1] === false), detail: `ISREF for a marked and an unmarked cell: ${JSON.stringify(values)}` };
}

/**
 * A formula that reads a cell written with calculation suspended shows the new value after the add-in's
 * last request, which is not suspended and recalculates, as »Beregn status« writes (issue 17, defect 3;
 * Application.suspendApiCalculationUntilNextSync leaves recalculation to the add-in).
 */
async function recalculation(ctx: Excel.RequestContext, ws: Excel.Worksheet): Promise<Omit<SelfTestResult, "check">> {
  const source = transient(ws.getRange("A1"));
  source.values = [[1]];
  transient(ws.getRange("B1")).formulas = [["=A1"]];
  await ctx.sync();
  ctx.application.suspendApiCalculationUntilNextSync();
  transient(ws.getRange("A1")).values = [[2]];
  await ctx.sync();
  transient(ws.getRange("C1")).values = [["slut"]];
  ctx.application.calculate("Recalculate");
  const reader = transient(ws.getRange("B1"));
  reader.load("values");
  await ctx.sync();
  const seen = reader.values[0]?.[0];
  return { status: pass(seen === 2), detail: `=A1 shows ${JSON.stringify(seen)} after A1 went from 1 to 2` };
}

/**
 * Excel accepts a run with RunOptions.mergeUndoGroup (ExcelApi 1.20) that writes in two requests, as
 * »Beregn status« does (office-js#6491 and #6711 report such runs failing). A refusal is a failed check;
 * the add-in itself then writes without merging (src/office/run.ts).
 */
async function mergedUndoGroup(env: OfficeEnv, sheetName: string): Promise<Omit<SelfTestResult, "check">> {
  let unmerged = false;
  await env.run(
    async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheetName);
      transient(ws.getRange("A1")).values = [["første"]];
      await ctx.sync();
      transient(ws.getRange("A2")).values = [["anden"]];
      transient(ws.getRange("A1:A2")).format.font.bold = true;
      await ctx.sync();
    },
    // Fixed values into cells addressed by name: running it again converges (src/office/run.ts).
    { mergeUndoGroup: true, rerunnable: true, onUnmerged: () => void (unmerged = true) },
  );
  return { status: pass(!unmerged), detail: unmerged ? "Excel refused the merged undo group (UndoNotSupported); written without it" : "two requests in one merged undo group accepted" };
}

/** A merged area is seen (ExcelApi 1.13). */
async function merges(ctx: Excel.RequestContext, ws: Excel.Worksheet): Promise<Omit<SelfTestResult, "check">> {
  transient(ws.getRange("D3:D5")).merge(false);
  const areas = transient(transient(ws.getRange("A1:F10")).getMergedAreasOrNullObject());
  areas.load("address");
  await ctx.sync();
  const address = areas.isNullObject ? "" : areas.address;
  return { status: pass(/!\$?D\$?3:\$?D\$?5$/.test(address)), detail: `merged areas "${address}"` };
}

/** A protected sheet reads as protected, and Excel refuses a write to it with AccessDenied. */
async function protection(ctx: Excel.RequestContext, ws: Excel.Worksheet): Promise<Omit<SelfTestResult, "check">> {
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
  return { status: pass(isProtected && code === "AccessDenied"), detail: `protected ${String(isProtected)}, write refused with ${code ?? "nothing"}` };
}

/** Rows of each table in the print-setup layout: enough that two never share a page at the report's scale. */
function printLayout(sheetName: string): SheetLayout {
  const widths = [46, 10, 12, 12, 15, 16];
  const print = printSetupFor(widths, "portrait", { footer: { left: footerText(`${SCRATCH_SHEET} & print`), right: REPORT.footerPages } });
  const rowsPerTable = Math.ceil((0.6 * pageCapacity(print.scale, print.orientation)) / 15);
  const values: LayoutValue[][] = [];
  const starts: number[] = [];
  for (let t = 1; t <= 3; t++) {
    starts.push(values.length);
    values.push([`Tabel ${t}`, null, null, null, null, null]);
    for (let r = 1; r < rowsPerTable; r++) values.push([`Række ${r}`, r, t, r * t, null, null]);
  }
  const heights: { row: number; height: number }[] = [];
  return {
    sheetName,
    fontName: "Calibri",
    fontSize: 11,
    values,
    numberFormats: values.map((r) => r.map(() => null)),
    merges: [],
    styles: starts.map((s) => ({ rect: { r1: s, c1: 0, r2: s, c2: 5 }, style: { bold: true } })),
    columnWidths: widths,
    rowHeights: heights,
    pageBreaks: pageBreaks(starts, values.length, heights, pageCapacity(print.scale, print.orientation)),
    print,
    showGridlines: false,
  };
}

/**
 * The report's print setup as write.ts applies it (fixed scale, print area, manual page breaks,
 * footer), read back: Excel kept the scale (not Fit To, which ignores manual breaks), a break before
 * each table, and the print area and footer as set. ExcelApi 1.9.
 */
async function printSetup(ctx: Excel.RequestContext, ws: Excel.Worksheet, sheetName: string): Promise<Omit<SelfTestResult, "check">> {
  const layout = printLayout(sheetName);
  await writeLayouts(ctx, [{ ws, layout }], { pageLayout: true, dataValidation: false, gridlines: true });
  const page = ws.pageLayout;
  page.load("zoom");
  const area = transient(page.getPrintAreaOrNullObject());
  area.load("address");
  const footer = page.headersFooters.defaultForAllPages;
  footer.load("leftFooter,rightFooter");
  const breaks = ws.horizontalPageBreaks;
  breaks.load("items");
  await ctx.sync();
  const cells = breaks.items.map((b) => {
    const c = transient(b.getCellAfterBreak());
    c.load("rowIndex");
    return c;
  });
  await ctx.sync();
  const rows = cells.map((c) => c.rowIndex).sort((a, b) => a - b);
  const zoom = page.zoom;
  const fitTo = (zoom.horizontalFitToPages ?? 0) > 0 || (zoom.verticalFitToPages ?? 0) > 0;
  const address = area.isNullObject ? "" : area.address.replace(/\$/g, "").replace(/^.*!/, "");
  const wantedArea = `A1:F${layout.values.length}`;
  const wanted = layout.pageBreaks ?? [];
  const problems = [
    zoom.scale !== layout.print.scale || fitTo ? `zoom ${JSON.stringify(zoom)} (set scale ${layout.print.scale})` : "",
    JSON.stringify(rows) !== JSON.stringify(wanted) ? `breaks before rows ${JSON.stringify(rows)} (set ${JSON.stringify(wanted)})` : "",
    address !== wantedArea ? `print area "${address}" (set ${wantedArea})` : "",
    footer.leftFooter !== layout.print.footer?.left || footer.rightFooter !== layout.print.footer?.right ? `footer ${JSON.stringify([footer.leftFooter, footer.rightFooter])}` : "",
  ].filter(Boolean);
  const seen = `scale ${String(zoom.scale)}, breaks before rows ${JSON.stringify(rows)}, print area ${address || "none"}`;
  return { status: pass(problems.length === 0), detail: problems.length === 0 ? seen : problems.join("; ") };
}

/**
 * A layout whose one band is as large as the add-in ever sends in one sync: Kilder-like rows (texts,
 * numbers, a link each, a style block every 500 rows) up to WRITE_BYTES_PER_SYNC by the writer's own
 * estimate.
 */
export function largestBandLayout(sheetName: string): SheetLayout {
  const widths = [12, 30, 14, 14];
  const values: LayoutValue[][] = [];
  const links: { row: number; col: number; sheet: string; cell: string }[] = [];
  const styles: { rect: { r1: number; c1: number; r2: number; c2: number }; style: CellStyle }[] = [];
  const base: SheetLayout = {
    sheetName,
    fontName: "Calibri",
    fontSize: 11,
    values,
    numberFormats: [],
    merges: [],
    styles,
    columnWidths: widths,
    rowHeights: [],
    links,
    print: printSetupFor(widths, "portrait"),
  };
  // Grow by blocks of 500 rows while one band still holds it all; the last block is cut to fit.
  const block = (from: number, n: number): void => {
    for (let r = from; r < from + n; r++) {
      values.push([`F${r % 700}`, `Virksomhedspraktik (helårspersoner) ${r}`, r * 1.25, "=1+1"]);
      links.push({ row: r, col: 1, sheet: sheetName, cell: `D${r + 1}` });
    }
    styles.push({ rect: { r1: from, c1: 0, r2: from + n - 1, c2: 3 }, style: { border: "thin" } });
    // Table headings and totals as the status sheet styles them: one small rectangle each.
    for (let r = from; r < from + n; r += 4) styles.push({ rect: { r1: r, c1: 0, r2: r, c2: 3 }, style: { bold: true, fill: "#D9E1F2", horizontal: "center" } });
  };
  const fits = (): boolean => layoutBands({ ...base, numberFormats: values.map((r) => r.map(() => null)) }, WRITE_BYTES_PER_SYNC).length === 1;
  for (let step = 500; step >= 1; step = Math.floor(step / 2)) {
    for (;;) {
      const from = values.length;
      block(from, step);
      if (fits()) continue;
      values.length = from;
      links.length = links.filter((l) => l.row < from).length;
      styles.length = styles.filter((x) => x.rect.r1 < from).length;
      break;
    }
  }
  return { ...base, numberFormats: values.map((r) => r.map(() => null)) };
}

/**
 * The request of the pending sync as Microsoft's client will send it (its RichApi body, in UTF-8
 * bytes), or undefined where the client does not expose it. This reads the client's internal
 * request builder, which only builds the body: nothing is sent or changed.
 */
function pendingRequestBytes(ctx: Excel.RequestContext): number | undefined {
  try {
    const pending = (ctx as unknown as { _pendingRequest?: { buildRequestMessageBodyAndRequestFlags?: () => { body: unknown } } })._pendingRequest;
    if (typeof pending?.buildRequestMessageBodyAndRequestFlags !== "function") return undefined;
    return new TextEncoder().encode(JSON.stringify(pending.buildRequestMessageBodyAndRequestFlags().body)).length;
  } catch {
    return undefined; // not Microsoft's client (the test double has no such member)
  }
}

/** Excel on the web refuses requests over 5 MB. */
const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;

/** The add-in's largest band (WRITE_BYTES_PER_SYNC by its estimate) is written in one sync, and Excel takes it. */
async function requestSize(ctx: Excel.RequestContext, ws: Excel.Worksheet, sheetName: string): Promise<Omit<SelfTestResult, "check">> {
  const layout = largestBandLayout(sheetName);
  const bands = layoutBands(layout, WRITE_BYTES_PER_SYNC);
  const band = bands[0];
  if (bands.length !== 1 || !band) return { status: "fail", detail: `the test band split into ${bands.length}` };
  // queueLayout's band, as writeLayouts queues it, without print setup (not what is measured here).
  let measured: number | undefined;
  let code: string | undefined;
  try {
    await writeLayouts(ctx, [{ ws, layout }], { pageLayout: false, dataValidation: false, gridlines: false }, { last: () => (measured = pendingRequestBytes(ctx)) });
  } catch (e) {
    code = officeErrorCode(e) ?? "unknown";
  }
  const check = transient(ws.getRange(`A${layout.values.length}`));
  if (code === undefined) {
    check.load("values");
    await ctx.sync();
  }
  const last = code === undefined ? String(check.values[0]?.[0] ?? "") : "";
  const wantedLast = String(layout.values[layout.values.length - 1]?.[0] ?? "");
  const size = measured === undefined ? "request bytes not measurable in this client" : `request ${measured} bytes (limit ${REQUEST_LIMIT_BYTES})`;
  const ok = code === undefined && last === wantedLast && (measured === undefined || measured <= REQUEST_LIMIT_BYTES);
  return { status: pass(ok), detail: `${layout.values.length} rows, estimate ≤ ${WRITE_BYTES_PER_SYNC} bytes, ${size}${code ? `, refused with ${code}` : ""}` };
}
