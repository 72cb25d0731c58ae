/**
 * The »Selvtest« page in the built pane, in headless Chromium over the test host (both clients):
 * reached from the pane's footer (its chunk loaded only then), every check passes against the host, the workbook is as before, the
 * support text names the Excel build, platform and requirement sets and is copied by its button,
 * and axe finds no violation of any impact on the page, in light, dark and forced colours.
 */
import type { Page } from "playwright-core";
import { SELFTEST } from "../../src/messages/da";
import { SELF_TEST_CHECKS } from "../../src/office/selftest";
import type { BrowserHostHandle, WorkbookModel } from "../host";
import { exampleModel } from "../addin/fixtures";
import { a11yViolations, COLOR_MODES, idle, openPane, screenshot, setColorMode, startPaneServer, type Browser } from "./harness";

jest.setTimeout(180_000);

let browser: Browser;
let server: { base: string; close: () => Promise<void> };
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ browser, server, stop } = await startPaneServer());
});

afterAll(async () => {
  await stop?.();
});

type HostWindow = { __JOBSTATUS_HOST__: BrowserHostHandle };
const model = (page: Page) => page.evaluate(() => (window as unknown as HostWindow).__JOBSTATUS_HOST__.toJSON()) as Promise<WorkbookModel>;

test("»Selvtest« from the pane's foot: every check passes, nothing is left behind, the support text is copied", async () => {
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.base });
  const s = await openPane(browser, server.base, await exampleModel("good"), 360);
  const { page } = s;
  const chunks: string[] = [];
  page.on("request", (r) => {
    if (/\/selftest\.[0-9a-f]+\.js$/.test(r.url())) chunks.push(r.url());
  });
  await page.waitForSelector(".header__title:not(:empty)");
  await idle(page);
  const before = await model(page);

  // In the pane's footer (issue 21), in both views.
  const open = page.locator(".pane__footer .selftest-tool button.selftest-open", { hasText: SELFTEST.openButton });
  // The page and the self-test are a chunk of their own, loaded on the first click only.
  expect(chunks).toEqual([]);
  await open.click();
  await page.waitForSelector(".pane__page #selftest");
  expect(chunks).toHaveLength(1);
  expect(await page.locator(".pane__main").isHidden()).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(SELFTEST.heading);
  // Before a run: the Excel build and sets are shown, and the text says the test has not run.
  expect(await page.locator(".selftest__env").textContent()).toContain("16.0.0.0");
  expect(await page.locator("#selftest-text").inputValue()).toContain(SELFTEST.text.notRun);

  await page.locator("button.selftest-run").click();
  await page.waitForSelector(".selftest__result");
  await page.waitForSelector('#selftest[aria-busy="false"]');
  const checks = await page.locator(".selftest__check").evaluateAll((els) => els.map((e) => [e.getAttribute("data-check"), e.getAttribute("data-status")]));
  // The page's Excel reports ExcelApi up to 1.17: the merged undo group (1.20) is not tried.
  expect(checks).toEqual(SELF_TEST_CHECKS.map((c) => [c, c === "mergedUndoGroup" ? "skipped" : "pass"]));
  expect(await page.locator(".selftest__result").getAttribute("data-intent")).toBe("success");
  // The outcome is in a live region (WCAG 4.1.3), and the environment (platform, sets not offered) is not shown as a fault.
  expect(await page.locator(".selftest__summary").getAttribute("role")).toBe("status");
  const envColours = await page.locator(".selftest__env dd").evaluateAll((els) => els.map((e) => getComputedStyle(e).color));
  const bodyColour = await page.evaluate(() => getComputedStyle(document.body).color);
  expect(envColours.every((c) => c === bodyColour)).toBe(true);
  for (const c of SELF_TEST_CHECKS) expect(await page.locator(`[data-check="${c}"] .selftest__name`).textContent()).toBe(SELFTEST.checks[c].name);

  // The workbook is exactly as before: the scratch sheets are gone and nothing else changed.
  const after = await model(page);
  expect(after.sheets).toEqual(before.sheets);
  expect(after.names).toEqual(before.names);

  // The support text: build, platform, the sets found and missing, each check's outcome.
  const text = await page.locator("#selftest-text").inputValue();
  expect(text).toContain("16.0.0.0");
  expect(text).toContain("OfficeOnline");
  expect(text).toContain(`${SELFTEST.sets}: ExcelApi 1.1–1.17, SharedRuntime 1.1`);
  expect(text).toContain(`${SELFTEST.setsMissing}: ExcelApi 1.18–1.20`);
  expect(text).toContain(SELFTEST.text.counts(SELF_TEST_CHECKS.length - 1, 0, 1));
  for (const c of SELF_TEST_CHECKS) expect(text).toContain(`${SELFTEST.checks[c].name}: ${SELFTEST.status[c === "mergedUndoGroup" ? "skipped" : "pass"]}`);
  expect(await page.locator("#selftest-text").getAttribute("readonly")).not.toBeNull();

  await page.locator("button.selftest-copy").click();
  await page.waitForSelector(`.selftest__copied:text("${SELFTEST.copied}")`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
  await screenshot(page, "05-selvtest");

  for (const mode of COLOR_MODES) {
    await setColorMode(page, mode);
    expect({ mode, violations: await a11yViolations(page, server.base) }).toEqual({ mode, violations: [] });
  }
  await setColorMode(page, "light");

  // Back to the pane, focus on the button that opened the page.
  await page.locator("button.page__back").click();
  expect(await page.locator(".pane__main").isVisible()).toBe(true);
  expect(await page.locator("#selftest").count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.classList.contains("selftest-open"))).toBe(true);

  expect(s.blocked).toEqual([]);
  expect(s.errors).toEqual([]);
  await page.close();
});
