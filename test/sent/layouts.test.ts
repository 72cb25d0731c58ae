/**
 * The layouts departments really send (issue 19, items 5–8): the right column or a question, a month
 * where December belongs, long names kept whole, and the strict spots that blocked realistic sheets.
 * Each workbook is built by script the way a department makes it, and run through `jobstatus beregn
 * --json` and the add-in's »Beregn status«; both must agree.
 */
import ExcelJS from "exceljs";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { calculate } from "../../src/core";
import { blockText, buildNotat, notatSettingsOf } from "../../src/core/notat";
import { cleanWorkbook, cliIssues, FIGURES, putRows, runBoth, sheet, TARGETS, type Row } from "./helpers";

const BUF = FIGURES.BUF as (typeof FIGURES)[string];

/** BUF's sheet replaced by `rows` (the department's own layout). */
const withBuf = (rows: readonly Row[], patch: (ws: ExcelJS.Worksheet) => void = () => undefined): ExcelJS.Workbook =>
  cleanWorkbook((w) => {
    w.removeWorksheet(sheet(w, "BUF").id);
    const ws = w.addWorksheet("BUF");
    putRows(ws, rows);
    patch(ws);
  });

const schemeRows = (status: (k: "l" | "v" | "s" | "f" | "t") => number | string): Row[] => [
  ["Løntilskud (helårspersoner)", status("l"), BUF.forloeb[0]],
  ["Virksomhedspraktik (helårspersoner)", status("v"), BUF.forloeb[1]],
  ["Småjob under det sociale frikort", status("s"), BUF.forloeb[2]],
  ["Fleksjob (antal ansatte)", status("f")],
  ["Fritidsjob (helårspersoner)", status("t")],
];
const ours = (k: "l" | "v" | "s" | "f" | "t"): number => ({ l: BUF.loentilskud, v: BUF.virksomhedspraktik, s: BUF.smaajob, f: BUF.fleksjob, t: BUF.fritidsjob })[k];

describe("the right column, or a question (issue 19, item 5)", () => {
  test("»Ordning | Status | 2025 | Antal forløb«: two candidate status columns are an error naming both", async () => {
    const wb = withBuf([["Forvaltning", "BUF"], ["År", 2025], [], ["Ordning", "Status", 2025, "Antal forløb"], ...schemeRows(ours).map((r) => [r[0], 1, r[1], r[2] ?? null])]);
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "STATUS_COLUMN_AMBIGUOUS", sheet: "BUF", cell: "C4" }]);
    expect(b.cli.issues[0]?.message).toContain("to kolonner, der kan være status: »Status« (B4) og »2025« (her)");
    expect(b.addin).toEqual(cliIssues(b));
    expect(b.written).toBeUndefined();
  });

  test("»Ordning | 2024 | 2025 | Antal forløb«: two years are an error naming both", async () => {
    const wb = withBuf([["Forvaltning", "BUF"], ["År", 2025], [], ["Ordning", "2024", "2025", "Antal forløb"], ...schemeRows(ours).map((r) => [r[0], 1, r[1], r[2] ?? null])]);
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "STATUS_COLUMN_AMBIGUOUS", sheet: "BUF", cell: "C4" }]);
    expect(b.cli.issues[0]?.message).toContain("»2024« (B4) og »2025« (her)");
    expect(b.addin).toEqual(cliIssues(b));
  });
});

