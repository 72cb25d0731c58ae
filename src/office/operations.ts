/**
 * What the ribbon buttons and the task pane do, as plain async functions over an injected Excel.run.
 * Each operation reads in one batched round trip (two when the sheet list changed since the last
 * read), computes with the pure engine, and writes in one batch.
 *
 * This module lists them all (for the tests, the bench and the collect section); they live in three
 * modules so that the pane's start-up script holds only what its first screen needs:
 * - session.ts: the session, OperationError, `guarded` and the one read;
 * - check-operations.ts: the start-up overview, the validations (with their marks) and selecting a
 *   cell: in the start-up script;
 * - write-operations.ts: »Beregn status« and »Opret skabelon«, with the writer: a chunk the pane
 *   loads on the first click (src/taskpane/pane-operations.ts).
 * The pane's start-up path imports the first two directly, never this module's values.
 */
export { guarded, newSession, OperationError, read, readWorkbookGrid, type Session } from "./session";
export { overview, selectCell, validateActiveSheet, validateWorkbook, type Overview, type ValidationOutcome } from "./check-operations";
export { calculateStatus, createTemplate, type CalculationResult } from "./write-operations";
