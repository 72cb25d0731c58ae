/** The gap to target (src/core/gap.ts): what the pane says under each forvaltning and KK. */
import { calculate } from "../../src/core";
import { targetGaps } from "../../src/core/gap";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";

/** A unit's figures keyed by id, as compute gives them: a group without a status (fritidsjob: null) has no key. */
const unit = (status: { samlet: number; fleksjob: number; fritidsjob: number | null }, maal: { samlet: number | null; fleksjob: number | null; fritidsjob: number | null }) => ({
  status: Object.fromEntries(Object.entries({ loentilskud: 0, virksomhedspraktik: 0, smaajob: 0, ...status }).filter((e): e is [string, number] => e[1] !== null)),
  maal,
});

describe("targetGaps", () => {
  it("gives the notat's forvaltninger their gap in helårspersoner: BUF lacks 296, BIF is over", async () => {
    const out = calculate(readWorkbookGrid(await buildExample(await loadExampleData())));
    const byCode = new Map(out.result.forvaltninger.map((u) => [u.code, u]));
    const buf2 = byCode.get("BUF");
    expect(buf2).toBeDefined();
    // Notat table 4: status 161, måltal 457 → 296 short.
    expect(targetGaps(buf2!).find((g) => g.group === "samlet")).toEqual({ group: "samlet", kind: "short", amount: 296 });
    // Notat table 3 (BIF): 61 against 56 → 108 pct.: over by 5.
    expect(targetGaps(byCode.get("BIF")!).find((g) => g.group === "samlet")).toEqual({ group: "samlet", kind: "over", amount: 5 });
    // KK: 797 against 1.084 → 287 short.
    expect(targetGaps(out.result.kk!).find((g) => g.group === "samlet")).toEqual({ group: "samlet", kind: "short", amount: 287 });
  });

  it("decides met or not on the unrounded figures, and rounds the amount once", () => {
    expect(targetGaps(unit({ samlet: 49.6, fleksjob: 10, fritidsjob: null }, { samlet: 50, fleksjob: 10, fritidsjob: null }))).toEqual([
      { group: "samlet", kind: "nearly", amount: 0 },
      { group: "fleksjob", kind: "met", amount: 0 },
    ]);
    expect(targetGaps(unit({ samlet: 48.5, fleksjob: 12, fritidsjob: 3.2 }, { samlet: 50, fleksjob: 10, fritidsjob: 4 }))).toEqual([
      { group: "samlet", kind: "short", amount: 2 },
      { group: "fleksjob", kind: "over", amount: 2 },
      { group: "fritidsjob", kind: "short", amount: 1 },
    ]);
  });

  it("leaves out groups without a target (missing or zero) or without a status", () => {
    expect(targetGaps(unit({ samlet: 5, fleksjob: 1, fritidsjob: null }, { samlet: null, fleksjob: 0, fritidsjob: 4 }))).toEqual([]);
  });
});
