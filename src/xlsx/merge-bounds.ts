/**
 * Merged cells, bounded before exceljs sees them (docs/dev/security.md, »Reader limits«). exceljs
 * builds a Cell object for every cell of a merge when it loads a sheet (worksheet.js,
 * `_mergeCellsInternal`), in every mode and whatever is read: one `<mergeCell ref="D20:XFD1048576"/>`
 * in a 7.8 KB file made 17 billion cells and ran the CLI out of memory. And each merge is checked
 * against every earlier merge of its sheet, so 20,000 small merges took 35 s. The worksheets' XML is
 * read here first and a file over a limit is refused, naming the sheet and the merge. Nothing is
 * clipped: a merge matters to the engine (its other cells read as empty; a status merged over its
 * forløb cell is an error), and the copy keeps the user's merges as they are. Browser-safe, pure.
 */
import { decodeAddress } from "./cell-address";
import { partLookup, partText } from "./part-text";
import { nameEnd, skipNonElement } from "./bounded-zip";
import { sheetPartsByName } from "./inspect";
import { SheetTooLargeError } from "./read-grid";

export const MERGE_LIMITS = {
  /**
   * Cells inside merges, all sheets of a file together (exceljs: about 300 bytes of heap each,
   * 200,000 cost 143 MB at peak). A merged title row across all 16,384 columns is 16,384.
   */
  mergedCells: 250_000,
  /**
   * Merges in one sheet: exceljs's load is quadratic in them (5,000: 1.5–1.9 s; 20,000: 35 s). Not
   * lower: jobstatus's own status sheet has about four merges per forvaltning, 4,019 for the 1,000
   * forvaltninger the add-in supports, and a re-run reads it (test/xlsx/merge-limits-own.test.ts).
   */
  sheetMerges: 5_000,
  /**
   * Merges in a file, all sheets together: room for several years' status sheets at 1,000
   * forvaltninger (an analyst keeps last year's; the review refused three at 12,000). Each sheet is
   * within `sheetMerges`, so exceljs's load grows with the sheets, not quadratically with this.
   */
  fileMerges: 30_000,
  /**
   * Read mode: rows and cells (`<row>` and `<c>` elements) of the sheets exceljs reads whole, all
   * together: the sheets that may be input but that the scan (sheet-scan.ts) gives up on, such as
   * one with an XML comment, or any sheet with a hyperlink (jobstatus's own Kilder sheets, a log
   * with one link). exceljs costs about 1 KB at peak per element (250,000 one-cell rows: 500 MB), so
   * the limit keeps such sheets under 1 GB; it is not lower because a 100,000-row log of three
   * columns with a link (400,000) and five years' Kilder sheets at 1,000 forvaltninger (331,000)
   * are real workbooks (the review refused both at 300,000). A sheet Excel saved without links is
   * scanned and does not count.
   */
  wholeSheetElements: 700_000,
} as const;

/**
 * A file over one of MERGE_LIMITS (`kind` names it; `elements`: the rows and cells of the sheets
 * exceljs reads whole). `range` is the merge (as written in the file, cut short) that passed the
 * merged-cell limit, undefined for the others. A SheetTooLargeError, so every reader that
 * refuses a sheet too large (saml's overview, the pane) refuses this too.
 */
export class MergeLimitError extends SheetTooLargeError {
  constructor(
    sheet: string,
    max: number,
    readonly range: string | undefined,
    readonly kind: "mergedCells" | "sheetMerges" | "fileMerges" | "elements",
  ) {
    super(sheet, max);
  }
}

/**
 * The number of cells exceljs makes for a merge's `ref`, as its Range decodes it (colCache.decodeEx:
 * an optional sheet name and `!`, then `tl:br` up to the first line break, or one address: one
 * cell). A side it cannot decode makes exceljs loop over nothing (NaN bounds): 0. A column past XFD
 * makes exceljs throw; it is counted here all the same (an over-count only refuses sooner).
 */
export function mergedCellCount(ref: string): number {
  const reference = (/^.*/.exec(ref.replace(/^(?:'(?:[^']|'')*'|[^'^ !]*)!/, "")) as RegExpExecArray)[0];
  const parts = reference.split(":");
  if (parts.length < 2) return 1;
  const tl = decodeAddress(parts[0] as string);
  const br = decodeAddress(parts[1] as string);
  if (tl.row === undefined || tl.col === undefined || br.row === undefined || br.col === undefined) return 0;
  const rows = Math.abs(br.row - tl.row) + 1;
  const cols = Math.abs(br.col - tl.col) + 1;
  return rows * cols;
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (named[e] !== undefined) return named[e];
    const code = e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

/**
 * Every `ref` of a `<mergeCell>` in a worksheet's XML, decoded as an XML parser reports it. Over-
 * counts rather than under: a prefixed `<x:mergeCell>` or one inside a comment, which exceljs does
 * not read, is counted too.
 */
