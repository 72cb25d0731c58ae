import type { Cell, SheetGrid, SheetVisibility, WorkbookGrid } from "../core/grid";
import { ownedSheetOf } from "../core/owner";
import { HEADER_SEARCH_ROWS } from "../core/labels";
import type { ExcelRun } from "./run";
import { MARK_TAG } from "./marks";

/**
 * How much of each sheet the first read takes: department sheets, Måltal and settings fit easily,
 * and an unrelated huge sheet cannot blow the 5 MB request limit. Relevant sheets that are larger
 * are read in row chunks afterwards (syncs then grow with data size, never with sheet count).
 */
export const WINDOW_ROWS = 200;
export const WINDOW_COLS = 52;
/** Cells per follow-up read: about 1 MB of JSON at typical cell sizes, well under Excel on the web's 5 MB. */
export const CHUNK_CELLS = 40_000;
/** Chunks per sync: values, types and formats take about 30 bytes a cell, so 3 × 40,000 cells ≈ 3.6 MB, under the 4 MB budget. */
export const CHUNKS_PER_SYNC = 3;

interface SheetLoad {
  readonly sheet: Excel.Worksheet;
  readonly window: Excel.Range;
  readonly used: Excel.Range;
  readonly marks?: Excel.ConditionalFormatCollection;
}

export interface ReadResult {
  readonly grid: WorkbookGrid;
  /** Sheet names in workbook order, for the next read's speculative batch. */
  readonly sheetNames: readonly string[];
  /** Conditional formats jobstatus added at the last validation, per sheet, to be removed. */
  readonly marks: ReadonlyMap<string, readonly Excel.ConditionalFormat[]>;
  /** Owner-marker names found (name → sheet). */
  readonly ownerNames: ReadonlyMap<string, string>;
  /** The sheet the user is on. */
  readonly activeSheet: string;
  /** Syncs used by this read. */
  readonly syncs: number;
}

/** A number format that shows a date or time: d, m, y (or h with a colon) outside quotes and brackets. */
export function isDateFormat(fmt: string): boolean {
  if (!fmt || /^general$/i.test(fmt) || fmt === "@") return false;
  const bare = fmt.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "");
  return /[dmy]/i.test(bare) || (/h/i.test(bare) && bare.includes(":"));
}

/** Office.js `values` + `valueTypes` + `numberFormat` of one cell, as the core sees it. */
export function toCell(value: unknown, type: string | undefined, format: string | undefined): Cell {
  switch (type) {
    case "Empty":
      return null;
    case "Error":
      return { error: String(value) };
    case "Boolean":
      return Boolean(value);
    case "Double":
    case "Integer":
      return typeof value === "number" && format !== undefined && isDateFormat(format) ? { date: value } : Number(value);
    case "String":
      return String(value);
    default:
      if (value === "" || value === null || value === undefined) return null;
      return typeof value === "number" || typeof value === "boolean" ? value : String(value);
  }
}

function visibility(v: string): SheetVisibility {
  return v === "Hidden" ? "hidden" : v === "VeryHidden" ? "veryHidden" : "visible";
}

function queueSheet(ws: Excel.Worksheet, withMarks: boolean): SheetLoad {
  ws.load("name,visibility");
  const window = ws.getRangeByIndexes(0, 0, WINDOW_ROWS, WINDOW_COLS).getUsedRangeOrNullObject(true);
  window.load("values,valueTypes,numberFormat,rowIndex,columnIndex,rowCount,columnCount");
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  if (!withMarks) return { sheet: ws, window, used };
  const marks = ws.getRange().conditionalFormats;
  marks.load("items/type,items/customOrNullObject/rule/formula");
  return { sheet: ws, window, used, marks };
}

function gridRows(r: Excel.Range): Cell[][] {
  const vals = r.values as unknown[][];
  const types = r.valueTypes as string[][];
  const fmts = r.numberFormat as string[][];
  return vals.map((row, i) => row.map((v, j) => toCell(v, types[i]?.[j], fmts[i]?.[j])));
}

/**
 * Reads the workbook in one round trip when the sheet list is as expected (the names from the
 * previous read), else in two: the list, then the sheets. Relevant sheets larger than the window
 * are completed in row chunks.
 */
export async function readWorkbook(run: ExcelRun, expectedSheets: readonly string[], options: ReadOptions): Promise<ReadResult> {
  return run((ctx) => readInContext(ctx, expectedSheets, options));
}

export interface ReadOptions {
  readonly withMarks: boolean;
}

