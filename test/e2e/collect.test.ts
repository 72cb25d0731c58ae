/**
 * Journey 4 in the built pane in headless Chromium over the strict test host: the analyst picks the
 * seven forvaltninger's files (made from the template, filled with the example's figures; the file
 * chooser's `setFiles`, the same as `setInputFiles` on the section's input), sees the
 * overview with 7 delivered, brings the sheets in with insertWorksheetsFromBase64, clicks «Beregn
 * status» and sees the notat's figures. The section's logic and exceljs are chunks fetched only when
 * the files are picked.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadExampleData } from "../../src/cli/example";
import { DEFAULT_UNIT_CODES } from "../../src/core/units";
import { COLLECT, COLLECT_PANE, COLLECT_START, UI } from "../../src/messages/da";
import { analystWorkbook, bytesOf, departmentFiles } from "../addin/collect-fixtures";
import { loadXlsx, type BrowserHostHandle, type WorkbookModel } from "../host";
import { idle, openPane, screenshot, seriousA11yViolations, startPaneServer, until, type Browser } from "./harness";

jest.setTimeout(240_000);

let browser: Browser;
let server: { base: string; close: () => Promise<void> };
let stop: (() => Promise<void>) | undefined;
let dir: string;

beforeAll(async () => {
  ({ browser, server, stop } = await startPaneServer());
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "jobstatus-e2e-collect-"));
});

afterAll(async () => {
  await stop?.();
  await fs.rm(dir, { recursive: true, force: true });
});

type HostWindow = { __JOBSTATUS_HOST__: BrowserHostHandle };

test("journey 4: pick seven files, see 7 delivered, bring them in, «Beregn status» shows the notat's figures", async () => {
  const data = await loadExampleData();
  const analyst = await loadXlsx(await bytesOf(await analystWorkbook(data)));
  const files: string[] = [];
  for (const f of await departmentFiles(DEFAULT_UNIT_CODES, data)) {
    const p = path.join(dir, f.name);
    await fs.writeFile(p, f.bytes);
    files.push(p);
  }
  const s = await openPane(browser, server.base, analyst, 560);
  const { page } = s;
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  await page.waitForSelector("#collect-files", { state: "attached" });
  await idle(page);
  const atStart = scripts.length;

  // The section is HR's step 1, »Filer«, visible in the pane (issue 21): pick the files with the
  // section's button, as the analyst does.
  expect(await page.locator(".step--files #collect").isVisible()).toBe(true);
  const chooser = page.waitForEvent("filechooser");
  await page.locator("button.action", { hasText: COLLECT_START.pick }).click();
  await (await chooser).setFiles(files);
  const rows = page.locator("tr.collect-row");
  await until(() => rows.count(), (n) => n === DEFAULT_UNIT_CODES.length);
  await page.locator(".collect-notice .notice__text").waitFor();
  expect(await page.locator(".collect-notice .notice__text").textContent()).toBe(COLLECT_PANE.overviewReady(7, 7));
  expect(await page.locator("tr.collect-row .collect-row__state").allTextContents()).toEqual(DEFAULT_UNIT_CODES.map(() => COLLECT.state.delivered));
  expect(await page.locator("tr.collect-row .collect-row__file").allTextContents()).toEqual(DEFAULT_UNIT_CODES.map((c) => `${c}-2025.xlsx`));
  expect(await page.locator("tr.collect-row .collect-row__check").allTextContents()).toEqual(DEFAULT_UNIT_CODES.map(() => COLLECT.valid));
  await screenshot(page, "06-collect-overview");

  // The section's logic and exceljs came with the pick, not at start-up.
  const late = scripts.slice(atStart).map((u) => u.slice(u.lastIndexOf("/") + 1));
  expect(late.some((f) => f.startsWith("collect."))).toBe(true);
  expect(late.some((f) => f.startsWith("collect-xlsx."))).toBe(true);
  expect(scripts.slice(0, atStart).some((u) => /collect/.test(u))).toBe(false);

  await page.locator("button.action", { hasText: COLLECT_PANE.apply }).click();
  await until(() => page.locator(".collect-notice .notice__text").textContent(), (t) => t === COLLECT_PANE.inserted([...DEFAULT_UNIT_CODES]));
  const m = (await page.evaluate(() => (window as unknown as HostWindow).__JOBSTATUS_HOST__.toJSON())) as WorkbookModel;
  expect(m.sheets.map((x) => x.name)).toEqual(analyst.sheets.map((x) => x.name));
  expect(m.sheets.find((x) => x.name === "BUF")?.cells.B5?.v).toBe(data.departments.BUF?.status.loentilskud);

  await page.locator("button.action", { hasText: UI.actions.calculate }).click();
  await page.waitForSelector(".kk__pct, .notice__title");
  await idle(page);
  expect(await page.locator(".kk__pct").textContent()).toBe("92 pct.");
  expect(await page.locator(".unit .unit__code").allTextContents()).toEqual([...DEFAULT_UNIT_CODES]);
  const after = (await page.evaluate(() => (window as unknown as HostWindow).__JOBSTATUS_HOST__.toJSON())) as WorkbookModel;
  const status = after.sheets.find((x) => x.name === "Status 2025");
  if (!status) throw new Error("no status sheet");
  const rowsA = Object.keys(status.cells).filter((a) => /^A\d+$/.test(a)).map((a) => Number(a.slice(1))).sort((x, y) => x - y);
  const kk = rowsA.find((r) => status.cells[`A${r}`]?.v === "KK");
  expect(Math.round(Number(status.cells[`C${(kk ?? 0) + 1}`]?.v))).toBe(797);
  await screenshot(page, "07-collect-status");

  expect(await seriousA11yViolations(page, server.base)).toEqual([]);
  expect(s.blocked).toEqual([]);
  expect(s.errors).toEqual([]);
  await page.close();
});
