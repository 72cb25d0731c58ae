/**
 * Navigation → interactive task pane in headless Chromium, as a ratio to an empty page loaded the
 * same way in the same run. The built pane is served from 127.0.0.1; office.js (Microsoft's CDN)
 * is routed to the strict test host's browser bundle over the example workbook; every other
 * request is blocked. Each load gets a fresh browser context (a cold cache, as on opening Excel).
 *
 * »Interactive«: the pane has read the workbook (overview) and »Valider alle« can be clicked —
 * `#app[aria-busy=false]` and the button without `disabled`/`aria-disabled` — or the pane
 * says so itself with a `data-ready` attribute on <html>, <body> or #app. The time is taken in the
 * page (performance.now(), which counts from navigation start) by a MutationObserver, so polling
 * adds nothing.
 */
import { existsSync, promises as fs } from "node:fs";
import * as path from "node:path";
import * as os from "node:os";
import { chromium, type Browser } from "playwright-core";
import webpack from "webpack";
import type { WorkbookModel } from "../../test/host/model";
import { CONTENT_TYPES, serveStatic, type StaticServer } from "../../test/support/static-server";
import { log, median, repoRoot, round } from "./util";

export const CHROMIUM = "/usr/bin/chromium";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** ../shared/TOOLCHAIN.md */
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const EMPTY_PAGE = '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Tom side</title></head><body></body></html>';
/** The floor under the pane: a page that only loads the office.js stand-in and waits for Office.onReady. */
const OFFICE_PAGE = `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Tom side med Office</title><script src="${OFFICE_JS}"></script></head><body><script>Office.onReady(() => { window.__benchReadyAt = performance.now(); });</script></body></html>`;

/** Installed before any page script: records performance.now() when the pane first turns interactive. */
const READY_PROBE = `(() => {
  const ready = () => {
    if (document.querySelector("html[data-ready], body[data-ready], #app[data-ready]")) return true;
    const app = document.getElementById("app");
    if (!app || app.getAttribute("aria-busy") !== "false") return false;
    const b = [...document.querySelectorAll("button")].find((x) => (x.textContent || "").trim() === "Valider alle");
    return !!b && !b.hasAttribute("disabled") && b.getAttribute("aria-disabled") !== "true";
  };
  const check = () => {
    if (window.__benchReadyAt === undefined && ready()) window.__benchReadyAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener("DOMContentLoaded", check);
})();`;

export interface PaneTiming {
  readonly readyMs: number;
  readonly emptyMs: number;
  readonly ratio: number;
  /** An empty page with the office.js stand-in, until Office.onReady: what no pane can go below. */
  readonly officeReadyMs: number;
  readonly officeStandInBytes: number;
  readonly runs: number;
  readonly pageErrors: readonly string[];
}

/**
 * What test/host's browserHostScript(model) returns: the model, then the host's browser bundle.
 * That function finds its webpack config next to itself, so it cannot run from build/bench; the
 * bundle is built here from the same config (test/host/webpack.host.config.js), with two changes
 * that make it stand in for office.js rather than for the whole test double:
 * - minified (production mode), as Microsoft's office.js is;
 * - without exceljs (925 KB) and JSZip (97 KB min., with pako), which the host bundles only to
 *   model `insertWorksheetsFromBase64` for the collect section's tests: the file the add-in sends is
 *   parsed by Excel, not by office.js's script (test/host/insert-files.ts). Start-up never calls
 *   them; with exceljs the stand-in was 1.3 MB and its own parse took most of the time measured,
 *   and JSZip's eager module set-up was about 20 ms of the stand-in's run (docs/dev/performance.md).
 */
