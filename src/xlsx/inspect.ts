/**
 * What the reader takes from the parts' XML itself, where exceljs loses it: the workbook's
 * calculation mode, and cell values the file format does not allow. exceljs reads a number cell's
 * `<v>` with parseFloat, so `8,9e1` becomes 8 and `0x10` becomes 0, and a `t="d"` date cell's ISO
 * text `2025-01-31` becomes the number 2025. Here such a cell becomes an error value at its cell
 * (NOT_A_FILE_NUMBER) or a date, so the engine reports it (VALUE_ERROR, VALUE_DATE) instead of
 * counting a wrong figure. Browser-safe, pure.
 */
import { partLookup } from "./part-text";
import { a1, NOT_A_FILE_NUMBER, parseA1, type Cell } from "../core";
import { NotWorkbookError } from "./bounded-zip";

export type CalcMode = "auto" | "manual" | "autoNoTable";

export interface Inspection {
  /** workbook.xml's `<calcPr calcMode>`; absent means automatic. */
  readonly calcMode?: CalcMode;
  /** Cells whose value is read here instead of from exceljs, by sheet name, then A1 address. */
  readonly overrides: ReadonlyMap<string, ReadonlyMap<string, Cell>>;
  /**
   * Every number cell the inspector read strictly, by sheet name, then `cellKey` (a number, cheaper
   * than an A1 string for a million cells): read-grid
   * cross-checks exceljs's number at each cell against it, so where this reader and exceljs's parse
   * disagree (two `<v>`, a comment in `<v>`, attribute text the regexes misread) the cell is an
   * error instead of a figure.
   */
  readonly numbers: ReadonlyMap<string, StrictNumbers>;
}

/**
 * The strict numbers of one sheet by `cellKey`: two Float64Arrays, not a Map (a million number
 * cells cost a Map entry and a boxed key and value each, 70 MB and more; here 16 bytes). Set in any
 * order (a cell without `r` follows the previous one; a file may repeat a cell), read after: the
 * last value set for a key wins, as a Map's would.
 */
export class StrictNumbers {
  private keys = new Float64Array(16);
  private values = new Float64Array(16);
  private count = 0;
  private ordered = true;
  private settled = false;

  set(key: number, value: number): void {
    if (this.settled) throw new Error("strict numbers: set after reading");
    if (this.count === this.keys.length) {
      const keys = new Float64Array(this.count * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Float64Array(this.count * 2);
      values.set(this.values);
      this.values = values;
    }
    if (this.count > 0 && key <= (this.keys[this.count - 1] as number)) this.ordered = false;
    this.keys[this.count] = key;
    this.values[this.count] = value;
    this.count++;
  }

  get size(): number {
    this.settle();
    return this.count;
  }

  get(key: number): number | undefined {
    this.settle();
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid] as number;
      if (k === key) return this.values[mid];
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Sorted by key, one entry per key (the last set), trimmed to size. */
  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.ordered) {
      this.keys = this.keys.slice(0, this.count);
      this.values = this.values.slice(0, this.count);
      return;
    }
    // A stable order by key, then by when it was set: the last of equal keys is the one kept.
    const order = new Uint32Array(this.count);
    for (let i = 0; i < this.count; i++) order[i] = i;
    const keys = this.keys;
    order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
    const outKeys = new Float64Array(this.count);
    const outValues = new Float64Array(this.count);
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      const at = order[i] as number;
      const k = keys[at] as number;
      if (n > 0 && outKeys[n - 1] === k) n--;
      outKeys[n] = k;
      outValues[n] = this.values[at] as number;
      n++;
    }
    this.keys = outKeys.slice(0, n);
    this.values = outValues.slice(0, n);
    this.count = n;
  }
}

/**
 * A number as SpreadsheetML stores it: xsd:double's lexical form (ECMA-376 Part 1, §18.3.1.96
 * `v` of ST_Xstring holding a number for `t="n"`). Not »INF« or »NaN«: no spreadsheet writes them
 * for a count, and they are not a figure.
 */
const FILE_NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * xsd:double's special values (`INF`, `-INF`, `NaN`), and JavaScript's spelling of them as exceljs
 * writes them: read as the values they name, so the engine says »ikke et endeligt tal«
 * (VALUE_NOT_FINITE) as it does for them elsewhere.
 */
