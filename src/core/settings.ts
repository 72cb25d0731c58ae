import { a1, cellAt, type SheetGrid } from "./grid";
import type { IssueList } from "./issues";
import { findCells, headerGroup, isYearLabel, lastRow, valueRightOf } from "./labels";
import { hasNotatLabels, isNotatLabel } from "./notat-settings";
import { isBlank, readNumber } from "./read-cell";
import { GROUP_KEYS, type GroupKey } from "./schemes";
import { clip, normalizeLabel } from "./text";
import { validWeights, type Weights } from "./weights";

export const SETTINGS_SHEET_NAMES = ["INDSTILLINGER", "VÆGTE", "VAEGTE"];

const groupOf = headerGroup;

/**
 * Reads weights per year from a settings sheet: a header row with `År` and one column per group.
 * Weights may be typed as percent (51) or as fractions / percent-formatted cells (0,51);
 * either way they must sum to 100 %.
 */
export function parseSettings(sheet: SheetGrid, issues: IssueList): Map<number, Weights> {
  const result = new Map<number, Weights>();
  const header = findCells(sheet, isYearLabel).find((p) => {
    const row = sheet.values[p.row - sheet.originRow] ?? [];
    return row.some((v) => typeof v === "string" && groupOf(v) !== undefined);
  });
  if (!header) {
    // A sheet with only the notat's fields has no weights to read: the built-in weights apply.
    if (!hasNotatLabels(sheet)) issues.error("SETTINGS_HEADER_MISSING", sheet.name, undefined);
    return result;
  }
  const cols: Partial<Record<GroupKey, number>> = {};
  (sheet.values[header.row - sheet.originRow] ?? []).forEach((v, i) => {
    if (typeof v !== "string") return;
    const g = groupOf(v);
    if (!g) return;
    const seen = cols[g];
    if (seen === undefined) cols[g] = i + sheet.originCol;
    else issues.error("COLUMN_DUPLICATE", sheet.name, a1(header.row, i + sheet.originCol), { first: a1(header.row, seen), header: clip(v) });
  });
  const yearRows = new Map<number, number>();
  for (let row = header.row + 1; row <= lastRow(sheet); row++) {
    if (isBlank(cellAt(sheet, row, header.col))) continue;
    // The notat's labelled fields and the period's last month may sit under the weights, in the År
    // column (read by notat-settings.ts and parseLastMonth).
    const label = cellAt(sheet, row, header.col);
    if (isNotatLabel(label) || (typeof label === "string" && isLastMonthLabel(normalizeLabel(label)))) continue;
    const year = readNumber(sheet, row, header.col, { what: "år", whole: true, required: true, max: 9999 }, issues);
    if (year === undefined) continue;
    // Two rows for one year: jobstatus does not pick one.
    const firstRow = yearRows.get(year);
    if (firstRow !== undefined) {
      issues.error("WEIGHTS_DUPLICATE", sheet.name, a1(row, header.col), { year, first: a1(firstRow, header.col) });
      result.delete(year);
      continue;
    }
    yearRows.set(year, row);
    const raw: Record<GroupKey, number> = { samlet: 0, fleksjob: 0, fritidsjob: 0 };
    let ok = true;
    for (const g of GROUP_KEYS) {
      const col = cols[g];
      if (col === undefined) continue;
      const v = readNumber(sheet, row, col, { what: "vægt", required: g !== "fritidsjob", percentOk: true }, issues);
      if (v === undefined) ok = ok && (g === "fritidsjob" && isBlank(cellAt(sheet, row, col)));
      else raw[g] = v;
    }
    if (!ok) continue;
    const sum = raw.samlet + raw.fleksjob + raw.fritidsjob;
    const scale = sum > 1.5 ? 100 : 1;
    const weights = validWeights({ samlet: raw.samlet / scale, fleksjob: raw.fleksjob / scale, fritidsjob: raw.fritidsjob / scale });
    if (!weights) {
      issues.error("WEIGHTS_SUM", sheet.name, a1(row, header.col), { year, sum: scale === 100 ? sum : sum * 100 });
      continue;
    }
    result.set(year, weights);
  }
  return result;
}

/** Labels of the period's last month on Indstillinger. */
const isLastMonthLabel = (l: string): boolean => /^(sidste måned|periodens sidste måned|periode til og med|til og med)$/.test(l);
const MONTH_WORDS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

/**
 * The period's last month (1–12), from a `Sidste måned` label on Indstillinger with the month to its
 * right (a number or a Danish month name); undefined when not set (the whole year). Targets stay
 * annual; only the period and fleksjob's month follow it.
 */
export function parseLastMonth(sheet: SheetGrid, issues: IssueList): number | undefined {
  const at = findCells(sheet, isLastMonthLabel)[0];
  if (!at) return undefined;
  const v = valueRightOf(sheet, at);
  if (!v) {
    issues.error("PERIOD_INVALID", sheet.name, a1(at.row, at.col), { value: "" });
    return undefined;
  }
  const raw = cellAt(sheet, v.row, v.col);
  const text = typeof raw === "string" ? normalizeLabel(raw) : undefined;
  const month = typeof raw === "number" ? raw : text !== undefined ? MONTH_WORDS.indexOf(text) + 1 || Number(text) : NaN;
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    issues.error("PERIOD_INVALID", sheet.name, a1(v.row, v.col), { value: clip(String(raw)) });
    return undefined;
  }
  return month;
}
