/**
 * Formulas and the calculation mode for the add-in's read (issue 19b, item 4), so the engine applies
 * the same rules to both front ends (src/core/formulas.ts): in a workbook set to manual calculation
 * Excel shows results that may be stale, and a result Excel never recalculated (a file saved by
 * another program) can be stale even under automatic calculation. The read loads `Range.formulas`
 * with each range's values, and `Application.calculationMode` in its first sync; no extra sync.
 *
 * - `Application.calculationMode` (ExcelApi 1.1 to read, 1.8 to set): »Automatic«,
 *   »AutomaticExceptTables« or »Manual«. https://learn.microsoft.com/en-us/javascript/api/excel/excel.application#excel-excel-application-calculationmode-member
 * - `Range.formulas` (ExcelApi 1.1): the formula of each cell in A1 style, en-US syntax, with its
 *   »=«; a cell without a formula gives its value. https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-formulas-member
 */
import { a1, type CalcMode } from "../core";

/** The Range property the read loads beside `values`. */
export const FORMULAS = "formulas";

/** Office.js's calculation mode as the grid contract has it. */
export function calcModeOf(mode: string | undefined): CalcMode | undefined {
  return mode === "Manual" ? "manual" : mode === "AutomaticExceptTables" ? "autoNoTable" : mode === "Automatic" ? "auto" : undefined;
}

/**
 * The formula cells of a loaded range, A1 → formula text without »=« (as SheetGrid.formulas has
 * it), with the range's top-left at (row0, col0). A text cell typed as »'=40+9« reads the same in
 * `formulas` and `values`: it is text, not a formula.
 */
export function formulaCells(formulas: unknown, values: unknown, row0: number, col0: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(formulas)) return out;
  const vals = Array.isArray(values) ? (values as unknown[][]) : [];
  (formulas as unknown[][]).forEach((row, i) =>
    row.forEach((f, j) => {
      if (typeof f === "string" && f.startsWith("=") && f.length > 1 && vals[i]?.[j] !== f) out[a1(row0 + i, col0 + j)] = f.slice(1);
    }),
  );
  return out;
}

/** A sheet's formulas merged from its ranges; nothing when it has none. */
export function formulasField(cells: Readonly<Record<string, string>>): { formulas?: Readonly<Record<string, string>> } {
  return Object.keys(cells).length > 0 ? { formulas: cells } : {};
}
