/**
 * Workbooks for the add-in tests (unit and e2e): the bundled examples as real .xlsx bytes, loaded
 * into the strict test host, and the CLI's own output for comparison.
 */
import ExcelJS from "exceljs";
import { buildBrokenExample, buildExample, loadExampleData } from "../../src/cli/example";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { writeReport } from "../../src/cli/xlsx-write";
import { calculate } from "../../src/core";
import { MARK_FILL, markName, markRuleFormula } from "../../src/office/marks";
import { ruleShowsOn } from "../host/calc";
import { parseCellKey } from "../host/address";
import { officeEnvOver, type IsSetSupported, type OfficeEnv } from "../../src/office/run";
import { createHost, isSetSupported, loadXlsx, type TestHost, type WorkbookModel } from "../host";
import type { CustomCfModel } from "../host/model";

export type ExampleKind = "good" | "broken";

export async function exampleWorkbook(kind: ExampleKind): Promise<ExcelJS.Workbook> {
  const data = await loadExampleData();
  return kind === "good" ? buildExample(data) : buildBrokenExample(data);
}

export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The example as a real .xlsx file, read back into a host model. */
export async function exampleModel(kind: ExampleKind): Promise<WorkbookModel> {
  return loadXlsx(await xlsxBytes(await exampleWorkbook(kind)));
}

/** The operations' environment over a test host (as the bootstrap builds it over Office.js). */
export function hostEnv(host: TestHost, supported: IsSetSupported = isSetSupported): OfficeEnv {
  return officeEnvOver(host.runWithOptions, supported);
}

export async function exampleHost(kind: ExampleKind): Promise<TestHost> {
  return createHost(await exampleModel(kind));
}

/** What `jobstatus beregn` writes for the same workbook: the exceljs workbook with the status sheet. */
export async function cliOutput(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.load((await wb.xlsx.writeBuffer()) as ExcelJS.Buffer);
  const outcome = calculate(readWorkbookGrid(copy));
  if (!outcome.report || !outcome.output || outcome.result.year === null) throw new Error("the example does not calculate");
  writeReport(copy, outcome.report, outcome.result.year, outcome.output.replaces);
  const out = new ExcelJS.Workbook();
  await out.xlsx.load((await copy.xlsx.writeBuffer()) as ExcelJS.Buffer);
  return out;
}

/**
 * A department sheet in the template layout (A1 Forvaltning, A2 År, header row 4), for workbooks
 * with many forvaltninger.
 */
export function addDepartmentSheet(wb: ExcelJS.Workbook, code: string, year: number, seed: number): void {
  const ws = wb.addWorksheet(code);
  const font = { name: "Calibri", size: 11 };
  const rows: (string | number | null)[][] = [
    ["Forvaltning", code],
    ["År", year],
    [],
    ["Ordning", "Status", "Antal forløb"],
    ["Løntilskud (helårspersoner)", 1 + (seed % 7) / 10, 3 + (seed % 5)],
    ["Virksomhedspraktik (helårspersoner)", 5.25 + (seed % 11), 20 + seed],
    ["Småjob under det sociale frikort", 0.5 + (seed % 3), 3],
    ["Fleksjob (antal ansatte)", 4 + (seed % 9)],
    ["Fritidsjob (helårspersoner)", 0.25 * (seed % 4)],
  ];
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      const c = ws.getCell(i + 1, j + 1);
      c.value = v;
      c.font = font;
    }),
  );
  ws.getColumn(1).width = 40;
}

/** The good example plus `extra` generated forvaltninger (sheets and Måltal rows). */
export async function exampleWithExtraUnits(extra: number): Promise<ExcelJS.Workbook> {
  const wb = await exampleWorkbook("good");
  const maaltal = wb.getWorksheet("Måltal");
  if (!maaltal) throw new Error("no Måltal");
  // Måltal rows go after the last one (the KK row stays where it is; its targets then differ from the sum: a warning).
  let row = maaltal.rowCount + 1;
  for (let i = 1; i <= extra; i++) {
    const code = `F${String(i).padStart(2, "0")}`;
    maaltal.getCell(`A${row}`).value = code;
    maaltal.getCell(`B${row}`).value = `Forvaltning ${i}`;
    maaltal.getCell(`C${row}`).value = 10 + i;
    maaltal.getCell(`D${row}`).value = 8 + i;
    maaltal.getCell(`E${row}`).value = 2;
    row++;
    addDepartmentSheet(wb, code, 2025, i);
  }
  return wb;
}

/**
 * jobstatus's validation marks on a sheet as the user sees them (cell → fill): the cells in the
 * sheet's mark names that have their rule on that sheet (src/office/marks.ts).
 */
export function markedCells(host: TestHost, sheetName: string): Record<string, string> {
  return markedCellsIn(host.model, sheetName);
}

export function markedCellsIn(model: WorkbookModel, sheetName: string): Record<string, string> {
  const sheet = model.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const out: Record<string, string> = {};
  for (const severity of ["error", "warning"] as const) {
    const name = markName(severity);
    // The sheet's own name (Worksheet.names): marks never depend on the sheet's id (issue 17, defect 4).
    const item = model.names.find((n) => n.sheetId === sheet.id && n.name.toLowerCase() === name.toLowerCase());
    const rules = sheet.conditionalFormats.filter((cf) => cf.kind === "custom" && cf.formula === markRuleFormula(name) && cf.fill === MARK_FILL[severity] && cf.ranges.join() === "1:1048576");
    if (!item || rules.length === 0) continue;
    expect(rules).toHaveLength(1);
    const rule = rules[0] as CustomCfModel;
    // Which cells the rule shows on, by evaluating it there (test/host/calc.ts), as Excel would:
    // every stored cell, and every cell the name refers to.
    const candidates = new Set(Object.keys(sheet.cells));
    for (const part of item.formula.replace(/^=/, "").split(",")) {
      const m = /!\$?([A-Z]+)\$?(\d+)$/.exec(part);
      if (m) candidates.add(`${m[1]}${m[2]}`);
    }
    for (const key of candidates) {
      const { row, col } = parseCellKey(key);
      const shows = ruleShowsOn(model, sheetName, { row: 0, col: 0 }, { row, col }, rule.formula);
      if (shows === undefined) throw new Error(`the mark rule ${rule.formula} does not evaluate on ${sheetName}!${key}`);
      if (shows && !out[key]) out[key] = MARK_FILL[severity];
    }
  }
  return out;
}
