/**
 * The issues list: grouped by sheet, each entry with severity, cell and the Danish message.
 * An entry with a cell is a real button: click, Enter or Space selects the cell in Excel.
 */
import type { Issue } from "../core/issues";
import { issueLocation, issueMessage, SEVERITY_NAMES, UI } from "../messages/da";
import { h, replaceChildren } from "./dom";
import { icon } from "./icons";
import type { IssuesView } from "./store";

/** Issues by sheet, in the order the sheets first appear. */
export function groupBySheet(issues: readonly Issue[]): Map<string, Issue[]> {
  const groups = new Map<string, Issue[]>();
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
      return UI.issues.scopeCalculation;
  }
}

const count = (issues: readonly Issue[], s: Issue["severity"]): number => issues.filter((i) => i.severity === s).length;

function entry(issue: Issue, onSelect: (issue: Issue) => void): HTMLLIElement {
  const body = [
    h("span", { class: "issue__icon" }, icon(issue.severity)),
    h(
      "span",
      { class: "issue__body" },
      h("span", { class: "issue__meta" }, h("span", { class: "issue__severity" }, SEVERITY_NAMES[issue.severity]), h("span", { class: "issue__cell" }, issue.cell ?? UI.issues.wholeSheet)),
      h("span", { class: "issue__text" }, issueMessage(issue)),
    ),
  ];
  if (!issue.cell) return h("li", { class: `issue issue--${issue.severity}` }, ...body);
  const button = h("button", { class: `issue issue--${issue.severity} issue--link`, attrs: { type: "button", title: UI.issues.goTo(issueLocation(issue)) } }, ...body);
  button.addEventListener("click", () => onSelect(issue));
  // Enter and Space are handled here (and their default click suppressed) so activation is the
  // same everywhere, including hosts whose webview does not turn keys into clicks.
  button.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    e.preventDefault();
    onSelect(issue);
  });
  button.addEventListener("keyup", (e) => {
    if (e.key === " ") e.preventDefault();
  });
  return h("li", { class: "issue-item" }, button);
}

/** Renders the list into `container` (its children are replaced). */
export function renderIssues(container: HTMLElement, view: IssuesView | null, onSelect: (issue: Issue) => void): void {
  if (!view) {
    container.hidden = true;
    replaceChildren(container);
    return;
  }
  container.hidden = false;
  const errors = count(view.issues, "error");
  const warnings = count(view.issues, "warning");
  const header = h(
    "div",
    { class: "section__header" },
    h("h2", { class: "section__title", attrs: { id: "issues-title" } }, UI.issues.heading),
    h("span", { class: "section__meta" }, scopeText(view)),
  );
  if (view.issues.length === 0) {
    const none = view.scope.kind === "sheet" ? UI.notice.validateSheetOk(view.scope.sheet) : UI.issues.none;
    replaceChildren(container, header, h("p", { class: "issues__none" }, icon("success"), h("span", {}, none)));
    return;
  }
  const summary = h("p", { class: "issues__summary" }, `${UI.issues.summary(errors, warnings)} ${view.issues.some((i) => i.cell) ? UI.issues.hint : ""}`.trim());
  const groups = [...groupBySheet(view.issues)].map(([sheet, list], n) => {
    const id = `issues-sheet-${n}`;
    const e = count(list, "error");
    const w = count(list, "warning");
    return h(
      "section",
      { class: "issue-group", attrs: { "aria-labelledby": id } },
      h("h3", { class: "issue-group__title", attrs: { id } }, h("span", { class: "issue-group__sheet" }, sheet), h("span", { class: `issue-group__count ${e > 0 ? "has-errors" : "has-warnings"}` }, UI.issues.count(e, w))),
      h("ul", { class: "issue-group__list" }, ...list.map((i) => entry(i, onSelect))),
    );
  });
  replaceChildren(container, header, summary, ...groups);
}
