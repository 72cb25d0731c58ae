/**
 * Whether »Valider ark« on a sheet has something to check. Sheets the engine reads for their own
 * sake (department sheets, Måltal, Indstillinger, the previous year) are checked as what they are;
 * a sheet jobstatus wrote ("output") or one that does not look like a department sheet at all
 * ("other", e.g. a note sheet) is not, and checking it as a department sheet would only say »add
 * the header row«. Used by the add-in to leave such a sheet unmarked and to say so in the pane.
 */
import { normalizeCode } from "./text";
import type { Analysis } from "./workbook";

export function isCheckableSheet(analysis: Pick<Analysis, "sheets">, sheet: string): boolean {
  const want = normalizeCode(sheet);
  const role = analysis.sheets.find((s) => normalizeCode(s.name) === want)?.role;
  return role !== "other" && role !== "output";
}
