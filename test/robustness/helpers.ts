/**
 * Shared helpers for the robustness tests (test/robustness/*.test.ts): where an issue may point,
 * what a good message looks like, grids written as real .xlsx files, and a deep snapshot of a
 * workbook for the before/after comparisons.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { isCellDate, isCellError, parseA1, type Cell, type SheetGrid, type WorkbookGrid } from "../../src/core/grid";
import { WORKBOOK_SHEET, type Issue } from "../../src/core/issues";
import { issueMessage } from "../../src/messages/da";

/** `error:CODE@Sheet!A1` (or `…@Sheet!-` without a cell): one issue as a comparable string. */
interface IssueLike {
  readonly severity: string;
  readonly code: string;
  readonly sheet: string;
  readonly cell?: string | null | undefined;
}
export const issueKey = (i: IssueLike): string => `${i.severity}:${i.code}@${i.sheet}!${i.cell ?? "-"}`;
export const keys = (issues: readonly IssueLike[]): string[] => issues.map(issueKey);

/** Last used row and column of a sheet grid (0-based, sheet coordinates; -1 when empty). */
export function usedBounds(s: SheetGrid): { r1: number; c1: number; r2: number; c2: number } {
  let width = 0;
  for (const r of s.values) width = Math.max(width, r.length);
  return { r1: s.originRow, c1: s.originCol, r2: s.originRow + s.values.length - 1, c2: s.originCol + width - 1 };
}

/**
 * What "an issue points at a sheet and a cell that exist" means (docs/fejlkatalog.md, »Hvor en
 * melding peger hen«):
 * - `sheet` is the exact name of a sheet in the workbook, or the pseudo-sheet »Projektmappe«
 *   (WORKBOOK_SHEET) for problems of the whole workbook; those never carry a cell;
 * - `cell`, where given, is a valid A1 address inside the sheet's used range or adjacent to it
 *   (one row below or one column to the right: an empty cell the user must fill).
 * Returns the violations as readable strings (empty when all is well).
 */
export function placementProblems(workbook: WorkbookGrid, issues: readonly Issue[]): string[] {
  const problems: string[] = [];
  for (const i of issues) {
    if (i.sheet === WORKBOOK_SHEET && !workbook.sheets.some((s) => s.name === WORKBOOK_SHEET)) {
      if (i.cell !== undefined) problems.push(`${issueKey(i)}: a workbook-level issue with a cell`);
      continue;
    }
    const s = workbook.sheets.find((x) => x.name === i.sheet);
    if (!s) {
      problems.push(`${issueKey(i)}: no sheet named ${JSON.stringify(i.sheet)}`);
      continue;
    }
    if (i.cell === undefined) continue;
    const p = parseA1(i.cell);
    if (!p || i.cell !== i.cell.toUpperCase() || i.cell.includes("$")) {
      problems.push(`${issueKey(i)}: not a plain A1 address`);
      continue;
    }
    const b = usedBounds(s);
    if (p.row < b.r1 || p.col < b.c1 || p.row > b.r2 + 1 || p.col > b.c2 + 1) {
      problems.push(`${issueKey(i)}: outside the used range (rows ${b.r1 + 1}-${b.r2 + 1}, columns ${b.c1 + 1}-${b.c2 + 1}) and not adjacent to it`);
    }
  }
  return problems;
}

/** Words that tell the user what to do. Every error message has at least one. */
const ACTION = /(^|[\s(«,;])(Skriv|Ret|Tilføj|Slet|Brug|Angiv|Ophæv|Flyt|Vis|Tjek|Gem|Åbn|Vælg|Fjern|Omdøb|Udfyld|Sæt)(\s|$)/u;

/** Messages say what is wrong and what to do, and carry at most a clipped copy of the offending value. */
export function messageProblems(issues: readonly Issue[]): string[] {
  const problems: string[] = [];
  for (const i of issues) {
    const m = issueMessage(i);
    if (m.trim().length < 20) problems.push(`${issueKey(i)}: message too short: ${m}`);
    if (i.severity === "error" && !ACTION.test(m)) problems.push(`${issueKey(i)}: error without an instruction: ${m}`);
    if (m.length > 600) problems.push(`${issueKey(i)}: message of ${m.length} characters`);
    // No user value is copied in full: 41 or more of the same character in a row means an unclipped value.
    if (/(.)\1{40,}/u.test(m)) problems.push(`${issueKey(i)}: an unclipped value in: ${m.slice(0, 80)}…`);
    for (const v of Object.values(i.params)) {
      if (typeof v === "string" && v.length > 200) problems.push(`${issueKey(i)}: a parameter of ${v.length} characters`);
    }
  }
  return problems;
}

/** Excel's serial date (1900 system) as the JS date exceljs writes. */
export function serialToDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
}

