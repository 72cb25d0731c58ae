/**
 * Problems found in a workbook are values, not exceptions. Each carries a stable code, the sheet,
 * the cell (A1) where one exists, and the parameters its Danish message needs. The message text
 * itself lives in the catalogue (src/messages/da.ts).
 */

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
} as const satisfies Readonly<Record<IssueCode, readonly Severity[]>>;

/** Codes that may be reported with severity `S`. */
export type CodeWith<S extends Severity> = { [K in IssueCode]: S extends (typeof ISSUE_SEVERITY)[K][number] ? K : never }[IssueCode];

export type IssueParams = Readonly<Record<string, string | number>>;

export interface Issue {
  readonly severity: Severity;
  readonly code: IssueCode;
  readonly sheet: string;
  /** A1 address on `sheet`, or undefined where the problem has no single cell. */
  readonly cell?: string;
  readonly params: IssueParams;
  /** The forvaltning the issue belongs to; an error here blocks that unit's result. */
  readonly unit?: string;
  /** Which row and column the cell is, in the sheet's own words, where the sheet has them (see IssueWhere). */
  readonly where?: IssueWhere;
}

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
  /** On the Måltal sheet: which target the column holds (its rows are forvaltninger). */
  readonly group?: string;
}

/** Collects issues during a parse; keeps the order in which they were found. */
export class IssueList {
  readonly items: Issue[] = [];

  error(code: CodeWith<"error">, sheet: string, cell: string | undefined, params: IssueParams = {}, unit?: string): void {
    this.items.push({ severity: "error", code, sheet, ...(cell ? { cell } : {}), params, ...(unit ? { unit } : {}) });
  }

  warning(code: CodeWith<"warning">, sheet: string, cell: string | undefined, params: IssueParams = {}, unit?: string): void {
    this.items.push({ severity: "warning", code, sheet, ...(cell ? { cell } : {}), params, ...(unit ? { unit } : {}) });
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

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
