import { a1, cellAt, parseA1, type Cell, type SheetGrid } from "./grid";
import type { IssueColumn, IssueList, IssueParamsOf, IssueWhere } from "./issues";
import { address, findCells, isUnitLabel, isYearLabel, lastCol, lastRow, valueRightOf, type Position } from "./labels";
import { parseNumberText, roundHalfAway } from "./numbers";
import { isBlank, MAX_TEXT, readNumber, readText, shownValue, TOTAL_MAX } from "./read-cell";
import { labelUnitConflict } from "./label-unit";
import { forloebSchemes, knownSchemes, latestBuiltin, recognised, schemeOfLabel, type Rulebook, type SchemeRule } from "./rulebook";
import { clip, dropInvisible, labelOf, normalizeCode, normalizeLabel } from "./text";
import { isLastMonthLabel } from "./settings";
import { unitCodeOf } from "./units";

/** What a department sheet (or the previous-year sheet) says, with the cells it came from. */
export interface DepartmentData {
  readonly sheet: string;
  readonly code: string;
  /** Status per scheme id. */
  readonly status: Partial<Record<string, number>>;
  /** Forløb per scheme id (the schemes that report them). */
  readonly forloeb: Partial<Record<string, number>>;
  /** Targets per group id, only on the previous-year sheet (which has a Måltal column). */
  readonly maal: Partial<Record<string, number>>;
  /** A1 address of each scheme's status cell, for pointing at problems (and for the Kilder sheet). */
  readonly statusCells: Partial<Record<string, string>>;
  /** A1 address of each forløb cell. */
  readonly forloebCells: Partial<Record<string, string>>;
  /** A1 address of each group's target cell (previous-year sheet only). */
  readonly maalCells: Partial<Record<string, string>>;
}

export interface YearCell {
  readonly year?: number;
  readonly cell?: string;
}

/** Label of a row that sums other rows, so its numbers can be cross-checked. */
function isTotalLabel(label: string): boolean {
  // »Samlet …«, »I alt«, and also »Løntilskud, virksomhedspraktik og småjob i alt«: a typed total is
  // compared with the parts (TOTAL_MISMATCH names the cell and both figures), never only skipped.
  return /^(samlet|i alt|total|sum\b|antal forløb)|\b(i alt|total)$/.test(label) && !label.includes("målopfyldelse");
}

/** What a sheet's rows are read against: the rules of its year (ParseOptions' scheme fields). */
export interface RowRules {
  /** The schemes whose rows are recognised: the rulebook's, then every built-in scheme no label of it claims. */
  readonly schemes: readonly SchemeRule[];
  /** Scheme ids whose rows must be present. */
  readonly requiredSchemes: readonly string[];
  /** Scheme ids a typed total row (»Samlet«, »I alt«) sums: status, and forløb. */
  readonly totals: { readonly status: readonly string[]; readonly forloeb: readonly string[] };
  /**
   * Whether the header row must have an »Antal forløb« column: only when some scheme of the year
   * reports forløb (a 2014 rulebook has none). Absent means required.
   */
  readonly forloebColumn?: boolean;
}

/**
 * The row rules of a year. Without a rulebook (a year whose weights are unknown) every built-in scheme
 * is required: a department's own check must never pass a sheet that HR's calculation then rejects.
 * A built-in scheme the year does not count (fritidsjob in 2024) is still recognised: its row is read
 * and left out, never an unknown row.
 */
export function rowRulesFor(rulebook: Rulebook | null | undefined): RowRules {
  const rb = rulebook ?? latestBuiltin();
  const own = rulebook ? rulebook.schemes : knownSchemes();
  const combined = rb.groups.map((g) => rb.schemes.filter((s) => s.group === g.id)).find((list) => list.length > 1) ?? [];
  return {
    schemes: recognised(rb).schemes,
    requiredSchemes: own.map((s) => s.id),
    totals: { status: combined.map((s) => s.id), forloeb: forloebSchemes(rb).map((s) => s.id) },
    forloebColumn: needsForloebColumn(rulebook),
  };
}

/** Whether a department sheet of the year must have an »Antal forløb« column (no rulebook: the built-in rule, yes). */
export function needsForloebColumn(rulebook: Rulebook | null | undefined): boolean {
  return forloebSchemes(rulebook ?? latestBuiltin()).length > 0;
}

