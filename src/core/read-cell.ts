import { a1, cellAt, isCellDate, isCellError, type Cell, type SheetGrid } from "./grid";
import type { IssueList } from "./issues";
import type { Measure } from "./rulebook";
import { formulaNote } from "./formulas";
import { excelNumber, formatDanish, parseNumberText } from "./numbers";
import { clip } from "./text";

/** Values above this are not plausible as persons, forløb or targets, and are refused. */
export const MAX_PLAUSIBLE = 1_000_000;
/**
 * Typed totals (Samlet status, Antal forløb i alt, Måltal i alt) add up parts of up to MAX_PLAUSIBLE
 * each, so they have no plausibility limit of their own: the comparison with the sum checks them.
 */
export const TOTAL_MAX = Number.MAX_VALUE;
/** Text longer than this in a cell the tool reads is refused rather than copied around. */
export const MAX_TEXT = 1_000;

const percentSets = new WeakMap<SheetGrid, ReadonlySet<string>>();
function isPercentCell(sheet: SheetGrid, cell: string): boolean {
  if (!sheet.percentCells?.length) return false;
  let set = percentSets.get(sheet);
  if (!set) percentSets.set(sheet, (set = new Set(sheet.percentCells)));
  return set.has(cell);
}

const scaledSets = new WeakMap<SheetGrid, ReadonlySet<string>>();
function isScaledCell(sheet: SheetGrid, cell: string): boolean {
  if (!sheet.scaledCells?.length) return false;
  let set = scaledSets.get(sheet);
  if (!set) scaledSets.set(sheet, (set = new Set(sheet.scaledCells)));
  return set.has(cell);
}

export interface NumberRule {
  /** What the number is, for messages: "status", "antal forløb", "måltal", "år", "vægt". */
  readonly what: string;
  readonly whole?: boolean;
  /** An empty cell is an error (true) or simply no value (false). */
  readonly required: boolean;
  readonly allowNegative?: boolean;
  readonly max?: number;
  readonly unit?: string;
  /** A percentage-formatted cell is fine here (weights: 0,51 shown as »51 %«). */
  readonly percentOk?: boolean;
  /** The scheme a status belongs to and its measure: why a status must be whole (VALUE_NOT_WHOLE). */
  readonly scheme?: { readonly name: string; readonly measure: Measure };
}

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/**
 * Reads a number from a cell, recording every problem with its sheet and cell.
 * Returns undefined when the cell is empty or its value cannot be used.
 */
export function readNumber(sheet: SheetGrid, row: number, col: number, rule: NumberRule, issues: IssueList): number | undefined {
  const v = cellAt(sheet, row, col);
  const cell = a1(row, col);
  if (isBlank(v)) {
    if (rule.required) issues.error("VALUE_MISSING", sheet.name, cell, { what: rule.what }, rule.unit);
    return undefined;
  }
  if (formulaProblem(sheet, row, col, rule.what, issues, rule.unit)) return undefined;
  const n = numberIn(v, sheet, cell, rule, issues);
  return n === undefined ? undefined : withinRule(n, sheet.name, cell, rule, issues);
}

/** The number a non-blank cell holds, by its type (a number as Excel shows it, a text read as a number); undefined, with the problem recorded, for anything else. */
function numberIn(v: Cell, sheet: SheetGrid, cell: string, rule: NumberRule, issues: IssueList): number | undefined {
  const p = { what: rule.what };
  const u = rule.unit;
  if (typeof v === "number") {
    // What Excel shows: float noise from formulas (=2,47*100 → 247.00000000000003) is not a figure,
    // and noise around zero (=0,3-0,1-0,2 → -2,8e-17, shown as 0) is zero.
    const n = excelNumber(v);
    // 0,85 formatted as »85 %« in a status cell: the user sees 85, the cell holds 0,85.
    if (!rule.percentOk && isPercentCell(sheet, cell)) {
      issues.error("VALUE_PERCENT", sheet.name, cell, { ...p, value: n, shown: excelNumber(n * 100) }, u);
      return undefined;
    }
    // 12.400 formatted as «#.##0,» shows «12»: the user sees another number than the cell holds.
    if (isScaledCell(sheet, cell)) {
      issues.error("VALUE_SCALED", sheet.name, cell, { ...p, value: n }, u);
      return undefined;
    }
    return n;
  }
  if (typeof v === "string") return numberInText(v, sheet.name, cell, rule, issues);
  if (typeof v === "boolean") issues.error("VALUE_BOOLEAN", sheet.name, cell, { ...p, value: v ? "SAND" : "FALSK" }, u);
  else if (isCellError(v)) issues.error("VALUE_ERROR", sheet.name, cell, { ...p, value: clip(v.error, 12) }, u);
  // The date as the user sees it (30-06-2025), never the object behind it.
  else if (isCellDate(v)) issues.error("VALUE_DATE", sheet.name, cell, { ...p, value: shownValue(v) }, u);
  else issues.error("VALUE_NOT_NUMBER", sheet.name, cell, { ...p, value: "?" }, u);
  return undefined;
}

