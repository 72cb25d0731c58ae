import { calcModeOf, formulaCells, formulasField, FORMULAS } from "./read-formulas";
import { a1, isPercentFormat, isThousandsFormat, type Cell, type SheetGrid, type SheetVisibility, type WorkbookGrid, ownedSheetOf, HEADER_SEARCH_ROWS, MAALTAL_SHEET_NAMES, normalizeCode } from "../core";
import { officeErrorCode } from "./errors";
import { transient } from "./run";

/**
 * How much of each sheet the first read takes: department sheets, Måltal and settings fit easily,
 * and an unrelated huge sheet cannot blow the 5 MB request limit. Relevant sheets that are larger
 * are read in row chunks afterwards (syncs then grow with data size, never with sheet count).
 */
export const WINDOW_ROWS = 200;
export const WINDOW_COLS = 52;
/**
 * Response bytes per follow-up read (values, types and formats as JSON). Chunks are sized from the
 * bytes per cell seen so far (the window, then each chunk), so a column of long notes gets fewer
 * rows per chunk than a column of numbers. Half the 4 MB budget: rows twice as dense as the ones
 * before still fit, and a response over Excel on the web's 5 MB is retried in smaller chunks.
 */
export const CHUNK_BYTES = 2_000_000;
/** The least a cell costs in a response: `""`, `"Empty"` and `"General"`. */
const MIN_CELL_BYTES = 20;

/**
 * Måltal has a row per forvaltning, and each forvaltning has a sheet: its window grows with the
 * number of sheets, so a workbook of hundreds of forvaltninger still reads Måltal in the first sync.
 */
export function windowRows(sheetName: string, sheetCount: number): number {
  return MAALTAL_SHEET_NAMES.includes(normalizeCode(sheetName)) ? WINDOW_ROWS + sheetCount : WINDOW_ROWS;
}

interface SheetLoad {
  readonly sheet: Excel.Worksheet;
  /** Rows of the window (see windowRows). */
  readonly rows: number;
  /** Replaced when the windows are read apart, by bytes (readWindows). */
  window: Excel.Range;
  readonly used: Excel.Range;
  /** ExcelApi 1.13: the merged areas of the used range. */
  readonly merged?: Excel.RangeAreas;
}