export function mergeRefs(xml: string): string[] {
  const out: string[] = [];
  // The tag runs to the first `>` outside a quoted value (XML allows `>` inside one), and each
  // attribute is taken whole, so a `ref="…"` inside another attribute's value is not a ref.
  for (const m of xml.matchAll(/<(?:[^\s<>/!?:]+:)?mergeCell\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    for (const a of (m[1] ?? "").matchAll(/([^\s="']+)[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')/g)) {
      if (a[1] === "ref") out.push(decodeEntities((a[2] ?? a[3] ?? "").replace(/[\t\r\n]/g, " ")));
    }
  }
  return out;
}

/** The worksheet parts the workbook names (`parts`' own keys, lower-cased as the map's keys), each with its sheet's name; the first name wins. */
function namedSheetParts(parts: ReadonlyMap<string, Uint8Array>): Map<string, { readonly key: string; readonly name: string }> {
  const lookup = partLookup(parts);
  const named = new Map<string, { readonly key: string; readonly name: string }>();
  for (const [name, path] of sheetPartsByName(lookup.text("xl/workbook.xml") ?? "", lookup.text("xl/_rels/workbook.xml.rels") ?? "")) {
    const key = lookup.key(path);
    if (key !== undefined && !named.has(key.toLowerCase())) named.set(key.toLowerCase(), { key, name });
  }
  return named;
}

/**
 * Refuses, with MergeLimitError, a file whose worksheets merge more cells, or hold more merges,
 * than MERGE_LIMITS allows. `parts` as the loader has them (read or copy mode): every worksheet
 * part is looked at, named by its sheet where the workbook names it.
 */
export function checkMerges(parts: ReadonlyMap<string, Uint8Array>): void {
  const names = namedSheetParts(parts);
  let cells = 0;
  let merges = 0;
  for (const [key, bytes] of parts) {
    const lower = key.toLowerCase();
    if (!names.has(lower) && !/^xl\/worksheets\/[^/]*\.xml$/.test(lower)) continue;
    // A byte search first: most sheets have no merges, and decoding them all would cost a copy each.
    if (!containsMergeCell(bytes)) continue;
    const sheet = names.get(lower)?.name ?? key;
    const refs = mergeRefs(partText(bytes));
    if (refs.length > MERGE_LIMITS.sheetMerges) throw new MergeLimitError(sheet, MERGE_LIMITS.sheetMerges, undefined, "sheetMerges");
    merges += refs.length;
    if (merges > MERGE_LIMITS.fileMerges) throw new MergeLimitError(sheet, MERGE_LIMITS.fileMerges, undefined, "fileMerges");
    for (const ref of refs) {
      cells += mergedCellCount(ref);
      // The range as written, cut short: a hostile `ref` may be as long as the part.
      if (cells > MERGE_LIMITS.mergedCells) throw new MergeLimitError(sheet, MERGE_LIMITS.mergedCells, ref.length > 40 ? `${ref.slice(0, 39)}…` : ref, "mergedCells");
    }
  }
}

const MERGE_CELL = Array.from("mergeCell", (c) => c.charCodeAt(0));

function containsMergeCell(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0x6d); i >= 0; i = bytes.indexOf(0x6d, i + 1)) {
    let k = 1;
    while (k < MERGE_CELL.length && bytes[i + k] === MERGE_CELL[k]) k++;
    if (k === MERGE_CELL.length) return true;
  }
  return false;
}

/**
 * Read mode: refuses, with MergeLimitError of kind »elements«, a file whose sheets that exceljs gets
 * whole (`handed` holds the very part `parts` has: neither cut to its window by trim.ts nor emptied
 * for the scan) hold more rows and cells together than MERGE_LIMITS.wholeSheetElements. Counted in
 * the bytes (comments, CDATA and processing instructions skipped, as an XML parser skips them; a
 * prefixed `<x:c>` counted too), before exceljs parses a byte.
 */
export function checkWholeSheetElements(parts: ReadonlyMap<string, Uint8Array>, handed: ReadonlyMap<string, Uint8Array>): void {
  const max = MERGE_LIMITS.wholeSheetElements;
  let count = 0;
  for (const { key, name } of namedSheetParts(parts).values()) {
    const bytes = parts.get(key);
    if (bytes === undefined || handed.get(key) !== bytes) continue;
    count += rowsAndCells(bytes, max - count);
    if (count > max) throw new MergeLimitError(name, max, undefined, "elements");
  }
}

/**
 * Start tags named `row` or `c` (any prefix) in `data`, skipping comments, CDATA and processing
 * instructions as bounded-zip.ts's scanElements does, without making a string per element. Stops
 * once more than `stopAbove` are seen.
 */
export function rowsAndCells(data: Uint8Array, stopAbove = Infinity): number {
  let n = 0;
  let i = data.indexOf(0x3c);
  while (i >= 0 && i < data.length) {
    const skipped = skipNonElement(data, i);
    if (skipped !== undefined) i = skipped;
    else {
      // The name's local part: after the last `:` before its end.
      let e = i + 1;
      let local = e;
      while (e < data.length && !nameEnd(data[e])) {
        if (data[e] === 0x3a) local = e + 1;
        e++;
      }
      const len = e - local;
      if (data[i + 1] !== 0x2f && ((len === 1 && data[local] === 0x63) || (len === 3 && data[local] === 0x72 && data[local + 1] === 0x6f && data[local + 2] === 0x77))) {
        if (++n > stopAbove) return n;
      }
      i = e;
    }
    i = data.indexOf(0x3c, i);
  }
  return n;
}
