/**
 * An .xlsx file's zip, opened within bounds before exceljs sees it (docs/dev/security.md, »Reader
 * limits«). A department's file is untrusted: its central directory is read first, every part's
 * declared size is held to the limits, and a part is inflated with a running cap, so a header that
 * lies about its size cannot make more than the cap. Only the parts jobstatus reads are inflated
 * for reading (`usedParts`); the copy that `beregn` and `saml` write keeps every part, so for it
 * every part is inflated once, within the same caps, and thrown away (`checkAllParts`).
 * Browser-safe: fflate only, no Node imports.
 */
import { Inflate, strFromU8, strToU8, zipSync, type Zippable } from "fflate";
import { detectFileKind, type FileKind } from "./file-kind";
import { exceljsSpellingsOf } from "./part-names";

/** The limits, in one place (stated in docs/dev/security.md; the messages name them). */
export const READER_LIMITS = {
  /** The file itself. A forvaltning's workbook is well under 1 MB; 700 forvaltninger make about 5 MB. */
  fileBytes: 64 * 1024 * 1024,
  /** One part, inflated: a sheet of a million short rows is about 150 MB of XML. */
  partBytes: 256 * 1024 * 1024,
  /** All parts inflated for one file together. */
  totalBytes: 512 * 1024 * 1024,
  /** Parts in the zip. */
  parts: 20_000,
  /**
   * The two parts exceljs parses whole into objects, whatever is read: the shared strings (a
   * 200 MB table within the part limit cost gigabytes) and the styles (a million cell formats).
   * A real workbook's text table is a few MB (a 100,000-row log of notes: about 5 MB), its styles
   * well under 1 MB; Excel itself allows 65,430 cell formats ([MS-OI29500] 2.1.700, cellXfs:
   * "Excel limits the occurrences of this element to 65430"; [MS-XLSB] BrtBeginCellXFs: 0xFF96).
   */
  stringsBytes: 64 * 1024 * 1024,
  strings: 1_000_000,
  stylesBytes: 16 * 1024 * 1024,
  cellFormats: 65_430,
  /**
   * Elements of any kind in each of the two: rich-text runs, phonetic runs, fonts or differential
   * formats become objects as the strings and cell formats do. A plain string is two elements
   * (`<si><t>`), so a million plain strings stay within three million (and meet the strings'
   * own limit first); 65,430 cell formats in each list with their fonts, fills and borders stay
   * well under half a million.
   */
  stringsElements: 3_000_000,
  stylesElements: 500_000,
} as const;

/** Which limit: the file, one part, all parts, the part count; the shared strings' or the styles' size or count. */
export type ReaderLimitKind = "file" | "part" | "total" | "parts" | "stringsBytes" | "strings" | "stylesBytes" | "cellFormats" | "stringsElements" | "stylesElements";

/** A file refused before or while it is unpacked; `kind` says which limit, `max` its value. */
export class ReaderLimitError extends Error {
  constructor(
    readonly kind: ReaderLimitKind,
    readonly max: number,
  ) {
    super(`reader limit: ${kind} > ${max}`);
  }
}

/**
 * A package whose shared strings, styles or workbook Excel finds by a relationship at a place other
 * than the fixed name exceljs reads (`xl/sharedStrings.xml`, `xl/styles.xml`, `xl/workbook.xml`):
 * exceljs would read other texts than Excel shows (a decoy part), so the figures could differ.
 */
export class UnreliablePackageError extends Error {
  constructor(readonly part: string) {
    super(`parts not where exceljs reads them: ${part}`);
  }
}

/** A file that is not a readable workbook: what it is instead, or »damaged« when its zip does not hold together. */
export class NotWorkbookError extends Error {
  constructor(readonly fileKind: FileKind | "damaged") {
    super(`not a workbook: ${fileKind}`);
  }
}

