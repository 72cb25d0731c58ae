/**
 * What a file is, by its first bytes and (for a zip) its central directory, before anything is
 * inflated: so a password-protected workbook, a legacy .xls, a .docx or a CSV renamed to .xlsx gets
 * a message that says what it is, instead of a zip error. Pure and browser-safe; reads no more of
 * the bytes than the zip's end record and central directory (or, for a compound file, its
 * directory entries).
 *
 * Decisions (docs/dev/security.md, »Reader limits«):
 * - A compound file (OLE/CFB, `D0 CF 11 E0 A1 B1 1A E1`) is »encrypted« when it holds the streams
 *   `EncryptionInfo` and `EncryptedPackage` (how Excel stores a password-protected .xlsx, MS-OFFCRYPTO
 *   §2.3.4.4); it is »xls« when it holds a `Workbook` or `Book` stream (BIFF8/BIFF5); any other
 *   compound file (a .doc, an .msg) is »unknown«. Stream names are found as directory entries
 *   (UTF-16LE name at a 128-byte boundary with its length field), so a cell that happens to hold
 *   the text cannot pass for one.
 * - A zip is »xlsx« when its central directory lists `[Content_Types].xml` and a part under `xl/`;
 *   a readable zip without them (a .docx, a plain archive) is »zip-not-workbook«; a zip whose
 *   central directory cannot be found (truncated, damaged) is »unknown«: it may have been a workbook.
 * - »text« is a start without NUL bytes that decodes as UTF-8 (or has a UTF-16 byte-order mark):
 *   a CSV, an HTML or XML table saved with an .xls(x) name.
 */
import { strFromU8 } from "fflate";

export type FileKind = "xlsx" | "encrypted" | "xls" | "zip-not-workbook" | "text" | "empty" | "unknown";

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
const ZIP_LOCAL = 0x04034b50;
/** The end-of-central-directory record; an empty zip starts with it. */
const ZIP_EOCD = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const EOCD_SEARCH = 22 + 0xffff;
const TEXT_SAMPLE = 4096;

function u16(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
}

function u32(b: Uint8Array, i: number): number {
  return (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;
}

export function detectFileKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return "empty";
  if (CFB_MAGIC.every((m, i) => bytes[i] === m)) return compoundFileKind(bytes);
  if (bytes.length >= 4 && (u32(bytes, 0) === ZIP_LOCAL || u32(bytes, 0) === ZIP_EOCD)) return zipKind(bytes);
  if (looksLikeText(bytes)) return "text";
  return "unknown";
}

/** Names in a zip's central directory, or undefined when it cannot be found or runs past the file. */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const from = Math.max(0, bytes.length - EOCD_SEARCH);
  for (let i = bytes.length - 22; i >= from; i--) {
    if (u32(bytes, i) !== ZIP_EOCD) continue;
    const count = u16(bytes, i + 10);
    const size = u32(bytes, i + 12);
    const offset = u32(bytes, i + 16);
    if (offset + size > i) continue;
    const names: string[] = [];
    let p = offset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > i || u32(bytes, p) !== ZIP_CENTRAL) return undefined;
      const nameLen = u16(bytes, p + 28);
      const extraLen = u16(bytes, p + 30);
      const commentLen = u16(bytes, p + 32);
      if (p + 46 + nameLen > i) return undefined;
      names.push(strFromU8(bytes.subarray(p + 46, p + 46 + nameLen)));
      p += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  }
  return undefined;
}

function zipKind(bytes: Uint8Array): FileKind {
  const names = zipEntryNames(bytes);
  if (names === undefined) return "unknown";
  const lower = names.map((n) => n.toLowerCase());
  return lower.includes("[content_types].xml") && lower.some((n) => n.startsWith("xl/")) ? "xlsx" : "zip-not-workbook";
}

/** True when a compound file has a directory entry with this stream name. */
function hasStream(bytes: Uint8Array, name: string): boolean {
  const first = name.charCodeAt(0);
  // Directory entries are 128 bytes and sectors start at multiples of 512 after the 512-byte header.
  for (let at = 512; at + 128 <= bytes.length; at += 128) {
    if (bytes[at] !== first || bytes[at + 1] !== 0) continue;
    if (u16(bytes, at + 0x40) !== (name.length + 1) * 2) continue;
    let same = true;
    for (let k = 0; k < name.length && same; k++) same = u16(bytes, at + 2 * k) === name.charCodeAt(k);
    if (same && u16(bytes, at + 2 * name.length) === 0) return true;
  }
  return false;
}

function compoundFileKind(bytes: Uint8Array): FileKind {
  if (hasStream(bytes, "EncryptionInfo") && hasStream(bytes, "EncryptedPackage")) return "encrypted";
  if (hasStream(bytes, "Workbook") || hasStream(bytes, "Book")) return "xls";
  return "unknown";
}

/** True when the bytes are well-formed UTF-8 (no TextDecoder: the pane's tests run without one). */
function isUtf8(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; ) {
    const c = b[i] as number;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0 || i + n >= b.length + (n === 0 ? 1 : 0)) return false;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return false;
    i += n + 1;
  }
  return true;
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  // Cut the sample at a character boundary so a multi-byte letter at the edge is not a decoding error.
  let end = Math.min(bytes.length, TEXT_SAMPLE);
  if (end < bytes.length) while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  const sample = bytes.subarray(0, end);
  if (sample.includes(0)) return false;
  if (!isUtf8(sample)) return false;
  // Control characters other than tab, line feed, carriage return and form feed mark a binary file.
  for (const b of sample) if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) return false;
  return true;
}
