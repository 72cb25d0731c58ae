/**
 * Calculation, as far as the add-in depends on it (issue 17, defect 3).
 *
 * Excel calculates automatically after every change (Application.calculationMode "Automatic"). A
 * request that calls `Application.suspendApiCalculationUntilNextSync()` is the exception: "Suspends
 * calculation until the next context.sync() is called. Once set, it is the developer's
 * responsibility to re-calc the workbook, to ensure that any dependencies are propagated."
 * (https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-suspendapicalculationuntilnextsync-member).
 * So after a suspended request, formulas keep their old result until the add-in recalculates:
 * `Application.calculate(calculationType)` ("Recalculate all currently opened workbooks in Excel",
 * https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-calculate-member(1)).
 * The host takes the strict reading: until then no automatic calculation happens at all (a later
 * request that is not suspended does not bring them up to date). Without suspension, Excel
 * calculates automatically: a load after a change in the same request sees calculated results.
 *
 * The host evaluates only the formulas the tests need: a single cell reference, on this sheet or on
 * another (`=B5`, `='Status 2025'!$C$7`), a defined name holding such a reference (`=Analyse_status`), and jobstatus's mark test `=ISREF(B2 name)` (the
 * intersection of a cell and a name's references; an empty intersection is the error #NULL!, so
 * ISREF is FALSE). Any other formula keeps its cached result. A reference to
 * a sheet that no longer exists, or a formula holding `#REF!` (what deleting a sheet leaves, see
 * Engine.deleteSheet), evaluates to the error `#REF!`; a reference to an empty cell to 0.
 */
import { columnIndex } from "./address";
import type { CellValue, WorkbookModel } from "./model";

const SINGLE_REF = /^=\s*(?:(?:'((?:[^']|'')+)'|([\p{L}_][\p{L}\p{N}_.]*))!)?\$?([A-Z]{1,3})\$?(\d{1,7})\s*$/u;

/** `=ISREF(B2 name)`: whether the cell is in the name's references (sheet scope first, then the workbook's). */
const ISREF_INTERSECTION = /^=\s*ISREF\(\s*\$?([A-Z]{1,3})\$?(\d{1,7})\s+([\p{L}_][\p{L}\p{N}_.]*)\s*\)\s*$/iu;

function isRefIntersection(model: WorkbookModel, sheetName: string, m: RegExpExecArray): boolean | undefined {
  const sheet = model.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
  const lower = (m[3] as string).toLowerCase();
  const name = model.names.find((n) => n.name.toLowerCase() === lower && n.sheetId === sheet?.id) ?? model.names.find((n) => n.name.toLowerCase() === lower && n.sheetId === undefined);
  if (!name) return undefined;
  const cell = `${(m[1] as string).toUpperCase()}${m[2]}`;
  // An intersection that is empty (or a name that is no reference, =FALSE) is an error: ISREF is FALSE.
  for (const part of name.formula.replace(/^=/, "").split(",")) {
    const ref = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(part.trim());
    if (!ref) continue;
    const target = ref[1] !== undefined ? ref[1].replace(/''/g, "'") : ref[2];
    if (target?.toLowerCase() === sheetName.toLowerCase() && `${ref[3]}${ref[4]}` === cell) return true;
  }
  return false;
}

/** `=Name`: a defined name used as a formula (sheet scope first, then the workbook's). */
const NAME_ONLY = /^=\s*([\p{L}_\\][\p{L}\p{N}_.]*)\s*$/u;

/**
 * A formula that is just a defined name evaluates as the name's own formula: "a name … refers to a
 * cell, range of cells, formula, or constant value" and a formula may use it in place of the
 * reference (https://support.microsoft.com/office/define-and-use-names-in-formulas-4d0f13ac-53b7-422e-afd2-abd7ff379c64).
 * Only a name whose formula the host evaluates (a single cell) gives a value; depth-limited.
 */
function evaluateName(model: WorkbookModel, sheetName: string, f: string, depth: number): CellValue | undefined {
  const m = NAME_ONLY.exec(f);
  if (!m || depth > 4) return undefined;
  const lower = (m[1] as string).toLowerCase();
  const sheet = model.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
  const name = model.names.find((n) => n.name.toLowerCase() === lower && n.sheetId === sheet?.id) ?? model.names.find((n) => n.name.toLowerCase() === lower && n.sheetId === undefined);
  if (!name) return undefined;
  return evaluate(model, sheetName, `=${name.formula.replace(/^=/, "")}`, depth + 1);
}

function evaluate(model: WorkbookModel, sheetName: string, f: string, depth = 0): CellValue | undefined {
  const isref = ISREF_INTERSECTION.exec(f);
  if (isref) return isRefIntersection(model, sheetName, isref);
  if (/#REF!/i.test(f)) return { error: "#REF!" };
  const m = SINGLE_REF.exec(f);
  if (!m) return evaluateName(model, sheetName, f, depth);
  const target = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? sheetName);
  const sheet = model.sheets.find((s) => s.name.toLowerCase() === target.toLowerCase());
  if (!sheet) return { error: "#REF!" };
  if (columnIndex(m[3] as string) === undefined) return undefined;
  const cell = sheet.cells[`${m[3]}${m[4]}`];
  const v = cell?.v;
  if (v === undefined) return cell?.f ? undefined : 0;
  return v;
}

/**
 * Brings every formula the host can evaluate up to date (a few passes, so a reference to a reference
 * settles). What Excel's automatic calculation or `Application.calculate` does.
 */
export function recalculate(model: WorkbookModel): void {
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const sheet of model.sheets) {
      for (const cell of Object.values(sheet.cells)) {
        if (!cell.f) continue;
        const v = evaluate(model, sheet.name, cell.f);
        if (v === undefined || JSON.stringify(v) === JSON.stringify(cell.v)) continue;
        cell.v = v;
        changed = true;
      }
    }
    if (!changed) return;
  }
}

/**
 * Whether a conditional format's custom rule shows on a cell: its formula, written for the top-left
 * cell of the rule's range, is shifted to the cell (relative references move, `$` ones stay) and
 * evaluated as Excel evaluates the rule there. Only formulas the host evaluates (above) are known;
 * any other gives undefined.
 */
export function ruleShowsOn(model: WorkbookModel, sheetName: string, origin: { row: number; col: number }, cell: { row: number; col: number }, formula: string): boolean | undefined {
  const dr = cell.row - origin.row;
  const dc = cell.col - origin.col;
  const shifted = formula.replace(/(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![\p{L}\p{N}_(])/gu, (whole, colAbs: string, col: string, rowAbs: string, row: string) => {
    const c = columnIndex(col);
    if (c === undefined) return whole;
    const newCol = colAbs ? c : c + dc;
    const newRow = rowAbs ? Number(row) : Number(row) + dr;
    return `${colAbs}${columnLetters(newCol)}${rowAbs}${newRow}`;
  });
  const v = evaluate(model, sheetName, shifted);
  return typeof v === "boolean" ? v : undefined;
}

function columnLetters(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
