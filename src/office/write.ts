import { type CellStyle, type SheetLayout, charsToPoints, linkReference } from "../core";
import { transient } from "./run";

const HORIZONTAL = { left: "Left", center: "Center", right: "Right" } as const;
const VERTICAL = { top: "Top", center: "Center", bottom: "Bottom" } as const;
const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

/**
 * Text is written with Excel's apostrophe prefix, so Excel stores exactly that text: a label that
 * starts with `=`, `+`, `-` or `@` never becomes a formula, and `1.048` never becomes a number.
 */
export function asLiteral(v: string | number | null): string | number {
  if (v === null) return "";
  return typeof v === "string" ? `'${v}` : v;
}

/** `weights`: set each border's weight; false when the layout has only thin borders (the default weight of a continuous line). */
function applyStyle(range: Excel.Range, s: CellStyle, weights: boolean): void {
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.italic !== undefined) f.font.italic = s.italic;
  if (s.size !== undefined) f.font.size = s.size;
  if (s.color !== undefined) f.font.color = s.color;
  if (s.fill !== undefined) f.fill.color = s.fill;
  if (s.horizontal !== undefined) f.horizontalAlignment = HORIZONTAL[s.horizontal];
  if (s.vertical !== undefined) f.verticalAlignment = VERTICAL[s.vertical];
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.border !== undefined) {
    for (const edge of EDGES) {
      const b = f.borders.getItem(edge);
      b.style = "Continuous";
      if (weights) b.weight = s.border === "medium" ? "Medium" : "Thin";
    }
  }
}

export interface WriteOptions {
  /** ExcelApi 1.9: page layout. */
  readonly pageLayout: boolean;
  /** ExcelApi 1.8: data validation (template only). */
  readonly dataValidation: boolean;
  /** ExcelApi 1.8: `Worksheet.showGridlines`. */
  readonly gridlines: boolean;
}

/** Rows [r1, r2) of a layout, written in one sync. */
export interface Band {
  readonly r1: number;
  readonly r2: number;
}

/**
 * The request budget of one write sync, as estimated by {@link layoutBands}. Excel on the web
 * rejects requests over 5 MB, and our budget is 4 MB on what Microsoft's client really sends; its
 * requests run up to about 30 % above this estimate, so the estimate's budget is 3 MB. A status
 * sheet of up to about 320 tables (forvaltninger) fits in one sync; a longer one is written in
 * bands of whole tables, so syncs grow with data size.
 */
export const WRITE_BYTES_PER_SYNC = 3_000_000;
/** Request bytes of one queued action or new object path (set, call, getRangeByIndexes, format, …). */
const ACTION_BYTES = 140;

function styleActions(s: CellStyle): number {
  const font = [s.bold, s.italic, s.size, s.color].filter((v) => v !== undefined).length;
  const align = [s.horizontal, s.vertical, s.wrap].filter((v) => v !== undefined).length;
  const border = s.border === undefined ? 0 : 1 + EDGES.length * (s.border === "medium" ? 3 : 2);
  return 2 + (font > 0 ? 1 + font : 0) + (s.fill !== undefined ? 2 : 0) + align + border;
}

/**
 * Splits a layout into bands of rows whose estimated request stays under `maxBytes`, cutting only
 * between rows that no merge or style rectangle spans. Almost always one band.
 */
/** Estimated request bytes of each row of a layout (values, formats, and the rectangles starting there). */
function rowCosts(layout: SheetLayout): number[] {
  const cost = layout.values.map((r, i) => JSON.stringify(r.map(asLiteral)).length + JSON.stringify(layout.numberFormats[i] ?? []).length);
  for (const { rect, style } of layout.styles) cost[rect.r1] = (cost[rect.r1] ?? 0) + styleActions(style) * ACTION_BYTES;
  for (const m of layout.merges) cost[m.r1] = (cost[m.r1] ?? 0) + 2 * ACTION_BYTES;
  for (const h of layout.rowHeights) cost[h.row] = (cost[h.row] ?? 0) + 3 * ACTION_BYTES;
  // A link: a range path and a hyperlink set, with its reference and text (measured on Microsoft's client).
  for (const l of layout.links ?? []) cost[l.row] = (cost[l.row] ?? 0) + 3 * ACTION_BYTES + 2 * linkReference(l).length + JSON.stringify(layout.values[l.row]?.[l.col] ?? "").length;
  return cost;
}

/**
 * `firstMax`: the room left for the first band (in a sync that other bands already partly fill);
 * a first band that cannot be cut that small is still cut at the first row it may end at.
 */
