/**
 * The owner marker of jobstatus's default outputs (the status copy `X-status-ÅR.xlsx` and the notat
 * `X-notat-ÅR.docx`): a re-run replaces such a file only when jobstatus wrote it and nobody changed
 * it since. The marker is a custom document property, `jobstatus`, in `docProps/custom.xml` (Excel:
 * File › Info › Properties › Advanced › Custom; Word the same), whose value is a SHA-256 over every
 * other part of the package exactly as stored: each part's name and its compressed bytes, in name
 * order, and the text of `docProps/custom.xml` without the marker itself (so the other custom
 * properties, a sensitivity label among them, are covered too, and the hash can be stored inside
 * the file it covers).
 *
 * The marker guards against accidents (a re-run over a copy the user finished), not attackers:
 * anyone can compute the hash and forge it, which is accepted by design (docs/dev/security.md).
 *
 * Why the stored bytes: any save by Excel or Word rewrites the package (new modification time in
 * docProps/core.xml, its own serialisation of every part), so a file the user opened, edited and
 * saved — or even only saved — no longer matches, and is the user's. An unrelated file of the same
 * name has no marker. Both are refused without `--overskriv` (docs/dev/security.md §5).
 *
 * The package is rewritten without recompressing: every part's compressed data is copied as it is,
 * and only `[Content_Types].xml`, `_rels/.rels` (when they lack the custom-properties entries) and
 * `docProps/custom.xml` are written anew. Node only (the CLI).
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { writeZip, type StoredPart } from "./zip-write";

const PROPERTY = "jobstatus";
const CUSTOM = "docProps/custom.xml";
const CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
const CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
/** A default output larger than this is not inspected (and so not replaced without --overskriv). */
const MAX_CHECKED_BYTES = 256 * 1024 * 1024;
/** docProps/custom.xml is a few hundred bytes; a larger one is not jobstatus's. */
const MAX_CUSTOM_BYTES = 64 * 1024;

type Entry = StoredPart;

