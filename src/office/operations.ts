/**
 * What the ribbon buttons and the task pane do, as plain async functions over an injected Excel.run.
 * Each operation reads in one batched round trip (two when the sheet list changed since the last
 * read), computes with the pure engine, and writes in one batch.
 */
import { isCheckableSheet, calculate, templateRulebook, validate, workbookTemplate, type CalculationOutcome, type WorkbookGrid, type Issue, ownerName, sourcesOwnerName, normalizeCode, type Analysis } from "../core";
import { OFFICE_ERROR_PARTIAL_WRITE, OFFICE_SHEET_HIDDEN, OFFICE_TEMPLATE_SETTINGS_ERRORS, type OfficeOperation } from "../messages/da";
import { officeErrorCode, officeErrorMessage } from "./errors";
import { legacyMarksToEmpty, marksFor, NO_MARKS, planBytes, planMarks, queueMarks, type SheetMarkPlan } from "./marks";
import { readInContext, type ReadResult } from "./read";
import { transient, type OfficeEnv } from "./run";
import { queueLayout, writeLayouts } from "./write";

/** State kept in the shared runtime between clicks: the sheet names seen last, to read in one round trip. */
export interface Session {
  sheetNames: readonly string[];
}

export function newSession(): Session {
  return { sheetNames: [] };
}

export class OperationError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    /** The Office error behind it, for developers (never shown). */
    readonly cause?: unknown,
  ) {
    super(message);
  }
}

export async function guarded<T>(operation: OfficeOperation, f: () => Promise<T>, onWriteFailure?: string): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof OperationError) throw e;
    const code = officeErrorCode(e);
    throw new OperationError(onWriteFailure ? `${officeErrorMessage(e, operation)} ${onWriteFailure}` : officeErrorMessage(e, operation), code, e);
  }
}

/**
 * `figures`: the read feeds a figure or an issue list, so merged areas are read where ExcelApi 1.13 is
 * there (a value in a merged area is refused, as by the CLI). `structure`: the start-up overview and
 * »Opret skabelon« do not read them, because `getMergedAreasOrNullObject` clears the user's undo
 * stack in Excel on Windows (OfficeDev/office-js#5918; issue 17, defect 6): opening the pane must
 * not take away Ctrl+Z. docs/dev/taskpane.md says what this costs.
 */
export async function read(ctx: Excel.RequestContext, session: Session, env: OfficeEnv, purpose: "figures" | "structure" = "figures"): Promise<ReadResult> {
  const r = await readInContext(ctx, session.sheetNames, { merges: purpose === "figures" && env.isSetSupported("ExcelApi", "1.13") });
  session.sheetNames = r.sheetNames;
  return r;
}

/** Reads the workbook's grid for an operation that writes nothing (the Word notat). */
export async function readWorkbookGrid(env: OfficeEnv, session: Session, operation: OfficeOperation): Promise<WorkbookGrid> {
  return guarded(operation, async () => (await env.run((ctx) => read(ctx, session, env))).grid);
}

export interface Overview {
  readonly analysis: Analysis;
  readonly sheetNames: readonly string[];
}

/** What the task pane shows on opening: year, forvaltninger with and without sheets, Måltal. */
export async function overview(env: OfficeEnv, session: Session): Promise<Overview> {
  return guarded("overview", async () => {
    const r = await env.run((ctx) => read(ctx, session, env, "structure"));
    return { analysis: validate(r.grid), sheetNames: r.sheetNames };
  });
}

export interface ValidationOutcome {
  readonly issues: readonly Issue[];
  readonly analysis: Analysis;
  /** The sheet validated, or undefined for the whole workbook. */
  readonly sheet?: string;
  readonly marked: number;
  /** Marks that could not be written: on protected sheets, or anywhere in a read-only workbook. */
  readonly unmarked?: { readonly protectedSheets: readonly string[]; readonly readOnly: boolean };
}

/** Request bytes of mark names per sync: far under the request limit, so very many sheets take a few syncs. */
const MARK_BYTES_PER_SYNC = 2_000_000;

