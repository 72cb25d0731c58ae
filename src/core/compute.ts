import type { DepartmentData } from "./department";
import type { SourceCell } from "./grid";
import { roundHalfAway } from "./numbers";
import type { Issue } from "./issues";
import { COMBINED_SCHEMES, GROUP_KEYS, SCHEME_KEYS, type CombinedScheme, type GroupKey, type SchemeKey } from "./schemes";
import { KK_CODE } from "./units";
import type { Weights } from "./weights";
import type { Analysis, SettingsSources } from "./workbook";

export interface UnitStatus {
  readonly loentilskud: number;
  readonly virksomhedspraktik: number;
  readonly smaajob: number;
  /** Unrounded sum of the three combined schemes. */
  readonly samlet: number;
  readonly fleksjob: number;
  /** Null in years that do not weight fritidsjob and have no row for it. */
  readonly fritidsjob: number | null;
}

export interface UnitForloeb {
  readonly loentilskud: number;
  readonly virksomhedspraktik: number;
  readonly smaajob: number;
  readonly i_alt: number;
}

export interface UnitTargetsResult {
  readonly samlet: number | null;
  readonly fleksjob: number | null;
  readonly fritidsjob: number | null;
}

/** Percent units (73.5 means 73.5 pct.). Null where the target is 0 or missing. */
export interface Maalopfyldelse {
  readonly samlet: number | null;
  readonly fleksjob: number | null;
  readonly fritidsjob: number | null;
  readonly vaegtet: number;
}

/** Where an input figure was read (defined with the grid, so the reader needs nothing of compute). */
export type { SourceCell };

