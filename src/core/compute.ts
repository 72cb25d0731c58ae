import type { DepartmentData } from "./department";
import type { SourceCell } from "./grid";
import { roundHalfAway } from "./numbers";
import type { Issue } from "./issues";
import { forloebSchemes, recognised, weightFraction, weightFractions, type Rulebook } from "./rulebook";
import { KK_CODE } from "./units";
import type { Analysis, SettingsSources } from "./workbook";

/** The key of the forløb total in UnitForloeb, and of the weighted total in Maalopfyldelse (RESERVED_IDS). */
export const FORLOEB_TOTAL = "i_alt";
export const WEIGHTED = "vaegtet";

/**
 * Status per scheme id, and per group id: a group's status is the unrounded sum of its schemes' (a
 * group of one scheme with the scheme's own id, as fleksjob, holds that scheme's figure under the one
 * key). A built-in scheme or group the year does not count (fritidsjob in 2024: rulebook.ts
 * `recognised`) is null; no other id has a key.
 */
export type UnitStatus = Readonly<Record<string, number | null>>;

/** Forløb per scheme id of the schemes that report them, and their sum under FORLOEB_TOTAL (»i_alt«). */
export type UnitForloeb = Readonly<Record<string, number>>;

/** The target per group id; null where it is missing. */
export type UnitTargetsResult = Readonly<Record<string, number | null>>;

/**
 * Percent units (73.5 means 73.5 pct.) per group id; null where the target is 0 or missing. The
 * weighted total under WEIGHTED (»vaegtet«), only when the rulebook has weights.
 */
export type Maalopfyldelse = Readonly<Record<string, number | null>>;

/** Where an input figure was read (defined with the grid, so the reader needs nothing of compute). */
export type { SourceCell };

/** The cells a unit's input figures came from (provenance travels with the values), by scheme and group id. */
export interface UnitSources {
  readonly status: Partial<Record<string, SourceCell>>;
  readonly forloeb: Partial<Record<string, SourceCell>>;
  readonly maal: Partial<Record<string, SourceCell>>;
}

export const NO_SOURCES: UnitSources = { status: {}, forloeb: {}, maal: {} };

export interface UnitResult {
  readonly code: string;
  readonly name: string;
  /** The cells of the input figures; KK's sums have none of their own (see its forvaltninger). */
  readonly sources: UnitSources;
  readonly status: UnitStatus;
  readonly forloeb: UnitForloeb;
  readonly maal: UnitTargetsResult;
  /** Null for a unit with errors: no målopfyldelse is ever computed from broken input. */
  readonly maalopfyldelse: Maalopfyldelse | null;
}

/** The weights as fractions per group id (0.51), as the notat's footnote *** and --json give them. */
export type WeightFractions = Readonly<Record<string, number>>;

export interface PreviousResult extends UnitResult {
  readonly year: number;
  /** The previous year's own rulebook (Tabel 2 shows its schemes). */
  readonly rulebook: Rulebook;
  readonly weights: WeightFractions | null;
  /** The previous period's last month (12: the whole year). */
  readonly lastMonth: number;
}

export interface StatusResult {
  readonly year: number | null;
  /** The period's last month, 1–12 (12: the whole year). */
  readonly lastMonth: number;
  /** The rulebook the year is counted by; null when there is none (WEIGHTS_UNKNOWN). */
  readonly rulebook: Rulebook | null;
  /** The rulebook's weights as fractions, or null (no rulebook, or a rulebook without weights). */
  readonly weights: WeightFractions | null;
  /** Where the weights and the period's last month were read (absent: the built-in default). */
  readonly settingsSources: SettingsSources;
  readonly forvaltninger: readonly UnitResult[];
  readonly kk: UnitResult | null;
  /** KK the year before (Tabel 2), where the workbook holds it. */
  readonly previous: PreviousResult | null;
  readonly issues: readonly Issue[];
}

/**
 * Sums in ascending order, so the result depends only on the numbers and never on the order of the
 * forvaltninger in Måltal (floating-point addition is not associative: regressions.test.ts).
 */
const sum = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b).reduce((a, b) => a + b, 0);

export function pct(status: number, target: number | null | undefined): number | null {
  return target === null || target === undefined || target === 0 ? null : (status / target) * 100;
}

/**
 * The weighted total of the målopfyldelse per group; null when a weighted group has none, or when the
 * rulebook has no weights (then there is no weighted total at all).
 */
export function weightedTotal(m: Readonly<Record<string, number | null>>, rulebook: Rulebook): number | null {
  if (!rulebook.weights) return null;
  let total = 0;
  for (const g of rulebook.groups) {
    const w = weightFraction(rulebook, g.id) ?? 0;
    if (w === 0) continue;
    const v = m[g.id];
    if (v === null || v === undefined) return null;
    total += w * v;
  }
  return total;
}

/** A unit's status by scheme, and by group as the sum of its schemes' (in the rulebook's order); undefined when a scheme is missing. */
export function statusOf(d: Pick<DepartmentData, "status">, rulebook: Rulebook): UnitStatus | undefined {
  const out: Record<string, number> = {};
  for (const s of rulebook.schemes) {
    const v = d.status[s.id];
    if (v === undefined) return undefined;
    out[s.id] = v;
  }
  return withGroups(out, rulebook);
}

