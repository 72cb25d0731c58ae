/**
 * The test host's workbook model: plain JSON (no classes, no Dates, no Maps), so it can be written
 * to disk, sent into a browser page and back. Cell keys are A1 addresses ("B6").
 */

export type Visibility = "visible" | "hidden" | "veryHidden";

/** A stored cell value; dates are Excel serial numbers with a date number format, as in the file. */
export type CellValue = number | string | boolean | { error: string };

export type HAlign = "general" | "left" | "center" | "right" | "fill" | "justify" | "centerContinuous" | "distributed";
export type VAlign = "top" | "center" | "bottom" | "justify" | "distributed";

/** Border line styles as in SpreadsheetML (and exceljs). */
export type BorderStyle =
  | "thin"
  | "medium"
  | "thick"
  | "hair"
  | "dotted"
  | "dashed"
  | "double"
  | "mediumDashed"
  | "dashDot"
  | "mediumDashDot"
  | "dashDotDot"
  | "mediumDashDotDot"
  | "slantDashDot";

export interface BorderModel {
  style: BorderStyle;
  /** `#RRGGBB` */
  color: string;
}

/** The style keys with their value types; see {@link StyleModel}. */
export interface StyleValues {
  numFmt?: string;
  fontName?: string;
  fontSize?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  fontColor?: string;
  /** Solid fill colour; absent = no fill. */
  fill?: string;
  hAlign?: HAlign;
  vAlign?: VAlign;
  wrap?: boolean;
  borderTop?: BorderModel;
  borderBottom?: BorderModel;
  borderLeft?: BorderModel;
  borderRight?: BorderModel;
}

/**
 * Flat so later writes override key by key. Colours are `#RRGGBB`. `null` means "explicitly Excel's
 * default here", used where a whole-row, whole-column or whole-sheet format would otherwise show through.
 */
export type StyleModel = { [K in keyof StyleValues]?: StyleValues[K] | null };

export type StyleKey = keyof StyleValues;

export interface CellModel {
  /** Value, or for a formula its cached result (absent when never calculated). */
  v?: CellValue;
  /** Formula text including the leading "=". */
  f?: string;
  s?: StyleModel;
  /** A link to a place in the workbook (`'BUF'!B5`), as Range.hyperlink.documentReference sets it. */
  link?: string;
  /**
   * A note (a classic comment) on the cell, as the file keeps it. `Range.clear("All")` "clears
   * everything in the range", the note included; "Contents" and "Formats" leave it
   * (https://learn.microsoft.com/javascript/api/excel/excel.clearapplyto). Issue 17, defect 8.
   */
  note?: string;
}

/** A conditional format of type custom (an expression rule) that Office.js can read and write. */
export interface CustomCfModel {
  kind: "custom";
  id: string;
  /** Areas without sheet name, e.g. ["B2:B20"]. */
  ranges: string[];
  /** With leading "=". */
  formula: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  stopIfTrue: boolean;
}

/** Any other rule read from a file: kept for the round trip, visible in Office.js only by type and range. */
export interface RawCfModel {
  kind: "raw";
  id: string;
  ranges: string[];
  /** Office.js ConditionalFormatType, e.g. "ColorScale". */
  type: string;
  /** The exceljs rule object, as read. */
  rule: unknown;
  stopIfTrue: boolean;
}

export type CfModel = CustomCfModel | RawCfModel;

export interface PageSetupModel {
  /** SpreadsheetML paper code: 9 = A4, 1 = Letter. Absent = Letter (the file format's default). */
  paperSize?: number;
  orientation?: "portrait" | "landscape";
  fitToPage?: boolean;
  fitToWidth?: number;
  fitToHeight?: number;
  scale?: number;
  printArea?: string;
  /** Manual page breaks: 0-based rows that start a new printed page. */
  rowBreaks?: number[];
  /** Page margins in inches, as SpreadsheetML stores them (Office.js sets them in points). */
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** The footer of every page, in Excel's header/footer codes (`&P`, `&N`, `&&`). */
  footer?: { left?: string; center?: string; right?: string };
}

export interface DataValidationModel {
  /** Area without sheet name, e.g. "B5:B5". */
  range: string;
  kind: "decimal" | "wholeNumber";
  operator: string;
  formula1: number | string;
  prompt?: string;
  errorMessage?: string;
}

export interface SheetModel {
  id: string;
  name: string;
  visibility: Visibility;
  cells: Record<string, CellModel>;
  /** Merged areas, e.g. "B4:B6". */
  merges: string[];
  /** Column letter → width in Excel character units (as exceljs and the file store it). */
  columnWidths: Record<string, number>;
  /** 1-based row number → height in points. */
  rowHeights: Record<string, number>;
  /** Hidden (or filtered-away) rows, 1-based as in the file; absent = none. */
  hiddenRows?: number[];
  /** Hidden columns by letter; absent = none. */
  hiddenColumns?: string[];
  /** Whole-column formats (column letter → style), whole-row formats and the whole-sheet format. */
  colStyles: Record<string, StyleModel>;
  rowStyles: Record<string, StyleModel>;
  sheetStyle: StyleModel;
  /** In priority order: index 0 is evaluated first. */
  conditionalFormats: CfModel[];
  pageSetup: PageSetupModel;
  /** Data validation (ExcelApi 1.8) per area, as Office.js sets it. */
  dataValidations?: DataValidationModel[];
  freeze?: { rows: number; columns: number };
  /** Selected range on this sheet, e.g. "A1" or "B2:C4". */
  selection: string;
  tabColor?: string;
  showGridlines: boolean;
  /** Sheet protection (Worksheet.protection, ExcelApi 1.2): every cell is locked, so writes to cells fail with AccessDenied. */
  protected?: boolean;
  /** Charts on the sheet, as read from the file (xlsx-charts.ts); no API of the host reaches them. */
  charts?: ChartModel[];
}

