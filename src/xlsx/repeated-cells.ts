/**
 * A worksheet whose XML holds the same row twice (two `<row r="7">`), the same cell twice (two
 * `<c r="C7">`, in one row or in two), or a cell whose reference names another row than the `<row>`
 * it stands in, is refused as damaged (SheetDamagedError, naming the sheet and the row or cell),
 * wherever exceljs parses it (docs/dev/security.md, »Hostile files«, item 4).
 *
 * Why: exceljs 4.4.0 builds a sheet's rows from the parsed rows in document order
 * (worksheet.js `_parseRows`: `this._rows[row.number - 1] = row`), so a later `<row r="7">`
 * replaces the earlier one whole; within a row it places each cell by its column only (row.js,
 * `set model` → `getCellEx`), so a later `<c r="C7">` replaces the earlier one, and a `<c r="C7">`
 * inside `<row r="8">` becomes row 8's column C (LibreOffice places it at C7). Either way a figure
 * the department typed is replaced or moved without a word. Excel writes each row and cell once,
 * rows in ascending order and cells in ascending column order (ECMA-376 Part 1, §18.3.1.73 `row`,
 * §18.3.1.4 `c`); such a file was made or changed by another program. Rows or cells merely out of
 * order, each once, are no damage: exceljs places them by their numbers, and they are read.
 *
 * How: on the model exceljs's load parsed, before its reconcile step (the loader's hook,
 * load.ts `loadCatchingContext`, as missing-strings.ts), so the XML is not read a second time and
 * the check covers every sheet exceljs parses, in read and copy mode: a sheet the scan gave up on
 * (sheet-scan.ts gives up on any row or cell out of order, so a scanned sheet never holds one twice),
 * a notes sheet cut to its window (trim.ts; what the cut left out is not read, so not checked), and
 * every sheet of a copy-mode load. Cost: one pass over the rows and cells exceljs already holds.
 * Rows and cells are nearly always ascending, which needs no look-up; only a row number not above
 * the last is looked up, in a bit set of Excel's 1,048,576 rows (128 KB, made at the first such row),
 * and only a column not right of the row's last in a set of that row's columns. Browser-safe, pure.
 */
import { decodeAddress, EXCEL_COLS, EXCEL_ROWS } from "./cell-address";
import { namedSheets, type ParsedModel } from "./missing-strings";

/** What is wrong with a sheet, and where. `cell` is a proper A1 reference, or undefined (never echoed otherwise). */
export type SheetDamage =
  | { readonly kind: "row-twice"; readonly row: number }
  | { readonly kind: "cell-twice"; readonly row: number; readonly cell: string | undefined }
  /** `row`: the `<row>` the cell stands in; `cell`: the reference it has. */
  | { readonly kind: "cell-in-other-row"; readonly row: number; readonly cell: string | undefined };

/** A sheet's XML holds a row or a cell twice, or a cell in another row than its reference names. */
export class SheetDamagedError extends Error {
  constructor(
    readonly sheet: string,
    readonly damage: SheetDamage,
  ) {
    super(`sheet damaged: ${sheet}: ${damage.kind} in row ${damage.row}`);
  }
}

/** exceljs's Cell.Types.Merge: skipped by its row's `set model`, as here. */
const MERGE_TYPE = 1;

interface ParsedCell {
  readonly address?: unknown;
  readonly type?: unknown;
}
interface ParsedRow {
  readonly number?: unknown;
  readonly cells?: readonly (ParsedCell | undefined)[];
}

/** Throws SheetDamagedError for the first damaged sheet of `model` (what exceljs's load parsed), in the workbook's order. */
export function refuseRepeatedCells(model: object): void {
  for (const [name, ws] of namedSheets(model as ParsedModel)) {
    const damage = sheetDamage((ws.rows ?? []) as readonly (ParsedRow | undefined)[]);
    if (damage) throw new SheetDamagedError(name, damage);
  }
}

/** A cell's place as exceljs decodes its reference: row and column. */
interface Place {
  readonly row: number;
  readonly col: number;
}

/**
 * A cell's place as exceljs decodes its reference (cell-address.ts). Undefined where exceljs's load
 * fails on the cell itself (no column, no row, a column past XFD): that file never reads, so there is
 * nothing to check. A row past Excel's (even
 * past exact integers) is kept: exceljs places such a cell in its `<row>` all the same.
 */
export function decodeReference(value: string): Place | undefined {
  const { row, col } = decodeAddress(value);
  if (row === undefined || col === undefined || col > EXCEL_COLS) return undefined;
  return { row, col };
}