interface Entry {
  readonly name: string;
  readonly method: number;
  /** MS-DOS time and date of the entry, as stored (copied unchanged by a rebuilt package). */
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const u16 = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;

/** An entry of the central directory, as centralDirectory returns it. */
export type ZipEntry = Entry;

/** The central directory, checked: every entry inside the file, within the limits, stored or deflated. */
export function centralDirectory(bytes: Uint8Array): Entry[] {
  if (bytes.length > READER_LIMITS.fileBytes) throw new ReaderLimitError("file", READER_LIMITS.fileBytes);
  const kind = detectFileKind(bytes);
  if (kind !== "xlsx") throw new NotWorkbookError(kind);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new NotWorkbookError("damaged");
  const count = u16(bytes, eocd + 10);
  if (count > READER_LIMITS.parts) throw new ReaderLimitError("parts", READER_LIMITS.parts);
  const entries: Entry[] = [];
  const seen = new Set<string>();
  let p = u32(bytes, eocd + 16);
  let declared = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || u32(bytes, p) !== 0x02014b50) throw new NotWorkbookError("damaged");
    const nameLen = u16(bytes, p + 28);
    const entry: Entry = {
      method: u16(bytes, p + 10),
      time: u16(bytes, p + 12),
      date: u16(bytes, p + 14),
      crc: u32(bytes, p + 16),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      name: strFromU8(bytes.subarray(p + 46, p + 46 + nameLen)),
      localOffset: u32(bytes, p + 42),
    };
    // Zip64 (sizes of 0xFFFFFFFF) is over every limit anyway.
    if (entry.size > READER_LIMITS.partBytes) throw new ReaderLimitError("part", READER_LIMITS.partBytes);
    checkParsedPartSize(entry.name, entry.size);
    declared += entry.size;
    if (declared > READER_LIMITS.totalBytes) throw new ReaderLimitError("total", READER_LIMITS.totalBytes);
    if (entry.method !== 0 && entry.method !== 8) throw new NotWorkbookError("damaged");
    if (entry.localOffset + 30 > bytes.length || u32(bytes, entry.localOffset) !== 0x04034b50) throw new NotWorkbookError("damaged");
    if (!safeName(entry.name)) throw new NotWorkbookError("damaged");
    const key = entry.name.replace(/^\/+/, "").toLowerCase();
    if (seen.has(key)) throw new NotWorkbookError("damaged");
    seen.add(key);
    entries.push(entry);
    p += 46 + nameLen + u16(bytes, p + 30) + u16(bytes, p + 32);
  }
  // JSZip (inside exceljs) reads central entries for as long as their signature follows, not `count`:
  // an entry beyond the count would be one the checks above never saw.
  if (u32(bytes, p) === 0x02014b50) throw new NotWorkbookError("damaged");
  return entries;
}

/** The part exceljs reads as the shared strings or the styles (by name, as exceljs finds them), if `name` is one. */
function parsedPart(name: string): "strings" | "styles" | undefined {
  const n = name.replace(/^\/+/, "").toLowerCase();
  return n === "xl/sharedstrings.xml" ? "strings" : n === "xl/styles.xml" ? "styles" : undefined;
}

function checkParsedPartSize(name: string, size: number): void {
  const kind = parsedPart(name);
  if (kind === "strings" && size > READER_LIMITS.stringsBytes) throw new ReaderLimitError("stringsBytes", READER_LIMITS.stringsBytes);
  if (kind === "styles" && size > READER_LIMITS.stylesBytes) throw new ReaderLimitError("stylesBytes", READER_LIMITS.stylesBytes);
}

/** What scanElements found: every element's start tag by name, and the cell formats by their list. */
export interface ElementStats {
  /** Start tags (`<` followed by a name character), comments, CDATA and processing instructions not counted. */
  total: number;
  readonly byName: Map<string, number>;
  /** `<xf>` inside `<cellXfs>` and inside `<cellStyleXfs>`: Excel allows 65,430 in each. */
  readonly xfs: { cellXfs: number; cellStyleXfs: number };
}

const LT = 0x3c;
export const nameEnd = (b: number | undefined): boolean => b === undefined || b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;
/** A byte that may start an XML name: a letter, `_`, `:` or any non-ASCII byte. */
const nameStart = (b: number | undefined): boolean => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === 0x3a || b >= 0x80);

/** The index just past `end` (bytes) from `from`, or the data's length when it never comes. */
function skipPast(data: Uint8Array, from: number, end: readonly number[]): number {
  for (let i = data.indexOf(end[0] as number, from); i >= 0; i = data.indexOf(end[0] as number, i + 1)) {
    let k = 1;
    while (k < end.length && data[i + k] === end[k]) k++;
    if (k === end.length) return i + end.length;
  }
  return data.length;
}
const COMMENT_END = [0x2d, 0x2d, 0x3e];
const CDATA_END = [0x5d, 0x5d, 0x3e];
const PI_END = [0x3f, 0x3e];

