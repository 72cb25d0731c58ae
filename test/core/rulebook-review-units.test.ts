/**
 * Second outside review of the rulebook (issue 22j): a change of unit between two years, or between a
 * row label and the rulebook, must never pass as a comparable figure.
 */
import type { Cell, SheetGrid, WorkbookGrid } from "../../src/core/grid";
import { calculate } from "../../src/core";
import { summaryParagraphs } from "../../src/core/summary";
import { buildSources } from "../../src/core/kilder";
import { sheet, smallWorkbook } from "../support/grid";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { KK_2014, PROOF_2014, PROOF_2026, proofGrid, proofIndstillinger } from "../support/rulebook-workbooks";
import { IssueList } from "../../src/core/issues";
import { builtinRulebook, type Rulebook } from "../../src/core/rulebook";
import { readSheetRulebooks } from "../../src/core/rulebook-sheet";
import { departmentTemplate, settingsTemplate } from "../../src/core/template";
import { forvaltningTemplate } from "../../src/core/forvaltning-template";
import type { Issue } from "../../src/core/issues";
import { issueMessage, SOURCES } from "../../src/messages/da";

/** The workbook with each named sheet's rows replaced (or the sheet added). */
function withSheets(wb: WorkbookGrid, rows: Record<string, Cell[][]>): WorkbookGrid {
  const sheets: SheetGrid[] = wb.sheets.map((s) => (rows[s.name] ? sheet(s.name, rows[s.name] as Cell[][]) : s));
  for (const [name, r] of Object.entries(rows)) if (!sheets.some((s) => s.name === name)) sheets.push(sheet(name, r));
  return { sheets };
}

/** 2013's own rulebook on Indstillinger below 2014's: three schemes, løntilskud in `loenMeasure`. */
function rulebook2013(loenMeasure: string): Cell[][] {
  return [
    [],
    ["Regelsæt", 2013],
    [],
    ["Ordning", "Opgøres i", "Antal forløb", "Måltal"],
    ["Jobrotation", "forløb", "nej", "Jobrotation"],
    ["Fleksjob", "personer", "nej", "Fleksjob"],
    ["Løntilskud", loenMeasure, "nej", "Løntilskud"],
    [],
    ["Måltal", "Kolonne på Måltal", "Vægt"],
    ["Jobrotation", "jobrotation"],
    ["Fleksjob", "fleksjob"],
    ["Løntilskud", "løntilskud"],
  ];
}

/** 2014 with Forrige år (2013) and 2013's rulebook, løntilskud counted in `loenMeasure` in 2013. */
function with2013(loenMeasure: string, loenLabel: string): WorkbookGrid {
  const previous: Cell[][] = [
    ["Forvaltning", "KK"],
    ["År", 2013],
    [],
    ["Ordning", "Status", "Måltal"],
    ["Jobrotation (forløb)", 380, 400],
    ["Fleksjob (personer)", 600, 650],
    [loenLabel, 1000, 2000],
  ];
  return withSheets(proofGrid(PROOF_2014), { Indstillinger: [...PROOF_2014.indstillinger, ...rulebook2013(loenMeasure)], "Forrige år": previous });
}

