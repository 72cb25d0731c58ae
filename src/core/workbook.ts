import { parseDepartment, readYear, looksLikeDepartment, needsForloebColumn, rowRulesFor, type DepartmentData } from "./department";
import type { SheetGrid, SourceCell, WorkbookGrid } from "./grid";
import { keepFormulaNotes, resolveFormulas } from "./formulas";
import { isHiddenKeptCopy } from "./kept-copy";
import { IssueList, WORKBOOK_SHEET, type Issue } from "./issues";
import { MAALTAL_SHEET_NAMES, parseMaaltal, type MaaltalData, type UnitTargets } from "./maaltal";
import { builtinRulebook, groupById, isWeightedGroup, latestBuiltin, targetColumnWords, weightFraction, type Rulebook } from "./rulebook";
import { readRulebook } from "./rulebook-read";
import { readSheetRulebooksWithCells, rulebookLabelFor } from "./rulebook-sheet";
import { parseLastMonth, readWeights, SETTINGS_SHEET_NAMES, type LastMonthRead, type WeightsRead } from "./settings";
import { untimed, type StageTimer } from "./stages";
import { normalizeCode, normalizeLabel } from "./text";
import { checkScale, type ScaleSource } from "./plausibility";
import { visibleView, type HiddenContent } from "./visible";
import { DEFAULT_UNIT_CODES, DEFAULT_UNIT_NAMES, KK_CODE, unitCodeOf } from "./units";

export const PREVIOUS_SHEET_NAMES = ["FORRIGE ÅR", "FORRIGE AAR"];

export type SheetRole = "department" | "maaltal" | "settings" | "previous" | "output" | "unknown-department" | "other";

export interface SheetInfo {
  readonly name: string;
  readonly role: SheetRole;
  readonly code?: string;
}

export interface UnitInput {
  readonly code: string;
  readonly name: string;
  readonly targets?: UnitTargets;
  readonly data?: DepartmentData;
}

/** Where a setting was read: a source cell like any input figure's (undefined: the built-in default). */
export type SettingSource = SourceCell;

/** Where the weights (per group id) and the period's last month came from (undefined: the built-in default). */
export interface SettingsSources {
  readonly weights: Partial<Record<string, SettingSource>>;
  readonly previousWeights: Partial<Record<string, SettingSource>>;
  readonly lastMonth?: SettingSource;
  /** The year's rulebook on Indstillinger that could not be read (its errors stop the run): its »Regelsæt« cell. */
  readonly rulebookFailed?: SettingSource;
}

export interface Analysis {
  readonly year?: number;
  readonly settingsSources: SettingsSources;
  /** The period's last month, 1–12 (12: the whole year; Indstillinger may set it). */
  readonly lastMonth: number;
  /** The rulebook the year is counted by (absent: no year, or a year without one: WEIGHTS_UNKNOWN). */
  readonly rulebook?: Rulebook;
  /** Units in Måltal order (or the department sheets found, when there is no Måltal). */
  readonly units: readonly UnitInput[];
  readonly maaltal?: MaaltalData;
  /** Last year's figures (Tabel 2); `lastMonth` is its period's last month (12 unless its sheet sets `Sidste måned`). */
  readonly previous?: { readonly year: number; readonly rulebook: Rulebook; readonly data: DepartmentData; readonly lastMonth: number };
  /** A sheet for the whole kommune for the same year (never counted; compared with the sums). */
  readonly kommuneSheet?: DepartmentData;
  readonly sheets: readonly SheetInfo[];
  readonly issues: readonly Issue[];
}

export interface AnalyzeOptions {
  /** "calculate" needs everything; "validate" checks what is there (a department's own workbook has no Måltal). */
  readonly mode: "calculate" | "validate";
  /** Validate only this sheet (matched like Excel: case-insensitive, trimmed). */
  readonly sheet?: string;
}

/** Sheets whose cells the calculation reads: their hidden content is reported. */
const READ_ROLES = new Set<SheetRole>(["department", "maaltal", "settings", "previous"]);

/** What every stage adds to: the issues found and the sheets' roles, in the order found. */
interface Found {
  readonly issues: IssueList;
  readonly infos: SheetInfo[];
}

function reportHidden(sheet: string, hidden: readonly HiddenContent[], issues: IssueList, unit: string | undefined): void {
  for (const h of hidden) issues.warning("HIDDEN_CELLS", sheet, h.cell, { kind: h.kind, label: h.label }, unit);
}

/** One source of truth: a second Måltal, Indstillinger or Forrige år sheet is an error naming the first. */
function reportDuplicates(list: readonly SheetGrid[], issues: IssueList, what: string): void {
  const first = list[0];
  for (const extra of list.slice(1)) issues.error("DUPLICATE_SHEET", extra.name, undefined, { code: what, first: first?.name ?? "", others: `'${first?.name ?? ""}'` });
}

function named(sheets: readonly SheetGrid[], names: readonly string[]): SheetGrid[] {
  return sheets.filter((s) => names.includes(normalizeCode(s.name)));
}

