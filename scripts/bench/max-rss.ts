/**
 * Preloaded into a measured CLI process (`node -r max-rss.js bin/jobstatus.js …`): at exit it
 * writes the process's peak resident memory to stderr as `[max-rss] BYTES`.
 *
 * On Linux it is the process's own high-water mark (`VmHWM` in /proc/self/status). Not
 * `getrusage`'s `ru_maxrss` (`process.resourceUsage().maxRSS`): Linux keeps that across fork and
 * exec, so a child started by a large parent reports the parent's peak (the bench, holding a
 * 200 MB test file, made every child report 311 MB). Elsewhere, `maxRSS` is the fallback.
 */
import { readFileSync, writeSync } from "node:fs";

function peakBytes(): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

process.on("exit", () => {
  writeSync(2, `\n[max-rss] ${peakBytes()}\n`);
});