/**
 * A chart on a sheet: its series' references (`c:f`, ECMA-376 Part 1 §21.2.2.65), e.g.
 * "BUF!$B$9:$B$13". Excel keeps them like a cell formula's references (engine.ts,
 * rewriteSheetReferences): renamed with the sheet they name, `#REF!` when it is deleted.
 */
export interface ChartModel {
  series: string[];
}

export interface NameModel {
  name: string;
  /** With leading "=", e.g. "='Status 2025'!$A$1". */
  formula: string;
  comment: string;
  visible: boolean;
  /**
   * The sheet (id) a sheet-scoped name belongs to (`Worksheet.names`, ExcelApi 1.4); absent for a
   * workbook name. "Names can be scoped to the workbook or to a worksheet"
   * (https://learn.microsoft.com/javascript/api/excel/excel.nameditem#excel-excel-nameditem-scope-member);
   * deleting the sheet deletes its names, as Excel does.
   */
  sheetId?: string;
}

export interface WorkbookModel {
  version: 1;
  /** In tab order. */
  sheets: SheetModel[];
  names: NameModel[];
  activeSheetId: string;
  /** Counter for sheet and conditional-format ids. */
  nextId: number;
  date1904?: boolean;
  fileName?: string;
  /** Opened read-only (Workbook.readOnly, ExcelApi 1.8): every change fails with AccessDenied. */
  readOnly?: boolean;
  /**
   * Application.calculationMode (ExcelApi 1.1 to read): »Manual« when the file was saved with
   * `<calcPr calcMode="manual">`, as Excel opens it; absent is »Automatic«. Excel does not
   * recalculate a manual workbook on opening, so the cached results are what it shows.
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.application#excel-excel-application-calculationmode-member
   */
  calculationMode?: "Automatic" | "AutomaticExceptTables" | "Manual";
  /**
   * The user is on a chart sheet of this name (a sheet that is not a worksheet, so it is not in
   * `sheets`): `WorksheetCollection.getActiveWorksheet()` then fails the sync with a RichApi error, as
   * in Excel on Windows and Mac (OfficeDev/office-js#2444). The issue gives no code; the double uses
   * `GeneralException`, and the add-in must not depend on it. Activating a worksheet ends it.
   */
  activeChartSheet?: string;
}

export const DEFAULT_COLUMN_WIDTH_CHARS = 8.43;
export const DEFAULT_ROW_HEIGHT_POINTS = 15;

/** What a cell shows when nothing set it (Excel's Normal style, Calibri 11). */
export const DEFAULT_STYLE: StyleValues = {
  numFmt: "General",
  fontName: "Calibri",
  fontSize: 11,
  bold: false,
  italic: false,
  underline: false,
  fontColor: "#000000",
  hAlign: "general",
  vAlign: "bottom",
  wrap: false,
};

export function newSheetId(model: WorkbookModel): string {
  const n = model.nextId++;
  return `{${n.toString(16).toUpperCase().padStart(8, "0")}-0001-0000-0000-000000000000}`;
}

export function newCfId(model: WorkbookModel): string {
  return `cf-${model.nextId++}`;
}

export function emptySheet(model: WorkbookModel, name: string): SheetModel {
  return {
    id: newSheetId(model),
    name,
    visibility: "visible",
    cells: {},
    merges: [],
    columnWidths: {},
    rowHeights: {},
    colStyles: {},
    rowStyles: {},
    sheetStyle: {},
    conditionalFormats: [],
    pageSetup: {},
    selection: "A1",
    showGridlines: true,
  };
}

/** A workbook with the given sheets (default one sheet "Sheet1"); the first is active. */
export function createModel(sheetNames: readonly string[] = ["Sheet1"]): WorkbookModel {
  const model: WorkbookModel = { version: 1, sheets: [], names: [], activeSheetId: "", nextId: 1 };
  for (const name of sheetNames) model.sheets.push(emptySheet(model, name));
  const first = model.sheets[0];
  if (!first) throw new Error("TestHost: a workbook needs at least one sheet");
  model.activeSheetId = first.id;
  return model;
}

/** Deep copy through JSON, which also proves the model is JSON-serialisable. */
export function cloneModel(model: WorkbookModel): WorkbookModel {
  return JSON.parse(JSON.stringify(model)) as WorkbookModel;
}

/** Why `name` is not a valid sheet name, or undefined when it is (Excel's rules). */
export function sheetNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string") return "a sheet name must be a string";
  if (name.length < 1 || name.length > 31) return `sheet name "${name}" must be 1–31 characters (has ${name.length})`;
  if (/[\\/?*[\]:]/.test(name)) return `sheet name "${name}" contains one of \\ / ? * [ ] :`;
  if (name.startsWith("'") || name.endsWith("'")) return `sheet name "${name}" starts or ends with an apostrophe`;
  if (name.toLowerCase() === "history") return 'sheet name "History" is reserved by Excel';
  return undefined;
}

/** Why `name` is not a valid defined name, or undefined when it is. */
export function definedNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string") return "a name must be a string";
  if (name.length < 1 || name.length > 255) return `name "${name}" must be 1–255 characters`;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) {
    return `name "${name}" must start with a letter or underscore and contain only letters, digits, underscores and dots`;
  }
  if (/^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[Rr][0-9]*([Cc][0-9]*)?$/.test(name) || /^[Cc][0-9]*$/.test(name)) {
    return `name "${name}" looks like a cell reference`;
  }
  return undefined;
}
