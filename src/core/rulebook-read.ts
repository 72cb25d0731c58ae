/**
 * Stage »read the rulebook«: the rulebook a year is counted by, and where it came from. One seam: the
 * pipeline asks only this module (workbook.ts), so a rulebook table on Indstillinger (issue 22) is
 * read here and nowhere else.
 *
 * Today's sources, in order:
 * 0. a rulebook written on Indstillinger for the year (»Regelsæt«, rulebook-sheet.ts);
 * 1. weights for the year on Indstillinger (settings.ts readWeights): the newest built-in scheme set,
 *    keeping the groups every built-in year has and any other group the weights give more than 0
 *    (a fritidsjob weight of 0 leaves fritidsjob out, as in 2024), with the weights typed;
 * 2. the built-in rulebook of the year (2024, 2025);
 * 3. none (null): the year needs weights on Indstillinger (WEIGHTS_UNKNOWN, reported by the caller).
 * A year whose own »Regelsæt« is on the sheet but does not read is never asked here: the pipeline
 * stops before (workbook.ts `failedAt`, RULEBOOK_NOT_READ), so 1 and 2 never stand in for it.
 */
import type { SheetGrid } from "./grid";
import type { Issue } from "./issues";
import { builtinRulebook, cleanPercent, groupsInEveryBuiltin, latestBuiltin, type Rulebook } from "./rulebook";
import type { WeightsRead } from "./settings";

export interface RulebookRead {
  readonly rulebook: Rulebook | null;
  /** Problems found reading the rulebook (none yet from the weights alone: settings.ts reports those). */
  readonly issues: readonly Issue[];
}

/**
 * The range a weight row was read from (its first and last weight cell), for Kilder and --json.
 * Columns are ordered as Excel orders them: by length, then letter by letter. Not by
 * `localeCompare`: Danish collation puts »AA« (as »Å«) after »AZ«, so the pane in a Danish browser
 * and the CLI would have named different ranges.
 */
export function weightRowRange(cells: readonly string[]): string {
  const col = (c: string) => c.replace(/\d+$/, "");
  const sorted = [...new Set(cells)].sort((a, b) => col(a).length - col(b).length || (col(a) < col(b) ? -1 : col(a) > col(b) ? 1 : 0));
  const first = sorted[0] ?? "";
  const last = sorted[sorted.length - 1] ?? first;
  return first === last ? first : `${first}:${last}`;
}

function rangeOf(read: WeightsRead): string {
  return weightRowRange(Object.values(read.cells).filter((c): c is string => c !== undefined));
}

/** The newest built-in scheme set with the weights typed for a year (source 1 above). */
export function rulebookWithWeights(year: number, read: WeightsRead, sheet: string): Rulebook {
  const shape = latestBuiltin();
  const always = groupsInEveryBuiltin();
  const fractions: Readonly<Record<string, number>> = read.weights;
  const groups = shape.groups.filter((g) => always.includes(g.id) || (fractions[g.id] ?? 0) > 0);
  const ids = new Set(groups.map((g) => g.id));
  const weights: Record<string, number> = {};
  for (const g of groups) weights[g.id] = cleanPercent((fractions[g.id] ?? 0) * 100);
  return {
    year,
    schemes: shape.schemes.filter((s) => ids.has(s.group)),
    groups,
    weights,
    source: { kind: "sheet", sheet, range: rangeOf(read) },
  };
}

/**
 * The rulebook of `year`: from Indstillinger where it sets the year (`settingsSheet` and the weights
 * read from it), else the built-in one, else null.
 */
export function readRulebook(settingsSheet: SheetGrid | undefined, weights: ReadonlyMap<number, WeightsRead>, year: number, sheetRulebooks?: ReadonlyMap<number, Rulebook>): RulebookRead {
  // A rulebook written on Indstillinger (rulebook-sheet.ts) defines the year as a whole; its problems
  // were reported when the sheet was read (readSettingsSheets).
  const written = sheetRulebooks?.get(year);
  if (written) return { rulebook: written, issues: [] };
  const typed = weights.get(year);
  if (typed && settingsSheet) return { rulebook: rulebookWithWeights(year, typed, settingsSheet.name), issues: [] };
  return { rulebook: builtinRulebook(year), issues: [] };
}
