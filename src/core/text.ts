/** Text helpers for matching labels typed by people. */

/**
 * Lower-case, trim, fold white space, drop parenthesised parts, trailing colons and footnote stars.
 * `"  Løntilskud (helårspersoner) *"` → `"løntilskud"`.
 */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\([^)]*\)/g, " ")
    .replace(/[*:]+/g, " ")
    .replace(/[\s\u00a0]+/g, " ")
    .trim()
    .toLocaleLowerCase("da-DK");
}

/** Sheet names and unit codes: trimmed and upper-cased (Excel compares sheet names case-insensitively). */
export function normalizeCode(text: string): string {
  return text.normalize("NFC").trim().toLocaleUpperCase("da-DK");
}

/** A cell's text for label matching, or undefined when the cell does not hold text. */
export function labelOf(value: unknown): string | undefined {
  return typeof value === "string" ? normalizeLabel(value) : undefined;
}

/** Shortens a user value for messages, so no message carries more than the offending value. */
export function clip(text: string, max = 40): string {
  const oneLine = text.replace(/[\s\u00a0]+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
