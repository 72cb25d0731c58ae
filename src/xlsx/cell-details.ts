/**
 * The cells of a scanned sheet that are more than their value (a number format, a formula), kept
 * by position in typed arrays instead of an object per cell: a million rows of formulas or of
 * formatted columns made an object, a value and a formula text per cell (issue 20, »Which
 * million-row shapes stay under 1 GB«, docs/dev/performance.md). The scan reports cells in document
 * order and refuses any other (rows, then columns, strictly ascending), so the positions arrive
 * strictly increasing and a look-up is a binary search. Browser-safe, pure.
 */

import { EXCEL_COLS } from "./cell-address";

/**
 * exceljs's `cell.formula` getter throws for this cell (a shared formula whose master is no formula,
 * or that slides off the sheet): one marker for every such cell, never an Error (and its stack) per
 * cell. Readers throw SharedFormulaError, naming the cell, where they read it.
 */
export const UNREADABLE_FORMULA: unique symbol = Symbol("unreadable shared formula");

/** exceljs's `cell.formula` of a formula cell, or UNREADABLE_FORMULA where its getter throws. */
export type FormulaText = string | undefined | typeof UNREADABLE_FORMULA;

const IS_FORMULA = 1;
const SHARED_CHILD = 2;

/** An Int32Array that grows by doubling. */
class Int32List {
  private data = new Int32Array(16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  at(i: number): number {
    return this.data[i] as number;
  }
  /** Keeps only what is used. */
  trim(): void {
    this.data = this.data.slice(0, this.length);
  }
}

/** The details of a scanned sheet's cells, by 1-based row and column. */
export class CellDetails {
  private readonly rows = new Int32List();
  private readonly cols = new Int32List();
  /** 0: no number format; i + 1: `formatTable[i]`. */
  private readonly formats = new Int32List();
  private readonly flags = new Int32List();
  private readonly formatTable: string[] = [];
  private readonly formatIndex = new Map<string, number>();
  /**
   * By detail index, only for formula cells: the text, or for a shared formula's cell the index of
   * its master, whose text slides to the cell when it is asked for (exceljs's getter slides it on
   * every read too): a million slid texts are 40 MB, a million indices in an array of small
   * integers nothing beyond the slot.
   */
  private readonly formulaTexts: (FormulaText | number)[] = [];
  /** Shared formulas' cells (not their masters) waiting for their text: their index, and their master's row and column. */
  private readonly pending = { cells: new Int32List(), rows: new Int32List(), cols: new Int32List() };

  get size(): number {
    return this.rows.length;
  }

  /**
   * Adds a cell after every cell added so far. `sharedFrom`: a shared formula's cell, its master's
   * 1-based row and column (the text comes later, from `eachPending`).
   */
  add(row: number, col: number, numFmt: string | undefined, isFormula: boolean, formula: FormulaText, sharedFrom?: { readonly row: number; readonly col: number }): void {
    const i = this.rows.length;
    if (i > 0 && (this.rows.at(i - 1) * EXCEL_COLS + this.cols.at(i - 1) >= row * EXCEL_COLS + col)) throw new Error("cell details: cells out of order");
    this.rows.push(row);
    this.cols.push(col);
    let f = 0;
    if (numFmt !== undefined) {
      let k = this.formatIndex.get(numFmt);
      if (k === undefined) {
        k = this.formatTable.length;
        this.formatTable.push(numFmt);
        this.formatIndex.set(numFmt, k);
      }
      f = k + 1;
    }
    this.formats.push(f);
    this.flags.push((isFormula ? IS_FORMULA : 0) | (sharedFrom ? SHARED_CHILD : 0));
    if (isFormula && formula !== undefined) this.formulaTexts[i] = formula;
    if (sharedFrom) {
      this.pending.cells.push(i);
      this.pending.rows.push(sharedFrom.row);
      this.pending.cols.push(sharedFrom.col);
    }
  }

  /** The index of the cell at (row, col), or -1 when it has no details. */
  find(row: number, col: number): number {
    return this.findFrom(0, row, col);
  }

  /** As `find`, looking only at indices from `from` on (a walk in document order passes its last index). */
  findFrom(from: number, row: number, col: number): number {
    const key = row * EXCEL_COLS + col;
    let lo = from;
    let hi = this.rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.rows.at(mid) * EXCEL_COLS + this.cols.at(mid);
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The first index at or after `row`'s first column (size when none): where a walk of that row starts. */
  rowStart(row: number): number {
    const key = row * EXCEL_COLS;
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows.at(mid) * EXCEL_COLS + this.cols.at(mid) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  rowOf(i: number): number {
    return this.rows.at(i);
  }

  colOf(i: number): number {
    return this.cols.at(i);
  }

  numFmt(i: number): string | undefined {
    const f = this.formats.at(i);
    return f === 0 ? undefined : this.formatTable[f - 1];
  }

  isFormula(i: number): boolean {
    return (this.flags.at(i) & IS_FORMULA) !== 0;
  }

  /** A shared formula's cell, not its master: no master to another (exceljs's `findCell` finds it, its formula is not the group's). */
  isSharedChild(i: number): boolean {
    return (this.flags.at(i) & SHARED_CHILD) !== 0;
  }

  /** The formula's text, or (a number) the index of the master whose text slides to this cell. */
  formula(i: number): FormulaText | number {
    return this.formulaTexts[i];
  }

  /** Each shared formula's cell waiting for its text, with its master's row and column; `fn` gives the text, or its master's index. */
  eachPending(fn: (i: number, masterRow: number, masterCol: number) => FormulaText | number): void {
    const { cells, rows, cols } = this.pending;
    for (let k = 0; k < cells.length; k++) {
      const i = cells.at(k);
      const text = fn(i, rows.at(k), cols.at(k));
      if (text !== undefined) this.formulaTexts[i] = text;
    }
  }

  get pendingCount(): number {
    return this.pending.cells.length;
  }

  /** Done adding: the arrays keep only what is used, and the pending list is dropped. */
  finish(): void {
    this.rows.trim();
    this.cols.trim();
    this.formats.trim();
    this.flags.trim();
    this.pending.cells = new Int32List();
    this.pending.rows = new Int32List();
    this.pending.cols = new Int32List();
  }
}
