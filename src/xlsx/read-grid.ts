/**
 * An exceljs workbook as the engine's grid: the one reader of .xlsx files that the CLI and the
 * pane's on-demand chunk (collecting the forvaltninger's files) share, so both read a file alike:
 * formulas by their cached result, merges, hidden rows and columns, percent formats. Browser-safe
 * (exceljs is only a type here; no Node imports). A sheet the loader scanned (load.ts, `scanCells`;
 * src/xlsx/sheet-scan.ts) has no cells in exceljs: its cells come from the scan, resolved as exceljs
 * resolves them (the section at the end), and the same grid is built from them.
 */
import type ExcelJS from "exceljs";
import { formulaMayMatter, type CalcMode, FORMULA_WITHOUT_RESULT, NOT_A_FILE_NUMBER, columnName, isPercentFormat, isThousandsFormat, type Cell, type SheetGrid, type SheetVisibility, type WorkbookGrid, HEADER_SEARCH_ROWS, MAALTAL_SHEET_NAMES, ownedSheetOf, normalizeCode } from "../core";
import { cellKey, type Inspection } from "./inspect";
import { CellDetails, UNREADABLE_FORMULA, type FormulaText } from "./cell-details";
import { scanSheetData, type RawCell } from "./sheet-scan";
import { unescapeXstring } from "./xstring";

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

/**
 * A cell (`t="s"`) points at a shared string the file does not have. exceljs itself fails on such
 * a cell with a bare TypeError while loading; the scan (resolveCell) and the loader, for the sheets
 * exceljs reads (missing-strings.ts), name the cell instead. `cell` is the file's `r` attribute only
 * when it is a proper A1 reference, undefined otherwise (none, or anything a hostile file put there:
 * control or bidi characters, thousands of letters): a message never echoes it (docs/dev/security.md).
 */
export class SharedStringMissingError extends Error {
  readonly cell: string | undefined;
  constructor(
    readonly sheet: string,
    address: unknown,
  ) {
    const cell = typeof address === "string" && A1_CELL.test(address) ? address : undefined;
    super(`shared string missing: ${sheet}!${cell ?? "?"}`);
    this.cell = cell;
  }
}

/** A cell reference as Excel writes it in `r`: column letters and a row number, nothing else. */
const A1_CELL = /^[A-Z]{1,3}[1-9][0-9]{0,6}$/;

/**
 * A cell's shared formula cannot be read: it slides off the sheet from its master, or its master
 * holds no formula (another cell claimed the group, or a merge covers it). exceljs's `cell.formula`
 * getter throws a bare TypeError or Error there; the reader names the cell instead, wherever the
 * formula is read (readWorkbookGrid, deliveryExtras), scanned or not.
 */
export class SharedFormulaError extends Error {
  constructor(
    readonly sheet: string,
    readonly cell: string,
  ) {
    super(`shared formula unreadable: ${sheet}!${cell}`);
  }
}

