import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { StatusJsonSchema } from "../../src/core/json";
import { printScale } from "../../src/core/layout";
import { COLUMN_WIDTHS } from "../../src/core/report";
import { loadExampleData, PLANTED_ERRORS } from "../../src/cli/example";
import { fillTemplate, readXlsx, runCli, snapshotSheet, writeExampleFiles } from "../support/cli";

const sha = async (f: string) => createHash("sha256").update(await fs.readFile(f)).digest("hex");

let dir: string;
let example: string;
let broken: string;

beforeAll(async () => {
  ({ dir, example, broken } = await writeExampleFiles());
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("jobstatus beregn", () => {
  it("writes a copy with the status sheet next to the input, prints the tables, and never touches the input", async () => {
    const before = await sha(example);
    const run = await runCli("beregn", example);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Tabel 1: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for 2025");
    expect(run.stdout).toMatch(/Løntilskud \(helårspersoner\)\s+93\s+797\s+1\.084\s+74 pct\.\s+246/);
    expect(run.stdout).toMatch(/Samlet målopfyldelse \(vægtet gennemsnit\*\*\*\)\s+92 pct\./);
    expect(await sha(example)).toBe(before);
    const out = path.join(dir, "eksempel-status-2025.xlsx");
    const wb = await readXlsx(out);
    const ws = wb.getWorksheet("Status 2025");
    expect(ws).toBeDefined();
    // Department sheets are copied unchanged.
    const input = await readXlsx(example);
    input.eachSheet((s) => expect(snapshotSheet(wb.getWorksheet(s.name) as ExcelJS.Worksheet)).toBe(snapshotSheet(s)));
  });

  it("writes unrounded numbers with display formats, merges and an A4 print setup", async () => {
    const out = path.join(dir, "formats.xlsx");
    expect((await runCli("beregn", example, "-o", out)).code).toBe(0);
    const wb = await readXlsx(out);
    const ws = wb.getWorksheet("Status 2025") as ExcelJS.Worksheet;
    let headerRow = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === "KK" && headerRow === 0) headerRow = r;
    });
    const first = ws.getRow(headerRow + 1);
    expect(first.getCell(1).value).toBe("Løntilskud (helårspersoner)");
    expect(first.getCell(2).value).toBeCloseTo(92.6, 10);
    expect(first.getCell(2).numFmt).toBe("#,##0");
    expect(first.getCell(3).value).toBeCloseTo(797.2, 10);
    expect(first.getCell(5).numFmt).toBe('0" pct."');
    expect(first.getCell(5).value).toBeCloseTo((797.2 / 1084) * 100, 10);
    expect(ws.getCell(headerRow + 1, 3).isMerged).toBe(true);
    expect(ws.getCell(headerRow + 3, 3).isMerged).toBe(true);
    expect(ws.getCell(headerRow, 1).font?.bold).toBe(true);
    expect(ws.getCell(headerRow, 1).font?.name).toBe("Calibri");
    expect(ws.pageSetup.paperSize).toBe(9);
    // A fixed scale, not Fit To (Excel ignores manual page breaks on a sheet scaled to fit).
    expect(ws.pageSetup.fitToPage).toBeFalsy();
    expect(ws.pageSetup.scale).toBe(printScale([...COLUMN_WIDTHS], "portrait"));
    expect(ws.pageSetup.printArea).toBe(`A1:F${ws.rowCount}`);
    expect(ws.headerFooter.oddFooter).toBe("&LÅrsstatus for de særlige jobordninger i KK som arbejdsplads for 2025&RSide &P af &N");
    expect(ws.views[0]?.showGridLines).toBe(false);
    // The copy opens on the status sheet, and only that tab is selected.
    expect(wb.views[0]?.activeTab).toBe(wb.worksheets.indexOf(ws));
    // (exceljs does not read tabSelected back, so the sheets' XML is read.)
    const zip = await JSZip.loadAsync(await fs.readFile(out));
    const sheetXml = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async("string")));
    expect(sheetXml.filter((x) => /tabSelected="1"/.test(x)).map((x) => /<pageSetup[^>]*scale="(\d+)"/.exec(x)?.[1])).toEqual([String(ws.pageSetup.scale)]);
  });

  it("prints exactly one JSON document with --json, in the documented shape", async () => {
    const run = await runCli("beregn", example, "-o", path.join(dir, "json.xlsx"), "--json");
    expect(run.code).toBe(0);
    const doc = StatusJsonSchema.parse(JSON.parse(run.stdout));
    expect(doc.year).toBe(2025);
    expect(doc.weights).toEqual({ samlet: 0.51, fleksjob: 0.43, fritidsjob: 0.06 });
    expect(doc.forvaltninger.map((u) => u.code)).toEqual(["BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF"]);
    expect(doc.kk?.status.samlet).toBeCloseTo(797.2, 10);
    expect(doc.kk?.maal).toEqual({ samlet: 1084, fleksjob: 900, fritidsjob: 126 });
    expect(doc.issues).toEqual([expect.objectContaining({ severity: "warning", code: "KK_TARGET_DIFFERS", sheet: "Måltal", cell: "D11" })]);
  });

  it("exits 1 on input errors, prints them, and writes nothing", async () => {
    const out = path.join(dir, "never.xlsx");
    const run = await runCli("beregn", broken, "-o", out);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("statusarket er ikke skrevet");
    await expect(fs.stat(out)).rejects.toThrow();
  });

  it("replaces only its own sheet on a re-run, and never a user's sheet of that name", async () => {
    const first = path.join(dir, "rerun-1.xlsx");
    const second = path.join(dir, "rerun-2.xlsx");
    expect((await runCli("beregn", example, "-o", first)).code).toBe(0);
    expect((await runCli("beregn", first, "-o", second)).code).toBe(0);
    const a = await readXlsx(first);
    const b = await readXlsx(second);
    expect(b.worksheets.map((w) => w.name)).toEqual(a.worksheets.map((w) => w.name));
    expect(snapshotSheet(b.getWorksheet("Status 2025") as ExcelJS.Worksheet)).toBe(snapshotSheet(a.getWorksheet("Status 2025") as ExcelJS.Worksheet));

    const userOwned = path.join(dir, "user-sheet.xlsx");
    const wb = await readXlsx(example);
    wb.addWorksheet("Status 2025").getCell("A1").value = "Mine egne noter";
    await wb.xlsx.writeFile(userOwned);
    const run = await runCli("beregn", userOwned, "-o", path.join(dir, "user-out.xlsx"));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("OUTPUT_NAME_TAKEN");
    const res = await readXlsx(path.join(dir, "user-out.xlsx"));
    expect(res.getWorksheet("Status 2025")?.getCell("A1").value).toBe("Mine egne noter");
    expect(res.getWorksheet("Status 2025 (2)")).toBeDefined();
  });

  it("refuses to replace a file named with -o unless --overskriv is given", async () => {
    const out = path.join(dir, "named.xlsx");
    await fs.writeFile(out, "mine data");
    const refused = await runCli("beregn", example, "-o", out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--overskriv");
    expect(await fs.readFile(out, "utf8")).toBe("mine data");
    expect((await runCli("beregn", example, "-o", out, "--overskriv")).code).toBe(0);
    expect((await readXlsx(out)).getWorksheet("Status 2025")).toBeDefined();
  });

  it("leaves out only Tabel 2 when the previous-year sheet is wrong (a warning, the report is still written)", async () => {
    const wb = await readXlsx(example);
    (wb.getWorksheet("Forrige år") as ExcelJS.Worksheet).getCell("B2").value = 2023;
    const file = path.join(dir, "prev-wrong.xlsx");
    await wb.xlsx.writeFile(file);
    const run = await runCli("beregn", file, "-o", path.join(dir, "prev-wrong-out.xlsx"), "--json");
    expect(run.code).toBe(0);
    const doc = StatusJsonSchema.parse(JSON.parse(run.stdout));
    expect(doc.previous).toBeNull();
    expect(doc.issues.map((i) => `${i.severity}:${i.code}@${i.sheet}!${i.cell}`)).toEqual([
      "warning:KK_TARGET_DIFFERS@Måltal!D11",
      "warning:PREVIOUS_YEAR_MISMATCH@Forrige år!B2",
      "warning:PREVIOUS_LEFT_OUT@Forrige år!null",
    ]);
  });

  it("refuses to write over its input (exit 2)", async () => {
    const before = await sha(example);
    const run = await runCli("beregn", example, "-o", example);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("overskriver aldrig inddata");
    expect(await sha(example)).toBe(before);
  });
});

