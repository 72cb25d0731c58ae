/**
 * Formula results collecting cannot trust (issue 18 review): a cached result that is not the
 * formula's own arithmetic (FORMULA_STALE) and a file saved with manual calculation
 * (FORMULA_MANUAL_CALC). Written as values they would pass every later check, so the sheet is held
 * back with the errors by cell, in the CLI and in the pane's reader alike. Every workbook is built here.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type ExcelJS from "exceljs";
import ExcelJSLib from "../../src/cli/exceljs";
import { loadExampleData, type ExampleData } from "../../src/cli/example";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { planCollect } from "../../src/core/collect";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import { analystWorkbook, bytesOf, departmentWorkbook } from "../addin/collect-fixtures";
import { runCli, tempDir } from "../support/cli";
import { savedWithManualCalculation } from "../support/manual-calc";

const manual = savedWithManualCalculation;

let dir: string;
let data: ExampleData;
beforeAll(async () => {
  dir = await tempDir();
  data = await loadExampleData();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** BUF's file with B5 a formula: `formula`, cached as `result`. */
async function bufWith(formula: string, result: number, asManual: boolean): Promise<Uint8Array> {
  const wb = await departmentWorkbook("BUF", data);
  const ws = wb.getWorksheet("BUF") as ExcelJS.Worksheet;
  ws.getCell("B5").value = { formula, result } as ExcelJS.CellFormulaValue;
  const raw = await bytesOf(wb);
  return asManual ? manual(raw) : raw;
}

const CASES = [
  { what: "a stale cached result (40+9 cached as 12)", formula: "40+9", result: 12, manual: false, code: "FORMULA_STALE" },
  { what: "a reference formula in a file saved with manual calculation", formula: "C5*0+12", result: 12, manual: true, code: "FORMULA_MANUAL_CALC" },
] as const;

describe("collecting untrusted formula results", () => {
  it.each(CASES)("the pane's reader: $what holds the sheet back with the error at B5", async (c) => {
    const bytes = await bufWith(c.formula, c.result, c.manual);
    const read = await readPickedFile("BUF-2025.xlsx", bytes);
    if (!read.ok) throw new Error(`not read: ${read.reason}`);
    expect(read.file.grid.calcMode).toBe(c.manual ? "manual" : undefined);
    const hr = new ExcelJSLib.Workbook();
    await hr.xlsx.load((await bytesOf(await analystWorkbook(data))) as unknown as ExcelJS.Buffer);
    const plan = planCollect(readWorkbookGrid(hr), [read.file], { choice: "ask" });
    const buf = plan.overview.find((r) => r.code === "BUF");
    expect(buf?.action).toBe("held");
    expect(buf?.issues.map((i) => `${i.severity}:${i.code}@${i.cell}`)).toContain(`error:${c.code}@B5`);
    expect(plan.actions.filter((a) => a.kind === "insert" || a.kind === "fill-template" || a.kind === "replace")).toEqual([]);
  });

  it.each(CASES)("jobstatus saml: $what is not brought in, and says so", async (c) => {
    const hoved = path.join(dir, `HOVED-${c.code}.xlsx`);
    await (await analystWorkbook(data)).xlsx.writeFile(hoved);
    const file = path.join(dir, `BUF-${c.code}.xlsx`);
    await fs.writeFile(file, await bufWith(c.formula, c.result, c.manual));
    const bif = path.join(dir, `BIF-${c.code}.xlsx`);
    await (await departmentWorkbook("BIF", data)).xlsx.writeFile(bif);
    const out = path.join(dir, `out-${c.code}.xlsx`);
    const run = await runCli("saml", hoved, file, bif, "-o", out, "--json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { overview: { code: string; action: string | null; issues: { code: string; cell: string | null }[] }[] };
    const buf = json.overview.find((r) => r.code === "BUF");
    expect(buf?.action).toBe("held");
    expect(buf?.issues).toContainEqual(expect.objectContaining({ code: c.code, cell: "B5" }));
    // BIF is collected; BUF's template sheet stays blank (its B5 empty).
    const wb = new ExcelJSLib.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("BUF")?.getCell("B5").value ?? null).toBeNull();
    expect(wb.getWorksheet("BIF")?.getCell("B5").value).toBe(data.departments.BIF?.status.loentilskud);
    const text = await runCli("saml", hoved, file, bif, "-o", path.join(dir, `out2-${c.code}.xlsx`));
    expect(text.stdout).toContain("Indsættes ikke");
  });
});

describe("a delivery is judged by its own calculation mode, not the analyst's", () => {
  // A reference formula, and an arithmetic one too long to check (both kept by the reader only under manual calculation or for a note).
  it.each([
    { what: "a reference formula", formula: "C5*0+12", result: 12 },
    { what: "an arithmetic formula too long to check", formula: Array.from({ length: 300 }, () => "1").join("+"), result: 300 },
  ])("$what in a file saved calculating automatically is collected into an analyst's workbook saved with manual calculation, in the pane's reader and in saml alike", async ({ formula, result }) => {
    const bytes = await bufWith(formula, result, false);
    const read = await readPickedFile("BUF-2025.xlsx", bytes);
    if (!read.ok) throw new Error(`not read: ${read.reason}`);
    expect(read.file.grid.calcMode).toBeUndefined();
    const hrBytes = await manual(await bytesOf(await analystWorkbook(data)));
    const hr = new ExcelJSLib.Workbook();
    await hr.xlsx.load(hrBytes as unknown as ExcelJS.Buffer);
    // The analyst's workbook as the pane reads it when Excel calculates manually (read.ts: app.calculationMode).
    const target = { ...readWorkbookGrid(hr), calcMode: "manual" as const };
    const buf = planCollect(target, [read.file], { choice: "ask" }).overview.find((r) => r.code === "BUF");
    expect(buf?.action).not.toBe("held");
    expect(buf?.issues.map((i) => i.code)).not.toContain("FORMULA_MANUAL_CALC");

    const hoved = path.join(dir, "HOVED-manual.xlsx");
    await fs.writeFile(hoved, hrBytes);
    const file = path.join(dir, `BUF-auto-${formula.length}.xlsx`);
    await fs.writeFile(file, bytes);
    const run = await runCli("saml", hoved, file, "-o", path.join(dir, `out-manual-${formula.length}.xlsx`), "--json");
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout) as { overview: { code: string; action: string | null; issues: { code: string }[] }[] };
    const row = json.overview.find((r) => r.code === "BUF");
    expect(row?.action).toBe(buf?.action);
    expect(row?.issues.map((i) => i.code)).not.toContain("FORMULA_MANUAL_CALC");
  });
});
