import type ExcelJS from "exceljs";
import type { ExampleData } from "../../src/cli/example";
import { TEMPLATE } from "../../src/messages/da";

const SCHEMES = TEMPLATE.rows.map(([k]) => k);

/** Fills a one-forvaltning file from `jobstatus skabelon --forvaltning` as the department would. */
export function fillForvaltning(wb: ExcelJS.Workbook, code: string, data: ExampleData, scale = 1): void {
  const d = data.departments[code];
  const ws = wb.getWorksheet(code);
  if (!d || !ws) throw new Error(`no sheet or data for ${code}`);
  SCHEMES.forEach((k, i) => {
    ws.getCell(5 + i, 2).value = d.status[k] * scale;
    if (k !== "fleksjob" && k !== "fritidsjob") ws.getCell(5 + i, 3).value = d.forloeb[k];
  });
}
