/** Number handling: Excel-style rounding for display and Danish formatting for text. */

/**
 * A number as Excel holds it for display and comparison: 15 significant digits, and 0 below 1e-9. A formula such as
 * `=2,47*100` gives 247.00000000000003 in binary, which Excel shows (and users mean) as 247.
 */
export function excelNumber(value: number): number {
  // Noise below 1e-9 around zero (=0,3-0,1-0,2 gives -2,8e-17; Excel shows 0) is zero: no count,
  // target or weight is that small, and a »negative (0)« status must never block (issue 19).
  if (Number.isFinite(value) && Math.abs(value) < 1e-9) return 0;
  return Number.isFinite(value) ? Number(value.toPrecision(15)) || 0 : value;
}

/**
 * Rounds half away from zero, as Excel displays `0` and `#,##0` formats: first to 15 significant
 * digits (what Excel sees), then half away. The nudge is a few units in the last place of the scaled
 * number, so 2.675 (stored as 2.67499…) becomes 2.68, but 999.4999999999 stays 999 — a fixed or
 * relative 1e-9 nudge printed it as 1.000 in the text while Excel showed 999 in the cell.
 */
export function roundHalfAway(value: number, decimals = 0): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** decimals;
  const scaled = excelNumber(Math.abs(value)) * f;
  const rounded = Math.floor(scaled + 0.5 + scaled * 1e-15);
  return (Math.sign(value) * rounded) / f || 0;
}

/** `1048` → `1.048`, `73.54` with 1 decimal → `73,5`. Rounds half away from zero. */
export function formatDanish(value: number, decimals = 0): string {
  const r = roundHalfAway(value, decimals);
  const [intPart = "0", frac] = Math.abs(r).toFixed(decimals).split(".");
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const sign = r < 0 ? "-" : "";
  return frac ? `${sign}${grouped},${frac}` : `${sign}${grouped}`;
}

/** `73.54` → `74 pct.` */
export function formatPct(value: number | null): string {
  return value === null ? "–" : `${formatDanish(value)} pct.`;
}

export type TextNumber =
  | { readonly kind: "number"; readonly value: number; readonly reformatted: boolean }
  | { readonly kind: "ambiguous" }
  | { readonly kind: "invalid" };

/**
 * Reads a number typed as text in Danish or English form.
 * A single separator followed by exactly three digits (`1.048`, `1,048`) could be a thousands
 * separator or a decimal comma: that is ambiguous and refused. Everything else is accepted only
 * when it can mean one thing.
 */
export function parseNumberText(raw: string): TextNumber {
  const s = raw.replace(/[\u00a0\u202f]/g, " ").trim();
  if (s === "") return { kind: "invalid" };
  const sign = s.startsWith("-") ? -1 : 1;
  const body = s.replace(/^[+-]/, "").trim();
  const num = (text: string): TextNumber => ({ kind: "number", value: sign * Number(text), reformatted: true });
  if (/^\d+$/.test(body)) return num(body);
  // Thousands with spaces: "1 048" or "12 345,5".
  if (/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(body)) return num(body.replace(/ /g, "").replace(",", "."));
  // Danish with thousands dots and a decimal comma: 1.234,5
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(body)) return num(body.replace(/\./g, "").replace(",", "."));
  // English with thousands commas and a decimal point: 1,234.5
  if (/^\d{1,3}(,\d{3})+\.\d+$/.test(body)) return num(body.replace(/,/g, ""));
  // Two or more thousands groups can only be thousands: 1.234.567 or 1,234,567
  if (/^\d{1,3}(\.\d{3}){2,}$/.test(body)) return num(body.replace(/\./g, ""));
  if (/^\d{1,3}(,\d{3}){2,}$/.test(body)) return num(body.replace(/,/g, ""));
  // One separator and exactly three digits after it, no leading zero: thousands or decimals?
  if (/^[1-9]\d{0,2}[.,]\d{3}$/.test(body)) return { kind: "ambiguous" };
  if (/^\d*[.,]\d+$/.test(body)) return num(body.replace(",", "."));
  return { kind: "invalid" };
}
