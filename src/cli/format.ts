import { FORLOEB_TOTAL, WEIGHTED, type StatusResult, type UnitResult } from "../core/compute";
import type { Issue } from "../core/issues";
import { forloebAfter, previousLeftOut, schemeRowLabel } from "../core/report";
import { tableColumns, tableTitleKK } from "../core";
import { schemesOf, type Rulebook } from "../core/rulebook";
import { formatDanish, formatPct } from "../core/numbers";
import { CLI, issueLocation, issueMessageWithRow, periodLabel, REPORT, SEVERITY_NAMES } from "../messages/da";

const pad = (s: string, w: number, right = false) => (right ? s.padStart(w) : s.padEnd(w));

/** One group's rows: a group of several schemes shows its summary on its first row. */
function groupRows(u: UnitResult, rulebook: Rulebook, group: string, n: (v: number | null | undefined) => string): string[][] {
  const m = u.maalopfyldelse;
  const schemes = schemesOf(rulebook, group);
  const forloeb = (id: string, reports: boolean) => (reports ? n(u.forloeb[id]) : "");
  const summary = [n(u.maal[group]), formatPct(m?.[group] ?? null)];
  return schemes.map((s, i) =>
    schemes.length === 1
      ? [schemeRowLabel(s, rulebook), n(u.status[s.id]), "", ...summary, forloeb(s.id, s.reportsForloeb)]
      : [schemeRowLabel(s, rulebook), n(u.status[s.id]), ...(i === 0 ? [n(u.status[group]), ...summary] : ["", "", ""]), forloeb(s.id, s.reportsForloeb)],
  );
}

/** A status table for the terminal, rounded for display like the sheet: the rulebook's groups, the forløb total, the weighted total when it weighs. */
export function formatUnitTable(title: string, u: UnitResult, year: number | string, rulebook: Rulebook): string {
  const m = u.maalopfyldelse;
  const n = (v: number | null | undefined) => (v === null || v === undefined ? REPORT.noValue : formatDanish(v));
  const rows: string[][] = [[u.code, ...tableColumns(year, rulebook)]];
  const forloebAt = forloebAfter(rulebook);
  rulebook.groups.forEach((g, i) => {
    rows.push(...groupRows(u, rulebook, g.id, n));
    if (i === forloebAt) rows.push([REPORT.rows.forloeb, "", "", "", "", n(u.forloeb[FORLOEB_TOTAL])]);
  });
  if (rulebook.weights) rows.push([REPORT.rows.vaegtet, "", "", "", formatPct(m?.[WEIGHTED] ?? null), ""]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const lines = rows.map((r, i) => r.map((cell, c) => pad(cell, widths[c] ?? 0, c > 0 && i > 0)).join("  ").trimEnd());
  return [title, ...lines].join("\n");
}

export function formatResult(result: StatusResult): string {
  const rulebook = result.rulebook;
  if (result.year === null || rulebook === null) return "";
  const out: string[] = [];
  let n = 1;
  const label = periodLabel(result.year, result.lastMonth);
  if (result.kk) out.push(formatUnitTable(tableTitleKK(n++, label, rulebook), result.kk, label, rulebook));
  const prev = result.previous;
  if (prev) out.push(formatUnitTable(tableTitleKK(n++, periodLabel(prev.year, prev.lastMonth), prev.rulebook), prev, periodLabel(prev.year, prev.lastMonth), prev.rulebook));
  else out.push(REPORT.noPrevious(result.year - 1, previousLeftOut(result.issues)));
  for (const u of result.forvaltninger) out.push(formatUnitTable(REPORT.tableTitleUnit(n++, u.name, label), u, label, rulebook));
  return out.join("\n\n");
}

export function formatIssues(issues: readonly Issue[]): string {
  if (issues.length === 0) return CLI.noIssues;
  const errors = issues.filter((i) => i.severity === "error").length;
  const lines = issues.map((i) => `${pad(SEVERITY_NAMES[i.severity], 9)} ${pad(issueLocation(i), 14)} [${i.code}] ${issueMessageWithRow(i)}`);
  return [CLI.issuesHeading(errors, issues.length - errors), ...lines].join("\n");
}