describe("a month where December belongs (issue 19, item 6)", () => {
  const septemberLabel = (settings: Row[] = []) =>
    cleanWorkbook((w) => {
      sheet(w, "BUF").getCell("A8").value = "Fleksjob (antal ansatte i september)";
      if (settings.length > 0) putRows(w.addWorksheet("Indstillinger"), settings);
    });

  test("»Fleksjob (antal ansatte i september)« in a whole-year status is a warning at the label; the figure is used", async () => {
    const b = await runBoth(septemberLabel());
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "LABEL_MONTH_MISMATCH", sheet: "BUF", cell: "A8" }]);
    expect(b.cli.issues[0]?.message).toContain("nævner september, men perioden slutter i december");
    expect(b.addin).toEqual(cliIssues(b));
    expect(b.cli.forvaltninger.find((u) => u.code === "BUF")?.status.fleksjob).toBe(BUF.fleksjob);
  });

  test("a label naming the whole period (»januar–december«) in a whole-year status: no warning", async () => {
    const b = await runBoth(cleanWorkbook((w) => void (sheet(w, "BUF").getCell("A5").value = "Løntilskud (helårspersoner, januar–december)")));
    expect(cliIssues(b)).toEqual([]);
  });

  test("the same label in a status for januar–september is what it should say: no warning", async () => {
    const b = await runBoth(septemberLabel([["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6], [], ["Sidste måned", "september"]]));
    expect(cliIssues(b)).toEqual([]);
    expect(b.addin).toEqual([]);
  });
});

describe("names kept whole (issue 19, item 7)", () => {
  const longName = "Børne- og Ungdomsforvaltningen, Center for Dagtilbud, Skoler, Fritidsinstitutioner, Klubber og Ungdomsskoler i Københavns Kommune (BUF)";

  test("a 137-character forvaltning name in Måltal's Navn column is kept whole in every title, on the sheet in both front ends", async () => {
    expect(longName.length).toBeGreaterThanOrEqual(130);
    const wb = cleanWorkbook((w) => {
      const m = sheet(w, "Måltal");
      m.getCell("E1").value = "Navn";
      m.getCell("E2").value = longName;
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.written).toBe("Status 2025");
    const { calculate } = await import("../../src/core");
    const { readWorkbookGrid } = await import("../../src/cli/xlsx-read");
    const report = calculate(readWorkbookGrid(wb)).report;
    const titles = (report?.values ?? []).map((r) => r[0]).filter((v): v is string => typeof v === "string" && v.startsWith("Tabel"));
    expect(titles).toContain(`Tabel 2: Status og målopfyldelse for de særlige jobordninger i ${longName} for 2025`);
    expect(titles.join("\n")).not.toContain("…");
    // The Word notat's table titles too.
    const { buildNotat, blockText, notatSettingsOf } = await import("../../src/core/notat");
    const grid = readWorkbookGrid(wb);
    const notat = buildNotat(calculate(grid).result, notatSettingsOf(grid), { today: { year: 2026, month: 1, day: 5 } });
    const notatTitles = notat.blocks.flatMap((bl) => (bl.kind === "paragraph" && bl.style === "tableTitle" ? [blockText(bl)] : []));
    expect(notatTitles).toContain(`Tabel 2: Status og målopfyldelse for de særlige jobordninger i ${longName} for 2025`);
  });

  test("a name too long for any title (over 1.000 characters) is refused at its cell, never cut", async () => {
    const wb = cleanWorkbook((w) => {
      const m = sheet(w, "Måltal");
      m.getCell("E1").value = "Navn";
      m.getCell("E2").value = "Forvaltningen ".repeat(80);
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "TEXT_TOO_LONG", sheet: "Måltal", cell: "E2" }]);
    expect(b.addin).toEqual(cliIssues(b));
  });
});

describe("what careful people write (issue 19, item 8)", () => {
  test("a two-row header with a units row (»helårspersoner«) under it, »Ordning« merged over both rows: read, no error", async () => {
    const wb = withBuf(
      [["Forvaltning", "BUF"], ["År", 2025], [], ["Ordning", "Status", "Antal forløb"], [null, "helårspersoner", "antal"], ...schemeRows(ours)],
      (ws) => ws.mergeCells("A4:A5"),
    );
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.addin).toEqual([]);
    expect(b.cli.forvaltninger.find((u) => u.code === "BUF")?.status.loentilskud).toBe(BUF.loentilskud);
  });

  test("the same with »Status« over »helårspersoner« and »Antal forløb« merged over both header rows", async () => {
    const wb = withBuf(
      [["Forvaltning", "BUF"], ["År", 2025], [], ["Ordning", "Status", "Antal forløb"], [null, "helårspersoner", null], ...schemeRows(ours)],
      (ws) => {
        ws.mergeCells("A4:A5");
        ws.mergeCells("C4:C5");
      },
    );
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.addin).toEqual([]);
    expect(b.cli.forvaltninger.find((u) => u.code === "BUF")?.forloeb.virksomhedspraktik).toBe(BUF.forloeb[1]);
  });

  test("the Måltal header »Fleksjob (samlet antal ansatte)« is fleksjob's column", async () => {
    const wb = cleanWorkbook((w) => void (sheet(w, "Måltal").getCell("C1").value = "Fleksjob (samlet antal ansatte)"));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.cli.kk?.maal.fleksjob).toBe((TARGETS.BUF?.[1] ?? 0) + (TARGETS.SOF?.[1] ?? 0));
    expect(b.addin).toEqual([]);
  });

  test("a Måltal sheet named »Måltal 2025« is named in the error (never used: it could be another year's)", async () => {
    const wb = cleanWorkbook((w) => void (sheet(w, "Måltal").name = "Måltal 2025"));
    const b = await runBoth(wb);
    expect(cliIssues(b).filter((i) => i.code === "MAALTAL_MISSING")).toEqual([{ severity: "error", code: "MAALTAL_MISSING", sheet: "Projektmappe", cell: null }]);
    expect(b.cli.issues.find((i) => i.code === "MAALTAL_MISSING")?.message).toContain("arket »Måltal 2025« ligner");
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("»-« in a 2024 sheet's fritidsjob cell (a scheme 2024 does not use) is not blocking; Tabel 2 is kept", async () => {
    const wb = cleanWorkbook((w) =>
      putRows(w.addWorksheet("Forrige år"), [
        ["Forvaltning", "KK"],
        ["År", 2024],
        [],
        ["Ordning", "Status", "Antal forløb", "Måltal"],
        ["Løntilskud", 20, 30, 80],
        ["Virksomhedspraktik", 50, 140],
        ["Småjob", 3, 9],
        ["Fleksjob", 60, null, 70],
        ["Fritidsjob", "-", "-"],
      ]),
    );
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.addin).toEqual([]);
    expect(b.cli.previous?.year).toBe(2024);
  });

  test("»-« where the year does use the scheme is still an error at the cell", async () => {
    const b = await runBoth(cleanWorkbook((w) => void (sheet(w, "BUF").getCell("B9").value = "-")));
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "VALUE_NOT_NUMBER", sheet: "BUF", cell: "B9" }]);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("»Sagsnr. i F2« written under the weights on Indstillinger is ignored with a warning at its cell, and beregn runs", async () => {
    const wb = cleanWorkbook((w) => putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6], ["Sagsnr. i F2", "2025-0012345"]]));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "SETTINGS_LABEL_UNKNOWN", sheet: "Indstillinger", cell: "A3" }]);
    expect(b.cli.issues[0]?.message).toContain("»Sagsnr. i F2« er hverken et år eller en af de etiketter");
    expect(b.addin).toEqual(cliIssues(b));
    expect(b.written).toBe("Status 2025");
  });

  test("a date where a figure belongs names the date as the user sees it (issue 19, item 6)", async () => {
    const b = await runBoth(cleanWorkbook((w) => void (sheet(w, "BUF").getCell("B5").value = new Date(Date.UTC(2025, 4, 1)))));
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "VALUE_DATE", sheet: "BUF", cell: "B5" }]);
    expect(b.cli.issues[0]?.message).toBe("Cellen er en dato (01-05-2025), men skal være status. Skriv tallet, og sæt cellens talformat til Tal.");
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("`Sidste måned` typed as a date (Excel made »juni 2025« a date): its month is used, never »[object Object]«", async () => {
    const wb = cleanWorkbook((w) => putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6], [], ["Sidste måned", new Date(Date.UTC(2025, 5, 1))]]));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.addin).toEqual([]);
    expect(b.cli.settings.lastMonth).toEqual({ month: 6, source: { sheet: "Indstillinger", cell: "B4" } });
    expect(b.cli.period?.label).toBe("januar–juni 2025");
  });
});

