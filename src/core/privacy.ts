/**
 * CPR-shaped text (DDMMYY-XXXX or DDMMYYXXXX, with a day 01–31 and a month 01–12) in the values
 * jobstatus quotes in its messages. A department's file may hold a CPR number in a cell jobstatus
 * reads (a row label, a figure cell); the message, the CLI's --json and the ready-made mail text of
 * `saml` would otherwise carry it out of the workbook. The messages mask it where values enter them
 * (src/messages/da.ts, str and num); the cell is still named, so the user can find it. Pure.
 */

// Not part of a longer run of digits; an optional hyphen (or Unicode hyphen, en dash) before the last four.
const CPR = /(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-\u2010\u2011\u2013]?\d{4}(?!\d)/g;

/** `text` with every CPR-shaped part replaced by `mask`. */
export function maskCpr(text: string, mask: string): string {
  return text.replace(CPR, mask);
}

/** A number that is a CPR number typed without its hyphen (a leading zero lost: 9 digits). */
export function isCprNumber(n: number): boolean {
  if (!Number.isInteger(n) || n < 1e8 || n >= 1e10) return false;
  return maskCpr(String(n).padStart(10, "0"), "") === "";
}
