/**
 * Excel's behaviour on the model: every change the Office.js double makes goes through here, and
 * every rule Excel enforces (sheet names, array shapes, merges, last visible sheet) is checked here.
 * Methods throw RichApiError; the caller decides which sync fails.
 */
import { charsToPoints, pointsToChars } from "../../src/core/layout";
import {
  MAX_COLS,
  MAX_ROWS,
  Rect,
  cellKey,
  columnIndex,
  columnName,
  containsCell,
  containsRect,
  formatAddress,
  intersect,
  isWholeColumns,
  isWholeRows,
  mustParseRangeRef,
  parseCellKey,
  parseRangeRef,
  quoteSheetName,
  rectArea,
  rectToA1,
  splitSheet,
  subtractRect,
} from "./address";
import { NotImplementedError, hostError } from "./errors";
import {
  BorderModel,
  CellModel,
  CellValue,
  CfModel,
  CustomCfModel,
  DEFAULT_COLUMN_WIDTH_CHARS,
  DEFAULT_ROW_HEIGHT_POINTS,
  DEFAULT_STYLE,
  NameModel,
  SheetModel,
  StyleKey,
  StyleModel,
  StyleValues,
  Visibility,
  WorkbookModel,
  definedNameProblem,
  emptySheet,
  newCfId,
  sheetNameProblem,
} from "./model";

/** Largest block of cells the host materialises for one write (whole columns/rows are handled apart). */
export const MAX_MATERIALISED_CELLS = 2_000_000;
const MAX_CELL_TEXT = 32767;
const ERROR_LITERALS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#BUSY!", "#CONNECT!", "#UNKNOWN!", "#PYTHON!", "#EXTERNAL!"];

export const MIXED = Symbol("mixed");
export type Mixed = typeof MIXED;

export type BorderSide = "top" | "bottom" | "left" | "right";
export type BorderIndex = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideVertical" | "InsideHorizontal";
export const BORDER_INDEXES: readonly string[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];

export type StylePatch = { [K in StyleKey]?: StyleValues[K] | null };

const SIDE_KEY: Record<BorderSide, "borderTop" | "borderBottom" | "borderLeft" | "borderRight"> = {
  top: "borderTop",
  bottom: "borderBottom",
  left: "borderLeft",
  right: "borderRight",
};
const OPPOSITE: Record<BorderSide, BorderSide> = { top: "bottom", bottom: "top", left: "right", right: "left" };

type Written = { kind: "skip" } | { kind: "clear" } | { kind: "value"; v: CellValue } | { kind: "formula"; f: string };

