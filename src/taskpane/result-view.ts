/**
 * The short result after «Beregn status»: KK's weighted målopfyldelse, its parts, and one line per
 * forvaltning. Percentages are rounded as on the status sheet (formatPct).
 */
import type { UnitResult } from "../core/compute";
import { formatPct } from "../core/numbers";
import { UI } from "../messages/da";
import { h, replaceChildren } from "./dom";
import type { ResultView } from "./store";

/** The bar shows up to 150 %; the tick marks 100 %. */
const BAR_MAX = 150;

function meter(pct: number | null): HTMLElement {
  const fill = h("span", { class: `meter__fill${pct !== null && pct >= 100 ? " meter__fill--met" : ""}` });
  fill.style.width = `${Math.max(0, Math.min(pct ?? 0, BAR_MAX)) / BAR_MAX * 100}%`;
  return h("span", { class: "meter", attrs: { "aria-hidden": "true" } }, fill, h("span", { class: "meter__target" }));
}

function unitRow(u: UnitResult): HTMLLIElement {
  const pct = u.maalopfyldelse?.vaegtet ?? null;
  return h(
    "li",
    { class: "unit" },
    h("span", { class: "unit__name" }, h("span", { class: "unit__code" }, u.code), h("span", { class: "unit__full" }, u.name)),
    h("span", { class: "unit__pct" }, formatPct(pct)),
    meter(pct),
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
  const groups = (["samlet", "fleksjob", "fritidsjob"] as const)
    .filter((g) => m !== null && m[g] !== null)
    .map((g) => h("li", { class: "kk-part" }, h("span", { class: "kk-part__label" }, UI.result.groups[g]), h("span", { class: "kk-part__pct" }, formatPct(m?.[g] ?? null))));
  replaceChildren(
    container,
    h("div", { class: "section__header" }, h("h2", { class: "section__title", attrs: { id: "result-title" } }, UI.result.heading(result.year))),
    h(
      "div",
      { class: "kk" },
      h("span", { class: "kk__label" }, UI.result.kk),
      h("span", { class: "kk__pct" }, formatPct(m?.vaegtet ?? null)),
      meter(m?.vaegtet ?? null),
    ),
    h("ul", { class: "kk-parts" }, ...groups),
    h("h3", { class: "subheading" }, UI.result.units),
    h("ul", { class: "units" }, ...result.units.map(unitRow)),
    h("p", { class: "muted result__sheet" }, UI.result.sheet(result.sheet)),
  );
}