/**
 * The scheme figures in report order, each group's sum after its schemes (under the group id), then
 * the built-in ids the year does not count, as null.
 */
function withGroups(schemes: Readonly<Record<string, number>>, rulebook: Rulebook): UnitStatus {
  const out: Record<string, number | null> = {};
  for (const g of rulebook.groups) {
    let total = 0;
    for (const s of rulebook.schemes) {
      if (s.group !== g.id) continue;
      const v = schemes[s.id] ?? 0;
      out[s.id] = v;
      total += v;
    }
    out[g.id] = total;
  }
  const known = recognised(rulebook);
  for (const g of known.groups) {
    for (const s of known.schemes) if (s.group === g.id && !(s.id in out)) out[s.id] = null;
    if (!(g.id in out)) out[g.id] = null;
  }
  return out;
}

function forloebOf(d: Pick<DepartmentData, "forloeb">, rulebook: Rulebook): UnitForloeb | undefined {
  const out: Record<string, number> = {};
  for (const s of forloebSchemes(rulebook)) {
    const v = d.forloeb[s.id];
    if (v === undefined) return undefined;
    out[s.id] = v;
  }
  out[FORLOEB_TOTAL] = sum(Object.values(out));
  return out;
}

/** Status, targets and målopfyldelse of one unit; målopfyldelse only when `valid`. */
export function unitResult(
  code: string,
  name: string,
  status: UnitStatus,
  forloeb: UnitForloeb,
  targets: Partial<Record<string, number>>,
  rulebook: Rulebook,
  valid: boolean,
  sources: UnitSources = NO_SOURCES,
): UnitResult {
  const maal: Record<string, number | null> = {};
  const parts: Record<string, number | null> = {};
  for (const g of rulebook.groups) {
    maal[g.id] = targets[g.id] ?? null;
    parts[g.id] = pct(status[g.id] ?? 0, maal[g.id]);
  }
  // A built-in group the year does not count (fritidsjob in 2024): its target as typed, no målopfyldelse.
  for (const g of recognised(rulebook).groups) {
    if (g.id in maal) continue;
    maal[g.id] = targets[g.id] ?? null;
    parts[g.id] = null;
  }
  const vaegtet = weightedTotal(parts, rulebook);
  const weighted = rulebook.weights !== null;
  const ok = valid && (!weighted || vaegtet !== null);
  return { code, name, sources, status, forloeb, maal, maalopfyldelse: ok ? { ...parts, ...(weighted ? { [WEIGHTED]: vaegtet } : {}) } : null };
}

/** KK: the sums of the forvaltninger's unrounded values (per scheme and per group), against KK's own targets (or their sum). */
export function sumUnits(units: readonly UnitResult[], rulebook: Rulebook): { status: UnitStatus; forloeb: UnitForloeb } {
  const s = (f: (u: UnitResult) => number) => sum(units.map(f));
  const status: Record<string, number | null> = {};
  for (const [key, v] of Object.entries(withGroups({}, rulebook))) status[key] = v === null ? null : s((u) => u.status[key] ?? 0);
  const forloeb: Record<string, number> = {};
  for (const f of forloebSchemes(rulebook)) forloeb[f.id] = s((u) => u.forloeb[f.id] ?? 0);
  forloeb[FORLOEB_TOTAL] = s((u) => u.forloeb[FORLOEB_TOTAL] ?? 0);
  return { status, forloeb };
}

function sourcesOf(data: DepartmentData | undefined, targets: { sheet: string; cells: Partial<Record<string, string>> } | undefined, rulebook: Rulebook): UnitSources {
  const pick = (sheet: string, cells: Partial<Record<string, string>>, keys: readonly string[]): Partial<Record<string, SourceCell>> => {
    const out: Partial<Record<string, SourceCell>> = {};
    for (const k of keys) {
      const cell = cells[k];
      if (cell) out[k] = { sheet, cell };
    }
    return out;
  };
  const known = recognised(rulebook);
  return {
    status: data ? pick(data.sheet, data.statusCells, known.schemes.map((s) => s.id)) : {},
    forloeb: data ? pick(data.sheet, data.forloebCells, known.schemes.filter((s) => s.reportsForloeb).map((s) => s.id)) : {},
    maal: targets ? pick(targets.sheet, targets.cells, known.groups.map((g) => g.id)) : {},
  };
}

/** The forvaltninger's results, and whether every one is there and valid (KK needs all of them). */
function unitResults(analysis: Analysis, rulebook: Rulebook | undefined, errorUnits: ReadonlySet<string>): { units: UnitResult[]; complete: boolean } {
  const units: UnitResult[] = [];
  let complete = rulebook !== undefined && analysis.maaltal !== undefined;
  for (const u of analysis.units) {
    const status = rulebook && u.data ? statusOf(u.data, rulebook) : undefined;
    const forloeb = rulebook && u.data ? forloebOf(u.data, rulebook) : undefined;
    if (!rulebook || !status || !forloeb) {
      complete = false;
      continue;
    }
    const valid = !errorUnits.has(u.code) && !errorUnits.has("*");
    if (!valid) complete = false;
    const targets = u.targets && analysis.maaltal ? { sheet: analysis.maaltal.sheet, cells: u.targets.cells } : undefined;
    units.push(unitResult(u.code, u.name, status, forloeb, u.targets?.maal ?? {}, rulebook, valid, sourcesOf(u.data, targets, rulebook)));
  }
  return { units, complete };
}

