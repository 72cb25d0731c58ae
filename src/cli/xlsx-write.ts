import type ExcelJS from "exceljs";
// Every workbook this module renders is saved by exceljs: the <font> fix must be loaded.
import "./exceljs";
import { type CellStyle, type SheetLayout, linkReference, ownerName, ownerReference } from "../core";

const argb = (hex: string): string => `FF${hex.replace("#", "").toUpperCase()}`;

/** Merges the styles that apply to each cell, in order, as Office.js would by successive range writes. */
export function cellStyles(layout: SheetLayout): Map<string, CellStyle> {
  const map = new Map<string, CellStyle>();
  const cols = layout.columnWidths.length;
  const g = styleGrid(layout);
  g.sigs.forEach((sig, i) => {
    if (sig !== undefined) map.set(`${Math.floor(i / cols)},${i % cols}`, g.style(sig));
  });
  return map;
}

/**
 * The layout's distinct styles, numbered in order of first use, and for each of `layout.styles` the
 * number of its style. Both writers (this file's `renderLayout` and the direct writer `sheet-xml.ts`)
 * number styles this way, so their cells get the same merged style.
 */
export function distinctStyles(layout: SheetLayout): { applied: number[]; distinct: CellStyle[] } {
  const ids = new Map<string, number>();
  const distinct: CellStyle[] = [];
  const applied = layout.styles.map(({ style }) => {
    const key = JSON.stringify(style);
    let id = ids.get(key);
    if (id === undefined) {
      id = distinct.length;
      ids.set(key, id);
      distinct.push(style);
    }
    return id;
  });
  return { applied, distinct };
}

/**
 * {@link cellStyles} as signatures: per cell (row × columns + column) the ids of the distinct styles
 * applied to it, in order ("3.7."), and the merged style of a signature. A status sheet of 700
 * tables has 42,000 styled cells but a few dozen signatures, so each is merged once.
 */
function styleGrid(layout: SheetLayout): { sigs: (string | undefined)[]; style: (sig: string) => CellStyle } {
  const cols = layout.columnWidths.length;
  const { applied, distinct } = distinctStyles(layout);
  const sigs: (string | undefined)[] = new Array(layout.values.length * cols);
  layout.styles.forEach(({ rect }, k) => {
    const id = applied[k] as number;
    for (let r = rect.r1; r <= rect.r2; r++) {
      for (let c = rect.c1; c <= rect.c2 && c < cols; c++) sigs[r * cols + c] = `${sigs[r * cols + c] ?? ""}${id}.`;
    }
  });
  const merged = new Map<string, CellStyle>();
  const style = (sig: string): CellStyle => {
    let m = merged.get(sig);
    if (!m) {
      m = Object.assign({}, ...sig.split(".").filter((x) => x !== "").map((x) => distinct[Number(x)])) as CellStyle;
      merged.set(sig, m);
    }
    return m;
  };
  return { sigs, style };
}

/**
 * The layout's merges. exceljs checks each new merge against every merge before it, which is
 * quadratic: a status sheet of 700 forvaltninger has 2,800 merges and spent 0.6 s there. The
 * overlap check is done here once, over the merged cells, and exceljs then merges each one against
 * an empty index, which is restored afterwards (the index is exceljs's private `_merges`, which
 * xlsx-read.ts reads too).
 */
function mergeAll(ws: ExcelJS.Worksheet, layout: SheetLayout): void {
  const seen = new Set<number>();
  for (const m of layout.merges) {
    for (let r = m.r1; r <= m.r2; r++) {
      for (let c = m.c1; c <= m.c2; c++) {
        const key = r * 16384 + c;
        if (seen.has(key)) throw new Error("Cannot merge already merged cells");
        seen.add(key);
      }
    }
  }
  const sheet = ws as unknown as { _merges: Record<string, unknown> };
  const index = sheet._merges;
  try {
    for (const m of layout.merges) {
      sheet._merges = {};
      ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
      Object.assign(index, sheet._merges);
    }
  } finally {
    sheet._merges = index;
  }
}

/**
 * The exceljs style of a layout cell: one cell style of the core's and its number format. The one
 * definition both writers of jobstatus's sheets use (renderLayout here, and sheet-xml.ts, which
 * writes the same styles directly and must match exceljs's render key for key).
 */
