import { z } from "zod";
import { issueMessage } from "../messages/da";
import type { SourceCell, StatusResult, UnitResult, UnitSources } from "./compute";
import { MEASURES, recognised, type Measure, type Rulebook } from "./rulebook";
import { FORLOEB_TOTAL, WEIGHTED } from "./compute";
import { comparableWithPrevious, periodName } from "./period";
import { quotedText } from "./privacy";
import type { SettingSource } from "./workbook";

const n = z.number();
/** The version of the --json document (1 had fixed scheme fields; 2 keys them by the rulebook's ids). */
export const JSON_VERSION = 2;
const nn = z.number().nullable();

const source = z.object({ sheet: z.string(), cell: z.string() }).nullable();
/** For every input figure, the sheet and cell it was read from (null for KK's sums), by scheme id and group id. */
export const SourcesJsonSchema = z.object({
  status: z.record(z.string(), source),
  forloeb: z.record(z.string(), source),
  maal: z.record(z.string(), source),
});

/** Where a setting was read, or "standard" for the built-in default. */
const settingSource = z.union([z.object({ sheet: z.string(), cell: z.string() }), z.literal("standard")]);
const weightSources = z.record(z.string(), settingSource);
/** The sources of the settings every figure depends on: the weights (per group id) and the period's last month. */
export const SettingsJsonSchema = z.object({
  weights: weightSources,
  previousWeights: weightSources.nullable(),
  lastMonth: z.object({ month: z.number().int(), source: settingSource }),
});

/**
 * A unit's figures, keyed by the rulebook's ids: `status` by scheme id and group id (a group's status
 * is the sum of its schemes'), `forloeb` by scheme id with the total under `i_alt`, `maal` by group
 * id, `maalopfyldelse` by group id with `vaegtet` when the rulebook weighs.
 */
export const UnitJsonSchema = z.object({
  code: z.string(),
  sources: SourcesJsonSchema,
  status: z.record(z.string(), nn),
  forloeb: z.record(z.string(), nn),
  maal: z.record(z.string(), nn),
  maalopfyldelse: z.record(z.string(), nn).nullable(),
});

/** The rulebook a year was counted by, and where it came from (`"builtin"` or the range on Indstillinger). */
export const RulebookJsonSchema = z.object({
  year: z.number().int(),
  source: z.union([z.literal("builtin"), z.object({ sheet: z.string(), range: z.string() })]),
  schemes: z.array(z.object({ id: z.string(), name: z.string(), group: z.string(), measure: z.enum(MEASURES as [Measure, ...Measure[]]), reportsForloeb: z.boolean() })),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Percent per group id (sum 100), or null: no weighted total. */
  weights: z.record(z.string(), n).nullable(),
});

export const IssueJsonSchema = z.object({
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  sheet: z.string(),
  cell: z.string().nullable(),
  message: z.string(),
});

/**
 * The months the figures cover: the same period every title on the status sheet names (`label`:
 * »2025« or »januar–juni 2025«). `previous` is the previous year's period, and `comparable` says
 * whether the summary compares the two (only like with like).
 */
export const PeriodJsonSchema = z.object({
  year: z.number().int(),
  firstMonth: z.number().int(),
  lastMonth: z.number().int(),
  label: z.string(),
  previous: z.object({ year: z.number().int(), firstMonth: z.number().int(), lastMonth: z.number().int(), label: z.string() }).nullable(),
  comparable: z.boolean(),
});

/**
 * The document `jobstatus beregn --json` prints; published so automation can validate it. A sheet
 * name in it is quoted as in the text (src/core/privacy.ts quotedText: CPR-shaped parts masked,
 * control characters made spaces), docs/dev/security.md §7.
 */
export const StatusJsonSchema = z.object({
  /** The document's version: 2 since the rulebook (issue 22); the migration is in docs/brugervejledning.md (beregn) and docs/dev/design.md. */
  version: z.literal(JSON_VERSION),
  year: z.number().int().nullable(),
  period: PeriodJsonSchema.nullable(),
  /** The rulebook's weights as fractions per group id, or null (no rulebook, or one without weights). */
  weights: z.record(z.string(), n).nullable(),
  /** Null also when the year's rulebook on Indstillinger could not be read (then `rulebookFailed` says where it is). */
  rulebook: RulebookJsonSchema.nullable(),
  /** The »Regelsæt« cell of the year's rulebook on Indstillinger that has errors, or null: no built-in rulebook stands in for it. */
  rulebookFailed: z.object({ sheet: z.string(), cell: z.string() }).nullable(),
  settings: SettingsJsonSchema,
  forvaltninger: z.array(UnitJsonSchema),
  kk: UnitJsonSchema.nullable(),
  previous: UnitJsonSchema.extend({ year: z.number().int(), lastMonth: z.number().int(), rulebook: RulebookJsonSchema }).nullable(),
  issues: z.array(IssueJsonSchema),
});

export type StatusJson = z.infer<typeof StatusJsonSchema>;

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

function sourcesJson(s: UnitSources, rulebook: Rulebook): z.infer<typeof SourcesJsonSchema> {
  const ids = idsOf(rulebook);
  const v = (rec: Partial<Record<string, SourceCell>>, k: string) => {
    const at = rec[k];
    return at ? { ...at, sheet: quotedText(at.sheet) } : null;
  };
  const pick = (rec: Partial<Record<string, SourceCell>>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, v(rec, k)] as const));
  const schemeIds = ids.status.filter((k) => recognised(rulebook).schemes.some((x) => x.id === k));
  return { status: pick(s.status, schemeIds), forloeb: pick(s.forloeb, ids.forloeb), maal: pick(s.maal, ids.groups) };
}

function unitJson(u: UnitResult, rulebook: Rulebook): z.infer<typeof UnitJsonSchema> {
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

export function rulebookJson(rb: Rulebook): z.infer<typeof RulebookJsonSchema> {
  return {
    year: rb.year,
    source: rb.source.kind === "builtin" ? "builtin" : { sheet: quotedText(rb.source.sheet), range: rb.source.range },
    schemes: rb.schemes.map((s) => ({ id: s.id, name: s.name, group: s.group, measure: s.measure, reportsForloeb: s.reportsForloeb })),
    groups: rb.groups.map((g) => ({ id: g.id, name: g.name })),
    weights: rb.weights ? { ...rb.weights } : null,
  };
}

function settingsJson(result: StatusResult, rb: Rulebook | null): z.infer<typeof SettingsJsonSchema> {
  const src = result.settingsSources;
  const one = (s: SettingSource | undefined) => (s ? { sheet: quotedText(s.sheet), cell: s.cell } : ("standard" as const));
  const weights = (rb: Rulebook | null, w: Partial<Record<string, SettingSource>>) => Object.fromEntries((rb?.weights ? idsOf(rb).groups : []).map((g) => [g, one(w[g])] as const));
  return {
    weights: weights(rb, src.weights),
    previousWeights: result.previous ? weights(result.previous.rulebook, src.previousWeights) : null,
    lastMonth: { month: result.lastMonth, source: one(src.lastMonth) },
  };
}

function periodJson(result: StatusResult): z.infer<typeof PeriodJsonSchema> | null {
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

export function toJson(result: StatusResult): StatusJson {
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
