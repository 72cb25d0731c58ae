/**
 * The CLI's executor of a collect plan (src/core/collect.ts) with exceljs: copies delivered sheets
 * into the analyst's workbook, keeps a replaced sheet as a hidden, renamed copy, and protects a
 * forvaltning's template. It decides nothing: the plan says what happens.
 */
import type ExcelJS from "exceljs";
import { isUntouchedTemplate, looksLikeDepartment, touchesOf, workbookRulebooks, type CollectFile, type RestorePlan, type SheetAction, type Touch, type UnreadableFile, type UnreadableReason, type WorkbookGrid, type FormulaCell, type SheetValues, type WriteValue, type ForvaltningTemplate, normalizeCode } from "../core";
import { eachScannedCellInfo, formulaOf, readWorkbookGrid, releaseReadCells, SharedFormulaError, SharedStringMissingError, SheetTooLargeError, wasScanned } from "../xlsx/read-grid";
import { NotWorkbookError, ReaderLimitError, UnreliablePackageError, type RawInflate } from "../xlsx/bounded-zip";
import { loadWorkbookBytes } from "../xlsx/load";
import { MergeLimitError } from "../xlsx/merge-bounds";
import { sheetWithMissingRelationship } from "../xlsx/missing-relationship";
import { SheetDamagedError } from "../xlsx/repeated-cells";
import { renderLayout } from "./xlsx-write";

type Orderable = { orderNo: number };

/**
 * A sheet whose cells these functions read from exceljs: never one the loader scanned (exceljs
 * holds none of its cells, src/xlsx/load.ts), which would read as empty. They work on the analyst's
 * workbook, loaded in copy mode, which is never scanned; this keeps it so.
 */
function withExceljsCells(ws: ExcelJS.Worksheet): ExcelJS.Worksheet {
  if (wasScanned(ws)) throw new Error(`sheet ${ws.name} was scanned: exceljs holds none of its cells`);
  return ws;
}

/**
 * Copies `source` into `target` as a new sheet `name`: values (formulas with their results), styles,
 * merges, column widths and row heights, data validations, conditional formats, print setup, views
 * and protection. Images and tables are left out: they belong to the source workbook's parts.
 */
export function copySheet(target: ExcelJS.Workbook, source: ExcelJS.Worksheet, name: string): ExcelJS.Worksheet {
  const model = structuredClone({ ...withExceljsCells(source).model, media: [], tables: [] }) as ExcelJS.WorksheetModel & { mergeCells?: string[]; merges?: string[]; state?: string };
  const ws = target.addWorksheet(name);
  // exceljs's model setter reads merges from `mergeCells`, its getter writes them to `merges`.
  ws.model = { ...model, id: ws.id, name, mergeCells: model.merges ?? [] } as ExcelJS.WorksheetModel;
  ws.state = source.state;
  // The model setter merges without styles, so the other cells of a merged area lose theirs (Excel
  // keeps them: a merged area's borders live on its edge cells). They are copied back one by one.
  for (const range of model.merges ?? []) {
    const [from, to] = range.split(":");
    if (!from || !to) continue;
    const a = source.getCell(from);
    const b = source.getCell(to);
    for (let r = Number(a.row); r <= Number(b.row); r++) {
      for (let c = Number(a.col); c <= Number(b.col); c++) {
        if (r === Number(a.row) && c === Number(a.col)) continue;
        ws.getCell(r, c).style = structuredClone(source.getCell(r, c).style);
      }
    }
  }
  return ws;
}

type Writing = Extract<SheetAction, { kind: "insert" | "fill-template" | "replace" }>;

/** One delivered value as exceljs stores it: text stays text (exceljs never parses a string as a formula). */
function cellValue(v: WriteValue): ExcelJS.CellValue {
  if (v === null || typeof v !== "object") return v;
  return { error: v.error } as ExcelJS.CellErrorValue;
}

/**
 * Fills `ws` in place with the delivered values: every value and formula on it is cleared first (its
 * formats, notes, data validation and conditional formats stay, and so does every reference to the
 * sheet), merges are made as the delivered sheet's, then values and number formats are written.
 */
