/**
 * exceljs, as every part of jobstatus that writes .xlsx must use it: import ExcelJS from here,
 * never from "exceljs" directly. It carries the `<font>` schema-order fix (src/xlsx/font-order.ts),
 * applied to whichever build of exceljs is bundled (Node's, or the browser's in the pane's chunk),
 * and the ST_Xstring fix (src/xlsx/xstring.ts): cell text is escaped on writing and decoded on reading
 * as Excel does, so the copy keeps every cell jobstatus did not write byte-faithful.
 */
// Pinned (4.4.0 exactly): the fix replaces a method of exceljs's internal font serialiser.
import ExcelJS from "exceljs";
import { fixFontOrder } from "../xlsx/font-order";
import { fixXstring } from "../xlsx/xstring";

fixFontOrder(ExcelJS);
fixXstring(ExcelJS);

export { FONT_CHILD_ORDER } from "../xlsx/font-order";
export default ExcelJS;
