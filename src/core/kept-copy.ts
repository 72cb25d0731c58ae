/**
 * The name under which a collect run keeps a replaced department sheet: `BUF (erstattet)`,
 * `BUF (erstattet 2)`, … . Shared by the collect plan (which names the copy) and the engine (which
 * does not count a hidden kept copy, nor warn about it as an unknown forvaltning).
 */
import type { SheetGrid } from "./grid";
import { normalizeCode } from "./text";

/** Excel's limit on a sheet name's length. */
export const SHEET_NAME_MAX = 31;

const KEPT = /^(.+?) \(ERSTATTET(?: (\d+))?\)$/;

/** The n-th kept copy's name for `code` (n from 1), shortened so it fits Excel's 31 characters. */
export function keptCopyName(code: string, n: number): string {
  const suffix = n === 1 ? " (erstattet)" : ` (erstattet ${n})`;
  return `${code.slice(0, SHEET_NAME_MAX - suffix.length)}${suffix}`;
}

/**
 * True when a kept copy of `code` may be named `name`: its own code, or — when the name is at
 * Excel's limit, so the code was shortened to fit ({@link keptCopyName}) — the start of the code.
 */
export function isKeptCopyFor(name: string, code: string): boolean {
  const k = keptCopyOf(name);
  if (!k) return false;
  const want = normalizeCode(code);
  return k.code === want || (name.length === SHEET_NAME_MAX && want.length > k.code.length && want.startsWith(k.code));
}

/** For a kept copy's name, its forvaltning code (shortened as the name is) and number; otherwise undefined. */
export function keptCopyOf(name: string): { code: string; n: number } | undefined {
  const m = KEPT.exec(normalizeCode(name));
  if (!m || m[1] === undefined) return undefined;
  return { code: m[1], n: m[2] === undefined ? 1 : Number(m[2]) };
}

/** A hidden kept copy: the analyst's old sheet, kept to be restored, not counted. */
export function isHiddenKeptCopy(sheet: SheetGrid): boolean {
  return sheet.visibility !== "visible" && keptCopyOf(sheet.name) !== undefined;
}
