import { a1, cellAt, isCellDate, type SheetGrid } from "./grid";
import type { IssueList } from "./issues";
import { findCells, headerGroup, headerMatches, isYearLabel, lastRow, valueRightOf } from "./labels";
import { hasNotatLabels, isNotatLabel, serialToDate } from "./notat-settings";
import { formulaProblem, isBlank, readNumber, shownValue } from "./read-cell";
import { groupsInEveryBuiltin, latestBuiltin, targetColumnWords } from "./rulebook";
import { hasRulebook, rulebookRows, rulebookYears } from "./rulebook-sheet";
import { parseNumberText } from "./numbers";
import { clip, normalizeLabel } from "./text";
import { validWeights, type Weights } from "./weights";

export const SETTINGS_SHEET_NAMES = ["INDSTILLINGER", "VÆGTE", "VAEGTE"];

const groupOf = headerGroup;

/**
 * A weights header that names two targets (»Fleksjob og fritidsjob«) is read for neither, as on
 * Måltal (one rule for both sheets): an error at its cell naming both, never a weight for the first.
 */
function reportAmbiguous(sheet: SheetGrid, at: string, header: string, issues: IssueList): void {
  const matches = headerMatches(header);
  if (matches.length < 2) return;
  const rb = latestBuiltin();
  const name = (id: string) => clip(rb.groups.find((g) => g.id === id)?.name ?? id);
  issues.error("MAALTAL_COLUMN_TIE", sheet.name, at, { header: clip(header), groups: matches.map((m) => name(m.group)).join("|"), words: matches.map((m) => clip(m.word)).join("|") });
}

/**
 * Reads weights per year from a settings sheet: a header row with `År` and one column per group.
 * Weights may be typed as percent (51) or as fractions / percent-formatted cells (0,51);
 * either way they must sum to 100 %.
 */
export function parseSettings(sheet: SheetGrid, issues: IssueList): Map<number, Weights> {
  return new Map([...readWeights(sheet, issues)].map(([y, r]) => [y, r.weights] as const));
}

/** Weights read from a sheet, with the cell of each weight (for Kilder and --json). */
export interface WeightsRead {
  readonly weights: Weights;
  readonly cells: Partial<Record<string, string>>;
}

/** A row with »År« and at least one weight column: the header of a weight table. */
function weightHeaders(sheet: SheetGrid): { row: number; col: number }[] {
  const rows = new Set<number>();
  return findCells(sheet, isYearLabel, lastRow(sheet) + 1).filter((p) => {
    const row = sheet.values[p.row - sheet.originRow] ?? [];
    // One header per row: a second year label in the same row (»År«, »Årstal«) is no second table.
    if (rows.has(p.row) || !row.some((v) => typeof v === "string" && groupOf(v) !== undefined)) return false;
    rows.add(p.row);
    return true;
  });
}

/** The weights table's column per group, from its header row (a header two groups claim, or one group twice, is reported). */
function weightColumns(sheet: SheetGrid, headerRow: number, issues: IssueList): Partial<Record<string, number>> {
  const cols: Partial<Record<string, number>> = {};
  (sheet.values[headerRow - sheet.originRow] ?? []).forEach((v, i) => {
    if (typeof v !== "string") return;
    const g = groupOf(v);
    if (!g) {
      reportAmbiguous(sheet, a1(headerRow, i + sheet.originCol), v, issues);
      return;
    }
    const seen = cols[g];
    if (seen === undefined) cols[g] = i + sheet.originCol;
    else issues.error("COLUMN_DUPLICATE", sheet.name, a1(headerRow, i + sheet.originCol), { first: a1(headerRow, seen), header: clip(v) });
  });
  return cols;
}

