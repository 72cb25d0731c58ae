/**
 * The calculation mode a .xlsx file was saved with (`<calcPr calcMode="manual">` in its workbook
 * part). exceljs drops it when it loads a file, so the CLI reads it from the bytes itself; the
 * engine then refuses formula results that may be stale (src/core/formulas.ts).
 */
import JSZip from "jszip";
import type { CalcMode } from "../core";

export async function calcModeOfXlsx(bytes: Uint8Array): Promise<CalcMode | undefined> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const part = zip.file("xl/workbook.xml") ?? zip.file(/(^|\/)workbook\.xml$/)[0];
    const xml = part ? await part.async("string") : "";
    const m = /<(?:\w+:)?calcPr\b[^>]*\bcalcMode\s*=\s*["'](manual|auto|autoNoTable)["']/.exec(xml);
    return m?.[1] as CalcMode | undefined;
  } catch {
    // exceljs has read the file already; a part it could read but this cannot is no calculation mode.
    return undefined;
  }
}
