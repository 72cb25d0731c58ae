/**
 * A year's rulebook written on Indstillinger (docs/arbejdsbog-format.md, section 5.3): a label
 * »Regelsæt« with the year to its right, and under it two tables, one row per scheme and one row per
 * target group. A rulebook on the sheet replaces the built-in one for its year as a whole; it is
 * never merged with it, so what the sheet says is all there is.
 */
import { a1, cellAt, type SheetGrid, type WorkbookGrid } from "./grid";
import { IssueList, type RulebookDifference } from "./issues";
import { findCells, lastRow, valueRightOf, type Position } from "./labels";
import { isBlank, readNumber, readText, shownValue } from "./read-cell";
import { BUILTIN_YEARS, builtinRulebook, wholeByDefault, type GroupRule, type Measure, type Rulebook, type SchemeRule } from "./rulebook";
import { clip, labelOf, normalizeLabel } from "./text";

/** The label that starts a rulebook on the sheet; the year stands to its right. */
export const isRulebookLabel = (l: string): boolean => l === "regelsæt" || l === "regelsaet";

/** The words a measure may be written as in the »Opgøres i« column (normalised). */
const MEASURE_WORDS: Readonly<Record<Measure, readonly string[]>> = {
  helaarspersoner: ["helårspersoner", "helaarspersoner", "helårsperson"],
  ansatte_ultimo: ["ansatte ultimo", "antal ansatte ultimo", "ansatte i sidste måned", "antal ansatte i sidste måned"],
  personer: ["personer", "antal personer"],
  forloeb: ["forløb", "antal forløb", "forloeb"],
  pladser: ["pladser", "antal pladser"],
};

export function measureOf(text: string): Measure | undefined {
  const l = normalizeLabel(text);
  return (Object.keys(MEASURE_WORDS) as Measure[]).find((m) => MEASURE_WORDS[m].includes(l));
}

