/**
 * The task pane's DOM. Builds the fixed parts once and re-renders a region only when its part of
 * the state changed, so focus stays where the user left it. All texts come from
 * src/messages/da.ts; workbook text is only ever set as text. See docs/dev/taskpane.md for the
 * layout (»what the user just asked for comes first«) and how other modules add tools and pages.
 *
 * Two views around the two jobs (docs/dev/taskpane.md, »Layout«):
 *   clerk: heading · verdict card (»Klar til HR« / »Ikke klar: 4 fejl i 3 celler«) with its
 *          button · outcome (bar, issues with »Tallet er rigtigt«) · footer
 *   HR:    heading · steps 1 Filer → 2 Valider (forvaltning chips) → 3 Beregn → 4 Notat, the
 *          outcome under the step that produced it · footer
 *   footer: the view switch (bottom, not top right where Mac's menu sits) and »Selvtest«;
 *   one live region
 */
import type { Issue } from "../core";
import { OFFICE_NOT_EXCEL, PANE, UI } from "../messages/da";
import { TEMPLATE_YEAR_MAX, TEMPLATE_YEAR_MIN } from "./controller";
import { h, replaceChildren } from "./dom";
import { fluentButton, messageBar, progressBar as fluentProgressBar, setButtonsBusy } from "./fluent";
import { icon } from "./icons";
import { IssuesList } from "./issues-list";
import { renderResult } from "./result-view";
import { inBar, type BusyKind, type IssuesView, type Notice, type PaneMode, type PaneState, type Store } from "./store";
import { clerkVerdict } from "./verdict";
import { renderNotice } from "./notice-view";
import { UnitChipList } from "./unit-chips";

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
  /** »Tallet er rigtigt« on a warning (pane memory only). */
  check(issue: Issue, on: boolean): void;
}

/** Where a section another module adds goes: HR's step »Filer«, its »Skabeloner«, or the footer. */
export type ToolPlace = "files" | "templates" | "footer";

/** A section another module adds (e.g. the collect section, »Selvtest«). */
export interface ToolSection {
  /** The section's element; give it a heading (h3 in a step, h2 in the footer). */
  readonly element: HTMLElement;
  /** The modes it is shown in. */
  readonly modes: readonly PaneMode[];
  /** Its buttons: disabled while work runs, like the pane's own. */
  readonly buttons?: readonly HTMLButtonElement[];
  /** Where it goes (default: the footer). */
  readonly place?: ToolPlace;
}

export interface MountedPane {
  /** Stops following the store. */
  destroy(): void;
  /** Adds a section at its place, in the order added. */
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

/** Which of HR's steps an operation belongs to: its outcome is shown under that step. */
type Step = "files" | "validate" | "calculate" | "notat";
const STEP_OF: Partial<Record<BusyKind, Step>> = { template: "files", validateActive: "validate", validateAll: "validate", calculate: "calculate", notat: "notat" };

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

  // The heading names the job (Office's title bar already says »Jobstatus«).
  const title = h("h1", { class: "header__title" });
  const header = h("header", { class: "header" }, title);

  // The clerk's verdict card, with its one action.
  const validateMine = button(PANE.actions.validateMine, "hint-validate-mine", "primary", () => actions.validate("active"));
  const verdictIcon = h("span", { class: "verdict__icon" });
  const verdictTitle = h("h2", { class: "verdict__title", attrs: { id: "verdict-title" } });
  const verdictSub = h("p", { class: "verdict__sub" });
  const verdictNext = h("p", { class: "verdict__next", attrs: { id: "hint-validate-mine" } });
  const verdictSheet = h("p", { class: "verdict__sheet muted" });
  const verdictCard = h(
    "section",
    { class: "card verdict", attrs: { "aria-labelledby": "verdict-title" } },
    h("div", { class: "verdict__head" }, verdictIcon, h("div", { class: "verdict__words" }, verdictTitle, verdictSub)),
    verdictNext,
    h("div", { class: "verdict__actions" }, validateMine),
    verdictSheet,
    hidden("hint-confirm", PANE.clerk.confirmedHint),
  );
  const clerkView = h("div", { class: "clerk" }, verdictCard);

