/**
 * The rulebook of a year: which schemes (ordninger) are counted, how, in which target groups, and how
 * the groups are weighed. An immutable value passed through the pipeline (issue 22): the engine sums
 * by group, never by a scheme's name. The built-in rulebooks for 2024 and 2025 are the decisions of
 * Borgerrepræsentationen printed in the notat; Indstillinger may define or override a year's rulebook
 * (rulebook-read.ts).
 */

/** How a scheme's status is counted. Texts per measure live in src/messages/da.ts. */
export type Measure =
  | "helaarspersoner" // full-year persons (2024/2025 løntilskud, praktik, småjob, fritidsjob)
  | "ansatte_ultimo" // number employed at the period's end (2024/2025 fleksjob, a head count in December)
  | "personer" // persons (2014 fleksjob, seniorjob)
  | "forloeb" // number of courses (2014 jobrotation)
  | "pladser"; // places (2014 løntilskud)

export const MEASURES: readonly Measure[] = ["helaarspersoner", "ansatte_ultimo", "personer", "forloeb", "pladser"];

export interface SchemeRule {
  readonly id: string; // stable key, e.g. "loentilskud"; used in --json
  readonly name: string; // display name, e.g. "Løntilskud"
  readonly labels: readonly string[]; // normalised row labels that name it (normalizeLabel)
  readonly group: string; // GroupRule.id
  readonly measure: Measure;
  readonly reportsForloeb: boolean; // "Antal forløb" required/reported for this scheme
  readonly wholeStatus: boolean; // status must be a whole number (derived from measure by default)
  /** »Andre navne« as typed on Indstillinger (a sheet rulebook only), so a template copies them unchanged. */
  readonly otherNames?: readonly string[];
}

export interface GroupRule {
  readonly id: string; // e.g. "samlet", "fleksjob", "fritidsjob"
  readonly name: string; // display name
  readonly targetLabels: readonly string[]; // normalised words that name its Måltal column
}

export type RulebookSource =
  | { readonly kind: "builtin" }
  | { readonly kind: "sheet"; readonly sheet: string; readonly range: string }; // e.g. Indstillinger!A20:F26

export interface Rulebook {
  readonly year: number;
  readonly schemes: readonly SchemeRule[]; // in report order
  readonly groups: readonly GroupRule[]; // in report order
  /** Weight per group id in percent (sum 100), or null: no weighted total (no row, no sentence, no ***). */
  readonly weights: Readonly<Record<string, number>> | null;
  readonly source: RulebookSource;
}

/** Keys the per-unit maps use beside scheme and group ids: no scheme or group may take them. */
export const RESERVED_IDS: readonly string[] = ["i_alt", "vaegtet"];

/** A count of people or places may be a fraction (helårspersoner); a head count or a number of courses may not. */
export function wholeByDefault(measure: Measure): boolean {
  return measure === "ansatte_ultimo" || measure === "personer" || measure === "forloeb";
}

const LOENTILSKUD: SchemeRule = {
  id: "loentilskud",
  name: "Løntilskud",
  labels: ["løntilskud", "loentilskud", "lontilskud"],
  group: "samlet",
  measure: "helaarspersoner",
  reportsForloeb: true,
  wholeStatus: false,
};
const VIRKSOMHEDSPRAKTIK: SchemeRule = {
  id: "virksomhedspraktik",
  name: "Virksomhedspraktik",
  labels: ["virksomhedspraktik"],
  group: "samlet",
  measure: "helaarspersoner",
  reportsForloeb: true,
  wholeStatus: false,
};
const SMAAJOB: SchemeRule = {
  id: "smaajob",
  name: "Småjob under det sociale frikort",
  labels: ["småjob under det sociale frikort", "småjob", "smaajob", "smaajob under det sociale frikort", "smajob", "smajob under det sociale frikort"],
  group: "samlet",
  measure: "helaarspersoner",
  reportsForloeb: true,
  wholeStatus: false,
};
const FLEKSJOB: SchemeRule = {
  id: "fleksjob",
  name: "Fleksjob",
  labels: ["fleksjob"],
  group: "fleksjob",
  measure: "ansatte_ultimo",
  reportsForloeb: false,
  wholeStatus: true,
};
const FRITIDSJOB: SchemeRule = {
  id: "fritidsjob",
  name: "Fritidsjob",
  labels: ["fritidsjob"],
  group: "fritidsjob",
  measure: "helaarspersoner",
  reportsForloeb: false,
  wholeStatus: false,
};

/** »Samlet« alone names the combined column; the schemes' own names are matched first (headerGroupOf). */
const SAMLET: GroupRule = { id: "samlet", name: "virksomhedspraktik, løntilskud og småjob (samlet)", targetLabels: ["samlet"] };
/** The built-in combined target's id: messages call it »samlet måltal« rather than by its long name. */
export const COMBINED_TARGET = SAMLET.id;

