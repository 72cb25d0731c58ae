/**
 * The others' median (src/core/plausibility.ts, medianWithout): the same figure as sorting the
 * other forvaltningers' figures, in constant time per forvaltning (issue 20, item 8: the engine
 * was quadratic because each forvaltning built and sorted its own list of the others).
 */
import fc from "fast-check";
import { medianWithout } from "../../src/core/plausibility";

function naiveMedianWithout(xs: readonly number[], i: number): number {
  const s = xs.filter((_, j) => j !== i).sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

test("medianWithout equals the median of the list without that one figure, duplicates included", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 50 }).map((n) => n / 2), { minLength: 2, maxLength: 40 }), fc.nat(), (xs, k) => {
      const i = k % xs.length;
      const sorted = [...xs].sort((a, b) => a - b);
      expect(medianWithout(sorted, xs[i] as number)).toBe(naiveMedianWithout(xs, i));
    }),
    { numRuns: 500 },
  );
});

test("SOF's 250 against 40 and 25: the others' median is 32,5", () => {
  expect(medianWithout([25, 40, 250], 250)).toBe(32.5);
  expect(medianWithout([25, 40, 250], 25)).toBe(145);
});