const NON_FINITE = new Map<string, number>([
  ["NaN", Number.NaN],
  ["INF", Number.POSITIVE_INFINITY],
  ["+INF", Number.POSITIVE_INFINITY],
  ["-INF", Number.NEGATIVE_INFINITY],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["-Infinity", Number.NEGATIVE_INFINITY],
]);

/** A cell's key in `Inspection.numbers`: 0-based row and column. */
export function cellKey(row: number, col: number): number {
  return row * 16384 + col;
}

export function isFileNumber(text: string): boolean {
  return FILE_NUMBER.test(text);
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** An ISO 8601 date(-time) as Excel's 1900 date serial; undefined when it is not one. */
export function isoToSerial(text: string): number | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?\s*$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isFinite(ms) ? (ms - EXCEL_EPOCH_MS) / 86_400_000 : undefined;
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "amp") return "&";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    const code = e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

/**
 * A `<row>` or a `<c>` with its body. A cell's body runs to its `</c>` but never past the next cell's
 * start tag: a sheet of cells left unclosed (a hostile file) is then one pass, not a search to the
 * end for every cell (docs/dev/security.md).
 */
const CELL_OR_ROW = /<row\b([^>]*)>|<c\b([^>]*?)(?:\/>|>([^<]*(?:<(?!\/c[\s>]|c[\s/>])[^<]*)*)<\/c\s*>)/g;
/**
 * The same where the sheet data holds a comment, CDATA or a processing instruction: these may hold
 * `<c ` text that is no cell, so a body runs to the first `</c>` as before (the second review of
 * 2026-12-08: `<!--<c r="B5">…</c>-->` inside B5 hid B5's bad number from the check above).
 */
const CELL_OR_ROW_WITH_MARKUP = /<row\b([^>]*)>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

/** Whether the sheet data holds a comment, CDATA or a processing instruction. */
function hasMarkup(xml: string): boolean {
  const start = Math.max(0, xml.indexOf("<sheetData"));
  return xml.indexOf("<!--", start) >= 0 || xml.indexOf("<![CDATA[", start) >= 0 || xml.indexOf("<?", start) >= 0;
}

/**
 * Number and date cells of one worksheet's XML whose value must not be taken as exceljs reads it.
 * Cells without an `r` address follow the previous cell in the row (ECMA-376 §18.3.1.4), as in exceljs.
 */
export function scanSheetValues(xml: string, numbers?: { set(key: number, value: number): void }): Map<string, Cell> {
  const out = new Map<string, Cell>();
  // Only cells that hold a <v>; a number-typed cell is the default, so every <c> must be looked at.
  if (!xml.includes("<v")) return out;
  let row = 0;
  let col = -1;
  const re = hasMarkup(xml) ? CELL_OR_ROW_WITH_MARKUP : CELL_OR_ROW;
  re.lastIndex = 0;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    if (m[1] !== undefined) {
      const r = attr(m[1], "r");
      row = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : row + 1;
      col = -1;
      continue;
    }
    const attrs = m[2] ?? "";
    const ref = attr(attrs, "r");
    const at = ref !== undefined ? parseA1(ref) : undefined;
    if (at) {
      row = at.row;
      col = at.col;
    } else col++;
    const body = m[3];
    if (body === undefined) continue;
    const v = /<v(?:\s[^>]*)?>([^<]*)<\/v>/.exec(body);
    if (!v) continue;
    const text = unescapeXml(v[1] ?? "");
    const t = attr(attrs, "t") ?? "n";
    if (t === "n") {
      const special = NON_FINITE.get(text.trim());
      if (special !== undefined) out.set(a1(row, col), special);
      else if (!isFileNumber(text)) out.set(a1(row, col), { error: NOT_A_FILE_NUMBER });
      else numbers?.set(cellKey(row, col), Number(text.trim()));
    } else if (t === "d") {
      const serial = isoToSerial(text);
      out.set(a1(row, col), serial === undefined ? { error: NOT_A_FILE_NUMBER } : { date: serial });
    }
  }
  return out;
}

