#!/usr/bin/env node
// `npm start` / `npm stop`: sideload the add-in into desktop Excel with Microsoft's
// office-addin-debugging, as the Office add-in templates do.
//
// office-addin-debugging is not among the project's own dependencies: through
// office-addin-dev-settings it pulls in the Microsoft 365 Agents Toolkit CLI and the native module
// keytar (about 450 packages), which would make a plain `npm ci` need a compiler and libsecret on
// Linux. It lives in tools/sideload with its own pinned lockfile and is installed there the first
// time a developer runs `npm start`. Its .npmrc leaves out peer dependencies: the toolkit and keytar
// are only used for JSON manifests and Outlook, never for an Excel add-in's XML manifest.
// See docs/dev/manifest.md, "Sideloading".
//
//   node scripts/sideload.mjs start|stop [extra office-addin-debugging arguments]
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TOOL_DIR = join(ROOT, "tools", "sideload");
const BIN = join(TOOL_DIR, "node_modules", "office-addin-debugging", "cli.js");
const LOCK = join(TOOL_DIR, "package-lock.json");
const INSTALLED_LOCK = join(TOOL_DIR, "node_modules", ".package-lock.json");

const [command, ...rest] = process.argv.slice(2);
if (command !== "start" && command !== "stop") {
  process.stderr.write("usage: node scripts/sideload.mjs start|stop\n");
  process.exit(2);
}

if (process.platform !== "win32" && process.platform !== "darwin") {
  process.stderr.write(
    `Sideloading into desktop Excel works on Windows and Mac only (this is ${process.platform}).\n` +
      "Here, use Excel on the web instead:\n" +
      "  npm run dev-server     # https://localhost:3000\n" +
      "then Home > Add-ins > More add-ins > Upload My Add-in, and choose manifest.xml.\n" +
      "The CLI (npx jobstatus ...) works everywhere.\n",
  );
  process.exit(1);
}

/** Installed, and from the current lockfile (a half-failed install or a bumped version installs again). */
function installed() {
  if (!existsSync(BIN) || !existsSync(INSTALLED_LOCK)) return false;
  const want = JSON.parse(readFileSync(LOCK, "utf8")).packages ?? {};
  const have = JSON.parse(readFileSync(INSTALLED_LOCK, "utf8")).packages ?? {};
  const current = Object.entries(have).every(([k, v]) => want[k]?.version === v.version);
  const complete = Object.entries(want).every(([k, v]) => !k || v.peer || v.optional || have[k] !== undefined);
  return current && complete;
}

if (!installed()) {
  process.stdout.write("Installing the sideloading tools once (tools/sideload: office-addin-debugging 7.0.0)...\n");
  // npm's own script when run through npm (no shell needed on Windows); else npm from PATH.
  const npmCli = process.env.npm_execpath;
  const install = npmCli
    ? spawnSync(process.execPath, [npmCli, "ci", "--no-audit", "--no-fund"], { cwd: TOOL_DIR, stdio: "inherit" })
    : spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], { cwd: TOOL_DIR, stdio: "inherit", shell: process.platform === "win32" });
  if (install.status !== 0) {
    process.stderr.write("Could not install tools/sideload. Run `npm ci` in tools/sideload yourself to see why.\n");
    process.exit(install.status ?? 1);
  }
}

// office-addin-debugging reads the dev server's script and port from the npm_package_config_*
// variables that `npm start` sets: run this through npm (npm start / npm stop), not directly.
const run = spawnSync(process.execPath, [BIN, command, join(ROOT, "manifest.xml"), ...rest], { cwd: ROOT, stdio: "inherit" });
process.exit(run.status ?? 1);
