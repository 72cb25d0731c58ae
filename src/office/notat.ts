/**
 * »Download notat (Word)«: reads the workbook in one batched round trip, as the other operations do,
 * and returns its grid. Nothing is written to the workbook.
 */
import type { WorkbookGrid } from "../core";
import { readWorkbookGrid, type Session } from "./session";
import type { OfficeEnv } from "./run";

export async function readWorkbookForNotat(env: OfficeEnv, session: Session): Promise<WorkbookGrid> {
  return readWorkbookGrid(env, session, "notat");
}
