/**
 * The issues list: grouped by sheet, each entry with severity, what the cell is (»Løntilskud,
 * status (B5)«) and the Danish message. An entry with a cell is a real button: click, Enter or
 * Space selects the cell in Excel, and the entry stays marked as chosen.
 *
 * Long lists stay short and quick to move through:
 * - each sheet is a group whose heading is a disclosure button (collapsed by default when the
 *   list is long, except the first group); a group shows at most GROUP_LIMIT entries until asked;
 * - inside a group the entries are one tab stop (roving tabindex: arrow keys, Home, End);
 * - a filter shows errors or warnings only; »Næste problem« chooses the next entry with a cell;
 *   »Valider igen« (or »Beregn igen«) repeats the action the list came from.
 * The groups are plain containers with headings, not landmarks.
 */
import type { Issue } from "../core";
import { issueLabel, issueLocation, issueMessage, PANE, SEVERITY_NAMES, UI } from "../messages/da";
import { h, replaceChildren } from "./dom";
import { fluentButton } from "./fluent";
import { icon } from "./icons";
import { checkedKey, type IssuesView } from "./store";

/** Entries a group shows before »Vis N linjer mere«. */
export const GROUP_LIMIT = 20;
/** Lists with more entries than this open collapsed, except their first group. */
export const COLLAPSE_ABOVE = 12;

export type IssueFilter = "all" | "error" | "warning";

/** Issues by sheet, in the order the sheets first appear. */
export function groupBySheet<T extends Pick<Issue, "sheet">>(issues: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const i of issues) {
    const list = groups.get(i.sheet);
    if (list) list.push(i);
    else groups.set(i.sheet, [i]);
  }
  return groups;
}

function scopeText(view: IssuesView): string {
  switch (view.scope.kind) {
    case "sheet":
      return UI.issues.scopeSheet(view.scope.sheet);
    case "all":
      return UI.issues.scopeAll;
    case "calculation":
    case "notat":
      return UI.issues.scopeCalculation;
  }
}

const count = (issues: readonly Issue[], s: Issue["severity"]): number => issues.filter((i) => i.severity === s).length;

export interface IssuesListActions {
  select(issue: Issue): void;
  /** Repeats the action the list came from (»Valider igen«, »Beregn igen«). */
  again(scope: IssuesView["scope"]): void;
  /** Says something through the pane's one live region. */
  announce(text: string): void;
  /** »Tallet er rigtigt« on a warning (the clerk's view only; see setConfirmable). */
  check?(issue: Issue, on: boolean): void;
}

interface Entry {
  readonly issue: Issue;
  /** Position in the view's list: the entry's identity while the list is shown. */
  readonly index: number;
}

export class IssuesList {
  readonly element: HTMLElement;
  private readonly meta = h("span", { class: "section__meta" });
  private readonly summary = h("p", { class: "issues__summary" });
  private readonly filterButtons: Record<IssueFilter, HTMLButtonElement>;
  private readonly filterGroup: HTMLElement;
  private readonly nextButton: HTMLButtonElement;
  private readonly againButton: HTMLButtonElement;
  private readonly againLabel = h("span", {});
  private readonly groupsBox = h("div", { class: "issue-groups" });
  private view: IssuesView | null = null;
  private filter: IssueFilter = "all";
  private selected: number | null = null;
  private readonly collapsed = new Set<string>();
  private readonly unlimited = new Set<string>();
  /** A forvaltning chosen by its chip: only its entries are shown. */
  private unit: string | null = null;
  /** Warnings get »Tallet er rigtigt« (the clerk's view), with these already marked. */
  private confirmable = false;
  private checked: ReadonlySet<string> = new Set();

