/**
 * An exceljs workbook as the engine's grid: the one reader of .xlsx files that the CLI and the
 * pane's on-demand chunk (collecting the forvaltninger's files) share, so both read a file alike:
 * formulas by their cached result, merges, hidden rows and columns, percent formats. Browser-safe
 * (exceljs is only a type here; no Node imports).
 */
import type ExcelJS from "exceljs";
import { FORMULA_WITHOUT_RESULT, NOT_A_FILE_NUMBER, isPercentFormat, isThousandsFormat, type Cell, type SheetGrid, type SheetVisibility, type WorkbookGrid, HEADER_SEARCH_ROWS, MAALTAL_SHEET_NAMES, ownedSheetOf, normalizeCode } from "../core";
import { cellKey, type Inspection } from "./inspect";

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Excel's 1900 date serial for a JS date (exceljs reads dates as UTC). */
export function dateToSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
}

/** An exceljs cell value as the core sees it: formulas by their cached result, rich text as plain text. */
export function toCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return { date: dateToSerial(v) };
  if (typeof v === "object") {
    if ("error" in v) return { error: String(v.error) };
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as { result?: unknown }).result;
      // A formula saved without a cached result cannot be evaluated here.
      if (result === undefined) return { error: FORMULA_WITHOUT_RESULT };
      return toCell(result as ExcelJS.CellValue);
    }
    if ("text" in v && typeof (v as { text: unknown }).text === "string") return (v as { text: string }).text;
  }
  return { error: "#VÆRDI?" };
}

function visibility(state: string | undefined): SheetVisibility {
  return state === "hidden" ? "hidden" : state === "veryHidden" ? "veryHidden" : "visible";
}

/** Sheets that jobstatus owns, by the defined names it set. */
export function ownedSheets(workbook: ExcelJS.Workbook): Set<string> {
  const owned = new Set<string>();
  for (const dn of workbook.definedNames.model as { name: string; ranges: string[] }[]) {
    for (const r of dn.ranges) {
      const sheet = ownedSheetOf(dn.name, r);
      if (sheet) owned.add(sheet.toLowerCase());
    }
  }
  return owned;
}

/**
 * How much of a sheet is read, as the add-in reads it (src/office/read.ts): every sheet's first
 * WINDOW_ROWS rows (Måltal: one more per sheet) of its first WINDOW_COLS columns; the whole used
 * range only of sheets that look like input (a header word in that window) and that jobstatus did
 * not write itself. A notes sheet with text far out to the right or bottom is never made a grid.
 */
export const WINDOW_ROWS = 200;
export const WINDOW_COLS = 52;
/** Cells (rows × columns of the used range) of one sheet that is read whole: a million rows of 20 columns. */
export const MAX_SHEET_CELLS = 20_000_000;

/** A sheet that would be read whole is larger than MAX_SHEET_CELLS. */
export class SheetTooLargeError extends Error {
  constructor(
    readonly sheet: string,
    readonly max: number,
  ) {
    super(`sheet too large: ${sheet}`);
  }
}

export function windowRows(sheetName: string, sheetCount: number): number {
  return MAALTAL_SHEET_NAMES.includes(normalizeCode(sheetName)) ? WINDOW_ROWS + sheetCount : WINDOW_ROWS;
}

/** The add-in's test for a sheet worth reading whole (src/office/read.ts, looksRelevant), over the window's first rows. */
export function looksRelevant(windowCells: readonly { row: number; value: Cell }[]): boolean {
  if (windowCells.length === 0) return false;
  // A loop, not Math.min(...rows): spreading a window of a million cells overflows the call stack.
  let first = Infinity;
  for (const c of windowCells) if (c.row < first) first = c.row;
  return windowCells.some((c) => c.row < first + HEADER_SEARCH_ROWS && typeof c.value === "string" && /ordning|forvaltning|måltal|år/i.test(c.value));
}

/** What the reader learnt from the file's own XML (src/xlsx/inspect.ts), by workbook; set by the loader. */
const inspections = new WeakMap<ExcelJS.Workbook, Inspection>();

export function rememberInspection(workbook: ExcelJS.Workbook, inspection: Inspection): void {
  inspections.set(workbook, inspection);
}

/** exceljs's cells of a row: a holey array by column (private, as `_merges` below; `eachCell` walks it all). */
function cellsOf(row: ExcelJS.Row): readonly (ExcelJS.Cell | undefined)[] {
  const cells = (row as unknown as { _cells?: (ExcelJS.Cell | undefined)[] })._cells;
  if (cells) return cells;
  const out: ExcelJS.Cell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => (out[col - 1] = cell));
  return out;
}

