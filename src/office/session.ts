/**
 * What every workbook operation shares (src/office/operations.ts lists them): the session kept
 * between clicks, the error type the pane shows, and the one batched read. Kept apart from the
 * operations so the pane's start-up script (check-operations.ts) and the writer's chunk
 * (write-operations.ts) both build on it without one pulling in the other (docs/dev/performance.md,
 * »Task pane start-up«).
 */
import type { WorkbookGrid } from "../core";
import type { OfficeOperation } from "../messages/da";
import { officeErrorCode, officeErrorMessage } from "./errors";
import { readInContext, type ReadResult } from "./read";
import type { OfficeEnv } from "./run";

/** State kept in the shared runtime between clicks: the sheet names seen last, to read in one round trip. */
export interface Session {
  sheetNames: readonly string[];
}

export function newSession(): Session {
  return { sheetNames: [] };
}

export class OperationError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    /** The Office error behind it, for developers (never shown). */
    readonly cause?: unknown,
  ) {
    super(message);
  }
}

export async function guarded<T>(operation: OfficeOperation, f: () => Promise<T>, onWriteFailure?: string): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof OperationError) throw e;
    const code = officeErrorCode(e);
    throw new OperationError(onWriteFailure ? `${officeErrorMessage(e, operation)} ${onWriteFailure}` : officeErrorMessage(e, operation), code, e);
  }
}

/**
 * `figures`: the read feeds a figure or an issue list, so merged areas are read where ExcelApi 1.13 is
 * there (a value in a merged area is refused, as by the CLI). `structure`: the start-up overview and
 * »Opret skabelon« do not read them, because `getMergedAreasOrNullObject` clears the user's undo
 * stack in Excel on Windows (OfficeDev/office-js#5918; issue 17, defect 6): opening the pane must
 * not take away Ctrl+Z. docs/dev/taskpane.md says what this costs.
 */
export async function read(ctx: Excel.RequestContext, session: Session, env: OfficeEnv, purpose: "figures" | "structure" = "figures"): Promise<ReadResult> {
  const r = await readInContext(ctx, session.sheetNames, { merges: purpose === "figures" && env.isSetSupported("ExcelApi", "1.13") });
  session.sheetNames = r.sheetNames;
  return r;
}

/** Reads the workbook's grid for an operation that writes nothing (the Word notat). */
export async function readWorkbookGrid(env: OfficeEnv, session: Session, operation: OfficeOperation): Promise<WorkbookGrid> {
  return guarded(operation, async () => (await env.run((ctx) => read(ctx, session, env))).grid);
}
