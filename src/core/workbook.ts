import { parseDepartment, readYear, looksLikeDepartment, type DepartmentData } from "./department";
import type { SheetGrid, SourceCell, WorkbookGrid } from "./grid";
import { keepFormulaNotes, resolveFormulas } from "./formulas";
import { isHiddenKeptCopy } from "./kept-copy";
import { IssueList, WORKBOOK_SHEET, type Issue } from "./issues";
import { MAALTAL_SHEET_NAMES, parseMaaltal, type MaaltalData, type UnitTargets } from "./maaltal";
import { GROUP_KEYS, SCHEME_KEYS, type GroupKey, type SchemeKey } from "./schemes";
import { parseLastMonth, readWeights, SETTINGS_SHEET_NAMES, type LastMonthRead } from "./settings";
import { normalizeCode, normalizeLabel } from "./text";
import { checkScale, type ScaleSource } from "./plausibility";
import { visibleView, type HiddenContent } from "./visible";
import { DEFAULT_UNIT_CODES, DEFAULT_UNIT_NAMES, KK_CODE, unitCodeOf } from "./units";
import { BUILT_IN_WEIGHTS, type Weights } from "./weights";

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

/** Where the weights and the period's last month came from (undefined: the built-in default). */
export interface SettingsSources {
  readonly weights: Partial<Record<GroupKey, SettingSource>>;
  readonly previousWeights: Partial<Record<GroupKey, SettingSource>>;
  readonly lastMonth?: SettingSource;
}

