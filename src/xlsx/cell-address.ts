/** Excel's last row and column (1,048,576 and XFD). */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLS = 16_384;

/**
 * A cell reference as exceljs 4.4.0 decodes it (utils/col-cache.js, `decodeAddress`): the letters
 * A–Z before the first digit are the column, the digits the row; other characters are skipped until
 * both were seen, after which the first one other than `$` ends it. Browser-safe, pure. Used where
 * the reader must place a cell or a merge exactly where exceljs will (merge-bounds.ts, repeated-cells.ts).
 */
export function decodeAddress(value: string): { row: number | undefined; col: number | undefined } {
  let hasCol = false;
  let col = 0;
  let hasRow = false;
  let row = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!hasRow && c >= 65 && c <= 90) {
      hasCol = true;
      col = col * 26 + c - 64;
    } else if (c >= 48 && c <= 57) {
      hasRow = true;
      row = row * 10 + c - 48;
    } else if (hasRow && hasCol && c !== 36) break;
  }
  return { row: hasRow ? row : undefined, col: hasCol ? col : undefined };
}
