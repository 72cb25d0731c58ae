/**
 * The browser bundle of the test host builds, and in a fresh JavaScript realm (as in a page) it
 * defines Excel, Office and OfficeExtension over the model placed on __JOBSTATUS_HOST_MODEL__.
 */
import { promises as fs, statSync } from "node:fs";
import * as vm from "node:vm";
import { browserHostScript, buildBrowserHost } from "./host/build-browser-host";
import type { BrowserHostHandle } from "./host/globals";
import { createModel } from "./host/model";

jest.setTimeout(120_000);

interface PageGlobals {
  Excel: { run: <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>; SheetVisibility: Record<string, string>; ConditionalFormatType: Record<string, string>; ErrorCodes: Record<string, string> };
  Office: {
    onReady(cb?: (info: unknown) => void): Promise<{ host: string; platform: string }>;
    HostType: Record<string, string>;
    context: { requirements: { isSetSupported(name: string, version?: string): boolean }; document: { url: string } };
    actions: { associate(id: string, fn: unknown): void };
    addin: { showAsTaskpane(): Promise<void>; hide(): Promise<void> };
  };
  OfficeExtension: { Error: new (...args: never[]) => Error };
  __JOBSTATUS_HOST__: BrowserHostHandle;
  __JOBSTATUS_ACTIONS__: Record<string, unknown>;
}

async function loadPage(script: string): Promise<PageGlobals> {
  const sandbox: Record<string, unknown> = { TextEncoder };
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(script, sandbox, { filename: "host.js" });
  return sandbox as unknown as PageGlobals;
}

test("buildBrowserHost builds the bundle once and reuses it while the sources are unchanged", async () => {
  const file = await buildBrowserHost();
  const first = statSync(file).mtimeMs;
  expect(file.endsWith("build/test-host/host.js")).toBe(true);
  const code = await fs.readFile(file, "utf8");
  expect(code).toContain("__JOBSTATUS_HOST__");
  expect(code).not.toMatch(/require\(["']exceljs["']\)/);
  expect(await buildBrowserHost()).toBe(file);
  expect(statSync(file).mtimeMs).toBe(first);
});

test("the bundle defines Excel, Office and OfficeExtension over the given model", async () => {
  const model = createModel(["Status 2025", "BUF"]);
  const page = await loadPage(await browserHostScript(model));

  await expect(page.Office.onReady()).resolves.toEqual({ host: "Excel", platform: "OfficeOnline" });
  let seen: unknown;
  await page.Office.onReady((info) => (seen = info));
  expect(seen).toEqual({ host: "Excel", platform: "OfficeOnline" });
  expect(page.Office.HostType.Excel).toBe("Excel");
  expect(page.Office.context.requirements.isSetSupported("ExcelApi", "1.17")).toBe(true);
  expect(page.Office.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(false);
  expect(page.Office.context.requirements.isSetSupported("ExcelApi")).toBe(true);
  expect(page.Office.context.requirements.isSetSupported("SharedRuntime", "1.1")).toBe(true);
  expect(page.Office.context.requirements.isSetSupported("DialogApi", "1.1")).toBe(false);
  await expect(page.Office.addin.showAsTaskpane()).resolves.toBeUndefined();
  await expect(page.Office.addin.hide()).resolves.toBeUndefined();
  const handler = (): void => undefined;
  page.Office.actions.associate("beregnStatus", handler);
  expect(page.__JOBSTATUS_ACTIONS__.beregnStatus).toBe(handler);
  expect(page.Excel.SheetVisibility.veryHidden).toBe("VeryHidden");
  expect(page.Excel.ConditionalFormatType.custom).toBe("Custom");
  expect(page.Excel.ErrorCodes.itemNotFound).toBe("ItemNotFound");
  expect(() => (page.Office as unknown as Record<string, unknown>).ribbon).toThrow("TestHost: Office.ribbon is not implemented");

  const names = await page.Excel.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets.load("items/name");
    const buf = ctx.workbook.worksheets.getItem("BUF");
    buf.getRange("A1:B1").values = [["x", 1]];
    buf.activate();
    buf.getRange("B1").select();
    await ctx.sync();
    return sheets.items.map((s) => s.name);
  });
  expect(names).toEqual(["Status 2025", "BUF"]);
  const error = await page.Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Nope");
    await ctx.sync();
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(page.OfficeExtension.Error);
  expect((error as { code: string }).code).toBe("ItemNotFound");

  const handle = page.__JOBSTATUS_HOST__;
  expect(handle.selection()).toEqual({ sheet: "BUF", address: "B1" });
  expect(handle.stats.syncs).toBe(2);
  const after = handle.toJSON();
  expect(after.sheets[1]?.cells).toEqual({ A1: { v: "x" }, B1: { v: 1 } });
  expect(JSON.parse(JSON.stringify(after))).toEqual(after);
});
