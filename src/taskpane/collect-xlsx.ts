/**
 * The pane's .xlsx reader and writer for collecting: the CLI's own exceljs code, so the pane reads a
 * forvaltning's file exactly as `jobstatus saml` does (hidden rows and columns, merges, number
 * formats, formulas by their cached values) and writes the same template as `jobstatus skabelon
 * --forvaltning`. exceljs is as large as the rest of the pane, so this module is a chunk of its own,
 * loaded only when the analyst picks files or asks for a template (collect-files.ts).
 */
import ExcelJS from "../cli/exceljs";
import { renderForvaltningTemplate } from "../cli/xlsx-collect";
import { forvaltningTemplate } from "../core/forvaltning-template";
import type { PickedFile } from "../office/collect";
import { loadWorkbookBytes } from "../xlsx/load";
import { lastSavedOf, readWorkbookGrid } from "../xlsx/read-grid";

/** Base64 of bytes, in slices (a single String.fromCharCode over megabytes overflows the stack). */
export function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export type ReadOutcome = { readonly ok: true; readonly file: PickedFile } | { readonly ok: false; readonly file: string };

/** Reads one picked file; when it was last saved is Excel's record in the file, else the browser's `File.lastModified`. */
export async function readPickedFile(name: string, bytes: Uint8Array, lastModified?: number): Promise<ReadOutcome> {
  // Within the reader's limits, only the parts read (src/xlsx/load.ts); a file over a limit is not readable here.
  let wb: ExcelJS.Workbook;
  let grid: ReturnType<typeof readWorkbookGrid>;
  try {
    wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read");
    grid = readWorkbookGrid(wb);
  } catch {
    return { ok: false, file: name };
  }
  const saved = lastSavedOf(wb) ?? (lastModified !== undefined && Number.isFinite(lastModified) ? new Date(lastModified).toISOString() : undefined);
  return { ok: true, file: { file: name, ...(saved !== undefined ? { lastSaved: saved } : {}), grid, base64: toBase64(bytes) } };
}

/** The file `jobstatus skabelon --aar YEAR --forvaltning CODE` writes; null for a year without known weights. */
export async function forvaltningTemplateFile(code: string, year: number): Promise<Uint8Array | null> {
  const outcome = forvaltningTemplate(code, year);
  if (!outcome.ok) return null;
  const wb = new ExcelJS.Workbook();
  await renderForvaltningTemplate(wb, outcome.template);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
