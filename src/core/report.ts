import { REPORT } from "../messages/da";
import { FORLOEB_TOTAL, WEIGHTED, type StatusResult, type UnitResult } from "./compute";
import type { Issue } from "./issues";
import { charsToPoints, footerText, pageCapacity, pointsToChars, printSetupFor, wrappedLines, type CellStyle, type LayoutValue, type Rect, type SheetLayout } from "./layout";
import { footnoteTable2, periodName } from "./period";
import { ruleFootnotes, schemeRowLabel, tableColumns, tableTitleKK, weightsFootnote } from "./rule-texts";
import { summaryParagraphs } from "./summary";
import { schemesOf, type Rulebook, type SchemeRule } from "./rulebook";

export const FONT_NAME = "Calibri";
export const FONT_SIZE = 11;
export const FORMAT_INT = "#,##0";
export const FORMAT_PCT = '0" pct."';
/** Column widths in characters: label, Status, Samlet status, Samlet måltal, Procentvis målopfyldelse, Antal forløb. */
export const COLUMN_WIDTHS = [46, 10, 12, 12, 15, 16] as const;
const COLS = COLUMN_WIDTHS.length;
/** The merged width of a paragraph, in characters (the sum of the columns' widths, as Excel adds their pixels). */
const FULL_WIDTH = pointsToChars(COLUMN_WIDTHS.reduce((sum, w) => sum + charsToPoints(w), 0));
/** A line of text is about 1.35 × the font size (15 pt for Calibri 11, Excel's default row). */
const LINE_HEIGHT = 1.35;
/** The space under each paragraph of the summary. */
const PARAGRAPH_GAP_PT = 6;
const HEADER_FILL = "#DDEBF7";
const TOTAL_FILL = "#F2F2F2";

/** Builds the sheet row by row; keeps values, formats, merges and styles in step. */
class SheetBuilder {
  readonly values: LayoutValue[][] = [];
  readonly formats: (string | null)[][] = [];
  readonly merges: Rect[] = [];
  readonly styles: { rect: Rect; style: CellStyle }[] = [];
  readonly heights: { row: number; height: number }[] = [];

  get row(): number {
    return this.values.length;
  }

  add(cells: readonly LayoutValue[], formats: readonly (string | null)[] = []): number {
    const r = this.row;
    // A plain loop: Array.from over an array-like was a fifth of the engine's time at 700 forvaltninger.
    const values: LayoutValue[] = [];
    const fmts: (string | null)[] = [];
    for (let i = 0; i < COLS; i++) {
      values.push(cells[i] ?? null);
      fmts.push(formats[i] ?? null);
    }
    this.values.push(values);
    this.formats.push(fmts);
    return r;
  }

  blank(): void {
    this.add([]);
  }

  /** A text across the full width, wrapped, with a height that fits it. */
  paragraph(text: string, style: CellStyle = {}, charsPerLine = 100): number {
    const r = this.add([text]);
    this.merges.push({ r1: r, c1: 0, r2: r, c2: COLS - 1 });
    this.styles.push({ rect: { r1: r, c1: 0, r2: r, c2: COLS - 1 }, style: { wrap: true, vertical: "top", ...style } });
    const lines = Math.max(1, Math.ceil(text.length / charsPerLine));
    if (lines > 1 || (style.size ?? FONT_SIZE) > FONT_SIZE) {
      this.heights.push({ row: r, height: Math.ceil(lines * 1.35 * (style.size ?? FONT_SIZE)) + 2 });
    }
    return r;
  }

  /**
   * A paragraph of running text (the summary): its height is its wrapped lines plus the same gap
   * below every paragraph, so the paragraphs are evenly spaced whatever their length.
   */
  prose(text: string, style: CellStyle = {}): number {
    const r = this.add([text]);
    this.merges.push({ r1: r, c1: 0, r2: r, c2: COLS - 1 });
    this.styles.push({ rect: { r1: r, c1: 0, r2: r, c2: COLS - 1 }, style: { wrap: true, vertical: "top", ...style } });
    const size = style.size ?? FONT_SIZE;
    this.heights.push({ row: r, height: wrappedLines(text, (FULL_WIDTH * FONT_SIZE) / size) * Math.ceil(size * LINE_HEIGHT) + PARAGRAPH_GAP_PT });
    return r;
  }

  style(r1: number, c1: number, r2: number, c2: number, style: CellStyle): void {
    this.styles.push({ rect: { r1, c1, r2, c2 }, style });
  }
}

const pctOrDash = (v: number | null | undefined): LayoutValue => (v === null || v === undefined ? REPORT.noValue : v);
const fmtPct = (v: number | null | undefined): string | null => (v === null || v === undefined ? null : FORMAT_PCT);
const numOrBlank = (v: number | null): LayoutValue => v;
const fmtInt = (v: number | null): string | null => (v === null ? null : FORMAT_INT);

/** A scheme's row label, a table's columns and Tabel 1's title, by the rulebook (rule-texts.ts). */
export { schemeRowLabel, tableColumns, tableTitleKK } from "./rule-texts";

