/**
 * Class 4 of issue 9: impossible and implausible values get an error or a warning that names the
 * cell and says what looks wrong — in the CLI and in the add-in alike.
 */
import type ExcelJS from "exceljs";
import { exampleWorkbook } from "../addin/fixtures";
import { cleanWorkbook, cliIssues, departmentRows, putRows, runBoth, sheet, validateBoth } from "./helpers";

/** A third forvaltning, so a figure can be compared with more than one other. */
function withKff(w: ExcelJS.Workbook, fritidsjob = 2): void {
  putRows(sheet(w, "Måltal"), [[], [], [], ["KFF", 20, 15, 2]]);
  putRows(w.addWorksheet("KFF"), departmentRows("KFF", 2025, { loentilskud: 3, virksomhedspraktik: 9.5, smaajob: 1, fleksjob: 12, fritidsjob, forloeb: [6, 30, 3] }));
}

describe("impossible and implausible values (issue 9, class 4)", () => {
  test("more helårspersoner than forløb (a swapped pair) is an error naming both cells", async () => {
    const wb = cleanWorkbook((w) => {
      const ws = sheet(w, "BUF");
      ws.getCell("B6").value = 90; // the forløb typed as status …
      ws.getCell("C6").value = 30.25; // … and the status as forløb
    });
    const b = await runBoth(wb);
    // 30,25 forløb is not whole either: both cells are named.
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "VALUE_NOT_WHOLE", sheet: "BUF", cell: "C6" }]);
    const swapped = cleanWorkbook((w) => {
      const ws = sheet(w, "BUF");
      ws.getCell("B6").value = 90;
      ws.getCell("C6").value = 30;
    });
    const s = await runBoth(swapped);
    expect(cliIssues(s)).toEqual([{ severity: "error", code: "STATUS_OVER_FORLOEB", sheet: "BUF", cell: "B6" }]);
    expect(s.cli.issues[0]?.message).toMatch(/Status for virksomhedspraktik er 90 helårspersoner, men der er kun 30 forløb \(C6\)/);
    expect(s.addin).toEqual(cliIssues(s));
    expect(s.written).toBeUndefined();
  });

  test("a fritidsjob figure ten times every other forvaltning's (a lost decimal comma) is a warning naming the cell and the figure", async () => {
    const wb = cleanWorkbook((w) => {
      withKff(w);
      sheet(w, "BUF").getCell("B9").value = 35; // 3,5 without its comma
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "VALUE_OUT_OF_SCALE", sheet: "BUF", cell: "B9" }]);
    // BUF's own fritidsjob target is 4 (Måltal!D2): 35 is 8,8 times it.
    expect(b.cli.issues[0]?.message).toMatch(/Status for fritidsjob er 35, 8,8 gange forvaltningens eget måltal \(4 i Måltal!D2\)\. Er et decimalkomma faldet ud\?/);
    expect(b.addin).toEqual(cliIssues(b));
    const ok = await runBoth(cleanWorkbook((w) => withKff(w)));
    expect(cliIssues(ok)).toEqual([]);
  });

  test("a status cell formatted as a percentage (0,124 shown as »12,4 %«) is an error: the user sees 12,4, the cell holds 0,124", async () => {
    const wb = cleanWorkbook((w) => {
      const c = sheet(w, "BUF").getCell("B5");
      c.value = 0.124;
      c.numFmt = "0%";
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "VALUE_PERCENT", sheet: "BUF", cell: "B5" }]);
    expect(b.cli.issues[0]?.message).toMatch(/formateret som procent og viser »12,4 %«, men indeholder 0,124/);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("weights formatted as percentages (0,51 shown as »51 %«) are fine on Indstillinger", async () => {
    const wb = cleanWorkbook((w) => {
      const s = w.addWorksheet("Indstillinger");
      putRows(s, [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 0.51, 0.43, 0.06]]);
      for (const a of ["B2", "C2", "D2"]) s.getCell(a).numFmt = "0%";
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.addin).toEqual([]);
  });

  test("a header »Status 2024« on a 2025 sheet is an error at the header: the figures may be last year's", async () => {
    const wb = cleanWorkbook((w) => (sheet(w, "SOF").getCell("B4").value = "Status 2024"));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "HEADER_YEAR_MISMATCH", sheet: "SOF", cell: "B4" }]);
    expect(b.cli.issues[0]?.message).toMatch(/»Status 2024« nævner 2024, men arket er for 2025/);
    expect(b.addin).toEqual(cliIssues(b));
    const same = await runBoth(cleanWorkbook((w) => (sheet(w, "SOF").getCell("C4").value = "Antal forløb i 2025**")));
    expect(cliIssues(same)).toEqual([]);
  });
});

