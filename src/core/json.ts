import { z } from "zod";
import { issueMessage } from "../messages/da";
import type { StatusResult, UnitResult } from "./compute";

const n = z.number();
const nn = z.number().nullable();

export const UnitJsonSchema = z.object({
  code: z.string(),
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

function unitJson(u: UnitResult): z.infer<typeof UnitJsonSchema> {
  return { code: u.code, status: { ...u.status }, forloeb: { ...u.forloeb }, maal: { ...u.maal }, maalopfyldelse: u.maalopfyldelse ? { ...u.maalopfyldelse } : null };
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