/** The index of the last group with a scheme that reports forløb: the »Antal forløb« row follows it. */
export function forloebAfter(rulebook: Rulebook): number {
  let at = -1;
  rulebook.groups.forEach((g, i) => {
    if (schemesOf(rulebook, g.id).some((s) => s.reportsForloeb)) at = i;
  });
  return at;
}

/** One group's rows: a row per scheme; a group of several schemes has its summary cells merged over its rows, as in the notat. */
function groupRows(b: SheetBuilder, unit: UnitResult, rulebook: Rulebook, group: string): number {
  const m = unit.maalopfyldelse;
  const maal = unit.maal[group] ?? null;
  const schemes = schemesOf(rulebook, group);
  const forloeb = (s: SchemeRule): [LayoutValue, string | null] => (s.reportsForloeb ? [unit.forloeb[s.id] ?? null, FORMAT_INT] : [null, null]);
  if (schemes.length === 1 && schemes[0]) {
    const s = schemes[0];
    const [f, ff] = forloeb(s);
    return b.add([schemeRowLabel(s, rulebook), unit.status[s.id] ?? null, null, numOrBlank(maal), pctOrDash(m?.[group]), f], [null, FORMAT_INT, null, fmtInt(maal), fmtPct(m?.[group]), ff]);
  }
  let first = -1;
  let last = -1;
  schemes.forEach((s, i) => {
    const [f, ff] = forloeb(s);
    const summary: LayoutValue[] = i === 0 ? [unit.status[group] ?? null, numOrBlank(maal), pctOrDash(m?.[group])] : [null, null, null];
    const formats = i === 0 ? [FORMAT_INT, fmtInt(maal), fmtPct(m?.[group])] : [null, null, null];
    last = b.add([schemeRowLabel(s, rulebook), unit.status[s.id] ?? null, ...summary, f], [null, FORMAT_INT, ...formats, ff]);
    if (i === 0) first = last;
  });
  for (const c of [2, 3, 4]) b.merges.push({ r1: first, c1: c, r2: last, c2: c });
  b.style(first, 2, last, 4, { vertical: "center", horizontal: "center" });
  return first;
}

/** One status table in the notat's layout: the rulebook's groups in order, the forløb total, the weighted total (when the rulebook weighs). */
function table(b: SheetBuilder, title: string, unit: UnitResult, year: number | string, rulebook: Rulebook): void {
  const m = unit.maalopfyldelse;
  b.paragraph(title, { bold: true }, 90);
  const header = b.add([unit.code, ...tableColumns(year, rulebook)]);
  b.style(header, 0, header, COLS - 1, { bold: true, fill: HEADER_FILL, wrap: true, vertical: "center", horizontal: "center" });
  b.style(header, 0, header, 0, { horizontal: "left" });
  b.heights.push({ row: header, height: 30 });

  const forloebAt = forloebAfter(rulebook);
  let first = -1;
  rulebook.groups.forEach((g, i) => {
    const r = groupRows(b, unit, rulebook, g.id);
    if (first < 0) first = r;
    if (i !== forloebAt) return;
    const forloeb = b.add([REPORT.rows.forloeb, null, null, null, null, unit.forloeb[FORLOEB_TOTAL] ?? null], [null, null, null, null, null, FORMAT_INT]);
    b.style(forloeb, 0, forloeb, COLS - 1, { italic: true });
  });
  if (rulebook.weights) {
    const total = b.add([REPORT.rows.vaegtet, null, null, null, pctOrDash(m?.[WEIGHTED]), null], [null, null, null, null, fmtPct(m?.[WEIGHTED]), null]);
    b.style(total, 0, total, COLS - 1, { bold: true, fill: TOTAL_FILL });
  }
  const end = b.row - 1;
  b.style(first, 1, end, COLS - 1, { horizontal: "center" });
  b.style(header, 0, end, COLS - 1, { border: "thin" });
  b.blank();
}

/** A result with what the sheet needs: its year, rulebook and KK's figures. */
type CompleteResult = StatusResult & { readonly year: number; readonly rulebook: Rulebook; readonly kk: UnitResult };

/** The tables in order, each a block of its own: Tabel 1 (KK), Tabel 2 (previous year, or a note why not), one per forvaltning. */
function reportTables(b: SheetBuilder, result: CompleteResult, label: string, blocks: number[]): void {
  const { year, rulebook, kk } = result;
  let n = 1;
  blocks.push(b.row);
  table(b, tableTitleKK(n++, label, rulebook), kk, label, rulebook);
  if (!result.previous) {
    // Tabel 2 is not silently gone: the note stands where it would be, and says why.
    b.prose(REPORT.noPrevious(year - 1, previousLeftOut(result.issues)), NOTE_STYLE);
    b.blank();
  } else {
    blocks.push(b.row);
    const prevLabel = periodName(result.previous.year, result.previous.lastMonth);
    table(b, tableTitleKK(n++, prevLabel, result.previous.rulebook), result.previous, prevLabel, result.previous.rulebook);
  }
  for (const u of result.forvaltninger) {
    blocks.push(b.row);
    table(b, REPORT.tableTitleUnit(n++, u.name, label), u, label, rulebook);
  }
}

