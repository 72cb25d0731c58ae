import { targetPhrase } from "../messages/da";
import { a1, cellAt, parseA1, type SheetGrid } from "./grid";
import type { IssueList } from "./issues";
import { address, findCells, headerMatches, isUnitLabel, lastRow, type Position, type WordMatch } from "./labels";
import { isBlank, MAX_TEXT, readNumber, readText, TOTAL_MAX } from "./read-cell";
import { groupsInEveryBuiltin, latestBuiltin, recognised, targetColumnWords, type Rulebook } from "./rulebook";
import { clip, normalizeCode, normalizeLabel, safeName } from "./text";
import { DEFAULT_UNIT_NAMES, KK_CODE, unitCodeOf } from "./units";

export const MAALTAL_SHEET_NAMES = ["MÅLTAL", "MAALTAL"];

export interface UnitTargets {
  readonly code: string;
  /** Full name for table titles: the name column, else the built-in default, else the code. */
  readonly name: string;
  readonly maal: Partial<Record<string, number>>;
  readonly cells: Partial<Record<string, string>>;
  /** Cell of the code in the Forvaltning column. */
  readonly cell: string;
}

export interface MaaltalData {
  readonly sheet: string;
  readonly units: UnitTargets[];
  readonly kk?: UnitTargets;
  readonly columns: Partial<Record<string, number>>;
}


/** A column header: a group of the rulebook, a tie between groups' own words, the name column, or nothing jobstatus reads. */
type HeaderKind = { readonly group: string } | { readonly tie: readonly WordMatch[] } | "name" | undefined;

function classifyHeader(text: string, rulebook: Pick<Rulebook, "schemes" | "groups">, ownWordsOnly = false): HeaderKind {
  // One rule for every rulebook: a header naming two targets is read for neither (issue 22).
  const matches = headerMatches(text, rulebook, ownWordsOnly);
  if (matches.length > 1) return { tie: matches };
  const group = matches[0]?.group;
  return group !== undefined ? { group } : /navn/i.test(text) ? "name" : undefined;
}

/** Maps a code, a full name or both (`BUF - Børne- og …`, `KK (hele kommunen)`) in the Forvaltning column to a unit code. */
function codeFrom(text: string): string {
  return unitCodeOf(text);
}

const isTotalLabel = (l: string): boolean => /^(i alt|total|sum|samlet)$/.test(l);

/** Codes are short and have no spaces (BIF, ØKF, KK). */
const isCodeLike = (code: string): boolean => code.length <= 10 && !/\s/.test(code);

/** The header row's columns: a target column per group (a second one for a group is an error naming both), and the name column. */
interface Columns {
  readonly columns: Partial<Record<string, number>>;
  readonly nameCol: number | undefined;
  /** Groups a tied header could belong to (MAALTAL_COLUMN_TIE says so; no second »missing« for them). */
  readonly tied: ReadonlySet<string>;
}

/**
 * A header that names two or more targets (»Senior- og voksenjob« with the words »senior« and
 * »voksen«; »Fleksjob og fritidsjob« in a built-in year): read for no group, an error at the header
 * naming each target and its word, and for a rulebook on Indstillinger the cell it writes the word
 * in. Jobstatus never picks one (a wrong column is a wrong figure).
 */
function reportTie(sheet: SheetGrid, at: string, header: string, tie: readonly WordMatch[], rb: Pick<Rulebook, "groups">, wordCells: Readonly<Record<string, string>> | undefined, issues: IssueList): void {
  const name = (id: string) => clip(rb.groups.find((g) => g.id === id)?.name ?? id);
  issues.error("MAALTAL_COLUMN_TIE", sheet.name, at, {
    header: clip(header),
    groups: tie.map((m) => name(m.group)).join("|"),
    words: tie.map((m) => clip(m.word)).join("|"),
    ...(wordCells !== undefined ? { cells: tie.map((m) => wordCells[m.group] ?? "").join("|") } : {}),
  });
}