export function fillInPlace(ws: ExcelJS.Worksheet, write: SheetValues): void {
  withExceljsCells(ws).eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (!cell.isMerged || cell.master === cell) cell.value = null;
    });
  });
  const mergeMap = (ws as unknown as { _merges?: Record<string, { range: string }> })._merges ?? {};
  const want = new Set(write.merges);
  for (const m of Object.values(mergeMap).map((x) => x.range)) if (!want.has(m)) ws.unMergeCells(m);
  const have = new Set(Object.values((ws as unknown as { _merges?: Record<string, { range: string }> })._merges ?? {}).map((x) => x.range));
  for (const m of write.merges) if (!have.has(m)) ws.mergeCells(m);
  for (let r = 0; r < write.rows; r++) {
    for (let c = 0; c < write.cols; c++) {
      const v = write.values[r]?.[c] ?? null;
      const fmt = write.numberFormats[r]?.[c] ?? null;
      if (v === null && fmt === null) continue;
      const cell = ws.getCell(r + 1, c + 1);
      if (cell.isMerged && cell.master !== cell) continue;
      cell.value = cellValue(v);
      // A fresh style object per written cell: exceljs shares one object among the cells it loaded
      // with the same style index, so `cell.numFmt = fmt` would reformat all of them (Måltal too).
      if (fmt !== null) cell.style = { ...cell.style, numFmt: fmt };
    }
  }
}

/**
 * Carries out the plan's insert, fill-template and replace actions; unchanged, skip and conflict
 * change nothing. Values only: no cell, rule or part of a department's file is copied, only the
 * values and number formats the plan gives. No sheet of the analyst's is removed or renamed: a
 * replaced sheet is first copied, whole, to a hidden kept copy, then filled in place.
 */
export function applyCollect(target: ExcelJS.Workbook, actions: readonly SheetAction[]): string[] {
  const done: string[] = [];
  for (const a of actions.filter((x): x is Writing => x.kind === "insert" || x.kind === "fill-template" || x.kind === "replace")) {
    if (a.kind === "insert") {
      fillInPlace(target.addWorksheet(a.name), a.write);
      done.push(a.code);
      continue;
    }
    const old = target.getWorksheet(a.existing);
    if (!old) throw new Error(`sheet ${a.existing} is gone`);
    if (a.kind === "replace") {
      // The analyst's own sheet, copied whole (its own formulas too), hidden after the others.
      const kept = copySheet(target, old, a.keepAs);
      kept.state = "hidden";
    }
    fillInPlace(old, a.write);
    done.push(a.code);
  }
  return done;
}

/**
 * What the analyst's blank-looking template sheets hold besides values (by normalised name), judged
 * by the core's one rule ({@link touchesOf}, as the pane does): such a sheet is no longer blank,
 * and filling it is the analyst's choice. Only sheets whose values are the blank template's are read.
 */
export function touchedSheets(workbook: ExcelJS.Workbook, grid: WorkbookGrid): Record<string, Touch[]> {
  const out: Record<string, Touch[]> = {};
  // Blank by the workbook's own rulebook too (a template made by its »Regelsæt«), as planCollect judges it.
  const rulebookOf = workbookRulebooks(grid);
  const blank = new Set(grid.sheets.filter((s) => !s.owned && isUntouchedTemplate(s, normalizeCode(s.name), rulebookOf)).map((s) => s.name));
  workbook.eachSheet((ws) => {
    if (!blank.has(ws.name)) return;
    withExceljsCells(ws);
    let formulas = 0;
    const numberFormats: string[] = [];
    // Empty cells too: a format can sit on a cell without a value.
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cell.type === ExcelValueType.Formula) formulas++;
        if (typeof cell.numFmt === "string") numberFormats.push(cell.numFmt);
      });
    });
    const conditionalFormats = ((ws as unknown as { conditionalFormattings?: unknown[] }).conditionalFormattings ?? []).length;
    const t = touchesOf({ formulas, numberFormats, conditionalFormats });
    if (t.length > 0) out[normalizeCode(ws.name)] = t;
  });
  return out;
}

/** ExcelJS.ValueType.Formula without importing exceljs's runtime here (the pane loads it as a chunk). */
const ExcelValueType = { Formula: 6 } as const;

/** One present cell of a delivered sheet, as deliveryExtras reads it: its number format, and its formula text (null: not a formula cell). */
interface ExtrasCell {
  readonly address: string;
  readonly numFmt: string | undefined;
  readonly formula: string | null;
}

/**
 * A sheet's present cells (exceljs's `eachCell` without empty ones), rows then columns, from either
 * source: a sheet the loader scanned (src/xlsx/sheet-scan.ts; exceljs holds none of its cells) from
 * what the scan read, resolved as exceljs resolves it (read-grid.ts, eachScannedCellInfo); any
 * other from exceljs's cells. test/cli/delivery-extras.test.ts checks both give the same.
 */
