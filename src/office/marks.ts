import type { Issue } from "../core";
import { transient } from "./run";

/**
 * Validation marks, designed so that they can never touch a user's conditional format.
 *
 * In Excel a conditional format has no identity of its own: its id is its priority, its position in
 * the collection, and deleting one shifts the others (and office-js has open bugs where reading rules
 * fails). So jobstatus never deletes, edits or even reads a conditional format. Per sheet and
 * severity it adds one rule, once, over the whole sheet, whose formula asks whether the cell is in a
 * name that jobstatus owns, scoped to that sheet (Worksheet.names, ExcelApi 1.4):
 *
 *     rule     =ISREF(A1 jobstatus_markering_fejl)
 *     name     jobstatus_markering_fejl (on the sheet)  =BUF!$B$9,BUF!$C$7   (or =FALSE: no marks)
 *
 * A validation only rewrites the names; names are addressed by their own name, never by position.
 * The name lives in the sheet's own scope, so it needs no key (issue 17, defect 4: `Worksheet.id`
 * changes between sessions and platforms, and on Mac a deleted sheet's id is reused, office-js#1390,
 * #552): renaming, copying or deleting the sheet takes its marks along, and Excel moves the
 * references with the cells when rows or columns are inserted. Workbook names from earlier versions,
 * keyed by sheet id (`jobstatus_markering_fejl_<id>`), are emptied (=FALSE) when found, never deleted:
 * their rules refer to them.
 */
export const MARK_TAG = "jobstatus_markering_";
export const MARK_FILL = { error: "#FDE7E9", warning: "#FFF4CE" } as const;
const SEVERITY_WORD = { error: "fejl", warning: "advarsel" } as const;
const SEVERITIES = ["error", "warning"] as const;
/** A name's formula may hold 8,192 characters in Excel; a sheet with more marks than fit marks the first. */
export const MAX_MARK_FORMULA_CHARS = 8_000;
/** The value of a mark name without marks: the rule's intersection then fails, so nothing is marked. */
export const NO_MARKS = "=FALSE";

export type Severity = Issue["severity"];

export interface Mark {
  readonly sheet: string;
  readonly cell: string;
  readonly severity: Severity;
}

/** One mark per cell: an error wins over a warning in the same cell. */
export function marksFor(issues: readonly Issue[], sheetNames: readonly string[]): Mark[] {
  const known = new Map(sheetNames.map((n) => [n.toLowerCase(), n]));
  const byCell = new Map<string, Mark>();
  for (const i of issues) {
    if (!i.cell) continue;
    const sheet = known.get(i.sheet.toLowerCase());
    if (!sheet) continue;
    const key = `${sheet.toLowerCase()}!${i.cell}`;
    const prev = byCell.get(key);
    if (!prev || (prev.severity === "warning" && i.severity === "error")) byCell.set(key, { sheet, cell: i.cell, severity: i.severity });
  }
  return [...byCell.values()];
}

/** The sheet-scoped name holding a sheet's marks of one severity. */
export function markName(severity: Severity): string {
  return `${MARK_TAG}${SEVERITY_WORD[severity]}`;
}

/** A workbook name from an earlier version (`jobstatus_markering_fejl_<sheet id>`), to be emptied. */
export function isLegacyMarkName(name: string): boolean {
  return name.toLowerCase().startsWith(MARK_TAG) && !SEVERITIES.some((s) => markName(s) === name.toLowerCase());
}

/** The rule's formula, relative to A1 of the whole sheet it applies to. */
export function markRuleFormula(name: string): string {
  return `=ISREF(A1 ${name})`;
}

const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;
const absolute = (cell: string): string => cell.replace(/^([A-Z]+)(\d+)$/i, (_m, c: string, r: string) => `$${c.toUpperCase()}$${r}`);

/** `='BUF'!$B$9,'BUF'!$C$7` for the cells (as many as fit in a name), or NO_MARKS. */
export function markReference(sheet: string, cells: readonly string[]): { formula: string; count: number } {
  const prefix = `${quoteSheet(sheet)}!`;
  let formula = "";
  let count = 0;
  for (const cell of cells) {
    const part = `${count === 0 ? "=" : ","}${prefix}${absolute(cell)}`;
    if (formula.length + part.length > MAX_MARK_FORMULA_CHARS) break;
    formula += part;
    count++;
  }
  return count === 0 ? { formula: NO_MARKS, count: 0 } : { formula, count };
}

