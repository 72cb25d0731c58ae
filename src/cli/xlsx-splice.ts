/**
 * The status copy built at zip level (issue 20): the input's parts copied byte for byte, as stored,
 * plus jobstatus's own sheets (the status sheet and Kilder), written as XML straight from their
 * layouts (sheet-xml.ts, `spliceSheets`) or, where that writer does not model a layout, rendered by
 * exceljs into a scratch workbook of their own (`spliceCopy`). exceljs never loads or saves the
 * user's sheets, so
 * - nothing it does not model is lost: charts, pivot tables, slicers, comments, VBA, custom XML,
 *   the theme and every cell stay exactly as the user saved them;
 * - the cost is that of the input's bytes (copied, not parsed) plus jobstatus's own sheets.
 *
 * What is written anew: the new sheets' parts and relationships; `xl/workbook.xml` (the sheets'
 * entries, their print areas and owner markers, the active tab, `fullCalcOnLoad` when a formula may
 * point at a replaced sheet); `xl/_rels/workbook.xml.rels`; `[Content_Types].xml`; `xl/styles.xml`
 * (the scratch's fonts, fills, borders, number formats and cell formats added, identical ones
 * reused so a re-run does not grow them, its cell formats renumbered); a user's sheet whose view was selected (`tabSelected`, or Excel opens the sheets
 * grouped); `docProps/custom.xml` without an old owner marker; `xl/sharedStrings.xml` with the new
 * sheets' texts added, identical ones reused (the input's strings keep their numbers). A sheet jobstatus owns and replaces
 * keeps its place among the tabs; its part, its relationships, parts only it used and its
 * sheet-scoped names go, and `xl/calcChain.xml` goes too if it lists a cell of that sheet (Excel
 * rebuilds it).
 *
 * Anything this module does not read with certainty (a namespace prefix on the workbook or styles,
 * a missing styles section, a relationship it cannot resolve) makes it return undefined, and the
 * caller falls back to exceljs's load and save. Node only (the CLI).
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { centralDirectory, checkParsedPartCounts, inflateEntry, READER_LIMITS, type ZipEntry } from "../xlsx/bounded-zip";
import { withoutMarker } from "./owner-mark";
import { writeZip, type StoredPart } from "./zip-write";
import { TextDecoder as NodeTextDecoder } from "node:util";

export interface SpliceOptions {
  /** Existing sheets (jobstatus's own) the new sheets of the same name replace. */
  readonly replace: readonly string[];
  /** The sheet the copy opens on. */
  readonly active: string;
}

/** What the splice did, for tests and the bench: parts copied as stored, and parts written anew. */
export interface SpliceResult {
  readonly bytes: Uint8Array;
  readonly copied: number;
  readonly rewritten: readonly string[];
}

type OutPart = StoredPart;

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_REL = `${REL_NS}/worksheet`;
const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
// From node:util, not the global: the CLI module is also loaded by pane tests that run in jsdom,
// which has no global TextDecoder.
const utf8 = new NodeTextDecoder("utf-8");

/** The content type `[Content_Types].xml` gives `part` by its Override (undefined without one, or with two). */
export function workbookType(types: string, part: string): string | undefined {
  const overrides = [...types.matchAll(/<Override\b[^>]*>/g)].map((m) => m[0]).filter((o) => (attr(o, "PartName") ?? "").toLowerCase() === `/${part}`.toLowerCase());
  return overrides.length === 1 ? attr(overrides[0] as string, "ContentType")?.trim() : undefined;
}

/** A sheet of the scratch workbook, ready to transplant. */
export interface ScratchSheet {
  readonly name: string;
  xml: string;
  readonly rels: string | undefined;
  /** The scratch's defined names of this sheet (owner marker, print area), as raw elements. */
  readonly names: string[];
}
type NewSheet = ScratchSheet;

/**
 * jobstatus's sheets ready to splice: each sheet's XML (cell formats numbered in `styles`, shared
 * texts in `strings`, as a workbook of these sheets alone would number them), relationships and
 * defined names; `styles` a complete `xl/styles.xml`; `strings` the `<si>` elements in order.
 */
export interface ScratchPackage {
  readonly sheets: ScratchSheet[];
  readonly styles: string;
  readonly strings: string[];
}

export function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(":", "\\:")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
}

export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${value}"`);
  return tag.replace(/\s*(\/?)>$/, ` ${name}="${value}"$1>`);
}

export function xmlDecode(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (_m, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[named ?? "amp"] ?? "";
  });
}

