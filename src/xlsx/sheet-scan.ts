/**
 * A worksheet's cells read straight from its XML, without exceljs building its model (issue 20: a
 * million one-cell rows made exceljs alone peak at 1.2 GB). Used for the sheets that may be read
 * whole (docs/dev/performance.md, »Hostile files«); read-grid.ts turns what it reads into the same
 * grid as it builds from exceljs's cells, and test/xlsx/sheet-scan.test.ts checks that cell for cell
 * on random sheets.
 *
 * It reads only XML written the way Excel and exceljs write it, and gives up (returns false) on
 * anything else: a `<sheetData>` that is not a child of the root `<worksheet>`, comments, CDATA,
 * processing instructions, a DOCTYPE, namespace prefixes, an element it does not expect, a row or
 * cell without its address or out of order, two `<v>`, rich text or phonetic runs in an inline
 * string, hyperlinks (exceljs turns a linked cell's value into a link), an entity other than XML's
 * five and valid character references, and anything in `<sheetData>` exceljs's XML parser (saxes)
 * would refuse: an attribute name outside ASCII's XML names, no white space between attributes,
 * white space other than XML's, a bare `&` or bad reference in any attribute or text, `]]>` in
 * text, `<` in an attribute. Such a sheet is read by exceljs as before (which may refuse the file).
 * Where it reads, it follows exceljs 4.4.0's cell parser (cell-xform.js, parseClose and reconcile)
 * and jobstatus's own fix of it (src/xlsx/xstring.ts), step by step.
 * Browser-safe, pure: strings only, no Buffer or TextDecoder.
 */

/** One `<c>` as exceljs's cell parser sees it, before its shared string, style or formula is resolved. */
export interface RawCell {
  /** 1-based row and column. */
  readonly row: number;
  readonly col: number;
  readonly address: string;
  /** The `t` attribute. */
  readonly t: string | undefined;
  /** The `s` attribute as exceljs keeps it: parseInt, only when the attribute is not empty. */
  readonly styleId: number | undefined;
  /** The text of `<v>` and of an inline string's `<t>`, joined as exceljs joins them; undefined when there is none. */
  readonly text: string | undefined;
  /** The formula's text (undefined when none), and `<f>`'s `t`, `ref` and `si` attributes. */
  readonly formula: string | undefined;
  readonly shareType: string | undefined;
  readonly ref: string | undefined;
  readonly si: string | undefined;
}

/** What the scan reports, row by row, in document order. */
export interface ScanSink {
  /** `styleId`: the row's `s` attribute as exceljs's row parser keeps it (parseInt, only when not empty). */
  row(rowNumber: number, hidden: boolean, styleId: number | undefined): void;
  cell(cell: RawCell): void;
}

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML 1.0's Char production, for a character reference. */
function xmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

class GiveUp extends Error {}

/** Text as an XML parser reports it: line ends normalised, entities and character references decoded. */
function decodeText(s: string): string {
  // An XML parser refuses `]]>` in text.
  if (s.includes("]]>")) throw new GiveUp();
  let t = s.includes("\r") ? s.replace(/\r\n?/g, "\n") : s;
  if (t.includes("&")) {
    t = t.replace(/&([^;&]*);|&/g, (m: string, e: string | undefined) => {
      if (e === undefined) throw new GiveUp();
      const named = ENTITY[e];
      if (named !== undefined) return named;
      const num = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(e);
      if (!num) throw new GiveUp();
      const code = num[1] !== undefined ? parseInt(num[1], 16) : parseInt(num[2] as string, 10);
      if (!xmlChar(code)) throw new GiveUp();
      return String.fromCodePoint(code);
    });
  }
  return t;
}

const NOT_XML_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/**
 * One attribute, after the white space XML requires before it (XML's white space only: space, tab,
 * CR, LF). The name is an ASCII XML Name (a name with other letters is left to exceljs), and the
 * value holds no `<`; its entities are checked where the attribute is read (`attributes`).
 */
