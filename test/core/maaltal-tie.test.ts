/**
 * A Måltal header that the own words (»Kolonne på Måltal«) of two targets of a sheet's rulebook find
 * equally well: a tie, an error at the header's cell naming both targets, their words and the cells
 * the words are written in; the column is read for neither (docs/arbejdsbog-format.md §5.3).
 */
import type { Cell, WorkbookGrid } from "../../src/core/grid";
import type { Issue } from "../../src/core/issues";
import { ownWordMatches } from "../../src/core/labels";
import { issueMessage } from "../../src/messages/da";
import { calculate } from "../../src/core";
import { sheet } from "../support/grid";

const codes = (issues: readonly Issue[]) => issues.map((i) => `${i.severity}:${i.code}@${i.sheet}!${i.cell ?? "-"}`);

/** Two targets, »Senior« and »Voksen«, each of one scheme counted in persons, with the given words. */
const indstillinger = (seniorWords: string, voksenWords: string): Cell[][] => [
  ["Regelsæt", 2014],
  [],
  ["Ordning", "Opgøres i", "Antal forløb", "Måltal"],
  ["Seniorjob", "personer", "nej", "Senior"],
  ["Voksenjob", "personer", "nej", "Voksen"],
  [],
  ["Måltal", "Kolonne på Måltal", "Vægt"],
  ["Senior", seniorWords],
  ["Voksen", voksenWords],
];

const workbook = (maaltalHeader: string[], maal: Cell[], words: [string, string] = ["senior", "voksen"]): WorkbookGrid => ({
  sheets: [
    sheet("Måltal", [["Forvaltning", "Navn", ...maaltalHeader], ["BUF", "Børne- og Ungdomsforvaltningen", ...maal]]),
    sheet("Indstillinger", indstillinger(...words)),
    sheet("BUF", [["Forvaltning", "BUF"], ["År", 2014], [], ["Ordning", "Status"], ["Seniorjob", 40], ["Voksenjob", 9]]),
  ],
});

describe("ownWordMatches: a header's targets by their own words", () => {
  const groups = [
    { id: "senior", targetLabels: ["senior", "seniorjob"] },
    { id: "voksen", targetLabels: ["voksen"] },
    { id: "ung", targetLabels: ["ung"] },
  ];

  it("one target: its longest word; a word inside a longer one found there is no word of its own", () => {
    expect(ownWordMatches("Måltal seniorjob", groups)).toEqual([{ group: "senior", word: "seniorjob" }]);
    const loen = [{ id: "senior", targetLabels: ["seniorløntilskud"] }, { id: "loen", targetLabels: ["løntilskud"] }];
    expect(ownWordMatches("Seniorløntilskud", loen)).toEqual([{ group: "senior", word: "seniorløntilskud" }]);
    expect(ownWordMatches("Løntilskud", loen)).toEqual([{ group: "loen", word: "løntilskud" }]);
  });

  it("two targets' words both standing are ambiguous however long they are (issue 22: no longest-word-wins)", () => {
    expect(ownWordMatches("Måltal seniorjob, voksen", groups)).toEqual([
      { group: "senior", word: "seniorjob" },
      { group: "voksen", word: "voksen" },
    ]);
    expect(ownWordMatches("Voksen (ung)", groups)).toEqual([
      { group: "voksen", word: "voksen" },
      { group: "ung", word: "ung" },
    ]);
    const loen = [{ id: "senior", targetLabels: ["seniorløntilskud"] }, { id: "loen", targetLabels: ["løntilskud"] }];
    expect(ownWordMatches("Seniorløntilskud og løntilskud", loen).map((m) => m.group)).toEqual(["senior", "loen"]);
  });

  it("a tie: equally long words of two targets, each with its word, in the rulebook's order", () => {
    expect(ownWordMatches("Voksen- og senior", groups)).toEqual([
      { group: "senior", word: "senior" },
      { group: "voksen", word: "voksen" },
    ]);
  });

  it("no tie within one target, nor by words after »ekskl.«; none when no word is there", () => {
    expect(ownWordMatches("Senior", [{ id: "senior", targetLabels: ["senior", "seni"] }, { id: "x", targetLabels: ["xx"] }])).toEqual([{ group: "senior", word: "senior" }]);
    expect(ownWordMatches("Senior ekskl. voksen", groups)).toEqual([{ group: "senior", word: "senior" }]);
    expect(ownWordMatches("Navn", groups)).toEqual([]);
  });
});