export interface ReadResult {
  readonly grid: WorkbookGrid;
  /** Sheet names in workbook order, for the next read's speculative batch. */
  readonly sheetNames: readonly string[];
  /** Each sheet's own names (Worksheet.names): formula by lower-cased name, by sheet name (src/office/marks.ts). */
  readonly sheetScopedNames: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Sheets that are protected (their cells cannot be marked). */
  readonly protectedSheets: ReadonlySet<string>;
  /** Every workbook name's formula, by lower-cased name. */
  readonly names: ReadonlyMap<string, string>;
  /** Owner-marker names found (name → sheet). */
  readonly ownerNames: ReadonlyMap<string, string>;
  /**
   * The sheet the user is on; undefined when Excel would not say, because the active sheet is not a
   * worksheet (a chart sheet: getActiveWorksheet() fails the request, OfficeDev/office-js#2444).
   */
  readonly activeSheet: string | undefined;
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

const WINDOW_PROPERTIES = `values,valueTypes,numberFormat,${FORMULAS},rowIndex,columnIndex,rowCount,columnCount`;

function windowOf(ws: Excel.Worksheet, rows: number): Excel.Range {
  return transient(transient(ws.getRangeByIndexes(0, 0, rows, WINDOW_COLS)).getUsedRangeOrNullObject(true));
}

/** `withWindow` false: the sheet's structure only; its window's cells are read apart (readWindows). */
function queueSheet(ws: Excel.Worksheet, rows: number, merges: boolean, withWindow: boolean): SheetLoad {
  ws.load("name,visibility,id,protection/protected");
  // The sheet's own names (ExcelApi 1.4): jobstatus's marks live there (src/office/marks.ts).
  ws.names.load("items/name,items/formula");
  const window = windowOf(ws, rows);
  if (withWindow) window.load(WINDOW_PROPERTIES);
  const used = transient(ws.getUsedRangeOrNullObject(true));
  // rowHidden/columnHidden of the used range are false when nothing in it is hidden (the usual case),
  // so only sheets with hidden rows or columns cost a look at each row and column (readHidden).
  used.load("rowIndex,columnIndex,rowCount,columnCount,rowHidden,columnHidden");
  if (!merges) return { sheet: ws, rows, window, used };
  const merged = transient(used.getMergedAreasOrNullObject());
  merged.load("address");
  return { sheet: ws, rows, window, used, merged };
}

/** A sheet still to be read in chunks: rows [next, end) of its first `cols` columns. */
interface Pending {
  readonly name: string;
  readonly sheet: Excel.Worksheet;
  next: number;
  readonly end: number;
  readonly cols: number;
  /** Response bytes per cell, as last seen on this sheet. */
  cellBytes: number;
}

/** Response bytes per cell of a loaded range (values, types and formats as JSON). */
function cellBytes(r: Excel.Range): number {
  const values = r.values as unknown[][];
  const cells = values.length * (values[0]?.length ?? 0);
  if (!cells) return MIN_CELL_BYTES;
  const bytes = JSON.stringify(values).length + JSON.stringify(r.valueTypes).length + JSON.stringify(r.numberFormat).length + JSON.stringify(r.formulas).length;
  return Math.max(MIN_CELL_BYTES, Math.ceil(bytes / cells));
}

function gridRows(r: Excel.Range): Cell[][] {
  const vals = r.values as unknown[][];
  const types = r.valueTypes as string[][];
  const fmts = r.numberFormat as string[][];
  return vals.map((row, i) => row.map((v, j) => toCell(v, types[i]?.[j], fmts[i]?.[j])));
}

/** A1 addresses of the number cells formatted as a percentage, with the range's top-left at (row0, col0). */
function percentCells(r: Excel.Range, row0: number, col0: number, test: (fmt: string) => boolean = isPercentFormat): string[] {
  const out: string[] = [];
  const fmts = r.numberFormat as string[][];
  const types = r.valueTypes as string[][];
  fmts.forEach((row, i) => row.forEach((f, j) => {
    const t = types[i]?.[j];
    if ((t === "Double" || t === "Integer") && test(f)) out.push(a1(row0 + i, col0 + j));
  }));
  return out;
}

export interface ReadOptions {
  /**
   * Read merged areas (Range.getMergedAreasOrNullObject, ExcelApi 1.13), so a value in a merged
   * area is refused as by the CLI. Below 1.13 merges are not seen (docs/dev/design.md).
   */
  readonly merges: boolean;
}

/**
 * Failures that say something about the whole workbook or request, never about which sheet is
 * active: the first read is not tried again without the active sheet after them (readInContext).
 */
const WHOLE_REQUEST_FAILURES: ReadonlySet<string> = new Set([
  "InvalidOperationInCellEditMode",
  "InactiveWorkbook",
  "RequestPayloadSizeLimitExceeded",
  "ResponsePayloadSizeLimitExceeded",
  "RangeExceedsLimit",
  "OperationCellsExceedLimit",
  "MemoryLimitReached",
  "ActivityLimitReached",
  "RequestAborted",
  "AccessDenied",
]);

/**
 * Reads the workbook in one round trip when the sheet list is as expected (the names from the
 * previous read), else in two: the list, then the sheets. Relevant sheets larger than the window
 * are completed in row chunks. When the windows of all sheets together exceed the response limit
 * (many dense unrelated sheets), the read starts again without them and reads the windows apart,
 * in syncs bounded by bytes (readWindows).
 */
// Runs inside the caller's Excel.run, so the caller can write in the same context.
export async function readInContext(ctx: Excel.RequestContext, expectedSheets: readonly string[], options: ReadOptions = { merges: false }): Promise<ReadResult> {
  let syncs = 0;
  let bounded = false;
  const wsc = ctx.workbook.worksheets;
  const names = ctx.workbook.names;
  const app = ctx.workbook.application;
  const loads = new Map<string, SheetLoad>();
  let withActive = true;
  let active: Excel.Worksheet | undefined;
  const queueStart = () => {
    wsc.load("items/name");
    names.load("items/name,items/formula");
    active = withActive ? wsc.getActiveWorksheet().load("name") : undefined;
    app.load("calculationMode");
    for (const name of expectedSheets) loads.set(name.toLowerCase(), queueSheet(wsc.getItemOrNullObject(name), windowRows(name, expectedSheets.length), options.merges, !bounded));
  };
  /** Syncs what `queue` queued; over the response limit, once more without the windows' cells. */
  const syncBounded = async (queue: () => void): Promise<void> => {
    queue();
    syncs++;
    try {
      await ctx.sync();
    } catch (e) {
      if (bounded || officeErrorCode(e) !== "ResponsePayloadSizeLimitExceeded") throw e;
      bounded = true;
      queue();
      syncs++;
      await ctx.sync();
    }
  };
  try {
    await syncBounded(queueStart);
  } catch (e) {
    // getActiveWorksheet() fails the whole request when the active sheet is a chart sheet, in Excel
    // on Windows and Mac (OfficeDev/office-js#2444), with a code the issue does not give. So any
    // failure but one of the whole workbook or request reads again, once, without the active sheet;
    // the normal case keeps its one sync. The active sheet then is unknown: it only decides »Valider
    // ark«'s scope, never a figure (docs/dev/taskpane.md).
    if (WHOLE_REQUEST_FAILURES.has(officeErrorCode(e) ?? "")) throw e;
    withActive = false;
    await syncBounded(queueStart);
  }

  const actual = wsc.items.map((w) => w.name);
  const missing = actual.filter((n) => {
    const l = loads.get(n.toLowerCase());
    return !l || l.sheet.isNullObject || l.sheet.name !== n;
  });
  if (missing.length > 0) {
    await syncBounded(() => {
      for (const name of missing) loads.set(name.toLowerCase(), queueSheet(wsc.getItem(name), windowRows(name, actual.length), options.merges, !bounded));
    });
  }
  if (bounded) syncs += await readWindows(ctx, actual.map((n) => loads.get(n.toLowerCase()) as SheetLoad));

  const owned = new Map<string, string>();
  for (const n of names.items) {
    const sheet = ownedSheetOf(n.name, n.formula);
    if (sheet) owned.set(n.name, sheet);
  }
  const ownedLower = new Set([...owned.values()].map((s) => s.toLowerCase()));

  // Complete relevant sheets larger than the window, in row chunks. Each sync carries about
  // CHUNK_BYTES, so syncs grow with data size and never with the number of sheets. A sheet
  // jobstatus wrote itself is never input: its window is enough (a long status sheet would
  // otherwise cost extra round trips on every click).
  const pending: Pending[] = [];
  for (const name of actual) {
    const l = loads.get(name.toLowerCase()) as SheetLoad;
    if (l.used.isNullObject) continue;
    const lastRow = l.used.rowIndex + l.used.rowCount;
    const lastCol = l.used.columnIndex + l.used.columnCount;
    if ((lastRow <= l.rows && lastCol <= WINDOW_COLS) || ownedLower.has(name.toLowerCase()) || !looksRelevant(l)) continue;
    pending.push({ name, sheet: l.sheet, next: 0, end: lastRow, cols: lastCol, cellBytes: l.window.isNullObject ? MIN_CELL_BYTES : cellBytes(l.window) });
  }
  const hidden = await readHidden(ctx, actual.map((name) => loads.get(name.toLowerCase()) as SheetLoad).filter((l) => !ownedLower.has(l.sheet.name.toLowerCase())));
  syncs += hidden.syncs;

  const bigRows = new Map<string, Cell[][]>();
  const bigPercent = new Map<string, string[]>();
  const bigScaled = new Map<string, string[]>();
  const bigFormulas = new Map<string, Record<string, string>>();
  while (pending.length > 0) {
    const group: { p: Pending; row: number; rows: number; range: Excel.Range }[] = [];
    let left = CHUNK_BYTES;
    for (const p of pending) {
      const rows = Math.max(1, Math.min(p.end - p.next, Math.floor(left / (p.cellBytes * p.cols))));
      const range = transient(p.sheet.getRangeByIndexes(p.next, 0, rows, p.cols));
      range.load(`values,valueTypes,numberFormat,${FORMULAS}`);
      group.push({ p, row: p.next, rows, range });
      left -= rows * p.cellBytes * p.cols;
      if (left < p.cellBytes * p.cols) break;
    }
    syncs++;
    try {
      await ctx.sync();
    } catch (e) {
      // Rows denser than estimated: the same rows again in half the bytes (a read changes nothing).
      if (officeErrorCode(e) !== "ResponsePayloadSizeLimitExceeded" || group.every((g) => g.rows === 1)) throw e;
      for (const g of group) g.p.cellBytes *= 2;
      continue;
    }
    for (const g of group) {
      const rows = bigRows.get(g.p.name) ?? [];
      gridRows(g.range).forEach((row, k) => (rows[g.row + k] = row));
      bigPercent.set(g.p.name, [...(bigPercent.get(g.p.name) ?? []), ...percentCells(g.range, g.row, 0)]);
      bigScaled.set(g.p.name, [...(bigScaled.get(g.p.name) ?? []), ...percentCells(g.range, g.row, 0, isThousandsFormat)]);
      bigRows.set(g.p.name, rows);
      bigFormulas.set(g.p.name, { ...bigFormulas.get(g.p.name), ...formulaCells(g.range.formulas, g.range.values, g.row, 0) });
      g.p.cellBytes = cellBytes(g.range);
      g.p.next += g.rows;
    }
    for (let i = pending.length - 1; i >= 0; i--) if ((pending[i] as Pending).next >= (pending[i] as Pending).end) pending.splice(i, 1);
  }

  const sheets: SheetGrid[] = actual.map((name) => {
    const l = loads.get(name.toLowerCase()) as SheetLoad;
    const big = bigRows.get(name);
    const h = hidden.bySheet.get(name);
    const base = { name, visibility: visibility(l.sheet.visibility), owned: ownedLower.has(name.toLowerCase()), ...mergesOf(l), ...(h?.rows.length ? { hiddenRows: h.rows } : {}), ...(h?.cols.length ? { hiddenCols: h.cols } : {}) };
    if (big) return withPercent({ ...base, originRow: 0, originCol: 0, values: big, ...formulasField(bigFormulas.get(name) ?? {}) }, bigPercent.get(name) ?? [], bigScaled.get(name) ?? []);
    if (l.window.isNullObject) return { ...base, originRow: 0, originCol: 0, values: [] };
    return withPercent(
      { ...base, originRow: l.window.rowIndex, originCol: l.window.columnIndex, values: gridRows(l.window), ...formulasField(formulaCells(l.window.formulas, l.window.values, l.window.rowIndex, l.window.columnIndex)) },
      percentCells(l.window, l.window.rowIndex, l.window.columnIndex),
      percentCells(l.window, l.window.rowIndex, l.window.columnIndex, isThousandsFormat),
    );
  });

  const sheetScopedNames = new Map(actual.map((name) => [name, new Map((loads.get(name.toLowerCase()) as SheetLoad).sheet.names.items.map((n) => [n.name.toLowerCase(), n.formula]))]));
  const allNames = new Map(names.items.map((n) => [n.name.toLowerCase(), n.formula]));
  const protectedSheets = new Set(actual.filter((name) => (loads.get(name.toLowerCase()) as SheetLoad).sheet.protection.protected));
  const calcMode = calcModeOf(app.calculationMode);
  return { grid: { sheets, ...(calcMode ? { calcMode } : {}) }, sheetNames: actual, sheetScopedNames, protectedSheets, names: allNames, ownerNames: owned, activeSheet: active?.name, syncs };
}

/** `Ark!B4:B6,Ark!D2:E2` → ["B4:B6", "D2:E2"]; nothing when merges were not read. */
function mergesOf(l: SheetLoad): { merges?: readonly string[] } {
  if (!l.merged || l.merged.isNullObject) return l.merged ? { merges: [] } : {};
  // Sheet names may hold commas: take the references after each "!".
  return { merges: [...l.merged.address.matchAll(/!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)/g)].map((m) => (m[1] as string).replace(/\$/g, "")) };
}

