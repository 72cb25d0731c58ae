/**
 * The rulebook table on Indstillinger (docs/arbejdsbog-format.md, section 5.3): read into a Rulebook,
 * and every problem named at its cell.
 */
import type { Cell } from "../../src/core/grid";
import { IssueList, type Issue } from "../../src/core/issues";
import { builtinRulebook, type Rulebook } from "../../src/core/rulebook";
import { hasRulebook, readSheetRulebooks, rulebookRows } from "../../src/core/rulebook-sheet";
import { issueMessage } from "../../src/messages/da";
import { readWeights } from "../../src/core/settings";
import { calculate } from "../../src/core";
import { sheet, smallWorkbook } from "../support/grid";
import { PROOF_2014, PROOF_2026, proofGrid } from "../support/rulebook-workbooks";

const codes = (issues: readonly Issue[]) => issues.map((i) => `${i.severity}:${i.code}@${i.sheet}!${i.cell ?? "-"}`);

function read(rows: Cell[][]): { books: Map<number, Rulebook>; issues: Issue[] } {
  const issues = new IssueList();
  const books = readSheetRulebooks(sheet("Indstillinger", rows), issues, { builtin: builtinRulebook });
  return { books, issues: issues.items };
}

/** The 2014 rows with one cell replaced (row and column 0-based, as in the array). */
function with2014(row: number, col: number, value: Cell): Cell[][] {
  return PROOF_2014.indstillinger.map((r, i) => (i === row ? Object.assign([...r], { [col]: value }) : [...r]));
}

describe("a rulebook on Indstillinger", () => {
  it("reads the 2014 shape: four schemes, each its own target, in forløb, persons and places, no weights", () => {
    const { books, issues } = read(PROOF_2014.indstillinger);
    expect(codes(issues)).toEqual([]);
    const book = books.get(2014) as Rulebook;
    expect(book.schemes.map((s) => [s.id, s.name, s.group, s.measure, s.reportsForloeb, s.wholeStatus])).toEqual([
      ["jobrotation", "Jobrotation", "jobrotation", "forloeb", false, true],
      ["fleksjob", "Fleksjob", "fleksjob", "personer", false, true],
      ["seniorjob", "Seniorjob", "seniorjob", "personer", false, true],
      ["loentilskud", "Løntilskud", "loentilskud", "pladser", false, false],
    ]);
    expect(book.groups.map((g) => [g.id, g.name, g.targetLabels])).toEqual([
      ["jobrotation", "Jobrotation", ["jobrotation"]],
      ["fleksjob", "Fleksjob", ["fleksjob"]],
      ["seniorjob", "Seniorjob", ["seniorjob"]],
      ["loentilskud", "Løntilskud", ["løntilskud"]],
    ]);
    expect(book.weights).toBeNull();
    expect(book.source).toEqual({ kind: "sheet", sheet: "Indstillinger", range: "A1:D13" });
  });

  it("reads 2026 with a sixth scheme in the combined target, its other names and weights in percent", () => {
    const { books, issues } = read(PROOF_2026.indstillinger);
    expect(codes(issues)).toEqual([]);
    const book = books.get(2026) as Rulebook;
    expect(book.schemes.filter((s) => s.group === "samlet").map((s) => s.id)).toEqual(["loentilskud", "virksomhedspraktik", "smaajob", "jobrotation"]);
    expect(book.schemes.find((s) => s.id === "smaajob")?.labels).toEqual(["småjob under det sociale frikort", "småjob", "smaajob"]);
    expect(book.schemes.find((s) => s.id === "fleksjob")).toMatchObject({ measure: "ansatte_ultimo", wholeStatus: true, reportsForloeb: false });
    expect(book.schemes.find((s) => s.id === "jobrotation")).toMatchObject({ measure: "helaarspersoner", wholeStatus: false, reportsForloeb: true });
    expect(book.weights).toEqual({ samlet: 51, fleksjob: 43, fritidsjob: 6 });
    expect(book.source).toEqual({ kind: "sheet", sheet: "Indstillinger", range: "A1:E14" });
  });

  it("reads weights typed as fractions (0,51) as percent", () => {
    const rows = PROOF_2026.indstillinger.map((r) => [...r]);
    (rows[11] as Cell[])[2] = 0.51;
    (rows[12] as Cell[])[2] = 0.43;
    (rows[13] as Cell[])[2] = 0.06;
    const book = read(rows).books.get(2026) as Rulebook;
    expect(Object.values(book.weights ?? {}).map((w) => Math.round(w * 1e6) / 1e6)).toEqual([51, 43, 6]);
  });

  it("is found anywhere on the sheet, under the weights and the notat's fields, and its rows are its own", () => {
    const rows: Cell[][] = [["Sagsnummer i F2", "2014 - 1"], [], [], ...PROOF_2014.indstillinger.map((r) => [null, null, ...r])];
    const s = sheet("Indstillinger", rows);
    expect(hasRulebook(s)).toBe(true);
    expect([...rulebookRows(s)]).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const issues = new IssueList();
    const book = readSheetRulebooks(s, issues, { builtin: builtinRulebook }).get(2014) as Rulebook;
    expect(codes(issues.items)).toEqual([]);
    expect(book.source).toEqual({ kind: "sheet", sheet: "Indstillinger", range: "C4:F16" });
  });
});

