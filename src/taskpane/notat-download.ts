/**
 * »Download notat (Word)« in the pane: the same notat as `jobstatus notat`, offered as a download.
 * This module (the read and the calculation) and the Word writer (docx, about as large as the rest
 * of the pane) are a chunk loaded only when the user asks for a notat (controller.ts), so the
 * pane's start-up JavaScript stays small. Its surroundings are in notat-host.ts.
 */
import { calculate, type CalculationOutcome, type NotatLayout } from "../core";
import { readWorkbookForNotat } from "../office/notat";
import type { Session } from "../office/session";
import type { OfficeEnv } from "../office/run";
import { downloadBlocked, type NotatHost } from "./notat-host";

export { browserNotatHost, DOCX_MIME, downloadBlocked, saveInBrowser, type NotatHost } from "./notat-host";

export type NotatResult =
  | { readonly kind: "blockedPlatform" }
  | { readonly kind: "blockedErrors"; readonly outcome: CalculationOutcome }
  | { readonly kind: "saved"; readonly outcome: CalculationOutcome; readonly layout: NotatLayout; readonly bytes: Uint8Array };

/** Reads the workbook, calculates as »Beregn status« does, and saves the notat; errors block it. */
export async function downloadNotat(env: OfficeEnv, session: Session, host: NotatHost): Promise<NotatResult> {
  if (downloadBlocked(host.platform())) return { kind: "blockedPlatform" };
  const grid = await readWorkbookForNotat(env, session);
  const outcome = calculate(grid);
  if (!outcome.report || outcome.issues.some((i) => i.severity === "error")) return { kind: "blockedErrors", outcome };
  const write = await host.loadWriter();
  const { layout, bytes } = await write(outcome.result, grid, host.today());
  host.save(bytes, layout.fileName);
  return { kind: "saved", outcome, layout, bytes };
}
