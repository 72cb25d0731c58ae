/**
 * Collecting the forvaltninger's files into the analyst's workbook, as a pure plan: which sheet
 * comes from which file, what conflicts with a sheet already there, what is kept and under which
 * name, and the values to write. The plan is computed from grids only; the CLI (exceljs) and the
 * add-in (Office.js ranges) carry it out.
 *
 * Values only: a delivered sheet brings its values and number formats, never its formulas
 * (delivery-values.ts). No sheet of the analyst's is deleted or renamed: an existing sheet is filled
 * in place, so whatever points at it keeps working. A sheet with anything of the analyst's on it is
 * only filled on the analyst's choice, after a hidden copy is kept. The one sheet filled without
 * asking is a department sheet exactly as `skabelon` wrote it (nothing typed, nothing added).
 */
import { cellAt, type Cell, type SheetGrid, type WorkbookGrid } from "./grid";
import { looksLikeDepartment, needsForloebColumn, readYear } from "./department";
import { MAX_NAMED, removedFormulas, sameValues, screenFormats, sheetValues, type FormulaCell, type RemovedFormulas, type SheetValues } from "./delivery-values";
import { forvaltningTemplate } from "./forvaltning-template";
import { resolveFormulas } from "./formulas";
import { isHiddenKeptCopy, isKeptCopyFor, keptCopyName, keptCopyOf } from "./kept-copy";
import { hasErrors, IssueList, type Issue } from "./issues";
import { latestBuiltin, schemesOf, type Measure, type Rulebook } from "./rulebook";
import { followsBuiltin } from "./rulebook-sheet";
import { departmentTemplate } from "./template";
import { workbookRulebooks, type RulebookOf } from "./template-rulebook";
import { normalizeCode } from "./text";
import { DEFAULT_UNIT_CODES, DEFAULT_UNIT_NAMES } from "./units";
import { analyzeWorkbook, type Analysis } from "./workbook";
import type { UnreadableCell, UnreadableLimit, UnreadableReason } from "./unreadable";
import { COLLECT, issueLocation, issueMessage, SEVERITY_NAMES, TEMPLATE } from "../messages/da";


export interface CollectFile {
  /** The file's name as the analyst knows it (shown in the overview and in messages). */
  readonly file: string;
  /** When the file was last saved, ISO 8601, as the file itself (or the file system) claims. */
  readonly lastSaved?: string;
  readonly grid: WorkbookGrid;
  /** The file's formula cells (values only: each arrives as its cached value; the overview names the dangerous ones). */
  readonly formulas?: readonly FormulaCell[];
  /** Per sheet name, the number formats of its cells (A1 → format code; General left out). */
  readonly numberFormats?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** A digest of the file's bytes, where the reader made one: a file picked twice counts once. */
  readonly digest?: string;
  /** True when this is the analyst's own workbook, named among the inputs: skipped with a note. */
  readonly isMain?: boolean;
}

export interface UnreadableFile {
  readonly file: string;
  readonly reason: UnreadableReason;
  readonly at?: UnreadableCell;
  readonly limit?: UnreadableLimit;
}

/** What makes the analyst's existing sheet more than jobstatus's blank template (besides typed values). */
export type Touch = "formulas" | "notes" | "conditional-formats" | "data-validation" | "number-formats" | "names";

/** What to do with a delivered sheet for a forvaltning that already has a sheet. */
export type ConflictChoice = "ask" | "replace" | "skip";

/** One target's status in a delivered sheet: the sum of its schemes', or null when one is missing. */
export interface KeyFigure {
  readonly id: string;
  readonly name: string;
  /** How the target's schemes are counted (one measure per target: RULEBOOK_MEASURE_MIXED). */
  readonly measure: Measure;
  readonly status: number | null;
}

export interface KeyFigures {
  /** The group »samlet« (løntilskud + virksomhedspraktik + småjob), or null: none in the year, or a scheme missing. */
  readonly samlet: number | null;
  /** The group »fleksjob«, or null. */
  readonly fleksjob: number | null;
  /**
   * The key figures shown, from the year's rulebook: for the built-in shape the notat's two (samlet
   * and fleksjob, as always), for any other rulebook every target (review 22, item 1).
   */
  readonly groups: readonly KeyFigure[];
}

export interface Source {
  readonly file: string;
  readonly sheet: string;
}

/** A plausibility warning about a delivery, across files (the engine's validation sees one sheet). */
export type Plausibility =
  /** The file's name (`KFF-2025-rettet.xlsx`) or the sheet's Forvaltning field names another forvaltning. */
  | { readonly kind: "names-other"; readonly via: "file" | "field"; readonly other: string }
  /** Replacing the sheet changes samlet status or fleksjob by more than half. */
  | {
      readonly kind: "big-change";
      /** The target's id (»samlet«, »fleksjob« in the built-in years). */
      readonly what: string;
      readonly before: number;
      readonly after: number;
      /** The target's name and measure, for a target other than samlet and fleksjob (their texts are the notat's). */
      readonly group?: { readonly name: string; readonly measure: Measure };
    }
  /** The same file fills other forvaltninger too (a department typing into a colleague's sheet). */
  | { readonly kind: "also-fills"; readonly others: readonly string[] }
  /** Number formats not copied: each would hide the cell's value or show fixed text instead (or is too long). */
  | { readonly kind: "formats-dropped"; readonly cells: readonly string[]; readonly count: number };

