/**
 * The public API of the engine. Pure: no Office.js, no DOM, no Node APIs.
 * Adapters turn a host workbook into a WorkbookGrid and render the returned SheetLayouts.
 */
import { compute, type StatusResult } from "./compute";
import type { WorkbookGrid } from "./grid";
import { hasErrors, type Issue } from "./issues";
import type { SheetLayout } from "./layout";
import { buildReport } from "./report";
import { normalizeCode } from "./text";
import { analyzeWorkbook, type Analysis } from "./workbook";
import { untimed, type StageTimer } from "./stages";
import { REPORT, SOURCES } from "../messages/da";
import { buildSources } from "./kilder";

export interface OutputTarget {
  /** Sheet to write. */
  readonly name: string;
  /** True when a sheet of that name exists and jobstatus owns it (it is replaced). */
  readonly replaces: boolean;
}

export interface CalculationOutcome {
  readonly analysis: Analysis;
  readonly result: StatusResult;
  /** The status sheet, or null when errors block the calculation (nothing is written then). */
  readonly report: SheetLayout | null;
  readonly output: OutputTarget | null;
  /** The Kilder sheet (every input figure and its cell), written next to the status sheet. */
  readonly sources: SheetLayout | null;
  readonly sourcesOutput: OutputTarget | null;
  /** Every issue, including the note when the output name was taken by a user's sheet. */
  readonly issues: readonly Issue[];
}

/**
 * `Status <year>` unless a user's own sheet has that name: then `Status <year> (2)`, … .
 * A sheet jobstatus owns is reused, so a re-run replaces its own output and nothing else.
 */
export function chooseOutputSheet(workbook: WorkbookGrid, year: number, wanted = REPORT.sheetName(year)): OutputTarget & { readonly taken?: string } {
  let taken: string | undefined;
  // n sheets can take at most n of the names tried, so the loop always ends with a free or owned name.
  for (let i = 1; ; i++) {
    const name = i === 1 ? wanted : `${wanted} (${i})`;
    const existing = workbook.sheets.find((s) => normalizeCode(s.name) === normalizeCode(name));
    if (!existing) return { name, replaces: false, ...(taken !== undefined ? { taken } : {}) };
    if (existing.owned) return { name: existing.name, replaces: true, ...(taken !== undefined ? { taken } : {}) };
    // The user's own sheet, by its real name (the warning points at it).
    taken ??= existing.name;
  }
}

export function validate(workbook: WorkbookGrid, sheet?: string): Analysis {
  return analyzeWorkbook(workbook, { mode: "validate", ...(sheet !== undefined ? { sheet } : {}) });
}

/** The whole pipeline: the analysis stages, then »compute« and »lay out«, each run through `timer` (stages.ts). */
export function calculate(workbook: WorkbookGrid, timer: StageTimer = untimed): CalculationOutcome {
  const analysis = analyzeWorkbook(workbook, { mode: "calculate" }, timer);
  const result = timer("compute", () => compute(analysis));
  if (hasErrors(result.issues) || result.kk === null || result.year === null) {
    return { analysis, result, report: null, output: null, sources: null, sourcesOutput: null, issues: result.issues };
  }
  const target = chooseOutputSheet(workbook, result.year);
  const sourcesTarget = chooseOutputSheet(workbook, result.year, SOURCES.sheetName(result.year));
  const issues: Issue[] = [...result.issues];
  for (const t of [target, sourcesTarget]) {
    if (t.taken) issues.push({ severity: "warning", code: "OUTPUT_NAME_TAKEN", sheet: t.taken, params: { wanted: t.taken, used: t.name } });
  }
  const final = { ...result, issues };
  const [report, sources] = timer("lay out", () => [buildReport(final, target.name), buildSources(final, sourcesTarget.name)] as const);
  return {
    analysis,
    result: final,
    report,
    output: { name: target.name, replaces: target.replaces },
    sources,
    sourcesOutput: { name: sourcesTarget.name, replaces: sourcesTarget.replaces },
    issues,
  };
}