/** exceljs's `cell.formula` of a formula cell, a getter that throws on a shared formula it cannot slide: as SharedFormulaError. */
export function formulaOf(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell): string | undefined {
  try {
    return cell.formula;
  } catch {
    throw new SharedFormulaError(ws.name, cell.address);
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
  return inspection ? { overrides: inspection.overrides.get(name), numbers: inspection.numbers.get(name) ?? NO_NUMBERS } : undefined;
}

interface Extent {
  readonly rows: number;
  readonly cols: number;
}

/** What the inspector (inspect.ts) read of one sheet: its overriding values and every strict number it saw. */
interface SheetInspection {
  readonly overrides: ReadonlyMap<string, Cell> | undefined;
  readonly numbers: { get(key: number): number | undefined };
}

/** A sheet the inspector did not read: no strict numbers. */
const NO_NUMBERS = { get: (): number | undefined => undefined };

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
  const scanned = scannedSheets.get(ws);
  const extent = scanned ? walkScannedExtent(ws, scanned, isOwned, wRows, overrides) : walkExtent(ws, isOwned, wRows, overrides);
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
  if (releasedWorkbooks.has(workbook)) throw new Error("readWorkbookGrid: the workbook's read cells were released");
  const inspection = inspections.get(workbook);
  const owned = ownedSheets(workbook);
  const sheetCount = workbook.worksheets.length;
  const sheets: SheetGrid[] = [];
  workbook.eachSheet((ws) => {
    const overrides = sheetInspection(inspection, ws.name);
    const isOwned = owned.has(ws.name.toLowerCase());
    const { rows, cols } = extentOf(ws, isOwned, windowRows(ws.name, sheetCount), overrides);

    const scanned = scannedSheets.get(ws);
    const { values, hiddenRows, percentCells, scaledCells, formulas } = scanned ? scannedSheetCells(ws, scanned, { rows, cols }, overrides, inspection?.calcMode) : exceljsSheetCells(ws, { rows, cols }, overrides, inspection?.calcMode);
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

/** An exceljs-loaded sheet's values, hidden rows, percent and thousands cells and formulas within its extent. */
function exceljsSheetCells(ws: ExcelJS.Worksheet, extent: Extent, overrides: SheetInspection | undefined, calcMode: CalcMode | undefined): { values: Cell[][]; hiddenRows: number[]; percentCells: string[]; scaledCells: string[]; formulas: Record<string, string> } {
  const { rows, cols } = extent;
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
          const f = formulaOf(ws, cell);
          if (typeof f === "string" && f !== "") keepFormula(formulas, cell.address, f, calcMode);
        }
        if (typeof value === "number" && isPercentFormat(cell.numFmt)) percentCells.push(cell.address);
        if (typeof value === "number" && isThousandsFormat(cell.numFmt)) scaledCells.push(cell.address);
      });
      if (cells.length === 0) return;
      if (row.hidden) hiddenRows.push(rowNumber - 1);
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      // A copy of its own length: an array grown from empty keeps room for 16 cells (see rememberScannedSheet).
      values[rowNumber - 1] = cells.slice();
    });
  return { values, hiddenRows, percentCells, scaledCells, formulas };
}

/**
 * A formula cell's text in the grid's `formulas`, without its »=«, when the engine reads it
 * (formulaMayMatter in src/core/formulas.ts: arithmetic it checks, or any formula under manual
 * calculation); the engine passes over any other, so a million of them in a log sheet are not kept.
 */
function keepFormula(formulas: Record<string, string>, address: string, f: string, calcMode: CalcMode | undefined): void {
  const text = f.replace(/^=/, "");
  if (formulaMayMatter(text, calcMode)) formulas[address] = text;
}

/** exceljs's ValueType.Formula (exceljs is only a type here). */
const FORMULA_TYPE = 6;

/** When the file was last saved, by Excel's own record in it (docProps/core.xml's modified time); undefined when it has none. */
export function lastSavedOf(workbook: ExcelJS.Workbook): string | undefined {
  const modified = workbook.modified;
  return modified instanceof Date && !Number.isNaN(modified.getTime()) ? modified.toISOString() : undefined;
}

// ---------------------------------------------------------------------------------------------
// Sheets read from their XML (src/xlsx/sheet-scan.ts) instead of exceljs's cells: exceljs loaded
// them with an empty <sheetData/>, so it still holds their name, state, columns and merges, and
// the cells come from the scan, resolved as exceljs 4.4.0 resolves them (cell-xform.js reconcile,
// doc/cell.js). test/xlsx/sheet-scan.test.ts checks the grid against exceljs's, cell for cell.

/** What exceljs's load kept for resolving cells (xlsx.js reconcile's sheet options), caught by the loader. */
export interface CellContext {
  readonly styles?: { getStyleModel(id: number): { numFmt?: string } | null | undefined } | undefined;
  readonly sharedStrings?: { getString(index: number): unknown } | undefined;
  readonly date1904?: boolean | undefined;
}

/**
 * A scanned sheet: present cells' values by row (1-based index - 1) and column (1-based - 1), each
 * row an array of its own length (a hole where the file has no cell); the number format and
 * formula of the cells that have one in `details` (cell-details.ts), not an object per cell.
 */
interface ScannedSheet {
  readonly rows: (Cell[] | undefined)[];
  readonly details: CellDetails;
  readonly hidden: ReadonlySet<number>;
  readonly lastRow: number;
  /**
   * The number formats exceljs gives a merge's other cells (not its top-left one), which it keeps
   * as merge cells whatever the file holds there: a cell the file holds (a value, a formula or a
   * style) keeps its own style, by address; another takes its row's number format, by row (only
   * for rows exceljs made for a merge), else its column's (exceljs's Cell constructor, `_mergeStyle`).
   */
  readonly slaveFormats: ReadonlyMap<string, string | undefined>;
  readonly rowFormats: ReadonlyMap<number, string>;
}

