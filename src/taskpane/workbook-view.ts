/** The «Projektmappen» card: year, Måltal, forvaltninger with and without sheets. */
import { UI } from "../messages/da";
import { h, replaceChildren, type Child } from "./dom";
import { icon } from "./icons";
import type { WorkbookSummary } from "./store";

function row(label: string, ...value: Child[]): HTMLElement[] {
  return [h("dt", { class: "facts__label" }, label), h("dd", { class: "facts__value" }, ...value)];
}

/** A label over a full-width value (the lists of forvaltninger). */
function wideRow(label: string, ...value: Child[]): HTMLElement[] {
  return [h("dt", { class: "facts__label facts__label--wide" }, label), h("dd", { class: "facts__value facts__value--wide" }, ...value)];
}

function status(ok: boolean): HTMLElement {
  return h("span", { class: `state ${ok ? "state--ok" : "state--missing"}` }, icon(ok ? "check" : "missing"), h("span", {}, ok ? UI.workbook.found : UI.workbook.missing));
}

function chips(units: WorkbookSummary["units"], kind: "ok" | "missing"): HTMLElement {
  return h("ul", { class: `chips chips--${kind}` }, ...units.map((u) => h("li", { class: "chip", attrs: { title: u.name } }, u.code)));
}

export function renderWorkbook(container: HTMLElement, summary: WorkbookSummary | null): void {
  const title = h("div", { class: "section__header" }, h("h2", { class: "section__title", attrs: { id: "workbook-title" } }, UI.workbook.heading));
  if (!summary) {
    replaceChildren(container, title, h("p", { class: "muted" }, UI.workbook.notRead));
    return;
  }
  const facts = h(
    "dl",
    { class: "facts" },
    ...row(UI.workbook.year, summary.year !== undefined ? h("strong", {}, String(summary.year)) : h("span", { class: "muted" }, UI.workbook.yearUnknown)),
    ...row(UI.workbook.maaltal, status(summary.maaltal)),
    ...(summary.previous ? row(UI.workbook.previous, status(true)) : []),
    ...wideRow(UI.workbook.units(summary.units.length), summary.units.length > 0 ? chips(summary.units, "ok") : h("span", { class: "muted" }, UI.workbook.unitsNone)),
    ...(summary.missing.length > 0 ? wideRow(UI.workbook.unitsMissing(summary.missing.length), chips(summary.missing, "missing")) : []),
    ...(summary.unknownSheets.length > 0
      ? wideRow(UI.workbook.unknownSheets, chips(summary.unknownSheets.map((s) => ({ code: s, name: s })), "missing"))
      : []),
  );
  replaceChildren(container, title, facts);
}
