/**
 * The »Projektmappen« card's body: year, Måltal, forvaltninger with and without sheets. In the
 * department view it shows the forvaltning's own sheet(s) and no Måltal row: a forvaltning's file
 * has no Måltal, and that is not a fault (»Mangler« in red would say it is).
 */
import { PANE, UI } from "../messages/da";
import { h, replaceChildren, type Child } from "./dom";
import { icon } from "./icons";
import type { PaneMode, WorkbookSummary } from "./store";

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

function chips(units: readonly { readonly code: string; readonly name: string }[], kind: "ok" | "missing"): HTMLElement {
  return h("ul", { class: `chips chips--${kind}` }, ...units.map((u) => h("li", { class: "chip", attrs: { title: u.name } }, u.code)));
}

export function renderWorkbook(container: HTMLElement, summary: WorkbookSummary | null, mode: PaneMode = "hr"): void {
  if (!summary) {
    replaceChildren(container, h("p", { class: "muted" }, UI.workbook.notRead));
    return;
  }
  const year = row(UI.workbook.year, summary.year !== undefined ? h("strong", {}, String(summary.year)) : h("span", { class: "muted" }, UI.workbook.yearUnknown));
  if (mode === "department") {
    const sheets = summary.departmentSheets.map((s) => ({ code: s, name: s }));
    replaceChildren(
      container,
      h(
        "dl",
        { class: "facts" },
        ...year,
        ...wideRow(PANE.workbook.departmentSheets(sheets.length), sheets.length > 0 ? chips(sheets, "ok") : h("span", { class: "muted" }, UI.workbook.unitsNone)),
      ),
      summary.maaltal ? null : h("p", { class: "muted facts__note" }, PANE.workbook.departmentNoMaaltal),
    );
    return;
  }
  const facts = h(
    "dl",
    { class: "facts" },
    ...year,
    ...row(UI.workbook.maaltal, status(summary.maaltal)),
    ...(summary.previous ? row(UI.workbook.previous, status(true)) : []),
    ...wideRow(UI.workbook.units(summary.units.length), summary.units.length > 0 ? chips(summary.units, "ok") : h("span", { class: "muted" }, UI.workbook.unitsNone)),
    ...(summary.missing.length > 0 ? wideRow(UI.workbook.unitsMissing(summary.missing.length), chips(summary.missing, "missing")) : []),
    ...(summary.unknownSheets.length > 0
      ? wideRow(UI.workbook.unknownSheets, chips(summary.unknownSheets.map((s) => ({ code: s, name: s })), "missing"))
      : []),
  );
  replaceChildren(container, facts);
}
