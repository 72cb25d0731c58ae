/**
 * A `t="s"` cell on a sheet exceljs reads itself (not scanned, src/xlsx/load.ts) whose index names
 * no shared string in the file, as SharedStringMissingError with the sheet and the cell: the same
 * refusal the scan gives (read-grid.ts, resolveCell), so `valider`, `beregn`, `saml` and the pane's
 * collect name the cell whichever reader met it (docs/dev/security.md, »What a collect says of a
 * file it cannot read«).
 *
 * exceljs 4.4.0 resolves such a cell in its load's reconcile step (cell-xform.js: `value =
 * sharedStrings.getString(index)`, then `value.richText`): an index past the strings (or not a
 * number) fails there with a bare TypeError that names nothing; a file with no shared strings at
 * all keeps the index as the cell's value, a number where the file holds a text. The loader wraps
 * that step (load.ts, loadCatchingContext) and looks at the cells exceljs parsed, which it has in
 * hand: no second reading of the XML. Browser-safe: exceljs is only a type here.
 */
import { SharedStringMissingError } from "./read-grid";

/** exceljs's ValueType.String: a `t="s"`, `t="str"` or inline-string cell before (or after) reconcile. */
const STRING_TYPE = 3;

/** What exceljs's parse left of a cell, a row and a worksheet (the parts looked at here). */
interface ParsedCell {
  readonly address?: string;
  readonly type?: number;
  readonly value?: unknown;
}
interface ParsedWorksheet {
  /** Set by reconcile's first step (workbook-xform.js) for a sheet the workbook names. */
  readonly name?: string;
  readonly rows?: readonly ({ readonly cells?: readonly (ParsedCell | undefined)[] } | undefined)[];
}
interface ParsedModel {
  readonly sharedStrings?: { getString(index: number): unknown };
  readonly worksheets?: readonly ParsedWorksheet[];
}

/**
 * Runs exceljs's reconcile of `model` and throws SharedStringMissingError for the first cell (in
 * exceljs's order, so the one it failed on) that names a shared string the file lacks; exceljs's own
 * error passes through when no such cell is found. `model` is what exceljs's load parsed.
 */
export function reconcileNamingMissingStrings<T>(model: object, reconcile: () => T): T {
  const parsed = model as ParsedModel;
  // Reconcile drops the shared strings from the model when it is done.
  const strings = parsed.sharedStrings;
  let result: T;
  try {
    result = reconcile();
  } catch (e) {
    throw missingString(parsed, strings) ?? e;
  }
  const missing = missingString(parsed, strings);
  if (missing) throw missing;
  return result;
}

/**
 * The first cell of a named sheet that is a string by type and holds no text: reconcile made its
 * value undefined (the index named nothing, the cell exceljs failed on), or left it an index (no
 * shared strings at all, or a sheet reconcile did not reach, judged by the strings themselves).
 */
function missingString(model: ParsedModel, strings: ParsedModel["sharedStrings"]): SharedStringMissingError | undefined {
  for (const ws of model.worksheets ?? []) {
    if (typeof ws.name !== "string") continue;
    for (const row of ws.rows ?? []) {
      for (const cell of row?.cells ?? []) {
        if (!cell || cell.type !== STRING_TYPE || typeof cell.address !== "string") continue;
        const v = cell.value;
        const lacks = v === undefined || v === null || (typeof v === "number" && (strings === undefined || isAbsent(strings.getString(v))));
        if (lacks) return new SharedStringMissingError(ws.name, cell.address);
      }
    }
  }
  return undefined;
}

function isAbsent(s: unknown): boolean {
  return s === undefined || s === null;
}
