/**
 * What the user sees: a sheet's grid with the cells of hidden rows and columns blanked.
 * jobstatus counts what the user sees (docs/dev/design.md, »Hidden rows and columns«): a department
 * that hides last year's column and types this year's figures in a new one must get this year's
 * figures, and a hidden row must never add figures nobody can see. Every hidden row or column that
 * holds something is reported, so nothing disappears silently either.
 */
import { a1, columnName, type Cell, type SheetGrid } from "./grid";

export interface HiddenContent {
  readonly kind: "row" | "column";
  /** 0-based sheet row or column. */
  readonly index: number;
  /** The first non-blank cell in it, to point at. */
  readonly cell: string;
  /** `7` for row 7, `C` for column C: how Excel's headers name it. */
  readonly label: string;
}

const blank = (v: Cell | undefined): boolean => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** The sheet as the user sees it, and the hidden rows and columns that held content. */
export function visibleView(sheet: SheetGrid): { readonly sheet: SheetGrid; readonly hidden: readonly HiddenContent[] } {
  const rows = new Set(sheet.hiddenRows ?? []);
  const cols = new Set(sheet.hiddenCols ?? []);
  if (rows.size === 0 && cols.size === 0) return { sheet, hidden: [] };
  const hidden = new Map<string, HiddenContent>();
  const values = sheet.values.map((row, i) => {
    const r = i + sheet.originRow;
    return row.map((v, j) => {
      const c = j + sheet.originCol;
      const rowHidden = rows.has(r);
      if (!rowHidden && !cols.has(c)) return v;
      const key = rowHidden ? `r${r}` : `c${c}`;
      if (!blank(v) && !hidden.has(key)) {
        hidden.set(key, rowHidden ? { kind: "row", index: r, cell: a1(r, c), label: String(r + 1) } : { kind: "column", index: c, cell: a1(r, c), label: columnName(c) });
      }
      return null;
    });
  });
  const list = [...hidden.values()].sort((a, b) => (a.kind === b.kind ? a.index - b.index : a.kind === "row" ? -1 : 1));
  return { sheet: { ...sheet, values }, hidden: list };
}
