/**
 * The notat from a calculated workbook: its layout and its .docx bytes. Loaded by the pane only on
 * »Download notat (Word)« (a chunk of its own, with docx), so none of it weighs on the pane's start-up.
 */
import { type StatusResult, type WorkbookGrid, buildNotat, notatSettingsOf, type NotatLayout, type CalendarDate } from "../core";
import { notatDocx } from "../word/notat-docx";

export type NotatWriter = (result: StatusResult, workbook: WorkbookGrid, today: CalendarDate) => Promise<{ layout: NotatLayout; bytes: Uint8Array }>;

export const writeNotat: NotatWriter = async (result, workbook, today) => {
  const layout = buildNotat(result, notatSettingsOf(workbook), { today });
  return { layout, bytes: await notatDocx(layout) };
};
