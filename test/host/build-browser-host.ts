/**
 * Node helper: builds the browser bundle of the test host with webpack when it is missing or older
 * than its sources, and prepares it as an init script for a Playwright page.
 */
import { promises as fs, statSync, readdirSync } from "node:fs";
import * as path from "node:path";
import webpack from "webpack";
import type { WorkbookModel } from "./model";
import { defaultClient, type ClientKind } from "./officejs";
import { officeJsClientSource } from "./officejs-source";

const ROOT = path.resolve(__dirname, "../..");
export const BROWSER_HOST_BUNDLE = path.join(ROOT, "build/test-host/host.js");

function newestInput(): number {
  let newest = 0;
  const scan = (dir: string, pattern: RegExp): void => {
    for (const name of readdirSync(dir)) {
      if (pattern.test(name)) newest = Math.max(newest, statSync(path.join(dir, name)).mtimeMs);
    }
  };
  scan(__dirname, /\.(ts|js|json)$/);
  scan(path.join(ROOT, "src/core"), /\.ts$/);
  for (const f of ["tsconfig.json", "package-lock.json"]) newest = Math.max(newest, statSync(path.join(ROOT, f)).mtimeMs);
  return newest;
}

function bundleIsFresh(): boolean {
  try {
    return statSync(BROWSER_HOST_BUNDLE).mtimeMs >= newestInput();
  } catch {
    return false;
  }
}

function compile(config: webpack.Configuration): Promise<void> {
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) reject(err);
      else if (!stats) reject(new Error("webpack returned no stats"));
      else if (stats.hasErrors()) reject(new Error(`webpack failed:\n${stats.toString({ all: false, errors: true })}`));
      else resolve();
    });
  });
}

/**
 * Path of build/test-host/host.js, building it first if missing or stale (or if `force`). Concurrent
 * callers each build into their own folder and rename the result into place, so none sees half a file.
 */
export async function buildBrowserHost(options: { force?: boolean } = {}): Promise<string> {
  if (!options.force && bundleIsFresh()) return BROWSER_HOST_BUNDLE;
  const outDir = path.dirname(BROWSER_HOST_BUNDLE);
  await fs.mkdir(outDir, { recursive: true });
  const tmp = await fs.mkdtemp(path.join(outDir, ".build-"));
  try {
    const makeConfig = require(path.join(__dirname, "webpack.host.config.js")) as (env: { outputPath: string }) => webpack.Configuration;
    await compile(makeConfig({ outputPath: tmp }));
    await fs.rename(path.join(tmp, "host.js"), BROWSER_HOST_BUNDLE);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  return BROWSER_HOST_BUNDLE;
}

/**
 * One script that sets the model and then runs the bundle, for `page.addInitScript({ content })`
 * (so it runs before the add-in's own scripts on every navigation).
 */
export async function browserHostScript(model?: WorkbookModel, options: { displayLanguage?: string; client?: ClientKind } = {}): Promise<string> {
  const bundle = await fs.readFile(await buildBrowserHost(), "utf8");
  const lines: string[] = [];
  if ((options.client ?? defaultClient()) === "officejs") {
    // Microsoft's client, as plain script (the pane's CSP allows no eval): its namespaces become page globals for the bundle.
    lines.push(`window.__JOBSTATUS_CLIENT__ = "officejs";`);
    lines.push(`(function () {\n${officeJsClientSource()}\nwindow.__JOBSTATUS_OFFICEJS__ = { OfficeExtension: OfficeExtension, Excel: Excel };\n}).call(window);`);
  }
  if (model) lines.push(`window.__JOBSTATUS_HOST_MODEL__ = ${JSON.stringify(JSON.stringify(model))};`);
  if (options.displayLanguage) lines.push(`window.__JOBSTATUS_HOST_LANGUAGE__ = ${JSON.stringify(options.displayLanguage)};`);
  lines.push(bundle);
  return lines.join("\n");
}