function isEmptySheet(s: SheetGrid): boolean {
  return s.values.every((r) => r.every((v) => v === null || (typeof v === "string" && v.trim() === "")));
}

/** The figures the plausibility check compares, with the cells they came from. */
function scaleSources(units: readonly UnitInput[], maaltal: MaaltalData | undefined): ScaleSource[] {
  return units.flatMap((u) =>
    u.data
      ? [{ unit: u.code, sheet: u.data.sheet, status: u.data.status, statusCells: u.data.statusCells, maal: u.targets?.maal ?? {}, maalCells: u.targets?.cells ?? {}, ...(maaltal ? { maalSheet: maaltal.sheet } : {}) }]
      : [],
  );
}

function previousSource(d: DepartmentData): ScaleSource {
  return { unit: KK_CODE, sheet: d.sheet, status: d.status, statusCells: d.statusCells, maal: d.maal, maalCells: d.maalCells };
}

/**
 * A sheet for the whole kommune (`KK`, `KK (hele kommunen)`, `Københavns Kommune`) in the
 * department layout: KK is always the sum of the forvaltningers' sheets, so such a sheet is never
 * counted — neither instead of the sum nor on top of it. It gets a warning at its first figure, and
 * its figures are compared with the sums (compute.ts, KK_SHEET_DIFFERS) when it is for the year.
 */
function isKommuneSheet(name: string, fullNames: ReadonlyMap<string, string>): boolean {
  return unitCodeOf(name, fullNames, true) === KK_CODE || /^hele kommunen$/.test(normalizeLabel(name));
}

function kommuneSheet(s: SheetGrid, year: number | undefined, rulebook: Rulebook | undefined, issues: IssueList): DepartmentData | undefined {
  const quiet = new IssueList();
  const y = readYear(s, quiet, KK_CODE);
  const rules = rowRulesFor(rulebook);
  const data = parseDepartment(s, { code: KK_CODE, acceptedNames: [DEFAULT_UNIT_NAMES[KK_CODE] ?? KK_CODE, "hele kommunen"], ...rules, requiredSchemes: [], withMaal: true, ...(y.year !== undefined ? { year: y.year } : {}) }, quiet);
  const first = rules.schemes.map((k) => data.statusCells[k.id]).find((c) => c !== undefined);
  const lastYear = y.year !== undefined && year !== undefined && y.year === year - 1;
  issues.warning("UNKNOWN_UNIT_SHEET", s.name, first, { code: KK_CODE, kk: 1, sheet: s.name, lastYear: lastYear ? 1 : 0 });
  return y.year !== undefined && y.year === year ? data : undefined;
}

/** A `Sidste måned` that names another year than its sheet's status year: an error at the cell. */
function periodYearCheck(read: LastMonthRead, sheet: string, year: number, issues: IssueList): void {
  if (read.year !== undefined && read.year !== year) issues.error("PERIOD_YEAR_MISMATCH", sheet, read.cell, { value: read.shown ?? String(read.year), named: read.year, year });
}

// ---------------------------------------------------------------------------------------------
// Stage »find the sheets«: what the user sees, and which sheet is which.

export interface SheetsFound {
  /** Every sheet as the user sees it: hidden rows and columns blanked, formula results checked. */
  readonly sheets: readonly SheetGrid[];
  readonly hiddenOf: ReadonlyMap<string, readonly HiddenContent[]>;
  readonly settingsSheets: readonly SheetGrid[];
  readonly maaltalSheets: readonly SheetGrid[];
  readonly previousSheets: readonly SheetGrid[];
  /** Måltal read quietly: its codes decide which sheets vote on the year, its names which full sheet names stand for which code. */
  readonly quietMaaltal: MaaltalData | undefined;
  readonly fullNames: ReadonlyMap<string, string>;
  /** Department sheets by code; duplicates (`BUF` and `buf `) are both kept, to be reported. */
  readonly byCode: Map<string, SheetGrid[]>;
  /** Hidden copies kept by a collect run (`BUF (erstattet)`): the analyst's old sheets, not forvaltninger. */
  readonly keptCopies: readonly SheetGrid[];
}

export function findSheets(workbook: WorkbookGrid): SheetsFound {
  // Everything below reads what the user sees: hidden rows and columns are blanked (visible.ts).
  // Formula results are checked first (formulas.ts): a cached result that may be stale is never read silently.
  const views = resolveFormulas(workbook).map((s) => {
    const v = visibleView(s);
    keepFormulaNotes(s, v.sheet);
    return v;
  });
  const sheets = views.map((v) => v.sheet);
  const maaltalSheets = named(sheets, MAALTAL_SHEET_NAMES);
  const first = maaltalSheets[0];
  const quietMaaltal = first ? parseMaaltal(first, undefined, new IssueList()) : undefined;
  const fullNames = new Map((quietMaaltal?.units ?? []).map((u) => [normalizeLabel(u.name), u.code] as const));
  const special = new Set([...MAALTAL_SHEET_NAMES, ...SETTINGS_SHEET_NAMES, ...PREVIOUS_SHEET_NAMES]);
  const byCode = new Map<string, SheetGrid[]>();
  const keptCopies: SheetGrid[] = [];
  for (const s of sheets) {
    const code = unitCodeOf(s.name, fullNames, false);
    if (special.has(code) || s.owned) continue;
    if (isHiddenKeptCopy(s)) keptCopies.push(s);
    else byCode.set(code, [...(byCode.get(code) ?? []), s]);
  }
  return {
    sheets,
    hiddenOf: new Map(views.map((v) => [v.sheet.name, v.hidden] as const)),
    settingsSheets: named(sheets, SETTINGS_SHEET_NAMES),
    maaltalSheets,
    previousSheets: named(sheets, PREVIOUS_SHEET_NAMES),
    quietMaaltal,
    fullNames,
    byCode,
    keptCopies,
  };
}

