import { builtinRulebook, BUILTIN_YEARS, forloebSchemes, knownSchemes, sameRules, schemeOfLabel, schemesOf, weightFraction, wholeByDefault, type Rulebook } from "../../src/core/rulebook";
import { SCHEME_KEYS, SCHEMES } from "../support/builtin-schemes";
import { BUILT_IN_WEIGHTS } from "../../src/core/weights";

const must = (year: number): Rulebook => {
  const r = builtinRulebook(year);
  if (!r) throw new Error(`no built-in rulebook for ${year}`);
  return r;
};

describe("the built-in rulebooks", () => {
  it("know exactly the years the built-in weights knew, and no other year", () => {
    expect(BUILTIN_YEARS).toEqual(Object.keys(BUILT_IN_WEIGHTS).map(Number));
    expect(builtinRulebook(2023)).toBeNull();
    expect(builtinRulebook(2026)).toBeNull();
    expect(builtinRulebook(2014)).toBeNull();
  });

  it("2024: four schemes in two groups, weighted 55/45", () => {
    const r = must(2024);
    expect(r.year).toBe(2024);
    expect(r.source).toEqual({ kind: "builtin" });
    expect(r.schemes.map((s) => s.id)).toEqual(["loentilskud", "virksomhedspraktik", "smaajob", "fleksjob"]);
    expect(r.groups.map((g) => g.id)).toEqual(["samlet", "fleksjob"]);
    expect(schemesOf(r, "samlet").map((s) => s.id)).toEqual(["loentilskud", "virksomhedspraktik", "smaajob"]);
    expect(r.weights).toEqual({ samlet: 55, fleksjob: 45 });
  });

  it("2025: five schemes in three groups, weighted 51/43/6", () => {
    const r = must(2025);
    expect(r.schemes.map((s) => s.id)).toEqual(["loentilskud", "virksomhedspraktik", "smaajob", "fleksjob", "fritidsjob"]);
    expect(r.groups.map((g) => g.id)).toEqual(["samlet", "fleksjob", "fritidsjob"]);
    expect(r.weights).toEqual({ samlet: 51, fleksjob: 43, fritidsjob: 6 });
  });

  it("reproduce the schemes' constants: labels, group, whole status and forløb per scheme", () => {
    for (const year of BUILTIN_YEARS) {
      for (const s of must(year).schemes) {
        const def = SCHEMES[s.id as (typeof SCHEME_KEYS)[number]];
        expect({ labels: s.labels, group: s.group, whole: s.wholeStatus, forloeb: s.reportsForloeb }).toEqual({ labels: def.labels, group: def.group, whole: def.wholeStatus, forloeb: def.forloebRequired });
        expect(s.wholeStatus).toBe(wholeByDefault(s.measure));
      }
    }
    expect(knownSchemes().map((s) => s.id)).toEqual([...SCHEME_KEYS]);
  });

  it("give the built-in weights as the same fractions the weighted total used", () => {
    for (const year of BUILTIN_YEARS) {
      const r = must(year);
      const old = BUILT_IN_WEIGHTS[year];
      for (const g of ["samlet", "fleksjob", "fritidsjob"] as const) {
        // Bit for bit: 51 % is 0.51, never 0.51000000000000001.
        expect(weightFraction(r, g)).toBe(old?.[g]);
      }
    }
  });

  it("weigh by a fraction of the percent typed, rounded so a fraction typed on a sheet round-trips", () => {
    const r: Rulebook = { ...must(2025), weights: { samlet: 0.07 * 100, fleksjob: 93 } };
    expect(weightFraction(r, "samlet")).toBe(0.07);
    expect(weightFraction({ ...r, weights: null }, "samlet")).toBeNull();
  });

  it("find a scheme by its row label, and list the schemes that report forløb", () => {
    const r = must(2025);
    expect(schemeOfLabel(r.schemes, "smajob")?.id).toBe("smaajob");
    expect(schemeOfLabel(r.schemes, "seniorjob")).toBeUndefined();
    expect(forloebSchemes(r).map((s) => s.id)).toEqual(["loentilskud", "virksomhedspraktik", "smaajob"]);
  });

  it("tell a changed decision from the same one read elsewhere", () => {
    const r = must(2025);
    expect(sameRules(r, { ...r, source: { kind: "sheet", sheet: "Indstillinger", range: "A20:F26" } })).toBe(true);
    expect(sameRules(r, { ...r, weights: { samlet: 50, fleksjob: 44, fritidsjob: 6 } })).toBe(false);
    expect(sameRules(must(2024), { ...must(2024), weights: { samlet: 55, fleksjob: 45, fritidsjob: 0 } })).toBe(true);
    expect(sameRules(r, { ...r, schemes: r.schemes.slice(0, 4) })).toBe(false);
  });
});

