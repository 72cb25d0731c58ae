/**
 * Findings of the outside review of the rulebook (issue 22e): each one proved on a workbook built here.
 */
import type { Cell, SheetGrid, WorkbookGrid } from "../../src/core/grid";
import { IssueList, type Issue } from "../../src/core/issues";
import { builtinRulebook } from "../../src/core/rulebook";
import { readSheetRulebooks } from "../../src/core/rulebook-sheet";
import { issueMessage } from "../../src/messages/da";
import { calculate } from "../../src/core";
import { sheet, smallWorkbook } from "../support/grid";
import { PROOF_2014, PROOF_2026, proofGrid } from "../support/rulebook-workbooks";

const codes = (issues: readonly Issue[]) => issues.map((i) => `${i.severity}:${i.code}@${i.sheet}!${i.cell ?? "-"}`);

/** The workbook with each named sheet's rows replaced (or the sheet added). */
function withSheets(wb: WorkbookGrid, rows: Record<string, Cell[][]>): WorkbookGrid {
  const sheets: SheetGrid[] = wb.sheets.map((s) => (rows[s.name] ? sheet(s.name, rows[s.name] as Cell[][]) : s));
  for (const [name, r] of Object.entries(rows)) if (!sheets.some((s) => s.name === name)) sheets.push(sheet(name, r));
  return { sheets };
}

const rowsOf = (wb: WorkbookGrid, name: string): Cell[][] => (wb.sheets.find((s) => s.name === name)?.values ?? []).map((r) => [...r]);

describe("a year where no scheme reports forløb (review item 3)", () => {
  it("2014: department sheets without an »Antal forløb« column are read, with the same figures as with it", () => {
    const grid = proofGrid(PROOF_2014);
    const dropForloeb = (rows: Cell[][]) => rows.map((r) => (r[0] === "Ordning" ? ["Ordning", "Status"] : r.slice(0, 2)));
    const without = withSheets(grid, Object.fromEntries(PROOF_2014.units.map((u) => [u.code, dropForloeb(rowsOf(grid, u.code))])));
    const a = calculate(grid);
    const b = calculate(without);
    expect(codes(b.issues)).toEqual(codes(a.issues));
    expect(b.report).not.toBeNull();
    expect(b.result.kk).toEqual(a.result.kk);
    expect(b.result.forvaltninger).toEqual(a.result.forvaltninger);
  });

  it("2025 (built in, forløb reported): the column is still required", () => {
    const base = smallWorkbook();
    const buf = rowsOf(base, "BBB").map((r) => r.filter((_, i) => i !== 2));
    const out = calculate(withSheets(base, { BBB: buf }));
    expect(out.issues.filter((i) => i.sheet === "BBB").map((i) => [i.code, i.params])).toEqual([["HEADER_MISSING", { missing: "forloeb" }]]);
    expect(out.report).toBeNull();
  });
});

/** 2025 as built in, written out on Indstillinger (the 2026 proof without jobrotation). */
const RULEBOOK_2025: Cell[][] = PROOF_2026.indstillinger.filter((r) => r[0] !== "Jobrotation").map((r) => (r[0] === "Regelsæt" ? ["Regelsæt", 2025] : [...r]));

