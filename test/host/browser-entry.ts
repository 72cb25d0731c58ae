/**
 * Entry of the browser bundle (build/test-host/host.js). Load it before the add-in's scripts, after
 * setting `window.__JOBSTATUS_HOST_MODEL__` (a WorkbookModel object or its JSON text; default: one
 * empty sheet) and optionally `window.__JOBSTATUS_HOST_LANGUAGE__` and `window.__JOBSTATUS_HOST_OFFICE_THEME__`.
 */
import { installOfficeGlobals, type OfficeThemeModel } from "./globals";
import { createHost } from "./host";
import type { WorkbookModel } from "./model";
import ExcelJS from "exceljs";
import { registerXlsxDecoder } from "./insert-files";
import { modelFromWorkbook } from "./xlsx-model";

// insertWorksheetsFromBase64 reads its files with exceljs's browser build and the same model reader as Node's loadXlsx.
registerXlsxDecoder(async (bytes) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return modelFromWorkbook(wb);
});

const w = globalThis as unknown as Record<string, unknown>;
const raw = w.__JOBSTATUS_HOST_MODEL__;
const model = (typeof raw === "string" ? JSON.parse(raw) : raw) as WorkbookModel | undefined;
const language = typeof w.__JOBSTATUS_HOST_LANGUAGE__ === "string" ? w.__JOBSTATUS_HOST_LANGUAGE__ : undefined;
// An Office theme for the pane to follow (globals.ts, OfficeThemeModel), when a test sets one.
const theme = w.__JOBSTATUS_HOST_OFFICE_THEME__ as OfficeThemeModel | undefined;
installOfficeGlobals(w, createHost(model ?? undefined), { ...(language === undefined ? {} : { displayLanguage: language }), ...(theme ? { officeTheme: theme } : {}) });