export function layoutBands(layout: SheetLayout, maxBytes = WRITE_BYTES_PER_SYNC, firstMax = maxBytes): Band[] {
  const rows = layout.values.length;
  if (rows === 0) return [];
  const cost = rowCosts(layout);
  // noCut[x]: a rectangle covers rows x-1 and x, so no band may start at row x.
  const noCut = new Array<boolean>(rows + 1).fill(false);
  const span = (r1: number, r2: number) => {
    for (let x = r1 + 1; x <= r2 && x < rows; x++) noCut[x] = true;
  };
  for (const { rect } of layout.styles) span(rect.r1, rect.r2);
  for (const m of layout.merges) span(m.r1, m.r2);
  const bands: Band[] = [];
  let start = 0;
  let size = 0;
  let lastCut = -1; // the last row a band may start at, since `start`
  let sizeAtCut = 0;
  for (let r = 0; r < rows; r++) {
    if (r > start && !noCut[r]) {
      lastCut = r;
      sizeAtCut = size;
    }
    size += cost[r] ?? 0;
    if (size > (bands.length === 0 ? firstMax : maxBytes) && lastCut > start) {
      bands.push({ r1: start, r2: lastCut });
      start = lastCut;
      size -= sizeAtCut;
      lastCut = -1;
    }
  }
  bands.push({ r1: start, r2: rows });
  return bands;
}

/** One Range per rectangle: styles, merges and row heights on the same cells share it (fewer object paths in the request). */
class Ranges {
  private readonly cache = new Map<string, Excel.Range>();
  constructor(private readonly ws: Excel.Worksheet) {}
  get(r1: number, c1: number, r2: number, c2: number): Excel.Range {
    const key = `${r1}:${c1}:${r2}:${c2}`;
    let range = this.cache.get(key);
    if (!range) {
      range = transient(this.ws.getRangeByIndexes(r1, c1, r2 - r1 + 1, c2 - c1 + 1));
      this.cache.set(key, range);
    }
    return range;
  }
}

/** Queues what applies to the whole sheet: font, column widths, validation, frozen rows, print setup. */
function queueSheetSetup(ws: Excel.Worksheet, layout: SheetLayout, opts: WriteOptions, ranges: Ranges, keepPanes = false): void {
  const rows = layout.values.length;
  const cols = layout.columnWidths.length;
  const all = ranges.get(0, 0, rows - 1, cols - 1);
  all.format.font.name = layout.fontName;
  all.format.font.size = layout.fontSize;
  layout.columnWidths.forEach((w, c) => {
    transient(ws.getRangeByIndexes(0, c, 1, 1)).format.columnWidth = charsToPoints(w);
  });
  if (opts.dataValidation) {
    for (const v of layout.validations ?? []) {
      const r = ranges.get(v.rect.r1, v.rect.c1, v.rect.r2, v.rect.c2);
      const rule = { formula1: v.min, operator: "GreaterThanOrEqualTo" } as const;
      r.dataValidation.rule = v.kind === "whole" ? { wholeNumber: rule } : { decimal: rule };
      r.dataValidation.prompt = { showPrompt: true, message: v.prompt, title: "" };
      r.dataValidation.errorAlert = { showAlert: true, message: v.prompt, title: "", style: "Stop" };
    }
  }
  // A hidden sheet keeps the panes it has: older builds throw on freeze panes of a hidden sheet
  // (office-js#1463), and the rows a re-run would freeze are the ones the last run froze.
  if (layout.freezeRows && !keepPanes) ws.freezePanes.freezeRows(layout.freezeRows);
  if (opts.pageLayout) {
    for (const r of layout.pageBreaks ?? []) if (r > 0) ws.horizontalPageBreaks.add(transient(ws.getRangeByIndexes(r, 0, 1, 1)));
    ws.pageLayout.paperSize = "A4";
    ws.pageLayout.orientation = layout.print.orientation === "landscape" ? "Landscape" : "Portrait";
    // A fixed scale, never Fit To: Excel ignores manual page breaks on a sheet scaled to fit.
    ws.pageLayout.zoom = { scale: layout.print.scale };
    // Explicit margins: the scale and page breaks are computed for them (Office.js takes points).
    const m = layout.print.margins;
    const page = ws.pageLayout;
    page.leftMargin = m.left * 72;
    page.rightMargin = m.right * 72;
    page.topMargin = m.top * 72;
    page.bottomMargin = m.bottom * 72;
    page.headerMargin = m.header * 72;
    page.footerMargin = m.footer * 72;
    if (layout.print.printArea) ws.pageLayout.setPrintArea(all);
    if (layout.print.footer) {
      const footer = ws.pageLayout.headersFooters.defaultForAllPages;
      footer.leftFooter = layout.print.footer.left;
      footer.rightFooter = layout.print.footer.right;
    }
  }
  if (opts.gridlines && layout.showGridlines === false) ws.showGridlines = false;
}