describe("a 2025 rulebook on the sheet that leaves out a built-in scheme (review item 6)", () => {
  const noFritid = RULEBOOK_2025.filter((r) => r[0] !== "Fritidsjob").map((r) => (r[0] === "Fleksjob" && r[1] === "fleksjob" ? ["Fleksjob", "fleksjob", 49] : r));

  it("its rows on the department sheets are unknown rows, named at their cells and not counted", () => {
    const out = calculate(withSheets(smallWorkbook(), { Indstillinger: noFritid }));
    const unknown = out.issues.filter((i) => i.code === "ROW_UNKNOWN");
    expect(codes(unknown)).toEqual(["warning:ROW_UNKNOWN@AAA!A9", "warning:ROW_UNKNOWN@BBB!A9"]);
    expect(issueMessage(unknown[0] as Issue)).toBe(
      "Rækken »Fritidsjob (helårspersoner)« er ikke en kendt ordning, så den er ikke talt med. Brug et af navnene Løntilskud, Virksomhedspraktik, Småjob under det sociale frikort eller Fleksjob.",
    );
    expect(out.result.kk?.status["fritidsjob"]).toBeUndefined();
  });

  it("RULEBOOK_DIFFERS lists each difference at its cell: the scheme left out, and the weights", () => {
    const out = calculate(withSheets(smallWorkbook(), { Indstillinger: noFritid }));
    const differs = out.issues.filter((i) => i.code === "RULEBOOK_DIFFERS");
    expect(codes(differs)).toEqual(["warning:RULEBOOK_DIFFERS@Indstillinger!A1"]);
    expect(issueMessage(differs[0] as Issue)).toBe(
      "Regelsættet for 2025 afviger fra det vedtagne, som Jobstatus kender: Fritidsjob er ikke med (A3); vægten for fleksjob er 49 pct. i stedet for 43 pct. (C11). Arkets regelsæt bruges; tjek, at det er meningen.",
    );
  });

  it("RULEBOOK_DIFFERS names another measure, forløb or target at the scheme's own cell", () => {
    const changed = RULEBOOK_2025.map((r) =>
      r[0] === "Fleksjob" && r[1] === "ansatte ultimo" ? ["Fleksjob", "personer", "nej", "Fleksjob"] : r[0] === "Fritidsjob" && r[1] === "helårspersoner" ? ["Fritidsjob", "helårspersoner", "ja", "Samlet"] : r,
    )
      .filter((r) => !(r[0] === "Fritidsjob" && r[1] === "fritidsjob"))
      .map((r) => (r[0] === "Samlet" ? ["Samlet", "samlet", 57] : r));
    const out = calculate(withSheets(smallWorkbook(), { Indstillinger: changed }));
    const differs = out.issues.filter((i) => i.code === "RULEBOOK_DIFFERS");
    expect(issueMessage(differs[0] as Issue)).toBe(
      "Regelsættet for 2025 afviger fra det vedtagne, som Jobstatus kender: Fleksjob opgøres i personer i stedet for ansatte ultimo (B7); Fritidsjob har antal forløb (C8); Fritidsjob tæller med i måltallet samlet i stedet for fritidsjob (D8); vægten for samlet er 57 pct. i stedet for 51 pct. (C11). Arkets regelsæt bruges; tjek, at det er meningen.",
    );
  });

  it("the built-in 2025 written out in full: no unknown row", () => {
    const out = calculate(withSheets(smallWorkbook(), { Indstillinger: RULEBOOK_2025 }));
    expect(out.issues.filter((i) => i.code === "ROW_UNKNOWN")).toEqual([]);
  });
});

describe("the »Antal forløb« cell of the rulebook table (review item 8)", () => {
  /** The 2014 rulebook with Jobrotation's »Antal forløb« cell (C4) set to `value`. */
  function readWith(value: Cell) {
    const rows = PROOF_2014.indstillinger.map((r) => (r[0] === "Jobrotation" && r[1] === "forløb" ? ["Jobrotation", "forløb", value, "Jobrotation"] : [...r]));
    const issues = new IssueList();
    const books = readSheetRulebooks(sheet("Indstillinger", rows), issues, { builtin: builtinRulebook });
    return { jobrotation: books.get(2014)?.schemes.find((s) => s.id === "jobrotation")?.reportsForloeb, issues: issues.items };
  }

  it("a logical value is ja/nej: SAND reports forløb, FALSK does not", () => {
    expect(readWith(true)).toEqual({ jobrotation: true, issues: [] });
    expect(readWith(false)).toEqual({ jobrotation: false, issues: [] });
  });

  it("»x« is ja and »-« is nej, as documented", () => {
    expect(readWith("x")).toEqual({ jobrotation: true, issues: [] });
    expect(readWith("-")).toEqual({ jobrotation: false, issues: [] });
  });

  it("anything else is an error showing the value as the cell shows it, a number too", () => {
    const { issues } = readWith(1);
    expect(codes(issues)).toEqual(["error:RULEBOOK_FORLOEB_INVALID@Indstillinger!C4"]);
    expect(issueMessage(issues[0] as Issue)).toBe("»1« er hverken ja eller nej. Skriv »ja«, hvis forvaltningerne skal skrive antal forløb for ordningen, og ellers »nej«.");
  });

  it("a missing table of schemes names the headers §5.3 requires", () => {
    const issues = new IssueList();
    readSheetRulebooks(sheet("Indstillinger", [["Regelsæt", 2014], [], ...PROOF_2014.indstillinger.slice(8)]), issues, { builtin: builtinRulebook });
    expect(codes(issues.items)).toEqual(["error:RULEBOOK_INCOMPLETE@Indstillinger!A1"]);
    expect(issueMessage(issues.items[0] as Issue)).toContain("en overskriftsrække med »Ordning« og »Opgøres i« (og »Måltal« og evt. »Antal forløb« og »Andre navne«)");
  });
});