export const xmlEscape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `target` of a relationship in `from` (a part name), as a part name; undefined when external. */
export function resolveTarget(from: string, target: string, mode: string | undefined): string | undefined {
  if (mode === "External") return undefined;
  const t = target.trim();
  if (t.startsWith("#") || /^[a-z]+:/i.test(t)) return undefined;
  if (t.startsWith("/")) return t.slice(1);
  const segs = from.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "..") segs.pop();
    else if (seg !== "." && seg !== "") segs.push(seg);
  }
  return segs.join("/");
}

export const relsOf = (part: string): string => {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
};

export interface Rel {
  readonly raw: string;
  readonly id: string;
  readonly type: string;
  readonly target: string | undefined;
}

export function parseRels(xml: string, from: string): Rel[] {
  return [...xml.matchAll(/<Relationship\b[^>]*?(?:\/>|>[\s\S]*?<\/Relationship>)/g)].map((m) => {
    const raw = m[0];
    const target = attr(raw, "Target");
    return { raw, id: attr(raw, "Id") ?? "", type: attr(raw, "Type") ?? "", target: target === undefined ? undefined : resolveTarget(from, xmlDecode(target), attr(raw, "TargetMode")) };
  });
}

/** The scratch workbook's sheets (exceljs's output: plain, shared strings, cell formats from 0). */
function scratchSheets(files: Map<string, string>): ScratchPackage | undefined {
  const workbook = files.get("xl/workbook.xml");
  const rels = files.get("xl/_rels/workbook.xml.rels");
  const styles = files.get("xl/styles.xml");
  if (!workbook || !rels || !styles) return undefined;
  const byId = new Map(parseRels(rels, "xl/workbook.xml").map((r) => [r.id, r.target]));
  const strings = [...(files.get("xl/sharedStrings.xml") ?? "").matchAll(/<si>[\s\S]*?<\/si>/g)].map((m) => m[0]);
  const names = [...workbook.matchAll(/<definedName\b[^>]*>[\s\S]*?<\/definedName>/g)].map((m) => m[0]);
  const sheets: NewSheet[] = [];
  const elements = [...workbook.matchAll(/<sheet\b[^>]*\/>/g)].map((m) => m[0]);
  for (const [index, el] of elements.entries()) {
    const part = byId.get(attr(el, "r:id") ?? "");
    const xml = part ? files.get(part) : undefined;
    if (!part || xml === undefined) return undefined;
    const name = xmlDecode(attr(el, "name") ?? "");
    // Every shared string cell must be in the form renumberStrings reads (exceljs writes them so).
    if ((xml.match(/\st="s"/g) ?? []).length !== (xml.match(/<c\b[^>]*\st="s"[^>]*><v>\d+<\/v>/g) ?? []).length) return undefined;
    const quoted = `'${name.replace(/'/g, "''")}'!`;
    const own = names.filter((dn) => {
      const ref = xmlDecode(dn.slice(dn.indexOf(">") + 1).replace(/<\/definedName>$/, "")).trim();
      return attr(dn, "localSheetId") === String(index) || ref.startsWith(quoted) || ref.startsWith(`${name}!`);
    });
    sheets.push({ name, xml, rels: files.get(relsOf(part)), names: own });
  }
  return { sheets, styles, strings };
}

/**
 * XML the splice's string operations read as written: no comment, CDATA section or processing
 * instruction beyond the declaration (a `<si>` or `<xf>` inside a comment would shift the numbers
 * of the texts or formats appended after it).
 */
