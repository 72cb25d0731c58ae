/**
 * HR's forvaltning chips in step »Valider« (issue 21): one per forvaltning, with its state (✓,
 * »3 fejl«, »mangler«, »tom skabelon«), and the step's line »Af 7 forvaltninger har 6 afleveret
 * et udfyldt ark«. A chip with problems is a toggle button that shows only that forvaltning's
 * entries in the list; the others are plain text. When all chips share »mangler« or »tom skabelon«
 * only the codes show (the state is in their hidden text), so the chips keep to one row.
 */
import { PANE, UI } from "../messages/da";
import { h, replaceChildren } from "./dom";
import { icon } from "./icons";
import type { IssuesView, WorkbookSummary } from "./store";
import { unitChips } from "./verdict";

export class UnitChipList {
  /** The forvaltning whose chip is pressed, if any. */
  chosen: string | null = null;

  constructor(
    private readonly list: HTMLElement,
    private readonly line: HTMLElement,
    private readonly choose: (code: string | null) => void,
  ) {}

  render(w: WorkbookSummary | null, view: IssuesView | null): void {
    if (!w) {
      this.line.textContent = UI.workbook.notRead;
      replaceChildren(this.list);
      return;
    }
    const all = unitChips(w, view);
    const count = all.filter((c) => c.state !== "missing" && c.state !== "empty").length;
    this.line.textContent = [
      w.maaltal ? PANE.steps.delivered(count, all.length) : PANE.steps.noMaaltal,
      w.unknownSheets.length > 0 ? `${UI.workbook.unknownSheets}: ${w.unknownSheets.join(", ")}.` : "",
    ]
      .filter(Boolean)
      .join(" ");
    if (this.chosen !== null && !all.some((c) => c.code === this.chosen && c.state === "issues")) this.chosen = null;
    // When every chip says the same (a new year: seven »tom skabelon«; none delivered: seven
    // »mangler«), the line above already says it; seven repeated words would take four rows at
    // 320 px and push »Beregn status« and »Download notat (Word)« below the fold. The codes stay
    // visible and the state stays in each chip's text for a screen reader.
    const uniform = all.length > 1 && all.every((c) => c.state === all[0]!.state) && (all[0]!.state === "missing" || all[0]!.state === "empty");
    replaceChildren(
      this.list,
      ...all.map((c) => {
        const content = [
          h("span", { class: "chip__code" }, c.code),
          c.state === "valid"
            ? h("span", { class: "chip__state" }, icon("check"), h("span", { class: "visually-hidden" }, c.text))
            : c.state === "notChecked"
              ? null
              : uniform
                ? h("span", { class: "visually-hidden" }, ` ${c.text}`)
                : h("span", { class: "chip__state" }, c.text),
        ];
        if (c.state !== "issues") return h("li", { class: `chip chip--${c.state}`, attrs: { title: c.name } }, ...content);
        const b = h("button", { class: "chip__button", attrs: { type: "button", "aria-pressed": String(this.chosen === c.code), title: c.name } }, ...content);
        b.addEventListener("click", () => {
          this.chosen = this.chosen === c.code ? null : c.code;
          for (const o of this.list.querySelectorAll("button.chip__button")) o.setAttribute("aria-pressed", String(o === b && this.chosen !== null));
          this.choose(this.chosen);
        });
        return h("li", { class: `chip chip--${c.state}` }, b);
      }),
    );
  }
}
