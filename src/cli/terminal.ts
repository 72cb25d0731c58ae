/**
 * Text for a terminal (issue 20 item 4, docs/dev/security.md §6). A department's cell texts, sheet
 * names and unknown row labels are quoted in the CLI's messages; raw, an escape sequence in them
 * would reach the user's terminal: OSC 52 sets the clipboard, `ESC[2J` clears the screen, OSC 8
 * makes a fake link, and bidi overrides (U+202E …) show a text other than the one stored.
 *
 * One choke point: main() passes every command an Io whose out/err pass the text through
 * {@link terminalSafe}. JSON is made by {@link jsonText}, which escapes the same characters as
 * `\uXXXX` (JSON.stringify already escapes C0, but not DEL, C1 or the bidi controls), so a JSON
 * value loses nothing and the choke point finds nothing to strip in it.
 */

// C0 except tab and line feed; DEL; C1; and the bidi controls: ALM, LRM/RLM, LRE…RLO (U+202A–202E),
// LRI…PDI (U+2066–2069), with the line and paragraph separators, which some terminals treat as breaks.
const UNSAFE = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** The text with every control, C1 and bidi-override character removed (tab and line feed kept). */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, "");
}

/** Pretty-printed JSON whose strings carry every character {@link terminalSafe} would strip as a `\uXXXX` escape. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
