/**
 * »Download notat (Word)« in the pane: the same notat as `jobstatus notat`, offered as a download.
 * The Word writer (docx, about as large as the rest of the pane) is a separate chunk, loaded only
 * when the user asks for a notat, so the pane's start-up JavaScript stays small.
 */
import { calculate, type CalculationOutcome, type NotatLayout, type CalendarDate } from "../core";
import { readWorkbookForNotat } from "../office/notat";
import type { Session } from "../office/operations";
import type { OfficeEnv } from "../office/run";
import type { NotatWriter } from "./notat-writer";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** What the notat needs from the pane's surroundings; tests pass their own. */
export interface NotatHost {
  /** Office.context.platform: "PC", "Mac", "OfficeOnline", "iOS", … (undefined outside Office). */
  platform(): string | undefined;
  today(): CalendarDate;
  /** Loads the notat's layout and Word writer. */
  loadWriter(): Promise<NotatWriter>;
  /** Offers the bytes as a download. */
  save(bytes: Uint8Array, fileName: string): void;
}

/** Excel on Mac and iPad blocks downloads from an add-in's pane by design. */
export function downloadBlocked(platform: string | undefined): boolean {
  return platform === "Mac" || platform === "iOS";
}

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

/** Offers bytes as a file download through a temporary link (the way browsers save a generated file). */
export function saveInBrowser(bytes: Uint8Array, fileName: string, doc: Document = document, mime: string = DOCX_MIME): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
  const a = doc.createElement("a");
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled; the URL is freed a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The pane's own surroundings: Office's platform, today's date, the lazily loaded writer, a browser download. */
export function browserNotatHost(): NotatHost {
  return {
    platform: () => (typeof Office !== "undefined" && Office.context ? String(Office.context.platform) : undefined),
    today: () => {
      const d = new Date();
      return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
    },
    loadWriter: async () => (await import(/* webpackChunkName: "notat-word" */ "./notat-writer")).writeNotat,
    save: (bytes, fileName) => saveInBrowser(bytes, fileName),
  };
}
