import { pointLabel, SUMMARY, type Direction } from "../messages/da";
import { WEIGHTED, type StatusResult, type UnitResult } from "./compute";
import { formatDanish, formatPct, roundHalfAway } from "./numbers";
import { comparableWithPrevious, periodName } from "./period";
import { BUILTIN_TARGETS, countedAlike, type Rulebook, type SchemeRule } from "./rulebook";

/** The built-in summary's targets, by their part (rulebook.ts): the combined target, the head count, the leisure-job target. */
const { combined: COMBINED, headCount: HEAD_COUNT, leisure: LEISURE } = BUILTIN_TARGETS;
import { followsBuiltin } from "./rulebook-sheet";
import { rulesParagraphs } from "./summary-rules";

/** How a figure moved, compared as displayed (rounded), so the verb agrees with the printed numbers. */
function direction(from: number | null, to: number | null): Direction | undefined {
  if (from === null || to === null) return undefined;
  const a = roundHalfAway(from);
  const b = roundHalfAway(to);
  return b > a ? "up" : b < a ? "down" : "same";
}

/** The schemes of the first group of several (the combined target), in the rulebook's order. */
function combinedSchemes(rulebook: Rulebook): SchemeRule[] {
  return rulebook.groups.map((g) => rulebook.schemes.filter((s) => s.group === g.id)).find((l) => l.length > 1) ?? [];
}

/** The combined scheme with the largest status (the first of equals, in the rulebook's order). */
function largest(u: UnitResult, rulebook: Rulebook): SchemeRule | undefined {
  return [...combinedSchemes(rulebook)].sort((a, b) => (u.status[b.id] ?? 0) - (u.status[a.id] ?? 0))[0];
}

const fig = (v: number | null | undefined): number | null => (v === undefined ? null : v);

/** What every sentence of the built-in summary reads: this year's and (when comparable) last year's figures. */
interface SummaryInput {
  readonly result: StatusResult;
  readonly kk: UnitResult;
  readonly rulebook: Rulebook;
  /** KK's målopfyldelse per group. */
  readonly m: NonNullable<UnitResult["maalopfyldelse"]>;
  readonly calendarYear: number;
  /** »2025«, or »januar–september 2025« for a part year (targets stay annual). */
  readonly year: string;
  /** Last year's result, only when it compares like with like (comparableWithPrevious). */
  readonly prev: StatusResult["previous"] | null;
  readonly prevName: string;
}

/** The combined target: its status and målopfyldelse, against last year when comparable, and its largest scheme. */
/** Last year's result for one target, only when both years count it alike (the same schemes in the same units). */
function prevFor(s: SummaryInput, group: string): SummaryInput["prev"] {
  return s.prev && countedAlike(s.prev.rulebook, s.rulebook, group) ? s.prev : null;
}

function samletParagraph(s: SummaryInput): string {
  const { kk, m, prevName, year } = s;
  const prev = prevFor(s, COMBINED);
  const status = formatDanish(kk.status[COMBINED] ?? 0);
  const pctText = formatPct(fig(m[COMBINED]));
  let p1: string;
  if (prev && prev.maalopfyldelse) {
    // The sentence names the målopfyldelse, so its verb follows the percentages (as displayed); when
    // new targets make the helårspersoner move the other way, a second sentence says so.
    const pm = prev.maalopfyldelse;
    const pctChange = direction(fig(pm[COMBINED]), fig(m[COMBINED]));
    const countChange = direction(fig(prev.status[COMBINED]), fig(kk.status[COMBINED]));
    const prevStatus = formatDanish(prev.status[COMBINED] ?? 0);
    p1 =
      pctChange === countChange
        ? SUMMARY.samletWithPrevious(SUMMARY.change(pctChange), prevStatus, formatPct(fig(pm[COMBINED])), prevName, status, pctText, year)
        : SUMMARY.samletMixed(SUMMARY.change(pctChange), formatPct(fig(pm[COMBINED])), prevName, pctText, year, SUMMARY.change(countChange), prevStatus, status);
  } else {
    p1 = SUMMARY.samletAlone(status, pctText, year);
  }
  const big = largest(kk, s.rulebook);
  const years = prev && big && largest(prev, prev.rulebook)?.id === big.id ? SUMMARY.bothYears(prevName, year) : SUMMARY.oneYear(year);
  return big ? `${p1} ${SUMMARY.largest(big.name, years)}` : p1;
}

