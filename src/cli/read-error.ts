/**
 * What `valider`, `beregn` and `notat` say of a file the reader's checks passed but exceljs could
 * not load (a bare TypeError or XML error, no typed refusal of the reader): it is a workbook
 * package, so »not a workbook« (CLI.notXlsx) would be false; it gets CLI.readError, which says it
 * is a workbook jobstatus could not read and what to do, naming the sheet where the file shows it
 * (src/xlsx/missing-relationship.ts, which saml's and the pane's collect use too;
 * docs/dev/security.md, »What a collect says of a file it cannot read«). exceljs's own text is
 * never shown. Runs only after a load failed.
 */
import { CLI } from "../messages/da";
import { detectFileKind, zipEntryNames } from "../xlsx/file-kind";
import { sheetWithMissingRelationship as sheetAtFault } from "../xlsx/missing-relationship";
import { nativeInflate } from "./xlsx-read";

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
 * The first sheet (in the workbook's order) whose XML names a relationship its `.rels` lacks, read
 * with Node's zlib: src/xlsx/missing-relationship.ts, the one finding the collect uses too.
 */
export function sheetWithMissingRelationship(bytes: Uint8Array): string | undefined {
  return sheetAtFault(bytes, nativeInflate);
}

/**
 * The Danish sentence for a load that failed without a typed refusal, or undefined when `bytes` are
 * no workbook package (then »not a workbook« is true and the caller says it).
 */
export function readErrorRefusal(bytes: Uint8Array, file: string): string | undefined {
  if (!isWorkbookPackage(bytes)) return undefined;
  return CLI.readError(file, sheetWithMissingRelationship(bytes));
}
