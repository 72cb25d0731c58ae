/**
 * exceljs 4.4 writes the children of `<font>` (in `xl/styles.xml`, in `dxf` styles of conditional
 * formats and in rich-text runs) in the order of an internal table, with `sz` after `color`.
 * The Open XML SDK validator, which follows the schema as Office writes it, wants
 * `b, i, strike, condense, extend, outline, shadow, u, vertAlign, sz, color, name, family,
 * charset, scheme`, and rejects every file exceljs writes. Excel is lenient today; an archive
 * system may not be. The fix belongs where `<font>` is serialised, so it is made there, once,
 * for every file: the font serialiser renders its children in schema order.
 *
 * The serialiser is reached through exceljs's own write preparation (`prepareModel` on an empty
 * workbook creates the styles serialiser, whose font child is the class every `<font>` goes
 * through), so the same fix works on the Node build (the CLI) and on the browser build (the pane's
 * on-demand chunk), which bundles its own copy of the class. `test/ooxml.test.ts` validates every
 * kind of file jobstatus writes. Browser-safe.
 */
import type ExcelJS from "exceljs";

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
interface FontXformPrototype {
  render(this: FontXformInstance, stream: XmlStream, model: Record<string, unknown> | undefined): void;
  __jobstatusSchemaOrder?: true;
}
interface XmlStream {
  openNode(name: string): void;
  closeNode(): void;
}
interface PreparedModel {
  styles?: { map?: { fonts?: { childXform?: { constructor: { prototype: FontXformPrototype } } } } };
}

/** Makes `lib`'s font serialiser write `<font>`'s children in schema order (idempotent). Pinned: exceljs 4.4.0. */
export function fixFontOrder(lib: typeof ExcelJS): void {
  const probe = new lib.Workbook();
  const model = probe.model as unknown as PreparedModel;
  // exceljs has no public hook; its write preparation creates the serialisers it uses.
  (probe.xlsx as unknown as { prepareModel(m: unknown, o: unknown): void }).prepareModel(model, {});
  const proto = model.styles?.map?.fonts?.childXform?.constructor.prototype;
  if (!proto) throw new Error("exceljs: the font serialiser was not found (exceljs is pinned at 4.4.0)");
  if (proto.__jobstatusSchemaOrder) return;
  proto.render = function renderInSchemaOrder(this: FontXformInstance, stream: XmlStream, values): void {
    const v = values ?? {};
    stream.openNode(this.options.tagName);
    for (const tag of FONT_CHILD_ORDER) {
      const entry = this.map[tag];
      if (entry) entry.xform.render(stream, v[entry.prop]);
    }
    stream.closeNode();
  };
  proto.__jobstatusSchemaOrder = true;
}
