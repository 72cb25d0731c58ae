/** The adapter takes `Excel.run` injected, so tests and the e2e page can hand it a strict test host. */
export type ExcelRun = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>, extras?: RunExtras) => Promise<T>;

/** What an operation asks of its run: `mergeUndoGroup` makes all its syncs one undo step (ExcelApi 1.20). */
export interface RunExtras {
  readonly mergeUndoGroup?: boolean;
}

/** Asks the host whether a requirement set is there; false outside Office. */
export type IsSetSupported = (name: string, version: string) => boolean;

export interface OfficeEnv {
  readonly run: ExcelRun;
  readonly isSetSupported: IsSetSupported;
}

/** `Excel.run(options, batch)`. */
export type ExcelRunWithOptions = <T>(options: { delayForCellEdit?: boolean; mergeUndoGroup?: boolean }, batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * The operations' environment over Office.js. Where ExcelApi 1.11 is there, every run waits until the
 * user has finished editing a cell (RunOptions.delayForCellEdit) instead of failing with
 * InvalidOperationInCellEditMode; below it, that error becomes a Danish message saying to press Enter.
 */
export function officeEnvOver(run: ExcelRunWithOptions, isSetSupported: IsSetSupported): OfficeEnv {
  const delayForCellEdit = isSetSupported("ExcelApi", "1.11");
  const mergeUndoGroup = isSetSupported("ExcelApi", "1.20");
  return {
    run: (batch, extras) => run({ ...(delayForCellEdit ? { delayForCellEdit } : {}), ...(extras?.mergeUndoGroup && mergeUndoGroup ? { mergeUndoGroup } : {}) }, batch),
    isSetSupported,
  };
}

/**
 * A range used only in the request being built: untracked, so Microsoft's client neither asks Excel to
 * keep a server reference to it (`_KeepReference`, bytes in every request) nor sends a cleanup request
 * (`_RemoveReference`) at the end of the run. A later request simply evaluates the range's path again.
 */
export function transient<T extends Excel.Range | Excel.RangeAreas>(range: T): T {
  range.untrack();
  return range;
}
