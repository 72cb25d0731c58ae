/** What the pane shows about the workbook, taken from the engine's analysis (no rules of its own). */
import type { Analysis } from "../core/workbook";
import type { WorkbookSummary } from "./store";

export function summarize(analysis: Analysis): WorkbookSummary {
  const unit = (u: Analysis["units"][number]) => ({ code: u.code, name: u.name });
  return {
    ...(analysis.year !== undefined ? { year: analysis.year } : {}),
    maaltal: analysis.sheets.some((s) => s.role === "maaltal"),
    previous: analysis.sheets.some((s) => s.role === "previous"),
    units: analysis.units.filter((u) => u.data !== undefined).map(unit),
    missing: analysis.units.filter((u) => u.data === undefined).map(unit),
    unknownSheets: analysis.sheets.filter((s) => s.role === "unknown-department").map((s) => s.name),
  };
}