describe("a second status column the header list does not know (issue 19b, items 1–2)", () => {
  const rowsWith = (header: Row, sub: Row | undefined): Row[] => [
    ["Forvaltning", "BUF"],
    ["År", 2025],
    [],
    header,
    ...(sub ? [sub] : []),
    ...schemeRows(ours).map((r) => [r[0], 1, r[1], r[2] ?? null]),
  ];
  test.each<[string, Row, string]>([
    ["»Status 2024 | Status 2025«", [null, "Status 2024", "Status 2025", null], "»Status 2024« (B5) og »Status 2025« (her)"],
    ["»forrige år | i år«", [null, "forrige år", "i år", null], "»forrige år« (B5) og »i år« (her)"],
    ["the bare years 2024 | 2025", [null, 2024, 2025, null], "»2024« (B5) og »2025« (her)"],
  ])("»Status« merged over B4:C4 with %s below is no units row: an error naming both, column B is not read", async (_name, sub, named) => {
    const wb = withBuf(rowsWith(["Ordning", "Status", null, "Antal forløb"], sub), (ws) => {
      ws.mergeCells("A4:A5");
      ws.mergeCells("B4:C4");
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "STATUS_COLUMN_AMBIGUOUS", sheet: "BUF", cell: "C5" }]);
    expect(b.cli.issues[0]?.message).toContain(named);
    expect(b.addin).toEqual(cliIssues(b));
    expect(b.written).toBeUndefined();
  });

  test.each(["Status i 2025", "Status pr. 31.12.2025"])("»Status | %s«: a header off the accepted list beside the status column is an error naming both", async (second) => {
    const wb = withBuf(rowsWith(["Ordning", "Status", second, "Antal forløb"], undefined));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "STATUS_COLUMN_AMBIGUOUS", sheet: "BUF", cell: "C4" }]);
    expect(b.cli.issues[0]?.message).toContain(`»Status« (B4) og »${second}« (her)`);
    expect(b.addin).toEqual(cliIssues(b));
  });
});