  constructor(private readonly actions: IssuesListActions) {
    const filterButton = (f: IssueFilter): HTMLButtonElement => {
      const b = fluentButton("subtle", { "aria-pressed": f === "all" ? "true" : "false" }, "issues__filter");
      b.addEventListener("click", () => this.setFilter(f));
      return b;
    };
    this.filterButtons = { all: filterButton("all"), error: filterButton("error"), warning: filterButton("warning") };
    this.filterGroup = h("div", { class: "issues__filters", attrs: { role: "group", "aria-label": PANE.issues.filterLabel } }, this.filterButtons.all, this.filterButtons.error, this.filterButtons.warning);
    this.nextButton = fluentButton("secondary", {}, "issues__next", icon("arrowDown"), h("span", {}, PANE.actions.nextProblem));
    this.nextButton.addEventListener("click", () => this.next());
    this.againButton = fluentButton("secondary", {}, "issues__again", icon("refresh"), this.againLabel);
    this.againButton.addEventListener("click", () => {
      if (this.view) this.actions.again(this.view.scope);
    });
    this.element = h(
      "section",
      { class: "section issues", attrs: { "aria-labelledby": "issues-title" } },
      h("div", { class: "section__header" }, h("h2", { class: "section__title", attrs: { id: "issues-title" } }, UI.issues.heading), this.meta),
      this.summary,
      h("div", { class: "issues__toolbar", attrs: { "aria-label": PANE.issues.toolbar, role: "group" } }, this.filterGroup, h("div", { class: "issues__buttons" }, this.nextButton, this.againButton)),
      this.groupsBox,
    );
    this.element.hidden = true;
  }

  /** The buttons of the list's toolbar (the view disables them while work runs). */
  get toolbarButtons(): HTMLButtonElement[] {
    return [this.nextButton, this.againButton];
  }

  /** Shows a new list (or hides the section for none: an empty list is said by the verdict). */
  render(view: IssuesView | null): void {
    this.view = view;
    this.selected = null;
    this.filter = "all";
    this.unit = null;
    this.collapsed.clear();
    this.unlimited.clear();
    if (!view || view.issues.length === 0) {
      this.element.hidden = true;
      replaceChildren(this.groupsBox);
      return;
    }
    this.element.hidden = false;
    const errors = count(view.issues, "error");
    const warnings = count(view.issues, "warning");
    this.meta.textContent = scopeText(view);
    // The count is said once, by the verdict above the list; the list says how to use it.
    this.summary.textContent = view.issues.some((i) => i.cell) ? UI.issues.hint : "";
    this.summary.hidden = this.summary.textContent === "";
    this.filterButtons.all.textContent = PANE.issues.filterAll(view.issues.length);
    this.filterButtons.error.textContent = PANE.issues.filterErrors(errors);
    this.filterButtons.warning.textContent = PANE.issues.filterWarnings(warnings);
    // Nothing to filter when every entry has the same severity.
    this.filterGroup.hidden = errors === 0 || warnings === 0;
    this.nextButton.hidden = !view.issues.some((i) => i.cell);
    this.againLabel.textContent = view.scope.kind === "calculation" ? PANE.actions.recalculate : PANE.actions.revalidate;
    // After the notat the work is done: no »Beregn igen« offered beside it.
    this.againButton.hidden = view.scope.kind === "notat";
    if (view.issues.length > COLLAPSE_ABOVE) {
      [...groupBySheet(view.issues).keys()].slice(1).forEach((sheet) => this.collapsed.add(sheet));
    }
    this.renderGroups();
  }

  private entries(): Entry[] {
    const all = (this.view?.issues ?? []).map((issue, index) => ({ issue, index }));
    const ofUnit = this.unit === null ? all : all.filter((e) => e.issue.unit === this.unit || (e.issue.unit === undefined && e.issue.sheet === this.unit));
    return this.filter === "all" ? ofUnit : ofUnit.filter((e) => e.issue.severity === this.filter);
  }

  /** Shows only the entries of one forvaltning (its chip), or all (null). */
  setUnit(code: string | null): void {
    this.unit = code;
    this.collapsed.clear();
    if (this.view) this.renderGroups();
  }

  /** The clerk's view: warnings can be marked »Tallet er rigtigt«. */
  setConfirmable(on: boolean, checked: ReadonlySet<string>): void {
    const changed = on !== this.confirmable;
    this.confirmable = on;
    this.checked = checked;
    if (!this.view) return;
    if (changed) this.renderGroups();
    else this.renderChecked();
  }

  /** Updates the pressed state of the »Tallet er rigtigt« buttons in place (focus stays). */
  private renderChecked(): void {
    for (const b of this.groupsBox.querySelectorAll<HTMLElement>("button.issue__confirm")) {
      const issue = this.view?.issues[Number(b.dataset.index)];
      const on = issue ? this.checked.has(checkedKey(issue)) : false;
      b.setAttribute("aria-pressed", String(on));
      b.closest(".issue-item")?.classList.toggle("is-checked", on);
    }
  }

