/**
 * Preloaded into the pane-collect proxy (`node -r browser-exceljs.js pane-collect.js FILE`): makes
 * `require("exceljs")` give exceljs's browser build (`dist/exceljs.min.js`, its package.json's
 * `browser` field), the very file webpack bundles into the pane's collecting chunk, instead of the
 * Node build (`excel.js` over `lib/`). See docs/dev/performance.md, »A million rows read whole«.
 */
import Module from "node:module";
import * as path from "node:path";

const browserBuild = path.join(path.dirname(require.resolve("exceljs/package.json")), "dist", "exceljs.min.js");
const patched = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolve = patched._resolveFilename;
patched._resolveFilename = function resolveExceljs(this: unknown, request: string, ...rest: unknown[]): string {
  return request === "exceljs" ? browserBuild : resolve.call(this, request, ...rest);
};
