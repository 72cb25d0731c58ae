/**
 * The Word notat as a host-neutral layout: headings, paragraphs, a bullet list and tables, built
 * from the same StatusResult as the status sheet. One small adapter (src/word) renders it with
 * `docx`; the core never imports it.
 */
import { MONTHS, NOTAT, NOTAT_FIELD_LABELS, REPORT } from "../messages/da";
import type { StatusResult, UnitResult } from "./compute";
import type { SheetGrid, WorkbookGrid } from "./grid";
import { readNotatSettings, type CalendarDate, type NotatField, type NotatSettings, type NotatValue } from "./notat-settings";
import { formatDanish, formatPct } from "./numbers";
import { comparableWithPrevious, footnoteTable2, isWholeYear, periodName, reportPeriod, type ReportPeriod } from "./period";
import { GROUP_KEYS, SCHEMES, type GroupKey, type SchemeKey } from "./schemes";
import { SETTINGS_SHEET_NAMES } from "./settings";
import { summaryParagraphs } from "./summary";
import { normalizeCode } from "./text";
import type { Weights } from "./weights";

/** A piece of text; `toFill` marks a field the user must fill in (highlighted in Word). */
export interface NotatRun {
  readonly text: string;
  readonly bold?: boolean;
  readonly toFill?: boolean;
}

/** Paragraph roles; the adapter maps them to Word's own styles (Normal, Heading, List). */
export type NotatParagraphStyle = "normal" | "meta" | "metaLabel" | "sender" | "tableTitle" | "footnote";

export interface NotatParagraph {
  readonly kind: "paragraph";
  readonly style: NotatParagraphStyle;
  readonly runs: readonly NotatRun[];
  /** Starts a new page (the tables come three to a page, so none is split). */
  readonly pageBreakBefore?: boolean;
}

export interface NotatHeading {
  readonly kind: "heading";
  /** "title" is the notat's »NOTAT«; 1 is the notat's title. */
  readonly level: "title" | 1;
  readonly text: string;
}

export interface NotatBullets {
  readonly kind: "bullets";
  readonly items: readonly string[];
}

export interface NotatCell {
  readonly text: string;
  /** Rows this cell spans downwards (the combined group's cells span its three rows). */
  readonly rowSpan?: number;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly align: "left" | "center";
}

export interface NotatTable {
  readonly kind: "table";
  /** Relative column widths. */
  readonly columnWidths: readonly number[];
  /** The first row is the header (bold, repeated on a new page). */
  readonly rows: readonly (readonly (NotatCell | null)[])[];
}

export type NotatBlock = NotatHeading | NotatParagraph | NotatBullets | NotatTable;

export interface NotatLayout {
  readonly year: number;
  readonly blocks: readonly NotatBlock[];
  /** Lines of the page header on every page after the first (bold, as in the notat). */
  readonly pageHeader: readonly (readonly NotatRun[])[];
  /** The page footer's page number: »Side 2 af 4«. */
  readonly pageNumber: { readonly before: string; readonly between: string };
  /** Names of the fields left to fill in (none when Indstillinger has them all). */
  readonly toFill: readonly string[];
  readonly fileName: string;
}

export interface NotatOptions {
  /** The notat's date when Indstillinger gives none: the day it is made. */
  readonly today: CalendarDate;
}

/** Relative widths of the notat's table columns: label, Status, Samlet status, Samlet måltal, Procentvis målopfyldelse, Antal forløb. */
export const NOTAT_COLUMN_WIDTHS = [29, 10, 11, 11, 18, 16] as const;
/** Tables per printed page: three of the notat's tables fit an A4 page, as in the notat. */
export const TABLES_PER_PAGE = 3;

/** The notat's fields from the workbook's Indstillinger sheet(s). */
export function notatSettingsOf(workbook: WorkbookGrid): NotatSettings {
  return readNotatSettings(workbook.sheets.filter((s: SheetGrid) => SETTINGS_SHEET_NAMES.includes(normalizeCode(s.name))));
}

/** Collects the texts of a notat and the fields it had to leave open. */
class Fields {
  readonly missing: string[] = [];
  constructor(private readonly settings: NotatSettings) {}

