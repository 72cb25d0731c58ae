/**
 * The pane's collect of one delivered file, run in Node: `readPickedFile` from
 * src/taskpane/collect-xlsx.ts, the function the pane's collecting chunk calls on each picked file
 * (src/taskpane/collect-files.ts), on the file's bytes as `File.arrayBuffer()` gives them. Run as
 *
 *   node -r build/bench/scripts/bench/max-rss.js [-r build/bench/scripts/bench/browser-exceljs.js] \
 *     build/bench/scripts/bench/pane-collect.js FILE.xlsx
 *
 * it prints one JSON line (read or not, the reason, each sheet's rows and the extras' sizes) and,
 * at exit, the process's peak resident memory (max-rss.ts). With browser-exceljs.js preloaded it
 * uses exceljs's browser build, as webpack bundles it. Why this is a fair proxy for the pane, and
 * where it is not: docs/dev/performance.md, »A million rows read whole«.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error("usage: pane-collect.js FILE.xlsx");
  const bytes = new Uint8Array(await fs.readFile(file));
  const start = process.hrtime.bigint();
  const r = await readPickedFile(path.basename(file), bytes, Date.now());
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!r.ok) {
    process.stdout.write(`${JSON.stringify({ ok: false, reason: r.reason, ms })}\n`);
    process.exitCode = 1;
    return;
  }
  const { grid, formulas, numberFormats } = r.file;
  const formats = Object.values(numberFormats ?? {}).reduce((n, f) => n + Object.keys(f).length, 0);
  process.stdout.write(`${JSON.stringify({ ok: true, ms: Math.round(ms), sheets: grid.sheets.map((s) => ({ name: s.name, rows: s.values.length })), formulas: formulas?.length ?? 0, numberFormats: formats })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
