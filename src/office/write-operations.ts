/**
 * The operations that write sheets: »Beregn status« (the status and Kilder sheets) and »Opret
 * skabelon«. With the writer (write.ts) and the engine's calculation and layouts they are a chunk of
 * their own in the task pane, loaded on the first click of either button
 * (src/taskpane/pane-operations.ts; docs/dev/performance.md, »Task pane start-up«).
 */
import { calculate, templateRulebook, workbookTemplate, type CalculationOutcome, ownerName, sourcesOwnerName, normalizeCode } from "../core";
import { OFFICE_ERROR_PARTIAL_WRITE, OFFICE_TEMPLATE_SETTINGS_ERRORS } from "../messages/da";
import { officeErrorCode } from "./errors";
import { transient, type OfficeEnv } from "./run";
import { guarded, OperationError, read, type Session } from "./session";
import { queueLayout, writeLayouts } from "./write";

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
