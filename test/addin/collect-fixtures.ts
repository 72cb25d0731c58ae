/**
 * Files for collecting in the add-in (unit, officejs and e2e): the analyst's workbook as `jobstatus
 * skabelon` writes it with Måltal filled in, and the forvaltninger's files as `jobstatus skabelon
 * --forvaltning` writes them, filled with the example's figures, as real .xlsx bytes.
 */
import type ExcelJS from "exceljs";
import ExcelJSLib from "../../src/cli/exceljs";
import { loadExampleData, type ExampleData } from "../../src/cli/example";
import { renderForvaltningTemplate } from "../../src/cli/xlsx-collect";
import { renderLayout } from "../../src/cli/xlsx-write";
import { forvaltningTemplate } from "../../src/core/forvaltning-template";
import { workbookTemplate } from "../../src/core/template";
import { fillForvaltning } from "../collect/support";
import { fillTemplate } from "../support/cli";

export async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The analyst's workbook: the whole-kommune template, Måltal filled in (KK's own targets), department sheets blank. */
export async function analystWorkbook(data: ExampleData): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJSLib.Workbook();
  for (const layout of workbookTemplate(2025)) renderLayout(wb.addWorksheet(layout.sheetName), layout);
  fillTemplate(wb, { ...data, departments: {} });
  const kk = data.maaltal.KK;
  if (!kk) throw new Error("no KK targets");
  (wb.getWorksheet("Måltal") as ExcelJS.Worksheet).addRow(["KK", "Københavns Kommune", kk.samlet, kk.fleksjob, kk.fritidsjob ?? null]);
  return wb;
}

/** A forvaltning's own file from the template, filled with the example's figures times `scale`. */
export async function departmentWorkbook(code: string, data: ExampleData, scale = 1): Promise<ExcelJS.Workbook> {
  const outcome = forvaltningTemplate(code, 2025);
  if (!outcome.ok) throw new Error(`no template for ${code}`);
  const wb = new ExcelJSLib.Workbook();
  await renderForvaltningTemplate(wb, outcome.template);
  fillForvaltning(wb, code, data, scale);
  return wb;
}

export interface DepartmentFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The seven forvaltninger's files, named `BIF-2025.xlsx`, … . */
export async function departmentFiles(codes: readonly string[], data?: ExampleData): Promise<DepartmentFile[]> {
  const d = data ?? (await loadExampleData());
  return Promise.all(codes.map(async (code) => ({ name: `${code}-2025.xlsx`, bytes: await bytesOf(await departmentWorkbook(code, d)) })));
}
