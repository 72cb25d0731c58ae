/**
 * The pane's section for collecting (issues 12, 18): «Vælg forvaltningernes filer», the delivery
 * overview as one stacked card per forvaltning (it fits a 320 px pane: nothing scrolls sideways),
 * Erstat/Spring over, «Kopiér fejl», »Indsæt arkene«, and «Opret skabelon for én
 * forvaltning». Its own DOM region and store slice; all texts from da.ts, file and workbook text only
 * ever set as text.
 */
import { type CollectPlan, type DeliveryRow, type KeyFigures, type SheetAction, plausibilityText, problemText, removedText, formatDanish } from "../core";
import { COLLECT, COLLECT_PANE, UI } from "../messages/da";
import type { CollectState, CollectStore } from "./collect-store";
import type { PickedInput } from "./collect-controller";
import { showUnitName, type CollectSkeleton } from "./collect-skeleton";
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

/** The key figures of the year's rulebook in a sentence, or both built-in ones as »–« when the sheet has none. */
function keyFigures(f: KeyFigures | null | undefined): string {
  return f ? COLLECT.figuresOf(f.groups) : COLLECT.figures(null, null);
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

function choiceBlock(row: DeliveryRow, action: SheetAction | undefined, state: CollectState, actions: CollectActions, busy: () => boolean): HTMLElement | null {
  if (!action || (action.kind !== "conflict" && action.kind !== "replace" && action.kind !== "skip")) return null;
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
    h("p", { class: "collect-choice__figures" }, COLLECT_PANE.existingFigures(keyFigures(action.existingFigures))),
    h("p", { class: "collect-choice__figures" }, COLLECT_PANE.fileFigures(keyFigures(action.figures))),
    action.touched.length > 0 ? h("p", { class: "collect-choice__figures" }, COLLECT.touched(action.existing, action.touched)) : null,
    radio("replace", COLLECT_PANE.replace),
    radio("skip", COLLECT_PANE.skip),
  );
}

/** The badge's tone: a delivery that needs nothing is calm, one that needs the analyst is marked. */
function badgeTone(r: DeliveryRow): "success" | "warning" | "danger" | "neutral" {
  if (r.state === "missing" || r.state === "unreadable" || r.state === "duplicate") return "danger";
  if (r.errors > 0) return "danger";
  if (r.state === "delivered" && (r.warnings > 0 || r.plausibility.length > 0)) return "warning";
  if (r.state === "delivered" || r.state === "unchanged") return "success";
  return "neutral";
}

/** A problem that belongs to one forvaltning's card: an empty sheet for it in a picked file. */
function onCard(p: CollectPlan["problems"][number], code: string): boolean {
  return p.kind === "blank-template" && p.sheets.length === 1 && p.sheets[0]?.toUpperCase() === code.toUpperCase();
}

/** One forvaltning's card: code and name, state badge, file and save time, validation, key figures, warnings, the choice. */
function card(r: DeliveryRow, state: CollectState, actions: CollectActions, busy: () => boolean): HTMLElement {
  const plan = state.plan;
  const action = plan?.actions.find((a) => a.code === r.code);
  const done = state.result?.done.some((a) => a.code === r.code) ?? false;
  const failed = state.result?.failures.some((f) => f.code === r.code) ?? false;
  const delivered = r.state === "delivered" || r.state === "unchanged";
  const titleId = `collect-card-${r.code}`;
  const lines: (HTMLElement | null)[] = [];
  if (r.source) lines.push(h("p", { class: "collect-card__file" }, COLLECT_PANE.fileLine(r.source.file)));
  if (r.lastSaved) lines.push(h("p", { class: "collect-card__saved" }, COLLECT.savedClaim(savedAt(r.lastSaved))));
  if (delivered) {
    const check = h("p", { class: "collect-card__check" }, COLLECT_PANE.checkLine(COLLECT.counts(r.errors, r.warnings)));
    lines.push(check);
    if (r.issues.length > 0) {
      const copy = fluentButton("secondary", { "aria-label": COLLECT_PANE.copyErrorsLabel(r.code) }, "collect-copy", COLLECT_PANE.copyErrors);
      copy.addEventListener("click", () => void actions.copyErrors(r.code));
      lines.push(copy);
    }
  }
  if (r.figures) lines.push(h("p", { class: "collect-card__figures" }, COLLECT_PANE.figuresLineOf(r.figures.groups)));
  const notes = [
    ...(r.unreadable ? [COLLECT.unreadable(r.unreadable.file, r.unreadable.reason, r.unreadable.at, r.unreadable.limit)] : []),
    // An empty template for this forvaltning: said on its card, not in a list of its own (issue 21).
    ...(plan?.problems ?? []).filter((p) => onCard(p, r.code)).map(problemText),
    ...r.plausibility.map((p) => plausibilityText(r.code, r.source?.file ?? "", p)),
    ...(removedText(r.removed) ? [removedText(r.removed) as string] : []),
  ];
  if (notes.length > 0) lines.push(h("ul", { class: "collect-card__notes" }, ...notes.map((t) => h("li", {}, t))));
  const outcome = done ? COLLECT_PANE.rowDone : failed ? COLLECT_PANE.rowFailed : null;
  const choice = outcome ? null : choiceBlock(r, action, state, actions, busy);
  const actionText = outcome ?? (choice ? null : r.action ? COLLECT.action[r.action] : null);
  return h(
    "li",
    { class: `collect-card collect-card--${r.state}`, attrs: { "data-code": r.code, "aria-labelledby": titleId } },
    h(
      "div",
      { class: "collect-card__head" },
      h("h4", { class: "collect-card__title", attrs: { id: titleId } }, h("span", { class: "collect-card__code" }, r.code), " ", h("span", { class: "collect-card__name" }, r.name)),
      h("span", { class: `collect-badge collect-badge--${badgeTone(r)}` }, COLLECT.state[r.state]),
    ),
    ...lines,
    actionText ? h("p", { class: "collect-card__action" }, actionText) : null,
    choice,
  );
}

