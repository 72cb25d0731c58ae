/**
 * The Office.js test double (test-only, never shipped). Node entry point; the browser bundle starts
 * at browser-entry.ts and does not include xlsx.ts or build-browser-host.ts.
 */
import { registerOfficeJsLoader } from "./officejs";
import { loadOfficeJsClient } from "./officejs-source";
import { registerXlsxDecoder } from "./insert-files";
import { loadXlsx } from "./xlsx";

registerOfficeJsLoader(loadOfficeJsClient);
// insertWorksheetsFromBase64 reads its files with the same exceljs reader as loadXlsx.
registerXlsxDecoder((bytes) => loadXlsx(bytes));

export { createHost, TestHost } from "./host";
export { RichApiExecutor, defaultClient, officeJsLibrary } from "./officejs";
export type { ClientKind, RichApiRequest, RichApiResponse } from "./officejs";
export { officeJsClientSource, loadOfficeJsClient, OFFICE_JS_CLIENT_FILE } from "./officejs-source";
export type { RunFn } from "./host";
export type { HostQuirk } from "./engine";
export type { HostStats, RequestStat } from "./client";
export { PAYLOAD_LIMIT_BYTES } from "./client";
export { RichApiError, NotImplementedError, isRichApiError } from "./errors";
export { createModel, cloneModel, sheetNameProblem, definedNameProblem } from "./model";
export type { WorkbookModel, SheetModel, CellModel, CellValue, StyleModel, NameModel, CfModel, PageSetupModel } from "./model";
export { loadXlsx, loadXlsxHost, saveXlsx, modelFromWorkbook, workbookFromModel } from "./xlsx";
export { buildBrowserHost, browserHostScript, BROWSER_HOST_BUNDLE } from "./build-browser-host";
export { installOfficeGlobals, isSetSupported, SUPPORTED_REQUIREMENT_SETS } from "./globals";
export type { BrowserHostHandle } from "./globals";
export { ExcelEnums } from "./enums";
export { unsupportedParts } from "./insert-files";
export type { HostPlatform } from "./insert-sheets";