function isCellError(v: CellValue | undefined): v is { error: string } {
  return typeof v === "object" && v !== null;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "object" && typeof b === "object" && a !== null && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function isEmptyObject(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/** Whether a number format shows dates or times (Excel's rule: d, m, y, h, s outside quotes and brackets). */
export function isDateFormat(numFmt: string | null | undefined): boolean {
  if (!numFmt || numFmt === "General") return false;
  const stripped = numFmt.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "");
  return /[dmyhs]/i.test(stripped) && !/^[#0.,%E+\- ]*$/i.test(stripped);
}

/**
 * Ways a test can make the host misbehave, so a self-test check can be shown to fail
 * (test/addin/selftest.test.ts). None of them is how Excel behaves.
 */
export type HostQuirk =
  /** A leading apostrophe is not Excel's text prefix: `'=1+1` becomes a formula, `'-5` a number. */
  | "apostropheIgnored"
  /** Adding a conditional format replaces the rules on the cells it covers. */
  | "conditionalFormatReplaces"
  /** Merged areas are never reported (getMergedAreasOrNullObject is always a null object). */
  | "mergesUnseen"
  /** A protected sheet accepts writes. */
  | "protectionIgnored"
  /** A fixed print scale is stored as Fit To one page. */
  | "scaleBecomesFitTo"
  /** Manual page breaks are not kept. */
  | "pageBreaksDropped"
  /** A conditional-format formula with the intersection operator (a space between references) is refused (issue 17, defect 5). */
  | "intersectionRefused"
  /** Application.calculate does nothing (issue 17, defect 3). */
  | "calculateIgnored"
  /** Every request of a run with mergeUndoGroup fails with UndoNotSupported (office-js#6491, #6711). */
  | "undoGroupRefused"
  /**
   * Excel on the web inserts the sheets of insertWorksheetsFromBase64 and still answers with an
   * internal error (OfficeDev/office-js#3179), so a caller that retries inserts them twice.
   */
  | "insertReportsError";

export class Engine {
  /** Test-only misbehaviour (see HostQuirk); empty in every other test. */
  readonly quirks = new Set<HostQuirk>();
  /** The request size Excel refuses (bytes); undefined is Excel on the web's 5 MB. */
  requestLimitBytes: number | undefined;

  constructor(public model: WorkbookModel) {}

  // ---------------------------------------------------------------- sheets

  sheetById(id: string): SheetModel | undefined {
    return this.model.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.model.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** By name (case-insensitive) or id, like WorksheetCollection.getItem. */
  findSheet(key: string): SheetModel | undefined {
    return this.sheetByName(key) ?? this.sheetById(key);
  }

  requireSheet(id: string, location: string): SheetModel {
    const s = this.sheetById(id);
    if (!s) throw hostError("ItemNotFound", "the worksheet was deleted", location);
    return s;
  }

  activeSheet(): SheetModel {
    const s = this.sheetById(this.model.activeSheetId) ?? this.model.sheets.find((x) => x.visibility === "visible");
    if (!s) throw hostError("GeneralException", "the workbook has no visible sheet", "Workbook");
    return s;
  }

  addSheet(name: string | undefined, location = "WorksheetCollection.add"): SheetModel {
    let finalName = name;
    if (finalName === undefined || finalName === null) {
      let n = this.model.sheets.length + 1;
      while (this.sheetByName(`Sheet${n}`)) n++;
      finalName = `Sheet${n}`;
    }
    const problem = sheetNameProblem(finalName);
    if (problem) throw hostError("InvalidArgument", problem, location);
    if (this.sheetByName(finalName)) throw hostError("ItemAlreadyExists", `a sheet named "${finalName}" already exists (names are case-insensitive)`, location);
    const sheet = emptySheet(this.model, finalName);
    this.model.sheets.push(sheet);
    return sheet;
  }

  renameSheet(sheet: SheetModel, name: unknown, location = "Worksheet.name"): void {
    const problem = sheetNameProblem(name);
    if (problem || typeof name !== "string") throw hostError("InvalidArgument", problem ?? "bad name", location);
    const other = this.sheetByName(name);
    if (other && other.id !== sheet.id) throw hostError("ItemAlreadyExists", `a sheet named "${name}" already exists (names are case-insensitive)`, location);
    const old = sheet.name;
    sheet.name = name;
    if (old !== name) this.rewriteSheetReferences(old, quoteSheetName(name));
  }

  deleteSheet(sheet: SheetModel, location = "Worksheet.delete"): void {
    const visible = this.model.sheets.filter((s) => s.visibility === "visible");
    if (this.model.sheets.length === 1 || (sheet.visibility === "visible" && visible.length === 1)) {
      throw hostError("InvalidOperation", `cannot delete "${sheet.name}": a workbook must keep at least one visible sheet`, location);
    }
    const index = this.model.sheets.indexOf(sheet);
    this.model.sheets.splice(index, 1);
    // The sheet's own names go with it.
    this.model.names = this.model.names.filter((n) => n.sheetId !== sheet.id);
    this.rewriteSheetReferences(sheet.name, "#REF");
    if (this.model.activeSheetId === sheet.id) this.model.activeSheetId = this.nearestVisible(index).id;
  }

  private nearestVisible(index: number): SheetModel {
    const sheets = this.model.sheets;
    for (let i = index; i < sheets.length; i++) if (sheets[i]?.visibility === "visible") return sheets[i] as SheetModel;
    for (let i = Math.min(index, sheets.length) - 1; i >= 0; i--) if (sheets[i]?.visibility === "visible") return sheets[i] as SheetModel;
    throw hostError("GeneralException", "no visible sheet left", "Workbook");
  }

  setVisibility(sheet: SheetModel, value: unknown, location = "Worksheet.visibility"): void {
    const map: Record<string, Visibility> = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" };
    const vis = typeof value === "string" ? map[value] : undefined;
    if (!vis) throw hostError("InvalidArgument", `visibility must be "Visible", "Hidden" or "VeryHidden", got ${JSON.stringify(value)}`, location);
    if (vis !== "visible" && sheet.visibility === "visible") {
      const visible = this.model.sheets.filter((s) => s.visibility === "visible");
      if (visible.length === 1) throw hostError("InvalidOperation", `cannot hide "${sheet.name}": it is the last visible sheet`, location);
    }
    sheet.visibility = vis;
    if (vis !== "visible" && this.model.activeSheetId === sheet.id) {
      this.model.activeSheetId = this.nearestVisible(this.model.sheets.indexOf(sheet)).id;
    }
  }

  setPosition(sheet: SheetModel, value: unknown, location = "Worksheet.position"): void {
    const n = this.model.sheets.length;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value >= n) {
      throw hostError("InvalidArgument", `position must be an integer 0–${n - 1}, got ${JSON.stringify(value)}`, location);
    }
    const sheets = this.model.sheets;
    sheets.splice(sheets.indexOf(sheet), 1);
    sheets.splice(value, 0, sheet);
  }

  /**
   * A hidden sheet cannot be activated: Worksheet.activate "activate[s] the worksheet in the Excel
   * UI", and Excel's UI offers no hidden sheet to select (VBA's Worksheet.Activate fails on one).
   * No Microsoft page names the error code: `InvalidOperation` is an approximation
   * (test/host/README.md); the add-in does not depend on the code, it reads the visibility first.
   */
  activate(sheet: SheetModel, location = "Worksheet.activate"): void {
    if (sheet.visibility !== "visible") throw hostError("InvalidOperation", `cannot activate hidden sheet "${sheet.name}"`, location);
    this.model.activeSheetId = sheet.id;
    delete this.model.activeChartSheet;
  }

  /**
   * `WorksheetCollection.getActiveWorksheet()`: fails while a chart sheet is active
   * (WorkbookModel.activeChartSheet; OfficeDev/office-js#2444, Excel on Windows and Mac: "A
   * RichApi.Error error is thrown"; the code is not given, `GeneralException` is the double's guess).
   */
  activeWorksheet(location = "WorksheetCollection.getActiveWorksheet"): SheetModel {
    const chart = this.model.activeChartSheet;
    if (chart !== undefined) throw hostError("GeneralException", `the active sheet "${chart}" is a chart sheet, not a worksheet`, location);
    return this.activeSheet();
  }

  select(sheet: SheetModel, rect: Rect, location = "Range.select"): void {
    this.activate(sheet, location);
    sheet.selection = rectToA1(rect);
  }

  /** Renames (or, with "#REF", invalidates) references to a sheet in names, cell formulas, CF rules and charts' series. */
  private rewriteSheetReferences(oldName: string, replacement: string): void {
    const fix = (formula: string): string => rewriteSheetRefs(formula, oldName, replacement);
    for (const n of this.model.names) n.formula = fix(n.formula);
    for (const s of this.model.sheets) {
      for (const key in s.cells) {
        const c = s.cells[key];
        if (c?.f) c.f = fix(c.f);
      }
      for (const cf of s.conditionalFormats) if (cf.kind === "custom") cf.formula = fix(cf.formula);
      for (const chart of s.charts ?? []) chart.series = chart.series.map(fix);
    }
  }

  // ---------------------------------------------------------------- ranges

  /** Resolves `getRange(address)` on a sheet: A1 reference, whole sheet, or a defined name on that sheet. */
  resolveAddress(sheet: SheetModel, address: unknown, location = "Worksheet.getRange"): Rect {
    if (address === undefined || address === null || address === "") return { r1: 0, c1: 0, r2: MAX_ROWS - 1, c2: MAX_COLS - 1 };
    if (typeof address !== "string") throw hostError("InvalidArgument", `address must be a string, got ${typeof address}`, location);
    const { sheet: sheetPart, ref } = splitSheet(address);
    if (sheetPart !== undefined && sheetPart.toLowerCase() !== sheet.name.toLowerCase()) {
      throw hostError("InvalidArgument", `address "${address}" is on another sheet than "${sheet.name}"`, location);
    }
    const rect = parseRangeRef(ref);
    if (rect) return rect;
    if (sheetPart === undefined) {
      const name = this.findName(ref);
      const target = name ? this.nameTarget(name) : undefined;
      if (target && target.sheet.id === sheet.id) return target.rect;
    }
    throw hostError("InvalidArgument", `"${address}" is not a valid range address`, location);
  }

  rangeByIndexes(row: unknown, col: unknown, rows: unknown, cols: unknown, location = "Worksheet.getRangeByIndexes"): Rect {
    const ints = [row, col, rows, cols].every((x) => typeof x === "number" && Number.isInteger(x));
    const [r, c, h, w] = [row, col, rows, cols] as number[];
    if (!ints || r === undefined || c === undefined || h === undefined || w === undefined || r < 0 || c < 0 || h < 1 || w < 1 || r + h > MAX_ROWS || c + w > MAX_COLS) {
      throw hostError("InvalidArgument", `bad indexes (${String(row)}, ${String(col)}, ${String(rows)}, ${String(cols)})`, location);
    }
    return { r1: r, c1: c, r2: r + h - 1, c2: c + w - 1 };
  }

  cell(sheet: SheetModel, r: number, c: number): CellModel | undefined {
    return sheet.cells[cellKey(r, c)];
  }

  private ensureCell(sheet: SheetModel, r: number, c: number): CellModel {
    const key = cellKey(r, c);
    let cell = sheet.cells[key];
    if (!cell) {
      cell = {};
      sheet.cells[key] = cell;
    }
    return cell;
  }

  private tidy(sheet: SheetModel, key: string): void {
    const cell = sheet.cells[key];
    if (!cell) return;
    if (cell.s && isEmptyObject(cell.s)) delete cell.s;
    if (cell.v === undefined && cell.f === undefined && cell.s === undefined && cell.note === undefined && cell.link === undefined) delete sheet.cells[key];
  }

  /** Calls `fn` for every stored cell inside `rect`. */
  forEachStored(sheet: SheetModel, rect: Rect, fn: (cell: CellModel, r: number, c: number, key: string) => void): void {
    const area = rectArea(rect);
    const keys = area <= 4096 ? [] : Object.keys(sheet.cells);
    if (area <= 4096 || area <= keys.length * 2) {
      for (let r = rect.r1; r <= rect.r2; r++) {
        for (let c = rect.c1; c <= rect.c2; c++) {
          const key = cellKey(r, c);
          const cell = sheet.cells[key];
          if (cell) fn(cell, r, c, key);
        }
      }
      return;
    }
    for (const key of keys) {
      const { row, col } = parseCellKey(key);
      const cell = sheet.cells[key];
      if (cell && containsCell(rect, row, col)) fn(cell, row, col, key);
    }
  }

  private requireBounded(rect: Rect, what: string): void {
    if (rectArea(rect) > MAX_MATERIALISED_CELLS) {
      throw new NotImplementedError(`${what} on ${rectArea(rect)} cells`, `the test host materialises at most ${MAX_MATERIALISED_CELLS} cells per write`);
    }
  }

  mergeRects(sheet: SheetModel): Rect[] {
    return sheet.merges.map(mustParseRangeRef);
  }

  /** Parses one cell of input for values/formulas, applying Excel's conversions. */
  private interpret(raw: unknown, textFormat: boolean, location: string): Written {
    if (raw === null) return { kind: "skip" };
    if (typeof raw === "number") {
      if (!Number.isFinite(raw)) throw hostError("InvalidArgument", `${raw} is not a valid cell value`, location);
      return { kind: "value", v: raw };
    }
    if (typeof raw === "boolean") return { kind: "value", v: raw };
    if (typeof raw !== "string") {
      throw hostError("InvalidArgument", `cell input must be a string, number, boolean or null, got ${raw === undefined ? "undefined" : Object.prototype.toString.call(raw)}`, location);
    }
    if (raw.length > MAX_CELL_TEXT) throw hostError("InvalidArgument", `text of ${raw.length} characters exceeds Excel's ${MAX_CELL_TEXT}`, location);
    if (raw === "") return { kind: "clear" };
    // A leading apostrophe is Excel's text prefix: the rest is stored as text and the apostrophe is
    // not part of the value (Range.PrefixCharacter: "' for a text label",
    // https://learn.microsoft.com/en-us/office/vba/api/excel.range.prefixcharacter; the Office 2003
    // page says it is the character a value "was preceded with … when it was entered",
    // https://learn.microsoft.com/en-us/previous-versions/office/developer/office-2003/aa206578(v=office.11)).
    // That Range.values treats it as typed input is not documented for Office.js: »Selvtest« checks it
    // in real Excel (src/office/selftest.ts), and the apostropheIgnored quirk models the opposite.
    if (raw.startsWith("'") && !this.quirks.has("apostropheIgnored")) return { kind: "value", v: raw.slice(1) };
    if (raw.startsWith("'")) return this.interpret(raw.slice(1), textFormat, location);
    if (textFormat) return { kind: "value", v: raw };
    if (raw.startsWith("=") && raw.length > 1) {
      if (!balanced(raw)) throw hostError("InvalidArgument", `formula ${raw} has unbalanced parentheses or quotes`, location);
      return { kind: "formula", f: raw };
    }
    if (/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw)) return { kind: "value", v: Number(raw) };
    if (/^(true|false)$/i.test(raw)) return { kind: "value", v: raw.toLowerCase() === "true" };
    const upper = raw.toUpperCase();
    if (ERROR_LITERALS.includes(upper)) return { kind: "value", v: { error: upper } };
    return { kind: "value", v: raw };
  }

  /** Range.values / Range.formulas setter: a scalar fills the range, a 2-D array must match its shape. */
  writeValues(sheet: SheetModel, rect: Rect, input: unknown, location: string): void {
    const rows = rect.r2 - rect.r1 + 1;
    const cols = rect.c2 - rect.c1 + 1;
    const grid = this.shape(input, rows, cols, location);
    this.requireBounded(rect, location);
    const merges = this.mergeRects(sheet).filter((m) => intersect(m, rect));
    const isSlave = (r: number, c: number): boolean => merges.some((m) => containsCell(m, r, c) && !(m.r1 === r && m.c1 === c));
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const raw = grid ? grid[i]?.[j] : input;
        const r = rect.r1 + i;
        const c = rect.c1 + j;
        const w = this.interpret(raw, this.styleAt(sheet, r, c, "numFmt") === "@", location);
        if (w.kind === "skip" || isSlave(r, c)) continue;
        const key = cellKey(r, c);
        if (w.kind === "clear") {
          const cell = sheet.cells[key];
          if (cell) {
            delete cell.v;
            delete cell.f;
            this.tidy(sheet, key);
          }
          continue;
        }
        const cell = this.ensureCell(sheet, r, c);
        if (w.kind === "formula") {
          cell.f = w.f;
          delete cell.v;
        } else {
          cell.v = w.v;
          delete cell.f;
        }
      }
    }
  }

  /** Range.numberFormat setter; "" resets to General, null leaves a cell unchanged. */
  writeNumberFormat(sheet: SheetModel, rect: Rect, input: unknown, location: string): void {
    const rows = rect.r2 - rect.r1 + 1;
    const cols = rect.c2 - rect.c1 + 1;
    const grid = this.shape(input, rows, cols, location);
    if (!grid) {
      if (typeof input !== "string") throw hostError("InvalidArgument", `numberFormat must be a string or 2-D array, got ${typeof input}`, location);
      this.applyStyle(sheet, rect, { numFmt: input === "" || input === "General" ? null : input }, location);
      return;
    }
    this.requireBounded(rect, location);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const raw = grid[i]?.[j];
        if (raw === null) continue;
        if (typeof raw !== "string") throw hostError("InvalidArgument", `numberFormat cells must be strings or null, got ${typeof raw}`, location);
        const one = { r1: rect.r1 + i, c1: rect.c1 + j, r2: rect.r1 + i, c2: rect.c1 + j };
        this.applyStyle(sheet, one, { numFmt: raw === "" || raw === "General" ? null : raw }, location);
      }
    }
  }

  /** Checks a 2-D input against the range's shape; undefined for a scalar (which fills the range). */
  private shape(input: unknown, rows: number, cols: number, location: string): unknown[][] | undefined {
    if (input === null || input === undefined) throw hostError("InvalidArgument", `${location} cannot be set to ${String(input)}`, location);
    if (!Array.isArray(input)) return undefined;
    if (input.length !== rows || !input.every((row) => Array.isArray(row) && row.length === cols)) {
      const got = `${input.length}×${Array.isArray(input[0]) ? (input[0] as unknown[]).length : "?"}`;
      throw hostError("InvalidArgument", `the array is ${got} but the range is ${rows}×${cols}`, location);
    }
    return input as unknown[][];
  }

  /** Rejects reads Excel on the web would refuse before materialising them. */
  private checkReadable(rect: Rect, bytesPerCell: number, location: string): void {
    if (rectArea(rect) > 5_000_000 || rectArea(rect) * bytesPerCell > 5 * 1024 * 1024) {
      throw hostError("ResponsePayloadSizeLimitExceeded", `reading ${rectArea(rect)} cells`, location);
    }
  }

  private grid<T>(rect: Rect, location: string, fn: (r: number, c: number) => T): T[][] {
    this.checkReadable(rect, 3, location);
    const out: T[][] = [];
    for (let r = rect.r1; r <= rect.r2; r++) {
      const row: T[] = [];
      for (let c = rect.c1; c <= rect.c2; c++) row.push(fn(r, c));
      out.push(row);
    }
    return out;
  }

  static shownValue(cell: CellModel | undefined): number | string | boolean {
    if (!cell) return "";
    if (cell.v === undefined) return cell.f ?? "";
    return isCellError(cell.v) ? cell.v.error : cell.v;
  }

  readValues(sheet: SheetModel, rect: Rect, location = "Range.values"): (number | string | boolean)[][] {
    return this.grid(rect, location, (r, c) => Engine.shownValue(this.cell(sheet, r, c)));
  }

  readFormulas(sheet: SheetModel, rect: Rect, location = "Range.formulas"): (number | string | boolean)[][] {
    return this.grid(rect, location, (r, c) => {
      const cell = this.cell(sheet, r, c);
      return cell?.f ?? Engine.shownValue(cell);
    });
  }

  readValueTypes(sheet: SheetModel, rect: Rect, location = "Range.valueTypes"): string[][] {
    return this.grid(rect, location, (r, c) => {
      const cell = this.cell(sheet, r, c);
      const v = cell?.v;
      if (v === undefined) return cell?.f ? "String" : "Empty";
      if (typeof v === "number") return "Double";
      if (typeof v === "boolean") return "Boolean";
      if (typeof v === "string") return "String";
      return "Error";
    });
  }

  readNumberFormat(sheet: SheetModel, rect: Rect, location = "Range.numberFormat"): string[][] {
    return this.grid(rect, location, (r, c) => String(this.styleAt(sheet, r, c, "numFmt")));
  }

  readText(sheet: SheetModel, rect: Rect, location = "Range.text"): string[][] {
    return this.grid(rect, location, (r, c) => {
      const cell = this.cell(sheet, r, c);
      const shown = Engine.shownValue(cell);
      if (typeof shown !== "number") return typeof shown === "boolean" ? (shown ? "TRUE" : "FALSE") : shown;
      return formatNumber(shown, String(this.styleAt(sheet, r, c, "numFmt")), location);
    });
  }

  usedRect(sheet: SheetModel, valuesOnly: boolean): Rect | undefined {
    let r1 = Infinity;
    let c1 = Infinity;
    let r2 = -1;
    let c2 = -1;
    for (const key in sheet.cells) {
      const cell = sheet.cells[key];
      if (!cell) continue;
      const hasValue = cell.v !== undefined || cell.f !== undefined;
      if (!hasValue && (valuesOnly || !cell.s)) continue;
      const { row, col } = parseCellKey(key);
      r1 = Math.min(r1, row);
      c1 = Math.min(c1, col);
      r2 = Math.max(r2, row);
      c2 = Math.max(c2, col);
    }
    return r2 < 0 ? undefined : { r1, c1, r2, c2 };
  }

  clear(sheet: SheetModel, rect: Rect, applyTo: unknown, location = "Range.clear"): void {
    const mode = applyTo === undefined ? "All" : applyTo;
    if (mode === "Hyperlinks") {
      // ExcelApi 1.7: "Clears all hyperlinks, but leaves all content and formatting intact" (Excel.ClearApplyTo).
      this.forEachStored(sheet, rect, (cell, _r, _c, key) => {
        delete cell.link;
        this.tidy(sheet, key);
      });
      return;
    }
    if (mode !== "All" && mode !== "Formats" && mode !== "Contents") {
      if (typeof mode === "string" && ["RemoveHyperlinks", "ResetContents"].includes(mode)) throw new NotImplementedError(`Range.clear("${mode}")`);
      throw hostError("InvalidArgument", `applyTo must be a ClearApplyTo value, got ${JSON.stringify(applyTo)}`, location);
    }
    const contents = mode !== "Formats";
    const formats = mode !== "Contents";
    this.forEachStored(sheet, rect, (cell, _r, _c, key) => {
      if (contents) {
        delete cell.v;
        delete cell.f;
      }
      if (formats) delete cell.s;
      // "All" clears everything: the note and the link too (Excel.ClearApplyTo).
      if (mode === "All") {
        delete cell.note;
        delete cell.link;
      }
      this.tidy(sheet, key);
    });
    if (!formats) return;
    sheet.merges = sheet.merges.filter((m) => !intersect(mustParseRangeRef(m), rect));
    this.clearConditionalFormats(sheet, rect);
    const whole = isWholeColumns(rect) && isWholeRows(rect);
    if (whole) {
      sheet.sheetStyle = {};
      sheet.colStyles = {};
      sheet.rowStyles = {};
      return;
    }
    if (isWholeColumns(rect)) for (let c = rect.c1; c <= rect.c2; c++) delete sheet.colStyles[columnName(c)];
    if (isWholeRows(rect)) for (let r = rect.r1; r <= rect.r2; r++) delete sheet.rowStyles[String(r + 1)];
    // cells still covered by a whole-row/column/sheet format are reset to Excel's defaults explicitly
    const layered = new Set<StyleKey>();
    const collect = (s: StyleModel | undefined): void => {
      if (s) for (const k of Object.keys(s) as StyleKey[]) layered.add(k);
    };
    collect(sheet.sheetStyle);
    for (const k in sheet.colStyles) if (intersect(mustParseRangeRef(`${k}:${k}`), rect)) collect(sheet.colStyles[k]);
    for (const k in sheet.rowStyles) if (intersect(mustParseRangeRef(`${k}:${k}`), rect)) collect(sheet.rowStyles[k]);
    if (layered.size === 0) return;
    const patch: StylePatch = {};
    for (const k of layered) (patch as Record<string, null>)[k] = null;
    this.applyStyle(sheet, rect, patch, location);
  }

  merge(sheet: SheetModel, rect: Rect, across: unknown, location = "Range.merge"): void {
    if (isWholeColumns(rect) || isWholeRows(rect)) throw new NotImplementedError("Range.merge on whole rows or columns");
    const targets: Rect[] = [];
    if (across === true) for (let r = rect.r1; r <= rect.r2; r++) targets.push({ r1: r, c1: rect.c1, r2: r, c2: rect.c2 });
    else targets.push(rect);
    for (const t of targets) {
      if (rectArea(t) === 1) continue;
      const existing = this.mergeRects(sheet);
      for (const m of existing) {
        if (intersect(m, t) && !containsRect(t, m)) {
          throw hostError("InvalidArgument", `cannot merge ${rectToA1(t)}: it partly overlaps the merged area ${rectToA1(m)}`, location);
        }
      }
      sheet.merges = existing.filter((m) => !containsRect(t, m)).map((m) => rectToA1(m));
      sheet.merges.push(rectToA1(t));
      // Excel keeps only the upper-left value
      this.forEachStored(sheet, t, (cell, r, c, key) => {
        if (r === t.r1 && c === t.c1) return;
        delete cell.v;
        delete cell.f;
        this.tidy(sheet, key);
      });
    }
  }

  unmerge(sheet: SheetModel, rect: Rect): void {
    sheet.merges = sheet.merges.filter((m) => !intersect(mustParseRangeRef(m), rect));
  }

  mergedAreas(sheet: SheetModel, rect: Rect): Rect[] {
    return this.mergeRects(sheet).filter((m) => intersect(m, rect));
  }

  // ---------------------------------------------------------------- styles

  styleAt<K extends StyleKey>(sheet: SheetModel, r: number, c: number, key: K): StyleValues[K] | undefined {
    const layers: (StyleModel | undefined)[] = [this.cell(sheet, r, c)?.s, sheet.rowStyles[String(r + 1)], sheet.colStyles[columnName(c)], sheet.sheetStyle];
    for (const layer of layers) {
      const v = layer?.[key];
      if (v === null) return DEFAULT_STYLE[key];
      if (v !== undefined) return v as StyleValues[K];
    }
    return DEFAULT_STYLE[key];
  }

  private underneath(sheet: SheetModel, r: number | undefined, c: number | undefined, key: StyleKey): boolean {
    if (r !== undefined && sheet.rowStyles[String(r + 1)]?.[key] !== undefined) return true;
    if (c !== undefined && sheet.colStyles[columnName(c)]?.[key] !== undefined) return true;
    return sheet.sheetStyle[key] !== undefined;
  }

  private setKey(style: StyleModel, key: StyleKey, value: unknown, keepNull: boolean): void {
    const s = style as Record<string, unknown>;
    if (value === null && !keepNull) delete s[key];
    else s[key] = value;
  }

  /** Sets style keys on every cell of `rect`; `null` resets a key to Excel's default. */
  applyStyle(sheet: SheetModel, rect: Rect, patch: StylePatch, location: string): void {
    const keys = Object.keys(patch) as StyleKey[];
    const cols = isWholeColumns(rect);
    const rows = isWholeRows(rect);
    if (cols && rows) {
      for (const key of keys) {
        this.setKey(sheet.sheetStyle, key, patch[key], false);
        for (const layer of [...Object.values(sheet.colStyles), ...Object.values(sheet.rowStyles)]) delete (layer as Record<string, unknown>)[key];
        for (const k in sheet.cells) {
          const s = sheet.cells[k]?.s;
          if (s) {
            delete (s as Record<string, unknown>)[key];
            this.tidy(sheet, k);
          }
        }
      }
      this.pruneLayers(sheet);
      return;
    }
    if (cols || rows) {
      for (const key of keys) {
        const value = patch[key];
        if (cols) {
          for (let c = rect.c1; c <= rect.c2; c++) {
            const letter = columnName(c);
            const layer = (sheet.colStyles[letter] ??= {});
            this.setKey(layer, key, value, sheet.sheetStyle[key] !== undefined);
          }
          // a whole-row format would otherwise win where the rows cross these columns
          for (const rowKey of Object.keys(sheet.rowStyles)) {
            if (sheet.rowStyles[rowKey]?.[key] === undefined) continue;
            const r = Number(rowKey) - 1;
            for (let c = rect.c1; c <= rect.c2; c++) this.setKey((this.ensureCell(sheet, r, c).s ??= {}), key, value, true);
          }
        } else {
          for (let r = rect.r1; r <= rect.r2; r++) {
            const layer = (sheet.rowStyles[String(r + 1)] ??= {});
            const below = sheet.sheetStyle[key] !== undefined || Object.values(sheet.colStyles).some((s) => s[key] !== undefined);
            this.setKey(layer, key, value, below);
          }
        }
        this.forEachStored(sheet, rect, (cell, r, c, k) => {
          this.setKey((cell.s ??= {}), key, value, this.underneath(sheet, r, c, key));
          this.tidy(sheet, k);
        });
      }
      this.pruneLayers(sheet);
      return;
    }
    this.requireBounded(rect, location);
    for (let r = rect.r1; r <= rect.r2; r++) {
      for (let c = rect.c1; c <= rect.c2; c++) {
        const cell = this.ensureCell(sheet, r, c);
        const s = (cell.s ??= {});
        for (const key of keys) this.setKey(s, key, patch[key], this.underneath(sheet, r, c, key));
        this.tidy(sheet, cellKey(r, c));
      }
    }
  }

  private pruneLayers(sheet: SheetModel): void {
    for (const layers of [sheet.colStyles, sheet.rowStyles]) {
      for (const k of Object.keys(layers)) if (isEmptyObject(layers[k] ?? {})) delete layers[k];
    }
  }

  /** The one value a style key has over `rect`, or MIXED. */
  readStyle<K extends StyleKey>(sheet: SheetModel, rect: Rect, key: K): StyleValues[K] | undefined | Mixed {
    let first: { v: StyleValues[K] | undefined } | undefined;
    const see = (v: StyleValues[K] | undefined): boolean => {
      if (!first) {
        first = { v };
        return true;
      }
      return sameValue(first.v, v);
    };
    if (rectArea(rect) <= 1_000_000) {
      for (let r = rect.r1; r <= rect.r2; r++) for (let c = rect.c1; c <= rect.c2; c++) if (!see(this.styleAt(sheet, r, c, key))) return MIXED;
      return first?.v;
    }
    // large areas: stored cells plus one representative cell per formatted row/column
    let mixed = false;
    this.forEachStored(sheet, rect, (_cell, r, c) => {
      if (!mixed && !see(this.styleAt(sheet, r, c, key))) mixed = true;
    });
    if (mixed) return MIXED;
    const plainRow = this.firstRowWithoutStyle(sheet, rect);
    const plainCol = this.firstColWithoutStyle(sheet, rect);
    if (plainRow !== undefined && plainCol !== undefined && !see(this.styleAt(sheet, plainRow, plainCol, key))) return MIXED;
    for (const letter of Object.keys(sheet.colStyles)) {
      const c = columnIndex(letter);
      if (c !== undefined && c >= rect.c1 && c <= rect.c2 && plainRow !== undefined && !see(this.styleAt(sheet, plainRow, c, key))) return MIXED;
    }
    for (const rowKey of Object.keys(sheet.rowStyles)) {
      const r = Number(rowKey) - 1;
      if (r >= rect.r1 && r <= rect.r2 && plainCol !== undefined && !see(this.styleAt(sheet, r, plainCol, key))) return MIXED;
    }
    return first?.v;
  }

  private firstRowWithoutStyle(sheet: SheetModel, rect: Rect): number | undefined {
    for (let r = rect.r1; r <= rect.r2; r++) if (!sheet.rowStyles[String(r + 1)]) return r;
    return undefined;
  }

  private firstColWithoutStyle(sheet: SheetModel, rect: Rect): number | undefined {
    for (let c = rect.c1; c <= rect.c2; c++) if (!sheet.colStyles[columnName(c)]) return c;
    return undefined;
  }

  setColumnWidth(sheet: SheetModel, rect: Rect, points: unknown, location = "RangeFormat.columnWidth"): void {
    if (typeof points !== "number" || !Number.isFinite(points) || points < 0 || pointsToChars(points) > 255) {
      throw hostError("InvalidArgument", `columnWidth must be 0–${charsToPoints(255)} points, got ${JSON.stringify(points)}`, location);
    }
    if (isWholeRows(rect)) throw new NotImplementedError("RangeFormat.columnWidth on whole rows (the standard width)");
    const chars = points === 0 ? 0 : Math.max(0, pointsToChars(points));
    for (let c = rect.c1; c <= rect.c2; c++) sheet.columnWidths[columnName(c)] = chars;
  }

  readColumnWidth(sheet: SheetModel, rect: Rect): number | Mixed {
    let first: number | undefined;
    for (let c = rect.c1; c <= rect.c2; c++) {
      const chars = sheet.columnWidths[columnName(c)] ?? DEFAULT_COLUMN_WIDTH_CHARS;
      const pt = chars === 0 ? 0 : charsToPoints(chars);
      if (first === undefined) first = pt;
      else if (first !== pt) return MIXED;
    }
    return first ?? charsToPoints(DEFAULT_COLUMN_WIDTH_CHARS);
  }

  setRowHeight(sheet: SheetModel, rect: Rect, points: unknown, location = "RangeFormat.rowHeight"): void {
    if (typeof points !== "number" || !Number.isFinite(points) || points < 0 || points > 409) {
      throw hostError("InvalidArgument", `rowHeight must be 0–409 points, got ${JSON.stringify(points)}`, location);
    }
    if (isWholeColumns(rect)) throw new NotImplementedError("RangeFormat.rowHeight on whole columns (the standard height)");
    for (let r = rect.r1; r <= rect.r2; r++) sheet.rowHeights[String(r + 1)] = points;
  }

  readRowHeight(sheet: SheetModel, rect: Rect): number | Mixed {
    const seen = new Set<number>();
    let explicit = 0;
    for (const k of Object.keys(sheet.rowHeights)) {
      const r = Number(k) - 1;
      if (r >= rect.r1 && r <= rect.r2) {
        seen.add(sheet.rowHeights[k] ?? DEFAULT_ROW_HEIGHT_POINTS);
        explicit++;
      }
    }
    if (explicit < rect.r2 - rect.r1 + 1) seen.add(DEFAULT_ROW_HEIGHT_POINTS);
    return seen.size === 1 ? [...seen][0] ?? DEFAULT_ROW_HEIGHT_POINTS : MIXED;
  }

  // ---------------------------------------------------------------- borders

  /** The cell sides an Office.js border index covers within `rect`. */
  private borderCells(rect: Rect, index: BorderIndex): { r: number; c: number; side: BorderSide }[] {
    const out: { r: number; c: number; side: BorderSide }[] = [];
    const cols = (r: number, side: BorderSide): void => {
      for (let c = rect.c1; c <= rect.c2; c++) out.push({ r, c, side });
    };
    const rowsOf = (c: number, side: BorderSide): void => {
      for (let r = rect.r1; r <= rect.r2; r++) out.push({ r, c, side });
    };
    switch (index) {
      case "EdgeTop":
        cols(rect.r1, "top");
        break;
      case "EdgeBottom":
        cols(rect.r2, "bottom");
        break;
      case "EdgeLeft":
        rowsOf(rect.c1, "left");
        break;
      case "EdgeRight":
        rowsOf(rect.c2, "right");
        break;
      case "InsideHorizontal":
        for (let r = rect.r1; r < rect.r2; r++) cols(r, "bottom");
        break;
      case "InsideVertical":
        for (let c = rect.c1; c < rect.c2; c++) rowsOf(c, "right");
        break;
    }
    return out;
  }

  private neighbour(r: number, c: number, side: BorderSide): { r: number; c: number } | undefined {
    const n = side === "top" ? { r: r - 1, c } : side === "bottom" ? { r: r + 1, c } : side === "left" ? { r, c: c - 1 } : { r, c: c + 1 };
    return n.r >= 0 && n.c >= 0 && n.r < MAX_ROWS && n.c < MAX_COLS ? n : undefined;
  }

  /** The border drawn on a cell side, whichever of the two adjacent cells stores it. */
  borderAt(sheet: SheetModel, r: number, c: number, side: BorderSide): BorderModel | undefined {
    const own = this.styleAt(sheet, r, c, SIDE_KEY[side]);
    if (own) return own;
    const n = this.neighbour(r, c, side);
    return n ? this.styleAt(sheet, n.r, n.c, SIDE_KEY[OPPOSITE[side]]) : undefined;
  }

  setBorder(sheet: SheetModel, rect: Rect, index: BorderIndex, change: (current: BorderModel | undefined) => BorderModel | undefined, location: string): void {
    if (isWholeColumns(rect) || isWholeRows(rect)) throw new NotImplementedError("RangeBorder on whole rows or columns");
    this.requireBounded(rect, location);
    const cells = this.borderCells(rect, index);
    for (const { r, c, side } of cells) {
      const next = change(this.borderAt(sheet, r, c, side));
      this.applyStyle(sheet, { r1: r, c1: c, r2: r, c2: c }, { [SIDE_KEY[side]]: next ?? null }, location);
      const n = this.neighbour(r, c, side);
      if (n && this.styleAt(sheet, n.r, n.c, SIDE_KEY[OPPOSITE[side]])) {
        this.applyStyle(sheet, { r1: n.r, c1: n.c, r2: n.r, c2: n.c }, { [SIDE_KEY[OPPOSITE[side]]]: null }, location);
      }
    }
  }

  readBorder(sheet: SheetModel, rect: Rect, index: BorderIndex): BorderModel | undefined | Mixed {
    if (rectArea(rect) > 1_000_000) throw new NotImplementedError(`reading borders of ${rectArea(rect)} cells`);
    const cells = this.borderCells(rect, index);
    if (cells.length === 0) return undefined;
    let first: { v: BorderModel | undefined } | undefined;
    for (const { r, c, side } of cells) {
      const b = this.borderAt(sheet, r, c, side);
      if (!first) first = { v: b };
      else if (!sameValue(first.v, b)) return MIXED;
    }
    return first?.v;
  }

  // ---------------------------------------------------------------- names

  /** A workbook name, or with `sheetId` a name scoped to that sheet. */
  findName(name: string, sheetId?: string): NameModel | undefined {
    const lower = name.toLowerCase();
    return this.model.names.find((n) => n.name.toLowerCase() === lower && n.sheetId === sheetId);
  }

  /** The names of one scope: the workbook's (no sheet), or one sheet's. */
  namesIn(sheetId?: string): NameModel[] {
    return this.model.names.filter((n) => n.sheetId === sheetId);
  }

  /**
   * A name's formula as Excel keeps it and reads it back: a sheet name is in apostrophes only when it
   * needs them ("If the name of the worksheet includes spaces or nonalphabetical characters, you must
   * enclose it in apostrophes", https://support.microsoft.com/office/create-or-change-a-cell-reference-c7b8b95d-c594-4488-947e-c835903cebaa);
   * `='BUF'!$B$9` reads back as `=BUF!$B$9` (issue 17, defect 9).
   */
  static canonicalFormula(formula: string): string {
    return formula.replace(/'((?:[^']|'')+)'!/g, (whole, name: string) => {
      const plain = name.replace(/''/g, "'");
      const needs = !/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(plain) || /^[A-Za-z]{1,3}\d+$/.test(plain) || /^[Rr]\d*[Cc]\d*$/.test(plain);
      return needs ? whole : `${plain}!`;
    });
  }

  addName(name: unknown, formula: string, comment: unknown, location = "NamedItemCollection.add", sheetId?: string): NameModel {
    const problem = definedNameProblem(name);
    if (problem || typeof name !== "string") throw hostError("InvalidArgument", problem ?? "bad name", location);
    if (this.findName(name, sheetId)) throw hostError("ItemAlreadyExists", `a name "${name}" already exists in that scope (names are case-insensitive)`, location);
    if (comment !== undefined && typeof comment !== "string") throw hostError("InvalidArgument", "comment must be a string", location);
    const item: NameModel = { name, formula: Engine.canonicalFormula(formula.startsWith("=") ? formula : `=${formula}`), comment: comment ?? "", visible: true, ...(sheetId === undefined ? {} : { sheetId }) };
    this.model.names.push(item);
    return item;
  }

  deleteName(item: NameModel): void {
    this.model.names = this.model.names.filter((n) => n !== item);
  }

  /** The sheet and rectangle a name refers to, when it is a single reference to an existing sheet. */
  nameTarget(item: NameModel): { sheet: SheetModel; rect: Rect } | undefined {
    const body = item.formula.replace(/^=/, "");
    if (body.includes(",")) return undefined;
    const { sheet, ref } = splitSheet(body);
    if (sheet === undefined) return undefined;
    const s = this.sheetByName(sheet);
    const rect = parseRangeRef(ref);
    return s && rect ? { sheet: s, rect } : undefined;
  }

  nameType(item: NameModel): string {
    const body = item.formula.replace(/^=/, "").trim();
    if (body.includes("#REF!")) return "Error";
    if (this.nameTarget(item)) return "Range";
    if (/^".*"$/.test(body)) return "String";
    if (/^(TRUE|FALSE)$/i.test(body)) return "Boolean";
    if (/^[+-]?\d+$/.test(body)) return "Integer";
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) return "Double";
    return "Error";
  }

  nameValue(item: NameModel): unknown {
    const type = this.nameType(item);
    const body = item.formula.replace(/^=/, "").trim();
    switch (type) {
      case "Range": {
        const t = this.nameTarget(item);
        return t ? formatAddress(t.sheet.name, t.rect, true) : body;
      }
      case "String":
        return body.slice(1, -1).replace(/""/g, '"');
      case "Boolean":
        return /^TRUE$/i.test(body);
      case "Integer":
      case "Double":
        return Number(body);
      default:
        return body.includes("#REF!") ? "#REF!" : body;
    }
  }

  // ---------------------------------------------------------------- conditional formats

  cfRects(cf: CfModel): Rect[] {
    return cf.ranges.map(mustParseRangeRef);
  }

  conditionalFormatsIn(sheet: SheetModel, rect: Rect): CfModel[] {
    return sheet.conditionalFormats.filter((cf) => this.cfRects(cf).some((r) => intersect(r, rect)));
  }

  addCustomConditionalFormat(sheet: SheetModel, rect: Rect): CustomCfModel {
    const cf: CustomCfModel = { kind: "custom", id: newCfId(this.model), ranges: [rectToA1(rect)], formula: "", stopIfTrue: false };
    if (this.quirks.has("conditionalFormatReplaces")) sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => !this.cfRects(x).some((r) => intersect(r, rect)));
    sheet.conditionalFormats.unshift(cf);
    return cf;
  }

  findConditionalFormat(id: string): { sheet: SheetModel; cf: CfModel } | undefined {
    for (const sheet of this.model.sheets) {
      const cf = sheet.conditionalFormats.find((x) => x.id === id);
      if (cf) return { sheet, cf };
    }
    return undefined;
  }

  deleteConditionalFormat(sheet: SheetModel, cf: CfModel): void {
    sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => x !== cf);
  }

  /** Removes conditional formatting from `rect`, shrinking rules that reach outside it. */
  clearConditionalFormats(sheet: SheetModel, rect: Rect): void {
    const kept: CfModel[] = [];
    for (const cf of sheet.conditionalFormats) {
      const rest = this.cfRects(cf).flatMap((r) => subtractRect(r, rect));
      if (rest.length === 0) continue;
      cf.ranges = rest.map((r) => rectToA1(r));
      kept.push(cf);
    }
    sheet.conditionalFormats = kept;
  }

  setConditionalFormatPriority(sheet: SheetModel, cf: CfModel, priority: unknown, location: string): void {
    if (typeof priority !== "number" || !Number.isInteger(priority) || priority < 0) throw hostError("InvalidArgument", "priority must be a non-negative integer", location);
    const list = sheet.conditionalFormats.filter((x) => x !== cf);
    list.splice(Math.min(priority, list.length), 0, cf);
    sheet.conditionalFormats = list;
  }
}

