import type { CellStyle, SheetLayout } from "../core/layout";
import { charsToPoints } from "../core/layout";

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

function applyStyle(range: Excel.Range, s: CellStyle): void {
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
    const weight = s.border === "medium" ? "Medium" : "Thin";
    for (const edge of EDGES) {
      const b = f.borders.getItem(edge);
      b.style = "Continuous";
      b.weight = weight;
    }
  }
}

export interface WriteOptions {
  /** ExcelApi 1.9: page layout. */
  readonly pageLayout: boolean;
  /** ExcelApi 1.8: data validation (template only). */
  readonly dataValidation: boolean;
}

/**
 * Queues a whole sheet from a layout: values, number formats, styles, merges, widths, heights, print
 * setup. Nothing is synced here; the caller writes everything in one batch.
 */
export function queueLayout(ws: Excel.Worksheet, layout: SheetLayout, opts: WriteOptions): void {
  const rows = layout.values.length;
  const cols = layout.columnWidths.length;
  if (rows === 0) return;
  const all = ws.getRangeByIndexes(0, 0, rows, cols);
  all.format.font.name = layout.fontName;
  all.format.font.size = layout.fontSize;
  all.values = layout.values.map((r) => r.map(asLiteral));
  all.numberFormat = layout.numberFormats.map((r) => r.map((f) => f ?? "General"));
  for (const { rect, style } of layout.styles) {
    applyStyle(ws.getRangeByIndexes(rect.r1, rect.c1, rect.r2 - rect.r1 + 1, rect.c2 - rect.c1 + 1), style);
  }
  for (const m of layout.merges) ws.getRangeByIndexes(m.r1, m.c1, m.r2 - m.r1 + 1, m.c2 - m.c1 + 1).merge(false);
  layout.columnWidths.forEach((w, c) => {
    ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = charsToPoints(w);
  });
  for (const h of layout.rowHeights) ws.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = h.height;
  if (opts.dataValidation) {
    for (const v of layout.validations ?? []) {
      const r = ws.getRangeByIndexes(v.rect.r1, v.rect.c1, v.rect.r2 - v.rect.r1 + 1, v.rect.c2 - v.rect.c1 + 1);
      const rule = { formula1: v.min, operator: "GreaterThanOrEqualTo" } as const;
      r.dataValidation.rule = v.kind === "whole" ? { wholeNumber: rule } : { decimal: rule };
      r.dataValidation.prompt = { showPrompt: true, message: v.prompt, title: "" };
      r.dataValidation.errorAlert = { showAlert: true, message: v.prompt, title: "", style: "Stop" };
    }
  }
  if (layout.freezeRows) ws.freezePanes.freezeRows(layout.freezeRows);
  if (opts.pageLayout) {
    ws.pageLayout.paperSize = "A4";
    ws.pageLayout.orientation = layout.print.orientation === "landscape" ? "Landscape" : "Portrait";
    ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  }
}