/** Reads the `År` label; records problems. */
export function readYear(sheet: SheetGrid, issues: IssueList, unit?: string): YearCell {
  // The value of the Forvaltning field is a code, not a label, even when the code reads »ÅR« or »AAR«.
  const unitValues = new Set(
    findCells(sheet, isUnitLabel)
      .map((p) => valueRightOf(sheet, p))
      .filter((p): p is Position => p !== undefined)
      .map(address),
  );
  const labels = findCells(sheet, isYearLabel).filter((p) => !unitValues.has(address(p)));
  const at = labels[0];
  if (!at) {
    // »År: 2025« typed in one cell: say where, and how to split it.
    const joined = findCells(sheet, (l) => /^(år|aar|årstal)\s*[:=]?\s*\d{4}$/.test(l))[0];
    if (joined) issues.error("YEAR_MISSING", sheet.name, address(joined), { value: clip(String(cellAt(sheet, joined.row, joined.col))) }, unit);
    else issues.error("YEAR_MISSING", sheet.name, undefined, {}, unit);
    return {};
  }
  // A second »År« with another year (a pasted block from last year): jobstatus does not pick one.
  const valueOf = (p: Position): unknown => {
    const v = valueRightOf(sheet, p);
    return v ? cellAt(sheet, v.row, v.col) : undefined;
  };
  for (const other of labels.slice(1)) {
    const a = valueOf(at);
    const b = valueOf(other);
    if (b !== undefined && a !== b) {
      issues.error("YEAR_DUPLICATE", sheet.name, address(other), { first: address(at) }, unit);
      return {};
    }
  }
  const valueAt = valueRightOf(sheet, at);
  if (!valueAt) {
    issues.error("YEAR_MISSING", sheet.name, address(at), {}, unit);
    return {};
  }
  const year = readNumber(sheet, valueAt.row, valueAt.col, { what: "år", whole: true, required: true, unit, max: 9999 }, issues);
  if (year === undefined) return { cell: address(valueAt) };
  if (year < 2000 || year > 2100) {
    issues.error("YEAR_INVALID", sheet.name, address(valueAt), { value: year }, unit);
    return { cell: address(valueAt) };
  }
  return { year, cell: address(valueAt) };
}

interface Header {
  readonly row: number;
  readonly ordning: number;
  readonly status: number;
  /** The »Antal forløb« column; absent only in a year where no scheme reports forløb. */
  readonly forloeb?: number;
  readonly maal?: number;
}

const HEADER_KEYS = {
  ordning: (l: string) => l === "ordning" || l === "ordninger",
  // »Status«, »Status 2025«, or a year alone (»2025«): a column of one year's status.
  status: (l: string) => l === "status" || /^status \d{4}$/.test(l) || /^(19|20)\d\d$/.test(l),
  forloeb: (l: string) => l.startsWith("antal forløb"),
  maal: (l: string) => l === "måltal" || l === "maaltal",
} as const;

/**
 * True when the sheet has an `Ordning`/`Status`/`Antal forløb` header row, i.e. looks like a department
 * sheet. With `needForloeb` false (a year where no scheme reports forløb) `Ordning`/`Status` is enough.
 */
export function looksLikeDepartment(sheet: SheetGrid, needForloeb = true): boolean {
  return findHeaderRows(sheet, undefined, needForloeb).length > 0;
}

/** A header cell's label: its text, or a year typed as a number (a column headed 2025). */
function headerLabel(v: unknown): string | undefined {
  return typeof v === "number" && Number.isInteger(v) && v >= 1900 && v <= 2099 ? String(v) : labelOf(v);
}

/** A header cell as typed, for messages (a year stays »2025«, not »2.025«). */
const headerText = (v: Cell): string => (typeof v === "number" ? headerLabel(v) ?? shownValue(v) : shownValue(v));

function findHeaderRows(sheet: SheetGrid, maxRows: number | undefined, needForloeb: boolean): Position[] {
  return findCells(sheet, HEADER_KEYS.ordning, maxRows).filter((p) => {
    const row = sheet.values[p.row - sheet.originRow] ?? [];
    const labels = row.map((v) => headerLabel(v) ?? "");
    return labels.some(HEADER_KEYS.status) && (!needForloeb || labels.some(HEADER_KEYS.forloeb));
  });
}