function toExcelValue(c: Cell): ExcelJS.CellValue {
  if (c === null) return null;
  if (isCellError(c)) return { error: c.error } as ExcelJS.CellErrorValue;
  if (isCellDate(c)) return serialToDate(c.date);
  return c;
}

/** Writes a grid as an exceljs workbook: values at their sheet coordinates, merges, visibility. */
export function gridToExcel(grid: WorkbookGrid): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const s of grid.sheets) {
    const ws = wb.addWorksheet(s.name);
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        ws.getCell(s.originRow + r + 1, s.originCol + c + 1).value = toExcelValue(v);
      }),
    );
    // Excel cannot hold overlapping merges; a grid can (random tests): later ones are left out.
    const taken: { r1: number; c1: number; r2: number; c2: number }[] = [];
    for (const m of s.merges ?? []) {
      const [from, to] = m.split(":");
      const a = from ? parseA1(from) : undefined;
      const b = to ? parseA1(to) : a;
      if (!a || !b) continue;
      const rect = { r1: a.row, c1: a.col, r2: b.row, c2: b.col };
      if (taken.some((t) => rect.r1 <= t.r2 && rect.r2 >= t.r1 && rect.c1 <= t.c2 && rect.c2 >= t.c1)) continue;
      taken.push(rect);
      ws.mergeCells(m);
    }
    if (s.visibility !== "visible") ws.state = s.visibility;
  }
  return wb;
}

export async function writeXlsx(wb: ExcelJS.Workbook, file: string): Promise<string> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
  return file;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Plain JSON of anything exceljs hands out, with keys sorted, so snapshots compare structurally. */
function plain(v: unknown): Json {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return `Date(${v.toISOString()})`;
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : Number.isFinite(v) ? v : String(v);
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "object") {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined && typeof x !== "function") out[k] = plain(x);
    }
    return out;
  }
  return String(v);
}

/**
 * Everything the tool must not change about a sheet, cell by cell: value (with formula and cached
 * result), type, number format, font, fill, border, alignment, protection, data validation, note,
 * hyperlink; plus merges, column widths and visibility, row heights and visibility, views, tab
 * colour, auto filter, conditional formats, page setup and the sheet's visibility.
 */
export function deepSheetSnapshot(ws: ExcelJS.Worksheet): Json {
  const cells: Json[] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cells.push(
        plain({
          address: cell.address,
          type: cell.type,
          value: cell.isMerged && cell.master !== cell ? `merged into ${cell.master.address}` : cell.value,
          formula: cell.formula,
          numFmt: cell.numFmt,
          font: cell.font,
          fill: cell.fill,
          border: cell.border,
          alignment: cell.alignment,
          protection: cell.protection,
          dataValidation: cell.dataValidation,
          note: cell.note,
          hyperlink: cell.hyperlink,
        }),
      );
    });
  });
  const rows: Json[] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows.push(plain({ n, height: row.height, hidden: row.hidden, outlineLevel: row.outlineLevel }));
  });
  const columns: Json[] = [];
  for (let c = 1; c <= Math.max(ws.columnCount, ws.actualColumnCount); c++) {
    const col = ws.getColumn(c);
    columns.push(plain({ c, width: col.width, hidden: col.hidden, outlineLevel: col.outlineLevel }));
  }
  const merges = Object.values((ws as unknown as { _merges?: Record<string, { range: string }> })._merges ?? {})
    .map((m) => m.range)
    .sort();
  return plain({
    name: ws.name,
    state: ws.state,
    cells,
    rows,
    columns,
    merges,
    views: ws.views,
    properties: ws.properties,
    autoFilter: ws.autoFilter,
    conditionalFormattings: (ws as unknown as { conditionalFormattings?: unknown }).conditionalFormattings,
    pageSetup: ws.pageSetup,
    headerFooter: ws.headerFooter,
  });
}

/** Defined names of a workbook, sorted, as plain data. */
export function definedNames(wb: ExcelJS.Workbook): { name: string; ranges: string[] }[] {
  return (wb.definedNames.model as { name: string; ranges: string[] }[])
    .map((d) => ({ name: d.name, ranges: [...d.ranges].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Loads an .xlsx file with exceljs. */
export async function loadXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** A stack trace in CLI output: `at fn (file.js:12:3)` or a bare `Error:` line. */
export const STACK_TRACE = /(\bat .*\.(js|ts|mjs|cjs):\d+)|(^\s*(Type|Range|Reference|Syntax)?Error: )/m;