export function plainXml(xml: string): boolean {
  const body = xml.replace(/^\uFEFF?\s*<\?xml\b[^?]*\?>/, "");
  return !/<!--|<!\[CDATA\[|<\?/.test(body);
}

/** A styles section's opening tag, inner XML and closing position. */
export function section(xml: string, tag: string): { start: number; open: string; inner: string; end: number } | undefined {
  const m = new RegExp(`<${tag}\\b[^>]*>`).exec(xml);
  if (!m || m[0].endsWith("/>")) return undefined;
  const close = xml.indexOf(`</${tag}>`, m.index);
  if (close < 0) return undefined;
  return { start: m.index, open: m[0], inner: xml.slice(m.index + m[0].length, close), end: close + tag.length + 3 };
}

const children = (inner: string, tag: string): string[] => [...inner.matchAll(new RegExp(`<${tag}\\b(?:[^>]*\\/>|[^>]*>[\\s\\S]*?<\\/${tag}>)`, "g"))].map((m) => m[0]);

/** A list of the input's (exactly as written) with the scratch's entries added: reused where identical, else appended. */
interface Merged {
  readonly add: string[];
  readonly index: number[];
  readonly count: number;
}

/** `scratch` entries merged into `existing` (read as `base` elements): identical XML reuses the input's entry. */
function mergeList(existing: readonly string[], base: number, scratch: readonly string[]): Merged {
  const known = new Map<string, number>();
  if (existing.length === base) existing.forEach((x, i) => known.has(x) || known.set(x, i));
  const add: string[] = [];
  const index = scratch.map((x) => {
    const at = known.get(x);
    if (at !== undefined) return at;
    known.set(x, base + add.length);
    add.push(x);
    return base + add.length - 1;
  });
  return { add, index, count: base + add.length };
}

/**
 * The input's styles with the scratch's added: returns the new styles.xml and where each of the
 * scratch's cell formats now is (its `s="n"` becomes `s="index[n]"`). A font, fill, border, number
 * format or cell format the input already holds, written exactly so (a re-run's own), is reused,
 * so the styles do not grow on every run; the others are appended (the input's keep their
 * numbers). Undefined when the input's styles are not in the plain form read here.
 */
function mergeStyles(input: string, scratch: string): { xml: string; index: number[] } | undefined {
  if (!/<styleSheet\b/.test(input) || !input.includes(`"${MAIN_NS}"`) || !plainXml(input)) return undefined;
  // Differential formats (conditional formats) are not merged: jobstatus's sheets have none.
  if (/<dxf\b/.test(section(scratch, "dxfs")?.inner ?? "")) return undefined;
  const lists: Record<string, { scratch: string[]; existing: string[]; base: number }> = {};
  for (const [group, child] of [["fonts", "font"], ["fills", "fill"], ["borders", "border"], ["cellXfs", "xf"]] as const) {
    const inS = section(input, group);
    const scS = section(scratch, group);
    if (!inS || !scS) return undefined;
    lists[group] = { scratch: children(scS.inner, child), existing: children(inS.inner, child), base: (inS.inner.match(new RegExp(`<${child}\\b`, "g")) ?? []).length };
  }
  const merge = (group: string): Merged => {
    const l = lists[group] as { scratch: string[]; existing: string[]; base: number };
    return mergeList(l.existing, l.base, l.scratch);
  };
  const [fonts, fills, borders] = [merge("fonts"), merge("fills"), merge("borders")];
  const inFmts = section(input, "numFmts");
  const inFmtList = children(inFmts?.inner ?? "", "numFmt");
  const used = [...(inFmts?.inner ?? "").matchAll(/numFmtId\s*=\s*["'](\d+)["']/g)].map((m) => Number(m[1]));
  // The input's number formats by their code, when each is read as one element here.
  const byCode = new Map<string, string>();
  if (inFmtList.length === used.length) for (const f of inFmtList) if (!byCode.has(attr(f, "formatCode") ?? "")) byCode.set(attr(f, "formatCode") ?? "", attr(f, "numFmtId") ?? "");
  // New ids above every custom id in use: declared ones, and ones a cell format names without a
  // declaration (Excel shows General there; a new format on that id would silently apply to them).
  const named = [...(section(input, "cellXfs")?.inner ?? "").matchAll(/numFmtId\s*=\s*["'](\d+)["']/g), ...(section(input, "cellStyleXfs")?.inner ?? "").matchAll(/numFmtId\s*=\s*["'](\d+)["']/g)].map((m) => Number(m[1]));
  let nextFmt = Math.max(163, ...used, ...named) + 1;
  const fmtMap = new Map<string, string>();
  const newFmts: string[] = [];
  for (const f of children(section(scratch, "numFmts")?.inner ?? "", "numFmt")) {
    const id = attr(f, "numFmtId") ?? "";
    const same = byCode.get(attr(f, "formatCode") ?? "\0");
    if (same !== undefined) {
      fmtMap.set(id, same);
      continue;
    }
    const to = String(nextFmt++);
    fmtMap.set(id, to);
    newFmts.push(setAttr(f, "numFmtId", to));
  }
  const xfs = lists.cellXfs as { scratch: string[]; existing: string[]; base: number };
  const remapped = xfs.scratch.map((xf) => {
    const open = /^<xf\b[^>]*>/.exec(xf)?.[0] ?? "";
    let tag = open;
    const fmt = attr(tag, "numFmtId") ?? "0";
    tag = setAttr(tag, "numFmtId", fmtMap.get(fmt) ?? fmt);
    tag = setAttr(tag, "fontId", String(fonts.index[Number(attr(tag, "fontId") ?? 0)] ?? 0));
    tag = setAttr(tag, "fillId", String(fills.index[Number(attr(tag, "fillId") ?? 0)] ?? 0));
    tag = setAttr(tag, "borderId", String(borders.index[Number(attr(tag, "borderId") ?? 0)] ?? 0));
    tag = setAttr(tag, "xfId", "0");
    return tag + xf.slice(open.length);
  });
  const cellXfs = mergeList(xfs.existing, xfs.base, remapped);
  // Excel allows 65,430 cell formats, counting the cell formats and the (non-built-in) cell style
  // formats together ([MS-OI29500] 2.1.700): a copy past it has styles Excel repairs.
  const styleXfs = (section(input, "cellStyleXfs")?.inner.match(/<xf\b/g) ?? []).length;
  if (cellXfs.count + styleXfs > READER_LIMITS.cellFormats) return undefined;
  let xml = input;
  // From the last section to the first, so earlier positions stay valid.
  const append = (group: string, m: Merged): void => {
    if (m.add.length === 0) return;
    const s = section(xml, group) as { start: number; open: string; inner: string; end: number };
    const open = attr(s.open, "count") !== undefined ? setAttr(s.open, "count", String(m.count)) : s.open;
    xml = `${xml.slice(0, s.start)}${open}${s.inner}${m.add.join("")}</${group}>${xml.slice(s.end)}`;
  };
  append("cellXfs", cellXfs);
  append("borders", borders);
  append("fills", fills);
  append("fonts", fonts);
  if (newFmts.length > 0) {
    if (inFmts) append("numFmts", { add: newFmts, index: [], count: used.length + newFmts.length });
    else {
      const list = `<numFmts count="${newFmts.length}">${newFmts.join("")}</numFmts>`;
      // An empty list written as `<numFmts count="0"/>` is replaced, not doubled: a second
      // <numFmts> is invalid (CT_Stylesheet allows one), and Excel repairs the file.
      const empty = /<numFmts\b[^>]*\/>/.exec(xml);
      if (empty) xml = `${xml.slice(0, empty.index)}${list}${xml.slice(empty.index + empty[0].length)}`;
      else {
        const root = /<styleSheet\b[^>]*>/.exec(xml) as RegExpExecArray;
        const at = root.index + root[0].length;
        xml = `${xml.slice(0, at)}${list}${xml.slice(at)}`;
      }
    }
  }
  return { xml, index: cellXfs.index };
}

/** A new sheet's cell, row and column formats renumbered into the merged styles (one pass each over exceljs's XML). */
function renumberStyles(sheet: string, index: readonly number[]): string {
  const shift = (m: string, n: string): string => `${m.slice(0, m.length - n.length - 1)}${index[Number(n)] ?? 0}"`;
  return sheet.replace(/<(?:c|row)\b[^>]*?\ss="(\d+)"/g, shift).replace(/<col\b[^>]*?\sstyle="(\d+)"/g, shift);
}

/** A new sheet's shared string indices renumbered: the scratch's text n becomes `index[n]`. */
function renumberStrings(sheet: string, index: readonly number[]): string {
  return sheet.replace(/(<c\b[^>]*\st="s"[^>]*><v>)(\d+)<\/v>/g, (_m, head: string, n: string) => `${head}${index[Number(n)] ?? n}</v>`);
}

/**
 * The input's shared strings with the scratch's added, and where each scratch text now is
 * (`index`): a text the input already holds, written exactly so (a re-run's own texts), keeps its
 * number there, so the table does not grow on every run; the others are appended after the input's
 * (whose numbers stay). A new part when the input has none. Undefined when the input's table is
 * not in the plain form read here.
 */
function mergeStrings(input: string | undefined, strings: readonly string[]): { xml: string; index: number[] } | undefined {
  const identity = strings.map((_s, i) => i);
  if (input === undefined) {
    return { xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings.join("")}</sst>`, index: identity };
  }
  if (!plainXml(input)) return undefined;
  const root = /<sst\b[^>]*>/.exec(input);
  const close = input.lastIndexOf("</sst>");
  if (!root || root[0].endsWith("/>") || close < 0 || !input.includes(`"${MAIN_NS}"`)) {
    if (root && root[0].endsWith("/>")) return { xml: input.replace(/<sst\b([^>]*?)\/>/, (_m, a: string) => `<sst${a}>${strings.join("")}</sst>`).replace(/(\s(?:count|uniqueCount)=")\d+"/g, `$1${strings.length}"`), index: identity };
    return undefined;
  }
  const offset = (input.match(/<si\b/g) ?? []).length;
  // The input's texts by their exact XML, only when every <si> is read as one element here.
  const existing = [...input.matchAll(/<si>[\s\S]*?<\/si>|<si\b[^>]*\/>|<si\b[^>]*>[\s\S]*?<\/si>/g)].map((m) => m[0]);
  const known = new Map<string, number>();
  if (existing.length === offset) existing.forEach((si, i) => known.has(si) || known.set(si, i));
  const appended: string[] = [];
  const index = strings.map((si) => {
    const at = known.get(si);
    if (at !== undefined) return at;
    known.set(si, offset + appended.length);
    appended.push(si);
    return offset + appended.length - 1;
  });
  let open = root[0];
  for (const [key, add] of [["count", strings.length], ["uniqueCount", appended.length]] as const) {
    const v = attr(open, key);
    if (v !== undefined) open = setAttr(open, key, String(Number(v) + add));
  }
  return { xml: `${input.slice(0, root.index)}${open}${input.slice(root.index + root[0].length, close)}${appended.join("")}${input.slice(close)}`, index };
}

/** The head of a worksheet (before its cells) with its view no longer selected. */
export function unselected(sheet: string): string | undefined {
  const end = sheet.search(/<sheetData\b/);
  const head = end < 0 ? sheet : sheet.slice(0, end);
  if (!/\stabSelected\s*=\s*["'](?:1|true)["']/.test(head)) return undefined;
  return head.replace(/(\stabSelected\s*=\s*)["'](?:1|true)["']/g, '$1"0"') + (end < 0 ? "" : sheet.slice(end));
}

/** A worksheet whose first view is selected (the tab the copy opens on). */
export function selected(sheet: string): string {
  return sheet.replace(/<sheetView\b[^>]*?\/?>/, (tag) => setAttr(tag, "tabSelected", "1"));
}

function newPart(name: string, content: string, date = 0x21, time = 0): OutPart {
  const raw = Buffer.from(content, "utf8");
  return { name, method: 8, crc: crc32(raw) >>> 0, size: raw.length, data: deflateRawSync(raw), date, time };
}

const capped = (data: Uint8Array, max: number): Uint8Array => inflateRawSync(data, { maxOutputLength: Math.max(1, max) });

/** The text of every part of a (small, trusted) scratch package. */
function textParts(pkg: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of centralDirectory(pkg)) if (!e.name.endsWith("/")) out.set(e.name, utf8.decode(inflateEntry(pkg, e, true, capped)));
  return out;
}

/**
 * The input package with the scratch package's sheets spliced in (the module's comment). Every
 * input part is inflated once within the reader's limits (a lying part is refused as in copy mode);
 * parts are kept in memory only when they are rewritten. Throws the reader's errors; undefined when
 * the package is not in the form read here (the caller falls back to exceljs).
 */
export function spliceCopy(input: Uint8Array, scratch: Uint8Array, options: SpliceOptions): SpliceResult | undefined {
  return spliceSheets(input, () => scratchSheets(textParts(scratch)), options);
}

/**
 * {@link spliceCopy} with jobstatus's sheets given as parts (sheet-xml.ts writes them directly from
 * their layouts), or as a function that makes them once the input is known to be in the form read
 * here. Same result, same errors, undefined in the same cases, and when `scratch` gives undefined.
 */
export function spliceSheets(input: Uint8Array, scratch: ScratchPackage | (() => ScratchPackage | undefined), options: SpliceOptions): SpliceResult | undefined {
  const entries = centralDirectory(input);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const text = (name: string): string | undefined => {
    const e = byName.get(name);
    return e ? utf8.decode(inflateEntry(input, e, true, capped)) : undefined;
  };
  const parsedText = (name: string): string | undefined => {
    const e = byName.get(name);
    if (!e) return undefined;
    const data = inflateEntry(input, e, true, capped);
    checkParsedPartCounts(name, data);
    return utf8.decode(data);
  };
  const workbookName = "xl/workbook.xml";
  let workbook = text(workbookName);
  const wbRelsName = "xl/_rels/workbook.xml.rels";
  let wbRels = text(wbRelsName);
  let types = text("[Content_Types].xml");
  const root = parseRels(text("_rels/.rels") ?? "", "");
  if (!workbook || !wbRels || !types || !root.some((r) => r.target === workbookName)) return undefined;
  // Only an ordinary workbook: a macro workbook (.xlsm), a template (.xltx, .xltm) or an add-in keeps
  // its own content type and parts (vbaProject.bin), which Excel refuses to open as .xlsx.
  if (workbookType(types, workbookName) !== WORKBOOK_TYPE) return undefined;
  const relPrefix = new RegExp(`xmlns:(\\w+)\\s*=\\s*["']${REL_NS}["']`).exec(workbook)?.[1];
  if (!/<workbook\b/.test(workbook) || !workbook.includes(`"${MAIN_NS}"`) || !relPrefix) return undefined;
  const sheetsSection = section(workbook, "sheets");
  if (!sheetsSection) return undefined;
  const rels = parseRels(wbRels, workbookName);
  const relById = new Map(rels.map((r) => [r.id, r]));
  const elements = [...sheetsSection.inner.matchAll(/<sheet\b[^>]*?(?:\/>|>\s*<\/sheet>)/g)].map((m) => m[0]);
  const sheets = elements.map((el) => ({ el, name: xmlDecode(attr(el, "name") ?? ""), id: attr(el, `${relPrefix}:id`) ?? "", sheetId: Number(attr(el, "sheetId") ?? 0) }));
  for (const s of sheets) if (!relById.get(s.id)?.target || !byName.has(relById.get(s.id)?.target ?? "")) return undefined;

  const scratchFiles = typeof scratch === "function" ? scratch() : scratch;
  if (!scratchFiles) return undefined;
  const stylesRel = rels.find((r) => r.type === `${REL_NS}/styles`);
  const stylesName = stylesRel?.target;
  // The styles and texts only where the reader checked them (exceljs's fixed names), and within
  // the reader's limits for them (bounded-zip.ts, checkParsedPartCounts).
  if (stylesName !== "xl/styles.xml") return undefined;
  const inputStyles = parsedText(stylesName);
  if (!inputStyles) return undefined;
  const merged = mergeStyles(inputStyles, scratchFiles.styles);
  if (!merged) return undefined;

  const stringsRel = rels.find((r) => r.type === `${REL_NS}/sharedStrings`);
  const stringsName = stringsRel?.target ?? "xl/sharedStrings.xml";
  if (stringsName !== "xl/sharedStrings.xml" || (!stringsRel && byName.has(stringsName))) return undefined;
  const strings = mergeStrings(stringsRel ? parsedText(stringsName) : undefined, scratchFiles.strings);
  if (!strings) return undefined;

  // The sheets replaced: their parts, relationships and the parts only they used go.
  const replaced = sheets.filter((s) => options.replace.includes(s.name));
  const removed = new Set<string>();
  const rewritten = new Map<string, string>();
  // Every relationship part's targets, resolved exactly (not by file name): a part goes only when
  // no relationship of a part that stays points at it, and what it pointed at is followed in turn
  // (a replaced sheet's drawing, the drawing's chart).
  const relsTargets = new Map<string, string[]>();
  for (const e of entries) {
    if (!e.name.endsWith(".rels")) continue;
    const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(e.name);
    if (!m) continue;
    relsTargets.set(e.name, parseRels(text(e.name) ?? "", `${m[1]}${m[2]}`).flatMap((r) => (r.target ? [r.target] : [])));
  }
  const pointedAt = (part: string): boolean => [...relsTargets].some(([rels, targets]) => !removed.has(rels) && targets.includes(part));
  const queue = replaced.map((s) => relById.get(s.id)?.target as string);
  for (const part of queue) removed.add(part);
  while (queue.length > 0) {
    const part = queue.shift() as string;
    const own = relsOf(part);
    if (!byName.has(own)) continue;
    removed.add(own);
    for (const target of relsTargets.get(own) ?? []) {
      if (!removed.has(target) && byName.has(target) && !pointedAt(target)) {
        removed.add(target);
        queue.push(target);
      }
    }
  }
  const calcChain = rels.find((r) => r.type === `${REL_NS}/calcChain`)?.target;
  if (calcChain && replaced.length > 0) {
    const chain = text(calcChain) ?? "";
    if (replaced.some((s) => new RegExp(`\\si\\s*=\\s*["']${s.sheetId}["']`).test(chain))) removed.add(calcChain);
  }

  // Every other part is checked within the limits (as copy mode does), and the user's selected
  // sheet views are unselected; a formula or name that mentions a replaced sheet asks for a recalculation.
  const mentions = replaced.flatMap((s) => [s.name, xmlEscape(s.name), xmlEscape(s.name).replace(/'/g, "&apos;")]).map((n) => Buffer.from(n, "utf8"));
  let recalc = false;
  const sheetParts = new Set(sheets.map((s) => relById.get(s.id)?.target as string));
  for (const e of entries) {
    if (e.name.endsWith("/") || removed.has(e.name)) continue;
    const isSheet = sheetParts.has(e.name);
    const data = inflateEntry(input, e, isSheet, capped);
    if (!isSheet) continue;
    if (!recalc && mentions.length > 0) {
      const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      recalc = buf.includes("<f") && mentions.some((m) => buf.includes(m));
    }
    const xml = utf8.decode(data.subarray(0, Math.min(data.length, 64 * 1024)));
    if (/\stabSelected\s*=/.test(xml)) {
      const whole = unselected(utf8.decode(data));
      if (whole !== undefined) rewritten.set(e.name, whole);
    }
  }

  // The new sheets' parts.
  const taken = new Set(entries.map((e) => e.name.toLowerCase()));
  let n = 1;
  const freshPart = (): string => {
    while (taken.has(`xl/worksheets/sheet${n}.xml`)) n++;
    const name = `xl/worksheets/sheet${n}.xml`;
    taken.add(name);
    return name;
  };
  let rid = 1;
  const relIds = new Set(rels.map((r) => r.id));
  const freshRid = (): string => {
    while (relIds.has(`rIdJobstatus${rid}`)) rid++;
    relIds.add(`rIdJobstatus${rid}`);
    return `rIdJobstatus${rid}`;
  };
  let maxSheetId = Math.max(0, ...sheets.map((s) => s.sheetId));
  const finalSheets = sheets.filter((s) => !replaced.includes(s)).map((s) => ({ el: s.el, name: s.name, index: sheets.indexOf(s) }));
  const added: { part: string; rid: string; sheet: NewSheet; el: string; position: number }[] = [];
  for (const sheet of scratchFiles.sheets) {
    const old = replaced.find((s) => s.name === sheet.name);
    const part = freshPart();
    const id = freshRid();
    const el = `<sheet name="${xmlEscape(sheet.name)}" sheetId="${old ? old.sheetId : ++maxSheetId}" ${relPrefix}:id="${id}"/>`;
    added.push({ part, rid: id, sheet, el, position: old ? sheets.indexOf(old) : Number.MAX_SAFE_INTEGER });
  }
  // Replaced sheets keep their place among the tabs; new ones follow the input's, in order.
  const order = [...finalSheets.map((s) => ({ el: s.el, name: s.name, position: s.index, added: undefined as (typeof added)[number] | undefined })), ...added.map((a, i) => ({ el: a.el, name: a.sheet.name, position: a.position === Number.MAX_SAFE_INTEGER ? sheets.length + i : a.position, added: a }))].sort((a, b) => a.position - b.position);
  const indexOf = (name: string): number => order.findIndex((o) => o.name === name);

  // workbook.xml: the sheets, the names (sheet-scoped names of replaced sheets and old owner markers go), the view, calcPr.
  const replacedIndex = new Set(replaced.map((s) => String(sheets.indexOf(s))));
  const ownNames = new Set(scratchFiles.sheets.flatMap((s) => s.names.map((dn) => attr(dn, "name") ?? "")).filter((x) => !x.startsWith("_xlnm.")));
  const oldNames = [...workbook.matchAll(/<definedName\b[^>]*>[\s\S]*?<\/definedName>|<definedName\b[^>]*\/>/g)].map((m) => m[0]);
  const keptNames = oldNames
    .filter((dn) => !replacedIndex.has(attr(dn, "localSheetId") ?? "-") && !ownNames.has(attr(dn, "name") ?? ""))
    .map((dn) => {
      const local = attr(dn, "localSheetId");
      if (local === undefined) return dn;
      const was = sheets[Number(local)];
      return was ? setAttr(dn.replace(/>[\s\S]*$/, ">"), "localSheetId", String(indexOf(was.name))) + dn.slice(dn.indexOf(">") + 1) : dn;
    });
  if (!recalc && mentions.length > 0) recalc = keptNames.some((dn) => mentions.some((m) => dn.includes(m.toString("utf8"))));
  const newNames = added.flatMap((a) => a.sheet.names.map((dn) => (attr(dn, "localSheetId") !== undefined ? setAttr(dn.replace(/>[\s\S]*$/, ">"), "localSheetId", String(indexOf(a.sheet.name))) + dn.slice(dn.indexOf(">") + 1) : dn)));
  const namesXml = `<definedNames>${[...keptNames, ...newNames].join("")}</definedNames>`;
  let wb = `${workbook.slice(0, sheetsSection.start)}<sheets>${order.map((o) => o.el).join("")}</sheets>${workbook.slice(sheetsSection.end)}`;
  wb = wb.replace(/<definedNames\b[^>]*>[\s\S]*?<\/definedNames>|<definedNames\b[^>]*\/>/, "");
  const after = /<\/externalReferences>|<functionGroups\b[^>]*\/>|<\/functionGroups>/.exec(wb) ?? /<\/sheets>/.exec(wb);
  if (!after) return undefined;
  wb = `${wb.slice(0, after.index + after[0].length)}${namesXml}${wb.slice(after.index + after[0].length)}`;
  const active = String(indexOf(options.active));
  if (/<workbookView\b/.test(wb)) wb = wb.replace(/<workbookView\b[^>]*?\/?>/, (tag) => setAttr(setAttr(tag, "activeTab", active), "firstSheet", "0"));
  else wb = wb.replace(/<sheets>/, `<bookViews><workbookView activeTab="${active}"/></bookViews><sheets>`);
  if (recalc) {
    if (/<calcPr\b/.test(wb)) wb = wb.replace(/<calcPr\b[^>]*?\/?>/, (tag) => setAttr(tag, "fullCalcOnLoad", "1"));
    else wb = wb.replace(/<\/definedNames>/, `</definedNames><calcPr fullCalcOnLoad="1"/>`);
  }
  workbook = wb;

  // Relationships and content types.
  const removedTargets = new Set(removed);
  wbRels = wbRels.replace(/<Relationship\b[^>]*?(?:\/>|>[\s\S]*?<\/Relationship>)/g, (r) => {
    const t = attr(r, "Target");
    const target = t === undefined ? undefined : resolveTarget(workbookName, xmlDecode(t), attr(r, "TargetMode"));
    return target && removedTargets.has(target) ? "" : r;
  });
  const newRels =
    added.map((a) => `<Relationship Id="${a.rid}" Type="${WORKSHEET_REL}" Target="/${a.part}"/>`).join("") +
    (stringsRel ? "" : `<Relationship Id="${freshRid()}" Type="${REL_NS}/sharedStrings" Target="/${stringsName}"/>`);
  const relsBefore = wbRels;
  wbRels = wbRels.replace(/<\/Relationships>\s*$/, `${newRels}</Relationships>`);
  // A prefixed root (`<pr:Relationships>`) is not read here: nothing would have been added.
  if (newRels && wbRels === relsBefore) return undefined;
  // An Override left for a part written now (or one removed) would give it a stale content type.
  const newParts = new Set([...added.map((a) => a.part), ...(stringsRel ? [] : [stringsName])].map((p) => p.toLowerCase()));
  types = types.replace(/<Override\b[^>]*?(?:\/>|>\s*<\/Override>)/g, (o) => {
    const part = (attr(o, "PartName") ?? "").replace(/^\//, "");
    return removed.has(part) || newParts.has(part.toLowerCase()) ? "" : o;
  });
  const stringsType = stringsRel ? "" : `<Override PartName="/${stringsName}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`;
  const typesBefore = types;
  types = types.replace(/<\/Types>\s*$/, `${added.map((a) => `<Override PartName="/${a.part}" ContentType="${WORKSHEET_TYPE}"/>`).join("")}${stringsType}</Types>`);
  // A prefixed root (`<ct:Types>`) is not read here either.
  if (types === typesBefore) return undefined;

  // The new sheets: styles renumbered; only the active one is selected.
  for (const a of added) {
    let xml = renumberStrings(renumberStyles(a.sheet.xml, merged.index), strings.index);
    xml = a.sheet.name === options.active ? selected(xml) : (unselected(xml) ?? xml);
    rewritten.set(a.part, xml);
    if (a.sheet.rels) rewritten.set(relsOf(a.part), a.sheet.rels);
  }
  rewritten.set(workbookName, workbook);
  rewritten.set(wbRelsName, wbRels);
  rewritten.set("[Content_Types].xml", types);
  rewritten.set(stylesName as string, merged.xml);
  rewritten.set(stringsName, strings.xml);
  const custom = byName.has("docProps/custom.xml") ? text("docProps/custom.xml") : undefined;
  if (custom !== undefined && withoutMarker(custom) !== custom) rewritten.set("docProps/custom.xml", withoutMarker(custom));

  const out: OutPart[] = [];
  let copied = 0;
  for (const e of entries) {
    if (removed.has(e.name)) continue;
    const content = rewritten.get(e.name);
    if (content !== undefined) {
      out.push(newPart(e.name, content, e.date, e.time));
      rewritten.delete(e.name);
    } else {
      out.push({ name: e.name, method: e.method, crc: e.crc, size: e.size, data: dataOfEntry(input, e), date: e.date, time: e.time });
      copied++;
    }
  }
  const stamp = byName.get(workbookName);
  for (const [name, content] of rewritten) out.push(newPart(name, content, stamp?.date, stamp?.time));
  return { bytes: writeZip(out), copied, rewritten: out.filter((p) => !entries.some((e) => e.name === p.name && e.crc === p.crc && e.method === p.method && e.size === p.size)).map((p) => p.name) };
}

export function dataOfEntry(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const start = e.localOffset + 30 + ((bytes[e.localOffset + 26] ?? 0) | ((bytes[e.localOffset + 27] ?? 0) << 8)) + ((bytes[e.localOffset + 28] ?? 0) | ((bytes[e.localOffset + 29] ?? 0) << 8));
  return bytes.subarray(start, start + e.compressedSize);
}
