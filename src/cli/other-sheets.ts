/**
 * Sheets that are no worksheets (chart sheets, dialog sheets, macro sheets: src/xlsx/inspect.ts,
 * workbookSheets) in the copies beregn, saml and gendan write. jobstatus never reads them, and the
 * engine does not know them, so two things are checked here, from the input's own workbook.xml:
 * - a sheet jobstatus adds or renames may not take such a sheet's name (Excel refuses a workbook
 *   where two tabs share a name, case-insensitively);
 * - where only exceljs can write the copy (the splice declined the package), the copy would lose
 *   them (exceljs 4.4 drops every sheet it did not parse as a worksheet), so it is refused, naming
 *   them, instead. The spliced copy keeps them byte for byte. Node only (the CLI).
 */
import { strFromU8 } from "fflate";
import { CLI } from "../messages/da";
import { centralDirectory, inflateEntry } from "../xlsx/bounded-zip";
import { workbookSheets } from "../xlsx/inspect";
import { UsageError } from "./command";
import { nativeInflate } from "./xlsx-read";

/** The names of the workbook's sheets that are no worksheets, in tab order; none when the package cannot be read again (the load refused it already). */
export function otherSheetNames(bytes: Uint8Array): readonly string[] {
  try {
    const entries = centralDirectory(bytes);
    const part = (name: string): string => {
      const e = entries.find((x) => x.name.toLowerCase() === name);
      return e ? strFromU8(inflateEntry(bytes, e, true, nativeInflate)) : "";
    };
    return workbookSheets(part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels")).others;
  } catch {
    return [];
  }
}

/** Refuses (UsageError) a copy that would add or rename a sheet to the name of a sheet that is no worksheet. */
export function checkNamesFree(file: string, bytes: Uint8Array, added: readonly (string | undefined)[]): void {
  const others = otherSheetNames(bytes);
  const key = (s: string): string => s.toLocaleUpperCase("da-DK");
  for (const name of added) {
    const taken = name === undefined ? undefined : others.find((o) => key(o) === key(name));
    if (taken !== undefined) throw new UsageError(CLI.otherSheetNameTaken(file, taken));
  }
}

/** Refuses (UsageError) the exceljs copy of a workbook that has sheets exceljs would drop. */
export function checkExceljsKeepsSheets(file: string, bytes: Uint8Array): void {
  const others = otherSheetNames(bytes);
  if (others.length > 0) throw new UsageError(CLI.otherSheetsNotKept(file, others));
}
