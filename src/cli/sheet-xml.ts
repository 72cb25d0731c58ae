/**
 * jobstatus's own sheets (the status sheet and Kilder) written as worksheet XML directly from their
 * layouts, for the spliced copy (xlsx-splice.ts, issue 20). Until now they were rendered into a
 * scratch exceljs workbook (xlsx-write.ts, `writeReport`) which exceljs then saved, only for the
 * splice to read the two sheets back out of it: at 700 forvaltninger that render and save cost
 * more than exceljs's load and save of the whole input.
 *
 * The XML written here is the XML exceljs 4.4.0 writes for the same layout, part for part: the same
 * cells (blank cells without a style are left out, merged cells take their first cell's style), the
 * same shared strings in the same order (escaped as src/xlsx/xstring.ts escapes them), the same
 * cell formats in the same order (exceljs's own style serialiser, with the `<font>` fix, builds
 * `xl/styles.xml` from the same style objects), the same columns, merges, links (as exceljs writes
 * them: a relationship and a `location`), row heights, page breaks, print setup, footer, print area
 * and owner names. test/cli/sheet-xml.test.ts holds the two writers to the same bytes and to the
 * same cells read back.
 *
 * What this writer does not model (frozen panes, data validations: the template's; a sheet name
 * with an apostrophe, whose print area exceljs writes unquoted, or one exceljs refuses or shortens;
 * a merge over a merge; a value that
 * is not a finite number or a text; a link on an empty cell, which exceljs writes as JSON text)
 * makes it return undefined: the caller then renders with
 * exceljs as before. Node only (the CLI).
 */
import ExcelJS from "./exceljs";
import { type CellStyle, type LayoutValue, type SheetLayout, columnName, linkReference, ownerReference } from "../core";
import { escapeXstring } from "../xlsx/xstring";
import type { ScratchPackage, ScratchSheet } from "./xlsx-splice";
import { distinctStyles, excelStyle } from "./xlsx-write";

/** One of jobstatus's sheets: its layout and the owner name that marks it (`jobstatus_rapport_2025`). */
export interface OwnSheet {
  readonly layout: SheetLayout;
  readonly marker: string;
}

const TAB_COLOR = "FF0F6CBD";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const WORKSHEET_OPEN =
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">';
const HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

/** exceljs's value types, as its cell serialiser and style serialiser read them. */
const { Null, Merge, Number: NumberType, String: StringType, Hyperlink } = ExcelJS.ValueType;

/** exceljs's XML escaping (utils.xmlEncode): the five entities, and C0 controls but tab, LF and CR dropped. */
function xmlEncode(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] ?? "");
}

/** 1 → A, 27 → AA (exceljs's colCache.n2l), by the core's one definition. */
const columnLetter = (n: number): string => columnName(n - 1);

/** exceljs's style serialiser for a workbook being saved (a fresh one per call), as far as used here. */
interface StylesXform {
  addStyleModel(style: Partial<ExcelJS.Style>, cellType: number): number;
  readonly xml: string;
}

let stylesClass: (new (initialise: boolean) => StylesXform) | undefined;

/** A fresh exceljs style serialiser: reached through exceljs's write preparation, as the `<font>` fix reaches its font serialiser. */
function newStyles(): StylesXform {
  if (!stylesClass) {
    const probe = new ExcelJS.Workbook();
    const model = probe.model as unknown as { styles?: StylesXform };
    (probe.xlsx as unknown as { prepareModel(m: unknown, o: unknown): void }).prepareModel(model, {});
    const found = model.styles?.constructor as (new (initialise: boolean) => StylesXform) | undefined;
    if (!found) throw new Error("exceljs: the style serialiser was not found (exceljs is pinned at 4.4.0)");
    stylesClass = found;
  }
  return new stylesClass(true);
}

/** A cell as exceljs holds it after `renderLayout`: its value type, value and style object. */
interface ModelCell {
  type: number;
  value: LayoutValue;
  style: Partial<ExcelJS.Style>;
  link?: string;
  /** A merged cell's first cell (1-based row, column). */
  master?: readonly [number, number];
}

const EMPTY_STYLE: Partial<ExcelJS.Style> = {};

/**
 * The cell styles of a layout, as `renderLayout` builds them: per cell the ids of the distinct styles
 * applied to it, and one style object per distinct (style, number format) pair.
 */
