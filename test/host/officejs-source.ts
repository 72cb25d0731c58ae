/**
 * Node only: Microsoft's Excel client from `@microsoft/office-js` (dist/excel-web-16.00.debug.js),
 * evaluated in the caller's own realm (not a `vm` context, so `instanceof Error` and plain-object
 * checks hold). Only the OfficeExtension core, OfficeCore and the Excel namespace are taken: the
 * file's host loader (OSF) expects a browser window and is not needed to build requests.
 */
import { readFileSync } from "node:fs";
import type { OfficeJsLibrary } from "./officejs";

export const OFFICE_JS_CLIENT_FILE = require.resolve("@microsoft/office-js/dist/excel-web-16.00.debug.js");

/** The client's source, from the OfficeExtension core to the end of the Excel namespace. */
export function officeJsClientSource(): string {
  const src = readFileSync(OFFICE_JS_CLIENT_FILE, "utf8");
  const core = src.indexOf("var OfficeExtension;\r\n(function (OfficeExtension_1) {");
  const start = src.lastIndexOf("var __extends", core);
  const endMarker = "})(Excel || (Excel = {}));";
  const end = src.lastIndexOf(endMarker);
  if (core < 0 || start < 0 || end < 0) throw new Error(`TestHost: ${OFFICE_JS_CLIENT_FILE} does not have the expected layout (OfficeExtension core, then Excel)`);
  return src.slice(start, end + endMarker.length);
}

let cached: OfficeJsLibrary | undefined;

export function loadOfficeJsClient(): OfficeJsLibrary {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  cached ??= new Function(`${officeJsClientSource()}\nreturn { OfficeExtension: OfficeExtension, Excel: Excel };`)() as OfficeJsLibrary;
  return cached;
}
