/**
 * fast-check generators for the property tests: random grids (anything a sheet can hold) and
 * valid workbooks in the many layouts the format allows, built from a "truth" (the numbers put in)
 * so the results can be checked against it.
 */
import fc from "fast-check";
import type { Cell, SheetGrid, WorkbookGrid } from "../../src/core/grid";
import type { SchemeKey } from "../support/builtin-schemes";
import { SCHEMES } from "../support/builtin-schemes";
import { scaleFindings } from "../../src/core/plausibility";
import { DEFAULT_UNIT_CODES, DEFAULT_UNIT_NAMES } from "../../src/core/units";
import { BUILT_IN_WEIGHTS } from "../../src/core/weights";

/** The built-in groups' weights as fractions (every built-in year has all three; 2024's fritidsjob is 0). */
type Weights = { samlet: number; fleksjob: number; fritidsjob: number };

// ---------------------------------------------------------------------------------------------
// Random grids
// ---------------------------------------------------------------------------------------------

/** Words the parser looks for, so random grids hit its branches. */
export const LABEL_POOL = [
  "Ordning", "Ordninger", "Status", "status 2025", "Antal forløb", "Antal forløb i 2025", "Måltal", "År", "år:", "Aar", "Årstal",
  "Forvaltning", "Forvaltning:", "Navn", "Samlet måltal", "Samlet", "I alt", "Total", "Sum", "Antal forløb i alt", "Samlet status",
  "Fleksjob", "Fritidsjob", "Løntilskud (helårspersoner)", "Virksomhedspraktik", "Småjob", "Småjob under det sociale frikort *",
  "BIF", "BUF", "KK", "ØKF", "Socialforvaltningen", "Københavns Kommune", "Bemærkninger", "Praktik i udlandet",
];
/** Numbers typed as text, Danish and English, clear and ambiguous. */
export const NUMBER_TEXTS = ["2,84", "2.84", "1.048", "1,048", " 12 ", "1.234,5", "1,234.5", "1 048", "0,500", "-3", "+7", "2025", "2.025", "12 stk", "NaN", "Infinity", "1e12", "", "   "];
export const EXCEL_ERRORS = ["#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#FORMEL?"];

export const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.double() },
  { weight: 4, arbitrary: fc.integer({ min: -5, max: 3000 }) },
  { weight: 5, arbitrary: fc.constantFrom(...LABEL_POOL) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMBER_TEXTS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: "grapheme" }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(...EXCEL_ERRORS).map((error) => ({ error })) },
  { weight: 1, arbitrary: fc.double({ min: -1, max: 80_000, noNaN: true }).map((date) => ({ date })) },
  { weight: 1, arbitrary: fc.integer({ min: 1001, max: 40_000 }).map((n) => "x".repeat(n)) },
);

export const SHEET_NAME_POOL = [
  "Måltal", "maaltal", "MÅLTAL ", "Indstillinger", "Vægte", "Forrige år", "BIF", "BUF", "buf ", "Buf", "KFF", "SOF", "ØKF", "økf", "KK",
  "Status 2025", "status 2025", "Status 2025 (2)", "Noter", "Ark1", "XYZ", "AAR", "Projektmappe",
];
/** Characters Excel allows in sheet names (no []:*?/\ ), so the same grids can go through .xlsx files. */
const sheetNameArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SHEET_NAME_POOL) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-zÆØÅæøå0-9][A-Za-zÆØÅæøå0-9 ()=+@-]{0,20}$/).filter((n) => n !== "History") },
);

const mergeArb = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }))
  .map(([r, c, h, w]) => `${String.fromCharCode(65 + c)}${r + 1}:${String.fromCharCode(65 + c + w)}${r + 1 + h}`);

export function sheetArb(name: fc.Arbitrary<string> = sheetNameArb): fc.Arbitrary<SheetGrid> {
  return fc.record({
    name,
    visibility: fc.constantFrom("visible", "visible", "visible", "hidden", "veryHidden") as fc.Arbitrary<SheetGrid["visibility"]>,
    originRow: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
    originCol: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 })),
    values: fc.array(fc.array(cellArb, { maxLength: 8 }), { maxLength: 16 }),
    merges: fc.array(mergeArb, { maxLength: 2 }),
  });
}

/** A workbook of random sheets with names unique the way Excel requires (case-insensitively). */
export const randomWorkbookArb: fc.Arbitrary<WorkbookGrid> = fc
  .uniqueArray(fc.tuple(sheetArb(), fc.boolean()), { maxLength: 9, selector: ([s]) => s.name.toLowerCase() })
  .map((list) => ({ sheets: list.map(([s, owned]) => ({ ...s, owned: owned && /^status/i.test(s.name) })) }));

