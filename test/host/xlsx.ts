/**
 * Node only: reads a real .xlsx into the test host's model and writes the model back, via exceljs.
 */
import { calcModeOfXlsx } from "../../src/cli/calc-mode";
import ExcelJS from "../../src/cli/exceljs";
import { promises as fs } from "node:fs";
import { cellKey, columnIndex, columnName, mustParseRangeRef, rectToA1, splitSheet } from "./address";
import { chartsOfXlsx } from "./xlsx-charts";
import { argbOf, isEmpty, modelFromWorkbook, type Footer, type SheetViewLike } from "./xlsx-model";

export { modelFromWorkbook } from "./xlsx-model";
import { createHost, TestHost } from "./host";
import {
  BorderModel,
  BorderStyle,
  CellModel,
  CellValue,
  CfModel,
  DEFAULT_STYLE,
  HAlign,
  SheetModel,
  StyleKey,
  StyleModel,
  VAlign,
  WorkbookModel,
  createModel,
  emptySheet,
  newCfId,
} from "./model";

/** Reads an .xlsx file (path) or its bytes into a host model. */
export async function loadXlsx(source: string | Uint8Array | ArrayBuffer): Promise<WorkbookModel> {
  const wb = new ExcelJS.Workbook();
  if (typeof source === "string") await wb.xlsx.readFile(source);
  else await wb.xlsx.load((source instanceof Uint8Array ? source : new Uint8Array(source)) as unknown as ExcelJS.Buffer);
  const model = modelFromWorkbook(wb, typeof source === "string" ? source.split(/[\\/]/).pop() : undefined);
  // exceljs drops `<calcPr calcMode>`: read it from the bytes (as the CLI does) for Application.calculationMode.
  const bytes = typeof source === "string" ? new Uint8Array(await fs.readFile(source)) : source instanceof Uint8Array ? source : new Uint8Array(source);
  const mode = await calcModeOfXlsx(bytes);
  // exceljs drops charts: read them from the bytes (xlsx-charts.ts), so a test can see they stay.
  const charts = chartsOfXlsx(bytes);
  for (const sheet of model.sheets) {
    const found = charts.get(sheet.name);
    if (found) sheet.charts = found;
  }
  if (mode === "manual") model.calculationMode = "Manual";
  else if (mode === "autoNoTable") model.calculationMode = "AutomaticExceptTables";
  return model;
}

/** A host over an .xlsx file. */
export async function loadXlsxHost(source: string | Uint8Array | ArrayBuffer): Promise<TestHost> {
  return createHost(await loadXlsx(source));
}

/** The style a cell shows: whole-sheet, then column, row and cell formats; null resets to the default. */
function effectiveStyle(sheet: SheetModel, row: number, col: number, own: StyleModel | undefined): StyleModel {
  const out: Record<string, unknown> = {};
  for (const layer of [sheet.sheetStyle, sheet.colStyles[columnName(col)], sheet.rowStyles[String(row + 1)], own]) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) {
      if (v === null) delete out[k];
      else if (v !== undefined) out[k] = v;
    }
  }
  return out as StyleModel;
}

const H_OUT: Record<HAlign, ExcelJS.Alignment["horizontal"] | undefined> = {
  general: undefined,
  left: "left",
  center: "center",
  right: "right",
  fill: "fill",
  justify: "justify",
  centerContinuous: "centerContinuous",
  distributed: "distributed",
};
const V_OUT: Record<VAlign, ExcelJS.Alignment["vertical"]> = { top: "top", center: "middle", bottom: "bottom", justify: "justify", distributed: "distributed" };

function borderOut(b: BorderModel | null | undefined): Partial<ExcelJS.Border> | undefined {
  return b ? { style: b.style, color: argbOf(b.color) } : undefined;
}

