/**
 * The task pane's DOM. Builds the fixed parts once (header, buttons, regions) and re-renders a
 * region only when its part of the state changed, so focus stays where the user left it.
 * All texts come from src/messages/da.ts; workbook text is only ever set as text.
 */
import type { Issue } from "../core/issues";
import { OFFICE_NOT_EXCEL, UI } from "../messages/da";
import { TEMPLATE_YEAR_MAX, TEMPLATE_YEAR_MIN } from "./controller";
import { h, replaceChildren } from "./dom";
import { fluentButton, messageBar, progressBar as fluentProgressBar, setDisabledFocusable } from "./fluent";
import { icon } from "./icons";
import { renderIssues } from "./issues-list";
import { renderResult } from "./result-view";
import type { Notice, PaneState, Store } from "./store";
import { renderWorkbook } from "./workbook-view";

/** What the buttons call (the Controller implements it). */
export interface PaneActions {
  validate(scope: "active" | "all"): Promise<unknown>;
  calculate(): Promise<unknown>;
  createTemplate(): Promise<unknown>;
  notat(): Promise<unknown>;
  select(issue: Issue): Promise<unknown>;
  setTemplateYear(year: number): void;
  dismissNotice(): void;
}

function button(text: string, hintId: string | undefined, appearance: "primary" | "secondary", onClick: () => void): HTMLElement {
  const b = fluentButton(appearance, { "aria-describedby": hintId }, "action", text);
  b.addEventListener("click", onClick);
  return b;
}

function hidden(id: string, text: string): HTMLElement {
  return h("span", { class: "visually-hidden", attrs: { id } }, text);
}

function renderNotice(container: HTMLElement, notice: Notice | null, onDismiss: (() => void) | null): void {
  if (!notice) {
    replaceChildren(container);
    return;
  }
  const iconName = notice.intent === "error" ? "error" : notice.intent === "warning" ? "warning" : notice.intent === "success" ? "success" : "info";
  let dismiss: HTMLElement | null = null;
  if (onDismiss) {
    dismiss = fluentButton("subtle", { "aria-label": UI.notice.dismiss, title: UI.notice.dismiss }, "fui-Button--icon notice__dismiss", icon("dismiss"));
    dismiss.addEventListener("click", onDismiss);
  }
  const bar = messageBar(
    notice.intent,
    `notice notice--${notice.intent}`,
    icon(iconName),
    [notice.title ? h("strong", { class: "notice__title" }, notice.title) : null, notice.title ? " " : null, h("span", { class: "notice__text" }, notice.text)],
    dismiss,
  );
  replaceChildren(container, bar);
}

export interface MountedPane {
  /** Stops following the store. */
  destroy(): void;
}