function styleObjects(layout: SheetLayout): { objectAt: (r: number, c: number) => Partial<ExcelJS.Style>; plainAt: (r: number, c: number) => boolean } {
  const cols = layout.columnWidths.length;
  const { applied, distinct } = distinctStyles(layout);
  // Per cell the sequence of styles applied to it (renderLayout's signature »3.7.«), as a number:
  // each distinct sequence is numbered once, by the step that extends it (no text per cell).
  const sigStyles: number[][] = [[]];
  const step = new Map<number, number>();
  const width = distinct.length + 1;
  const sigs = new Int32Array(layout.values.length * cols);
  layout.styles.forEach(({ rect }, k) => {
    const id = applied[k] as number;
    for (let r = rect.r1; r <= rect.r2; r++) {
      for (let c = rect.c1; c <= rect.c2 && c < cols; c++) {
        const at = r * cols + c;
        if (at >= sigs.length) continue;
        const from = sigs[at] as number;
        let to = step.get(from * width + id);
        if (to === undefined) {
          to = sigStyles.length;
          sigStyles.push([...(sigStyles[from] as number[]), id]);
          step.set(from * width + id, to);
        }
        sigs[at] = to;
      }
    }
  });
  const plain: (Partial<ExcelJS.Style> | undefined)[] = [];
  const formatted = new Map<string, Partial<ExcelJS.Style>>();
  const sigOf = (r: number, c: number): number => (c < cols && r * cols + c < sigs.length ? (sigs[r * cols + c] as number) : 0);
  const objectAt = (r: number, c: number): Partial<ExcelJS.Style> => {
    const sig = sigOf(r, c);
    const fmt = layout.numberFormats[r]?.[c];
    let style = fmt ? formatted.get(`${sig}|${fmt}`) : plain[sig];
    if (style) return style;
    const s = Object.assign({}, ...(sigStyles[sig] as number[]).map((x) => distinct[x])) as CellStyle;
    // The object renderLayout (xlsx-write.ts) builds: one definition for both writers.
    style = excelStyle(s, fmt, layout);
    if (fmt) formatted.set(`${sig}|${fmt}`, style);
    else plain[sig] = style;
    return style;
  };
  const plainAt = (r: number, c: number): boolean => sigOf(r, c) === 0 && !layout.numberFormats[r]?.[c];
  return { objectAt, plainAt };
}

/** Whether this writer models every part of the layout (else the caller renders it with exceljs). */
function supported(layout: SheetLayout): boolean {
  if (layout.freezeRows || (layout.validations?.length ?? 0) > 0) return false;
  // exceljs writes a print area `'name'!$A$1:…` without doubling an apostrophe in the name.
  if (layout.sheetName.includes("'")) return false;
  // A name exceljs refuses or shortens (to 31 characters, with a console warning).
  if (layout.sheetName === "" || layout.sheetName === "History" || layout.sheetName.length > 31 || /[*?:/\\[\]]/.test(layout.sheetName)) return false;
  if (layout.columnWidths.length === 0 || !layout.columnWidths.every((w) => Number.isFinite(w) && w > 0)) return false;
  for (const row of layout.values) for (const v of row) if (typeof v === "number" && !Number.isFinite(v)) return false;
  // exceljs takes `{ text: "", hyperlink }` for an object of its own, not a link, and writes it as JSON text.
  for (const l of layout.links ?? []) if (String(layout.values[l.row]?.[l.col] ?? "") === "") return false;
  return true;
}

/** The cells exceljs holds for the layout after renderLayout (rows of sparse columns, 1-based), or undefined for a merge over a merge. */
function modelCells(layout: SheetLayout): (ModelCell | undefined)[][] | undefined {
  // Sparse arrays by row and column (1-based), as exceljs keeps them.
  const rows: (ModelCell | undefined)[][] = [];
  const cell = (r: number, c: number): ModelCell => {
    const row = (rows[r] ??= []);
    let found = row[c];
    if (!found) row[c] = found = { type: Null, value: null, style: EMPTY_STYLE };
    return found;
  };
  const { objectAt, plainAt } = styleObjects(layout);
  const defaultFont = layout.fontName === "Calibri" && layout.fontSize === 11;
  layout.values.forEach((values, r) => {
    values.forEach((value, c) => {
      if (value === null && plainAt(r, c) && defaultFont) return;
      const x = cell(r + 1, c + 1);
      x.value = value;
      x.type = value === null ? Null : typeof value === "number" ? NumberType : StringType;
      x.style = objectAt(r, c);
    });
  });
  for (const l of layout.links ?? []) {
    const x = cell(l.row + 1, l.col + 1);
    x.type = Hyperlink;
    x.value = String(layout.values[l.row]?.[l.col] ?? "");
    x.link = `#${linkReference(l)}`;
  }
  const seen = new Set<number>();
  for (const m of layout.merges) {
    for (let r = m.r1; r <= m.r2; r++) {
      for (let c = m.c1; c <= m.c2; c++) {
        const key = r * 16384 + c;
        if (seen.has(key)) return undefined;
        seen.add(key);
      }
    }
  }
  for (const m of layout.merges) {
    const master = cell(m.r1 + 1, m.c1 + 1);
    for (let r = m.r1; r <= m.r2; r++) {
      for (let c = m.c1; c <= m.c2; c++) {
        if (r === m.r1 && c === m.c1) continue;
        const x = cell(r + 1, c + 1);
        x.type = Merge;
        x.value = null;
        x.link = undefined;
        x.style = master.style;
        x.master = [m.r1 + 1, m.c1 + 1];
      }
    }
  }
  return rows;
}