function readHeader(sheet: SheetGrid, issues: IssueList, unit: string | undefined, withMaal: boolean, needForloeb: boolean): Header | undefined {
  const rows = findHeaderRows(sheet, undefined, needForloeb);
  const first = rows[0];
  if (!first) {
    // Say where the header is when it is too far down, or what a near-header lacks.
    const below = findHeaderRows(sheet, Number.POSITIVE_INFINITY, needForloeb)[0];
    const near = findCells(sheet, HEADER_KEYS.ordning)[0];
    // A row with Status and Antal forløb but no Ordning: often a table pasted from the notat.
    const statusCells = findCells(sheet, HEADER_KEYS.status);
    const orphan = statusCells.find((p) => (sheet.values[p.row - sheet.originRow] ?? []).some((v) => HEADER_KEYS.forloeb(labelOf(v) ?? "")));
    const rowLabels = (p: Position) => (sheet.values[p.row - sheet.originRow] ?? []).map((v) => labelOf(v) ?? "");
    const looksLikeNotat = (p: Position) => rowLabels(p).some((l) => /^(samlet status|samlet måltal|procentvis målopfyldelse)/.test(l));
    if (below) issues.error("HEADER_MISSING", sheet.name, address(below), { found: address(below) }, unit);
    else if (near) {
      const labels = rowLabels(near);
      // The headers' keys; the catalogue names them (»Status« og »Antal forløb«).
      const missing = [labels.some(HEADER_KEYS.status) ? "" : "status", !needForloeb || labels.some(HEADER_KEYS.forloeb) ? "" : "forloeb"].filter(Boolean).join(",");
      // »Status« and »Antal forløb« as values down a column: a long-format table.
      const long = findCells(sheet, (l) => HEADER_KEYS.status(l) || HEADER_KEYS.forloeb(l), Number.POSITIVE_INFINITY).some((p) => p.row > near.row);
      if (looksLikeNotat(near)) issues.error("HEADER_MISSING", sheet.name, address(near), { notat: 1 }, unit);
      else if (long) issues.error("HEADER_MISSING", sheet.name, address(near), { long: 1 }, unit);
      else issues.error("HEADER_MISSING", sheet.name, address(near), { missing }, unit);
    } else if (orphan) {
      if (looksLikeNotat(orphan)) issues.error("HEADER_MISSING", sheet.name, address(orphan), { notat: 1 }, unit);
      else issues.error("HEADER_MISSING", sheet.name, address(orphan), { missing: "ordning" }, unit);
    } else issues.error("HEADER_MISSING", sheet.name, undefined, {}, unit);
    return undefined;
  }
  for (const extra of rows.slice(1)) {
    issues.error("HEADER_DUPLICATE", sheet.name, address(extra), { first: address(first) }, unit);
  }
  const row = sheet.values[first.row - sheet.originRow] ?? [];
  const cols: Partial<Record<keyof typeof HEADER_KEYS, number>> = {};
  let ambiguous = false;
  row.forEach((v, i) => {
    const label = headerLabel(v);
    if (label === undefined) return;
    const col = i + sheet.originCol;
    for (const key of Object.keys(HEADER_KEYS) as (keyof typeof HEADER_KEYS)[]) {
      if (!HEADER_KEYS[key](label)) continue;
      if (key === "maal" && !withMaal) continue;
      const seen = cols[key];
      if (seen === undefined) cols[key] = col;
      else if (key === "status" && headerLabel(cellAt(sheet, first.row, seen)) !== label) {
        // »Status« and »2025«, or »2024« and »2025«: two columns that may each be this year's status.
        const firstHeader = headerText(cellAt(sheet, first.row, seen));
        issues.error("STATUS_COLUMN_AMBIGUOUS", sheet.name, a1(first.row, col), { first: a1(first.row, seen), firstHeader, header: headerText(v as Cell) }, unit);
        ambiguous = true;
      } else issues.error("COLUMN_DUPLICATE", sheet.name, a1(first.row, col), { first: a1(first.row, seen), header: headerText(v as Cell) }, unit);
    }
  });
  if (!ambiguous && cols.status !== undefined) ambiguous = otherStatusColumn(sheet, first.row, cols, issues, unit);
  // Two candidate status columns: neither is read (the error names both), so nothing follows from a guess.
  if (ambiguous) return undefined;
  if (cols.ordning === undefined || cols.status === undefined || (needForloeb && cols.forloeb === undefined)) return undefined;
  return { row: first.row, ordning: cols.ordning, status: cols.status, ...(cols.forloeb !== undefined ? { forloeb: cols.forloeb } : {}), ...(cols.maal !== undefined ? { maal: cols.maal } : {}) };
}

/** A header or sub-header cell that names a year or a period (»Status i 2025«, »2024«, »forrige år«). */
const PERIOD_RE = /(?<!\d)(19|20)\d\d(?!\d)|(?<!\p{L})(forrige|sidste|dette|indeværende|i)\s+år(?!\p{L})/u;
const namesPeriod = (label: string): boolean => PERIOD_RE.test(label);

/**
 * A second column that may be this year's status, though its header is not one jobstatus reads
 * (issue 19b, items 1–2): in the header row a cell beside the chosen one that mentions status or a
 * year (»Status i 2025«, »Status pr. 31.12.2025«); or a status header merged over two columns with
 * years or periods in the row below (»Status« over »2024 | 2025«, »forrige år | i år«). Such a row is
 * not a units row. Neither column is read: STATUS_COLUMN_AMBIGUOUS names both. Returns true then.
 */
