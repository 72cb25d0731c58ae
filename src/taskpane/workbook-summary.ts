/** What the pane shows about the workbook, taken from the engine's analysis (no rules of its own). */
import type { Analysis } from "../core";
import type { PaneMode, WorkbookSummary } from "./store";

export function summarize(analysis: Analysis): WorkbookSummary {
  const unit = (u: Analysis["units"][number]) => ({ code: u.code, name: u.name });
  return {
    ...(analysis.year !== undefined ? { year: analysis.year } : {}),
    maaltal: analysis.sheets.some((s) => s.role === "maaltal"),
    previous: analysis.sheets.some((s) => s.role === "previous"),
    units: analysis.units.filter((u) => u.data !== undefined).map(unit),
    missing: analysis.units.filter((u) => u.data === undefined).map(unit),
    // A sheet with no status and no forløb figure is an empty template: there, not delivered.
    empty: analysis.units.filter((u) => u.data !== undefined && Object.keys(u.data.status).length === 0 && Object.keys(u.data.forloeb).length === 0).map(unit),
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

/** See src/core/sheet-kind.ts: the add-in's operations and the pane decide alike. */
export { isCheckableSheet } from "../core";
