/**
 * Classes 2 and 3 of issue 9: KK is never computed from part of the kommune without an error, and
 * two sources for one thing are an error that names both places (never »last one wins«).
 */
import type ExcelJS from "exceljs";
import { issueMessage } from "../../src/messages/da";
import { FIGURES, cleanWorkbook, cliIssues, departmentRows, putRows, runBoth, sheet } from "./helpers";

function previousYearSheet(wb: ExcelJS.Workbook, name: string, fleksjob = 60): void {
  putRows(wb.addWorksheet(name), [
    ["Forvaltning", "KK"],
    ["År", 2024],
    [],
    ["Ordning", "Status", "Antal forløb", "Måltal"],
    ["Løntilskud", 20, 30, 80],
    ["Virksomhedspraktik", 50, 140],
    ["Småjob", 3, 9],
    ["Fleksjob", fleksjob, null, 70],
  ]);
}

function settingsSheet(wb: ExcelJS.Workbook, name: string, rows: (number | string)[][]): void {
  putRows(wb.addWorksheet(name), [["År", "Samlet", "Fleksjob", "Fritidsjob"], ...rows]);
}

describe("KK never from part of the kommune (issue 9, class 2)", () => {
  test("a known forvaltning's sheet whose Måltal row is missing stops the report instead of shrinking KK", async () => {
    const wb = cleanWorkbook((w) => {
      putRows(w.addWorksheet("KFF"), departmentRows("KFF", 2025, FIGURES.BUF as never));
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "UNKNOWN_UNIT_SHEET", sheet: "KFF", cell: null }]);
    expect(b.cliCode).toBe(1);
    expect(b.cli.kk).toBeNull();
    expect(b.addin).toEqual(cliIssues(b));
    expect(b.written).toBeUndefined();
    expect(issueMessage({ code: "UNKNOWN_UNIT_SHEET", params: { code: "KFF" } })).toMatch(/står ikke på Måltal, så tallene for hele kommunen ville blive beregnet uden det/);
  });

  test("a copied sheet »BUF (2)« stops the report: jobstatus does not guess which copy counts", async () => {
    const wb = cleanWorkbook((w) => putRows(w.addWorksheet("BUF (2)"), departmentRows("BUF", 2025, FIGURES.BUF as never)));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "UNKNOWN_UNIT_SHEET", sheet: "BUF (2)", cell: null }]);
    expect(b.addin).toEqual(cliIssues(b));
  });

  /** The kommune's totals as a department would paste them: the sums of BUF and SOF. */
  const TOTALS = { loentilskud: 21, virksomhedspraktik: 53, smaajob: 4, fleksjob: 65, fritidsjob: 5, forloeb: [35, 150, 10] as [number, number, number] };

  test("a sheet »KK (hele kommunen)« with the kommune's totals is never counted, instead of the sum or on top: a warning at its first figure says so", async () => {
    const wb = cleanWorkbook((w) => putRows(w.addWorksheet("KK (hele kommunen)"), departmentRows("KK", 2025, TOTALS)));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "UNKNOWN_UNIT_SHEET", sheet: "KK (hele kommunen)", cell: "B5" }]);
    expect(b.cli.issues[0]?.message).toMatch(/Arket »KK \(hele kommunen\)« er hele kommunen \(KK\) .* ikke talt med, hverken i stedet for summen eller oveni\. Slet arket/);
    // No rename advice: the sheet is not a forvaltning missing from Måltal.
    expect(b.cli.issues[0]?.message).not.toMatch(/Ret arkets navn til en kode fra Måltal/);
    expect(b.cliCode).toBe(0);
    expect(b.addin).toEqual(cliIssues(b));
    // KK is the sum of BUF and SOF, not doubled.
    expect(b.cli.kk?.status.fleksjob).toBe(65);
    expect(b.cli.kk?.forloeb.i_alt).toBe(195);
  });

  test("a KK sheet whose figures differ from the forvaltninger's sums: a warning at each differing cell with both figures; the report uses the sums", async () => {
    const wb = cleanWorkbook((w) => putRows(w.addWorksheet("KK"), departmentRows("KK", 2025, { ...TOTALS, fleksjob: 70, forloeb: [35, 160, 10] })));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([
      { severity: "warning", code: "UNKNOWN_UNIT_SHEET", sheet: "KK", cell: "B5" },
      { severity: "warning", code: "KK_SHEET_DIFFERS", sheet: "KK", cell: "B8" },
      { severity: "warning", code: "KK_SHEET_DIFFERS", sheet: "KK", cell: "C6" },
    ]);
    expect(b.cli.issues[1]?.message).toMatch(/viser status 70 for fleksjob, men summen af forvaltningernes ark er 65\. Jobstatus bruger summen/);
    expect(b.cli.issues[2]?.message).toMatch(/viser 160 forløb for virksomhedspraktik, men summen af forvaltningernes ark er 150/);
    expect(b.addin).toEqual(cliIssues(b));
    expect(b.cli.kk?.status.fleksjob).toBe(65);
    expect(b.written).toBe("Status 2025");
  });

  test("last year's kommune sheet called »Københavns Kommune«: the advice is to call it »Forrige år«", async () => {
    const wb = cleanWorkbook((w) => putRows(w.addWorksheet("Københavns Kommune"), departmentRows("KK", 2024, TOTALS)));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "UNKNOWN_UNIT_SHEET", sheet: "Københavns Kommune", cell: "B5" }]);
    expect(b.cli.issues[0]?.message).toMatch(/er hele kommunen året før\. .*kald arket »Forrige år«/);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("a notat table pasted on a sheet »KK« (not the department layout) is not counted either, and said so", async () => {
    const wb = cleanWorkbook((w) => putRows(w.addWorksheet("KK"), [["Tabel 1"], ["", "Status", "Samlet måltal", "Målopfyldelse"], ["Fleksjob", 65, 75, "87 pct."]]));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "UNKNOWN_UNIT_SHEET", sheet: "KK", cell: null }]);
    expect(b.cli.kk?.status.fleksjob).toBe(65);
  });
});

