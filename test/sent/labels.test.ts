/**
 * Class 7 of issue 9: labels and names as departments write them, and the department's own check
 * (»Valider ark«, `valider --ark`) agreeing with HR's calculation.
 */
import ExcelJS from "exceljs";
import { issueMessage } from "../../src/messages/da";
import { FIGURES, TARGETS, cleanWorkbook, cliIssues, departmentRows, putRows, runBoth, sheet, validateBoth, type Figures } from "./helpers";

describe("labels and names as departments write them (issue 9, class 7)", () => {
  test("»Smajob« is recognised as »Lontilskud« is", async () => {
    const wb = cleanWorkbook((w) => putRows(sheet(w, "BUF"), [[], [], [], [], ["Lontilskud"], [], ["Smajob"]]));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.cli.forvaltninger.find((u) => u.code === "BUF")?.status.smaajob).toBe(FIGURES.BUF?.smaajob);
  });

  test("labels with invisible characters (soft hyphen, zero-width space) are recognised", async () => {
    const wb = cleanWorkbook((w) =>
      putRows(sheet(w, "SOF"), [["Forvaltning\u200b", "SOF\u200b"], ["\ufeffÅr"], [], ["Ord\u00adning", "Sta\u200btus", "Antal\u00a0forløb"], ["Løn\u00adtilskud"], [], ["Små\u200bjob"], ["Fleks\u2060job"]]),
    );
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    expect(b.addin).toEqual([]);
    expect(b.cli.forvaltninger.find((u) => u.code === "SOF")?.status.fleksjob).toBe(FIGURES.SOF?.fleksjob);
  });

  test("one scheme split into two rows is an error whose advice is to add them up, never only to delete one", async () => {
    const wb = cleanWorkbook((w) => {
      const ws = sheet(w, "BUF");
      ws.getCell("A5").value = "Løntilskud (ledige)";
      putRows(ws, [[], [], [], [], [], [], [], [], [], ["Løntilskud (førtidspensionister)", 3.5, 6]]);
    });
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "ROW_DUPLICATE", sheet: "BUF", cell: "A10" }]);
    const message = b.cli.issues[0]?.message ?? "";
    expect(message).toContain("»Løntilskud (ledige)«");
    expect(message).toMatch(/to dele af samme ordning .* så læg tallene sammen/);
    expect(message).not.toMatch(/Slet den ene række\.$/);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("full names: a sheet called »Socialforvaltningen«, »BUF - Børne- og Ungdomsforvaltningen« in the Forvaltning field, »KK (hele kommunen)« in Måltal", async () => {
    const wb = cleanWorkbook((w) => {
      sheet(w, "SOF").name = "Socialforvaltningen";
      sheet(w, "BUF").getCell("B1").value = "BUF - Børne- og Ungdomsforvaltningen";
      putRows(sheet(w, "Måltal"), [[], [], [], ["KK (hele kommunen)", 86, 75, 6]]);
    });
    const b = await runBoth(wb);
    // KK's own targets (86) differ from the sum (85): the documented warning, at the KK row.
    expect(cliIssues(b)).toEqual([{ severity: "warning", code: "KK_TARGET_DIFFERS", sheet: "Måltal", cell: "B4" }]);
    expect(b.cli.forvaltninger.map((u) => u.code)).toEqual(["BUF", "SOF"]);
    expect(b.cli.kk?.maal.samlet).toBe(86);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("a full name jobstatus does not know, as a sheet name, is not guessed: an error", async () => {
    const wb = cleanWorkbook((w) => putRows(w.addWorksheet("Ukendt forvaltning"), departmentRows("UKF", 2025, FIGURES.BUF as Figures)));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "UNKNOWN_UNIT_SHEET", sheet: "Ukendt forvaltning", cell: null }]);
  });
});

/** A department's own workbook: only its sheet, as it is sent to HR. */
function ownWorkbook(name: string, rows: readonly (readonly unknown[])[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  putRows(wb.addWorksheet(name), rows as never);
  return wb;
}

/** HR's workbook: Måltal, the other department and the sheet as sent. */
function hrWorkbook(name: string, rows: readonly (readonly unknown[])[], year = 2025): ExcelJS.Workbook {
  return cleanWorkbook((w) => {
    w.removeWorksheet(sheet(w, "SOF").id);
    putRows(w.addWorksheet(name), rows as never);
    if (year !== 2025 && year !== 2024) putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [year, 50, 40, 10]]);
    const m = sheet(w, "Måltal");
    m.getCell("A3").value = "SOF";
    const t = TARGETS.SOF ?? [0, 0, 0];
    t.forEach((v, i) => (m.getCell(3, 2 + i).value = v));
  }, year);
}

