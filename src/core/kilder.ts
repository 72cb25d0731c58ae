/**
 * The Kilder sheet: every input figure behind the status sheet, the cell it was read from (a link
 * to it) and any warning on that cell, so an analyst can audit any number of the notat in two
 * clicks. Built from the provenance the figures carry (UnitResult.sources), never looked up again.
 */
import { issueMessage, REPORT, SOURCES } from "../messages/da";
import type { SourceCell, StatusResult, UnitResult, WeightFractions } from "./compute";
import type { Issue } from "./issues";
import { footerText, printSetupFor, wrappedLines, type CellStyle, type LayoutLink, type LayoutValue, type Rect, type SheetLayout } from "./layout";
import { periodName } from "./period";
import { FONT_NAME, FONT_SIZE } from "./report";
import { forloebSchemes, recognised, schemesOf, type Rulebook } from "./rulebook";

/**
 * Column widths in characters: unit, figure, value, source cell, warnings. Narrow enough to print
 * portrait, one page wide (the figure and the warning wrap), so no column is cut off onto pages of its own.
 */
const KILDER_WIDTHS = [12, 38, 13, 18, 42] as const;
/** Rows per styled block of the body: small enough that a write band can end between blocks. */
const STYLE_BLOCK_ROWS = 500;

const COLS = SOURCES.header.length;
const LINE_PT = 15;


interface SourceRow {
  readonly unit: string;
  readonly what: string;
  readonly value: number | null;
  readonly source: SourceCell | undefined;
  /** What the source column says when there is no cell (a built-in default). */
  readonly noSource?: string;
  /** A range the row was read from as a whole (a Regelsæt on Indstillinger): linked like a cell, no warnings of its own. */
  readonly range?: SourceCell;
}

/**
 * The settings every figure depends on: the weights used (this year's and, with Tabel 2, last
 * year's) and the period's last month, each with the cell it was read from, or »standard«.
 */
function settingsRows(result: StatusResult): SourceRow[] {
  const rows: SourceRow[] = [];
  const src = result.settingsSources;
  const weightRows = (year: number, rulebook: Rulebook, weights: WeightFractions | null, cells: Partial<Record<string, SourceCell>>) => {
    if (!weights) return;
    // Every built-in group too (fritidsjob weighs 0 in 2024), as the sheet always listed them.
    for (const g of recognised(rulebook).groups) {
      rows.push({ unit: SOURCES.settingsUnit, what: SOURCES.weight(g.name, year), value: weights[g.id] ?? 0, source: cells[g.id], noSource: SOURCES.standardWeight });
    }
  };
  if (result.year !== null && result.rulebook) weightRows(result.year, result.rulebook, result.weights, src.weights);
  if (result.previous) weightRows(result.previous.year, result.previous.rulebook, result.previous.weights, src.previousWeights);
  rows.push({ unit: SOURCES.settingsUnit, what: SOURCES.lastMonth, value: result.lastMonth, source: src.lastMonth, noSource: SOURCES.standardMonth });
  return rows;
}

/**
 * The rulebook each year was counted by (issue 22): a row per target group with its schemes, and
 * where the rulebook came from: built in, or the range on Indstillinger it was read from.
 */
function rulebookRows(result: StatusResult): SourceRow[] {
  const books: [number, Rulebook][] = [];
  if (result.year !== null && result.rulebook) books.push([result.year, result.rulebook]);
  if (result.previous) books.push([result.previous.year, result.previous.rulebook]);
  return books.flatMap(([year, rb]) => {
    // A Regelsæt read from Indstillinger links to its range, as every other source links to its cell.
    const range = rb.source.kind === "sheet" ? { sheet: rb.source.sheet, cell: rb.source.range } : undefined;
    return rb.groups.map((g) => ({ unit: SOURCES.rulebookUnit, what: SOURCES.rulebookGroup(year, g.name, schemesOf(rb, g.id).map((s) => s.name)), value: null, source: undefined, noSource: SOURCES.rulebookBuiltin, ...(range ? { range } : {}) }));
  });
}

function rowsOf(u: UnitResult, label: string, rulebook: Rulebook): SourceRow[] {
  const rows: SourceRow[] = [];
  for (const s of rulebook.schemes) {
    const v = u.status[s.id];
    if (v !== undefined && v !== null) rows.push({ unit: label, what: SOURCES.status(s.name), value: v, source: u.sources.status[s.id] });
  }
  for (const s of forloebSchemes(rulebook)) {
    const v = u.forloeb[s.id];
    if (v !== undefined) rows.push({ unit: label, what: SOURCES.forloeb(s.name), value: v, source: u.sources.forloeb[s.id] });
  }
  for (const g of recognised(rulebook).groups) {
    const v = u.maal[g.id];
    if (v !== null && v !== undefined) rows.push({ unit: label, what: SOURCES.maal(g.name), value: v, source: u.sources.maal[g.id] });
  }
  return rows;
}

