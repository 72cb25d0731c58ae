/**
 * The pane's state, shared by the task pane and the ribbon commands (one runtime). The controller
 * writes it; the view subscribes and re-renders what changed. No DOM and no Office.js here.
 */
import type { Issue, UnitResult, Rulebook } from "../core";

/** The work in progress, if any; one at a time. */
export type BusyKind = "overview" | "validateActive" | "validateAll" | "calculate" | "template" | "notat";

export type NoticeIntent = "success" | "warning" | "error" | "info";

/**
 * A bar keeps to two lines at 320 px (issue 21): its first sentence goes in the bar, the rest in the
 * detail below it (before any detail it already has).
 */
export function inBar(text: string, detail?: string): { text: string; detail?: string } {
  const m = /^(.+?[.!?])\s+(\S[\s\S]*)$/.exec(text);
  const rest = [m ? m[2] : undefined, detail].filter(Boolean).join(" ");
  return { text: m ? (m[1] as string) : text, ...(rest ? { detail: rest } : {}) };
}

/** A message bar: the outcome of the last action, or why it failed. */
export interface Notice {
  readonly intent: NoticeIntent;
  /** A short bold lead, for failures. */
  readonly title?: string;
  readonly text: string;
  /** What to do now, on its own line (»Arket er klar. Gem det, og send det til HR.«). */
  readonly next?: string;
  /** More to read, shown below the bar (the bar itself stays at most two lines). */
  readonly detail?: string;
  /** The bar's action, as a button in the bar (»Vis arket«). */
  readonly action?: { readonly label: string; run(): void };
}

/**
 * Who the pane is set up for: a forvaltning's clerk checking their own sheet ("department"), or HR
 * computing the status ("hr"). Chosen from the workbook (suggestMode); either user can switch.
 */
export type PaneMode = "department" | "hr";

/** What the pane says about the workbook (from the last read). */
export interface WorkbookSummary {
  readonly year?: number;
  readonly maaltal: boolean;
  readonly previous: boolean;
  readonly units: readonly { readonly code: string; readonly name: string }[];
  readonly missing: readonly { readonly code: string; readonly name: string }[];
  /** Of `units`: sheets with no figure at all (an empty template is not a delivery). */
  readonly empty: readonly { readonly code: string; readonly name: string }[];
  readonly unknownSheets: readonly string[];
  /** The department sheets (their names), for »go to your own sheet«. */
  readonly departmentSheets: readonly string[];
}

/** The issues list and what it covers. */
export interface IssuesView {
  readonly scope: { readonly kind: "sheet"; readonly sheet: string } | { readonly kind: "all" } | { readonly kind: "calculation" } | { readonly kind: "notat" };
  readonly issues: readonly Issue[];
}

/** The short result after a calculation. */
export interface ResultView {
  readonly year: number;
  readonly sheet: string;
  readonly kk: UnitResult;
  readonly units: readonly UnitResult[];
  /** The rulebook the year was counted by: the names and units of its targets (issue 22). */
  readonly rulebook?: Rulebook;
}

export interface PaneState {
  readonly busy: BusyKind | null;
  readonly workbook: WorkbookSummary | null;
  readonly notice: Notice | null;
  readonly issues: IssuesView | null;
  readonly result: ResultView | null;
  /** Text for the aria-live region; `seq` changes on every announcement, so a repeated text is read again. */
  readonly announcement: { readonly text: string; readonly seq: number };
  readonly templateYear: number;
  /** The year field holds something »Opret skabelon« refuses (shown inline, aria-invalid). */
  readonly templateYearInvalid: boolean;
  readonly mode: PaneMode;
  /** True once the user picked the mode: a later read of the workbook no longer changes it. */
  readonly modeChosen: boolean;
  /** True after the first action: the workbook card folds to one line. */
  readonly acted: boolean;
  /**
   * The warnings the clerk marked »Tallet er rigtigt« (keys from checkedKey): the pane's memory for
   * this session only, never written to the workbook, and never a change to a figure.
   */
  readonly checked: ReadonlySet<string>;
}

/**
 * A warning's identity for »Tallet er rigtigt«: sheet, cell, code and its parameters (which hold
 * the figure), so a changed figure is a new warning that must be read again.
 */
export function checkedKey(issue: Pick<Issue, "sheet" | "cell" | "code" | "params">): string {
  return JSON.stringify([issue.sheet, issue.cell ?? "", issue.code, issue.params]);
}

export function initialState(templateYear: number): PaneState {
  return {
    busy: null,
    workbook: null,
    notice: null,
    issues: null,
    result: null,
    announcement: { text: "", seq: 0 },
    templateYear,
    templateYearInvalid: false,
    mode: "hr",
    modeChosen: false,
    acted: false,
    checked: new Set(),
  };
}

export type Listener = (state: PaneState, previous: PaneState) => void;

/** A minimal observable store: `update` merges a patch and notifies the subscribers synchronously. */
export class Store {
  private current: PaneState;
  private readonly listeners = new Set<Listener>();

  constructor(initial: PaneState) {
    this.current = initial;
  }

  get state(): PaneState {
    return this.current;
  }

  update(patch: Partial<PaneState>): void {
    const previous = this.current;
    this.current = { ...previous, ...patch };
    for (const l of [...this.listeners]) l(this.current, previous);
  }

  /**
   * Sets the notice and announces it (title, text, next step and the detail below the bar, which
   * holds the rest of a long message) in the same update.
   */
  notify(notice: Notice | null, patch: Partial<PaneState> = {}): void {
    const announcement = notice ? this.next([notice.title, notice.text, notice.next, notice.detail].filter(Boolean).join(" ")) : this.current.announcement;
    this.update({ ...patch, notice, announcement });
  }

  /** Announces `text` without changing the notice (an inline error). */
  announce(text: string, patch: Partial<PaneState> = {}): void {
    this.update({ ...patch, announcement: this.next(text) });
  }

  private next(text: string): PaneState["announcement"] {
    return { text, seq: this.current.announcement.seq + 1 };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
