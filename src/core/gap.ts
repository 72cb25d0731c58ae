/**
 * The gap to target: how far a unit's status is from its måltal, per group, in the group's own
 * unit (helårspersoner, or fleksjob employees). The pane says »BUF mangler 296 helårspersoner for
 * at nå måltallet« from this; no figure is computed in the view.
 */
import type { UnitResult } from "./compute";
import { roundHalfAway } from "./numbers";

/**
 * - `short`: below target by `amount` (rounded to whole units, at least 1);
 * - `nearly`: below target by less than half a unit (rounds to 0, but the target is not met);
 * - `met`: exactly at target (`amount` 0);
 * - `over`: above target by `amount` (rounded; 0 when above by less than half a unit).
 */
export type GapKind = "short" | "nearly" | "met" | "over";

export interface TargetGap {
  /** The group id (»samlet«, »fleksjob«, …). */
  readonly group: string;
  readonly kind: GapKind;
  /** The distance, rounded half away from zero to whole units, never negative. */
  readonly amount: number;
}

/**
 * The gap for every group with a target (not zero) and a status. Whether the target is met is
 * decided on the unrounded figures, as the målopfyldelse is (so »over« agrees with ≥ 100 pct.);
 * the amount is the unrounded difference, rounded once.
 */
export function targetGaps(u: Pick<UnitResult, "status" | "maal">): TargetGap[] {
  const gaps: TargetGap[] = [];
  // The unit's groups, in the rulebook's order (its targets are keyed by group id).
  for (const group of Object.keys(u.maal)) {
    const target = u.maal[group];
    const status = u.status[group];
    if (target === null || target === undefined || target === 0 || status === undefined || status === null || !Number.isFinite(target) || !Number.isFinite(status)) continue;
    const diff = status - target;
    const amount = roundHalfAway(Math.abs(diff));
    const kind: GapKind = diff === 0 ? "met" : diff > 0 ? "over" : amount === 0 ? "nearly" : "short";
    gaps.push({ group, kind, amount });
  }
  return gaps;
}
