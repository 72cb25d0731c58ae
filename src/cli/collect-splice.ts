/**
 * `saml`'s and `gendan`'s copies built at zip level (issue 20), as `beregn`'s is (xlsx-splice.ts):
 * the analyst's parts are copied byte for byte, as stored, and only what the plan writes is written.
 * exceljs never loads or saves the analyst's workbook here, so charts, pivot tables, slicers, notes,
 * conditional formats, custom XML and every cell jobstatus does not write stay as the analyst saved
 * them.
 *
 * What each action writes (the same as the exceljs executor, xlsx-collect.ts, and the add-in's
 * collect, src/office/collect.ts):
 * - insert: a new sheet part holding the delivered values only;
 * - fill-template and replace: the existing sheet's part with its `<sheetData>` rewritten: every
 *   value and formula cleared, each cell keeping its style; the delivered values written (text as
 *   a shared string, never a formula), a delivered number format as a copy of the cell's cell format
 *   with that number format; the delivered merges. Everything else of the part (its views, columns,
 *   data validation, conditional formats, notes' anchors, drawing, print setup) is kept as stored.
 *   The sheet keeps its name and place, so every formula, name, chart series, pivot cache and
 *   hyperlink that points at it by name still does;
 * - replace also keeps the old sheet's part, as stored (its view unselected), as a new hidden sheet
 *   `keepAs` (gendan brings it back);
 * - restore (gendan): only `xl/workbook.xml` changes: the kept copy and the sheet there now swap
 *   names, visibility and places. A reference by name (a formula, a name, a chart's series) then
 *   points at the restored sheet, as after the exceljs executor's rename; a sheet's own names
 *   (`localSheetId`) follow their sheet.
 *
 * Written anew besides: `xl/workbook.xml` (new sheets, the active tab, `fullCalcOnLoad` when the
 * workbook has a formula or a name, as one may show a value of a sheet whose values changed), its relationships, the
 * content types, `xl/styles.xml` and `xl/sharedStrings.xml` when something is added to them, a
 * sheet whose view was selected (the copy opens on its first visible sheet, none grouped),
 * `docProps/custom.xml` without an old owner marker; `xl/calcChain.xml` goes when a filled sheet
 * held a formula (Excel rebuilds it).
 *
 * The caller has loaded the same bytes in the reader's copy mode (every part inflated once within
 * the limits, src/xlsx/load.ts) to plan, so a lying part is refused before this module runs; the
 * parts it reads it inflates again within the same limits.
 *
 * Whatever this module cannot read with certainty returns undefined, and the caller falls back to
 * exceljs's load and save: the checks of xlsx-splice.ts (a macro workbook or template, prefixed
 * XML, comments, CDATA or processing instructions) and, on a sheet the plan fills, hyperlinks or
 * tables (whose semantics on clearing differ between the writers), a row or cell element not read
 * here; a replaced sheet with relationships of its own (its notes, drawing or table parts cannot be
 * shared by two sheets); cell formats past Excel's maximum. Node only (the CLI).
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { TextDecoder as NodeTextDecoder } from "node:util";
import { centralDirectory, checkParsedPartCounts, inflateEntry, READER_LIMITS, type ZipEntry } from "../xlsx/bounded-zip";
import { escapeXstring } from "../xlsx/xstring";
import type { RestorePlan, SheetAction, SheetValues, WriteValue } from "../core";
import { attr, dataOfEntry, parseRels, plainXml, relsOf, section, selected, setAttr, unselected, workbookType, xmlDecode, xmlEscape, type Rel } from "./xlsx-splice";
import { withoutMarker } from "./owner-mark";
import { writeZip, type StoredPart } from "./zip-write";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
const utf8 = new NodeTextDecoder("utf-8");

/** What the splice wrote, for tests: the output and the parts written anew (every other is the input's, as stored). */
export interface CollectSpliceResult {
  readonly bytes: Uint8Array;
  readonly rewritten: readonly string[];
  readonly removed: readonly string[];
}

const capped = (data: Uint8Array, max: number): Uint8Array => inflateRawSync(data, { maxOutputLength: Math.max(1, max) });

interface BookSheet {
  el: string;
  name: string;
  readonly sheetId: number;
  readonly part: string;
}

/** The analyst's package as read here: its workbook, relationships, content types and sheets. */
class Book {
  readonly entries: ZipEntry[];
  readonly byName: Map<string, ZipEntry>;
  workbook = "";
  wbRels = "";
  types = "";
  relPrefix = "";
  rels: Rel[] = [];
  sheets: BookSheet[] = [];
  /** Parts written anew, by name (new ones too). */
  readonly rewritten = new Map<string, string>();
  readonly removed = new Set<string>();

  constructor(readonly input: Uint8Array) {
    this.entries = centralDirectory(input);
    this.byName = new Map(this.entries.map((e) => [e.name, e]));
  }

  text(name: string, parsed = false): string | undefined {
    const e = this.byName.get(name);
    if (!e) return undefined;
    const data = inflateEntry(this.input, e, true, capped);
    if (parsed) checkParsedPartCounts(name, data);
    return utf8.decode(data);
  }