describe("a rulebook for a year the workbook does not use (review item 10)", () => {
  const forYear = (y: number): Cell[][] => RULEBOOK_2025.map((r) => (r[0] === "Regelsæt" ? ["Regelsæt", y] : r));

  it("2023 in a 2025 workbook: a warning at »Regelsæt« naming both years, and the figures of the built-in 2025", () => {
    const base = calculate(smallWorkbook());
    const out = calculate(withSheets(smallWorkbook(), { Indstillinger: forYear(2023) }));
    const unused = out.issues.filter((i) => i.code === "RULEBOOK_UNUSED");
    expect(codes(unused)).toEqual(["warning:RULEBOOK_UNUSED@Indstillinger!A1"]);
    expect(issueMessage(unused[0] as Issue)).toBe(
      "Regelsættet for 2023 bruges ikke: projektmappen er status for 2025, og kun regelsættene for 2025 og året før (tabel 2) bruges. Ret året, hvis det er en slåfejl, ellers kan regelsættet slettes.",
    );
    expect(out.result.kk).toEqual(base.result.kk);
  });

  it("the year before (Tabel 2's, with a Forrige år sheet) and the status year itself: no such warning", () => {
    // A Forrige år sheet for 2024, so the year before's rulebook has a Tabel 2 to be read for
    // (without one it is unused: review 22i, item 3, test/core/rulebook-failed.test.ts).
    const forrige: Cell[][] = [["Forvaltning", "KK"], ["År", 2024], [], ["Ordning", "Status", "Antal forløb", "Måltal"], ["Samlet", null, null, 10]];
    for (const y of [2024, 2025]) {
      const out = calculate(withSheets(smallWorkbook(), { Indstillinger: forYear(y), "Forrige år": forrige }));
      expect(out.issues.filter((i) => i.code === "RULEBOOK_UNUSED")).toEqual([]);
    }
  });
});

describe("»Kolonne på Måltal« of a rulebook on the sheet finds the columns (review item 5)", () => {
  /** 2014's shape with a target whose word contains another's (»seniorløntilskud« ⊃ »løntilskud«). */
  const indstillinger = (seniorWord: string): Cell[][] => [
    ["Regelsæt", 2014],
    [],
    ["Ordning", "Opgøres i", "Antal forløb", "Måltal"],
    ["Løntilskud", "pladser", "nej", "Løntilskud"],
    ["Løntilskud til seniorer", "pladser", "nej", "Seniorløntilskud"],
    [],
    ["Måltal", "Kolonne på Måltal", "Vægt"],
    ["Løntilskud", "løntilskud"],
    ["Seniorløntilskud", seniorWord],
  ];
  const workbook = (seniorWord: string): WorkbookGrid => ({
    sheets: [
      sheet("Måltal", [["Forvaltning", "Navn", "Løntilskud", "Seniorløntilskud"], ["BUF", "Børne- og Ungdomsforvaltningen", 100, 50]]),
      sheet("Indstillinger", indstillinger(seniorWord)),
      sheet("BUF", [["Forvaltning", "BUF"], ["År", 2014], [], ["Ordning", "Status"], ["Løntilskud til seniorer", 40], ["Løntilskud", 90]]),
    ],
  });

  it("the longest word wins: »Seniorløntilskud« is the senior target's column, not Løntilskud's", () => {
    const out = calculate(workbook("seniorløntilskud"));
    expect(codes(out.issues.filter((i) => i.severity === "error"))).toEqual([]);
    expect(out.result.kk?.maal).toEqual({ loentilskud: 100, seniorloentilskud: 50 });
  });

  it("a word that finds no column: an error naming the target by name and the rulebook's cell", () => {
    const out = calculate(workbook("seniorjob"));
    const missing = out.issues.filter((i) => i.code === "MAALTAL_COLUMN_MISSING");
    expect(codes(missing)).toEqual(["error:MAALTAL_COLUMN_MISSING@Måltal!A1"]);
    expect(issueMessage(missing[0] as Issue)).toBe(
      "Jobstatus fandt ingen kolonne på Måltal-arket til måltallet Seniorløntilskud ud fra »seniorjob«, som regelsættet skriver i Indstillinger!B9 (ordet skal stå i kolonnens overskrift og ikke høre til et andet måltal). Tilføj kolonnen, eller ret ordet i regelsættet.",
    );
    expect(out.report).toBeNull();
  });

  it("moving Fritidsjob into Samlet: the »Fritidsjob« column is not read as Samlet's", () => {
    const moved = RULEBOOK_2025.filter((r) => !(r[0] === "Fritidsjob" && r[1] === "fritidsjob"))
      .map((r) => (r[0] === "Fritidsjob" && r[1] === "helårspersoner" ? ["Fritidsjob", "helårspersoner", "nej", "Samlet"] : r[0] === "Samlet" ? ["Samlet", "samlet", 57] : r));
    const out = calculate(withSheets(smallWorkbook(), { Indstillinger: moved }));
    expect(out.issues.filter((i) => i.code === "COLUMN_DUPLICATE" || i.severity === "error")).toEqual([]);
  });
});