describe("one source of truth (issue 9, class 3)", () => {
  test("two weight rows for one year: an error at the second that names the first", async () => {
    const wb = cleanWorkbook((w) => settingsSheet(w, "Indstillinger", [[2025, 51, 43, 6], [2025, 55, 45, 0]]));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "WEIGHTS_DUPLICATE", sheet: "Indstillinger", cell: "A3" }]);
    expect(b.cli.issues[0]?.message).toMatch(/første gang i A2/);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("two weight sheets (»Indstillinger« and »Vægte«): an error that names both", async () => {
    const wb = cleanWorkbook((w) => {
      settingsSheet(w, "Indstillinger", [[2025, 51, 43, 6]]);
      settingsSheet(w, "Vægte", [[2025, 60, 40, 0]]);
    });
    const b = await runBoth(wb);
    const dup = b.cli.issues.filter((i) => i.code === "DUPLICATE_SHEET");
    expect(dup.map((i) => [i.severity, i.sheet])).toEqual([["error", "Vægte"]]);
    expect(dup[0]?.message).toMatch(/flere ark for Indstillinger \('Indstillinger'\)/);
    expect(b.cliCode).toBe(1);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("two previous-year sheets: an error that names both, and no report with either", async () => {
    const wb = cleanWorkbook((w) => {
      previousYearSheet(w, "Forrige år", 60);
      previousYearSheet(w, "Forrige aar", 66);
    });
    const b = await runBoth(wb);
    const dup = b.cli.issues.filter((i) => i.code === "DUPLICATE_SHEET");
    expect(dup.map((i) => [i.severity, i.sheet])).toEqual([["error", "Forrige aar"]]);
    expect(dup[0]?.message).toMatch(/flere ark for forrige år \('Forrige år'\)/);
    expect(b.cliCode).toBe(1);
    expect(b.written).toBeUndefined();
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("two »År« on one sheet with different years: an error that names both cells", async () => {
    const wb = cleanWorkbook((w) => putRows(sheet(w, "BUF"), [[null, null, null, "År", 2024]]));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "YEAR_DUPLICATE", sheet: "BUF", cell: "A2" }]);
    expect(b.cli.issues[0]?.message).toMatch(/første gang i D1/);
    expect(b.addin).toEqual(cliIssues(b));
  });
});