function readColumns(sheet: SheetGrid, header: Position, rb: Pick<Rulebook, "schemes" | "groups">, issues: IssueList, ownWordsOnly: boolean, wordCells?: Readonly<Record<string, string>>): Columns {
  const columns: Partial<Record<string, number>> = {};
  const tied = new Set<string>();
  let nameCol: number | undefined;
  const headerRow = sheet.values[header.row - sheet.originRow] ?? [];
  headerRow.forEach((v, i) => {
    if (typeof v !== "string") return;
    const col = i + sheet.originCol;
    if (col === header.col) return;
    const kind = classifyHeader(v, rb, ownWordsOnly);
    if (kind === undefined) return;
    if (kind === "name") {
      nameCol ??= col;
      return;
    }
    if ("tie" in kind) {
      for (const m of kind.tie) tied.add(m.group);
      reportTie(sheet, a1(header.row, col), v, kind.tie, rb, wordCells, issues);
      return;
    }
    const seen = columns[kind.group];
    if (seen === undefined) columns[kind.group] = col;
    else {
      // Name both headers as typed (»Samlet måltal inkl. fleksjob« and »Fleksjob«), never one the user did not write.
      const firstHeader = cellAt(sheet, header.row, seen);
      const named = rb.groups.find((g) => g.id === kind.group)?.name;
      const group = targetPhrase(kind.group, named, ownWordsOnly && named ? "own" : "definite");
      issues.error("COLUMN_DUPLICATE", sheet.name, a1(header.row, col), { first: a1(header.row, seen), header: clip(v), firstHeader: clip(typeof firstHeader === "string" ? firstHeader : ""), group });
    }
  });
  return { columns, nameCol, tied };
}

/** A forvaltning's name from the name column: the whole name as typed, made safe; else the built-in name, else the code. */
function nameOf(sheet: SheetGrid, row: number, nameCol: number | undefined, code: string, issues: IssueList): string {
  const rawName = nameCol !== undefined ? cellAt(sheet, row, nameCol) : null;
  if (nameCol !== undefined && typeof rawName === "string" && rawName.length > MAX_TEXT) {
    // Too long for a title: refused at its cell, never cut (issue 19).
    issues.error("TEXT_TOO_LONG", sheet.name, a1(row, nameCol), { what: "navnet", length: rawName.length }, code);
  }
  const typedName = nameCol !== undefined && !(typeof rawName === "string" && rawName.length > MAX_TEXT) ? readText(sheet, row, nameCol) : undefined;
  // The whole name, as typed: a long forvaltning name is never cut (the titles wrap). Runs of white
  // space become one space; other control characters are dropped (they are no part of a name).
  // Bidi controls (U+202E) and other unsafe characters too (safeName): nothing reversed in print.
  const cleaned = typedName ? safeName(typedName) : "";
  return cleaned !== "" ? cleaned : DEFAULT_UNIT_NAMES[code] ?? code;
}

/** One row's targets per group, with their cells. */
function targetsOf(sheet: SheetGrid, row: number, cols: Columns, groupIds: readonly string[], code: string, issues: IssueList): Pick<UnitTargets, "maal" | "cells"> {
  const maal: Partial<Record<string, number>> = {};
  const cells: Partial<Record<string, string>> = {};
  for (const g of groupIds) {
    const col = cols.columns[g];
    if (col === undefined) continue;
    cells[g] = a1(row, col);
    const v = readNumber(sheet, row, col, { what: "måltal", required: false, unit: code }, issues);
    if (v !== undefined) maal[g] = v;
  }
  return { maal, cells };
}

interface RowsRead {
  readonly units: UnitTargets[];
  readonly kk: UnitTargets | undefined;
  readonly totals: readonly number[];
}

/** The rows under the header: a forvaltning (or KK) per row, total rows set aside for the check. */
function readRows(sheet: SheetGrid, header: Position, cols: Columns, groupIds: readonly string[], issues: IssueList): RowsRead {
  const units: UnitTargets[] = [];
  let kk: UnitTargets | undefined;
  const seenCodes = new Map<string, string>();
  const totals: number[] = [];
  for (let row = header.row + 1; row <= lastRow(sheet); row++) {
    const raw = cellAt(sheet, row, header.col);
    const hasData = groupIds.some((g) => cols.columns[g] !== undefined && !isBlank(cellAt(sheet, row, cols.columns[g] as number)));
    if (typeof raw === "string" && raw.length > MAX_TEXT) {
      issues.error("TEXT_TOO_LONG", sheet.name, a1(row, header.col), { what: "forvaltning", length: raw.length });
      continue;
    }
    const text = readText(sheet, row, header.col);
    if (text === undefined) {
      if (hasData) issues.error("ROW_UNLABELLED", sheet.name, a1(row, header.col));
      continue;
    }
    if (isTotalLabel(normalizeLabel(text))) {
      totals.push(row);
      continue;
    }
    const code = codeFrom(text);
    const cell = a1(row, header.col);
    // A note typed in the Forvaltning column (»Kilde: BR 1. feb. 2024«) is not a forvaltning.
    if (!hasData && !isCodeLike(code) && !Object.keys(DEFAULT_UNIT_NAMES).includes(code)) continue;
    const first = seenCodes.get(code);
    if (first) {
      issues.error("MAALTAL_UNIT_DUPLICATE", sheet.name, cell, { code, first }, code);
      continue;
    }
    seenCodes.set(code, cell);
    const { maal, cells } = targetsOf(sheet, row, cols, groupIds, code, issues);
    const targets: UnitTargets = { code, name: nameOf(sheet, row, cols.nameCol, code, issues), maal, cells, cell };
    if (code === KK_CODE) kk = targets;
    else units.push(targets);
  }
  return { units, kk, totals };
}