/** Builds the pane in `root` and keeps it in step with `store`. */
export function mountPane(root: HTMLElement, store: Store, actions: PaneActions): MountedPane {
  // A click while work runs is ignored (the buttons are aria-disabled then, and stay focusable).
  const whenIdle = (f: () => Promise<unknown>) => (): void => {
    if (store.state.busy === null) void f();
  };
  const calculate = button(UI.actions.calculate, "hint-calculate", "primary", whenIdle(() => actions.calculate()));
  const validateActive = button(UI.actions.validateSheet, "hint-validate-sheet", "secondary", whenIdle(() => actions.validate("active")));
  const validateAll = button(UI.actions.validateAll, "hint-validate-all", "secondary", whenIdle(() => actions.validate("all")));
  const template = button(UI.actions.template, "hint-template", "secondary", whenIdle(() => actions.createTemplate()));
  const year = h("input", {
    class: "year-input",
    attrs: { id: "template-year", type: "number", inputmode: "numeric", min: TEMPLATE_YEAR_MIN, max: TEMPLATE_YEAR_MAX, step: 1, "aria-describedby": "hint-template" },
  });
  year.addEventListener("input", () => actions.setTemplateYear(year.value.trim() === "" ? Number.NaN : Number(year.value)));
  year.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !store.state.busy) {
      e.preventDefault();
      void actions.createTemplate();
    }
  });
  const notat = button(UI.actions.notat, "hint-notat", "secondary", whenIdle(() => actions.notat()));
  const buttons = [calculate, validateActive, validateAll, template, notat];

  const workbook = h("section", { class: "section card", attrs: { "aria-labelledby": "workbook-title" } });
  const progressText = h("span", { class: "progress__text" });
  const progressBar = fluentProgressBar("progress__bar");
  const progress = h("div", { class: "progress" }, progressBar, progressText);
  const notice = h("div", { class: "notice-region" });
  const result = h("section", { class: "section card result", attrs: { "aria-labelledby": "result-title" } });
  const issues = h("section", { class: "section issues", attrs: { "aria-labelledby": "issues-title" } });
  const live = h("div", { class: "visually-hidden", attrs: { role: "status", "aria-live": "polite", "aria-atomic": "true" } });

  const actionsSection = h(
    "section",
    { class: "section actions", attrs: { "aria-label": UI.actions.label } },
    h("div", { class: "actions__primary" }, calculate),
    h("div", { class: "actions__row" }, validateActive, validateAll),
    h("div", { class: "notat" }, notat, h("p", { class: "hint", attrs: { id: "hint-notat" } }, UI.actions.notatHint)),
    h(
      "div",
      { class: "template" },
      h("div", { class: "template__field" }, h("label", { class: "template__label", attrs: { for: "template-year" } }, UI.actions.templateYear), year),
      template,
    ),
    h("p", { class: "hint", attrs: { id: "hint-template" } }, UI.actions.templateHint),
    hidden("hint-calculate", UI.actions.calculateHint),
    hidden("hint-validate-sheet", UI.actions.validateSheetHint),
    hidden("hint-validate-all", UI.actions.validateAllHint),
  );

  replaceChildren(
    root,
    h("header", { class: "header" }, h("h1", { class: "header__title" }, UI.title), h("p", { class: "header__subtitle" }, UI.subtitle)),
    workbook,
    actionsSection,
    progress,
    notice,
    result,
    issues,
    live,
  );

  const onSelect = (issue: Issue): void => void actions.select(issue);
  const render = (s: PaneState, prev: PaneState | null): void => {
    if (!prev || s.busy !== prev.busy) {
      const busy = s.busy !== null;
      root.setAttribute("aria-busy", String(busy));
      // aria-disabled, not disabled: keyboard focus stays on the button that was clicked.
      for (const b of buttons) setDisabledFocusable(b, busy);
      year.disabled = busy;
      progress.hidden = !busy;
      progressText.textContent = s.busy ? UI.busy[s.busy] : "";
      progressBar.setAttribute("aria-label", s.busy ? UI.busy[s.busy] : UI.loading);
    }
    if (!prev || s.workbook !== prev.workbook) renderWorkbook(workbook, s.workbook);
    if (!prev || s.notice !== prev.notice) renderNotice(notice, s.notice, () => actions.dismissNotice());
    if (!prev || s.result !== prev.result) renderResult(result, s.result);
    if (!prev || s.issues !== prev.issues) renderIssues(issues, s.issues, onSelect);
    if ((!prev || s.templateYear !== prev.templateYear) && document.activeElement !== year) {
      year.value = Number.isFinite(s.templateYear) ? String(s.templateYear) : "";
    }
    if (prev && s.announcement.seq !== prev.announcement.seq) {
      // A trailing no-break space alternates, so the same sentence twice is still a change.
      live.textContent = s.announcement.text + (s.announcement.seq % 2 ? "" : "\u00a0");
    }
  };
  render(store.state, null);
  const unsubscribe = store.subscribe(render);
  return { destroy: unsubscribe };
}

/** What the pane shows when it is not running inside Excel (or office.js did not load). */
export function renderNotInExcel(root: HTMLElement): void {
  replaceChildren(
    root,
    h("header", { class: "header" }, h("h1", { class: "header__title" }, UI.title), h("p", { class: "header__subtitle" }, UI.subtitle)),
    h("div", { class: "notice-region" }),
  );
  const region = root.querySelector(".notice-region") as HTMLElement;
  renderNotice(region, { intent: "error", text: OFFICE_NOT_EXCEL }, null);
  root.setAttribute("aria-busy", "false");
}
