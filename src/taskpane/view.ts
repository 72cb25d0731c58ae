/**
 * The task pane's DOM. Builds the fixed parts once and re-renders a region only when its part of
 * the state changed, so focus stays where the user left it. All texts come from
 * src/messages/da.ts; workbook text is only ever set as text. See docs/dev/taskpane.md for the
 * layout (»what the user just asked for comes first«) and how other modules add tools and pages.
 *
 *   header (title, mode switch) · workbook card (folds to one line after the first action) ·
 *   the mode's actions · outcome: progress, verdict, result, issues · »Flere værktøjer« (folded) ·
 *   one live region
 */
import type { Issue } from "../core/issues";
import { OFFICE_NOT_EXCEL, PANE, UI } from "../messages/da";
import { TEMPLATE_YEAR_MAX, TEMPLATE_YEAR_MIN } from "./controller";
import { h, replaceChildren } from "./dom";
import { fluentButton, messageBar, progressBar as fluentProgressBar, setButtonsBusy } from "./fluent";
import { icon } from "./icons";
import { IssuesList } from "./issues-list";
import { renderResult } from "./result-view";
import type { IssuesView, Notice, PaneMode, PaneState, Store } from "./store";
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
  setMode(mode: PaneMode): void;
  announce(text: string): void;
}

/** A section another module adds to »Flere værktøjer« (e.g. »Hent forvaltningernes filer«). */
export interface ToolSection {
  /** The section's element; give it a heading (h3) of its own. */
  readonly element: HTMLElement;
  /** The modes it is shown in. */
  readonly modes: readonly PaneMode[];
  /** Its buttons: disabled while work runs, like the pane's own. */
  readonly buttons?: readonly HTMLButtonElement[];
}

export interface MountedPane {
  /** Stops following the store. */
  destroy(): void;
  /** Adds a section to the tools area, in the order added. */
  addTool(tool: ToolSection): void;
  /**
   * Shows a secondary page (e.g. »Selvtest«) in place of the main column, with its title and a
   * »Tilbage« button; closing it (the button or `close()`) returns focus to where it was.
   */
  openPage(title: string, content: HTMLElement): { close(): void };
}

function hidden(id: string, text: string): HTMLElement {
  return h("span", { class: "visually-hidden", attrs: { id } }, text);
}

function renderNotice(container: HTMLElement, notice: Notice | null, onDismiss: (() => void) | null): void {
  if (!notice) {
    replaceChildren(container);
    return;
  }
  let dismiss: HTMLElement | null = null;
  if (onDismiss) {
    dismiss = fluentButton("subtle", { "aria-label": UI.notice.dismiss, title: UI.notice.dismiss }, "fui-Button--icon notice__dismiss", icon("dismiss"));
    dismiss.addEventListener("click", onDismiss);
  }
  const bar = messageBar(
    notice.intent,
    `notice notice--${notice.intent}`,
    icon(notice.intent),
    [
      notice.title ? h("strong", { class: "notice__title" }, notice.title) : null,
      notice.title ? " " : null,
      h("span", { class: "notice__text" }, notice.text),
      notice.next ? h("strong", { class: "notice__next" }, notice.next) : null,
    ],
    dismiss,
  );
  replaceChildren(container, bar);
}

const scrollIntoView = (el: Element | null): void => {
  // Scrolling never moves focus; »nearest« leaves a visible element where it is.
  if (el && typeof (el as HTMLElement).scrollIntoView === "function") el.scrollIntoView({ block: "nearest" });
};