function otherStatusColumn(sheet: SheetGrid, row: number, cols: Partial<Record<keyof typeof HEADER_KEYS, number>>, issues: IssueList, unit: string | undefined): boolean {
  const status = cols.status as number;
  const known = new Set([cols.ordning, cols.forloeb, cols.maal].filter((c): c is number => c !== undefined));
  const labelAt = (r: number, c: number): string | undefined => headerLabel(cellAt(sheet, r, c));
  const ambiguous = (firstRow: number, firstCol: number, r: number, c: number): true => {
    const firstHeader = headerText(cellAt(sheet, firstRow, firstCol));
    issues.error("STATUS_COLUMN_AMBIGUOUS", sheet.name, a1(r, c), { first: a1(firstRow, firstCol), firstHeader, header: headerText(cellAt(sheet, r, c)) }, unit);
    return true;
  };
  for (let c = sheet.originCol; c <= lastCol(sheet); c++) {
    if (c === status || known.has(c)) continue;
    const label = labelAt(row, c);
    // A header on the accepted list was handled above (COLUMN_DUPLICATE, or ambiguous already).
    if (label === undefined || HEADER_KEYS.status(label)) continue;
    if (/(?<!\p{L})status/u.test(label) || namesPeriod(label)) return ambiguous(row, status, row, c);
  }
  // The row below: years or periods under the status header (merged over them or not).
  const below: number[] = [];
  for (let c = sheet.originCol; c <= lastCol(sheet); c++) {
    if (known.has(c)) continue;
    const label = labelAt(row + 1, c);
    if (label !== undefined && namesPeriod(label)) below.push(c);
  }
  const [b1, b2] = below;
  if (b1 !== undefined && b2 !== undefined) return ambiguous(row + 1, b1, row + 1, b2);
  if (b1 !== undefined && b1 !== status) return ambiguous(row, status, row + 1, b1);
  return false;
}

/** The header's number columns: status, forløb (when there is one), and Måltal when asked. */
function dataColumns(header: Header, withMaal: boolean): number[] {
  return [header.status, header.forloeb, withMaal ? header.maal : undefined].filter((c): c is number => c !== undefined);
}

/** »Status 2024« or »Antal forløb i 2024**« on a 2025 sheet: the figures may be last year's. */
function checkHeaderYears(sheet: SheetGrid, header: Header, year: number, issues: IssueList, unit: string): void {
  for (const col of dataColumns(header, false)) {
    const cell = cellAt(sheet, header.row, col);
    const v = typeof cell === "number" ? headerLabel(cell) : cell;
    if (typeof v !== "string") continue;
    for (const m of v.matchAll(/\b(20\d\d)\b/g)) {
      const named = Number(m[1]);
      if (named !== year) {
        issues.error("HEADER_YEAR_MISMATCH", sheet.name, a1(header.row, col), { header: clip(v), value: named, year }, unit);
        break;
      }
    }
  }
}

function mergedRects(sheet: SheetGrid): { r1: number; c1: number; r2: number; c2: number }[] {
  const rects: { r1: number; c1: number; r2: number; c2: number }[] = [];
  for (const m of sheet.merges ?? []) {
    const [from, to] = m.split(":");
    const a = from ? parseA1(from) : undefined;
    const b = to ? parseA1(to) : a;
    if (a && b) rects.push({ r1: a.row, c1: a.col, r2: b.row, c2: b.col });
  }
  return rects;
}

export interface ParseOptions extends RowRules {
  /** The unit code the sheet stands for (its name, normalised). */
  readonly code: string;
  /** Names that the `Forvaltning` label may hold besides the code. */
  readonly acceptedNames: readonly string[];
  /** Read a `Måltal` column too (previous-year sheet). */
  readonly withMaal: boolean;
  /** The sheet's own year (its »År«), to check years named in the header row against. */
  readonly year?: number;
  /** The period's last month (1–12), to check months named in the scheme labels against. */
  readonly lastMonth?: number;
}

/** The year's scheme names for ROW_UNKNOWN, as the rulebook in use names them (the message lists them; it names no scheme of its own). */
function ownNames(opts: RowRules): { names?: string } {
  if (opts.requiredSchemes.length === 0) return {};
  return { names: opts.requiredSchemes.map((id) => opts.schemes.find((s) => s.id === id)?.name ?? id).join("|") };
}

const isDash = (v: unknown): boolean => typeof v === "string" && /^[-–—]$/.test(v.trim());

/**
 * A second header row under the header: the Ordning cell blank (or merged with the header's), the
 * number columns holding only text (»helårspersoner«, »antal«). Its meaning is certain, so it is
 * skipped; undefined when the row under the header is anything else.
 */
function unitsRow(sheet: SheetGrid, header: Header, dataCols: readonly number[], merge: { r1: number } | undefined): number | undefined {
  const row = header.row + 1;
  const label = cellAt(sheet, row, header.ordning);
  if (!(isBlank(label) || (merge !== undefined && merge.r1 <= header.row))) return undefined;
  const cells = dataCols.map((c) => cellAt(sheet, row, c)).filter((v) => !isBlank(v));
  // Years or periods (»Status 2024 | Status 2025«) are not units: such a row is never skipped.
  return cells.length > 0 && cells.every((v) => typeof v === "string" && parseNumberText(v).kind === "invalid" && !namesPeriod(normalizeLabel(v))) ? row : undefined;
}

