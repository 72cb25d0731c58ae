/**
 * CPR-shaped text (DDMMYY-XXXX or DDMMYYXXXX, with a day 01–31 and a month 01–12) in the values
 * jobstatus quotes in its messages. A department's file may hold a CPR number in a cell jobstatus
 * reads (a row label, a figure cell); the message, the CLI's --json and the ready-made mail text of
 * `saml` would otherwise carry it out of the workbook. The messages mask it where values enter them
 * (src/messages/da.ts, str and num); the cell is still named, so the user can find it. Pure.
 */

// Not part of a longer run of digits. The date's parts may be split by the same dot, slash or hyphen
// (31.12.99); before the last four an optional hyphen (or Unicode hyphen, en dash), space, dot or
// slash (311299-1234, 311299 1234, 31.12.99-1234, 311299/1234).
const CPR = /(?<!\d)(?:0[1-9]|[12]\d|3[01])([./-]?)(?:0[1-9]|1[0-2])\1\d{2}[-\u2010\u2011\u2013 ./]?\d{4}(?!\d)/g;

/** What a CPR-shaped text is shown as (the messages re-export it as their CPR_MASK). */
export const CPR_MASK = "xxxxxx-xxxx";

/** `text` with every CPR-shaped part replaced by `mask`. */
export function maskCpr(text: string, mask: string): string {
  return text.replace(CPR, mask);
}

/*
 * Figures are never masked (a 9–10 digit number read as a figure is shown as it is): masking it would
 * hide the figure the user must check and protect nothing, for the number is in the user's own cell.
 * Only text is masked: a text's CPR-shaped part cannot be a figure jobstatus uses.
 */

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks: U+202E turns »ØKF« around on
 * screen and in print), C0 and C1 control characters and the invisible ones: none belongs in a
 * name that is printed in titles, the status sheet and the notat (src/core/text.ts, safeName), nor
 * in a quoted value (quotedText).
 */
export const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/**
 * A user's text as it is quoted in a message (a cell's text, a name, a sheet or file name): CPR-shaped
 * parts masked, every C0 control character, line feed and tab too, made a space, so a quoted value
 * cannot start a line of its own in a message, the terminal or a mail (issue 20 items 2 and 6), and
 * the other characters of UNSAFE_IN_NAME dropped: C1 controls, bidirectional controls (U+202E in a
 * sheet's name would turn the rest of the sentence around in the pane) and the invisible ones. What
 * is left is what Excel shows of a name, in the order the file stores it (docs/dev/security.md,
 * »What a collect says of a file it cannot read«).
 */
export function quotedText(text: string): string {
  return maskCpr(text.replace(/[\x00-\x1F\x7F\x85\u2028\u2029]/g, " ").replace(UNSAFE_IN_NAME, ""), CPR_MASK);
}
