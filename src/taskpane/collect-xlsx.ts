/**
 * The pane's .xlsx reader and writer for collecting: the CLI's own exceljs code, so the pane reads a
 * forvaltning's file exactly as `jobstatus saml` does (hidden rows and columns, merges, number
 * formats, formulas by their cached values, never the formulas themselves) and writes the same template as `jobstatus skabelon
 * --forvaltning`. exceljs is as large as the rest of the pane, so this module is a chunk of its own,
 * loaded only when the analyst picks files or asks for a template (collect-files.ts).
 */
import ExcelJS from "../cli/exceljs";
import { deliveryExtras, renderForvaltningTemplate, unreadableKind } from "../cli/xlsx-collect";
import { type Rulebook, type UnreadableReason, forvaltningTemplate } from "../core";
import type { PickedFile } from "../office/collect";
import { ReaderLimitError } from "../xlsx/bounded-zip";
import { loadWorkbookBytes } from "../xlsx/load";
import { lastSavedOf, readWorkbookGrid, SheetTooLargeError } from "../xlsx/read-grid";

/** A digest of the bytes (FNV-1a, 32 bits, with the length): a file picked twice counts once. */
export function digestOf(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193) >>> 0;
  return `${bytes.length}-${h.toString(16)}`;
}

export type ReadOutcome = { readonly ok: true; readonly file: PickedFile } | { readonly ok: false; readonly file: string; readonly reason: UnreadableReason };

/**
 * Reads one picked file: its values, the formulas it had (named in the overview, never written) and
 * its number formats. When it was last saved is Excel's record in the file, else the browser's
 * `File.lastModified`. A file that cannot be read says why (password, not a workbook, lock file).
 */
export async function readPickedFile(name: string, bytes: Uint8Array, lastModified?: number): Promise<ReadOutcome> {
  const kind = unreadableKind(name, bytes);
  if (kind) return { ok: false, file: name, reason: kind };
  // Within the reader's limits, only the parts read (src/xlsx/load.ts); a file over a limit is not
  // readable here. The sheets that may be read whole are scanned from their XML, as saml does: the
  // grid and the extras are the same as from exceljs's cells (test/cli/delivery-extras.test.ts).
  // The extras inside the try too: exceljs's formula getter can throw on a file it loaded (a shared
  // formula whose master is a merged cell), and that file is unreadable, as in saml.
  let wb: ExcelJS.Workbook;
  let read: Pick<PickedFile, "grid" | "formulas" | "numberFormats">;
  try {
    wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells: true });
    read = { grid: readWorkbookGrid(wb), ...deliveryExtras(wb) };
  } catch (e) {
    // Over one of the reader's limits (src/xlsx/bounded-zip.ts) is »too large«; anything else is not a workbook.
    return { ok: false, file: name, reason: e instanceof ReaderLimitError || e instanceof SheetTooLargeError ? "too-large" : "not-workbook" };
  }
  const saved = lastSavedOf(wb) ?? (lastModified !== undefined && Number.isFinite(lastModified) ? new Date(lastModified).toISOString() : undefined);
  return { ok: true, file: { file: name, ...(saved !== undefined ? { lastSaved: saved } : {}), ...read, digest: digestOf(bytes) } };
}

/**
 * The file `jobstatus skabelon --aar YEAR --forvaltning CODE [--regelsaet HOVED.xlsx]` writes, by the
 * year's rulebook from the analyst's workbook where it gives one; null for a year with neither a
 * rulebook nor known weights.
 */
export async function forvaltningTemplateFile(code: string, year: number, rulebook?: Rulebook): Promise<Uint8Array | null> {
  const outcome = forvaltningTemplate(code, year, undefined, rulebook);
  if (!outcome.ok) return null;
  const wb = new ExcelJS.Workbook();
  await renderForvaltningTemplate(wb, outcome.template);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