/** Last year's KK sheet (Tabel 2), as HR pastes it: status, forløb and the year's targets. */
function previousYear(w: ExcelJS.Workbook, fleksjob: number, virksomhedspraktik = 50): void {
  putRows(w.addWorksheet("Forrige år"), [
    ["Forvaltning", "KK"],
    ["År", 2024],
    [],
    ["Ordning", "Status", "Antal forløb", "Måltal"],
    ["Løntilskud", 20, 30, 80],
    ["Virksomhedspraktik", virksomhedspraktik, 1400],
    ["Småjob", 3, 9],
    ["Fleksjob", fleksjob, null, 70],
  ]);
}

describe("a lost decimal comma next to small neighbours, the forvaltning's own target and last year (issue 9, class 4)", () => {
  test("SOF fleksjob 250 next to BUF's 40 and KFF's 12 is a warning naming the cell, the figure and SOF's own target", async () => {
    const wb = cleanWorkbook((w) => {
      withKff(w);
      sheet(w, "SOF").getCell("B8").value = 250; // 25 with a stray zero
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "VALUE_OUT_OF_SCALE", sheet: "SOF", cell: "B8" }]);
    expect(b.cli.issues[0]?.message).toMatch(/Status for fleksjob er 250, 8,3 gange forvaltningens eget måltal \(30 i Måltal!C3\)/);
    expect(b.addin).toEqual(cliIssues(b));
    // Used as typed: the warning is the only sign, and the figure is the one in the cell.
    expect(b.cli.forvaltninger.find((u) => u.code === "SOF")?.status.fleksjob).toBe(250);
  });

  test("without Måltal (three forvaltninger checked together) fleksjob 250 is compared with the median of the others' figures", async () => {
    const wb = cleanWorkbook((w) => {
      withKff(w);
      w.removeWorksheet(sheet(w, "Måltal").id);
      sheet(w, "SOF").getCell("B8").value = 250;
    });
    const v = await validateBoth(wb);
    expect(v.cli).toEqual([{ severity: "warning", code: "VALUE_OUT_OF_SCALE", sheet: "SOF", cell: "B8" }]);
    expect(v.addin).toEqual(v.cli);
    expect(v.messages[0]).toMatch(/Status for fleksjob er 250, 9,6 gange det typiske tal hos de andre forvaltninger \(medianen af deres tal er 26\)/);
  });

  test("a forvaltning's figure above the whole kommune's figure last year (Forrige år) is a warning naming last year's cell", async () => {
    const wb = cleanWorkbook((w) => {
      withKff(w);
      previousYear(w, 100);
      // 105 is 3,5 times SOF's target of 30 and 4 times the others' median: only last year's kommune figure gives it away.
      sheet(w, "SOF").getCell("B8").value = 105;
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "VALUE_OUT_OF_SCALE", sheet: "SOF", cell: "B8" }]);
    expect(b.cli.issues[0]?.message).toMatch(/Status for fleksjob er 105, mere end hele kommunens tal året før \(100 i Forrige år!B8\)/);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("a lost comma on the previous-year sheet (fleksjob 600 against a target of 70) is a warning there, and Tabel 2 is still written", async () => {
    const wb = cleanWorkbook((w) => previousYear(w, 600));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "VALUE_OUT_OF_SCALE", sheet: "Forrige år", cell: "B8" }]);
    expect(b.cli.issues[0]?.message).toMatch(/Status for fleksjob er 600, 8,6 gange forvaltningens eget måltal \(70 i Forrige år!D8\)/);
    expect(b.addin).toEqual(cliIssues(b));
    expect(b.cli.previous?.status.fleksjob).toBe(600);
  });

  test("the notat's real figures (examples/notat-2025.json) give no out-of-scale warning, though BUF's fritidsjob is 17 times the others' median", async () => {
    const b = await runBoth(await exampleWorkbook("good"));
    expect(cliIssues(b).filter((i) => i.code === "VALUE_OUT_OF_SCALE")).toEqual([]);
    expect(b.addin.filter((i) => i.code === "VALUE_OUT_OF_SCALE")).toEqual([]);
    expect(b.cli.kk).not.toBeNull();
  });
});