// ---------------------------------------------------------------------------------------------
// Valid workbooks
// ---------------------------------------------------------------------------------------------

export interface UnitTruth {
  readonly code: string;
  /** The name in Måltal's Navn column, when there is one. */
  readonly name?: string;
  readonly status: Readonly<Record<SchemeKey, number | undefined>>;
  readonly forloeb: readonly [number, number, number];
  readonly maal: { readonly samlet: number; readonly fleksjob: number; readonly fritidsjob?: number };
}

export interface Truth {
  readonly year: number;
  readonly weights: Weights;
  /** Weights typed on an Indstillinger sheet (years without built-in weights). */
  readonly settings?: { readonly asFractions: boolean };
  readonly units: readonly UnitTruth[];
}

/** How the truth is laid out: every choice the format leaves to the departments. */
export interface Layout {
  readonly sheetOrder: readonly number[];
  readonly maaltalOrder: readonly number[];
  readonly rowOrder: readonly (readonly SchemeKey[])[];
  readonly top: readonly number[];
  readonly left: readonly number[];
  readonly useOrigin: readonly boolean[];
  readonly labelVariant: readonly number[];
  readonly headerVariant: readonly number[];
  readonly yearLabel: readonly number[];
  readonly unitLabel: readonly (0 | 1 | 2)[];
  readonly extraColumn: readonly boolean[];
  readonly blankRows: readonly boolean[];
  readonly totalRow: readonly boolean[];
  readonly sheetNameVariant: readonly number[];
  readonly maaltalName: number;
  readonly maaltalTop: number;
  readonly maaltalTotal: boolean;
  readonly maaltalNames: boolean;
}

const SCHEME_ORDER: readonly SchemeKey[] = ["loentilskud", "virksomhedspraktik", "smaajob", "fleksjob", "fritidsjob"];

/**
 * Codes of forvaltninger. Words the format reserves are left out, with the reason:
 * - `KK` is the whole kommune (a Måltal row, never a forvaltning);
 * - `SUM`, `TOTAL`, `I ALT`, `SAMLET` name a total row in Måltal;
 * - sheet names of their own: Måltal, Indstillinger, Vægte, Forrige år.
 * `AAR`/`ÅR` (words for "year") are allowed: they once broke the year lookup (regressions.test.ts).
 */
const RESERVED = new Set(["KK", "SUM", "TOTAL", "I ALT", "SAMLET", "MÅLTAL", "MAALTAL", "INDSTILLINGER", "VÆGTE", "VAEGTE"]);
export const codeArb = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...DEFAULT_UNIT_CODES) },
    { weight: 1, arbitrary: fc.constantFrom("AAR", "ÅR", "ORD", "ØKF2", "X1") },
    { weight: 3, arbitrary: fc.stringMatching(/^[A-ZÆØÅ]{2,5}$/) },
  )
  .filter((c) => !RESERVED.has(c));

/** Non-negative, unrounded helårspersoner; whole counts; targets > 0. */
const statusArb = fc.oneof(fc.double({ min: 0, max: 10_000, noNaN: true }), fc.integer({ min: 0, max: 10_000 }), fc.constant(0));
const wholeArb = fc.integer({ min: 0, max: 10_000 });
const targetArb = fc.oneof(fc.double({ min: 0.01, max: 10_000, noNaN: true }), fc.integer({ min: 1, max: 10_000 }));

const weightsArb: fc.Arbitrary<{ year: number; weights: Weights; settings?: { asFractions: boolean } }> = fc.oneof(
  fc.constantFrom(2024, 2025).map((year) => ({ year, weights: BUILT_IN_WEIGHTS[year] as Weights })),
  fc
    .record({
      year: fc.integer({ min: 2000, max: 2100 }).filter((y) => !BUILT_IN_WEIGHTS[y]),
      a: fc.integer({ min: 0, max: 100 }),
      b: fc.integer({ min: 0, max: 100 }),
      asFractions: fc.boolean(),
    })
    .filter(({ a, b }) => a + b <= 100)
    .map(({ year, a, b, asFractions }) => ({ year, weights: { samlet: a / 100, fleksjob: b / 100, fritidsjob: (100 - a - b) / 100 }, settings: { asFractions } })),
);

