/**
 * Messages about a scheme of a rulebook on Indstillinger say it in that rulebook's words: its name
 * and its unit (issue 22: nothing outside the built-in rulebooks' data names a scheme).
 */
import type { Cell, WorkbookGrid } from "../../src/core/grid";
import type { Issue } from "../../src/core/issues";
import { issueMessage } from "../../src/messages/da";
import { calculate } from "../../src/core";
import { sheet } from "../support/grid";
import { PROOF_2014, proofSheets } from "../support/rulebook-workbooks";

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

describe("messages that list the target columns take them from the rulebook", () => {
  it("2014: a Måltal sheet without its header lists 2014's four target columns", () => {
    const sheets = proofSheets(PROOF_2014).map((sh) => sheet(sh.name, sh.name === "Måltal" ? [["Kontor", "Tal"], ["BUF", 1]] : sh.rows));
    const issue = calculate({ sheets }).issues.find((i) => i.code === "MAALTAL_HEADER_MISSING") as Issue;
    expect(issueMessage(issue)).toBe(
      "Måltal-arket mangler en overskriftsrække med »Forvaltning« og kolonner for måltallene (Jobrotation, Fleksjob, Seniorjob, Løntilskud) i de første 30 rækker. Tilføj den over måltallene (se skabelonen).",
    );
  });

  it("a year without weights: the weights table's columns are the newest built-in rulebook's, as before", () => {
    const wb: WorkbookGrid = {
      sheets: [
        sheet("Måltal", [["Forvaltning", "Samlet", "Fleksjob", "Fritidsjob"], ["BUF", 100, 10, 5]]),
        sheet("BUF", [["Forvaltning", "BUF"], ["År", 2031], [], ["Ordning", "Status", "Antal forløb"], ["Løntilskud", 1, 2], ["Virksomhedspraktik", 1, 2], ["Småjob", 1, 2], ["Fleksjob", 3, null], ["Fritidsjob", 1, null]]),
      ],
    };
    const issue = calculate(wb).issues.find((i) => i.code === "WEIGHTS_UNKNOWN") as Issue;
    expect(issueMessage(issue)).toBe("Der kendes ingen vægte for 2031. Angiv dem på arket Indstillinger med kolonnerne År, Samlet, Fleksjob og Fritidsjob (i alt 100 pct.).");
  });
});