function eachExtrasCell(ws: ExcelJS.Worksheet, fn: (cell: ExtrasCell) => void): void {
  const scanned = eachScannedCellInfo(ws, (c) => {
    // exceljs's `cell.formula` getter throws there (a shared formula whose master it cannot slide): so does this.
    if (c.formula instanceof Error) throw c.formula;
    fn({ address: c.address, numFmt: c.numFmt, formula: c.isFormula ? (c.formula ?? "") : null });
  });
  if (scanned) return;
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      let formula: string | null = null;
      if (cell.type === ExcelValueType.Formula) {
        const v = cell.value as { formula?: string; sharedFormula?: string };
        const master = v.sharedFormula !== undefined ? (ws.getCell(v.sharedFormula).value as { formula?: string } | null) : null;
        formula = formulaOf(ws, cell) ?? v.formula ?? master?.formula ?? "";
      }
      fn({ address: cell.address, numFmt: cell.numFmt, formula });
    });
  });
}

/**
 * What the readers found beyond values in a delivered file: its formula cells (each arrives as its
 * cached value) and the number formats of its valued cells. Bounded by the sheet's used cells.
 * `only`: the sheets to list them for (all when absent). Every other sheet's cells are still walked
 * as they were, so a formula exceljs cannot read refuses the file as before, but nothing is kept of
 * them (a million formulas in a log sheet the collect never takes cost 100 MB as entries).
 */
export function deliveryExtras(workbook: ExcelJS.Workbook, only?: (sheet: string) => boolean): { formulas: FormulaCell[]; numberFormats: Record<string, Record<string, string>> } {
  const formulas: FormulaCell[] = [];
  const numberFormats: Record<string, Record<string, string>> = {};
  workbook.eachSheet((ws) => {
    if (only && !only(ws.name)) {
      eachExtrasCell(ws, () => undefined);
      return;
    }
    const formats: Record<string, string> = {};
    eachExtrasCell(ws, (cell) => {
      if (cell.formula !== null) formulas.push({ sheet: ws.name, cell: cell.address, formula: cell.formula });
      if (typeof cell.numFmt === "string" && cell.numFmt !== "General" && cell.numFmt !== "") formats[cell.address] = cell.numFmt;
    });
    numberFormats[ws.name] = formats;
  });
  return { formulas, numberFormats };
}

/**
 * The sheets of a delivered file whose formulas and number formats the collect can read: the core
 * reads them only for the delivered sheet (`removedFormulas`, `screenFormats` in src/core), and a
 * delivered sheet is one `findDelivered` (src/core/collect.ts) takes, which every one of looks like
 * a department sheet at least without the »Antal forløb« column (`isDepartmentSheet`). Judged on the
 * grid alone, so a superset of what any analyst's workbook takes; test/cli/delivery-extras.test.ts
 * checks that the collect's plan is the same as with every sheet's extras.
 */
export function mayBeDelivered(grid: WorkbookGrid): (sheet: string) => boolean {
  const names = new Set(grid.sheets.filter((s) => looksLikeDepartment(s, false)).map((s) => s.name));
  return (sheet) => names.has(sheet);
}

/** What a delivered file gives the collect: its grid, its formula cells and its number formats. */
export type DeliveryRead = Pick<CollectFile, "grid" | "formulas" | "numberFormats">;

/**
 * A delivered file's bytes read as `saml` and the pane's collect read them, the one place both go
 * through: within the reader's limits, only the parts read (src/xlsx/load.ts, issue 20), the sheets
 * that may be read whole scanned from their XML (a million rows under 1 GB), then the grid and the
 * extras. Those are inside the same catch: exceljs's formula getter and the scan refuse a cell the
 * file cannot hold (SharedFormulaError, SharedStringMissingError) when it is read, and such a file is
 * one unreadable row with the sheet and cell, not the run's end; a load exceljs failed on is a
 * `read-error` row naming the sheet the file shows at fault, where it shows one. `workbook` is a fresh exceljs
 * workbook (Node's or the browser's build); `inflateRaw` is Node's zlib where there is one.
 * Browser-safe: the pane's collect chunk runs it.
 */
export async function readDelivery(
  workbook: ExcelJS.Workbook,
  bytes: Uint8Array,
  inflateRaw?: RawInflate,
): Promise<{ readonly ok: true; readonly workbook: ExcelJS.Workbook; readonly read: DeliveryRead } | { readonly ok: false; readonly unreadable: Omit<UnreadableFile, "file"> }> {
  let loaded = false;
  try {
    const wb = await loadWorkbookBytes(workbook, bytes, "read", inflateRaw, { scanCells: true });
    loaded = true;
    const grid = readWorkbookGrid(wb);
    const extras = deliveryExtras(wb, mayBeDelivered(grid));
    // Nothing else reads its cells: what was kept to read them goes before the next file.
    releaseReadCells(wb);
    return { ok: true, workbook: wb, read: { grid, ...extras } };
  } catch (e) {
    const unreadable = unreadableOf(e);
    // A load that failed without a typed refusal: the sheet the file shows at fault, as valider
    // names it in CLI.readError (src/xlsx/missing-relationship.ts); not after a load that succeeded,
    // as valider says »uventet fejl« there, not CLI.readError.
    const sheet = unreadable.reason === "read-error" && !loaded ? sheetWithMissingRelationship(bytes, inflateRaw) : undefined;
    return { ok: false, unreadable: sheet !== undefined ? { ...unreadable, at: { sheet } } : unreadable };
  }
}