export function readWeights(sheet: SheetGrid, issues: IssueList): Map<number, WeightsRead> {
  const result = new Map<number, WeightsRead>();
  const headers = weightHeaders(sheet);
  const header = headers[0];
  // A second weight table (pasted beside or below the first) is never read silently: one source of truth.
  for (const extra of headers.slice(1)) {
    issues.error("SETTING_DUPLICATE", sheet.name, a1(extra.row, extra.col), { what: "vægte", first: a1(header?.row ?? 0, header?.col ?? 0) });
  }
  if (!header) {
    // A sheet with only the notat's fields has no weights to read: the built-in weights apply. A
    // rulebook on the sheet carries its own weights (rulebook-sheet.ts).
    if (!hasNotatLabels(sheet) && !hasRulebook(sheet)) issues.error("SETTINGS_HEADER_MISSING", sheet.name, undefined, { columns: targetColumnWords(latestBuiltin()) });
    return result;
  }
  const cols = weightColumns(sheet, header.row, issues);
  const yearRows = new Map<number, number>();
  const rulebook = rulebookRows(sheet);
  const ruled = rulebookYears(sheet);
  for (let row = header.row + 1; row <= lastRow(sheet); row++) {
    // A rulebook's rows (»Regelsæt« and its tables) are read by rulebook-sheet.ts, not as years.
    if (isBlank(cellAt(sheet, row, header.col)) || rulebook.has(row)) continue;
    // The notat's labelled fields and the period's last month may sit under the weights, in the År
    // column (read by notat-settings.ts and parseLastMonth).
    const label = cellAt(sheet, row, header.col);
    if (isNotatLabel(label) || (typeof label === "string" && isLastMonthLabel(normalizeLabel(label)))) continue;
    // Any other text without a year in it (»Sagsnr. i F2«, a note) is no year: ignored, with a warning
    // at the cell. Text with a four-digit number (»2025a«) may be a mistyped year: read, and refused.
    if (typeof label === "string" && !/\d{4}/.test(label) && parseNumberText(label).kind === "invalid") {
      issues.warning("SETTINGS_LABEL_UNKNOWN", sheet.name, a1(row, header.col), { value: clip(label) });
      continue;
    }
    const year = readNumber(sheet, row, header.col, { what: "år", whole: true, required: true, max: 9999 }, issues);
    if (year === undefined) continue;
    // A year with a Regelsæt has its weights there: an entirely empty weights row for it (what
    // `skabelon --aar` writes for a year that is not built in) says nothing and is ignored, never
    // »Skriv tallet« (review 22i, item 2). A row with any figure is read, and is SETTING_DUPLICATE.
    if (ruled.has(year) && Object.values(cols).every((c) => c === undefined || isBlank(cellAt(sheet, row, c)))) continue;
    // Two rows for one year: jobstatus does not pick one.
    const firstRow = yearRows.get(year);
    if (firstRow !== undefined) {
      issues.error("WEIGHTS_DUPLICATE", sheet.name, a1(row, header.col), { year, first: a1(firstRow, header.col) });
      result.delete(year);
      continue;
    }
    yearRows.set(year, row);
    const read = weightRow(sheet, row, header.col, cols, year, issues);
    if (read) result.set(year, read);
  }
  return result;
}

/**
 * One year's weights, per built-in group, as fractions that sum to 1 (typed as percent or as
 * fractions); undefined when a weight cannot be read or they do not sum to 100 % (reported).
 */
function weightRow(sheet: SheetGrid, row: number, yearCol: number, cols: Partial<Record<string, number>>, year: number, issues: IssueList): WeightsRead | undefined {
  const groups = latestBuiltin().groups.map((g) => g.id);
  const always = groupsInEveryBuiltin();
  const raw: Record<string, number> = Object.fromEntries(groups.map((g) => [g, 0] as const));
  const cells: Partial<Record<string, string>> = {};
  let ok = true;
  for (const g of groups) {
    const col = cols[g];
    // A weight without a column (or a blank one for a group not every year has: fritidsjob) is 0,
    // read from this row: its source is the row's year cell, or the blank cell.
    cells[g] = a1(row, col ?? yearCol);
    if (col === undefined) continue;
    const v = readNumber(sheet, row, col, { what: "vægt", required: always.includes(g), percentOk: true }, issues);
    if (v === undefined) ok = ok && !always.includes(g) && isBlank(cellAt(sheet, row, col));
    else raw[g] = v;
  }
  if (!ok) return undefined;
  const sum = groups.reduce((a, g) => a + (raw[g] ?? 0), 0);
  const scale = sum > 1.5 ? 100 : 1;
  const weights = validWeights(Object.fromEntries(groups.map((g) => [g, (raw[g] ?? 0) / scale] as const)));
  if (!weights) {
    issues.error("WEIGHTS_SUM", sheet.name, a1(row, yearCol), { year, sum: scale === 100 ? sum : sum * 100 });
    return undefined;
  }
  return { weights, cells };
}

