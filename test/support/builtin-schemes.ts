/**
 * The schemes (ordninger) and their groups as jobstatus declared them before the rulebook (v1,
 * src/core/schemes.ts until issue 22). The engine no longer reads them: the built-in rulebooks
 * (src/core/rulebook.ts) are the one place that names a scheme. Kept for the tests that pin the
 * built-in rulebooks and the property tests' arbitraries against the v1 shape.
 */

export const SCHEME_KEYS = ["loentilskud", "virksomhedspraktik", "smaajob", "fleksjob", "fritidsjob"] as const;
export type SchemeKey = (typeof SCHEME_KEYS)[number];

/** A group has one måltal and one målopfyldelse; the weighted total weighs groups. */
export const GROUP_KEYS = ["samlet", "fleksjob", "fritidsjob"] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

/** The three schemes that share one combined target ("samlet måltal"). */
export const COMBINED_SCHEMES = ["loentilskud", "virksomhedspraktik", "smaajob"] as const;
export type CombinedScheme = (typeof COMBINED_SCHEMES)[number];

export interface SchemeDef {
  readonly key: SchemeKey;
  readonly group: GroupKey;
  /** Status must be a whole number (fleksjob is a head count in December). */
  readonly wholeStatus: boolean;
  /** "Antal forløb" is required for this scheme. */
  readonly forloebRequired: boolean;
  /** Normalised row labels that name this scheme (see normalizeLabel). */
  readonly labels: readonly string[];
}

export const SCHEMES: Readonly<Record<SchemeKey, SchemeDef>> = {
  loentilskud: {
    key: "loentilskud",
    group: "samlet",
    wholeStatus: false,
    forloebRequired: true,
    labels: ["løntilskud", "loentilskud", "lontilskud"],
  },
  virksomhedspraktik: {
    key: "virksomhedspraktik",
    group: "samlet",
    wholeStatus: false,
    forloebRequired: true,
    labels: ["virksomhedspraktik"],
  },
  smaajob: {
    key: "smaajob",
    group: "samlet",
    wholeStatus: false,
    forloebRequired: true,
    labels: ["småjob under det sociale frikort", "småjob", "smaajob", "smaajob under det sociale frikort", "smajob", "smajob under det sociale frikort"],
  },
  fleksjob: {
    key: "fleksjob",
    group: "fleksjob",
    wholeStatus: true,
    forloebRequired: false,
    labels: ["fleksjob"],
  },
  fritidsjob: {
    key: "fritidsjob",
    group: "fritidsjob",
    wholeStatus: false,
    forloebRequired: false,
    labels: ["fritidsjob"],
  },
};

export function isCombined(key: SchemeKey): key is CombinedScheme {
  return (COMBINED_SCHEMES as readonly string[]).includes(key);
}

/** Compile-time exhaustiveness guard for switches over unions. */
export function assertNever(x: never): never {
  throw new Error(`Unhandled case: ${String(x)}`);
}
