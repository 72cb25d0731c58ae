/**
 * A host-neutral description of a sheet to write: values, number formats, merges and styles.
 * The CLI renders it with exceljs and the add-in with Office.js, so both outputs match cell for cell.
 */

/** A rectangle of 0-based, inclusive sheet coordinates. */
export interface Rect {
  readonly r1: number;
  readonly c1: number;
  readonly r2: number;
  readonly c2: number;
}

export type BorderWeight = "thin" | "medium";

export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Font size in points. */
  readonly size?: number;
  /** Font colour, `#RRGGBB`. */
  readonly color?: string;
  /** Fill colour, `#RRGGBB`. */
  readonly fill?: string;
  readonly horizontal?: "left" | "center" | "right";
  readonly vertical?: "top" | "center" | "bottom";
  readonly wrap?: boolean;
  /** Border drawn on every edge of every cell in the rect (inside lines included). */
  readonly border?: BorderWeight;
}

export interface DataValidation {
  readonly rect: Rect;
  readonly kind: "decimal" | "whole";
  readonly min: number;
  readonly prompt: string;
}

/** A link from a layout cell to `sheet!cell` in the same workbook. */
export interface LayoutLink {
  readonly row: number;
  readonly col: number;
  readonly sheet: string;
  readonly cell: string;
}

/** `'BUF'!B5`: the in-workbook reference a link points at, quoted as Excel quotes sheet names. */
export function linkReference(link: Pick<LayoutLink, "sheet" | "cell">): string {
  return `'${link.sheet.replace(/'/g, "''")}'!${link.cell}`;
}

/** Every written cell holds a number, a text (written literally, never as a formula) or nothing. */
export type LayoutValue = number | string | null;

export interface SheetLayout {
  readonly sheetName: string;
  /** The font every cell uses; LibreOffice falls back to a serif when a font has no name. */
  readonly fontName: string;
  readonly fontSize: number;
  /** Row-major values from A1; every row has `columnCount` entries. */
  readonly values: readonly (readonly LayoutValue[])[];
  /** Same shape as `values`; null means General. */
  readonly numberFormats: readonly (readonly (string | null)[])[];
  readonly merges: readonly Rect[];
  /** Applied in order; later entries win where they overlap. */
  readonly styles: readonly { readonly rect: Rect; readonly style: CellStyle }[];
  /** Column widths in Excel character units, one per column. */
  readonly columnWidths: readonly number[];
  /** Explicit row heights in points (rows not listed keep the default). */
  readonly rowHeights: readonly { readonly row: number; readonly height: number }[];
  /** Excel data validation on input cells (template only). */
  readonly validations?: readonly DataValidation[];
  /** 0-based rows that start a new printed page (so no table is split across pages). */
  readonly pageBreaks?: readonly number[];
  /** Rows frozen at the top (template only). */
  readonly freezeRows?: number;
  /** Cells that link to a cell in the workbook (the Kilder sheet): the cell's text stays its value. */
  readonly links?: readonly LayoutLink[];
  readonly print: {
    readonly paperSize: "A4";
    readonly orientation: "portrait" | "landscape";
    readonly fitToWidth: true;
  };
}

/**
 * Excel column width in character units to points, for hosts (Office.js) that set widths in points.
 * Excel's rule for Calibri 11 (max digit width 7 px): px = trunc(7 * chars + 5), pt = px * 3 / 4.
 */
export function charsToPoints(chars: number): number {
  return (Math.trunc(7 * chars + 5) * 3) / 4;
}

/** Inverse of {@link charsToPoints}, rounded to 1/256 of a character as Excel stores it. */
export function pointsToChars(points: number): number {
  const px = (points * 4) / 3;
  return Math.round(((px - 5) / 7) * 256) / 256;
}