/**
 * A row's present cells in columns 1..maxCol. Only those columns are looked at: walking the whole
 * row (as exceljs's `eachCell` and even `for…in` do) is 16,384 steps for one cell in column XFD.
 */
function eachPresentCell(row: ExcelJS.Row, maxCol: number, fn: (cell: ExcelJS.Cell, col: number) => void): void {
  const cells = cellsOf(row);
  const end = Math.min(cells.length, maxCol);
  for (let i = 0; i < end; i++) {
    const cell = cells[i];
    if (cell && cell.type !== 0) fn(cell, i + 1);
  }
}

/**
 * The sheet's rows 1..maxRow that exist, by `findRow` (which creates none). Not exceljs's `eachRow`:
 * it asks each row `hasValues`, which walks the row to its last column.
 */
function eachExistingRow(ws: ExcelJS.Worksheet, maxRow: number, fn: (row: ExcelJS.Row, rowNumber: number) => void): void {
  const end = Math.min(ws.rowCount, maxRow);
  for (let r = 1; r <= end; r++) {
    const row = ws.findRow(r);
    if (row) fn(row, r);
  }
}

/** The last column (1-based) of a row holding a value, looking from the end; 0 for none. */
function lastValueColumn(row: ExcelJS.Row, overrides: SheetInspection | undefined): number {
  const cells = cellsOf(row);
  for (let i = cells.length - 1; i >= 0; i--) {
    const cell = cells[i];
    if (cell && cell.type !== 0 && valueOf(cell, overrides) !== null) return i + 1;
  }
  return 0;
}

/**
 * Throws SheetTooLargeError for the first sheet that readWorkbookGrid would read whole and that is
 * larger than MAX_SHEET_CELLS: the loader calls it, so the refusal names the file.
 */
export function checkSheetBounds(workbook: ExcelJS.Workbook): void {
  const owned = ownedSheets(workbook);
  const sheetCount = workbook.worksheets.length;
  for (const ws of workbook.worksheets) extentOf(ws, owned.has(ws.name.toLowerCase()), windowRows(ws.name, sheetCount), sheetInspection(inspections.get(workbook), ws.name));
}

function sheetInspection(inspection: Inspection | undefined, name: string): SheetInspection | undefined {
  return inspection ? { overrides: inspection.overrides.get(name), numbers: inspection.numbers.get(name) ?? new Map<number, number>() } : undefined;
}

interface Extent {
  readonly rows: number;
  readonly cols: number;
}

/** What the inspector (inspect.ts) read of one sheet: its overriding values and every strict number it saw. */
interface SheetInspection {
  readonly overrides: ReadonlyMap<string, Cell> | undefined;
  readonly numbers: ReadonlyMap<number, number>;
}

function valueOf(cell: ExcelJS.Cell, sheet: SheetInspection | undefined): Cell {
  // exceljs repeats a merged area's value in every cell; Excel (and Office.js) hold it only in the top-left one.
  if (cell.isMerged && cell.master !== cell) return null;
  const override = sheet?.overrides?.get(cell.address);
  if (override !== undefined) return override;
  const value = toCell(cell.value);
  // The cross-check: a number exceljs read where the inspector saw no strict number, or another one,
  // is not stored as Excel stores numbers; it is an error at its cell, never a figure.
  if (sheet && typeof value === "number" && sheet.numbers.get(cellKey(Number(cell.row) - 1, Number(cell.col) - 1)) !== value) return { error: NOT_A_FILE_NUMBER };
  return value;
}

/** Extents already found: the loader's checkSheetBounds and readWorkbookGrid ask for each sheet's, with the same arguments (a loaded workbook is read once, before anything changes it). */
const extents = new WeakMap<ExcelJS.Worksheet, { readonly key: string; readonly extent: Extent }>();

/** The rows and columns of a sheet that are read: its window, or its whole used range when it looks like input (walked once per sheet). */
function extentOf(ws: ExcelJS.Worksheet, isOwned: boolean, wRows: number, overrides: SheetInspection | undefined): Extent {
  const key = `${isOwned}|${wRows}|${overrides !== undefined}`;
  const known = extents.get(ws);
  if (known && known.key === key) return known.extent;
  const extent = walkExtent(ws, isOwned, wRows, overrides);
  extents.set(ws, { key, extent });
  return extent;
}

