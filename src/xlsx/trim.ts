/**
 * Read mode only (src/xlsx/load.ts): a worksheet that cannot look like input is cut to the window
 * the grid reads of it (WINDOW_ROWS × WINDOW_COLS, read-grid.ts) before exceljs parses it, so a
 * notes sheet with 40,000 cells in column XFD costs exceljs nothing. The test here is a superset of
 * read-grid's: a sheet is kept whole when any text in its window's rows (not only the first 30)
 * holds one of the header words, so read-grid never reads whole a sheet that was cut. Every row of
 * the window is looked at wherever it stands in the XML (rows out of order are valid), its number read
 * as exceljs reads it (rowNumberOf); a window row twice is refused here, with repeated-cells.ts's own
 * error, before exceljs would parse every copy (docs/dev/security.md, item 6). The copy (beregn,
 * saml) is never trimmed. Pure, browser-safe.
 */
import { strToU8 } from "fflate";
import { partLookup } from "./part-text";
import { parseA1 } from "../core";
import { sheetPartsByName } from "./inspect";
import { windowRows, WINDOW_COLS } from "./read-grid";
import { SheetDamagedError } from "./repeated-cells";

const RELEVANT_WORDS = /ordning|forvaltning|måltal|år/i;

function texts(xml: string): string {
  let out = "";
  for (const m of xml.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g)) out += m[1] ?? "";
  return out;
}

/** Shared strings' texts, by index, as exceljs joins them (every `<t>` of an `<si>`). */
export function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\b[^>]*\/>/g)].map((m) => decode(texts(m[1] ?? "")));
}

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/**
 * Whether the cells' XML is written the one way the regexes below read with certainty (double-quoted
 * attributes, a bare `<v>`, no comments, no CDATA). Anything else (`t='s'`, `<v xml:space=…>`) and
 * the sheet is not trimmed but read whole, bounded by the reader's cell cap (read-grid.ts): a
 * header hidden from the trimmer must never cost the rows of a real input sheet.
 */
function plainCells(body: string): boolean {
  return !body.includes("<!--") && !body.includes("<![CDATA[") && !/<(?:\w+:)?v\s/.test(body) && !/=\s*'/.test(body);
}

/**
 * The sheet XML cut to rows 1..maxRows and columns 1..WINDOW_COLS, or undefined when a text in that
 * window holds a header word (the sheet may be read whole) or the XML is not as Excel writes it.
 */
export function trimmedSheet(xml: string, strings: readonly string[], maxRows: number, sheet: string): string | undefined {
  const start = xml.indexOf("<sheetData");
  const end = xml.lastIndexOf("</sheetData>");
  if (start < 0 || end < 0) return undefined;
  const open = xml.indexOf(">", start);
  if (open < 0 || xml[open - 1] === "/") return undefined;
  const body = xml.slice(open + 1, end);
  if (!plainCells(body)) return undefined;
  const kept: string[] = [];
  // The window's row numbers kept so far: a second one is a row twice (below). A bit per window row.
  const seen = new Uint8Array(maxRows + 1);
  let keptOdd = false;
  let rowNumber = 0;
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  for (let m = rowRe.exec(body); m !== null; m = rowRe.exec(body)) {
    const r = rowNumberOf(m[1] ?? "");
    if (r === "none") rowNumber += 1;
    else if (typeof r === "number") rowNumber = r;
    // A number below 1: exceljs 4.4.0 loads the row and places it nowhere the grid reads (checked: `r="0"`,
    // `r="-3"`); it was kept before (any `r` of digits), so it is kept still, once, like the rows below.
    const odd = r === "invalid" || r === "unknown" || (typeof r === "number" && r < 1);
    if (odd && keptOdd) continue;
    if (typeof r === "number" && r >= 1 && r <= maxRows) {
      // A row of the window twice: refused here, as repeated-cells.ts would refuse it once exceljs had
      // parsed every copy (a 0.6 MB file with one row written 200,000 times took 16–24 s and 1.4 GB
      // there). Same error, same sheet and row, so every command says what it said before.
      if (seen[r] === 1) throw new SheetDamagedError(sheet, { kind: "row-twice", row: r });
      seen[r] = 1;
    } else if (odd) {
      // exceljs fails on such a row (NaN: `Invalid row number in model`; an entity the trimmer does
      // not decode is one saxes fails on, the file being no well-formed XML): the first one kept
      // keeps that outcome, and a file of many costs no more than one.
      keptOdd = true;
    } else if (rowNumber > maxRows) {
      // Not the end: a row of the window may follow one past it (rows out of order, each once, are
      // valid, and exceljs places them by number). Stopping here cut a department sheet whose row
      // 300 came first in the XML to nothing, header and figures and all
      // (test/cli/repeated-cells.test.ts). The rows past the window are skipped by their tags alone.
      const next = nextWindowRow(body, rowRe.lastIndex, maxRows);
      if (next < 0) break;
      rowRe.lastIndex = next;
      continue;
    }
    let col = 0;
    const cells: string[] = [];
    const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
    const content = m[2] ?? "";
    for (let c = cellRe.exec(content); c !== null; c = cellRe.exec(content)) {
      const attrs = c[1] ?? "";
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs);
      const at = ref ? parseA1(ref[1] as string) : undefined;
      col = at ? at.col + 1 : col + 1;
      if (col > WINDOW_COLS) continue;
      const t = /\bt="([^"]*)"/.exec(attrs)?.[1];
      const inner = c[2] ?? "";
      let text = "";
      if (t === "s") text = strings[Number(/<v>([^<]*)<\/v>/.exec(inner)?.[1] ?? -1)] ?? "";
      else if (t === "inlineStr") text = decode(texts(inner));
      else if (t === "str") text = decode(/<v>([^<]*)<\/v>/.exec(inner)?.[1] ?? "");
      if (RELEVANT_WORDS.test(text)) return undefined;
      cells.push(c[0]);
    }
    kept.push(`<row${m[1] ?? ""}>${cells.join("")}</row>`);
  }
  return `${xml.slice(0, open + 1)}${kept.join("")}${xml.slice(end)}`;
}

