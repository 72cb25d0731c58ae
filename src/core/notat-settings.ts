/**
 * The notat's own fields (case numbers, adoption dates, sender, date), read from the Indstillinger
 * sheet as labelled cells: a label in one cell, the value in the first filled cell to its right.
 */
import { NOTAT_FIELD_LABELS } from "../messages/da";
import { cellAt, isCellDate, type Cell, type SheetGrid } from "./grid";
import { findCells, lastRow, valueRightOf } from "./labels";
import { normalizeLabel } from "./text";

export type NotatField = keyof typeof NOTAT_FIELD_LABELS;
export const NOTAT_FIELDS = Object.keys(NOTAT_FIELD_LABELS) as NotatField[];

/** A calendar date (month 1-12). */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A field's value: a date where the cell is a date, else the text as typed (numbers without separators). */
export type NotatValue = { readonly date: CalendarDate } | { readonly text: string };

export type NotatSettings = Partial<Record<NotatField, NotatValue>>;

const BY_LABEL = new Map<string, NotatField>(NOTAT_FIELDS.map((f) => [normalizeLabel(NOTAT_FIELD_LABELS[f]), f]));

/** True for a cell holding one of the notat's labels (the weights table skips such rows). */
export function isNotatLabel(cell: Cell): boolean {
  return typeof cell === "string" && BY_LABEL.has(normalizeLabel(cell));
}

/** True when the sheet holds any of the notat's labels (an Indstillinger sheet may hold only those). */
export function hasNotatLabels(sheet: SheetGrid): boolean {
  return sheet.values.some((row) => row.some((c) => isNotatLabel(c)));
}

/** Excel's 1900 date system: serial 1 is 1900-01-01, and day 60 is Excel's phantom 1900-02-29. */
export function serialToDate(serial: number): CalendarDate {
  const days = Math.floor(serial) - (serial > 60 ? 1 : 0);
  const d = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function valueOf(cell: Cell): NotatValue | undefined {
  if (isCellDate(cell)) return { date: serialToDate(cell.date) };
  if (typeof cell === "number" && Number.isFinite(cell)) return { text: String(cell) };
  if (typeof cell === "string" && cell.trim() !== "") return { text: cell.replace(/\s+/g, " ").trim() };
  // Errors and TRUE/FALSE are not a case number or a date: the field stays to be filled in.
  return undefined;
}

/** The notat's fields from the Indstillinger sheet(s); a field that is absent is simply not set. */
export function readNotatSettings(settingsSheets: readonly SheetGrid[]): NotatSettings {
  const out: Partial<Record<NotatField, NotatValue>> = {};
  for (const sheet of settingsSheets) {
    for (const at of findCells(sheet, (l) => BY_LABEL.has(l), lastRow(sheet) + 1)) {
      const field = BY_LABEL.get(normalizeLabel(String(cellAt(sheet, at.row, at.col))));
      const right = valueRightOf(sheet, at);
      const value = right ? valueOf(cellAt(sheet, right.row, right.col)) : undefined;
      if (field && value && out[field] === undefined) out[field] = value;
    }
  }
  return out;
}