const ATTR = /[ \t\r\n]+([A-Za-z_:][A-Za-z0-9_.:-]*)[ \t\r\n]*=[ \t\r\n]*(?:"([^"<]*)"|'([^'<]*)')/y;
const XML_SPACE = /^[ \t\r\n]*$/;

/**
 * A start tag's attributes, well-formed as exceljs's XML parser (saxes) demands, or the scan gives
 * up: white space between attributes, names per XML's Name, no `<` in a value, every entity and
 * character reference in every value valid (also in attributes jobstatus does not read: saxes
 * refuses the whole file over them). Only plain values (no entity, no white space but spaces) for
 * the ones read (`plain`).
 */
function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < s.length) {
    if (XML_SPACE.test(s.slice(at))) break;
    ATTR.lastIndex = at;
    const m = ATTR.exec(s);
    if (!m) throw new GiveUp();
    const name = m[1] as string;
    const raw = m[2] ?? m[3] ?? "";
    if (out.has(name)) throw new GiveUp();
    if (raw.includes("&")) decodeText(raw);
    out.set(name, raw);
    at = ATTR.lastIndex;
  }
  return out;
}

/** An attribute jobstatus reads: used as written, so it may hold no entity and no tab or line break. */
function plain(attrs: Map<string, string>, name: string): string | undefined {
  const v = attrs.get(name);
  if (v !== undefined && /[&\t\n\r]/.test(v)) throw new GiveUp();
  return v;
}

const ADDRESS = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** exceljs's `parseBoolean` (utils.js). */
const parseBoolean = (v: string | undefined): boolean => v === "true" || v === "1";

/**
 * Scans the `<sheetData>` of a worksheet's XML, reporting every row and cell to `sink` (none: only
 * checks that it can). Returns false, having reported perhaps part of it, when the XML is not
 * written as this scan reads with certainty; the caller then leaves the sheet to exceljs.
 */
export function scanSheetData(xml: string, sink?: ScanSink): boolean {
  try {
    scan(xml, sink);
    return true;
  } catch (e) {
    if (e instanceof GiveUp) return false;
    throw e;
  }
}