/** Queues rows [band.r1, band.r2): values, number formats, styles (in order), merges and row heights. */
function queueBand(ws: Excel.Worksheet, layout: SheetLayout, band: Band, ranges: Ranges): void {
  const cols = layout.columnWidths.length;
  const block = transient(ws.getRangeByIndexes(band.r1, 0, band.r2 - band.r1, cols));
  block.values = layout.values.slice(band.r1, band.r2).map((r) => r.map(asLiteral));
  block.numberFormat = layout.numberFormats.slice(band.r1, band.r2).map((r) => r.map((f) => f ?? "General"));
  const inBand = (r1: number) => r1 >= band.r1 && r1 < band.r2;
  // Only thin lines (every layout today): a continuous line is thin by default, so the weight is not sent.
  const weights = layout.styles.some((s) => s.style.border === "medium");
  for (const { rect, style } of layout.styles) if (inBand(rect.r1)) applyStyle(ranges.get(rect.r1, rect.c1, rect.r2, rect.c2), style, weights);
  for (const m of layout.merges) if (inBand(m.r1)) ranges.get(m.r1, m.c1, m.r2, m.c2).merge(false);
  for (const h of layout.rowHeights) if (inBand(h.row)) ranges.get(h.row, 0, h.row, cols - 1).format.rowHeight = h.height;
  // ExcelApi 1.7: a link inside the workbook; the text shown is the cell's own value.
  for (const l of layout.links ?? []) {
    if (!inBand(l.row)) continue;
    const text = layout.values[l.row]?.[l.col];
    transient(ws.getRangeByIndexes(l.row, l.col, 1, 1)).hyperlink = { documentReference: linkReference(l), textToDisplay: String(text ?? "") };
  }
}

/**
 * Queues a whole sheet from a layout: values, number formats, styles, merges, widths, heights, print
 * setup. Nothing is synced here; the caller writes everything in one batch.
 */
export function queueLayout(ws: Excel.Worksheet, layout: SheetLayout, opts: WriteOptions): void {
  const rows = layout.values.length;
  if (rows === 0) return;
  const ranges = new Ranges(ws);
  queueSheetSetup(ws, layout, opts, ranges);
  queueBand(ws, layout, { r1: 0, r2: rows }, ranges);
}

/**
 * Writes several sheets (the status sheet and the Kilder sheet) in as few syncs as the request limit
 * allows: their bands are packed in order into syncs of at most WRITE_BYTES_PER_SYNC, so a small
 * Kilder sheet rides in the status sheet's sync. The caller has queued what goes first;
 * `hooks.batch` runs before each batch is queued (told whether it is the last),
 * `hooks.last` just before the last sync (e.g. to activate the sheet). Returns the syncs used.
 */
export async function writeLayouts(
  ctx: Excel.RequestContext,
  items: readonly { readonly ws: Excel.Worksheet; readonly layout: SheetLayout; readonly keepPanes?: boolean }[],
  opts: WriteOptions,
  hooks: { readonly batch?: (last: boolean) => void; readonly last?: () => void } = {},
): Promise<number> {
  // Each layout's first band fills what the previous layout left of its last sync, so syncs are
  // filled to the budget across sheets (a long Kilder sheet starts in the status sheet's last sync).
  type Piece = { ws: Excel.Worksheet; layout: SheetLayout; band: Band; ranges: Ranges; setup: boolean; cost: number; keepPanes: boolean };
  const pieces: Piece[] = [];
  let room = WRITE_BYTES_PER_SYNC;
  for (const { ws, layout, keepPanes = false } of items) {
    const ranges = new Ranges(ws);
    const costs = rowCosts(layout);
    const bands = layoutBands(layout, WRITE_BYTES_PER_SYNC, room > 0 ? room : WRITE_BYTES_PER_SYNC);
    bands.forEach((band, i) => {
      const cost = costs.slice(band.r1, band.r2).reduce((a, b) => a + b, 0);
      pieces.push({ ws, layout, band, ranges, setup: i === 0, cost, keepPanes });
      room = (i === 0 && room > 0 ? room : WRITE_BYTES_PER_SYNC) - cost;
    });
  }
  const batches: Piece[][] = [];
  let size = 0;
  for (const p of pieces) {
    const open = batches[batches.length - 1];
    if (!open || (open.length > 0 && size + p.cost > WRITE_BYTES_PER_SYNC)) {
      batches.push([p]);
      size = p.cost;
    } else {
      open.push(p);
      size += p.cost;
    }
  }
  if (batches.length === 0) batches.push([]);
  for (let i = 0; i < batches.length; i++) {
    hooks.batch?.(i === batches.length - 1);
    for (const p of batches[i] ?? []) {
      if (p.setup) queueSheetSetup(p.ws, p.layout, opts, p.ranges, p.keepPanes);
      queueBand(p.ws, p.layout, p.band, p.ranges);
    }
    if (i === batches.length - 1) hooks.last?.();
    await ctx.sync();
  }
  return batches.length;
}
