/**
 * The adversarial pass over issue 9: workbooks a hurried department really makes, built by script
 * and run through `jobstatus beregn --json` and the add-in's «Beregn status». For each, every figure
 * the report uses is the one the visible cell says, or an error or a warning names that cell.
 */
import type ExcelJS from "exceljs";
import { cleanWorkbook, cliIssues, runBoth, sheet, type BothRuns } from "./helpers";

/** The report's figure for a unit and scheme, or the issue at the cell it came from. */
function usedOrNamed(b: BothRuns, unit: string, scheme: "loentilskud" | "virksomhedspraktik" | "smaajob" | "fleksjob" | "fritidsjob", cell: string, visible: number): void {
  const named = cliIssues(b).some((i) => i.sheet === unit && i.cell === cell);
  const used = b.cli.forvaltninger.find((u) => u.code === unit)?.status[scheme];
  if (!named) expect(used).toBe(visible);
}

describe("workbooks as hurried departments make them (issue 9, the whole pass)", () => {
  test("figures typed as text with Danish thousands separators: «1.230,25» is read as 1230,25 with a warning at the cell; «1.048» is refused", async () => {
    const wb = cleanWorkbook((w) => {
      const ws = sheet(w, "BUF");
      ws.getCell("B6").value = "1.230,25";
      ws.getCell("C6").value = "2.000";
      sheet(w, "Måltal").getCell("B2").value = 1500;
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([
      { severity: "warning", code: "VALUE_TEXT_NUMBER", sheet: "BUF", cell: "B6" },
      { severity: "error", code: "VALUE_AMBIGUOUS", sheet: "BUF", cell: "C6" },
    ]);
    expect(b.addin).toEqual(cliIssues(b));
    expect(b.written).toBeUndefined();
    const ok = await runBoth(cleanWorkbook((w) => {
      sheet(w, "BUF").getCell("B6").value = "1.230,25";
      sheet(w, "BUF").getCell("C6").value = 2000;
      sheet(w, "Måltal").getCell("B2").value = 1500;
    }));
    expect(cliIssues(ok)).toEqual([{ severity: "warning", code: "VALUE_TEXT_NUMBER", sheet: "BUF", cell: "B6" }]);
    expect(ok.cli.forvaltninger.find((u) => u.code === "BUF")?.status.virksomhedspraktik).toBe(1230.25);
  });

  test("merged status cells over two schemes stop the report at both cells", async () => {
    const wb = cleanWorkbook((w) => sheet(w, "SOF").mergeCells("B5:B6"));
    const b = await runBoth(wb);
    expect(cliIssues(b).filter((i) => i.severity === "error").map((i) => `${i.code}@${i.cell}`)).toEqual(expect.arrayContaining(["MERGED_CELL@B5", "MERGED_CELL@B6"]));
    expect(b.written).toBeUndefined();
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("formulas with float noise (=0,1+0,2; =SUM of parts) are the figures Excel shows", async () => {
    const wb = cleanWorkbook((w) => {
      const ws = sheet(w, "BUF");
      ws.getCell("B7").value = { formula: "0.1+0.2+2.2", result: 0.1 + 0.2 + 2.2 } as ExcelJS.CellFormulaValue;
      ws.getCell("B8").value = { formula: "SUM(E1:E3)", result: 40.00000000000001 } as ExcelJS.CellFormulaValue;
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    usedOrNamed(b, "BUF", "smaajob", "B7", 2.5);
    usedOrNamed(b, "BUF", "fleksjob", "B8", 40);
    expect(b.addin).toEqual([]);
  });

  test("the status column hidden, with this year's figures typed in a new visible column: the year and code hidden with it stop the report, never last year's figures", async () => {
    const wb = cleanWorkbook((w) => {
      const ws = sheet(w, "SOF");
      ws.getColumn(2).hidden = true;
      ws.getCell("D4").value = "Status";
      [9.1, 23.5, 1.5, 26, 1.5].forEach((v, i) => (ws.getCell(5 + i, 4).value = v));
    });
    const b = await runBoth(wb);
    const issues = cliIssues(b);
    expect(issues).toContainEqual({ severity: "warning", code: "HIDDEN_CELLS", sheet: "SOF", cell: "B1" });
    expect(issues).toContainEqual({ severity: "error", code: "YEAR_MISSING", sheet: "SOF", cell: "A2" });
    expect(b.written).toBeUndefined();
    expect(b.addin).toEqual(issues);
    // With the year and code moved to the visible column, this year's visible figures are the ones used.
    const moved = await runBoth(
      cleanWorkbook((w) => {
        const ws = sheet(w, "SOF");
        ws.getColumn(2).hidden = true;
        ws.getCell("C1").value = "SOF";
        ws.getCell("C2").value = 2025;
        ws.getCell("D4").value = "Status";
        [9.1, 23.5, 1.5, 26, 1.5].forEach((v, i) => (ws.getCell(5 + i, 4).value = v));
      }),
    );
    expect(cliIssues(moved).filter((i) => i.severity === "error")).toEqual([]);
    usedOrNamed(moved, "SOF", "loentilskud", "D5", 9.1);
    usedOrNamed(moved, "SOF", "fleksjob", "D8", 26);
    expect(moved.cli.forvaltninger.find((u) => u.code === "SOF")?.status.fleksjob).toBe(26);
  });

  test("the year in a merged cell (B2:C2) next to «År» is read", async () => {
    const wb = cleanWorkbook((w) => sheet(w, "BUF").mergeCells("B2:C2"));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.cli.year).toBe(2025);
  });

  test("a total row «Løntilskud, virksomhedspraktik og småjob i alt» that does not add up is named with both figures, never only skipped", async () => {
    const wb = cleanWorkbook((w) => {
      const ws = sheet(w, "BUF");
      ws.spliceRows(8, 0, ["Løntilskud, virksomhedspraktik og småjob i alt", 40, 116]);
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "TOTAL_MISMATCH", sheet: "BUF", cell: "B8" }]);
    expect(b.cli.issues[0]?.message).toMatch(/er 40, men summen af tallene er 45,15/);
    expect(b.addin).toEqual(cliIssues(b));
    expect(b.written).toBeUndefined();
  });
});
