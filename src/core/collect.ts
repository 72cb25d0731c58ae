/**
 * Collecting the forvaltninger's files into the analyst's workbook, as a pure plan: which sheet
 * comes from which file, what conflicts with a sheet already there, what is replaced and under which
 * name the old sheet is kept. The plan is computed from grids only; the CLI (exceljs) and the add-in
 * (insertWorksheetsFromBase64) carry it out.
 *
 * Nothing in the analyst's workbook is overwritten: a sheet already there is only replaced on the
 * analyst's choice, and is then kept as a hidden, renamed copy. The one exception is a department
 * sheet exactly as `skabelon` wrote it (no figure typed, nothing changed): it holds nothing the user
 * made, so it is filled by the delivered sheet.
 */
import { cellAt, type Cell, type SheetGrid, type WorkbookGrid } from "./grid";
import { looksLikeDepartment } from "./department";
import { keptCopyName, keptCopyOf } from "./kept-copy";
import { hasErrors, type Issue } from "./issues";
import { COMBINED_SCHEMES } from "./schemes";
import { departmentTemplate } from "./template";
import { normalizeCode } from "./text";
import { DEFAULT_UNIT_CODES, DEFAULT_UNIT_NAMES } from "./units";
import { analyzeWorkbook, type Analysis } from "./workbook";
import { COLLECT, issueLocation, issueMessage, SEVERITY_NAMES } from "../messages/da";


export interface CollectFile {
  /** The file's name as the analyst knows it (shown in the overview and in messages). */
  readonly file: string;
  /** When the file was last saved, ISO 8601, where the host can tell. */
  readonly lastSaved?: string;
  readonly grid: WorkbookGrid;
}

/** What to do with a delivered sheet for a forvaltning that already has a sheet. */
export type ConflictChoice = "ask" | "replace" | "skip";

export interface KeyFigures {
  /** Samlet status: løntilskud + virksomhedspraktik + småjob, or null when one is missing. */
  readonly samlet: number | null;
  readonly fleksjob: number | null;
}

export interface Source {
  readonly file: string;
  readonly sheet: string;
}

interface Delivered extends Source {
  readonly code: string;
  readonly lastSaved?: string;
  readonly figures: KeyFigures | null;
  readonly issues: readonly Issue[];
}

export type SheetAction =
  /** A new sheet, named as in the file. */
  | (Delivered & { readonly kind: "insert"; readonly name: string })
  /** Replaces jobstatus's own blank template sheet `existing` (nothing the user made is lost). */
  | (Delivered & { readonly kind: "fill-template"; readonly existing: string })
  /** Replaces `existing`, which is kept hidden as `keepAs`. */
  | (Delivered & { readonly kind: "replace"; readonly existing: string; readonly keepAs: string; readonly existingFigures: KeyFigures | null })
  /** Left out: the forvaltning already has `existing`; the analyst chose to skip, or has not chosen yet (`conflict`). */
  | (Delivered & { readonly kind: "skip" | "conflict"; readonly existing: string; readonly existingFigures: KeyFigures | null });

export type CollectProblem =
  /** A file without any department sheet (by the engine's rules). */
  | { readonly kind: "no-department-sheet"; readonly file: string }
  /** A sheet in the department layout whose name is not a forvaltning of the analyst's workbook. */
  | { readonly kind: "unknown-unit"; readonly file: string; readonly sheet: string; readonly code: string }
  /** Two or more delivered sheets for one forvaltning (in one file or across files): none is taken. */
  | { readonly kind: "duplicate-code"; readonly code: string; readonly sources: readonly Source[] }
  /** The analyst's workbook itself has two sheets for the forvaltning: nothing is decided for it. */
  | { readonly kind: "duplicate-in-workbook"; readonly code: string; readonly sheets: readonly string[] };

export type DeliveryState = "delivered" | "in-workbook" | "missing" | "duplicate";

export interface DeliveryRow {
  readonly code: string;
  readonly name: string;
  readonly state: DeliveryState;
  /** The delivered file and sheet, when delivered. */
  readonly source?: Source;
  readonly lastSaved?: string;
  /** What happens to the delivered sheet. */
  readonly action?: SheetAction["kind"];
  readonly errors: number;
  readonly warnings: number;
  /** The delivered sheet's figures, or the sheet already in the workbook when nothing was delivered. */
  readonly figures: KeyFigures | null;
  /** The delivered sheet's issues (for the mail back to the department). */
  readonly issues: readonly Issue[];
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
}

function figuresOf(analysis: Analysis, code: string): KeyFigures | null {
  const data = analysis.units.find((u) => u.code === code)?.data;
  if (!data) return null;
  const parts = COMBINED_SCHEMES.map((k) => data.status[k]);
  const samlet = parts.every((v): v is number => v !== undefined) ? parts.reduce((a, b) => a + b, 0) : null;
  return { samlet, fleksjob: data.status.fleksjob ?? null };
}

/** The forvaltninger of the analyst's workbook: Måltal's codes, or the built-in ones without Måltal. */
function knownUnits(target: Analysis): { code: string; name: string }[] {
  if (target.maaltal) return target.maaltal.units.map((u) => ({ code: u.code, name: u.name || (DEFAULT_UNIT_NAMES[u.code] ?? u.code) }));
  return DEFAULT_UNIT_CODES.map((code) => ({ code, name: DEFAULT_UNIT_NAMES[code] ?? code }));
}

