/**
 * Sums go by group, never by name (issue 22): for random rulebooks — random groups, schemes assigned
 * to them, random figures, with or without weights — a group's status is the sum of its schemes',
 * for each forvaltning and for KK, and the weighted total exists exactly when the rulebook weighs.
 */
import fc from "fast-check";
import { statusOf, sumUnits, unitResult, WEIGHTED, type UnitResult } from "../../src/core/compute";
import type { GroupRule, Rulebook, SchemeRule } from "../../src/core/rulebook";

const measureArb = fc.constantFrom("helaarspersoner", "ansatte_ultimo", "personer", "forloeb", "pladser" as const);

/** A rulebook of 1–4 groups and 1–7 schemes, every group with at least one scheme; weights (whole percent summing to 100) or none. */
const rulebookArb: fc.Arbitrary<Rulebook> = fc
  .record({
    groups: fc.integer({ min: 1, max: 4 }),
    extra: fc.array(fc.nat(), { maxLength: 4 }),
    measures: fc.array(measureArb, { minLength: 8, maxLength: 8 }),
    forloeb: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    /** A group of one scheme may carry that scheme's own id, as fleksjob does. */
    sameId: fc.boolean(),
    cuts: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
    weighted: fc.boolean(),
  })
  .map(({ groups: nGroups, extra, measures, forloeb, sameId, cuts, weighted }) => {
    const owner = [...Array.from({ length: nGroups }, (_, i) => i), ...extra.map((e) => e % nGroups)];
    const sizes = owner.reduce<number[]>((acc, g) => ((acc[g] = (acc[g] ?? 0) + 1), acc), []);
    const groupId = (g: number, schemeAt: number) => (sameId && sizes[g] === 1 ? `s${schemeAt}` : `g${g}`);
    const schemes: SchemeRule[] = owner.map((g, i) => {
      const measure = measures[i] ?? "personer";
      return { id: `s${i}`, name: `Ordning ${i}`, labels: [`ordning ${i}`], group: groupId(g, i), measure, reportsForloeb: forloeb[i] ?? false, wholeStatus: false };
    });
    const groups: GroupRule[] = Array.from({ length: nGroups }, (_, g) => ({ id: groupId(g, owner.indexOf(g)), name: `Gruppe ${g}`, targetLabels: [`gruppe ${g}`] }));
    // Whole percents that sum to 100: the cuts split 0..100 into as many parts as there are groups.
    const points = [0, ...cuts.slice(0, nGroups - 1).sort((a, b) => a - b), 100];
    const weights = weighted ? Object.fromEntries(groups.map((g, i) => [g.id, (points[i + 1] ?? 100) - (points[i] ?? 0)] as const)) : null;
    return { year: 2014, schemes, groups, weights, source: { kind: "builtin" } } satisfies Rulebook;
  });

const figure = fc.double({ min: 0, max: 5000, noNaN: true });

/** A rulebook and a few forvaltninger's figures for its schemes, and positive targets for its groups. */
const caseArb = rulebookArb.chain((rb) =>
  fc.record({
    rb: fc.constant(rb),
    units: fc.array(
      fc.record({
        status: fc.tuple(...rb.schemes.map(() => figure)),
        forloeb: fc.tuple(...rb.schemes.map(() => fc.integer({ min: 0, max: 9000 }))),
        targets: fc.tuple(...rb.groups.map(() => fc.double({ min: 1, max: 5000, noNaN: true }))),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  }),
);

const relClose = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe("sums by group for any rulebook (fast-check)", () => {
  it("each group's status is the sum of its schemes', per forvaltning and for KK; the weighted total exists iff there are weights", () => {
    fc.assert(
      fc.property(caseArb, ({ rb, units }) => {
        const results: UnitResult[] = units.map((u, i) => {
          const status = statusOf({ status: Object.fromEntries(rb.schemes.map((s, k) => [s.id, u.status[k] as number] as const)) }, rb);
          expect(status).toBeDefined();
          const forloeb = Object.fromEntries([...rb.schemes.filter((s) => s.reportsForloeb).map((s) => [s.id, u.forloeb[rb.schemes.indexOf(s)] as number] as const), ["i_alt", 0]]);
          const targets = Object.fromEntries(rb.groups.map((g, k) => [g.id, u.targets[k] as number] as const));
          return unitResult(`U${i}`, `Enhed ${i}`, status ?? {}, forloeb, targets, rb, true);
        });
        const kk = sumUnits(results, rb);
        for (const g of rb.groups) {
          const members = rb.schemes.filter((s) => s.group === g.id);
          expect(members.length).toBeGreaterThan(0);
          results.forEach((r, i) => {
            // The unit's own figures, added in the rulebook's order: exactly its group's status.
            const expected = members.reduce((a, s) => a + (units[i]?.status[rb.schemes.indexOf(s)] ?? NaN), 0);
            expect(r.status[g.id]).toBe(expected);
          });
          // KK sums the forvaltninger (in ascending order): equal to the sum of its schemes' sums up to rounding.
          const kkGroup = kk.status[g.id] ?? NaN;
          const kkSchemes = members.reduce((a, s) => a + (kk.status[s.id] ?? NaN), 0);
          expect(relClose(kkGroup, kkSchemes)).toBe(true);
        }
        for (const r of results) {
          const m = r.maalopfyldelse;
          expect(m).not.toBeNull();
          expect(m !== null && WEIGHTED in m).toBe(rb.weights !== null);
          if (rb.weights && m) expect(typeof m[WEIGHTED]).toBe("number");
          // No key for anything the rulebook does not have.
          expect(Object.keys(r.maal).sort()).toEqual(rb.groups.map((g) => g.id).sort());
        }
      }),
      { seed: 22_022, numRuns: 300 },
    );
  });

  it("weighs exactly: a rulebook weighted 100 % on one group gives that group's målopfyldelse as the total", () => {
    fc.assert(
      fc.property(rulebookArb, figure, fc.double({ min: 1, max: 5000, noNaN: true }), (base, s, t) => {
        const only = base.groups[0] as GroupRule;
        const rb: Rulebook = { ...base, weights: Object.fromEntries(base.groups.map((g) => [g.id, g.id === only.id ? 100 : 0] as const)) };
        const status = statusOf({ status: Object.fromEntries(rb.schemes.map((x) => [x.id, s] as const)) }, rb) ?? {};
        const r = unitResult("U", "U", status, { i_alt: 0 }, Object.fromEntries(rb.groups.map((g) => [g.id, t] as const)), rb, true);
        expect(r.maalopfyldelse?.[WEIGHTED]).toBe(r.maalopfyldelse?.[only.id]);
      }),
      { seed: 22_023, numRuns: 200 },
    );
  });
});