/** Builds the pane in `root` and keeps it in step with `store`. */
export function mountPane(root: HTMLElement, store: Store, actions: PaneActions): MountedPane {
  let lastAction: HTMLElement | null = null;
  // A click while work runs is ignored (the clicked button stays focusable, the others are disabled).
  const button = (text: string, hintId: string | undefined, appearance: "primary" | "secondary", run: () => Promise<unknown>): HTMLButtonElement => {
    const b = fluentButton(appearance, { "aria-describedby": hintId }, "action", text);
    b.addEventListener("click", () => {
      if (store.state.busy !== null) return;
      lastAction = b;
      void run();
    });
    return b;
  };

  // Header and the mode switch (two toggle buttons: the clerk's view and HR's).
  const modeButton = (mode: PaneMode, text: string, title: string): HTMLButtonElement => {
    const b = fluentButton("subtle", { "aria-pressed": "false", title }, `mode__button mode__button--${mode}`, text);
    b.addEventListener("click", () => actions.setMode(mode));
    return b;
  };
  const modeDepartment = modeButton("department", PANE.mode.department, PANE.mode.switchToDepartment);
  const modeHr = modeButton("hr", PANE.mode.hr, PANE.mode.switchToHr);
  const modeHint = h("p", { class: "mode__hint" });
  const header = h(
    "header",
    { class: "header" },
    h("div", { class: "header__top" }, h("h1", { class: "header__title" }, UI.title), h("div", { class: "mode", attrs: { role: "group", "aria-label": PANE.mode.label } }, modeDepartment, modeHr)),
    modeHint,
  );

  // The workbook card: a disclosure, open until the first action, then one line.
  const workbookLine = h("span", { class: "workbook__line" });
  const workbookBody = h("div", { class: "workbook__body" });
  const workbook = h(
    "details",
    { class: "card workbook", attrs: { open: true } },
    h("summary", { class: "workbook__summary" }, icon("chevron"), h("span", { class: "workbook__title" }, UI.workbook.heading), workbookLine),
    workbookBody,
  );

  // The two modes' actions.
  const validateMine = button(PANE.actions.validateMine, "hint-validate-mine", "primary", () => actions.validate("active"));
  const calculate = button(UI.actions.calculate, "hint-calculate", "primary", () => actions.calculate());
  const validateActive = button(UI.actions.validateSheet, "hint-validate-sheet", "secondary", () => actions.validate("active"));
  const validateAll = button(UI.actions.validateAll, "hint-validate-all", "secondary", () => actions.validate("all"));
  const departmentActions = h("div", { class: "actions__set actions__set--department" }, validateMine, h("p", { class: "hint", attrs: { id: "hint-validate-mine" } }, PANE.actions.validateMineHint));
  const hrActions = h(
    "div",
    { class: "actions__set actions__set--hr" },
    calculate,
    h("div", { class: "actions__row" }, validateActive, validateAll),
    hidden("hint-calculate", UI.actions.calculateHint),
    hidden("hint-validate-sheet", UI.actions.validateSheetHint),
    hidden("hint-validate-all", UI.actions.validateAllHint),
  );
  const actionsSection = h("section", { class: "section actions", attrs: { "aria-label": UI.actions.label } }, departmentActions, hrActions);

  // The outcome, directly under the actions: progress, verdict, result, issues.
  const progressText = h("span", { class: "progress__text" });
  const progressBar = fluentProgressBar("progress__bar");
  const progress = h("div", { class: "progress" }, progressBar, progressText);
  const notice = h("div", { class: "notice-region" });
  const result = h("section", { class: "section card result", attrs: { "aria-labelledby": "result-title" } });
  const again = (scope: IssuesView["scope"]): void => {
    if (store.state.busy !== null) return;
    void (scope.kind === "calculation" ? actions.calculate() : actions.validate(scope.kind === "all" ? "all" : "active"));
  };
  const issues = new IssuesList({ select: (i) => void actions.select(i), again, announce: (t) => actions.announce(t) });
  const outcome = h("div", { class: "outcome", attrs: { "aria-busy": "false" } }, progress, notice, result, issues.element);

  // »Flere værktøjer«: folded; HR's notat and template, and the sections other modules add.
  const notat = button(UI.actions.notat, "hint-notat", "secondary", () => actions.notat());
  const template = button(UI.actions.template, "hint-template", "secondary", () => actions.createTemplate());
  const yearError = h("p", { class: "field-error", attrs: { id: "template-year-error" } }, icon("error"), h("span", {}, PANE.verdict.templateYearInvalid));
  const year = h("input", {
    class: "year-input",
    attrs: {
      id: "template-year",
      type: "text",
      inputmode: "numeric",
      autocomplete: "off",
      maxlength: 4,
      "aria-describedby": "hint-template",
      "data-min": TEMPLATE_YEAR_MIN,
      "data-max": TEMPLATE_YEAR_MAX,
    },
  });
  year.addEventListener("input", () => actions.setTemplateYear(/^\s*\d+\s*$/.test(year.value) ? Number(year.value) : Number.NaN));
  year.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !store.state.busy) {
      e.preventDefault();
      lastAction = year;
      void actions.createTemplate();
    }
  });
  const tools: ToolSection[] = [
    { element: h("div", { class: "tool notat" }, notat, h("p", { class: "hint", attrs: { id: "hint-notat" } }, UI.actions.notatHint)), modes: ["hr"], buttons: [notat] },
    {
      element: h(
        "div",
        { class: "tool template" },
        h(
          "div",
          { class: "template__row" },
          h("div", { class: "template__field" }, h("label", { class: "template__label", attrs: { for: "template-year" } }, UI.actions.templateYear), year),
          template,
        ),
        yearError,
        h("p", { class: "hint", attrs: { id: "hint-template" } }, UI.actions.templateHint),
      ),
      modes: ["hr"],
      buttons: [template],
    },
  ];
  const toolsBody = h("div", { class: "tools__body" }, ...tools.map((t) => t.element));
  const toolsArea = h("details", { class: "card tools" }, h("summary", { class: "tools__summary" }, icon("chevron"), h("span", {}, PANE.actions.tools)), toolsBody);

  const live = h("div", { class: "visually-hidden", attrs: { role: "status", "aria-live": "polite", "aria-atomic": "true" } });
  const mainColumn = h("div", { class: "pane__main" }, header, workbook, actionsSection, outcome, toolsArea);
  const pageArea = h("div", { class: "pane__page" });
  pageArea.hidden = true;
  replaceChildren(root, mainColumn, pageArea, live);

  const allButtons = (): HTMLButtonElement[] => [validateMine, calculate, validateActive, validateAll, ...tools.flatMap((t) => t.buttons ?? []), ...issues.toolbarButtons];
  const primary = (): HTMLButtonElement => (store.state.mode === "department" ? validateMine : calculate);

  let liveSeq = 0;
  const say = (text: string): void => {
    // A trailing no-break space alternates, so the same sentence twice is still a change.
    live.textContent = text + (++liveSeq % 2 ? "" : "\u00a0");
  };
  let pending: string | null = null;

  const renderMode = (mode: PaneMode): void => {
    root.dataset.mode = mode;
    modeDepartment.setAttribute("aria-pressed", String(mode === "department"));
    modeHr.setAttribute("aria-pressed", String(mode === "hr"));
    modeHint.textContent = mode === "department" ? PANE.mode.departmentHint : PANE.mode.hrHint;
    departmentActions.hidden = mode !== "department";
    hrActions.hidden = mode !== "hr";
    for (const t of tools) t.element.hidden = !t.modes.includes(mode);
    toolsArea.hidden = tools.every((t) => t.element.hidden);
  };

  const render = (s: PaneState, prev: PaneState | null): void => {
    const busyChanged = !prev || s.busy !== prev.busy;
    if (busyChanged) {
      const busy = s.busy !== null;
      root.dataset.busy = String(busy);
      outcome.setAttribute("aria-busy", String(busy));
      setButtonsBusy(allButtons(), busy);
      year.disabled = busy;
      progress.hidden = !busy;
      progressText.textContent = s.busy ? UI.busy[s.busy] : "";
      progressBar.setAttribute("aria-label", s.busy ? UI.busy[s.busy] : UI.loading);
      // One announcement at the start of an operation (not for the silent start-up read).
      if (prev && s.busy && s.busy !== "overview") say(UI.busy[s.busy]);
    }
    if (!prev || s.mode !== prev.mode) renderMode(s.mode);
    if (!prev || s.workbook !== prev.workbook || s.mode !== prev.mode) {
      renderWorkbook(workbookBody, s.workbook, s.mode);
      workbookLine.textContent = s.workbook ? PANE.workbook.line(s.workbook.year, s.mode === "department" ? s.workbook.departmentSheets.length : s.workbook.units.length, s.mode) : "";
    }
    if (prev && s.acted && !prev.acted) workbook.open = false;
    if (!prev || s.notice !== prev.notice) renderNotice(notice, s.notice, () => actions.dismissNotice());
    if (!prev || s.result !== prev.result) renderResult(result, s.result);
    if (!prev || s.issues !== prev.issues) issues.render(s.issues);
    if (!prev || s.templateYear !== prev.templateYear) {
      if (document.activeElement !== year) year.value = Number.isFinite(s.templateYear) ? String(s.templateYear) : "";
    }
    if (!prev || s.templateYearInvalid !== prev.templateYearInvalid) {
      yearError.hidden = !s.templateYearInvalid;
      if (s.templateYearInvalid) {
        year.setAttribute("aria-invalid", "true");
        year.setAttribute("aria-describedby", "template-year-error hint-template");
        if (prev) {
          toolsArea.open = true;
          year.focus();
        }
      } else {
        year.removeAttribute("aria-invalid");
        year.setAttribute("aria-describedby", "hint-template");
      }
    }
    if (prev && s.announcement.seq !== prev.announcement.seq) pending = s.announcement.text;
    // The outcome is announced once, after busy cleared (a busy region's changes may not be read).
    if (pending !== null && s.busy === null) {
      say(pending);
      pending = null;
    }
    if (prev && ((busyChanged && s.busy === null && prev.busy !== "overview") || (s.busy === null && s.notice !== prev.notice && s.notice))) {
      scrollIntoView(notice.firstElementChild ?? (result.hidden ? null : result));
      // Focus never drops to the page: if what had it was re-rendered away, the primary action gets it.
      const a = document.activeElement as HTMLElement | null;
      if (!a || a === document.body || !a.isConnected || a.closest("[hidden]")) primary().focus();
    }
  };
  // The page itself is never busy: only the outcome region is (the live region stays outside it).
  root.setAttribute("aria-busy", "false");
  render(store.state, null);
  const unsubscribe = store.subscribe(render);

  const dismiss = notice;
  dismiss.addEventListener("click", (e) => {
    // After the message is closed, focus returns to the action that produced it.
    if ((e.target as Element).closest(".notice__dismiss")) (lastAction && !lastAction.hidden && lastAction.isConnected ? lastAction : primary()).focus();
  });

  return {
    destroy: unsubscribe,
    addTool(tool: ToolSection): void {
      tools.push(tool);
      toolsBody.appendChild(tool.element);
      setButtonsBusy(tool.buttons ?? [], store.state.busy !== null);
      renderMode(store.state.mode);
    },
    openPage(title: string, content: HTMLElement) {
      const opener = document.activeElement as HTMLElement | null;
      const back = fluentButton("subtle", {}, "page__back", icon("chevron"), h("span", {}, PANE.page.back));
      // h1: with the main column hidden, the page's title is the document's only top heading (axe: page-has-heading-one).
      const heading = h("h1", { class: "page__title", attrs: { tabindex: -1 } }, title);
      replaceChildren(pageArea, h("div", { class: "page__header" }, back, heading), content);
      mainColumn.hidden = true;
      pageArea.hidden = false;
      heading.focus();
      const close = (): void => {
        replaceChildren(pageArea);
        pageArea.hidden = true;
        mainColumn.hidden = false;
        (opener && opener.isConnected ? opener : primary()).focus();
      };
      back.addEventListener("click", close);
      return { close };
    },
  };
}

/** What the pane shows when it is not running inside Excel (or office.js did not load). */
export function renderNotInExcel(root: HTMLElement): void {
  const region = h("div", { class: "notice-region" });
  replaceChildren(root, h("header", { class: "header" }, h("h1", { class: "header__title" }, UI.title), h("p", { class: "header__subtitle" }, UI.subtitle)), region);
  renderNotice(region, { intent: "error", text: OFFICE_NOT_EXCEL }, null);
  root.dataset.busy = "false";
  root.setAttribute("aria-busy", "false");
}