  private setFilter(f: IssueFilter): void {
    this.filter = f;
    for (const [k, b] of Object.entries(this.filterButtons)) b.setAttribute("aria-pressed", String(k === f));
    this.renderGroups();
  }

  private renderGroups(): void {
    const entries = this.entries();
    if (entries.length === 0) {
      replaceChildren(this.groupsBox, h("p", { class: "issues__none" }, PANE.issues.noneInFilter));
      return;
    }
    const groups = [...groupBySheet(entries.map((e) => ({ ...e, sheet: e.issue.sheet })))].map(([sheet, list], n) => this.group(sheet, list, n));
    replaceChildren(this.groupsBox, ...groups);
  }

  private group(sheet: string, list: readonly Entry[], n: number): HTMLElement {
    const listId = `issues-group-${n}`;
    const open = !this.collapsed.has(sheet);
    const e = list.filter((x) => x.issue.severity === "error").length;
    const w = list.length - e;
    const toggle = h(
      "button",
      { class: "issue-group__toggle", attrs: { type: "button", "aria-expanded": String(open), "aria-controls": listId } },
      icon("chevron"),
      h("span", { class: "issue-group__sheet", attrs: { "data-sheet": sheet } }, sheet),
      // Read aloud as »Måltal, 1 advarsel«, not »Måltal1 advarsel« (issue 21).
      h("span", { class: "visually-hidden" }, ", "),
      h("span", { class: `issue-group__count ${e > 0 ? "has-errors" : "has-warnings"}` }, UI.issues.count(e, w)),
    );
    const limited = !this.unlimited.has(sheet) && list.length > GROUP_LIMIT;
    const shown = limited ? list.slice(0, GROUP_LIMIT) : list;
    const ul = h("ul", { class: "issue-group__list", attrs: { id: listId } }, ...shown.map((x) => this.entry(x)));
    if (limited) {
      const more = fluentButton("subtle", {}, "issue-group__more", PANE.issues.more(list.length - GROUP_LIMIT));
      more.addEventListener("click", () => {
        this.unlimited.add(sheet);
        const focusIndex = list[GROUP_LIMIT]?.index;
        this.renderGroups();
        if (focusIndex !== undefined) this.focusEntry(focusIndex);
      });
      ul.appendChild(h("li", { class: "issue-item issue-item--more" }, more));
    }
    ul.hidden = !open;
    toggle.addEventListener("click", () => {
      const nowOpen = ul.hidden;
      ul.hidden = !nowOpen;
      toggle.setAttribute("aria-expanded", String(nowOpen));
      if (nowOpen) this.collapsed.delete(sheet);
      else this.collapsed.add(sheet);
    });
    ul.addEventListener("keydown", (ev) => this.rove(ul, ev));
    this.resetRoving(ul);
    return h("div", { class: "issue-group" }, h("h3", { class: "issue-group__title" }, toggle), ul);
  }

