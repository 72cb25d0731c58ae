/**
 * `jobstatus skabelon --forvaltning`: one forvaltning's file, with only its input cells open, that
 * the department can validate on its own exactly as HR will.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type ExcelJS from "exceljs";
import { loadExampleData, type ExampleData } from "../../src/cli/example";
import { readXlsx, runCli, tempDir } from "../support/cli";
import { fillForvaltning } from "./support";

let dir: string;
let data: ExampleData;

beforeAll(async () => {
  dir = await tempDir();
  data = await loadExampleData();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A1 addresses of the sheet's unlocked cells among A1:D30. */
function unlockedCells(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  for (let r = 1; r <= 30; r++) for (let c = 1; c <= 4; c++) if (ws.getCell(r, c).protection?.locked === false) out.push(ws.getCell(r, c).address);
  return out;
}

describe("jobstatus skabelon --forvaltning", () => {
  it("writes only that forvaltning's sheet, protected without a password, with the input cells unlocked and Danish prompts", async () => {
    const out = path.join(dir, "BUF-2025.xlsx");
    const run = await runCli("skabelon", "--aar", "2025", "--forvaltning", "buf", "-o", out);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("BUF");
    const wb = await readXlsx(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["BUF"]);
    const ws = wb.getWorksheet("BUF") as ExcelJS.Worksheet;
    expect(ws.getCell("B1").value).toBe("BUF");
    expect(ws.getCell("B2").value).toBe(2025);
    // Status for all five schemes, forløb for the three combined ones: nothing else.
    expect(unlockedCells(ws)).toEqual(["B5", "C5", "B6", "C6", "B7", "C7", "B8", "B9"]);
    const protection = (ws as unknown as { sheetProtection: unknown }).sheetProtection as { sheet?: boolean; hashValue?: string; password?: string } | null;
    expect(protection?.sheet).toBe(true);
    expect(protection?.hashValue).toBeUndefined();
    expect(protection?.password).toBeUndefined();
    expect(ws.getCell("B5").dataValidation.prompt).toBe("Helårspersoner: et tal, 0 eller større. Decimaler er tilladt.");
    expect(ws.getCell("B8").dataValidation.type).toBe("whole");
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => typeof c.value === "string" && texts.push(c.value)));
    expect(texts.some((t) => t.includes("Fjern arkbeskyttelse") && t.includes("ingen adgangskode"))).toBe(true);
    expect(texts.some((t) => t.includes("send den til HR"))).toBe(true);
  });

  it("fails validation while empty, and passes once the department has filled it (the department's check is HR's check)", async () => {
    const out = path.join(dir, "BIF-2025.xlsx");
    expect((await runCli("skabelon", "--aar", "2025", "--forvaltning", "BIF", "-o", out)).code).toBe(0);
    const empty = await runCli("valider", out);
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain("BIF!B5");
    const wb = await readXlsx(out);
    fillForvaltning(wb, "BIF", data);
    const filled = path.join(dir, "BIF-2025-udfyldt.xlsx");
    await wb.xlsx.writeFile(filled);
    const run = await runCli("valider", filled, "--json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { year: number; issues: unknown[]; sheets: { name: string; role: string }[] };
    expect(json).toMatchObject({ year: 2025, issues: [], sheets: [{ name: "BIF", role: "department" }] });
  });

  it("shows fritidsjob as not in use in a year whose weights do not count it, locked and without validation", async () => {
    const out = path.join(dir, "KFF-2024.xlsx");
    expect((await runCli("skabelon", "--aar", "2024", "--forvaltning", "KFF", "-o", out)).code).toBe(0);
    const wb = await readXlsx(out);
    const ws = wb.getWorksheet("KFF") as ExcelJS.Worksheet;
    expect(ws.getCell("A9").value).toBe("Fritidsjob (ikke i brug i 2024)");
    expect(ws.getCell("B9").protection?.locked).not.toBe(false);
    expect(ws.getCell("B9").dataValidation).toBeUndefined();
    expect(unlockedCells(ws)).toEqual(["B5", "C5", "B6", "C6", "B7", "C7", "B8"]);
    // Filled without fritidsjob, it validates.
    const d = data.departments.KFF;
    if (!d) throw new Error("no KFF");
    [d.status.loentilskud, d.status.virksomhedspraktik, d.status.smaajob, d.status.fleksjob].forEach((v, i) => (ws.getCell(5 + i, 2).value = v));
    [d.forloeb.loentilskud, d.forloeb.virksomhedspraktik, d.forloeb.smaajob].forEach((v, i) => (ws.getCell(5 + i, 3).value = v));
    const filled = path.join(dir, "KFF-2024-udfyldt.xlsx");
    await wb.xlsx.writeFile(filled);
    const run = await runCli("valider", filled);
    expect(run.stdout).toContain("Ingen fejl eller advarsler.");
    expect(run.code).toBe(0);
  });

  it("refuses an unknown forvaltning, a year without weights and an existing file, in Danish", async () => {
    const unknown = await runCli("skabelon", "--aar", "2025", "--forvaltning", "XYZ", "-o", path.join(dir, "x.xlsx"));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Der er ingen forvaltning med koden »XYZ«");
    const noWeights = await runCli("skabelon", "--aar", "2031", "--forvaltning", "BUF", "-o", path.join(dir, "y.xlsx"));
    expect(noWeights.code).toBe(2);
    expect(noWeights.stderr).toContain("Der kendes ingen vægte for 2031");
    const existing = path.join(dir, "BUF-2025.xlsx");
    const again = await runCli("skabelon", "--aar", "2025", "--forvaltning", "BUF", "-o", existing);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("findes allerede");
    await expect(fs.stat(path.join(dir, "x.xlsx"))).rejects.toThrow();
  });
});
