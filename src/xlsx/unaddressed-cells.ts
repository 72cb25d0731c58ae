/**
 * A `<c>` without an `r` attribute is placed as Office places it: [MS-OI29500] 2.1.x, Part 1
 * §18.3.1.4 `c`, note c: »If this attribute is not specified, the cell shall be located in the
 * column with the index that is 1 greater than that of the previous cell in the parent row
 * collection. If this attribute is not specified and the cell is the first c element in the parent
 * row collection, the cell shall be located in the first column.«
 * (https://learn.microsoft.com/en-us/openspecs/office_standards/ms-oi29500/2fd4e47f-0965-4c60-95bd-cff980b6c325).
 *
 * exceljs 4.4.0 follows neither rule exactly (row.js `set model`): a row whose first cell has no
 * `r` made its load fail with a bare TypeError (`getCellEx(undefined)`), and a cell without `r`
 * after an empty `<c r="B5"/>` (which exceljs parses as its »Merge« type and skips) went to the
 * column after the last cell exceljs kept (B5), not after the empty one (C5): another column, so
 * another figure, than Office and LibreOffice show. The loader's hook (load.ts, before exceljs's
 * reconcile step) therefore gives every cell without `r` its reference, counted over every `<c>` of
 * its row, empty ones included, in the model exceljs parsed; exceljs then places it there, and the
 * check for a cell twice (repeated-cells.ts) sees the same places. The strict-number inspector
 * (inspect.ts, `scanSheetValues`) counts the same way, and the sheet scan gives up on any cell
 * without `r` (the sheet is left to exceljs). A cell after one whose reference exceljs cannot decode,
 * or past column XFD, is left as it is (exceljs's own load fails on the former). A row without `r`
 * is not handled here: exceljs fails on it (»Invalid row number in model«), and what Office does with
 * one is not documented where this was checked (docs/dev/security.md). Browser-safe, pure.
 */
import { columnName } from "../core";
import { decodeAddress, EXCEL_COLS } from "./cell-address";
import { namedSheets, type ParsedModel } from "./missing-strings";

interface ParsedCell {
  address?: unknown;
}
interface ParsedRow {
  readonly number?: unknown;
  readonly cells?: readonly (ParsedCell | undefined)[];
}

/** Gives every cell without an `r` attribute in the named sheets' rows its reference, counted over every `<c>` of its row, in `model` (what exceljs's load parsed). */
export function addressUnaddressedCells(model: object): void {
  for (const [, ws] of namedSheets(model as ParsedModel)) {
    for (const row of (ws.rows ?? []) as readonly (ParsedRow | undefined)[]) {
      const n = row?.number;
      if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) continue;
      // The previous `<c>`'s column (1-based): 0 before the first; undefined once a place is unknown.
      let previous: number | undefined = 0;
      for (const cell of row?.cells ?? []) {
        if (cell === undefined) continue;
        // Only an absent attribute (exceljs's parse keeps `r` as written: undefined when there is none).
        if (cell.address !== undefined) {
          previous = typeof cell.address === "string" ? decodeAddress(cell.address).col : undefined;
          continue;
        }
        if (previous === undefined || previous >= EXCEL_COLS) {
          previous = undefined;
          continue;
        }
        previous += 1;
        cell.address = `${columnName(previous - 1)}${n}`;
      }
    }
  }
}
