/**
 * An exceljs workbook as the engine's grid: the one reader of .xlsx files that the CLI and the
 * pane's on-demand chunk (collecting the forvaltninger's files) share, so both read a file alike:
 * formulas by their cached result, merges, hidden rows and columns, percent formats. Browser-safe
 * (exceljs is only a type here; no Node imports).
 */
import type ExcelJS from "exceljs";
import { FORMULA_WITHOUT_RESULT, isPercentFormat, isThousandsFormat, type CalcMode, type Cell, type SheetGrid, type SheetVisibility, type WorkbookGrid } from "../core/grid";
import { ownedSheetOf } from "../core/owner";

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Excel's 1900 date serial for a JS date (exceljs reads dates as UTC). */
export function dateToSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
}

/** An exceljs cell value as the core sees it: formulas by their cached result, rich text as plain text. */
export function toCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return { date: dateToSerial(v) };
  if (typeof v === "object") {
    if ("error" in v) return { error: String(v.error) };
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as { result?: unknown }).result;
      // A formula saved without a cached result cannot be evaluated here.
      if (result === undefined) return { error: FORMULA_WITHOUT_RESULT };
      return toCell(result as ExcelJS.CellValue);
    }
    if ("text" in v && typeof (v as { text: unknown }).text === "string") return (v as { text: string }).text;
  }
  return { error: "#VÆRDI?" };
}

function visibility(state: string | undefined): SheetVisibility {
  return state === "hidden" ? "hidden" : state === "veryHidden" ? "veryHidden" : "visible";
}

/** Sheets that jobstatus owns, by the defined names it set. */
export function ownedSheets(workbook: ExcelJS.Workbook): Set<string> {
  const owned = new Set<string>();
  for (const dn of workbook.definedNames.model as { name: string; ranges: string[] }[]) {
    for (const r of dn.ranges) {
      const sheet = ownedSheetOf(dn.name, r);
      if (sheet) owned.add(sheet.toLowerCase());
    }
  }
  return owned;
}

/** The used cells of every sheet, from A1. */
export function readWorkbookGrid(workbook: ExcelJS.Workbook): WorkbookGrid {
  const owned = ownedSheets(workbook);
  const sheets: SheetGrid[] = [];
  workbook.eachSheet((ws) => {
    const values: Cell[][] = [];
    const hiddenRows: number[] = [];
    const percentCells: string[] = [];
    const scaledCells: string[] = [];
    const formulas: Record<string, string> = {};
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (row.hidden) hiddenRows.push(rowNumber - 1);
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        // exceljs repeats a merged area's value in every cell; Excel (and Office.js) hold it only in the top-left one.
        const value = cell.isMerged && cell.master !== cell ? null : toCell(cell.value);
        cells[colNumber - 1] = value;
        // The formula's text (shared formulas translated to this cell), for the engine's check of cached results.
        if (cell.type === FORMULA_TYPE && !(cell.isMerged && cell.master !== cell)) {
          const f = cell.formula;
          if (typeof f === "string" && f !== "") formulas[cell.address] = f.replace(/^=/, "");
        }
        if (typeof value === "number" && isPercentFormat(cell.numFmt)) percentCells.push(cell.address);
        if (typeof value === "number" && isThousandsFormat(cell.numFmt)) scaledCells.push(cell.address);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      values[rowNumber - 1] = cells;
    });
    for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = [];
    // exceljs keeps merges in a private map keyed by the top-left cell; `ws.model` would rebuild the whole sheet.
    const mergeMap = (ws as unknown as { _merges?: Record<string, { range: string }> })._merges ?? {};
    const merges = Object.values(mergeMap).map((m) => m.range);
    // Column definitions as read from the file (`ws.columns` only reads them; `getColumn` would add some).
    const hiddenCols = (ws.columns ?? []).flatMap((c) => (c.hidden && typeof c.number === "number" ? [c.number - 1] : []));
    sheets.push({
      name: ws.name,
      visibility: visibility(ws.state),
      originRow: 0,
      originCol: 0,
      values,
      merges,
      owned: owned.has(ws.name.toLowerCase()),
      ...(hiddenRows.length > 0 ? { hiddenRows } : {}),
      ...(hiddenCols.length > 0 ? { hiddenCols } : {}),
      ...(percentCells.length > 0 ? { percentCells } : {}),
      ...(scaledCells.length > 0 ? { scaledCells } : {}),
      ...(Object.keys(formulas).length > 0 ? { formulas } : {}),
    });
  });
  const calcMode = calcModes.get(workbook);
  return { sheets, ...(calcMode ? { calcMode } : {}) };
}

/** exceljs's ValueType.Formula (exceljs is only a type here). */
const FORMULA_TYPE = 6;

/** Calculation modes read from the files' bytes: exceljs drops `<calcPr calcMode>` when it loads a file. */
const calcModes = new WeakMap<ExcelJS.Workbook, CalcMode>();

/**
 * Keeps the calculation mode read from the file's bytes (src/cli/calc-mode.ts) for
 * {@link readWorkbookGrid} of the workbook loaded from the same bytes.
 */
export function noteCalcMode(workbook: ExcelJS.Workbook, mode: CalcMode | undefined): void {
  if (mode) calcModes.set(workbook, mode);
}

/** When the file was last saved, by Excel's own record in it (docProps/core.xml's modified time); undefined when it has none. */
export function lastSavedOf(workbook: ExcelJS.Workbook): string | undefined {
  const modified = workbook.modified;
  return modified instanceof Date && !Number.isNaN(modified.getTime()) ? modified.toISOString() : undefined;
}