export { analyzeWorkbook, buildReport, compute };
export type { Analysis, Issue, SheetLayout, StatusResult, WorkbookGrid };
// The --json document without zod (json-document.ts); its zod schema, StatusJsonSchema, is in
// json.ts, which only the tests import (zod costs about 0.15 s at the CLI's start).
export { toJson } from "./json-document";
export { workbookTemplate, departmentTemplate, maaltalTemplate, settingsTemplate } from "./template";
export { followsBuiltin, sheetRulebookOf } from "./rulebook-sheet";
export { tableColumns, tableTitleKK } from "./rule-texts";
export { hasErrors } from "./issues";
export { ownerName, ownedSheetOf, ownerReference, OWNER_NAME_PREFIX, sourcesOwnerName } from "./owner";
export { builtinRulebook, latestBuiltin, MEASURES, schemesOf } from "./rulebook";
export type { GroupRule, Measure, Rulebook, RulebookSource, SchemeRule } from "./rulebook";

// What the adapters (src/cli, src/office, src/taskpane, src/word, src/xlsx, scripts) need besides
// the calculation: this file is their only import path into src/core (test/architecture.test.ts;
// docs/dev/architecture.md). Grouped by the module that defines each name.
export { FORLOEB_TOTAL, WEIGHTED } from "./compute";
export type { UnitResult } from "./compute";
export { a1, columnName, parseA1, isPercentFormat, isThousandsFormat, FORMULA_WITHOUT_RESULT, NOT_A_FILE_NUMBER } from "./grid";
export type { CalcMode, Cell, SheetGrid, SheetVisibility } from "./grid";
export { HEADER_SEARCH_ROWS } from "./labels";
export { MAALTAL_SHEET_NAMES } from "./maaltal";
export { isCheckableSheet } from "./sheet-kind";
export { normalizeCode } from "./text";
export { formatDanish, formatPct } from "./numbers";
export { quotedText } from "./privacy";
export { DEFAULT_UNIT_CODES, DEFAULT_UNIT_NAMES } from "./units";
export { BUILT_IN_WEIGHTS } from "./weights";
export { charsToPoints, footerText, linkReference, pageCapacity, printSetupFor } from "./layout";
export type { CellStyle, LayoutValue } from "./layout";
export { forloebAfter, pageBreaks, previousLeftOut, schemeRowLabel } from "./report";
export { targetGaps } from "./gap";
export type { TargetGap } from "./gap";
export { buildNotat, notatSettingsOf } from "./notat";
export type { NotatBlock, NotatCell, NotatLayout, NotatParagraph, NotatRun, NotatTable } from "./notat";
export type { CalendarDate } from "./notat-settings";
export { forvaltningTemplate } from "./forvaltning-template";
export type { ForvaltningTemplate } from "./forvaltning-template";
export type { FormulaCell, SheetValues, WriteValue } from "./delivery-values";
export { isUntouchedTemplate, mailText, planCollect, planRestore, plausibilityText, problemText, removedText, touchesOf } from "./collect";
export { templateRulebook, workbookRulebooks, type RulebookOf, type TemplateRulebook } from "./template-rulebook";
export type { CollectFile, CollectOptions, CollectPlan, ConflictChoice, DeliveryRow, KeyFigure, KeyFigures, RestorePlan, SheetAction, Touch, UnreadableFile } from "./collect";
export type { UnreadableCell, UnreadableLimit, UnreadableReason } from "./unreadable";
export { STAGE_NAMES, untimed } from "./stages";
export type { StageName, StageTimer } from "./stages";
export { findSheets, readRulebookStage, readMaaltalStage, readUnitsStage, crossChecks, readPreviousStage } from "./workbook";
export { readRulebook } from "./rulebook-read";
export { forloebSchemes, recognised } from "./rulebook";
// A sheet that looks like a department sheet: the readers list formulas and formats only for such sheets (src/cli/xlsx-collect.ts, mayBeDelivered).
export { looksLikeDepartment } from "./department";
// Which formulas the engine reads (src/xlsx/read-grid.ts keeps only those in SheetGrid.formulas).
export { formulaMayMatter } from "./formulas";
