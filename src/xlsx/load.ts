/**
 * The one way jobstatus opens an .xlsx file's bytes, in the CLI and in the pane's collecting chunk
 * (docs/dev/security.md, »Reader limits«):
 * - "read" (valider, notat, a forvaltning's file in saml and in the pane): only the parts jobstatus
 *   reads are inflated, within the limits, and exceljs gets a zip of just those;
 * - "copy" (beregn's and saml's main workbook, which is written back whole): every part is
 *   inflated once within the same limits, and exceljs loads a zip rebuilt from exactly those
 *   entries, so a part that lies about its size is refused before exceljs inflates it without a
 *   cap, and exceljs sees no entry the checks did not.
 * Both remember what the file's own XML says (strict numbers, calculation mode) for readWorkbookGrid.
 * Browser-safe: the caller passes the workbook (exceljs's Node or browser build).
 */
import type ExcelJS from "exceljs";
import { strToU8 } from "fflate";
import { partLookup, partText } from "./part-text";
import { checkAllParts, reducedZip, usedParts, type RawInflate } from "./bounded-zip";
import { inspectParts, sheetPartsByName, type Inspection } from "./inspect";
import { checkMerges, checkWholeSheetElements } from "./merge-bounds";
import { reconcileNamingMissingStrings } from "./missing-strings";
import { refuseRepeatedCells } from "./repeated-cells";
import { addressUnaddressedCells } from "./unaddressed-cells";
import { trimUnreadSheets } from "./trim";
import { checkSheetBounds, rememberInspection, rememberScannedSheet, type CellContext } from "./read-grid";
import { scanSheetData, withoutSheetData } from "./sheet-scan";

export type LoadMode = "read" | "copy";

export interface LoadOptions {
  /**
   * Read mode only: the worksheets that may be read whole are read from their XML
   * (src/xlsx/sheet-scan.ts) and exceljs gets them without their cells, so a million rows do not
   * become a million exceljs Row and Cell objects (docs/dev/performance.md, »Hostile files«). The
   * grid is the same (test/xlsx/sheet-scan.test.ts); exceljs's own cells of those sheets are then
   * empty, so nothing may walk them: readWorkbookGrid and deliveryExtras (src/cli/xlsx-collect.ts)
   * take those sheets' cells from the scan (test/cli/delivery-extras.test.ts). On for every read:
   * the CLI's read mode (xlsx-read.ts), saml's delivered files and the pane's collect.
   */
  readonly scanCells?: boolean;
}

/**
 * Loads `bytes` into `workbook` within the reader's limits. Throws ReaderLimitError or
 * NotWorkbookError (bounded-zip.ts) before exceljs sees a file over a limit, MergeLimitError
 * (merge-bounds.ts) for merges over their limits, SheetTooLargeError (read-grid.ts) for a sheet
 * too large to read whole, and SharedStringMissingError (read-grid.ts) for a cell naming a shared
 * string the file lacks, on any sheet (missing-strings.ts), and SheetDamagedError (repeated-cells.ts)
 * for a row or cell a sheet exceljs parses holds twice, or a cell out of its row; any other error
 * from exceljs passes through.
 */