/** The read, inside a caller's Excel.run, so the caller can write in the same context. */
export async function readInContext(ctx: Excel.RequestContext, expectedSheets: readonly string[], options: ReadOptions): Promise<ReadResult> {
  {
    let syncs = 0;
    const wsc = ctx.workbook.worksheets;
    wsc.load("items/name");
    const names = ctx.workbook.names;
    names.load("items/name,items/formula");
    const active = wsc.getActiveWorksheet();
    active.load("name");
    const loads = new Map<string, SheetLoad>();
    for (const name of expectedSheets) {
      const ws = wsc.getItemOrNullObject(name);
      loads.set(name.toLowerCase(), queueSheet(ws, options.withMarks));
    }
    await ctx.sync();
    syncs++;

    const actual = wsc.items.map((w) => w.name);
    const missing = actual.filter((n) => {
      const l = loads.get(n.toLowerCase());
      return !l || l.sheet.isNullObject || l.sheet.name !== n;
    });
    if (missing.length > 0) {
      for (const name of missing) loads.set(name.toLowerCase(), queueSheet(wsc.getItem(name), options.withMarks));
      await ctx.sync();
      syncs++;
    }

    // Complete relevant sheets larger than the window, in row chunks. Each sync carries a bounded
    // number of chunks, so syncs grow with data size and never with the number of sheets.
    const chunks: { name: string; sheet: Excel.Worksheet; row: number; rows: number; cols: number }[] = [];
    for (const name of actual) {
      const l = loads.get(name.toLowerCase()) as SheetLoad;
      if (l.used.isNullObject) continue;
      const lastRow = l.used.rowIndex + l.used.rowCount;
      const lastCol = l.used.columnIndex + l.used.columnCount;
      if ((lastRow <= WINDOW_ROWS && lastCol <= WINDOW_COLS) || !looksRelevant(l)) continue;
      const rowsPerChunk = Math.max(1, Math.floor(CHUNK_CELLS / lastCol));
      for (let r = 0; r < lastRow; r += rowsPerChunk) chunks.push({ name, sheet: l.sheet, row: r, rows: Math.min(rowsPerChunk, lastRow - r), cols: lastCol });
    }
    const bigRows = new Map<string, Cell[][]>();
    for (let i = 0; i < chunks.length; i += CHUNKS_PER_SYNC) {
      const group = chunks.slice(i, i + CHUNKS_PER_SYNC).map((c) => {
        const range = c.sheet.getRangeByIndexes(c.row, 0, c.rows, c.cols);
        range.load("values,valueTypes,numberFormat");
        return { ...c, range };
      });
      await ctx.sync();
      syncs++;
      for (const g of group) {
        const rows = bigRows.get(g.name) ?? [];
        gridRows(g.range).forEach((row, k) => (rows[g.row + k] = row));
        bigRows.set(g.name, rows);
      }
    }

    const owned = new Map<string, string>();
    for (const n of names.items) {
      const sheet = ownedSheetOf(n.name, n.formula);
      if (sheet) owned.set(n.name, sheet);
    }
    const ownedLower = new Set([...owned.values()].map((s) => s.toLowerCase()));

    const sheets: SheetGrid[] = actual.map((name) => {
      const l = loads.get(name.toLowerCase()) as SheetLoad;
      const big = bigRows.get(name);
      const base = { name, visibility: visibility(l.sheet.visibility), owned: ownedLower.has(name.toLowerCase()) };
      if (big) return { ...base, originRow: 0, originCol: 0, values: big };
      if (l.window.isNullObject) return { ...base, originRow: 0, originCol: 0, values: [] };
      return { ...base, originRow: l.window.rowIndex, originCol: l.window.columnIndex, values: gridRows(l.window) };
    });

    const marks = new Map<string, Excel.ConditionalFormat[]>();
    if (options.withMarks) {
      for (const name of actual) {
        const l = loads.get(name.toLowerCase()) as SheetLoad;
        const ours = (l.marks?.items ?? []).filter((cf) => cf.type === "Custom" && !cf.customOrNullObject.isNullObject && cf.customOrNullObject.rule.formula.includes(MARK_TAG));
        if (ours.length > 0) marks.set(name, ours);
      }
    }
    return { grid: { sheets }, sheetNames: actual, marks, ownerNames: owned, activeSheet: active.name, syncs };
  }
}

/** A sheet larger than the window is read in full only if its first rows look like one of ours. */
function looksRelevant(l: SheetLoad): boolean {
  if (l.window.isNullObject) return false;
  const rows = (l.window.values as unknown[][]).slice(0, HEADER_SEARCH_ROWS);
  return rows.some((r) => r.some((v) => typeof v === "string" && /ordning|forvaltning|måltal|år/i.test(v)));
}