  // HR's steps: 1 Filer → 2 Valider → 3 Beregn → 4 Notat.
  const step = (id: Step, heading: string, ...content: (HTMLElement | null)[]): HTMLElement =>
    h("section", { class: `card step step--${id}`, attrs: { "aria-labelledby": `step-${id}-title` } }, h("h2", { class: "step__title", attrs: { id: `step-${id}-title` } }, heading), ...content);

  const delivered = h("p", { class: "step__line" });
  const filesSlot = h("div", { class: "step__tools" });
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
  // The year drives both templates, so both buttons sit right under the field.
  const templatesSlot = h("div", { class: "templates__more" });
  const templates = h(
    "details",
    { class: "templates" },
    h("summary", { class: "templates__summary" }, icon("chevron"), h("span", {}, PANE.steps.templates)),
    h("div", { class: "template__field" }, h("label", { class: "template__label", attrs: { for: "template-year" } }, UI.actions.templateYear), year),
    yearError,
    h("div", { class: "template__row" }, template),
    h("p", { class: "hint", attrs: { id: "hint-template" } }, UI.actions.templateHint),
    templatesSlot,
  );
  const stepFiles = step("files", PANE.steps.files, delivered, filesSlot, templates);

  const calculate = button(UI.actions.calculate, "hint-calculate", "primary", () => actions.calculate());
  const validateActive = button(UI.actions.validateSheet, "hint-validate-sheet", "secondary", () => actions.validate("active"));
  const validateAll = button(UI.actions.validateAll, "hint-validate-all", "secondary", () => actions.validate("all"));
  const chips = h("ul", { class: "unit-chips", attrs: { "aria-label": PANE.steps.unitsLabel } });
  const stepValidate = step(
    "validate",
    PANE.steps.validate,
    h("div", { class: "actions__row" }, validateAll, validateActive),
    hidden("hint-validate-sheet", UI.actions.validateSheetHint),
    hidden("hint-validate-all", UI.actions.validateAllHint),
    chips,
  );
  const stepCalculate = step("calculate", PANE.steps.calculate, h("div", { class: "actions__row" }, calculate), hidden("hint-calculate", UI.actions.calculateHint));
  const notat = button(UI.actions.notat, "hint-notat", "secondary", () => actions.notat());
  const stepNotat = step("notat", PANE.steps.notat, h("div", { class: "actions__row" }, notat), h("p", { class: "hint", attrs: { id: "hint-notat" } }, PANE.steps.notatHint));
  const steps: Record<Step, HTMLElement> = { files: stepFiles, validate: stepValidate, calculate: stepCalculate, notat: stepNotat };
  const hrView = h("div", { class: "steps" }, stepFiles, stepValidate, stepCalculate, stepNotat);

  // The outcome: progress, message bar, result, issues; placed under the step (or card) it belongs to.
  const progressText = h("span", { class: "progress__text", attrs: { id: "progress-text" } });
  const progressBar = fluentProgressBar("progress__bar");
  const progress = h("div", { class: "progress" }, progressBar, progressText);
  const notice = h("div", { class: "notice-region" });
  const result = h("section", { class: "section card result", attrs: { "aria-labelledby": "result-title" } });
  const again = (scope: IssuesView["scope"]): void => {
    if (store.state.busy !== null) return;
    if (scope.kind === "notat") return;
    void (scope.kind === "calculation" ? actions.calculate() : actions.validate(scope.kind === "all" ? "all" : "active"));
  };
  const issues = new IssuesList({ select: (i) => void actions.select(i), again, announce: (t) => actions.announce(t), check: (i, on) => actions.check(i, on) });
  const outcome = h("div", { class: "outcome", attrs: { "aria-busy": "false" } }, progress, notice, result, issues.element);
  let outcomeStep: Step = "validate";
  const placeOutcome = (mode: PaneMode): void => {
    const parent = mode === "department" ? clerkView : steps[outcomeStep];
    if (outcome.parentElement !== parent) parent.after(outcome);
  };

