/**
 * What »Download notat (Word)« needs from the pane's surroundings (Office's platform, today's date,
 * the Word writer's chunk, a browser download). In the pane's start-up script; the notat itself
 * (notat-download.ts: the read, the calculation) is a chunk loaded on the click, with the writer.
 */
import type { CalendarDate } from "../core";
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