// ---------------------------------------------------------------------------------------------
// Stage »read the rulebook«: Indstillinger, the year, and the rulebook the year is counted by.

export interface SettingsRead {
  readonly sheet: SheetGrid | undefined;
  readonly weights: ReadonlyMap<number, WeightsRead>;
  /** Rulebooks written on Indstillinger, by year (rulebook-sheet.ts). */
  readonly rulebooks: ReadonlyMap<number, Rulebook>;
  /** The cell of each weight in those rulebooks, by year and group id. */
  readonly rulebookWeightCells: ReadonlyMap<number, Readonly<Record<string, string>>>;
  /** The »Kolonne på Måltal« cell of each target in those rulebooks (»Indstillinger!B12«), by year and group id. */
  readonly rulebookWordCells?: ReadonlyMap<number, Readonly<Record<string, string>>>;
  readonly lastMonth?: LastMonthRead & { readonly sheet: string };
}

/** Reads Indstillinger (the period's last month and the weights per year). Two such sheets are an error, and only the first is kept. */
export function readSettingsSheets(settingsSheets: readonly SheetGrid[], found: Found): SettingsRead {
  const { issues } = found;
  reportDuplicates(settingsSheets, issues, "Indstillinger");
  const weights = new Map<number, WeightsRead>();
  let rulebooks: ReadonlyMap<number, Rulebook> = new Map();
  let rulebookWeightCells: ReadonlyMap<number, Readonly<Record<string, string>>> = new Map();
  let rulebookWordCells: ReadonlyMap<number, Readonly<Record<string, string>>> = new Map();
  let lastMonth: SettingsRead["lastMonth"];
  for (const s of settingsSheets) {
    const first = s === settingsSheets[0];
    const period = parseLastMonth(s, issues);
    if (period && first) lastMonth = { ...period, sheet: s.name };
    found.infos.push({ name: s.name, role: "settings" });
    if (first) {
      const read = readSheetRulebooksWithCells(s, issues, { builtin: builtinRulebook });
      rulebooks = new Map([...read].map(([y, r]) => [y, r.rulebook] as const));
      rulebookWeightCells = new Map([...read].map(([y, r]) => [y, r.weightCells] as const));
      rulebookWordCells = new Map([...read].map(([y, r]) => [y, Object.fromEntries(Object.entries(r.cells.groups).map(([g, c]) => [g, c.target]))] as const));
    }
    for (const [y, read] of readWeights(s, issues)) {
      if (!first) continue;
      // A year with a rulebook on the sheet has its weights there: a second source is never read silently.
      const book = rulebooks.get(y);
      if (book) {
        const at = Object.values(read.cells)[0];
        issues.error("SETTING_DUPLICATE", s.name, at, {
          what: "regelsæt",
          year: y,
          first: book.source.kind === "sheet" ? (book.source.range.split(":")[0] ?? "") : "",
          ...(book.weights ? {} : { noWeights: 1 as const }),
        });
        continue;
      }
      weights.set(y, read);
      const builtIn = builtinRulebook(y);
      const typed: Readonly<Record<string, number>> = read.weights;
      if (builtIn && latestBuiltin().groups.some((g) => Math.abs((weightFraction(builtIn, g.id) ?? 0) - (typed[g.id] ?? 0)) > 1e-9)) {
        issues.warning("WEIGHTS_DIFFER", s.name, undefined, { year: y });
      }
    }
  }
  return { sheet: settingsSheets[0], weights, rulebooks, rulebookWeightCells, rulebookWordCells, ...(lastMonth ? { lastMonth } : {}) };
}