  // The footer: the view switch and the tools other modules add (»Selvtest«).
  const modeButton = (mode: PaneMode, text: string, tip: string): HTMLButtonElement => {
    const b = fluentButton("subtle", { "aria-pressed": "false", title: tip }, `mode__button mode__button--${mode}`, text);
    b.addEventListener("click", () => actions.setMode(mode));
    return b;
  };
  const modeDepartment = modeButton("department", PANE.mode.department, PANE.mode.switchToDepartment);
  const modeHr = modeButton("hr", PANE.mode.hr, PANE.mode.switchToHr);
  const modeHint = h("p", { class: "mode__hint hint" });
  const footerTools = h("div", { class: "footer__tools" });
  const footer = h(
    "footer",
    { class: "pane__footer", attrs: { "aria-label": PANE.footer.label } },
    h("div", { class: "mode" }, h("span", { class: "mode__label", attrs: { id: "mode-label" } }, PANE.mode.label), h("div", { class: "mode__buttons", attrs: { role: "group", "aria-labelledby": "mode-label" } }, modeDepartment, modeHr)),
    modeHint,
    footerTools,
  );

  const tools: ToolSection[] = [];
  const live = h("div", { class: "visually-hidden", attrs: { role: "status", "aria-live": "polite", "aria-atomic": "true" } });
  const mainColumn = h("div", { class: "pane__main" }, header, clerkView, hrView, outcome, footer);
  const pageArea = h("div", { class: "pane__page" });
  pageArea.hidden = true;
  replaceChildren(root, mainColumn, pageArea, live);

  const allButtons = (): HTMLButtonElement[] => [validateMine, calculate, validateActive, validateAll, template, notat, ...tools.flatMap((t) => t.buttons ?? []), ...issues.toolbarButtons];
  const primary = (): HTMLButtonElement => (store.state.mode === "department" ? validateMine : calculate);

  let liveSeq = 0;
  const say = (text: string): void => {
    // A trailing no-break space alternates, so the same sentence twice is still a change.
    live.textContent = text + (++liveSeq % 2 ? "" : "\u00a0");
  };
  let pending: string | null = null;

  const renderMode = (s: PaneState): void => {
    const mode = s.mode;
    root.dataset.mode = mode;
    modeDepartment.setAttribute("aria-pressed", String(mode === "department"));
    modeHr.setAttribute("aria-pressed", String(mode === "hr"));
    modeHint.textContent = mode === "department" ? PANE.mode.departmentHint : PANE.mode.hrHint;
    clerkView.hidden = mode !== "department";
    hrView.hidden = mode !== "hr";
    for (const t of tools) t.element.hidden = !t.modes.includes(mode);
    placeOutcome(mode);
  };

  const renderHeading = (s: PaneState): void => {
    title.textContent = s.mode === "department" ? PANE.heading.department : PANE.heading.hr(s.workbook?.year);
  };

  const renderVerdict = (s: PaneState): void => {
    const v = clerkVerdict(s.issues, s.checked);
    verdictCard.dataset.verdict = v.kind;
    const iconName = v.kind === "notReady" ? "error" : v.kind === "ready" ? "success" : v.kind === "toRead" ? "warning" : "info";
    replaceChildren(verdictIcon, icon(iconName));
    verdictTitle.textContent = v.title;
    verdictSub.textContent = v.sub ?? "";
    verdictSub.hidden = v.sub === null;
    verdictNext.textContent = v.next;
    const sheet = v.sheet ?? (s.workbook?.departmentSheets.length === 1 ? s.workbook.departmentSheets[0] : undefined);
    verdictSheet.textContent = sheet !== undefined ? [PANE.clerk.sheet(sheet), s.workbook?.year !== undefined ? String(s.workbook.year) : ""].filter(Boolean).join(" · ") : "";
    // Before the check the card names the sheet; after it, the list's group does (room for the first problem).
    verdictSheet.hidden = sheet === undefined || v.kind !== "notChecked";
  };

