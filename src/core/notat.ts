/**
 * The Word notat as a host-neutral layout: headings, paragraphs, a bullet list and tables, built
 * from the same StatusResult as the status sheet. One small adapter (src/word) renders it with
 * `docx`; the core never imports it.
 */
import { MONTHS, NOTAT, NOTAT_FIELD_LABELS, REPORT } from "../messages/da";
import { FORLOEB_TOTAL, WEIGHTED, type StatusResult, type UnitResult, type WeightFractions } from "./compute";
import type { SheetGrid, WorkbookGrid } from "./grid";
import { readNotatSettings, type CalendarDate, type NotatField, type NotatSettings, type NotatValue } from "./notat-settings";
import { formatDanish, formatPct } from "./numbers";
import { comparableWithPrevious, footnoteTable2, isWholeYear, periodName, reportPeriod, type ReportPeriod } from "./period";
import { BUILTIN_TARGETS, groupsInEveryBuiltin, isWeightedGroup, notatOrder, schemesOf, type Rulebook } from "./rulebook";
import { forloebAfter } from "./report";
import { notatRuleTexts, ruleFootnotes, schemeRowLabel, tableColumns, tableTitleKK, targetsSentence, weightsFootnote } from "./rule-texts";
import { SETTINGS_SHEET_NAMES } from "./settings";
import { summaryParagraphs } from "./summary";
import { normalizeCode } from "./text";

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
function frontMatter(year: number, period: ReportPeriod, rulebook: Rulebook, weights: WeightFractions, f: Fields): NotatBlock[] {
  const periodText = NOTAT.period(period.firstMonth, period.lastMonth, year);
  const own = notatRuleTexts(rulebook, periodText, "", year, true);
  const blocks: NotatBlock[] = [
    { kind: "heading", level: "title", text: NOTAT.heading },
    { kind: "heading", level: 1, text: NOTAT.title(year, period.lastMonth) },
    para(NOTAT.intro(periodText)),
    { kind: "bullets", items: own ? own.schemeList : NOTAT.schemeList(listedSchemes(rulebook)) },
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

/** The Indstillinger field with the date a group's target was adopted (a group without one: the field to fill in). */
const ADOPTED_FIELD = new Map<string, NotatField>([
  [BUILTIN_TARGETS.combined, "vedtagetSamlet"],
  [BUILTIN_TARGETS.headCount, "vedtagetFleksjob"],
  [BUILTIN_TARGETS.leisure, "vedtagetFritidsjob"],
]);
/**
 * The schemes the built-in notat lists, by name, in the notat's order: every scheme of the rulebook,
 * but one of a group that not every built-in year has and that weighs 0 (fritidsjob weighed 0 in 2024).
 */
function listedSchemes(rulebook: Rulebook): string[] {
  const always = groupsInEveryBuiltin();
  return notatOrder(rulebook.schemes.filter((s) => !rulebook.weights || isWeightedGroup(rulebook, s.group) || always.includes(s.group))).map((s) => s.name);
}

/** »… vedtaget af Borgerrepræsentationen den 1. februar 2024 for ordningerne … og den 28. november 2024 for fritidsjob.« */
function adoptedParagraph(rulebook: Rulebook, weights: WeightFractions, f: Fields): NotatParagraph {
  const groups = rulebook.groups.filter((g) => !rulebook.weights || isWeightedGroup(rulebook, g.id));
  // Schemes adopted on the same date share one clause, in the order of their first mention.
  const byDate = new Map<string, string[]>();
  for (const g of groups) {
    const field = ADOPTED_FIELD.get(g.id);
    const date = (field ? f.value(field, longDate) : undefined) ?? `${MARK_OPEN}${f.open(NOTAT.fieldNames.vedtaget).text}${MARK_CLOSE}`;
    // Every scheme is named as the rulebook names it.
    const schemes = notatOrder(schemesOf(rulebook, g.id)).map((s) => s.name);
    byDate.set(date, [...(byDate.get(date) ?? []), ...schemes]);
  }
  const clauses = [...byDate.entries()].map(([date, schemes]) => NOTAT.adoptedClause(date, schemes));
  const targets = targetsSentence(rulebook) ?? NOTAT.targetsExplained((weights[BUILTIN_TARGETS.leisure] ?? 0) > 0);
  return para(runsOf(`${NOTAT.adopted(clauses)} ${targets}`));
}

function methodParagraphs(year: number, period: ReportPeriod, rulebook: Rulebook, weights: WeightFractions, f: Fields): NotatBlock[] {
  const whole = isWholeYear(period);
  const span = NOTAT.wholeOrPeriod(whole, NOTAT.period(period.firstMonth, period.lastMonth, year), year);
  const month = monthName(period.lastMonth);
  const own = notatRuleTexts(rulebook, span, month, year, whole);
  if (own) return [adoptedParagraph(rulebook, weights, f), ...own.methods.map((m) => para(m))];
  const out: NotatBlock[] = [adoptedParagraph(rulebook, weights, f), para(NOTAT.methodCombined(span)), para(NOTAT.methodHeadCount(month, year, whole))];
  if ((weights[BUILTIN_TARGETS.leisure] ?? 0) > 0) out.push(para(NOTAT.methodLeisure(span)));
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

/** One group's rows: a group of several schemes has its summary cells span its rows. */
function notatGroupRows(unit: UnitResult, rulebook: Rulebook, group: string): (NotatCell | null)[][] {
  const m = unit.maalopfyldelse;
  const maal = unit.maal[group] ?? null;
  const schemes = schemesOf(rulebook, group);
  const forloeb = (id: string, reports: boolean): NotatCell => mid(reports ? num(unit.forloeb[id] ?? null) : "");
  return schemes.map((s, i) => {
    const summary: (NotatCell | null)[] =
      schemes.length === 1
        ? [mid(""), mid(num(maal)), mid(pctOrDash(m?.[group], maal))]
        : i === 0
          ? [mid(num(unit.status[group] ?? null), { rowSpan: schemes.length }), mid(num(maal), { rowSpan: schemes.length }), mid(pctOrDash(m?.[group], maal), { rowSpan: schemes.length })]
          : [null, null, null];
    return [left(schemeRowLabel(s, rulebook)), mid(num(unit.status[s.id] ?? null)), ...summary, forloeb(s.id, s.reportsForloeb)];
  });
}

/** One status table in the notat's layout: the rulebook's groups, the forløb total, the weighted total (when the rulebook weighs). */
export function notatTable(unit: UnitResult, year: number | string, rulebook: Rulebook): NotatTable {
  const m = unit.maalopfyldelse;
  const rows: (NotatCell | null)[][] = [[left(unit.code, { bold: true }), ...tableColumns(year, rulebook).map((c) => mid(c, { bold: true }))]];
  const forloebAt = forloebAfter(rulebook);
  rulebook.groups.forEach((g, i) => {
    rows.push(...notatGroupRows(unit, rulebook, g.id));
    if (i === forloebAt) rows.push([left(REPORT.rows.forloeb, { italic: true }), mid(""), mid(""), mid(""), mid(""), mid(num(unit.forloeb[FORLOEB_TOTAL] ?? null), { italic: true })]);
  });
  if (rulebook.weights) {
    const total = m?.[WEIGHTED];
    rows.push([left(REPORT.rows.vaegtet, { bold: true }), mid(""), mid(""), mid(""), mid(m && total !== null && total !== undefined ? formatPct(total) : REPORT.noValue, { bold: true }), mid("")]);
  }
  return { kind: "table", columnWidths: [...NOTAT_COLUMN_WIDTHS], rows };
}

/** Tabel 1 (KK), Tabel 2 (previous year), one per forvaltning, three to a page, then the footnotes. */
function tableBlocks(result: StatusResult, year: number, rulebook: Rulebook, kk: UnitResult, period: ReportPeriod): NotatBlock[] {
  const tables: { title: string; table: NotatTable }[] = [];
  // »2025«, or »januar–juni 2025«: every title, column heading and footnote names the period.
  const label = periodName(year, period.lastMonth);
  const prev = result.previous;
  let n = 1;
  tables.push({ title: tableTitleKK(n++, label, rulebook), table: notatTable(kk, label, rulebook) });
  if (prev) {
    const prevLabel = periodName(prev.year, prev.lastMonth);
    tables.push({ title: tableTitleKK(n++, prevLabel, prev.rulebook), table: notatTable(prev, prevLabel, prev.rulebook) });
  }
  const firstUnit = n;
  for (const u of result.forvaltninger) tables.push({ title: REPORT.tableTitleUnit(n++, u.name, label), table: notatTable(u, label, rulebook) });

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
  const own = ruleFootnotes({ rulebook, year, lastMonth: period.lastMonth, label });
  if (own) out.push(...own.map((t) => para(t, "footnote")));
  else {
    out.push(para(NOTAT.footnoteHeadCount(monthName(period.lastMonth), year, t2), "footnote"));
    out.push(para(REPORT.footnoteForloeb(label, t2 ? periodName(t2.year, t2.month) : undefined), "footnote"));
  }
  // Oldest year first, as in the notat; the *** goes on the first. A year without weights has none.
  const years: [number, WeightFractions | null, number, Rulebook][] = prev
    ? [
        [prev.year, prev.weights, prev.lastMonth, prev.rulebook],
        [year, result.weights, period.lastMonth, rulebook],
      ]
    : [[year, result.weights, period.lastMonth, rulebook]];
  const weighted = years.filter((y): y is [number, WeightFractions, number, Rulebook] => y[1] !== null);
  weighted.forEach(([y, w, m, r], i) => out.push(para(weightsFootnote(r, y, w, i === 0, m), "footnote")));
  return out;
}

/** The whole notat. Needs a complete result (no errors), like the status sheet. */
export function buildNotat(result: StatusResult, settings: NotatSettings, options: NotatOptions): NotatLayout {
  const period = reportPeriod(result);
  if (result.year === null || result.rulebook === null || result.kk === null || period === null) {
    throw new Error("buildNotat needs a complete result; check issues first");
  }
  const { year, rulebook, kk } = result;
  const weights = result.weights ?? {};
  const f = new Fields({ dato: { date: options.today }, ...settings });
  const blocks: NotatBlock[] = [
    ...frontMatter(year, period, rulebook, weights, f),
    ...methodParagraphs(year, period, rulebook, weights, f),
    ...summaryBlocks(result, year),
    ...senderBlock(f),
    ...tableBlocks(result, year, rulebook, kk, period),
  ];
  const pageHeader = [[f.run("afsender", NOTAT.fieldNames.afsender, shortDate, true)], [f.run("afsenderForvaltning", NOTAT.fieldNames.afsenderForvaltning, shortDate, true)]];
  return { year, blocks, pageHeader, pageNumber: NOTAT.pageNumber, toFill: f.missing, fileName: NOTAT.fileName(year, period.lastMonth) };
}

/** The plain text of a paragraph or heading (for tests and the bench). */
export function blockText(block: NotatHeading | NotatParagraph): string {
  return block.kind === "heading" ? block.text : block.runs.map((r) => r.text).join("");
}
