/**
 * exceljs, as every part of jobstatus that writes .xlsx must use it: import ExcelJS from here,
 * never from "exceljs" directly.
 *
 * exceljs 4.4 writes the children of `<font>` (in `xl/styles.xml`, in `dxf` styles of conditional
 * formats and in rich-text runs) in the order of an internal table, with `sz` after `color`.
 * The Open XML SDK validator, which follows the schema as Office writes it, wants
 * `b, i, strike, condense, extend, outline, shadow, u, vertAlign, sz, color, name, family,
 * charset, scheme`, and rejects every file exceljs writes. Excel is lenient today; an archive
 * system may not be. The fix belongs where `<font>` is serialised, so it is made there, once,
 * for every file: the font serialiser renders its children in schema order.
 * `test/ooxml.test.ts` validates every kind of file jobstatus writes.
 */
// Pinned (4.4.0 exactly): the fix below replaces a method of exceljs's internal font serialiser.
import ExcelJS from "exceljs";

/** The order of CT_Font's children in the Open XML SDK's schema (ECMA-376 Part 1, §18.8.22). */
export const FONT_CHILD_ORDER = [
  "b",
  "i",
  "strike",
  "condense",
  "extend",
  "outline",
  "shadow",
  "u",
  "vertAlign",
  "sz",
  "color",
  "name",
  "rFont",
  "family",
  "charset",
  "scheme",
] as const;

interface FontXformEntry {
  prop: string;
  xform: { render(stream: unknown, value: unknown): void };
}
interface FontXformInstance {
  map: Record<string, FontXformEntry>;
  options: { tagName: string };
}
interface FontXformClass {
  prototype: { render(this: FontXformInstance, stream: XmlStream, model: Record<string, unknown> | undefined): void };
}
interface XmlStream {
  openNode(name: string): void;
  closeNode(): void;
}

// exceljs has no public hook for this; the serialiser is the module exceljs itself loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FontXform = require("exceljs/lib/xlsx/xform/style/font-xform") as FontXformClass;

FontXform.prototype.render = function renderInSchemaOrder(this: FontXformInstance, stream: XmlStream, model): void {
  const values = model ?? {};
  stream.openNode(this.options.tagName);
  for (const tag of FONT_CHILD_ORDER) {
    const entry = this.map[tag];
    if (entry) entry.xform.render(stream, values[entry.prop]);
  }
  stream.closeNode();
};

export default ExcelJS;
