/**
 * Values only: what a forvaltning's delivered sheet may bring into the analyst's workbook. A
 * department's file is untrusted, so only its values and number formats enter HR's workbook, never
 * its formulas. A formula cell arrives as its cached value (what the department saw when it saved).
 * The formulas that would have reached outside the sheet are named in the overview as removed.
 * Pure: the readers (exceljs in the CLI and the pane) report the formulas, the writers write the
 * values this module gives them.
 */
import { a1, isCellDate, isCellError, parseA1, type Cell, type SheetGrid } from "./grid";

/** A formula cell of a delivered file, as the reader found it (without the leading `=`). */
export interface FormulaCell {
  readonly sheet: string;
  /** A1 address on `sheet`. */
  readonly cell: string;
  readonly formula: string;
}

/**
 * Why a formula would have been dangerous in HR's workbook, most dangerous first. `"formula"`: an
 * ordinary formula on the sheet itself; it too arrives as its value, but is not named one by one.
 */
export type RemovedKind = "external" | "webservice" | "dde" | "unc" | "other-sheet" | "formula";

export interface RemovedFormula {
  readonly cell: string;
  readonly kind: Exclude<RemovedKind, "formula">;
}

export interface RemovedFormulas {
  /** Formulas that reached outside the sheet, by cell (at most {@link MAX_NAMED} are kept). */
  readonly named: readonly RemovedFormula[];
  /** How many formulas reached outside the sheet in all (named or not). */
  readonly outside: number;
  /** How many ordinary formulas were replaced by their values. */
  readonly plain: number;
}

/** At most this many removed formulas are named by cell in the overview; the rest are counted. */
export const MAX_NAMED = 20;

/** Strips string literals so a quoted address or `"a!b"` is not taken for a reference. */
function withoutStrings(f: string): string {
  return f.replace(/"(?:[^"]|"")*"/g, '""');
}

/**
 * What a formula reaches, for a formula on `ownSheet`. External workbooks (`[1]Ark!A1`, a path in
 * brackets), functions that fetch or run something (WEBSERVICE, FILTERXML on fetched text, RTD,
 * CALL, REGISTER), DDE (`app|'topic'!item`), UNC paths (`\\host\share`), and references to other
 * sheets (which in HR's workbook would read HR's own sheet of that name).
 */
