import { a1, cellAt, type SheetGrid } from "./grid";
import { isBlank } from "./read-cell";
import { dropInvisible, labelOf } from "./text";
import { latestBuiltin, type GroupRule, type Rulebook } from "./rulebook";

/** Headers and key labels must sit in the first rows of a sheet. */
export const HEADER_SEARCH_ROWS = 30;

export interface Position {
  readonly row: number;
  readonly col: number;
}

/** Every cell in the first `maxRows` sheet rows whose normalised label satisfies `test`. */
export function findCells(sheet: SheetGrid, test: (label: string) => boolean, maxRows = HEADER_SEARCH_ROWS): Position[] {
  const found: Position[] = [];
  const rows = Math.min(sheet.values.length, Math.max(0, maxRows - sheet.originRow));
  for (let r = 0; r < rows; r++) {
    const row = sheet.values[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const label = labelOf(row[c]);
      if (label !== undefined && test(label)) found.push({ row: r + sheet.originRow, col: c + sheet.originCol });
    }
  }
  return found;
}

/** The first non-blank cell to the right of a label in the same row (how `År: 2025` is read). */
export function valueRightOf(sheet: SheetGrid, at: Position): Position | undefined {
  const row = sheet.values[at.row - sheet.originRow] ?? [];
  for (let c = at.col + 1; c < sheet.originCol + row.length; c++) {
    if (!isBlank(cellAt(sheet, at.row, c))) return { row: at.row, col: c };
  }
  return undefined;
}

export function address(p: Position): string {
  return a1(p.row, p.col);
}

/** Last 0-based sheet row of the used range. */
export function lastRow(sheet: SheetGrid): number {
  return sheet.originRow + sheet.values.length - 1;
}

/** Last 0-based sheet column of the used range (rows may be ragged). */
export function lastCol(sheet: SheetGrid): number {
  let w = 0;
  for (const r of sheet.values) w = Math.max(w, r.length);
  return sheet.originCol + w - 1;
}

export const isYearLabel = (l: string): boolean => l === "år" || l === "aar" || l === "årstal";
export const isUnitLabel = (l: string): boolean => l === "forvaltning";

/** A header as its words are matched: lower case, and words after »ekskl.«, »eksklusive«, »excl.« or »uden« dropped. */
function headerWords(text: string): string {
  return dropInvisible(text)
    .normalize("NFC")
    .toLocaleLowerCase("da-DK")
    .replace(/\b(ekskl\.?|eksklusive|excl\.?|uden)\s+[^,;()]*/g, " ");
}

/** A group whose own word a header holds. */
export interface WordMatch {
  readonly group: string;
  readonly word: string;
}

/**
 * The groups a header names by a rulebook's own target words (»Kolonne på Måltal«): for each group
 * its longest word in the header, and of those the longest. One entry is the header's group; two or
 * more (words of the same length from different groups, in the rulebook's order) are a tie that
 * jobstatus never settles by itself; none, no target column.
 */
export function ownWordMatches(text: string, groups: readonly Pick<GroupRule, "id" | "targetLabels">[]): WordMatch[] {
  const t = headerWords(text);
  const perGroup: WordMatch[] = [];
  for (const g of groups) {
    const word = g.targetLabels.filter((l) => t.includes(l)).reduce<string | undefined>((a, l) => (a === undefined || l.length > a.length ? l : a), undefined);
    if (word !== undefined) perGroup.push({ group: g.id, word });
  }
  const longest = Math.max(0, ...perGroup.map((m) => m.word.length));
  return perGroup.filter((m) => m.word.length === longest);
}

/**
 * The group a column header in Måltal or Indstillinger names, one rule for both sheets (they once
 * disagreed: »Samlet måltal ekskl. fleksjob« was the combined column in one and fleksjob in the
 * other). Words after »ekskl.«, »eksklusive«, »excl.« or »uden« are what the column is not, and are
 * ignored. Then a scheme's own name wins (in the rulebook's order: the combined schemes before
 * fleksjob), then a group's own words (»samlet«). Without a rulebook: the newest built-in one.
 */
export function headerGroup(text: string, rulebook: Pick<Rulebook, "schemes" | "groups"> = latestBuiltin(), ownWordsOnly = false): string | undefined {
  const t = headerWords(text);
  // A rulebook written on Indstillinger says which words find each target's column (»Kolonne på
  // Måltal«, §5.3): only those count, and the longest word in the header wins (»seniorløntilskud«
  // before »løntilskud«). A scheme's name never claims a column there (review item 5). Two groups'
  // words of the same length is a tie: no group (parseMaaltal reports it, MAALTAL_COLUMN_TIE).
  if (ownWordsOnly) {
    const best = ownWordMatches(text, rulebook.groups);
    return best.length === 1 ? best[0]?.group : undefined;
  }
  // The schemes' own names first: »Fleksjob (samlet antal ansatte)« is fleksjob's column, »samlet«
  // there only says the count is a total. »Samlet« alone names the combined group.
  for (const s of rulebook.schemes) if (s.labels.some((l) => t.includes(l))) return s.group;
  for (const g of rulebook.groups) if (g.targetLabels.some((l) => t.includes(l))) return g.id;
  return undefined;
}
