/**
 * Class 4 of issue 9: impossible and implausible values get an error or a warning that names the
 * cell and says what looks wrong — in the CLI and in the add-in alike.
 */
import type ExcelJS from "exceljs";
import { cleanWorkbook, cliIssues, departmentRows, putRows, runBoth, sheet } from "./helpers";

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
    expect(b.cli.issues[0]?.message).toMatch(/Status for fritidsjob er 35, mindst ti gange .*\(den højeste af de andre er 2\)/);
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
