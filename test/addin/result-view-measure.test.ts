/**
 * @jest-environment jsdom
 */
/**
 * Issue 22: the pane's result view says each target's gap in the unit of its measure in the rulebook
 * the result was counted by, never by the group's id: personer, forløb and pladser for the 2014
 * shape, helårspersoner and the head count for the built-in years and for 2026's sixth scheme.
 */
import type { Cell, WorkbookGrid } from "../../src/core/grid";
import { calculate, type Rulebook } from "../../src/core";
import { PANE } from "../../src/messages/da";
import { renderResult } from "../../src/taskpane/result-view";
import { PROOF_2014, PROOF_2026, proofGrid } from "../support/rulebook-workbooks";
import { sheet } from "../support/grid";

/** A built-in year's workbook of one forvaltning, every target short of its Måltal. */
function builtin2025(): WorkbookGrid {
  const buf: Cell[][] = [["Forvaltning", "BUF"], ["År", 2025], [], ["Ordning", "Status", "Antal forløb"], ["Løntilskud", 10, 20], ["Virksomhedspraktik", 10, 20], ["Småjob", 10, 20], ["Fleksjob", 30, null], ["Fritidsjob", 2, null]];
  return { sheets: [sheet("Måltal", [["Forvaltning", "Samlet", "Fleksjob", "Fritidsjob"], ["BUF", 100, 40, 5]]), sheet("BUF", buf)] };
}

/** The pane's result view of a calculation, with or without the rulebook it carries; each KK target line's text. */
function kkGaps(grid: WorkbookGrid, withRulebook = true): string[] {
  const out = calculate(grid);
  expect(out.issues.filter((i) => i.severity === "error")).toEqual([]);
  const kk = out.result.kk;
  if (!kk) throw new Error("no KK result");
  const rulebook = out.result.rulebook ?? undefined;
  const root = document.createElement("section");
  renderResult(root, { year: out.result.year ?? 0, sheet: "Status", kk, units: out.result.forvaltninger, ...(withRulebook && rulebook ? { rulebook } : {}) });
  return [...root.querySelectorAll(".kk-part .gap")].map((g) => g.textContent ?? "");
}

const measureOf = (rb: Rulebook | null | undefined, group: string) => rb?.schemes.find((s) => s.group === group)?.measure;

describe("the pane's gap follows the measure of the rulebook in use", () => {
  it("2014: persons, forløb and places, each target in its own unit", () => {
    const gaps = kkGaps(proofGrid(PROOF_2014));
    expect(gaps).toHaveLength(4);
    expect(gaps[0]).toMatch(/ forløb\.$/);
    expect(gaps[1]).toMatch(/ personer for at nå måltallet for fleksjob\.$/);
    expect(gaps[2]).toMatch(/ personer for at nå måltallet for seniorjob\.$/);
    expect(gaps[3]).toMatch(/ pladser for at nå måltallet for løntilskud\.$/);
  });

  it("a built-in year: the combined target and fritidsjob in helårspersoner, fleksjob as a head count, as the rulebook measures them", () => {
    const out = calculate(builtin2025());
    const rb = out.result.rulebook;
    expect([measureOf(rb, "samlet"), measureOf(rb, "fleksjob"), measureOf(rb, "fritidsjob")]).toEqual(["helaarspersoner", "ansatte_ultimo", "helaarspersoner"]);
    expect(kkGaps(builtin2025())).toEqual([
      "Kommunen mangler 70 helårspersoner for at nå måltallet for virksomhedspraktik, løntilskud og småjob.",
      "Kommunen mangler 10 fleksjobansatte for at nå måltallet for fleksjob.",
      "Kommunen mangler 3 helårspersoner for at nå måltallet for fritidsjob.",
    ]);
  });

  it("a result that carries no rulebook is said as the newest built-in rulebook measures it", () => {
    expect(kkGaps(builtin2025(), false)).toEqual(kkGaps(builtin2025()));
  });

  it("2026 with a sixth scheme: every target's gap in its measure's unit", () => {
    const gaps = kkGaps(proofGrid(PROOF_2026));
    const rb = calculate(proofGrid(PROOF_2026)).result.rulebook;
    expect(rb?.groups.map((g) => measureOf(rb, g.id))).toEqual(["helaarspersoner", "ansatte_ultimo", "helaarspersoner"]);
    expect(gaps).toHaveLength(3);
    expect(gaps[0]).toMatch(/ helårspersoner for at nå måltallet for samlet\.$/);
    expect(gaps[1]).toMatch(/ \d+ ansatte for at nå måltallet for fleksjob\.$/);
    expect(gaps[2]).toMatch(/ helårspersoner for at nå måltallet for fritidsjob\.$/);
  });

  it("PANE's texts take the unit from the measure, not the group's id", () => {
    expect(PANE.result.gap("KK", "fleksjob", "short", 12, "personer")).toBe("Kommunen mangler 12 personer for at nå måltallet for fleksjob.");
    expect(PANE.result2.gapShort("samlet", "short", 2, "pladser")).toBe("mangler 2 pladser");
    expect(PANE.result2.gapShort("fleksjob", "short", 2, "ansatte_ultimo")).toBe("mangler 2 fleksjobansatte");
  });
});