const MONTH_NAMES = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];
/** Month names and their usual abbreviations (»sept.«, »okt«), as words. */
const MONTH_WORD_RE = /(?<!\p{L})(januar|jan|februar|feb|marts|mar|april|apr|maj|juni|jun|juli|jul|august|aug|september|sept|sep|oktober|okt|november|nov|december|dec)(?!\p{L})/gu;
/** A numeric date: 30.09.2025, 30-09-2025, 30/9 2025. */
const DATE_RE = /(?<!\d)(\d{1,2})[.\-/](\d{1,2})[.\-/ ](\d{4})(?!\d)/g;
const YEAR_RE = /(?<!\d)(20\d\d)(?!\d)/g;

/**
 * The last month a label or header names (where its figures end: »januar–december« is December),
 * by name, abbreviation or numeric date, with the year next to it if any; undefined when none.
 */
export function lastMonthNamed(raw: string): { month: number; year?: number } | undefined {
  const text = raw.toLocaleLowerCase("da-DK");
  const found: { at: number; month: number; year?: number }[] = [];
  for (const m of text.matchAll(MONTH_WORD_RE)) {
    const word = m[1] as string;
    const month = MONTH_NAMES.findIndex((n) => n.startsWith(word)) + 1;
    const year = /^\.?\s*(20\d\d)(?!\d)/.exec(text.slice((m.index ?? 0) + word.length));
    if (month > 0) found.push({ at: m.index ?? 0, month, ...(year ? { year: Number(year[1]) } : {}) });
  }
  for (const m of text.matchAll(DATE_RE)) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12 && Number(m[1]) >= 1 && Number(m[1]) <= 31) found.push({ at: m.index ?? 0, month, year: Number(m[3]) });
  }
  const last = found.sort((a, b) => a.at - b.at).pop();
  return last ? { month: last.month, ...(last.year !== undefined ? { year: last.year } : {}) } : undefined;
}

/**
 * A label or header that names another month (or another year) than where the period ends:
 * »Fleksjob (antal ansatte i sept.)«, »… 30.09.2025«, »… i december 2024« on a 2025 sheet, a
 * header »Antal forløb i januar–juni 2025« in a whole-year status. A warning at the cell.
 */
function checkLabelMonth(sheet: SheetGrid, row: number, col: number, raw: string, lastMonth: number, year: number | undefined, issues: IssueList, unit: string, header = false): void {
  const named = lastMonthNamed(raw);
  const years = [...raw.matchAll(YEAR_RE)].map((m) => Number(m[1]));
  const otherYear = year !== undefined && !header ? (named?.year !== undefined && named.year !== year ? named.year : years.find((y) => y !== year)) : undefined;
  const monthOff = named !== undefined && named.month !== lastMonth;
  if (!monthOff && otherYear === undefined) return;
  const expected = MONTH_NAMES[lastMonth - 1] as string;
  const shownYear = otherYear ?? named?.year;
  const namedText = [named ? MONTH_NAMES[named.month - 1] : undefined, shownYear].filter((x) => x !== undefined).join(" ");
  const expectedText = otherYear !== undefined ? `${expected} ${year}` : expected;
  issues.warning("LABEL_MONTH_MISMATCH", sheet.name, a1(row, col), { value: clip(raw), named: namedText, expected: expectedText, ...(header ? { header: 1 } : {}) }, unit);
}

/** The `Forvaltning` field must name the sheet's unit (its code or one of its names). */
function checkUnitField(sheet: SheetGrid, opts: ParseOptions, issues: IssueList): void {
  const unitLabel = findCells(sheet, isUnitLabel)[0];
  if (!unitLabel) return;
  const at = valueRightOf(sheet, unitLabel);
  const text = at ? readText(sheet, at.row, at.col) : undefined;
  if (!at || text === undefined) return;
  const accepted = [opts.code, ...opts.acceptedNames].map(normalizeLabel);
  // »SOF«, »Socialforvaltningen«, »SOF - Socialforvaltningen« and »KK (hele kommunen)« all name their unit.
  const names = new Map(opts.acceptedNames.map((n) => [normalizeLabel(n), opts.code] as const));
  if (!accepted.includes(normalizeLabel(text)) && unitCodeOf(text, names) !== opts.code) {
    issues.error("UNIT_MISMATCH", sheet.name, address(at), { value: clip(text), code: opts.code }, opts.code);
  }
}

interface SchemeRow {
  readonly sheet: SheetGrid;
  readonly header: Header;
  readonly row: number;
  readonly def: SchemeRule;
  readonly required: boolean;
  /** The row's merged data cells (reported already; their values are not read). */
  readonly merged: ReadonlySet<number>;
  readonly data: DepartmentData;
  readonly issues: IssueList;
  readonly unit: string;
}

