/**
 * The document `jobstatus beregn --json` prints (`toJson`), built without zod: the CLI loads this
 * module at every start, and zod costs about 0.15 s to load (issue 20, docs/dev/performance.md).
 * The document's published schema, and the compile-time proof that this module's output matches
 * it, are in json.ts (zod), which only the tests and automation load.
 */
import { issueMessage } from "../messages/da";
import type { SourceCell, StatusResult, UnitResult, UnitSources } from "./compute";
import { recognised, type Rulebook } from "./rulebook";
import { FORLOEB_TOTAL, WEIGHTED } from "./compute";
import { comparableWithPrevious, periodName } from "./period";
import { quotedText } from "./privacy";
import type { SettingSource } from "./workbook";

/** The version of the --json document (1 had fixed scheme fields; 2 keys them by the rulebook's ids). */
export const JSON_VERSION: 2 = 2;

/**
 * The ids a unit's figures are listed under: the rulebook's, then the built-in ones the year does not
 * count (fritidsjob in 2024), as null or as typed, so a year's document keeps the fields it always had.
 */
function idsOf(rulebook: Rulebook): { status: string[]; forloeb: string[]; groups: string[] } {
  const known = recognised(rulebook);
  const status: string[] = [];
  for (const g of known.groups) {
    for (const sc of known.schemes) if (sc.group === g.id && !status.includes(sc.id)) status.push(sc.id);
    if (!status.includes(g.id)) status.push(g.id);
  }
  return { status, forloeb: known.schemes.filter((x) => x.reportsForloeb).map((x) => x.id), groups: known.groups.map((g) => g.id) };
}

function listed<T>(rec: Readonly<Record<string, T>>, ids: readonly string[], missing: T): Record<string, T> {
  return Object.fromEntries(ids.map((k) => [k, rec[k] ?? missing] as const));
}

function sourcesJson(s: UnitSources, rulebook: Rulebook) {
  const ids = idsOf(rulebook);
  const v = (rec: Partial<Record<string, SourceCell>>, k: string) => {
    const at = rec[k];
    return at ? { ...at, sheet: quotedText(at.sheet) } : null;
  };
  const pick = (rec: Partial<Record<string, SourceCell>>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, v(rec, k)] as const));
  const schemeIds = ids.status.filter((k) => recognised(rulebook).schemes.some((x) => x.id === k));
  return { status: pick(s.status, schemeIds), forloeb: pick(s.forloeb, ids.forloeb), maal: pick(s.maal, ids.groups) };
}

function unitJson(u: UnitResult, rulebook: Rulebook) {
  const ids = idsOf(rulebook);
  const m = u.maalopfyldelse;
  return {
    code: u.code,
    sources: sourcesJson(u.sources, rulebook),
    status: listed<number | null>(u.status, ids.status, null),
    forloeb: listed<number | null>(u.forloeb, [...ids.forloeb, FORLOEB_TOTAL], null),
    maal: listed<number | null>(u.maal, ids.groups, null),
    maalopfyldelse: m ? listed<number | null>(m, [...ids.groups, ...(rulebook.weights ? [WEIGHTED] : [])], null) : null,
  };
}

export function rulebookJson(rb: Rulebook) {
  return {
    year: rb.year,
    source: rb.source.kind === "builtin" ? ("builtin" as const) : { sheet: quotedText(rb.source.sheet), range: rb.source.range },
    schemes: rb.schemes.map((s) => ({ id: s.id, name: s.name, group: s.group, measure: s.measure, reportsForloeb: s.reportsForloeb })),
    groups: rb.groups.map((g) => ({ id: g.id, name: g.name })),
    weights: rb.weights ? { ...rb.weights } : null,
  };
}

function settingsJson(result: StatusResult, rb: Rulebook | null) {
  const src = result.settingsSources;
  const one = (s: SettingSource | undefined) => (s ? { sheet: quotedText(s.sheet), cell: s.cell } : ("standard" as const));
  const weights = (rb: Rulebook | null, w: Partial<Record<string, SettingSource>>) => Object.fromEntries((rb?.weights ? idsOf(rb).groups : []).map((g) => [g, one(w[g])] as const));
  return {
    weights: weights(rb, src.weights),
    previousWeights: result.previous ? weights(result.previous.rulebook, src.previousWeights) : null,
    lastMonth: { month: result.lastMonth, source: one(src.lastMonth) },
  };
}

function periodJson(result: StatusResult) {
  if (result.year === null) return null;
  const prev = result.previous;
  return {
    year: result.year,
    firstMonth: 1,
    lastMonth: result.lastMonth,
    label: periodName(result.year, result.lastMonth),
    previous: prev ? { year: prev.year, firstMonth: 1, lastMonth: prev.lastMonth, label: periodName(prev.year, prev.lastMonth) } : null,
    comparable: comparableWithPrevious(result),
  };
}

export function toJson(result: StatusResult) {
  const failed = result.settingsSources.rulebookFailed;
  // A failing rulebook on the sheet: the built-in one the engine fell back to is not shown as used.
  const rb = failed ? null : result.rulebook;
  const prev = result.previous;
  return {
    version: JSON_VERSION,
    year: result.year,
    period: periodJson(result),
    weights: rb && result.weights ? listed(result.weights, idsOf(rb).groups, 0) : null,
    rulebook: rb ? rulebookJson(rb) : null,
    rulebookFailed: failed ? { sheet: quotedText(failed.sheet), cell: failed.cell } : null,
    settings: settingsJson(result, rb),
    // Units have figures only with a rulebook (compute.ts), so `rb` is there whenever a unit is.
    forvaltninger: rb ? result.forvaltninger.map((u) => unitJson(u, rb)) : [],
    kk: result.kk && rb ? unitJson(result.kk, rb) : null,
    previous: prev ? { ...unitJson(prev, prev.rulebook), year: prev.year, lastMonth: prev.lastMonth, rulebook: rulebookJson(prev.rulebook) } : null,
    issues: result.issues.map((i) => ({ severity: i.severity, code: i.code, sheet: quotedText(i.sheet), cell: i.cell ?? null, message: issueMessage(i) })),
  };
}
