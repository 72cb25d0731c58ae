/**
 * The e2e harness: the production task pane served from 127.0.0.1, office.js replaced by the strict
 * test host's browser bundle, every other request blocked and recorded, headless Debian Chromium.
 */
import { existsSync, promises as fs, readdirSync, statSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import webpack from "webpack";
import { browserHostScript, type WorkbookModel } from "../host";
import { CONTENT_TYPES, serveStatic, type StaticServer } from "../support/static-server";

export const ROOT = path.resolve(__dirname, "../..");
export const CHROMIUM = "/usr/bin/chromium";
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
export const ARTEFACTS = path.join(ROOT, "test-results/e2e");
const AXE_PATH = "/__test__/axe.min.js";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Fails (never skips) when Chromium is missing. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (.ci/run does). The browser tests never skip.`);
  }
}

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** dist/ when it holds a build newer than every source; else a fresh production build in a temp folder. */
export async function builtPane(): Promise<{ dir: string; temporary: boolean }> {
  const dist = path.join(ROOT, "dist");
  const html = path.join(dist, "taskpane.html");
  const sources = Math.max(newest(path.join(ROOT, "src")), ...["webpack.config.js", "package-lock.json", "tsconfig.json"].map((f) => statSync(path.join(ROOT, f)).mtimeMs));
  if (existsSync(html) && statSync(html).mtimeMs >= sources && readdirSync(dist).some((f) => /^taskpane\.[0-9a-f]+\.js$/.test(f))) {
    return { dir: dist, temporary: false };
  }
  // dist/ is missing or older than the sources (npm test builds it first): build with webpack's Node API.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "jobstatus-e2e-dist-"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js")) as (env: object, argv: { mode: string }) => Promise<webpack.Configuration>;
  const config = await makeConfig({}, { mode: "production" });
  config.output = { ...config.output, path: dir };
  config.infrastructureLogging = { level: "error" };
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) reject(err);
      else if (!stats || stats.hasErrors()) reject(new Error(`The task pane does not build:\n${stats?.toString({ all: false, errors: true }) ?? ""}`));
      else resolve();
    }),
  );
  return { dir, temporary: true };
}

/** A static server for `dir` on 127.0.0.1 (random port), plus axe-core under a test-only path. */
export async function serve(dir: string): Promise<StaticServer> {
  const axe = require.resolve("axe-core/axe.min.js");
  return serveStatic(dir, { [AXE_PATH]: async () => ({ body: await fs.readFile(axe), type: CONTENT_TYPES[".js"] as string }) });
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with the flags from TOOLCHAIN.md and a fresh profile. */
export async function launch(): Promise<Browser> {
  requireChromium();
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), "jobstatus-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, locale: "da-DK" });
  return {
    context,
    close: async () => {
      await context.close();
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

export interface PaneSession {
  page: Page;
  /** Every request the page tried that is neither local nor office.js (must stay empty). */
  blocked: string[];
  /** Page errors and console errors (CSP violations show up here). */
  errors: string[];
}

/** A page of `width` px with the workbook `model` in the test host, at the pane's URL; `init` runs before any page script. */
export async function openPane(browser: Browser, base: string, model: WorkbookModel, width: number, init?: string): Promise<PaneSession> {
  const page = await browser.context.newPage();
  if (init !== undefined) await page.addInitScript({ content: init });
  // Waits are for behaviour, not speed: a loaded machine may take long, and must not fail a test.
  page.setDefaultTimeout(120_000);
  await page.setViewportSize({ width, height: 900 });
  const blocked: string[] = [];
  const errors: string[] = [];
  const office = await browserHostScript(model);
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(`console.${m.type()}: ${m.text()}`);
  });
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) await route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: office });
    else if (url.startsWith(`${base}/`)) await route.continue();
    else {
      blocked.push(url);
      await route.abort("blockedbyclient");
    }
  });
  await page.routeWebSocket(/.*/, (ws) => {
    blocked.push(ws.url());
    void ws.close();
  });
  await page.goto(`${base}/taskpane.html`);
  return { page, blocked, errors };
}

/** Waits until the pane is idle (no operation running). */
export async function idle(page: Page): Promise<void> {
  await page.waitForSelector('#app[data-busy="false"]', { timeout: 120_000 });
}

/** Polls `f` until it returns a value that `ok` accepts (or times out with the last value). */
export async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await f();
  while (!ok(last) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    last = await f();
  }
  return last;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string }[];
}

/** axe-core in the page (served from 127.0.0.1, so the pane's CSP allows it); every violation, of any impact. */
export async function a11yViolations(page: Page, base: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ url: `${base}${AXE_PATH}` });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
  });
}

/** The violations that are serious or critical. */
export async function seriousA11yViolations(page: Page, base: string): Promise<AxeViolation[]> {
  return (await a11yViolations(page, base)).filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** The three colour modes the pane is checked in. */
export const COLOR_MODES = ["light", "dark", "forced"] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

/** Emulates a colour mode: `prefers-color-scheme` light or dark, or Windows' forced colours (high contrast). */
export async function setColorMode(page: Page, mode: ColorMode): Promise<void> {
  await page.emulateMedia({ colorScheme: mode === "dark" ? "dark" : "light", forcedColors: mode === "forced" ? "active" : "none" });
  // The pane follows prefers-color-scheme through a media listener: wait until it has.
  await page.waitForFunction((m) => document.documentElement.dataset.theme === (m === "dark" ? "dark" : "light"), mode);
  // Colours fade in over Fluent's short transitions: measure contrast after they end.
  // Bounded: a transition whose timeline stalls (seen in headless Chromium) never settles its
  // `finished` promise; the pane's transitions last well under a second.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => undefined))),
      new Promise((r) => setTimeout(r, 3000)),
    ]),
  );
}

/** Whether the element's box lies inside the viewport (what the user sees without scrolling). */
export async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  });
}

/** The built pane on a local server and a browser, for a suite's beforeAll; `stop` undoes it all. */
export async function startPaneServer(): Promise<{ browser: Browser; server: { base: string; close: () => Promise<void> }; stop: () => Promise<void> }> {
  requireChromium(); // fails, never skips
  const built = await builtPane();
  const server = await serve(built.dir);
  const browser = await launch();
  const stop = async (): Promise<void> => {
    await browser.close();
    await server.close();
    if (built.temporary) await fs.rm(built.dir, { recursive: true, force: true });
  };
  return { browser, server, stop };
}
