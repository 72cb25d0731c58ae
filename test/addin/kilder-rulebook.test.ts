/**
 * Review 22j item 4, the add-in: »Beregn status« writes the Kilder sheet of a year without weights
 * with an intro that names no weights, and each Regelsæt row as a link to its range on
 * Indstillinger — the same sheet the CLI writes.
 */
import ExcelJS from "exceljs";
import { TextDecoder, TextEncoder } from "node:util";
import { calculateStatus, newSession } from "../../src/office/operations";
import { createHost, loadXlsx, saveXlsx } from "../host";
import { PROOF_2014, proofSheets } from "../support/rulebook-workbooks";
import { hostEnv, xlsxBytes } from "./fixtures";

Object.assign(globalThis, { TextEncoder, TextDecoder });

it("2014: Kilder's Regelsæt rows link to Indstillinger!A1:D13 and the intro names no weights", async () => {
  const wb = new ExcelJS.Workbook();
  for (const s of proofSheets(PROOF_2014)) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = typeof v === "object" && v !== null ? null : v)));
  }
  const host = createHost(await loadXlsx(await xlsxBytes(wb)));
  const r = await calculateStatus(hostEnv(host), newSession());
  expect(r.written).toBe("Status 2014");
  const out = new ExcelJS.Workbook();
  await out.xlsx.load((await saveXlsx(host)) as unknown as ExcelJS.Buffer);
  const ws = out.getWorksheet("Kilder 2014") as ExcelJS.Worksheet;
  expect(String(ws.getCell("A2").value)).toContain("Året har ingen vægte");
  const rows: { text: string; link: string | undefined }[] = [];
  ws.eachRow((row) => {
    if (row.getCell(1).value === "Regelsæt") rows.push({ text: row.getCell(4).text, link: row.getCell(4).hyperlink });
  });
  expect(rows).toHaveLength(4);
  for (const x of rows) expect(x).toEqual({ text: "Indstillinger!A1:D13", link: "#'Indstillinger'!A1:D13" });
});
