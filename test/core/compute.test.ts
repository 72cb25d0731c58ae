import { calculate } from "../../src/core";
import { pct, weightedTotal } from "../../src/core/compute";
import { builtinRulebook } from "../../src/core/rulebook";
import { deptSheet, maaltalSheet, sheet, smallWorkbook, workbook } from "../support/grid";

describe("the calculation", () => {
  it("computes målopfyldelse = status / måltal × 100 from unrounded values, per group", () => {
    const out = calculate(smallWorkbook());
    const [a, b] = out.result.forvaltninger;
    // AAA: 5.5 + 40.25 + 3.1 = 48.85 against 50
    expect(a?.status.samlet).toBeCloseTo(48.85, 12);
    expect(a?.maalopfyldelse?.samlet).toBeCloseTo(97.7, 10);
    expect(a?.maalopfyldelse?.fleksjob).toBeCloseTo(125, 10);
    expect(a?.maalopfyldelse?.fritidsjob).toBeCloseTo(50, 10);
    expect(a?.maalopfyldelse?.vaegtet).toBeCloseTo(0.51 * 97.7 + 0.43 * 125 + 0.06 * 50, 10);
    expect(b?.maalopfyldelse?.samlet).toBeCloseTo(100, 10);
  });

  it("has no cap: 189 pct. is a legal result", () => {
    expect(pct(89, 47)).toBeCloseTo(189.3617, 3);
  });

  it("KK is the sum of the forvaltninger's unrounded values against the sum of their targets", () => {
    const out = calculate(smallWorkbook());
    const kk = out.result.kk;
    expect(kk?.status.samlet).toBeCloseTo(48.85 + 100, 10);
    expect(kk?.maal).toEqual({ samlet: 150, fleksjob: 100, fritidsjob: 15 });
    expect(kk?.forloeb.i_alt).toBe(250);
    expect(kk?.maalopfyldelse?.fleksjob).toBeCloseTo(116, 10);
  });

  it("uses KK's own targets where Måltal has a KK row, and says so where they differ from the sum", () => {
    const wb = smallWorkbook();
    const m = maaltalSheet([["AAA", 50, 40, 5], ["BBB", 100, 60, 10], ["KK", 150, 101, null]]);
    const out = calculate({ sheets: [m, ...wb.sheets.slice(1)] });
    expect(out.result.kk?.maal).toEqual({ samlet: 150, fleksjob: 101, fritidsjob: 15 });
    expect(out.issues.map((i) => `${i.code}@${i.cell}`)).toEqual(["KK_TARGET_DIFFERS@C4"]);
  });

  it("gives '–' (null) for a måltal of 0, and an error where that group carries weight", () => {
    const wb2024 = workbook(
      maaltalSheet([["AAA", 50, 40, 0]]),
      sheet("AAA", [["År", 2024], ["Ordning", "Status", "Antal forløb"], ["Løntilskud", 1, 1], ["Virksomhedspraktik", 1, 1], ["Småjob", 1, 1], ["Fleksjob", 1], ["Fritidsjob", 2]]),
    );
    const ok = calculate(wb2024);
    expect(ok.issues).toEqual([]);
    expect(ok.result.forvaltninger[0]?.maalopfyldelse?.fritidsjob ?? null).toBeNull();
    const wb2025 = workbook(maaltalSheet([["AAA", 50, 40, 0]]), deptSheet("AAA", 2025));
    const bad = calculate(wb2025);
    expect(bad.issues.map((i) => `${i.severity}:${i.code}@${i.sheet}!${i.cell}`)).toEqual(["error:MAAL_ZERO_WEIGHTED@Måltal!D2"]);
    expect(bad.result.forvaltninger[0]?.maalopfyldelse).toBeNull();
    expect(bad.report).toBeNull();
  });

  it("gives a forvaltning with errors no målopfyldelse, and computes no KK from part of the data", () => {
    const wb = smallWorkbook();
    const broken = deptSheet("BBB", 2025, { fleksjob: 66.5 });
    const out = calculate({ sheets: [wb.sheets[0]!, wb.sheets[1]!, broken] });
    expect(out.issues.map((i) => i.code)).toEqual(["VALUE_NOT_WHOLE"]);
    expect(out.result.forvaltninger.map((u) => [u.code, u.maalopfyldelse === null])).toEqual([["AAA", false]]);
    expect(out.result.kk).toBeNull();
  });

  it("weighted total uses the year's weights and is null when a weighted group has no value", () => {
    // 2024's rulebook: samlet 55 %, fleksjob 45 %, no fritidsjob.
    const w = builtinRulebook(2024)!;
    expect(weightedTotal({ samlet: 84, fleksjob: 113, fritidsjob: null }, w)).toBeCloseTo(0.55 * 84 + 0.45 * 113, 10);
    expect(weightedTotal({ samlet: null, fleksjob: 113, fritidsjob: null }, w)).toBeNull();
  });
});
