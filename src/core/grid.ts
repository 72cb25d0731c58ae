/**
 * The only view of a workbook the core ever gets: plain grids of cell values.
 * Adapters (exceljs in the CLI, Office.js in the add-in) build these; the core never sees a host.
 */

/** An Excel error value such as `#REF!` or `#DIV/0!`. */
export interface CellError {
  readonly error: string;
}

/**
 * The error an adapter reports for a formula saved without a computed result (files written by
 * programs that do not calculate). Not an Excel error value, so it cannot be mistaken for one.
 */
export const FORMULA_WITHOUT_RESULT = "#FORMEL?";

/**
 * The error an adapter reports for a cell stored as a number whose text is not a number as the file
 * format defines it (`<v>8,9e1</v>`, `<v>0x10</v>`): no spreadsheet writes it, so it cannot be read
 * as a figure. Not an Excel error value.
 */
export const NOT_A_FILE_NUMBER = "#TAL?";

/** A cell the host knows to be a date (Excel serial number, 1900 system). */
export interface CellDate {
  readonly date: number;
}

/** A cell's value as the host reports it. Formulas arrive as their computed value. */
export type Cell = null | number | string | boolean | CellError | CellDate;

export type SheetVisibility = "visible" | "hidden" | "veryHidden";

export interface SheetGrid {
  readonly name: string;
  readonly visibility: SheetVisibility;
  /** 0-based sheet row of `values[0]` (the used range may not start at A1). */
  readonly originRow: number;
  /** 0-based sheet column of `values[r][0]`. */
  readonly originCol: number;
  /** Row-major values of the used range. Rows may be ragged; missing cells are empty. */
  readonly values: readonly (readonly Cell[])[];
  /** Merged areas in A1 notation (e.g. `B4:B6`), where the host can tell. */
  readonly merges?: readonly string[];
  /** True when jobstatus created this sheet (it carries the add-in's ownership marker). */
  readonly owned?: boolean;
  /** 0-based sheet rows the user has hidden (or filtered away), where the host can tell. */
  readonly hiddenRows?: readonly number[];
  /** 0-based sheet columns the user has hidden, where the host can tell. */
  readonly hiddenCols?: readonly number[];
  /** A1 addresses of number cells formatted as a percentage (0,85 shown as »85 %«). */
  readonly percentCells?: readonly string[];
  /** A1 addresses of number cells whose format shows them divided by a thousand (isThousandsFormat). */
  readonly scaledCells?: readonly string[];
  /**
   * Formula cells: A1 address → the formula's text as stored in the file, without a leading »=«
   * (en-US syntax: `40+9`, `D5/12`), where the host can tell. `values` holds their cached results.
   */
  readonly formulas?: Readonly<Record<string, string>>;
}

/** How the workbook was saved to calculate (`<calcPr calcMode>`; absent: automatic or unknown). */
export type CalcMode = "auto" | "manual" | "autoNoTable";

/** Where an input figure was read: the sheet and the A1 cell. */
export interface SourceCell {
  readonly sheet: string;
  readonly cell: string;
}

export interface WorkbookGrid {
  readonly sheets: readonly SheetGrid[];
  /** The calculation mode the file was saved with, where the host can tell. */
  readonly calcMode?: CalcMode;
}

export function isCellError(c: Cell | undefined): c is CellError {
  return typeof c === "object" && c !== null && "error" in c;
}

export function isCellDate(c: Cell | undefined): c is CellDate {
  return typeof c === "object" && c !== null && "date" in c;
}

/**
 * True when a number format divides what it shows by a thousand (or a million): a comma right after
 * the last digit placeholder of the positive section (`#,##0,` shows 12.400 as «12»). Format codes
 * are stored in en-US syntax whatever the user's locale, so the comma is the thousands separator.
 */
export function isThousandsFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const first = fmt.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "").split(";")[0] ?? "";
  return /[0#?],+(?![,0#?])/.test(first);
}

/** True when a number format shows a percentage: a `%` outside quotes and brackets. */
export function isPercentFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return fmt.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "").includes("%");
}

/** 0-based column index to letters: 0 → A, 27 → AB. */
export function columnName(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based sheet coordinates to an A1 address. */
export function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** Parses `B12` into 0-based coordinates; undefined for anything else. */
export function parseA1(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?([1-9][0-9]*)$/.exec(address.trim().toUpperCase());
  if (!m || m[1] === undefined || m[2] === undefined) return undefined;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** Value at 0-based sheet coordinates, or null outside the used range. */
export function cellAt(sheet: SheetGrid, row: number, col: number): Cell {
  const r = sheet.values[row - sheet.originRow];
  if (!r) return null;
  const v = r[col - sheet.originCol];
  return v === undefined ? null : v;
}