interface Delivered extends Source {
  readonly code: string;
  readonly lastSaved?: string;
  readonly figures: KeyFigures | null;
  readonly issues: readonly Issue[];
  /** The values (and number formats) written for the delivered sheet: never a formula. */
  readonly write: SheetValues;
  readonly removed: RemovedFormulas;
  readonly plausibility: readonly Plausibility[];
}

export type SheetAction =
  /** A new sheet, named as in the file, filled with the delivered values. */
  | (Delivered & { readonly kind: "insert"; readonly name: string })
  /** Fills jobstatus's own blank template sheet `existing` in place (what points at it keeps working). */
  | (Delivered & { readonly kind: "fill-template"; readonly existing: string })
  /** Keeps a hidden copy of `existing` as `keepAs`, then fills `existing` in place. */
  | (Delivered & { readonly kind: "replace"; readonly existing: string; readonly keepAs: string; readonly existingFigures: KeyFigures | null; readonly touched: readonly Touch[] })
  /**
   * Held back: the file's formula results cannot be trusted (a stale cached result, or a workbook
   * saved with manual calculation). Written as values they would pass every later check, so the
   * sheet is not brought in; the errors name the cells and the department resends the file.
   */
  | (Delivered & { readonly kind: "held" })
  /** The delivered sheet holds exactly what `existing` holds: nothing to do, no choice, no copy. */
  | (Delivered & { readonly kind: "unchanged"; readonly existing: string })
  /** Left out: the forvaltning already has `existing`; the analyst chose to skip, or has not chosen yet (`conflict`). */
  | (Delivered & { readonly kind: "skip" | "conflict"; readonly existing: string; readonly existingFigures: KeyFigures | null; readonly touched: readonly Touch[] });

export type CollectProblem =
  /** A file without any department sheet (by the engine's rules). */
  | { readonly kind: "no-department-sheet"; readonly file: string }
  /** A sheet in the department layout whose name is not a forvaltning of the analyst's workbook. */
  | { readonly kind: "unknown-unit"; readonly file: string; readonly sheet: string; readonly code: string }
  /** Two or more different delivered sheets for one forvaltning (in one file or across files): none is taken. */
  | { readonly kind: "duplicate-code"; readonly code: string; readonly sources: readonly Source[] }
  /** The analyst's workbook itself has two sheets for the forvaltning: nothing is decided for it. */
  | { readonly kind: "duplicate-in-workbook"; readonly code: string; readonly sheets: readonly string[] }
  /** The analyst's own workbook was among the inputs: skipped. */
  | { readonly kind: "main-skipped"; readonly file: string }
  /** The same file was picked more than once: counted once. */
  | { readonly kind: "named-twice"; readonly file: string }
  /** A file's hidden department sheets: not a delivery (a hidden sheet is easily sent by mistake). */
  | { readonly kind: "hidden-sheet"; readonly file: string; readonly sheets: readonly string[] }
  /** A file's sheet for a forvaltning is the blank template: not a delivery. */
  | { readonly kind: "blank-template"; readonly file: string; readonly sheets: readonly string[] }
  /** A file that could not be read (and whose forvaltning the name does not tell). */
  | { readonly kind: "unreadable"; readonly file: string; readonly reason: UnreadableReason; readonly at?: UnreadableCell; readonly limit?: UnreadableLimit }
  /** The analyst's workbook's year differs from most files': HR's to correct, not the departments'. */
  | { readonly kind: "workbook-year"; readonly workbookYear: number; readonly filesYear: number; readonly files: number; readonly of: number }
  /** Only one delivered file, for another year than the workbook's: no majority, so HR is told to check both. */
  | { readonly kind: "year-undecided"; readonly workbookYear: number; readonly fileYear: number; readonly file: string };

export type DeliveryState = "delivered" | "unchanged" | "in-workbook" | "missing" | "duplicate" | "unreadable";

export interface DeliveryRow {
  readonly code: string;
  readonly name: string;
  readonly state: DeliveryState;
  /** The delivered file and sheet, when delivered. */
  readonly source?: Source;
  /** When the file says it was last saved (the file's own claim, ISO 8601). */
  readonly lastSaved?: string;
  /** What happens to the delivered sheet. */
  readonly action?: SheetAction["kind"];
  readonly errors: number;
  readonly warnings: number;
  /** The delivered sheet's figures, or the sheet already in the workbook when nothing was delivered. */
  readonly figures: KeyFigures | null;
  /** The delivered sheet's issues (for the mail back to the department). */
  readonly issues: readonly Issue[];
  /** The formulas that arrived as values. */
  readonly removed?: RemovedFormulas;
  readonly plausibility: readonly Plausibility[];
  /** Why the forvaltning's file could not be read (state "unreadable"). */
  readonly unreadable?: UnreadableFile;
}

export interface CollectPlan {
  readonly actions: readonly SheetAction[];
  readonly problems: readonly CollectProblem[];
  readonly overview: readonly DeliveryRow[];
  /** True while a conflict waits for the analyst's choice: nothing may be carried out yet. */
  readonly undecided: boolean;
}