/** Model style → exceljs style; a font is always written whole, so no viewer falls back to its own default. */
function styleOut(s: StyleModel): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (s.numFmt) out.numFmt = s.numFmt;
  const fontKeys: StyleKey[] = ["fontName", "fontSize", "bold", "italic", "underline", "fontColor"];
  if (fontKeys.some((k) => s[k] !== undefined && s[k] !== null)) {
    const font: Partial<ExcelJS.Font> = { name: s.fontName ?? DEFAULT_STYLE.fontName, size: s.fontSize ?? DEFAULT_STYLE.fontSize };
    if (s.bold) font.bold = true;
    if (s.italic) font.italic = true;
    if (s.underline) font.underline = true;
    if (s.fontColor) font.color = argbOf(s.fontColor);
    out.font = font;
  }
  if (s.fill) out.fill = { type: "pattern", pattern: "solid", fgColor: argbOf(s.fill) };
  const border: Partial<ExcelJS.Borders> = {};
  const top = borderOut(s.borderTop);
  const bottom = borderOut(s.borderBottom);
  const left = borderOut(s.borderLeft);
  const right = borderOut(s.borderRight);
  if (top) border.top = top;
  if (bottom) border.bottom = bottom;
  if (left) border.left = left;
  if (right) border.right = right;
  if (!isEmpty(border)) out.border = border;
  const alignment: Partial<ExcelJS.Alignment> = {};
  const h = s.hAlign ? H_OUT[s.hAlign] : undefined;
  if (h) alignment.horizontal = h;
  if (s.vAlign && s.vAlign !== "bottom") alignment.vertical = V_OUT[s.vAlign];
  if (s.wrap) alignment.wrapText = true;
  if (!isEmpty(alignment)) out.alignment = alignment;
  return out;
}

function valueOut(cell: CellModel): ExcelJS.CellValue {
  const v = cell.v;
  const plain: ExcelJS.CellValue = v === undefined ? null : typeof v === "object" ? ({ error: v.error } as ExcelJS.CellErrorValue) : v;
  if (cell.f) {
    const formula: ExcelJS.CellFormulaValue = { formula: cell.f.replace(/^=/, ""), date1904: false };
    if (plain !== null) formula.result = plain as ExcelJS.CellFormulaValue["result"];
    return formula;
  }
  return plain;
}


/** `&L…&C…&R…` (Excel's footer sections) from the parts. */
function footerCode(f: Footer): string {
  return `${f.left ? `&L${f.left}` : ""}${f.center ? `&C${f.center}` : ""}${f.right ? `&R${f.right}` : ""}`;
}

/** The parts of `&L…&C…&R…`; a doubled `&&` is literal text, not a section mark. */

