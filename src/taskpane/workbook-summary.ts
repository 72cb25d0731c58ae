/** What the pane shows about the workbook, taken from the engine's analysis (no rules of its own). */
import type { Analysis } from "../core/workbook";
import type { PaneMode, WorkbookSummary } from "./store";

export function summarize(analysis: Analysis): WorkbookSummary {
  const unit = (u: Analysis["units"][number]) => ({ code: u.code, name: u.name });
  return {
    ...(analysis.year !== undefined ? { year: analysis.year } : {}),
    maaltal: analysis.sheets.some((s) => s.role === "maaltal"),
    previous: analysis.sheets.some((s) => s.role === "previous"),
    units: analysis.units.filter((u) => u.data !== undefined).map(unit),
    missing: analysis.units.filter((u) => u.data === undefined).map(unit),
    unknownSheets: analysis.sheets.filter((s) => s.role === "unknown-department").map((s) => s.name),
    departmentSheets: analysis.sheets.filter((s) => s.role === "department" || s.role === "unknown-department").map((s) => s.name),
  };
}

/**
 * The mode a workbook suggests: a forvaltning's own file (department sheets, no Måltal) is the
 * clerk's; everything else (Måltal, or an empty workbook that needs HR's template) is HR's.
 */
export function suggestMode(summary: WorkbookSummary): PaneMode {
  return !summary.maaltal && summary.departmentSheets.length > 0 ? "department" : "hr";
}

/**
 * Whether »Valider ark« on `sheet` has a department sheet to check. Sheets the engine reads for
 * their own sake (Måltal, Indstillinger, the previous year) are checked as what they are; a sheet
 * jobstatus wrote, or one that does not look like a department sheet at all ("other"), is not a
 * department sheet, and checking it as one would only say »add the header row«.
 */
export function isCheckableSheet(analysis: Analysis, sheet: string): boolean {
  const role = analysis.sheets.find((s) => s.name === sheet)?.role;
  return role !== "other" && role !== "output";
}
