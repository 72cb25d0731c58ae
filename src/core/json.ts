/**
 * The published zod schema of the `--json` document (`StatusJsonSchema`), for the tests and for
 * automation that validates the document. The CLI does not load this module: the engine's index
 * exports the document from json-document.ts, which does not need zod (0.15 s at every start).
 */
import { z } from "zod";
import type { StatusResult } from "./compute";
import { MEASURES, type Measure } from "./rulebook";
import { JSON_VERSION, rulebookJson, toJson as documentOf } from "./json-document";

export { JSON_VERSION, rulebookJson };

const n = z.number();
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


/** The --json document (json-document.ts), typed by its schema: the compiler proves the two agree. */
export function toJson(result: StatusResult): StatusJson {
  return documentOf(result);
}