function walkExtent(ws: ExcelJS.Worksheet, isOwned: boolean, wRows: number, overrides: SheetInspection | undefined): Extent {
  const windowCells: { row: number; value: Cell }[] = [];
  let lastRow = -1;
  let lastCol = -1;
  eachExistingRow(ws, Number.MAX_SAFE_INTEGER, (row, rowNumber) => {
    const last = lastValueColumn(row, overrides);
    if (last === 0) return;
    lastRow = rowNumber - 1;
    lastCol = Math.max(lastCol, last - 1);
    if (rowNumber <= wRows) eachPresentCell(row, WINDOW_COLS, (cell, col) => {
      const value = valueOf(cell, overrides);
      if (value !== null) windowCells.push({ row: rowNumber - 1, value });
    });
  });
  const whole = !isOwned && looksRelevant(windowCells);
  const rows = whole ? lastRow + 1 : Math.min(lastRow + 1, wRows);
  const cols = whole ? lastCol + 1 : Math.min(lastCol + 1, WINDOW_COLS);
  if (whole && rows * cols > MAX_SHEET_CELLS) throw new SheetTooLargeError(ws.name, MAX_SHEET_CELLS);
  return { rows, cols };
}

/** The used cells of each sheet, from A1, bounded as the add-in reads (WINDOW_ROWS, WINDOW_COLS, MAX_SHEET_CELLS). */
export function readWorkbookGrid(workbook: ExcelJS.Workbook): WorkbookGrid {
  const inspection = inspections.get(workbook);
  const owned = ownedSheets(workbook);
  const sheetCount = workbook.worksheets.length;
  const sheets: SheetGrid[] = [];
  workbook.eachSheet((ws) => {
    const overrides = sheetInspection(inspection, ws.name);
    const isOwned = owned.has(ws.name.toLowerCase());
    const { rows, cols } = extentOf(ws, isOwned, windowRows(ws.name, sheetCount), overrides);

    const values: Cell[][] = [];
    const hiddenRows: number[] = [];
    const percentCells: string[] = [];
    const scaledCells: string[] = [];
    const formulas: Record<string, string> = {};
    eachExistingRow(ws, rows, (row, rowNumber) => {
      const cells: Cell[] = [];
      eachPresentCell(row, cols, (cell, colNumber) => {
        const value = valueOf(cell, overrides);
        cells[colNumber - 1] = value;
        // The formula's text (shared formulas translated to this cell), for the engine's check of cached results.
        if (cell.type === FORMULA_TYPE && !(cell.isMerged && cell.master !== cell)) {
          const f = cell.formula;
          if (typeof f === "string" && f !== "") formulas[cell.address] = f.replace(/^=/, "");
        }
        if (typeof value === "number" && isPercentFormat(cell.numFmt)) percentCells.push(cell.address);
        if (typeof value === "number" && isThousandsFormat(cell.numFmt)) scaledCells.push(cell.address);
      });
      if (cells.length === 0) return;
      if (row.hidden) hiddenRows.push(rowNumber - 1);
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      values[rowNumber - 1] = cells;
    });
    for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = [];
    // exceljs keeps merges in a private map keyed by the top-left cell; `ws.model` would rebuild the whole sheet.
    const mergeMap = (ws as unknown as { _merges?: Record<string, { range: string }> })._merges ?? {};
    const merges = Object.values(mergeMap).map((m) => m.range);
    // Column definitions as read from the file (`ws.columns` only reads them; `getColumn` would add some).
    const hiddenCols = (ws.columns ?? []).flatMap((c) => (c.hidden && typeof c.number === "number" && c.number <= Math.max(cols, WINDOW_COLS) ? [c.number - 1] : []));
    sheets.push({
      name: ws.name,
      visibility: visibility(ws.state),
      originRow: 0,
      originCol: 0,
      values,
      merges,
      owned: isOwned,
      ...(hiddenRows.length > 0 ? { hiddenRows } : {}),
      ...(hiddenCols.length > 0 ? { hiddenCols } : {}),
      ...(percentCells.length > 0 ? { percentCells } : {}),
      ...(scaledCells.length > 0 ? { scaledCells } : {}),
      ...(Object.keys(formulas).length > 0 ? { formulas } : {}),
    });
  });
  return { sheets, ...(inspection?.calcMode !== undefined ? { calcMode: inspection.calcMode } : {}) };
}

/** exceljs's ValueType.Formula (exceljs is only a type here). */
const FORMULA_TYPE = 6;

/** When the file was last saved, by Excel's own record in it (docProps/core.xml's modified time); undefined when it has none. */
export function lastSavedOf(workbook: ExcelJS.Workbook): string | undefined {
  const modified = workbook.modified;
  return modified instanceof Date && !Number.isNaN(modified.getTime()) ? modified.toISOString() : undefined;
}