export interface Analysis {
  readonly year?: number;
  readonly settingsSources: SettingsSources;
  /** The period's last month, 1–12 (12: the whole year; Indstillinger may set it). */
  readonly lastMonth: number;
  readonly weights?: Weights;
  /** Units in Måltal order (or the department sheets found, when there is no Måltal). */
  readonly units: readonly UnitInput[];
  readonly maaltal?: MaaltalData;
  /** Last year's figures (Tabel 2); `lastMonth` is its period's last month (12 unless its sheet sets `Sidste måned`). */
  readonly previous?: { readonly year: number; readonly weights: Weights; readonly data: DepartmentData; readonly lastMonth: number };
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

/**
 * The rows a sheet must have. Without known weights (a year HR has not set up yet) every scheme is
 * required: a department's own check must never pass a sheet that HR's calculation then rejects
 * once the weights turn out to count fritidsjob.
 */
function requiredSchemes(weights: Weights | undefined): SchemeKey[] {
  return SCHEME_KEYS.filter((k) => k !== "fritidsjob" || weights === undefined || weights.fritidsjob > 0);
}

function weightsFor(year: number, settings: Map<number, Weights>): Weights | undefined {
  return settings.get(year) ?? BUILT_IN_WEIGHTS[year];
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

function kommuneSheet(s: SheetGrid, year: number | undefined, issues: IssueList): DepartmentData | undefined {
  const quiet = new IssueList();
  const y = readYear(s, quiet, KK_CODE);
  const data = parseDepartment(s, { code: KK_CODE, acceptedNames: [DEFAULT_UNIT_NAMES[KK_CODE] ?? KK_CODE, "hele kommunen"], requiredSchemes: [], withMaal: true, ...(y.year !== undefined ? { year: y.year } : {}) }, quiet);
  const first = SCHEME_KEYS.map((k) => data.statusCells[k]).find((c) => c !== undefined);
  const lastYear = y.year !== undefined && year !== undefined && y.year === year - 1;
  issues.warning("UNKNOWN_UNIT_SHEET", s.name, first, { code: KK_CODE, kk: 1, sheet: s.name, lastYear: lastYear ? 1 : 0 });
  return y.year !== undefined && y.year === year ? data : undefined;
}

/** A `Sidste måned` that names another year than its sheet's status year: an error at the cell. */
function periodYearCheck(read: LastMonthRead, sheet: string, year: number, issues: IssueList): void {
  if (read.year !== undefined && read.year !== year) issues.error("PERIOD_YEAR_MISMATCH", sheet, read.cell, { value: read.shown ?? String(read.year), named: read.year, year });
}

/** Reads the whole workbook into units, targets, year and weights, collecting every issue. */
export function analyzeWorkbook(workbook: WorkbookGrid, options: AnalyzeOptions): Analysis {
  const issues = new IssueList();
  // Everything below reads what the user sees: hidden rows and columns are blanked (visible.ts).
  // Formula results are checked first (formulas.ts): a cached result that may be stale is never read silently.
  const views = resolveFormulas(workbook).map((s) => {
    const v = visibleView(s);
    keepFormulaNotes(s, v.sheet);
    return v;
  });
  const sheets = views.map((v) => v.sheet);
  const hiddenOf = new Map(views.map((v) => [v.sheet.name, v.hidden] as const));
  const infos: SheetInfo[] = [];
  const wb = WORKBOOK_SHEET;

  if (sheets.length === 0 || sheets.every(isEmptySheet)) {
    issues.error("EMPTY_WORKBOOK", wb, undefined);
    return { units: [], sheets: [], issues: issues.items, lastMonth: 12, settingsSources: { weights: {}, previousWeights: {} } };
  }

  // Settings first: they decide the weights and so which rows are required.
  const settings = new Map<number, Weights>();
  const settingsSheets = named(sheets, SETTINGS_SHEET_NAMES);
  reportDuplicates(settingsSheets, issues, "Indstillinger");
  const weightCells = new Map<number, Partial<Record<GroupKey, SettingSource>>>();
  let lastMonth = 12;
  let lastMonthSource: SettingSource | undefined;
  let lastMonthRead: LastMonthRead | undefined;
  // Two settings sheets are already an error (above), so nothing is written then; both are checked,
  // and only the first sheet's period and weights are kept.
  for (const s of settingsSheets) {
    const first = s === settingsSheets[0];
    const period = parseLastMonth(s, issues);
    if (period && first) {
      lastMonth = period.month;
      lastMonthSource = { sheet: s.name, cell: period.cell };
      lastMonthRead = period;
    }
    infos.push({ name: s.name, role: "settings" });
    for (const [y, read] of readWeights(s, issues)) {
      if (!first) continue;
      const w = read.weights;
      settings.set(y, w);
      const cells: Partial<Record<GroupKey, SettingSource>> = {};
      for (const g of GROUP_KEYS) {
        const cell = read.cells[g];
        if (cell) cells[g] = { sheet: s.name, cell };
      }
      weightCells.set(y, cells);
      const builtIn = BUILT_IN_WEIGHTS[y];
      if (builtIn && GROUP_KEYS.some((g) => Math.abs(builtIn[g] - w[g]) > 1e-9)) {
        issues.warning("WEIGHTS_DIFFER", s.name, undefined, { year: y });
      }
    }
  }

  const maaltalSheets = named(sheets, MAALTAL_SHEET_NAMES);
  reportDuplicates(maaltalSheets, issues, "Måltal");
  const maaltalSheet = maaltalSheets[0];

  // Måltal read once here, quietly: its codes decide which sheets vote on the year, and its names
  // which full sheet names (»Socialforvaltningen«) stand for which code.
  const quiet = maaltalSheet ? parseMaaltal(maaltalSheet, undefined, new IssueList()) : undefined;
  const fullNames = new Map((quiet?.units ?? []).map((u) => [normalizeLabel(u.name), u.code] as const));

  // Department sheets by code; duplicates (`BUF` and `buf `) are both reported.
  const special = new Set([...MAALTAL_SHEET_NAMES, ...SETTINGS_SHEET_NAMES, ...PREVIOUS_SHEET_NAMES]);
  const byCode = new Map<string, SheetGrid[]>();
  for (const s of sheets) {
    const code = unitCodeOf(s.name, fullNames, false);
    if (special.has(code) || s.owned) continue;
    // A hidden copy kept by a collect run (`BUF (erstattet)`) is the analyst's old sheet, not a forvaltning.
    if (isHiddenKeptCopy(s)) {
      infos.push({ name: s.name, role: "other" });
      continue;
    }
    byCode.set(code, [...(byCode.get(code) ?? []), s]);
  }

  // Year: the years typed on the department sheets must agree.
  const yearIssues = new IssueList();
  const yearOf = new Map<SheetGrid, { year?: number; cell?: string }>();
  const knownCodes = (m: MaaltalData | undefined) => new Set(m ? m.units.map((u) => u.code) : DEFAULT_UNIT_CODES);
  // Only sheets that will be counted vote on the year: Måltal's codes (read once here, quietly),
  // or without Måltal the built-in codes and sheets in the department layout.
  const voters = maaltalSheet ? knownCodes(quiet) : undefined;
  for (const [code, list] of byCode) {
    for (const s of list) {
      const counted = voters ? voters.has(code) : DEFAULT_UNIT_CODES.includes(code as never) || looksLikeDepartment(s);
      if (counted) yearOf.set(s, readYear(s, yearIssues, code));
    }
  }
  const counts = new Map<number, number>();
  for (const y of yearOf.values()) if (y.year !== undefined) counts.set(y.year, (counts.get(y.year) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  let year: number | undefined = ranked[0]?.[0];
  const tie = ranked.length > 1 && ranked[0]?.[1] === ranked[1]?.[1];
  if (tie) {
    const [firstSheet, firstYear] = [...yearOf.entries()].find(([, y]) => y.year !== undefined) ?? [];
    issues.error("YEAR_UNDECIDED", firstSheet?.name ?? wb, firstSheet ? firstYear?.cell : undefined, { years: ranked.map((r) => r[0]).join(", ") });
    year = undefined;
  }
  // »1-6-2024« or »juni 2024« as `Sidste måned` in a 2025 status: the period may be last year's.
  if (year !== undefined && lastMonthSource && lastMonthRead) periodYearCheck(lastMonthRead, lastMonthSource.sheet, year, issues);
  const weights = year !== undefined ? weightsFor(year, settings) : undefined;
  // Weights are HR's to set. A department's own file (no Måltal: only HR's workbook has one) is
  // checked without them, with the stricter rows (requiredSchemes): a note, never its error.
  const departmentCheck = options.mode === "validate" && (!maaltalSheet || options.sheet !== undefined);
  if (year !== undefined && !weights) {
    if (departmentCheck) issues.warning("WEIGHTS_UNKNOWN", maaltalSheet?.name ?? wb, undefined, { year });
    else issues.error("WEIGHTS_UNKNOWN", maaltalSheet?.name ?? wb, undefined, { year });
  }

  const weighted = weights ? GROUP_KEYS.filter((g) => weights[g] > 0) : undefined;
  let maaltal: MaaltalData | undefined;
  if (maaltalSheet) {
    maaltal = parseMaaltal(maaltalSheet, weighted, issues);
    infos.push({ name: maaltalSheet.name, role: "maaltal" });
    if (maaltalSheet.visibility !== "visible") issues.warning("HIDDEN_SHEET", maaltalSheet.name, undefined, { very: maaltalSheet.visibility === "veryHidden" ? 1 : 0 });
  } else if (options.mode === "calculate") {
    // There is no Måltal sheet to point at: the issue belongs to the workbook. A sheet named like it
    // (»Måltal 2025«, »Måltal (2)«) is named in the message, never used: it may be another year's.
    const near = sheets.find((s) => /^(MÅLTAL|MAALTAL)\b/.test(normalizeCode(s.name)));
    issues.error("MAALTAL_MISSING", wb, undefined, near ? { near: near.name } : {});
  }
  const codes = knownCodes(maaltal);

  const units: UnitInput[] = [];
  const unitOrder = maaltal ? maaltal.units.map((u) => u.code) : [...byCode.keys()].filter((c) => codes.has(c) || looksLikeDepartment((byCode.get(c) ?? [])[0] as SheetGrid));
  // Looked up once per unit: a find per unit made the analysis quadratic in the number of forvaltninger.
  const targetsOf = new Map<string, UnitTargets>();
  for (const u of maaltal?.units ?? []) if (!targetsOf.has(u.code)) targetsOf.set(u.code, u);
  const names = (code: string) => [targetsOf.get(code)?.name, DEFAULT_UNIT_NAMES[code]].filter((n): n is string => !!n);

  for (const code of unitOrder) {
    const list = byCode.get(code) ?? [];
    const targets = targetsOf.get(code);
    const name = targets?.name ?? DEFAULT_UNIT_NAMES[code] ?? code;
    if (list.length === 0) {
      issues.error("SHEET_MISSING", maaltal?.sheet ?? wb, targets?.cell, { code }, code);
      units.push({ code, name, ...(targets ? { targets } : {}) });
      continue;
    }
    if (list.length > 1) {
      for (const s of list) issues.error("DUPLICATE_SHEET", s.name, undefined, { code, others: list.filter((o) => o !== s).map((o) => `'${o.name}'`).join(", ") }, code);
    }
    const sheet = list[0] as SheetGrid;
    for (const s of list) infos.push({ name: s.name, role: "department", code });
    if (sheet.visibility !== "visible") issues.warning("HIDDEN_SHEET", sheet.name, undefined, { code, very: sheet.visibility === "veryHidden" ? 1 : 0 }, code);
    const y = yearOf.get(sheet) ?? readYear(sheet, issues, code);
    for (const i of yearIssues.items.filter((i) => i.sheet === sheet.name)) issues.items.push(i);
    if (y.year !== undefined && year !== undefined && y.year !== year) {
      issues.error("YEAR_MISMATCH", sheet.name, y.cell, { value: y.year, year }, code);
    }
    const data = parseDepartment(sheet, { code, acceptedNames: names(code), requiredSchemes: requiredSchemes(weights), withMaal: false, lastMonth, ...(y.year !== undefined ? { year: y.year } : {}) }, issues);
    units.push({ code, name, data, ...(targets ? { targets } : {}) });
  }

  // A department's own file (validated without Måltal) in which no sheet is recognised as a
  // department sheet must not pass as if all were well: the one sheet is checked as the department's
  // (so the message names what is missing), and with none or several the workbook says so.
  if (options.mode === "validate" && !maaltalSheet && options.sheet === undefined && units.length === 0) {
    const candidates = [...byCode.entries()].flatMap(([code, list]) => list.filter((s) => !isEmptySheet(s) && !isKommuneSheet(s.name, fullNames)).map((s) => [code, s] as const));
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only) {
      const [code, s] = only;
      const y = readYear(s, issues, code);
      parseDepartment(s, { code, acceptedNames: names(code), requiredSchemes: requiredSchemes(weights), withMaal: false, ...(y.year !== undefined ? { year: y.year } : {}) }, issues);
      infos.push({ name: s.name, role: "department", code });
      byCode.delete(code);
    } else issues.error("NO_DEPARTMENT_SHEET", wb, undefined, { sheets: candidates.length });
  }

  // Sheets that look like department sheets but are not in Måltal are reported, never silently dropped.
  let kommune: DepartmentData | undefined;
  const ordered = new Set(unitOrder);
  for (const [code, list] of byCode) {
    if (ordered.has(code)) continue;
    for (const s of list) {
      if (looksLikeDepartment(s)) {
        // A forvaltning's sheet left out would make KK a sum of part of the kommune: an error, never
        // only a warning. A sheet called KK is the kommune itself, not a part of it.
        if (isKommuneSheet(s.name, fullNames)) kommune = kommuneSheet(s, year, issues) ?? kommune;
        else issues.error("UNKNOWN_UNIT_SHEET", s.name, undefined, { code }, code);
        infos.push({ name: s.name, role: "unknown-department", code });
      } else {
        // A pasted kommune table (not in the department layout) is not counted either: said so.
        if (isKommuneSheet(s.name, fullNames) && !isEmptySheet(s)) issues.warning("UNKNOWN_UNIT_SHEET", s.name, undefined, { code: KK_CODE, kk: 1, sheet: s.name, lastYear: 0 });
        infos.push({ name: s.name, role: "other" });
      }
    }
  }
  for (const s of sheets) if (s.owned) infos.push({ name: s.name, role: "output" });

  // KK targets: the KK row where there is one, else the sum of the forvaltninger.
  // Without forvaltninger (a KK-only Måltal, already an error) there is no sum to compare with.
  if (maaltal?.kk && maaltal.units.length > 0) {
    for (const g of GROUP_KEYS) {
      const kkv = maaltal.kk.maal[g];
      const sum = maaltal.units.reduce((a, u) => a + (u.maal[g] ?? 0), 0);
      if (kkv !== undefined && Math.abs(kkv - sum) > 1e-9) {
        issues.warning("KK_TARGET_DIFFERS", maaltal.sheet, maaltal.kk.cells[g], { group: g, kk: kkv, sum });
      }
    }
  }
  if (maaltal && weights) {
    for (const u of [...maaltal.units, ...(maaltal.kk ? [maaltal.kk] : [])]) {
      for (const g of GROUP_KEYS) {
        const m = u.maal[g];
        // A KK row may leave a target blank: the sum of the forvaltninger is used then.
        const missing = u.code === KK_CODE ? m === 0 : m === undefined || m === 0;
        // A target that could not be read (negative, text, …) is already reported at its cell, and a
        // missing column once for the column (MAALTAL_COLUMN_MISSING), not again for every row.
        const reported =
          u.cells[g] === undefined || issues.items.some((i) => i.severity === "error" && i.sheet === maaltal?.sheet && i.cell === u.cells[g]);
        if (missing && weights[g] > 0 && !reported) {
          issues.error("MAAL_ZERO_WEIGHTED", maaltal.sheet, u.cells[g] ?? u.cell, { code: u.code, group: g }, u.code === KK_CODE ? KK_CODE : u.code);
        }
      }
    }
  }

  // Previous year (Tabel 2): a KK sheet in the department layout with a Måltal column.
  let previous: Analysis["previous"];
  const prevSheets = named(sheets, PREVIOUS_SHEET_NAMES);
  // Two previous-year sheets: jobstatus does not pick one (an error, so nothing is written).
  reportDuplicates(prevSheets, issues, "forrige år");
  const prevSheet = prevSheets[0];
  if (prevSheet) {
    infos.push({ name: prevSheet.name, role: "previous" });
    // Problems on the previous-year sheet only cost Tabel 2: they are reported as warnings, and the
    // rest of the report is still computed.
    const prevIssues = new IssueList();
    const py = readYear(prevSheet, prevIssues, KK_CODE);
    if (py.year !== undefined && year !== undefined && py.year !== year - 1) {
      prevIssues.warning("PREVIOUS_YEAR_MISMATCH", prevSheet.name, py.cell, { value: py.year, expected: year - 1 });
    } else if (py.year !== undefined) {
      const pw = weightsFor(py.year, settings);
      if (!pw) prevIssues.warning("PREVIOUS_WEIGHTS_UNKNOWN", prevSheet.name, py.cell, { year: py.year });
      else {
        // The previous sheet may say which months it covers (»Sidste måned«, as on Indstillinger):
        // only then can a part year be compared like with like (summary.ts). Its scheme labels are
        // checked against its own period.
        const prevPeriod = parseLastMonth(prevSheet, prevIssues);
        if (prevPeriod) periodYearCheck(prevPeriod, prevSheet.name, py.year, prevIssues);
        const data = parseDepartment(prevSheet, { code: KK_CODE, acceptedNames: [DEFAULT_UNIT_NAMES[KK_CODE] ?? KK_CODE], requiredSchemes: requiredSchemes(pw), withMaal: true, year: py.year, lastMonth: prevPeriod?.month ?? 12 }, prevIssues);
        for (const g of GROUP_KEYS) {
          if (pw[g] > 0 && !data.maal[g]) prevIssues.error("MAAL_ZERO_WEIGHTED", prevSheet.name, undefined, { code: KK_CODE, group: g });
        }
        if (!prevIssues.hasErrors()) previous = { year: py.year, weights: pw, data, lastMonth: prevPeriod?.month ?? 12 };
      }
    }
    if (!previous) prevIssues.warning("PREVIOUS_LEFT_OUT", prevSheet.name, undefined);
    issues.items.push(...prevIssues.items.map((i) => ({ ...i, severity: "warning" as const, unit: "forrige" })));
  }

  checkScale(scaleSources(units, maaltal), previous ? previousSource(previous.data) : undefined, issues);

  const read = new Set(infos.filter((i) => READ_ROLES.has(i.role)).map((i) => i.name));
  for (const name of read) reportHidden(name, hiddenOf.get(name) ?? [], issues, infos.find((i) => i.name === name)?.code);

  let result = issues.items;
  if (options.sheet !== undefined) {
    const want = normalizeCode(options.sheet);
    // A sheet the user asks about that is not yet known as a department sheet is checked as one,
    // so »Valider ark« on a new or misnamed sheet says what is missing instead of nothing.
    const asked = sheets.find((s) => normalizeCode(s.name) === want);
    const known = infos.some((i) => normalizeCode(i.name) === want && i.role !== "other" && i.role !== "unknown-department");
    if (asked && !known && !asked.owned) {
      const extra = new IssueList();
      const askedYear = readYear(asked, extra, want).year;
      parseDepartment(asked, { code: want, acceptedNames: names(want), requiredSchemes: requiredSchemes(weights), withMaal: false, ...(askedYear !== undefined ? { year: askedYear } : {}) }, extra);
      reportHidden(asked.name, hiddenOf.get(asked.name) ?? [], extra, want);
      result = [...result.filter((i) => normalizeCode(i.sheet) !== want || i.code === "UNKNOWN_UNIT_SHEET"), ...extra.items];
    }
    // Problems that stop every sheet (no weights for the year, years that disagree) are shown too;
    // unknown weights only as a note (above).
    const everywhere = new Set(["WEIGHTS_UNKNOWN", "YEAR_UNDECIDED"]);
    result = result.filter((i) => normalizeCode(i.sheet) === want || everywhere.has(i.code));
  }
  const cellsOf = (y: number | undefined) => (y !== undefined && settings.has(y) ? weightCells.get(y) ?? {} : {});
  const settingsSources: SettingsSources = {
    weights: cellsOf(year),
    previousWeights: cellsOf(previous?.year),
    ...(lastMonthSource ? { lastMonth: lastMonthSource } : {}),
  };
  return {
    ...(year !== undefined ? { year } : {}),
    ...(weights ? { weights } : {}),
    settingsSources,
    units,
    lastMonth,
    ...(maaltal ? { maaltal } : {}),
    ...(previous ? { previous } : {}),
    ...(kommune ? { kommuneSheet: kommune } : {}),
    sheets: infos,
    issues: result,
  };
}

export type { GroupKey };