export async function hostScript(model: WorkbookModel): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "jobstatus-bench-host-"));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const makeConfig = require(path.join(repoRoot(), "test", "host", "webpack.host.config.js")) as (env: { outputPath: string }) => webpack.Configuration;
    const config = makeConfig({ outputPath: dir });
    config.mode = "production";
    config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string | false> | undefined), exceljs: false, jszip: false } };
    await new Promise<void>((resolve, reject) =>
      webpack(config, (err, s) => {
        if (err) reject(err);
        else if (!s || s.hasErrors()) reject(new Error(`the test host does not build:\n${s?.toString({ all: false, errors: true }) ?? ""}`));
        else resolve();
      }),
    );
    const bundle = await fs.readFile(path.join(dir, "host.js"), "utf8");
    // Excel on the web has Office.context.officeTheme (learn.microsoft.com/javascript/api/office/office.officetheme),
    // so the stand-in has one too: Office's default (»Colorful«/»White«) pane colours.
    const theme = { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#000000", controlBackgroundColor: "#ffffff", controlForegroundColor: "#000000" };
    return `window.__JOBSTATUS_HOST_MODEL__ = ${JSON.stringify(JSON.stringify(model))};\nwindow.__JOBSTATUS_HOST_OFFICE_THEME__ = ${JSON.stringify(theme)};\n${bundle}`;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function serve(dir: string): Promise<StaticServer> {
  return serveStatic(dir, {
    "/empty.html": async () => ({ body: EMPTY_PAGE, type: CONTENT_TYPES[".html"] as string }),
    "/office-empty.html": async () => ({ body: OFFICE_PAGE, type: CONTENT_TYPES[".html"] as string }),
  });
}

/** "pane": until the pane is interactive; "office": until Office.onReady; "empty": the load event. */
async function load(browser: Browser, url: string, office: string, kind: "pane" | "office" | "empty", errors: string[]): Promise<number> {
  const context = await browser.newContext({ locale: "da-DK" });
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    const origin = new URL(url).origin;
    await page.route("**/*", async (route) => {
      const u = route.request().url();
      if (u === OFFICE_JS) await route.fulfill({ status: 200, contentType: CONTENT_TYPES[".js"], body: office });
      else if (u.startsWith(`${origin}/`)) await route.continue();
      else await route.abort("blockedbyclient");
    });
    if (kind !== "empty") {
      if (kind === "pane") await page.addInitScript({ content: READY_PROBE });
      await page.goto(url, { waitUntil: "commit" });
      await page.waitForFunction(() => (window as unknown as { __benchReadyAt?: number }).__benchReadyAt !== undefined, undefined, { timeout: 30_000 });
      return await page.evaluate(() => (window as unknown as { __benchReadyAt: number }).__benchReadyAt);
    }
    await page.goto(url, { waitUntil: "load" });
    return await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd);
  } finally {
    await context.close();
  }
}

/** `dir`: a production build of the pane (taskpane.html and its scripts). */
export async function measurePane(dir: string, model: WorkbookModel, runs: number): Promise<PaneTiming> {
  return measurePaneWith(dir, await hostScript(model), runs);
}

/** `measurePane` with a ready-made stand-in: harnesses that compare builds in one run (ABAB) build it once. */
export async function measurePaneWith(dir: string, office: string, runs: number): Promise<PaneTiming> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
  const server = await serve(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const ready: number[] = [];
  const empty: number[] = [];
  const officeOnly: number[] = [];
  const errors: string[] = [];
  try {
    // One unmeasured round first (the browser's own start-up work), then rounds in a rotating order.
    for (let i = -1; i < runs; i++) {
      const round = [
        async () => {
          const ms = await load(browser, `${server.base}/taskpane.html`, office, "pane", errors);
          if (i >= 0) ready.push(ms);
        },
        async () => {
          const ms = await load(browser, `${server.base}/empty.html`, office, "empty", errors);
          if (i >= 0) empty.push(ms);
        },
        async () => {
          const ms = await load(browser, `${server.base}/office-empty.html`, office, "office", errors);
          if (i >= 0) officeOnly.push(ms);
        },
      ];
      const k = ((i % 3) + 3) % 3;
      for (const f of [...round.slice(k), ...round.slice(0, k)]) await f();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const r = median(ready);
  const e = median(empty);
  const f = (xs: number[]) => xs.map((x) => Math.round(x)).join(", ");
  log(`taskpane: ready ${f(ready)} ms; empty ${f(empty)} ms; office.js stand-in alone ${f(officeOnly)} ms`);
  return {
    readyMs: round(r, 1),
    emptyMs: round(e, 1),
    ratio: round(r / e, 2),
    officeReadyMs: round(median(officeOnly), 1),
    officeStandInBytes: Buffer.byteLength(office, "utf8"),
    runs,
    pageErrors: [...new Set(errors)],
  };
}