export interface CollectOptions {
  /** The choice for every conflict not named in `choices`. */
  readonly choice: ConflictChoice;
  /** Per forvaltning code, overriding `choice`. */
  readonly choices?: Readonly<Record<string, Exclude<ConflictChoice, "ask">>>;
  /** Files that could not be read: rows in the overview, the rest is collected. */
  readonly unreadable?: readonly UnreadableFile[];
  /**
   * Per existing sheet (by normalised name), what the analyst's workbook has on it besides typed
   * values, as the adapter read it: a blank template with any of these is not blank, but a conflict.
   */
  readonly touched?: Readonly<Record<string, readonly Touch[]>>;
}

/** The built-in shape's two key figures (the notat's); any other rulebook shows every target. */
const BUILTIN_KEY_GROUPS: readonly string[] = ["samlet", "fleksjob"];

function figuresOf(analysis: Analysis, code: string): KeyFigures | null {
  const data = analysis.units.find((u) => u.code === code)?.data;
  if (!data) return null;
  // Each target of the year's rulebook: the sum of its schemes, null when one is missing.
  const rb = analysis.rulebook ?? latestBuiltin();
  const all = rb.groups.map((g): KeyFigure => {
    const own = schemesOf(rb, g.id);
    const parts = own.map((k) => data.status[k.id]);
    const status = own.length > 0 && parts.every((v): v is number => v !== undefined) ? parts.reduce((a, b) => a + b, 0) : null;
    return { id: g.id, name: g.name, measure: own[0]?.measure ?? "helaarspersoner", status };
  });
  const byId = (id: string) => all.find((g) => g.id === id)?.status ?? null;
  const groups = followsBuiltin(rb) ? all.filter((g) => BUILTIN_KEY_GROUPS.includes(g.id)) : all;
  return { samlet: byId("samlet"), fleksjob: byId("fleksjob"), groups };
}

/** The forvaltninger of the analyst's workbook: Måltal's codes, or the built-in ones without Måltal. */
function knownUnits(target: Analysis): { code: string; name: string }[] {
  if (target.maaltal) return target.maaltal.units.map((u) => ({ code: u.code, name: u.name || (DEFAULT_UNIT_NAMES[u.code] ?? u.code) }));
  return DEFAULT_UNIT_CODES.map((code) => ({ code, name: DEFAULT_UNIT_NAMES[code] ?? code }));
}

const isEmpty = (c: Cell): boolean => c === null || (typeof c === "string" && c.trim() === "");

function matchesLayout(sheet: SheetGrid, template: readonly (readonly Cell[])[]): boolean {
  const rows = Math.max(template.length, sheet.originRow + sheet.values.length);
  for (let r = 0; r < rows; r++) {
    const cols = Math.max(template[r]?.length ?? 0, sheet.originCol + (sheet.values[r - sheet.originRow]?.length ?? 0));
    for (let c = 0; c < cols; c++) {
      const want = template[r]?.[c] ?? null;
      const have = cellAt(sheet, r, c);
      if (isEmpty(want) ? !isEmpty(have) : have !== want) return false;
    }
  }
  return true;
}

/**
 * True when `sheet` holds exactly the values `skabelon` wrote for `code` (any year), nothing typed:
 * the whole-kommune template's sheet, or the one-forvaltning file's, by the built-in rules or by
 * the rulebook the analyst's workbook gives the sheet's year (`rulebookOf`: workbookRulebooks of
 * HR's workbook; a 2014-shaped template has the 2014 rows). Values only; what else is on the
 * analyst's sheet (formulas, notes, formats …) the adapter reports as {@link Touch}.
 */
export function isUntouchedTemplate(sheet: SheetGrid, code: string, rulebookOf?: RulebookOf): boolean {
  const year = cellAt(sheet, 1, 1);
  if (typeof year !== "number") return false;
  if (matchesLayout(sheet, departmentTemplate(code, year).values)) return true;
  const own = forvaltningTemplate(code, year);
  if (own.ok && matchesLayout(sheet, own.template.layout.values)) return true;
  const rulebook = Number.isInteger(year) ? rulebookOf?.(year) : undefined;
  if (!rulebook) return false;
  if (matchesLayout(sheet, departmentTemplate(code, year, rulebook).values)) return true;
  const ruled = forvaltningTemplate(code, year, undefined, rulebook);
  return ruled.ok && matchesLayout(sheet, ruled.template.layout.values);
}

/** What the adapters read of a blank-looking template sheet besides its values (CLI and pane alike). */
export interface SheetExtras {
  /** How many of its cells hold a formula. */
  readonly formulas: number;
  /** The number formats of its cells (any cell, with or without a value). */
  readonly numberFormats: readonly string[];
  /** How many conditional formats it has. */
  readonly conditionalFormats: number;
}

/**
 * The one rule, for the CLI and the pane, of what makes a template sheet the analyst's: what filling
 * it in place would clear or overwrite (formulas, number formats: the template has none) and logic
 * built on it (conditional formats). Notes and data validation stay on the sheet whatever is
 * written (it is filled in place), so they do not count. Asked only of sheets whose values are the
 * blank template's ({@link isUntouchedTemplate}).
 */
