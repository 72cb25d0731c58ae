/**
 * Formula results the engine cannot trust (issue 19, item 3). A file holds each formula's result as
 * it was last calculated; the CLI reads that cached result, while the add-in reads what Excel shows.
 * The two must never give different figures, so before any figure is read:
 *
 * - a formula that is plain arithmetic over constants (`40+9`, `(12,5+3)/2` as `(12.5+3)/2`) is
 *   evaluated here. Without a cached result its value is used (Excel would compute the same); a
 *   cached result that is not the formula's own result is an error at the cell (FORMULA_STALE):
 *   Excel may show either until it recalculates, so jobstatus does not pick one;
 * - in a workbook saved with manual calculation, every other formula's result may be stale (the
 *   user corrected an input and Excel never recalculated): an error at each such cell that is read
 *   as a figure (FORMULA_MANUAL_CALC), with the fix: calculate (F9), set automatic, save.
 *
 * docs/dev/design.md, »Formula results«, gives the reasoning.
 */
import { FORMULA_WITHOUT_RESULT, isCellError, parseA1, type CalcMode, type Cell, type SheetGrid, type WorkbookGrid } from "./grid";
import { excelNumber, parseNumberText } from "./numbers";

/** What is known about a formula cell the engine may read as a figure. */
export type FormulaNote =
  /** `cached` is the stored result: a number, or (text, TRUE/FALSE, an error code) as the user sees it. */
  | { readonly kind: "stale"; readonly formula: string; readonly value: number; readonly cached: number | string }
  | { readonly kind: "manual"; readonly formula: string }
  /** Arithmetic over constants past the evaluator's limits: its cached result is used, with a warning. */
  | { readonly kind: "unchecked"; readonly formula: string };

const notes = new WeakMap<SheetGrid, ReadonlyMap<string, FormulaNote>>();

/** The note on a cell of a sheet returned by {@link resolveFormulas}, if any. */
export function formulaNote(sheet: SheetGrid, cell: string): FormulaNote | undefined {
  return notes.get(sheet)?.get(cell);
}

/** Longest formula text evaluated: department sheets' arithmetic is short; anything longer is left alone. */
const MAX_FORMULA = 500;
/** Deepest nesting of parentheses evaluated. */
const MAX_DEPTH = 50;

/** What the evaluator makes of a formula: its value, not plain arithmetic, or arithmetic over its limits. */
export type Arithmetic = { readonly kind: "value"; readonly value: number } | { readonly kind: "not" } | { readonly kind: "limit" };

/** Only the characters plain arithmetic over constants is made of (used to tell over-limit arithmetic from the rest). */
const ARITHMETIC_CHARS = /^[\d.eE+\-*/^%()\s]*$/;

class OverLimit extends Error {}

/**
 * Evaluates plain arithmetic over decimal literals (the file's own syntax: a dot for decimals), with
 * Excel's operators and precedence, highest first: negation (`-`), percent (`%`), exponentiation
 * (`^`, left to right), `*` and `/`, `+` and `-` (Microsoft, »Calculation operators and precedence in
 * Excel«, support.microsoft.com: »=-2^2« is 4, since negation binds tighter than `^`). Whitespace,
 * newlines and tabs (Alt+Enter) between tokens are allowed, as Excel allows them. Anything else (a
 * reference, a function, a comma) is `not`; a formula longer than 500 characters or nested deeper
 * than 50 parentheses that holds only arithmetic is `limit`: its result is not checked here.
 */
export function analyseArithmetic(text: string): Arithmetic {
  const src = text.trim().replace(/^=/, "");
  if (text.length > MAX_FORMULA) return ARITHMETIC_CHARS.test(src) ? { kind: "limit" } : { kind: "not" };
  const parser = new ArithmeticParser(src);
  try {
    const v = parser.sum();
    return v !== undefined && parser.atEnd() && Number.isFinite(v) ? { kind: "value", value: v } : { kind: "not" };
  } catch (e) {
    if (e instanceof OverLimit) return ARITHMETIC_CHARS.test(src) ? { kind: "limit" } : { kind: "not" };
    throw e;
  }
}

/**
 * A recursive-descent reader of arithmetic over constants, one method per level of Excel's
 * precedence (sum → product → power → unary → atom). Each returns the value read, or undefined
 * where the text is not such arithmetic or Excel would show an error; nesting beyond MAX_DEPTH
 * throws OverLimit.
 */
class ArithmeticParser {
  private i = 0;
  private depth = 0;

  constructor(private readonly src: string) {}

  /** True when only whitespace is left. */
  atEnd(): boolean {
    this.skip();
    return this.i === this.src.length;
  }

  private skip(): void {
    while (this.i < this.src.length && /\s/.test(this.src[this.i] as string)) this.i++;
  }

  private peek(): string | undefined {
    this.skip();
    return this.src[this.i];
  }