/** The status year: the years typed on the counted department sheets must agree. */
export function decideYear(found: SheetsFound, issues: IssueList): { year: number | undefined; yearOf: Map<SheetGrid, { year?: number; cell?: string }>; yearIssues: IssueList } {
  const yearIssues = new IssueList();
  const yearOf = new Map<SheetGrid, { year?: number; cell?: string }>();
  // Only sheets that will be counted vote on the year: Måltal's codes (read once, quietly),
  // or without Måltal the built-in codes and sheets in the department layout.
  const voters = found.maaltalSheets[0] ? knownCodes(found.quietMaaltal) : undefined;
  for (const [code, list] of found.byCode) {
    for (const s of list) {
      const counted = voters ? voters.has(code) : DEFAULT_UNIT_CODES.includes(code as never) || looksLikeDepartment(s);
      if (counted) yearOf.set(s, readYear(s, yearIssues, code));
    }
  }
  const counts = new Map<number, number>();
  for (const y of yearOf.values()) if (y.year !== undefined) counts.set(y.year, (counts.get(y.year) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  if (ranked.length > 1 && ranked[0]?.[1] === ranked[1]?.[1]) {
    const [firstSheet, firstYear] = [...yearOf.entries()].find(([, y]) => y.year !== undefined) ?? [];
    issues.error("YEAR_UNDECIDED", firstSheet?.name ?? WORKBOOK_SHEET, firstSheet ? firstYear?.cell : undefined, { years: ranked.map((r) => r[0]).join(", ") });
    return { year: undefined, yearOf, yearIssues };
  }
  return { year: ranked[0]?.[0], yearOf, yearIssues };
}

const knownCodes = (m: MaaltalData | undefined): Set<string> => new Set(m ? m.units.map((u) => u.code) : DEFAULT_UNIT_CODES);

export interface RulebookStage {
  readonly settings: SettingsRead;
  readonly year: number | undefined;
  readonly yearOf: ReadonlyMap<SheetGrid, { year?: number; cell?: string }>;
  readonly yearIssues: IssueList;
  readonly rulebook: Rulebook | undefined;
  /**
   * The »Regelsæt« cell of the year's rulebook on Indstillinger when it did not read (its errors are
   * reported at their cells). Then no stage checks or reads anything by a rulebook: not the built-in
   * one in its place, whose rows, Måltal columns and weights the user never chose (review 22i, item 1).
   */
  readonly failedAt?: string;
}

/** The »Regelsæt« cell of `year`'s rulebook on Indstillinger when it did not read, else undefined. */
function failedRulebookAt(settings: SettingsRead, year: number | undefined): string | undefined {
  return settings.sheet && year !== undefined && !settings.rulebooks.has(year) ? rulebookLabelFor(settings.sheet, year) : undefined;
}

/**
 * A rulebook on Indstillinger for a year that is neither the status year nor the year before (Tabel 2)
 * is never read: a warning at its »Regelsæt« cell, not silence (a typed 2023 for 2025 would otherwise
 * leave the built-in rulebook in force unnoticed).
 */
function reportUnusedRulebooks(settings: SettingsRead, year: number, hasPrevious: boolean, issues: IssueList): void {
  for (const [y, book] of settings.rulebooks) {
    if (y === year || (y === year - 1 && hasPrevious) || book.source.kind !== "sheet") continue;
    // The year before without a Forrige år sheet: there is no Tabel 2 to read it for (review 22i, item 3).
    const noPrevious = y === year - 1 ? { noPrevious: 1 as const } : {};
    issues.warning("RULEBOOK_UNUSED", book.source.sheet, book.source.range.split(":")[0], { year: y, statusYear: year, ...noPrevious });
  }
}

/** Stage »read the rulebook«: settings, then the year, then the year's rulebook (WEIGHTS_UNKNOWN without one). */
export function readRulebookStage(found: SheetsFound, options: AnalyzeOptions, collect: Found): RulebookStage {
  const { issues } = collect;
  const settings = readSettingsSheets(found.settingsSheets, collect);
  reportDuplicates(found.maaltalSheets, issues, "Måltal");
  for (const s of found.keptCopies) collect.infos.push({ name: s.name, role: "other" });
  const { year, yearOf, yearIssues } = decideYear(found, issues);
  // »1-6-2024« or »juni 2024« as `Sidste måned` in a 2025 status: the period may be last year's.
  if (year !== undefined && settings.lastMonth) periodYearCheck(settings.lastMonth, settings.lastMonth.sheet, year, issues);
  if (year !== undefined) reportUnusedRulebooks(settings, year, found.previousSheets.length > 0, issues);
  const failedAt = failedRulebookAt(settings, year);
  if (failedAt !== undefined && year !== undefined && settings.sheet) {
    // The year's own Regelsæt did not read: its errors stand alone, with one word that the sheets
    // wait for it. Never the built-in rulebook (or typed weights) in its place.
    issues.warning("RULEBOOK_NOT_READ", settings.sheet.name, failedAt, { year });
    return { settings, year, yearOf, yearIssues, rulebook: undefined, failedAt };
  }
  const read = year !== undefined ? readRulebook(settings.sheet, settings.weights, year, settings.rulebooks) : undefined;
  issues.items.push(...(read?.issues ?? []));
  const rulebook = read?.rulebook ?? undefined;
  // Weights are HR's to set. A department's own file (no Måltal: only HR's workbook has one) is
  // checked without them, with the stricter rows (rowRulesFor): a note, never its error.
  const maaltalSheet = found.maaltalSheets[0];
  const departmentCheck = options.mode === "validate" && (!maaltalSheet || options.sheet !== undefined);
  if (year !== undefined && !rulebook) {
    // The weights table's columns are the newest built-in rulebook's targets (settings.ts reads them so).
    const columns = targetColumnWords(latestBuiltin());
    if (departmentCheck) issues.warning("WEIGHTS_UNKNOWN", maaltalSheet?.name ?? WORKBOOK_SHEET, undefined, { year, columns });
    else issues.error("WEIGHTS_UNKNOWN", maaltalSheet?.name ?? WORKBOOK_SHEET, undefined, { year, columns });
  }
  return { settings, year, yearOf, yearIssues, rulebook };
}

// ---------------------------------------------------------------------------------------------
// Stage »read Måltal«.

export function readMaaltalStage(found: SheetsFound, rulebook: Rulebook | undefined, options: AnalyzeOptions, collect: Found, wordCells?: Readonly<Record<string, string>>, rulebookFailed = false): MaaltalData | undefined {
  const { issues } = collect;
  const maaltalSheet = found.maaltalSheets[0];
  if (maaltalSheet) {
    // Without the year's rulebook (its Regelsæt did not read) Måltal's columns cannot be judged: it is
    // read quietly, only for its forvaltninger (which sheets there must be).
    const maaltal = parseMaaltal(maaltalSheet, rulebook, rulebookFailed ? new IssueList() : issues, wordCells);
    collect.infos.push({ name: maaltalSheet.name, role: "maaltal" });
    if (maaltalSheet.visibility !== "visible") issues.warning("HIDDEN_SHEET", maaltalSheet.name, undefined, { very: maaltalSheet.visibility === "veryHidden" ? 1 : 0 });
    return maaltal;
  }
  if (options.mode === "calculate") {
    // There is no Måltal sheet to point at: the issue belongs to the workbook. A sheet named like it
    // (»Måltal 2025«, »Måltal (2)«) is named in the message, never used: it may be another year's.
    const near = found.sheets.find((s) => /^(MÅLTAL|MAALTAL)\b/.test(normalizeCode(s.name)));
    issues.error("MAALTAL_MISSING", WORKBOOK_SHEET, undefined, near ? { near: near.name } : {});
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Stage »read the units«: each forvaltning's sheet, and the sheets that are none.

export interface UnitsRead {
  readonly units: readonly UnitInput[];
  readonly unitOrder: readonly string[];
  readonly kommune: DepartmentData | undefined;
  /** Names a unit's `Forvaltning` field may hold. */
  readonly names: (code: string) => string[];
}

/** One forvaltning's sheet (or the issue that it has none). */
function readUnit(code: string, found: SheetsFound, ctx: { rb: RulebookStage; maaltal: MaaltalData | undefined; targets: UnitTargets | undefined; names: string[] }, collect: Found): UnitInput {
  const { issues } = collect;
  const { rb, maaltal, targets } = ctx;
  const list = found.byCode.get(code) ?? [];
  const name = targets?.name ?? DEFAULT_UNIT_NAMES[code] ?? code;
  if (list.length === 0) {
    issues.error("SHEET_MISSING", maaltal?.sheet ?? WORKBOOK_SHEET, targets?.cell, { code }, code);
    return { code, name, ...(targets ? { targets } : {}) };
  }
  if (list.length > 1) {
    for (const s of list) issues.error("DUPLICATE_SHEET", s.name, undefined, { code, others: list.filter((o) => o !== s).map((o) => `'${o.name}'`).join(", ") }, code);
  }
  const sheet = list[0] as SheetGrid;
  for (const s of list) collect.infos.push({ name: s.name, role: "department", code });
  if (sheet.visibility !== "visible") issues.warning("HIDDEN_SHEET", sheet.name, undefined, { code, very: sheet.visibility === "veryHidden" ? 1 : 0 }, code);
  const y = rb.yearOf.get(sheet) ?? readYear(sheet, issues, code);
  for (const i of rb.yearIssues.items.filter((i) => i.sheet === sheet.name)) issues.items.push(i);
  if (y.year !== undefined && rb.year !== undefined && y.year !== rb.year) {
    issues.error("YEAR_MISMATCH", sheet.name, y.cell, { value: y.year, year: rb.year }, code);
  }
  // Without the year's rulebook (its Regelsæt did not read) the rows cannot be judged: the sheet is
  // not read (its year, name and visibility are checked above).
  if (rb.failedAt !== undefined) return { code, name, ...(targets ? { targets } : {}) };
  const lastMonth = rb.settings.lastMonth?.month ?? 12;
  const data = parseDepartment(sheet, { code, acceptedNames: ctx.names, ...rowRulesFor(rb.rulebook), withMaal: false, lastMonth, ...(y.year !== undefined ? { year: y.year } : {}) }, issues);
  return { code, name, data, ...(targets ? { targets } : {}) };
}

/**
 * A department's own file (validated without Måltal) in which no sheet is recognised as a
 * department sheet must not pass as if all were well: the one sheet is checked as the department's
 * (so the message names what is missing), and with none or several the workbook says so.
 */
function checkLoneSheet(found: SheetsFound, rulebook: Rulebook | undefined, names: (code: string) => string[], collect: Found): void {
  const candidates = [...found.byCode.entries()].flatMap(([code, list]) => list.filter((s) => !isEmptySheet(s) && !isKommuneSheet(s.name, found.fullNames)).map((s) => [code, s] as const));
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (!only) {
    collect.issues.error("NO_DEPARTMENT_SHEET", WORKBOOK_SHEET, undefined, { sheets: candidates.length });
    return;
  }
  const [code, s] = only;
  const y = readYear(s, collect.issues, code);
  parseDepartment(s, { code, acceptedNames: names(code), ...rowRulesFor(rulebook), withMaal: false, ...(y.year !== undefined ? { year: y.year } : {}) }, collect.issues);
  collect.infos.push({ name: s.name, role: "department", code });
  found.byCode.delete(code);
}

/** Sheets that look like department sheets but are not in Måltal are reported, never silently dropped. Returns a kommune sheet for the year, if any. */
function reportOtherSheets(found: SheetsFound, unitOrder: readonly string[], rb: RulebookStage, collect: Found): DepartmentData | undefined {
  const { issues } = collect;
  let kommune: DepartmentData | undefined;
  const ordered = new Set(unitOrder);
  for (const [code, list] of found.byCode) {
    if (ordered.has(code)) continue;
    for (const s of list) {
      if (looksLikeDepartment(s, needsForloebColumn(rb.rulebook))) {
        // A forvaltning's sheet left out would make KK a sum of part of the kommune: an error, never
        // only a warning. A sheet called KK is the kommune itself, not a part of it.
        if (isKommuneSheet(s.name, found.fullNames)) kommune = kommuneSheet(s, rb.year, rb.rulebook, issues) ?? kommune;
        else issues.error("UNKNOWN_UNIT_SHEET", s.name, undefined, { code }, code);
        collect.infos.push({ name: s.name, role: "unknown-department", code });
      } else {
        // A pasted kommune table (not in the department layout) is not counted either: said so.
        if (isKommuneSheet(s.name, found.fullNames) && !isEmptySheet(s)) issues.warning("UNKNOWN_UNIT_SHEET", s.name, undefined, { code: KK_CODE, kk: 1, sheet: s.name, lastYear: 0 });
        collect.infos.push({ name: s.name, role: "other" });
      }
    }
  }
  for (const s of found.sheets) if (s.owned) collect.infos.push({ name: s.name, role: "output" });
  return kommune;
}

export function readUnitsStage(found: SheetsFound, rb: RulebookStage, maaltal: MaaltalData | undefined, options: AnalyzeOptions, collect: Found): UnitsRead {
  const codes = knownCodes(maaltal);
  const unitOrder = maaltal ? maaltal.units.map((u) => u.code) : [...found.byCode.keys()].filter((c) => codes.has(c) || looksLikeDepartment((found.byCode.get(c) ?? [])[0] as SheetGrid, needsForloebColumn(rb.rulebook)));
  // Looked up once per unit: a find per unit made the analysis quadratic in the number of forvaltninger.
  const targetsOf = new Map<string, UnitTargets>();
  for (const u of maaltal?.units ?? []) if (!targetsOf.has(u.code)) targetsOf.set(u.code, u);
  const names = (code: string) => [targetsOf.get(code)?.name, DEFAULT_UNIT_NAMES[code]].filter((n): n is string => !!n);
  const units = unitOrder.map((code) => readUnit(code, found, { rb, maaltal, targets: targetsOf.get(code), names: names(code) }, collect));
  if (options.mode === "validate" && !found.maaltalSheets[0] && options.sheet === undefined && units.length === 0 && rb.failedAt === undefined) checkLoneSheet(found, rb.rulebook, names, collect);
  const kommune = reportOtherSheets(found, unitOrder, rb, collect);
  return { units, unitOrder, kommune, names };
}

// ---------------------------------------------------------------------------------------------
// Stage »cross-checks«: Måltal's KK row against the sum, and a weighted group's target.

export function crossChecks(maaltal: MaaltalData | undefined, rulebook: Rulebook | undefined, issues: IssueList): void {
  const rules = rulebook ?? latestBuiltin();
  const groups = rules.groups.map((g) => g.id);
  const groupName = (g: string): string => groupById(rules, g)?.name ?? g;
  // KK targets: the KK row where there is one, else the sum of the forvaltninger.
  // Without forvaltninger (a KK-only Måltal, already an error) there is no sum to compare with.
  if (maaltal?.kk && maaltal.units.length > 0) {
    for (const g of groups) {
      const kkv = maaltal.kk.maal[g];
      const sum = maaltal.units.reduce((a, u) => a + (u.maal[g] ?? 0), 0);
      if (kkv !== undefined && Math.abs(kkv - sum) > 1e-9) {
        issues.warning("KK_TARGET_DIFFERS", maaltal.sheet, maaltal.kk.cells[g], { group: g, groupName: groupName(g), kk: kkv, sum });
      }
    }
  }
  if (!maaltal || !rulebook) return;
  for (const u of [...maaltal.units, ...(maaltal.kk ? [maaltal.kk] : [])]) {
    for (const g of groups) {
      const m = u.maal[g];
      // A KK row may leave a target blank: the sum of the forvaltninger is used then.
      const missing = u.code === KK_CODE ? m === 0 : m === undefined || m === 0;
      // A target that could not be read (negative, text, …) is already reported at its cell, and a
      // missing column once for the column (MAALTAL_COLUMN_MISSING), not again for every row.
      const reported = u.cells[g] === undefined || issues.items.some((i) => i.severity === "error" && i.sheet === maaltal.sheet && i.cell === u.cells[g]);
      if (missing && isWeightedGroup(rulebook, g) && !reported) {
        issues.error("MAAL_ZERO_WEIGHTED", maaltal.sheet, u.cells[g] ?? u.cell, { code: u.code, group: g, groupName: groupName(g) }, u.code === KK_CODE ? KK_CODE : u.code);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Stage »read the previous year« (Tabel 2): a KK sheet in the department layout with a Måltal column,
// read by its own year's rulebook.

/** The previous year's figures, or the warnings that say why Tabel 2 is left out. */
function readPreviousSheet(prevSheet: SheetGrid, year: number | undefined, settings: SettingsRead, prevIssues: IssueList): Analysis["previous"] {
  const py = readYear(prevSheet, prevIssues, KK_CODE);
  if (py.year !== undefined && year !== undefined && py.year !== year - 1) {
    prevIssues.warning("PREVIOUS_YEAR_MISMATCH", prevSheet.name, py.cell, { value: py.year, expected: year - 1 });
    return undefined;
  }
  if (py.year === undefined) return undefined;
  // That year's own Regelsæt did not read (its errors are reported on Indstillinger): the sheet is not
  // read by another rulebook in its place; Tabel 2 is left out (PREVIOUS_LEFT_OUT).
  if (failedRulebookAt(settings, py.year) !== undefined) return undefined;
  const rulebook = readRulebook(settings.sheet, settings.weights, py.year, settings.rulebooks).rulebook;
  if (!rulebook) {
    prevIssues.warning("PREVIOUS_WEIGHTS_UNKNOWN", prevSheet.name, py.cell, { year: py.year });
    return undefined;
  }
  // The previous sheet may say which months it covers (»Sidste måned«, as on Indstillinger):
  // only then can a part year be compared like with like (summary.ts). Its scheme labels are
  // checked against its own period.
  const prevPeriod = parseLastMonth(prevSheet, prevIssues);
  if (prevPeriod) periodYearCheck(prevPeriod, prevSheet.name, py.year, prevIssues);
  const lastMonth = prevPeriod?.month ?? 12;
  const data = parseDepartment(prevSheet, { code: KK_CODE, acceptedNames: [DEFAULT_UNIT_NAMES[KK_CODE] ?? KK_CODE], ...rowRulesFor(rulebook), withMaal: true, year: py.year, lastMonth }, prevIssues);
  for (const g of rulebook.groups) {
    if (isWeightedGroup(rulebook, g.id) && !data.maal[g.id]) prevIssues.error("MAAL_ZERO_WEIGHTED", prevSheet.name, undefined, { code: KK_CODE, group: g.id, groupName: g.name });
  }
  return prevIssues.hasErrors() ? undefined : { year: py.year, rulebook, data, lastMonth };
}

export function readPreviousStage(found: SheetsFound, year: number | undefined, settings: SettingsRead, collect: Found): Analysis["previous"] {
  // Two previous-year sheets: jobstatus does not pick one (an error, so nothing is written).
  reportDuplicates(found.previousSheets, collect.issues, "forrige år");
  const prevSheet = found.previousSheets[0];
  if (!prevSheet) return undefined;
  collect.infos.push({ name: prevSheet.name, role: "previous" });
  // Problems on the previous-year sheet only cost Tabel 2: they are reported as warnings, and the
  // rest of the report is still computed.
  const prevIssues = new IssueList();
  const previous = readPreviousSheet(prevSheet, year, settings, prevIssues);
  if (!previous) prevIssues.warning("PREVIOUS_LEFT_OUT", prevSheet.name, undefined);
  collect.issues.items.push(...prevIssues.items.map((i) => ({ ...i, severity: "warning" as const, unit: "forrige" })));
  return previous;
}

// ---------------------------------------------------------------------------------------------
// The last step: hidden cells on the sheets read, and »Valider ark« on one sheet.

function onlyAskedSheet(found: SheetsFound, infos: readonly SheetInfo[], rulebook: Rulebook | undefined, names: (code: string) => string[], asked: string, items: readonly Issue[], rulebookFailed = false): Issue[] {
  const want = normalizeCode(asked);
  let result = [...items];
  // A sheet the user asks about that is not yet known as a department sheet is checked as one,
  // so »Valider ark« on a new or misnamed sheet says what is missing instead of nothing.
  const sheet = found.sheets.find((s) => normalizeCode(s.name) === want);
  const known = infos.some((i) => normalizeCode(i.name) === want && i.role !== "other" && i.role !== "unknown-department");
  if (sheet && !known && !sheet.owned && !rulebookFailed) {
    const extra = new IssueList();
    const askedYear = readYear(sheet, extra, want).year;
    parseDepartment(sheet, { code: want, acceptedNames: names(want), ...rowRulesFor(rulebook), withMaal: false, ...(askedYear !== undefined ? { year: askedYear } : {}) }, extra);
    reportHidden(sheet.name, found.hiddenOf.get(sheet.name) ?? [], extra, want);
    result = [...result.filter((i) => normalizeCode(i.sheet) !== want || i.code === "UNKNOWN_UNIT_SHEET"), ...extra.items];
  }
  // Problems that stop every sheet (no weights for the year, years that disagree) are shown too;
  // unknown weights only as a note (readRulebookStage).
  const everywhere = new Set(["WEIGHTS_UNKNOWN", "YEAR_UNDECIDED", "RULEBOOK_NOT_READ"]);
  return result.filter((i) => normalizeCode(i.sheet) === want || everywhere.has(i.code));
}

function settingsSourcesOf(settings: SettingsRead, year: number | undefined, previousYear: number | undefined): SettingsSources {
  const cellsOf = (y: number | undefined): Partial<Record<string, SettingSource>> => {
    const read = y !== undefined ? (settings.weights.get(y)?.cells ?? settings.rulebookWeightCells.get(y)) : undefined;
    const out: Partial<Record<string, SettingSource>> = {};
    if (!read || !settings.sheet) return out;
    // Weights typed in the weights table, or in the target table of a rulebook on the sheet.
    for (const [g, cell] of Object.entries(read)) if (cell) out[g] = { sheet: settings.sheet.name, cell };
    return out;
  };
  const lm = settings.lastMonth;
  const failedAt = failedRulebookAt(settings, year);
  return {
    weights: cellsOf(year),
    previousWeights: cellsOf(previousYear),
    ...(lm ? { lastMonth: { sheet: lm.sheet, cell: lm.cell } } : {}),
    ...(settings.sheet && failedAt ? { rulebookFailed: { sheet: settings.sheet.name, cell: failedAt } } : {}),
  };
}

/**
 * Reads the whole workbook into units, targets, year and rulebook, collecting every issue: the stages
 * in order (stages.ts), each timed by `timer` when one is given.
 */
export function analyzeWorkbook(workbook: WorkbookGrid, options: AnalyzeOptions, timer: StageTimer = untimed): Analysis {
  const collect: Found = { issues: new IssueList(), infos: [] };
  const { issues, infos } = collect;
  const found = timer("find the sheets", () => findSheets(workbook));
  if (found.sheets.length === 0 || found.sheets.every(isEmptySheet)) {
    issues.error("EMPTY_WORKBOOK", WORKBOOK_SHEET, undefined);
    return { units: [], sheets: [], issues: issues.items, lastMonth: 12, settingsSources: { weights: {}, previousWeights: {} } };
  }
  const rb = timer("read the rulebook", () => readRulebookStage(found, options, collect));
  const { year, rulebook, settings } = rb;
  // A rulebook written on Indstillinger finds its Måltal columns by its own words (review item 5).
  const wordCells = year !== undefined && rulebook?.source.kind === "sheet" ? settings.rulebookWordCells?.get(year) : undefined;
  const failed = rb.failedAt !== undefined;
  const maaltal = timer("read Måltal", () => readMaaltalStage(found, rulebook, options, collect, wordCells, failed));
  const read = timer("read the units", () => readUnitsStage(found, rb, maaltal, options, collect));
  // The checks below judge figures by the year's rulebook: none without it (RULEBOOK_NOT_READ).
  timer("cross-checks", () => (failed ? undefined : crossChecks(maaltal, rulebook, issues)));
  const previous = timer("read the previous year", () => readPreviousStage(found, year, settings, collect));
  timer("plausibility", () => (failed ? undefined : checkScale(scaleSources(read.units, maaltal), previous ? previousSource(previous.data) : undefined, issues, rowRulesFor(rulebook).schemes)));

  const readSheets = new Set(infos.filter((i) => READ_ROLES.has(i.role)).map((i) => i.name));
  for (const name of readSheets) reportHidden(name, found.hiddenOf.get(name) ?? [], issues, infos.find((i) => i.name === name)?.code);
  const result = options.sheet !== undefined ? onlyAskedSheet(found, infos, rulebook, read.names, options.sheet, issues.items, failed) : issues.items;
  return {
    ...(year !== undefined ? { year } : {}),
    ...(rulebook ? { rulebook } : {}),
    settingsSources: settingsSourcesOf(settings, year, previous?.year),
    units: read.units,
    lastMonth: settings.lastMonth?.month ?? 12,
    ...(maaltal ? { maaltal } : {}),
    ...(previous ? { previous } : {}),
    ...(read.kommune ? { kommuneSheet: read.kommune } : {}),
    sheets: infos,
    issues: result,
  };
}
