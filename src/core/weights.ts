import { z } from "zod";
import type { GroupKey } from "./schemes";

/** Weights of the groups in the weighted total, as fractions that sum to 1. */
export const WeightsSchema = z
  .object({
    samlet: z.number().min(0).max(1),
    fleksjob: z.number().min(0).max(1),
    fritidsjob: z.number().min(0).max(1),
  })
  .strict()
  .refine((w) => Math.abs(w.samlet + w.fleksjob + w.fritidsjob - 1) < 1e-9, {
    message: "weights must sum to 100 %",
  });

export type Weights = z.infer<typeof WeightsSchema>;

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
