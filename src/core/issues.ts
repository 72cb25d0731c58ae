/**
 * Problems found in a workbook are values, not exceptions. Each carries a stable code, the sheet,
 * the cell (A1) where one exists, and the parameters its Danish message needs. The message text
 * itself lives in the catalogue (src/messages/da.ts).
 */

import type { Measure } from "./rulebook";

export const ISSUE_CODES = [
  // Workbook level
  "EMPTY_WORKBOOK",
  "MAALTAL_MISSING",
  "SHEET_MISSING",
  "DUPLICATE_SHEET",
  "UNKNOWN_UNIT_SHEET",
  "NO_DEPARTMENT_SHEET",
  "HIDDEN_SHEET",
  "HIDDEN_CELLS",
  "YEAR_UNDECIDED",
  "YEAR_MISMATCH",
  "WEIGHTS_UNKNOWN",
  // Department sheet layout
  "YEAR_MISSING",
  "YEAR_INVALID",
  "YEAR_DUPLICATE",
  "UNIT_MISMATCH",
  "HEADER_MISSING",
  "HEADER_DUPLICATE",
  "COLUMN_DUPLICATE",
  "ROW_MISSING",
  "ROW_DUPLICATE",
  "ROW_UNKNOWN",
  "ROW_UNLABELLED",
  "MERGED_CELL",
  // Cell values
  "VALUE_MISSING",
  "VALUE_NOT_NUMBER",
  "VALUE_AMBIGUOUS",
  "VALUE_TEXT_NUMBER",
  "VALUE_NEGATIVE",
  "VALUE_NOT_FINITE",
  "VALUE_TOO_LARGE",
  "VALUE_NOT_WHOLE",
  "VALUE_PERCENT",
  "VALUE_SCALED",
  "VALUE_OUT_OF_SCALE",
  "STATUS_OVER_FORLOEB",
  "HEADER_YEAR_MISMATCH",
  "VALUE_ERROR",
  "VALUE_DATE",
  "VALUE_BOOLEAN",
  "VALUE_IGNORED",
  "TEXT_TOO_LONG",
  // Cross-checks
  "TOTAL_MISMATCH",
  "KK_TARGET_DIFFERS",
  "KK_SHEET_DIFFERS",
  // Måltal
  "MAALTAL_HEADER_MISSING",
  "MAALTAL_COLUMN_MISSING",
  "MAALTAL_UNIT_DUPLICATE",
  "MAALTAL_EMPTY",
  "MAAL_ZERO_WEIGHTED",
  // Settings and previous year
  "WEIGHTS_SUM",
  "WEIGHTS_DIFFER",
  "WEIGHTS_DUPLICATE",
  "SETTING_DUPLICATE",
  "SETTINGS_HEADER_MISSING",
  "PERIOD_INVALID",
  "PREVIOUS_YEAR_MISMATCH",
  "PREVIOUS_WEIGHTS_UNKNOWN",
  "PREVIOUS_LEFT_OUT",
  // Output
  "OUTPUT_NAME_TAKEN",
  // Formula results (issue 19)
  "FORMULA_STALE",
  "FORMULA_MANUAL_CALC",
  // Layouts departments send (issue 19)
  "STATUS_COLUMN_AMBIGUOUS",
  "LABEL_MONTH_MISMATCH",
  "SETTINGS_LABEL_UNKNOWN",
  // Issue 19b
  "FORMULA_UNCHECKED",
  "PERIOD_YEAR_MISMATCH",
  // The rulebook on Indstillinger (issue 22)
  "RULEBOOK_INCOMPLETE",
  "RULEBOOK_DUPLICATE",
  "RULEBOOK_MEASURE_UNKNOWN",
  "RULEBOOK_FORLOEB_INVALID",
  "RULEBOOK_GROUP_MISSING",
  "RULEBOOK_TARGET_MISSING",
  "RULEBOOK_LABEL_DUPLICATE",
  "RULEBOOK_DIFFERS",
  "RULEBOOK_MEASURE_MIXED",
  "RULEBOOK_UNUSED",
  "MAALTAL_COLUMN_TIE",
  "RULEBOOK_NOT_READ",
  // Review 22j
  "LABEL_UNIT_MISMATCH",
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/**
 * The pseudo-sheet of problems that belong to the whole workbook (no sheet to point at, e.g. a
 * missing Måltal sheet). Such issues never carry a cell; every other issue names a sheet that exists.
 */
export const WORKBOOK_SHEET = "Projektmappe";
export type Severity = "error" | "warning";

/**
 * The severities each code can have in what jobstatus reports: the one truth the user guide's
 * table (docs/brugervejledning.md, section 4) is tested against (test/docs-catalogue.test.ts), and
 * enforced by the compiler: `IssueList.error` takes only codes that may be errors, `warning` only
 * codes that may be warnings. The one documented exception: every problem on the optional
 * previous-year sheet is reported as a warning (it only costs Tabel 2).
 */
export const ISSUE_SEVERITY = {
  EMPTY_WORKBOOK: ["error"],
  MAALTAL_MISSING: ["error"],
  SHEET_MISSING: ["error"],
  DUPLICATE_SHEET: ["error"],
  UNKNOWN_UNIT_SHEET: ["error", "warning"],
  NO_DEPARTMENT_SHEET: ["error"],
  HIDDEN_SHEET: ["warning"],
  HIDDEN_CELLS: ["warning"],
  YEAR_UNDECIDED: ["error"],
  YEAR_MISMATCH: ["error"],
  WEIGHTS_UNKNOWN: ["error", "warning"],
  YEAR_MISSING: ["error"],
  YEAR_INVALID: ["error"],
  YEAR_DUPLICATE: ["error"],
  UNIT_MISMATCH: ["error"],
  HEADER_MISSING: ["error"],
  HEADER_DUPLICATE: ["error"],
  COLUMN_DUPLICATE: ["error"],
  ROW_MISSING: ["error"],
  ROW_DUPLICATE: ["error"],
  ROW_UNKNOWN: ["warning"],
  ROW_UNLABELLED: ["error"],
  MERGED_CELL: ["error"],
  VALUE_MISSING: ["error"],
  VALUE_NOT_NUMBER: ["error"],
  VALUE_AMBIGUOUS: ["error"],
  VALUE_TEXT_NUMBER: ["warning"],
  VALUE_NEGATIVE: ["error"],
  VALUE_NOT_FINITE: ["error"],
  VALUE_TOO_LARGE: ["error"],
  VALUE_NOT_WHOLE: ["error"],
  VALUE_PERCENT: ["error"],
  VALUE_SCALED: ["error"],
  VALUE_OUT_OF_SCALE: ["warning"],
  STATUS_OVER_FORLOEB: ["error"],
  HEADER_YEAR_MISMATCH: ["error"],
  VALUE_ERROR: ["error"],
  VALUE_DATE: ["error"],
  VALUE_BOOLEAN: ["error"],
  VALUE_IGNORED: ["warning"],
  TEXT_TOO_LONG: ["error"],
  TOTAL_MISMATCH: ["error", "warning"],
  KK_TARGET_DIFFERS: ["warning"],
  KK_SHEET_DIFFERS: ["warning"],
  MAALTAL_HEADER_MISSING: ["error"],
  MAALTAL_COLUMN_MISSING: ["error"],
  MAALTAL_UNIT_DUPLICATE: ["error"],
  MAALTAL_EMPTY: ["error"],
  MAAL_ZERO_WEIGHTED: ["error"],
  WEIGHTS_SUM: ["error"],
  WEIGHTS_DIFFER: ["warning"],
  WEIGHTS_DUPLICATE: ["error"],
  SETTING_DUPLICATE: ["error"],
  SETTINGS_HEADER_MISSING: ["error"],
  PERIOD_INVALID: ["error"],
  PREVIOUS_YEAR_MISMATCH: ["warning"],
  PREVIOUS_WEIGHTS_UNKNOWN: ["warning"],
  PREVIOUS_LEFT_OUT: ["warning"],
  OUTPUT_NAME_TAKEN: ["warning"],
  FORMULA_STALE: ["error"],
  FORMULA_MANUAL_CALC: ["error"],
  STATUS_COLUMN_AMBIGUOUS: ["error"],
  LABEL_MONTH_MISMATCH: ["warning"],
  SETTINGS_LABEL_UNKNOWN: ["warning"],
  FORMULA_UNCHECKED: ["warning"],
  PERIOD_YEAR_MISMATCH: ["error"],
  RULEBOOK_INCOMPLETE: ["error"],
  RULEBOOK_DUPLICATE: ["error"],
  RULEBOOK_MEASURE_UNKNOWN: ["error"],
  RULEBOOK_FORLOEB_INVALID: ["error"],
  RULEBOOK_GROUP_MISSING: ["error"],
  RULEBOOK_TARGET_MISSING: ["error"],
  RULEBOOK_LABEL_DUPLICATE: ["error"],
  RULEBOOK_DIFFERS: ["warning"],
  RULEBOOK_MEASURE_MIXED: ["error"],
  RULEBOOK_UNUSED: ["warning"],
  MAALTAL_COLUMN_TIE: ["error"],
  RULEBOOK_NOT_READ: ["warning"],
  LABEL_UNIT_MISMATCH: ["warning"],
} as const satisfies Readonly<Record<IssueCode, readonly Severity[]>>;

/** Codes that may be reported with severity `S`. */
export type CodeWith<S extends Severity> = { [K in IssueCode]: S extends (typeof ISSUE_SEVERITY)[K][number] ? K : never }[IssueCode];

/** A code whose sentence needs no parameter: passing one is a type error. */
type NoParams = { readonly [key: string]: never };
/**
 * One way a sheet's rulebook differs from the built-in one (RULEBOOK_DIFFERS), at its cell: names as
 * the rulebook writes them, measures as Measure ids (the catalogue names them).
 */
export type RulebookDifference =
  | { readonly kind: "missing" | "extra"; readonly scheme: string; readonly cell: string }
  | { readonly kind: "measure"; readonly scheme: string; readonly measure: string; readonly builtin: string; readonly cell: string }
  | { readonly kind: "forloeb"; readonly scheme: string; readonly forloeb: 0 | 1; readonly cell: string }
  | { readonly kind: "group"; readonly scheme: string; readonly group: string; readonly builtin: string; readonly cell: string }
  | { readonly kind: "weight"; readonly group: string; readonly weight: number; readonly builtin: number; readonly cell: string }
  | { readonly kind: "noWeights"; readonly cell: string };

/** A yes/no parameter, as 1 or 0 (issues are plain JSON-like values). */
type Flag = 0 | 1;
/**
 * A scheme's or a target group's id (»fleksjob«, »samlet«): a string, since a year's rulebook may name
 * schemes and groups of its own (issue 22); the catalogue names the built-in ones and quotes others.
 */
type SchemeId = string;
type GroupId = string;
/** What the value is, in the catalogue's words: "status", "antal forløb", "måltal", "år", "vægt" … */
interface What {
  readonly what: string;
}

/**
 * The parameters each code carries, the way zod types its issues: one entry per code, so
 * `IssueList.error("SHEET_MISSING", …, { code })` is checked against SHEET_MISSING's parameters, and
 * the catalogue's sentence for a code (src/messages/da.ts) receives exactly them, with no casts.
 * A parameter is optional where the engine leaves it out in some cases (the sentence then has
 * another branch); the catalogue still renders something sensible for `{}` (test/docs-catalogue.test.ts).
 * How to add a code: docs/dev/architecture.md.
 */
export interface IssueParamsByCode {
  EMPTY_WORKBOOK: NoParams;
  MAALTAL_MISSING: { readonly near?: string };
  SHEET_MISSING: { readonly code: string };
  /** `code`: the unit, or the kind of sheet (Måltal …); `others`: the other sheets' names, quoted; `first`: the first one's name. */
  DUPLICATE_SHEET: { readonly code?: string; readonly others?: string; readonly first?: string };
  /** A sheet named like no unit on Måltal, or (`kk`) the whole kommune's sheet in a department sheet's layout (`lastYear`: for the year before). */
  UNKNOWN_UNIT_SHEET: { readonly code: string; readonly kk?: 0 } | { readonly kk: 1; readonly sheet: string; readonly lastYear?: Flag; readonly code?: string };
  /** `sheets`: how many non-empty sheets might be the department's (0: none; several: jobstatus does not choose). */
  NO_DEPARTMENT_SHEET: { readonly sheets: number };
  HIDDEN_SHEET: { readonly very?: Flag; readonly code?: string };
  HIDDEN_CELLS: { readonly kind: "row" | "column"; readonly label: string };
  YEAR_UNDECIDED: { readonly years: string };
  YEAR_MISMATCH: { readonly value: number; readonly year: number };
  /** `columns`: the weights table's target columns (the rulebook's target words as headers, »|« between them). */
  WEIGHTS_UNKNOWN: { readonly year: number; readonly columns?: string };
  /** `value`: the cell's text when »År« and the year share one cell. */
  YEAR_MISSING: { readonly value?: string };
  YEAR_INVALID: { readonly value: number };
  YEAR_DUPLICATE: { readonly first: string };
  UNIT_MISMATCH: { readonly value: string; readonly code: string };
  /** One of: `notat` (a table copied from the notat), `long` (long format), `missing` (header keys, comma-separated), `found` (the header's cell below row 30); none: no header at all. */
  HEADER_MISSING: { readonly notat?: Flag; readonly long?: Flag; readonly missing?: string; readonly found?: string };
  HEADER_DUPLICATE: { readonly first: string };
  /** `group`: what both columns are read as, in the catalogue's words (Måltal). */
  COLUMN_DUPLICATE: { readonly first: string; readonly header: string; readonly firstHeader?: string; readonly group?: string };
  ROW_MISSING: { readonly scheme: SchemeId; readonly schemeName?: string };
  ROW_DUPLICATE: { readonly first: string; readonly value: string; readonly firstValue?: string };
  ROW_UNKNOWN: { readonly value: string; readonly names?: string };
  ROW_UNLABELLED: { readonly subheader?: Flag };
  MERGED_CELL: NoParams;
  VALUE_MISSING: What;
  VALUE_NOT_NUMBER: What & { readonly value: string };
  /** `thousands` and `decimal`: the two readings, where the text has exactly two. */
  VALUE_AMBIGUOUS: What & { readonly value: string; readonly thousands?: string; readonly decimal?: string };
  VALUE_TEXT_NUMBER: What & { readonly value: string; readonly number: number };
  VALUE_NEGATIVE: What & { readonly value: number };
  VALUE_NOT_FINITE: What;
  VALUE_TOO_LARGE: What & { readonly value: number; readonly max: number };
  /** `scheme` and `measure`: the scheme whose status must be whole, and how it is counted (the reason given). */
  VALUE_NOT_WHOLE: What & { readonly value: number; readonly scheme?: string; readonly measure?: Measure };
  VALUE_PERCENT: What & { readonly value: number; readonly shown: number };
  VALUE_SCALED: What & { readonly value: number };
  /** Compared with the unit's own target, the other units' median, or the whole kommune's figure the year before (`refAt`: its cell). */
  VALUE_OUT_OF_SCALE: {
    readonly scheme: SchemeId;
    readonly value: number;
    readonly basis: "target" | "peers" | "previous";
    readonly ref: number;
    readonly refAt?: string;
    readonly ratio?: number;
    readonly combined?: Flag;
    /** The scheme's name in the rulebook in use, and (when `combined`) how many schemes share its target. */
    readonly schemeName?: string;
    readonly combinedCount?: number;
  };
  /** `measure`: the scheme's unit in the rulebook (the sentence says it in that unit). */
  STATUS_OVER_FORLOEB: { readonly scheme: SchemeId; readonly schemeName?: string; readonly measure?: Measure; readonly status: number; readonly forloeb: number; readonly forloebCell: string };
  HEADER_YEAR_MISMATCH: { readonly header: string; readonly value: number; readonly year: number };
  VALUE_ERROR: What & { readonly value: string };
  VALUE_DATE: What & { readonly value?: string };
  VALUE_BOOLEAN: What & { readonly value: string };
  /** `total`: the label of a sum row the year has no sum for (no target of several schemes, no forløb). */
  VALUE_IGNORED: What & { readonly total?: string };
  TEXT_TOO_LONG: { readonly length: number; readonly what?: string };
  /** `rounding`: the typed total is the sum of the rounded parts (a warning, not an error). */
  TOTAL_MISMATCH: What & { readonly typed: number; readonly computed: number; readonly rounding?: Flag };
  KK_TARGET_DIFFERS: { readonly group: GroupId; readonly groupName?: string; readonly kk: number; readonly sum: number };
  KK_SHEET_DIFFERS: { readonly what: "status" | "forloeb"; readonly scheme: SchemeId; readonly schemeName?: string; readonly value: number; readonly sum: number };
  /** `columns`: the target columns Måltal needs (the rulebook's target words as headers, »|« between them). */
  MAALTAL_HEADER_MISSING: { readonly columns?: string };
  /** With a rulebook written on Indstillinger: the target's name, its words and the cell they stand in. */
  MAALTAL_COLUMN_MISSING: { readonly group: GroupId; readonly groupName?: string; readonly words?: string; readonly wordsCell?: string };
  MAALTAL_UNIT_DUPLICATE: { readonly code: string; readonly first: string };
  MAALTAL_EMPTY: { readonly kkOnly?: Flag };
  MAAL_ZERO_WEIGHTED: { readonly code: string; readonly group: GroupId; readonly groupName?: string };
  WEIGHTS_SUM: { readonly year: number; readonly sum: number };
  WEIGHTS_DIFFER: { readonly year: number };
  WEIGHTS_DUPLICATE: { readonly year: number; readonly first: string };
  /** `regelsæt`: the year's weights stand both in its rulebook and in the weights table (`year`). */
  SETTING_DUPLICATE: { readonly what: "vægte" | "sidste måned"; readonly first: string } | { readonly what: "regelsæt"; readonly year: number; readonly first: string; readonly noWeights?: 1 };
  /** `columns`: the weights table's target columns (the rulebook's target words as headers, »|« between them). */
  SETTINGS_HEADER_MISSING: { readonly columns?: string };
  PERIOD_INVALID: { readonly value: string };
  PREVIOUS_YEAR_MISMATCH: { readonly value: number; readonly expected: number };
  PREVIOUS_WEIGHTS_UNKNOWN: { readonly year: number };
  PREVIOUS_LEFT_OUT: NoParams;
  OUTPUT_NAME_TAKEN: { readonly wanted: string; readonly used: string };
  FORMULA_STALE: What & { readonly formula: string; readonly value: number; readonly cached: number | string };
  FORMULA_MANUAL_CALC: What & { readonly formula: string; readonly value: number | string };
  STATUS_COLUMN_AMBIGUOUS: { readonly first: string; readonly firstHeader: string; readonly header: string };
  LABEL_MONTH_MISMATCH: { readonly value: string; readonly named: string; readonly expected: string; readonly header?: Flag };
  SETTINGS_LABEL_UNKNOWN: { readonly value: string };
  FORMULA_UNCHECKED: What & { readonly formula: string; readonly value: number | string };
  PERIOD_YEAR_MISMATCH: { readonly value: string; readonly named: number; readonly year: number };
  /** The part of a rulebook on Indstillinger that is missing. */
  RULEBOOK_INCOMPLETE: { readonly part: "year" | "schemes" | "groups" };
  RULEBOOK_DUPLICATE: { readonly year: number; readonly first: string };
  /** `scheme`: the scheme's name as typed, where the row has one. */
  RULEBOOK_MEASURE_UNKNOWN: { readonly value: string; readonly scheme?: string };
  RULEBOOK_FORLOEB_INVALID: { readonly value: string };
  /** A scheme in no group (`scheme`, and the group it names, `value`, if any), or (`empty`) a group with no scheme (`group`). */
  RULEBOOK_GROUP_MISSING: { readonly scheme: string; readonly value: string; readonly empty?: 0 } | { readonly group: string; readonly empty: 1 };
  RULEBOOK_TARGET_MISSING: { readonly group: string };
  RULEBOOK_LABEL_DUPLICATE: { readonly value: string; readonly first: string };
  /** `scheme` counted in `measure` shares the target `group` with `other`, counted in `otherMeasure`: no sum across units. */
  RULEBOOK_MEASURE_MIXED: { readonly scheme: string; readonly measure: Measure; readonly group: string; readonly other: string; readonly otherMeasure: Measure };
  RULEBOOK_DIFFERS: { readonly year: number; readonly differences?: readonly RulebookDifference[] };
  /** A rulebook on Indstillinger for a year the workbook does not use: its year and the status year (`noPrevious`: the year before, with no Forrige år sheet). */
  RULEBOOK_UNUSED: { readonly year: number; readonly statusYear: number; readonly noPrevious?: Flag };
  /**
   * A Måltal header that names two or more targets of the rulebook (words of each, none inside
   * another's): the header as typed, and per target (»|« between them, in the rulebook's order) its
   * name, its word and, for a rulebook on Indstillinger, the cell the word is written in (`cells`,
   * absent for a built-in rulebook).
   */
  MAALTAL_COLUMN_TIE: { readonly header: string; readonly groups: string; readonly words: string; readonly cells?: string };
  /** The status year's rulebook on Indstillinger did not read: the sheets are checked once it does. */
  RULEBOOK_NOT_READ: { readonly year: number };
  /** A scheme row's label names another unit (`named`) than the rulebook counts the scheme in (`measure`). */
  LABEL_UNIT_MISMATCH: { readonly value: string; readonly schemeName: string; readonly named: Measure; readonly measure: Measure; readonly year?: number };
}

/** The parameters of code `C`. */
export type IssueParamsOf<C extends IssueCode> = IssueParamsByCode[C];
/** Any code's parameters (what a consumer that does not look at the code may assume). */
export type IssueParams = IssueParamsOf<IssueCode>;

/** What every issue has, whatever its code. */
interface IssueBase {
  readonly severity: Severity;
  readonly sheet: string;
  /** A1 address on `sheet`, or undefined where the problem has no single cell. */
  readonly cell?: string;
  /** The forvaltning the issue belongs to; an error here blocks that unit's result. */
  readonly unit?: string;
  /** Which row and column the cell is, in the sheet's own words, where the sheet has them (see IssueWhere). */
  readonly where?: IssueWhere;
}

/**
 * An issue with one of the codes `C`, its parameters tied to its code: narrowing `code` narrows
 * `params` (a discriminated union, as zod's issues are).
 */
export type IssueOf<C extends IssueCode = IssueCode> = IssueBase & { readonly [K in C]: { readonly code: K; readonly params: IssueParamsOf<K> } }[C];

/** The parameters may be left out where the code has none that are required. */
type ParamsArgs<C extends IssueCode> = {} extends IssueParamsOf<C> ? [params?: IssueParamsOf<C>, unit?: string] : [params: IssueParamsOf<C>, unit?: string];

export type Issue = IssueOf;

/** The columns of a department sheet's table whose cells issues point at. */
export type IssueColumn = "status" | "forloeb" | "maal";

/**
 * What the issue's cell holds, so a list of five »the cell must hold a number« can say which row
 * each is: the row's label as written on the sheet (»Løntilskud«) and the column, when the cell is
 * one of the table's number cells.
 */
export interface IssueWhere {
  readonly row: string;
  readonly column?: IssueColumn;
  /** On the Måltal sheet: which target the column holds (its rows are forvaltninger), and its name in the rulebook where that is not its id. */
  readonly group?: string;
  readonly groupName?: string;
}

/** Collects issues during a parse; keeps the order in which they were found. */
export class IssueList {
  readonly items: Issue[] = [];

  error<C extends CodeWith<"error">>(code: C, sheet: string, cell: string | undefined, ...[params, unit]: ParamsArgs<C>): void {
    this.items.push(issue("error", code, sheet, cell, params, unit));
  }

  warning<C extends CodeWith<"warning">>(code: C, sheet: string, cell: string | undefined, ...[params, unit]: ParamsArgs<C>): void {
    this.items.push(issue("warning", code, sheet, cell, params, unit));
  }

  /**
   * Adds `where` to the issues found since `from` that have a cell and none yet; `describe` says
   * what the cell is (undefined: nothing to add).
   */
  describeSince(from: number, describe: (cell: string) => IssueWhere | undefined): void {
    for (let k = from; k < this.items.length; k++) {
      const issue = this.items[k];
      if (!issue || issue.cell === undefined || issue.where !== undefined) continue;
      const where = describe(issue.cell);
      if (where) this.items[k] = { ...issue, where };
    }
  }

  hasErrors(unit?: string): boolean {
    return this.items.some((i) => i.severity === "error" && (unit === undefined || i.unit === unit));
  }
}

/**
 * An issue of code `C`, checked against that code's parameters (and, with `IssueList`, its
 * severities). The one place an issue is built from a generic code: TypeScript cannot see that
 * `{ code: C, params: IssueParamsOf<C> }` is the union's member for C, so the cast says so; the
 * signature is what makes it true. Absent parameters are `{}` (every such code's parameters are
 * optional: ParamsArgs).
 */
export function issue<C extends IssueCode>(severity: Severity, code: C, sheet: string, cell: string | undefined, params?: IssueParamsOf<C>, unit?: string): Issue {
  return { severity, code, sheet, ...(cell ? { cell } : {}), params: params ?? {}, ...(unit ? { unit } : {}) } as IssueOf;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