/** Where the cells are: the one `<sheetData>`'s content, or undefined when the part is not plain enough to say. */
export function sheetDataBounds(xml: string): { readonly start: number; readonly contentStart: number; readonly contentEnd: number; readonly end: number } | undefined {
  if (xml.includes("<!--") || xml.includes("<![CDATA[") || xml.includes("<!DOCTYPE") || xml.includes("<!ENTITY")) return undefined;
  // A character XML 1.0 does not allow: exceljs's XML parser refuses the whole file; so does exceljs here.
  if (NOT_XML_CHAR.test(xml)) return undefined;
  // Only the XML declaration may be a processing instruction.
  const pi = xml.indexOf("<?");
  if (pi >= 0 && (xml.slice(0, pi).trim().replace(/^\uFEFF/, "") !== "" || !xml.startsWith("<?xml", pi) || xml.indexOf("<?", pi + 2) >= 0)) return undefined;
  // exceljs turns a linked cell's value into a link; those sheets stay with exceljs.
  if (/<(?:[\w.-]+:)?hyperlinks?\b/.test(xml)) return undefined;
  if (/<[\w.-]+:sheetData\b/.test(xml)) return undefined;
  const start = xml.indexOf("<sheetData");
  if (start < 0 || xml.indexOf("<sheetData", start + 1) >= 0) return undefined;
  // exceljs reads only a `<sheetData>` that is a child of the root `<worksheet>` (one nested in
  // `<sheetPr>` or `<dataValidations>` is no cells to it); so does the scan, or it gives up.
  if (!childOfRoot(xml, start)) return undefined;
  const close = xml.indexOf(">", start);
  if (close < 0) return undefined;
  const head = xml.slice(start + "<sheetData".length, close);
  if (head !== "" && !/^[ \t\r\n]/.test(head) && head !== "/") return undefined;
  // exceljs gets `<sheetData/>` in its place: its attributes must be as well-formed as the cells.
  try {
    attributes(head.endsWith("/") ? head.slice(0, -1) : head);
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
  if (head.endsWith("/")) return { start, contentStart: close + 1, contentEnd: close + 1, end: close + 1 };
  const endTag = xml.indexOf("</sheetData>", close);
  if (endTag < 0 || xml.indexOf("</sheetData", endTag + 1) >= 0) return undefined;
  return { start, contentStart: close + 1, contentEnd: endTag, end: endTag + "</sheetData>".length };
}

const TAG = /<(\/?)([^\s/>!?]+)(?:[^<>"']|"[^"<]*"|'[^'<]*')*?(\/?)>/y;

/**
 * Whether the element starting at `at` is a child of the root element, and the root is an
 * unprefixed `<worksheet>`: the tags before it are walked (comments, CDATA and processing
 * instructions other than the declaration are refused before this is asked).
 */
function childOfRoot(xml: string, at: number): boolean {
  let pos = xml.indexOf("<");
  if (pos >= 0 && xml.startsWith("<?", pos)) pos = xml.indexOf("<", xml.indexOf("?>", pos) + 2);
  let depth = 0;
  let first = true;
  while (pos >= 0 && pos < at) {
    TAG.lastIndex = pos;
    const m = TAG.exec(xml);
    if (!m || m.index + m[0].length > at) return false;
    const [, closing, name, empty] = m;
    if (first && (closing !== "" || name !== "worksheet" || empty !== "")) return false;
    first = false;
    if (closing !== "") depth--;
    else if (empty === "") depth++;
    if (depth < 1) return false;
    pos = xml.indexOf("<", m.index + m[0].length);
  }
  return !first && depth === 1 && pos === at;
}

/** The worksheet with an empty `<sheetData/>` in place of its cells (what exceljs gets of a scanned sheet). */
export function withoutSheetData(xml: string): string | undefined {
  const b = sheetDataBounds(xml);
  return b ? `${xml.slice(0, b.start)}<sheetData/>${xml.slice(b.end)}` : undefined;
}

type Where = "sheetData" | "row" | "c" | "is" | "v" | "t" | "f";

function scan(xml: string, sink: ScanSink | undefined): void {
  const b = sheetDataBounds(xml);
  if (!b) throw new GiveUp();
  const end = b.contentEnd;
  let pos = b.contentStart;
  let where: Where = "sheetData";
  let lastRow = 0;
  let rowNumber = 0;
  let lastCol = 0;
  // The cell being read.
  let cell: { row: number; col: number; address: string; t?: string; styleId?: number; text?: string; formula?: string; shareType?: string; ref?: string; si?: string; seenV: boolean; seenF: boolean; seenIs: boolean; seenT: boolean } | undefined;
  let textStart = -1;
  while (pos < end) {
    const lt = xml.indexOf("<", pos);
    const tagStart = lt < 0 || lt >= end ? end : lt;
    if (tagStart > pos) {
      const raw = xml.slice(pos, tagStart);
      if (where === "v" || where === "t" || where === "f") {
        if (textStart < 0) textStart = pos;
      } else decodeText(raw); // only checked (a bare `&`, a bad reference, `]]>`): exceljs ignores text there, but its parser does not
    }
    if (tagStart >= end) break;
    const gt = xml.indexOf(">", tagStart);
    if (gt < 0 || gt >= end) throw new GiveUp();
    let tag = xml.slice(tagStart + 1, gt);
    pos = gt + 1;
    if (tag.startsWith("/")) {
      // `</name>`, white space after the name only.
      const name = tag.slice(1).replace(/[ \t\r\n]+$/, "");
      if (name !== where) throw new GiveUp();
      if (where === "v" || where === "t" || where === "f") {
        const text = textStart >= 0 ? decodeText(xml.slice(textStart, tagStart)) : "";
        textStart = -1;
        if (!cell) throw new GiveUp();
        // exceljs adds each text event to the cell's value (or formula); an empty element adds none.
        if (text !== "") {
          if (where === "f") cell.formula = (cell.formula ?? "") + text;
          else cell.text = (cell.text ?? "") + text;
        }
        where = where === "t" ? "is" : "c";
      } else if (where === "is") where = "c";
      else if (where === "c") {
        if (!cell) throw new GiveUp();
        sink?.cell(rawCell(cell));
        cell = undefined;
        where = "row";
      } else if (where === "row") where = "sheetData";
      else throw new GiveUp();
      continue;
    }
    if (where === "v" || where === "t" || where === "f") throw new GiveUp();
    const selfClosing = tag.endsWith("/");
    if (selfClosing) tag = tag.slice(0, -1);
    const nameEnd = tag.search(/[ \t\r\n]/);
    const name = nameEnd < 0 ? tag : tag.slice(0, nameEnd);
    if (!NAME.test(name)) throw new GiveUp();
    const attrs = attributes(nameEnd < 0 ? "" : tag.slice(nameEnd));
    switch (where) {
      case "sheetData": {
        if (name !== "row") throw new GiveUp();
        const r = plain(attrs, "r");
        if (r === undefined || !/^[1-9][0-9]{0,6}$/.test(r)) throw new GiveUp();
        rowNumber = Number(r);
        if (rowNumber <= lastRow || rowNumber > 1_048_576) throw new GiveUp();
        lastRow = rowNumber;
        lastCol = 0;
        // exceljs: `if (node.attributes.s) model.styleId = parseInt(s, 10)` (row-xform.js).
        const rs = plain(attrs, "s");
        sink?.row(rowNumber, parseBoolean(plain(attrs, "hidden")), rs ? parseInt(rs, 10) : undefined);
        if (!selfClosing) where = "row";
        break;
      }
      case "row": {
        if (name !== "c") throw new GiveUp();
        const r = plain(attrs, "r");
        const m = r !== undefined ? ADDRESS.exec(r) : null;
        if (!m || Number(m[2]) !== rowNumber) throw new GiveUp();
        const col = columnNumber(m[1] as string);
        if (col <= lastCol || col > 16_384) throw new GiveUp();
        lastCol = col;
        const s = plain(attrs, "s");
        const t = plain(attrs, "t");
        cell = { row: rowNumber, col, address: r as string, seenV: false, seenF: false, seenIs: false, seenT: false };
        if (t !== undefined) cell.t = t;
        // exceljs: `if (node.attributes.s) styleId = parseInt(s, 10)`.
        if (s) cell.styleId = parseInt(s, 10);
        if (selfClosing) {
          sink?.cell(rawCell(cell));
          cell = undefined;
        } else where = "c";
        break;
      }
      case "c": {
        if (!cell) throw new GiveUp();
        if (name === "v") {
          if (cell.seenV) throw new GiveUp();
          cell.seenV = true;
          if (!selfClosing) where = "v";
        } else if (name === "f") {
          if (cell.seenF) throw new GiveUp();
          cell.seenF = true;
          const ft = plain(attrs, "t");
          const ref = plain(attrs, "ref");
          const si = plain(attrs, "si");
          if (ft !== undefined) cell.shareType = ft;
          if (ref !== undefined) cell.ref = ref;
          if (si !== undefined) cell.si = si;
          if (!selfClosing) where = "f";
        } else if (name === "is") {
          if (cell.seenIs) throw new GiveUp();
          cell.seenIs = true;
          if (!selfClosing) where = "is";
        } else throw new GiveUp();
        break;
      }
      case "is": {
        if (!cell || name !== "t" || cell.seenT) throw new GiveUp();
        cell.seenT = true;
        if (!selfClosing) where = "t";
        break;
      }
      default:
        throw new GiveUp();
    }
  }
  if (where !== "sheetData") throw new GiveUp();
}

function rawCell(c: { row: number; col: number; address: string; t?: string; styleId?: number; text?: string; formula?: string; shareType?: string; ref?: string; si?: string }): RawCell {
  return { row: c.row, col: c.col, address: c.address, t: c.t, styleId: c.styleId, text: c.text, formula: c.formula, shareType: c.shareType, ref: c.ref, si: c.si };
}