/** The package's parts as stored, from the central directory (no zip64, no encryption: not ours otherwise). */
function readEntries(buf: Uint8Array): Entry[] | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const entries: Entry[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for (let n = 0; n < count; n++) {
      if (view.getUint32(p, true) !== 0x02014b50) return null;
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      const compressed = view.getUint32(p + 20, true);
      const nameLen = view.getUint16(p + 28, true);
      const extraLen = view.getUint16(p + 30, true);
      const commentLen = view.getUint16(p + 32, true);
      const local = view.getUint32(p + 42, true);
      if (flags & 1 || compressed === 0xffffffff || local === 0xffffffff) return null;
      const name = decoder.decode(buf.subarray(p + 46, p + 46 + nameLen));
      if (view.getUint32(local, true) !== 0x04034b50) return null;
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      if (start + compressed > buf.length) return null;
      entries.push({
        name,
        method,
        time: view.getUint16(p + 12, true),
        date: view.getUint16(p + 14, true),
        crc: view.getUint32(p + 16, true),
        size: view.getUint32(p + 24, true),
        data: buf.subarray(start, start + compressed),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
  } catch {
    return null; // a read past the end: not a package jobstatus wrote
  }
  return entries;
}

/** `docProps/custom.xml` without jobstatus's own property: the other custom properties, which the hash covers. */
export function withoutMarker(custom: string): string {
  return custom.replace(new RegExp(`<property\\b[^>]*\\bname="${PROPERTY}"[^>]*>[\\s\\S]*?</property>`, "g"), "");
}

/**
 * The hash over every part as stored but `docProps/custom.xml`, and over that part's text without
 * the marker: another custom property (a sensitivity label, MSIP_Label_*) changed counts as a change.
 */
function hashOf(entries: readonly Entry[], customRest: string): string {
  const h = createHash("sha256");
  const part = (name: string, data: Uint8Array): void => {
    const head = Buffer.alloc(8);
    head.writeUInt32LE(Buffer.byteLength(name), 0);
    head.writeUInt32LE(data.length, 4);
    h.update(head).update(name).update(data);
  };
  for (const e of [...entries].filter((x) => x.name !== CUSTOM).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) part(e.name, e.data);
  part(`${CUSTOM}#without-marker`, Buffer.from(customRest, "utf8"));
  return h.digest("hex");
}

function text(e: Entry | undefined, limit = Number.POSITIVE_INFINITY): string | null {
  if (!e || e.size > limit) return null;
  if (e.method === 0) return Buffer.from(e.data).toString("utf8");
  if (e.method !== 8) return null;
  try {
    return inflateRawSync(e.data, { maxOutputLength: Math.min(limit, 64 * 1024 * 1024) }).toString("utf8");
  } catch {
    return null;
  }
}

function entryOf(name: string, content: string, like: Entry | undefined): Entry {
  const raw = Buffer.from(content, "utf8");
  return { name, method: 8, time: like?.time ?? 0, date: like?.date ?? 0x21, crc: crc32(raw), size: raw.length, data: deflateRawSync(raw) };
}

const PROPS_NS = 'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"';
const property = (pid: number, value: string): string =>
  `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${pid}" name="${PROPERTY}"><vt:lpwstr>${value}</vt:lpwstr></property>`;

/** `docProps/custom.xml` with the marker added (after any properties already there). */
function customWith(existing: string | null, value: string): string {
  if (existing === null || !/<Properties\b/.test(existing)) {
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties ${PROPS_NS}>${property(2, value)}</Properties>`;
  }
  const pids = [...existing.matchAll(/\bpid="(\d+)"/g)].map((m) => Number(m[1]));
  const next = Math.max(1, ...pids) + 1;
  if (/<Properties\b[^>]*\/>/.test(existing)) return existing.replace(/<Properties\b([^>]*)\/>/, (_m, a: string) => `<Properties${a}>${property(next, value)}</Properties>`);
  return existing.replace(/<\/Properties>\s*$/, `${property(next, value)}</Properties>`);
}

/**
 * The package with jobstatus's owner marker: `docProps/custom.xml` gains the property `jobstatus`
 * holding the hash of every other part. Throws on a buffer that is not a plain zip (a bug).
 */
export function stampOwner(pkg: Uint8Array): Uint8Array {
  const entries = readEntries(pkg);
  if (!entries) throw new Error("owner-mark: the package written is not a plain zip");
  const byName = new Map(entries.map((e) => [e.name, e]));
  const out = withCustomPart(entries).filter((e) => e.name !== CUSTOM);
  const existing = text(byName.get(CUSTOM), MAX_CUSTOM_BYTES);
  const rest = withoutMarker(customWith(existing, ""));
  const custom = entryOf(CUSTOM, customWith(existing, `sha256:${hashOf(out, rest)}`), byName.get("docProps/core.xml"));
  return writeZip([...out, custom]);
}

/** The entries with `[Content_Types].xml` and `_rels/.rels` naming `docProps/custom.xml` (rewritten only where they do not). */
function withCustomPart(entries: readonly Entry[]): Entry[] {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const types = text(byName.get("[Content_Types].xml"));
  const rels = text(byName.get("_rels/.rels"));
  if (types === null || rels === null) throw new Error("owner-mark: the package has no [Content_Types].xml or _rels/.rels");
  return entries.map((e) => {
    if (e.name === "[Content_Types].xml" && !types.includes('PartName="/docProps/custom.xml"')) {
      return entryOf(e.name, types.replace(/<\/Types>\s*$/, `<Override PartName="/docProps/custom.xml" ContentType="${CUSTOM_TYPE}"/></Types>`), e);
    }
    if (e.name === "_rels/.rels" && !rels.includes(CUSTOM_REL)) {
      return entryOf(e.name, rels.replace(/<\/Relationships>\s*$/, `<Relationship Id="rIdJobstatusCustom" Type="${CUSTOM_REL}" Target="docProps/custom.xml"/></Relationships>`), e);
    }
    return e;
  });
}

/**
 * The package with `docProps/custom.xml` set to `custom` (the input's custom document properties,
 * sensitivity labels among them, which exceljs does not carry; src/cli/custom-props.ts). Every other
 * part is copied as stored. Throws on a buffer that is not a plain zip (a bug).
 */
export function withCustomProperties(pkg: Uint8Array, custom: string): Uint8Array {
  const entries = readEntries(pkg);
  if (!entries) throw new Error("owner-mark: the package written is not a plain zip");
  const out = withCustomPart(entries).filter((e) => e.name !== CUSTOM);
  return writeZip([...out, entryOf(CUSTOM, custom, entries.find((e) => e.name === "docProps/core.xml"))]);
}

/** The marker's value in a package, or null when it has none. */
function markerOf(custom: string | null): string | null {
  if (custom === null) return null;
  const m = new RegExp(`<property\\b[^>]*\\bname="${PROPERTY}"[^>]*>\\s*<vt:lpwstr>([^<]*)</vt:lpwstr>`).exec(custom);
  return m?.[1] ?? null;
}

/**
 * True when `file` is a package jobstatus wrote (it carries the marker) and no part of it changed
 * since (the marker's hash still matches). Any doubt — unreadable, too large, not a zip — is false.
 */
export async function ownedAndUnchanged(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_CHECKED_BYTES) return false;
    const entries = readEntries(await fs.readFile(file));
    if (!entries) return false;
    const custom = text(entries.find((e) => e.name === CUSTOM), MAX_CUSTOM_BYTES);
    const marker = markerOf(custom);
    return custom !== null && marker !== null && marker === `sha256:${hashOf(entries, withoutMarker(custom))}`;
  } catch {
    return false;
  }
}