/** The cells a unit's input figures came from (provenance travels with the values). */
export interface UnitSources {
  readonly status: Partial<Record<SchemeKey, SourceCell>>;
  readonly forloeb: Partial<Record<CombinedScheme, SourceCell>>;
  readonly maal: Partial<Record<GroupKey, SourceCell>>;
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

export interface StatusResult {
  readonly year: number | null;
  /** The period's last month, 1–12 (12: the whole year). */
  readonly lastMonth: number;
  readonly weights: Weights | null;
  /** Where the weights and the period's last month were read (absent: the built-in default). */
  readonly settingsSources: SettingsSources;
  readonly forvaltninger: readonly UnitResult[];
  readonly kk: UnitResult | null;
  /** KK the year before (Tabel 2), where the workbook holds it. */
  readonly previous: (UnitResult & { readonly year: number; readonly weights: Weights; /** The previous period's last month (12: the whole year). */ readonly lastMonth: number }) | null;
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

/** The weighted total; null when a weighted group has no målopfyldelse. */
export function weightedTotal(m: Omit<Maalopfyldelse, "vaegtet">, weights: Weights): number | null {
  let total = 0;
  for (const g of GROUP_KEYS) {
    if (weights[g] === 0) continue;
    const v = m[g];
    if (v === null) return null;
    total += weights[g] * v;
  }
  return total;
}

function statusOf(d: DepartmentData, weights: Weights): UnitStatus | undefined {
  const { loentilskud, virksomhedspraktik, smaajob, fleksjob, fritidsjob } = d.status;
  if (loentilskud === undefined || virksomhedspraktik === undefined || smaajob === undefined || fleksjob === undefined) return undefined;
  if (weights.fritidsjob > 0 && fritidsjob === undefined) return undefined;
  return {
    loentilskud,
    virksomhedspraktik,
    smaajob,
    samlet: loentilskud + virksomhedspraktik + smaajob,
    fleksjob,
    fritidsjob: weights.fritidsjob > 0 ? (fritidsjob as number) : null,
  };
}

function forloebOf(d: DepartmentData): UnitForloeb | undefined {
  const parts = COMBINED_SCHEMES.map((k) => d.forloeb[k]);
  if (!parts.every((p): p is number => p !== undefined)) return undefined;
  const [loentilskud, virksomhedspraktik, smaajob] = parts as [number, number, number];
  return { loentilskud, virksomhedspraktik, smaajob, i_alt: sum(parts) };
}

/** Status, targets and målopfyldelse of one unit; målopfyldelse only when `valid`. */
export function unitResult(
  code: string,
  name: string,
  status: UnitStatus,
  forloeb: UnitForloeb,
  targets: Partial<Record<GroupKey, number>>,
  weights: Weights,
  valid: boolean,
  sources: UnitSources = NO_SOURCES,
): UnitResult {
  const maal: UnitTargetsResult = {
    samlet: targets.samlet ?? null,
    fleksjob: targets.fleksjob ?? null,
    fritidsjob: weights.fritidsjob > 0 || targets.fritidsjob !== undefined ? targets.fritidsjob ?? null : null,
  };
  const parts = {
    samlet: pct(status.samlet, maal.samlet),
    fleksjob: pct(status.fleksjob, maal.fleksjob),
    fritidsjob: status.fritidsjob === null ? null : pct(status.fritidsjob, maal.fritidsjob),
  };
  const vaegtet = weightedTotal(parts, weights);
  return {
    code,
    name,
    sources,
    status,
    forloeb,
    maal,
    maalopfyldelse: valid && vaegtet !== null ? { ...parts, vaegtet } : null,
  };
}

/** KK: the sums of the forvaltninger's unrounded values, against KK's own targets (or their sum). */
export function sumUnits(units: readonly UnitResult[], weights: Weights): { status: UnitStatus; forloeb: UnitForloeb } {
  const s = (f: (u: UnitResult) => number) => sum(units.map(f));
  return {
    status: {
      loentilskud: s((u) => u.status.loentilskud),
      virksomhedspraktik: s((u) => u.status.virksomhedspraktik),
      smaajob: s((u) => u.status.smaajob),
      samlet: s((u) => u.status.samlet),
      fleksjob: s((u) => u.status.fleksjob),
      fritidsjob: weights.fritidsjob > 0 ? s((u) => u.status.fritidsjob ?? 0) : null,
    },
    forloeb: {
      loentilskud: s((u) => u.forloeb.loentilskud),
      virksomhedspraktik: s((u) => u.forloeb.virksomhedspraktik),
      smaajob: s((u) => u.forloeb.smaajob),
      i_alt: s((u) => u.forloeb.i_alt),
    },
  };
}

function sourcesOf(data: DepartmentData | undefined, targets: { sheet: string; cells: Partial<Record<GroupKey, string>> } | undefined): UnitSources {
  const at = (sheet: string, cell: string | undefined): SourceCell | undefined => (cell ? { sheet, cell } : undefined);
  const pick = <K extends string>(sheet: string, cells: Partial<Record<K, string>>, keys: readonly K[]): Partial<Record<K, SourceCell>> => {
    const out: Partial<Record<K, SourceCell>> = {};
    for (const k of keys) {
      const s = at(sheet, cells[k]);
      if (s) out[k] = s;
    }
    return out;
  };
  return {
    status: data ? pick(data.sheet, data.statusCells, SCHEME_KEYS) : {},
    forloeb: data ? pick(data.sheet, data.forloebCells, COMBINED_SCHEMES) : {},
    maal: targets ? pick(targets.sheet, targets.cells, GROUP_KEYS) : {},
  };
}

/** The whole calculation, from an analysed workbook. */
export function compute(analysis: Analysis): StatusResult {
  const { weights, issues } = analysis;
  const errorUnits = new Set(issues.filter((i) => i.severity === "error").map((i) => i.unit ?? "*"));
  const forvaltninger: UnitResult[] = [];
  let complete = weights !== undefined && analysis.maaltal !== undefined;
  for (const u of analysis.units) {
    const status = weights && u.data ? statusOf(u.data, weights) : undefined;
    const forloeb = u.data ? forloebOf(u.data) : undefined;
    if (!weights || !status || !forloeb) {
      complete = false;
      continue;
    }
    const valid = !errorUnits.has(u.code) && !errorUnits.has("*");
    if (!valid) complete = false;
    forvaltninger.push(unitResult(u.code, u.name, status, forloeb, u.targets?.maal ?? {}, weights, valid, sourcesOf(u.data, u.targets && analysis.maaltal ? { sheet: analysis.maaltal.sheet, cells: u.targets.cells } : undefined)));
  }

  // KK only from complete, valid data: never from part of the kommune.
  const kkBlocked = [...errorUnits].some((u) => u !== "forrige");
  let kk: UnitResult | null = null;
  if (complete && !kkBlocked && weights && analysis.maaltal) {
    const { status, forloeb } = sumUnits(forvaltninger, weights);
    const kkRow = analysis.maaltal.kk?.maal ?? {};
    const targets: Partial<Record<GroupKey, number>> = {};
    for (const g of GROUP_KEYS) {
      const own = kkRow[g];
      const fromUnits = forvaltninger.every((u) => u.maal[g] !== null) ? sum(forvaltninger.map((u) => u.maal[g] ?? 0)) : undefined;
      const v = own ?? fromUnits;
      if (v !== undefined) targets[g] = v;
    }
    // KK's figures are sums; only targets from its own Måltal row have a cell.
    const own = analysis.maaltal.kk;
    const kkMaal: Partial<Record<GroupKey, SourceCell>> = {};
    for (const g of GROUP_KEYS) {
      const cell = own?.cells[g];
      if (own?.maal[g] !== undefined && cell) kkMaal[g] = { sheet: analysis.maaltal.sheet, cell };
    }
    kk = unitResult(KK_CODE, analysis.maaltal.kk?.name ?? "Københavns Kommune", status, forloeb, targets, weights, true, { status: {}, forloeb: {}, maal: kkMaal });
  }

  let previous: StatusResult["previous"] = null;
  if (analysis.previous) {
    const { data, weights: pw, year, lastMonth: prevLast } = analysis.previous;
    const status = statusOf(data, pw);
    const forloeb = forloebOf(data);
    if (status && forloeb) {
      previous = { ...unitResult(KK_CODE, "Københavns Kommune", status, forloeb, data.maal, pw, true, sourcesOf(data, { sheet: data.sheet, cells: data.maalCells })), year, weights: pw, lastMonth: prevLast };
    }
  }

  const kommune = kk && analysis.kommuneSheet ? kommuneSheetDiffers(analysis.kommuneSheet, kk) : [];

  return {
    year: analysis.year ?? null,
    lastMonth: analysis.lastMonth,
    weights: weights ?? null,
    settingsSources: analysis.settingsSources,
    forvaltninger,
    kk,
    previous,
    issues: kommune.length > 0 ? [...issues, ...kommune] : issues,
  };
}

/**
 * A sheet for the whole kommune is never counted (KK is the sum of the forvaltninger): where it
 * shows another figure than the sum (rounded as the status sheet shows it), a warning names its
 * cell, its figure and the sum used, so no visible figure differs from the report silently.
 */
function kommuneSheetDiffers(sheet: DepartmentData, kk: UnitResult): Issue[] {
  const out: Issue[] = [];
  const differs = (a: number, b: number) => roundHalfAway(a) !== roundHalfAway(b);
  for (const k of SCHEME_KEYS) {
    const v = sheet.status[k];
    const cell = sheet.statusCells[k];
    const sum = kk.status[k];
    if (v !== undefined && cell && sum !== null && differs(v, sum)) {
      out.push({ severity: "warning", code: "KK_SHEET_DIFFERS", sheet: sheet.sheet, cell, params: { what: "status", scheme: k, value: v, sum } });
    }
  }
  for (const k of COMBINED_SCHEMES) {
    const v = sheet.forloeb[k];
    const cell = sheet.forloebCells[k];
    if (v !== undefined && cell && differs(v, kk.forloeb[k])) {
      out.push({ severity: "warning", code: "KK_SHEET_DIFFERS", sheet: sheet.sheet, cell, params: { what: "forloeb", scheme: k, value: v, sum: kk.forloeb[k] } });
    }
  }
  return out;
}