/** Converts a host model into an exceljs workbook. */
export function workbookFromModel(model: WorkbookModel): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  if (model.date1904) wb.properties.date1904 = true;
  const activeIndex = Math.max(0, model.sheets.findIndex((s) => s.id === model.activeSheetId));
  model.sheets.forEach((sheet, index) => {
    const view: SheetViewLike = sheet.freeze ? { state: "frozen", xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows } : { state: "normal" };
    Object.assign(view, { showGridLines: sheet.showGridlines, tabSelected: index === activeIndex, activeCell: sheet.selection.split(":")[0] });
    const ws = wb.addWorksheet(sheet.name, {
      state: sheet.visibility,
      views: [view as unknown as Partial<ExcelJS.WorksheetView>],
      ...(sheet.tabColor ? { properties: { tabColor: argbOf(sheet.tabColor) } } : {}),
    });
    const ps = sheet.pageSetup;
    if (ps.paperSize !== undefined) ws.pageSetup.paperSize = ps.paperSize as ExcelJS.PaperSize;
    if (ps.orientation) ws.pageSetup.orientation = ps.orientation;
    if (ps.fitToPage) {
      ws.pageSetup.fitToPage = true;
      ws.pageSetup.fitToWidth = ps.fitToWidth ?? 1;
      ws.pageSetup.fitToHeight = ps.fitToHeight ?? 1;
    } else if (ps.scale !== undefined) ws.pageSetup.scale = ps.scale;
    // exceljs puts a `$` before each corner; the rows' `$` keep the name absolute, as Excel writes it.
    if (ps.printArea) ws.pageSetup.printArea = ps.printArea.replace(/\$?([A-Z]+)\$?(\d+)/g, "$1$$$2");
    if (ps.footer) ws.headerFooter.oddFooter = footerCode(ps.footer);
    if (ps.margins) ws.pageSetup.margins = { ...ps.margins };
    for (const dv of sheet.dataValidations ?? []) {
      const operators: Record<string, string> = { GreaterThanOrEqualTo: "greaterThanOrEqual", GreaterThan: "greaterThan", LessThan: "lessThan", LessThanOrEqualTo: "lessThanOrEqual", EqualTo: "equal" };
      const rect = mustParseRangeRef(dv.range);
      for (let r = rect.r1; r <= rect.r2; r++) {
        for (let c = rect.c1; c <= rect.c2; c++) {
          ws.getCell(r + 1, c + 1).dataValidation = {
            type: dv.kind === "wholeNumber" ? "whole" : "decimal",
            operator: (operators[dv.operator] ?? "greaterThanOrEqual") as ExcelJS.DataValidationOperator,
            allowBlank: true,
            formulae: [dv.formula1],
            ...(dv.prompt ? { showInputMessage: true, prompt: dv.prompt } : {}),
            ...(dv.errorMessage ? { showErrorMessage: true, error: dv.errorMessage } : {}),
          };
        }
      }
    }
    // exceljs breaks the page after the row it is called on.
    for (const r of ps.rowBreaks ?? []) ws.getRow(r).addPageBreak();
    for (const [letter, width] of Object.entries(sheet.columnWidths)) ws.getColumn(letter).width = width;
    const sheetStyle = sheet.sheetStyle;
    for (const [letter, layer] of Object.entries(sheet.colStyles)) {
      const c = columnIndex(letter);
      if (c !== undefined) ws.getColumn(letter).style = styleOut(effectiveStyle({ ...sheet, rowStyles: {} }, 0, c, layer));
    }
    for (const [row, layer] of Object.entries(sheet.rowStyles)) {
      (ws.getRow(Number(row)) as unknown as { style: Partial<ExcelJS.Style> }).style = styleOut({ ...sheetStyle, ...layer } as StyleModel);
    }
    for (const [row, height] of Object.entries(sheet.rowHeights)) ws.getRow(Number(row)).height = height;
    for (const row of sheet.hiddenRows ?? []) ws.getRow(row).hidden = true;
    for (const letter of sheet.hiddenColumns ?? []) ws.getColumn(letter).hidden = true;
    const masters = new Map<string, boolean>();
    for (const m of sheet.merges) {
      ws.mergeCellsWithoutStyle(m);
      const r = mustParseRangeRef(m);
      for (let i = r.r1; i <= r.r2; i++) for (let j = r.c1; j <= r.c2; j++) masters.set(cellKey(i, j), i === r.r1 && j === r.c1);
    }
    for (const [key, cell] of Object.entries(sheet.cells)) {
      const target = ws.getCell(key);
      if (masters.get(key) !== false) {
        const v = valueOut(cell);
        if (v !== null) target.value = cell.link !== undefined ? { text: String(v), hyperlink: `#${cell.link}` } : v;
      }
      if (cell.note !== undefined) target.note = cell.note;
      const { r1, c1 } = mustParseRangeRef(key);
      const style = styleOut(effectiveStyle(sheet, r1, c1, cell.s));
      if (!isEmpty(style)) target.style = style;
    }
    sheet.conditionalFormats.forEach((cf, i) => {
      const ref = cf.ranges.join(" ");
      if (cf.kind === "raw") {
        ws.addConditionalFormatting({ ref, rules: [{ ...(cf.rule as ExcelJS.ConditionalFormattingRule), priority: i + 1 }] });
        return;
      }
      const style: Partial<ExcelJS.Style> = {};
      if (cf.fill) style.fill = { type: "pattern", pattern: "solid", bgColor: argbOf(cf.fill) };
      if (cf.fontColor || cf.bold || cf.italic) {
        style.font = {};
        if (cf.fontColor) style.font.color = argbOf(cf.fontColor);
        if (cf.bold) style.font.bold = true;
        if (cf.italic) style.font.italic = true;
      }
      ws.addConditionalFormatting({ ref, rules: [{ type: "expression", priority: i + 1, formulae: [cf.formula.replace(/^=/, "")], style }] });
    });
  });
  for (const n of model.names) {
    // Sheet-scoped names (jobstatus's marks) are not saved: exceljs keeps every name workbook-wide.
    if (n.sheetId !== undefined) continue;
    // exceljs can only store names that refer to cells; constants and #REF! names are lost on save
    for (const part of n.formula.replace(/^=/, "").split(",")) {
      const { sheet, ref } = splitSheet(part);
      if (sheet !== undefined && /^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/i.test(ref)) wb.definedNames.add(part, n.name);
    }
  }
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: activeIndex, visibility: "visible" }];
  return wb;
}

/** Writes the model (or a host's current model) as .xlsx; returns the bytes and writes them to `target` if given. */
export async function saveXlsx(source: WorkbookModel | TestHost, target?: string): Promise<Uint8Array> {
  const model = source instanceof TestHost ? source.model : source;
  const buffer = new Uint8Array(await workbookFromModel(model).xlsx.writeBuffer());
  if (target !== undefined) await fs.writeFile(target, buffer);
  return buffer;
}
