/**
 * »Download notat (Word)« in the built pane in headless Chromium over the strict test host: the Word
 * writer is a chunk fetched only on the click (under the pane's CSP), and the download is the
 * notat `jobstatus notat` writes. The file and a screenshot go to test-results/e2e/.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { today } from "../../src/cli/notat";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { calculate } from "../../src/core";
import { buildNotat, notatSettingsOf } from "../../src/core/notat";
import { UI, PANE } from "../../src/messages/da";
import { notatDocx } from "../../src/word/notat-docx";
import { exampleModel, exampleWorkbook } from "../addin/fixtures";
import { idle, openPane, screenshot, startPaneServer, type Browser } from "./harness";

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

async function documentXml(bytes: Uint8Array): Promise<string> {
  return (await (await JSZip.loadAsync(bytes)).file("word/document.xml")?.async("string")) ?? "";
}

test("journey 3: »Download notat (Word)« loads the Word writer on demand and downloads the CLI's notat", async () => {
  const s = await openPane(browser, server.base, await exampleModel("good"), 450);
  const { page } = s;
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  await page.waitForSelector(".header__title:not(:empty)");
  await idle(page);
  const atStart = scripts.length;

  const download = page.waitForEvent("download");
  // The notat is HR's step 4, »Notat«, visible in the pane (issue 21).
  await page.locator(".step--notat button.action", { hasText: UI.actions.notat }).click();
  const file = await download;
  await idle(page);

  expect(file.suggestedFilename()).toBe("Notat årsstatus 2025.docx");
  const saved = path.join(__dirname, "..", "..", "test-results", "e2e", "notat-fra-panelet.docx");
  await fs.mkdir(path.dirname(saved), { recursive: true });
  await file.saveAs(saved);
  const bytes = new Uint8Array(await fs.readFile(saved));

  // The same document as the CLI's for the same workbook and day.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await (await exampleWorkbook("good")).xlsx.writeBuffer()) as ExcelJS.Buffer);
  const grid = readWorkbookGrid(wb);
  const cli = await notatDocx(buildNotat(calculate(grid).result, notatSettingsOf(grid), { today: today() }));
  expect(await documentXml(bytes)).toBe(await documentXml(cli));

  // No script for the notat at start-up; the writer's chunk came with the click.
  const late = scripts.slice(atStart).map((u) => u.slice(u.lastIndexOf("/") + 1));
  expect(late.some((f) => f.startsWith("notat-word."))).toBe(true);
  expect(scripts.slice(0, atStart).some((u) => u.includes("notat-word."))).toBe(false);
  // A short bar (issue 21); the pointer to the warning below it; no »Beregn igen« after the notat.
  expect(await page.locator(".notice__text").textContent()).toBe(PANE.bar.notatDone("Notat årsstatus 2025.docx"));
  expect(await page.locator(".notice__detail").textContent()).toBe(UI.notice.notatWarnings(1).trim());
  expect(await page.locator(".issues__again").isHidden()).toBe(true);
  await screenshot(page, "05-notat");
  expect(s.blocked).toEqual([]);
  expect(s.errors).toEqual([]);
});