describe("the department's check and HR's check agree (issue 9, class 7)", () => {
  const sof = FIGURES.SOF as Figures;
  const variants: [string, string, (readonly unknown[])[], number][] = [
    ["a clean sheet", "SOF", departmentRows("SOF", 2025, sof), 2025],
    ["a sheet called by its full name", "Socialforvaltningen", departmentRows("SOF", 2025, sof), 2025],
    ["a full name in the Forvaltning field", "SOF", [["Forvaltning", "SOF - Socialforvaltningen"], ...departmentRows("SOF", 2025, sof).slice(1)], 2025],
    ["no fritidsjob row in a year HR has not set weights for", "SOF", departmentRows("SOF", 2031, sof).slice(0, 8), 2031],
    ["a swapped pair", "SOF", departmentRows("SOF", 2025, { ...sof, virksomhedspraktik: 60, forloeb: [15, 22.75 as number, 4] }), 2025],
  ];
  test.each(variants)("%s: passes the department's check exactly when HR's calculation accepts it", async (_what, name, rows, year) => {
    const own = await validateBoth(ownWorkbook(name, rows), name);
    expect(own.addin).toEqual(own.cli);
    const ownErrors = own.cli.filter((i) => i.severity === "error");
    const hr = await runBoth(hrWorkbook(name, rows, year));
    const hrErrorsOnSheet = cliIssues(hr).filter((i) => i.severity === "error" && i.sheet === name);
    expect(hrErrorsOnSheet.map((i) => i.code)).toEqual(ownErrors.map((i) => i.code));
    if (ownErrors.length === 0) expect(hr.cliCode).toBe(0);
  });

  test("unknown weights for the year are HR's to fix: a warning in the department's own check, not its error", async () => {
    const own = await validateBoth(ownWorkbook("SOF", departmentRows("SOF", 2031, FIGURES.SOF as Figures)), "SOF");
    expect(own.cli).toEqual([{ severity: "warning", code: "WEIGHTS_UNKNOWN", sheet: "Projektmappe", cell: null }]);
    expect(own.cliCode).toBe(0);
    expect(own.addin).toEqual(own.cli);
    expect(issueMessage({ code: "WEIGHTS_UNKNOWN", params: { year: 2031 } })).toMatch(/Indstillinger/);
    // The same without --ark (`jobstatus valider fil.xlsx`, »Valider alle«): a department's own file
    // has no Måltal, so it is the department's check and the unknown weights are a note there too.
    const whole = await validateBoth(ownWorkbook("SOF", departmentRows("SOF", 2031, FIGURES.SOF as Figures)));
    expect(whole.cli).toEqual([{ severity: "warning", code: "WEIGHTS_UNKNOWN", sheet: "Projektmappe", cell: null }]);
    expect(whole.cliCode).toBe(0);
    expect(whole.addin).toEqual(whole.cli);
    // HR's workbook (with Måltal) still stops on them: only HR can fix them.
    const hr = await runBoth(cleanWorkbook(() => undefined, 2031));
    expect(cliIssues(hr)).toContainEqual({ severity: "error", code: "WEIGHTS_UNKNOWN", sheet: "Måltal", cell: null });
  });
});

describe("a department's own file that jobstatus does not recognise never passes silently (issue 9, class 7)", () => {
  test("one sheet called »Ark1« with the table moved below row 30: `valider` names what is missing instead of saying nothing", async () => {
    const rows = departmentRows("SOF", 2025, FIGURES.SOF as Figures);
    const moved = [rows[0], rows[1], ...new Array<never[]>(32).fill([]), ...rows.slice(3)];
    const v = await validateBoth(ownWorkbook("Ark1", moved as never));
    // The sheet is checked as the department's: the Forvaltning field says SOF (name the sheet so),
    // and the table is out of reach.
    expect(v.cli.map((i) => `${i.severity}:${i.code}@${i.sheet}`).sort()).toEqual(["error:HEADER_MISSING@Ark1", "error:UNIT_MISMATCH@Ark1"]);
    expect(v.cliCode).toBe(1);
    expect(v.addin).toEqual(v.cli);
    // HR's beregn rejects the same sheet for the same reason.
    const hr = await runBoth(hrWorkbook("SOF", moved as never));
    expect(cliIssues(hr).filter((i) => i.severity === "error").map((i) => `${i.code}@${i.sheet}`)).toEqual(["HEADER_MISSING@SOF"]);
  });

  test("two sheets, neither a department sheet: `valider` says that no sheet looks like one", async () => {
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet("Ark1"), [["Noter til HR"]]);
    putRows(wb.addWorksheet("Ark2"), [["Fleksjob", 25], ["Fritidsjob", 1.5]]);
    const v = await validateBoth(wb);
    expect(v.cli).toEqual([{ severity: "error", code: "NO_DEPARTMENT_SHEET", sheet: "Projektmappe", cell: null }]);
    expect(v.messages[0]).toMatch(/Intet ark ligner et forvaltningsark/);
    expect(v.cliCode).toBe(1);
    expect(v.addin).toEqual(v.cli);
  });
});
