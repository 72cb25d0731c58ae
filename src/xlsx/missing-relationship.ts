/**
 * The sheet a workbook package shows at fault when exceljs failed on it without a typed refusal of
 * the reader: the first sheet whose XML names a relationship its `.rels` lacks (exceljs 4.4.0 fails
 * on such a link with a bare TypeError, »reading 'Target'«, that names nothing). One finding for
 * every command: `valider`, `beregn` and `notat` name it in CLI.readError (src/cli/read-error.ts),
 * `saml` and the pane's collect in their `read-error` row (src/cli/xlsx-collect.ts, readDelivery;
 * docs/dev/security.md, »What a collect says of a file it cannot read«). Runs only after a load
 * failed. Browser-safe: no Buffer or fs; the caller passes Node's zlib where there is one.
 */
import { partLookup } from "./part-text";
import { usedParts, type RawInflate } from "./bounded-zip";
import { sheetPartsByName } from "./inspect";

const RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * The first sheet (in the workbook's order) whose XML names a relationship (`r:id`, such as a
 * link's) that the sheet's relationships part lacks. Undefined when no sheet does, or the parts
 * cannot be read again within the reader's limits.
 */
export function sheetWithMissingRelationship(bytes: Uint8Array, inflateRaw?: RawInflate): string | undefined {
  let parts: Map<string, Uint8Array>;
  try {
    parts = usedParts(bytes, inflateRaw);
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
