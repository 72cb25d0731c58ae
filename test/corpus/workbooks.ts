/**
 * A corpus of realistic workbooks, built by script (issue 17): the bundled example plus the features
 * real analysts' and departments' workbooks have. Each feature is a function on the exceljs workbook
 * (or, where exceljs cannot write it, on the host's model after loading), so a workbook is any
 * combination of them (test/addin/corpus-matrix.test.ts, and its seeded property test).
 *
 * A chart over department data cannot be written by exceljs: it is spliced into the file's bytes
 * (patchBytes, test/corpus/chart.ts), and the host reads it back (test/host/xlsx-charts.ts).
 */
import type ExcelJS from "exceljs";
import type { WorkbookModel } from "../host";
import { BUF_CHART, withChart } from "./chart";

export type CorpusFeature =
  | "hiddenLines"
  | "filtered"
  | "grouped"
  | "table"
  | "analystSheet"
  | "dataValidation"
  | "notes"
  | "userRules"
  | "frozenPanes"
  | "protectedSheet"
  | "veryHiddenSheet"
  | "chart";

export const CORPUS_FEATURES: readonly CorpusFeature[] = [
  "hiddenLines",
  "filtered",
  "grouped",
  "table",
  "analystSheet",
  "dataValidation",
  "notes",
  "userRules",
  "frozenPanes",
  "protectedSheet",
  "veryHiddenSheet",
  "chart",
];

/** The analyst's own sheet (formulas and names pointing at department sheets), made on demand. */
function analyst(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const existing = wb.getWorksheet("Analyse");
  if (existing) return existing;
  const ws = wb.addWorksheet("Analyse");
  ws.getCell("A1").value = "Analytikerens egne tal";
  ws.getCell("A2").value = "BUF status";
  ws.getCell("B2").value = { formula: "BUF!B7", result: 0 } as ExcelJS.CellFormulaValue;
  ws.getCell("A3").value = "ØKF status";
  ws.getCell("B3").value = { formula: "'ØKF'!B7", result: 0 } as ExcelJS.CellFormulaValue;
  for (let r = 5; r <= 12; r++) {
    ws.getCell(`A${r}`).value = `Post ${r - 4}`;
    ws.getCell(`B${r}`).value = r * 3;
  }
  return ws;
}

const FEATURES: Readonly<Record<CorpusFeature, (wb: ExcelJS.Workbook) => void>> = {
  // Some but not all rows and columns of a department sheet hidden, none holding a figure.
  hiddenLines: (wb) => {
    const ws = wb.getWorksheet("BUF") as ExcelJS.Worksheet;
    ws.getCell("H1").value = "Bemærkning";
    ws.getRow(3).hidden = true;
    ws.getColumn(7).hidden = true;
  },
  // An AutoFilter on the analyst's list, one row filtered away (a hidden row, as the file keeps it).
  filtered: (wb) => {
    const ws = analyst(wb);
    ws.autoFilter = "A4:B12";
    ws.getCell("A4").value = "Post";
    ws.getCell("B4").value = "Tal";
    ws.getRow(7).hidden = true;
  },
  // Grouped (outlined) rows and columns, collapsed.
  grouped: (wb) => {
    const ws = analyst(wb);
    for (const r of [9, 10, 11]) {
      ws.getRow(r).outlineLevel = 1;
      ws.getRow(r).hidden = true;
    }
    ws.getColumn(4).outlineLevel = 1;
    ws.getColumn(4).hidden = true;
  },
  // An Excel table (ListObject) over a copy of department data.
  table: (wb) => {
    const ws = wb.addWorksheet("Tabel");
    ws.addTable({
      name: "Forloeb",
      ref: "A1",
      headerRow: true,
      columns: [{ name: "Forvaltning" }, { name: "Forløb" }],
      rows: [
        ["BUF", 12],
        ["ØKF", 7],
        ["SUF", 9],
      ],
    });
  },
  // The analyst's sheet with formulas, and names pointing at department sheets.
  analystSheet: (wb) => {
    analyst(wb);
    wb.definedNames.add("BUF!$B$7", "Analyse_BUF");
    wb.definedNames.add("Analyse!$B$5:$B$12", "Analyse_poster");
  },
  // Data validation on the analyst's input cells.
  dataValidation: (wb) => {
    const ws = analyst(wb);
    for (let r = 5; r <= 12; r++) ws.getCell(`B${r}`).dataValidation = { type: "whole", operator: "greaterThanOrEqual", formulae: [0], allowBlank: true };
  },
  // Notes on a department sheet and on Måltal.
  notes: (wb) => {
    (wb.getWorksheet("BUF") as ExcelJS.Worksheet).getCell("A1").note = "Tal fra fagsystemet, uge 2";
    (wb.getWorksheet("Måltal") as ExcelJS.Worksheet).getCell("A1").note = "Aftalt i direktionen";
  },
  // The user's own conditional formats on a department sheet's figures.
  userRules: (wb) => {
    const ws = wb.getWorksheet("BUF") as ExcelJS.Worksheet;
    const fill = (argb: string) => ({ fill: { type: "pattern" as const, pattern: "solid" as const, bgColor: { argb } } });
    ws.addConditionalFormatting({ ref: "B5:C9", rules: [{ type: "expression", priority: 1, formulae: ["B5>100"], style: fill("FFC6EFCE") }] });
  },
  // Frozen panes on a department sheet and on the analyst's.
  frozenPanes: (wb) => {
    (wb.getWorksheet("BUF") as ExcelJS.Worksheet).views = [{ state: "frozen", ySplit: 4, xSplit: 1 }];
  },
  // Marked here, protected on the model after loading (the host reads no protection from files).
  protectedSheet: (wb) => {
    analyst(wb).getCell("D1").value = "Beskyttet";
  },
  // A very hidden sheet (only VBA or the API shows it again).
  veryHiddenSheet: (wb) => {
    const ws = wb.addWorksheet("Opslag");
    ws.getCell("A1").value = "Intern opslagstabel";
    ws.getCell("A2").value = 42;
    ws.state = "veryHidden";
  },
  // Spliced into the bytes (patchBytes): exceljs cannot write a chart.
  chart: () => undefined,
};

export function addFeatures(wb: ExcelJS.Workbook, features: readonly CorpusFeature[]): void {
  for (const f of CORPUS_FEATURES) if (features.includes(f)) FEATURES[f](wb);
}

/** What exceljs cannot write, spliced into the saved file: a column chart of BUF's status figures on BUF. */
export function patchBytes(xlsx: Uint8Array, features: readonly CorpusFeature[]): Uint8Array {
  return features.includes("chart") ? withChart(xlsx, BUF_CHART) : xlsx;
}

/** What exceljs cannot write, done on the loaded model: sheet protection (WorksheetProtection, ExcelApi 1.2). */
export function afterLoad(model: WorkbookModel, features: readonly CorpusFeature[]): void {
  if (!features.includes("protectedSheet")) return;
  const sheet = model.sheets.find((s) => s.name === "Analyse");
  if (sheet) sheet.protected = true;
}
