import type { Issue } from "../core/issues";
import { transient } from "./run";

/**
 * Validation marks are conditional formats that jobstatus owns. Their rule carries a tag, so the
 * next validation can find and delete exactly its own marks; the user's values, formats and own
 * conditional formats are never touched. The formula is always TRUE: the mark shows while it exists.
 */
export const MARK_TAG = "jobstatus-markering";
export const MARK_FORMULA = `=LEN("${MARK_TAG}")>0`;
export const MARK_FILL = { error: "#FDE7E9", warning: "#FFF4CE" } as const;

/** One mark per cell: an error wins over a warning in the same cell. */
export function marksFor(issues: readonly Issue[], sheetNames: readonly string[]): { sheet: string; cell: string; severity: Issue["severity"] }[] {
  const known = new Map(sheetNames.map((n) => [n.toLowerCase(), n]));
  const byCell = new Map<string, { sheet: string; cell: string; severity: Issue["severity"] }>();
  for (const i of issues) {
    if (!i.cell) continue;
    const sheet = known.get(i.sheet.toLowerCase());
    if (!sheet) continue;
    const key = `${sheet.toLowerCase()}!${i.cell}`;
    const prev = byCell.get(key);
    if (!prev || (prev.severity === "warning" && i.severity === "error")) byCell.set(key, { sheet, cell: i.cell, severity: i.severity });
  }
  return [...byCell.values()];
}

/**
 * New marks per sync. A mark costs about 1.4 KB of request (range, conditional format, rule and
 * fill), so 2,000 marks (and the removal of as many old ones) stay under our 4 MB budget, below
 * Excel on the web's 5 MB. Up to that, «Valider» writes its marks in one sync; beyond it (a
 * hundred sheets full of errors) in one sync per 2,000 (docs/dev/performance.md).
 */
export const MARKS_PER_SYNC = 2_000;

/** Queues removal of the old marks and the new marks; the caller syncs once. */
export function queueMarks(
  ctx: Excel.RequestContext,
  old: ReadonlyMap<string, readonly Excel.ConditionalFormat[]>,
  marks: readonly { sheet: string; cell: string; severity: Issue["severity"] }[],
): void {
  for (const list of old.values()) for (const cf of list) cf.delete();
  // One Worksheet object per sheet, not per mark: fewer object paths in the request.
  const sheets = new Map<string, Excel.Worksheet>();
  for (const m of marks) {
    let ws = sheets.get(m.sheet);
    if (!ws) {
      ws = ctx.workbook.worksheets.getItem(m.sheet);
      sheets.set(m.sheet, ws);
    }
    const cf = transient(ws.getRange(m.cell)).conditionalFormats.add("Custom");
    cf.custom.rule.formula = MARK_FORMULA;
    cf.custom.format.fill.color = MARK_FILL[m.severity];
  }
}