/** KK: the sums, against KK's own Måltal row where it has a target, else the sum of the forvaltningers'. */
function kkResult(forvaltninger: readonly UnitResult[], rulebook: Rulebook, maaltal: NonNullable<Analysis["maaltal"]>): UnitResult {
  const { status, forloeb } = sumUnits(forvaltninger, rulebook);
  const own = maaltal.kk;
  const targets: Partial<Record<string, number>> = {};
  // KK's figures are sums; only targets from its own Måltal row have a cell.
  const kkMaal: Partial<Record<string, SourceCell>> = {};
  for (const { id: g } of recognised(rulebook).groups) {
    const fromUnits = forvaltninger.every((u) => u.maal[g] !== null && u.maal[g] !== undefined) ? sum(forvaltninger.map((u) => u.maal[g] ?? 0)) : undefined;
    const v = own?.maal[g] ?? fromUnits;
    if (v !== undefined) targets[g] = v;
    const cell = own?.cells[g];
    if (own?.maal[g] !== undefined && cell) kkMaal[g] = { sheet: maaltal.sheet, cell };
  }
  return unitResult(KK_CODE, own?.name ?? "Københavns Kommune", status, forloeb, targets, rulebook, true, { status: {}, forloeb: {}, maal: kkMaal });
}

/** KK the year before, counted by its own year's rulebook. */
function previousResult(previous: Analysis["previous"]): PreviousResult | null {
  if (!previous) return null;
  const { data, rulebook, year, lastMonth } = previous;
  const status = statusOf(data, rulebook);
  const forloeb = forloebOf(data, rulebook);
  if (!status || !forloeb) return null;
  const unit = unitResult(KK_CODE, "Københavns Kommune", status, forloeb, data.maal, rulebook, true, sourcesOf(data, { sheet: data.sheet, cells: data.maalCells }, rulebook));
  return { ...unit, year, rulebook, weights: weightFractions(rulebook), lastMonth };
}

/** The whole calculation, from an analysed workbook. */
export function compute(analysis: Analysis): StatusResult {
  const { rulebook, issues } = analysis;
  const errorUnits = new Set(issues.filter((i) => i.severity === "error").map((i) => i.unit ?? "*"));
  const { units: forvaltninger, complete } = unitResults(analysis, rulebook, errorUnits);
  // KK only from complete, valid data: never from part of the kommune.
  const kkBlocked = [...errorUnits].some((u) => u !== "forrige");
  const kk = complete && !kkBlocked && rulebook && analysis.maaltal ? kkResult(forvaltninger, rulebook, analysis.maaltal) : null;
  const kommune = kk && rulebook && analysis.kommuneSheet ? kommuneSheetDiffers(analysis.kommuneSheet, kk, rulebook) : [];
  return {
    year: analysis.year ?? null,
    lastMonth: analysis.lastMonth,
    rulebook: rulebook ?? null,
    weights: rulebook ? weightFractions(rulebook) : null,
    settingsSources: analysis.settingsSources,
    forvaltninger,
    kk,
    previous: previousResult(analysis.previous),
    issues: kommune.length > 0 ? [...issues, ...kommune] : issues,
  };
}

/**
 * A sheet for the whole kommune is never counted (KK is the sum of the forvaltninger): where it
 * shows another figure than the sum (rounded as the status sheet shows it), a warning names its
 * cell, its figure and the sum used, so no visible figure differs from the report silently.
 */
function kommuneSheetDiffers(sheet: DepartmentData, kk: UnitResult, rulebook: Rulebook): Issue[] {
  const out: Issue[] = [];
  const differs = (a: number, b: number) => roundHalfAway(a) !== roundHalfAway(b);
  for (const { id: k, name } of rulebook.schemes) {
    const v = sheet.status[k];
    const cell = sheet.statusCells[k];
    const sum = kk.status[k];
    if (v !== undefined && cell && sum !== undefined && sum !== null && differs(v, sum)) {
      out.push({ severity: "warning", code: "KK_SHEET_DIFFERS", sheet: sheet.sheet, cell, params: { what: "status", scheme: k, schemeName: name, value: v, sum } });
    }
  }
  for (const { id: k, name } of forloebSchemes(rulebook)) {
    const v = sheet.forloeb[k];
    const cell = sheet.forloebCells[k];
    const sum = kk.forloeb[k];
    if (v !== undefined && cell && sum !== undefined && differs(v, sum)) {
      out.push({ severity: "warning", code: "KK_SHEET_DIFFERS", sheet: sheet.sheet, cell, params: { what: "forloeb", scheme: k, schemeName: name, value: v, sum } });
    }
  }
  return out;
}
