/**
 * What the »Selvtest« page reports about the user's Excel, and the plain support text a user copies
 * into a ticket (instead of a support page: docs/dev/manifest.md, SupportUrl). No workbook data goes
 * in it: the Excel build, platform, requirement sets and each check's outcome with what was seen.
 */
import { SELFTEST } from "../messages/da";
import type { IsSetSupported } from "../office/run";
import type { SelfTestResult } from "../office/selftest";

export interface ExcelEnvironment {
  /** Office.context.diagnostics.version, e.g. "16.0.18025.20000". */
  readonly version: string;
  /** Office.context.diagnostics.platform, e.g. "PC", "OfficeOnline", "Mac". */
  readonly platform: string;
  readonly sets: { readonly found: readonly string[]; readonly missing: readonly string[] };
}

/**
 * ExcelApi 1.1 … 1.20 (the sets published when this was written), the shared runtime, and
 * ExcelApiUndo 1.1 … 1.8: Microsoft's client flags a write as undoable only where the ExcelApiUndo
 * version it names is reported (`_calculateApiFlags(2, "ExcelApiUndo", "1.7")` for
 * `Range.values`, `numberFormat` and `getMergedAreasOrNullObject`, "1.8" for `Worksheet.tabColor`,
 * in excel-web-16.00.debug.js), so these tell a ticket whether Excel keeps the user's Ctrl+Z
 * (office-js#5918; docs/dev/taskpane.md »Undo and merged areas«).
 */
export const ASKED_SETS: readonly (readonly [string, string])[] = [
  ...Array.from({ length: 20 }, (_, i) => ["ExcelApi", `1.${i + 1}`] as const),
  ["SharedRuntime", "1.1"],
  ...Array.from({ length: 8 }, (_, i) => ["ExcelApiUndo", `1.${i + 1}`] as const),
];

/** Which of ASKED_SETS the host says it has. */
export function requirementSets(isSetSupported: IsSetSupported): ExcelEnvironment["sets"] {
  const found: string[] = [];
  const missing: string[] = [];
  for (const [name, version] of ASKED_SETS) {
    let ok = false;
    try {
      ok = isSetSupported(name, version);
    } catch {
      ok = false;
    }
    (ok ? found : missing).push(`${name} ${version}`);
  }
  return { found, missing };
}

/** The environment as Office reports it; empty strings where it does not. */
export function excelEnvironment(diagnostics: { version?: string; platform?: unknown } | undefined, isSetSupported: IsSetSupported): ExcelEnvironment {
  return { version: diagnostics?.version ?? "", platform: diagnostics?.platform === undefined ? "" : String(diagnostics.platform), sets: requirementSets(isSetSupported) };
}

/**
 * »ExcelApi 1.1–1.17, SharedRuntime 1.1«: runs of consecutive versions of one set written as a range
 * (for the page and the support text; the lists themselves stay one entry per set).
 */
export function compactSets(sets: readonly string[]): string {
  const runs: { name: string; first: number; last: number }[] = [];
  const out: (string | { name: string; first: number; last: number })[] = [];
  for (const set of sets) {
    const m = /^(\S+) 1\.(\d+)$/.exec(set);
    const last = runs[runs.length - 1];
    if (!m) out.push(set);
    else if (last && out[out.length - 1] === last && last.name === m[1] && last.last === Number(m[2]) - 1) last.last++;
    else {
      const run = { name: m[1] as string, first: Number(m[2]), last: Number(m[2]) };
      runs.push(run);
      out.push(run);
    }
  }
  return out.map((r) => (typeof r === "string" ? r : r.first === r.last ? `${r.name} 1.${r.first}` : `${r.name} 1.${r.first}–1.${r.last}`)).join(", ");
}

const two = (n: number): string => String(n).padStart(2, "0");
/** «2026-12-05 03:12 UTC»: a support desk reads it the same anywhere. */
function utc(d: Date): string {
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

/** The support text: plain lines, Danish labels, technical details as Excel gave them. */
export function supportText(env: ExcelEnvironment | null, results: readonly SelfTestResult[] | null, error: string | null, now: Date): string {
  const t = SELFTEST.text;
  const lines = [t.title, `${t.time}: ${utc(now)}`];
  if (env) {
    lines.push(`${t.excel}: ${SELFTEST.version.toLowerCase()} ${env.version || SELFTEST.notKnown}, ${SELFTEST.platform.toLowerCase()} ${env.platform || SELFTEST.notKnown}`);
    lines.push(`${SELFTEST.sets}: ${compactSets(env.sets.found) || SELFTEST.notKnown}`);
    if (env.sets.missing.length) lines.push(`${SELFTEST.setsMissing}: ${compactSets(env.sets.missing)}`);
  }
  if (error) lines.push(`${t.error}: ${error}`);
  if (!results) {
    if (!error) lines.push(t.notRun);
    return lines.join("\n");
  }
  const count = (s: SelfTestResult["status"]) => results.filter((r) => r.status === s).length;
  lines.push(`${t.result}: ${t.counts(count("pass"), count("fail"), count("skipped"))}`);
  for (const r of results) lines.push(`- ${SELFTEST.checks[r.check].name}: ${SELFTEST.status[r.status]} (${r.check}: ${r.detail})`);
  return lines.join("\n");
}