  private entry({ issue, index }: Entry): HTMLLIElement {
    const where = issueLabel(issue) ?? UI.issues.wholeSheet;
    const body = [
      h("span", { class: "issue__icon" }, icon(issue.severity)),
      h(
        "span",
        { class: "issue__body" },
        h("span", { class: "issue__meta" }, h("span", { class: "issue__severity" }, SEVERITY_NAMES[issue.severity]), h("span", { class: "issue__cell", attrs: { "data-cell": issue.cell ?? "" } }, where)),
        h("span", { class: "issue__text" }, issueMessage(issue)),
      ),
    ];
    const confirm = this.confirmButton(issue, index);
    const checked = confirm?.getAttribute("aria-pressed") === "true";
    const itemClass = `issue-item${checked ? " is-checked" : ""}`;
    if (!issue.cell) return h("li", { class: itemClass }, h("div", { class: `issue issue--${issue.severity}` }, ...body), confirm);
    const selected = this.selected === index;
    const button = h(
      "button",
      {
        class: `issue issue--${issue.severity} issue--link${selected ? " is-selected" : ""}`,
        attrs: { type: "button", title: UI.issues.goTo(issueLocation(issue)), "data-index": index, tabindex: -1, "aria-current": selected ? "true" : undefined },
      },
      ...body,
      h("span", { class: "issue__go" }, icon("chevron")),
    );
    button.addEventListener("click", () => this.choose(index));
    // Enter and Space are handled here (and their default click suppressed) so activation is the
    // same everywhere, including hosts whose webview does not turn keys into clicks.
    button.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
      this.choose(index);
    });
    button.addEventListener("keyup", (e) => {
      if (e.key === " ") e.preventDefault();
    });
    return h("li", { class: itemClass }, button, confirm);
  }

  /** »Tallet er rigtigt« for a warning in the clerk's view (a toggle, aria-pressed). */
  private confirmButton(issue: Issue, index: number): HTMLButtonElement | null {
    if (!this.confirmable || issue.severity !== "warning" || !this.actions.check) return null;
    const on = this.checked.has(checkedKey(issue));
    const b = fluentButton("secondary", { "aria-pressed": String(on), "data-index": index, "aria-describedby": "hint-confirm" }, "issue__confirm", icon("check"), h("span", {}, PANE.clerk.confirm));
    b.addEventListener("click", () => this.actions.check?.(issue, b.getAttribute("aria-pressed") !== "true"));
    return b;
  }

  /** Marks the entry as chosen and selects its cell in Excel. */
  private choose(index: number): void {
    const issue = this.view?.issues[index];
    if (!issue) return;
    this.mark(index);
    this.actions.select(issue);
  }

  private mark(index: number): void {
    this.selected = index;
    for (const b of this.groupsBox.querySelectorAll<HTMLElement>("button.issue")) {
      const on = b.dataset.index === String(index);
      b.classList.toggle("is-selected", on);
      if (on) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    }
    for (const ul of this.groupsBox.querySelectorAll<HTMLElement>("ul.issue-group__list")) this.resetRoving(ul);
  }

  /** »Næste problem«: the next entry with a cell after the chosen one (from the top after the last). */
  private next(): void {
    // In the order shown: sheet by sheet.
    const shown = [...groupBySheet(this.entries().map((e) => ({ ...e, sheet: e.issue.sheet })))].flatMap(([, list]) => list);
    const withCell = shown.filter((e) => e.issue.cell !== undefined);
    if (withCell.length === 0) {
      this.actions.announce(PANE.issues.noNext);
      return;
    }
    const at = withCell.findIndex((e) => e.index === this.selected);
    const target = withCell[(at + 1) % withCell.length] as Entry;
    const sheet = target.issue.sheet;
    const entriesOfSheet = this.entries().filter((e) => e.issue.sheet === sheet);
    const needRender = this.collapsed.has(sheet) || (!this.unlimited.has(sheet) && entriesOfSheet.findIndex((e) => e.index === target.index) >= GROUP_LIMIT);
    this.collapsed.delete(sheet);
    if (needRender) this.unlimited.add(sheet);
    this.selected = target.index;
    if (needRender) this.renderGroups();
    this.mark(target.index);
    const b = this.buttonOf(target.index);
    // Scrolled to, not focused: focus stays on »Næste problem«, so it can be pressed again.
    if (b && typeof b.scrollIntoView === "function") b.scrollIntoView({ block: "nearest" });
    this.actions.select(target.issue);
  }

  private buttonOf(index: number): HTMLElement | null {
    return this.groupsBox.querySelector<HTMLElement>(`button.issue[data-index="${index}"]`);
  }

  private focusEntry(index: number): void {
    const b = this.buttonOf(index);
    if (!b) return;
    const ul = b.closest("ul");
    if (ul) for (const other of ul.querySelectorAll<HTMLElement>("button.issue")) other.tabIndex = other === b ? 0 : -1;
    b.focus();
  }

  /** One tab stop per group: the chosen entry, else the first. */
  private resetRoving(ul: HTMLElement): void {
    const items = [...ul.querySelectorAll<HTMLElement>("button.issue")];
    const current = items.find((b) => b.classList.contains("is-selected")) ?? items[0];
    for (const b of items) b.tabIndex = b === current ? 0 : -1;
  }

  private rove(ul: HTMLElement, e: KeyboardEvent): void {
    const items = [...ul.querySelectorAll<HTMLElement>("button.issue")];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    const to = e.key === "ArrowDown" ? Math.min(at + 1, items.length - 1) : e.key === "ArrowUp" ? Math.max(at - 1, 0) : e.key === "Home" ? 0 : e.key === "End" ? items.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    for (const b of items) b.tabIndex = -1;
    const target = items[to] as HTMLElement;
    target.tabIndex = 0;
    target.focus();
  }
}
