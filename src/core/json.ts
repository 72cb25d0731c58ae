import { z } from "zod";
import { issueMessage } from "../messages/da";
import type { SourceCell, StatusResult, UnitResult, UnitSources } from "./compute";

const n = z.number();
const nn = z.number().nullable();

const source = z.object({ sheet: z.string(), cell: z.string() }).nullable();
/** For every input figure, the sheet and cell it was read from (null for KK's sums). */
export const SourcesJsonSchema = z.object({
  status: z.object({ loentilskud: source, virksomhedspraktik: source, smaajob: source, fleksjob: source, fritidsjob: source }),
  forloeb: z.object({ loentilskud: source, virksomhedspraktik: source, smaajob: source }),
  maal: z.object({ samlet: source, fleksjob: source, fritidsjob: source }),
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

/** The document `jobstatus beregn --json` prints; published so automation can validate it. */
export const StatusJsonSchema = z.object({
  year: z.number().int().nullable(),
  weights: z.object({ samlet: n, fleksjob: n, fritidsjob: n }).nullable(),
  forvaltninger: z.array(UnitJsonSchema),
  kk: UnitJsonSchema.nullable(),
  previous: UnitJsonSchema.extend({ year: z.number().int() }).nullable(),
  issues: z.array(IssueJsonSchema),
});

export type StatusJson = z.infer<typeof StatusJsonSchema>;

function sourcesJson(s: UnitSources): z.infer<typeof SourcesJsonSchema> {
  const v = <K extends string>(rec: Partial<Record<K, SourceCell>>, k: K) => (rec[k] ? { ...(rec[k] as SourceCell) } : null);
  return {
    status: { loentilskud: v(s.status, "loentilskud"), virksomhedspraktik: v(s.status, "virksomhedspraktik"), smaajob: v(s.status, "smaajob"), fleksjob: v(s.status, "fleksjob"), fritidsjob: v(s.status, "fritidsjob") },
    forloeb: { loentilskud: v(s.forloeb, "loentilskud"), virksomhedspraktik: v(s.forloeb, "virksomhedspraktik"), smaajob: v(s.forloeb, "smaajob") },
    maal: { samlet: v(s.maal, "samlet"), fleksjob: v(s.maal, "fleksjob"), fritidsjob: v(s.maal, "fritidsjob") },
  };
}

function unitJson(u: UnitResult): z.infer<typeof UnitJsonSchema> {
  return { code: u.code, sources: sourcesJson(u.sources), status: { ...u.status }, forloeb: { ...u.forloeb }, maal: { ...u.maal }, maalopfyldelse: u.maalopfyldelse ? { ...u.maalopfyldelse } : null };
}

export function toJson(result: StatusResult): StatusJson {
  return {
    year: result.year,
    weights: result.weights ? { ...result.weights } : null,
    forvaltninger: result.forvaltninger.map(unitJson),
    kk: result.kk ? unitJson(result.kk) : null,
    previous: result.previous ? { ...unitJson(result.previous), year: result.previous.year } : null,
    issues: result.issues.map((i) => ({ severity: i.severity, code: i.code, sheet: i.sheet, cell: i.cell ?? null, message: issueMessage(i) })),
  };
}