describe("a tie on Måltal is an error at the header (issue 22)", () => {
  it("beside each target's own column: the tied header is named with both targets, words and cells; no figures", () => {
    const out = calculate(workbook(["Senior", "Voksen", "Senior- og voksenjob"], [50, 10, 60]));
    const errors = out.issues.filter((i) => i.severity === "error");
    expect(codes(errors)).toEqual(["error:MAALTAL_COLUMN_TIE@Måltal!E1"]);
    expect(issueMessage(errors[0] as Issue)).toBe(
      "Overskriften »Senior- og voksenjob« nævner både måltallet »Senior« (ordet »senior« i Indstillinger!B8) og måltallet »Voksen« (ordet »voksen« i Indstillinger!B9), så Jobstatus ved ikke, hvilket måltal kolonnen hører til, og læser den ikke. Ret overskriften, så den kun nævner ét måltal, eller ret ordene i regelsættets kolonne »Kolonne på Måltal«.",
    );
    expect(out.report).toBeNull();
  });

  it("the only column of both targets: the tie alone, not also »no column« for each", () => {
    const out = calculate(workbook(["Senior/voksen"], [60]));
    expect(codes(out.issues.filter((i) => i.severity === "error"))).toEqual(["error:MAALTAL_COLUMN_TIE@Måltal!C1"]);
  });

  it("a longer word of one target does not settle a header that names both: an error, no figures", () => {
    const out = calculate(workbook(["Seniorjob og voksen", "Voksen", "Seniorjob"], [60, 10, 50], ["seniorjob", "voksen"]));
    expect(codes(out.issues.filter((i) => i.severity === "error"))).toEqual(["error:MAALTAL_COLUMN_TIE@Måltal!C1"]);
    expect(out.report).toBeNull();
  });

  it("a word inside a longer one settles it: »Seniorjob« is the target with the word »seniorjob«, not »job«", () => {
    const out = calculate(workbook(["Seniorjob", "Job"], [50, 10], ["seniorjob", "job"]));
    expect(codes(out.issues.filter((i) => i.severity === "error"))).toEqual([]);
    expect(out.result.kk?.maal).toEqual({ senior: 50, voksen: 10 });
  });

  it("the built-in years keep their own matching (scheme names first): »Samlet måltal inkl. fleksjob« is no tie", () => {
    const wb: WorkbookGrid = {
      sheets: [
        sheet("Måltal", [["Forvaltning", "Samlet måltal inkl. fleksjob", "Fleksjob måltal", "Fritidsjob"], ["BUF", 100, 10, 5]]),
        sheet("BUF", [["Forvaltning", "BUF"], ["År", 2025], [], ["Ordning", "Status", "Antal forløb"], ["Løntilskud", 1, 2], ["Virksomhedspraktik", 1, 2], ["Småjob", 1, 2], ["Fleksjob", 3, null], ["Fritidsjob", 1, null]]),
      ],
    };
    expect(calculate(wb).issues.filter((i) => i.code === "MAALTAL_COLUMN_TIE")).toEqual([]);
  });
});