  /** The field as text (dates as `format` writes them), or a marked field to fill in. */
  run(field: NotatField, name: string, format: (d: CalendarDate) => string, bold = false): NotatRun {
    const v: NotatValue | undefined = this.settings[field];
    if (v === undefined) return this.open(name, bold);
    return { text: "date" in v ? format(v.date) : v.text, ...(bold ? { bold } : {}) };
  }

  open(name: string, bold = false): NotatRun {
    if (!this.missing.includes(name)) this.missing.push(name);
    return { text: NOTAT.toFill(name), toFill: true, ...(bold ? { bold } : {}) };
  }

  value(field: NotatField, format: (d: CalendarDate) => string): string | undefined {
    const v = this.settings[field];
    return v === undefined ? undefined : "date" in v ? format(v.date) : v.text;
  }
}

const longDate = (d: CalendarDate): string => NOTAT.longDate(d.year, d.month, d.day);
const shortDate = (d: CalendarDate): string => NOTAT.shortDate(d.year, d.month, d.day);

const para = (runs: readonly NotatRun[] | string, style: NotatParagraphStyle = "normal", pageBreakBefore = false): NotatParagraph => ({
  kind: "paragraph",
  style,
  runs: typeof runs === "string" ? [{ text: runs }] : runs,
  ...(pageBreakBefore ? { pageBreakBefore } : {}),
});

/** Splits a sentence built with placeholder markers into plain runs and runs to fill in. */
const MARK_OPEN = "\u0001";
const MARK_CLOSE = "\u0002";
function runsOf(text: string): NotatRun[] {
  const out: NotatRun[] = [];
  for (const [i, part] of text.split(new RegExp(`[${MARK_OPEN}${MARK_CLOSE}]`)).entries()) {
    if (part === "") continue;
    out.push(i % 2 === 1 ? { text: part, toFill: true } : { text: part });
  }
  return out;
}

/** The front page: heading, title, period, schemes, date and case numbers. */
function frontMatter(year: number, period: ReportPeriod, weights: Weights, f: Fields): NotatBlock[] {
  const periodText = NOTAT.period(period.firstMonth, period.lastMonth, year);
  const blocks: NotatBlock[] = [
    { kind: "heading", level: "title", text: NOTAT.heading },
    { kind: "heading", level: 1, text: NOTAT.title(year, period.lastMonth) },
    para(NOTAT.intro(periodText)),
    { kind: "bullets", items: NOTAT.schemeList(weights.fritidsjob > 0) },
    para([f.run("dato", NOTAT.fieldNames.dato, shortDate)], "meta"),
  ];
  const cases: [NotatField, string][] = [
    ["sagsnummerF2", NOTAT.fieldNames.sagsnummerF2],
    ["dokumentnummerF2", NOTAT.fieldNames.dokumentnummerF2],
    ["sagsnummerEdoc", NOTAT.fieldNames.sagsnummerEdoc],
  ];
  for (const [field, name] of cases) {
    blocks.push(para(caseLabel(field), "metaLabel"));
    blocks.push(para([f.run(field, name, shortDate)], "meta"));
  }
  return blocks;
}

/** The case-number labels read as on the Indstillinger sheet. */
const caseLabel = (field: NotatField): string => NOTAT_FIELD_LABELS[field];

const ADOPTED_FIELD: Readonly<Record<GroupKey, NotatField>> = { samlet: "vedtagetSamlet", fleksjob: "vedtagetFleksjob", fritidsjob: "vedtagetFritidsjob" };
/** The notat lists virksomhedspraktik first. */
const NOTAT_SCHEME_ORDER: readonly SchemeKey[] = ["virksomhedspraktik", "loentilskud", "smaajob", "fleksjob", "fritidsjob"];

/** »… vedtaget af Borgerrepræsentationen den 1. februar 2024 for ordningerne … og den 28. november 2024 for fritidsjob.« */
function adoptedParagraph(weights: Weights, f: Fields): NotatParagraph {
  const groups = GROUP_KEYS.filter((g) => weights[g] > 0);
  // Schemes adopted on the same date share one clause, in the order of their first mention.
  const byDate = new Map<string, SchemeKey[]>();
  for (const g of groups) {
    const field = ADOPTED_FIELD[g];
    const date = f.value(field, longDate) ?? `${MARK_OPEN}${f.open(NOTAT.fieldNames.vedtaget).text}${MARK_CLOSE}`;
    const schemes = NOTAT_SCHEME_ORDER.filter((k) => SCHEMES[k].group === g);
    byDate.set(date, [...(byDate.get(date) ?? []), ...schemes]);
  }
  const clauses = [...byDate.entries()].map(([date, schemes]) => NOTAT.adoptedClause(date, schemes));
  return para(runsOf(`${NOTAT.adopted(clauses)} ${NOTAT.targetsExplained(weights.fritidsjob > 0)}`));
}

