import { SCHEME_NAMES, SUMMARY } from "../messages/da";
import type { StatusResult, UnitResult } from "./compute";
import { formatDanish, formatPct, roundHalfAway } from "./numbers";
import { COMBINED_SCHEMES, type CombinedScheme } from "./schemes";

function largest(u: UnitResult): CombinedScheme {
  return [...COMBINED_SCHEMES].sort((a, b) => u.status[b] - u.status[a])[0] as CombinedScheme;
}

/**
 * The opening paragraphs, generated from the same unrounded numbers as the tables and rounded the
 * same way, so text and tables cannot disagree (the notat said 797 in the text and 798 in the table).
 */
export function summaryParagraphs(result: StatusResult): string[] {
  const kk = result.kk;
  const year = result.year;
  if (!kk || !kk.maalopfyldelse || year === null) return [];
  const m = kk.maalopfyldelse;
  const prev = result.previous;
  const out: string[] = [];

  const status = formatDanish(kk.status.samlet);
  const pctText = formatPct(m.samlet);
  let p1: string;
  if (prev && prev.maalopfyldelse) {
    const verb = SUMMARY.change(roundHalfAway(prev.status.samlet), roundHalfAway(kk.status.samlet));
    p1 = SUMMARY.samletWithPrevious(verb, formatDanish(prev.status.samlet), formatPct(prev.maalopfyldelse.samlet), prev.year, status, pctText, year);
  } else {
    p1 = SUMMARY.samletAlone(status, pctText, year);
  }
  const big = largest(kk);
  const years = prev && largest(prev) === big ? SUMMARY.bothYears(prev.year, year) : SUMMARY.oneYear(year);
  out.push(`${p1} ${SUMMARY.largest(SCHEME_NAMES[big], years)}`);

  if (prev) {
    const verb = SUMMARY.change(roundHalfAway(prev.status.fleksjob), roundHalfAway(kk.status.fleksjob));
    out.push(SUMMARY.fleksjobWithPrevious(verb, formatDanish(prev.status.fleksjob), prev.year, formatDanish(kk.status.fleksjob), year, formatPct(m.fleksjob)));
  } else {
    out.push(SUMMARY.fleksjobAlone(formatDanish(kk.status.fleksjob), year, formatPct(m.fleksjob)));
  }
  if (kk.status.fritidsjob !== null && result.weights && result.weights.fritidsjob > 0) {
    out.push(SUMMARY.fritidsjob(formatDanish(kk.status.fritidsjob), formatPct(m.fritidsjob), year));
  }
  out.push(SUMMARY.weighted(formatPct(m.vaegtet), year));
  return out;
}
