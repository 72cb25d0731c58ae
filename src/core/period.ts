import type { StatusResult } from "./compute";

/** The months a report covers, 1-based and inclusive. */
export interface ReportPeriod {
  readonly year: number;
  readonly firstMonth: number;
  readonly lastMonth: number;
}

/**
 * The one place that says which months a report covers: the notat's period line, its method
 * paragraphs and the fleksjob month («i december») all read it from here. Today every report is
 * the whole year; part-year periods (read from Indstillinger) plug in here.
 */
export function reportPeriod(result: Pick<StatusResult, "year">): ReportPeriod | null {
  return result.year === null ? null : { year: result.year, firstMonth: 1, lastMonth: 12 };
}

export function isWholeYear(p: ReportPeriod): boolean {
  return p.firstMonth === 1 && p.lastMonth === 12;
}