describe("the built-in years: a Måltal header naming two targets is an error too (issue 22)", () => {
  const unit = (year: number): Cell[][] => [
    ["Forvaltning", "BUF"],
    ["År", year],
    [],
    ["Ordning", "Status", "Antal forløb"],
    ["Løntilskud", 1, 2],
    ["Virksomhedspraktik", 1, 2],
    ["Småjob", 1, 2],
    ["Fleksjob", 3, null],
    ...(year >= 2025 ? [["Fritidsjob", 1, null]] : []),
  ];
  const builtinWorkbook = (year: number, header: string[], maal: Cell[]): WorkbookGrid => ({
    sheets: [sheet("Måltal", [["Forvaltning", ...header], ["BUF", ...maal]]), sheet("BUF", unit(year))],
  });

  it.each([2024, 2025])("%i: »Fleksjob og fritidsjob« is read for neither, an error at its cell naming both targets and words; no figures", (year) => {
    const out = calculate(builtinWorkbook(year, ["Samlet", "Fleksjob og fritidsjob", "Fritidsjob"], [100, 10, 5]));
    const ties = out.issues.filter((i) => i.code === "MAALTAL_COLUMN_TIE");
    expect(codes(ties)).toEqual(["error:MAALTAL_COLUMN_TIE@Måltal!C1"]);
    expect(issueMessage(ties[0] as Issue)).toBe(
      "Overskriften »Fleksjob og fritidsjob« nævner både måltallet »fleksjob« (ordet »fleksjob«) og måltallet »fritidsjob« (ordet »fritidsjob«), så Jobstatus ved ikke, hvilket måltal kolonnen hører til, og læser den ikke. Ret overskriften, så den kun nævner ét måltal.",
    );
    expect(out.report).toBeNull();
  });

  it("a scheme of the combined target beside fleksjob in one header is an error, not fleksjob's or the combined column", () => {
    const out = calculate(builtinWorkbook(2025, ["Løntilskud og fleksjob", "Fritidsjob"], [100, 5]));
    expect(codes(out.issues.filter((i) => i.code === "MAALTAL_COLUMN_TIE"))).toEqual(["error:MAALTAL_COLUMN_TIE@Måltal!B1"]);
    expect(out.report).toBeNull();
  });

  it("the real headers read as before: each its own target, no error", () => {
    const headers = ["Måltal for løntilskud, virksomhedspraktik og småjob", "Måltal fleksjob", "Måltal fritidsjob"];
    const out = calculate(builtinWorkbook(2025, headers, [100, 10, 5]));
    expect(out.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(out.result.kk?.maal).toEqual({ samlet: 100, fleksjob: 10, fritidsjob: 5 });
    const other = calculate(builtinWorkbook(2025, ["Samlet måltal ekskl. fleksjob", "Fleksjob (samlet antal ansatte)", "Fritidsjob"], [100, 10, 5]));
    expect(other.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(other.result.kk?.maal).toEqual({ samlet: 100, fleksjob: 10, fritidsjob: 5 });
  });
});

describe("the weights table on Indstillinger: a header naming two targets is an error too (one rule for both sheets)", () => {
  it("»Fleksjob og fritidsjob« gives no weight to fleksjob: an error at its cell naming both targets", () => {
    const buf: Cell[][] = [["Forvaltning", "BUF"], ["År", 2026], [], ["Ordning", "Status", "Antal forløb"], ["Løntilskud", 10, 20], ["Virksomhedspraktik", 10, 20], ["Småjob", 10, 20], ["Fleksjob", 30, null], ["Fritidsjob", 2, null]];
    const out = calculate({
      sheets: [
        sheet("Måltal", [["Forvaltning", "Samlet", "Fleksjob", "Fritidsjob"], ["BUF", 100, 40, 5]]),
        sheet("BUF", buf),
        sheet("Indstillinger", [["År", "Samlet", "Fleksjob og fritidsjob", "Fritidsjob"], [2026, 51, 43, 6]]),
      ],
    });
    const ties = out.issues.filter((i) => i.code === "MAALTAL_COLUMN_TIE");
    expect(codes(ties)).toEqual(["error:MAALTAL_COLUMN_TIE@Indstillinger!C1"]);
    expect(issueMessage(ties[0] as Issue)).toContain("»Fleksjob og fritidsjob« nævner både måltallet »fleksjob« (ordet »fleksjob«) og måltallet »fritidsjob« (ordet »fritidsjob«)");
    expect(out.report).toBeNull();
  });
});
