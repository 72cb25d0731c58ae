/**
 * Stale formula results (issue 19, item 3): the CLI reads each formula's cached result, the add-in
 * what Excel shows. Where the CLI cannot know that a cached result is current it says so at the cell
 * (manual calculation; a cached result that is not the formula's own arithmetic), and every figure
 * both front ends compute is the same. Workbooks built by script, as a department types formulas.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { toJson, type StatusJson } from "../../src/core/json";
import { analyseArithmetic, evaluateArithmetic } from "../../src/core/formulas";
import { calculateStatus, newSession } from "../../src/office/operations";
import { createHost, loadXlsx } from "../host";
import { hostEnv } from "../addin/fixtures";
import { runCli, stderrBesidesWritten, tempDir } from "../support/cli";
import { savedWithManualCalculation } from "../support/manual-calc";
import { cleanWorkbook, sheet } from "./helpers";

/** The file's bytes, optionally saved with manual calculation (as Excel writes `<calcPr calcMode="manual">`). */
async function bytesOf(wb: ExcelJS.Workbook, manual = false): Promise<Uint8Array> {
  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  if (!manual) return raw;
  return savedWithManualCalculation(raw);
}

async function cliJson(bytes: Uint8Array): Promise<StatusJson> {
  const dir = await tempDir();
  try {
    const file = path.join(dir, "afleveret.xlsx");
    await fs.writeFile(file, bytes);
    const run = await runCli("beregn", file, "--json");
    // stderr says where the status sheet went (issue 21a), and nothing else.
    expect(stderrBesidesWritten(run)).toBe("");
    return JSON.parse(run.stdout) as StatusJson;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function addinJson(bytes: Uint8Array): Promise<StatusJson> {
  const r = await calculateStatus(hostEnv(createHost(await loadXlsx(bytes))), newSession());
  return toJson(r.outcome.result);
}

/** Every figure of a result: each unit's status, forløb, targets and målopfyldelse (sources left out). */
function figures(j: StatusJson): unknown {
  const unit = (u: StatusJson["kk"]) => (u ? { code: u.code, status: u.status, forloeb: u.forloeb, maal: u.maal, maalopfyldelse: u.maalopfyldelse } : null);
  return { year: j.year, weights: j.weights, units: j.forvaltninger.map(unit), kk: unit(j.kk) };
}

const issuesOf = (j: StatusJson) => j.issues.map((i) => ({ severity: i.severity, code: i.code, sheet: i.sheet, cell: i.cell }));

/** BUF types Løntilskud as a formula: `=40+9`-style arithmetic or a reference, with the result Excel cached. */
function withFormula(formula: string, result: number | undefined, extra: (ws: ExcelJS.Worksheet) => void = () => undefined): ExcelJS.Workbook {
  return cleanWorkbook((w) => {
    const ws = sheet(w, "BUF");
    ws.getCell("B5").value = (result === undefined ? { formula } : { formula, result }) as ExcelJS.CellValue;
    extra(ws);
  });
}

describe("the tiny evaluator reads only plain arithmetic over constants", () => {
  test.each([
    ["40+9", 49],
    ["(12.5+3)/2", 7.75],
    ["-2*-3", 6],
    ["0.3-0.1-0.2", 0.3 - 0.1 - 0.2],
    ["1e2/4", 25],
  ])("%s = %p", (f, v) => expect(evaluateArithmetic(f)).toBe(v));
  test.each(["D5/12", "SUM(1,2)", "1,5+2", "1..2", "1/0", "(1+2", "1+", "", "A1"])("%s is not plain arithmetic", (f) => expect(evaluateArithmetic(f)).toBeUndefined());
});

describe("the CLI's figures equal the add-in's on the same file (issue 19, item 3)", () => {
  test.each<[string, ExcelJS.Workbook]>([
    ["=10+2,4 cached as 12,4", withFormula("10+2.4", 12.4)],
    ["a reference formula (=D5/12) whose cached result is current", withFormula("D5/12", 12.4, (ws) => void (ws.getCell("D5").value = 148.8))],
    ["=0,3-0,1-0,2 (rounding noise, shown as 0) in Småjob", cleanWorkbook((w) => void (sheet(w, "BUF").getCell("B7").value = { formula: "0.3-0.1-0.2", result: 0.3 - 0.1 - 0.2 } as ExcelJS.CellValue))],
    ["shared formulas down a column", cleanWorkbook((w) => {
      const ws = sheet(w, "SOF");
      ws.getCell("D5").value = 8.6;
      ws.getCell("D6").value = 22.75;
      ws.getCell("B5").value = { formula: "D5*1", result: 8.6 } as ExcelJS.CellValue;
      ws.getCell("B6").value = { sharedFormula: "B5", result: 22.75 } as ExcelJS.CellValue;
    })],
  ])("%s: every figure is the same, and nothing blocks", async (_name, wb) => {
    const bytes = await bytesOf(wb);
    const [cli, addin] = [await cliJson(bytes), await addinJson(bytes)];
    expect(issuesOf(cli)).toEqual([]);
    expect(cli.kk).not.toBeNull();
    expect(figures(addin)).toEqual(figures(cli));
    expect(issuesOf(addin)).toEqual(issuesOf(cli));
  });

  test("=40+9 saved as 89: the CLI stops at the cell, naming both numbers; it never reports 89 as a figure", async () => {
    const cli = await cliJson(await bytesOf(withFormula("40+9", 89)));
    expect(issuesOf(cli)).toEqual([{ severity: "error", code: "FORMULA_STALE", sheet: "BUF", cell: "B5" }]);
    expect(cli.issues[0]?.message).toBe(
      "Cellen har formlen »=40+9«, som giver 49, men filen har gemt resultatet 89 (status). Resultatet er ikke beregnet igen, siden formlen blev ændret, så Jobstatus ved ikke, hvilket tal der gælder. Åbn filen i Excel, tryk F9 (Beregn nu), og gem den igen.",
    );
    expect(cli.kk).toBeNull();
    expect(cli.forvaltninger.find((u) => u.code === "BUF")?.status.loentilskud ?? null).not.toBe(89);
  });

  test("=10+2,4 saved without a result (a program that does not calculate): the CLI uses 12,4, as Excel computes it on opening", async () => {
    const cli = await cliJson(await bytesOf(withFormula("10+2.4", undefined)));
    expect(issuesOf(cli)).toEqual([]);
    expect(cli.forvaltninger.find((u) => u.code === "BUF")?.status.loentilskud).toBe(12.4);
  });

  test("a workbook saved with manual calculation: each reference formula read as a figure is an error at its cell; arithmetic over constants is checked and passes", async () => {
    const wb = withFormula("D5/12", 9.8, (ws) => {
      ws.getCell("D5").value = 129.6;
      ws.getCell("C6").value = { formula: "40+50", result: 90 } as ExcelJS.CellValue;
    });
    const cli = await cliJson(await bytesOf(wb, true));
    expect(issuesOf(cli)).toEqual([{ severity: "error", code: "FORMULA_MANUAL_CALC", sheet: "BUF", cell: "B5" }]);
    expect(cli.issues[0]?.message).toContain("gemt med manuel beregning, så resultatet af formlen »=D5/12« (9,8, status) kan være fra før en rettelse");
    expect(cli.kk).toBeNull();
    // The same file saved with automatic calculation reads the formula's result as current.
    const auto = await cliJson(await bytesOf(wb, false));
    expect(issuesOf(auto)).toEqual([]);
    expect(auto.forvaltninger.find((u) => u.code === "BUF")?.status.loentilskud).toBe(9.8);
  });
});

describe("arithmetic the evaluator used to refuse is checked, not passed on (issue 19b, item 3)", () => {
  test.each([
    ["40\n+9", 49],
    ["40\t+ 9", 49],
    ["2610%", 26.1],
    ["2^4+10.1", 26.1],
    // Excel: negation binds tighter than ^ (=-2^2 is 4), ^ is left to right (=2^3^2 is 64).
    ["-2^2", 4],
    ["2^3^2", 64],
    ["2*-3^2", 18],
    ["50%^2", 0.25],
  ])("%j = %p", (f, v) => expect(evaluateArithmetic(f)).toBeCloseTo(v, 12));
  test.each(["0^0", "0^-1", "(-8)^0.5", "2^", "%"])("%s is #NUM!/#DIV/0! or not arithmetic: no value", (f) => expect(evaluateArithmetic(f)).toBeUndefined());
  test("over the limits (51 parentheses deep, over 500 characters) arithmetic is »limit«, a reference is »not«", () => {
    expect(analyseArithmetic(`${"(".repeat(51)}1${")".repeat(51)}`)).toEqual({ kind: "limit" });
    expect(analyseArithmetic(`${"1+".repeat(300)}1`)).toEqual({ kind: "limit" });
    expect(analyseArithmetic(`${"1+".repeat(300)}A1`)).toEqual({ kind: "not" });
    expect(analyseArithmetic(`${"(".repeat(50)}1${")".repeat(50)}`)).toEqual({ kind: "value", value: 1 });
  });

  test.each<[string, string, number | string]>([
    ["Alt+Enter inside the formula", "40\n+9", 89],
    ["a percent sign", "4900%", 89],
    ["a power", "2^4+33", 89],
    ["a result stored as text", "40+9", "89"],
  ])("%s with a cached result that is not the formula's own: FORMULA_STALE at the cell, no figure", async (_name, formula, cached) => {
    const cli = await cliJson(await bytesOf(withFormula(formula, cached as number)));
    expect(issuesOf(cli)).toEqual([{ severity: "error", code: "FORMULA_STALE", sheet: "BUF", cell: "B5" }]);
    expect(cli.issues[0]?.message).toContain("som giver 49, men filen har gemt resultatet 89");
    expect(cli.kk).toBeNull();
  });

  test("arithmetic past the limits (51 parentheses) with a cached result: a warning at the cell naming the figure, which is used", async () => {
    const formula = `${"(".repeat(51)}40+9${")".repeat(51)}`;
    const cli = await cliJson(await bytesOf(withFormula(formula, 18)));
    expect(issuesOf(cli)).toEqual([{ severity: "warning", code: "FORMULA_UNCHECKED", sheet: "BUF", cell: "B5" }]);
    expect(cli.issues[0]?.message).toContain("så det gemte resultat 18 (status) er brugt, som det står");
    expect(cli.forvaltninger.find((u) => u.code === "BUF")?.status.loentilskud).toBe(18);
  });
});

describe("the add-in gives the CLI's answer on stale and manual results (issue 19b, item 4)", () => {
  test("the test host exposes the file's calculation mode as Application.calculationMode", async () => {
    const wb = withFormula("40+9", 49);
    const modeOf = async (manual: boolean) => {
      const host = createHost(await loadXlsx(await bytesOf(wb, manual)));
      return host.run(async (ctx) => {
        const app = ctx.workbook.application;
        app.load("calculationMode");
        await ctx.sync();
        return app.calculationMode;
      });
    };
    expect(await modeOf(true)).toBe("Manual");
    expect(await modeOf(false)).toBe("Automatic");
  });

  test.each<[string, ExcelJS.Workbook, boolean, string]>([
    ["=40+9 saved as 89", withFormula("40+9", 89), false, "FORMULA_STALE"],
    ["=40⏎+9 saved as 89", withFormula("40\n+9", 89), false, "FORMULA_STALE"],
    ["=D5/12 in a workbook saved with manual calculation", withFormula("D5/12", 9.8, (ws) => void (ws.getCell("D5").value = 129.6)), true, "FORMULA_MANUAL_CALC"],
  ])("%s: the add-in stops at the cell as the CLI does, and gives no figure", async (_name, wb, manual, code) => {
    const bytes = await bytesOf(wb, manual);
    const [cli, addin] = [await cliJson(bytes), await addinJson(bytes)];
    expect(issuesOf(cli)).toEqual([{ severity: "error", code, sheet: "BUF", cell: "B5" }]);
    expect(issuesOf(addin)).toEqual(issuesOf(cli));
    expect(addin.issues[0]?.message).toBe(cli.issues[0]?.message);
    expect(addin.kk).toBeNull();
    expect(figures(addin)).toEqual(figures(cli));
  });

  test("arithmetic past the limits: both front ends warn at the cell and use the same figure", async () => {
    const bytes = await bytesOf(withFormula(`${"(".repeat(51)}10+8${")".repeat(51)}`, 18));
    const [cli, addin] = [await cliJson(bytes), await addinJson(bytes)];
    expect(issuesOf(addin)).toEqual([{ severity: "warning", code: "FORMULA_UNCHECKED", sheet: "BUF", cell: "B5" }]);
    expect(issuesOf(addin)).toEqual(issuesOf(cli));
    expect(figures(addin)).toEqual(figures(cli));
  });
});