describe("the previous year in another unit (review 22j item 1)", () => {
  it("same schemes, same measures: løntilskud is compared with 2013", () => {
    const out = calculate(with2013("pladser", "Løntilskud (pladser)"));
    expect(out.report).not.toBeNull();
    expect(summaryParagraphs(out.result).join("\n")).toContain("er faldet fra 1.000 i 2013 til 966 i 2014");
  });

  it("løntilskud in helårspersoner in 2013 and pladser in 2014: no sentence compares them", () => {
    const out = calculate(with2013("helårspersoner", "Løntilskud (helårspersoner)"));
    expect(out.report).not.toBeNull();
    expect(out.result.previous?.rulebook.schemes.find((s) => s.id === "loentilskud")?.measure).toBe("helaarspersoner");
    const text = summaryParagraphs(out.result);
    const loen = text.filter((p) => p.includes("løntilskud"));
    expect(loen).toHaveLength(1);
    expect(loen[0]).not.toContain("1.000");
    expect(loen[0]).not.toContain("2013");
    expect(loen[0]).toContain("966");
    // Jobrotation and fleksjob, counted alike in both years, keep their comparison.
    expect(text.join("\n")).toContain("fra 380 i 2013 til 405 i 2014");
    // Tabel 2 names 2013's unit in its row, Tabel 1 2014's: the reader sees the two are not alike.
    const col = (out.report?.values ?? []).map((r) => r[0]);
    const t1 = col.findIndex((v) => typeof v === "string" && v.startsWith("Tabel 1"));
    const t2 = col.findIndex((v) => typeof v === "string" && v.startsWith("Tabel 2"));
    const t3 = col.findIndex((v, i) => i > t2 && typeof v === "string" && /^(Tabel 3|\*)/.test(v));
    expect(col.slice(t1, t2)).toContain("Løntilskud (pladser)");
    expect(col.slice(t2, t3 < 0 ? undefined : t3)).toContain("Løntilskud (helårspersoner)");
  });
});

describe("the previous year in another unit, beside a built-in year (review 22j item 1)", () => {
  /** 2024 written on Indstillinger as built in, but fleksjob counted in `fleksMeasure`. */
  const rulebook2024 = (fleksMeasure: string): Cell[][] => [
    [],
    ["Regelsæt", 2024],
    [],
    ["Ordning", "Opgøres i", "Antal forløb", "Måltal"],
    ["Løntilskud", "helårspersoner", "ja", "Samlet"],
    ["Virksomhedspraktik", "helårspersoner", "ja", "Samlet"],
    ["Småjob under det sociale frikort", "helårspersoner", "ja", "Samlet"],
    ["Fleksjob", fleksMeasure, "nej", "Fleksjob"],
    [],
    ["Måltal", "Kolonne på Måltal", "Vægt"],
    ["Samlet", "samlet", 55],
    ["Fleksjob", "fleksjob", 45],
  ];

  async function example2025(fleksMeasure: string) {
    const grid = readWorkbookGrid(await buildExample(await loadExampleData()));
    // 2024's weights move from the weights table (row 2) into its Regelsæt: one source per setting.
    const settings = (grid.sheets.find((s) => s.name === "Indstillinger")?.values ?? []).map((r) => (r[0] === 2024 ? [] : [...r]));
    return calculate(withSheets(grid, { Indstillinger: [...settings, ...rulebook2024(fleksMeasure)] }));
  }

  it("fleksjob counted alike: the fleksjob sentence compares 2024 with 2025", async () => {
    const out = await example2025("ansatte ultimo");
    const fleks = summaryParagraphs(out.result).filter((p) => p.includes("fleksjob"));
    expect(fleks.join("\n")).toMatch(/fra [\d.]+ i 2024 til/);
  });

  it("fleksjob in personer in 2024, ansatte ultimo in 2025: the fleksjob sentence stands alone", async () => {
    const out = await example2025("personer");
    expect(out.result.previous?.rulebook.schemes.find((s) => s.id === "fleksjob")?.measure).toBe("personer");
    const text = summaryParagraphs(out.result);
    const fleks = text.filter((p) => p.includes("fleksjob") && !p.includes("vægtet"));
    expect(fleks.length).toBeGreaterThan(0);
    expect(fleks.join("\n")).not.toContain("2024");
    // The combined target, counted alike, keeps its comparison.
    expect(text[0]).toContain("2024");
  });
});