/**
 * Where the next `<row>` the trimmer may keep starts in `body` from `from`, or -1: one whose `r` is
 * in the window (1..maxRows), is no number to exceljs, or cannot be told (rowNumberOf). A row
 * without `r` after one past the window is past it too (it follows the one before).
 */
function nextWindowRow(body: string, from: number, maxRows: number): number {
  // Rows as Excel writes them (`r` first, digits only) with a number of more digits than maxRows are
  // passed over by the pattern itself (a million rows past the window in about 0.2 s, as before).
  const re = new RegExp(`<row\\b(?!\\s+r="0*[1-9]\\d{${String(maxRows).length},}")([^>]*)`, "g");
  re.lastIndex = from;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    const attrs = m[1] ?? "";
    const plain = /^\s+r="(\d+)"/.exec(attrs);
    if (plain && Number(plain[1]) > maxRows) continue;
    const r = rowNumberOf(attrs);
    if (r === "none" || (typeof r === "number" && r > maxRows)) continue;
    return m.index;
  }
  return -1;
}

/** The text of the attribute `r` among a tag's attributes, read one attribute after another (so never inside another's value), as saxes reads them. */
function attributeR(attrs: string): string | undefined {
  const re = /\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
  for (let a = re.exec(attrs); a !== null; a = re.exec(attrs)) if (a[1] === "r") return a[2] ?? a[3] ?? "";
  return undefined;
}

/**
 * A `<row>`'s number as exceljs 4.4.0 reads it from the attributes' text: `parseInt(r, 10)` of the
 * attribute saxes gives it (row-xform.js `parseOpen`), so `r = "5"`, `r='5'`, `r=" 5"`, `r="5 "`,
 * `r="+5"` and `r="&#53;"` are all row 5. "none" without `r`; "invalid" where exceljs reads no
 * number (NaN: it then fails on the row); "unknown" where the trimmer cannot tell (an entity it does
 * not decode): such a row is kept, never dropped.
 */
function rowNumberOf(attrs: string): number | "none" | "invalid" | "unknown" {
  const raw = attributeR(attrs);
  if (raw === undefined) return "none";
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) return "unknown";
  let value: string;
  try {
    value = decode(raw);
  } catch {
    return "unknown";
  }
  const n = parseInt(value, 10);
  return Number.isNaN(n) ? "invalid" : n;
}

/** The parts with every worksheet that cannot look like input cut to its window; the others as they were. */
export function trimUnreadSheets(parts: ReadonlyMap<string, Uint8Array>): Map<string, Uint8Array> {
  const out = new Map(parts);
  const { key: keyOf, text } = partLookup(parts);
  const sheets = sheetPartsByName(text("xl/workbook.xml") ?? "", text("xl/_rels/workbook.xml.rels") ?? "");
  const strings = sharedStrings(text("xl/sharedstrings.xml") ?? "");
  for (const [name, path] of sheets) {
    const key = keyOf(path);
    const xml = key !== undefined ? text(path) : undefined;
    if (key === undefined || xml === undefined) continue;
    const trimmed = trimmedSheet(xml, strings, windowRows(name, sheets.size), name);
    if (trimmed !== undefined) out.set(key, strToU8(trimmed));
  }
  return out;
}