export function excelStyle(s: CellStyle, fmt: string | null | undefined, layout: Pick<SheetLayout, "fontName" | "fontSize">): Partial<ExcelJS.Style> {
  return {
    ...(fmt ? { numFmt: fmt } : {}),
    font: {
      name: layout.fontName,
      size: s.size ?? layout.fontSize,
      ...(s.bold ? { bold: true } : {}),
      ...(s.italic ? { italic: true } : {}),
      ...(s.color ? { color: { argb: argb(s.color) } } : {}),
    },
    ...(s.fill ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } } as ExcelJS.Fill } : {}),
    ...(s.horizontal || s.vertical || s.wrap
      ? {
          alignment: {
            ...(s.horizontal ? { horizontal: s.horizontal } : {}),
            ...(s.vertical ? { vertical: s.vertical === "center" ? "middle" : s.vertical } : {}),
            ...(s.wrap ? { wrapText: true } : {}),
          } as Partial<ExcelJS.Alignment>,
        }
      : {}),
    ...(s.border ? { border: { top: { style: s.border }, bottom: { style: s.border }, left: { style: s.border }, right: { style: s.border } } } : {}),
  };
}

/** Renders a layout into an exceljs worksheet (which must be new and empty). */
export function renderLayout(ws: ExcelJS.Worksheet, layout: SheetLayout): void {
  applyPrintSetup(ws, layout);
  layout.columnWidths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const styles = styleGrid(layout);
  const cols = layout.columnWidths.length;
  // Cells that look alike share one style object: exceljs then serialises each distinct style once
  // when saving (it caches by object), instead of once per cell. A shared object is never changed
  // afterwards: every part of a cell's style is set here, at once.
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  const none: CellStyle = {};
  const styleOf = (sig: string, fmt: string | null | undefined): Partial<ExcelJS.Style> => {
    const key = `${sig}|${fmt ?? ""}`;
    let style = shared.get(key);
    if (style) return style;
    const s = sig === "" ? none : styles.style(sig);
    style = excelStyle(s, fmt, layout);
    shared.set(key, style);
    return style;
  };
  // An empty cell with no style but the workbook's default font (exceljs: Calibri 11) looks and
  // behaves as no cell at all: it is not created (a tenth of a status sheet's cells: the blank rows).
  const defaultFont = layout.fontName === "Calibri" && layout.fontSize === 11;
  layout.values.forEach((values, r) => {
    const row = ws.getRow(r + 1);
    values.forEach((value, c) => {
      const sig = (c < cols ? styles.sigs[r * cols + c] : undefined) ?? "";
      const fmt = layout.numberFormats[r]?.[c];
      if (value === null && sig === "" && !fmt && defaultFont) return;
      const cell = row.getCell(c + 1);
      // Strings are always written as text: exceljs only writes a formula from {formula}.
      cell.value = value;
      cell.style = styleOf(sig, fmt);
    });
  });
  // A link keeps the cell's text and style; the value becomes exceljs's hyperlink value.
  for (const l of layout.links ?? []) {
    const cell = ws.getCell(l.row + 1, l.col + 1);
    cell.value = { text: String(layout.values[l.row]?.[l.col] ?? ""), hyperlink: `#${linkReference(l)}` };
  }
  mergeAll(ws, layout);
  for (const h of layout.rowHeights) ws.getRow(h.row + 1).height = h.height;
  // exceljs puts a page break after the row it is called on.
  for (const r of layout.pageBreaks ?? []) if (r > 0) ws.getRow(r).addPageBreak();
  for (const v of layout.validations ?? []) {
    for (let r = v.rect.r1; r <= v.rect.r2; r++) {
      for (let c = v.rect.c1; c <= v.rect.c2; c++) {
        ws.getCell(r + 1, c + 1).dataValidation = {
          type: v.kind,
          operator: "greaterThanOrEqual",
          allowBlank: true,
          formulae: [v.min],
          showErrorMessage: true,
          showInputMessage: true,
          prompt: v.prompt,
          error: v.prompt,
        };
      }
    }
  }
  const gridlines = layout.showGridlines === false ? { showGridLines: false } : {};
  if (layout.freezeRows) ws.views = [{ state: "frozen", ySplit: layout.freezeRows, ...gridlines }];
  else if (layout.showGridlines === false) ws.views = [{ state: "normal", ...gridlines }];
}

