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
 *
 * The cell serialiser reads two more texts itself, without the text serialiser: a plain inline
 * string (`<c t="inlineStr"><is><t>`) and a `t="str"` value (a formula's cached text, or a text
 * cell as SheetJS writes it). exceljs 4.4.0 decodes neither (and runs XML entity decoding a second
 * time on `t="str"`, so a literal `&lt;` became `<`); it writes a formula's cached text raw. The
 * cell serialiser is fixed too: those texts are decoded on reading and a formula's cached text is
 * escaped on writing, so every cell text round-trips and reads as Excel shows it.
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

interface CellModel {
  type?: number;
  value?: unknown;
  result?: unknown;
  formula?: unknown;
  shareType?: unknown;
}
interface CellXformPrototype {
  parseClose(this: CellXformInstance, name: string): boolean;
  render(this: unknown, stream: unknown, model: CellModel): void;
  __jobstatusXstring?: true;
}
interface CellXformInstance {
  t?: string;
  model: CellModel;
  parser?: unknown;
}
interface ParsingXform {
  parse(this: unknown, saxParser: unknown): Promise<unknown>;
  map?: { sheetData?: { childXform?: { map?: { c?: { constructor: { prototype: CellXformPrototype } } } } } };
}
interface XlsxReader {
  _processWorksheetEntry(stream: unknown, model: unknown, sheetNo: number, options: unknown, path: string): Promise<void>;
}

/**
 * exceljs's cell serialiser's prototype. It is created per worksheet, out of reach; it is caught by
 * letting exceljs start reading a worksheet with the generic parse stopped before it reads anything
 * (both run synchronously up to that point).
 */
function cellXformPrototype(lib: typeof ExcelJS, textProto: object): CellXformPrototype | undefined {
  const base = Object.getPrototypeOf(textProto) as ParsingXform;
  const parse = base.parse;
  let caught: ParsingXform | undefined;
  base.parse = function catchParser(this: ParsingXform): Promise<unknown> {
    caught = this;
    return Promise.resolve({});
  };
  try {
    const xlsx = new lib.Workbook().xlsx as unknown as XlsxReader;
    xlsx._processWorksheetEntry({ [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: true }) }) }, { worksheetHash: {}, worksheets: [] }, 0, {}, "probe").catch(() => undefined);
  } finally {
    base.parse = parse;
  }
  return caught?.map?.sheetData?.childXform?.map?.c?.constructor.prototype;
}

/** Decodes a plain inline string and a `t="str"` value on reading; escapes a formula's cached text on writing. */
function fixCellXstring(lib: typeof ExcelJS, proto: CellXformPrototype): void {
  if (proto.__jobstatusXstring) return;
  const { Formula, String: Text } = lib.ValueType;
  const parseClose = proto.parseClose;
  proto.parseClose = function parseCloseDecoded(this: CellXformInstance, name: string): boolean {
    const raw = name === "c" && (this.t === "str" || this.t === "inlineStr") && typeof this.model?.value === "string" ? this.model.value : undefined;
    const more = parseClose.call(this, name);
    if (raw !== undefined) {
      if (this.model.type === Formula) this.model.result = unescapeXstring(raw);
      else this.model.value = unescapeXstring(raw);
    }
    return more;
  };
  const render = proto.render;
  proto.render = function renderEscaped(this: unknown, stream: unknown, model: CellModel): void {
    if (model && model.type === Formula && typeof model.result === "string") model = { ...model, result: escapeXstring(model.result) };
    else if (model && model.type === Text && typeof model.value === "string") model = { ...model, value: escapeXstring(model.value) };
    render.call(this, stream, model);
  };
  proto.__jobstatusXstring = true;
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
  const cellProto = cellXformPrototype(lib, proto);
  if (!cellProto || typeof cellProto.parseClose !== "function" || typeof cellProto.render !== "function") {
    throw new Error("exceljs: the cell serialiser was not found (exceljs is pinned at 4.4.0)");
  }
  fixCellXstring(lib, cellProto);
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