/** The head-count target (fleksjob): a head count at the period's end, against last year's when comparable. */
function headCountParagraph(s: SummaryInput): string {
  const { kk, m, year, result, calendarYear } = s;
  const prev = prevFor(s, HEAD_COUNT);
  if (!prev) return SUMMARY.headCountAlone(formatDanish(kk.status[HEAD_COUNT] ?? 0), year, formatPct(fig(m[HEAD_COUNT])), result.lastMonth, calendarYear);
  const countChange = direction(fig(prev.status[HEAD_COUNT]), fig(kk.status[HEAD_COUNT]));
  const pctChange = direction(prev.maalopfyldelse?.[HEAD_COUNT] ?? null, fig(m[HEAD_COUNT]));
  const [from, now] = [formatDanish(prev.status[HEAD_COUNT] ?? 0), formatDanish(kk.status[HEAD_COUNT] ?? 0)];
  // Fleksjob is a head count at the period's end: »fra 1.014 i juni 2024 til 1.048 i juni 2025«.
  const [prevPoint, nowPoint] = [pointLabel(prev.year, prev.lastMonth), pointLabel(calendarYear, result.lastMonth)];
  return pctChange === countChange || pctChange === undefined
    ? SUMMARY.headCountWithPrevious(SUMMARY.change(countChange), from, prevPoint, now, nowPoint, formatPct(fig(m[HEAD_COUNT])), year)
    : SUMMARY.headCountMixed(SUMMARY.change(countChange), from, prevPoint, now, nowPoint, SUMMARY.change(pctChange), formatPct(prev.maalopfyldelse?.[HEAD_COUNT] ?? null), formatPct(fig(m[HEAD_COUNT])));
}

/** The built-in summary's input, or undefined when the result or its rulebook lacks what its sentences name. */
function summaryInput(result: StatusResult): SummaryInput | undefined {
  const { kk, rulebook } = result;
  // The sentences are written for the built-in groups (the combined target, fleksjob, fritidsjob);
  // a rulebook without them has no generated summary yet.
  const groups = rulebook?.groups.map((g) => g.id) ?? [];
  if (!kk || !kk.maalopfyldelse || result.year === null || !rulebook || !groups.includes(COMBINED) || !groups.includes(HEAD_COUNT)) return undefined;
  // Like with like only: a part year is never set against a whole year (»er faldet fra 913 … i 2024
  // til 399 … i januar–juni 2025«). Then the sentences stand alone, and a note says why.
  const prev = comparableWithPrevious(result) ? result.previous : null;
  return {
    result,
    kk,
    rulebook,
    m: kk.maalopfyldelse,
    calendarYear: result.year,
    year: periodName(result.year, result.lastMonth),
    prev,
    prevName: prev ? periodName(prev.year, prev.lastMonth) : "",
  };
}

/**
 * The opening paragraphs, generated from the same unrounded numbers as the tables and rounded the
 * same way, so text and tables cannot disagree (the notat said 797 in the text and 798 in the table).
 */
export function summaryParagraphs(result: StatusResult): string[] {
  // A rulebook with its own schemes gets one sentence per target in its unit (summary-rules.ts).
  if (result.rulebook && !followsBuiltin(result.rulebook)) return rulesParagraphs(result);
  const s = summaryInput(result);
  if (!s) return [];
  const { kk, m, year, rulebook } = s;
  const out: string[] = [samletParagraph(s), headCountParagraph(s)];
  const leisure = kk.status[LEISURE];
  if (leisure !== undefined && leisure !== null && (result.weights?.[LEISURE] ?? 0) > 0) {
    out.push(SUMMARY.leisure(formatDanish(leisure), formatPct(fig(m[LEISURE])), year));
  }
  // No weights, no weighted total: no sentence about it.
  if (rulebook.weights) out.push(SUMMARY.weighted(formatPct(fig(m[WEIGHTED])), year));
  if (result.previous && !s.prev) out.push(SUMMARY.notCompared(periodName(result.previous.year, result.previous.lastMonth), year));
  return out;
}