function balanced(formula: string): boolean {
  let depth = 0;
  let inString = false;
  for (const ch of formula) {
    if (ch === '"') inString = !inString;
    else if (!inString && ch === "(") depth++;
    else if (!inString && ch === ")" && --depth < 0) return false;
  }
  return depth === 0 && !inString;
}

/** Replaces references to sheet `oldName` (outside string literals) by `replacement` ("#REF" to invalidate). */
export function rewriteSheetRefs(formula: string, oldName: string, replacement: string): string {
  const lower = oldName.toLowerCase();
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part.replace(/('(?:[^']|'')+'|[\p{L}_][\p{L}\p{N}_.]*)!/gu, (whole, ref: string) => {
        const name = ref.startsWith("'") ? ref.slice(1, -1).replace(/''/g, "'") : ref;
        return name.toLowerCase() === lower ? `${replacement}!` : whole;
      });
    })
    .join("");
}

/** Range.text for the number formats the host understands; others throw NotImplemented. */
export function formatNumber(v: number, numFmt: string, location: string): string {
  const general = (x: number): string => {
    if (Number.isInteger(x) && Math.abs(x) < 1e11) return String(x);
    const s = String(Number(x.toPrecision(10)));
    return s.length > 11 && Math.abs(x) >= 1e11 ? x.toExponential(5).replace("e+", "E+") : s;
  };
  if (numFmt === "General" || numFmt === "@") return general(v);
  const m = /^(#,##)?0(?:\.(0+))?(%)?$/.exec(numFmt);
  if (m) {
    const decimals = m[2]?.length ?? 0;
    const x = m[3] ? v * 100 : v;
    let s = x.toFixed(decimals);
    if (m[1]) {
      const [int = "", frac] = s.split(".");
      s = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac !== undefined ? `.${frac}` : "");
    }
    return s + (m[3] ?? "");
  }
  throw new NotImplementedError(`${location} for number format "${numFmt}"`, "only General, @, 0, 0.00, #,##0, #,##0.00 and 0% styles");
}
