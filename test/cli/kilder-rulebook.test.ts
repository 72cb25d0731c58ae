/**
 * Review 22j item 4, the CLI: the Kilder sheet of a year without weights says so in its intro, and a
 * Regelsæt read from Indstillinger is a link to its range there, as every other source is a link.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type ExcelJS from "exceljs";
import { readXlsx, runCli, tempDir } from "../support/cli";
import { PROOF_2014, writeProofXlsx } from "../support/rulebook-workbooks";

let dir: string;

beforeAll(async () => {
  dir = await tempDir();
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

it("beregn, 2014: Kilder's Regelsæt rows link to Indstillinger!A1:D13 and the intro names no weights", async () => {
  const input = path.join(dir, "kk-2014.xlsx");
  const out = path.join(dir, "kk-2014-status.xlsx");
  await writeProofXlsx(PROOF_2014, input);
  const run = await runCli("beregn", input, "-o", out);
  expect(run.code).toBe(0);
  const ws = (await readXlsx(out)).getWorksheet("Kilder 2014") as ExcelJS.Worksheet;
  expect(String(ws.getCell("A2").value)).toContain("Året har ingen vægte");
  expect(String(ws.getCell("A2").value)).not.toContain("vægtene");
  const rows: { text: string; link: string | undefined }[] = [];
  ws.eachRow((row) => {
    if (row.getCell(1).value === "Regelsæt") rows.push({ text: row.getCell(4).text, link: row.getCell(4).hyperlink });
  });
  expect(rows).toHaveLength(4);
  for (const r of rows) expect(r).toEqual({ text: "Indstillinger!A1:D13", link: "#'Indstillinger'!A1:D13" });
});
