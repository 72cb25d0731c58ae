import { z } from "zod";
import { issueMessage } from "../messages/da";
import type { SourceCell, StatusResult, UnitResult, UnitSources } from "./compute";
import { comparableWithPrevious, periodName } from "./period";
import { quotedText } from "./privacy";
import type { GroupKey } from "./schemes";
import type { SettingSource } from "./workbook";

const n = z.number();
const nn = z.number().nullable();

const source = z.object({ sheet: z.string(), cell: z.string() }).nullable();
/** For every input figure, the sheet and cell it was read from (null for KK's sums). */
export const SourcesJsonSchema = z.object({
  status: z.object({ loentilskud: source, virksomhedspraktik: source, smaajob: source, fleksjob: source, fritidsjob: source }),
  forloeb: z.object({ loentilskud: source, virksomhedspraktik: source, smaajob: source }),
  maal: z.object({ samlet: source, fleksjob: source, fritidsjob: source }),
});

/** Where a setting was read, or "standard" for the built-in default. */
const settingSource = z.union([z.object({ sheet: z.string(), cell: z.string() }), z.literal("standard")]);
const weightSources = z.object({ samlet: settingSource, fleksjob: settingSource, fritidsjob: settingSource });
/** The sources of the settings every figure depends on: the weights and the period's last month. */
export const SettingsJsonSchema = z.object({
  weights: weightSources,
  previousWeights: weightSources.nullable(),
  lastMonth: z.object({ month: z.number().int(), source: settingSource }),
});

export const UnitJsonSchema = z.object({
  code: z.string(),
  sources: SourcesJsonSchema,
  status: z.object({ loentilskud: n, virksomhedspraktik: n, smaajob: n, samlet: n, fleksjob: n, fritidsjob: nn }),
  forloeb: z.object({ loentilskud: n, virksomhedspraktik: n, smaajob: n, i_alt: n }),
  maal: z.object({ samlet: nn, fleksjob: nn, fritidsjob: nn }),
  maalopfyldelse: z.object({ samlet: nn, fleksjob: nn, fritidsjob: nn, vaegtet: n }).nullable(),
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
  year: z.number().int().nullable(),
  period: PeriodJsonSchema.nullable(),
  weights: z.object({ samlet: n, fleksjob: n, fritidsjob: n }).nullable(),
  settings: SettingsJsonSchema,
  forvaltninger: z.array(UnitJsonSchema),
  kk: UnitJsonSchema.nullable(),
  previous: UnitJsonSchema.extend({ year: z.number().int(), lastMonth: z.number().int() }).nullable(),
  issues: z.array(IssueJsonSchema),
});

export type StatusJson = z.infer<typeof StatusJsonSchema>;

function sourcesJson(s: UnitSources): z.infer<typeof SourcesJsonSchema> {
  const v = <K extends string>(rec: Partial<Record<K, SourceCell>>, k: K) => (rec[k] ? { ...(rec[k] as SourceCell), sheet: quotedText((rec[k] as SourceCell).sheet) } : null);
  return {
    status: { loentilskud: v(s.status, "loentilskud"), virksomhedspraktik: v(s.status, "virksomhedspraktik"), smaajob: v(s.status, "smaajob"), fleksjob: v(s.status, "fleksjob"), fritidsjob: v(s.status, "fritidsjob") },
    forloeb: { loentilskud: v(s.forloeb, "loentilskud"), virksomhedspraktik: v(s.forloeb, "virksomhedspraktik"), smaajob: v(s.forloeb, "smaajob") },
    maal: { samlet: v(s.maal, "samlet"), fleksjob: v(s.maal, "fleksjob"), fritidsjob: v(s.maal, "fritidsjob") },
  };
}

function unitJson(u: UnitResult): z.infer<typeof UnitJsonSchema> {
  return { code: u.code, sources: sourcesJson(u.sources), status: { ...u.status }, forloeb: { ...u.forloeb }, maal: { ...u.maal }, maalopfyldelse: u.maalopfyldelse ? { ...u.maalopfyldelse } : null };
}

function settingsJson(result: StatusResult): z.infer<typeof SettingsJsonSchema> {
  const src = result.settingsSources;
  const one = (s: SettingSource | undefined) => (s ? { sheet: quotedText(s.sheet), cell: s.cell } : ("standard" as const));
  const weights = (w: Partial<Record<GroupKey, SettingSource>>) => ({ samlet: one(w.samlet), fleksjob: one(w.fleksjob), fritidsjob: one(w.fritidsjob) });
  return {
    weights: weights(src.weights),
    previousWeights: result.previous ? weights(src.previousWeights) : null,
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
  return {
    year: result.year,
    period: periodJson(result),
    weights: result.weights ? { ...result.weights } : null,
    settings: settingsJson(result),
    forvaltninger: result.forvaltninger.map(unitJson),
    kk: result.kk ? unitJson(result.kk) : null,
    previous: result.previous ? { ...unitJson(result.previous), year: result.previous.year, lastMonth: result.previous.lastMonth } : null,
    issues: result.issues.map((i) => ({ severity: i.severity, code: i.code, sheet: quotedText(i.sheet), cell: i.cell ?? null, message: issueMessage(i) })),
  };
}