export function touchesOf(x: SheetExtras): Touch[] {
  const t: Touch[] = [];
  if (x.formulas > 0) t.push("formulas");
  if (x.numberFormats.some((f) => f !== "" && f !== "General")) t.push("number-formats");
  if (x.conditionalFormats > 0) t.push("conditional-formats");
  return t;
}

/** A name for the kept copy that no sheet has and no other kept copy in this plan takes. */
function keepAsName(code: string, taken: Set<string>): string {
  for (let i = 1; ; i++) {
    const name = keptCopyName(code, i);
    if (!taken.has(normalizeCode(name))) {
      taken.add(normalizeCode(name));
      return name;
    }
  }
}

interface Candidate {
  readonly file: CollectFile;
  readonly sheet: SheetGrid;
}

/**
 * What makes a sheet a department sheet, and a blank template, in the analyst's workbook's year:
 * the rulebook's rules, as `beregn` reads the sheets (a year where no scheme reports forløb needs
 * no »Antal forløb« column; a template made by the workbook's own rulebook is blank).
 */
interface DeliveryRules {
  /** The rulebook of the analyst's workbook's year, when it has a year and a rulebook for it. */
  readonly rulebook: Rulebook | undefined;
  readonly rulebookOf: RulebookOf;
}

/**
 * A department sheet by the rules of its year: the workbook's year's rulebook, or, when the workbook
 * has no year yet (no forvaltning sheets of its own), the rulebook its Indstillinger gives the
 * sheet's own year. Without either, the built-in rule (the »Antal forløb« column is required).
 */
function isDepartmentSheet(sheet: SheetGrid, rules: DeliveryRules): boolean {
  if (looksLikeDepartment(sheet, true)) return true;
  if (!looksLikeDepartment(sheet, false)) return false;
  const year = rules.rulebook ? undefined : readYear(sheet, new IssueList()).year;
  return !needsForloebColumn(rules.rulebook ?? (year !== undefined ? rules.rulebookOf(year) : undefined));
}

/** The files to read: the analyst's own workbook and a second pick of the same file are left out, with a note. */
function distinctFiles(files: readonly CollectFile[], problems: CollectProblem[]): CollectFile[] {
  const seen = new Set<string>();
  const out: CollectFile[] = [];
  for (const f of files) {
    if (f.isMain) {
      problems.push({ kind: "main-skipped", file: f.file });
      continue;
    }
    const key = f.digest !== undefined ? `#${f.digest}` : `@${f.file}`;
    if (seen.has(key)) {
      problems.push({ kind: "named-twice", file: f.file });
      continue;
    }
    seen.add(key);
    out.push(f);
  }
  return out;
}

/** The delivered department sheets of every file, by forvaltning code, and the files' problems. */
function findDelivered(files: readonly CollectFile[], known: ReadonlySet<string>, rules: DeliveryRules, problems: CollectProblem[]): Map<string, Candidate[]> {
  const isDepartment = (sheet: SheetGrid): boolean => isDepartmentSheet(sheet, rules);
  const isBlank = (sheet: SheetGrid, code: string): boolean => isUntouchedTemplate(sheet, code, rules.rulebookOf);
  const byCode = new Map<string, Candidate[]>();
  for (const file of files) {
    let found = 0;
    const blanks: string[] = [];
    const hidden: string[] = [];
    for (const sheet of file.grid.sheets) {
      if (sheet.owned || isHiddenKeptCopy(sheet)) continue;
      const code = normalizeCode(sheet.name);
      // A hidden or very hidden sheet delivers nothing: the department did not see what it sent.
      if (sheet.visibility !== "visible") {
        if (isDepartment(sheet) && !isBlank(sheet, code)) hidden.push(sheet.name);
        continue;
      }
      if (known.has(code)) {
        // A sheet named for a forvaltning counts only when it is a department sheet (not an empty or other sheet of that name).
        if (!isDepartment(sheet)) continue;
        found++;
        // The blank template (a shared workbook returned with one sheet filled) is no delivery.
        if (isBlank(sheet, code)) {
          blanks.push(sheet.name);
          continue;
        }
        const list = byCode.get(code) ?? [];
        // The same sheet delivered twice (a copy of one file) counts once.
        if (!list.some((c) => sameValues(c.sheet, sheet))) list.push({ file, sheet });
        byCode.set(code, list);
      } else if (isDepartment(sheet)) {
        problems.push({ kind: "unknown-unit", file: file.file, sheet: sheet.name, code });
        found++;
      }
    }
    if (found === 0 && hidden.length === 0) problems.push({ kind: "no-department-sheet", file: file.file });
    if (hidden.length > 0) problems.push({ kind: "hidden-sheet", file: file.file, sheets: hidden });
    if (blanks.length > 0) problems.push({ kind: "blank-template", file: file.file, sheets: blanks });
  }
  return byCode;
}

/**
 * Validates a delivered sheet as HR's `beregn` will: in the analyst's workbook (its Måltal names,
 * weights and year), with the forvaltning's existing sheets taken out and the delivered one put in.
 */
