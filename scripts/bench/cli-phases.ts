/**
 * Where `jobstatus beregn`'s time goes, in one cold process like the CLI's own:
 *   node cli-phases.js beregn IN.xlsx OUT.xlsx  → load, grid, engine, render, save, splice, write
 *   node cli-phases.js plain IN.xlsx OUT.xlsx   → load, save (exceljs alone: the floor)
 * Prints one JSON object of milliseconds. The steps are the CLI's (src/cli/main.ts), minus its
 * argument checks and printing: the figures read as `valider` reads them, the status and Kilder
 * sheets' XML written from their layouts (»render«, src/cli/sheet-xml.ts; »save« is 0: there is no
 * scratch workbook to save since issue 20, unless the writer falls back to exceljs's render and
 * save as the CLI does), spliced into the input's parts (»splice«, src/cli/xlsx-splice.ts), and the
 * file written (»write«).
 */
import { promises as fs } from "node:fs";
import ExcelJS from "../../src/cli/exceljs";
import { loadBoundedWorkbook, readBoundedFile, readWorkbookGrid } from "../../src/cli/xlsx-read";
import { ownSheetsPackage } from "../../src/cli/sheet-xml";
import { spliceCopy, spliceSheets } from "../../src/cli/xlsx-splice";
import { writeReport } from "../../src/cli/xlsx-write";
import { calculate, ownerName, sourcesOwnerName } from "../../src/core";
import { nowMs, round } from "./util";

async function main(mode: string, input: string, output: string): Promise<Record<string, number>> {
  const ms: Record<string, number> = {};
  let t = nowMs();
  const lap = (name: string): void => {
    const n = nowMs();
    ms[name] = round(n - t, 1);
    t = n;
  };
  if (mode === "plain") {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    lap("load");
    await wb.xlsx.writeFile(output);
    lap("save");
    return ms;
  }
  // beregn reads as the CLI does (within the reader's limits, only the parts read: src/cli/xlsx-read.ts).
  const wb = await loadBoundedWorkbook(input, "read");
  lap("load");
  const grid = readWorkbookGrid(wb);
  lap("grid");
  const outcome = calculate(grid);
  lap("engine");
  if (!outcome.report || !outcome.output || outcome.result.year === null) throw new Error("the workbook does not calculate");
  const year = outcome.result.year;
  const replace = [outcome.output, outcome.sourcesOutput].flatMap((o) => (o?.replaces ? [o.name] : []));
  const options = { replace, active: outcome.report.sheetName };
  // As src/cli/main.ts (splicedCopy): the sheets' XML written directly, else exceljs's render and save.
  const own = [{ layout: outcome.report, marker: ownerName(year) }, ...(outcome.sources && outcome.sourcesOutput ? [{ layout: outcome.sources, marker: sourcesOwnerName(year) }] : [])];
  const direct = ownSheetsPackage(own);
  let scratchBytes: Uint8Array | undefined;
  if (!direct) {
    const scratch = new ExcelJS.Workbook();
    for (const o of own) writeReport(scratch, o.layout, year, false, o.marker);
    lap("render");
    scratchBytes = new Uint8Array((await scratch.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer);
    lap("save");
  } else {
    lap("render");
    lap("save");
  }
  const bytes = await readBoundedFile(input);
  const spliced = direct ? spliceSheets(bytes, direct, options) : spliceCopy(bytes, scratchBytes as Uint8Array, options);
  if (!spliced) throw new Error("the splice fell back to exceljs");
  lap("splice");
  await fs.writeFile(output, spliced.bytes);
  lap("write");
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
