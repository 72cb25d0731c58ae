/** Text helpers for matching labels typed by people. */
import { quotedText, UNSAFE_IN_NAME } from "./privacy";

/**
 * Normalised labels by text. Every sheet's first rows are matched several times (year, unit,
 * header, scheme rows) and the same labels recur on every department sheet, while the locale-aware
 * lower-casing is slow: this cache made the engine about four times faster (docs/dev/performance.md).
 */
const labels = new Map<string, string>();
const LABEL_CACHE_SIZE = 10_000;
/** Longer texts are notes, not labels: not kept (the cache stays under a few MB). */
const LABEL_CACHE_TEXT = 200;

/** Characters that look like nothing: soft hyphen, zero-width spaces and joiners, word joiner, BOM. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/g;

/** The text without characters nobody can see (a label pasted from the web often carries some). */
export function dropInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}

/** A name as it may enter outputs: white space folded to single spaces, unsafe characters dropped. */
export function safeName(text: string): string {
  return text.replace(/\s+/g, " ").replace(UNSAFE_IN_NAME, "").replace(/ {2,}/g, " ").trim();
}

/**
 * Lower-case, trim, fold white space, drop parenthesised parts, trailing colons and footnote stars.
 * `"  Løntilskud (helårspersoner) *"` → `"løntilskud"`.
 */
export function normalizeLabel(text: string): string {
  const hit = labels.get(text);
  if (hit !== undefined) return hit;
  const label = dropInvisible(text)
    .normalize("NFC")
    .replace(/\([^)]*\)/g, " ")
    .replace(/[*:]+/g, " ")
    .replace(/[\s\u00a0]+/g, " ")
    .trim()
    .toLocaleLowerCase("da-DK");
  if (text.length <= LABEL_CACHE_TEXT) {
    if (labels.size >= LABEL_CACHE_SIZE) labels.clear();
    labels.set(text, label);
  }
  return label;
}

/** Sheet names and unit codes: trimmed and upper-cased (Excel compares sheet names case-insensitively). */
export function normalizeCode(text: string): string {
  return dropInvisible(text).normalize("NFC").trim().toLocaleUpperCase("da-DK");
}

/** `BUF - Børne- og Ungdomsforvaltningen` → [`BUF`, `Børne- og Ungdomsforvaltningen`]: a code, a dash and a name. */
export function splitCodeAndName(text: string): [string, string] | undefined {
  const m = /^\s*([^\s\-–—:]+)\s*[-–—:]\s+(.+)$/.exec(dropInvisible(text));
  return m && m[1] !== undefined && m[2] !== undefined ? [m[1], m[2]] : undefined;
}

/** A cell's text for label matching, or undefined when the cell does not hold text. */
export function labelOf(value: unknown): string | undefined {
  return typeof value === "string" ? normalizeLabel(value) : undefined;
}

/**
 * Shortens a user value for messages, so no message carries more than the offending value. A
 * CPR-shaped part is masked first (src/core/privacy.ts): cut first, a CPR number split by the cut
 * would no longer look like one.
 */
export function clip(text: string, max = 40): string {
  const oneLine = quotedText(text.replace(/[\s\u00a0]+/g, " ").trim());
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
