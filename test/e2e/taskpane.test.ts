/**
 * The built task pane in headless Chromium over the strict test host, with no network:
 * journey 1 validates the broken example and jumps to a planted error; journey 2 computes the
 * status of the good example. Screenshots go to test-results/e2e/; axe-core checks accessibility.
 */
import { promises as fs } from "node:fs";
import type { Page } from "playwright-core";
import { PLANTED_ERRORS } from "../../src/cli/example";
import { UI } from "../../src/messages/da";
import type { BrowserHostHandle, CellModel, WorkbookModel } from "../host";
import { exampleModel, markedCellsIn } from "../addin/fixtures";
import { idle, openPane, screenshot, seriousA11yViolations, startPaneServer, until, type Browser, type PaneSession } from "./harness";

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
const selection = (page: Page) => page.evaluate(() => (window as unknown as HostWindow).__JOBSTATUS_HOST__.selection());
const runs = (page: Page) => page.evaluate(() => (window as unknown as HostWindow).__JOBSTATUS_HOST__.stats.runs);
const model = (page: Page) => page.evaluate(() => (window as unknown as HostWindow).__JOBSTATUS_HOST__.toJSON()) as Promise<WorkbookModel>;

const actionButton = (page: Page, text: string) => page.locator("button.action", { hasText: text });
const entry = (page: Page, sheet: string, cell: string) =>
  page
    .locator(".issue-group")
    .filter({ has: page.locator(".issue-group__sheet", { hasText: new RegExp(`^${sheet}$`) }) })
    .locator("button.issue")
    .filter({ has: page.locator(".issue__cell", { hasText: new RegExp(`^${cell}$`) }) });

/** The pane finished its start-up read and shows the workbook. */
async function ready(s: PaneSession): Promise<void> {
  await s.page.waitForSelector(".facts");
  await idle(s.page);
}

/** An operation that failed shows a titled message bar: fail with its text rather than time out. */
async function expectNoFailure(page: Page): Promise<void> {
  const failure = page.locator(".fui-MessageBar .notice__title");
  if ((await failure.count()) > 0) throw new Error(`the pane reports a failure: ${await page.locator(".fui-MessageBar").textContent()}`);
}

function expectNoNetworkAndNoErrors(s: PaneSession): void {
  expect(s.blocked).toEqual([]);
  expect(s.errors).toEqual([]);
}

describe("task pane in headless Chromium", () => {
  test("journey 1: »Valider alle« on the broken workbook lists every planted error; choosing one selects its cell", async () => {
    const s = await openPane(browser, server.base, await exampleModel("broken"), 320);
    const { page } = s;
    await ready(s);
    expect(await page.locator(".facts").textContent()).toContain("2025");
    await screenshot(page, "01-start");

    await actionButton(page, UI.actions.validateAll).click();
    await page.waitForSelector(".issue-group, .notice__title");
    await idle(page);
    await expectNoFailure(page);
    for (const p of PLANTED_ERRORS) {
      const e = entry(page, p.sheet, p.cell);
      expect(await e.count()).toBeGreaterThanOrEqual(1);
      expect(await e.first().locator(".issue__severity").textContent()).toBe("Fejl");
    }
    expect(await page.locator(".fui-MessageBar").getAttribute("data-intent")).toBe("error");
    // The planted errors are marked in the sheets, too.
    const marked = await model(page);
    for (const p of PLANTED_ERRORS) {
      expect(markedCellsIn(marked, p.sheet)[p.cell]).toBe("#FDE7E9");
    }
    await screenshot(page, "02-validation");

    // Click.
    await entry(page, "BUF", "B9").first().click();
    expect(await until(() => selection(page), (v) => v.sheet === "BUF")).toEqual({ sheet: "BUF", address: "B9" });

    // Keyboard: Enter and Space select, once per key press.
    for (const [sheet, cell, key] of [
      ["ØKF", "C7", "Enter"],
      ["SUF", "B13", " "],
    ] as const) {
      const before = await runs(page);
      await entry(page, sheet, cell).first().focus();
      await page.keyboard.press(key === " " ? "Space" : key);
      expect(await until(() => selection(page), (v) => v.sheet === sheet)).toEqual({ sheet, address: cell });
      await page.waitForTimeout(200);
      expect((await runs(page)) - before).toBe(1);
    }
    await screenshot(page, "03-validation-focus");

    expect(await seriousA11yViolations(page, server.base)).toEqual([]);
    expectNoNetworkAndNoErrors(s);
    await page.close();
  });

  test("journey 2: »Beregn status« on the good workbook writes the notat's figures and shows the result", async () => {
    const s = await openPane(browser, server.base, await exampleModel("good"), 450);
    const { page } = s;
    await ready(s);
    await actionButton(page, UI.actions.calculate).click();
    await page.waitForSelector(".kk__pct, .notice__title");
    await idle(page);
    await expectNoFailure(page);

    // The status sheet in the workbook, with the notat's figures.
    const m = await model(page);
    const sheet = m.sheets.find((x) => x.name === "Status 2025");
    if (!sheet) throw new Error("no status sheet");
    expect(m.activeSheetId).toBe(sheet.id);
    const cell = (a: string): CellModel | undefined => sheet.cells[a];
    const rows = Object.keys(sheet.cells).filter((a) => /^A\d+$/.test(a)).map((a) => Number(a.slice(1))).sort((x, y) => x - y);
    const kkHeader = rows.find((r) => cell(`A${r}`)?.v === "KK");
    if (kkHeader === undefined) throw new Error("no KK table");
    expect(Math.round(Number(cell(`C${kkHeader + 1}`)?.v))).toBe(797);
    expect(Math.round(Number(cell(`E${kkHeader + 1}`)?.v))).toBe(74);
    expect(cell(`E${kkHeader + 1}`)?.s?.numFmt).toBe('0" pct."');
    const weighted = rows.find((r) => r > kkHeader && String(cell(`A${r}`)?.v ?? "").startsWith("Samlet målopfyldelse"));
    expect(Math.round(Number(cell(`E${weighted}`)?.v))).toBe(92);

    // The pane's short result.
    expect(await page.locator(".kk__pct").textContent()).toBe("92 pct.");
    expect(await page.locator(".unit .unit__code").allTextContents()).toEqual(["BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF"]);
    for (const p of await page.locator(".unit .unit__pct").allTextContents()) expect(p).toMatch(/^\d{1,3}(\.\d{3})* pct\.$/);
    expect(await page.locator("[role=status][aria-live]").textContent()).toContain("92 pct.");
    await screenshot(page, "04-status");

    expect(await seriousA11yViolations(page, server.base)).toEqual([]);
    expectNoNetworkAndNoErrors(s);
    await page.close();
  });
});