/**
 * Validates the whole workbook, or one sheet, and marks the problem cells (src/office/marks.ts: names
 * that jobstatus owns, shown by one rule per sheet and severity; no conditional format is ever
 * deleted or edited). »Valider ark« marks only cells on the active sheet and replaces only its marks;
 * an issue it finds elsewhere (Måltal) is listed in the pane, not marked.
 */
export async function validateWorkbook(env: OfficeEnv, session: Session, scope: "all" | "active" = "all"): Promise<ValidationOutcome> {
  return guarded("validate", () =>
    env.run(async (ctx) => {
      const r = await read(ctx, session, env);
      const sheet = scope === "active" ? r.activeSheet : undefined;
      const analysis = validate(r.grid, sheet);
      const inScope = (name: string) => sheet === undefined || normalizeCode(name) === normalizeCode(sheet);
      // A note sheet or the status sheet is not checked as a department sheet, so it gets no marks (the pane says why).
      const checkable = sheet === undefined || isCheckableSheet(analysis, sheet);
      const marks = checkable ? marksFor(analysis.issues, r.sheetNames).filter((m) => inScope(m.sheet)) : [];
      const sheets = r.sheetNames.filter(inScope).map((name) => ({ name, names: r.sheetScopedNames.get(name) ?? new Map<string, string>() }));
      const all = planMarks(sheets, marks);
      // A protected sheet cannot be marked: its issues are listed, and the pane says so.
      const plans = all.filter((p) => !r.protectedSheets.has(p.sheet));
      const protectedSheets = all.filter((p) => r.protectedSheets.has(p.sheet) && p.marked > 0).map((p) => p.sheet);
      const readOnly = !(await writeMarks(ctx, plans, legacyMarksToEmpty(r.names)));
      const marked = readOnly ? 0 : plans.reduce((n, p) => n + p.marked, 0);
      const unmarked = protectedSheets.length > 0 || readOnly ? { unmarked: { protectedSheets, readOnly } } : {};
      return { issues: analysis.issues, analysis, ...(sheet !== undefined ? { sheet } : {}), marked, ...unmarked };
    }),
  );
}

/** Writes the marks' names in as few syncs as the request limit allows; false when Excel refuses (a read-only workbook). */
async function writeMarks(ctx: Excel.RequestContext, plans: readonly SheetMarkPlan[], legacy: readonly string[]): Promise<boolean> {
  try {
    // Marks of earlier versions (workbook names keyed by sheet id) are emptied, in the first request.
    for (const name of legacy) ctx.workbook.names.getItem(name).formula = NO_MARKS;
    let bytes = legacy.length * 300;
    for (const plan of plans) {
      if (plan.names.length === 0) continue;
      if (bytes > 0 && bytes + planBytes(plan) > MARK_BYTES_PER_SYNC) {
        await ctx.sync();
        bytes = 0;
      }
      queueMarks(ctx, plan);
      bytes += planBytes(plan);
    }
    if (bytes > 0) await ctx.sync();
    return true;
  } catch (e) {
    if (officeErrorCode(e) === "AccessDenied") return false;
    throw e;
  }
}

/** »Valider ark«: the active sheet. */
export async function validateActiveSheet(env: OfficeEnv, session: Session): Promise<ValidationOutcome> {
  return validateWorkbook(env, session, "active");
}

export interface CalculationResult {
  readonly outcome: CalculationOutcome;
  /** The sheet written, or undefined when errors blocked the calculation. */
  readonly written?: string;
  /** True when Excel undoes the whole write in one step (ExcelApi 1.20, RunOptions.mergeUndoGroup). */
  readonly oneUndoStep?: boolean;
  /** True when the status sheet was written while hidden by the user: it stays hidden and is not activated. */
  readonly hidden?: boolean;
}

/**
 * »Beregn status«: validates and computes; when there are no errors, writes the status sheet in one
 * batch (a status sheet of several hundred tables in bands under the request limit), replacing only
 * a sheet jobstatus owns, and activates it.
 */
export async function calculateStatus(env: OfficeEnv, session: Session): Promise<CalculationResult> {
  try {
    return await calculateOnce(env, session, true);
  } catch (e) {
    // Excel refused the merged undo group (src/office/run.ts). Commands of the refused request may
    // already be in the workbook (OfficeExtension.Error docs), so the write is not repeated as
    // planned: the whole operation starts over from a fresh read without merging. A status sheet the
    // first attempt added is then jobstatus's own and is replaced in place, so the two converge.
    if (officeErrorCode(e) !== "UndoNotSupported") throw e;
    return calculateOnce(env, session, false);
  }
}

