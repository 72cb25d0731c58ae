/**
 * What `valider`, `beregn` and `notat` say of a file the reader's checks passed but exceljs could
 * not load (a bare TypeError or XML error, no typed refusal of the reader): it is a workbook
 * package, so »not a workbook« (CLI.notXlsx) would be false; it gets CLI.readError, which says it
 * is a workbook jobstatus could not read and what to do, naming the sheet where the file shows it
 * (docs/dev/security.md, »What a collect says of a file it cannot read«). exceljs's own text is
 * never shown. Runs only after a load failed.
 */
import { partLookup } from "../xlsx/part-text";
import { CLI } from "../messages/da";
import { usedParts } from "../xlsx/bounded-zip";
import { detectFileKind, zipEntryNames } from "../xlsx/file-kind";
import { sheetPartsByName } from "../xlsx/inspect";
import { nativeInflate } from "./xlsx-read";

const RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * True when `bytes` are an .xlsx package with a workbook part: the first bytes are a zip's, its
 * central directory lists `[Content_Types].xml` and parts under `xl/` (src/xlsx/file-kind.ts), and
 * one of them is `xl/workbook.xml`. Such a file that cannot be read is not »not a workbook«.
 */
export function isWorkbookPackage(bytes: Uint8Array): boolean {
  if (detectFileKind(bytes) !== "xlsx") return false;
  return (zipEntryNames(bytes) ?? []).some((n) => n.toLowerCase() === "xl/workbook.xml");
}

/**
 * The first sheet (in the workbook's order) whose XML names a relationship (`r:id`, such as a
 * link's) that the sheet's relationships part lacks: exceljs 4.4.0 fails on such a file with a bare
 * TypeError (»reading 'Target'«) that names nothing. Undefined when no sheet does, or the parts
 * cannot be read again within the reader's limits.
 */
export function sheetWithMissingRelationship(bytes: Uint8Array): string | undefined {
  let parts: Map<string, Uint8Array>;
  try {
    parts = usedParts(bytes, nativeInflate);
  } catch {
    return undefined;
  }
  const { text } = partLookup(parts);
  const sheets = sheetPartsByName(text("xl/workbook.xml") ?? "", text("xl/_rels/workbook.xml.rels") ?? "");
  for (const [name, part] of sheets) {
    const xml = text(part);
    if (xml === undefined) continue;
    const slash = part.lastIndexOf("/");
    const rels = text(`${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`) ?? "";
    const known = new Set([...rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*?\sId\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]));
    if (relationshipIds(xml).some((id) => !known.has(id))) return name;
  }
  return undefined;
}

/** The relationship ids a part's XML names: attributes `P:id` whose prefix P is bound to the relationships namespace. */
function relationshipIds(xml: string): string[] {
  const prefixes = [...xml.matchAll(/\sxmlns:(\w+)\s*=\s*["']([^"']*)["']/g)].filter((m) => m[2] === RELATIONSHIPS_NS).map((m) => m[1] as string);
  const ids: string[] = [];
  for (const p of new Set(prefixes)) for (const m of xml.matchAll(new RegExp(`\\s${p}:id\\s*=\\s*["']([^"']*)["']`, "g"))) ids.push(m[1] as string);
  return ids;
}

/**
 * The Danish sentence for a load that failed without a typed refusal, or undefined when `bytes` are
 * no workbook package (then »not a workbook« is true and the caller says it).
 */
export function readErrorRefusal(bytes: Uint8Array, file: string): string | undefined {
  if (!isWorkbookPackage(bytes)) return undefined;
  return CLI.readError(file, sheetWithMissingRelationship(bytes));
}