/**
 * At a `<` (index `i`) that opens what an XML parser does not read as an element (a comment, a
 * CDATA section, a declaration such as <!DOCTYPE …>, a processing instruction or the XML
 * declaration): the index just past it. Undefined at an element's start or end tag.
 */
export function skipNonElement(data: Uint8Array, i: number): number | undefined {
  const next = data[i + 1];
  if (next === 0x21) {
    if (data[i + 2] === 0x2d && data[i + 3] === 0x2d) return skipPast(data, i + 4, COMMENT_END);
    if (data[i + 2] === 0x5b) return skipPast(data, i + 3, CDATA_END);
    return skipPast(data, i + 2, [0x3e]);
  }
  return next === 0x3f ? skipPast(data, i + 2, PI_END) : undefined;
}

/**
 * Every element's start tag in `data` (bytes; only names are made into strings), skipping what an
 * XML parser does not read as elements: comments, CDATA sections, processing instructions and the
 * declaration (a `<si>` inside a comment is no string). It stops as soon as there are more than
 * `stopAbove` elements (the counts are then partial).
 */
export function scanElements(data: Uint8Array, stopAbove = Infinity): ElementStats {
  const stats: ElementStats = { total: 0, byName: new Map(), xfs: { cellXfs: 0, cellStyleXfs: 0 } };
  let list: "cellXfs" | "cellStyleXfs" | undefined;
  let i = data.indexOf(LT);
  while (i >= 0 && i < data.length) {
    const next = data[i + 1];
    const skipped = skipNonElement(data, i);
    if (skipped !== undefined) {
      i = skipped;
    } else if (next === 0x2f) {
      let e = i + 2;
      while (!nameEnd(data[e]) && e < data.length) e++;
      const name = String.fromCharCode(...data.subarray(i + 2, Math.min(e, i + 66)));
      if (name === list) list = undefined;
      i = e;
    } else if (nameStart(next)) {
      let e = i + 1;
      while (!nameEnd(data[e]) && e < data.length) e++;
      const name = String.fromCharCode(...data.subarray(i + 1, Math.min(e, i + 65)));
      if (++stats.total > stopAbove) return stats;
      stats.byName.set(name, (stats.byName.get(name) ?? 0) + 1);
      if (name === "cellXfs" || name === "cellStyleXfs") {
        // A list that closes itself (`<cellXfs/>`) holds nothing.
        const close = data.indexOf(0x3e, e);
        if (close > 0 && data[close - 1] !== 0x2f) list = name;
      } else if (name === "xf" && list) stats.xfs[list]++;
      i = e;
    } else {
      i++;
    }
    i = data.indexOf(LT, i);
  }
  return stats;
}

/** How often the element `<tag …>` starts in `data` (exactly that name; comments, CDATA and instructions skipped). */
export function countElements(data: Uint8Array, tag: string): number {
  return scanElements(data).byName.get(tag) ?? 0;
}

/**
 * Refuses shared strings or styles that hold more entries than the limits, after they were
 * inflated within their size limit and before exceljs parses them.
 */
export function checkParsedPartCounts(name: string, data: Uint8Array): void {
  const kind = parsedPart(name);
  if (kind === undefined) return;
  const stats = scanElements(data, kind === "strings" ? READER_LIMITS.stringsElements : READER_LIMITS.stylesElements);
  if (kind === "strings" && stats.total > READER_LIMITS.stringsElements) throw new ReaderLimitError("stringsElements", READER_LIMITS.stringsElements);
  if (kind === "styles" && stats.total > READER_LIMITS.stylesElements) throw new ReaderLimitError("stylesElements", READER_LIMITS.stylesElements);
  if (kind === "strings" && (stats.byName.get("si") ?? 0) > READER_LIMITS.strings) throw new ReaderLimitError("strings", READER_LIMITS.strings);
  // Cell formats and cell style formats are both <xf>; each list may hold Excel's maximum, no more.
  if (kind === "styles" && Math.max(stats.xfs.cellXfs, stats.xfs.cellStyleXfs) > READER_LIMITS.cellFormats) throw new ReaderLimitError("cellFormats", READER_LIMITS.cellFormats);
}