/**
 * A reference list as a comparable key: Excel reads a name's formula back in its own form, with a
 * sheet name in apostrophes only where it needs them (`='BUF'!$B$9` comes back as `=BUF!$B$9`), so
 * comparing the text would rewrite every name on every validation, dirtying the workbook (and with
 * AutoSave making a new version each click; issue 17, defect 9).
 */
export function referenceKey(formula: string): string {
  const parts: string[] = [];
  for (const m of formula.replace(/^=/, "").matchAll(/(?:'((?:[^']|'')+)'|([^,'!]+))!([^,]+)|([^,]+)/g)) {
    const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
    parts.push(sheet !== undefined ? `${sheet.trim().toLowerCase()}!${(m[3] ?? "").replace(/\$/g, "").trim().toUpperCase()}` : (m[4] ?? "").trim().toUpperCase());
  }
  return parts.join(",");
}

/** What one sheet's marks need: a name per severity to set or to add (with its rule). */
export interface SheetMarkPlan {
  readonly sheet: string;
  readonly names: readonly { readonly name: string; readonly severity: Severity; readonly formula: string; readonly exists: boolean }[];
  /** Marks written (cells beyond what a name can hold are left out). */
  readonly marked: number;
}

/**
 * The names to write for `sheets` (the sheets validated, each with its own names by lower-cased
 * name): their new marks, and no marks where a sheet had some before. Names whose references are
 * already right are left alone.
 */
export function planMarks(sheets: readonly { readonly name: string; readonly names: ReadonlyMap<string, string> }[], marks: readonly Mark[]): SheetMarkPlan[] {
  const plans: SheetMarkPlan[] = [];
  for (const s of sheets) {
    const names: { name: string; severity: Severity; formula: string; exists: boolean }[] = [];
    let marked = 0;
    for (const severity of SEVERITIES) {
      const name = markName(severity);
      const cells = marks.filter((m) => m.sheet === s.name && m.severity === severity).map((m) => m.cell);
      const { formula, count } = markReference(s.name, cells);
      marked += count;
      const current = s.names.get(name.toLowerCase());
      if (current === undefined ? count > 0 : referenceKey(current) !== referenceKey(formula)) names.push({ name, severity, formula, exists: current !== undefined });
    }
    if (names.length > 0 || marked > 0) plans.push({ sheet: s.name, names, marked });
  }
  return plans;
}

/** Workbook names from earlier versions that still hold marks (they are set to NO_MARKS). */
export function legacyMarksToEmpty(workbookNames: ReadonlyMap<string, string>): string[] {
  return [...workbookNames].filter(([name, formula]) => isLegacyMarkName(name) && referenceKey(formula) !== referenceKey(NO_MARKS)).map(([name]) => name);
}

/** Request bytes a sheet's plan costs, roughly (for splitting very many sheets over several syncs). */
export function planBytes(plan: SheetMarkPlan): number {
  return plan.names.reduce((n, x) => n + x.formula.length + (x.exists ? 300 : 1_500), 0);
}

/**
 * Queues one sheet's plan: names are set by name in the sheet's scope; a new name gets its rule,
 * added once, at the top. The rule is queued BEFORE its name: Excel applies the commands of a
 * request that come before a failing one (OfficeExtension.Error, "The second batch successfully
 * inserts the third and fourth paragraphs but fails…",
 * https://learn.microsoft.com/javascript/api/office/officeextension.error), so a refused rule
 * leaves no name behind, and an existing name always means its rule exists: the next validation
 * tries the rule again instead of reporting cells as marked that no rule shows (issue 17 review).
 * A rule may name a name defined later, as any Excel formula may; »Selvtest« checks that a mark
 * rule evaluates and shows on a test cell.
 */
export function queueMarks(ctx: Excel.RequestContext, plan: SheetMarkPlan): void {
  const ws = ctx.workbook.worksheets.getItem(plan.sheet);
  for (const n of plan.names) {
    if (n.exists) {
      ws.names.getItem(n.name).formula = n.formula;
      continue;
    }
    const cf = transient(ws.getRange()).conditionalFormats.add("Custom");
    cf.custom.rule.formula = markRuleFormula(n.name);
    cf.custom.format.fill.color = MARK_FILL[n.severity];
    const item = ws.names.add(n.name, n.formula);
    item.visible = false;
  }
}
