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
    expect(issueMessage({ code: "UNKNOWN_UNIT_SHEET", params: { code: "KFF" } })).toMatch(/står ikke i Måltal, så tallene for hele kommunen ville blive beregnet uden det/);
  });

  test("a copied sheet »BUF (2)« stops the report: jobstatus does not guess which copy counts", async () => {
    const wb = cleanWorkbook((w) => putRows(w.addWorksheet("BUF (2)"), departmentRows("BUF", 2025, FIGURES.BUF as never)));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "UNKNOWN_UNIT_SHEET", sheet: "BUF (2)", cell: null }]);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("a sheet named KK is not a part of the kommune: a warning, and the report is written", async () => {
    const wb = cleanWorkbook((w) => putRows(w.addWorksheet("KK"), departmentRows("KK", 2025, FIGURES.BUF as never)));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "UNKNOWN_UNIT_SHEET", sheet: "KK", cell: null }]);
    expect(b.cliCode).toBe(0);
    expect(b.addin).toEqual(cliIssues(b));
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