/** A place as Excel names it (`C7`), or undefined past Excel's last row (or at row 0). */
function a1(p: Place): string | undefined {
  if (p.row < 1 || p.row > EXCEL_ROWS || p.col < 1 || p.col > EXCEL_COLS) return undefined;
  let letters = "";
  for (let n = p.col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${p.row}`;
}

/**
 * The places of a row's cells as exceljs's row `set model` finds them: a cell's reference, or the
 * next column after the previous cell's place when it has none (a merge's cell skipped). Stops
 * (undefined place) where exceljs fails on the cell.
 */
function eachPlace(cells: readonly (ParsedCell | undefined)[], fn: (p: Place, index: number) => boolean): void {
  let prev: Place | undefined;
  for (let j = 0; j < cells.length; j++) {
    const cell = cells[j];
    if (!cell || cell.type === MERGE_TYPE) continue;
    let at: Place | undefined;
    if (cell.address) at = typeof cell.address === "string" ? decodeReference(cell.address) : undefined;
    else if (prev) at = { row: prev.row, col: prev.col + 1 };
    if (!at) return;
    prev = at;
    if (!fn(at, j)) return;
  }
}

/** Row numbers seen: a bit per Excel row, a set for what lies beyond (only a hand-made file has those). */
class RowNumbers {
  private readonly bits = new Uint8Array((EXCEL_ROWS >> 3) + 1);
  private readonly beyond = new Set<number>();

  has(n: number): boolean {
    return n <= EXCEL_ROWS ? ((this.bits[n >> 3] as number) & (1 << (n & 7))) !== 0 : this.beyond.has(n);
  }

  add(n: number): void {
    if (n <= EXCEL_ROWS) this.bits[n >> 3] = (this.bits[n >> 3] as number) | (1 << (n & 7));
    else this.beyond.add(n);
  }
}

/** exceljs's row number (`parseInt(r, 10)`), when it is one exceljs reads as a row; else undefined (exceljs fails on it, or the grid never reads it). */
function rowNumberOf(row: ParsedRow | undefined): number | undefined {
  const n = row?.number;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/** The first damage in a sheet's parsed rows, in document order. */
function sheetDamage(rows: readonly (ParsedRow | undefined)[]): SheetDamage | undefined {
  let last = 0;
  let seen: RowNumbers | undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const n = rowNumberOf(row);
    if (n === undefined) continue;
    if (n <= last) {
      // The first row out of order: the rows before it, then every row, go into the bit set.
      if (!seen) {
        seen = new RowNumbers();
        for (let k = 0; k < i; k++) {
          const m = rowNumberOf(rows[k]);
          if (m !== undefined) seen.add(m);
        }
      }
      if (seen.has(n)) return { kind: "row-twice", row: n };
    }
    seen?.add(n);
    if (n > last) last = n;
    const damage = rowDamage(rows, row?.cells ?? [], n);
    if (damage) return damage;
  }
  return undefined;
}

/** The first damage among one row's cells: a cell in another row, or a column twice. */
function rowDamage(rows: readonly (ParsedRow | undefined)[], cells: readonly (ParsedCell | undefined)[], n: number): SheetDamage | undefined {
  let lastCol = 0;
  let cols: Set<number> | undefined;
  let damage: SheetDamage | undefined;
  eachPlace(cells, (at, j) => {
    if (at.row !== n) {
      // The same reference elsewhere in the sheet is the cell twice (in two rows); else a cell out of its row.
      damage = placedElsewhere(rows, at, cells[j]) ? { kind: "cell-twice", row: at.row, cell: a1(at) } : { kind: "cell-in-other-row", row: n, cell: a1(at) };
      return false;
    }
    if (at.col <= lastCol) {
      if (!cols) {
        const before = new Set<number>();
        eachPlace(cells, (p, k) => {
          if (k >= j) return false;
          before.add(p.col);
          return true;
        });
        cols = before;
      }
      if (cols.has(at.col)) {
        damage = { kind: "cell-twice", row: n, cell: a1(at) };
        return false;
      }
    }
    cols?.add(at.col);
    if (at.col > lastCol) lastCol = at.col;
    return true;
  });
  return damage;
}

/** Whether another cell of the sheet than `self` has the place `at` by its reference (a one-off walk, only for a cell out of its row). */
function placedElsewhere(rows: readonly (ParsedRow | undefined)[], at: Place, self: ParsedCell | undefined): boolean {
  let found = false;
  for (const row of rows) {
    if (rowNumberOf(row) === undefined) continue;
    eachPlace(row?.cells ?? [], (p, j) => {
      if (p.row === at.row && p.col === at.col && row?.cells?.[j] !== self) found = true;
      return !found;
    });
    if (found) return true;
  }
  return false;
}
