/**
 * Node only: reads a real .xlsx into the test host's model and writes the model back, via exceljs.
 */
import ExcelJS from "../../src/cli/exceljs";
import { promises as fs } from "node:fs";
import { cellKey, columnIndex, columnName, mustParseRangeRef, rectToA1, splitSheet } from "./address";
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

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function dateToSerial(d: Date, date1904: boolean): number {
  return (d.getTime() - (date1904 ? EPOCH_1904 : EPOCH_1900)) / DAY_MS;
}

function hexOf(color: Partial<ExcelJS.Color> | undefined): string | undefined {
  const argb = color?.argb;
  if (typeof argb !== "string" || !/^[0-9a-fA-F]{6,8}$/.test(argb)) return undefined;
  return `#${argb.slice(-6).toUpperCase()}`;
}

function argbOf(hex: string): { argb: string } {
  return { argb: `FF${hex.replace(/^#/, "").toUpperCase()}` };
}

/** An exceljs value as stored in the model (formulas are handled by the caller). */
function valueOf(v: unknown, date1904: boolean): CellValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateToSerial(v, date1904);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join("");
    if (typeof o.text === "string") return o.text;
    if ("result" in o) return valueOf(o.result, date1904);
  }
  return undefined;
}

const H_IN: Record<string, HAlign> = { left: "left", center: "center", right: "right", fill: "fill", justify: "justify", centerContinuous: "centerContinuous", distributed: "distributed" };
const V_IN: Record<string, VAlign> = { top: "top", middle: "center", bottom: "bottom", justify: "justify", distributed: "distributed" };
const BORDER_STYLES: readonly string[] = ["thin", "medium", "thick", "hair", "dotted", "dashed", "double", "mediumDashed", "dashDot", "mediumDashDot", "dashDotDot", "mediumDashDotDot", "slantDashDot"];

function borderIn(b: Partial<ExcelJS.Border> | undefined): BorderModel | undefined {
  if (!b?.style || !BORDER_STYLES.includes(b.style)) return undefined;
  return { style: b.style as BorderStyle, color: hexOf(b.color) ?? "#000000" };
}

/** exceljs style → model style, keeping only what differs from Excel's defaults. */
function styleIn(s: Partial<ExcelJS.Style> | undefined): StyleModel {
  const out: StyleModel = {};
  if (!s) return out;
  if (s.numFmt && s.numFmt !== "General") out.numFmt = s.numFmt;
  const f = s.font;
  if (f) {
    if (f.name && f.name !== DEFAULT_STYLE.fontName) out.fontName = f.name;
    if (f.size && f.size !== DEFAULT_STYLE.fontSize) out.fontSize = f.size;
    if (f.bold) out.bold = true;
    if (f.italic) out.italic = true;
    if (f.underline && f.underline !== "none") out.underline = true;
    const c = hexOf(f.color);
    if (c && c !== DEFAULT_STYLE.fontColor) out.fontColor = c;
  }
  const fill = s.fill;
  if (fill && fill.type === "pattern" && fill.pattern === "solid") {
    const c = hexOf(fill.fgColor) ?? hexOf(fill.bgColor);
    if (c) out.fill = c;
  }
  const b = s.border;
  if (b) {
    const top = borderIn(b.top);
    const bottom = borderIn(b.bottom);
    const left = borderIn(b.left);
    const right = borderIn(b.right);
    if (top) out.borderTop = top;
    if (bottom) out.borderBottom = bottom;
    if (left) out.borderLeft = left;
    if (right) out.borderRight = right;
  }
  const a = s.alignment;
  if (a) {
    const h = a.horizontal ? H_IN[a.horizontal] : undefined;
    const v = a.vertical ? V_IN[a.vertical] : undefined;
    if (h) out.hAlign = h;
    if (v && v !== "bottom") out.vAlign = v;
    if (a.wrapText) out.wrap = true;
  }
  return out;
}

const isEmpty = (o: object): boolean => Object.keys(o).length === 0;

