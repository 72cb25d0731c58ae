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
import { excelNumber } from "./numbers";

/** What is known about a formula cell the engine may read as a figure. */
export type FormulaNote =
  | { readonly kind: "stale"; readonly formula: string; readonly value: number; readonly cached: number }
  | { readonly kind: "manual"; readonly formula: string };

const notes = new WeakMap<SheetGrid, ReadonlyMap<string, FormulaNote>>();

/** The note on a cell of a sheet returned by {@link resolveFormulas}, if any. */
export function formulaNote(sheet: SheetGrid, cell: string): FormulaNote | undefined {
  return notes.get(sheet)?.get(cell);
}

/** Longest formula text evaluated: department sheets' arithmetic is short; anything longer is left alone. */
const MAX_FORMULA = 500;

/**
 * Evaluates `+ - * /`, unary signs and parentheses over decimal literals (the file's own syntax: a
 * dot for decimals). Undefined for anything else (a reference, a function, a comma, a percent sign):
 * such a formula is not plain arithmetic over constants.
 */
export function evaluateArithmetic(text: string): number | undefined {
  if (text.length > MAX_FORMULA) return undefined;
  const src = text.trim().replace(/^=/, "");
  let i = 0;
  const skip = (): void => {
    while (src[i] === " ") i++;
  };
  const peek = (): string | undefined => {
    skip();
    return src[i];
  };
  let depth = 0;
  const primary = (): number | undefined => {
    const c = peek();
    if (c === "+" || c === "-") {
      i++;
      const v = primary();
      return v === undefined ? undefined : c === "-" ? -v : v;
    }
    if (c === "(") {
      if (++depth > 50) return undefined;
      i++;
      const v = sum();
      if (v === undefined || peek() !== ")") return undefined;
      i++;
      depth--;
      return v;
    }
    const m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]);
  };
  const product = (): number | undefined => {
    let v = primary();
    while (v !== undefined) {
      const c = peek();
      if (c !== "*" && c !== "/") break;
      i++;
      const r = primary();
      if (r === undefined) return undefined;
      // Excel shows #DIV/0! for a division by zero: not a figure.
      if (c === "/" && r === 0) return undefined;
      v = c === "*" ? v * r : v / r;
    }
    return v;
  };
  const sum = (): number | undefined => {
    let v = product();
    while (v !== undefined) {
      const c = peek();
      if (c !== "+" && c !== "-") break;
      i++;
      const r = product();
      if (r === undefined) return undefined;
      v = c === "+" ? v + r : v - r;
    }
    return v;
  };
  const v = sum();
  skip();
  return v !== undefined && i === src.length && Number.isFinite(v) ? v : undefined;
}

/** Equal as Excel holds them (15 significant digits), with Excel's snapping of noise below 1e-9 to 0. */
function sameNumber(a: number, b: number): boolean {
  const x = Math.abs(a) < 1e-9 ? 0 : excelNumber(a);
  const y = Math.abs(b) < 1e-9 ? 0 : excelNumber(b);
  return x === y || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
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
    const value = evaluateArithmetic(formula);
    if (value !== undefined) {
      if (isCellError(cached) && cached.error === FORMULA_WITHOUT_RESULT) {
        // No cached result: the formula's own value, as Excel computes it on opening.
        values ??= sheet.values.map((row) => [...row]);
        const row = (values[r] ??= []);
        while (row.length < c) row.push(null);
        row[c] = value;
      } else if (typeof cached === "number" && !sameNumber(cached, value)) {
        found.set(cell, { kind: "stale", formula, value, cached });
      }
      continue;
    }
    if (calcMode === "manual") found.set(cell, { kind: "manual", formula });
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
