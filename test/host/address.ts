/**
 * A1 addresses, rectangles and sheet-name quoting, as Excel writes them.
 * Rectangles are 0-based and inclusive; whole columns and rows are rectangles that reach the sheet's edge.
 */
import { columnName } from "../../src/core/grid";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export interface Rect {
  readonly r1: number;
  readonly c1: number;
  readonly r2: number;
  readonly c2: number;
}

export { columnName };

/** "AB" → 27; undefined for anything that is not 1–3 letters within XFD. */
export function columnIndex(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined;
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1 < MAX_COLS ? col - 1 : undefined;
}

export function cellKey(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

const keyCache = new Map<string, { row: number; col: number }>();

/** Parses a model cell key ("B12"); throws on anything else, since keys are written by this module. */
export function parseCellKey(key: string): { row: number; col: number } {
  const hit = keyCache.get(key);
  if (hit) return hit;
  const m = /^([A-Z]{1,3})([1-9][0-9]*)$/.exec(key);
  const col = m?.[1] === undefined ? undefined : columnIndex(m[1]);
  if (!m || m[2] === undefined || col === undefined) throw new Error(`TestHost: bad cell key ${key}`);
  const parsed = { row: Number(m[2]) - 1, col };
  if (keyCache.size > 200000) keyCache.clear();
  keyCache.set(key, parsed);
  return parsed;
}

function parseCell(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]*)$/.exec(ref);
  if (!m || m[1] === undefined || m[2] === undefined) return undefined;
  const col = columnIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (col === undefined || row >= MAX_ROWS) return undefined;
  return { row, col };
}

/** Parses "B6", "$A$1:$F$20", "A:F", "3:5" (no sheet part). */
export function parseRangeRef(ref: string): Rect | undefined {
  const parts = ref.trim().split(":");
  if (parts.length === 1 && parts[0] !== undefined) {
    const c = parseCell(parts[0]);
    return c && { r1: c.row, c1: c.col, r2: c.row, c2: c.col };
  }
  if (parts.length !== 2 || parts[0] === undefined || parts[1] === undefined) return undefined;
  const [a, b] = parts;
  const ca = parseCell(a);
  const cb = parseCell(b);
  if (ca && cb) return normalise({ r1: ca.row, c1: ca.col, r2: cb.row, c2: cb.col });
  const cols = [/^\$?([A-Za-z]{1,3})$/.exec(a), /^\$?([A-Za-z]{1,3})$/.exec(b)];
  if (cols[0]?.[1] !== undefined && cols[1]?.[1] !== undefined) {
    const x = columnIndex(cols[0][1]);
    const y = columnIndex(cols[1][1]);
    if (x === undefined || y === undefined) return undefined;
    return normalise({ r1: 0, c1: x, r2: MAX_ROWS - 1, c2: y });
  }
  const rows = [/^\$?([1-9][0-9]*)$/.exec(a), /^\$?([1-9][0-9]*)$/.exec(b)];
  if (rows[0]?.[1] !== undefined && rows[1]?.[1] !== undefined) {
    const x = Number(rows[0][1]) - 1;
    const y = Number(rows[1][1]) - 1;
    if (x >= MAX_ROWS || y >= MAX_ROWS) return undefined;
    return normalise({ r1: x, c1: 0, r2: y, c2: MAX_COLS - 1 });
  }
  return undefined;
}

function normalise(r: Rect): Rect {
  return {
    r1: Math.min(r.r1, r.r2),
    c1: Math.min(r.c1, r.c2),
    r2: Math.max(r.r1, r.r2),
    c2: Math.max(r.c1, r.c2),
  };
}