const FLEKSJOB_GROUP: GroupRule = { id: "fleksjob", name: "fleksjob", targetLabels: ["fleksjob"] };
const FRITIDSJOB_GROUP: GroupRule = { id: "fritidsjob", name: "fritidsjob", targetLabels: ["fritidsjob"] };
/**
 * The built-in years' targets by the part they play in the built-in summary and notat (their
 * sentences, src/messages/da.ts SUMMARY): the combined target, the head count at the period's end,
 * and the leisure-job target (from 2025). Code refers to them by part, never by a scheme's name.
 */
export const BUILTIN_TARGETS = { combined: SAMLET.id, headCount: FLEKSJOB_GROUP.id, leisure: FRITIDSJOB_GROUP.id } as const;

const BUILTIN: Readonly<Record<number, Omit<Rulebook, "year" | "source">>> = {
  // Four schemes in two targets, weighted 55/45 (Borgerrepræsentationen 1 February 2024).
  2024: {
    schemes: [LOENTILSKUD, VIRKSOMHEDSPRAKTIK, SMAAJOB, FLEKSJOB],
    groups: [SAMLET, FLEKSJOB_GROUP],
    weights: { samlet: 55, fleksjob: 45 },
  },
  // Five schemes in three targets, weighted 51/43/6 (fritidsjob added 28 November 2024).
  2025: {
    schemes: [LOENTILSKUD, VIRKSOMHEDSPRAKTIK, SMAAJOB, FLEKSJOB, FRITIDSJOB],
    groups: [SAMLET, FLEKSJOB_GROUP, FRITIDSJOB_GROUP],
    weights: { samlet: 51, fleksjob: 43, fritidsjob: 6 },
  },
};

/** The years with a built-in rulebook, ascending. */
export const BUILTIN_YEARS: readonly number[] = Object.keys(BUILTIN).map(Number).sort((a, b) => a - b);

/**
 * The built-in rulebook of a year, or null for a year jobstatus has no decision for: such a year
 * needs its weights on Indstillinger (WEIGHTS_UNKNOWN otherwise, as before the rulebook).
 */
export function builtinRulebook(year: number): Rulebook | null {
  const r = BUILTIN[year];
  return r ? { year, ...r, source: { kind: "builtin" } } : null;
}

/** The schemes of the year's built-in rulebook that a rulebook from the sheet leaves out (none for a built-in one). */
export function droppedBuiltins(rulebook: Rulebook): readonly SchemeRule[] {
  if (rulebook.source.kind !== "sheet") return [];
  const ids = new Set(rulebook.schemes.map((s) => s.id));
  return (builtinRulebook(rulebook.year)?.schemes ?? []).filter((s) => !ids.has(s.id));
}

/**
 * Every scheme a built-in rulebook knows, newest decision first per id. Rows naming one of them are
 * recognised in any year (a »Fritidsjob« row with »-« in a 2024 sheet is no unknown row), and a year
 * without a rulebook of its own reads its weights against these schemes (the newest scheme set).
 */
export function knownSchemes(): readonly SchemeRule[] {
  return latestBuiltin().schemes;
}

/** The newest built-in rulebook's schemes and groups: the default shape for a year without one. */
export function latestBuiltin(): Rulebook {
  const year = BUILTIN_YEARS[BUILTIN_YEARS.length - 1] as number;
  return builtinRulebook(year) as Rulebook;
}

export function schemeById(rulebook: Rulebook, id: string): SchemeRule | undefined {
  return rulebook.schemes.find((s) => s.id === id);
}

export function groupById(rulebook: Rulebook, id: string): GroupRule | undefined {
  return rulebook.groups.find((g) => g.id === id);
}

/** The schemes of a group, in report order. */
export function schemesOf(rulebook: Rulebook, group: string): readonly SchemeRule[] {
  return rulebook.schemes.filter((s) => s.group === group);
}

/**
 * Whether two years count a target alike: the same schemes, each in the same measure. Only then may a
 * sentence set one year's status beside the other's; a scheme added, dropped or counted in another
 * unit (løntilskud in helårspersoner one year, in pladser the next) changes the figure's meaning.
 */
export function countedAlike(a: Rulebook, b: Rulebook, group: string): boolean {
  const key = (r: Rulebook) => schemesOf(r, group).map((s) => `${s.id}:${s.measure}`).join();
  return key(a) === key(b);
}

/** The schemes whose »Antal forløb« is reported, in report order. */
export function forloebSchemes(rulebook: Rulebook): readonly SchemeRule[] {
  return rulebook.schemes.filter((s) => s.reportsForloeb);
}

/** The scheme a normalised row label names, if any. */
export function schemeOfLabel(schemes: readonly SchemeRule[], label: string): SchemeRule | undefined {
  return schemes.find((s) => s.labels.includes(label));
}

/** Percent held to 12 decimals: a fraction typed on a sheet (0,07 → 7.000000000000001) is 7 again. */
export function cleanPercent(p: number): number {
  return Math.round(p * 1e12) / 1e12;
}