const REL_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/** The relationships of a rels part, as [type, target resolved against `from`] (external ones left out). */
function relTargets(xml: string, from: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
    const get = (name: string): string | undefined => {
      const a = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(m[0]);
      return a ? (a[1] ?? a[2]) : undefined;
    };
    if (get("TargetMode") === "External") continue;
    const target = (get("Target") ?? "").trim().replace(/&amp;/g, "&");
    const segs = target.startsWith("/") ? [] : from.split("/").slice(0, -1);
    for (const seg of target.replace(/^\/+/, "").split("/")) {
      if (seg === "..") segs.pop();
      else if (seg !== "." && seg !== "") segs.push(seg);
    }
    out.push([(get("Type") ?? "").trim(), segs.join("/").toLowerCase()]);
  }
  return out;
}

/**
 * Refuses a package in which Excel would find the workbook, its shared strings or its styles by a
 * relationship somewhere else than the fixed names exceljs reads (or finds none where exceljs
 * reads one): the CLI and the pane would compute from other texts than Excel shows. A package
 * without `xl/workbook.xml` (and no relationship naming another workbook part) is no workbook.
 */
export function checkPartTargets(parts: ReadonlyMap<string, Uint8Array>): void {
  const get = (name: string): string | undefined => {
    for (const [n, data] of parts) if (n.toLowerCase() === name) return strFromU8(data);
    return undefined;
  };
  const root = get("_rels/.rels");
  if (root !== undefined) {
    const docs = relTargets(root, "").filter(([t]) => t === `${REL_TYPES}officeDocument`);
    if (docs.length !== 1 || docs[0]?.[1] !== "xl/workbook.xml") throw new UnreliablePackageError(docs[0]?.[1] ?? "xl/workbook.xml");
  }
  // No workbook part where Excel and exceljs look for it: exceljs would load the rest as a workbook
  // with no sheets, which `valider` would call empty (»Projektmappen er tom«). It is no workbook.
  if (get("xl/workbook.xml") === undefined) throw new NotWorkbookError("zip-not-workbook");
  const rels = get("xl/_rels/workbook.xml.rels");
  if (rels === undefined) return;
  const targets = relTargets(rels, "xl/workbook.xml");
  for (const [type, fixed] of [["sharedStrings", "xl/sharedstrings.xml"], ["styles", "xl/styles.xml"]] as const) {
    const found = targets.filter(([t]) => t === `${REL_TYPES}${type}`).map(([, target]) => target);
    const present = get(fixed) !== undefined;
    if (found.length > 1 || (found.length === 1 && found[0] !== fixed) || (found.length === 0 && present)) throw new UnreliablePackageError(found.find((f) => f !== fixed) ?? fixed);
  }
}

/** A part name that cannot point outside the package or be read two ways: no "..", no backslash, not absolute. */
function safeName(name: string): boolean {
  if (name.length === 0 || name.includes("\\") || /^[A-Za-z]:/.test(name) || name.startsWith("/")) return false;
  return !name.split("/").some((seg) => seg === ".." || seg === ".");
}

/** The compressed bytes of an entry, by its local header (whose name and extra lengths may differ from the central one). */
function dataOf(bytes: Uint8Array, e: Entry): Uint8Array {
  const start = e.localOffset + 30 + u16(bytes, e.localOffset + 26) + u16(bytes, e.localOffset + 28);
  if (start + e.compressedSize > bytes.length) throw new NotWorkbookError("damaged");
  return bytes.subarray(start, start + e.compressedSize);
}

/** Feed size: at most about 1,032 × this comes out of one push, so the running cap is checked often. */
const FEED = 16 * 1024;

/**
 * An entry's content, inflated with a running cap at its declared size: more than the central
 * directory declared is a damaged (or hostile) file, refused as soon as it shows. `keep` false
 * checks and counts without keeping the bytes.
 */
/**
 * A raw-deflate inflater that throws rather than make more than `maxBytes`: the CLI passes Node's
 * zlib (`maxOutputLength`), several times faster than fflate; the pane uses fflate's stream below.
 */
export type RawInflate = (data: Uint8Array, maxBytes: number) => Uint8Array;