  const chipList = new UnitChipList(chips, delivered, (code) => issues.setUnit(code));
  const renderChips = (s: PaneState): void => chipList.render(s.workbook, s.issues);

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
      const at = s.busy ? STEP_OF[s.busy] : undefined;
      if (at && at !== outcomeStep) {
        outcomeStep = at;
        placeOutcome(s.mode);
      }
      // One announcement at the start of an operation (not for the silent start-up read).
      if (prev && s.busy && s.busy !== "overview") say(UI.busy[s.busy]);
    }
    if (!prev || s.mode !== prev.mode) renderMode(s);
    if (!prev || s.mode !== prev.mode || s.workbook !== prev.workbook) renderHeading(s);
    if (!prev || s.issues !== prev.issues || s.checked !== prev.checked || s.workbook !== prev.workbook) renderVerdict(s);
    if (!prev || s.issues !== prev.issues || s.workbook !== prev.workbook) renderChips(s);
    if (!prev || s.notice !== prev.notice) renderNotice(notice, s.notice, () => actions.dismissNotice());
    if (!prev || s.result !== prev.result) renderResult(result, s.result);
    if (!prev || s.issues !== prev.issues) {
      issues.render(s.issues);
      if (chipList.chosen !== null) issues.setUnit(chipList.chosen);
    }
    if (!prev || s.issues !== prev.issues || s.mode !== prev.mode || s.checked !== prev.checked) issues.setConfirmable(s.mode === "department", s.checked);
    if (!prev || s.templateYear !== prev.templateYear) {
      if (document.activeElement !== year) year.value = Number.isFinite(s.templateYear) ? String(s.templateYear) : "";
    }
    if (!prev || s.templateYearInvalid !== prev.templateYearInvalid) {
      yearError.hidden = !s.templateYearInvalid;
      if (s.templateYearInvalid) {
        year.setAttribute("aria-invalid", "true");
        year.setAttribute("aria-describedby", "template-year-error hint-template");
        if (prev) {
          templates.open = true;
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
      // The clerk's verdict card is at the top; HR's step (its button, the bar, the first problem) goes to the top.
      if (s.mode === "department") scrollIntoView(verdictCard);
      else {
        const at = steps[outcomeStep];
        if (typeof at.scrollIntoView === "function") at.scrollIntoView({ block: "start" });
        // A tall step (the collect section, many chips) must not push the bar out of view.
        scrollIntoView(notice.firstElementChild);
      }
      // Focus never drops to the page: if what had it was re-rendered away, the primary action gets it.
      const a = document.activeElement as HTMLElement | null;
      if (!a || a === document.body || !a.isConnected || a.closest("[hidden]")) primary().focus();
    }
  };
  // The page itself is never busy: only the outcome region is (the live region stays outside it).
  root.setAttribute("aria-busy", "false");
  render(store.state, null);
  const unsubscribe = store.subscribe(render);

  notice.addEventListener("click", (e) => {
    // After the message is closed, focus returns to the action that produced it.
    if ((e.target as Element).closest(".notice__dismiss")) (lastAction && !lastAction.hidden && lastAction.isConnected && !lastAction.closest("[hidden]") ? lastAction : primary()).focus();
  });

  return {
    destroy: unsubscribe,
    addTool(tool: ToolSection): void {
      tools.push(tool);
      const place = tool.place ?? "footer";
      (place === "files" ? filesSlot : place === "templates" ? templatesSlot : footerTools).appendChild(tool.element);
      setButtonsBusy(tool.buttons ?? [], store.state.busy !== null);
      renderMode(store.state);
    },
    openPage(pageTitle: string, content: HTMLElement) {
      const opener = document.activeElement as HTMLElement | null;
      const back = fluentButton("subtle", {}, "page__back", icon("chevron"), h("span", {}, PANE.page.back));
      // h1: with the main column hidden, the page's title is the document's only top heading (axe: page-has-heading-one).
      const heading = h("h1", { class: "page__title", attrs: { tabindex: -1 } }, pageTitle);
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
  renderNotice(region, { intent: "error", ...inBar(OFFICE_NOT_EXCEL) }, null);
  root.dataset.busy = "false";
  root.setAttribute("aria-busy", "false");
}
