/**
 * What the ribbon buttons and the task pane do, as plain async functions over an injected Excel.run.
 * Each operation reads in one batched round trip (two when the sheet list changed since the last
 * read), computes with the pure engine, and writes in one batch.
 */
import { calculate, validate, workbookTemplate, type CalculationOutcome } from "../core";
import type { Issue } from "../core/issues";
import { ownerName } from "../core/owner";
import { normalizeCode } from "../core/text";
import type { Analysis } from "../core/workbook";
import { OFFICE_ERROR_PARTIAL_WRITE } from "../messages/da";
import { officeErrorMessage } from "./errors";
import { MARKS_PER_SYNC, marksFor, queueMarks } from "./marks";
import { readInContext, type ReadResult } from "./read";
import type { OfficeEnv } from "./run";
import { queueLayout, writeLayout } from "./write";

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
  ) {
    super(message);
  }
}

async function guarded<T>(f: () => Promise<T>, onWriteFailure?: string): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof OperationError) throw e;
    const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : undefined;
    throw new OperationError(onWriteFailure ? `${officeErrorMessage(e)} ${onWriteFailure}` : officeErrorMessage(e), code);
  }
}

async function read(ctx: Excel.RequestContext, session: Session, withMarks: boolean): Promise<ReadResult> {
  const r = await readInContext(ctx, session.sheetNames, { withMarks });
  session.sheetNames = r.sheetNames;
  return r;
}

export interface Overview {
  readonly analysis: Analysis;
  readonly sheetNames: readonly string[];
}

/** What the task pane shows on opening: year, forvaltninger with and without sheets, Måltal. */
export async function overview(env: OfficeEnv, session: Session): Promise<Overview> {
  return guarded(async () => {
    const r = await env.run((ctx) => read(ctx, session, false));
    return { analysis: validate(r.grid), sheetNames: r.sheetNames };
  });
}

export interface ValidationOutcome {
  readonly issues: readonly Issue[];
  readonly analysis: Analysis;
  /** The sheet validated, or undefined for the whole workbook. */
  readonly sheet?: string;
  readonly marked: number;
}

/**
 * Validates the whole workbook, or one sheet, and marks the problem cells with conditional formats
 * that jobstatus owns (the previous marks are removed in the same batch).
 */
export async function validateWorkbook(env: OfficeEnv, session: Session, scope: "all" | "active" = "all"): Promise<ValidationOutcome> {
  return guarded(() =>
    env.run(async (ctx) => {
      const r = await read(ctx, session, true);
      const sheet = scope === "active" ? r.activeSheet : undefined;
      const analysis = validate(r.grid, sheet);
      const marks = marksFor(analysis.issues, r.sheetNames);
      // The mark objects were loaded in this context, so they are deleted in the same batch as the new ones are added.
      const old = sheet === undefined ? r.marks : new Map([...r.marks].filter(([name]) => normalizeCode(name) === normalizeCode(sheet)));
      if (old.size > 0 || marks.length > 0) {
        // One sync, unless the marks to remove and add exceed MARKS_PER_SYNC (the request limit):
        // removing a mark costs about an eighth of adding one.
        const stale = [...old.values()].flat();
        let removed = 0;
        let added = 0;
        do {
          const remove = stale.slice(removed, removed + MARKS_PER_SYNC * 8);
          const add = marks.slice(added, added + MARKS_PER_SYNC - Math.ceil(remove.length / 8));
          removed += remove.length;
          added += add.length;
          queueMarks(ctx, new Map([["", remove]]), add);
          await ctx.sync();
        } while (removed < stale.length || added < marks.length);
      }
      return { issues: analysis.issues, analysis, ...(sheet !== undefined ? { sheet } : {}), marked: marks.length };
    }),
  );
}

/** «Valider ark»: the active sheet. */
export async function validateActiveSheet(env: OfficeEnv, session: Session): Promise<ValidationOutcome> {
  return validateWorkbook(env, session, "active");
}

export interface CalculationResult {
  readonly outcome: CalculationOutcome;
  /** The sheet written, or undefined when errors blocked the calculation. */
  readonly written?: string;
}

/**
 * «Beregn status»: validates and computes; when there are no errors, writes the status sheet in one
 * batch (a status sheet of several hundred tables in bands under the request limit), replacing only
 * a sheet jobstatus owns, and activates it.
 */
export async function calculateStatus(env: OfficeEnv, session: Session): Promise<CalculationResult> {
  const r = await guarded(() => env.run((ctx) => read(ctx, session, false)));
  const outcome = calculate(r.grid);
  if (!outcome.report || !outcome.output || outcome.result.year === null) return { outcome };
  const { report, output } = outcome;
  const year = outcome.result.year;
  const opts = { pageLayout: env.isSetSupported("ExcelApi", "1.9"), dataValidation: false, gridlines: env.isSetSupported("ExcelApi", "1.8") };
  await guarded(
    () =>
      env.run(async (ctx) => {
        const suspend = () => {
          ctx.application.suspendApiCalculationUntilNextSync();
          if (opts.pageLayout) ctx.application.suspendScreenUpdatingUntilNextSync();
        };
        suspend();
        const sheets = ctx.workbook.worksheets;
        const marker = ownerName(year);
        if (r.ownerNames.has(marker)) ctx.workbook.names.getItem(marker).delete();
        if (output.replaces) sheets.getItem(output.name).delete();
        const ws = sheets.add(output.name);
        // The owner marker goes first, so even a half-applied batch leaves a sheet jobstatus may replace.
        ctx.workbook.names.add(marker, ws.getRange("A1"));
        ws.tabColor = "#0F6CBD";
        // One sync for any realistic report; a very long one goes in bands under the request limit.
        await writeLayout(ctx, ws, report, opts, { nextBatch: suspend, last: () => ws.activate() });
      }),
    OFFICE_ERROR_PARTIAL_WRITE,
  );
  session.sheetNames = [...session.sheetNames.filter((n) => n !== output.name), output.name];
  return { outcome, written: output.name };
}

/** «Opret skabelon»: adds the template sheets that are missing; never touches an existing sheet. */
export async function createTemplate(env: OfficeEnv, session: Session, year: number): Promise<readonly string[]> {
  const r = await guarded(() => env.run((ctx) => read(ctx, session, false)));
  const existing = new Set(r.sheetNames.map(normalizeCode));
  const layouts = workbookTemplate(year).filter((l) => !existing.has(normalizeCode(l.sheetName)));
  if (layouts.length === 0) return [];
  const opts = { pageLayout: env.isSetSupported("ExcelApi", "1.9"), dataValidation: env.isSetSupported("ExcelApi", "1.8"), gridlines: env.isSetSupported("ExcelApi", "1.8") };
  await guarded(() =>
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
  await guarded(() =>
    env.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await ctx.sync();
    }),
  );
}