function validateInTarget(target: WorkbookGrid, code: string, sheet: SheetGrid, file: WorkbookGrid): { issues: Issue[]; figures: KeyFigures | null } {
  const sheets = [...target.sheets.filter((s) => normalizeCode(s.name) !== code), sheet];
  // The delivered sheet's formula results are judged by the calculation mode its own file was saved
  // with (issues are reported for the delivered sheet only). A file that names no mode was saved
  // calculating automatically (`<calcPr calcMode>` defaults to "auto", ECMA-376 Part 1 §18.2.2), so
  // its results were fresh: the analyst's own mode says nothing about them, and only the delivery's
  // values enter the analyst's workbook. The reader keeps a formula by the same rule
  // (formulaMayMatter with the file's own mode, src/xlsx/read-grid.ts), so both decide alike.
  const calcMode = file.calcMode;
  const analysis = analyzeWorkbook({ sheets, ...(calcMode ? { calcMode } : {}) }, { mode: "validate", sheet: sheet.name });
  return { issues: [...analysis.issues], figures: figuresOf(analysis, code) };
}

/** The known codes a file name names: `KFF-2025-rettet.xlsx` → KFF. */
export function codesInFileName(file: string, known: ReadonlySet<string>): string[] {
  const base = file.split(/[\\/]/).pop() ?? file;
  const tokens = base.replace(/\.[^.]*$/, "").split(/[^\p{L}\p{N}]+/u).map(normalizeCode);
  return [...new Set(tokens.filter((t) => known.has(t)))];
}

/** Cross-file checks of one delivery: the file's name and the Forvaltning field against the sheet's forvaltning. */
function namesOther(file: string, sheet: SheetGrid, code: string, known: ReadonlySet<string>): Plausibility[] {
  const out: Plausibility[] = [];
  const inName = codesInFileName(file, known);
  const other = inName.find((c) => c !== code);
  if (other !== undefined && !inName.includes(code)) out.push({ kind: "names-other", via: "file", other });
  const label = cellAt(sheet, 0, 0);
  const field = cellAt(sheet, 0, 1);
  if (typeof label === "string" && normalizeCode(label) === normalizeCode(TEMPLATE.unitLabel) && typeof field === "string") {
    const named = normalizeCode(field);
    if (named !== code && known.has(named)) out.push({ kind: "names-other", via: "field", other: named });
  }
  return out;
}

/** Replacing `before` with `after`: each key figure that changes by more than half. */
function bigChanges(before: KeyFigures | null, after: KeyFigures | null): Plausibility[] {
  const out: Plausibility[] = [];
  for (const g of after?.groups ?? []) {
    const b = before?.groups.find((x) => x.id === g.id)?.status;
    const a = g.status;
    if (typeof b !== "number" || typeof a !== "number") continue;
    if (Math.abs(a - b) <= Math.abs(b) / 2) continue;
    const named = BUILTIN_KEY_GROUPS.includes(g.id) ? {} : { group: { name: g.name, measure: g.measure } };
    out.push({ kind: "big-change", what: g.id, before: b, after: a, ...named });
  }
  return out;
}

const YEAR_ISSUES = new Set<string>(["YEAR_MISMATCH"]);

/** Formula results that cannot be trusted: a sheet with any of these is held back (see SheetAction "held"). */
const UNTRUSTED_RESULTS = new Set<string>(["FORMULA_STALE", "FORMULA_MANUAL_CALC"]);

/**
 * The year that most delivered files have, when it is not the analyst's workbook's: then the
 * workbook's year is what is wrong, and the year issues are HR's, not the departments'.
 */
function workbookYearProblem(targetYear: number | undefined, delivered: readonly SheetGrid[]): Extract<CollectProblem, { kind: "workbook-year" }> | null {
  if (targetYear === undefined) return null;
  const years = delivered.map((s) => cellAt(s, 1, 1)).filter((y): y is number => typeof y === "number" && Number.isInteger(y));
  if (years.length === 0) return null;
  const counts = new Map<number, number>();
  for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
  const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0] as [number, number];
  // One file cannot outvote the workbook: its year is its own mistake until a second file agrees.
  if (top === targetYear || n < 2 || n * 2 <= years.length) return null;
  return { kind: "workbook-year", workbookYear: targetYear, filesYear: top, files: n, of: years.length };
}

/**
 * One delivered file alone, for another year than the workbook's: which is wrong cannot be told, so
 * neither is blamed in the department's mail and HR is told to check (a problem, not silence).
 */
function singleYearProblem(targetYear: number | undefined, delivered: readonly Candidate[]): Extract<CollectProblem, { kind: "year-undecided" }> | null {
  const only = delivered.length === 1 ? delivered[0] : undefined;
  const year = only ? cellAt(only.sheet, 1, 1) : undefined;
  if (!only || targetYear === undefined || typeof year !== "number" || !Number.isInteger(year) || year === targetYear) return null;
  return { kind: "year-undecided", workbookYear: targetYear, fileYear: year, file: only.file.file };
}

