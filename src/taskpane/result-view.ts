/**
 * The short result after »Beregn status«: KK's weighted målopfyldelse, its parts with the gap to
 * target, and one line per forvaltning with its gap. Percentages are rounded as on the status
 * sheet (formatPct); gaps come from the engine (targetGaps). The bars are decorative; a legend
 * says what the bar, the 100 pct. mark and the green colour mean, and a met target also has a
 * check mark, so nothing depends on colour alone.
 */
import { type UnitResult, type Measure, type Rulebook, targetGaps, type TargetGap, formatPct, WEIGHTED, followsBuiltin, latestBuiltin } from "../core";
import { PANE, RULES, UI } from "../messages/da";
import { h, replaceChildren } from "./dom";
import { icon } from "./icons";
import type { ResultView } from "./store";

/** The bar shows up to 150 %; the tick marks 100 %. */
const BAR_MAX = 150;

function meter(pct: number | null): HTMLElement {
  const met = pct !== null && pct >= 100;
  const fill = h("span", { class: `meter__fill${met ? " meter__fill--met" : ""}` });
  fill.style.width = `${(Math.max(0, Math.min(pct ?? 0, BAR_MAX)) / BAR_MAX) * 100}%`;
  return h("span", { class: "meter", attrs: { "aria-hidden": "true" } }, fill, h("span", { class: "meter__target" }));
}

/** The percentage, with a check mark (and its name for screen readers) when the target is met. */
function pctText(cls: string, pct: number | null): HTMLElement {
  const met = pct !== null && pct >= 100;
  return h(
    "span",
    { class: `pct${met ? " pct--met" : ""}` },
    met ? icon("check") : null,
    h("span", { class: cls }, formatPct(pct)),
    met ? h("span", { class: "visually-hidden" }, ` (${PANE.result.met})`) : null,
  );
}

function gapLine(who: string, gap: TargetGap | undefined, short = false, rules?: Rulebook): HTMLElement | null {
  if (!gap) return null;
  // A target of a rulebook with its own schemes is said in its own unit and name (issue 22).
  const own = rules ? ownTarget(rules, gap.group) : undefined;
  const text = own
    ? short
      ? RULES.paneGapShort(own.measure, gap.kind, gap.amount)
      : RULES.paneGap(who, own.name, own.measure, gap.kind, gap.amount)
    : short
      ? PANE.result2.gapShort(gap.group, gap.kind, gap.amount, measureOf(rules, gap.group))
      : PANE.result.gap(who, gap.group, gap.kind, gap.amount, measureOf(rules, gap.group));
  return h("span", { class: `gap gap--${gap.kind}` }, text);
}

/**
 * The measure a target's gap is said in: its schemes' measure in the rulebook the result was counted
 * by (a group's schemes share one, RULEBOOK_MEASURE_MIXED), never decided by the group's id. A result
 * without a rulebook (none carried) is a built-in year: the newest built-in rulebook's.
 */
function measureOf(rules: Rulebook | undefined, group: string): Measure {
  return (rules ?? latestBuiltin()).schemes.find((s) => s.group === group)?.measure ?? "helaarspersoner";
}

const GROUP_LABELS = new Map<string, string>(Object.entries(UI.result.groups));

/** A target's name and unit when the rulebook has its own schemes; undefined for a built-in shape (the pane's own texts). */
function ownTarget(rules: Rulebook, group: string): { name: string; measure: Measure } | undefined {
  if (followsBuiltin(rules)) return undefined;
  const g = rules.groups.find((x) => x.id === group);
  const measure = rules.schemes.find((s) => s.group === group)?.measure;
  return g && measure ? { name: g.name, measure } : undefined;
}

/** One target group: its name, its percentage and its gap, said with the group's name. */
function groupLine(who: string, group: string, pct: number | null, gap: TargetGap | undefined, cls: string, short: boolean, rules?: Rulebook): HTMLLIElement {
  const label = (rules ? ownTarget(rules, group)?.name : undefined) ?? GROUP_LABELS.get(group) ?? group;
  return h("li", { class: `group-line ${cls}` }, h("span", { class: `${cls}__label` }, label), pctText(`${cls}__pct`, pct), gapLine(who, gap, short, rules));
}

/** The groups of a result that have a target, in the rulebook's order (its targets are keyed by group id), each with its gap. */
function groupLines(u: UnitResult, cls: string, short = false, rules?: Rulebook): HTMLLIElement[] {
  const m = u.maalopfyldelse;
  if (!m) return [];
  const gaps = targetGaps(u);
  return Object.keys(u.maal).flatMap((g) => {
    const pct = m[g];
    return pct === null || pct === undefined ? [] : [groupLine(u.code, g, pct, gaps.find((x) => x.group === g), cls, short, rules)];
  });
}

/**
 * A forvaltning: its weighted total (»Vægtet i alt«), then each target group with its own
 * percentage and gap, so a ✓ on the total never sits beside an unexplained gap.
 */
function unitRow(u: UnitResult, rules?: Rulebook): HTMLLIElement {
  const pct = u.maalopfyldelse?.[WEIGHTED] ?? null;
  const name = h("span", { class: "unit__name" }, h("span", { class: "unit__code" }, u.code), h("span", { class: "unit__full" }, u.name));
  const groups = h("ul", { class: "unit__groups" }, ...groupLines(u, "unit-group", true, rules));
  // A year without weights has no weighted total: the forvaltning's targets stand alone (issue 22).
  if (rules && !rules.weights) return h("li", { class: "unit" }, name, groups);
  return h(
    "li",
    { class: "unit" },
    name,
    h("span", { class: "unit__weighted" }, h("span", { class: "unit__weighted-label" }, `${PANE.result2.weighted} `), pctText("unit__pct", pct)),
    meter(pct),
    groups,
  );
}

function legend(): HTMLElement {
  return h(
    "div",
    { class: "legend" },
    h("span", { class: "legend__sample", attrs: { "aria-hidden": "true" } }, meter(120)),
    h("p", { class: "legend__text" }, `${PANE.result.legendBar} ${PANE.result.legendTarget} ${PANE.result.legendMet}`),
  );
}

export function renderResult(container: HTMLElement, result: ResultView | null): void {
  if (!result) {
    container.hidden = true;
    replaceChildren(container);
    return;
  }
  container.hidden = false;
  const m = result.kk.maalopfyldelse;
  const unweighted = result.rulebook !== undefined && !result.rulebook.weights;
  replaceChildren(
    container,
    h("div", { class: "section__header" }, h("h2", { class: "section__title", attrs: { id: "result-title" } }, UI.result.heading(result.year))),
    unweighted
      ? h("div", { class: "kk" }, h("span", { class: "kk__label" }, RULES.paneKkUnweighted))
      : h("div", { class: "kk" }, h("span", { class: "kk__label" }, UI.result.kk), pctText("kk__pct", m?.[WEIGHTED] ?? null), meter(m?.[WEIGHTED] ?? null)),
    h("h3", { class: "subheading" }, PANE.result2.perGroup),
    h("ul", { class: "kk-parts" }, ...groupLines(result.kk, "kk-part", false, result.rulebook)),
    legend(),
    h("h3", { class: "subheading" }, PANE.result2.units),
    h("ul", { class: "units" }, ...result.units.map((u) => unitRow(u, result.rulebook))),
    h("p", { class: "muted result__sheet" }, UI.result.sheet(result.sheet)),
  );
}
