/**
 * Class 1 of issue 9: hidden rows and columns. jobstatus counts what the user sees, and names every
 * hidden row or column that holds something. The CLI (exceljs `hidden`) and the add-in (Office.js
 * `rowHidden`/`columnHidden` on the strict host) must agree.
 */
import { FIGURES, cleanWorkbook, cliIssues, putRows, runBoth, sheet, validateBoth } from "./helpers";

describe("hidden rows and columns (issue 9, class 1)", () => {
  test("last year's hidden status column is not counted: this year's visible column is", async () => {
    // BUF copied last year's sheet, hid the old status column B and typed this year's figures in D.
    const wb = cleanWorkbook((w) => {
      const ws = sheet(w, "BUF");
      // Last year's Forvaltning and År sit in the hidden column too; this year's are retyped in C.
      putRows(ws, [[null, "BUF", "BUF"], [null, 2024, 2025], [], [null, "Status 2024", null, "Status"], [null, 99, null, FIGURES.BUF?.loentilskud], [null, 99, null, FIGURES.BUF?.virksomhedspraktik], [null, 99, null, FIGURES.BUF?.smaajob], [null, 99, null, FIGURES.BUF?.fleksjob], [null, 99, null, FIGURES.BUF?.fritidsjob]]);
      ws.getColumn(2).hidden = true;
    });
    const clean = await runBoth(cleanWorkbook());
    const b = await runBoth(wb);
    expect(b.cliCode).toBe(0);
    expect(b.cli.kk?.status).toEqual(clean.cli.kk?.status);
    expect(b.cli.forvaltninger.find((u) => u.code === "BUF")?.status.loentilskud).toBe(FIGURES.BUF?.loentilskud);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "HIDDEN_CELLS", sheet: "BUF", cell: "B1" }]);
    expect(b.addin).toEqual(cliIssues(b));
    expect(b.addinKk).toBe(b.cli.kk?.maalopfyldelse?.vaegtet);
    expect(b.written).toBe("Status 2025");
  });

  test("a hidden extra row for a scheme adds nothing nobody can see, and is named", async () => {
    // SOF hid a second Løntilskud row instead of deleting it.
    const wb = cleanWorkbook((w) => {
      const ws = sheet(w, "SOF");
      putRows(ws, [[], [], [], [], [], [], [], [], [], ["Løntilskud (helårspersoner)", 500, 600]]);
      ws.getRow(10).hidden = true;
    });
    const b = await runBoth(wb);
    expect(b.cliCode).toBe(0);
    expect(b.cli.forvaltninger.find((u) => u.code === "SOF")?.status.loentilskud).toBe(FIGURES.SOF?.loentilskud);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "HIDDEN_CELLS", sheet: "SOF", cell: "A10" }]);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("a hidden scheme row stops the report with the missing row and the hidden row named", async () => {
    const wb = cleanWorkbook((w) => {
      sheet(w, "BUF").getRow(8).hidden = true; // Fleksjob
    });
    const b = await runBoth(wb);
    expect(b.cliCode).toBe(1);
    expect(b.written).toBeUndefined();
    expect(cliIssues(b)).toEqual([
      { severity: "error", code: "ROW_MISSING", sheet: "BUF", cell: "A4" },
      { severity: "warning", code: "HIDDEN_CELLS", sheet: "BUF", cell: "A8" },
    ]);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("a hidden Måltal column with old targets is not used; the visible one is", async () => {
    const wb = cleanWorkbook((w) => {
      const m = sheet(w, "Måltal");
      putRows(m, [[null, null, null, null, "Samlet måltal 2025"], [null, null, null, null, 60], [null, null, null, null, 40]]);
      m.getCell("B1").value = "Samlet måltal 2024";
      m.getColumn(2).hidden = true;
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "HIDDEN_CELLS", sheet: "Måltal", cell: "B1" }]);
    expect(b.cliCode).toBe(0);
    expect(b.cli.forvaltninger.map((u) => u.maal.samlet)).toEqual([60, 40]);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "HIDDEN_CELLS", sheet: "Måltal", cell: "B1" }]);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("hidden rows and columns on a sheet jobstatus does not read are not reported", async () => {
    const wb = cleanWorkbook((w) => {
      const notes = w.addWorksheet("Noter");
      putRows(notes, [["Ordning", "bemærkning"], ["x", "y"]]);
      notes.getRow(2).hidden = true;
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.addin).toEqual([]);
  });

  test("»Valider ark« and `valider --ark` name the same hidden column", async () => {
    const wb = cleanWorkbook((w) => {
      const ws = sheet(w, "BUF");
      ws.getCell("E5").value = 7;
      ws.getColumn(5).hidden = true;
    });
    const v = await validateBoth(wb, "BUF");
    expect(v.cli).toEqual([{ severity: "warning", code: "HIDDEN_CELLS", sheet: "BUF", cell: "E5" }]);
    expect(v.addin).toEqual(v.cli);
  });
});
