/**
 * »Vælg forvaltningernes filer« and »Indsæt arkene« in Excel: carries out the core's collect plan (src/core/collect.ts).
 * The files are read in the pane (the CLI's own exceljs reader, in an on-demand chunk); this module
 * reads the analyst's workbook, plans, and writes values. It decides nothing the plan does not say.
 *
 * Values only: a department's file is never inserted (no `insertWorksheetsFromBase64`): its
 * formulas would land in the live workbook, where Excel may calculate them at once (a WEBSERVICE
 * reading HR's sheets out, a DDE link, a reference to HR's own »Ark1«). Only the plan's values and
 * number formats are written, text always as text (an apostrophe first, so `=…` typed as text stays
 * text).
 *
 * No sheet of the analyst's is deleted or renamed: a sheet that already exists is filled in place, so
 * every formula, name, data validation and conditional format that points at it keeps working. A
 * replaced sheet is first copied, its values, formulas and number formats, to a new hidden sheet
 * »BUF (erstattet)«, so `gendan` can bring it back.
 *
 * Undo: adding and hiding sheets cannot be undone in Excel (Microsoft's "Undo capabilities" page),
 * so no undo group is asked for around this batch.
 */
import { isUntouchedTemplate, planCollect, templateRulebook, touchesOf, workbookRulebooks, type TemplateRulebook, type CollectFile, type CollectOptions, type CollectPlan, type SheetAction, type Touch, type SheetValues, type WriteValue, a1, type WorkbookGrid, normalizeCode } from "../core";
import { COLLECT_PANE } from "../messages/da";
import { officeErrorMessage } from "./errors";
import { guarded, read, type Session } from "./operations";
import type { OfficeEnv } from "./run";

/** A picked file as the pane read it: values, formulas found (named, never written) and number formats. */
export type PickedFile = CollectFile;

export type InsertLimit = "failed" | "protected";

export interface InsertFailure {
  readonly code: string;
  readonly file: string;
  readonly sheet: string;
  readonly limit: InsertLimit;
  /** A Danish sentence naming the file and what to do. */
  readonly message: string;
}

export interface CollectResult {
  readonly plan: CollectPlan;
  /** The actions carried out (inserted, filled or replaced). */
  readonly done: readonly SheetAction[];
  readonly failures: readonly InsertFailure[];
}

type Writing = Extract<SheetAction, { kind: "insert" | "fill-template" | "replace" }>;
const writes = (a: SheetAction): a is Writing => a.kind === "insert" || a.kind === "fill-template" || a.kind === "replace";

/**
 * What the analyst's blank-looking template sheets hold besides values: formulas, number formats
 * and conditional formats (read in one sync). Such a sheet is not blank, and filling it is the
 * analyst's choice. Notes, comments and fill colours stay on the sheet whatever happens (it is
 * filled in place), so they are not read.
 */
async function readTouched(ctx: Excel.RequestContext, grid: WorkbookGrid): Promise<Record<string, Touch[]>> {
  // Blank by the workbook's own rulebook too (a template made by its »Regelsæt«), as planCollect judges it.
  const rulebookOf = workbookRulebooks(grid);
  const blanks = grid.sheets.filter((s) => !s.owned && isUntouchedTemplate(s, normalizeCode(s.name), rulebookOf));
  const loads = blanks.map((s) => {
    const ws = ctx.workbook.worksheets.getItem(s.name);
    const used = ws.getUsedRange();
    used.load("formulas,numberFormat");
    return { s, used, cf: ws.getRange().conditionalFormats.getCount() };
  });
  if (loads.length === 0) return {};
  await ctx.sync();
  const out: Record<string, Touch[]> = {};
  for (const { s, used, cf } of loads) {
    const t = touchesOf({
      formulas: (used.formulas as unknown[][]).flat().filter((f) => typeof f === "string" && f.startsWith("=")).length,
      numberFormats: (used.numberFormat as unknown[][]).flat().filter((f): f is string => typeof f === "string"),
      conditionalFormats: cf.value,
    });
    if (t.length > 0) out[normalizeCode(s.name)] = t;
  }
  return out;
}

