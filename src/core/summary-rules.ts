/**
 * The opening paragraphs for a rulebook with its own schemes (issue 22): one sentence per target in
 * the unit its schemes are counted in, and the weighted total only when the rulebook weighs. The
 * built-in years keep the notat's own sentences (summary.ts); these are the texts per measure.
 */
import { RULES, SUMMARY, type Direction } from "../messages/da";
import { WEIGHTED, type StatusResult } from "./compute";
import { formatDanish, formatPct, roundHalfAway } from "./numbers";
import { comparableWithPrevious, periodName } from "./period";
import { countedAlike, schemesOf } from "./rulebook";

/** How a figure moved, compared as displayed (rounded), so the verb agrees with the printed numbers. */
function direction(from: number | undefined, to: number | undefined): Direction | undefined {
  if (from === undefined || to === undefined) return undefined;
  const [a, b] = [roundHalfAway(from), roundHalfAway(to)];
  return b > a ? "up" : b < a ? "down" : "same";
}

export function rulesParagraphs(result: StatusResult): string[] {
  const { kk, rulebook } = result;
  if (!kk || !kk.maalopfyldelse || result.year === null || !rulebook) return [];
  const calendarYear = result.year;
  const year = periodName(calendarYear, result.lastMonth);
  const m = kk.maalopfyldelse;
  const prev = comparableWithPrevious(result) ? result.previous : null;
  const out: string[] = [];
  for (const g of rulebook.groups) {
    const schemes = schemesOf(rulebook, g.id);
    const status = kk.status[g.id] ?? 0;
    const pct = formatPct(m[g.id] ?? null);
    const before = prev?.status[g.id] ?? undefined;
    // Beside the previous year only when it counted the same schemes, in the same units, toward the target.
    if (prev && before !== undefined && countedAlike(prev.rulebook, rulebook, g.id)) {
      out.push(RULES.groupWithPrevious(schemes, SUMMARY.change(direction(before, status)), formatDanish(before), periodName(prev.year, prev.lastMonth), formatDanish(status), year, pct));
    } else {
      out.push(RULES.groupAlone(schemes, formatDanish(status), roundHalfAway(status), pct, year, result.lastMonth, calendarYear));
    }
  }
  // No weights, no weighted total: no sentence about it.
  if (rulebook.weights) out.push(SUMMARY.weighted(formatPct(m[WEIGHTED] ?? null), year));
  if (result.previous && !prev) out.push(SUMMARY.notCompared(periodName(result.previous.year, result.previous.lastMonth), year));
  return out;
}
