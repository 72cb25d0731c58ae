/**
 * Messages about a scheme of a rulebook on Indstillinger say it in that rulebook's words: its name
 * and its unit (issue 22: nothing outside the built-in rulebooks' data names a scheme).
 */
import type { Cell, WorkbookGrid } from "../../src/core/grid";
import type { Issue } from "../../src/core/issues";
import { issueMessage } from "../../src/messages/da";
import { calculate } from "../../src/core";
import { sheet } from "../support/grid";

/** One target, »Senior«, of one scheme counted in persons that reports its forløb. */
const workbook = (status: number, forloeb: number): WorkbookGrid => ({
  sheets: [
    sheet("Måltal", [["Forvaltning", "Navn", "Senior"], ["BUF", "Børne- og Ungdomsforvaltningen", 50]]),
    sheet("Indstillinger", [
      ["Regelsæt", 2014],
      [],
      ["Ordning", "Opgøres i", "Antal forløb", "Måltal"],
      ["Seniorjob", "personer", "ja", "Senior"],
      [],
      ["Måltal", "Kolonne på Måltal", "Vægt"],
      ["Senior", "senior"],
    ] as Cell[][]),
    sheet("BUF", [["Forvaltning", "BUF"], ["År", 2014], [], ["Ordning", "Status", "Antal forløb"], ["Seniorjob", status, forloeb]]),
  ],
});

describe("STATUS_OVER_FORLOEB in the scheme's own unit", () => {
  it("persons: more persons than forløb is an error said in persons, not helårspersoner", () => {
    const issue = calculate(workbook(12, 9)).issues.find((i) => i.code === "STATUS_OVER_FORLOEB") as Issue;
    expect(`${issue.sheet}!${issue.cell}`).toBe("BUF!B5");
    expect(issueMessage(issue)).toBe(
      "Status for seniorjob er 12 personer, men der er kun 9 forløb (C5). Hver af dem har mindst ét forløb, så et af tallene er forkert (er de byttet om?). Ret tallene.",
    );
  });

  it("as many forløb as persons or more: no error", () => {
    expect(calculate(workbook(9, 9)).issues.filter((i) => i.severity === "error")).toEqual([]);
  });
});