describe("months and years named in labels and headers (issue 19b, items 6–7)", () => {
  test.each<[string, string, string]>([
    ["an abbreviation »sept.«", "Fleksjob (antal ansatte i sept.)", "nævner september, men perioden slutter i december"],
    ["an abbreviation »okt«", "Fleksjob (antal ansatte okt)", "nævner oktober, men perioden slutter i december"],
    ["a numeric date »30.09.2025«", "Fleksjob (antal ansatte pr. 30.09.2025)", "nævner september 2025, men perioden slutter i december"],
    ["another year »i december 2024«", "Fleksjob (antal ansatte i december 2024)", "nævner december 2024, men perioden slutter i december 2025"],
  ])("%s in a scheme label: a warning at the label naming it", async (_name, label, says) => {
    const b = await runBoth(cleanWorkbook((w) => void (sheet(w, "BUF").getCell("A8").value = label)));
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "LABEL_MONTH_MISMATCH", sheet: "BUF", cell: "A8" }]);
    expect(b.cli.issues[0]?.message).toContain(says);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("»Fleksjob (antal ansatte 31.12.2025)« and »… i dec.« in a whole-2025 status: no warning", async () => {
    for (const label of ["Fleksjob (antal ansatte 31.12.2025)", "Fleksjob (antal ansatte i dec.)"]) {
      const b = await runBoth(cleanWorkbook((w) => void (sheet(w, "BUF").getCell("A8").value = label)));
      expect(cliIssues(b)).toEqual([]);
    }
  });

  test.each<[string, string, string]>([
    ["C4", "Antal forløb i januar–juni 2025", "Overskriften »Antal forløb i januar–juni 2025« nævner juni 2025, men perioden slutter i december"],
    ["B4", "Status 2025 (januar–juni)", "Overskriften »Status 2025 (januar–juni)« nævner juni, men perioden slutter i december"],
  ])("a header (%s) »%s« in a whole-year status: a warning at the header naming the period", async (cell, header, says) => {
    const b = await runBoth(cleanWorkbook((w) => void (sheet(w, "BUF").getCell(cell).value = header)));
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "LABEL_MONTH_MISMATCH", sheet: "BUF", cell }]);
    expect(b.cli.issues[0]?.message).toContain(says);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("Forrige år's labels are checked against its own period: »i juni« with its own »Sidste måned: juni« is fine, »i december« is not", async () => {
    const prev = (label: string) =>
      cleanWorkbook((w) => {
        putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2024, 55, 45, 0], [2025, 51, 43, 6]]);
        putRows(w.addWorksheet("Forrige år"), [
          ["Forvaltning", "KK"],
          ["År", 2024],
          ["Sidste måned", "juni"],
          ["Ordning", "Status", "Antal forløb", "Måltal"],
          ["Løntilskud", 20, 30, 80],
          ["Virksomhedspraktik", 50, 140],
          ["Småjob", 3, 9],
          [label, 60, null, 70],
        ]);
      });
    expect(cliIssues(await runBoth(prev("Fleksjob (antal ansatte i juni)")))).toEqual([]);
    const b = await runBoth(prev("Fleksjob (antal ansatte i december)"));
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "LABEL_MONTH_MISMATCH", sheet: "Forrige år", cell: "A8" }]);
    expect(b.cli.issues[0]?.message).toContain("nævner december, men perioden slutter i juni");
    expect(b.addin).toEqual(cliIssues(b));
  });
});