/** Splits "'It''s'!A1:B2" into sheet name and reference; sheet is undefined without a "!". */
export function splitSheet(address: string): { sheet?: string; ref: string } {
  const s = address.trim().replace(/^=/, "");
  if (s.startsWith("'")) {
    let i = 1;
    let name = "";
    while (i < s.length) {
      const ch = s[i];
      if (ch === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    if (s[i + 1] === "!") return { sheet: name, ref: s.slice(i + 2) };
    return { ref: s };
  }
  const bang = s.lastIndexOf("!");
  if (bang < 0) return { ref: s };
  return { sheet: s.slice(0, bang), ref: s.slice(bang + 1) };
}

export function isWholeColumns(r: Rect): boolean {
  return r.r1 === 0 && r.r2 === MAX_ROWS - 1;
}

export function isWholeRows(r: Rect): boolean {
  return r.c1 === 0 && r.c2 === MAX_COLS - 1;
}

/** "A1", "A1:F20", "A:F", "3:5" or, with `absolute`, "$A$1:$F$20". */
export function rectToA1(r: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  if (isWholeRows(r)) return `${d}${r.r1 + 1}:${d}${r.r2 + 1}`;
  if (isWholeColumns(r)) return `${d}${columnName(r.c1)}:${d}${columnName(r.c2)}`;
  const a = `${d}${columnName(r.c1)}${d}${r.r1 + 1}`;
  if (r.r1 === r.r2 && r.c1 === r.c2) return a;
  return `${a}:${d}${columnName(r.c2)}${d}${r.r2 + 1}`;
}

/** Quotes a sheet name for use in a reference when Excel would ("Status 2025" → "'Status 2025'"). */
export function quoteSheetName(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name);
  const looksLikeCell = /^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[Rr]([0-9]*)([Cc][0-9]*)?$/.test(name) || /^[Cc][0-9]*$/.test(name);
  const literal = /^(TRUE|FALSE)$/i.test(name);
  return plain && !looksLikeCell && !literal ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheetName: string, r: Rect, absolute = false): string {
  return `${quoteSheetName(sheetName)}!${rectToA1(r, absolute)}`;
}

export function rectArea(r: Rect): number {
  return (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1);
}

export function intersect(a: Rect, b: Rect): Rect | undefined {
  const r1 = Math.max(a.r1, b.r1);
  const c1 = Math.max(a.c1, b.c1);
  const r2 = Math.min(a.r2, b.r2);
  const c2 = Math.min(a.c2, b.c2);
  return r1 <= r2 && c1 <= c2 ? { r1, c1, r2, c2 } : undefined;
}

export function containsRect(outer: Rect, inner: Rect): boolean {
  return inner.r1 >= outer.r1 && inner.r2 <= outer.r2 && inner.c1 >= outer.c1 && inner.c2 <= outer.c2;
}

export function containsCell(r: Rect, row: number, col: number): boolean {
  return row >= r.r1 && row <= r.r2 && col >= r.c1 && col <= r.c2;
}

/** `a` minus `b` as up to four rectangles. */
export function subtractRect(a: Rect, b: Rect): Rect[] {
  const i = intersect(a, b);
  if (!i) return [a];
  const out: Rect[] = [];
  if (a.r1 < i.r1) out.push({ r1: a.r1, c1: a.c1, r2: i.r1 - 1, c2: a.c2 });
  if (i.r2 < a.r2) out.push({ r1: i.r2 + 1, c1: a.c1, r2: a.r2, c2: a.c2 });
  if (a.c1 < i.c1) out.push({ r1: i.r1, c1: a.c1, r2: i.r2, c2: i.c1 - 1 });
  if (i.c2 < a.c2) out.push({ r1: i.r1, c1: i.c2 + 1, r2: i.r2, c2: a.c2 });
  return out;
}

export function boundingRect(rects: readonly Rect[]): Rect | undefined {
  if (rects.length === 0) return undefined;
  return rects.reduce((acc, r) => ({
    r1: Math.min(acc.r1, r.r1),
    c1: Math.min(acc.c1, r.c1),
    r2: Math.max(acc.r2, r.r2),
    c2: Math.max(acc.c2, r.c2),
  }));
}

export function mustParseRangeRef(ref: string): Rect {
  const r = parseRangeRef(ref);
  if (!r) throw new Error(`TestHost: bad range reference ${ref}`);
  return r;
}