/** What planning each forvaltning needs: the workbook, its analysis and the files read (planCollect's first stage). */
interface CollectContext {
  readonly target: WorkbookGrid;
  readonly analysis: Analysis;
  readonly options: CollectOptions;
  readonly known: ReadonlySet<string>;
  /** Each forvaltning's candidate sheets among the files. */
  readonly byCode: ReadonlyMap<string, readonly Candidate[]>;
  /** A file that could not be read, where its name names exactly one forvaltning with no other delivery. */
  readonly unreadableByCode: ReadonlyMap<string, UnreadableFile>;
  /** A year problem is named once, for HR: then the deliveries' own year issues are left out. */
  readonly yearNamed: boolean;
  /** The workbook's sheet names, normalised; a kept copy's name is added when chosen (keepAsName). */
  readonly taken: Set<string>;
  /** The rulebooks of the workbook's years (its Indstillinger): what a blank template was made by. */
  readonly rulebookOf: RulebookOf;
}

/** One forvaltning's part of the plan: its overview row, what to do with its sheet, a problem for HR. */
interface UnitPlan {
  readonly row: DeliveryRow;
  readonly action?: SheetAction;
  readonly problem?: CollectProblem;
}

const NO_FIGURES = { errors: 0, warnings: 0, figures: null, issues: [], plausibility: [] } as const;

/** Stage 1: the workbook's analysis, the files' sheets by forvaltning, the year and unreadable files. Problems found go to `problems`. */
function readDeliveries(target: WorkbookGrid, files: readonly CollectFile[], options: CollectOptions, problems: CollectProblem[]): CollectContext & { readonly units: readonly { code: string; name: string }[] } {
  const analysis = analyzeWorkbook(target, { mode: "validate" });
  const units = knownUnits(analysis);
  const known = new Set(units.map((u) => u.code));
  // The workbook's year's rulebook decides what a delivered sheet must look like, as in `beregn`.
  const rulebookOf = workbookRulebooks(target);
  const byCode = findDelivered(distinctFiles(files, problems), known, { rulebook: analysis.rulebook, rulebookOf }, problems);
  const yearProblem = workbookYearProblem(analysis.year, [...byCode.values()].flatMap((l) => (l.length === 1 && l[0] ? [l[0].sheet] : [])));
  const yearDoubt = yearProblem ? null : singleYearProblem(analysis.year, [...byCode.values()].flat());
  if (yearProblem) problems.push(yearProblem);
  if (yearDoubt) problems.push(yearDoubt);
  const unreadableByCode = new Map<string, UnreadableFile>();
  for (const u of options.unreadable ?? []) {
    const codes = codesInFileName(u.file, known);
    const code = codes.length === 1 ? codes[0] : undefined;
    // Excel's lock file (~$BUF.xlsx) is no one's delivery: a note, not the forvaltning's row.
    if (code !== undefined && u.reason !== "lock-file" && !byCode.has(code) && !unreadableByCode.has(code)) unreadableByCode.set(code, u);
    else problems.push({ kind: "unreadable", file: u.file, reason: u.reason, ...(u.at ? { at: u.at } : {}), ...(u.limit ? { limit: u.limit } : {}) });
  }
  const taken = new Set(target.sheets.map((s) => normalizeCode(s.name)));
  return { target, analysis, options, units, known, byCode, unreadableByCode, yearNamed: yearProblem !== null || yearDoubt !== null, taken, rulebookOf };
}

/** Stage 2: one forvaltning, from its sheets in the workbook and its candidates among the files. */
function planUnit(ctx: CollectContext, code: string, name: string): UnitPlan {
  const existing = ctx.target.sheets.filter((s) => normalizeCode(s.name) === code && !isHiddenKeptCopy(s));
  // A sheet with exactly the workbook's current values (a copy of the analyst's own workbook among
  // the inputs: the pane cannot tell it by path) is no rival to a real delivery for the code.
  const candidates = ctx.byCode.get(code) ?? [];
  const current = existing.length === 1 ? existing[0] : undefined;
  const fresh = current ? candidates.filter((c) => !sameValues(current, c.sheet)) : candidates;
  const delivered = fresh.length > 0 ? fresh : candidates;
  if (delivered.length > 1) {
    return { row: { code, name, state: "duplicate", ...NO_FIGURES }, problem: { kind: "duplicate-code", code, sources: delivered.map((d) => ({ file: d.file.file, sheet: d.sheet.name })) } };
  }
  const d = delivered[0];
  if (!d) return { row: undeliveredRow(ctx, code, name, existing) };
  if (existing.length > 1) {
    return { row: { code, name, state: "duplicate", ...NO_FIGURES }, problem: { kind: "duplicate-in-workbook", code, sheets: existing.map((s) => s.name) } };
  }
  return plannedDelivery(ctx, code, name, d, existing[0]);
}

/** A forvaltning with no delivery among the files: unreadable, already in the workbook, or missing. */
function undeliveredRow(ctx: CollectContext, code: string, name: string, existing: readonly SheetGrid[]): DeliveryRow {
  const unreadable = ctx.unreadableByCode.get(code);
  if (unreadable) return { code, name, state: "unreadable", unreadable, ...NO_FIGURES };
  // jobstatus's own blank sheet is no delivery: the forvaltning is missing.
  const has = existing.some((s) => !isUntouchedTemplate(s, code, ctx.rulebookOf));
  return { code, name, state: has ? "in-workbook" : "missing", ...NO_FIGURES, figures: has ? figuresOf(ctx.analysis, code) : null };
}

