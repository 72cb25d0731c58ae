/**
 * The pane's .xlsx reader and writer for collecting: the CLI's own exceljs code, so the pane reads a
 * forvaltning's file exactly as `jobstatus saml` does (hidden rows and columns, merges, number
 * formats, formulas by their cached values, never the formulas themselves) and writes the same template as `jobstatus skabelon
 * --forvaltning`. exceljs is as large as the rest of the pane, so this module is a chunk of its own,
 * loaded only when the analyst picks files or asks for a template (collect-files.ts).
 */
import ExcelJS from "../cli/exceljs";
import { readDelivery, renderForvaltningTemplate, unreadableKind } from "../cli/xlsx-collect";
import { type Rulebook, type UnreadableFile, forvaltningTemplate } from "../core";
import type { PickedFile } from "../office/collect";
import { lastSavedOf } from "../xlsx/read-grid";

/** A digest of the bytes (FNV-1a, 32 bits, with the length): a file picked twice counts once. */
export function digestOf(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193) >>> 0;
  return `${bytes.length}-${h.toString(16)}`;
}

export type ReadOutcome = { readonly ok: true; readonly file: PickedFile } | ({ readonly ok: false } & UnreadableFile);

/**
 * Reads one picked file: its values, the formulas it had (named in the overview, never written) and
 * its number formats. When it was last saved is Excel's record in the file, else the browser's
 * `File.lastModified`. A file that cannot be read says why (password, not a workbook, lock file).
 */
export async function readPickedFile(name: string, bytes: Uint8Array, lastModified?: number): Promise<ReadOutcome> {
  const kind = unreadableKind(name, bytes);
  if (kind) return { ok: false, file: name, reason: kind };
  // Read as saml reads (src/cli/xlsx-collect.ts, readDelivery): within the reader's limits, the
  // sheets that may be read whole scanned from their XML; a cell the reader refuses is named.
  const r = await readDelivery(new ExcelJS.Workbook(), bytes);
  if (!r.ok) return { ok: false, file: name, ...r.unreadable };
  const { workbook: wb, read } = r;
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