describe("a row label whose unit contradicts the rulebook (review 22j item 2)", () => {
  const relabel = (label: string, sheetName = "BUF", row = 7): WorkbookGrid => {
    const grid = proofGrid(PROOF_2014);
    const rows = (grid.sheets.find((s) => s.name === sheetName)?.values ?? []).map((r, i) => (i === row ? [label, ...r.slice(1)] : [...r]));
    return withSheets(grid, { [sheetName]: rows });
  };
  const unitIssues = (g: WorkbookGrid) => calculate(g).issues.filter((i) => i.code === "LABEL_UNIT_MISMATCH");

  it("»Løntilskud (helårspersoner)« where 2014 counts løntilskud in pladser: a warning at the label naming both units; the figure is still counted", () => {
    const out = calculate(relabel("Løntilskud (helårspersoner)"));
    const found = out.issues.filter((i) => i.code === "LABEL_UNIT_MISMATCH");
    expect(found.map((i) => `${i.severity}@${i.sheet}!${i.cell}`)).toEqual(["warning@BUF!A8"]);
    expect(issueMessage(found[0] as Issue)).toBe(
      "Rækken »Løntilskud (helårspersoner)« nævner helårspersoner, men regelsættet for 2014 opgør Løntilskud i pladser. Tallet er brugt som pladser. Tjek, at tallet er opgjort i pladser, og ret teksten.",
    );
    expect(out.result.kk?.status["loentilskud"]).toBe(KK_2014.loentilskud.status);
  });

  it("a label in the rulebook's own unit, or without a unit, gives no such warning", () => {
    for (const label of ["Løntilskud (pladser)", "Løntilskud", "Løntilskud (antal pladser)"]) expect(unitIssues(relabel(label))).toEqual([]);
    expect(unitIssues(relabel("Fleksjob (personer)", "BUF", 5))).toEqual([]);
    expect(unitIssues(relabel("Jobrotation (forløb)", "BUF", 4))).toEqual([]);
  });

  it("forløb or pladser where persons are counted is named too", () => {
    expect(unitIssues(relabel("Seniorjob (forløb)", "BUF", 6)).map((i) => i.cell)).toEqual(["A7"]);
    expect(unitIssues(relabel("Jobrotation (helårspersoner)", "SOF", 4)).map((i) => `${i.sheet}!${i.cell}`)).toEqual(["SOF!A5"]);
  });

  it("on Forrige år the label is checked against the previous year's own rulebook", () => {
    const found = calculate(with2013("pladser", "Løntilskud (helårspersoner)")).issues.filter((i) => i.code === "LABEL_UNIT_MISMATCH");
    expect(found.map((i) => `${i.sheet}!${i.cell}`)).toEqual(["Forrige år!A7"]);
    expect(issueMessage(found[0] as Issue)).toContain("men regelsættet for 2013 opgør Løntilskud i pladser");
    expect(calculate(with2013("helårspersoner", "Løntilskud (helårspersoner)")).issues.filter((i) => i.code === "LABEL_UNIT_MISMATCH")).toEqual([]);
  });

  it("a built-in year too: »Fleksjob (helårspersoner)« where fleksjob is a head count is a warning at the label; the figure is unchanged", async () => {
    const grid = readWorkbookGrid(await buildExample(await loadExampleData()));
    const before = calculate(grid);
    const bif = grid.sheets.find((s) => s.name === "BIF") as SheetGrid;
    const row = bif.values.findIndex((r) => typeof r[0] === "string" && /^fleksjob/i.test(r[0]));
    expect(row).toBeGreaterThan(0);
    const rows = bif.values.map((r, i) => (i === row ? ["Fleksjob (helårspersoner)", ...r.slice(1)] : [...r]));
    const out = calculate(withSheets(grid, { BIF: rows }));
    expect(out.issues.filter((i) => i.code === "LABEL_UNIT_MISMATCH").map((i) => `${i.severity}@${i.sheet}!${i.cell}`)).toEqual([`warning@BIF!A${row + 1}`]);
    expect(out.result.kk?.status["fleksjob"]).toBe(before.result.kk?.status["fleksjob"]);
  });

  it("the built-in years' own labels give none: the example workbook (2025 beside 2024)", async () => {
    const out = calculate(readWorkbookGrid(await buildExample(await loadExampleData())));
    expect(out.issues.filter((i) => i.code === "LABEL_UNIT_MISMATCH")).toEqual([]);
  });
});