/** The parts of a sheet view exceljs reads and writes (its typings split them over a union). */
interface SheetViewLike {
  state?: string;
  xSplit?: number;
  ySplit?: number;
  showGridLines?: boolean;
  tabSelected?: boolean;
  activeCell?: string;
}

const CF_TYPES: Record<string, string> = {
  expression: "Custom",
  cellIs: "CellValue",
  top10: "TopBottom",
  aboveAverage: "PresetCriteria",
  colorScale: "ColorScale",
  iconSet: "IconSet",
  containsText: "ContainsText",
  timePeriod: "PresetCriteria",
  dataBar: "DataBar",
};

/** Converts an exceljs workbook into a host model. */
export function modelFromWorkbook(wb: ExcelJS.Workbook, fileName?: string): WorkbookModel {
  const model = createModel(["_"]);
  model.sheets = [];
  const date1904 = wb.properties?.date1904 === true;
  if (date1904) model.date1904 = true;
  if (fileName !== undefined) model.fileName = fileName;
  for (const ws of wb.worksheets) {
    const sheet = emptySheet(model, ws.name);
    sheet.visibility = ws.state === "hidden" ? "hidden" : ws.state === "veryHidden" ? "veryHidden" : "visible";
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      if (typeof row.height === "number") sheet.rowHeights[String(rowNumber)] = row.height;
      const rowStyle = styleIn((row as unknown as { style?: Partial<ExcelJS.Style> }).style);
      if (!isEmpty(rowStyle)) sheet.rowStyles[String(rowNumber)] = rowStyle;
      row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
        const model: CellModel = {};
        if (cell.type === ExcelJS.ValueType.Formula) {
          model.f = `=${cell.formula}`;
          const v = valueOf(cell.result, date1904);
          if (v !== undefined) model.v = v;
        } else if (cell.type !== ExcelJS.ValueType.Merge) {
          const v = valueOf(cell.value, date1904);
          if (v !== undefined) model.v = v;
        }
        const s = styleIn(cell.style);
        if (!isEmpty(s)) model.s = s;
        if (!isEmpty(model)) sheet.cells[cellKey(rowNumber - 1, colNumber - 1)] = model;
      });
    });
    for (const col of ws.columns ?? []) {
      if (col.number === undefined) continue;
      const letter = columnName(col.number - 1);
      if (typeof col.width === "number") sheet.columnWidths[letter] = col.width;
      const s = styleIn(col.style);
      if (!isEmpty(s)) sheet.colStyles[letter] = s;
    }
    const merges = (ws as unknown as { _merges?: Record<string, { range: string }> })._merges ?? {};
    sheet.merges = Object.values(merges).map((m) => rectToA1(mustParseRangeRef(m.range)));
    const ps = ws.pageSetup;
    if (typeof ps.paperSize === "number") sheet.pageSetup.paperSize = ps.paperSize;
    if (ps.orientation === "landscape") sheet.pageSetup.orientation = "landscape";
    else if (ps.orientation === "portrait") sheet.pageSetup.orientation = "portrait";
    if (ps.fitToPage) {
      sheet.pageSetup.fitToPage = true;
      sheet.pageSetup.fitToWidth = ps.fitToWidth ?? 1;
      sheet.pageSetup.fitToHeight = ps.fitToHeight ?? 1;
    } else if (typeof ps.scale === "number" && ps.scale !== 100) sheet.pageSetup.scale = ps.scale;
    if (ps.printArea) sheet.pageSetup.printArea = ps.printArea;
    if (ps.margins) sheet.pageSetup.margins = { ...ps.margins };
    const footer = parseFooter(ws.headerFooter?.oddFooter);
    if (footer) sheet.pageSetup.footer = footer;
    const view = ws.views?.[0] as SheetViewLike | undefined;
    if (view) {
      if (view.state === "frozen" && ((view.xSplit ?? 0) > 0 || (view.ySplit ?? 0) > 0)) sheet.freeze = { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 };
      if (view.showGridLines === false) sheet.showGridlines = false;
      if (typeof view.activeCell === "string") sheet.selection = view.activeCell;
    }
    const tab = hexOf(ws.properties?.tabColor);
    if (tab) sheet.tabColor = tab;
    const cfs: { priority: number; cf: CfModel }[] = [];
    for (const block of (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? []) {
      const ranges = block.ref.split(/\s+/).filter((r) => r !== "").map((r) => rectToA1(mustParseRangeRef(r)));
      for (const rule of block.rules) {
        const stopIfTrue = (rule as { stopIfTrue?: boolean }).stopIfTrue === true;
        let cf: CfModel;
        if (rule.type === "expression") {
          const formula = String(rule.formulae?.[0] ?? "");
          cf = { kind: "custom", id: newCfId(model), ranges, formula: formula.startsWith("=") ? formula : `=${formula}`, stopIfTrue };
          const st = rule.style;
          const fill = st?.fill && st.fill.type === "pattern" ? hexOf(st.fill.bgColor) ?? hexOf(st.fill.fgColor) : undefined;
          if (fill) cf.fill = fill;
          const fc = hexOf(st?.font?.color);
          if (fc) cf.fontColor = fc;
          if (st?.font?.bold) cf.bold = true;
          if (st?.font?.italic) cf.italic = true;
        } else {
          cf = { kind: "raw", id: newCfId(model), ranges, type: CF_TYPES[rule.type] ?? "Custom", rule: JSON.parse(JSON.stringify(rule)) as unknown, stopIfTrue };
        }
        cfs.push({ priority: rule.priority ?? cfs.length + 1, cf });
      }
    }
    sheet.conditionalFormats = cfs.sort((a, b) => a.priority - b.priority).map((x) => x.cf);
    model.sheets.push(sheet);
  }
  if (model.sheets.length === 0) throw new Error("TestHost: the workbook has no sheets");
  for (const dn of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    if (dn.ranges.length > 0) model.names.push({ name: dn.name, formula: `=${dn.ranges.join(",")}`, comment: "", visible: true });
  }
  const activeTab = (wb.views as { activeTab?: number }[] | undefined)?.[0]?.activeTab ?? 0;
  const active = model.sheets[activeTab];
  model.activeSheetId = (active && active.visibility === "visible" ? active : model.sheets.find((s) => s.visibility === "visible") ?? model.sheets[0])?.id ?? "";
  return model;
}

