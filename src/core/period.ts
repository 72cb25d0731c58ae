import type { StatusResult } from "./compute";

/** The months a report covers, 1-based and inclusive. */
export interface ReportPeriod {
  readonly year: number;
  readonly firstMonth: number;
  readonly lastMonth: number;
}

/**
 * The one place that says which months a report covers: the notat's period line, its method
 * paragraphs and the fleksjob month (»i december«) all read it from here: January to the period's
 * last month (`Sidste måned` on Indstillinger; December when it is not set).
 */
export function reportPeriod(result: Pick<StatusResult, "year" | "lastMonth">): ReportPeriod | null {
  return result.year === null ? null : { year: result.year, firstMonth: 1, lastMonth: result.lastMonth };
}

export function isWholeYear(p: ReportPeriod): boolean {
  return p.firstMonth === 1 && p.lastMonth === 12;
}