async function readAndPlan(env: OfficeEnv, session: Session, files: readonly CollectFile[], options: CollectOptions): Promise<{ plan: CollectPlan; sheetNames: readonly string[] }> {
  return guarded("collect", () =>
    env.run(async (ctx) => {
      const r = await read(ctx, session, env);
      const touched = await readTouched(ctx, r.grid);
      return { plan: planCollect(r.grid, files, { ...options, touched }), sheetNames: r.sheetNames };
    }),
  );
}

/**
 * The year's rulebook as the analyst's workbook's Indstillinger gives it (template-rulebook.ts), for
 * »Opret skabelon for én forvaltning«: the file follows the rulebook `beregn` will count by. Reads
 * the workbook; changes nothing.
 */
export async function workbookTemplateRulebook(env: OfficeEnv, session: Session, year: number): Promise<TemplateRulebook> {
  return guarded("template", async () => templateRulebook((await env.run((ctx) => read(ctx, session, env, "structure"))).grid, year));
}

/** Reads the analyst's workbook and plans the collection (the delivery overview); changes nothing. */
export async function previewCollect(env: OfficeEnv, session: Session, files: readonly CollectFile[], options: CollectOptions): Promise<CollectPlan> {
  return (await readAndPlan(env, session, files, options)).plan;
}

/**
 * A delivered value as Office.js gets it: text always as text (a leading apostrophe), never a
 * formula; an error value (only Excel's own, see EXCEL_ERRORS) typed as itself, so Excel stores
 * the error value, as the CLI's writer does.
 */
function officeValue(v: WriteValue): string | number | boolean | null {
  if (v === null) return null;
  if (typeof v === "string") return `'${v}`;
  if (typeof v === "object") return v.error;
  return v;
}

/**
 * Queues writing `write` into `ws`: its used range's values and formulas cleared and unmerged (the
 * cells keep their formats, notes, data validation and conditional formats), the delivered merges
 * made, then the values and the number formats the file had (null: the cell keeps its own, as
 * Microsoft documents for 2-D arrays on its page "Blank and null values in Excel add-ins").
 */
function queueFill(ws: Excel.Worksheet, write: SheetValues, clearFirst: boolean): void {
  if (clearFirst) {
    const used = ws.getUsedRange();
    used.clear("Contents");
    used.unmerge();
  }
  if (write.rows === 0 || write.cols === 0) return;
  for (const m of write.merges) ws.getRange(m).merge(false);
  const range = ws.getRange(`A1:${a1(write.rows - 1, write.cols - 1)}`);
  range.values = write.values.map((r) => r.map(officeValue)) as unknown as string[][];
  if (write.numberFormats.some((r) => r.some((f) => f !== null))) range.numberFormat = write.numberFormats as unknown as string[][];
}

/** The existing sheets the plan fills that are protected (Excel refuses every write to their cells). */
async function protectedTargets(ctx: Excel.RequestContext, actions: readonly Writing[]): Promise<Set<string>> {
  const loads = actions.flatMap((a) => {
    if (a.kind === "insert") return [];
    const p = ctx.workbook.worksheets.getItem(a.existing).protection;
    p.load("protected");
    return [{ a, p }];
  });
  if (loads.length === 0) return new Set();
  await ctx.sync();
  return new Set(loads.filter((x) => x.p.protected).map((x) => x.a.code));
}

/** The text a written value reads back as (`values`): text without its apostrophe, an error as its text. */
function readBack(v: WriteValue): string | number | boolean {
  if (v === null) return "";
  return typeof v === "object" ? v.error : v;
}

/**
 * After a batch failed part-way (Excel carries out what was queued before the failing call), which
 * actions' values are in the workbook: each target read back and compared cell by cell.
 */
async function writtenAfterFailure(env: OfficeEnv, actions: readonly Writing[]): Promise<Writing[]> {
  try {
    return await env.run(async (ctx) => {
      const loads = actions.map((a) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(a.kind === "insert" ? a.name : a.existing);
        const range = a.write.rows > 0 && a.write.cols > 0 ? ws.getRange(`A1:${a1(a.write.rows - 1, a.write.cols - 1)}`) : null;
        range?.load("values");
        ws.load("name");
        return { a, ws, range };
      });
      await ctx.sync();
      return loads
        .filter(({ a, ws, range }) => !ws.isNullObject && range !== null && a.write.values.every((row, r) => row.every((v, c) => (range.values[r]?.[c] ?? "") === readBack(v))))
        .map(({ a }) => a);
    });
  } catch {
    return [];
  }
}

