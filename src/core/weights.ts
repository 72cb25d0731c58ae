import { BUILTIN_YEARS, builtinRulebook, latestBuiltin, type Rulebook } from "./rulebook";

/** Weights of the groups in the weighted total, as fractions per group id that sum to 1. */
export type Weights = Readonly<Record<string, number>>;

/**
 * The weights when each is a fraction (0–1) and they sum to 1 (100 %); else undefined.
 * Checked by hand: a zod schema here was the only use of zod the task pane had, and put 66 KB of
 * minified zod into it (docs/dev/performance.md). The CLI's JSON schema (json.ts) still uses zod.
 */
export function validWeights(w: Weights): Weights | undefined {
  const parts = Object.values(w);
  if (!parts.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)) return undefined;
  // Added in the groups' order (samlet, fleksjob, fritidsjob), as always.
  return Math.abs(parts.reduce((a, b) => a + b, 0) - 1) < 1e-9 ? { ...w } : undefined;
}

/** A rulebook's weights as fractions for every built-in group (0 for a group it does not weigh). */
function fractionsOf(rulebook: Rulebook): Weights {
  const out: Record<string, number> = {};
  for (const g of latestBuiltin().groups) out[g.id] = (rulebook.weights?.[g.id] ?? 0) / 100;
  return out;
}

/**
 * Decided by Borgerrepræsentationen and printed in the notat's footnote ***: the built-in rulebooks'
 * weights (rulebook.ts) as fractions. 2024: 55 % combined, 45 % fleksjob. 2025: 51/43/6 with fritidsjob.
 */
export const BUILT_IN_WEIGHTS: Readonly<Record<number, Weights>> = Object.fromEntries(
  BUILTIN_YEARS.map((y) => [y, fractionsOf(builtinRulebook(y) as Rulebook)] as const),
);

export function isWeighted(weights: Weights, group: string): boolean {
  return (weights[group] ?? 0) > 0;
}