/** A number typed as text (»12,5«): read with a warning, or refused when too long, ambiguous or no number. */
function numberInText(v: string, sheet: string, cell: string, rule: NumberRule, issues: IssueList): number | undefined {
  const p = { what: rule.what };
  const u = rule.unit;
  if (v.length > MAX_TEXT) {
    issues.error("TEXT_TOO_LONG", sheet, cell, { ...p, length: v.length }, u);
    return undefined;
  }
  const parsed = parseNumberText(v);
  if (parsed.kind === "ambiguous") {
    issues.error("VALUE_AMBIGUOUS", sheet, cell, { ...p, value: clip(v), ...ambiguousReadings(v) }, u);
    return undefined;
  }
  if (parsed.kind === "invalid") {
    issues.error("VALUE_NOT_NUMBER", sheet, cell, { ...p, value: clip(v) }, u);
    return undefined;
  }
  issues.warning("VALUE_TEXT_NUMBER", sheet, cell, { ...p, value: clip(v), number: parsed.value }, u);
  return parsed.value;
}

/** The number if the rule allows it (finite, not negative, not implausibly large, whole where it must be); undefined, with the problem recorded, if not. */
function withinRule(n: number, sheet: string, cell: string, rule: NumberRule, issues: IssueList): number | undefined {
  const p = { what: rule.what };
  const u = rule.unit;
  if (!Number.isFinite(n)) issues.error("VALUE_NOT_FINITE", sheet, cell, p, u);
  else if (n < 0 && !rule.allowNegative) issues.error("VALUE_NEGATIVE", sheet, cell, { ...p, value: n }, u);
  else if (Math.abs(n) > (rule.max ?? MAX_PLAUSIBLE)) issues.error("VALUE_TOO_LARGE", sheet, cell, { ...p, value: n, max: rule.max ?? MAX_PLAUSIBLE }, u);
  else if (rule.whole && !Number.isInteger(n)) issues.error("VALUE_NOT_WHOLE", sheet, cell, { ...p, value: n, ...(rule.scheme ? { scheme: clip(rule.scheme.name), measure: rule.scheme.measure } : {}) }, u);
  else return n;
  return undefined;
}

/**
 * A formula's cached result that may not be what Excel shows (formulas.ts): never read silently,
 * whatever its type (a result stored as text is no safer than a number). Records the problem at the
 * cell; true when it is an error and the value must not be used. Every reader of a value a figure
 * or the period depends on calls it (readNumber, the `Sidste måned` reader).
 */
export function formulaProblem(sheet: SheetGrid, row: number, col: number, what: string, issues: IssueList, unit?: string): boolean {
  const cell = a1(row, col);
  const note = formulaNote(sheet, cell);
  if (!note) return false;
  const v = cellAt(sheet, row, col);
  const shown = typeof v === "number" ? excelNumber(v) : shownValue(v);
  if (note.kind === "stale") {
    issues.error("FORMULA_STALE", sheet.name, cell, { what, formula: clip(note.formula), value: excelNumber(note.value), cached: typeof note.cached === "number" ? excelNumber(note.cached) : clip(note.cached) }, unit);
    return true;
  }
  if (note.kind === "manual") {
    issues.error("FORMULA_MANUAL_CALC", sheet.name, cell, { what, formula: clip(note.formula), value: shown }, unit);
    return true;
  }
  // Arithmetic too long or deep to check: the cached result is used, with a warning naming it.
  issues.warning("FORMULA_UNCHECKED", sheet.name, cell, { what, formula: clip(note.formula), value: shown }, unit);
  return false;
}

/** The two ways `1.048` / `1,048` can be read, written without separators: 1048 and 1,048. */
function ambiguousReadings(text: string): { thousands: string; decimal: string } | Record<string, never> {
  const m = /^([+-]?)\s*(\d{1,3})[.,](\d{3})$/.exec(text.replace(/[\u00a0\u202f]/g, " ").trim());
  if (!m) return {};
  const [, sign = "", int = "", frac = ""] = m;
  return { thousands: `${sign}${int}${frac}`, decimal: `${sign}${int},${frac}` };
}

/**
 * A cell's value as the user typed and sees it, for messages: a date as a date (30-06-2025), a
 * number in Danish form, TRUE/FALSE as Excel's Danish SAND/FALSK, an error as its code, text
 * clipped to one line. Never »[object Object]«, »undefined« or »NaN«.
 */
export function shownValue(v: Cell): string {
  if (v === null) return "";
  if (typeof v === "string") return clip(v);
  if (typeof v === "number") return Number.isFinite(v) ? formatDanish(excelNumber(v), Number.isInteger(v) ? 0 : 4).replace(/,?0+$/, "") || "0" : "";
  if (typeof v === "boolean") return v ? "SAND" : "FALSK";
  if (isCellError(v)) return clip(v.error, 12);
  if (isCellDate(v)) {
    // Excel's 1900 system: serial 1 is 1900-01-01, with the phantom 29 February 1900 (day 60).
    const days = Math.floor(v.date) - (v.date > 60 ? 1 : 0);
    const d = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
    if (Number.isNaN(d.getTime())) return "";
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()}`;
  }
  return "";
}

/** The text of a cell, trimmed; undefined when it holds no text. */
export function readText(sheet: SheetGrid, row: number, col: number): string | undefined {
  const v = cellAt(sheet, row, col);
  if (typeof v === "string") return v.trim() === "" ? undefined : v.trim();
  if (typeof v === "number") return String(v);
  return undefined;
}
