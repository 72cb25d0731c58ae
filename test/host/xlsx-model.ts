/**
 * Reads an exceljs workbook into the test host's model. Browser-safe (exceljs is only a type here),
 * so the Node helpers (xlsx.ts) and the browser bundle's file reader (insertWorksheetsFromBase64,
 * insert-files.ts) share it.
 */
import type ExcelJS from "exceljs";
import { cellKey, columnName, mustParseRangeRef, rectToA1 } from "./address";
import { BorderModel, BorderStyle, CellModel, CellValue, CfModel, DEFAULT_STYLE, HAlign, StyleModel, VAlign, WorkbookModel, createModel, emptySheet, newCfId } from "./model";

/** exceljs's ValueType.Merge and ValueType.Formula (its enum, without importing exceljs's code). */
const VALUE_TYPE_MERGE = 1;
const VALUE_TYPE_FORMULA = 6;

export type Footer = NonNullable<WorkbookModel["sheets"][number]["pageSetup"]["footer"]>;

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function dateToSerial(d: Date, date1904: boolean): number {
  return (d.getTime() - (date1904 ? EPOCH_1904 : EPOCH_1900)) / DAY_MS;
}

export function hexOf(color: Partial<ExcelJS.Color> | undefined): string | undefined {
  const argb = color?.argb;
  if (typeof argb !== "string" || !/^[0-9a-fA-F]{6,8}$/.test(argb)) return undefined;
  return `#${argb.slice(-6).toUpperCase()}`;
}

export function argbOf(hex: string): { argb: string } {
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

export const isEmpty = (o: object): boolean => Object.keys(o).length === 0;

/** The parts of a sheet view exceljs reads and writes (its typings split them over a union). */
export interface SheetViewLike {
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
      if (row.hidden) (sheet.hiddenRows ??= []).push(rowNumber);
      const rowStyle = styleIn((row as unknown as { style?: Partial<ExcelJS.Style> }).style);
      if (!isEmpty(rowStyle)) sheet.rowStyles[String(rowNumber)] = rowStyle;
      row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
        const model: CellModel = {};
        if (cell.type === VALUE_TYPE_FORMULA) {
          model.f = `=${cell.formula}`;
          const v = valueOf(cell.result, date1904);
          if (v !== undefined) model.v = v;
        } else if (cell.type !== VALUE_TYPE_MERGE) {
          const v = valueOf(cell.value, date1904);
          if (v !== undefined) model.v = v;
        }
        const s = styleIn(cell.style);
        if (!isEmpty(s)) model.s = s;
        const link = (cell.value as { hyperlink?: unknown } | null)?.hyperlink;
        if (typeof link === "string" && link.startsWith("#")) model.link = link.slice(1);
        const note = noteText(cell.note);
        if (note !== undefined) model.note = note;
        if (!isEmpty(model)) sheet.cells[cellKey(rowNumber - 1, colNumber - 1)] = model;
      });
    });
    for (const col of ws.columns ?? []) {
      if (col.number === undefined) continue;
      const letter = columnName(col.number - 1);
      if (typeof col.width === "number") sheet.columnWidths[letter] = col.width;
      if (col.hidden) (sheet.hiddenColumns ??= []).push(letter);
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

export function parseFooter(code: string | undefined): Footer | undefined {
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

/** A cell's note as exceljs reads it (plain text or rich-text runs), as plain text. */
function noteText(note: unknown): string | undefined {
  if (typeof note === "string") return note;
  const texts = (note as { texts?: { text?: unknown }[] } | undefined)?.texts;
  return Array.isArray(texts) ? texts.map((t) => String(t.text ?? "")).join("") : undefined;
}
