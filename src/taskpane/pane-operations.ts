/**
 * The operations as the pane's controller calls them (controller.ts, `Operations`). The start-up
 * overview, the validations and selecting a cell are in the pane's start-up script; »Beregn status«
 * and »Opret skabelon«, with the writer and the engine's calculation and layouts, are a chunk
 * (`status-writer`) fetched from the add-in's own origin on the first click of either
 * (docs/dev/performance.md, »Task pane start-up«).
 *
 * The chunk is loaded inside the operation, so the click is queued, shows its busy state while the
 * chunk loads, and runs once. A failed load (the add-in's server out of reach) is an
 * OperationError with a Danish message: nothing was read or changed, and the next click tries
 * again (webpack forgets a chunk that failed to load).
 */
import { UI } from "../messages/da";
import { overview, selectCell, validateActiveSheet, validateWorkbook } from "../office/check-operations";
import { OperationError } from "../office/session";
import type * as operations from "../office/operations";
import type * as writes from "../office/write-operations";

/** The operations the controller calls; tests may swap them. */
export type Operations = Pick<typeof operations, "overview" | "validateWorkbook" | "validateActiveSheet" | "calculateStatus" | "createTemplate" | "selectCell">;

/** The writer's chunk: what write-operations.ts exports. */
export type WriteOperations = Pick<typeof writes, "calculateStatus" | "createTemplate">;

/** The code `OperationError` carries for a chunk that did not load (for developers; never shown). */
export const PART_NOT_LOADED = "PartNotLoaded";

/** Loads a part of the pane (a dynamic import); a failure becomes an OperationError with UI.notice.partNotLoaded. */
export async function loadPart<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    throw new OperationError(UI.notice.partNotLoaded, PART_NOT_LOADED, e);
  }
}

const loadWriter = (): Promise<WriteOperations> => import(/* webpackChunkName: "status-writer" */ "../office/write-operations");

/** `load`: how the writer's chunk is fetched (tests pass one that fails or waits). */
export function paneOperations(load: () => Promise<WriteOperations> = loadWriter): Operations {
  const writer = (): Promise<WriteOperations> => loadPart(load);
  return {
    overview,
    validateWorkbook,
    validateActiveSheet,
    selectCell,
    calculateStatus: async (env, session) => (await writer()).calculateStatus(env, session),
    createTemplate: async (env, session, year) => (await writer()).createTemplate(env, session, year),
  };
}