function methodParagraphs(year: number, period: ReportPeriod, weights: Weights, f: Fields): NotatBlock[] {
  const whole = isWholeYear(period);
  const span = NOTAT.wholeOrPeriod(whole, NOTAT.period(period.firstMonth, period.lastMonth, year), year);
  const month = monthName(period.lastMonth);
  const out: NotatBlock[] = [adoptedParagraph(weights, f), para(NOTAT.methodCombined(span)), para(NOTAT.methodFleksjob(month, year, whole))];
  if (weights.fritidsjob > 0) out.push(para(NOTAT.methodFritidsjob(span)));
  return out;
}

const monthName = (month: number): string => MONTHS[month - 1] ?? "";

/** The generated summary: the status sheet's sentences, led by the notat's pointer to tables 1 and 2. */
function summaryBlocks(result: StatusResult, year: number): NotatBlock[] {
  const [first, ...rest] = summaryParagraphs(result);
  const prev = result.previous;
  const lead = NOTAT.tablesKK(periodName(year, result.lastMonth), prev ? periodName(prev.year, prev.lastMonth) : null, comparableWithPrevious(result));
  return [para(first === undefined ? lead : `${lead} ${first}`), ...rest.map((p) => para(p))];
}

function senderBlock(f: Fields): NotatBlock[] {
  return [
    para([f.run("afsender", NOTAT.fieldNames.afsender, shortDate)], "sender"),
    para([f.run("adresse", NOTAT.fieldNames.adresse, shortDate)], "sender"),
    para([f.run("postnummerBy", NOTAT.fieldNames.postnummerBy, shortDate)], "sender"),
  ];
}

const num = (v: number | null): string => (v === null ? "" : formatDanish(v));
const pctOrDash = (v: number | null | undefined, target: number | null): string =>
  v === null || v === undefined ? (target === null ? "" : REPORT.noValue) : formatPct(v);
const left = (text: string, extra: Partial<NotatCell> = {}): NotatCell => ({ text, align: "left", ...extra });
const mid = (text: string, extra: Partial<NotatCell> = {}): NotatCell => ({ text, align: "center", ...extra });

/** One status table in the notat's layout: the combined group's summary cells span its three rows. */
export function notatTable(unit: UnitResult, year: number | string, weights: Weights): NotatTable {
  const m = unit.maalopfyldelse;
  const s = unit.status;
  const fo = unit.forloeb;
  const rows: (NotatCell | null)[][] = [
    [left(unit.code, { bold: true }), ...REPORT.columns(year).map((c) => mid(c, { bold: true }))],
    [
      left(REPORT.rows.loentilskud),
      mid(num(s.loentilskud)),
      mid(num(s.samlet), { rowSpan: 3 }),
      mid(num(unit.maal.samlet), { rowSpan: 3 }),
      mid(pctOrDash(m?.samlet, unit.maal.samlet), { rowSpan: 3 }),
      mid(num(fo.loentilskud)),
    ],
    [left(REPORT.rows.virksomhedspraktik), mid(num(s.virksomhedspraktik)), null, null, null, mid(num(fo.virksomhedspraktik))],
    [left(REPORT.rows.smaajob), mid(num(s.smaajob)), null, null, null, mid(num(fo.smaajob))],
    [left(REPORT.rows.forloeb, { italic: true }), mid(""), mid(""), mid(""), mid(""), mid(num(fo.i_alt), { italic: true })],
    [left(REPORT.rows.fleksjob), mid(num(s.fleksjob)), mid(""), mid(num(unit.maal.fleksjob)), mid(pctOrDash(m?.fleksjob, unit.maal.fleksjob)), mid("")],
  ];
  if (weights.fritidsjob > 0) {
    rows.push([left(REPORT.rows.fritidsjob), mid(num(s.fritidsjob)), mid(""), mid(num(unit.maal.fritidsjob)), mid(pctOrDash(m?.fritidsjob, unit.maal.fritidsjob)), mid("")]);
  }
  rows.push([left(REPORT.rows.vaegtet, { bold: true }), mid(""), mid(""), mid(""), mid(m ? formatPct(m.vaegtet) : REPORT.noValue, { bold: true }), mid("")]);
  return { kind: "table", columnWidths: [...NOTAT_COLUMN_WIDTHS], rows };
}

