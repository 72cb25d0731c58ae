/**
 * The pane's state for collecting the forvaltninger's files and making one forvaltning's template:
 * a slice of its own (issue 12), beside the pane's main store (store.ts). No DOM and no Office.js.
 */
import type { CollectPlan, UnreadableFile } from "../core";
import type { CollectResult, PickedFile } from "../office/collect";
import type { Notice } from "./store";

export type CollectBusy = "reading" | "inserting" | "template";

export interface CollectState {
  readonly busy: CollectBusy | null;
  /** The files read so far (the last pick replaces them). */
  readonly files: readonly PickedFile[];
  /** Picked files that could not be read, with the reason (rows in the overview). */
  readonly unreadable: readonly UnreadableFile[];
  /** The delivery overview against the workbook as it was read last. */
  readonly plan: CollectPlan | null;
  /** The analyst's choice per forvaltning code that already has a sheet. */
  readonly choices: Readonly<Record<string, "replace" | "skip">>;
  /** What the last »Indsæt arkene« did. */
  readonly result: CollectResult | null;
  readonly notice: Notice | null;
  /** A mail text the clipboard refused: shown to copy by hand. */
  readonly manualCopy: { readonly code: string; readonly text: string } | null;
  /** The forvaltning chosen for «Opret skabelon for én forvaltning». */
  readonly templateCode: string;
  /**
   * »Indsæt arkene« was clicked with these choices still open: said beside the button, and focus
   * goes to the first of them. A new array on every such click, so the view acts on each one.
   */
  readonly blocked: readonly string[] | null;
}

export function initialCollectState(templateCode: string): CollectState {
  return { busy: null, files: [], unreadable: [], plan: null, choices: {}, result: null, notice: null, manualCopy: null, templateCode, blocked: null };
}

export type CollectListener = (state: CollectState, previous: CollectState) => void;

/** The same minimal observable store as the pane's: `update` merges and notifies synchronously. */
export class CollectStore {
  private current: CollectState;
  private readonly listeners = new Set<CollectListener>();

  constructor(initial: CollectState) {
    this.current = initial;
  }

  get state(): CollectState {
    return this.current;
  }

  update(patch: Partial<CollectState>): void {
    const previous = this.current;
    this.current = { ...previous, ...patch };
    for (const l of [...this.listeners]) l(this.current, previous);
  }

  subscribe(listener: CollectListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