/** One scheme row's figures: status, forløb (for a scheme that reports them), and a target on the previous-year sheet. */
function readSchemeFigures(r: SchemeRow): void {
  const { sheet, header, row, def, required, merged, data, issues, unit } = r;
  const key = def.id;
  data.statusCells[key] = a1(row, header.status);
  const status = merged.has(header.status) ? undefined : readNumber(sheet, row, header.status, { what: "status", whole: def.wholeStatus, required, unit, scheme: def }, issues);
  if (status !== undefined) data.status[key] = status;
  if (header.forloeb === undefined || merged.has(header.forloeb)) {
    // No »Antal forløb« column (no scheme of the year reports forløb), or merged: reported by the caller.
  } else if (def.reportsForloeb) {
    const f = readNumber(sheet, row, header.forloeb, { what: "antal forløb", whole: true, required, unit }, issues);
    data.forloebCells[key] = a1(row, header.forloeb);
    if (f !== undefined) data.forloeb[key] = f;
    // One forløb adds at most one helårsperson a year: more helårspersoner than forløb is impossible.
    if (f !== undefined && status !== undefined && status > f) {
      issues.error("STATUS_OVER_FORLOEB", sheet.name, a1(row, header.status), { scheme: key, schemeName: def.name, measure: def.measure, status, forloeb: f, forloebCell: a1(row, header.forloeb) }, unit);
    }
  } else if (!isBlank(cellAt(sheet, row, header.forloeb))) {
    issues.warning("VALUE_IGNORED", sheet.name, a1(row, header.forloeb), { what: "antal forløb" }, unit);
  }
  if (header.maal === undefined || merged.has(header.maal)) return;
  const m = readNumber(sheet, row, header.maal, { what: "måltal", whole: false, required: false, unit }, issues);
  if (m === undefined) return;
  const prev = data.maal[def.group];
  if (prev !== undefined && prev !== m) {
    issues.error("TOTAL_MISMATCH", sheet.name, a1(row, header.maal), { what: "måltal", typed: m, computed: prev }, unit);
  } else {
    data.maal[def.group] = m;
    data.maalCells[def.group] = a1(row, header.maal);
  }
}

/**
 * A table row's normalised label, or undefined when the row is not read: a label merged down from the
 * row above, a label too long, or no label (an error when the row has figures; a sub-header of units is fine).
 */
function rowLabel(sheet: SheetGrid, header: Header, row: number, dataCols: readonly number[], lm: { r1: number } | undefined, issues: IssueList, unit: string): string | undefined {
  const raw = cellAt(sheet, row, header.ordning);
  if (lm) {
    if (row === Math.max(lm.r1, header.row + 1)) issues.error("MERGED_CELL", sheet.name, a1(row, header.ordning), {}, unit);
    if (row !== lm.r1) return undefined;
  }
  if (typeof raw === "string" && raw.length > MAX_TEXT) {
    issues.error("TEXT_TOO_LONG", sheet.name, a1(row, header.ordning), { what: "ordning", length: raw.length }, unit);
    return undefined;
  }
  const label = typeof raw === "string" ? normalizeLabel(raw) : raw === null ? "" : undefined;
  if (label !== undefined && label !== "") return label;
  // Only text in the number columns: a sub-header under the header (»helårspersoner«, »antal«).
  const hasData = dataCols.some((c) => !isBlank(cellAt(sheet, row, c)));
  const textOnly = dataCols.every((c) => {
    const v = cellAt(sheet, row, c);
    return isBlank(v) || (typeof v === "string" && parseNumberText(v).kind === "invalid");
  });
  if (hasData) issues.error("ROW_UNLABELLED", sheet.name, a1(row, header.ordning), textOnly ? { subheader: 1 } : {}, unit);
  return undefined;
}

/** The sheet's merged ranges as the table reads them: a merged data cell, and a label merged down over rows. */
interface TableMerges {
  /** Whether a cell lies in a merge of more than one cell. */
  readonly inMerge: (row: number, col: number) => boolean;
  /** A scheme name merged down over several rows: the rows below it have lost their own names. */
  readonly labelMerge: (row: number) => { r1: number } | undefined;
}

function tableMerges(sheet: SheetGrid, header: Header): TableMerges {
  const merges = mergedRects(sheet);
  return {
    inMerge: (row, col) => merges.some((m) => row >= m.r1 && row <= m.r2 && col >= m.c1 && col <= m.c2 && (m.r1 !== m.r2 || m.c1 !== m.c2)),
    labelMerge: (row) => merges.find((m) => m.r1 !== m.r2 && row >= m.r1 && row <= m.r2 && header.ordning >= m.c1 && header.ordning <= m.c2),
  };
}

/** »Antal forløb i januar–juni 2025« in a whole-year status: the figures may be another period's. */
function checkHeaderMonths(sheet: SheetGrid, header: Header, opts: ParseOptions, issues: IssueList): void {
  if (opts.lastMonth === undefined) return;
  for (const col of dataColumns(header, false)) {
    const v = cellAt(sheet, header.row, col);
    if (typeof v === "string") checkLabelMonth(sheet, header.row, col, v, opts.lastMonth, opts.year, issues, opts.code, true);
  }
}