/** Tabel 1 (KK), Tabel 2 (previous year), one per forvaltning, three to a page, then the footnotes. */
function tableBlocks(result: StatusResult, year: number, weights: Weights, kk: UnitResult, period: ReportPeriod): NotatBlock[] {
  const tables: { title: string; table: NotatTable }[] = [];
  // »2025«, or »januar–juni 2025«: every title, column heading and footnote names the period.
  const label = periodName(year, period.lastMonth);
  const prev = result.previous;
  let n = 1;
  tables.push({ title: REPORT.tableTitleKK(n++, label), table: notatTable(kk, label, weights) });
  if (prev) {
    const prevLabel = periodName(prev.year, prev.lastMonth);
    tables.push({ title: REPORT.tableTitleKK(n++, prevLabel), table: notatTable(prev, prevLabel, prev.weights) });
  }
  const firstUnit = n;
  for (const u of result.forvaltninger) tables.push({ title: REPORT.tableTitleUnit(n++, u.name, label), table: notatTable(u, label, weights) });

  const periodText = NOTAT.period(period.firstMonth, period.lastMonth, year);
  const count = result.forvaltninger.length;
  const out: NotatBlock[] = [];
  if (count > 0) out.push(para(NOTAT.tablesUnits(firstUnit, n - 1, count, periodText), "normal", true));
  tables.forEach((t, i) => {
    // The first page of tables starts with the pointer paragraph above; later pages with a table.
    const newPage = i % TABLES_PER_PAGE === 0 && (i > 0 || count === 0);
    out.push(para(t.title, "tableTitle", newPage), t.table);
  });

  const t2 = footnoteTable2(prev, period.lastMonth);
  out.push(para(NOTAT.footnoteFleksjob(monthName(period.lastMonth), year, t2), "footnote"));
  out.push(para(REPORT.footnoteForloeb(label, t2 ? periodName(t2.year, t2.month) : undefined), "footnote"));
  // Oldest year first, as in the notat; the *** goes on the first.
  const years: [number, Weights, number][] = prev ? [[prev.year, prev.weights, prev.lastMonth], [year, weights, period.lastMonth]] : [[year, weights, period.lastMonth]];
  years.forEach(([y, w, m], i) => out.push(para(REPORT.footnoteWeights(y, w, i === 0, m), "footnote")));
  return out;
}

/** The whole notat. Needs a complete result (no errors), like the status sheet. */
export function buildNotat(result: StatusResult, settings: NotatSettings, options: NotatOptions): NotatLayout {
  const period = reportPeriod(result);
  if (result.year === null || result.weights === null || result.kk === null || period === null) {
    throw new Error("buildNotat needs a complete result; check issues first");
  }
  const { year, weights, kk } = result;
  const f = new Fields({ dato: { date: options.today }, ...settings });
  const blocks: NotatBlock[] = [
    ...frontMatter(year, period, weights, f),
    ...methodParagraphs(year, period, weights, f),
    ...summaryBlocks(result, year),
    ...senderBlock(f),
    ...tableBlocks(result, year, weights, kk, period),
  ];
  const pageHeader = [[f.run("afsender", NOTAT.fieldNames.afsender, shortDate, true)], [f.run("afsenderForvaltning", NOTAT.fieldNames.afsenderForvaltning, shortDate, true)]];
  return { year, blocks, pageHeader, pageNumber: NOTAT.pageNumber, toFill: f.missing, fileName: NOTAT.fileName(year, period.lastMonth) };
}

/** The plain text of a paragraph or heading (for tests and the bench). */
export function blockText(block: NotatHeading | NotatParagraph): string {
  return block.kind === "heading" ? block.text : block.runs.map((r) => r.text).join("");
}
