/**
 * Figures that are possible but implausible: a lost decimal comma (124 for 12,4) makes a figure ten
 * times what it should be. Such a figure is used as typed, with a warning that names the cell, the
 * figure and what it was compared with.
 *
 * A figure is compared with three references, the most specific first:
 * 1. its own target (Måltal): fleksjob and fritidsjob with their own target, the three combined
 *    schemes each with the combined target. A figure at least TARGET_FACTOR times its target is out
 *    of scale; one within PLAUSIBLE_TARGET_FACTOR of it is plausible whatever the others say (BUF's
 *    fritidsjob, 69,1 against a target of 81, is far above the other forvaltningers' but right).
 * 2. the other forvaltninger (fleksjob and fritidsjob only): a figure at least PEER_FACTOR times the
 *    median of the others' is out of scale. The median, not the largest, so one large forvaltning
 *    does not hide another's lost comma (SOF's 250 next to 40 and 25).
 * 3. the whole kommune last year (Forrige år): one forvaltning's figure above the whole kommune's a
 *    year before, with at least PREVIOUS_MIN_UNITS forvaltninger, is out of scale.
 * The previous-year sheet's own figures are compared with its own targets (rule 1).
 * Small figures (below SCALE_MIN) are never judged: 3 next to 0,2 is ordinary.
 */
import type { IssueList } from "./issues";
import { knownSchemes, type SchemeRule } from "./rulebook";

/** Below this, a figure is not judged. */
export const SCALE_MIN = 10;
/** A figure this many times its own target is out of scale (a lost comma gives ten times). */
export const TARGET_FACTOR = 4;
/** A figure within this many times its own target is plausible, whatever the others say. */
export const PLAUSIBLE_TARGET_FACTOR = 2;
/** A figure this many times the median of the other forvaltningers' is out of scale. */
export const PEER_FACTOR = 5;
/** The comparison with the others needs at least this many other forvaltninger. */
const PEER_MIN_OTHERS = 2;
/** One forvaltning above the whole kommune's last year means something only among this many. */
const PREVIOUS_MIN_UNITS = 3;

/**
 * Schemes compared across forvaltninger: those alone in their group (fleksjob, fritidsjob). The
 * schemes of a combined group differ too much: SOF's småjob is 159,2 where the median is 7.
 */
export function scaleChecked(schemes: readonly SchemeRule[]): string[] {
  return schemes.filter((s) => !isCombined(schemes, s.id)).map((s) => s.id);
}

/** A scheme that shares its group's target with other schemes. */
function isCombined(schemes: readonly SchemeRule[], id: string): boolean {
  const group = schemes.find((s) => s.id === id)?.group;
  return schemes.filter((s) => s.group === group).length > 1;
}

/** The target group a scheme's figure is compared with. */
export function targetGroupOf(schemes: readonly SchemeRule[], id: string): string {
  return schemes.find((s) => s.id === id)?.group ?? id;
}

export interface ScaleFigures {
  readonly status: Partial<Record<string, number>>;
  readonly maal: Partial<Record<string, number>>;
}

export interface ScaleInput {
  readonly units: readonly ScaleFigures[];
  /** KK the year before (Forrige år), when the workbook has it. */
  readonly previous?: ScaleFigures;
  /** The schemes judged, in order (default: every built-in scheme). */
  readonly schemes?: readonly SchemeRule[];
}

export type ScaleBasis = "target" | "peers" | "previous";

export interface ScaleFinding {
  /** Index into units, or "previous" for the previous-year sheet. */
  readonly unit: number | "previous";
  readonly scheme: string;
  readonly value: number;
  readonly basis: ScaleBasis;
  /** The figure compared with: the target, the others' median or last year's kommune figure. */
  readonly ref: number;
}

/**
 * The median of `sorted` (ascending) without one occurrence of `value`, which it holds: the other
 * forvaltningers' median in constant time. Building and sorting the others' list for each
 * forvaltning made the engine quadratic in the number of forvaltninger (docs/dev/performance.md).
 */
