/**
 * The rulebook a template is made by, read from an analyst's workbook (issue 22): `jobstatus
 * skabelon --regelsaet FIL`, the pane's »Opret skabelon for én forvaltning« and collect's test of a
 * blank template all ask here, so a template follows the same rulebook `beregn` will count by.
 *
 * The same sources as the pipeline's »read the rulebook« (rulebook-read.ts), from the workbook's
 * Indstillinger only: a »Regelsæt« for the year, else weights typed for the year (the newest
 * built-in scheme set with those weights). A year the workbook says nothing about is `none`: the
 * caller decides (the built-in rulebook, or a refusal). Pure.
 */
import type { SheetGrid, WorkbookGrid } from "./grid";
import { hasErrors, IssueList, type Issue } from "./issues";
import { builtinRulebook, type Rulebook } from "./rulebook";
import { rulebookWithWeights } from "./rulebook-read";
import { readSheetRulebooks } from "./rulebook-sheet";
import { readWeights, SETTINGS_SHEET_NAMES } from "./settings";

/** What reading Indstillinger found: `issues` at their cells; `rulebookErrors` when a »Regelsæt« on it does not read. */
interface Read {
  readonly issues: readonly Issue[];
  readonly rulebookErrors: boolean;
}

export type TemplateRulebook =
  /** A »Regelsæt« for the year on Indstillinger. */
  | (Read & { readonly kind: "regelsaet"; readonly rulebook: Rulebook })
  /** Weights typed for the year (and no error in the weights table): the newest built-in scheme set with them. */
  | (Read & { readonly kind: "weights"; readonly rulebook: Rulebook })
  /** Nothing for the year, or a Regelsæt that does not read (`issues` holds the errors). */
  | (Read & { readonly kind: "none" });

/** The workbook's Indstillinger (the first sheet by any of its names), as the pipeline finds it. */
function settingsSheet(workbook: WorkbookGrid): SheetGrid | undefined {
  return workbook.sheets.find((s) => SETTINGS_SHEET_NAMES.includes(s.name.trim().toLocaleUpperCase("da-DK")));
}

/**
 * The year's rulebook as `workbook`'s Indstillinger defines it. A »Regelsæt« that does not read
 * makes every year `none` (which block was meant for the year cannot be trusted); an error in the
 * weights table makes its weights unused. Either way the errors are in `issues`: a caller that
 * makes a file by the rulebook refuses on them (a template is never made by a rulebook the
 * calculation would refuse), while »Opret skabelon«, whose rows do not depend on the weights,
 * refuses only on `rulebookErrors`.
 */
export function templateRulebook(workbook: WorkbookGrid, year: number): TemplateRulebook {
  return templateRulebooks(workbook)(year);
}

/**
 * As {@link templateRulebook} for any year, with Indstillinger read once: its rulebooks and weights
 * tables are parsed here, and each year only looks them up (a file's sheets may name many years).
 */
export function templateRulebooks(workbook: WorkbookGrid): (year: number) => TemplateRulebook {
  const sheet = settingsSheet(workbook);
  if (!sheet) return () => ({ kind: "none", issues: [], rulebookErrors: false });
  const books = new IssueList();
  const written = readSheetRulebooks(sheet, books, { builtin: builtinRulebook });
  const tables = new IssueList();
  const typed = readWeights(sheet, tables);
  const read: Read = { issues: [...books.items, ...tables.items], rulebookErrors: hasErrors(books.items) };
  const weightsFailed = hasErrors(tables.items);
  return (year) => {
    const rulebook = written.get(year);
    const weights = typed.get(year);
    if (read.rulebookErrors) return { kind: "none", ...read };
    if (rulebook) return { kind: "regelsaet", rulebook, ...read };
    if (weights && !weightsFailed) return { kind: "weights", rulebook: rulebookWithWeights(year, weights, sheet.name), ...read };
    return { kind: "none", ...read };
  };
}

/** A year's rulebook for a template (as {@link templateRulebook}), remembered per year. */
export type RulebookOf = (year: number) => Rulebook | undefined;

/**
 * The rulebooks `workbook`'s own templates were made by, per year (its Indstillinger, read once):
 * what collect compares a blank sheet with. A year with errors on Indstillinger gives none.
 */
export function workbookRulebooks(workbook: WorkbookGrid): RulebookOf {
  const of = templateRulebooks(workbook);
  const cache = new Map<number, Rulebook | undefined>();
  return (year) => {
    if (!cache.has(year)) {
      const t = of(year);
      cache.set(year, t.kind === "none" ? undefined : t.rulebook);
    }
    return cache.get(year);
  };
}
