/**
 * The pane's section for collecting (issue 12): «Hent forvaltningernes filer», the delivery overview
 * per forvaltning, Erstat/Spring over, «Kopiér fejl», «Hent arkene ind», and «Opret skabelon for én
 * forvaltning». Its own DOM region and store slice; all texts from da.ts, file and workbook text only
 * ever set as text.
 */
import type { DeliveryRow, SheetAction } from "../core/collect";
import { COLLECT, COLLECT_PANE, UI } from "../messages/da";
import { problemText } from "../core/collect";
import { formatDanish } from "../core/numbers";
import type { CollectState, CollectStore } from "./collect-store";
import type { PickedInput } from "./collect-controller";
import type { CollectSkeleton } from "./collect-mount";
import { h, replaceChildren } from "./dom";
import { fluentButton, messageBar, progressBar, setDisabledFocusable } from "./fluent";
import { icon } from "./icons";

/** When a file was last saved, as Danish dates are written: 15.01.2026 kl. 10.30 (local time). */
export function savedAt(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return COLLECT_PANE.noSavedTime;
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()} kl. ${two(d.getHours())}.${two(d.getMinutes())}`;
}

/** A key figure in the table: samlet status with one decimal, fleksjob whole, »–« where there is none. */
export function keyFigure(v: number | null | undefined, decimals: number): string {
  return v === null || v === undefined ? COLLECT_PANE.none : formatDanish(v, decimals);
}

/** What the section's controls call (CollectController implements it). */
export interface CollectActions {
  pick(files: readonly PickedInput[]): Promise<unknown>;
  choose(code: string, choice: "replace" | "skip"): Promise<unknown>;
  apply(): Promise<unknown>;
  clear(): void;
  copyErrors(code: string): Promise<unknown>;
  setTemplateCode(code: string): void;
  createUnitTemplate(): Promise<unknown>;
}

function choiceCell(row: DeliveryRow, action: SheetAction | undefined, state: CollectState, actions: CollectActions, busy: () => boolean): HTMLElement | string {
  if (!action || (action.kind !== "conflict" && action.kind !== "replace" && action.kind !== "skip")) return row.action ? COLLECT.action[row.action] : COLLECT_PANE.none;
  const chosen = state.choices[row.code];
  const radio = (value: "replace" | "skip", text: string): HTMLElement => {
    const input = h("input", { attrs: { type: "radio", name: `collect-choice-${row.code}`, value, checked: chosen === value } });
    input.addEventListener("change", () => {
      if (!busy()) void actions.choose(row.code, value);
    });
    return h("label", { class: "collect-choice__option" }, input, text);
  };
  return h(
    "fieldset",
    { class: "collect-choice" },
    h("legend", { class: "collect-choice__legend" }, COLLECT_PANE.choiceLabel(row.code)),
    h("p", { class: "collect-choice__figures" }, COLLECT_PANE.existingFigures(COLLECT.figures(action.existingFigures?.samlet, action.existingFigures?.fleksjob))),
    h("p", { class: "collect-choice__figures" }, COLLECT_PANE.fileFigures(COLLECT.figures(action.figures?.samlet, action.figures?.fleksjob))),
    radio("replace", COLLECT_PANE.replace),
    radio("skip", COLLECT_PANE.skip),
  );
}

function overviewTable(state: CollectState, actions: CollectActions, busy: () => boolean): HTMLElement | null {
  const plan = state.plan;
  if (!plan) return null;
  const done = new Set(state.result?.done.map((a) => a.code) ?? []);
  const failed = new Set(state.result?.failures.map((f) => f.code) ?? []);
  const H = COLLECT_PANE.header;
  const head = h("tr", {}, ...[H.unit, H.state, H.file, H.saved, H.check, H.samlet, H.fleksjob, H.action].map((t) => h("th", { attrs: { scope: "col" } }, t)));
  const rows = plan.overview.map((r) => {
    const action = plan.actions.find((a) => a.code === r.code);
    const delivered = r.state === "delivered";
    let check: HTMLElement | string = delivered ? COLLECT.counts(r.errors, r.warnings) : COLLECT_PANE.none;
    if (delivered && r.issues.length > 0) {
      const copy = fluentButton("secondary", { "aria-label": COLLECT_PANE.copyErrorsLabel(r.code) }, "collect-copy", COLLECT_PANE.copyErrors);
      copy.addEventListener("click", () => void actions.copyErrors(r.code));
      check = h("span", { class: "collect-check" }, h("span", {}, COLLECT.counts(r.errors, r.warnings)), copy);
    }
    const outcome = done.has(r.code) ? COLLECT_PANE.rowDone : failed.has(r.code) ? COLLECT_PANE.rowFailed : null;
    return h(
      "tr",
      { class: `collect-row collect-row--${r.state}`, attrs: { "data-code": r.code } },
      h("th", { attrs: { scope: "row" } }, h("span", { class: "collect-row__code" }, r.code), " ", h("span", { class: "collect-row__name" }, r.name)),
      h("td", { class: "collect-row__state" }, COLLECT.state[r.state]),
      h("td", { class: "collect-row__file" }, r.source?.file ?? COLLECT_PANE.none),
      h("td", {}, r.lastSaved ? savedAt(r.lastSaved) : delivered ? COLLECT_PANE.noSavedTime : COLLECT_PANE.none),
      h("td", { class: "collect-row__check" }, check),
      h("td", { class: "collect-row__num" }, r.figures ? keyFigure(r.figures.samlet, 1) : COLLECT_PANE.none),
      h("td", { class: "collect-row__num" }, r.figures ? keyFigure(r.figures.fleksjob, 0) : COLLECT_PANE.none),
      h("td", { class: "collect-row__action" }, outcome ?? choiceCell(r, action, state, actions, busy)),
    );
  });
  // A wide table scrolls sideways in a narrow pane; the region takes keyboard focus so it can be scrolled without a mouse.
  return h("div", { class: "collect-table-wrap", attrs: { role: "region", tabindex: 0, "aria-label": COLLECT_PANE.tableCaption } }, h("table", { class: "collect-table" }, h("caption", { class: "collect-table__caption" }, COLLECT_PANE.tableCaption), h("thead", {}, head), h("tbody", {}, ...rows)));
}

function problemsList(state: CollectState): HTMLElement | null {
  const texts = [...state.unreadable.map((f) => COLLECT_PANE.notXlsx(f)), ...(state.plan?.problems.map(problemText) ?? [])];
  if (texts.length === 0) return null;
  return h("div", { class: "collect-problems" }, h("h3", { class: "subheading" }, COLLECT_PANE.problemsHeading), h("ul", {}, ...texts.map((t) => h("li", {}, t))));
}

/** Fills the section's body and keeps it in step with `store`; the fixed controls are disabled while work runs. */
export function mountCollect(sk: CollectSkeleton, store: CollectStore, actions: CollectActions): () => void {
  const busy = (): boolean => store.state.busy !== null;
  const apply = fluentButton("primary", { "aria-describedby": "hint-collect-apply" }, "action", COLLECT_PANE.apply);
  apply.addEventListener("click", () => {
    if (!busy()) void actions.apply();
  });
  const clear = fluentButton("subtle", {}, "action", COLLECT_PANE.clear);
  clear.addEventListener("click", () => {
    if (!busy()) actions.clear();
  });
  const progressText = h("span", { class: "progress__text" });
  const progress = h("div", { class: "progress" }, progressBar("progress__bar"), progressText);
  const notice = h("div", { class: "notice-region collect-notice" });
  const manual = h("div", { class: "collect-manual" });
  const overview = h("div", { class: "collect-overview" });
  const applyRow = h("div", { class: "collect-apply" }, h("div", { class: "actions__row" }, apply, clear), h("p", { class: "hint", attrs: { id: "hint-collect-apply" } }, COLLECT_PANE.applyHint));
  replaceChildren(sk.body, progress, notice, manual, overview, applyRow);

  const render = (s: CollectState, prev: CollectState | null): void => {
    if (!prev || s.busy !== prev.busy) {
      for (const b of [sk.pick, sk.template, apply, clear]) setDisabledFocusable(b, s.busy !== null);
      sk.unit.disabled = s.busy !== null;
      progress.hidden = s.busy === null;
      progressText.textContent = s.busy === "reading" ? COLLECT_PANE.reading : s.busy === "inserting" ? COLLECT_PANE.inserting : s.busy === "template" ? UI.busy.template : "";
    }
    if (!prev || s.notice !== prev.notice) {
      const n = s.notice;
      replaceChildren(notice, n ? messageBar(n.intent, `notice notice--${n.intent}`, icon(n.intent), [n.title ? h("strong", { class: "notice__title" }, n.title) : null, n.title ? " " : null, h("span", { class: "notice__text" }, n.text)], null) : null);
    }
    if (!prev || s.manualCopy !== prev.manualCopy) {
      const m = s.manualCopy;
      if (!m) replaceChildren(manual);
      else {
        const area = h("textarea", { class: "collect-manual__text", attrs: { id: "collect-manual-text", readonly: true, rows: 8 } });
        area.value = m.text;
        replaceChildren(manual, h("label", { attrs: { for: "collect-manual-text" } }, COLLECT_PANE.issuesOf(m.code)), area);
        area.focus();
        area.select();
      }
    }
    if (!prev || s.plan !== prev.plan || s.choices !== prev.choices || s.result !== prev.result || s.unreadable !== prev.unreadable) {
      replaceChildren(overview, overviewTable(s, actions, busy), problemsList(s));
    }
    applyRow.hidden = s.files.length === 0;
    if (!prev || s.templateCode !== prev.templateCode) sk.unit.value = s.templateCode;
  };
  render(store.state, null);
  return store.subscribe(render);
}