export function medianWithout(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  const at = (k: number): number => sorted[k < lo ? k : k + 1] as number;
  const n = sorted.length - 1;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** The others' figures for one scheme: their count and median, computed only when asked. */
interface Peers {
  readonly count: number;
  median(): number;
}

/** The verdict on one figure: the reference it is out of scale against, or undefined. */
function judge(value: number, target: number | undefined, peers: Peers | undefined, previous: number | undefined): { basis: ScaleBasis; ref: number } | undefined {
  if (!(value >= SCALE_MIN)) return undefined;
  const hasTarget = target !== undefined && target > 0;
  if (hasTarget && value >= TARGET_FACTOR * target) return { basis: "target", ref: target };
  // Near its own target a figure is plausible: the others may simply be smaller forvaltninger.
  if (hasTarget && value <= PLAUSIBLE_TARGET_FACTOR * target) return undefined;
  if (peers && peers.count >= PEER_MIN_OTHERS) {
    const m = peers.median();
    if (m > 0 && value >= PEER_FACTOR * m) return { basis: "peers", ref: m };
  }
  if (previous !== undefined && previous > 0 && value > previous) return { basis: "previous", ref: previous };
  return undefined;
}

/** Every figure out of scale, in unit order and scheme order, the previous year last. */
export function scaleFindings(input: ScaleInput): ScaleFinding[] {
  const out: ScaleFinding[] = [];
  const schemes = input.schemes ?? knownSchemes();
  const keys = schemes.map((s) => s.id);
  // Each checked scheme's figures sorted once; a unit's peers are these without its own figure.
  const sortedBy = new Map<string, number[]>(
    scaleChecked(schemes).map((k) => [k, input.units.flatMap((o) => (o.status[k] !== undefined ? [o.status[k] as number] : [])).sort((a, b) => a - b)]),
  );
  input.units.forEach((u, i) => {
    for (const k of keys) {
      const v = u.status[k];
      if (v === undefined) continue;
      const all = sortedBy.get(k);
      const peers: Peers | undefined = all ? { count: all.length - 1, median: () => medianWithout(all, v) } : undefined;
      const prev = input.units.length >= PREVIOUS_MIN_UNITS ? input.previous?.status[k] : undefined;
      const verdict = judge(v, u.maal[targetGroupOf(schemes, k)], peers, prev);
      if (verdict) out.push({ unit: i, scheme: k, value: v, ...verdict });
    }
  });
  const p = input.previous;
  if (p) {
    for (const k of keys) {
      const v = p.status[k];
      const verdict = v === undefined ? undefined : judge(v, p.maal[targetGroupOf(schemes, k)], undefined, undefined);
      if (v !== undefined && verdict) out.push({ unit: "previous", scheme: k, value: v, ...verdict });
    }
  }
  return out;
}

/** Where a unit's figures were read, to name the cells in the warning. */
export interface ScaleSource extends ScaleFigures {
  readonly unit: string;
  readonly sheet: string;
  readonly statusCells: Partial<Record<string, string>>;
  readonly maalSheet?: string;
  readonly maalCells: Partial<Record<string, string>>;
}

/** Warns at every figure out of scale (VALUE_OUT_OF_SCALE), naming what it was compared with. */
export function checkScale(units: readonly ScaleSource[], previous: ScaleSource | undefined, issues: IssueList, schemes: readonly SchemeRule[] = knownSchemes()): void {
  const findings = scaleFindings({ units, schemes, ...(previous ? { previous } : {}) });
  for (const f of findings) {
    const src = f.unit === "previous" ? previous : units[f.unit];
    const cell = src?.statusCells[f.scheme];
    if (!src || !cell) continue;
    const g = targetGroupOf(schemes, f.scheme);
    const refAt =
      f.basis === "target" && src.maalCells[g]
        ? `${src.maalSheet ?? src.sheet}!${src.maalCells[g]}`
        : f.basis === "previous" && previous?.statusCells[f.scheme]
          ? `${previous.sheet}!${previous.statusCells[f.scheme]}`
          : "";
    issues.warning(
      "VALUE_OUT_OF_SCALE",
      src.sheet,
      cell,
      {
        scheme: f.scheme,
        schemeName: schemes.find((s) => s.id === f.scheme)?.name ?? f.scheme,
        value: f.value,
        basis: f.basis,
        ref: f.ref,
        refAt,
        ratio: f.value / f.ref,
        combined: isCombined(schemes, f.scheme) ? 1 : 0,
        ...(isCombined(schemes, f.scheme) ? { combinedCount: schemes.filter((s) => s.group === g).length } : {}),
      },
      f.unit === "previous" ? "forrige" : src.unit,
    );
  }
}