describe("a sum row in a year with no target of several schemes (review 22j item 3)", () => {
  /** BUF with an »I alt« row typed under its schemes (row 9), status `status` and forløb `forloeb`. */
  const withTotal = (status: Cell, forloeb: Cell = null): WorkbookGrid => {
    const grid = proofGrid(PROOF_2014);
    const rows = (grid.sheets.find((s) => s.name === "BUF")?.values ?? []).map((r) => [...r]);
    return withSheets(grid, { BUF: [...rows, ["I alt", status, forloeb]] });
  };

  it("2014: a status typed in »I alt« is not silently ignored: a warning at the cell says it is not counted", () => {
    const out = calculate(withTotal(850));
    const found = out.issues.filter((i) => i.code === "VALUE_IGNORED");
    expect(found.map((i) => `${i.severity}@${i.sheet}!${i.cell}`)).toEqual(["warning@BUF!B9"]);
    expect(issueMessage(found[0] as Issue)).toBe(
      "Rækken »I alt« er en sumrække, men årets regelsæt har intet måltal, der lægger flere ordninger sammen, så Jobstatus har ingen sum at sammenligne samlet status med, og tallet er ikke talt med. Tjek, at tallene står i ordningernes egne rækker, og slet gerne sumrækken.",
    );
    // Nothing else moves: KK's figures are the schemes' own.
    expect(out.result.kk?.status).toEqual(calculate(proofGrid(PROOF_2014)).result.kk?.status);
  });

  it("2014: a forløb typed in »I alt« where no scheme reports forløb is named too", () => {
    const out = calculate(withTotal(null, 12));
    const found = out.issues.filter((i) => i.code === "VALUE_IGNORED");
    expect(found.map((i) => `${i.sheet}!${i.cell}`)).toEqual(["BUF!C9"]);
    expect(issueMessage(found[0] as Issue)).toContain("men ingen ordning i årets regelsæt har antal forløb, så Jobstatus har ingen sum at sammenligne antal forløb i alt med");
  });

  it("an empty »I alt« row gives nothing", () => {
    expect(calculate(withTotal(null)).issues.filter((i) => i.code === "VALUE_IGNORED")).toEqual([]);
  });
});

describe("the Kilder sheet for a year without weights (review 22j item 4)", () => {
  it("2014: the intro says what is there (no weights), and each Regelsæt row links to its range on Indstillinger", () => {
    const out = calculate(proofGrid(PROOF_2014));
    const layout = buildSources(out.result, "Kilder 2014");
    const intro = String(layout.values[1]?.[0]);
    expect(intro).not.toContain("vægtene");
    expect(intro).toContain("ingen vægte");
    const rulebookRows = layout.values.map((r, i) => [r, i] as const).filter(([r]) => r[0] === "Regelsæt");
    expect(rulebookRows).toHaveLength(4);
    for (const [r, i] of rulebookRows) {
      expect(r[3]).toBe("Indstillinger!A1:D13");
      expect(layout.links).toContainEqual({ row: i, col: 3, sheet: "Indstillinger", cell: "A1:D13" });
    }
  });

  it("a year with weights keeps its intro; a rulebook from the weights row links to that row", async () => {
    const out = calculate(readWorkbookGrid(await buildExample(await loadExampleData())));
    const layout = buildSources(out.result, "Kilder 2025");
    expect(String(layout.values[1]?.[0])).toContain("Først kommer vægtene");
    const rows = layout.values.map((r, i) => [r, i] as const).filter(([r]) => r[0] === "Regelsæt" && String(r[1]).startsWith("Regelsæt 2025"));
    expect(rows.length).toBe(3);
    for (const [r, i] of rows) {
      expect(r[3]).toBe("Indstillinger!B3:D3");
      expect(layout.links).toContainEqual({ row: i, col: 3, sheet: "Indstillinger", cell: "B3:D3" });
    }
  });

  it("a built-in rulebook's row says so, without a link", () => {
    const out = calculate(smallWorkbook());
    const layout = buildSources(out.result, "Kilder");
    const rows = layout.values.map((r, i) => [r, i] as const).filter(([r]) => r[0] === "Regelsæt");
    expect(rows.length).toBeGreaterThan(0);
    for (const [r, i] of rows) {
      expect(r[3]).toBe(SOURCES.rulebookBuiltin);
      expect((layout.links ?? []).some((l) => l.row === i)).toBe(false);
    }
  });
});

