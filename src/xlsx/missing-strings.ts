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
 * all keeps the index as the cell's value, a number where the file holds a text, and a link on the
 * cell (applied in the same step) then makes it a link whose text is that number. So the cells are
 * looked at BEFORE reconcile, as exceljs's parse left them: then a string-typed cell whose value is
 * a number is exactly a `t="s"` cell (`t="str"` and inline strings hold text; cell-xform.js,
 * parseClose), and no link, style or date has touched it. The loader hands this module the parsed
 * model (load.ts, loadCatchingContext): no second reading of the XML. Browser-safe: exceljs is only
 * a type here.
 */
import { SharedStringMissingError } from "./read-grid";

/** exceljs's ValueType.String: a `t="s"`, `t="str"` or inline-string cell, as parsed. */
const STRING_TYPE = 3;

/** What exceljs's parse left of a cell, a row and a worksheet (the parts looked at here). */
interface ParsedCell {
  readonly address?: string;
  readonly type?: number;
  readonly value?: unknown;
}
interface ParsedWorksheet {
  readonly rows?: readonly ({ readonly number?: unknown; readonly cells?: readonly (ParsedCell | undefined)[] } | undefined)[];
}
/** exceljs's model after its parse, before reconcile (xlsx.js `load`); repeated-cells.ts reads it too. */
export interface ParsedModel {
  readonly sharedStrings?: { getString(index: number): unknown };
  /** The workbook's `<sheet>`s, in its order. */
  readonly sheets?: readonly ({ readonly name?: unknown; readonly rId?: unknown } | undefined)[];
  readonly workbookRels?: readonly ({ readonly Id?: unknown; readonly Target?: unknown } | undefined)[];
  /** The worksheets parsed, by part name. */
  readonly worksheetHash?: Readonly<Record<string, ParsedWorksheet | undefined>>;
}

/**
 * Throws SharedStringMissingError for the first cell (in the workbook's sheet order, the order
 * exceljs's reconcile would meet it) that names a shared string the file lacks, then runs exceljs's
 * reconcile of `model`; exceljs's own errors pass through. `model` is what exceljs's load parsed.
 */
export function reconcileNamingMissingStrings<T>(model: object, reconcile: () => T): T {
  const missing = missingString(model as ParsedModel);
  if (missing) throw missing;
  return reconcile();
}

/**
 * The sheets the workbook names, with the part exceljs's reconcile gives each (workbook-xform.js,
 * `reconcile`: the relationship's target, a leading `/xl/` or blanks dropped, behind `xl/`); a sheet
 * whose part exceljs did not parse (a chartsheet) is left out, as exceljs leaves it out.
 */
export function namedSheets(model: ParsedModel): [string, ParsedWorksheet][] {
  const targets = new Map<unknown, unknown>();
  for (const rel of model.workbookRels ?? []) if (rel) targets.set(rel.Id, rel.Target);
  const out: [string, ParsedWorksheet][] = [];
  for (const sheet of model.sheets ?? []) {
    const target = targets.get(sheet?.rId);
    if (typeof sheet?.name !== "string" || typeof target !== "string") continue;
    const ws = model.worksheetHash?.[`xl/${target.replace(/^(\s|\/xl\/)+/, "")}`];
    if (ws) out.push([sheet.name, ws]);
  }
  return out;
}

/**
 * The first `t="s"` cell of a named sheet whose index names no string: there are no shared strings
 * at all, or none at that index (past the end, negative, or not a number: exceljs's parseInt gives NaN).
 */
function missingString(model: ParsedModel): SharedStringMissingError | undefined {
  const strings = model.sharedStrings;
  for (const [name, ws] of namedSheets(model)) {
    for (const row of ws.rows ?? []) {
      for (const cell of row?.cells ?? []) {
        // A cell without a proper reference is refused too, its sheet named (SharedStringMissingError checks the reference).
        if (!cell || cell.type !== STRING_TYPE || typeof cell.value !== "number") continue;
        const text = strings?.getString(cell.value);
        if (text === undefined || text === null) return new SharedStringMissingError(name, cell.address);
      }
    }
  }
  return undefined;
}