describe("jobstatus valider", () => {
  it("pinpoints each planted error with sheet, cell and code, and writes nothing", async () => {
    const before = await sha(broken);
    const run = await runCli("valider", broken, "--json");
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { issues: { severity: string; code: string; sheet: string; cell: string | null; message: string }[] };
    for (const p of PLANTED_ERRORS) {
      expect(doc.issues).toContainEqual(expect.objectContaining({ severity: "error", code: p.code, sheet: p.sheet, cell: p.cell }));
    }
    expect(doc.issues.filter((i) => i.severity === "error")).toHaveLength(PLANTED_ERRORS.length);
    expect(doc.issues.every((i) => i.message.length > 20)).toBe(true);
    expect(await sha(broken)).toBe(before);
  });

  it("validates one sheet with --ark, matched case-insensitively", async () => {
    const run = await runCli("valider", broken, "--ark", "kff");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("KFF!B8");
    expect(run.stdout).not.toContain("BIF!");
  });

  it("exits 0 on a clean workbook", async () => {
    const run = await runCli("valider", example);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Der er 1 advarsel:");
  });
});

describe("jobstatus skabelon", () => {
  it("creates a workbook in the documented format that round-trips through beregn", async () => {
    const file = path.join(dir, "skabelon.xlsx");
    const run = await runCli("skabelon", "--aar", "2025", "-o", file);
    expect(run.code).toBe(0);
    const wb = await readXlsx(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Måltal", "Indstillinger", "BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF"]);
    const bif = wb.getWorksheet("BIF") as ExcelJS.Worksheet;
    expect(bif.getCell("B5").dataValidation).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual" });
    expect(bif.getCell("B8").dataValidation).toMatchObject({ type: "whole" });
    expect(bif.getCell("C5").dataValidation).toMatchObject({ type: "whole" });

    // An empty template is not a report: it says what is missing, cell by cell, and nothing else
    // (the merged guide text under the table is not mistaken for a row with data).
    const empty = await runCli("valider", file, "--json");
    expect(empty.code).toBe(1);
    const emptyDoc = JSON.parse(empty.stdout) as { issues: { code: string }[] };
    expect(new Set(emptyDoc.issues.map((i) => i.code))).toEqual(new Set(["VALUE_MISSING", "MAAL_ZERO_WEIGHTED"]));

    // Fill it as departments would, then compute: the values come back exactly.
    const data = await loadExampleData();
    fillTemplate(wb, data);
    const filled = path.join(dir, "udfyldt.xlsx");
    await wb.xlsx.writeFile(filled);
    const res = await runCli("beregn", filled, "-o", path.join(dir, "udfyldt-status.xlsx"), "--json");
    expect(res.code).toBe(0);
    const doc = StatusJsonSchema.parse(JSON.parse(res.stdout));
    for (const u of doc.forvaltninger) {
      const d = data.departments[u.code];
      expect(u.status).toEqual({ ...d?.status, samlet: u.status.samlet });
      expect(u.forloeb).toEqual({ ...d?.forloeb, i_alt: u.forloeb.i_alt });
    }
  });

  it("never overwrites an existing file without --overskriv (exit 2)", async () => {
    const file = path.join(dir, "exists.xlsx");
    await fs.writeFile(file, "mine data");
    const run = await runCli("skabelon", "--aar", "2025", "-o", file);
    expect(run.code).toBe(2);
    expect(await fs.readFile(file, "utf8")).toBe("mine data");
  });
});

describe("usage errors: Danish sentences, exit 2, no stack traces", () => {
  it.each([
    [["frobnicate"], /Ukendt kommando/],
    [["beregn"], /Angiv den projektmappe/],
    [["beregn", "/findes/ikke.xlsx"], /findes ikke/],
    [["valider", "x.xlsx", "--bogus"], /Ukendt tilvalg/],
    [["skabelon", "--aar", "20x5", "-o", "a.xlsx"], /Årstallet »20x5« er ikke gyldigt/],
  ])("%j", async (args, message) => {
    const run = await runCli(...(args as string[]));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  it("a file that is not .xlsx", async () => {
    const file = path.join(dir, "tekst.xlsx");
    await fs.writeFile(file, "dette er ikke en projektmappe");
    const run = await runCli("valider", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("er en tekstfil (fx CSV), ikke en Excel-projektmappe");
  });
});

describe("the installed binary", () => {
  it("runs from bin/jobstatus.js after the build, with the documented exit codes", async () => {
    const bin = path.join(__dirname, "..", "..", "bin", "jobstatus.js");
    const run = promisify(execFile);
    const ok = await run("node", [bin, "valider", example]);
    expect(ok.stdout).toContain("Der er 1 advarsel:");
    await expect(run("node", [bin, "valider", broken])).rejects.toMatchObject({ code: 1 });
    await expect(run("node", [bin, "nope"])).rejects.toMatchObject({ code: 2 });
    // Three node processes: on a machine shared by several test runs that outlasts jest's 5 s default.
  }, 60_000);
});