describe("templates for a year where no scheme reports forløb (review 22j item 5)", () => {
  const rulebook2014 = (): Rulebook => {
    const book = readSheetRulebooks(proofIndstillinger(PROOF_2014), new IssueList(), { builtin: builtinRulebook }).get(2014);
    if (!book) throw new Error("the 2014 rulebook does not read");
    return book;
  };

  it("the department sheet and the one-forvaltning file have no »Antal forløb« column", () => {
    const rb = rulebook2014();
    const dept = departmentTemplate("BUF", 2014, rb);
    expect(dept.values[3]).toEqual(["Ordning", "Status"]);
    expect(dept.columnWidths).toHaveLength(2);
    expect(dept.styles.every((s) => s.rect.c2 <= 1)).toBe(true);
    const one = forvaltningTemplate("BUF", 2014, undefined, rb);
    if (!one.ok) throw new Error("no template");
    expect(one.template.layout.values[3]).toEqual(["Ordning", "Status"]);
    expect(one.template.unlocked.every((r) => r.c2 <= 1)).toBe(true);
  });

  it("the sheet filled in reads with the same figures as the proof workbook's sheets", () => {
    const grid = proofGrid(PROOF_2014);
    const filled = Object.fromEntries(
      PROOF_2014.units.map((u) => {
        const rows = departmentTemplate(u.code, 2014, rulebook2014()).values.map((r) => [...r] as Cell[]);
        PROOF_2014.schemes.forEach((s, i) => ((rows[4 + i] as Cell[])[1] = u.status[s] ?? null));
        return [u.code, rows];
      }),
    );
    const out = calculate(withSheets(grid, filled));
    expect(out.report).not.toBeNull();
    expect(out.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(out.result.kk?.status).toEqual(calculate(grid).result.kk?.status);
  });

  it("a year whose schemes report forløb keeps the column (2026)", () => {
    const book = readSheetRulebooks(proofIndstillinger(PROOF_2026), new IssueList(), { builtin: builtinRulebook }).get(2026);
    expect(departmentTemplate("BUF", 2026, book).values[3]).toEqual(["Ordning", "Status", "Antal forløb"]);
    expect(departmentTemplate("BUF", 2025).values[3]).toEqual(["Ordning", "Status", "Antal forløb"]);
  });
});

describe("»Andre navne« copied into a template's Indstillinger (review 22j item 5)", () => {
  it("are written as the user typed them, and read back as the same rulebook", () => {
    const book = readSheetRulebooks(proofIndstillinger(PROOF_2026), new IssueList(), { builtin: builtinRulebook }).get(2026);
    const layout = settingsTemplate(2026, book);
    const names = layout.values.filter((r) => r[0] === "Løntilskud" || r[0] === "Småjob under det sociale frikort").map((r) => r[4]);
    expect(names).toEqual(["Loentilskud; Lontilskud", "Småjob; Smaajob"]);
    const again = readSheetRulebooks(sheet("Indstillinger", layout.values.map((r) => [...r] as Cell[])), new IssueList(), { builtin: builtinRulebook }).get(2026);
    expect(again?.schemes).toEqual(book?.schemes);
  });
});