/** A4 at the layout's fixed scale (never Fit To: it makes Excel ignore the page breaks), print area, footer. */
function applyPrintSetup(ws: ExcelJS.Worksheet, layout: SheetLayout): void {
  const { print } = layout;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: print.orientation,
    fitToPage: false,
    scale: print.scale,
    margins: { ...print.margins },
    // exceljs puts a `$` before each corner; the row's `$` is ours, so the name is absolute ($A$1:$F$103).
    ...(print.printArea ? { printArea: `A$1:${columnLetter(layout.columnWidths.length)}$${Math.max(1, layout.values.length)}` } : {}),
  };
  if (print.footer) ws.headerFooter = { ...ws.headerFooter, oddFooter: `&L${print.footer.left}&R${print.footer.right}` };
}

/** 1 → A, 27 → AA. */
function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * Makes the copy open on `ws`, as a finished report: it becomes the active tab, and no other tab
 * stays selected with it (Excel would open with the sheets grouped, and an edit would hit them all).
 * Only the workbook's view changes; no sheet's content.
 */
export function openOn(workbook: ExcelJS.Workbook, ws: ExcelJS.Worksheet): void {
  const index = workbook.worksheets.indexOf(ws);
  workbook.views = [{ ...(workbook.views?.[0] ?? { x: 0, y: 0, width: 12000, height: 24000, visibility: "visible" }), activeTab: index, firstSheet: 0 }];
  for (const other of workbook.worksheets) {
    const views = other.views ?? [];
    if (views.length === 0) continue;
    // exceljs reads and writes `tabSelected`, but its types do not declare it.
    const first = { ...views[0], tabSelected: other === ws } as unknown as ExcelJS.WorksheetView;
    other.views = [first, ...views.slice(1)];
  }
}

/**
 * Undoes read defaults of exceljs that would otherwise change the user's sheets in the copy:
 * - it reads a sheet without a first page number as `firstPageNumber: 1` and then writes
 *   `useFirstPageNumber="1"`, which turns Excel's »Auto« page numbering into »start at 1«;
 * - it reads a print area `$A$1:$F$20` as `A1:F20` and writes it back as `$A1:$F20`, a name whose
 *   rows are relative. Excel writes print areas absolute, so the rows' `$` are put back.
 * (regressions.test.ts)
 */
export function keepAsRead(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((ws) => {
    const setup = ws.pageSetup as ExcelJS.PageSetup & { useFirstPageNumber?: boolean };
    if (!setup) return;
    if (setup.useFirstPageNumber === false) setup.firstPageNumber = undefined as unknown as number;
    if (setup.printArea) setup.printArea = setup.printArea.replace(/\$?([A-Z]+)\$?(\d+)/g, "$1$$$2");
  });
}

/**
 * Adds the status sheet to a workbook, replacing the sheet of that name only when jobstatus owns it
 * (the caller decided that with chooseOutputSheet), and marks it as owned.
 */
export function writeReport(workbook: ExcelJS.Workbook, layout: SheetLayout, year: number, replaces: boolean, marker = ownerName(year)): ExcelJS.Worksheet {
  let orderNo: number | undefined;
  if (replaces) {
    const old = workbook.getWorksheet(layout.sheetName);
    if (old) {
      orderNo = (old as unknown as { orderNo: number }).orderNo;
      workbook.removeWorksheet(old.id);
    }
  }
  const ws = workbook.addWorksheet(layout.sheetName, { properties: { tabColor: { argb: "FF0F6CBD" } } });
  // A replaced report keeps its place among the tabs.
  if (orderNo !== undefined) (ws as unknown as { orderNo: number }).orderNo = orderNo;
  renderLayout(ws, layout);
  const name = marker;
  for (const dn of workbook.definedNames.model as { name: string; ranges: string[] }[]) {
    if (dn.name === name) for (const r of dn.ranges) workbook.definedNames.remove(r, name);
  }
  workbook.definedNames.add(ownerReference(layout.sheetName), name);
  return ws;
}
