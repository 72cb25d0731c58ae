/**
 * The operations the task pane needs from its first screen on: the start-up overview, »Valider
 * alle« / »Valider ark« (which write only their marks) and selecting a cell. They are in the pane's
 * start-up script; the status sheet's and the templates' writer is not (write-operations.ts, a chunk
 * loaded on the first click; docs/dev/performance.md, »Task pane start-up«).
 */
import { analyzeWorkbook, isCheckableSheet, type Issue, normalizeCode, type Analysis, type WorkbookGrid } from "../core";
import { OFFICE_ACTIVE_NOT_WORKSHEET, OFFICE_OPERATION_FAILED, OFFICE_SHEET_HIDDEN } from "../messages/da";
import { officeErrorCode } from "./errors";
import { legacyMarksToEmpty, marksFor, NO_MARKS, planBytes, planMarks, queueMarks, type SheetMarkPlan } from "./marks";
import { transient, type OfficeEnv } from "./run";
import { guarded, OperationError, read, type Session } from "./session";

/**
 * The engine's `validate(grid, sheet)`, spelled as its definition in src/core/index.ts spells it.
 * Not imported: index.ts also defines `calculate`, so a module that uses one of its own functions
 * brings the calculation, the status sheet's and Kilder's layouts with it into the pane's start-up
 * script (webpack splits by module). test/addin/pane-operations.test.ts holds the two equal.
 */
export function validateGrid(grid: WorkbookGrid, sheet?: string): Analysis {
  return analyzeWorkbook(grid, { mode: "validate", ...(sheet !== undefined ? { sheet } : {}) });
}

export interface Overview {
  readonly analysis: Analysis;
  readonly sheetNames: readonly string[];
}

/** What the task pane shows on opening: year, forvaltninger with and without sheets, Måltal. */
export async function overview(env: OfficeEnv, session: Session): Promise<Overview> {
  return guarded("overview", async () => {
    const r = await env.run((ctx) => read(ctx, session, env, "structure"));
    return { analysis: validateGrid(r.grid), sheetNames: r.sheetNames };
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
      // A chart sheet is active (OfficeDev/office-js#2444): there is no sheet to check, and nothing is marked.
      if (scope === "active" && r.activeSheet === undefined) throw new OperationError(`${OFFICE_OPERATION_FAILED.validate} ${OFFICE_ACTIVE_NOT_WORKSHEET}`, undefined);
      const sheet = scope === "active" ? r.activeSheet : undefined;
      const analysis = validateGrid(r.grid, sheet);
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
