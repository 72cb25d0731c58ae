/**
 * Read mode only (src/xlsx/load.ts): a worksheet that cannot look like input is cut to the window
 * the grid reads of it (WINDOW_ROWS × WINDOW_COLS, read-grid.ts) before exceljs parses it, so a
 * notes sheet with 40,000 cells in column XFD costs exceljs nothing. The test here is a superset of
 * read-grid's: a sheet is kept whole when any text in its window's rows (not only the first 30)
 * holds one of the header words, so read-grid never reads whole a sheet that was cut. Every row of
 * the window is looked at wherever it stands in the XML (rows out of order are valid). The copy
 * (beregn, saml) is never trimmed. Pure, browser-safe.
 */
import { strToU8 } from "fflate";
import { partLookup } from "./part-text";
import { parseA1 } from "../core";
import { sheetPartsByName } from "./inspect";
import { windowRows, WINDOW_COLS } from "./read-grid";

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
export function trimmedSheet(xml: string, strings: readonly string[], maxRows: number): string | undefined {
  const start = xml.indexOf("<sheetData");
  const end = xml.lastIndexOf("</sheetData>");
  if (start < 0 || end < 0) return undefined;
  const open = xml.indexOf(">", start);
  if (open < 0 || xml[open - 1] === "/") return undefined;
  const body = xml.slice(open + 1, end);
  if (!plainCells(body)) return undefined;
  const kept: string[] = [];
  let rowNumber = 0;
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  for (let m = rowRe.exec(body); m !== null; m = rowRe.exec(body)) {
    const r = /\br="(\d+)"/.exec(m[1] ?? "");
    rowNumber = r ? Number(r[1]) : rowNumber + 1;
    if (rowNumber > maxRows) {
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
 * Where the next `<row>` with an `r` of the window (1..maxRows) starts in `body` from `from`, or -1.
 * A row without `r` after one past the window is past it too (it follows the one before).
 */
function nextWindowRow(body: string, from: number, maxRows: number): number {
  // Only a row number of at most maxRows's digits (after leading zeros) can be in the window: the others fail the pattern at once.
  const re = new RegExp(`<row\\b[^>]*?\\br="(0*\\d{1,${String(maxRows).length}})"`, "g");
  re.lastIndex = from;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) if (Number(m[1]) <= maxRows) return m.index;
  return -1;
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
    const trimmed = trimmedSheet(xml, strings, windowRows(name, sheets.size));
    if (trimmed !== undefined) out.set(key, strToU8(trimmed));
  }
  return out;
}
