/**
 * Why a picked file could not be read, as a value (types only): the engine's collect plan
 * (collect.ts) carries it, and the message catalogue (src/messages/da.ts COLLECT.unreadable) words
 * it. Both import it from here, since collect.ts imports the catalogue (no import circle).
 */

/**
 * Why a picked file could not be read; each a Danish reason in the overview. "text-missing" and
 * "formula-broken" are the reader's refusals of one cell (named in `at`); "row-twice", "cell-twice"
 * and "cell-in-other-row" its refusals of a damaged sheet (src/xlsx/repeated-cells.ts; `at` names
 * the sheet, the row and, where it can, the cell); "read-error" is an error the reader did not
 * foresee, with `at` naming only the sheet when the file shows one at fault
 * (src/xlsx/missing-relationship.ts; docs/dev/security.md, »What a collect says of a file it cannot read«).
 */
export type UnreadableReason = "password" | "permission" | "not-workbook" | "lock-file" | "too-large" | "not-found" | "directory" | "text-missing" | "formula-broken" | "read-error" | "row-twice" | "cell-twice" | "cell-in-other-row";

/** The sheet and cell a reader's refusal names; no cell when the file's reference is no proper A1 reference (src/xlsx/read-grid.ts, SharedStringMissingError), nor for a »read-error«'s sheet. */
export interface UnreadableCell {
  readonly sheet: string;
  readonly cell?: string;
  /** The row of a damaged sheet's refusal: the row twice, the row of a cell twice, the row a cell out of its row stands in. */
  readonly row?: number;
}

/**
 * The reader's limit a "too-large" file passed, when it names a sheet (src/xlsx/read-grid.ts
 * SheetTooLargeError, src/xlsx/merge-bounds.ts MergeLimitError): the overview then says what
 * `valider` says of that file, naming the sheet and the limit.
 */
export interface UnreadableLimit {
  readonly kind: "cells" | "mergedCells" | "sheetMerges" | "fileMerges" | "elements";
  readonly sheet: string;
  readonly max: number;
  /** The merge (as written in the file, cut short) for "mergedCells". */
  readonly range?: string;
}