  /** Reads the workbook's frame; false when it is not in the form read here (xlsx-splice.ts's checks). */
  open(): boolean {
    const workbook = this.text("xl/workbook.xml");
    const wbRels = this.text("xl/_rels/workbook.xml.rels");
    const types = this.text("[Content_Types].xml");
    const root = parseRels(this.text("_rels/.rels") ?? "", "");
    if (!workbook || !wbRels || !types || !root.some((r) => r.target === "xl/workbook.xml")) return false;
    if (workbookType(types, "xl/workbook.xml") !== WORKBOOK_TYPE) return false;
    if (![workbook, wbRels, types].every(plainXml)) return false;
    const relPrefix = new RegExp(`xmlns:(\\w+)\\s*=\\s*["']${REL_NS}["']`).exec(workbook)?.[1];
    if (!/<workbook\b/.test(workbook) || !workbook.includes(`"${MAIN_NS}"`) || !relPrefix) return false;
    if (!/<\/Relationships>\s*$/.test(wbRels) || !/<\/Types>\s*$/.test(types)) return false;
    const sheetsSection = section(workbook, "sheets");
    if (!sheetsSection) return false;
    this.rels = parseRels(wbRels, "xl/workbook.xml");
    const relById = new Map(this.rels.map((r) => [r.id, r]));
    const elements = [...sheetsSection.inner.matchAll(/<sheet\b[^>]*?(?:\/>|>\s*<\/sheet>)/g)].map((m) => m[0]);
    if ((sheetsSection.inner.match(/<sheet\b/g) ?? []).length !== elements.length) return false;
    for (const el of elements) {
      const part = relById.get(attr(el, `${relPrefix}:id`) ?? "")?.target;
      if (!part || !this.byName.has(part)) return false;
      this.sheets.push({ el, name: xmlDecode(attr(el, "name") ?? ""), sheetId: Number(attr(el, "sheetId") ?? 0), part });
    }
    Object.assign(this, { workbook, wbRels, types, relPrefix });
    return true;
  }

  sheet(name: string): BookSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Whether a sheet has this name, as Excel compares them (case-insensitively). */
  taken(name: string): boolean {
    const key = name.toLocaleUpperCase("da-DK");
    return this.sheets.some((s) => s.name.toLocaleUpperCase("da-DK") === key);
  }

  /** A part's current text: as rewritten here, else as stored. */
  current(part: string): string | undefined {
    return this.rewritten.get(part) ?? this.text(part);
  }

  freshPart(pattern: (n: number) => string): string {
    const taken = new Set([...this.entries.map((e) => e.name.toLowerCase()), ...[...this.rewritten.keys()].map((k) => k.toLowerCase())]);
    for (let n = 1; ; n++) if (!taken.has(pattern(n).toLowerCase())) return pattern(n);
  }

  freshRid(): string {
    const ids = new Set([...this.wbRels.matchAll(/\sId\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]));
    for (let n = 1; ; n++) if (!ids.has(`rIdJobstatus${n}`)) return `rIdJobstatus${n}`;
  }

  /** Adds a worksheet part and its `<sheet>` element at the end of the tabs. */
  addSheet(name: string, xml: string, hidden: boolean): void {
    const part = this.freshPart((n) => `xl/worksheets/sheet${n}.xml`);
    const rid = this.freshRid();
    const sheetId = Math.max(0, ...this.sheets.map((s) => s.sheetId)) + 1;
    const el = `<sheet name="${xmlEscape(name)}" sheetId="${sheetId}"${hidden ? ' state="hidden"' : ""} ${this.relPrefix}:id="${rid}"/>`;
    this.sheets.push({ el, name, sheetId, part });
    this.rewritten.set(part, xml);
    this.wbRels = this.wbRels.replace(/<\/Relationships>\s*$/, `<Relationship Id="${rid}" Type="${REL_NS}/worksheet" Target="/${part}"/></Relationships>`);
    this.types = this.types.replace(/<\/Types>\s*$/, `<Override PartName="/${part}" ContentType="${WORKSHEET_TYPE}"/></Types>`);
  }