export function inflateEntry(bytes: Uint8Array, e: Entry, keep = true, inflateRaw?: RawInflate): Uint8Array {
  const data = dataOf(bytes, e);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new NotWorkbookError("damaged");
    return keep ? data : new Uint8Array(0);
  }
  if (inflateRaw) {
    let out: Uint8Array;
    try {
      out = inflateRaw(data, Math.max(1, e.size));
    } catch {
      throw new NotWorkbookError("damaged");
    }
    if (out.length !== e.size) throw new NotWorkbookError("damaged");
    return keep ? out : new Uint8Array(0);
  }
  // Written into one array of the declared size as it comes, not kept in chunks and joined at the
  // end (which held a 186 MB sheet twice at once; issue 20). Pages never written cost nothing.
  const out = keep ? new Uint8Array(e.size) : undefined;
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > e.size) throw new NotWorkbookError("damaged");
    out?.set(chunk, total - chunk.length);
    if (final) done = true;
  });
  try {
    for (let i = 0; i < data.length; i += FEED) inflater.push(data.subarray(i, Math.min(data.length, i + FEED)), i + FEED >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof NotWorkbookError) throw err;
    throw new NotWorkbookError("damaged");
  }
  if (!done || total !== e.size) throw new NotWorkbookError("damaged");
  return out ?? new Uint8Array(0);
}

/**
 * Parts jobstatus reads: the package's and workbook's relationships, the workbook, its styles
 * (number formats), shared strings, core properties (when the file was saved), the worksheets and
 * their relationship lists. Not drawings, images, comments, charts, macros, embeddings or anything
 * unknown.
 */
export function isUsedPart(name: string): boolean {
  const n = name.toLowerCase();
  return (
    n === "[content_types].xml" ||
    n === "_rels/.rels" ||
    n === "docprops/core.xml" ||
    n === "xl/workbook.xml" ||
    n === "xl/_rels/workbook.xml.rels" ||
    n === "xl/styles.xml" ||
    n === "xl/sharedstrings.xml" ||
    /^xl\/worksheets\/[^/]+\.xml$/.test(n) ||
    /^xl\/worksheets\/_rels\/[^/]+\.xml\.rels$/.test(n)
  );
}

/** The used parts, inflated within the limits, by name. */
export function usedParts(bytes: Uint8Array, inflateRaw?: RawInflate): Map<string, Uint8Array> {
  const parts = new Map<string, Uint8Array>();
  for (const e of centralDirectory(bytes)) if (!e.name.endsWith("/") && isUsedPart(e.name)) parts.set(e.name, inflateEntry(bytes, e, true, inflateRaw));
  checkPartTargets(parts);
  for (const [name, data] of parts) checkParsedPartCounts(name, data);
  return parts;
}

/**
 * Every part inflated once within the limits (the copy keeps them all, so all must be checked); the
 * used parts are returned as usedParts returns them, the others dropped as soon as they are counted.
 */
export function checkAllParts(bytes: Uint8Array, inflateRaw?: RawInflate): { parts: Map<string, Uint8Array>; zip: Uint8Array } {
  const parts = new Map<string, Uint8Array>();
  const entries = centralDirectory(bytes);
  for (const e of entries) {
    const used = !e.name.endsWith("/") && isUsedPart(e.name);
    const out = inflateEntry(bytes, e, used, inflateRaw);
    if (used) parts.set(e.name, out);
  }
  checkPartTargets(parts);
  for (const [name, data] of parts) checkParsedPartCounts(name, data);
  return { parts, zip: rebuiltZip(bytes, entries, exceljsSpellingsOf(parts)) };
}

/**
 * A zip of exactly the checked entries, their compressed bytes copied as they are (nothing is
 * inflated again): what exceljs loads for the copy, so it can never see an entry the checks did not
 * (one beyond the central directory's count, a local header no central entry points at). A part
 * in `spelling` gets the name exceljs finds it by (part-names.ts).
 */