describe("a rulebook with a problem is refused at its cell", () => {
  it("an unknown measure", () => {
    const { books, issues } = read(with2014(5, 1, "timer"));
    expect(codes(issues)).toEqual(["error:RULEBOOK_MEASURE_UNKNOWN@Indstillinger!B6"]);
    expect(issueMessage(issues[0] as Issue)).toBe("»timer« er ikke en enhed, Jobstatus kender (ordningen Seniorjob). Skriv en af dem: helårspersoner, ansatte ultimo, personer, forløb eller pladser.");
    expect(books.size).toBe(0);
  });

  it("a scheme in no group, a scheme in a group the group table does not have, and a group with no scheme", () => {
    expect(codes(read(with2014(5, 3, null)).issues)).toEqual(["error:RULEBOOK_GROUP_MISSING@Indstillinger!D6"]);
    const { issues } = read(with2014(5, 3, "Senior"));
    expect(issueMessage(issues[0] as Issue)).toBe("Ordningen Seniorjob hører til måltallet »Senior«, men det står ikke i tabellen med måltallene. Skriv navnet, som det står dér, eller tilføj måltallet.");
    expect(codes(read(with2014(5, 3, "Fleksjob")).issues)).toEqual(["error:RULEBOOK_GROUP_MISSING@Indstillinger!A12"]);
  });

  it("a target whose schemes are counted in different measures: an error at the »Opgøres i« cell, no rulebook (review 22, item 2)", () => {
    // Jobrotation in persons inside Samlet, counted in helårspersoner: the sum would add persons to helårspersoner.
    const rows = PROOF_2026.indstillinger.map((r, i) => (i === 6 ? ["Jobrotation", "personer", "nej", "Samlet"] : [...r]));
    const { books, issues } = read(rows);
    expect(codes(issues)).toEqual(["error:RULEBOOK_MEASURE_MIXED@Indstillinger!B7"]);
    expect(issueMessage(issues[0] as Issue)).toBe(
      "Jobrotation opgøres i personer, men Løntilskud under samme måltal »Samlet« opgøres i helårspersoner. Et måltal lægger ordningernes status sammen, og Jobstatus lægger ikke forskellige enheder sammen. Ret enheden, eller giv ordningen sit eget måltal.",
    );
    expect(books.size).toBe(0);
    // The same measure under one target stays fine (the 2026 proof itself).
    expect(codes(read(PROOF_2026.indstillinger).issues)).toEqual([]);
  });

  it("a group without a target column", () => {
    const { books, issues } = read(with2014(10, 1, null));
    expect(codes(issues)).toEqual(["error:RULEBOOK_TARGET_MISSING@Indstillinger!B11"]);
    expect(books.size).toBe(0);
  });

  it("weights that do not sum to 100", () => {
    const rows = PROOF_2026.indstillinger.map((r) => [...r]);
    (rows[13] as Cell[])[2] = 5;
    const { books, issues } = read(rows);
    expect(codes(issues)).toEqual(["error:WEIGHTS_SUM@Indstillinger!C11"]);
    expect(issueMessage(issues[0] as Issue)).toContain("Vægtene for 2026 giver 99 pct., ikke 100 pct.");
    expect(books.size).toBe(0);
  });

  it("a label claimed by two schemes (a name, or another name), and target words claimed by two groups", () => {
    expect(codes(read(with2014(5, 0, "Fleksjob")).issues)).toEqual(["error:RULEBOOK_LABEL_DUPLICATE@Indstillinger!A6"]);
    const rows = PROOF_2026.indstillinger.map((r) => [...r]);
    (rows[6] as Cell[])[4] = "Småjob";
    const { issues } = read(rows);
    expect(codes(issues)).toEqual(["error:RULEBOOK_LABEL_DUPLICATE@Indstillinger!E7"]);
    expect(issueMessage(issues[0] as Issue)).toBe("»småjob« står to gange i regelsættet (første gang i E6), så Jobstatus kan ikke vide, hvad det hører til. Skriv hvert navn ét sted.");
    expect(codes(read(with2014(12, 1, "fleksjob")).issues)).toEqual(["error:RULEBOOK_LABEL_DUPLICATE@Indstillinger!B13"]);
  });

  it("»Antal forløb« that is neither ja nor nej", () => {
    expect(codes(read(with2014(3, 2, "måske")).issues)).toEqual(["error:RULEBOOK_FORLOEB_INVALID@Indstillinger!C4"]);
  });

  it("a rulebook without a year, without its scheme table, or twice for one year", () => {
    expect(codes(read(with2014(0, 1, null)).issues)).toEqual(["error:RULEBOOK_INCOMPLETE@Indstillinger!A1"]);
    expect(codes(read(PROOF_2014.indstillinger.slice(0, 8)).issues)).toEqual(["error:RULEBOOK_INCOMPLETE@Indstillinger!A1"]);
    const twice = read([...PROOF_2014.indstillinger, [], ...PROOF_2014.indstillinger]);
    expect(codes(twice.issues)).toEqual(["error:RULEBOOK_DUPLICATE@Indstillinger!A15"]);
    expect(twice.books.size).toBe(0);
  });

  it("a rulebook for a built-in year that differs from the built-in one is a warning, and is used", () => {
    const rows = PROOF_2026.indstillinger.filter((r) => r[0] !== "Jobrotation").map((r) => (r[0] === "Regelsæt" ? ["Regelsæt", 2025] : [...r]));
    const same = read(rows);
    expect(codes(same.issues)).toEqual([]);
    const changed = rows.map((r) => (r[0] === "Fleksjob" && r[1] === "fleksjob" ? ["Fleksjob", "fleksjob", 44] : r[0] === "Fritidsjob" && r[1] === "fritidsjob" ? ["Fritidsjob", "fritidsjob", 5] : r));
    const differs = read(changed);
    expect(codes(differs.issues)).toEqual(["warning:RULEBOOK_DIFFERS@Indstillinger!A1"]);
    expect(differs.books.get(2025)?.weights).toEqual({ samlet: 51, fleksjob: 44, fritidsjob: 5 });
  });
});