/** One »Beregn status«: read, compute, write; `merge`: as one undo step where ExcelApi 1.20 is there. */
async function calculateOnce(env: OfficeEnv, session: Session, merge: boolean): Promise<CalculationResult> {
  const r = await guarded("calculate", () => env.run((ctx) => read(ctx, session, env)));
  const outcome = calculate(r.grid);
  if (!outcome.report || !outcome.output || outcome.result.year === null) return { outcome };
  const { report, output } = outcome;
  const year = outcome.result.year;
  const opts = { pageLayout: env.isSetSupported("ExcelApi", "1.9"), dataValidation: false, gridlines: env.isSetSupported("ExcelApi", "1.8") };
  // The report's links need ExcelApi 1.7 (write.ts), and so does clearing them.
  const links = env.isSetSupported("ExcelApi", "1.7");
  // jobstatus's own sheets the user has hidden: written where they are and left hidden (issue 17).
  const hidden = new Set(r.grid.sheets.filter((s) => s.owned && s.visibility !== "visible").map((s) => s.name));
  const statusHidden = output.replaces && hidden.has(output.name);
  await guarded(
    "calculate",
    () =>
      env.run(async (ctx) => {
        // Calculation is suspended only for the bands before the last: after a suspended request
        // "it is the developer's responsibility to re-calc the workbook, to ensure that any
        // dependencies are propagated" (Excel.Application.suspendApiCalculationUntilNextSync). The
        // last request is not suspended and asks for a recalculation, so a user's formula that reads
        // the status sheet shows the new figure (issue 17, defect 3; test/addin/recalc.test.ts).
        const suspend = () => {
          ctx.application.suspendApiCalculationUntilNextSync();
          if (opts.pageLayout) ctx.application.suspendScreenUpdatingUntilNextSync();
        };
        // A re-run empties jobstatus's own sheets in place (formulas pointing at them keep working).
        const ws = output.replaces ? clearOwnSheet(ctx, output.name, opts.pageLayout, links, hidden.has(output.name)) : newOwnSheet(ctx, output.name, ownerName(year), r.ownerNames);
        // The Kilder sheet, owned the same way, rides in the same first batch (it is small).
        const so = outcome.sourcesOutput;
        const kilder =
          outcome.sources && so
            ? {
                ws: so.replaces ? clearOwnSheet(ctx, so.name, opts.pageLayout, links, hidden.has(so.name)) : newOwnSheet(ctx, so.name, sourcesOwnerName(year), r.ownerNames),
                layout: outcome.sources,
                keepPanes: so.replaces && hidden.has(so.name),
              }
            : undefined;
        // One sync for any realistic report; a very long one goes in bands under the request limit.
        await writeLayouts(ctx, [{ ws, layout: report, keepPanes: statusHidden }, ...(kilder ? [kilder] : [])], opts, {
          batch: (last) => void (last ? undefined : suspend()),
          last: () => {
            // Recalculation first: a command that fails stops the rest of its request.
            ctx.application.calculate("Recalculate");
            // Excel cannot activate a hidden sheet (InvalidOperation; test/host/README.md), and the
            // rest of the request would not run: the user hid it, so it stays hidden, not activated. Its visibility is never set: that is not undoable on Windows and Mac
            // ("Undo capabilities"), so it would break the merged undo group (src/office/run.ts).
            if (!statusHidden) ws.activate();
          },
        });
      }, { mergeUndoGroup: merge }),
    OFFICE_ERROR_PARTIAL_WRITE,
  );
  // The next read expects the sheets as they now stand: new ones at the end, replaced ones in place.
  const added = [output, outcome.sourcesOutput].flatMap((o) => (o && !o.replaces ? [o.name] : []));
  session.sheetNames = [...session.sheetNames.filter((n) => !added.includes(n)), ...added];
  return { outcome, written: output.name, oneUndoStep: env.isSetSupported("ExcelApi", "1.20") && merge, ...(statusHidden ? { hidden: true } : {}) };
}

