/**
 * What every CLI command shares: exit codes, the usage error, the parsed arguments and the output
 * channel, and loading a workbook within the reader's limits. The commands (main.ts, notat.ts,
 * saml.ts) and the writer (write-file.ts) import it; main.ts is only the entry point, so nothing
 * imports main.ts but the launcher (bin/jobstatus.js) and the tests (docs/dev/architecture.md).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type ExcelJS from "./exceljs";
import { CLI } from "../messages/da";
import { loadBoundedBytes, readBoundedFile, readerRefusal, readWorkbookGrid } from "./xlsx-read";
import { releaseReadCells } from "../xlsx/read-grid";
import type { WorkbookGrid } from "../core";
import type { LoadMode } from "../xlsx/load";
import { NotWorkbookError } from "../xlsx/bounded-zip";
import { customPropertiesOfXlsx, noteCustomProperties } from "./custom-props";
import { accessRefusal, fileKindRefusal } from "./usage";
import { readErrorRefusal } from "./read-error";

export const EXIT_OK = 0;
export const EXIT_INPUT_ERRORS = 1;
export const EXIT_USAGE = 2;

/** A usage or file problem: printed as a Danish sentence, exit code 2. */
export class UsageError extends Error {}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface Parsed {
  readonly positional: string[];
  readonly options: Map<string, string | true>;
}

export function only(p: Parsed, allowed: readonly string[], positionals: number): void {
  for (const k of p.options.keys()) if (!allowed.includes(k)) throw new UsageError(CLI.unknownOption(k));
  const extra = p.positional[positionals];
  if (extra !== undefined) throw new UsageError(CLI.tooManyArgs(extra));
}

/**
 * The bytes of `file`, read once within the reader's limits (src/cli/xlsx-read.ts). A command that
 * both reads figures from a file and copies it reads the bytes here once and hands them to both, so
 * the copy is the very file the figures came from, even when the file changes meanwhile.
 */
export async function readInput(file: string): Promise<Uint8Array> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new UsageError(CLI.notXlsx(file));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(accessRefusal(e, file) ?? CLI.notFound(file));
  }
  try {
    return await readBoundedFile(file);
  } catch (e) {
    throw refusalOf(e, file);
  }
}

/**
 * A workbook read within the reader's limits: "copy" when it is written back whole (every part
 * checked), "read" when only its figures are read (only the parts read are inflated). `bytes` are
 * the file's bytes when the caller has read them already (readInput).
 */
export async function loadWorkbook(file: string, mode: LoadMode = "copy", bytes?: Uint8Array): Promise<ExcelJS.Workbook> {
  const input = bytes ?? (await readInput(file));
  try {
    const wb = await loadBoundedBytes(input, mode);
    // A copy keeps the input's custom document properties (sensitivity labels), which exceljs drops
    // (custom-props.ts); every part was checked within the limits by the copy-mode load above.
    if (mode === "copy") noteCustomProperties(wb, await customPropertiesOfXlsx(input));
    return wb;
  } catch (e) {
    throw loadRefusal(e, file, input);
  }
}

/**
 * A failed load of `input` as the Danish UsageError: a typed refusal as refusalOf says it; any other
 * error (exceljs's bare TypeError or XML error on a file the reader's checks passed) is CLI.readError
 * when `input` is a workbook package, since »not a workbook« would be false (src/cli/read-error.ts),
 * and CLI.notXlsx only when it is not.
 */
function loadRefusal(e: unknown, file: string, input: Uint8Array): UsageError {
  if (e instanceof UsageError) return e;
  return new UsageError(typedRefusal(e, file) ?? readErrorRefusal(input, file) ?? CLI.notXlsx(file));
}

/**
 * The grid of the workbook loadWorkbook read from `file`. A cell the reader refuses while reading it
 * (a shared formula that cannot be read, src/xlsx/read-grid.ts) is the Danish UsageError naming the
 * sheet and the cell, as saml and the pane name it; any other error passes through (»uventet fejl«).
 */
export function readGrid(wb: ExcelJS.Workbook, file: string): WorkbookGrid {
  try {
    const grid = readWorkbookGrid(wb);
    // Every command reads a read-mode workbook's grid once and nothing else of its cells: what was
    // kept to read them goes before the engine runs (issue 20, a million rows under 1 GB).
    releaseReadCells(wb);
    return grid;
  } catch (e) {
    const refusal = readerRefusal(e, file);
    if (refusal !== undefined) throw new UsageError(refusal);
    throw e;
  }
}

/** A failure to read `file` as the Danish UsageError that says why (and what to do). */
export function refusalOf(e: unknown, file: string): UsageError {
  if (e instanceof UsageError) return e;
  return new UsageError(typedRefusal(e, file) ?? CLI.notXlsx(file));
}

/** The sentence for an error the reader or the system names (a limit, what the file is instead, access), else undefined. */
function typedRefusal(e: unknown, file: string): string | undefined {
  // What the file is instead (password, .xls, a renamed .docx, a CSV …) gets a sentence that says what to do.
  const kind = e instanceof NotWorkbookError ? fileKindRefusal(e.fileKind, file) : undefined;
  return kind ?? accessRefusal(e, file) ?? readerRefusal(e, file);
}

export async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}
