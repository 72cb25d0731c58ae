/**
 * The CLI reads .xlsx files with the reader it shares with the pane (src/xlsx/read-grid.ts), opened
 * within the reader's limits (src/xlsx/load.ts): the file's size is checked before it is read.
 */
import { promises as fs } from "node:fs";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "./exceljs";
import { NotWorkbookError, READER_LIMITS, ReaderLimitError, UnreliablePackageError } from "../xlsx/bounded-zip";
import { loadWorkbookBytes, type LoadMode } from "../xlsx/load";
import { SharedFormulaError, SharedStringMissingError, SheetTooLargeError } from "../xlsx/read-grid";
import { MergeLimitError } from "../xlsx/merge-bounds";
import { SheetDamagedError } from "../xlsx/repeated-cells";
import { CLI } from "../messages/da";

export { dateToSerial, lastSavedOf, ownedSheets, readWorkbookGrid, toCell } from "../xlsx/read-grid";

const MB = 1024 * 1024;

/**
 * Node's zlib, capped: it throws rather than make more than `maxBytes` (src/xlsx/bounded-zip.ts,
 * RawInflate), which is the part's declared size. Its output in one chunk of that size: in chunks
 * of 16 KB, zlib joined them into a copy at the end, so a 186 MB sheet cost 372 MB at once (issue
 * 20). A chunk never touched past the real output costs no memory (Linux allots pages as written),
 * and every declared size is within the reader's limits (512 MB for all parts together).
 */
export const nativeInflate = (data: Uint8Array, maxBytes: number): Uint8Array => inflateRawSync(data, { maxOutputLength: maxBytes, chunkSize: Math.max(64, maxBytes) });

/** A reader refusal as the CLI's Danish message for `file`; undefined for any other error. */
export function readerRefusal(e: unknown, file: string): string | undefined {
  if (e instanceof ReaderLimitError) {
    if (e.kind === "file") return CLI.fileTooLarge(file, e.max / MB);
    if (e.kind === "parts") return CLI.tooManyParts(file, e.max);
    if (e.kind === "stringsBytes") return CLI.textsTooLarge(file, e.max / MB);
    if (e.kind === "strings") return CLI.tooManyTexts(file, e.max);
    if (e.kind === "stylesBytes") return CLI.stylesTooLarge(file, e.max / MB);
    if (e.kind === "cellFormats") return CLI.tooManyFormats(file, e.max);
    if (e.kind === "stringsElements") return CLI.textsTooComplex(file, e.max);
    if (e.kind === "stylesElements") return CLI.stylesTooComplex(file, e.max);
    return CLI.unpackTooLarge(file, e.max / MB);
  }
  if (e instanceof UnreliablePackageError) return CLI.unreliableParts(file);
  if (e instanceof NotWorkbookError) return e.fileKind === "damaged" ? CLI.damaged(file) : CLI.notXlsx(file);
  if (e instanceof MergeLimitError) {
    if (e.kind === "elements") return CLI.sheetNotPlain(file, e.sheet, e.max);
    if (e.kind === "mergedCells") return CLI.mergeTooLarge(file, e.sheet, e.range ?? "", e.max);
    return CLI.tooManyMerges(file, e.sheet, e.max, e.kind === "fileMerges");
  }
  if (e instanceof SheetTooLargeError) return CLI.sheetTooLarge(file, e.sheet, e.max);
  if (e instanceof SharedStringMissingError) return CLI.textMissing(file, e.sheet, e.cell);
  if (e instanceof SharedFormulaError) return CLI.formulaBroken(file, e.sheet, e.cell);
  if (e instanceof SheetDamagedError) {
    const d = e.damage;
    if (d.kind === "row-twice") return CLI.rowTwice(file, e.sheet, d.row);
    return d.kind === "cell-twice" ? CLI.cellTwice(file, e.sheet, d.row, d.cell) : CLI.cellInOtherRow(file, e.sheet, d.row, d.cell);
  }
  return undefined;
}

/**
 * The workbook in `file`, read within the limits: the size first (a file over the limit is not
 * read at all), then the zip (src/xlsx/load.ts). Throws what readerRefusal names, or exceljs's own error.
 */
export async function loadBoundedWorkbook(file: string, mode: LoadMode): Promise<ExcelJS.Workbook> {
  return await loadBoundedBytes(await readBoundedFile(file), mode);
}

/**
 * A workbook from bytes already read within the limits (readBoundedFile), checked as loadBoundedWorkbook does.
 * In read mode (valider, notat, beregn's figures: only readWorkbookGrid reads it) the sheets that may
 * be read whole are scanned from their XML, not built by exceljs (load.ts, `scanCells`).
 */
export async function loadBoundedBytes(bytes: Uint8Array, mode: LoadMode): Promise<ExcelJS.Workbook> {
  return await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, nativeInflate, { scanCells: mode === "read" });
}

/** The bytes of `file`, its size checked first: a file over the limit is not read at all. */
export async function readBoundedFile(file: string): Promise<Uint8Array> {
  const handle = await fs.open(file, "r");
  try {
    const { size } = await handle.stat();
    if (size > READER_LIMITS.fileBytes) throw new ReaderLimitError("file", READER_LIMITS.fileBytes);
    const bytes = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}
