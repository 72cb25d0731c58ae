/**
 * Cell text in .xlsx is an ST_Xstring (ECMA-376 Part 1, §22.9.2.19): a character XML 1.0 cannot
 * carry is written `_xHHHH_`, and a literal text of that shape is protected by escaping its first
 * underscore, `_x005F_xHHHH_`. Office also escapes the carriage return, which XML would turn into
 * a line feed ([MS-OI29500] 2.1.1747), and reads the hex digits in either case
 * (abap2xlsx/abap2xlsx#761: Excel shows `_x0041_` and `_x0061_`... as the character).
 *
 * exceljs 4.4.0 decodes `_xHHHH_` on reading (upper-case digits only) and does not escape on
 * writing: a user's literal `_x0041_` came back as `A`, control characters were dropped and
 * `_x2028_` became U+2028 in the copy. This module makes the two directions each other's inverse,
 * where every `<t>` is read and written: exceljs's text serialiser (shared strings, rich-text runs,
 * inline strings, notes). Browser-safe; applied once, by src/cli/exceljs.ts.
 */
import type ExcelJS from "exceljs";

// Characters XML 1.0 cannot carry (and CR, which it would normalise), lone surrogates, U+FFFE/FFFF.
const MUST_ESCAPE = /_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0B-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, "0");

/** A text as Excel stores it in `<t>`: control characters as `_xHHHH_`, a literal `_xHHHH_` protected as `_x005F_xHHHH_`. */
export function escapeXstring(text: string): string {
  // Every underscore that starts an escape's shape is protected, overlapping ones too: the literal
  // `_x005F_x0041_` is stored `_x005F_x005F_x005F_x0041_`, which reads back left to right as itself.
  return text.replace(MUST_ESCAPE, (m: string) => `_x${hex4(m.charCodeAt(0))}_`);
}

/** The text Excel shows for a stored `<t>` (the inverse of {@link escapeXstring}; hex digits in either case). */
export function unescapeXstring(stored: string): string {
  return stored.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

interface TextXformPrototype {
  render(this: unknown, stream: unknown, model: string): void;
  __jobstatusXstring?: true;
}
interface TextXformInstance {
  _text: string[];
}
interface PreparedModel {
  sharedStrings?: { sharedStringXform?: { map?: { t?: { constructor: { prototype: TextXformPrototype } } } } };
}

/** Makes `lib`'s text serialiser escape on writing and decode (either case) on reading (idempotent). Pinned: exceljs 4.4.0. */
export function fixXstring(lib: typeof ExcelJS): void {
  const probe = new lib.Workbook();
  const model = probe.model as unknown as PreparedModel;
  // As for the <font> fix: exceljs's write preparation creates the serialisers it uses.
  (probe.xlsx as unknown as { prepareModel(m: unknown, o: unknown): void }).prepareModel(model, {});
  const proto = model.sharedStrings?.sharedStringXform?.map?.t?.constructor.prototype;
  if (!proto || typeof proto.render !== "function" || !Object.getOwnPropertyDescriptor(proto, "model")?.get) {
    throw new Error("exceljs: the text serialiser was not found (exceljs is pinned at 4.4.0)");
  }
  if (proto.__jobstatusXstring) return;
  const render = proto.render;
  proto.render = function renderEscaped(this: unknown, stream: unknown, text: string): void {
    render.call(this, stream, typeof text === "string" ? escapeXstring(text) : text);
  };
  Object.defineProperty(proto, "model", {
    configurable: true,
    get(this: TextXformInstance): string {
      return unescapeXstring(this._text.join(""));
    },
  });
  proto.__jobstatusXstring = true;
}