/** A stable id from a name: »Småjob under det sociale frikort« → »smaajob_under_det_sociale_frikort«. */
export function idOf(name: string): string {
  return normalizeLabel(name)
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

const YES = ["ja", "x"];
const NO = ["nej", "-", "–"];
const SCHEME_HEADERS = { name: ["ordning", "ordninger"], measure: ["opgøres i", "opgøres som", "enhed"], forloeb: ["antal forløb", "forløb"], group: ["måltal", "maaltal"], labels: ["andre navne", "også kaldet"] } as const;
const GROUP_HEADERS = { name: ["måltal", "maaltal"], target: ["kolonne på måltal", "kolonne på maaltal", "måltalskolonne"], weight: ["vægt", "vaegt"] } as const;

type Columns<K extends string> = Partial<Record<K, number>>;

/** The header columns of one row, or undefined when the row is not that table's header. */
function headerColumns<K extends string>(sheet: SheetGrid, row: number, names: Readonly<Record<K, readonly string[]>>, needed: readonly K[]): Columns<K> | undefined {
  const cols: Columns<K> = {};
  const values = sheet.values[row - sheet.originRow] ?? [];
  values.forEach((v, i) => {
    const l = labelOf(v);
    if (l === undefined) return;
    for (const k of Object.keys(names) as K[]) if (cols[k] === undefined && names[k].includes(l)) return void (cols[k] = i + sheet.originCol);
  });
  return needed.every((k) => cols[k] !== undefined) ? cols : undefined;
}

/** The rows of one block: from its »Regelsæt« label to the row before the next one (or the sheet's end). */
interface Block {
  readonly at: Position;
  readonly end: number;
}

function blocks(sheet: SheetGrid): Block[] {
  const labels = findCells(sheet, isRulebookLabel, lastRow(sheet) + 1);
  return labels.map((at, i) => ({ at, end: (labels[i + 1]?.row ?? lastRow(sheet) + 1) - 1 }));
}

/** A table's rows: under its header, down to the first row whose name cell is blank. */
function tableRows(sheet: SheetGrid, header: number, nameCol: number, end: number): number[] {
  const rows: number[] = [];
  for (let r = header + 1; r <= end && !isBlank(cellAt(sheet, r, nameCol)); r++) rows.push(r);
  return rows;
}

/** The sheet rows a rulebook occupies, which the weights reader (settings.ts) leaves alone. */
export function rulebookRows(sheet: SheetGrid): ReadonlySet<number> {
  const rows = new Set<number>();
  for (const b of blocks(sheet)) for (let r = b.at.row; r <= b.end; r++) rows.add(r);
  return rows;
}

export const hasRulebook = (sheet: SheetGrid): boolean => blocks(sheet).length > 0;

/** The year a block's »Regelsæt« names (a number, or four digits as text), or undefined. */
function blockYear(sheet: SheetGrid, b: Block): number | undefined {
  const at = valueRightOf(sheet, b.at);
  const v = at ? cellAt(sheet, at.row, at.col) : undefined;
  return typeof v === "number" ? v : typeof v === "string" && /^\s*\d{4}\s*$/.test(v) ? Number(v) : undefined;
}

/** The years the sheet has a »Regelsæt« for, whether or not it reads (settings.ts: an empty weights row for such a year is ignored). */
export function rulebookYears(sheet: SheetGrid): ReadonlySet<number> {
  return new Set(blocks(sheet).flatMap((b) => blockYear(sheet, b) ?? []));
}

interface Claims {
  readonly byLabel: Map<string, string>;
}

/** Records a label for a scheme or group; a label claimed twice is an error naming the first cell. */
function claim(sheet: SheetGrid, claims: Claims, label: string, cell: string, value: string, issues: IssueList): boolean {
  const first = claims.byLabel.get(label);
  if (first !== undefined) {
    issues.error("RULEBOOK_LABEL_DUPLICATE", sheet.name, cell, { value: clip(value), first });
    return false;
  }
  claims.byLabel.set(label, cell);
  return true;
}

/** »Andre navne« as typed: split on »,« and »;«, spaces trimmed, spelling kept (review 22j). */
const splitAsTyped = (text: string): string[] =>
  text
    .split(/[,;]/)
    .map((t) => t.trim().replace(/\s+/g, " "))
    .filter((t) => t !== "");

const split = (text: string): string[] =>
  text
    .split(/[,;]/)
    .map((t) => normalizeLabel(t))
    .filter((t) => t !== "");

interface GroupRead {
  readonly rule: GroupRule;
  readonly weight: number | undefined;
  readonly weightCell: string | undefined;
  readonly nameCell: string;
  /** The »Kolonne på Måltal« cell (the name cell without that column). */
  readonly targetCell: string;
}

function readGroups(sheet: SheetGrid, header: number, cols: Columns<keyof typeof GROUP_HEADERS>, end: number, issues: IssueList): GroupRead[] | undefined {
  const nameCol = cols.name as number;
  const names: Claims = { byLabel: new Map() };
  const words: Claims = { byLabel: new Map() };
  const out: GroupRead[] = [];
  let ok = true;
  for (const row of tableRows(sheet, header, nameCol, end)) {
    const name = readText(sheet, row, nameCol) ?? "";
    const nameCell = a1(row, nameCol);
    ok = claim(sheet, names, normalizeLabel(name), nameCell, name, issues) && ok;
    const targetText = cols.target === undefined ? undefined : readText(sheet, row, cols.target);
    const targetLabels = targetText === undefined ? [] : split(targetText);
    if (targetLabels.length === 0) {
      issues.error("RULEBOOK_TARGET_MISSING", sheet.name, a1(row, cols.target ?? nameCol), { group: clip(name) });
      ok = false;
    }
    for (const w of targetLabels) ok = claim(sheet, words, w, a1(row, cols.target as number), w, issues) && ok;
    const weightCell = cols.weight === undefined ? undefined : a1(row, cols.weight);
    const weight = cols.weight === undefined ? undefined : readNumber(sheet, row, cols.weight, { what: "vægt", required: false, percentOk: true }, issues);
    if (cols.weight !== undefined && weight === undefined && !isBlank(cellAt(sheet, row, cols.weight))) ok = false;
    out.push({ rule: { id: idOf(name), name: name.trim(), targetLabels }, weight, weightCell, nameCell, targetCell: a1(row, cols.target ?? nameCol) });
  }
  return ok ? out : undefined;
}

/**
 * The weights of the groups in percent, or null when no group has one (a year without a weighted
 * total). Typed as percent (51) or fractions (0,51), read as settings.ts reads the weights table.
 */
function readGroupWeights(sheet: SheetGrid, year: number, groups: readonly GroupRead[], at: string, issues: IssueList): Record<string, number> | null | undefined {
  if (groups.every((g) => g.weight === undefined)) return null;
  const sum = groups.reduce((s, g) => s + (g.weight ?? 0), 0);
  const scale = sum > 1.5 ? 1 : 100;
  if (Math.abs(sum * scale - 100) > 1e-7) {
    issues.error("WEIGHTS_SUM", sheet.name, at, { year, sum: sum * scale });
    return undefined;
  }
  return Object.fromEntries(groups.map((g) => [g.rule.id, (g.weight ?? 0) * scale]));
}

function readForloeb(sheet: SheetGrid, row: number, col: number | undefined, issues: IssueList): boolean | undefined {
  if (col === undefined || isBlank(cellAt(sheet, row, col))) return false;
  const v = cellAt(sheet, row, col);
  // A logical value (Excel's SAND/FALSK, a ticked box) means ja/nej, as the user sees it (review item 8).
  if (typeof v === "boolean") return v;
  const l = labelOf(v) ?? "";
  if (YES.includes(l)) return true;
  if (NO.includes(l)) return false;
  // The value as the cell shows it (a number or a date too), never an empty »«.
  issues.error("RULEBOOK_FORLOEB_INVALID", sheet.name, a1(row, col), { value: shownValue(v) });
  return undefined;
}

interface SchemeContext {
  readonly sheet: SheetGrid;
  readonly groups: readonly GroupRead[];
  /** Built-in schemes by label: a scheme named as a built-in one keeps its id (--json, comparisons). */
  readonly known: readonly SchemeRule[];
  readonly issues: IssueList;
}

function readScheme(ctx: SchemeContext, row: number, cols: Columns<keyof typeof SCHEME_HEADERS>, labels: Claims): SchemeRule | undefined {
  const { sheet, issues } = ctx;
  const nameCol = cols.name as number;
  const name = (readText(sheet, row, nameCol) ?? "").trim();
  const otherText = cols.labels === undefined ? "" : (readText(sheet, row, cols.labels) ?? "");
  const own = [normalizeLabel(name), ...split(otherText)];
  const otherNames = splitAsTyped(otherText);
  let ok = true;
  own.forEach((l, i) => {
    ok = claim(sheet, labels, l, a1(row, i === 0 ? nameCol : (cols.labels as number)), i === 0 ? name : l, issues) && ok;
  });
  const measureText = readText(sheet, row, cols.measure as number) ?? "";
  const measure = measureOf(measureText);
  if (!measure) {
    issues.error("RULEBOOK_MEASURE_UNKNOWN", sheet.name, a1(row, cols.measure as number), { value: clip(measureText), scheme: clip(name) });
    ok = false;
  }
  const groupText = cols.group === undefined ? "" : (readText(sheet, row, cols.group) ?? "");
  const group = ctx.groups.find((g) => normalizeLabel(g.rule.name) === normalizeLabel(groupText));
  if (!group) {
    issues.error("RULEBOOK_GROUP_MISSING", sheet.name, a1(row, cols.group ?? nameCol), { scheme: clip(name), value: clip(groupText) });
    ok = false;
  }
  const reportsForloeb = readForloeb(sheet, row, cols.forloeb, issues);
  if (!ok || !measure || !group || reportsForloeb === undefined) return undefined;
  const builtin = ctx.known.find((s) => own.some((l) => s.labels.includes(l)));
  return { id: builtin?.id ?? idOf(name), name, labels: [...new Set(own)], group: group.rule.id, measure, reportsForloeb, wholeStatus: wholeByDefault(measure), ...(otherNames.length > 0 ? { otherNames } : {}) };
}

/**
 * A target sums its schemes' status, so every scheme under one target must be counted in the same
 * measure (helårspersoner and personer never add up). An error at the »Opgøres i« cell of each
 * scheme whose measure differs from the first scheme of its target; true when there was one.
 */
function mixedMeasures(sheet: SheetGrid, groups: readonly GroupRead[], schemes: readonly SchemeRule[], rows: readonly number[], measureCol: number, issues: IssueList): boolean {
  let mixed = false;
  for (const g of groups) {
    const own = schemes.map((s, i) => ({ s, row: rows[i] as number })).filter((x) => x.s.group === g.rule.id);
    const first = own[0];
    if (!first) continue;
    for (const x of own.filter((o) => o.s.measure !== first.s.measure)) {
      issues.error("RULEBOOK_MEASURE_MIXED", sheet.name, a1(x.row, measureCol), {
        scheme: clip(x.s.name),
        measure: x.s.measure,
        group: clip(g.rule.name),
        other: clip(first.s.name),
        otherMeasure: first.s.measure,
      });
      mixed = true;
    }
  }
  return mixed;
}

/** Where a block's tables are, or an error at its label when one is missing. */
function blockTables(sheet: SheetGrid, b: Block, issues: IssueList) {
  let schemes: { row: number; cols: Columns<keyof typeof SCHEME_HEADERS> } | undefined;
  let groups: { row: number; cols: Columns<keyof typeof GROUP_HEADERS> } | undefined;
  for (let r = b.at.row + 1; r <= b.end; r++) {
    const s = schemes ? undefined : headerColumns(sheet, r, SCHEME_HEADERS, ["name", "measure"]);
    if (s) schemes = { row: r, cols: s };
    const g = groups || s ? undefined : headerColumns(sheet, r, GROUP_HEADERS, ["name", "target"]);
    if (g) groups = { row: r, cols: g };
  }
  const at = a1(b.at.row, b.at.col);
  if (!schemes) issues.error("RULEBOOK_INCOMPLETE", sheet.name, at, { part: "schemes" });
  if (!groups) issues.error("RULEBOOK_INCOMPLETE", sheet.name, at, { part: "groups" });
  return schemes && groups ? { schemes, groups } : undefined;
}

/** The cells a block uses, as a range for Kilder and --json (»Indstillinger!A20:E31«). */
function blockRange(sheet: SheetGrid, b: Block, lastUsed: number): string {
  let left = b.at.col;
  let right = b.at.col;
  for (let r = b.at.row; r <= lastUsed; r++) {
    (sheet.values[r - sheet.originRow] ?? []).forEach((v, i) => {
      if (isBlank(v)) return;
      left = Math.min(left, i + sheet.originCol);
      right = Math.max(right, i + sheet.originCol);
    });
  }
  return `${a1(b.at.row, left)}:${a1(lastUsed, right)}`;
}

/** A rulebook read from the sheet, with the cell of each group's weight (for Kilder and --json). */
export interface SheetRulebook {
  readonly rulebook: Rulebook;
  readonly weightCells: Readonly<Record<string, string>>;
  /** Where the rulebook says what (RULEBOOK_DIFFERS names these cells). */
  readonly cells: RulebookCells;
}

/** The cells of a rulebook on the sheet: the schemes table's header, each scheme's cells by id, each target's name and weight cell. */
export interface RulebookCells {
  readonly schemesHeader: string;
  readonly schemes: Readonly<Record<string, { readonly name: string; readonly measure: string; readonly forloeb: string; readonly group: string }>>;
  readonly groups: Readonly<Record<string, { readonly name: string; readonly weight: string; readonly target: string }>>;
}

function readBlock(sheet: SheetGrid, b: Block, known: readonly SchemeRule[], issues: IssueList): SheetRulebook | undefined {
  const at = a1(b.at.row, b.at.col);
  const yearAt = valueRightOf(sheet, b.at);
  if (!yearAt) {
    issues.error("RULEBOOK_INCOMPLETE", sheet.name, at, { part: "year" });
    return undefined;
  }
  const year = readNumber(sheet, yearAt.row, yearAt.col, { what: "år", whole: true, required: true, max: 9999 }, issues);
  const tables = blockTables(sheet, b, issues);
  if (year === undefined || !tables) return undefined;
  const groupRows = tableRows(sheet, tables.groups.row, tables.groups.cols.name as number, b.end);
  const groups = readGroups(sheet, tables.groups.row, tables.groups.cols, b.end, issues);
  const weights = groups && readGroupWeights(sheet, year, groups, a1(tables.groups.row, tables.groups.cols.weight ?? (tables.groups.cols.name as number)), issues);
  const labels: Claims = { byLabel: new Map() };
  const schemeRows = tableRows(sheet, tables.schemes.row, tables.schemes.cols.name as number, b.end);
  if (schemeRows.length === 0) issues.error("RULEBOOK_INCOMPLETE", sheet.name, a1(tables.schemes.row, tables.schemes.cols.name as number), { part: "schemes" });
  if (groupRows.length === 0) issues.error("RULEBOOK_INCOMPLETE", sheet.name, a1(tables.groups.row, tables.groups.cols.name as number), { part: "groups" });
  const ctx: SchemeContext = { sheet, groups: groups ?? [], known, issues };
  const schemes = groups ? schemeRows.map((r) => readScheme(ctx, r, tables.schemes.cols, labels)) : [];
  if (!groups || weights === undefined || schemeRows.length === 0 || schemes.some((s) => s === undefined)) return undefined;
  // A group no scheme counts toward has a target nothing can meet (checked once every scheme is read).
  const empty = groups.filter((g) => !schemes.some((s) => s?.group === g.rule.id));
  for (const g of empty) issues.error("RULEBOOK_GROUP_MISSING", sheet.name, g.nameCell, { group: g.rule.name, empty: 1 });
  if (empty.length > 0) return undefined;
  if (mixedMeasures(sheet, groups, schemes as SchemeRule[], schemeRows, tables.schemes.cols.measure as number, issues)) return undefined;
  const lastUsed = Math.max(tables.schemes.row + schemeRows.length, tables.groups.row + groupRows.length);
  const rulebook: Rulebook = {
    year,
    schemes: schemes as SchemeRule[],
    groups: groups.map((g) => g.rule),
    weights,
    source: { kind: "sheet", sheet: sheet.name, range: blockRange(sheet, b, lastUsed) },
  };
  const weightCells = weights ? Object.fromEntries(groups.flatMap((g) => (g.weightCell ? [[g.rule.id, g.weightCell] as const] : []))) : {};
  const sc = tables.schemes.cols;
  const nameCol = sc.name as number;
  const cells: RulebookCells = {
    schemesHeader: a1(tables.schemes.row, nameCol),
    schemes: Object.fromEntries(
      (schemes as SchemeRule[]).map((s, i) => {
        const row = schemeRows[i] as number;
        return [s.id, { name: a1(row, nameCol), measure: a1(row, sc.measure ?? nameCol), forloeb: a1(row, sc.forloeb ?? nameCol), group: a1(row, sc.group ?? nameCol) }] as const;
      }),
    ),
    groups: Object.fromEntries(groups.map((g) => [g.rule.id, { name: g.nameCell, weight: g.weightCell ?? g.nameCell, target: `${sheet.name}!${g.targetCell}` }] as const)),
  };
  return { rulebook, weightCells, cells };
}

const schemeShape = (r: Rulebook): string =>
  r.schemes
    .map((s) => `${s.id}|${s.group}|${s.measure}|${String(s.reportsForloeb)}`)
    .sort()
    .join(";");

/**
 * True when two rulebooks count the same way: the same scheme ids in the same groups, with the same
 * measures, forløb and weights. Names and extra labels may differ (a sheet need not spell every
 * variant the built-in one knows), so rulebook.ts's stricter sameRules is not the test here.
 */
export function countsTheSame(a: Rulebook, b: Rulebook): boolean {
  const weightKey = (r: Rulebook) =>
    r.weights === null
      ? "none"
      : Object.entries(r.weights)
          .filter(([, w]) => w > 0)
          .map(([g, w]) => `${g}=${w.toFixed(6)}`)
          .sort()
          .join(";");
  return schemeShape(a) === schemeShape(b) && weightKey(a) === weightKey(b);
}

/**
 * How a sheet's rulebook differs from the built-in one of its year, each at its cell (review item 6):
 * a scheme left out or added, another measure, forløb or target, another weight, or no weights.
 * The same fields countsTheSame compares, so a warning always lists at least one difference.
 */
export function rulebookDifferences(read: SheetRulebook, builtin: Rulebook, blockAt: string): RulebookDifference[] {
  const { rulebook: rb, cells } = read;
  const out: RulebookDifference[] = [];
  const groupName = (r: Rulebook, id: string) => r.groups.find((g) => g.id === id)?.name ?? id;
  for (const b of builtin.schemes) {
    const s = rb.schemes.find((x) => x.id === b.id);
    const c = cells.schemes[b.id];
    if (!s || !c) {
      out.push({ kind: "missing", scheme: b.name, cell: cells.schemesHeader });
      continue;
    }
    if (s.measure !== b.measure) out.push({ kind: "measure", scheme: s.name, measure: s.measure, builtin: b.measure, cell: c.measure });
    if (s.reportsForloeb !== b.reportsForloeb) out.push({ kind: "forloeb", scheme: s.name, forloeb: s.reportsForloeb ? 1 : 0, cell: c.forloeb });
    if (s.group !== b.group) out.push({ kind: "group", scheme: s.name, group: groupName(rb, s.group), builtin: groupName(builtin, b.group), cell: c.group });
  }
  for (const s of rb.schemes) {
    if (!builtin.schemes.some((b) => b.id === s.id)) out.push({ kind: "extra", scheme: s.name, cell: cells.schemes[s.id]?.name ?? cells.schemesHeader });
  }
  if (rb.weights === null && builtin.weights !== null) out.push({ kind: "noWeights", cell: blockAt });
  else if (rb.weights !== null && builtin.weights !== null) {
    // A target the sheet leaves out has its schemes listed as left out above; its weight is not repeated.
    for (const g of rb.groups) {
      const w = rb.weights[g.id] ?? 0;
      const bw = builtin.weights[g.id] ?? 0;
      if (Math.abs(w - bw) > 1e-6) out.push({ kind: "weight", group: g.name, weight: w, builtin: bw, cell: cells.groups[g.id]?.weight ?? blockAt });
    }
  }
  return out;
}

/**
 * True when a rulebook has the schemes of a built-in year (whatever its weights or where it was
 * read): its texts are then the notat's own wording, so 2024 and 2025 and a year that only types new
 * weights read exactly as before. Any other rulebook gets the texts per measure (RULES in da.ts).
 */
export function followsBuiltin(r: Rulebook | null | undefined): boolean {
  if (!r) return true;
  return BUILTIN_YEARS.some((y) => {
    const b = builtinRulebook(y);
    return b !== null && schemeShape(b) === schemeShape(r);
  });
}

export interface SheetRulebooksOptions {
  /** The built-in rulebook of a year (rulebook.ts), to keep built-in ids and to warn when one is overridden. */
  readonly builtin: (year: number) => Rulebook | null;
}

/**
 * Every rulebook written on the sheet, by year. A block with an error gives no rulebook (the error
 * stops the calculation, as any error on Indstillinger does); two blocks for one year are an error
 * at the second, naming the first, and neither is used.
 */
export function readSheetRulebooks(sheet: SheetGrid, issues: IssueList, options: SheetRulebooksOptions): Map<number, Rulebook> {
  return new Map([...readSheetRulebooksWithCells(sheet, issues, options)].map(([y, r]) => [y, r.rulebook] as const));
}

/** As readSheetRulebooks, with the cell each weight was read from. */
export function readSheetRulebooksWithCells(sheet: SheetGrid, issues: IssueList, options: SheetRulebooksOptions): Map<number, SheetRulebook> {
  const out = new Map<number, SheetRulebook>();
  const firstAt = new Map<number, string>();
  const known = (year: number): readonly SchemeRule[] => options.builtin(year)?.schemes ?? [...new Map([2025, 2024].flatMap((y) => options.builtin(y)?.schemes ?? []).map((s) => [s.id, s])).values()];
  for (const b of blocks(sheet)) {
    const yearAt = valueRightOf(sheet, b.at);
    const yearValue = yearAt ? cellAt(sheet, yearAt.row, yearAt.col) : undefined;
    const read = readBlock(sheet, b, known(typeof yearValue === "number" ? yearValue : 0), issues);
    const year = read?.rulebook.year ?? (typeof yearValue === "number" ? yearValue : undefined);
    if (year === undefined) continue;
    const at = a1(b.at.row, b.at.col);
    const first = firstAt.get(year);
    if (first !== undefined) {
      issues.error("RULEBOOK_DUPLICATE", sheet.name, at, { year, first });
      out.delete(year);
      continue;
    }
    firstAt.set(year, at);
    if (!read) continue;
    const builtin = options.builtin(year);
    if (builtin && !countsTheSame(read.rulebook, builtin)) issues.warning("RULEBOOK_DIFFERS", sheet.name, at, { year, differences: rulebookDifferences(read, builtin, at) });
    out.set(year, read);
  }
  return out;
}

/** The names Indstillinger goes by (settings.ts SETTINGS_SHEET_NAMES; repeated here to keep this module free of settings.ts). */
const SETTINGS_NAMES = ["INDSTILLINGER", "VÆGTE", "VAEGTE"];

/**
 * The year's rulebook written on the workbook's Indstillinger, or undefined: for the templates
 * (»Opret skabelon«), which follow it. Problems are not reported here; »Valider alle« and »Beregn
 * status« report them at their cells.
 */
export function sheetRulebookOf(workbook: WorkbookGrid, year: number): Rulebook | undefined {
  const sheet = workbook.sheets.find((s) => SETTINGS_NAMES.includes(s.name.trim().toLocaleUpperCase("da-DK")));
  return sheet ? readSheetRulebooks(sheet, new IssueList(), { builtin: builtinRulebook }).get(year) : undefined;
}

/**
 * The cell of »Regelsæt« of a rulebook on the sheet that may be `year`'s (its year is `year`, or
 * cannot be read): where to point when no rulebook for the year came out of the sheet, so --json
 * never shows the built-in rulebook in place of the sheet's failing one (review 22, item 9).
 */
export function rulebookLabelFor(sheet: SheetGrid, year: number): string | undefined {
  const b = blocks(sheet).find((x) => {
    const n = blockYear(sheet, x);
    return n === undefined || n === year;
  });
  return b ? a1(b.at.row, b.at.col) : undefined;
}
