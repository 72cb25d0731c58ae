import type { GroupKey } from "./schemes";

/** Weights of the groups in the weighted total, as fractions that sum to 1. */
export type Weights = { samlet: number; fleksjob: number; fritidsjob: number };

/**
 * The weights when each is a fraction (0–1) and they sum to 1 (100 %); else undefined.
 * Checked by hand: a zod schema here was the only use of zod the task pane had, and put 66 KB of
 * minified zod into it (docs/dev/performance.md). The CLI's JSON schema (json.ts) still uses zod.
 */
export function validWeights(w: Weights): Weights | undefined {
  const parts = [w.samlet, w.fleksjob, w.fritidsjob];
  if (!parts.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)) return undefined;
  return Math.abs(w.samlet + w.fleksjob + w.fritidsjob - 1) < 1e-9 ? { samlet: w.samlet, fleksjob: w.fleksjob, fritidsjob: w.fritidsjob } : undefined;
}

/**
 * Decided by Borgerrepræsentationen and printed in the notat's footnote ***.
 * 2024: 55 % combined, 45 % fleksjob. 2025: 51/43/6 with fritidsjob.
 */
export const BUILT_IN_WEIGHTS: Readonly<Record<number, Weights>> = {
  2024: { samlet: 0.55, fleksjob: 0.45, fritidsjob: 0 },
  2025: { samlet: 0.51, fleksjob: 0.43, fritidsjob: 0.06 },
};

export function isWeighted(weights: Weights, group: GroupKey): boolean {
  return weights[group] > 0;
}