export async function loadWorkbookBytes(workbook: ExcelJS.Workbook, bytes: Uint8Array, mode: LoadMode, inflateRaw?: RawInflate, options: LoadOptions = {}): Promise<ExcelJS.Workbook> {
  const checked = mode === "copy" ? checkAllParts(bytes, inflateRaw) : undefined;
  const parts = checked ? checked.parts : usedParts(bytes, inflateRaw);
  // Before exceljs makes a Cell of every merged cell (merge-bounds.ts), in both modes.
  checkMerges(parts);
  let inspection: Inspection;
  if (checked) {
    inspection = inspectParts(parts);
    // Copy mode: exceljs gets a zip rebuilt from exactly the checked entries (bounded-zip.ts, rebuiltZip).
    await loadCatchingContext(workbook, checked.zip);
  } else {
    // Read mode: sheets that cannot look like input reach exceljs cut to the window the grid reads
    // (trim.ts); with scanCells, the others reach it without their cells, which are scanned instead.
    const trimmed = trimUnreadSheets(parts);
    const scanned = options.scanCells ? scannable(parts, trimmed) : new Map<string, { readonly key: string; readonly stripped: Uint8Array }>();
    for (const [, { key, stripped }] of scanned) trimmed.set(key, stripped);
    // What the scan left to exceljs whole is bounded before exceljs builds its cells (merge-bounds.ts).
    // Before the inspection too: it keeps a number per cell of every sheet.
    checkWholeSheetElements(parts, trimmed);
    inspection = inspectParts(parts);
    const zip = reducedZip(trimmed);
    // A scanned sheet's bytes are read no more, only its text: let go of them before exceljs loads
    // and the scan reads (a million-row sheet is 50–190 MB of XML, held as bytes and as text).
    const texts = new Map<string, string>();
    for (const [name, { key }] of scanned) {
      texts.set(name, partText(parts.get(key) as Uint8Array));
      parts.delete(key);
    }
    // Every cell of a sheet exceljs gets cut or without its cells is still checked for a missing
    // shared string, on the text already held (missing-strings.ts): the copy carries those cells.
    const cut = cutSheets(parts, trimmed, texts);
    if (scanned.size === 0) {
      // Nothing to scan: exceljs's load as it always was.
      await loadCatchingContext(workbook, zip, cut);
    } else {
      const context = await loadCatchingContext(workbook, zip, cut);
      // Checked: the scanned texts are let go of one by one below, so hold none of them here.
      cut.clear();
      for (const [name] of scanned) {
        const ws = workbook.worksheets.find((w) => w.name === name);
        if (!ws) throw new Error(`sheet scan: exceljs has no sheet ${name}`);
        rememberScannedSheet(ws, texts.get(name) as string, context);
        // And of its text once it is scanned.
        texts.delete(name);
      }
    }
  }
  rememberInspection(workbook, inspection);
  checkSheetBounds(workbook);
  if (mode === "copy") sparseRows(workbook);
  return workbook;
}

/**
 * The worksheets to scan, by sheet name: the part's name and the part without its cells (what
 * exceljs gets). Every sheet the trimmer left whole (it may look like input) whose XML the scan
 * reads with certainty (sheet-scan.ts); the others stay with exceljs.
 */
function scannable(parts: ReadonlyMap<string, Uint8Array>, trimmed: ReadonlyMap<string, Uint8Array>): Map<string, { readonly key: string; readonly stripped: Uint8Array }> {
  const lookup = partLookup(parts);
  const out = new Map<string, { readonly key: string; readonly stripped: Uint8Array }>();
  const sheets = sheetPartsByName(lookup.text("xl/workbook.xml") ?? "", lookup.text("xl/_rels/workbook.xml.rels") ?? "");
  const uses = new Map<string, number>();
  for (const path of sheets.values()) uses.set(path.toLowerCase(), (uses.get(path.toLowerCase()) ?? 0) + 1);
  for (const [name, path] of sheets) {
    const key = lookup.key(path);
    if (key === undefined || trimmed.get(key) !== parts.get(key)) continue;
    // A part two sheets share: both left to exceljs (stripping it for one would empty the other).
    if ((uses.get(path.toLowerCase()) ?? 0) > 1) continue;
    const xml = partText(parts.get(key) as Uint8Array);
    const stripped = scanSheetData(xml) ? withoutSheetData(xml) : undefined;
    if (stripped !== undefined) {
      out.set(name, { key, stripped: strToU8(stripped) });
    }
  }
  return out;
}

/**
 * The whole XML, by sheet name, of each sheet exceljs gets other than the file holds it: cut to the
 * window (trim.ts) or without its cells (scanned: `texts`, the scanned parts' bytes already let go
 * of). The texts are the ones the trimmer and the scan decoded (partText keeps one per part's
 * bytes): no second copy. A part two sheets share is left whole by both (trim.ts, `scannable`).
 */