/** exceljs's shared string table for the sheets being written: texts in order of first use, as `<si>` XML. */
class Strings {
  private readonly index = new Map<string, number>();
  readonly xml: string[] = [];
  add(text: string): number {
    let at = this.index.get(text);
    if (at === undefined) {
      at = this.xml.length;
      this.index.set(text, at);
      const stored = escapeXstring(text);
      const space = /^\s|\n|\s$/.test(stored) ? ' xml:space="preserve"' : "";
      this.xml.push(`<si><t${space}>${xmlEncode(stored)}</t></si>`);
    }
    return at;
  }
}

/** exceljs's Range.expand, which treats 0 as "not set" (kept quirk for quirk, so the dimension is the same). */
class Extent {
  top = 0;
  left = 0;
  bottom = 0;
  right = 0;
  expand(top: number, left: number, bottom: number, right: number): void {
    if (!this.top || top < this.top) this.top = top;
    if (!this.left || left < this.left) this.left = left;
    if (!this.bottom || bottom > this.bottom) this.bottom = bottom;
    if (!this.right || right > this.right) this.right = right;
  }
}

/** The worksheet XML, its relationships (links) and defined names of one layout, or undefined (see the module). */
function sheetXml(own: OwnSheet, index: number, styles: StylesXform, strings: Strings): ScratchSheet | undefined {
  const { layout } = own;
  if (!supported(layout)) return undefined;
  const rows = modelCells(layout);
  if (!rows) return undefined;
  const heights = new Map<number, number>();
  for (const h of layout.rowHeights) heights.set(h.row + 1, h.height);

  // Columns: equal neighbours share one <col>, as exceljs's Column.toModel groups them.
  const cols: string[] = [];
  let start = 0;
  layout.columnWidths.forEach((w, i) => {
    if (i + 1 < layout.columnWidths.length && layout.columnWidths[i + 1] === w) return;
    cols.push(`<col min="${start + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`);
    start = i + 1;
  });

  let last = rows.length - 1;
  for (const r of heights.keys()) if (r > last) last = r;
  const letters: string[] = [];
  const letter = (c: number): string => (letters[c] ??= columnLetter(c));
  const extent = new Extent();
  const data: string[] = [];
  const merges = new Map<number, Extent>();
  const links: { address: string; target: string }[] = [];
  for (let r = 1; r <= last; r++) {
    const row = rows[r] ?? [];
    const height = heights.get(r);
    let min = 0;
    let max = 0;
    for (let c = 1; c < row.length; c++) {
      if (!row[c]) continue;
      if (!min) min = c;
      max = c;
    }
    if (!height && !min) continue;
    extent.expand(r, min, r, max);
    data.push(`<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ""}${min > 0 && max > 0 ? ` spans="${min}:${max}"` : ""} x14ac:dyDescent="0.25">`);
    for (let c = min; c <= max && c > 0; c++) {
      const x = row[c];
      if (!x) continue;
      const address = `${letter(c)}${r}`;
      const s = styles.addStyleModel(x.style, x.type);
      if (x.type === Null && !s) continue;
      const sAttr = s ? ` s="${s}"` : "";
      if (x.type === NumberType) data.push(`<c r="${address}"${sAttr}><v>${String(x.value)}</v></c>`);
      else if (x.type === StringType || x.type === Hyperlink) {
        data.push(`<c r="${address}"${sAttr} t="s"><v>${strings.add(String(x.value))}</v></c>`);
        if (x.type === Hyperlink) links.push({ address, target: x.link as string });
      } else {
        data.push(`<c r="${address}"${sAttr}/>`);
        if (x.type === Merge && x.master) {
          // exceljs collects a merge from its cells, in the order their first merged cell comes.
          const [mr, mc] = x.master;
          const key = mr * 16384 + mc;
          let range = merges.get(key);
          if (!range) {
            merges.set(key, (range = new Extent()));
            range.expand(mr, mc, mr, mc);
          }
          range.expand(r, c, r, c);
        }
      }
    }
    data.push("</row>");
  }
  if (!extent.top || !extent.left || !extent.bottom || !extent.right) return undefined;

  const { print } = layout;
  const parts: string[] = [XML_HEAD, WORKSHEET_OPEN, `<sheetPr><tabColor rgb="${TAB_COLOR}"/></sheetPr>`];
  parts.push(`<dimension ref="${columnLetter(extent.left)}${extent.top}:${columnLetter(extent.right)}${extent.bottom}"/>`);
  if (layout.showGridlines === false) parts.push('<sheetViews><sheetView workbookViewId="0" showGridLines="0"/></sheetViews>');
  parts.push('<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>');
  parts.push(`<cols>${cols.join("")}</cols>`);
  parts.push(data.length > 0 ? `<sheetData>${data.join("")}</sheetData>` : "<sheetData/>");
  if (merges.size > 0) {
    parts.push(`<mergeCells count="${merges.size}">`);
    for (const m of merges.values()) parts.push(`<mergeCell ref="${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}"/>`);
    parts.push("</mergeCells>");
  }
  const rels: string[] = [];
  if (links.length > 0) {
    parts.push("<hyperlinks>");
    links.forEach((l, i) => {
      const rid = `rId${i + 1}`;
      // exceljs writes a `location` only for a target it recognises as »Sheet!A1«.
      const location = /^[^!]+![a-zA-Z]+[\d]+$/.test(l.target) ? ` location="${xmlEncode(l.target)}"` : "";
      parts.push(`<hyperlink ref="${l.address}" r:id="${rid}"${location}/>`);
      rels.push(`<Relationship Id="${rid}" Type="${HYPERLINK_REL}" Target="${xmlEncode(l.target)}" TargetMode="External"/>`);
    });
    parts.push("</hyperlinks>");
  }
  const m = print.margins;
  parts.push(`<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`);
  parts.push(`<pageSetup paperSize="9" orientation="${print.orientation}" horizontalDpi="4294967295" verticalDpi="4294967295" scale="${print.scale}" fitToWidth="1" fitToHeight="1"/>`);
  if (print.footer) parts.push(`<headerFooter><oddFooter>${xmlEncode(`&L${print.footer.left}&R${print.footer.right}`)}</oddFooter></headerFooter>`);
  const breaks = (layout.pageBreaks ?? []).filter((r) => r > 0);
  if (breaks.length > 0) parts.push(`<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<brk id="${r}" max="16838" man="1"/>`).join("")}</rowBreaks>`);
  parts.push("</worksheet>");

  const names = [`<definedName name="${xmlEncode(own.marker)}">${xmlEncode(ownerReference(layout.sheetName))}</definedName>`];
  if (print.printArea) {
    const area = `'${layout.sheetName}'!$A$1:$${columnLetter(layout.columnWidths.length)}$${Math.max(1, layout.values.length)}`;
    names.push(`<definedName name="_xlnm.Print_Area" localSheetId="${index}">${xmlEncode(area)}</definedName>`);
  }
  return {
    name: layout.sheetName,
    xml: parts.join(""),
    rels: rels.length > 0 ? `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>` : undefined,
    names,
  };
}

/**
 * jobstatus's sheets as the splice takes them (`spliceSheets`): each sheet's XML, relationships and
 * names, the styles their cells use and their texts, numbered as exceljs would number them in a
 * workbook of these sheets alone. Undefined when a layout has something this writer does not model.
 */
export function ownSheetsPackage(own: readonly OwnSheet[]): ScratchPackage | undefined {
  if (new Set(own.map((o) => o.layout.sheetName.toLowerCase())).size !== own.length) return undefined;
  const styles = newStyles();
  const strings = new Strings();
  const sheets: ScratchSheet[] = [];
  for (const [i, o] of own.entries()) {
    const sheet = sheetXml(o, i, styles, strings);
    if (!sheet) return undefined;
    sheets.push(sheet);
  }
  // exceljs lists every sheet's owner name before the print areas; each sheet's names keep that order.
  return { sheets, styles: styles.xml, strings: strings.xml };
}