/**
 * Why a delivered file could not be read, by the reader's typed error: a limit is »too large«, a
 * cell the reader refuses is named with its sheet, a file that is no workbook (or whose package
 * jobstatus cannot read with certainty) is »not a workbook«. Any other error, exceljs's XML parser's
 * too, is »read-error«: not passed off as a file that is no workbook (docs/dev/security.md, »What a
 * collect says of a file it cannot read«; valider says CLI.readError of it, src/cli/read-error.ts).
 */
export function unreadableOf(e: unknown): Omit<UnreadableFile, "file"> {
  if (e instanceof MergeLimitError) return { reason: "too-large", limit: { kind: e.kind, sheet: e.sheet, max: e.max, ...(e.range !== undefined ? { range: e.range } : {}) } };
  if (e instanceof SheetTooLargeError) return { reason: "too-large", limit: { kind: "cells", sheet: e.sheet, max: e.max } };
  if (e instanceof ReaderLimitError) return { reason: "too-large" };
  if (e instanceof SharedStringMissingError) return { reason: "text-missing", at: { sheet: e.sheet, ...(e.cell !== undefined ? { cell: e.cell } : {}) } };
  if (e instanceof SharedFormulaError) return { reason: "formula-broken", at: { sheet: e.sheet, cell: e.cell } };
  if (e instanceof SheetDamagedError) {
    const d = e.damage;
    return { reason: d.kind, at: { sheet: e.sheet, row: d.row, ...(d.kind !== "row-twice" && d.cell !== undefined ? { cell: d.cell } : {}) } };
  }
  if (e instanceof NotWorkbookError || e instanceof UnreliablePackageError) return { reason: "not-workbook" };
  return { reason: "read-error" };
}

/** Files larger than this are not read (a forvaltning's sheet is a few kilobytes). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Compound File Binary (OLE2): an encrypted .xlsx or an old .xls. */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function includesUtf16(bytes: Uint8Array, text: string): boolean {
  const pat = Array.from(text).flatMap((ch) => [ch.charCodeAt(0), 0]);
  outer: for (let i = 0; i + pat.length <= bytes.length; i++) {
    for (let j = 0; j < pat.length; j++) if (bytes[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Why a file cannot be read as a workbook, judged from its name and first bytes, or null when it
 * looks like one (a zip package). Kept behind this one function so issue 20a's file-kind check can
 * take its place.
 */
export function unreadableKind(name: string, bytes: Uint8Array): UnreadableReason | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  if (base.startsWith("~$")) return "lock-file";
  if (bytes.length > MAX_FILE_BYTES) return "too-large";
  if (CFB.every((b, i) => bytes[i] === b)) return includesUtf16(bytes.subarray(0, Math.min(bytes.length, 1 << 20)), "EncryptionInfo") ? "password" : "not-workbook";
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return "not-workbook";
  return null;
}

/** Renders a forvaltning's template and protects it without a password, its input cells unlocked. */
export async function renderForvaltningTemplate(workbook: ExcelJS.Workbook, template: ForvaltningTemplate): Promise<ExcelJS.Worksheet> {
  const ws = workbook.addWorksheet(template.layout.sheetName);
  renderLayout(ws, template.layout);
  for (const rect of template.unlocked) {
    for (let r = rect.r1; r <= rect.r2; r++) {
      for (let c = rect.c1; c <= rect.c2; c++) {
        const cell = ws.getCell(r + 1, c + 1);
        // A fresh style object: renderLayout shares one object between cells that look alike.
        cell.style = { ...cell.style, protection: { locked: false } };
      }
    }
  }
  // No password: a department that must change a label can unprotect (the sheet says how).
  await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return ws;
}

/** Carries out a restore: the sheet there now is hidden and renamed, the kept copy takes its name and place. */
export function applyRestore(target: ExcelJS.Workbook, plan: Extract<RestorePlan, { ok: true }>): void {
  const kept = target.getWorksheet(plan.restore);
  if (!kept) throw new Error(`sheet ${plan.restore} is gone`);
  if (plan.current) {
    const now = target.getWorksheet(plan.current.name);
    if (!now) throw new Error(`sheet ${plan.current.name} is gone`);
    const a = now as unknown as Orderable;
    const b = kept as unknown as Orderable;
    [a.orderNo, b.orderNo] = [b.orderNo, a.orderNo];
    now.name = plan.current.keepAs;
    now.state = "hidden";
  }
  kept.name = plan.as;
  kept.state = "visible";
}