/** Reads an .xlsx file (path) or its bytes into a host model. */
export async function loadXlsx(source: string | Uint8Array | ArrayBuffer): Promise<WorkbookModel> {
  const wb = new ExcelJS.Workbook();
  if (typeof source === "string") await wb.xlsx.readFile(source);
  else await wb.xlsx.load((source instanceof Uint8Array ? source : new Uint8Array(source)) as unknown as ExcelJS.Buffer);
  return modelFromWorkbook(wb, typeof source === "string" ? source.split(/[\\/]/).pop() : undefined);
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

type Footer = NonNullable<WorkbookModel["sheets"][number]["pageSetup"]["footer"]>;

/** `&L…&C…&R…` (Excel's footer sections) from the parts. */
function footerCode(f: Footer): string {
  return `${f.left ? `&L${f.left}` : ""}${f.center ? `&C${f.center}` : ""}${f.right ? `&R${f.right}` : ""}`;
}

/** The parts of `&L…&C…&R…`; a doubled `&&` is literal text, not a section mark. */
function parseFooter(code: string | undefined): Footer | undefined {
  if (!code) return undefined;
  const out: Footer = {};
  const parts = { L: "left", C: "center", R: "right" } as const;
  let part: keyof typeof parts = "C";
  let text = "";
  const flush = () => {
    if (text) out[parts[part]] = (out[parts[part]] ?? "") + text;
    text = "";
  };
  for (let i = 0; i < code.length; i++) {
    const next = code[i + 1];
    if (code[i] === "&" && (next === "L" || next === "C" || next === "R")) {
      flush();
      part = next;
      i++;
    } else if (code[i] === "&" && next === "&") {
      text += "&&";
      i++;
    } else text += code[i];
  }
  flush();
  return out;
}

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
        if (v !== null) target.value = v;
      }
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