const isEmpty = (c: Cell): boolean => c === null || (typeof c === "string" && c.trim() === "");

/** True when `sheet` holds exactly what `skabelon` wrote for `code` (any year), nothing typed. */
export function isUntouchedTemplate(sheet: SheetGrid, code: string): boolean {
  const year = cellAt(sheet, 1, 1);
  if (typeof year !== "number") return false;
  const template = departmentTemplate(code, year).values;
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

/** The delivered department sheets of every file, by forvaltning code, and the files' problems. */
function findDelivered(files: readonly CollectFile[], known: ReadonlySet<string>): { byCode: Map<string, { file: CollectFile; sheet: SheetGrid }[]>; problems: CollectProblem[] } {
  const byCode = new Map<string, { file: CollectFile; sheet: SheetGrid }[]>();
  const problems: CollectProblem[] = [];
  for (const file of files) {
    let found = 0;
    for (const sheet of file.grid.sheets) {
      if (sheet.owned) continue;
      const code = normalizeCode(sheet.name);
      if (known.has(code)) {
        // A sheet named for a forvaltning counts only when it is a department sheet (not an empty or other sheet of that name).
        if (!looksLikeDepartment(sheet)) continue;
        byCode.set(code, [...(byCode.get(code) ?? []), { file, sheet }]);
        found++;
      } else if (looksLikeDepartment(sheet)) {
        problems.push({ kind: "unknown-unit", file: file.file, sheet: sheet.name, code });
        found++;
      }
    }
    if (found === 0) problems.push({ kind: "no-department-sheet", file: file.file });
  }
  return { byCode, problems };
}

/**
 * Validates a delivered sheet as HR's `beregn` will: in the analyst's workbook (its Måltal names,
 * weights and year), with the forvaltning's existing sheets taken out and the delivered one put in.
 */
function validateInTarget(target: WorkbookGrid, code: string, sheet: SheetGrid): { issues: Issue[]; figures: KeyFigures | null } {
  const sheets = [...target.sheets.filter((s) => normalizeCode(s.name) !== code), sheet];
  const analysis = analyzeWorkbook({ sheets }, { mode: "validate", sheet: sheet.name });
  return { issues: [...analysis.issues], figures: figuresOf(analysis, code) };
}

/** Plans the collection of `files` into `target`. Pure; carries nothing out. */
export function planCollect(target: WorkbookGrid, files: readonly CollectFile[], options: CollectOptions): CollectPlan {
  const targetAnalysis = analyzeWorkbook(target, { mode: "validate" });
  const units = knownUnits(targetAnalysis);
  const known = new Set(units.map((u) => u.code));
  const { byCode, problems } = findDelivered(files, known);
  const taken = new Set(target.sheets.map((s) => normalizeCode(s.name)));
  const actions: SheetAction[] = [];
  const overview: DeliveryRow[] = [];

  for (const unit of units) {
    const { code, name } = unit;
    const delivered = byCode.get(code) ?? [];
    const existing = target.sheets.filter((s) => normalizeCode(s.name) === code);
    const existingFigures = figuresOf(targetAnalysis, code);
    if (delivered.length > 1) {
      problems.push({ kind: "duplicate-code", code, sources: delivered.map((d) => ({ file: d.file.file, sheet: d.sheet.name })) });
      overview.push({ code, name, state: "duplicate", errors: 0, warnings: 0, figures: null, issues: [] });
      continue;
    }
    const d = delivered[0];
    if (!d) {
      // jobstatus's own blank sheet is no delivery: the forvaltning is missing.
      const has = existing.some((s) => !isUntouchedTemplate(s, code));
      overview.push({ code, name, state: has ? "in-workbook" : "missing", errors: 0, warnings: 0, figures: has ? existingFigures : null, issues: [] });
      continue;
    }
    if (existing.length > 1) {
      problems.push({ kind: "duplicate-in-workbook", code, sheets: existing.map((s) => s.name) });
      overview.push({ code, name, state: "duplicate", errors: 0, warnings: 0, figures: null, issues: [] });
      continue;
    }
    const { issues, figures } = validateInTarget(target, code, d.sheet);
    const base: Delivered = {
      code,
      file: d.file.file,
      sheet: d.sheet.name,
      ...(d.file.lastSaved !== undefined ? { lastSaved: d.file.lastSaved } : {}),
      figures,
      issues,
    };
    const old = existing[0];
    let action: SheetAction;
    if (!old) action = { ...base, kind: "insert", name: d.sheet.name };
    else if (isUntouchedTemplate(old, code)) action = { ...base, kind: "fill-template", existing: old.name };
    else {
      const choice = options.choices?.[code] ?? options.choice;
      if (choice === "replace") action = { ...base, kind: "replace", existing: old.name, keepAs: keepAsName(code, taken), existingFigures };
      else action = { ...base, kind: choice === "skip" ? "skip" : "conflict", existing: old.name, existingFigures };
    }
    actions.push(action);
    overview.push({
      code,
      name,
      state: "delivered",
      source: { file: base.file, sheet: base.sheet },
      ...(base.lastSaved !== undefined ? { lastSaved: base.lastSaved } : {}),
      action: action.kind,
      errors: issues.filter((i) => i.severity === "error").length,
      warnings: issues.filter((i) => i.severity === "warning").length,
      figures,
      issues,
    });
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
  }
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
    .filter((x): x is { s: SheetGrid; k: { code: string; n: number } } => x.k !== undefined && x.k.code === code)
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