/**
 * The windows of `loads`, in syncs of about CHUNK_BYTES each, sized from the bytes per cell seen so
 * far; a response over the limit is tried again in half the bytes (a read changes nothing).
 */
async function readWindows(ctx: Excel.RequestContext, loads: readonly SheetLoad[]): Promise<number> {
  const todo = loads.filter((l) => !l.used.isNullObject);
  let perCell = MIN_CELL_BYTES * 4;
  let budget = CHUNK_BYTES;
  let syncs = 0;
  const estimate = (l: SheetLoad) => Math.min(l.used.rowIndex + l.used.rowCount, l.rows) * Math.min(l.used.columnIndex + l.used.columnCount, WINDOW_COLS) * perCell;
  for (let i = 0; i < todo.length; ) {
    const group: SheetLoad[] = [];
    let bytes = 0;
    for (let l = todo[i]; l && (group.length === 0 || bytes + estimate(l) <= budget); l = todo[++i]) {
      group.push(l);
      bytes += estimate(l);
    }
    for (const l of group) {
      l.window = windowOf(l.sheet, l.rows);
      l.window.load(WINDOW_PROPERTIES);
    }
    syncs++;
    try {
      await ctx.sync();
    } catch (e) {
      if (officeErrorCode(e) !== "ResponsePayloadSizeLimitExceeded" || group.length === 1) throw e;
      i -= group.length;
      budget /= 2;
      continue;
    }
    const cells = group.reduce((n, l) => n + (l.window.isNullObject ? 0 : l.window.rowCount * l.window.columnCount), 0);
    const seen = group.reduce((n, l) => n + (l.window.isNullObject ? 0 : cellBytes(l.window) * l.window.rowCount * l.window.columnCount), 0);
    if (cells > 0) perCell = Math.max(MIN_CELL_BYTES, Math.ceil(seen / cells));
    budget = CHUNK_BYTES;
  }
  return syncs;
}