/** The warnings on one cell, as the sentences the user sees elsewhere. */
function warningsAt(issues: readonly Issue[], source: SourceCell | undefined): string {
  if (!source) return "";
  return issues
    .filter((i) => i.sheet === source.sheet && i.cell === source.cell)
    .map((i) => issueMessage(i))
    .join(" ");
}

/** The columns that wrap: the unit (»KK 2024 (forrige år)«), the figure and the warning (the header row wraps in every column). */
const WRAPPED = [0, 1, 4];

/** The lines the tallest wrapped cell of a row takes. */
function wrappedLinesOf(row: readonly (LayoutValue | string)[], columns: readonly number[] = WRAPPED): number {
  return Math.max(1, ...columns.map((c) => row[c]).map((v, i) => (typeof v === "string" && v !== "" ? wrappedLines(v, KILDER_WIDTHS[columns[i] ?? 0] ?? 10) : 1)));
}

/** Every row of the sheet in order: settings, the rulebooks, each forvaltning's figures, KK's, and the previous year's. */
function sourceRows(result: StatusResult): SourceRow[] {
  const rulebook = result.rulebook;
  return [
    ...settingsRows(result),
    ...rulebookRows(result),
    ...(rulebook ? result.forvaltninger.flatMap((u) => rowsOf(u, u.code, rulebook)) : []),
    ...(result.kk && rulebook ? rowsOf(result.kk, result.kk.code, rulebook) : []),
    ...(result.previous ? rowsOf(result.previous, SOURCES.previous(periodName(result.previous.year, result.previous.lastMonth)), result.previous.rulebook) : []),
  ];
}

export function buildSources(result: StatusResult, sheetName: string): SheetLayout {
  const year = result.year ?? 0;
  const rows = sourceRows(result);
  const blank = (): LayoutValue[] => new Array<LayoutValue>(COLS).fill(null);
  const title = blank();
  title[0] = SOURCES.title(year, result.lastMonth);
  // Without weights in either year there are none to list first: the intro says what is there.
  const introText = result.weights || result.previous?.weights ? SOURCES.intro : SOURCES.introNoWeights;
  const intro = blank();
  intro[0] = introText;
  const values: LayoutValue[][] = [title, intro, blank(), [...SOURCES.header]];
  const links: LayoutLink[] = [];
  // Rows whose wrapped texts take more than one line get the height they need (hosts do not fit row heights to wrapped text on open).
  const rowHeights: { row: number; height: number }[] = [{ row: 1, height: wrappedLines(introText, KILDER_WIDTHS.reduce((a, w) => a + w, 0)) * LINE_PT + 4 }];
  const header = wrappedLinesOf(SOURCES.header, KILDER_WIDTHS.map((_, c) => c));
  if (header > 1) rowHeights.push({ row: 3, height: header * LINE_PT });
  for (const r of rows) {
    const at = values.length;
    const target = r.source ?? r.range;
    const row: LayoutValue[] = [r.unit, r.what, r.value, target ? `${target.sheet}!${target.cell}` : r.noSource ?? "–", warningsAt(result.issues, r.source)];
    values.push(row);
    const lines = wrappedLinesOf(row);
    if (lines > 1) rowHeights.push({ row: at, height: lines * LINE_PT });
    if (target) links.push({ row: at, col: 3, sheet: target.sheet, cell: target.cell });
  }
  const all = (r1: number, r2: number): Rect => ({ r1, c1: 0, r2, c2: COLS - 1 });
  const styles: { rect: Rect; style: CellStyle }[] = [
    { rect: { r1: 0, c1: 0, r2: 0, c2: 0 }, style: { bold: true, size: 14 } },
    { rect: all(1, 1), style: { wrap: true, vertical: "top" } },
    { rect: all(3, 3), style: { bold: true, fill: "#DDEBF7", border: "thin", wrap: true, vertical: "top" } },
  ];
  // The body's styles go in blocks of rows, so a long Kilder sheet can be written in several
  // requests (a write band never cuts through a styled rectangle).
  for (let r1 = 4; r1 <= 3 + rows.length; r1 += STYLE_BLOCK_ROWS) {
    const r2 = Math.min(3 + rows.length, r1 + STYLE_BLOCK_ROWS - 1);
    styles.push({ rect: all(r1, r2), style: { border: "thin", vertical: "top" } });
    if (links.length > 0) styles.push({ rect: { r1, c1: 3, r2, c2: 3 }, style: { color: "#0563C1" } });
    // Long figure names and warnings wrap inside their column rather than run over the page's edge.
    styles.push({ rect: { r1, c1: 0, r2, c2: 1 }, style: { wrap: true } });
    styles.push({ rect: { r1, c1: 4, r2, c2: 4 }, style: { wrap: true } });
  }
  return {
    sheetName,
    fontName: FONT_NAME,
    fontSize: FONT_SIZE,
    values,
    numberFormats: values.map((r) => r.map(() => null)),
    merges: [all(1, 1)],
    styles,
    columnWidths: [...KILDER_WIDTHS],
    rowHeights,
    links,
    print: printSetupFor(KILDER_WIDTHS, "portrait", { footer: { left: footerText(SOURCES.title(year)), right: REPORT.footerPages } }),
  };
}
