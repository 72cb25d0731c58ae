/**
 * The floor for `jobstatus beregn`: exceljs only loading and saving the same file, in its own
 * process as the CLI runs in its own. `node load-save.js IN.xlsx OUT.xlsx`
 */
import ExcelJS from "exceljs";

async function main(input: string, output: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  await wb.xlsx.writeFile(output);
}

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write("Brug: load-save IN.xlsx OUT.xlsx\n");
  process.exit(2);
}
main(input, output).catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