/** Stage 3: one delivered sheet, checked in the workbook: its issues, plausibility, values, and what to do with it. */
function plannedDelivery(ctx: CollectContext, code: string, name: string, d: Candidate, old: SheetGrid | undefined): UnitPlan {
  const { issues: all, figures } = validateInTarget(ctx.target, code, d.sheet, d.file.grid);
  // A year that is the workbook's mistake is HR's problem (named once, above), not the department's.
  const issues = ctx.yearNamed ? all.filter((i) => !YEAR_ISSUES.has(i.code)) : all;
  const existingFigures = figuresOf(ctx.analysis, code);
  const touched = (s: SheetGrid): readonly Touch[] => ctx.options.touched?.[normalizeCode(s.name)] ?? [];
  const oldBlank = old !== undefined && isUntouchedTemplate(old, code, ctx.rulebookOf) && touched(old).length === 0;
  // A format that hides the value or shows fixed text in its place is not copied, and named.
  const screened = screenFormats(d.file.numberFormats?.[d.sheet.name] ?? {}, d.sheet);
  const others = alsoFills(ctx, code, d);
  const plausibility: Plausibility[] = [
    ...namesOther(d.file.file, d.sheet, code, ctx.known),
    ...(screened.dropped.length > 0 ? [{ kind: "formats-dropped" as const, cells: screened.dropped.slice(0, MAX_NAMED), count: screened.dropped.length }] : []),
    ...(others.length > 0 ? [{ kind: "also-fills" as const, others }] : []),
    ...(old && !oldBlank ? bigChanges(existingFigures, figures) : []),
  ];
  const base: Delivered = {
    code,
    file: d.file.file,
    sheet: d.sheet.name,
    ...(d.file.lastSaved !== undefined ? { lastSaved: d.file.lastSaved } : {}),
    figures,
    issues,
    // Arithmetic over constants without a cached result is written as its value (formulas.ts).
    write: sheetValues(resolveFormulas({ sheets: [d.sheet] })[0] ?? d.sheet, screened.kept),
    removed: removedFormulas(d.file.formulas ?? [], d.sheet.name),
    plausibility,
  };
  const action = sheetAction(ctx, base, d.sheet, old, oldBlank, existingFigures, old ? touched(old) : []);
  const row: DeliveryRow = {
    code,
    name,
    state: action.kind === "unchanged" ? "unchanged" : "delivered",
    source: { file: base.file, sheet: base.sheet },
    ...(base.lastSaved !== undefined ? { lastSaved: base.lastSaved } : {}),
    action: action.kind,
    errors: issues.filter((i) => i.severity === "error").length,
    // Plausibility warnings count as warnings: the row is never plain »Gyldig« with one.
    warnings: issues.filter((i) => i.severity === "warning").length + plausibility.length,
    figures,
    issues,
    // What was taken as a value is said of a sheet that is written: an unchanged or held sheet inserts nothing.
    ...(action.kind === "unchanged" || action.kind === "held" ? {} : { removed: base.removed }),
    plausibility,
  };
  return { row, action };
}

/** Other forvaltninger the delivering file brings new figures for (a sheet equal to the workbook's is no filling). */
function alsoFills(ctx: CollectContext, code: string, d: Candidate): string[] {
  const isNew = (c: string, x: Candidate): boolean => {
    const here = ctx.target.sheets.filter((s) => normalizeCode(s.name) === c && !isHiddenKeptCopy(s));
    return !(here.length === 1 && here[0] !== undefined && sameValues(here[0], x.sheet));
  };
  return isNew(code, d) ? [...ctx.byCode].filter(([c, list]) => c !== code && list.some((x) => x.file === d.file && isNew(c, x))).map(([c]) => c) : [];
}

/** What to do with a delivered sheet: hold it, insert it, fill the blank template, nothing, or replace/skip/ask against the workbook's own. */
function sheetAction(ctx: CollectContext, base: Delivered, sheet: SheetGrid, old: SheetGrid | undefined, oldBlank: boolean, existingFigures: KeyFigures | null, touched: readonly Touch[]): SheetAction {
  if (base.issues.some((i) => UNTRUSTED_RESULTS.has(i.code))) return { ...base, kind: "held" };
  if (!old) return { ...base, kind: "insert", name: sheet.name };
  if (oldBlank) return { ...base, kind: "fill-template", existing: old.name };
  if (sameValues(old, sheet)) return { ...base, kind: "unchanged", existing: old.name };
  const choice = ctx.options.choices?.[base.code] ?? ctx.options.choice;
  if (choice === "replace") return { ...base, kind: "replace", existing: old.name, keepAs: keepAsName(base.code, ctx.taken), existingFigures, touched };
  return { ...base, kind: choice === "skip" ? "skip" : "conflict", existing: old.name, existingFigures, touched };
}

/**
 * Plans the collection of `files` into `target`. Pure; carries nothing out. Stages: read the
 * deliveries (readDeliveries), plan each forvaltning (planUnit, plannedDelivery, sheetAction).
 */