/**
 * A re-run replaces jobstatus's own sheet in place: the sheet stays (formulas and links that point
 * at it keep working, its tab keeps its place, no sheet is deleted) and is emptied of values,
 * formats, merges, rules, row heights, page breaks and frozen panes before the report is written.
 * Its owner name already refers to it.
 */
function clearOwnSheet(ctx: Excel.RequestContext, name: string, pageLayout: boolean, links: boolean, hidden: boolean): Excel.Worksheet {
  const ws = ctx.workbook.worksheets.getItem(name);
  // Panes first: a command that throws stops its request, and one that throws after the clear would
  // leave the status sheet emptied. On a hidden sheet older builds throw on unfreeze
  // (office-js#1463), so a hidden sheet keeps its panes (write.ts keeps them too).
  if (!hidden) ws.freezePanes.unfreeze();
  const all = transient(ws.getRange());
  // Contents and formats, and the report's links: never "All", which "clears everything in the range"
  // (Excel.ClearApplyTo), the notes a user wrote on the status sheet included (issue 17, defect 8).
  // A chart or picture the user placed on the sheet floats above the cells and stays where it is.
  all.clear("Contents");
  all.clear("Formats");
  if (links) all.clear("Hyperlinks");
  all.format.useStandardHeight = true;
  if (pageLayout) ws.horizontalPageBreaks.removePageBreaks();
  return ws;
}

/** A new status sheet; the owner marker goes first, so even a half-applied batch leaves a sheet jobstatus may replace. */
function newOwnSheet(ctx: Excel.RequestContext, name: string, marker: string, ownerNames: ReadonlyMap<string, string>): Excel.Worksheet {
  // A marker left over from a status sheet that is gone (deleted by the user) refers to #REF!.
  if (ownerNames.has(marker)) ctx.workbook.names.getItem(marker).delete();
  const ws = ctx.workbook.worksheets.add(name);
  ctx.workbook.names.add(marker, transient(ws.getRange("A1")));
  ws.tabColor = "#0F6CBD";
  return ws;
}

/** »Opret skabelon«: adds the template sheets that are missing; never touches an existing sheet. */
export async function createTemplate(env: OfficeEnv, session: Session, year: number): Promise<readonly string[]> {
  const r = await guarded("template", () => env.run((ctx) => read(ctx, session, env, "structure")));
  const existing = new Set(r.sheetNames.map(normalizeCode));
  // A rulebook for the year on Indstillinger gives its own rows and Måltal columns (issue 22). With
  // errors there, no sheets: they could have the wrong rows (a Regelsæt that does not read).
  const rules = templateRulebook(r.grid, year);
  if (rules.rulebookErrors) throw new OperationError(OFFICE_TEMPLATE_SETTINGS_ERRORS, undefined);
  const layouts = workbookTemplate(year, rules.kind === "regelsaet" ? rules.rulebook : undefined).filter((l) => !existing.has(normalizeCode(l.sheetName)));
  if (layouts.length === 0) return [];
  const opts = { pageLayout: env.isSetSupported("ExcelApi", "1.9"), dataValidation: env.isSetSupported("ExcelApi", "1.8"), gridlines: env.isSetSupported("ExcelApi", "1.8") };
  await guarded("template", () =>
    env.run(async (ctx) => {
      for (const l of layouts) queueLayout(ctx.workbook.worksheets.add(l.sheetName), l, opts);
      await ctx.sync();
    }),
  );
  session.sheetNames = [...r.sheetNames, ...layouts.map((l) => l.sheetName)];
  return layouts.map((l) => l.sheetName);
}

/** Selects a cell (clicking an issue in the pane). */
export async function selectCell(env: OfficeEnv, sheet: string, cell: string): Promise<void> {
  await guarded("select", () =>
    env.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      try {
        ws.activate();
        transient(ws.getRange(cell)).select();
        await ctx.sync();
      } catch (e) {
        // Excel cannot activate a hidden sheet: say that, not something about cell editing.
        if (officeErrorCode(e) !== "InvalidOperation") throw e;
        ws.load("visibility");
        await ctx.sync();
        if (ws.visibility !== "Visible") throw new OperationError(OFFICE_SHEET_HIDDEN(sheet), "InvalidOperation", e);
        throw e;
      }
    }),
  );
}
