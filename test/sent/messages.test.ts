/**
 * Class 8 of issue 9: layouts departments really send get a message that names the cell and says
 * what to do, and the Måltal and Indstillinger sheets read their column headers by one rule.
 */
import { headerGroup } from "../../src/core/labels";
import { FIGURES, cleanWorkbook, cliIssues, putRows, runBoth, sheet } from "./helpers";

describe("layouts as departments send them (issue 9, class 8)", () => {
  test("a units row right under the header (»helårspersoner«, »antal«) is read as part of the header (issue 19); further down it is an unlabelled row", async () => {
    const under = await runBoth(cleanWorkbook((w) => void sheet(w, "BUF").spliceRows(5, 0, [null, "helårspersoner", "antal"])));
    expect(cliIssues(under)).toEqual([]);
    expect(under.addin).toEqual([]);
    // Between the schemes it is no header: it names its row and says to delete it.
    const wb = cleanWorkbook((w) => void sheet(w, "BUF").spliceRows(7, 0, [null, "helårspersoner", "antal"]));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "ROW_UNLABELLED", sheet: "BUF", cell: "A7" }]);
    expect(b.cli.issues[0]?.message).toMatch(/underoverskrift\?\)\. Slet rækken/);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("a long-format table (Ordning, Mål, Værdi) is named at its header with what to do", async () => {
    const wb = cleanWorkbook((w) => {
      w.removeWorksheet(sheet(w, "BUF").id);
      putRows(w.addWorksheet("BUF"), [
        ["Forvaltning", "BUF"],
        ["År", 2025],
        [],
        ["Ordning", "Mål", "Værdi"],
        ["Løntilskud", "Status", FIGURES.BUF?.loentilskud ?? 0],
        ["Løntilskud", "Antal forløb", 20],
      ]);
    });
    const b = await runBoth(wb);
    const header = b.cli.issues.find((i) => i.code === "HEADER_MISSING");
    expect([header?.sheet, header?.cell]).toEqual(["BUF", "A4"]);
    expect(header?.message).toMatch(/lang form .* Flyt tallene ind i de kolonner/);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("a table pasted from the notat is named at its header and sends the department to the template", async () => {
    const wb = cleanWorkbook((w) => {
      w.removeWorksheet(sheet(w, "SOF").id);
      putRows(w.addWorksheet("SOF"), [
        ["Forvaltning", "SOF"],
        ["År", 2025],
        [],
        [null, "Status", "Samlet status", "Samlet måltal", "Procentvis målopfyldelse", "Antal forløb i 2025**"],
        ["Løntilskud (helårspersoner)", 9, 33, 35, "94 pct.", 15],
      ]);
    });
    const b = await runBoth(wb);
    const header = b.cli.issues.find((i) => i.code === "HEADER_MISSING");
    expect([header?.sheet, header?.cell]).toEqual(["SOF", "B4"]);
    expect(header?.message).toMatch(/kopieret fra notatet .* Brug skabelonens ark/);
  });

  test("»År: 2025« in one cell is named at that cell with how to split it", async () => {
    const wb = cleanWorkbook((w) => {
      const ws = sheet(w, "BUF");
      ws.getCell("A2").value = "År: 2025";
      ws.getCell("B2").value = null;
    });
    const b = await runBoth(wb);
    const year = b.cli.issues.find((i) => i.sheet === "BUF" && i.code === "YEAR_MISSING");
    expect(year?.cell).toBe("A2");
    expect(year?.message).toMatch(/samme celle som »År« \(»År: 2025«\)\. Skriv »År« i én celle og årstallet i cellen til højre/);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("a KK-only workbook says KK is the sum of the forvaltninger and what to add", async () => {
    const wb = cleanWorkbook((w) => {
      w.removeWorksheet(sheet(w, "BUF").id);
      w.removeWorksheet(sheet(w, "SOF").id);
      const m = sheet(w, "Måltal");
      putRows(m, [[], ["KK", 85, 75, 6]]);
      for (const a of ["A3", "B3", "C3", "D3"]) m.getCell(a).value = null;
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "MAALTAL_EMPTY", sheet: "Måltal", cell: "A1" }]);
    expect(b.cli.issues[0]?.message).toMatch(/kun en række for KK\. Tallene for hele kommunen beregnes altid som summen af forvaltningerne/);
  });
});

describe("column headers: one rule for Måltal and Indstillinger, as the format doc says (issue 9, class 8)", () => {
  test("»Samlet måltal ekskl. fleksjob« is the combined column and »Fleksjob (uden løntilskud)« the fleksjob column", () => {
    expect(headerGroup("Samlet måltal ekskl. fleksjob")).toBe("samlet");
    expect(headerGroup("Fleksjob (uden løntilskud)")).toBe("fleksjob");
    expect(headerGroup("Samlet måltal (virksomhedspraktik, løntilskud og småjob)")).toBe("samlet");
    expect(headerGroup("Fritidsjob")).toBe("fritidsjob");
    expect(headerGroup("Måltal")).toBeUndefined();
  });

  test("a Måltal sheet with those headers has neither a duplicate nor a missing column, and Indstillinger reads them alike", async () => {
    const wb = cleanWorkbook((w) => {
      putRows(sheet(w, "Måltal"), [["Forvaltning", "Samlet måltal ekskl. fleksjob", "Fleksjob (uden løntilskud)", "Fritidsjob"]]);
      putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet ekskl. fleksjob", "Fleksjob (uden løntilskud)", "Fritidsjob"], [2025, 51, 43, 6]]);
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.cli.weights).toEqual({ samlet: 0.51, fleksjob: 0.43, fritidsjob: 0.06 });
  });
});
