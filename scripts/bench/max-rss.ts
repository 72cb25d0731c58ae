/**
 * Preloaded into a measured CLI process (`node -r max-rss.js bin/jobstatus.js …`): at exit it
 * writes the process's peak resident memory to stderr as `[max-rss] BYTES`.
 */
import { writeSync } from "node:fs";

process.on("exit", () => {
  writeSync(2, `\n[max-rss] ${process.resourceUsage().maxRSS * 1024}\n`);
});