const scannedSheets = new WeakMap<ExcelJS.Worksheet, ScannedSheet>();

/** exceljs's `utils.isDateFmt`. */
function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return f.match(/[ymdhMsb]+/) !== null;
}

/** exceljs's `utils.excelToDate` (its arithmetic, coercions included). */
function excelToDate(v: unknown, date1904: boolean | undefined): Date {
  const ms = Math.round(((v as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  return new Date(ms);
}

/** Column letters to number, as exceljs's colCache (only for letters the scan accepted or a formula's reference). */
function letters2n(l: string): number {
  let n = 0;
  for (let i = 0; i < l.length; i++) n = n * 26 + (l.charCodeAt(i) - 64);
  return n;
}

function n2letters(n: number): string {
  if (n < 1 || n > 16384) throw new Error(`${n} is out of bounds. Excel supports columns from 1 to 16384`);
  return a1Col(n);
}

/** 1-based column number to letters (exceljs's numbering), by the core's one definition. */
const a1Col = (n: number): string => columnName(n - 1);

function decodeAddress(address: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
  return { row: Number(m[2]), col: letters2n(m[1] as string) };
}

/** exceljs's `slideFormula` (utils/shared-formula.js): a shared formula moved from its master to another cell. */
function slideFormula(formula: string, fromCell: string, toCell: string): string {
  const offset = decodeAddress(fromCell);
  const to = decodeAddress(toCell);
  return formula.replace(/(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi, (refMatch: string, sheet: string | undefined, _s: string | undefined, addrPart: string, trailingParen: string | undefined) => {
    if (trailingParen) return refMatch;
    const match = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i.exec(addrPart);
    if (!match) return refMatch;
    const colDollar = match[1];
    const colStr = (match[2] as string).toUpperCase();
    const rowDollar = match[3];
    const rowStr = match[4] as string;
    if (colStr.length > 3 || (colStr.length === 3 && colStr > "XFD")) return refMatch;
    let col = letters2n(colStr);
    let row = parseInt(rowStr, 10);
    if (!colDollar) col += to.col - offset.col;
    if (!rowDollar) row += to.row - offset.row;
    return (sheet || "") + (colDollar || "") + n2letters(col) + (rowDollar || "") + row;
  });
}

/** The truthy fields of a formula cell's model, as exceljs's FormulaValue `value` (its `_copyModel`). */
function formulaValue(model: Record<string, unknown>): ExcelJS.CellValue {
  const copy: Record<string, unknown> = {};
  for (const name of ["formula", "result", "ref", "shareType", "sharedFormula"]) if (model[name]) copy[name] = model[name];
  return copy as unknown as ExcelJS.CellValue;
}

/** A Merge-typed cell of exceljs's model of the sheet (exceljs loaded it without cells, so these are merges' cells). */
function isMergeSlave(ws: ExcelJS.Worksheet, row: number, col: number): boolean {
  const cells = (ws.findRow(row) as unknown as { _cells?: (ExcelJS.Cell | undefined)[] } | undefined)?._cells;
  const cell = cells?.[col - 1];
  return cell !== undefined && cell.type === MERGE_TYPE;
}
const MERGE_TYPE = 1;

/** Rows of up to this many columns are copied to their own length (rememberScannedSheet). */
const SHORT_ROW = 32;

/**
 * Reads a scanned worksheet's cells as exceljs would have made them: the XML again (the loader
 * checked with scanSheetData that it can), each cell resolved as cell-xform.js's parseClose and
 * reconcile resolve it. Called by the loader after exceljs loaded the workbook (its shared strings,
 * styles and merges are needed).
 */
export function rememberScannedSheet(ws: ExcelJS.Worksheet, xml: string, ctx: CellContext): void {
  const rows: (Cell[] | undefined)[] = [];
  const details = new CellDetails();
  const hidden = new Set<number>();
  let lastRow = 0;
  let current: Cell[] | undefined;
  let currentRow = 0;
  // A short row's array is filled by column, then copied to its own length (an array grown from
  // empty keeps room for 16 cells: 150 bytes for a one-cell row, a million times). Not a long one:
  // its room is a smaller share, and a copy of a sparse row (one cell in column XFD) would be a
  // dense array of 16,384 slots.
  const endRow = (): void => {
    if (current) rows[currentRow - 1] = current.length <= SHORT_ROW ? current.slice() : current;
    current = undefined;
  };
  const formulae: Record<string, string> = {};
  const slaveFormats = new Map<string, string | undefined>();
  const rowFormats = new Map<number, string>();
  const formatOf = (styleId: number | undefined): string | undefined => (styleId ? ctx.styles?.getStyleModel(styleId)?.numFmt : undefined);
  const ok = scanSheetData(xml, {
    row(rowNumber, isHidden, styleId) {
      endRow();
      lastRow = rowNumber;
      if (isHidden) hidden.add(rowNumber);
      rows.length = Math.max(rows.length, rowNumber);
      // exceljs's row style (row-xform.js reconcile); only a merge's cells that the file lacks take it.
      const fmt = ws.findRow(rowNumber) ? formatOf(styleId) : undefined;
      if (fmt) rowFormats.set(rowNumber, fmt);
    },
    cell(raw) {
      // A cell exceljs keeps (cell-xform.js parseClose: a formula, a value, or a style; else none) inside a merge keeps its own style.
      if ((raw.formula || raw.shareType || raw.text !== undefined || raw.styleId) && isMergeSlave(ws, raw.row, raw.col)) slaveFormats.set(raw.address, formatOf(raw.styleId));
      const resolved = resolveCell(raw, ctx, formulae, ws.name);
      if (resolved === undefined) return;
      if (!current) {
        current = [];
        currentRow = raw.row;
      }
      const { value, numFmt, isFormula, sharedFormula } = resolved;
      current[raw.col - 1] = value;
      if (!isFormula) {
        if (numFmt !== undefined) details.add(raw.row, raw.col, numFmt, false, undefined);
      } else if (raw.formula) details.add(raw.row, raw.col, numFmt, true, raw.formula);
      // Translated once every cell is read (exceljs translates lazily, from the master's formula):
      // the cell remembers its master's position, so nothing else is kept per cell meanwhile.
      else if (sharedFormula) details.add(raw.row, raw.col, numFmt, true, undefined, decodeAddress(sharedFormula));
      else details.add(raw.row, raw.col, numFmt, true, undefined);
    },
  });
  endRow();
  if (!ok) throw new Error("sheet scan: the worksheet changed between its two readings");
  if (details.pendingCount > 0) translateSharedFormulas(ws, details);
  details.finish();
  scannedSheets.set(ws, { rows, details, hidden, lastRow, slaveFormats, rowFormats });
}

/**
 * Each shared formula's cell gets its formula from its master, as exceljs's getter would give it:
 * `master = worksheet.findCell(sharedFormula)`; `master && slideFormula(master.formula, …)`. A master
 * is a formula cell of the scan that is not itself a shared formula's cell (those are never
 * changed here, so the order of translation does not matter).
 */
function translateSharedFormulas(ws: ExcelJS.Worksheet, details: CellDetails): void {
  details.eachPending((i, mRow, mCol) => {
    const found = details.find(mRow, mCol);
    const master = found >= 0 && details.isFormula(found) && !details.isSharedChild(found) ? found : -1;
    const masterIsSlave = isMergeSlave(ws, mRow, mCol);
    const masterFormula = master >= 0 ? details.formula(master) : undefined;
    if (masterIsSlave || master < 0 || typeof masterFormula !== "string") return masterIsSlave || master >= 0 ? UNREADABLE_FORMULA : undefined;
    // Slid when it is read (scannedFormula): the master's index, not a text per cell.
    return master;
  });
}

/** A scanned cell's formula as exceljs's getter gives it: a shared formula's slid from its master's (UNREADABLE_FORMULA where exceljs's slide throws). */
function scannedFormula(details: CellDetails, i: number): FormulaText {
  const f = details.formula(i);
  if (typeof f !== "number") return f;
  try {
    return slideFormula(details.formula(f) as string, a1Col(details.colOf(f)) + String(details.rowOf(f)), a1Col(details.colOf(i)) + String(details.rowOf(i)));
  } catch {
    return UNREADABLE_FORMULA;
  }
}

/** One cell as exceljs resolves it: undefined for a cell exceljs does not keep as a value (no value, no formula). */
function resolveCell(raw: RawCell, ctx: CellContext, formulae: Record<string, string>, sheet: string): { value: Cell; numFmt: string | undefined; isFormula: boolean; sharedFormula?: string } | undefined {
  const style = raw.styleId ? ctx.styles?.getStyleModel(raw.styleId) : undefined;
  const numFmt = style ? style.numFmt : undefined;
  const t = raw.t;
  if (raw.formula || raw.shareType) {
    let result: unknown;
    if (raw.text) {
      if (t === "str" || t === "inlineStr") result = unescapeXstring(raw.text);
      else if (t === "b") result = parseInt(raw.text, 10) !== 0;
      else if (t === "e") result = { error: raw.text };
      else result = parseFloat(raw.text);
    }
    if (result !== undefined && style && isDateFmt(style.numFmt)) result = excelToDate(result, ctx.date1904);
    let shareType = raw.shareType;
    let sharedFormula: string | undefined;
    if (shareType === "shared") {
      if (raw.ref) formulae[String(raw.si)] = raw.address;
      else {
        sharedFormula = formulae[String(raw.si)];
        shareType = undefined;
      }
    }
    const value = toCell(formulaValue({ formula: raw.formula, result, ref: raw.ref, shareType, sharedFormula }));
    return { value, numFmt, isFormula: true, ...(sharedFormula ? { sharedFormula } : {}) };
  }
  if (raw.text === undefined) return undefined;
  let v: unknown;
  switch (t) {
    case "s": {
      v = parseInt(raw.text, 10);
      // No shared strings at all is a missing string too (exceljs would keep the index as the value).
      if (typeof v === "number") v = ctx.sharedStrings?.getString(v);
      // exceljs reads `value.richText` next: a missing string is a bare TypeError there; here the
      // file is refused, naming the cell, as the loader refuses it on a sheet exceljs reads (missing-strings.ts).
      if (v === undefined || v === null) throw new SharedStringMissingError(sheet, raw.address);
      break;
    }
    case "str":
    case "inlineStr":
      v = unescapeXstring(raw.text);
      break;
    case "b":
      v = parseInt(raw.text, 10) !== 0;
      break;
    case "e":
      v = { error: raw.text };
      break;
    default:
      v = parseFloat(raw.text);
      if (style && isDateFmt(style.numFmt)) v = excelToDate(v, ctx.date1904);
  }
  return { value: toCell(v as ExcelJS.CellValue), numFmt, isFormula: false };
}

/**
 * A scanned sheet's present cells of row `r` in columns 1..maxCol, in order: the cells exceljs
 * would have built. A merge's cell (not its top-left) comes with exceljs's Merge cell and no entry
 * (it reads as null); any other with what the scan read. The one walk of a scanned row: the grid,
 * its extent and deliveryExtras (eachScannedCellInfo) all go through it.
 */
function eachScannedCell(ws: ExcelJS.Worksheet, s: ScannedSheet, r: number, maxCol: number, fn: (col: number, entry: ScannedEntry | undefined, merge: ExcelJS.Cell | undefined) => void): void {
  const cells = s.rows[r - 1];
  const wsCells = (ws.findRow(r) as unknown as { _cells?: (ExcelJS.Cell | undefined)[] } | undefined)?._cells;
  const end = Math.min(Math.max(cells?.length ?? 0, wsCells?.length ?? 0), maxCol);
  // The row's details are consecutive, in column order: one search for the row, then a cursor.
  let d = -1;
  const entry: { value: Cell; detail: number } = { value: null, detail: -1 };
  for (let i = 0; i < end; i++) {
    const w = wsCells?.[i];
    if (w && w.type === MERGE_TYPE) fn(i + 1, undefined, w);
    else if (cells && i in cells) {
      if (d < 0) d = s.details.rowStart(r);
      while (d < s.details.size && s.details.rowOf(d) === r && s.details.colOf(d) < i + 1) d++;
      entry.value = cells[i] as Cell;
      entry.detail = d < s.details.size && s.details.rowOf(d) === r && s.details.colOf(d) === i + 1 ? d : -1;
      fn(i + 1, entry, undefined);
    }
  }
}

/** A present cell of a scanned sheet, as eachScannedCell gives it (one object reused along the walk: read it, do not keep it). */
interface ScannedEntry {
  readonly value: Cell;
  /** Its index in the sheet's CellDetails, or -1 when it is just its value. */
  readonly detail: number;
}

function scannedValueOf(entry: ScannedEntry | undefined, slave: boolean, r: number, c: number, sheet: SheetInspection | undefined): Cell {
  if (slave) return null;
  if (sheet?.overrides) {
    const override = sheet.overrides.get(a1Col(c) + String(r));
    if (override !== undefined) return override;
  }
  const value = entry ? entry.value : null;
  if (sheet && typeof value === "number" && sheet.numbers.get(cellKey(r - 1, c - 1)) !== value) return { error: NOT_A_FILE_NUMBER };
  return value;
}

function scannedRowCount(ws: ExcelJS.Worksheet, s: ScannedSheet): number {
  return Math.max(s.lastRow, ws.rowCount);
}

function walkScannedExtent(ws: ExcelJS.Worksheet, s: ScannedSheet, isOwned: boolean, wRows: number, sheet: SheetInspection | undefined): Extent {
  const windowCells: { row: number; value: Cell }[] = [];
  let lastRow = -1;
  let lastCol = -1;
  const count = scannedRowCount(ws, s);
  for (let r = 1; r <= count; r++) {
    let last = 0;
    eachScannedCell(ws, s, r, Number.MAX_SAFE_INTEGER, (col, entry, merge) => {
      if (scannedValueOf(entry, merge !== undefined, r, col, sheet) !== null) last = col;
    });
    if (last === 0) continue;
    lastRow = r - 1;
    lastCol = Math.max(lastCol, last - 1);
    if (r <= wRows)
      eachScannedCell(ws, s, r, WINDOW_COLS, (col, entry, merge) => {
        const value = scannedValueOf(entry, merge !== undefined, r, col, sheet);
        if (value !== null) windowCells.push({ row: r - 1, value });
      });
  }
  const whole = !isOwned && looksRelevant(windowCells);
  const rows = whole ? lastRow + 1 : Math.min(lastRow + 1, wRows);
  const cols = whole ? lastCol + 1 : Math.min(lastCol + 1, WINDOW_COLS);
  if (whole && rows * cols > MAX_SHEET_CELLS) throw new SheetTooLargeError(ws.name, MAX_SHEET_CELLS);
  return { rows, cols };
}

/** A scanned sheet's values, hidden rows, percent and thousands cells and formulas, as readWorkbookGrid collects them from exceljs's cells. */
function scannedSheetCells(
  ws: ExcelJS.Worksheet,
  s: ScannedSheet,
  extent: Extent,
  sheet: SheetInspection | undefined,
  calcMode: CalcMode | undefined,
): { values: Cell[][]; hiddenRows: number[]; percentCells: string[]; scaledCells: string[]; formulas: Record<string, string> } {
  const values: Cell[][] = [];
  const hiddenRows: number[] = [];
  const percentCells: string[] = [];
  const scaledCells: string[] = [];
  const formulas: Record<string, string> = {};
  const end = Math.min(scannedRowCount(ws, s), extent.rows);
  for (let r = 1; r <= end; r++) {
    const cells: Cell[] = [];
    eachScannedCell(ws, s, r, extent.cols, (col, entry, merge) => {
      const value = scannedValueOf(entry, merge !== undefined, r, col, sheet);
      cells[col - 1] = value;
      if (merge || !entry || entry.detail < 0) return;
      const d = entry.detail;
      const address = a1Col(col) + String(r);
      if (s.details.isFormula(d)) {
        const f = scannedFormula(s.details, d);
        if (f === UNREADABLE_FORMULA) throw new SharedFormulaError(ws.name, address);
        if (typeof f === "string" && f !== "") keepFormula(formulas, address, f, calcMode);
      }
      const numFmt = s.details.numFmt(d);
      if (typeof value === "number" && isPercentFormat(numFmt)) percentCells.push(address);
      if (typeof value === "number" && isThousandsFormat(numFmt)) scaledCells.push(address);
    });
    if (cells.length === 0) continue;
    // exceljs's row.hidden: the file's, or false for a row only a merge made.
    if (s.hidden.has(r)) hiddenRows.push(r - 1);
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    // The scanned row itself where the grid's row is the same, cell for cell (no gap, no override,
    // no merge, within the extent: a log's row): the grid then holds no second array per row. Else
    // a copy of its own length (an array grown from empty keeps room for 16 cells).
    const own = s.rows[r - 1];
    values[r - 1] = own !== undefined && sameCells(own, cells) ? own : cells.slice();
  }
  return { values, hiddenRows, percentCells, scaledCells, formulas };
}

/** The same cells, by identity, and no hole in `a` (a hole reads as undefined, the grid's cell as null). */
function sameCells(a: readonly Cell[], b: readonly Cell[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!(i in a) || a[i] !== b[i]) return false;
  return true;
}

/** Whether the loader read this sheet's cells by the scan (for tests and the bench). */
export function wasScanned(ws: ExcelJS.Worksheet): boolean {
  return scannedSheets.has(ws) || releasedSheets.has(ws);
}

/** Workbooks and scanned sheets whose read cells releaseReadCells let go: reading them again throws. */
const releasedWorkbooks = new WeakSet<ExcelJS.Workbook>();
const releasedSheets = new WeakSet<ExcelJS.Worksheet>();

/**
 * Lets go of what the loader kept to read `workbook`'s cells (the scanned sheets' cells and the
 * inspector's numbers), once the grid (and a collect's extras) are read: the engine then runs
 * without them (issue 20: a million formatted rows kept 150 MB there). The workbook stays usable for
 * what is not its cells (its name, saved time); reading its grid or a scanned sheet's cells again
 * throws rather than read them as empty.
 */
export function releaseReadCells(workbook: ExcelJS.Workbook): void {
  releasedWorkbooks.add(workbook);
  inspections.delete(workbook);
  for (const ws of workbook.worksheets) {
    extents.delete(ws);
    if (scannedSheets.delete(ws)) releasedSheets.add(ws);
  }
}

function notReleased(ws: ExcelJS.Worksheet): void {
  if (releasedSheets.has(ws)) throw new Error(`sheet ${ws.name}: its read cells were released`);
}

/** A present cell of a scanned sheet as exceljs's `row.eachCell({ includeEmpty: false })` would have given it. */
export interface ScannedCellInfo {
  readonly address: string;
  /** exceljs's `cell.numFmt`. */
  readonly numFmt: string | undefined;
  /** A formula cell (exceljs's `cell.type` is Formula); a merge's other cells are not. */
  readonly isFormula: boolean;
  /** For a formula cell, exceljs's `cell.formula`: the Error its getter throws, where it throws. */
  readonly formula: string | undefined | Error;
}

/**
 * Walks a scanned sheet's present cells in exceljs's order (rows, then columns): the cells exceljs
 * would have built (a value, a formula, or a merge's other cell), with what exceljs would say of
 * them. Returns false, walking nothing, for a sheet exceljs read itself (its cells are exceljs's).
 */
export function eachScannedCellInfo(ws: ExcelJS.Worksheet, fn: (cell: ScannedCellInfo) => void): boolean {
  notReleased(ws);
  const s = scannedSheets.get(ws);
  if (!s) return false;
  const count = scannedRowCount(ws, s);
  for (let r = 1; r <= count; r++) {
    eachScannedCell(ws, s, r, Number.MAX_SAFE_INTEGER, (col, entry, merge) => {
      const address = a1Col(col) + String(r);
      if (merge) fn({ address, numFmt: s.slaveFormats.has(address) ? s.slaveFormats.get(address) : (s.rowFormats.get(r) ?? merge.numFmt), isFormula: false, formula: undefined });
      else if (entry && entry.detail >= 0) {
        const d = entry.detail;
        const isFormula = s.details.isFormula(d);
        const formula = isFormula ? scannedFormula(s.details, d) : undefined;
        fn({ address, numFmt: s.details.numFmt(d), isFormula, formula: formula === UNREADABLE_FORMULA ? new SharedFormulaError(ws.name, address) : formula });
      }
      else fn({ address, numFmt: undefined, isFormula: false, formula: undefined });
    });
  }
  return true;
}