/** The footnotes under the tables: the rulebook's own, or the built-in ones; then the weights (***), oldest year first. */
function reportFootnotes(b: SheetBuilder, result: CompleteResult, label: string): void {
  const { year, rulebook, weights, lastMonth } = result;
  // Tabel 2's month and period, when they are not simply last year's whole year (footnoteTable2).
  const t2 = footnoteTable2(result.previous, lastMonth);
  const own = ruleFootnotes({ rulebook, year, lastMonth, label });
  if (own) for (const f of own) b.paragraph(f, { size: 9 }, 120);
  else {
    b.paragraph(REPORT.footnoteHeadCount(year, lastMonth, t2), { size: 9 });
    b.paragraph(REPORT.footnoteForloeb(label, t2 ? periodName(t2.year, t2.month) : undefined), { size: 9 }, 120);
  }
  // Oldest year first, as in the notat; the *** goes on the first.
  // A year without weights has no weighted total, and no footnote *** (the first weighted year has the stars).
  const prevWeights = result.previous?.weights;
  if (result.previous && prevWeights) b.paragraph(weightsFootnote(result.previous.rulebook, result.previous.year, prevWeights, true, result.previous.lastMonth), { size: 9 }, 120);
  if (weights) b.paragraph(weightsFootnote(rulebook, year, weights, !prevWeights, lastMonth), { size: 9 }, 120);
}

/** The `Status <year>` sheet: title, summary, Tabel 1 (KK), Tabel 2 (previous year), a table per forvaltning, footnotes. */
export function buildReport(result: StatusResult, sheetName?: string): SheetLayout {
  if (result.year === null || result.rulebook === null || result.kk === null) {
    throw new Error("buildReport needs a complete result; check issues first");
  }
  const complete: CompleteResult = { ...result, year: result.year, rulebook: result.rulebook, kk: result.kk };
  const { year, lastMonth } = complete;
  // »2025«, or »januar–september 2025« for a part year: titles and headings name the period.
  const label = periodName(year, lastMonth);
  const print = printSetupFor(COLUMN_WIDTHS, "portrait", { footer: { left: footerText(REPORT.title(year, lastMonth)), right: REPORT.footerPages } });
  const b = new SheetBuilder();
  const blocks: number[] = [0];
  b.paragraph(REPORT.title(year, lastMonth), { bold: true, size: 14 });
  b.paragraph(REPORT.period(year, lastMonth), { italic: true });
  b.blank();
  for (const p of summaryParagraphs(result)) b.prose(p);
  b.blank();
  reportTables(b, complete, label, blocks);
  blocks.push(b.row);
  reportFootnotes(b, complete, label);
  b.blank();
  b.paragraph(REPORT.producedBy, NOTE_STYLE, 120);

  return {
    sheetName: sheetName ?? REPORT.sheetName(year),
    fontName: FONT_NAME,
    fontSize: FONT_SIZE,
    values: b.values,
    numberFormats: b.formats,
    merges: b.merges,
    styles: b.styles,
    columnWidths: [...COLUMN_WIDTHS],
    rowHeights: b.heights,
    pageBreaks: pageBreaks(blocks, b.row, b.heights, pageCapacity(print.scale, print.orientation)),
    print,
    showGridlines: false,
  };
}

const DEFAULT_ROW_PT = 15;

/** Jobstatus's own notes on the sheet (not the notat's text): small, grey, italic. */
const NOTE_STYLE: CellStyle = { italic: true, size: 9, color: "#595959" };

/** Codes that mean the workbook has a Forrige år sheet that could not be used. */
const PREVIOUS_PROBLEMS = new Set(["PREVIOUS_LEFT_OUT", "PREVIOUS_YEAR_MISMATCH", "PREVIOUS_WEIGHTS_UNKNOWN"]);

/** Whether Tabel 2 is missing because its sheet had problems (true) or because there is no such sheet (false). */
export function previousLeftOut(issues: readonly Pick<Issue, "code">[]): boolean {
  return issues.some((i) => PREVIOUS_PROBLEMS.has(i.code));
}

/**
 * Greedy page breaks: a block (the intro, each table, the footnotes) starts a new page if it would
 * not fit in `capacity` sheet points (see {@link pageCapacity}).
 */
export function pageBreaks(blockStarts: readonly number[], rowCount: number, heights: readonly { row: number; height: number }[], capacity: number): number[] {
  const h = new Map(heights.map((x) => [x.row, x.height]));
  const height = (from: number, to: number) => {
    let sum = 0;
    for (let r = from; r < to; r++) sum += h.get(r) ?? DEFAULT_ROW_PT;
    return sum;
  };
  const breaks: number[] = [];
  let used = 0;
  blockStarts.forEach((start, i) => {
    const end = blockStarts[i + 1] ?? rowCount;
    const size = height(start, end);
    if (used > 0 && used + size > capacity) {
      breaks.push(start);
      used = 0;
    }
    used += size;
  });
  return breaks;
}