/** Labels of the period's last month on Indstillinger. */
export const isLastMonthLabel = (l: string): boolean => /^(sidste måned|periodens sidste måned|periode til og med|til og med)$/.test(l);
const MONTH_WORDS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

/** The period's last month and the cell it was read from. */
export interface LastMonthRead {
  readonly month: number;
  readonly cell: string;
  /** The year the cell names, if any (a date, »juni 2025«), and the cell as shown: checked against the status year. */
  readonly year?: number;
  readonly shown?: string;
}

function monthAt(sheet: SheetGrid, at: { row: number; col: number }, issues: IssueList): LastMonthRead | undefined {
  const v = valueRightOf(sheet, at);
  if (!v) {
    issues.error("PERIOD_INVALID", sheet.name, a1(at.row, at.col), { value: "" });
    return undefined;
  }
  // A formula here (=6 saved as 12, =MONTH(C20) under manual calculation) is checked as a figure's is.
  if (formulaProblem(sheet, v.row, v.col, "sidste måned", issues)) return undefined;
  const raw = cellAt(sheet, v.row, v.col);
  const text = typeof raw === "string" ? normalizeLabel(raw) : undefined;
  // »juni«, »6«, or »juni 2025« (the year is checked against the status year: LastMonthRead.year).
  const named = text !== undefined ? /^([a-zæøå]+|\d{1,2})(?:\s+(\d{4}))?$/.exec(text) : null;
  const word = named?.[1];
  const fromText = word === undefined ? NaN : /^\d+$/.test(word) ? Number(word) : MONTH_WORDS.indexOf(word) + 1 || NaN;
  // »juni 2025« typed into a cell becomes a date in Excel (1-6-2025): its month is the month meant.
  const date = isCellDate(raw) ? serialToDate(raw.date) : undefined;
  const month = date ? date.month : typeof raw === "number" ? raw : fromText;
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    issues.error("PERIOD_INVALID", sheet.name, a1(v.row, v.col), { value: shownValue(raw) });
    return undefined;
  }
  const year = date ? date.year : named?.[2] !== undefined ? Number(named[2]) : undefined;
  return { month, cell: a1(v.row, v.col), ...(year !== undefined ? { year, shown: shownValue(raw) } : {}) };
}

/**
 * The period's last month (1–12), from a `Sidste måned` label on Indstillinger with the month to its
 * right (a number or a Danish month name); undefined when not set (the whole year). Targets stay
 * annual; only the period and fleksjob's month follow it. Searched on the whole sheet (not only the
 * first rows), and a second label with another month is an error naming both: jobstatus does not pick.
 */
export function parseLastMonth(sheet: SheetGrid, issues: IssueList): LastMonthRead | undefined {
  const found = findCells(sheet, isLastMonthLabel, lastRow(sheet) + 1);
  const first = found[0];
  if (!first) return undefined;
  const read = monthAt(sheet, first, issues);
  let duplicate = false;
  for (const at of found.slice(1)) {
    const other = monthAt(sheet, at, issues);
    if (other && read && other.month !== read.month) {
      issues.error("SETTING_DUPLICATE", sheet.name, a1(at.row, at.col), { what: "sidste måned", first: a1(first.row, first.col) });
      duplicate = true;
    }
  }
  return duplicate ? undefined : read;
}