export const truthArb: fc.Arbitrary<Truth> = weightsArb.chain(({ year, weights, settings }) =>
  fc
    .uniqueArray(codeArb, { minLength: 1, maxLength: 7, selector: (c) => c.toLocaleUpperCase("da-DK") })
    .chain((codes) =>
      fc.tuple(
        ...codes.map((code) =>
          fc.record({
            code: fc.constant(code),
            name: fc.option(fc.constantFrom("Forvaltningen for test", "Børne- og Ungdomsforvaltningen", "=HYPERLINK(\"x\")", "+45 Forvaltning"), { nil: undefined }),
            status: fc.record({
              loentilskud: statusArb,
              virksomhedspraktik: statusArb,
              smaajob: statusArb,
              fleksjob: wholeArb,
              fritidsjob: weights.fritidsjob > 0 ? statusArb : fc.option(statusArb, { nil: undefined }),
            }),
            forloeb: fc.tuple(wholeArb, wholeArb, wholeArb),
            maal: fc.record({
              samlet: targetArb,
              fleksjob: targetArb,
              fritidsjob: weights.fritidsjob > 0 ? targetArb : fc.option(targetArb, { nil: undefined }),
            }),
          }),
        ),
      ),
    )
    .map((units) => ({ year, weights, ...(settings ? { settings } : {}), units: units.map((u) => dropUndefined(withPlausibleTargets(u))) }))
    // Valid data is plausible: no figure out of scale (plausibility.ts).
    .filter(plausible),
);

/** Valid data is plausible: no figure out of scale against its target or the others' (plausibility.ts). */
export function plausible(t: Truth): boolean {
  const figures = t.units.map((u) => ({
    status: Object.fromEntries(Object.entries(u.status).filter(([, v]) => v !== undefined)) as Partial<Record<SchemeKey, number>>,
    maal: u.maal,
  }));
  return scaleFindings({ units: figures }).length === 0;
}

/** At least as many forløb as helårspersoner: one forløb adds at most one helårsperson a year. */
export function forloebAtLeastStatus(forloeb: readonly [number, number, number], status: readonly (number | undefined)[]): [number, number, number] {
  return forloeb.map((f, k) => Math.max(f, Math.ceil(status[k] ?? 0))) as [number, number, number];
}

/**
 * Targets at least two thirds of their own figures, so a figure is never four times its target (a lost
 * comma, plausibility.ts): random targets and figures would make most workbooks implausible.
 */
function withPlausibleTargets<U extends { status: Record<SchemeKey, number | undefined>; maal: { samlet: number; fleksjob: number; fritidsjob: number | undefined } }>(u: U): U {
  const half = (v: number | undefined) => Math.ceil((v ?? 0) / 1.5);
  const combined = Math.max(half(u.status.loentilskud), half(u.status.virksomhedspraktik), half(u.status.smaajob));
  return {
    ...u,
    maal: {
      samlet: Math.max(u.maal.samlet, combined),
      fleksjob: Math.max(u.maal.fleksjob, half(u.status.fleksjob)),
      fritidsjob: u.maal.fritidsjob === undefined ? undefined : Math.max(u.maal.fritidsjob, half(u.status.fritidsjob)),
    },
  };
}

function dropUndefined(u: { code: string; name: string | undefined; status: Record<SchemeKey, number | undefined>; forloeb: [number, number, number]; maal: { samlet: number; fleksjob: number; fritidsjob: number | undefined } }): UnitTruth {
  const maal = u.maal.fritidsjob === undefined ? { samlet: u.maal.samlet, fleksjob: u.maal.fleksjob } : { samlet: u.maal.samlet, fleksjob: u.maal.fleksjob, fritidsjob: u.maal.fritidsjob };
  return { code: u.code, ...(u.name !== undefined ? { name: u.name } : {}), status: u.status, forloeb: forloebAtLeastStatus(u.forloeb, [u.status.loentilskud, u.status.virksomhedspraktik, u.status.smaajob]), maal };
}

const permutation = (n: number): fc.Arbitrary<number[]> =>
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((keys) =>
    keys.map((k, i) => [k, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i),
  );

export function layoutArb(n: number): fc.Arbitrary<Layout> {
  const each = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: n, maxLength: n });
  return fc.record({
    sheetOrder: permutation(n + 2),
    maaltalOrder: permutation(n),
    rowOrder: each(permutation(5).map((p) => p.map((i) => SCHEME_ORDER[i] as SchemeKey))),
    top: each(fc.integer({ min: 0, max: 12 })),
    left: each(fc.integer({ min: 0, max: 3 })),
    useOrigin: each(fc.boolean()),
    labelVariant: each(fc.integer({ min: 0, max: 3 })),
    headerVariant: each(fc.integer({ min: 0, max: 3 })),
    yearLabel: each(fc.integer({ min: 0, max: 3 })),
    unitLabel: each(fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2>),
    extraColumn: each(fc.boolean()),
    blankRows: each(fc.boolean()),
    totalRow: each(fc.boolean()),
    sheetNameVariant: each(fc.integer({ min: 0, max: 2 })),
    maaltalName: fc.integer({ min: 0, max: 2 }),
    maaltalTop: fc.integer({ min: 0, max: 6 }),
    maaltalTotal: fc.boolean(),
    maaltalNames: fc.boolean(),
  });
}

