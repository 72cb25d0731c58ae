/**
 * Issue 22 follow-up: in a built-in year a Måltal header that names two targets (»Fleksjob og
 * fritidsjob«) was read silently as fleksjob. `valider` now stops on it, naming the cell and the header.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { readXlsx, runCli, writeExampleFiles } from "../support/cli";

let dir: string;
let example: string;

beforeAll(async () => {
  ({ dir, example } = await writeExampleFiles());
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The example workbook with its fleksjob header on Måltal renamed; returns the file and the header's cell. */
async function withFleksjobHeader(header: string): Promise<{ file: string; cell: string }> {
  const wb = await readXlsx(example);
  const ws = wb.getWorksheet("Måltal") as ExcelJS.Worksheet;
  let cell = "";
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (cell === "" && typeof c.value === "string" && /^fleksjob/i.test(c.value.trim())) cell = c.address;
    }),
  );
  expect(cell).not.toBe("");
  ws.getCell(cell).value = header;
  const file = path.join(dir, "tvetydig.xlsx");
  await wb.xlsx.writeFile(file);
  return { file, cell };
}

describe("jobstatus valider: a Måltal header naming two targets in a built-in year", () => {
  it("exits non-zero with MAALTAL_COLUMN_TIE at the header's cell, naming both targets", async () => {
    const { file, cell } = await withFleksjobHeader("Fleksjob og fritidsjob");
    const run = await runCli("valider", file, "--json");
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { issues: { severity: string; code: string; sheet: string; cell: string | null; message: string }[] };
    const tie = doc.issues.filter((i) => i.code === "MAALTAL_COLUMN_TIE");
    expect(tie).toEqual([expect.objectContaining({ severity: "error", sheet: "Måltal", cell })]);
    expect(tie[0]?.message).toContain("»Fleksjob og fritidsjob« nævner både måltallet »fleksjob« (ordet »fleksjob«) og måltallet »fritidsjob« (ordet »fritidsjob«)");
    // Read for neither target: no figure comes from it, and fleksjob is not also reported missing.
    expect(doc.issues.filter((i) => i.code === "MAALTAL_COLUMN_MISSING")).toEqual([]);
  });

  it("the human output names the sheet and cell too", async () => {
    const { file, cell } = await withFleksjobHeader("Fleksjob og fritidsjob");
    const run = await runCli("valider", file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Måltal!${cell}`);
  });
});