/** A typed total row must equal the sum of the forvaltninger's targets. */
function checkTotals(sheet: SheetGrid, read: RowsRead, cols: Columns, groupIds: readonly string[], issues: IssueList): void {
  for (const row of read.totals) {
    for (const g of groupIds) {
      const col = cols.columns[g];
      if (col === undefined || isBlank(cellAt(sheet, row, col))) continue;
      const typed = readNumber(sheet, row, col, { what: "måltal i alt", required: false, max: TOTAL_MAX }, issues);
      const sum = read.units.reduce((a, u) => a + (u.maal[g] ?? 0), 0);
      // Relative: a typed total is read as Excel holds it (15 significant digits), and sums in another
      // order differ in the last digits; a real slip is never a billionth of the total.
      if (typed !== undefined && Math.abs(typed - sum) > 1e-9 * Math.max(1, Math.abs(sum))) {
        issues.error("TOTAL_MISMATCH", sheet.name, a1(row, col), { what: `måltal i alt (${g})`, typed, computed: sum, rounding: 0 });
      }
    }
  }
}

/**
 * Reads Måltal: one target column per group of the rulebook. Without a rulebook for the year (its
 * weights unknown, already an error) the newest built-in groups are read, and only the columns every
 * built-in year has are required.
 */
export function parseMaaltal(sheet: SheetGrid, rulebook: Rulebook | undefined, issues: IssueList, wordCells?: Readonly<Record<string, string>>): MaaltalData | undefined {
  // A rulebook written on Indstillinger (its »Kolonne på Måltal« cells given): its own groups and words only.
  const own = rulebook !== undefined && wordCells !== undefined;
  // Columns of a built-in group the year does not count (fritidsjob in 2024) are read and checked too, never required.
  const rb = own ? rulebook : recognised(rulebook ?? latestBuiltin());
  const groupIds = rb.groups.map((g) => g.id);
  const requiredGroups = rulebook ? rulebook.groups.map((g) => g.id) : groupsInEveryBuiltin();
  const headers = findCells(sheet, isUnitLabel).filter((p) => {
    const row = sheet.values[p.row - sheet.originRow] ?? [];
    return row.some((v) => typeof v === "string" && typeof classifyHeader(v, rb, own) === "object");
  });
  const header: Position | undefined = headers[0];
  if (!header) {
    issues.error("MAALTAL_HEADER_MISSING", sheet.name, undefined, { columns: targetColumnWords(rb) });
    return undefined;
  }
  const cols = readColumns(sheet, header, rb, issues, own, wordCells);
  for (const g of requiredGroups) {
    if (cols.columns[g] !== undefined || cols.tied.has(g)) continue;
    const rule = rb.groups.find((x) => x.id === g);
    // A rulebook's own target: named as the rulebook names it, with its words and their cell.
    const cell = wordCells?.[g];
    if (own && rule && cell) issues.error("MAALTAL_COLUMN_MISSING", sheet.name, address(header), { group: g, groupName: rule.name, words: rule.targetLabels.join(", "), wordsCell: cell });
    else issues.error("MAALTAL_COLUMN_MISSING", sheet.name, address(header), { group: g, groupName: rule?.name ?? g });
  }
  const tableFrom = issues.items.length;
  const read = readRows(sheet, header, cols, groupIds, issues);
  if (read.units.length === 0) issues.error("MAALTAL_EMPTY", sheet.name, address(header), read.kk ? { kkOnly: 1 } : {});
  checkTotals(sheet, read, cols, groupIds, issues);
  // Each issue in the table says which forvaltning's row and which target it is about.
  issues.describeSince(tableFrom, (cell) => {
    const at = parseA1(cell);
    if (!at || at.row <= header.row) return undefined;
    const raw = cellAt(sheet, at.row, header.col);
    if (typeof raw !== "string" || raw.length > MAX_TEXT) return undefined;
    const row = clip(raw);
    if (row === "") return undefined;
    const group = groupIds.find((g) => cols.columns[g] === at.col);
    // The target's name travels with its id where they differ (a rulebook's own target; »samlet«).
    const name = rb.groups.find((g) => g.id === group)?.name;
    return group ? { row, column: "maal", group, ...(name !== undefined && name !== group ? { groupName: name } : {}) } : { row };
  });
  return { sheet: sheet.name, units: read.units, ...(read.kk ? { kk: read.kk } : {}), columns: cols.columns };
}
