/**
 * Where `jobstatus beregn`'s time goes, in one cold process like the CLI's own:
 *   node cli-phases.js beregn IN.xlsx OUT.xlsx  → load, grid, engine, render, save (with the status sheet)
 *   node cli-phases.js plain IN.xlsx OUT.xlsx   → load, save (exceljs alone: the floor)
 * Prints one JSON object of milliseconds. The steps are the CLI's (src/cli/main.ts), minus its
 * argument checks and printing.
 */
import ExcelJS from "exceljs";
import { loadBoundedWorkbook, readWorkbookGrid } from "../../src/cli/xlsx-read";
import { keepAsRead, writeReport } from "../../src/cli/xlsx-write";
import { calculate } from "../../src/core";
import { nowMs, round } from "./util";

async function main(mode: string, input: string, output: string): Promise<Record<string, number>> {
  const ms: Record<string, number> = {};
  let t = nowMs();
  const lap = (name: string): void => {
    const n = nowMs();
    ms[name] = round(n - t, 1);
    t = n;
  };
  // beregn loads as the CLI does (within the reader's limits, every part checked: src/cli/xlsx-read.ts).
  const wb = mode === "beregn" ? await loadBoundedWorkbook(input, "copy") : new ExcelJS.Workbook();
  if (mode === "plain") await wb.xlsx.readFile(input);
  lap("load");
  if (mode === "beregn") {
    const grid = readWorkbookGrid(wb);
    lap("grid");
    const outcome = calculate(grid);
    lap("engine");
    if (!outcome.report || !outcome.output || outcome.result.year === null) throw new Error("the workbook does not calculate");
    keepAsRead(wb);
    writeReport(wb, outcome.report, outcome.result.year, outcome.output.replaces);
    lap("render");
  }
  await wb.xlsx.writeFile(output);
  lap("save");
  return ms;
}

const [mode, input, output] = process.argv.slice(2);
if ((mode !== "beregn" && mode !== "plain") || !input || !output) {
  process.stderr.write("Brug: cli-phases beregn|plain IN.xlsx OUT.xlsx\n");
  process.exit(2);
}
main(mode, input, output).then(
  (ms) => process.stdout.write(`${JSON.stringify(ms)}\n`),
  (e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  },
);
