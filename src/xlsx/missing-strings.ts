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
 * model (load.ts, loadCatchingContext): no second reading of the XML exceljs parsed whole.
 *
 * A sheet exceljs did NOT parse whole in a read-mode load (cut to the window by trim.ts, or given
 * without its cells because the scan reads them, load.ts) is checked on its whole XML instead
 * (`cutSheets`, the text the loader already holds), by a bounded scan of its `<c>` tags
 * (missingInText): the copy (`beregn`, `saml`) carries every cell of such a sheet, and exceljs's load
 * of the copy refuses the file over any of them, so `valider` and a collect must refuse it too,
 * naming the same first cell (docs/dev/security.md, »A missing shared string beyond the rows read«).
 * Browser-safe: exceljs is only a type here.
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
 * `cutSheets`: the whole XML of each sheet (by name) that exceljs parsed cut or without its cells;
 * such a sheet's cells are looked at in that text, the others' in exceljs's parse, so a read-mode
 * load and a copy-mode load of the same file name the same cell.
 */
export function reconcileNamingMissingStrings<T>(model: object, reconcile: () => T, cutSheets?: ReadonlyMap<string, string>): T {
  const missing = missingString(model as ParsedModel, cutSheets);
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
function missingString(model: ParsedModel, cutSheets: ReadonlyMap<string, string> | undefined): SharedStringMissingError | undefined {
  const strings = model.sharedStrings;
  for (const [name, ws] of namedSheets(model)) {
    const whole = cutSheets?.get(name);
    if (whole !== undefined) {
      const missing = missingInText(whole, name, strings);
      if (missing) return missing;
      continue;
    }
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

/** A `<c>` start tag: its attributes (quoted values may hold `>`), and a `/` when it is empty. */
const CELL_TAG = /<c(?=[ \t\r\n/>])((?:[^<>"']|"[^"<]*"|'[^'<]*')*?)(\/?)>/g;
/** The next cell's start tag (`<color>` and other run properties are not cells). */
const NEXT_CELL = /<c(?=[ \t\r\n/>])/g;
/** An element of a cell's content that exceljs's cell parser reads (cell-xform.js parseOpen), with its attributes. */
const CONTENT_TAG = /<(\/?)(v|t|f|r)(?=[ \t\r\n/>])((?:[^<>"']|"[^"<]*"|'[^'<]*')*?)(\/?)>/g;

/** The `t` and `r` attributes of a start tag's attributes (after the white space XML requires before each). */
const ATTRIBUTE = {
  t: /[ \t\r\n]t[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')/,
  r: /[ \t\r\n]r[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')/,
} as const;

/** An attribute's value as an XML parser reports it (entities and character references decoded), or undefined. */
function attribute(attrs: string, name: keyof typeof ATTRIBUTE): string | undefined {
  const m = ATTRIBUTE[name].exec(attrs);
  return m ? decodeXml(m[1] ?? m[2] ?? "") : undefined;
}

/** The text from `at` to the next tag. */
function textAt(content: string, at: number): string {
  const lt = content.indexOf("<", at);
  return content.slice(at, lt < 0 ? content.length : lt);
}

function decodeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, e: string) =>
    e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/**
 * The first `t="s"` cell of a worksheet's XML (its `<sheetData>`, in document order, the order
 * exceljs parses it) whose index names no string, read as exceljs 4.4.0's cell parser reads it
 * (cell-xform.js parseOpen, parseText, parseClose): a cell with a formula (`<f>` with a text or a
 * `t`) holds no index; the value is every text of its `<v>` and `<t>` elements joined, entities
 * decoded, and `parseInt` of it the index; a cell with no such text holds none; a rich-text run
 * (`<r>`) makes the value no number, which exceljs's reconcile fails on like a missing string.
 * One pass of regular expressions over the text the loader already holds: no copy of the sheet, no
 * object per cell (a cell's content is sliced only for a `t="s"` cell). Meant for XML the trimmer
 * or the scan accepted (no comments or CDATA among the cells; trim.ts, sheet-scan.ts).
 */
export function missingInText(xml: string, sheet: string, strings: ParsedModel["sharedStrings"]): SharedStringMissingError | undefined {
  const start = xml.indexOf("<sheetData");
  const end = xml.lastIndexOf("</sheetData");
  if (start < 0 || end < start) return undefined;
  CELL_TAG.lastIndex = start;
  // A cell's content ends at its `</c`, or at the next cell's tag where a file leaves `</c>` out:
  // both are searched forward only (-1: none left), so a sheet of unclosed cells stays one pass.
  let close = start;
  let open = start;
  for (let m = CELL_TAG.exec(xml); m !== null && m.index < end; m = CELL_TAG.exec(xml)) {
    const attrs = m[1] as string;
    if (m[2] === "/" || attribute(attrs, "t") !== "s") continue;
    const at = CELL_TAG.lastIndex;
    if (close !== -1 && close < at) close = xml.indexOf("</c", at);
    if (open !== -1 && open < at) {
      NEXT_CELL.lastIndex = at;
      open = NEXT_CELL.exec(xml)?.index ?? -1;
    }
    const stop = Math.min(end, close === -1 ? end : close, open === -1 ? end : open);
    const content = xml.slice(at, stop);
    const value = cellValue(content);
    if (value === undefined) continue;
    const text = typeof value === "string" ? strings?.getString(parseInt(value, 10)) : undefined;
    if (text === undefined || text === null) return new SharedStringMissingError(sheet, attribute(attrs, "r"));
  }
  return undefined;
}

/**
 * A cell's value as exceljs's parse leaves it, from its content: undefined for none or a formula
 * cell, the joined text, or null for rich text (no number: a missing string to reconcile).
 */
function cellValue(content: string): string | null | undefined {
  let text: string | undefined;
  let formula = false;
  let rich = false;
  CONTENT_TAG.lastIndex = 0;
  for (let m = CONTENT_TAG.exec(content); m !== null; m = CONTENT_TAG.exec(content)) {
    const [, closing, name, attrs, empty] = m as unknown as [string, string, string, string, string];
    if (closing === "/") continue;
    if (name === "r") {
      rich = true;
      // exceljs hands a run's elements to its rich-text parser: none of them is the cell's.
      const runEnd = empty === "" ? content.indexOf("</r", CONTENT_TAG.lastIndex) : -1;
      if (runEnd >= 0) CONTENT_TAG.lastIndex = runEnd;
      continue;
    }
    const after = empty === "" ? textAt(content, CONTENT_TAG.lastIndex) : "";
    if (name === "f") {
      if ((attribute(attrs, "t") ?? "") !== "" || after !== "") formula = true;
    } else if (after !== "") text = (text ?? "") + decodeXml(after);
  }
  if (formula) return undefined;
  if (rich) return null;
  return text;
}
