/**
 * «Hent notat (Word)»: reads the workbook in one batched round trip, as the other operations do,
 * and returns its grid. Nothing is written to the workbook.
 */
import type { WorkbookGrid } from "../core/grid";
import { officeErrorMessage } from "./errors";
import { OperationError, type Session } from "./operations";
import { readInContext } from "./read";
import type { OfficeEnv } from "./run";

export async function readWorkbookForNotat(env: OfficeEnv, session: Session): Promise<WorkbookGrid> {
  try {
    const r = await env.run((ctx) => readInContext(ctx, session.sheetNames, { withMarks: false }));
    session.sheetNames = r.sheetNames;
    return r.grid;
  } catch (e) {
    if (e instanceof OperationError) throw e;
    const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : undefined;
    throw new OperationError(officeErrorMessage(e), code);
  }
}