function withPercent(sheet: SheetGrid, cells: readonly string[], scaled: readonly string[]): SheetGrid {
  return { ...sheet, ...(cells.length > 0 ? { percentCells: cells } : {}), ...(scaled.length > 0 ? { scaledCells: scaled } : {}) };
}

interface HiddenLines {
  readonly rows: number[];
  readonly cols: number[];
}

/**
 * Ranges asked about per hidden-lines sync. A range in a request costs a few hundred bytes, so a
 * sync stays far below the 5 MB request limit whatever the sheet's size (issue 17, review).
 */
export const HIDDEN_RANGES_PER_SYNC = 400;
/** Parts a block is split into when some but not all of its lines are hidden. */
const HIDDEN_SPLIT = 16;

/** A block of lines [start, start + count) of one axis of one sheet, still to be asked about. */
interface HiddenBlock {
  readonly load: SheetLoad;
  readonly lines: HiddenLines;
  readonly axis: "rows" | "cols";
  readonly start: number;
  readonly count: number;
}

/**
 * The hidden rows and columns (0-based) of the sheets jobstatus may read, as the core needs them to
 * count only what the user sees. A sheet where some but not all rows (columns) of the used range are
 * hidden is searched in blocks: each block's `rowHidden` (`columnHidden`) is true (all hidden),
 * false (none) or null (mixed), and only mixed blocks are split and asked again. At most
 * HIDDEN_RANGES_PER_SYNC ranges go in one request, so a sheet of any length with one hidden row costs
 * a few small requests, never one range per row in one request (RequestPayloadSizeLimitExceeded).
 */