/**
 * A `<sheet>` that is no worksheet: a chart sheet (»Flyt diagram → Nyt ark«), an Excel 5 dialog
 * sheet or an Excel 4 macro sheet (ECMA-376 Part 1, §18.2.19 `sheet` names a chartsheet,
 * dialogsheet or worksheet part by its relationship's type; §12.3.1, §12.3.7, §12.3.24; the macro
 * sheets are Microsoft's own types, [MS-XLSX] 2.1.x). exceljs 4.4 reads none of them (its
 * workbook reconcile keeps only sheets whose part it parsed under xl/worksheets/), nor does
 * Office.js's `workbook.worksheets`, so jobstatus reads none either. Only when the part is
 * elsewhere than xl/worksheets/: exceljs picks its worksheets by that path whatever the
 * relationship's type says, so such a part is read, and inspected, as a worksheet.
 */
const OTHER_SHEET_TYPE = /\/(?:chartsheet|dialogsheet|xlMacrosheet|xlIntlMacrosheet)$/;

/** The workbook's sheets: worksheet part paths (`xl/worksheets/sheet1.xml`) by sheet name, and the names of the sheets that are no worksheets (chart, dialog and macro sheets). */
export function workbookSheets(workbookXml: string, relsXml: string): { readonly worksheets: Map<string, string>; readonly others: readonly string[] } {
  const targets = new Map<string, { readonly part: string; readonly other: boolean }>();
  for (const m of relsXml.matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = attr(m[1] ?? "", "Id");
    const target = attr(m[1] ?? "", "Target");
    // As exceljs resolves a target: leading whitespace and a leading "/xl/" or "/" stripped.
    const t = target?.replace(/^\s+/, "");
    if (id === undefined || t === undefined) continue;
    const part = `xl/${t.replace(/^\/xl\//, "").replace(/^\//, "")}`;
    const other = OTHER_SHEET_TYPE.test((attr(m[1] ?? "", "Type") ?? "").trim()) && !/worksheets\//i.test(part);
    targets.set(id, { part, other });
  }
  const worksheets = new Map<string, string>();
  const others: string[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const attrs = m[1] ?? "";
    const name = attr(attrs, "name");
    const id = attr(attrs, "r:id") ?? /\s\w+:id\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
    const target = id !== undefined ? targets.get(id) : undefined;
    if (name === undefined || target === undefined) continue;
    if (target.other) others.push(unescapeXml(name));
    else worksheets.set(unescapeXml(name), target.part);
  }
  return { worksheets, others };
}

/** Worksheet part paths (`xl/worksheets/sheet1.xml`) by sheet name, from workbook.xml and its relationships; chart, dialog and macro sheets are not among them (workbookSheets). */
export function sheetPartsByName(workbookXml: string, relsXml: string): Map<string, string> {
  return workbookSheets(workbookXml, relsXml).worksheets;
}

/** workbook.xml's calculation mode; undefined when the file does not say (automatic). */
export function calcModeOf(workbookXml: string): CalcMode | undefined {
  const m = /<(?:\w+:)?calcPr\b([^>]*)>/.exec(workbookXml);
  const mode = m ? attr(m[1] ?? "", "calcMode") : undefined;
  return mode === "manual" || mode === "autoNoTable" || mode === "auto" ? mode : undefined;
}

/** The inspection of a workbook's used parts (as bounded-zip's usedParts returns them). */
export function inspectParts(parts: ReadonlyMap<string, Uint8Array>): Inspection {
  const lookup = partLookup(parts);
  const text = (name: string): string => lookup.text(name) ?? "";
  const workbookXml = text("xl/workbook.xml");
  const overrides = new Map<string, Map<string, Cell>>();
  const numbers = new Map<string, StrictNumbers>();
  const { worksheets: sheets, others } = workbookSheets(workbookXml, text("xl/_rels/workbook.xml.rels"));
  // A sheet the inspector cannot map to a part would reach the engine unchecked: the file is damaged.
  // Chart, dialog and macro sheets are no worksheets: neither read nor refused (workbookSheets).
  const declared = (workbookXml.match(/<(?:\w+:)?sheet\b/g) ?? []).length;
  if (sheets.size + others.length !== declared) throw new NotWorkbookError("damaged");
  for (const [name, path] of sheets) {
    if (lookup.key(path) === undefined) throw new NotWorkbookError("damaged");
    const xml = text(path);
    const seen = new StrictNumbers();
    const found = scanSheetValues(xml, seen);
    if (found.size > 0) overrides.set(name, found);
    numbers.set(name, seen);
  }
  const calcMode = calcModeOf(workbookXml);
  return { ...(calcMode !== undefined ? { calcMode } : {}), overrides, numbers };
}
