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
import { checkAllParts, reducedZip, usedParts, type RawInflate } from "./bounded-zip";
import { inspectParts } from "./inspect";
import { trimUnreadSheets } from "./trim";
import { checkSheetBounds, rememberInspection } from "./read-grid";

export type LoadMode = "read" | "copy";

/**
 * Loads `bytes` into `workbook` within the reader's limits. Throws ReaderLimitError or
 * NotWorkbookError (bounded-zip.ts) before exceljs sees a file over a limit, and SheetTooLargeError
 * (read-grid.ts) for a sheet too large to read whole; an error from exceljs itself passes through.
 */
export async function loadWorkbookBytes(workbook: ExcelJS.Workbook, bytes: Uint8Array, mode: LoadMode, inflateRaw?: RawInflate): Promise<ExcelJS.Workbook> {
  const checked = mode === "copy" ? checkAllParts(bytes, inflateRaw) : undefined;
  const parts = checked ? checked.parts : usedParts(bytes, inflateRaw);
  const inspection = inspectParts(parts);
  // Read mode: sheets that cannot look like input reach exceljs cut to the window the grid reads (trim.ts).
  // Copy mode: exceljs gets a zip rebuilt from exactly the checked entries (bounded-zip.ts, rebuiltZip).
  await workbook.xlsx.load((checked ? checked.zip : reducedZip(trimUnreadSheets(parts))) as unknown as ExcelJS.Buffer);
  rememberInspection(workbook, inspection);
  checkSheetBounds(workbook);
  if (mode === "copy") sparseRows(workbook);
  return workbook;
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