/** The row order and every layout choice reversed/rotated: the same data, laid out differently. */
export function otherLayout(l: Layout): Layout {
  const rot = <T>(xs: readonly T[]): T[] => (xs.length < 2 ? [...xs] : [...xs.slice(1), xs[0] as T]);
  return {
    ...l,
    sheetOrder: [...l.sheetOrder].reverse(),
    maaltalOrder: [...l.maaltalOrder].reverse(),
    rowOrder: l.rowOrder.map((o) => [...o].reverse()),
    top: rot(l.top),
    left: rot(l.left),
    labelVariant: l.labelVariant.map((v) => (v + 1) % 4),
    headerVariant: l.headerVariant.map((v) => (v + 1) % 4),
    extraColumn: l.extraColumn.map((v) => !v),
  };
}

function labelFor(key: SchemeKey, variant: number): string {
  const labels = SCHEMES[key].labels;
  const base = labels[variant % labels.length] as string;
  switch (variant) {
    case 0:
      return base.charAt(0).toLocaleUpperCase("da-DK") + base.slice(1);
    case 1:
      // The unit the scheme is counted in: a label naming another unit is a warning since issue 22
      // (LABEL_UNIT_MISMATCH: »Fleksjob (helårspersoner)« where fleksjob is a head count).
      return `${base.toLocaleUpperCase("da-DK")} (${key === "fleksjob" ? "antal ansatte" : "helårspersoner"}) *`;
    case 2:
      return `  ${base}:`;
    default:
      return `${base} (antal)`;
  }
}

const STATUS_HEADERS = (y: number) => ["Status", "status", `Status ${y}`, "STATUS"];
const FORLOEB_HEADERS = (y: number) => ["Antal forløb", `Antal forløb i ${y}`, "Antal Forløb", "antal forløb**"];
const YEAR_LABELS = ["År", "år:", "Aar", "Årstal"];
const MAALTAL_NAMES = ["Måltal", "Maaltal", "MÅLTAL"];

function sheetName(code: string, variant: number): string {
  return variant === 1 ? code.toLocaleLowerCase("da-DK") : variant === 2 ? `${code} ` : code;
}

function positioned(name: string, rows: Cell[][], top: number, left: number, useOrigin: boolean): SheetGrid {
  if (useOrigin) return { name, visibility: "visible", originRow: top, originCol: left, values: rows };
  const pad = (r: Cell[]) => (r.length === 0 ? [] : [...Array<Cell>(left).fill(null), ...r]);
  return { name, visibility: "visible", originRow: 0, originCol: 0, values: [...Array.from({ length: top }, () => [] as Cell[]), ...rows.map(pad)] };
}

/** One department sheet for a unit, laid out as `layout` says (unit index `i`). */
export function departmentGrid(t: Truth, u: UnitTruth, i: number, l: Layout): SheetGrid {
  const rows: Cell[][] = [];
  const unitLabel = l.unitLabel[i] ?? 0;
  if (unitLabel > 0) rows.push(["Forvaltning", unitLabel === 2 && DEFAULT_UNIT_NAMES[u.code] ? (DEFAULT_UNIT_NAMES[u.code] as string) : u.code]);
  rows.push([YEAR_LABELS[l.yearLabel[i] ?? 0] as string, t.year]);
  rows.push([]);
  const hv = l.headerVariant[i] ?? 0;
  const extra = l.extraColumn[i] ?? false;
  // With the extra column: Ordning | Status | Bemærkninger | Antal forløb.
  const fcol = extra ? 3 : 2;
  const header: Cell[] = ["Ordning", STATUS_HEADERS(t.year)[hv] as string, FORLOEB_HEADERS(t.year)[hv] as string];
  if (extra) header.splice(2, 0, "Bemærkninger");
  rows.push(header);
  const f: Record<string, number> = { loentilskud: u.forloeb[0], virksomhedspraktik: u.forloeb[1], smaajob: u.forloeb[2] };
  for (const key of l.rowOrder[i] ?? SCHEME_ORDER) {
    const v = u.status[key];
    if (v === undefined) continue;
    const row: Cell[] = [labelFor(key, l.labelVariant[i] ?? 0), v];
    if (extra) row[2] = "note";
    if (key in f) row[fcol] = f[key] as number;
    rows.push(row);
    if (l.blankRows[i]) rows.push([]);
  }
  if (l.totalRow[i]) {
    const row: Cell[] = ["Antal forløb i alt", null];
    row[fcol] = u.forloeb[0] + u.forloeb[1] + u.forloeb[2];
    rows.push(row);
    rows.push(["Samlet status", (u.status.loentilskud as number) + (u.status.virksomhedspraktik as number) + (u.status.smaajob as number)]);
  }
  return positioned(sheetName(u.code, l.sheetNameVariant[i] ?? 0), rows, l.top[i] ?? 0, l.left[i] ?? 0, l.useOrigin[i] ?? false);
}

