import { pointLabel, SCHEME_NAMES, SUMMARY, type Direction } from "../messages/da";
import type { StatusResult, UnitResult } from "./compute";
import { formatDanish, formatPct, roundHalfAway } from "./numbers";
import { comparableWithPrevious, periodName } from "./period";
import { COMBINED_SCHEMES, type CombinedScheme } from "./schemes";

/** How a figure moved, compared as displayed (rounded), so the verb agrees with the printed numbers. */
function direction(from: number | null, to: number | null): Direction | undefined {
  if (from === null || to === null) return undefined;
  const a = roundHalfAway(from);
  const b = roundHalfAway(to);
  return b > a ? "up" : b < a ? "down" : "same";
}

function largest(u: UnitResult): CombinedScheme {
  return [...COMBINED_SCHEMES].sort((a, b) => u.status[b] - u.status[a])[0] as CombinedScheme;
}

/**
 * The opening paragraphs, generated from the same unrounded numbers as the tables and rounded the
 * same way, so text and tables cannot disagree (the notat said 797 in the text and 798 in the table).
 */
export function summaryParagraphs(result: StatusResult): string[] {
  const kk = result.kk;
  if (!kk || !kk.maalopfyldelse || result.year === null) return [];
  const calendarYear = result.year;
  // »2025«, or »januar–september 2025« for a part year (targets stay annual).
  const year = periodName(calendarYear, result.lastMonth);
  const m = kk.maalopfyldelse;
  // Like with like only: a part year is never set against a whole year (»er faldet fra 913 … i 2024
  // til 399 … i januar–juni 2025«). Then the sentences stand alone, and a note says why.
  const prev = comparableWithPrevious(result) ? result.previous : null;
  const prevName = prev ? periodName(prev.year, prev.lastMonth) : "";
  const out: string[] = [];

  const status = formatDanish(kk.status.samlet);
  const pctText = formatPct(m.samlet);
  let p1: string;
  if (prev && prev.maalopfyldelse) {
    // The sentence names the målopfyldelse, so its verb follows the percentages (as displayed); when
    // new targets make the helårspersoner move the other way, a second sentence says so.
    const pm = prev.maalopfyldelse;
    const pctChange = direction(pm.samlet, m.samlet);
    const countChange = direction(prev.status.samlet, kk.status.samlet);
    p1 =
      pctChange === countChange
        ? SUMMARY.samletWithPrevious(SUMMARY.change(pctChange), formatDanish(prev.status.samlet), formatPct(pm.samlet), prevName, status, pctText, year)
        : SUMMARY.samletMixed(SUMMARY.change(pctChange), formatPct(pm.samlet), prevName, pctText, year, SUMMARY.change(countChange), formatDanish(prev.status.samlet), status);
  } else {
    p1 = SUMMARY.samletAlone(status, pctText, year);
  }
  const big = largest(kk);
  const years = prev && largest(prev) === big ? SUMMARY.bothYears(prevName, year) : SUMMARY.oneYear(year);
  out.push(`${p1} ${SUMMARY.largest(SCHEME_NAMES[big], years)}`);

  if (prev) {
    const countChange = direction(prev.status.fleksjob, kk.status.fleksjob);
    const pctChange = direction(prev.maalopfyldelse?.fleksjob ?? null, m.fleksjob);
    const [from, now] = [formatDanish(prev.status.fleksjob), formatDanish(kk.status.fleksjob)];
    // Fleksjob is a head count at the period's end: »fra 1.014 i juni 2024 til 1.048 i juni 2025«.
    const [prevPoint, nowPoint] = [pointLabel(prev.year, prev.lastMonth), pointLabel(calendarYear, result.lastMonth)];
    out.push(
      pctChange === countChange || pctChange === undefined
        ? SUMMARY.fleksjobWithPrevious(SUMMARY.change(countChange), from, prevPoint, now, nowPoint, formatPct(m.fleksjob), year)
        : SUMMARY.fleksjobMixed(SUMMARY.change(countChange), from, prevPoint, now, nowPoint, SUMMARY.change(pctChange), formatPct(prev.maalopfyldelse?.fleksjob ?? null), formatPct(m.fleksjob)),
    );
  } else {
    out.push(SUMMARY.fleksjobAlone(formatDanish(kk.status.fleksjob), year, formatPct(m.fleksjob), result.lastMonth, calendarYear));
  }
  if (kk.status.fritidsjob !== null && result.weights && result.weights.fritidsjob > 0) {
    out.push(SUMMARY.fritidsjob(formatDanish(kk.status.fritidsjob), formatPct(m.fritidsjob), year));
  }
  out.push(SUMMARY.weighted(formatPct(m.vaegtet), year));
  if (result.previous && !prev) out.push(SUMMARY.notCompared(periodName(result.previous.year, result.previous.lastMonth), year));
  return out;
}