/** What the table's rows have told so far: the row of each scheme read, and the typed total rows. */
interface TableState {
  readonly seen: Map<string, number>;
  readonly totals: { row: number; label: string }[];
}

/** One labelled row of the table: an unknown row, a total, a repeated scheme, a »-« row, or a scheme's figures. */
function readTableRow(sheet: SheetGrid, header: Header, row: number, label: string, ctx: { opts: ParseOptions; merges: TableMerges; dataCols: readonly number[]; state: TableState; data: DepartmentData; issues: IssueList }): void {
  const { opts, merges, dataCols, state, data, issues } = ctx;
  const unit = opts.code;
  const raw = cellAt(sheet, row, header.ordning);
  const def = schemeOfLabel(opts.schemes, label);
  // `Sidste måned` inside Forrige år's table is its period, read by parseLastMonth: not a scheme row.
  if (!def && opts.withMaal && isLastMonthLabel(label)) return;
  if (!def) {
    if (isTotalLabel(label)) state.totals.push({ row, label });
    else if (dataCols.some((c) => !isBlank(cellAt(sheet, row, c)))) issues.warning("ROW_UNKNOWN", sheet.name, a1(row, header.ordning), { value: clip(String(raw)), ...ownNames(opts) }, unit);
    return;
  }
  const key = def.id;
  const first = state.seen.get(key);
  if (first !== undefined) {
    issues.error("ROW_DUPLICATE", sheet.name, a1(row, header.ordning), { first: a1(first, header.ordning), value: clip(String(raw)), firstValue: clip(String(cellAt(sheet, first, header.ordning))) }, unit);
    return;
  }
  state.seen.set(key, row);
  const required = opts.requiredSchemes.includes(key);
  // »Fleksjob (antal ansatte i september)« in a status that ends in december: a note at the label.
  if (opts.lastMonth !== undefined && typeof raw === "string") checkLabelMonth(sheet, row, header.ordning, raw, opts.lastMonth, opts.year, issues, unit);
  // »Løntilskud (helårspersoner)« in a year that counts løntilskud in pladser: the figure may be in the wrong unit.
  const named = typeof raw === "string" ? labelUnitConflict(raw, def.measure) : undefined;
  if (named) issues.warning("LABEL_UNIT_MISMATCH", sheet.name, a1(row, header.ordning), { value: clip(raw as string), schemeName: def.name, named, measure: def.measure, ...(opts.year !== undefined ? { year: opts.year } : {}) }, unit);
  // »-« in the row of a scheme the year does not use (fritidsjob in 2024): nothing, as »-« says.
  if (!required && isDash(cellAt(sheet, row, header.status)) && dataCols.every((c) => c === header.status || isBlank(cellAt(sheet, row, c)) || isDash(cellAt(sheet, row, c)))) {
    data.statusCells[key] = a1(row, header.status);
    return;
  }
  // A merged cell is reported once, as merged; its value is not read (it may belong to other rows).
  const merged = new Set(dataCols.filter((col) => merges.inMerge(row, col)));
  for (const col of merged) issues.error("MERGED_CELL", sheet.name, a1(row, col), {}, unit);
  readSchemeFigures({ sheet, header, row, def, required, merged, data, issues, unit });
}

/** Parses one department sheet. Every problem goes to `issues`, tagged with the unit. */
export function parseDepartment(sheet: SheetGrid, opts: ParseOptions, issues: IssueList): DepartmentData {
  const unit = opts.code;
  const data: DepartmentData = { sheet: sheet.name, code: unit, status: {}, forloeb: {}, maal: {}, statusCells: {}, forloebCells: {}, maalCells: {} };

  checkUnitField(sheet, opts, issues);
  const needForloeb = opts.forloebColumn ?? true;
  const header = readHeader(sheet, issues, unit, opts.withMaal, needForloeb);
  if (!header) return data;
  if (opts.year !== undefined) checkHeaderYears(sheet, header, opts.year, issues, unit);
  checkHeaderMonths(sheet, header, opts, issues);
  const merges = tableMerges(sheet, header);
  const state: TableState = { seen: new Map(), totals: [] };
  const tableFrom = issues.items.length;
  const dataCols = dataColumns(header, true);

  // A repeated header row is reported once (HEADER_DUPLICATE), not again as an unknown scheme.
  const repeatedHeaders = new Set(findHeaderRows(sheet, undefined, needForloeb).map((p) => p.row));
  const units = unitsRow(sheet, header, dataCols, merges.labelMerge(header.row + 1));
  for (let row = header.row + 1; row <= lastRow(sheet); row++) {
    if (repeatedHeaders.has(row) || row === units) continue;
    const label = rowLabel(sheet, header, row, dataCols, merges.labelMerge(row), issues, unit);
    if (label !== undefined) readTableRow(sheet, header, row, label, { opts, merges, dataCols, state, data, issues });
  }

  for (const key of opts.requiredSchemes) {
    // The scheme's name travels with its id: a scheme of the year's own rulebook has no built-in name (issue 22).
    if (!state.seen.has(key)) issues.error("ROW_MISSING", sheet.name, a1(header.row, header.ordning), { scheme: key, schemeName: opts.schemes.find((s) => s.id === key)?.name ?? key }, unit);
  }
  crossCheckTotals(sheet, header, state.totals, data, opts.totals, issues, unit);
  issues.describeSince(tableFrom, (cell) => describeCell(sheet, header, cell));
  return data;
}