describe("what a year recognises beyond what it counts", () => {
  it("2024 recognises fritidsjob (read, never counted); 2025 nothing more; a rulebook of its own only its own schemes", async () => {
    const { recognised } = await import("../../src/core/rulebook");
    const r2024 = recognised(must(2024));
    expect(r2024.schemes.map((s) => s.id)).toEqual(["loentilskud", "virksomhedspraktik", "smaajob", "fleksjob", "fritidsjob"]);
    expect(r2024.groups.map((g) => g.id)).toEqual(["samlet", "fleksjob", "fritidsjob"]);
    expect(recognised(must(2025)).schemes).toEqual(must(2025).schemes);
    const own: Rulebook = {
      year: 2014,
      schemes: [{ id: "jobrotation", name: "Jobrotation", labels: ["jobrotation"], group: "jobrotation", measure: "forloeb", reportsForloeb: false, wholeStatus: true }],
      groups: [{ id: "jobrotation", name: "jobrotation", targetLabels: ["jobrotation"] }],
      weights: null,
      source: { kind: "sheet", sheet: "Indstillinger", range: "A20:F26" },
    };
    expect(recognised(own)).toEqual({ schemes: own.schemes, groups: own.groups });
  });
});

describe("reading the rulebook (rulebook-read.ts, the seam for Indstillinger)", () => {
  const settingsSheet = { name: "Indstillinger", visibility: "visible" as const, originRow: 0, originCol: 0, values: [] };
  const read = (w: Record<string, number>, cells: Record<string, string>) => ({ weights: w, cells });

  it("a year with weights on Indstillinger: the newest scheme set with those weights, fritidsjob left out at 0, source the weight row", async () => {
    const { readRulebook } = await import("../../src/core/rulebook-read");
    const weights = new Map([[2026, read({ samlet: 0.55, fleksjob: 0.45, fritidsjob: 0 }, { samlet: "B5", fleksjob: "C5", fritidsjob: "D5" })]]);
    const r = readRulebook(settingsSheet, weights, 2026).rulebook;
    expect(r?.groups.map((g) => g.id)).toEqual(["samlet", "fleksjob"]);
    expect(r?.schemes.map((s) => s.id)).toEqual(["loentilskud", "virksomhedspraktik", "smaajob", "fleksjob"]);
    expect(r?.weights).toEqual({ samlet: 55, fleksjob: 45 });
    expect(r?.source).toEqual({ kind: "sheet", sheet: "Indstillinger", range: "B5:D5" });
  });

  it("2024 weighted with fritidsjob on Indstillinger counts fritidsjob, as the weights say; no weights: the built-in rulebook; an unknown year: none", async () => {
    const { readRulebook } = await import("../../src/core/rulebook-read");
    const weights = new Map([[2024, read({ samlet: 0.5, fleksjob: 0.4, fritidsjob: 0.1 }, { samlet: "B2", fleksjob: "C2", fritidsjob: "D2" })]]);
    expect(readRulebook(settingsSheet, weights, 2024).rulebook?.groups.map((g) => g.id)).toEqual(["samlet", "fleksjob", "fritidsjob"]);
    expect(readRulebook(settingsSheet, weights, 2024).rulebook?.weights).toEqual({ samlet: 50, fleksjob: 40, fritidsjob: 10 });
    expect(readRulebook(undefined, new Map(), 2025).rulebook).toEqual(must(2025));
    expect(readRulebook(settingsSheet, weights, 2031)).toEqual({ rulebook: null, issues: [] });
  });
});