export function rebuiltZip(bytes: Uint8Array, entries: readonly Entry[], spelling: ReadonlyMap<string, string> = new Map()): Uint8Array {
  const names = entries.map((e) => strToU8(spelling.get(e.name) ?? e.name));
  let localTotal = 0;
  let centralTotal = 0;
  entries.forEach((e, i) => {
    localTotal += 30 + (names[i] as Uint8Array).length + e.compressedSize;
    centralTotal += 46 + (names[i] as Uint8Array).length;
  });
  const out = new Uint8Array(localTotal + centralTotal + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  let central = localTotal;
  entries.forEach((e, i) => {
    const name = names[i] as Uint8Array;
    const data = dataOf(bytes, e);
    const offset = at;
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 0x0800, true);
    view.setUint16(at + 8, e.method, true);
    view.setUint32(at + 14, e.crc, true);
    view.setUint32(at + 18, e.compressedSize, true);
    view.setUint32(at + 22, e.size, true);
    view.setUint16(at + 26, name.length, true);
    out.set(name, at + 30);
    out.set(data, at + 30 + name.length);
    at += 30 + name.length + data.length;
    view.setUint32(central, 0x02014b50, true);
    view.setUint16(central + 4, 20, true);
    view.setUint16(central + 6, 20, true);
    view.setUint16(central + 8, 0x0800, true);
    view.setUint16(central + 10, e.method, true);
    view.setUint32(central + 16, e.crc, true);
    view.setUint32(central + 20, e.compressedSize, true);
    view.setUint32(central + 24, e.size, true);
    view.setUint16(central + 28, name.length, true);
    view.setUint32(central + 42, offset, true);
    out.set(name, central + 46);
    central += 46 + name.length;
  });
  view.setUint32(central, 0x06054b50, true);
  view.setUint16(central + 8, entries.length, true);
  view.setUint16(central + 10, entries.length, true);
  view.setUint32(central + 12, centralTotal, true);
  view.setUint32(central + 16, localTotal, true);
  return out;
}

/**
 * A zip of only these parts, stored (not compressed again), for exceljs: it then parses nothing
 * jobstatus does not read. Relationship lists of worksheets lose the entries whose targets were
 * left out, so exceljs does not look for a drawing or comment part that is not there. Each part
 * has the name exceljs finds it by (part-names.ts).
 */
export function reducedZip(parts: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const files: Zippable = {};
  const spelling = exceljsSpellingsOf(parts);
  for (const [stored, data] of parts) {
    const name = spelling.get(stored) ?? stored;
    const content = /^xl\/worksheets\/_rels\//i.test(name) ? externalOnly(data) : /^xl\/worksheets\/[^/]+\.xml$/i.test(name) ? withoutPartReferences(data) : data;
    files[name] = [content, { level: 0 }];
  }
  return zipSync(files);
}

const SHEET_DATA_END = strToU8("</sheetData>");

/**
 * A worksheet without its references to parts that were left out (drawings, notes' VML, tables,
 * background pictures). They follow the cells, so only the tail after `</sheetData>` (or an empty
 * `<sheetData/>`) is rewritten.
 */
function withoutPartReferences(sheet: Uint8Array): Uint8Array {
  let at = -1;
  outer: for (let i = sheet.length - SHEET_DATA_END.length; i >= 0; i--) {
    for (let k = 0; k < SHEET_DATA_END.length; k++) if (sheet[i + k] !== SHEET_DATA_END[k]) continue outer;
    at = i + SHEET_DATA_END.length;
    break;
  }
  if (at < 0) {
    // An empty `<sheetData/>` (a sheet with no cells, or one whose cells the scan reads: load.ts
    // hands exceljs the sheet without them); its references follow it just the same.
    const m = /<sheetData\b[^>]*\/>/.exec(strFromU8(sheet));
    if (!m) return sheet;
    at = strToU8(strFromU8(sheet).slice(0, m.index + m[0].length)).length;
  }
  const tail = strFromU8(sheet.subarray(at));
  const kept = tail.replace(/<(?:\w+:)?(drawing|legacyDrawing|legacyDrawingHF|drawingHF|picture|tableParts|controls|oleObjects)\b(?:[^>]*\/>|[\s\S]*?<\/(?:\w+:)?\1>)/g, "");
  if (kept === tail) return sheet;
  const head = sheet.subarray(0, at);
  const rest = strToU8(kept);
  const out = new Uint8Array(head.length + rest.length);
  out.set(head);
  out.set(rest, head.length);
  return out;
}

/** A worksheet's relationships without those to parts (drawings, comments, tables): hyperlinks to outside stay. */
function externalOnly(rels: Uint8Array): Uint8Array {
  const xml = strFromU8(rels);
  return strToU8(xml.replace(/<Relationship\b[^>]*?(?:\/>|>[\s\S]*?<\/Relationship>)/g, (r) => (/TargetMode\s*=\s*["']External["']/.test(r) ? r : "")));
}
