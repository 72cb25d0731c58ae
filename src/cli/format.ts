import { type StatusResult, type UnitResult, type Issue, previousLeftOut, formatDanish, formatPct } from "../core";
import { CLI, issueLocation, issueMessageWithRow, periodLabel, REPORT, SEVERITY_NAMES } from "../messages/da";

const pad = (s: string, w: number, right = false) => (right ? s.padStart(w) : s.padEnd(w));

/** A status table for the terminal, rounded for display like the sheet. */
export function formatUnitTable(title: string, u: UnitResult, year: number | string, withFritidsjob: boolean): string {
  const m = u.maalopfyldelse;
  const n = (v: number | null) => (v === null ? REPORT.noValue : formatDanish(v));
  const cols = REPORT.columns(year);
  const rows: string[][] = [
    [u.code, ...cols],
    [REPORT.rows.loentilskud, n(u.status.loentilskud), n(u.status.samlet), n(u.maal.samlet), formatPct(m?.samlet ?? null), n(u.forloeb.loentilskud)],
    [REPORT.rows.virksomhedspraktik, n(u.status.virksomhedspraktik), "", "", "", n(u.forloeb.virksomhedspraktik)],
    [REPORT.rows.smaajob, n(u.status.smaajob), "", "", "", n(u.forloeb.smaajob)],
    [REPORT.rows.forloeb, "", "", "", "", n(u.forloeb.i_alt)],
    [REPORT.rows.fleksjob, n(u.status.fleksjob), "", n(u.maal.fleksjob), formatPct(m?.fleksjob ?? null), ""],
    ...(withFritidsjob ? [[REPORT.rows.fritidsjob, n(u.status.fritidsjob), "", n(u.maal.fritidsjob), formatPct(m?.fritidsjob ?? null), ""]] : []),
    [REPORT.rows.vaegtet, "", "", "", formatPct(m?.vaegtet ?? null), ""],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const lines = rows.map((r, i) => r.map((cell, c) => pad(cell, widths[c] ?? 0, c > 0 && i > 0)).join("  ").trimEnd());
  return [title, ...lines].join("\n");
}

export function formatResult(result: StatusResult): string {
  if (result.year === null || result.weights === null) return "";
  const out: string[] = [];
  let n = 1;
  if (result.kk) out.push(formatUnitTable(REPORT.tableTitleKK(n++, periodLabel(result.year, result.lastMonth)), result.kk, periodLabel(result.year, result.lastMonth), result.weights.fritidsjob > 0));
  if (result.previous) out.push(formatUnitTable(REPORT.tableTitleKK(n++, periodLabel(result.previous.year, result.previous.lastMonth)), result.previous, periodLabel(result.previous.year, result.previous.lastMonth), result.previous.weights.fritidsjob > 0));
  else out.push(REPORT.noPrevious(result.year - 1, previousLeftOut(result.issues)));
  for (const u of result.forvaltninger) out.push(formatUnitTable(REPORT.tableTitleUnit(n++, u.name, periodLabel(result.year, result.lastMonth)), u, periodLabel(result.year, result.lastMonth), result.weights.fritidsjob > 0));
  return out.join("\n\n");
}

export function formatIssues(issues: readonly Issue[]): string {
  if (issues.length === 0) return CLI.noIssues;
  const errors = issues.filter((i) => i.severity === "error").length;
  const lines = issues.map((i) => `${pad(SEVERITY_NAMES[i.severity], 9)} ${pad(issueLocation(i), 14)} [${i.code}] ${issueMessageWithRow(i)}`);
  return [CLI.issuesHeading(errors, issues.length - errors), ...lines].join("\n");
}
