/**
 * Hostile zips for the reader-limit tests, built by script: entries with any declared size (the
 * central directory may lie), deflate streams of many zeros made directly (a zip bomb without
 * deflating gigabytes first), and real workbooks with extra parts.
 */
import { unzipSync, zipSync } from "fflate";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ForgedEntry {
  readonly name: string;
  /** The bytes as stored: raw deflate for method 8. */
  readonly data: Uint8Array;
  readonly method: 0 | 8;
  /** The uncompressed size the headers declare. */
  readonly size: number;
  readonly crc?: number;
}

function le(n: number, bytes: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) out.push(Math.floor(n / 2 ** (8 * i)) & 0xff);
  return out;
}

/** A zip of these entries, headers declaring what the entries say. */
export function forgeZip(entries: readonly ForgedEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: number[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const crc = e.crc ?? 0;
    const common = [...le(20, 2), ...le(0, 2), ...le(e.method, 2), ...le(0, 2), ...le(0x21, 2), ...le(crc, 4), ...le(e.data.length, 4), ...le(e.size, 4), ...le(name.length, 2), ...le(0, 2)];
    const local = new Uint8Array([...le(0x04034b50, 4), ...common, ...name]);
    locals.push(local, e.data);
    centrals.push(...le(0x02014b50, 4), ...le(20, 2), ...common, ...le(0, 2), ...le(0, 2), ...le(0, 2), ...le(0, 4), ...le(offset, 4), ...name);
    offset += local.length + e.data.length;
  }
  const eocd = [...le(0x06054b50, 4), 0, 0, 0, 0, ...le(entries.length, 2), ...le(entries.length, 2), ...le(centrals.length, 4), ...le(offset, 4), 0, 0];
  const total = offset + centrals.length + eocd.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const b of locals) {
    out.set(b, at);
    at += b.length;
  }
  out.set(centrals, at);
  out.set(eocd, at + centrals.length);
  return out;
}

/**
 * Raw deflate of `n` zero bytes (n - 1 a multiple of 258), one fixed-Huffman block: a literal 0,
 * then copies of 258 bytes at distance 1, 13 bits each, so about 1,000 : 1 (a zip bomb).
 */
export function zerosDeflate(n: number): Uint8Array {
  if ((n - 1) % 258 !== 0) throw new Error("n - 1 must be a multiple of 258");
  const copies = (n - 1) / 258;
  const out = new Uint8Array(Math.ceil((3 + 8 + copies * 13 + 7) / 8) + 1);
  let bit = 0;
  const put = (value: number, len: number): void => {
    for (let i = 0; i < len; i++) {
      if ((value >> i) & 1) out[bit >> 3] = (out[bit >> 3] ?? 0) | (1 << (bit & 7));
      bit++;
    }
  };
  // Huffman codes are sent most significant bit first.
  const code = (c: number, len: number): void => {
    let r = 0;
    for (let i = 0; i < len; i++) r |= ((c >> i) & 1) << (len - 1 - i);
    put(r, len);
  };
  put(1, 1); // final block
  put(1, 2); // fixed Huffman
  code(0x30, 8); // literal 0
  for (let i = 0; i < copies; i++) {
    code(0xc5, 8); // length code 285 = 258 bytes (fixed code 11000101)
    code(0, 5); // distance code 0 = 1
  }
  code(0, 7); // end of block (256)
  return out.subarray(0, (bit + 7) >> 3);
}

/** The parts of a real workbook, as stored entries with their real sizes and CRCs. */
export function entriesOf(xlsx: Uint8Array): ForgedEntry[] {
  return Object.entries(unzipSync(xlsx)).map(([name, data]) => ({ name, data, method: 0 as const, size: data.length, crc: crc32(data) }));
}

/** A stored entry with its real size and CRC. */
export function stored(name: string, text: string | Uint8Array): ForgedEntry {
  const data = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return { name, data, method: 0, size: data.length, crc: crc32(data) };
}

/**
 * A workbook with one more worksheet whose XML is given whole (`<sheetData>` content), written the
 * way Excel writes it: exceljs would take over a minute to write 40,000 cells in column XFD.
 * `tail`: XML after `</sheetData>` (such as `<mergeCells>`).
 */
export function withSheet(xlsx: Uint8Array, name: string, sheetData: string, tail = ""): Uint8Array {
  const files = unzipSync(xlsx);
  const text = (p: string): string => new TextDecoder().decode(files[p]);
  const put = (p: string, s: string): void => {
    files[p] = new TextEncoder().encode(s);
  };
  const n = Object.keys(files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p)).length + 1;
  const rid = `rIdX${n}`;
  put(`xl/worksheets/sheet${n}.xml`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>${sheetData}</sheetData>${tail}</worksheet>`);
  put("xl/workbook.xml", text("xl/workbook.xml").replace("</sheets>", `<sheet name="${name}" sheetId="${100 + n}" r:id="${rid}"/></sheets>`));
  put("xl/_rels/workbook.xml.rels", text("xl/_rels/workbook.xml.rels").replace("</Relationships>", `<Relationship Id="${rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/></Relationships>`));
  put("[Content_Types].xml", text("[Content_Types].xml").replace("</Types>", `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`));
  return zipSync(files);
}

/** `<row>`s of inline-string cells: one per row at `col` (A1 letters), rows `from`..`to`, plus optional A1 text. */
export function columnRows(col: string, from: number, to: number, value: (r: number) => string, a1?: string): string {
  const cell = (ref: string, s: string): string => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`;
  let out = a1 !== undefined ? `<row r="1">${cell("A1", a1)}</row>` : "";
  for (let r = from; r <= to; r++) out += `<row r="${r}">${cell(`${col}${r}`, value(r))}</row>`;
  return out;
}