export function formulaKind(formula: string, ownSheet: string): RemovedKind {
  const raw = formula.replace(/^=/, "");
  if (/\\\\[^\\\s"]+\\/.test(raw) || /'\\\\/.test(raw)) return "unc";
  const f = withoutStrings(raw);
  // Newer functions are stored in the file with a prefix (`_xlfn.WEBSERVICE`, `_xlfn._xlws.FILTER`).
  if (/(^|[^A-Za-z0-9_.])(?:_xlfn\.)?(?:_xlws\.)?(WEBSERVICE|FILTERXML|RTD|CALL|REGISTER(\.ID)?|ENCODEURL|IMAGE)\s*\(/i.test(f)) return "webservice";
  if (/[A-Za-z0-9_.]+\|('[^']*'|[A-Za-z0-9_.]+)!/.test(f) || /\|/.test(f)) return "dde";
  if (/\[[^\]]+\]/.test(f)) return "external";
  // A sheet reference: `Ark1!A1`, `'Mit ark'!A1`; one to the sheet itself is harmless as a value.
  const own = ownSheet.toUpperCase();
  const refs = [...f.matchAll(/(?:'((?:[^']|'')+)'|([\p{L}\p{N}_.]+))!/gu)].map((m) => (m[1] ?? m[2] ?? "").replace(/''/g, "'").toUpperCase());
  if (refs.some((r) => r !== own)) return "other-sheet";
  // INDIRECT and OFFSET with a text argument can reach any sheet by name.
  if (/(^|[^A-Za-z0-9_.])INDIRECT\s*\(/i.test(f)) return "other-sheet";
  return "formula";
}

/** The formulas of one delivered sheet, as the overview names them. */
export function removedFormulas(formulas: readonly FormulaCell[], sheet: string): RemovedFormulas {
  const named: RemovedFormula[] = [];
  let outside = 0;
  let plain = 0;
  for (const f of formulas) {
    if (f.sheet.toUpperCase() !== sheet.toUpperCase()) continue;
    const kind = formulaKind(f.formula, sheet);
    if (kind === "formula") plain++;
    else {
      outside++;
      if (named.length < MAX_NAMED) named.push({ cell: f.cell, kind });
    }
  }
  return { named, outside, plain };
}

/** A value a writer can put in a cell: never a formula (text is always text, see {@link SheetValues}). */
export type WriteValue = null | number | string | boolean | { readonly error: string };

/**
 * What is written for a delivered sheet: its values from A1 and the number formats of its cells
 * (null: the cell keeps the format it has). Text is text even when it starts with `=`: the writers
 * must write it as text (the Office.js writer prefixes an apostrophe).
 */
export interface SheetValues {
  readonly values: readonly (readonly WriteValue[])[];
  readonly numberFormats: readonly (readonly (string | null)[])[];
  readonly merges: readonly string[];
  readonly rows: number;
  readonly cols: number;
}

/**
 * The error values a department's cell arrives as, in both writers: Excel's classic error values
 * (those an Excel 2007 .xlsx error cell holds) and #GETTING_DATA. The CLI writes them as error
 * cells, the pane types them unprefixed (Excel then stores the error value, as when a user types
 * #N/A). Any other error text (jobstatus's own marker for a formula without a result) is no Excel
 * value: the cell arrives empty, and validation names the cell where a figure was expected.
 */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"]);

function writeValue(c: Cell): WriteValue {
  if (c === null || typeof c === "number" || typeof c === "string" || typeof c === "boolean") return c;
  if (isCellDate(c)) return c.date;
  if (isCellError(c)) return EXCEL_ERRORS.has(c.error.toUpperCase()) ? { error: c.error.toUpperCase() } : null;
  return null;
}

/**
 * The delivered sheet as values from A1, with the number formats its reader found (`formats`: A1
 * address → format code; General is left out). A date arrives as its serial number with its format.
 */
export function sheetValues(sheet: SheetGrid, formats: Readonly<Record<string, string>> = {}): SheetValues {
  let rows = sheet.originRow + sheet.values.length;
  let cols = sheet.originCol + Math.max(0, ...sheet.values.map((r) => r.length));
  for (const addr of Object.keys(formats)) {
    const p = parseA1(addr);
    if (!p) continue;
    rows = Math.max(rows, p.row + 1);
    cols = Math.max(cols, p.col + 1);
  }
  const values: WriteValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  for (let r = 0; r < rows; r++) {
    const vr: WriteValue[] = [];
    const fr: (string | null)[] = [];
    for (let c = 0; c < cols; c++) {
      const v = sheet.values[r - sheet.originRow]?.[c - sheet.originCol];
      vr.push(v === undefined ? null : writeValue(v));
      fr.push(formats[a1(r, c)] ?? null);
    }
    values.push(vr);
    numberFormats.push(fr);
  }
  return { values, numberFormats, merges: [...(sheet.merges ?? [])], rows, cols };
}

/** True when two sheets hold the same values cell by cell (trailing empty cells do not count). */
export function sameValues(a: SheetGrid, b: SheetGrid): boolean {
  const va = sheetValues(a);
  const vb = sheetValues(b);
  const rows = Math.max(va.rows, vb.rows);
  const cols = Math.max(va.cols, vb.cols);
  const norm = (v: WriteValue | undefined): string => (v === null || v === undefined || (typeof v === "string" && v.trim() === "") ? "" : JSON.stringify(v));
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (norm(va.values[r]?.[c]) !== norm(vb.values[r]?.[c])) return false;
  return true;
}

/** Excel's own limit on a number format code's length (its Format Cells dialog accepts no more). */
export const MAX_FORMAT_LENGTH = 255;

/** The sections of a format code (`pos;neg;zero;text`), split on `;` outside quotes, escapes and brackets. */
function formatSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i] as string;
    if (!quoted && !bracket && ch === "\\") {
      cur += ch + (fmt[i + 1] ?? "");
      i++;
      continue;
    }
    if (!bracket && ch === '"') quoted = !quoted;
    else if (!quoted && ch === "[") bracket = true;
    else if (!quoted && ch === "]") bracket = false;
    if (ch === ";" && !quoted && !bracket) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** True when a section shows nothing of the value: no digit, date, General or text placeholder outside literals. */
function hidesValue(section: string, text: boolean): boolean {
  const bare = section
    .replace(/"(?:[^"])*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/[_*]./g, "");
  if (text) return !bare.includes("@");
  return !/general|[0#?]|[ymdhs]/i.test(bare);
}

/**
 * Why a delivered cell's number format is not copied, or null when it is harmless: longer than
 * Excel allows, or, for the cell's value, a section that hides the value (`;;;`) or shows fixed
 * text instead of it (`"999";"999";"999"`). HR would see a figure that is not the cell's.
 */
export function formatRisk(fmt: string, value: Cell): "too-long" | "hides" | null {
  if (fmt.length > MAX_FORMAT_LENGTH) return "too-long";
  if (value === null || (typeof value === "string" && value === "")) return null;
  const sections = formatSections(fmt);
  const conditional = sections.some((s) => /\[(?:[<>=]|<=|>=|<>)[^\]]*\]/.test(s));
  if (typeof value === "string") return sections.length >= 4 && hidesValue(sections[3] as string, true) ? "hides" : null;
  if (typeof value !== "number") return null;
  if (conditional) return sections.slice(0, 3).some((s) => hidesValue(s, false)) ? "hides" : null;
  const pick = value > 0 || sections.length === 1 ? sections[0] : value < 0 ? sections[1] : (sections[2] ?? sections[0]);
  // Accounting formats show zero as a dash (`_-* "-"_-`): that is zero, as readers expect it.
  if (value === 0 && sections.length >= 3 && /^[\s_*"\\-]*-[\s_*"\\-]*$/.test((pick ?? "").replace(/_./g, "").replace(/\*./g, ""))) return null;
  return hidesValue(pick ?? "", false) ? "hides" : null;
}

/** The formats safe to copy, and the cells whose format is left out (see {@link formatRisk}), in reading order. */
export function screenFormats(formats: Readonly<Record<string, string>>, sheet: SheetGrid): { kept: Record<string, string>; dropped: string[] } {
  const kept: Record<string, string> = {};
  const dropped: { cell: string; r: number; c: number }[] = [];
  for (const [cell, fmt] of Object.entries(formats)) {
    const p = parseA1(cell);
    if (!p) continue;
    const value = sheet.values[p.row - sheet.originRow]?.[p.col - sheet.originCol] ?? null;
    if (formatRisk(fmt, value) === null) kept[cell] = fmt;
    else dropped.push({ cell, r: p.row, c: p.col });
  }
  dropped.sort((a, b) => a.r - b.r || a.c - b.c);
  return { kept, dropped: dropped.map((d) => d.cell) };
}
