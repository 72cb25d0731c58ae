/**
 * Periods within the year (issue 9): Indstillinger may set the period's last month. Titles,
 * headings, footnotes and the summary follow it in the CLI and the add-in; fleksjob is counted in
 * that month; targets stay annual.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { loadWorkbookBytes } from "../../src/xlsx/load";
import { savedWithManualCalculation } from "../support/manual-calc";
import { calculate } from "../../src/core";
import { blockText, buildNotat, notatSettingsOf } from "../../src/core/notat";
import { calculateStatus, newSession } from "../../src/office/operations";
import { createHost, loadXlsx, saveXlsx } from "../host";
import { hostEnv } from "../addin/fixtures";
import { readXlsx, runCli, tempDir } from "../support/cli";
import { cleanWorkbook, cliIssues, putRows, runBoth } from "./helpers";

const withPeriod = (month: string | number): ExcelJS.Workbook =>
  cleanWorkbook((w) => putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6], [], ["Sidste måned", month]]));

/** Every text in column A of the status sheet. */
function texts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => {
    const v = row.getCell(1).value;
    if (typeof v === "string") out.push(v);
  });
  return out;
}

describe("periods within the year (issue 9)", () => {
  test("»Sidste måned: september« names the period in the title, headings, footnotes and summary; targets stay annual", async () => {
    const wb = withPeriod("september");
    const outcome = calculate(readWorkbookGrid(wb));
    expect(outcome.issues).toEqual([]);
    expect(outcome.result.lastMonth).toBe(9);
    const all = texts((await (async () => {
      const dir = await tempDir();
      const file = path.join(dir, "in.xlsx");
      await wb.xlsx.writeFile(file);
      const out = path.join(dir, "out.xlsx");
      expect((await runCli("beregn", file, "-o", out)).code).toBe(0);
      const r = await readXlsx(out);
      await fs.rm(dir, { recursive: true, force: true });
      return r;
    })()).getWorksheet("Status 2025") as ExcelJS.Worksheet);
    expect(all).toContain("Status for de særlige jobordninger i KK som arbejdsplads for perioden januar til og med september 2025");
    expect(all).toContain("Perioden januar til og med september 2025");
    expect(all).toContain("Tabel 1: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for januar–september 2025, samt antal forløb");
    expect(all).toContain("* Status for fleksjob er opgjort i antal ansatte i september 2025");
    const summary = all.join("\n");
    expect(summary).toContain("Status for fleksjob er 65 ansatte i september 2025, svarende til en målopfyldelse på 87 pct. for januar–september 2025.");
    expect(summary).not.toMatch(/december 2025/);
    // Targets are annual: the same as for the whole year.
    const whole = calculate(readWorkbookGrid(cleanWorkbook())).result;
    expect(outcome.result.kk?.maal).toEqual(whole.kk?.maal);
    expect(outcome.result.kk?.maalopfyldelse).toEqual(whole.kk?.maalopfyldelse);
  });

  test("the add-in writes the same period texts as the CLI", async () => {
    const wb = withPeriod(9);
    const host = createHost(await loadXlsx(new Uint8Array(await wb.xlsx.writeBuffer())));
    expect((await calculateStatus(hostEnv(host), newSession())).written).toBe("Status 2025");
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.load((await saveXlsx(host)) as unknown as ExcelJS.Buffer);
    const addin = texts(saved.getWorksheet("Status 2025") as ExcelJS.Worksheet);
    const cli = calculate(readWorkbookGrid(wb)).report?.values.map((r) => r[0]).filter((v): v is string => typeof v === "string");
    expect(addin).toEqual(cli);
    expect(addin).toContain("Perioden januar til og med september 2025");
  });

  test("a month that is not a month is an error at its cell", async () => {
    const b = await runBoth(withPeriod("sept."));
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "PERIOD_INVALID", sheet: "Indstillinger", cell: "B4" }]);
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("the Word notat names the same period: »januar til og med september«, fleksjob in september", () => {
    const wb = withPeriod("september");
    const grid = readWorkbookGrid(wb);
    const notat = buildNotat(calculate(grid).result, notatSettingsOf(grid), { today: { year: 2025, month: 10, day: 15 } });
    const text = notat.blocks.flatMap((b) => (b.kind === "heading" || b.kind === "paragraph" ? [blockText(b)] : [])).join("\n");
    expect(text).toContain("januar til og med september 2025");
    expect(text).not.toContain("december 2025");
    expect(text).toMatch(/fleksjob[^\n]*september 2025/);
  });

  test("without »Sidste måned« the period is the whole year, as in the notat", () => {
    const outcome = calculate(readWorkbookGrid(cleanWorkbook()));
    expect(outcome.result.lastMonth).toBe(12);
    expect(outcome.report?.values.map((r) => r[0])).toContain("Perioden januar til og med december 2025");
  });
});