function cutSheets(parts: ReadonlyMap<string, Uint8Array>, trimmed: ReadonlyMap<string, Uint8Array>, texts: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(texts);
  const lookup = partLookup(parts);
  const sheets = sheetPartsByName(lookup.text("xl/workbook.xml") ?? "", lookup.text("xl/_rels/workbook.xml.rels") ?? "");
  for (const [name, path] of sheets) {
    const key = lookup.key(path);
    const bytes = key !== undefined ? parts.get(key) : undefined;
    if (out.has(name) || key === undefined || bytes === undefined || trimmed.get(key) === bytes) continue;
    out.set(name, partText(bytes));
  }
  return out;
}

interface ReconcilingXlsx {
  reconcile(model: { styles?: unknown; sharedStrings?: unknown; properties?: { date1904?: boolean } }, options: unknown): unknown;
}

/**
 * exceljs's load (every load of the loader goes through here), catching the shared strings, styles
 * and date system it resolves cells with (xlsx.js `reconcile`, which drops them afterwards): the
 * scanned cells are resolved with the very same objects. A cell exceljs parsed that names a shared
 * string the file lacks is refused here, naming its sheet and cell (missing-strings.ts); so is one
 * of `cutSheets` (sheet name → its whole XML) that exceljs parsed cut or without its cells, and so
 * is a row or cell it parsed twice (repeated-cells.ts).
 */
async function loadCatchingContext(workbook: ExcelJS.Workbook, zip: Uint8Array, cutSheets?: ReadonlyMap<string, string>): Promise<CellContext> {
  const xlsx = workbook.xlsx as unknown as ReconcilingXlsx;
  const reconcile = xlsx.reconcile;
  let context: CellContext | undefined;
  xlsx.reconcile = function catchContext(this: unknown, model, opts): unknown {
    context = { styles: model.styles as CellContext["styles"], sharedStrings: model.sharedStrings as CellContext["sharedStrings"], date1904: model.properties?.date1904 };
    // A cell without a reference is where Office places it, counted over every cell of its row (unaddressed-cells.ts).
    addressUnaddressedCells(model);
    // A row or cell the file holds twice, or a cell in another row than its reference names: its
    // sheet and row or cell, not the later one read in place of the earlier without a word (repeated-cells.ts).
    refuseRepeatedCells(model);
    // A cell naming a shared string the file lacks: its sheet and cell, not exceljs's bare TypeError (missing-strings.ts).
    return reconcileNamingMissingStrings(model, () => reconcile.call(this, model, opts), cutSheets);
  };
  try {
    await workbook.xlsx.load(zip as unknown as ExcelJS.Buffer);
  } finally {
    delete (xlsx as Partial<ReconcilingXlsx>).reconcile;
    if (xlsx.reconcile !== reconcile) xlsx.reconcile = reconcile;
  }
  if (!context) throw new Error("exceljs: its reconcile step was not seen (exceljs is pinned at 4.4.0)");
  return context;
}

/** Rows longer than this (columns up to the last cell) get the sparse walk of sparseRows. */
const SPARSE_ROW_LENGTH = 1024;

/**
 * exceljs walks a row's cells with `_cells.forEach` and `_cells.some` (its model for saving, its
 * dimensions, `hasValues`): for one cell in column XFD that is 16,384 look-ups in an array V8 keeps
 * as a dictionary, so saving the copy of a sheet with 40,000 such rows took two minutes. A long row's
 * array gets its own `forEach` and `some` that visit only the cells present, in column order
 * (`for…in` lists an array's indices in ascending order), so exceljs saves it as before, quickly.
 */
function sparseRows(workbook: ExcelJS.Workbook): void {
  for (const ws of workbook.worksheets) {
    for (let r = 1; r <= ws.rowCount; r++) {
      const cells = (ws.findRow(r) as unknown as { _cells?: unknown[] } | undefined)?._cells;
      if (!cells || cells.length <= SPARSE_ROW_LENGTH) continue;
      Object.defineProperty(cells, "forEach", {
        value(fn: (v: unknown, i: number, a: unknown[]) => void): void {
          for (const k in cells) fn(cells[k as unknown as number], Number(k), cells);
        },
      });
      Object.defineProperty(cells, "some", {
        value(fn: (v: unknown, i: number, a: unknown[]) => boolean): boolean {
          for (const k in cells) if (fn(cells[k as unknown as number], Number(k), cells)) return true;
          return false;
        },
      });
    }
  }
}
