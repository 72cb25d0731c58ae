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
export { toJson, StatusJsonSchema } from "./json";
export { workbookTemplate, departmentTemplate, maaltalTemplate, settingsTemplate } from "./template";
export { followsBuiltin, sheetRulebookOf } from "./rulebook-sheet";
export { tableColumns, tableTitleKK } from "./rule-texts";
export { hasErrors } from "./issues";
export { ownerName, ownedSheetOf, ownerReference, OWNER_NAME_PREFIX, sourcesOwnerName } from "./owner";
export { builtinRulebook, MEASURES } from "./rulebook";
export type { GroupRule, Measure, Rulebook, RulebookSource, SchemeRule } from "./rulebook";
export { STAGE_NAMES, untimed } from "./stages";
export type { StageName, StageTimer } from "./stages";
export { findSheets, readRulebookStage, readMaaltalStage, readUnitsStage, crossChecks, readPreviousStage } from "./workbook";
export { readRulebook } from "./rulebook-read";
// The rulebook's keys and helpers the adapters iterate with (CLI tables, the pane's result).
export { FORLOEB_TOTAL, WEIGHTED } from "./compute";
export { forloebAfter, schemeRowLabel } from "./report";
export { schemesOf, forloebSchemes, recognised } from "./rulebook";
