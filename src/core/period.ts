import { periodLabel } from "../messages/da";
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

/**
 * How every title, heading, footnote and sentence names the period: »2025« for the whole year,
 * »januar–juni 2025« for part of it. One function, so the status sheet, Kilder, the notat and
 * --json cannot name different periods.
 */
export function periodName(year: number, lastMonth: number): string {
  return periodLabel(year, lastMonth);
}

/**
 * True when this year's figures may be compared with the previous year's (»er steget/faldet fra«):
 * only like with like, the same months of both years. A part year (januar–juni 2025) is never
 * compared with a whole year (2024): the summary leaves the comparison out and says why.
 */
export function comparableWithPrevious(result: Pick<StatusResult, "lastMonth" | "previous">): boolean {
  return result.previous !== null && result.previous.lastMonth === result.lastMonth;
}

/**
 * The previous year's month for the footnotes * and ** when Tabel 2 is shown and either period is
 * part of a year: »i juni 2025 (i tabel 2: juni 2024)«. Two whole years keep the notat's own wording
 * (»i december 2025«), as the reference notat prints it.
 */
export function footnoteTable2(previous: { year: number; lastMonth: number } | null | undefined, lastMonth: number): { year: number; month: number } | undefined {
  return previous && (previous.lastMonth !== 12 || lastMonth !== 12) ? { year: previous.year, month: previous.lastMonth } : undefined;
}