  private atom(): number | undefined {
    const c = this.peek();
    if (c === "(") {
      if (++this.depth > MAX_DEPTH) throw new OverLimit();
      this.i++;
      const v = this.sum();
      if (v === undefined || this.peek() !== ")") return undefined;
      this.i++;
      this.depth--;
      return v;
    }
    const m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(this.src.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return Number(m[0]);
  }

  /** Negation binds tighter than %, which binds tighter than ^ (Excel's order). */
  private unary(): number | undefined {
    const c = this.peek();
    if (c === "+" || c === "-") {
      this.i++;
      const v = this.unary();
      return v === undefined ? undefined : c === "-" ? -v : v;
    }
    let v = this.atom();
    while (v !== undefined && this.peek() === "%") {
      this.i++;
      v /= 100;
    }
    return v;
  }

  private power(): number | undefined {
    let v = this.unary();
    while (v !== undefined && this.peek() === "^") {
      this.i++;
      const r = this.unary();
      if (r === undefined) return undefined;
      // 0^0 is #NUM! in Excel; a negative base with a fraction, or 0 to a negative power, is an error too.
      if (v === 0 && r === 0) return undefined;
      v = Math.pow(v, r);
      if (!Number.isFinite(v)) return undefined;
    }
    return v;
  }

  private product(): number | undefined {
    let v = this.power();
    while (v !== undefined) {
      const c = this.peek();
      if (c !== "*" && c !== "/") break;
      this.i++;
      const r = this.power();
      if (r === undefined) return undefined;
      // Excel shows #DIV/0! for a division by zero: not a figure.
      if (c === "/" && r === 0) return undefined;
      v = c === "*" ? v * r : v / r;
    }
    return v;
  }

  sum(): number | undefined {
    let v = this.product();
    while (v !== undefined) {
      const c = this.peek();
      if (c !== "+" && c !== "-") break;
      this.i++;
      const r = this.product();
      if (r === undefined) return undefined;
      v = c === "+" ? v + r : v - r;
    }
    return v;
  }
}

/** The value of plain arithmetic over constants; undefined for anything else (see {@link analyseArithmetic}). */
export function evaluateArithmetic(text: string): number | undefined {
  const a = analyseArithmetic(text);
  return a.kind === "value" ? a.value : undefined;
}

/** Equal as Excel holds them (15 significant digits), with Excel's snapping of noise below 1e-9 to 0. */
function sameNumber(a: number, b: number): boolean {
  const x = Math.abs(a) < 1e-9 ? 0 : excelNumber(a);
  const y = Math.abs(b) < 1e-9 ? 0 : excelNumber(b);
  return x === y || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
}

/**
 * Whether resolveSheet can do anything with a formula cell: note or replace it (arithmetic over
 * constants, one too long to check) or note it (manual calculation). Any other formula it passes
 * over, so a reader may leave it out of SheetGrid.formulas (src/xlsx/read-grid.ts does: a million
 * formulas of a log sheet are 50 MB as keys and texts, issue 20). Must stay what resolveSheet does.
 */
export function formulaMayMatter(formula: string, calcMode: CalcMode | undefined): boolean {
  return calcMode === "manual" || analyseArithmetic(formula).kind !== "not";
}

function resolveSheet(sheet: SheetGrid, calcMode: CalcMode | undefined): SheetGrid {
  const formulas = sheet.formulas;
  if (!formulas) return sheet;
  const found = new Map<string, FormulaNote>();
  let values: Cell[][] | undefined;
  for (const [cell, formula] of Object.entries(formulas)) {
    const at = parseA1(cell);
    if (!at) continue;
    const r = at.row - sheet.originRow;
    const c = at.col - sheet.originCol;
    const cached = sheet.values[r]?.[c] ?? null;
    const arithmetic = analyseArithmetic(formula);
    if (arithmetic.kind === "value") {
      const value = arithmetic.value;
      if (isCellError(cached) && cached.error === FORMULA_WITHOUT_RESULT) {
        // No cached result: the formula's own value, as Excel computes it on opening.
        values ??= sheet.values.map((row) => [...row]);
        const row = (values[r] ??= []);
        while (row.length < c) row.push(null);
        row[c] = value;
      } else if (typeof cached === "number") {
        if (!sameNumber(cached, value)) found.set(cell, { kind: "stale", formula, value, cached });
      } else if (cached !== null) {
        // A result stored as text (or TRUE/FALSE, an error) where the formula gives a number: Excel
        // shows the number once it recalculates, the file something else. Never read silently.
        const shown = typeof cached === "string" ? cached : typeof cached === "boolean" ? (cached ? "SAND" : "FALSK") : isCellError(cached) ? cached.error : "?";
        const parsed = typeof cached === "string" ? parseNumberText(cached) : undefined;
        if (parsed?.kind === "number" && sameNumber(parsed.value, value)) {
          values ??= sheet.values.map((row) => [...row]);
          (values[r] ??= [])[c] = value;
        } else found.set(cell, { kind: "stale", formula, value, cached: shown.slice(0, 40) });
      }
      continue;
    }
    if (calcMode === "manual") found.set(cell, { kind: "manual", formula });
    else if (arithmetic.kind === "limit") found.set(cell, { kind: "unchecked", formula });
  }
  const out = values ? { ...sheet, values } : sheet;
  if (found.size > 0) notes.set(out, found);
  return out;
}

/** The workbook's sheets with formula results checked (see the module comment). */
export function resolveFormulas(workbook: WorkbookGrid): readonly SheetGrid[] {
  return workbook.sheets.map((s) => resolveSheet(s, workbook.calcMode));
}

/** Carries a sheet's formula notes over to a derived copy of it (the visible view). */
export function keepFormulaNotes(from: SheetGrid, to: SheetGrid): void {
  const n = notes.get(from);
  if (n && from !== to) notes.set(to, n);
}