export function planCollect(target: WorkbookGrid, files: readonly CollectFile[], options: CollectOptions): CollectPlan {
  const problems: CollectProblem[] = [];
  const ctx = readDeliveries(target, files, options, problems);
  const actions: SheetAction[] = [];
  const overview: DeliveryRow[] = [];
  for (const unit of ctx.units) {
    const plan = planUnit(ctx, unit.code, unit.name);
    if (plan.problem) problems.push(plan.problem);
    if (plan.action) actions.push(plan.action);
    overview.push(plan.row);
  }
  return { actions, problems, overview, undecided: actions.some((a) => a.kind === "conflict") };
}

/** True when the delivered sheet has errors the department must correct. */
export function mustCorrect(row: DeliveryRow): boolean {
  return hasErrors(row.issues);
}

/** A collect problem as a Danish sentence (the CLI's output and the pane alike). */
export function problemText(p: CollectProblem): string {
  switch (p.kind) {
    case "no-department-sheet":
      return COLLECT.problem.noDepartmentSheet(p.file);
    case "unknown-unit":
      return COLLECT.problem.unknownUnit(p.file, p.sheet);
    case "duplicate-code":
      return COLLECT.problem.duplicateCode(p.code, p.sources.map((s) => COLLECT.source(s.file, s.sheet)));
    case "duplicate-in-workbook":
      return COLLECT.problem.duplicateInWorkbook(p.code, p.sheets);
    case "main-skipped":
      return COLLECT.problem.mainSkipped(p.file);
    case "named-twice":
      return COLLECT.problem.namedTwice(p.file);
    case "blank-template":
      return COLLECT.problem.blankTemplate(p.file, p.sheets);
    case "hidden-sheet":
      return COLLECT.problem.hiddenSheet(p.file, p.sheets);
    case "unreadable":
      return COLLECT.unreadable(p.file, p.reason, p.at, p.limit);
    case "workbook-year":
      return COLLECT.problem.workbookYear(p.workbookYear, p.filesYear, p.files, p.of);
    case "year-undecided":
      return COLLECT.problem.yearUndecided(p.workbookYear, p.fileYear, p.file);
  }
}

/** A plausibility warning as a Danish sentence. */
export function plausibilityText(code: string, file: string, p: Plausibility): string {
  if (p.kind === "formats-dropped") return COLLECT.plausibility.formatsDropped(file, p.cells, p.count);
  if (p.kind === "also-fills") return COLLECT.plausibility.alsoFills(file, p.others, code);
  if (p.kind === "names-other") return p.via === "file" ? COLLECT.plausibility.fileNamesOther(file, p.other, code) : COLLECT.plausibility.fieldNamesOther(file, p.other, code);
  if (p.group) return COLLECT.plausibility.bigChangeGroup(code, p.group.name, p.group.measure, p.before, p.after);
  return p.what === "samlet" ? COLLECT.plausibility.bigChangeSamlet(code, p.before, p.after) : COLLECT.plausibility.bigChangeFleksjob(code, p.before, p.after);
}

/** What arrived as values instead of formulas, as a Danish sentence; null when the sheet had no formulas. */
export function removedText(r: RemovedFormulas | undefined): string | null {
  if (!r || r.outside + r.plain === 0) return null;
  const named = r.named.map((x) => COLLECT.removedCell(x.cell, x.kind));
  return COLLECT.removed(r.outside, r.plain, named);
}

/** The short Danish text to mail back to a department: every error and warning on its delivered sheet, by cell. */
export function mailText(row: DeliveryRow): string {
  const lines = row.issues.map((i) => `${SEVERITY_NAMES[i.severity]} i ${issueLocation(i)}: ${issueMessage(i)}`);
  return COLLECT.mail(row.name, row.source?.file ?? "", lines);
}

export type RestorePlan =
  | {
      readonly ok: true;
      readonly code: string;
      /** The kept copy to bring back (the newest one). */
      readonly restore: string;
      /** The name it gets back. */
      readonly as: string;
      /** The sheet that is there now, kept in turn as a hidden copy under this name (nothing is lost). */
      readonly current?: { readonly name: string; readonly keepAs: string };
    }
  | { readonly ok: false; readonly reason: "nothing-to-restore" | "duplicate-in-workbook"; readonly code: string };

/** Plans bringing back the newest kept copy of `code`'s sheet; the sheet there now is kept in turn. */
export function planRestore(target: WorkbookGrid, rawCode: string): RestorePlan {
  const code = normalizeCode(rawCode);
  const kept = target.sheets
    .map((s) => ({ s, k: keptCopyOf(s.name) }))
    // A long code is shortened in its copies' names: they are found by the start of the code.
    .filter((x): x is { s: SheetGrid; k: { code: string; n: number } } => x.k !== undefined && isKeptCopyFor(x.s.name, code))
    .sort((a, b) => b.k.n - a.k.n);
  const newest = kept[0];
  if (!newest) return { ok: false, reason: "nothing-to-restore", code };
  const current = target.sheets.filter((s) => normalizeCode(s.name) === code);
  if (current.length > 1) return { ok: false, reason: "duplicate-in-workbook", code };
  const now = current[0];
  const taken = new Set(target.sheets.map((s) => normalizeCode(s.name)));
  return {
    ok: true,
    code,
    restore: newest.s.name,
    as: now?.name ?? code,
    ...(now ? { current: { name: now.name, keepAs: keepAsName(code, taken) } } : {}),
  };
}
