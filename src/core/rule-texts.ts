/**
 * The texts of the status sheet, the CLI's tables and the notat that depend on the rulebook (issue
 * 22). A rulebook with a built-in year's schemes keeps the notat's own wording (REPORT, NOTAT); any
 * other gets the texts per measure (RULES), so no text names a scheme the year does not count.
 */
import { REPORT, RULES } from "../messages/da";
import { followsBuiltin } from "./rulebook-sheet";
import { schemesOf, type Rulebook, type SchemeRule } from "./rulebook";
import type { WeightFractions } from "./compute";

const ROW_LABELS = new Map<string, string>(Object.entries(REPORT.rows));

/** A scheme's row label in the tables: »Løntilskud (helårspersoner)«, or per measure: »Seniorjob (personer)«. */
export function schemeRowLabel(s: SchemeRule, rulebook: Rulebook): string {
  return followsBuiltin(rulebook) ? (ROW_LABELS.get(s.id) ?? s.name) : RULES.reportRow(s);
}

const joins = (r: Rulebook): boolean => r.groups.some((g) => schemesOf(r, g.id).length > 1);
const reportsForloeb = (r: Rulebook): boolean => r.schemes.some((s) => s.reportsForloeb);

/** A table's column headers after the unit's code. */
export function tableColumns(year: number | string, rulebook: Rulebook): string[] {
  return followsBuiltin(rulebook) ? REPORT.columns(year) : RULES.columns(year, joins(rulebook), reportsForloeb(rulebook));
}

/** The title of the tables for the whole kommune (Tabel 1, and Tabel 2 for the previous year). */
export function tableTitleKK(n: number, year: number | string, rulebook: Rulebook): string {
  return followsBuiltin(rulebook) ? REPORT.tableTitleKK(n, year) : RULES.tableTitleKK(n, year, reportsForloeb(rulebook));
}

export interface FootnoteInput {
  readonly rulebook: Rulebook;
  readonly year: number;
  readonly lastMonth: number;
  /** »2025« or »januar–juni 2025«: the period the forløb count. */
  readonly label: string;
  /** Tabel 2's own month and period where they differ (footnoteTable2). */
  readonly table2?: { readonly year: number; readonly month: number };
  readonly table2Label?: string;
  /** The month's name as the notat writes it (»december«), where the caller has it. */
  readonly monthName?: string;
}

/**
 * Footnotes * and ** for a rulebook with its own schemes: * only where a scheme is counted as
 * employed at the period's end, ** only where a scheme reports forløb. Undefined for a built-in
 * shape: the caller keeps the notat's own footnotes.
 */
export function ruleFootnotes(f: FootnoteInput): string[] | undefined {
  if (followsBuiltin(f.rulebook)) return undefined;
  const out: string[] = [];
  const ansatte = f.rulebook.schemes.filter((s) => s.measure === "ansatte_ultimo").map((s) => s.name);
  if (ansatte.length > 0) out.push(RULES.footnoteAnsatte(ansatte, f.year, f.lastMonth));
  const forloeb = f.rulebook.schemes.filter((s) => s.reportsForloeb).map((s) => s.name);
  if (forloeb.length > 0) out.push(RULES.footnoteForloeb(forloeb, f.label));
  return out;
}

/** Footnote *** for one year's weights (fractions per group), by the rulebook's shape. */
export function weightsFootnote(rulebook: Rulebook, year: number, weights: WeightFractions, first: boolean, lastMonth: number): string {
  if (followsBuiltin(rulebook)) {
    return REPORT.footnoteWeights(year, weights, first, lastMonth);
  }
  const parts = rulebook.groups.filter((g) => (weights[g.id] ?? 0) > 0).map((g) => ({ name: g.name, percent: (weights[g.id] ?? 0) * 100 }));
  return RULES.footnoteWeights(year, parts, first, lastMonth);
}

/** The notat's sentence on the targets for a rulebook with its own schemes; undefined for a built-in shape. */
export function targetsSentence(rulebook: Rulebook): string | undefined {
  return followsBuiltin(rulebook) ? undefined : RULES.targetsExplained(rulebook.groups.map((g) => schemesOf(rulebook, g.id).map((s) => s.name)));
}

/** The notat's front matter and method texts for a rulebook with its own schemes; undefined for a built-in shape. */
export function notatRuleTexts(rulebook: Rulebook, span: string, month: string, year: number, whole: boolean): { schemeList: string[]; targets: string; methods: string[] } | undefined {
  if (followsBuiltin(rulebook)) return undefined;
  const groups = rulebook.groups.map((g) => schemesOf(rulebook, g.id));
  return {
    schemeList: RULES.notatSchemeList(rulebook.schemes.map((s) => s.name)),
    targets: targetsSentence(rulebook) ?? "",
    methods: groups.map((g) => RULES.method(g, span, month, year, whole)),
  };
}