describe("the weights table beside a rulebook (settings.ts)", () => {
  it("reads no year from a rulebook's rows under the weights, and wants no weights table when a rulebook is there", () => {
    const rows: Cell[][] = [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6], [], ...PROOF_2014.indstillinger];
    const issues = new IssueList();
    expect([...readWeights(sheet("Indstillinger", rows), issues).keys()]).toEqual([2025]);
    expect(codes(issues.items)).toEqual([]);
    const alone = new IssueList();
    expect(readWeights(sheet("Indstillinger", PROOF_2014.indstillinger), alone).size).toBe(0);
    expect(codes(alone.items)).toEqual([]);
    const none = new IssueList();
    readWeights(sheet("Indstillinger", [["Noter"]]), none);
    expect(codes(none.items)).toEqual(["error:SETTINGS_HEADER_MISSING@Indstillinger!-"]);
  });
});

describe("a rulebook on Indstillinger in the whole calculation", () => {
  it("weights for the same year both in a rulebook and in the weights table: SETTING_DUPLICATE at the weights row, nothing calculated", () => {
    const rows: Cell[][] = [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2026, 51, 43, 6], [], ...PROOF_2026.indstillinger];
    const grid = proofGrid(PROOF_2026);
    const wb = { sheets: grid.sheets.map((s) => (s.name === "Indstillinger" ? sheet("Indstillinger", rows) : s)) };
    const out = calculate(wb);
    expect(codes(out.issues)).toEqual(["error:SETTING_DUPLICATE@Indstillinger!B2"]);
    expect(issueMessage(out.issues[0] as Issue)).toBe(
      "Vægtene for 2026 står både i regelsættet (i A4) og her i tabellen med vægte. Jobstatus vælger ikke selv, hvilke der gælder. Slet dem det ene sted, så vægtene står ét sted.",
    );
    expect(out.report).toBeNull();
  });

  it("a rulebook without weights and a weights row for its year: still an error, worded for a year with no weights (review 22, item 7)", () => {
    const noWeights = PROOF_2026.indstillinger.map((r) => (r[1] === "samlet" || r[1] === "fleksjob" || r[1] === "fritidsjob" ? [r[0] ?? null, r[1] ?? null] : [...r]));
    const rows: Cell[][] = [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2026, 51, 43, 6], [], ...noWeights];
    const grid = proofGrid(PROOF_2026);
    const wb = { sheets: grid.sheets.map((s) => (s.name === "Indstillinger" ? sheet("Indstillinger", rows) : s)) };
    const out = calculate(wb);
    expect(codes(out.issues)).toEqual(["error:SETTING_DUPLICATE@Indstillinger!B2"]);
    expect(issueMessage(out.issues[0] as Issue)).toBe(
      "Regelsættet for 2026 (i A4) har ingen vægte, så året har ingen vægtet målopfyldelse, men her står vægte for 2026 i tabellen med vægte. Regelsættet bestemmer årets vægte. Slet rækken med vægtene for 2026, eller skriv vægtene i regelsættets kolonne »Vægt«, hvis året skal have dem.",
    );
    expect(out.report).toBeNull();
  });

  it("2025 written out on the sheet as it is built in: no warning, and the same figures as without it", () => {
    const rows = PROOF_2026.indstillinger.filter((r) => r[0] !== "Jobrotation").map((r) => (r[0] === "Regelsæt" ? ["Regelsæt", 2025] : [...r]));
    const base = smallWorkbook();
    const withBook = { sheets: [...base.sheets, sheet("Indstillinger", rows)] };
    const a = calculate(base);
    const b = calculate(withBook);
    expect(codes(b.issues)).toEqual(codes(a.issues));
    expect(b.result.kk).toEqual(a.result.kk);
    expect(b.result.forvaltninger).toEqual(a.result.forvaltninger);
    expect(b.result.rulebook?.source).toEqual({ kind: "sheet", sheet: "Indstillinger", range: "A1:E13" });
  });
});