/** Stage 1: the sheets to be replaced, read (values, formulas, number formats, merges) for their kept copies. */
async function readReplaced(ctx: Excel.RequestContext, actions: readonly Writing[]): Promise<Map<string, { formulas: unknown[][]; formats: unknown[][]; address: string }>> {
  const loads = actions.flatMap((a) => {
    if (a.kind !== "replace") return [];
    const used = ctx.workbook.worksheets.getItem(a.existing).getUsedRange();
    used.load("formulas,numberFormat,address");
    return [{ a, used }];
  });
  const out = new Map<string, { formulas: unknown[][]; formats: unknown[][]; address: string }>();
  if (loads.length === 0) return out;
  await ctx.sync();
  for (const { a, used } of loads) out.set(a.code, { formulas: used.formulas, formats: used.numberFormat, address: used.address.replace(/^.*!/, "") });
  return out;
}

/**
 * Stage 2, one batch: each kept copy added (hidden) with the old sheet's formulas and number
 * formats, each existing sheet filled in place, each new sheet added and filled.
 */
function queueWrites(ctx: Excel.RequestContext, actions: readonly Writing[], replaced: ReadonlyMap<string, { formulas: unknown[][]; formats: unknown[][]; address: string }>): void {
  const sheets = ctx.workbook.worksheets;
  for (const a of actions) {
    if (a.kind === "insert") {
      queueFill(sheets.add(a.name), a.write, false);
      continue;
    }
    if (a.kind === "replace") {
      const old = replaced.get(a.code);
      const kept = sheets.add(a.keepAs);
      if (old) {
        const at = kept.getRange(old.address);
        at.numberFormat = old.formats as string[][];
        at.formulas = old.formulas as string[][];
      }
      kept.visibility = "Hidden";
    }
    queueFill(sheets.getItem(a.existing), a.write, true);
  }
}

/**
 * Carries out the collection: reads the workbook again and plans with the analyst's choices (so the
 * plan is the workbook's as it is now), then writes the delivered values. Nothing is written while
 * a conflict waits for a choice.
 */
export async function collectFiles(env: OfficeEnv, session: Session, files: readonly PickedFile[], options: CollectOptions): Promise<CollectResult> {
  const { plan } = await readAndPlan(env, session, files, options);
  const planned = plan.actions.filter(writes);
  if (plan.undecided || planned.length === 0) return { plan, done: [], failures: [] };
  // A protected target sheet is checked before anything is written: it fails alone, the rest are written.
  let locked = new Set<string>();
  try {
    locked = await env.run((ctx) => protectedTargets(ctx, planned));
  } catch {
    // Protection could not be read (an older Excel): the batch below reports what happened.
  }
  const refused = planned.filter((a) => locked.has(a.code)).map((a) => ({ code: a.code, file: a.file, sheet: a.sheet, limit: "protected" as const, message: COLLECT_PANE.limit.protectedSheet(a.kind === "insert" ? a.name : a.existing, a.file) }));
  const actions = planned.filter((a) => !locked.has(a.code));
  if (actions.length === 0) return { plan, done: [], failures: refused };
  try {
    await env.run(async (ctx) => {
      const replaced = await readReplaced(ctx, actions);
      queueWrites(ctx, actions, replaced);
      await ctx.sync();
      const names = ctx.workbook.worksheets.load("items/name");
      await ctx.sync();
      session.sheetNames = names.items.map((w) => w.name);
    });
  } catch (e) {
    const reason = officeErrorMessage(e, "collect");
    // Excel carried out what was queued before the failing call: say exactly which sheets are written.
    const done = await writtenAfterFailure(env, actions);
    const failed = actions.filter((a) => !done.includes(a)).map((a) => ({ code: a.code, file: a.file, sheet: a.sheet, limit: "failed" as const, message: COLLECT_PANE.limit.failed(a.file, reason) }));
    return { plan, done, failures: [...refused, ...failed] };
  }
  return { plan, done: actions, failures: refused };
}
