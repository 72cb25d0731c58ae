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
  readonly print: PrintSetup;
  /** False hides the gridlines, so the sheet looks like the printed report on screen. */
  readonly showGridlines?: boolean;
}

/**
 * How a layout prints. Always a fixed scale, never "fit to N pages wide": Excel ignores manual page
 * breaks on a sheet scaled with Fit To, and the breaks are what keep each table on one page.
 * The scale is computed from the column widths ({@link printScale}), so the layout is one page wide.
 */
export interface PrintSetup {
  readonly paperSize: "A4";
  readonly orientation: "portrait" | "landscape";
  /** Percent, 10–400, as Excel's »Juster til«. */
  readonly scale: number;
  /** The print area is every row and column of the layout (the report; never a sheet users extend). */
  readonly printArea: boolean;
  /** Page margins in inches; the scale and page breaks are computed for exactly these. */
  readonly margins: PageMargins;
  /**
   * Footer on every printed page, in Excel's header/footer codes: `&P` page number, `&N` page
   * count; a literal `&` is `&&` ({@link footerText}).
   */
  readonly footer?: { readonly left: string; readonly right: string };
}

export interface PageMargins {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly header: number;
  readonly footer: number;
}

/** Excel's »Normal« margins, in inches, written explicitly so the computed scale holds whatever a workbook's defaults are. */
export const NORMAL_MARGINS: PageMargins = { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
/** A4 in points. */
const A4_PT = { width: 595.28, height: 841.89 } as const;
const MARGIN_PT = { side: NORMAL_MARGINS.left * 72, topBottom: NORMAL_MARGINS.top * 72 } as const;
/**
 * Printed columns may come out a little wider than on screen (the printer's font metrics), so the
 * scale keeps this many percent in reserve, and a page is filled to this share of its height.
 */
const SCALE_RESERVE_PCT = 2;
const HEIGHT_RESERVE = 0.93;

function printableArea(orientation: PrintSetup["orientation"]): { width: number; height: number } {
  const [w, h] = orientation === "portrait" ? [A4_PT.width, A4_PT.height] : [A4_PT.height, A4_PT.width];
  return { width: w - 2 * MARGIN_PT.side, height: h - 2 * MARGIN_PT.topBottom };
}

/** The largest whole-percent scale (minus a reserve) at which every column fits one page wide; at most 100. */
export function printScale(columnWidths: readonly number[], orientation: PrintSetup["orientation"]): number {
  const sheetWidth = columnWidths.reduce((sum, w) => sum + charsToPoints(w), 0);
  const fit = Math.floor((100 * printableArea(orientation).width) / sheetWidth) - SCALE_RESERVE_PCT;
  return Math.max(10, Math.min(100, fit));
}

/** Sheet points of rows that fit on one printed page at `scale`. */
export function pageCapacity(scale: number, orientation: PrintSetup["orientation"]): number {
  return Math.floor(((printableArea(orientation).height * 100) / scale) * HEIGHT_RESERVE);
}

/** A text for a header or footer: Excel reads `&` as the start of a code, so it is doubled. */
export function footerText(text: string): string {
  return text.replace(/&/g, "&&");
}

/**
 * The print setup for a layout's columns: A4, Normal margins, a fixed scale that fits the width;
 * for a report also its print area and footer.
 */
export function printSetupFor(
  columnWidths: readonly number[],
  orientation: PrintSetup["orientation"],
  report?: { readonly footer: { readonly left: string; readonly right: string } },
): PrintSetup {
  return {
    paperSize: "A4",
    orientation,
    scale: printScale(columnWidths, orientation),
    margins: NORMAL_MARGINS,
    printArea: report !== undefined,
    ...(report ? { footer: report.footer } : {}),
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

/**
 * Lines a text takes when wrapped at word boundaries in a column `width` characters wide. A column
 * unit is a digit's width (Calibri 11); Danish text averages about 1.2 letters per digit width, so
 * 1.15 letters per unit leaves a margin: a row is at worst a little tall, never cut
 * (checked in LibreOffice's rendering, test/print.test.ts).
 */
export function wrappedLines(text: string, width: number): number {
  const max = Math.max(1, Math.floor(width * 1.15) - 1);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const len = word.length;
    if (used > 0 && used + 1 + len > max) {
      lines++;
      used = 0;
    }
    if (used === 0) {
      lines += Math.max(0, Math.ceil(len / max) - 1);
      used = len % max || Math.min(len, max);
    } else used += 1 + len;
  }
  return lines;
}