async function readHidden(ctx: Excel.RequestContext, loads: readonly SheetLoad[]): Promise<{ bySheet: Map<string, HiddenLines>; syncs: number }> {
  const bySheet = new Map<string, HiddenLines>();
  let todo: HiddenBlock[] = [];
  for (const l of loads) {
    const u = l.used;
    if (u.isNullObject || (u.rowHidden === false && u.columnHidden === false) || !looksRelevant(l)) continue;
    const lines: HiddenLines = { rows: [], cols: [] };
    bySheet.set(l.sheet.name, lines);
    if (u.rowHidden === true) for (let i = 0; i < u.rowCount; i++) lines.rows.push(u.rowIndex + i);
    else if (u.rowHidden === null) todo.push(...split({ load: l, lines, axis: "rows", start: u.rowIndex, count: u.rowCount }));
    if (u.columnHidden === true) for (let j = 0; j < u.columnCount; j++) lines.cols.push(u.columnIndex + j);
    else if (u.columnHidden === null) todo.push(...split({ load: l, lines, axis: "cols", start: u.columnIndex, count: u.columnCount }));
  }
  let syncs = 0;
  while (todo.length > 0) {
    const batch = todo.slice(0, HIDDEN_RANGES_PER_SYNC);
    todo = todo.slice(batch.length);
    // The used range was untracked and sent in an earlier request: Microsoft's client has marked its
    // path invalid (excel-web-16.00.debug.js, isInvalidAfterRequest), so `u.getRow(i)` would throw
    // InvalidObjectPath. Each block is addressed from the worksheet again (issue 17, defect 1).
    const asked = batch.map((b) => {
      const u = b.load.used;
      const range = b.axis === "rows" ? b.load.sheet.getRangeByIndexes(b.start, u.columnIndex, b.count, u.columnCount) : b.load.sheet.getRangeByIndexes(u.rowIndex, b.start, u.rowCount, b.count);
      return { b, range: transient(range).load(b.axis === "rows" ? "rowHidden" : "columnHidden") };
    });
    syncs++;
    await ctx.sync();
    for (const { b, range } of asked) {
      const hidden = b.axis === "rows" ? range.rowHidden : range.columnHidden;
      if (hidden === true) for (let i = 0; i < b.count; i++) b.lines[b.axis].push(b.start + i);
      else if (hidden !== false && b.count > 1) todo.push(...split(b));
    }
  }
  for (const lines of bySheet.values()) {
    lines.rows.sort((a, b) => a - b);
    lines.cols.sort((a, b) => a - b);
  }
  return { bySheet, syncs };
}

/** `b` in up to HIDDEN_SPLIT blocks of about equal size. */
function split(b: HiddenBlock): HiddenBlock[] {
  const size = Math.ceil(b.count / HIDDEN_SPLIT);
  const parts: HiddenBlock[] = [];
  for (let s = 0; s < b.count; s += size) parts.push({ ...b, start: b.start + s, count: Math.min(size, b.count - s) });
  return parts;
}

/** A sheet larger than the window is read in full only if its first rows look like one of ours. */
function looksRelevant(l: SheetLoad): boolean {
  if (l.window.isNullObject) return false;
  const rows = (l.window.values as unknown[][]).slice(0, HEADER_SEARCH_ROWS);
  return rows.some((r) => r.some((v) => typeof v === "string" && /ordning|forvaltning|måltal|år/i.test(v)));
}
