/**
 * A row's first `<c>` without an `r` attribute is placed in column A, as Office places it:
 * [MS-OI29500] 2.1.x, Part 1 §18.3.1.4 `c`, note c: »If this attribute is not specified, the cell
 * shall be located in the column with the index that is 1 greater than that of the previous cell in
 * the parent row collection. If this attribute is not specified and the cell is the first c element
 * in the parent row collection, the cell shall be located in the first column.«
 * (https://learn.microsoft.com/en-us/openspecs/office_standards/ms-oi29500/2fd4e47f-0965-4c60-95bd-cff980b6c325).
 *
 * exceljs 4.4.0 follows the first rule (row.js `set model`: the previous cell's column plus one) but
 * not the second: a row whose first cell has no `r` made its load fail with a bare TypeError
 * (`getCellEx(undefined)`), so such a file was refused (CLI.readError, »read-error«) although it is
 * valid. The loader's hook (load.ts, before exceljs's reconcile step) gives that cell the reference
 * `A<row>` in the model exceljs parsed; exceljs then places it, and the cells after it, as Office
 * does. The strict-number inspector (inspect.ts) and the trimmer (trim.ts) already place such cells
 * so, and the sheet scan gives up on any cell without `r` (the sheet is left to exceljs). A row
 * without `r` is not handled here: exceljs fails on it (»Invalid row number in model«), and what
 * Office does with one is not documented where this was checked (docs/dev/security.md). Browser-safe, pure.
 */
import { namedSheets, type ParsedModel } from "./missing-strings";

/** exceljs's Cell.Types.Merge, which its row's `set model` skips. */
const MERGE_TYPE = 1;

interface ParsedCell {
  address?: unknown;
  readonly type?: unknown;
}
interface ParsedRow {
  readonly number?: unknown;
  readonly cells?: readonly (ParsedCell | undefined)[];
}

/** Gives each named sheet's rows' first cell without an `r` attribute (before any cell with one) the reference `A<row>`, in `model` (what exceljs's load parsed). */
export function addressFirstCells(model: object): void {
  for (const [, ws] of namedSheets(model as ParsedModel)) {
    for (const row of (ws.rows ?? []) as readonly (ParsedRow | undefined)[]) {
      const n = row?.number;
      if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) continue;
      const first = row?.cells?.find((c) => c !== undefined && c.type !== MERGE_TYPE);
      // Only an absent attribute (exceljs's parse keeps `r` as written: undefined when there is none).
      if (first && first.address === undefined) first.address = `A${n}`;
    }
  }
}
