/**
 * What the pane concludes from a list of issues, with no DOM: the clerk's verdict card (»Klar til
 * HR«, »Ikke klar: 4 fejl i 3 celler«) and the state of each forvaltning's chip in HR's view
 * (✓, »3 fejl«, »mangler«). Marking a warning »Tallet er rigtigt« only changes what is left to read;
 * it never changes a figure and is never written to the workbook.
 */
import type { Issue } from "../core";
import { PANE } from "../messages/da";
import { checkedKey, type IssuesView, type WorkbookSummary } from "./store";

export type ClerkVerdictKind = "notChecked" | "notReady" | "toRead" | "ready";

export interface ClerkVerdict {
  readonly kind: ClerkVerdictKind;
  /** The card's title (»Klar til HR«). */
  readonly title: string;
  /** A second line: what is left to read, or nothing. */
  readonly sub: string | null;
  /** What to do now. */
  readonly next: string;
  /** The sheet the verdict is for, when there is one. */
  readonly sheet: string | null;
}

const errorsOf = (issues: readonly Issue[]): Issue[] => issues.filter((i) => i.severity === "error");

/** The clerk's verdict for the last check of their sheet (`issues` null: not checked yet). */
export function clerkVerdict(view: IssuesView | null, checked: ReadonlySet<string>): ClerkVerdict {
  if (!view || view.scope.kind !== "sheet") return { kind: "notChecked", title: PANE.clerk.notChecked, sub: null, next: PANE.clerk.notCheckedNext, sheet: null };
  const sheet = view.scope.sheet;
  const errors = errorsOf(view.issues);
  if (errors.length > 0) {
    const cells = new Set(errors.filter((e) => e.cell !== undefined).map((e) => e.cell)).size;
    return { kind: "notReady", title: PANE.clerk.notReady(errors.length, cells), sub: null, next: PANE.clerk.notReadyNext, sheet };
  }
  const unread = view.issues.filter((i) => i.severity === "warning" && !checked.has(checkedKey(i))).length;
  if (unread > 0) return { kind: "toRead", title: PANE.clerk.ready, sub: PANE.clerk.toRead(unread), next: PANE.clerk.toReadNext, sheet };
  return { kind: "ready", title: PANE.clerk.ready, sub: null, next: PANE.clerk.readyNext, sheet };
}

/** One sentence for the live region. */
export function verdictText(v: ClerkVerdict): string {
  return [v.title + (v.sub ? ` – ${v.sub}` : "") + ".", v.next].join(" ");
}

export type UnitChipState = "valid" | "issues" | "missing" | "empty" | "notChecked";

export interface UnitChip {
  readonly code: string;
  readonly name: string;
  readonly state: UnitChipState;
  readonly errors: number;
  readonly warnings: number;
  /** The chip's visible state text (»gyldig«, »3 fejl«, »mangler«). */
  readonly text: string;
}

/**
 * One chip per forvaltning on Måltal (or with a sheet): delivered or not (an empty template is not
 * delivered), and, after »Valider alle« or »Beregn status«, valid or how many problems. A valid
 * forvaltning is shown as valid, never left out.
 */
export function unitChips(workbook: WorkbookSummary | null, view: IssuesView | null): UnitChip[] {
  if (!workbook) return [];
  const checkedAll = view !== null && view.scope.kind !== "sheet";
  const issuesOf = (code: string): Issue[] => (checkedAll ? view.issues.filter((i) => i.unit === code || (i.unit === undefined && i.sheet === code)) : []);
  const chip = (u: { code: string; name: string }, state: UnitChipState, errors = 0, warnings = 0): UnitChip => {
    const text =
      state === "valid"
        ? PANE.steps.chipValid
        : state === "issues"
          ? PANE.steps.chipIssues(errors, warnings)
          : state === "missing"
            ? PANE.steps.chipMissing
            : state === "empty"
              ? PANE.steps.chipEmpty
              : PANE.steps.chipNotChecked;
    return { code: u.code, name: u.name, state, errors, warnings, text };
  };
  const empty = new Set(workbook.empty.map((u) => u.code));
  const delivered = workbook.units.map((u) => {
    if (empty.has(u.code)) return chip(u, "empty");
    if (!checkedAll) return chip(u, "notChecked");
    const list = issuesOf(u.code);
    const errors = list.filter((i) => i.severity === "error").length;
    const warnings = list.length - errors;
    return list.length === 0 ? chip(u, "valid") : chip(u, "issues", errors, warnings);
  });
  return [...delivered, ...workbook.missing.map((u) => chip(u, "missing"))];
}