export function maaltalGrid(t: Truth, l: Layout): SheetGrid {
  const withFritid = t.weights.fritidsjob > 0 || t.units.some((u) => u.maal.fritidsjob !== undefined);
  const header: Cell[] = ["Forvaltning", ...(l.maaltalNames ? ["Navn"] : []), "Samlet måltal (virksomhedspraktik, løntilskud og småjob)", "Fleksjob", ...(withFritid ? ["Fritidsjob"] : [])];
  const rows: Cell[][] = [];
  for (let k = 0; k < l.maaltalTop; k++) rows.push(k === 0 ? ["Måltal vedtaget af Borgerrepræsentationen"] : []);
  rows.push(header);
  const ordered = l.maaltalOrder.map((k) => t.units[k] as UnitTruth);
  for (const u of ordered) {
    rows.push([u.code, ...(l.maaltalNames ? [u.name ?? null] : []), u.maal.samlet, u.maal.fleksjob, ...(withFritid ? [u.maal.fritidsjob ?? null] : [])]);
  }
  if (l.maaltalTotal) {
    const s = (f: (u: UnitTruth) => number) => ordered.reduce((a, u) => a + f(u), 0);
    rows.push(["I alt", ...(l.maaltalNames ? [null] : []), s((u) => u.maal.samlet), s((u) => u.maal.fleksjob), ...(withFritid ? [s((u) => u.maal.fritidsjob ?? 0)] : [])]);
  }
  return { name: MAALTAL_NAMES[l.maaltalName] as string, visibility: "visible", originRow: 0, originCol: 0, values: rows };
}

export function settingsGrid(t: Truth): SheetGrid | undefined {
  if (!t.settings) return undefined;
  const f = t.settings.asFractions ? 1 : 100;
  const w = t.weights;
  return {
    name: "Indstillinger",
    visibility: "visible",
    originRow: 0,
    originCol: 0,
    values: [["År", "Samlet", "Fleksjob", "Fritidsjob"], [t.year, w.samlet * f, w.fleksjob * f, w.fritidsjob * f]],
  };
}

/** The workbook for a truth in a layout: Måltal, maybe Indstillinger, one sheet per unit, in `sheetOrder`. */
export function buildWorkbook(t: Truth, l: Layout): WorkbookGrid {
  const depts = t.units.map((u, i) => departmentGrid(t, u, i, l));
  const settings = settingsGrid(t);
  const all: (SheetGrid | undefined)[] = [maaltalGrid(t, l), settings, ...depts];
  const ordered = l.sheetOrder.map((k) => all[k]).filter((s): s is SheetGrid => s !== undefined);
  return { sheets: ordered };
}

export const validArb: fc.Arbitrary<{ truth: Truth; layout: Layout }> = truthArb.chain((truth) => layoutArb(truth.units.length).map((layout) => ({ truth, layout })));

/** Every status and target times `k` (whole counts stay whole for whole k). */
export function scaled(t: Truth, k: number): Truth {
  const m = (v: number | undefined) => (v === undefined ? undefined : v * k);
  return {
    ...t,
    units: t.units.map((u) => ({
      ...u,
      status: {
        loentilskud: m(u.status.loentilskud),
        virksomhedspraktik: m(u.status.virksomhedspraktik),
        smaajob: m(u.status.smaajob),
        fleksjob: m(u.status.fleksjob),
        fritidsjob: m(u.status.fritidsjob),
      },
      forloeb: [u.forloeb[0] * k, u.forloeb[1] * k, u.forloeb[2] * k],
      maal: { samlet: u.maal.samlet * k, fleksjob: u.maal.fleksjob * k, ...(u.maal.fritidsjob !== undefined ? { fritidsjob: u.maal.fritidsjob * k } : {}) },
    })),
  };
}
