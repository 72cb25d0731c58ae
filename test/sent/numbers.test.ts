/**
 * Classes 5 and 6 of issue 9: numbers as Excel holds them. Float noise from formulas is not a figure,
 * and text and cells show the same rounded figure.
 */
import ExcelJS from "exceljs";
import * as path from "node:path";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { calculate } from "../../src/core";
import { formatDanish, roundHalfAway } from "../../src/core/numbers";
import { summaryParagraphs } from "../../src/core/summary";
import { BUILT_IN_WEIGHTS } from "../../src/core/weights";
import { REPORT } from "../../src/messages/da";
import { readXlsx, runCli, tempDir } from "../support/cli";
import { cleanWorkbook, cliIssues, putRows, runBoth, sheet } from "./helpers";

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.load((await wb.xlsx.writeBuffer()) as ExcelJS.Buffer);
  return copy;
}

describe("whole numbers with floating-point noise (issue 9, class 6)", () => {
  test("=2,47*100 (247.00000000000003) is the whole number 247 that Excel shows, for fleksjob and forløb", async () => {
    const wb = cleanWorkbook((w) => {
      const ws = sheet(w, "BUF");
      ws.getCell("B8").value = { formula: "2.47*100", result: 2.47 * 100 };
      ws.getCell("C6").value = { formula: "2.47*100", result: 2.47 * 100 };
      // A target that makes 247 ansatte plausible (plausibility.ts).
      sheet(w, "Måltal").getCell("C2").value = 250;
    });
    expect(2.47 * 100).not.toBe(247);
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([]);
    const buf = b.cli.forvaltninger.find((u) => u.code === "BUF");
    expect(buf?.status.fleksjob).toBe(247);
    expect(buf?.forloeb.virksomhedspraktik).toBe(247);
    expect(b.addin).toEqual([]);
  });

  test("a forløb that really is not whole names its real value (»men er 246,5«), never a rounded one", async () => {
    const wb = cleanWorkbook((w) => (sheet(w, "BUF").getCell("C6").value = 246.5));
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "VALUE_NOT_WHOLE", sheet: "BUF", cell: "C6" }]);
    expect(b.cli.issues[0]?.message).toMatch(/skal være et helt tal, men er 246,5\./);
    const tiny = cleanWorkbook((w) => (sheet(w, "BUF").getCell("C6").value = 247.0001));
    const t = await runBoth(tiny);
    expect(t.cli.issues[0]?.message).toMatch(/men er 247,0001\./);
  });
});

describe("text and numbers agree (issue 9, class 5)", () => {
  test("a total just under ,5 (999,4999999999) is 999 in the summary text and in the cell's display", async () => {
    const wb = cleanWorkbook((w) => {
      // KK samlet = BUF + SOF; make it 999.4999999999 with SOF's virksomhedspraktik.
      const sof = sheet(w, "SOF");
      const rest = 12.4 + 30.25 + 2.5 + 8.6 + 1.5;
      sof.getCell("B6").value = 999.4999999999 - rest;
      sof.getCell("C6").value = 1000;
    });
    const outcome = calculate(readWorkbookGrid(await roundTrip(wb)));
    const samlet = outcome.result.kk?.status.samlet ?? 0;
    expect(roundHalfAway(samlet)).toBe(999);
    expect(formatDanish(samlet)).toBe("999");
    expect(summaryParagraphs(outcome.result).join(" ")).toContain(" 999 helårspersoner");
  });

  test("with new targets the summary's verb follows the målopfyldelse its sentence names, and the helårspersoner get their own verb", async () => {
    const wb = cleanWorkbook((w) => {
      // 2024: 73 helårspersoner of a target of 76,8 (95 pct.); 2025: 78 of 85 (92 pct.).
      putRows(w.addWorksheet("Forrige år"), [
        ["Forvaltning", "KK"],
        ["År", 2024],
        [],
        ["Ordning", "Status", "Antal forløb", "Måltal"],
        ["Løntilskud", 20, 30, 76.8],
        ["Virksomhedspraktik", 50, 140],
        ["Småjob", 3, 9],
        ["Fleksjob", 60, null, 70],
      ]);
    });
    const outcome = calculate(readWorkbookGrid(await roundTrip(wb)));
    expect(outcome.issues).toEqual([]);
    const text = summaryParagraphs(outcome.result).join("\n");
    expect(text).toContain("Den samlede målopfyldelse for ordningerne virksomhedspraktik, løntilskud og småjob under det sociale frikort er faldet fra 95 pct. i 2024 til 92 pct. i 2025, mens antallet af helårspersoner er steget fra 73 til 78.");
    expect(text).not.toMatch(/er steget fra [^.]*95 pct\.[^.]*til[^.]*92 pct\./);
    // Fleksjob: 60 of 70 (86 pct.) to 65 of 75 (87 pct.): both up, the notat's sentence.
    expect(text).toContain("Antallet af ansatte i fleksjob er steget fra 60 i 2024 til 65 i 2025");
  });

  test("the 2024 footnote says »vægter 55 pct.«, not »55,0 pct.«", () => {
    const w = BUILT_IN_WEIGHTS[2024];
    if (!w) throw new Error("no 2024 weights");
    expect((w.samlet ?? NaN) * 100).not.toBe(55);
    const text = REPORT.footnoteWeights(2024, w, true);
    expect(text).toContain("vægter 55 pct.");
    expect(text).toContain("vægter 45 pct.");
    expect(text).not.toMatch(/\d,0 pct\./);
  });

  test("the 2024 template stores the weight 55, not 55.00000000000001", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "skabelon-2024.xlsx");
    expect((await runCli("skabelon", "--aar", "2024", "-o", file)).code).toBe(0);
    const ws = (await readXlsx(file)).getWorksheet("Indstillinger");
    const weights: unknown[] = [];
    ws?.eachRow((row) => {
      if (row.getCell(1).value === 2024) weights.push(row.getCell(2).value, row.getCell(3).value);
    });
    expect(weights).toEqual([55, 45]);
  });
});
