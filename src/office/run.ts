import { officeErrorCode } from "./errors";
/** The adapter takes `Excel.run` injected, so tests and the e2e page can hand it a strict test host. */
export type ExcelRun = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>, extras?: RunExtras) => Promise<T>;

/**
 * What an operation asks of its run: `mergeUndoGroup` makes all its syncs one undo step (ExcelApi 1.20).
 *
 * The rule for merged groups (issue 17, defect 2): a run that asks for one must never contain a call
 * Microsoft lists as not undoable on the platform at hand ("Undo capabilities",
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities: e.g.
 * `Workbook.insertWorksheetsFromBase64` and `Worksheet.delete` everywhere, `Worksheet.name`,
 * `position` and `visibility` on Windows and Mac), because "if an API within the group doesn't offer
 * undo support, the UndoNotSupported error is thrown". Where Excel throws it anyway (office-js#6491,
 * #6711 report merged runs failing), the run is tried once more without merging, provided none of
 * its requests had been applied, and `onUnmerged` is told, so the operation can say that Ctrl+Z will
 * not undo it in one step (UI.notice.undoMany).
 */
export interface RunExtras {
  readonly mergeUndoGroup?: boolean;
  /** Called when Excel refused the merged undo group and the run went through without it. */
  readonly onUnmerged?: () => void;
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
  const plain = delayForCellEdit ? { delayForCellEdit } : {};
  return {
    run: async (batch, extras) => {
      if (!(extras?.mergeUndoGroup && mergeUndoGroup)) return run(plain, batch);
      let applied = 0;
      try {
        return await run({ ...plain, mergeUndoGroup }, (ctx) => batch(countingSyncs(ctx, () => applied++)));
      } catch (e) {
        // Only a run none of whose requests went through is tried again: nothing is done twice.
        if (officeErrorCode(e) !== "UndoNotSupported" || applied > 0) throw e;
        extras.onUnmerged?.();
        return run(plain, batch);
      }
    },
    isSetSupported,
  };
}

/** The batch's context, counting the syncs that went through (the executor and the double both answer each). */
function countingSyncs(ctx: Excel.RequestContext, synced: () => void): Excel.RequestContext {
  return new Proxy(ctx, {
    get(target, prop) {
      if (prop === "sync") {
        return async <T>(passThrough?: T) => {
          const r = await target.sync(passThrough);
          synced();
          return r;
        };
      }
      return Reflect.get(target, prop, target) as unknown;
    },
  });
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
