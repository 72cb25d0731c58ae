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

/** One place a group's word stands in a header: [start, end). */
interface Hit extends WordMatch {
  readonly start: number;
  readonly end: number;
}

/** Every place each group's words occur in the (already lowered) header text. */
function hitsIn(t: string, words: readonly { readonly group: string; readonly labels: readonly string[] }[]): Hit[] {
  const hits: Hit[] = [];
  for (const { group, labels } of words) {
    for (const word of labels) {
      if (word === "") continue;
      for (let at = t.indexOf(word); at >= 0; at = t.indexOf(word, at + 1)) hits.push({ group, word, start: at, end: at + word.length });
    }
  }
  return hits;
}

/**
 * The groups a header's words name, each with its longest word there: a word that lies inside a
 * longer word found at the same place is part of that word, not a word of its own (»løntilskud«
 * inside »seniorløntilskud«). One entry is the header's group; two or more are an ambiguous header
 * naming two targets, which jobstatus never settles by itself (a wrong column is a wrong figure).
 */
function namedGroups(t: string, words: readonly { readonly group: string; readonly labels: readonly string[] }[]): WordMatch[] {
  const hits = hitsIn(t, words);
  const inside = (h: Hit, o: Hit) => o !== h && o.start <= h.start && h.end <= o.end && o.end - o.start > h.end - h.start;
  const standing = hits.filter((h) => !hits.some((o) => inside(h, o)));
  const out: WordMatch[] = [];
  for (const { group } of words) {
    if (out.some((m) => m.group === group)) continue;
    const word = standing.filter((h) => h.group === group).reduce<string | undefined>((a, h) => (a === undefined || h.word.length > a.length ? h.word : a), undefined);
    if (word !== undefined) out.push({ group, word });
  }
  return out;
}

/**
 * The groups a header names by a rulebook's own target words (»Kolonne på Måltal«), each with its
 * longest word there, in the rulebook's order. One entry is the header's group; two or more (»Senior-
 * og voksenjob« with the words »senior« and »voksen«) name two targets and are an error; none, no
 * target column. A word inside a longer one (»løntilskud« in »seniorløntilskud«) is no word of its own.
 */
export function ownWordMatches(text: string, groups: readonly Pick<GroupRule, "id" | "targetLabels">[]): WordMatch[] {
  return namedGroups(headerWords(text), groups.map((g) => ({ group: g.id, labels: g.targetLabels })));
}

/**
 * The groups a header names, one rule for every rulebook and for Måltal and Indstillinger (they once
 * disagreed: »Samlet måltal ekskl. fleksjob« was the combined column in one and fleksjob in the
 * other). Words after »ekskl.«, »eksklusive«, »excl.« or »uden« are what the column is not, and are
 * ignored. A rulebook written on Indstillinger: only its own target words (»Kolonne på Måltal«, §5.3;
 * a scheme's name never claims a column there, review item 5). The built-in rulebooks: the schemes'
 * own names first (»Fleksjob (samlet antal ansatte)« is fleksjob's column: »samlet« there only says
 * the count is a total), and only where no scheme is named a group's own word (»samlet«). Either
 * way, words of two targets in one header (»Fleksjob og fritidsjob«) give two entries: ambiguous.
 */
export function headerMatches(text: string, rulebook: Pick<Rulebook, "schemes" | "groups"> = latestBuiltin(), ownWordsOnly = false): WordMatch[] {
  if (ownWordsOnly) return ownWordMatches(text, rulebook.groups);
  const t = headerWords(text);
  const bySchemes = namedGroups(t, rulebook.schemes.map((s) => ({ group: s.group, labels: s.labels })));
  return bySchemes.length > 0 ? bySchemes : namedGroups(t, rulebook.groups.map((g) => ({ group: g.id, labels: g.targetLabels })));
}

/**
 * The group a column header in Måltal or Indstillinger names (headerMatches), or undefined: none,
 * or two targets named (parseMaaltal reports that, MAALTAL_COLUMN_TIE). Without a rulebook: the newest built-in one.
 */
export function headerGroup(text: string, rulebook: Pick<Rulebook, "schemes" | "groups"> = latestBuiltin(), ownWordsOnly = false): string | undefined {
  const matches = headerMatches(text, rulebook, ownWordsOnly);
  return matches.length === 1 ? matches[0]?.group : undefined;
}