/** A table cell in the sheet's own words: its row's label and, for a number cell, its column. */
function describeCell(sheet: SheetGrid, header: Header, cell: string): IssueWhere | undefined {
  const at = parseA1(cell);
  if (!at || at.row <= header.row) return undefined;
  const raw = cellAt(sheet, at.row, header.ordning);
  if (typeof raw !== "string" || raw.length > MAX_TEXT) return undefined;
  const row = clip(dropInvisible(raw).replace(/\([^)]*\)/g, " ").replace(/[*:]+/g, " "));
  if (row === "") return undefined;
  const column: IssueColumn | undefined =
    at.col === header.status ? "status" : at.col === header.forloeb ? "forloeb" : header.maal !== undefined && at.col === header.maal ? "maal" : undefined;
  return column ? { row, column } : { row };
}

function crossCheckTotals(
  sheet: SheetGrid,
  header: Header,
  totals: readonly { row: number; label: string }[],
  data: DepartmentData,
  sums: RowRules["totals"],
  issues: IssueList,
  unit: string,
): void {
  const complete = (rec: Partial<Record<string, number>>, ids: readonly string[]): number[] | undefined => {
    const vals = ids.map((k) => rec[k]);
    return ids.length > 0 && vals.every((v): v is number => v !== undefined) ? vals : undefined;
  };
  const statusParts = complete(data.status, sums.status);
  const forloebParts = complete(data.forloeb, sums.forloeb);
  for (const t of totals) {
    // A year with no target of several schemes (2014) and no scheme with forløb has nothing to check a
    // typed sum against: said at the cell, so a figure typed only there is never silently lost.
    const label = clip(String(cellAt(sheet, t.row, header.ordning)));
    if (sums.status.length === 0 && !isBlank(cellAt(sheet, t.row, header.status))) {
      issues.warning("VALUE_IGNORED", sheet.name, a1(t.row, header.status), { what: "samlet status", total: label }, unit);
    }
    if (sums.forloeb.length === 0 && header.forloeb !== undefined && !isBlank(cellAt(sheet, t.row, header.forloeb))) {
      issues.warning("VALUE_IGNORED", sheet.name, a1(t.row, header.forloeb), { what: "antal forløb i alt", total: label }, unit);
    }
    if (statusParts && !isBlank(cellAt(sheet, t.row, header.status))) {
      const typed = readNumber(sheet, t.row, header.status, { what: "samlet status", required: false, unit, max: TOTAL_MAX }, issues);
      const sum = statusParts.reduce((a, b) => a + b, 0);
      if (typed !== undefined && roundHalfAway(typed) !== roundHalfAway(sum) && Math.abs(typed - sum) > 1e-9) {
        const roundedParts = statusParts.reduce((a, r) => a + roundHalfAway(r), 0);
        // Typing the sum of the rounded parts is the notat's own 798-vs-797 slip: a warning, not wrong data.
        const rounding = typed === roundedParts;
        const p: IssueParamsOf<"TOTAL_MISMATCH"> = { what: "samlet status", typed, computed: sum, rounding: rounding ? 1 : 0 };
        if (rounding) issues.warning("TOTAL_MISMATCH", sheet.name, a1(t.row, header.status), p, unit);
        else issues.error("TOTAL_MISMATCH", sheet.name, a1(t.row, header.status), p, unit);
      }
    }
    if (forloebParts && header.forloeb !== undefined && !isBlank(cellAt(sheet, t.row, header.forloeb))) {
      const typed = readNumber(sheet, t.row, header.forloeb, { what: "antal forløb i alt", required: false, unit, max: TOTAL_MAX }, issues);
      const sum = forloebParts.reduce((a, b) => a + b, 0);
      if (typed !== undefined && typed !== sum) {
        issues.error("TOTAL_MISMATCH", sheet.name, a1(t.row, header.forloeb), { what: "antal forløb i alt", typed, computed: sum, rounding: 0 }, unit);
      }
    }
  }
}

/** Normalised sheet name → unit code. */
export function sheetCode(name: string): string {
  return normalizeCode(name);
}
