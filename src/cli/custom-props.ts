/**
 * The input's custom document properties (`docProps/custom.xml`: a sensitivity label's
 * `MSIP_Label_*` properties, the organisation's own fields) survive into every copy the CLI writes
 * (issue 20 review, defect 9). exceljs neither reads nor writes that part, so the CLI reads it from
 * the file's bytes when it loads a workbook, keeps it with the workbook, and write-file.ts puts it
 * back into the written package (owner-mark.ts `withCustomProperties`); jobstatus's own owner
 * marker, if the input carried one, is not carried (a default output gets a fresh one beside the
 * others). A part over 64 KB is not carried (no label comes near that). Node only (the CLI).
 */
import JSZip from "jszip";
import type ExcelJS from "exceljs";
import { withoutMarker } from "./owner-mark";

const MAX_CUSTOM_BYTES = 64 * 1024;
const kept = new WeakMap<ExcelJS.Workbook, string>();

/** `docProps/custom.xml` of a .xlsx file without jobstatus's marker; undefined when it holds no other property. */
export async function customPropertiesOfXlsx(bytes: Uint8Array): Promise<string | undefined> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const part = zip.file("docProps/custom.xml");
    if (!part) return undefined;
    const raw = await part.async("uint8array");
    if (raw.length > MAX_CUSTOM_BYTES) return undefined;
    const xml = withoutMarker(new TextDecoder("utf-8").decode(raw));
    return /<property\b/.test(xml) ? xml : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `xml` (from {@link customPropertiesOfXlsx}) for the copy written from `workbook`. */
export function noteCustomProperties(workbook: ExcelJS.Workbook, xml: string | undefined): void {
  if (xml !== undefined) kept.set(workbook, xml);
}

/** The custom properties to write with `workbook`'s copy, if its input had any. */
export function customPropertiesOf(workbook: ExcelJS.Workbook): string | undefined {
  return kept.get(workbook);
}