/** A group's weight as a fraction (0.51), or null without weights: 51 gives 0.51 bit for bit. */
export function weightFraction(rulebook: Rulebook, group: string): number | null {
  if (!rulebook.weights) return null;
  return cleanPercent(rulebook.weights[group] ?? 0) / 100;
}

/** The weights as fractions per group of the rulebook (0 for a group without one), or null. */
export function weightFractions(rulebook: Rulebook): Readonly<Record<string, number>> | null {
  if (!rulebook.weights) return null;
  const out: Record<string, number> = {};
  for (const g of rulebook.groups) out[g.id] = weightFraction(rulebook, g.id) ?? 0;
  return out;
}

/**
 * The groups every built-in rulebook has (samlet and fleksjob): without a rulebook for the year, only
 * their Måltal columns are required, and a weight of 0 on Indstillinger drops any other group.
 */
export function groupsInEveryBuiltin(): readonly string[] {
  const books = BUILTIN_YEARS.map((y) => builtinRulebook(y) as Rulebook);
  return latestBuiltin().groups.map((g) => g.id).filter((id) => books.every((b) => b.groups.some((g) => g.id === id)));
}

/** Whether the rulebook weighs and a group counts in the weighted total (a weight above 0). */
export function isWeightedGroup(rulebook: Rulebook, group: string): boolean {
  return (rulebook.weights?.[group] ?? 0) > 0;
}

/** Two rulebooks make the same decision (schemes, groups, weights; not where they were read). */
export function sameRules(a: Rulebook, b: Rulebook): boolean {
  const strip = (r: Rulebook) => JSON.stringify({ schemes: r.schemes, groups: r.groups, weights: r.weights ? Object.entries(r.weights).filter(([, v]) => v !== 0).sort() : null });
  return strip(a) === strip(b);
}

/**
 * What a year recognises beyond what it counts: its rulebook's schemes and groups, then, for a
 * rulebook of built-in schemes, every other built-in one whose id and labels it does not use
 * (fritidsjob in 2024). Their rows and
 * Måltal columns are read and checked, never counted; --json lists them as null or as typed, as it
 * always did (version 1 had every built-in field in every year).
 */
export function recognised(rulebook: Rulebook): { readonly schemes: readonly SchemeRule[]; readonly groups: readonly GroupRule[] } {
  const catalogue = latestBuiltin();
  // A scheme the year's built-in rulebook counts but the sheet's leaves out is not a neighbour: its rows
  // are unknown (ROW_UNKNOWN, not counted), as in a year with no built-in rulebook (review item 6).
  const dropped = new Set(droppedBuiltins(rulebook).map((s) => s.id));
  // Only a rulebook made of built-in schemes (2024's, or a year's weights on Indstillinger) has built-in
  // neighbours; a rulebook of its own (the 2014 count) knows exactly its own schemes.
  const builtinShape = rulebook.schemes.every((s) => catalogue.schemes.some((c) => c.id === s.id && c.group === s.group));
  if (!builtinShape) return { schemes: rulebook.schemes, groups: rulebook.groups };
  const claimed = new Set(rulebook.schemes.flatMap((s) => [...s.labels]));
  const ids = new Set([...rulebook.schemes.map((s) => s.id), ...rulebook.groups.map((g) => g.id)]);
  const schemes = catalogue.schemes.filter((s) => !ids.has(s.id) && !dropped.has(s.id) && !s.labels.some((l) => claimed.has(l)));
  const groupIds = new Set(schemes.map((s) => s.group));
  const groups = catalogue.groups.filter((g) => groupIds.has(g.id) && !ids.has(g.id));
  return { schemes: [...rulebook.schemes, ...schemes.filter((s) => groups.some((g) => g.id === s.group))], groups: [...rulebook.groups, ...groups] };
}

/**
 * The target columns of a rulebook as their headers read (»Samlet|Fleksjob|Fritidsjob«): each
 * group's first word for its Måltal column, capitalised, »|« between them. Messages that list the
 * columns a sheet needs take them from here (issue 22: no message names a scheme of its own).
 */
export function targetColumnWords(rulebook: Pick<Rulebook, "groups">): string {
  return rulebook.groups.map((g) => {
    const w = g.targetLabels[0] ?? g.name;
    return w.charAt(0).toLocaleUpperCase("da-DK") + w.slice(1);
  }).join("|");
}

/** The notat lists virksomhedspraktik first (the real notat's order); other schemes keep the rulebook's order. */
const NOTAT_FIRST: readonly string[] = [VIRKSOMHEDSPRAKTIK.id];

/** Schemes in the order the notat names them: the built-in notat's first scheme first, then the rulebook's order. */
export function notatOrder<T extends Pick<SchemeRule, "id">>(schemes: readonly T[]): T[] {
  return [...schemes.filter((s) => NOTAT_FIRST.includes(s.id)), ...schemes.filter((s) => !NOTAT_FIRST.includes(s.id))];
}