describe("the messages that name schemes follow the rulebook", () => {
  it("2014: an unknown row lists the year's schemes, and a missing row names its scheme as the rulebook does", () => {
    const rows = PROOF_2014.indstillinger.map((r) => (r[0] === "Seniorjob" && r[1] === "personer" ? ["Senior job i kommunen", "personer", "nej", "Seniorjob"] : [...r]));
    const grid = proofGrid(PROOF_2014);
    const buf = grid.sheets.find((s) => s.name === "BUF");
    const bufRows = (buf?.values ?? []).map((r) => [...r]);
    bufRows.push(["Voksenlærlinge", 3, null]);
    const wb = { sheets: grid.sheets.map((s) => (s.name === "Indstillinger" ? sheet("Indstillinger", rows) : s.name === "BUF" ? sheet("BUF", bufRows) : s)) };
    const issues = calculate(wb).issues.filter((i) => i.sheet === "BUF");
    expect(issues.map((i) => [i.code, issueMessage(i)])).toEqual([
      ["ROW_UNKNOWN", "Rækken »Seniorjob« er ikke en kendt ordning, så den er ikke talt med. Brug et af navnene Jobrotation, Fleksjob, Senior job i kommunen eller Løntilskud."],
      ["ROW_UNKNOWN", "Rækken »Voksenlærlinge« er ikke en kendt ordning, så den er ikke talt med. Brug et af navnene Jobrotation, Fleksjob, Senior job i kommunen eller Løntilskud."],
      ["ROW_MISSING", "Rækken for senior job i kommunen mangler under overskriften. Tilføj en række med ordningens navn og tallene."],
    ]);
  });

  it("2014: a status that must be whole gives the reason of its own scheme and measure, not fleksjob's (review 22, item 4)", () => {
    const grid = proofGrid(PROOF_2014);
    const half = (rows: readonly (readonly Cell[])[]) => rows.map((r) => (r[0] === "Jobrotation" || r[0] === "Seniorjob" ? [r[0], 10.5, r[2] ?? null] : [...r]));
    const wb = { sheets: grid.sheets.map((s) => (s.name === "BUF" ? sheet("BUF", half(s.values)) : s)) };
    const issues = calculate(wb).issues.filter((i) => i.code === "VALUE_NOT_WHOLE");
    expect(issues.map((i) => [`${i.sheet}!${i.cell}`, issueMessage(i)])).toEqual([
      ["BUF!B5", "Status skal være et helt tal, men er 10,5. Jobrotation tælles i hele forløb. Skriv et helt tal."],
      ["BUF!B7", "Status skal være et helt tal, men er 10,5. Seniorjob tælles i personer. Skriv et helt tal."],
    ]);
  });
});
