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
  "SETTINGS_HEADER_MISSING",
  "PREVIOUS_YEAR_MISMATCH",
  "PREVIOUS_WEIGHTS_UNKNOWN",
  "PREVIOUS_LEFT_OUT",
  // Output
  "OUTPUT_NAME_TAKEN",
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/**
 * The pseudo-sheet of problems that belong to the whole workbook (no sheet to point at, e.g. a
 * missing Måltal sheet). Such issues never carry a cell; every other issue names a sheet that exists.
 */
export const WORKBOOK_SHEET = "Projektmappe";
export type Severity = "error" | "warning";
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
}

/** Collects issues during a parse; keeps the order in which they were found. */
export class IssueList {
  readonly items: Issue[] = [];

  error(code: IssueCode, sheet: string, cell: string | undefined, params: IssueParams = {}, unit?: string): void {
    this.items.push({ severity: "error", code, sheet, ...(cell ? { cell } : {}), params, ...(unit ? { unit } : {}) });
  }

  warning(code: IssueCode, sheet: string, cell: string | undefined, params: IssueParams = {}, unit?: string): void {
    this.items.push({ severity: "warning", code, sheet, ...(cell ? { cell } : {}), params, ...(unit ? { unit } : {}) });
  }

  hasErrors(unit?: string): boolean {
    return this.items.some((i) => i.severity === "error" && (unit === undefined || i.unit === unit));
  }
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