describe("one source of truth for the settings (issue 9, class 3)", () => {
  test("a second »Sidste måned« with another month is an error naming both places, in the CLI and the add-in", async () => {
    const wb = cleanWorkbook((w) =>
      putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6], [], ["Sidste måned", "september"], [], ["Sidste måned", 6]]),
    );
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "SETTING_DUPLICATE", sheet: "Indstillinger", cell: "A6" }]);
    expect(b.cli.issues[0]?.message).toMatch(/»Sidste måned« står to steder med forskellige måneder \(første gang i A4\)\. Jobstatus vælger ikke selv, hvilken der gælder/);
    expect(b.addin).toEqual(cliIssues(b));
    expect(b.written).toBeUndefined();
    // The same month twice is no contradiction.
    const same = await runBoth(
      cleanWorkbook((w) => putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6], [], ["Sidste måned", "september"], ["Sidste måned", 9]])),
    );
    expect(cliIssues(same)).toEqual([]);
  });

  test("»Sidste måned« far down the sheet (row 40) is read, not silently ignored", async () => {
    const rows: (string | number)[][] = [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6]];
    for (let i = rows.length; i < 39; i++) rows.push([]);
    rows.push(["Sidste måned", "september"]);
    const b = await runBoth(cleanWorkbook((w) => putRows(w.addWorksheet("Indstillinger"), rows)));
    expect(cliIssues(b)).toEqual([]);
    expect(b.cli.settings.lastMonth).toEqual({ month: 9, source: { sheet: "Indstillinger", cell: "B40" } });
  });

  test("a second weight table pasted further down Indstillinger is an error naming the first table", async () => {
    const wb = cleanWorkbook((w) =>
      putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6], [], [null, null, null, null, null, "År", "Samlet", "Fleksjob", "Fritidsjob"], [null, null, null, null, null, 2025, 50, 44, 6]]),
    );
    const b = await runBoth(wb);
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "SETTING_DUPLICATE", sheet: "Indstillinger", cell: "F4" }]);
    expect(b.cli.issues[0]?.message).toMatch(/tabel med vægte mere her \(den første står i A1\)/);
    expect(b.addin).toEqual(cliIssues(b));
  });
});

describe("helårspersoner never exceed forløb in a part year either (issue 9, periods)", () => {
  const partYear = (patch: (w: ExcelJS.Workbook) => void = () => undefined): ExcelJS.Workbook =>
    cleanWorkbook((w) => {
      putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6], [], ["Sidste måned", "september"]]);
      patch(w);
    });

  test("a swapped pair for januar–september is STATUS_OVER_FORLOEB as for the whole year; the period's real figures pass", async () => {
    const swapped = await runBoth(
      partYear((w) => {
        const ws = w.getWorksheet("BUF") as ExcelJS.Worksheet;
        ws.getCell("B6").value = 90;
        ws.getCell("C6").value = 30;
      }),
    );
    expect(cliIssues(swapped)).toEqual([{ severity: "error", code: "STATUS_OVER_FORLOEB", sheet: "BUF", cell: "B6" }]);
    expect(swapped.cli.issues[0]?.message).toMatch(/for hele året som for en del af det/);
    expect(swapped.addin).toEqual(cliIssues(swapped));
    // Nine months of 30 forløb: 22,5 helårspersoner counted as a year, 30 as the period's average — both pass.
    for (const status of [22.5, 30]) {
      const ok = await runBoth(
        partYear((w) => {
          const ws = w.getWorksheet("BUF") as ExcelJS.Worksheet;
          ws.getCell("B6").value = status;
          ws.getCell("C6").value = 30;
        }),
      );
      expect(cliIssues(ok)).toEqual([]);
      expect(ok.cli.settings.lastMonth.month).toBe(9);
    }
  });
});

describe("`Sidste måned` is read as carefully as a figure (issue 19b, items 5 and 8)", () => {
  test("=6 saved with the result 12: FORMULA_STALE at the cell in both front ends, no period guessed", async () => {
    const b = await runBoth(withPeriod({ formula: "6", result: 12 } as unknown as number));
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "FORMULA_STALE", sheet: "Indstillinger", cell: "B4" }]);
    expect(b.cli.issues[0]?.message).toContain("som giver 6, men filen har gemt resultatet 12 (sidste måned)");
    expect(b.addin).toEqual(cliIssues(b));
    expect(b.written).toBeUndefined();
  });

  test("=MONTH(C20) in a workbook saved with manual calculation: FORMULA_MANUAL_CALC at the cell", async () => {
    // Read as a file saved so is read: the reader keeps a formula it cannot check only under manual calculation (formulaMayMatter).
    const raw = new Uint8Array(await withPeriod({ formula: "MONTH(C20)", result: 6 } as unknown as number).xlsx.writeBuffer());
    const grid = readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), await savedWithManualCalculation(raw), "read"));
    expect(grid.calcMode).toBe("manual");
    const outcome = calculate(grid);
    expect(outcome.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual([["FORMULA_MANUAL_CALC", "Indstillinger", "B4"]]);
  });

  test.each<[string, unknown]>([
    ["a date in 2024 (1-6-2024)", new Date(Date.UTC(2024, 5, 1))],
    ["»juni 2024«", "juni 2024"],
  ])("%s in a 2025 status: PERIOD_YEAR_MISMATCH at the cell naming it", async (_name, value) => {
    const b = await runBoth(withPeriod(value as string));
    expect(cliIssues(b)).toEqual([{ severity: "error", code: "PERIOD_YEAR_MISMATCH", sheet: "Indstillinger", cell: "B4" }]);
    expect(b.cli.issues[0]?.message).toContain("som er i 2024, men status er for 2025");
    expect(b.addin).toEqual(cliIssues(b));
  });

  test("»juni 2025« in a 2025 status is juni", () => {
    const outcome = calculate(readWorkbookGrid(withPeriod("juni 2025")));
    expect(outcome.issues).toEqual([]);
    expect(outcome.result.lastMonth).toBe(6);
  });

  test.each(["1e1", "0x6", "6.0", "juni 2025 og juli"])("the text »%s« is no month: PERIOD_INVALID", (text) => {
    const outcome = calculate(readWorkbookGrid(withPeriod(text)));
    expect(outcome.issues.map((i) => [i.code, i.cell])).toEqual([["PERIOD_INVALID", "B4"]]);
  });
});