function overviewCards(state: CollectState, actions: CollectActions, busy: () => boolean): HTMLElement | null {
  const plan = state.plan;
  if (!plan) return null;
  return h(
    "div",
    { class: "collect-overview__list" },
    h("h3", { class: "collect-overview__caption", attrs: { id: "collect-overview-caption" } }, COLLECT_PANE.tableCaption),
    h("ul", { class: "collect-cards", attrs: { "aria-labelledby": "collect-overview-caption" } }, ...plan.overview.map((r) => card(r, state, actions, busy))),
  );
}

function problemsList(state: CollectState): HTMLElement | null {
  const plan = state.plan;
  const codes = plan?.overview.map((r) => r.code) ?? [];
  const texts = plan?.problems.filter((p) => !codes.some((c) => onCard(p, c))).map(problemText) ?? [];
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
  const blocked = h("p", { class: "collect-apply__blocked", attrs: { id: "collect-apply-blocked" } });
  blocked.hidden = true;
  const applyRow = h("div", { class: "collect-apply" }, h("div", { class: "actions__row" }, apply, clear), blocked, h("p", { class: "hint", attrs: { id: "hint-collect-apply" } }, COLLECT_PANE.applyHint));
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
      replaceChildren(
        notice,
        n ? messageBar(n.intent, `notice notice--${n.intent}`, icon(n.intent), [n.title ? h("strong", { class: "notice__title" }, n.title) : null, n.title ? " " : null, h("span", { class: "notice__text" }, n.text)], null) : null,
        n?.detail ? h("p", { class: "notice__detail" }, n.detail) : null,
      );
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
      // Redrawing the cards must not drop the analyst's place (WCAG 2.4.3): the radio button that had
      // focus (»Erstat«/»Spring over« chosen with Space) has it again after the redraw.
      const had = document.activeElement;
      const kept = had instanceof HTMLInputElement && overview.contains(had) ? { name: had.name, value: had.value } : null;
      replaceChildren(overview, overviewCards(s, actions, busy), problemsList(s));
      if (kept) [...overview.querySelectorAll<HTMLInputElement>("input")].find((i) => i.name === kept.name && i.value === kept.value)?.focus();
    }
    if (!prev || s.blocked !== prev.blocked) {
      const open = s.blocked;
      blocked.textContent = open ? COLLECT_PANE.applyBlocked(open) : "";
      blocked.hidden = !open;
      // Focus to the first choice still open, so the analyst lands where the decision is made.
      const first = open ? [...overview.querySelectorAll<HTMLElement>("li.collect-card")].find((c) => c.dataset.code === open[0]) : undefined;
      if (prev) first?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
    }
    applyRow.hidden = s.files.length === 0;
    // No primary button when there is nothing to bring in (issue 21: seven empty templates offered it).
    apply.hidden = s.plan !== null && !s.plan.actions.some((a) => a.kind === "insert" || a.kind === "fill-template" || a.kind === "replace" || a.kind === "conflict");
    if (!prev || s.templateCode !== prev.templateCode) {
      sk.unit.value = s.templateCode;
      showUnitName(sk);
    }
  };
  render(store.state, null);
  return store.subscribe(render);
}