  /** Removes a part the workbook relates to (calcChain): the part, its relationship and its content type. */
  removeWorkbookPart(part: string): void {
    this.removed.add(part);
    this.wbRels = this.wbRels.replace(/<Relationship\b[^>]*?(?:\/>|>[\s\S]*?<\/Relationship>)/g, (r) => (parseRels(r, "xl/workbook.xml")[0]?.target === part ? "" : r));
    this.types = this.types.replace(/<Override\b[^>]*?(?:\/>|>\s*<\/Override>)/g, (o) => ((attr(o, "PartName") ?? "").replace(/^\//, "") === part ? "" : o));
  }

  /** The workbook's `<sheets>` as they now are, the active tab, and `fullCalcOnLoad` on request. */
  finishWorkbook(recalc: boolean): boolean {
    const s = section(this.workbook, "sheets");
    if (!s) return false;
    let wb = `${this.workbook.slice(0, s.start)}${s.open}${this.sheets.map((x) => x.el).join("")}</sheets>${this.workbook.slice(s.end)}`;
    const active = this.sheets.findIndex((x) => (attr(x.el, "state") ?? "visible") === "visible");
    if (active < 0) return false;
    if (/<workbookView\b/.test(wb)) wb = wb.replace(/<workbookView\b[^>]*?\/?>/, (tag) => setAttr(setAttr(tag, "activeTab", String(active)), "firstSheet", "0"));
    else wb = wb.replace(/<sheets>/, `<bookViews><workbookView activeTab="${active}"/></bookViews><sheets>`);
    if (recalc) {
      if (/<calcPr\b/.test(wb)) wb = wb.replace(/<calcPr\b[^>]*?\/?>/, (tag) => setAttr(tag, "fullCalcOnLoad", "1"));
      else {
        // CT_Workbook: calcPr follows sheets, functionGroups, externalReferences and definedNames.
        const after = /<\/definedNames>|<definedNames\b[^>]*\/>|<\/externalReferences>|<\/functionGroups>|<functionGroups\b[^>]*\/>|<\/sheets>/g;
        let at = -1;
        for (const m of wb.matchAll(after)) at = Math.max(at, (m.index ?? 0) + m[0].length);
        if (at < 0) return false;
        wb = `${wb.slice(0, at)}<calcPr fullCalcOnLoad="1"/>${wb.slice(at)}`;
      }
    }
    this.workbook = wb;
    // The copy opens on that sheet, and only it is selected (no tabs grouped).
    this.sheets.forEach((x, i) => {
      const xml = this.rewritten.get(x.part) ?? this.headOf(x.part);
      if (xml === undefined) return;
      if (i === active) {
        if (!/<sheetView\b[^>]*\stabSelected\s*=\s*["'](?:1|true)["']/.test(xml)) {
          const whole = this.current(x.part) ?? "";
          const sel = selected(whole);
          if (sel !== whole) this.rewritten.set(x.part, sel);
        }
      } else if (/\stabSelected\s*=/.test(xml)) {
        const whole = this.current(x.part) ?? "";
        const un = unselected(whole);
        if (un !== undefined) this.rewritten.set(x.part, un);
      }
    });
    return true;
  }

  private headOf(part: string): string | undefined {
    const e = this.byName.get(part);
    if (!e) return undefined;
    const data = inflateEntry(this.input, e, true, capped);
    const text = utf8.decode(data.subarray(0, Math.min(data.length, 64 * 1024)));
    const end = text.search(/<sheetData\b/);
    return end < 0 ? text : text.slice(0, end);
  }

  /** The package: the input's parts as stored but those written or removed here, then the new parts. */
  bytes(): CollectSpliceResult {
    this.rewritten.set("xl/workbook.xml", this.workbook);
    this.rewritten.set("xl/_rels/workbook.xml.rels", this.wbRels);
    this.rewritten.set("[Content_Types].xml", this.types);
    if (this.byName.has("docProps/custom.xml")) {
      const custom = this.text("docProps/custom.xml") ?? "";
      if (withoutMarker(custom) !== custom) this.rewritten.set("docProps/custom.xml", withoutMarker(custom));
    }
    const out: StoredPart[] = [];
    const rewritten: string[] = [];
    const stamp = this.byName.get("xl/workbook.xml");
    const pending = new Map(this.rewritten);
    for (const e of this.entries) {
      if (this.removed.has(e.name)) continue;
      const content = pending.get(e.name);
      if (content === undefined) {
        out.push({ name: e.name, method: e.method, crc: e.crc, size: e.size, data: dataOfEntry(this.input, e), date: e.date, time: e.time });
        continue;
      }
      pending.delete(e.name);
      if (content === this.text(e.name)) {
        out.push({ name: e.name, method: e.method, crc: e.crc, size: e.size, data: dataOfEntry(this.input, e), date: e.date, time: e.time });
        continue;
      }
      out.push(deflated(e.name, content, e.date, e.time));
      rewritten.push(e.name);
    }
    for (const [name, content] of pending) {
      out.push(deflated(name, content, stamp?.date, stamp?.time));
      rewritten.push(name);
    }
    return { bytes: writeZip(out), rewritten, removed: [...this.removed] };
  }
}

function deflated(name: string, content: string, date = 0x21, time = 0): StoredPart {
  const raw = Buffer.from(content, "utf8");
  return { name, method: 8, crc: crc32(raw) >>> 0, size: raw.length, data: deflateRawSync(raw), date, time };
}

/** Number formats Excel builds in whose code does not depend on the locale ([MS-OI29500] 2.1.729; ECMA-376 Part 1, §18.8.30). */
const BUILT_IN_FORMATS: ReadonlyMap<number, string> = new Map([
  [0, "General"], [1, "0"], [2, "0.00"], [3, "#,##0"], [4, "#,##0.00"], [9, "0%"], [10, "0.00%"], [11, "0.00E+00"], [12, "# ?/?"], [13, "# ??/??"], [49, "@"],
]);

/** The analyst's styles with the cell formats the delivered number formats need appended (the input's keep their numbers). */
class Styles {
  private readonly xfs: string[];
  private readonly added: string[] = [];
  private readonly byXml = new Map<string, number>();
  private readonly codeToId = new Map<string, number>();
  private readonly idToCode = new Map<number, string>();
  private readonly newFmts: string[] = [];
  private nextFmt: number;
  private readonly styleXfs: number;

  private constructor(private readonly xml: string) {
    const xfs = section(xml, "cellXfs") as { inner: string };
    this.xfs = [...xfs.inner.matchAll(/<xf\b(?:[^>]*\/>|[^>]*>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    this.xfs.forEach((x, i) => this.byXml.has(x) || this.byXml.set(x, i));
    for (const [id, code] of BUILT_IN_FORMATS) {
      this.idToCode.set(id, code);
      this.codeToId.set(code, id);
    }
    const fmts = [...(section(xml, "numFmts")?.inner ?? "").matchAll(/<numFmt\b[^>]*>/g)].map((m) => m[0]);
    for (const f of fmts) {
      const id = Number(attr(f, "numFmtId"));
      const code = xmlDecode(attr(f, "formatCode") ?? "");
      this.idToCode.set(id, code);
      if (!this.codeToId.has(code) || id >= 164) this.codeToId.set(code, id);
    }
    this.nextFmt = Math.max(163, ...fmts.map((f) => Number(attr(f, "numFmtId") ?? 0))) + 1;
    this.styleXfs = (section(xml, "cellStyleXfs")?.inner.match(/<xf\b/g) ?? []).length;
  }

  static read(xml: string | undefined): Styles | undefined {
    if (xml === undefined || !/<styleSheet\b/.test(xml) || !xml.includes(`"${MAIN_NS}"`) || !plainXml(xml)) return undefined;
    const xfs = section(xml, "cellXfs");
    if (!xfs) return undefined;
    const count = (xfs.inner.match(/<xf\b/g) ?? []).length;
    if ([...xfs.inner.matchAll(/<xf\b(?:[^>]*\/>|[^>]*>[\s\S]*?<\/xf>)/g)].length !== count || count === 0) return undefined;
    const fmts = section(xml, "numFmts");
    // An empty `<numFmts/>` would be doubled by the one appended here.
    if (/<numFmts\b[^>]*\/>/.test(xml)) return undefined;
    if (fmts && [...fmts.inner.matchAll(/<numFmt\b[^>]*\/>/g)].length !== (fmts.inner.match(/<numFmt\b/g) ?? []).length) return undefined;
    return new Styles(xml);
  }

  get changed(): boolean {
    return this.added.length > 0 || this.newFmts.length > 0;
  }

  /** The cell format `s` with number format `code` (a new one, appended, unless it is already so). Undefined past Excel's maximum. */
  withFormat(s: number, code: string): number | undefined {
    const xf = s < this.xfs.length ? this.xfs[s] : s - this.xfs.length < this.added.length ? this.added[s - this.xfs.length] : undefined;
    if (xf === undefined) return undefined;
    let id = this.codeToId.get(code);
    if (id === undefined) {
      id = this.nextFmt++;
      this.codeToId.set(code, id);
      this.idToCode.set(id, code);
      this.newFmts.push(`<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`);
    }
    const open = /^<xf\b[^>]*?\/?>/.exec(xf)?.[0] ?? "";
    if (Number(attr(open, "numFmtId") ?? 0) === id) return s;
    const tag = setAttr(setAttr(open, "numFmtId", String(id)), "applyNumberFormat", "1");
    const made = tag + xf.slice(open.length);
    const known = this.byXml.get(made);
    if (known !== undefined) return known;
    const at = this.xfs.length + this.added.length;
    // Excel allows 65,430 cell formats, cell and cell style formats together ([MS-OI29500] 2.1.700).
    if (at + 1 + this.styleXfs > READER_LIMITS.cellFormats) return undefined;
    this.added.push(made);
    this.byXml.set(made, at);
    return at;
  }

  render(): string {
    let xml = this.xml;
    if (this.added.length > 0) {
      const s = section(xml, "cellXfs") as { start: number; open: string; inner: string; end: number };
      const open = attr(s.open, "count") !== undefined ? setAttr(s.open, "count", String(this.xfs.length + this.added.length)) : s.open;
      xml = `${xml.slice(0, s.start)}${open}${s.inner}${this.added.join("")}</cellXfs>${xml.slice(s.end)}`;
    }
    if (this.newFmts.length > 0) {
      const s = section(xml, "numFmts");
      if (s) {
        const count = (s.inner.match(/<numFmt\b/g) ?? []).length + this.newFmts.length;
        const open = attr(s.open, "count") !== undefined ? setAttr(s.open, "count", String(count)) : s.open;
        xml = `${xml.slice(0, s.start)}${open}${s.inner}${this.newFmts.join("")}</numFmts>${xml.slice(s.end)}`;
      } else {
        const root = /<styleSheet\b[^>]*>/.exec(xml) as RegExpExecArray;
        const at = root.index + root[0].length;
        xml = `${xml.slice(0, at)}<numFmts count="${this.newFmts.length}">${this.newFmts.join("")}</numFmts>${xml.slice(at)}`;
      }
    }
    return xml;
  }
}

/** The analyst's shared strings with the delivered texts appended (the input's keep their numbers). */
class Strings {
  private readonly added: string[] = [];
  private readonly index = new Map<string, number>();
  private refs = 0;

  private constructor(private readonly xml: string | undefined, private readonly offset: number) {}

  static read(xml: string | undefined): Strings | undefined {
    if (xml === undefined) return new Strings(undefined, 0);
    if (!plainXml(xml) || !xml.includes(`"${MAIN_NS}"`)) return undefined;
    const root = /<sst\b[^>]*>/.exec(xml);
    if (!root || root[0].endsWith("/>") || xml.lastIndexOf("</sst>") < 0) return undefined;
    return new Strings(xml, (xml.match(/<si\b/g) ?? []).length);
  }

  get changed(): boolean {
    return this.refs !== 0 || this.added.length > 0;
  }

  /** A cell referring to a text was cleared (the table's `count` counts references). */
  released(): void {
    this.refs--;
  }

  add(text: string): number {
    this.refs++;
    const known = this.index.get(text);
    if (known !== undefined) return known;
    const at = this.offset + this.added.length;
    this.added.push(`<si><t xml:space="preserve">${xmlEscape(escapeXstring(text))}</t></si>`);
    this.index.set(text, at);
    return at;
  }

  render(): string {
    if (this.xml === undefined) return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${this.refs}" uniqueCount="${this.added.length}">${this.added.join("")}</sst>`;
    const root = /<sst\b[^>]*>/.exec(this.xml) as RegExpExecArray;
    let open = root[0];
    const count = attr(open, "count");
    if (count !== undefined) open = setAttr(open, "count", String(Math.max(0, Number(count) + this.refs)));
    const unique = attr(open, "uniqueCount");
    if (unique !== undefined) open = setAttr(open, "uniqueCount", String(Number(unique) + this.added.length));
    const close = this.xml.lastIndexOf("</sst>");
    return `${this.xml.slice(0, root.index)}${open}${this.xml.slice(root.index + root[0].length, close)}${this.added.join("")}${this.xml.slice(close)}`;
  }
}

const colNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
function colLetters(n: number): string {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
function parseRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.trim().toUpperCase());
  return m ? { col: colNumber(m[1] as string), row: Number(m[2]) } : undefined;
}

interface Cell {
  /** The cell's attributes that stay when its value goes: its reference, style and phonetic flag. */
  s: number | undefined;
  ph: string | undefined;
  body: string;
  t: string | undefined;
}
interface Row {
  open: string;
  cells: Map<number, Cell>;
}

/** One value in the form Excel stores it; text as a shared string. */
function valueXml(v: Exclude<WriteValue, null>, strings: Strings): { t?: string; body: string } {
  if (typeof v === "number") return { body: `<v>${String(v)}</v>` };
  if (typeof v === "boolean") return { t: "b", body: `<v>${v ? 1 : 0}</v>` };
  if (typeof v === "string") return { t: "s", body: `<v>${strings.add(v)}</v>` };
  return { t: "e", body: `<v>${xmlEscape(v.error)}</v>` };
}

/** Elements that follow `<mergeCells>` in CT_Worksheet (ECMA-376 Part 1, §18.3.1.99), or the end. */
const AFTER_MERGES = /<(?:phoneticPr|conditionalFormatting|dataValidations|hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|customProperties|cellWatches|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b|<\/worksheet>/;

interface Point {
  readonly row: number;
  readonly col: number;
}
interface Area {
  readonly ref: string;
  readonly a: Point;
  readonly b: Point;
}

/** Merged areas from their references; undefined when one is not read here. */
function areasOf(list: readonly string[]): Area[] | undefined {
  const out: Area[] = [];
  for (const ref of list) {
    const [a, b] = ref.split(":").map((x) => parseRef(x ?? ""));
    if (!a || !b || a.row > b.row || a.col > b.col) return undefined;
    out.push({ ref, a, b });
  }
  return out;
}

/** Each cell of a merged area but its first. */
function othersOf(m: Area, each: (r: number, c: number) => void): void {
  for (let r = m.a.row; r <= m.b.row; r++) for (let c = m.a.col; c <= m.b.col; c++) if (r !== m.a.row || c !== m.a.col) each(r, c);
}

/** A worksheet's `<sheetData>` as rows of cells; undefined when a row or cell is not in the form read here. */
function readRows(inner: string): { rows: Map<number, Row>; hadFormula: boolean } | undefined {
  const rowRe = /<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g;
  if (inner.replace(rowRe, "").trim() !== "") return undefined;
  const rows = new Map<number, Row>();
  let hadFormula = false;
  for (const m of inner.matchAll(rowRe)) {
    const open = (/^<row\b[^>]*?\/?>/.exec(m[0]) as RegExpExecArray)[0].replace(/\/>$/, ">");
    const r = Number(attr(open, "r"));
    if (!Number.isInteger(r) || r < 1 || rows.has(r)) return undefined;
    const cellRe = /<c\b[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g;
    const body = m[1] ?? "";
    if (body.replace(cellRe, "").trim() !== "") return undefined;
    const cells = new Map<number, Cell>();
    for (const c of body.matchAll(cellRe)) {
      const tag = (/^<c\b[^>]*?\/?>/.exec(c[0]) as RegExpExecArray)[0];
      const ref = parseRef(attr(tag, "r") ?? "");
      if (!ref || ref.row !== r || cells.has(ref.col)) return undefined;
      const s = attr(tag, "s");
      if (/<f\b/.test(c[1] ?? "")) hadFormula = true;
      cells.set(ref.col, { s: s === undefined ? undefined : Number(s), ph: attr(tag, "ph"), body: c[1] ?? "", t: attr(tag, "t") });
    }
    // `spans` is an optional hint of the row's columns (§18.3.1.73); the row's cells change, so it goes.
    rows.set(r, { open: open.replace(/\sspans\s*=\s*("[^"]*"|'[^']*')/, ""), cells });
  }
  return { rows, hadFormula };
}

/** A sheet's cells being filled: the stages of {@link fillSheet}, in the exceljs executor's order. */
class SheetCells {
  /** A new cell where exceljs would mix a row's and a column's format: not written here. */
  unsure = false;
  private readonly colStyles: { min: number; max: number; style: string | undefined }[];

  constructor(
    readonly rows: Map<number, Row>,
    xml: string,
  ) {
    this.colStyles = [...(section(xml, "cols")?.inner ?? "").matchAll(/<col\b[^>]*>/g)].map((m) => ({ min: Number(attr(m[0], "min")), max: Number(attr(m[0], "max")), style: attr(m[0], "style") }));
  }

  /**
   * The format a cell made anew takes: its row's, else its column's. Where both apply exceljs mixes
   * them property by property (and reads a row's format even without customFormat, which Excel
   * ignores): `unsure`, and exceljs writes the copy.
   */
  defaultStyle(row: Row | undefined, col: number): number | undefined {
    const custom = row ? attr(row.open, "customFormat") : undefined;
    const rs = row ? attr(row.open, "s") : undefined;
    const cs = this.colStyles.find((x) => x.min <= col && col <= x.max)?.style;
    if (rs !== undefined && (cs !== undefined || (custom !== "1" && custom !== "true"))) this.unsure = true;
    if (rs !== undefined) return Number(rs);
    return cs === undefined ? undefined : Number(cs);
  }

  /** The cell at (r, c), made (with its default format) when the sheet has none there. */
  cellAt(r: number, c: number): Cell {
    let row = this.rows.get(r);
    if (!row) {
      row = { open: `<row r="${r}">`, cells: new Map() };
      this.rows.set(r, row);
    }
    let cell = row.cells.get(c);
    if (!cell) {
      cell = { s: this.defaultStyle(row, c), ph: undefined, body: "", t: undefined };
      row.cells.set(c, cell);
    }
    return cell;
  }

  /** Stage 1: every value and formula goes; each cell keeps its format. */
  clear(strings: Strings): void {
    for (const row of this.rows.values()) {
      for (const cell of row.cells.values()) {
        if (cell.t === "s" && /<v>/.test(cell.body)) strings.released();
        cell.body = "";
        cell.t = undefined;
      }
    }
  }

  /**
   * Stage 2, the merges as the exceljs executor makes them (xlsx-collect.ts fillInPlace): a merge
   * the delivery does not have is undone, its other cells back to their row's or column's format; a
   * new one gives its other cells the format of its first cell (exceljs's unMergeCells, mergeCells).
   */
  merge(old: readonly Area[], wanted: readonly Area[]): void {
    const want = new Set(wanted.map((m) => m.ref));
    const had = new Set(old.map((m) => m.ref));
    for (const m of old.filter((x) => !want.has(x.ref))) {
      othersOf(m, (r, c) => {
        const cell = this.rows.get(r)?.cells.get(c);
        if (cell) cell.s = this.defaultStyle(this.rows.get(r), c);
      });
    }
    for (const m of wanted.filter((x) => !had.has(x.ref))) {
      const s = this.cellAt(m.a.row, m.a.col).s;
      othersOf(m, (r, c) => (this.cellAt(r, c).s = s));
    }
  }

  /** Stage 3: the delivered values and number formats; the other cells of a merged area take none. False past Excel's cell formats. */
  write(write: SheetValues, merges: readonly Area[], styles: Styles, strings: Strings): boolean {
    const covered = new Set<string>();
    for (const m of merges) othersOf(m, (r, c) => covered.add(`${r}:${c}`));
    for (let r = 0; r < write.rows; r++) {
      for (let c = 0; c < write.cols; c++) {
        const v = write.values[r]?.[c] ?? null;
        const fmt = write.numberFormats[r]?.[c] ?? null;
        if ((v === null && fmt === null) || covered.has(`${r + 1}:${c + 1}`)) continue;
        const cell = this.cellAt(r + 1, c + 1);
        if (fmt !== null) {
          const to = styles.withFormat(cell.s ?? 0, fmt);
          if (to === undefined) return false;
          cell.s = to;
        }
        const value = v === null ? { body: "" } : valueXml(v, strings);
        cell.body = value.body;
        cell.t = value.t;
      }
    }
    return true;
  }

  /** Stage 4: the rows and cells in order, and the used range they span. */
  render(): { sheetData: string; dimension: string } {
    let [minR, maxR, minC, maxC] = [Infinity, 0, Infinity, 0];
    const rowsXml = [...this.rows.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([r, row]) => {
        const cells = [...row.cells.entries()].sort((a, b) => a[0] - b[0]);
        if (cells.length === 0) return row.open.replace(/>$/, "/>");
        [minR, maxR] = [Math.min(minR, r), Math.max(maxR, r)];
        [minC, maxC] = [Math.min(minC, cells[0]?.[0] ?? Infinity), Math.max(maxC, cells[cells.length - 1]?.[0] ?? 0)];
        const cellsXml = cells
          .map(([c, cell]) => {
            const head = `<c r="${colLetters(c)}${r}"${cell.s !== undefined ? ` s="${cell.s}"` : ""}${cell.t ? ` t="${cell.t}"` : ""}${cell.ph !== undefined ? ` ph="${xmlEscape(cell.ph)}"` : ""}`;
            return cell.body ? `${head}>${cell.body}</c>` : `${head}/>`;
          })
          .join("");
        return `${row.open}${cellsXml}</row>`;
      })
      .join("");
    return { sheetData: rowsXml === "" ? "<sheetData/>" : `<sheetData>${rowsXml}</sheetData>`, dimension: maxR === 0 ? "A1" : `${colLetters(minC)}${minR}:${colLetters(maxC)}${maxR}` };
  }
}

/** The sheet's `<mergeCells>` replaced by `merges` (placed where CT_Worksheet wants it when the sheet had none). */
function withMerges(xml: string, merges: readonly string[], from: number): string | undefined {
  const mergesXml = merges.length > 0 ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${xmlEscape(m)}"/>`).join("")}</mergeCells>` : "";
  const old = /<mergeCells\b[^>]*\/>|<mergeCells\b[^>]*>[\s\S]*?<\/mergeCells>/.exec(xml);
  if (old) return `${xml.slice(0, old.index)}${mergesXml}${xml.slice(old.index + old[0].length)}`;
  if (!mergesXml) return xml;
  const next = AFTER_MERGES.exec(xml.slice(from));
  if (!next) return undefined;
  return `${xml.slice(0, from + next.index)}${mergesXml}${xml.slice(from + next.index)}`;
}

/**
 * `xml` (a worksheet) filled in place with `write`, as xlsx-collect.ts's fillInPlace does: every
 * value and formula cleared (each cell keeps its style, the part everything else), the delivered
 * merges made, then the values and number formats written. A new cell takes its row's format, else
 * its column's, as in Excel and exceljs. Undefined when the sheet is not in the form read here.
 */
function fillSheet(xml: string, write: SheetValues, styles: Styles, strings: Strings): { xml: string; hadFormula: boolean } | undefined {
  if (!plainXml(xml) || /<hyperlinks\b|<tableParts\b/.test(xml)) return undefined;
  const found = [...xml.matchAll(/<sheetData\b[^>]*\/>|<sheetData\b[^>]*>([\s\S]*?)<\/sheetData>/g)];
  const data = found[0];
  if (found.length !== 1 || !data || (xml.match(/<sheetData\b/g) ?? []).length !== 1) return undefined;
  const read = readRows(data[1] ?? "");
  const oldMerges = areasOf([...(/<mergeCells\b[^>]*>([\s\S]*?)<\/mergeCells>/.exec(xml)?.[1] ?? "").matchAll(/<mergeCell\b[^>]*>/g)].map((m) => attr(m[0], "ref") ?? ""));
  const newMerges = areasOf(write.merges);
  if (!read || !oldMerges || !newMerges) return undefined;
  const cells = new SheetCells(read.rows, xml);
  cells.clear(strings);
  cells.merge(oldMerges, newMerges);
  if (!cells.write(write, newMerges, styles, strings) || cells.unsure) return undefined;
  const { sheetData, dimension } = cells.render();
  const at = data.index ?? 0;
  const out = withMerges(`${xml.slice(0, at)}${sheetData}${xml.slice(at + data[0].length)}`, write.merges, at + sheetData.length);
  return out === undefined ? undefined : { xml: out.replace(/<dimension\b[^>]*?\/?>/, (tag) => setAttr(tag.replace(/\/?>$/, "/>"), "ref", dimension)), hadFormula: read.hadFormula };
}

/** A new sheet as Excel starts one (ECMA-376 Part 1, §18.3.1.99's order), before its values. */
const EMPTY_SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

/** The replaced sheet's part as a kept copy: as stored, its view unselected, without a code name or revision id. */
function keptCopy(book: Book, sheet: BookSheet): string | undefined {
  const xml = book.current(sheet.part);
  if (xml === undefined || !plainXml(xml)) return undefined;
  // Its relationships (notes, a drawing, tables, hyperlinks) would have to be copied too: not read here.
  const rels = book.text(relsOf(sheet.part));
  if (rels !== undefined && /<Relationship\b/.test(rels)) return undefined;
  if (new RegExp(`\\s\\w+:id\\s*=`).test(xml)) return undefined;
  const un = unselected(xml) ?? xml;
  // Two sheets should not share a code name (VBA's) or a revision id (`xr:uid`, Excel's revision tracking).
  return un
    .replace(/<sheetPr\b[^>]*?\/?>/, (tag) => tag.replace(/\scodeName\s*=\s*("[^"]*"|'[^']*')/, ""))
    .replace(/<worksheet\b[^>]*>/, (tag) => tag.replace(/\sxr:uid\s*=\s*("[^"]*"|'[^']*')/, ""));
}

/**
 * Whether a formula or a defined name may show a value of the sheets `names`, whose values changed:
 * any formula or name at all, as a formula can reach a sheet without naming it (INDIRECT, a name,
 * a chain of cells). Excel then calculates the copy in full when it opens it, as it does exceljs's
 * copy (exceljs writes its own calcPr, whose calculation engine id is older than Excel's).
 */
function mayShow(book: Book, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  if (/<definedName\b/.test(book.workbook)) return true;
  for (const s of book.sheets) {
    const xml = book.rewritten.get(s.part);
    if (xml !== undefined) {
      if (/<f\b/.test(xml)) return true;
      continue;
    }
    const e = book.byName.get(s.part);
    if (!e) continue;
    const data = inflateEntry(book.input, e, true, capped);
    if (Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes("<f")) return true;
  }
  return false;
}

type Writing = Extract<SheetAction, { kind: "insert" | "fill-template" | "replace" }>;

/**
 * `saml`'s copy: the analyst's package with the plan's insert, fill-template and replace actions
 * carried out at zip level (the module's comment). Throws the reader's errors; undefined when the
 * package or a sheet the plan writes is not in the form read here (the caller falls back to exceljs).
 */
export function spliceCollect(input: Uint8Array, actions: readonly SheetAction[]): CollectSpliceResult | undefined {
  const book = new Book(input);
  if (!book.open()) return undefined;
  const stylesName = book.rels.find((r) => r.type === `${REL_NS}/styles`)?.target;
  if (stylesName !== "xl/styles.xml") return undefined;
  const styles = Styles.read(book.text(stylesName, true));
  if (!styles) return undefined;
  const stringsRel = book.rels.find((r) => r.type === `${REL_NS}/sharedStrings`);
  const stringsName = stringsRel?.target ?? "xl/sharedStrings.xml";
  if (stringsName !== "xl/sharedStrings.xml" || (!stringsRel && book.byName.has(stringsName))) return undefined;
  const strings = Strings.read(stringsRel ? book.text(stringsName, true) : undefined);
  if (!strings) return undefined;

  const written: string[] = [];
  let formulaGone = false;
  for (const a of actions.filter((x): x is Writing => x.kind === "insert" || x.kind === "fill-template" || x.kind === "replace")) {
    if (a.kind === "insert") {
      if (book.taken(a.name)) return undefined;
      const made = fillSheet(EMPTY_SHEET, a.write, styles, strings);
      if (!made) return undefined;
      book.addSheet(a.name, made.xml, false);
      written.push(a.name);
      continue;
    }
    const sheet = book.sheet(a.existing);
    if (!sheet) return undefined;
    if (a.kind === "replace") {
      // The analyst's own sheet, whole (its own formulas too), hidden after the others.
      const kept = keptCopy(book, sheet);
      if (kept === undefined || book.taken(a.keepAs)) return undefined;
      book.addSheet(a.keepAs, kept, true);
    }
    const xml = book.current(sheet.part);
    const done = xml === undefined ? undefined : fillSheet(xml, a.write, styles, strings);
    if (!done) return undefined;
    book.rewritten.set(sheet.part, done.xml);
    written.push(a.existing);
    formulaGone ||= done.hadFormula;
  }
  if (styles.changed) book.rewritten.set(stylesName, styles.render());
  if (strings.changed) {
    book.rewritten.set(stringsName, strings.render());
    if (!stringsRel) {
      book.wbRels = book.wbRels.replace(/<\/Relationships>\s*$/, `<Relationship Id="${book.freshRid()}" Type="${REL_NS}/sharedStrings" Target="/${stringsName}"/></Relationships>`);
      book.types = book.types.replace(/<\/Types>\s*$/, `<Override PartName="/${stringsName}" ContentType="${STRINGS_TYPE}"/></Types>`);
    }
  }
  // A filled sheet's formulas are gone: the calculation chain listing them goes too (Excel rebuilds it).
  const calcChain = book.rels.find((r) => r.type === `${REL_NS}/calcChain`)?.target;
  if (calcChain && formulaGone) book.removeWorkbookPart(calcChain);
  if (!book.finishWorkbook(mayShow(book, written))) return undefined;
  return book.bytes();
}

/**
 * `gendan`'s copy: the kept copy and the sheet there now swap names, visibility and places in
 * `xl/workbook.xml`; their parts are not touched (but for which tab is selected). Undefined when
 * the package is not in the form read here.
 */
export function spliceRestore(input: Uint8Array, plan: Extract<RestorePlan, { ok: true }>): CollectSpliceResult | undefined {
  const book = new Book(input);
  if (!book.open()) return undefined;
  const kept = book.sheet(plan.restore);
  if (!kept) return undefined;
  const setState = (el: string, state: "visible" | "hidden"): string => {
    const open = el.replace(/\s*\/>$|>\s*<\/sheet>$/, "");
    const without = open.replace(/\sstate\s*=\s*("[^"]*"|'[^']*')/, "");
    return `${state === "hidden" ? `${without} state="hidden"` : without}/>`;
  };
  const rename = (el: string, name: string): string => setAttr(el, "name", xmlEscape(name));
  const before = [...book.sheets];
  kept.el = setState(rename(kept.el, plan.as), "visible");
  if (plan.current) {
    const now = book.sheet(plan.current.name);
    if (!now || now === kept) return undefined;
    now.el = setState(rename(now.el, plan.current.keepAs), "hidden");
    const [i, j] = [book.sheets.indexOf(now), book.sheets.indexOf(kept)];
    book.sheets[i] = kept;
    book.sheets[j] = now;
    now.name = plan.current.keepAs;
  }
  kept.name = plan.as;
  // A sheet's own names (print area, sheet-scoped names) follow their sheet to its new place.
  book.workbook = book.workbook.replace(/<definedName\b[^>]*>/g, (tag) => {
    const local = attr(tag, "localSheetId");
    if (local === undefined) return tag;
    const was = before[Number(local)];
    return was ? setAttr(tag, "localSheetId", String(book.sheets.indexOf(was))) : tag;
  });
  // Formulas and names that name either sheet now show the other one's values.
  if (!book.finishWorkbook(mayShow(book, [plan.as]))) return undefined;
  return book.bytes();
}