describe("`Sidste måned` inside Forrige år's table (issue 19b, item 10)", () => {
  test("is read as its period and not reported as an unknown row »ikke talt med«", async () => {
    const wb = cleanWorkbook((w) => {
      putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2024, 55, 45, 0], [2025, 51, 43, 6], [], ["Sidste måned", "juni"]]);
      putRows(w.addWorksheet("Forrige år"), [
        ["Forvaltning", "KK"],
        ["År", 2024],
        [],
        ["Ordning", "Status", "Antal forløb", "Måltal"],
        ["Sidste måned", "juni"],
        ["Løntilskud", 20, 30, 80],
        ["Virksomhedspraktik", 50, 140],
        ["Småjob", 3, 9],
        ["Fleksjob", 60, null, 70],
      ]);
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.addin).toEqual([]);
    expect(b.cli.period?.comparable).toBe(true);
  });
});

describe("bidi and control characters in Måltal's Navn (issue 19b, item 11)", () => {
  test("U+202E, U+2066–U+2069, U+200F and C1 controls never reach the status sheet's titles or the notat", async () => {
    const typed = "\u202eBørne- og\u2066 Ungdoms\u200fforvaltningen\u2069\u0085";
    const wb = cleanWorkbook((w) => {
      const m = sheet(w, "Måltal");
      m.getCell("E1").value = "Navn";
      m.getCell("E2").value = typed;
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    const grid = readWorkbookGrid(wb);
    const outcome = calculate(grid);
    expect(outcome.result.forvaltninger.find((u) => u.code === "BUF")?.name).toBe("Børne- og Ungdomsforvaltningen");
    const notat = buildNotat(outcome.result, notatSettingsOf(grid), { today: { year: 2025, month: 10, day: 15 } });
    const text = notat.blocks.flatMap((x) => (x.kind === "heading" || x.kind === "paragraph" ? [blockText(x)] : [])).join("\n");
    expect(text).toContain("Tabel 2: Status og målopfyldelse for de særlige jobordninger i Børne- og Ungdomsforvaltningen for 2025");
    expect(text).not.toMatch(/[\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u);
    expect(JSON.stringify(b.cli)).not.toMatch(/\\u202e|\u202e/u);
  });
});

describe("a Måltal header read as another column's group (issue 19b, item 12)", () => {
  test("»Samlet måltal inkl. fleksjob« beside »Fleksjob«: COLUMN_DUPLICATE names both headers as typed", async () => {
    const wb = cleanWorkbook((w) => void (sheet(w, "Måltal").getCell("B1").value = "Samlet måltal inkl. fleksjob"));
    const b = await runBoth(wb);
    const dup = b.cli.issues.find((i) => i.code === "COLUMN_DUPLICATE");
    expect(dup?.cell).toBe("C1");
    expect(dup?.message).toBe("Kolonnen »Fleksjob« og kolonnen »Samlet måltal inkl. fleksjob« i B1 læses begge som måltallet for fleksjob. Jobstatus vælger ikke selv. Slet eller omdøb den ene.");
    expect(b.addin).toEqual(cliIssues(b));
  });
});
