/**
 * `jobstatus skabelon --regelsaet HOVED.xlsx` (issue 22): the templates of a year with a rulebook of
 * its own, the whole workbook and one forvaltning's file, follow the rulebook on HOVED.xlsx's
 * Indstillinger; the files come back through `saml` (blank ones as blank), and `beregn` counts them.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { countsTheSame } from "../../src/core/rulebook-sheet";
import { templateRulebook } from "../../src/core/template-rulebook";
import { CLI, COLLECT, FORVALTNING_TEMPLATE, TEMPLATE } from "../../src/messages/da";
import { readXlsx, runCli } from "../support/cli";
import { PROOF_2014, PROOF_2026, proofGrid, proofFiles, writeProofXlsx, type ProofWorkbook } from "../support/rulebook-workbooks";

const proof = proofFiles();

const exists = (f: string): Promise<boolean> => fs.stat(f).then(() => true, () => false);
const columnA = (ws: ExcelJS.Worksheet, from: number, to: number): unknown[] => Array.from({ length: to - from + 1 }, (_, i) => ws.getCell(from + i, 1).value);

/** The rulebook the proof workbook's Indstillinger gives its year. */
function proofRulebook(p: ProofWorkbook) {
  const t = templateRulebook(proofGrid(p), p.year);
  if (t.kind === "none") throw new Error("no rulebook");
  return t.rulebook;
}

/** Types a proof forvaltning's figures into a template's sheet (status in B, forløb in C, rows from 5). */
function fill(ws: ExcelJS.Worksheet, p: ProofWorkbook, code: string): void {
  const u = p.units.find((x) => x.code === code);
  p.schemes.forEach((s, i) => {
    ws.getCell(5 + i, 2).value = u?.status[s] ?? null;
    if (u?.forloeb?.[s] !== undefined) ws.getCell(5 + i, 3).value = u.forloeb[s] as number;
  });
}

describe("skabelon --regelsaet: the whole workbook", () => {
  it("2014: a row per scheme in its unit, a Måltal column per target, and Indstillinger carrying the same rulebook", async () => {
    const out = path.join(proof.dir, "ny-2014.xlsx");
    const run = await runCli("skabelon", "--aar", "2014", "--regelsaet", proof.f2014, "-o", out);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(CLI.templateFollows(proof.f2014, 2014));
    expect(run.stdout).not.toContain(CLI.templateNoWeights(2014));
    const wb = await readXlsx(out);
    expect(columnA(wb.getWorksheet("BUF") as ExcelJS.Worksheet, 5, 8)).toEqual(["Jobrotation (forløb)", "Fleksjob (personer)", "Seniorjob (personer)", "Løntilskud (pladser)"]);
    expect((wb.getWorksheet("Måltal")?.getRow(3).values as unknown[]).slice(1)).toEqual(["Forvaltning", "Navn", "Jobrotation", "Fleksjob", "Seniorjob", "Løntilskud"]);
    const back = templateRulebook(readWorkbookGrid(wb), 2014);
    expect(back.kind).toBe("regelsaet");
    expect(back.kind !== "none" && countsTheSame(back.rulebook, proofRulebook(PROOF_2014))).toBe(true);
    // The source workbook is read, never written.
    expect((await readXlsx(proof.f2014)).worksheets.map((w) => w.name)).toEqual(["Indstillinger", "Måltal", "BUF", "SOF", "SUF", "ØKF"]);
  });

  it("2026: six rows with jobrotation, and the weights 51/43/6 come along", async () => {
    const out = path.join(proof.dir, "ny-2026.xlsx");
    const run = await runCli("skabelon", "--år", "2026", "--regelsæt", proof.f2026, "-o", out);
    expect(run.code).toBe(0);
    const wb = await readXlsx(out);
    expect(columnA(wb.getWorksheet("SOF") as ExcelJS.Worksheet, 5, 10)).toEqual([
      "Løntilskud (helårspersoner)",
      "Virksomhedspraktik (helårspersoner)",
      "Småjob under det sociale frikort (helårspersoner)",
      "Jobrotation (helårspersoner)",
      "Fleksjob (antal ansatte i december)",
      "Fritidsjob (helårspersoner)",
    ]);
    const back = templateRulebook(readWorkbookGrid(wb), 2026);
    expect(back.kind !== "none" ? back.rulebook.weights : null).toEqual({ samlet: 51, fleksjob: 43, fritidsjob: 6 });
  });

  it("a year with only typed weights: the newest built-in schemes, and Indstillinger's weights row carries the weights", async () => {
    const src = new ExcelJS.Workbook();
    const ws = src.addWorksheet("Indstillinger");
    [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2027, 50, 44, 6]].forEach((r, i) => r.forEach((v, c) => (ws.getCell(i + 1, c + 1).value = v)));
    const file = path.join(proof.dir, "vaegte-2027.xlsx");
    await src.xlsx.writeFile(file);
    const out = path.join(proof.dir, "ny-2027.xlsx");
    const run = await runCli("skabelon", "--aar", "2027", "--regelsaet", file, "-o", out);
    expect(run.code).toBe(0);
    const wb = await readXlsx(out);
    const back = templateRulebook(readWorkbookGrid(wb), 2027);
    const typed = templateRulebook(readWorkbookGrid(await readXlsx(file)), 2027);
    expect(back.kind).toBe("weights");
    expect(back.kind !== "none" && typed.kind !== "none" && countsTheSame(back.rulebook, typed.rulebook)).toBe(true);
    expect((wb.getWorksheet("Indstillinger")?.getRow(4).values as unknown[]).slice(1)).toEqual([2027, 50, 44, 6]);
    // The built-in shape keeps the notat's row labels.
    expect(columnA(wb.getWorksheet("BUF") as ExcelJS.Worksheet, 5, 9)).toEqual(TEMPLATE.rows.map(([, label]) => label));
  });

  it("a file that says nothing about the year, or has errors on Indstillinger: nothing written, and why", async () => {
    const none = path.join(proof.dir, "intet.xlsx");
    const missing = await runCli("skabelon", "--aar", "2015", "--regelsaet", proof.f2014, "-o", none);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(CLI.rulebookMissing(proof.f2014, 2015));
    expect(await exists(none)).toBe(false);

    const broken = new ExcelJS.Workbook();
    const ws = broken.addWorksheet("Indstillinger");
    PROOF_2014.indstillinger.forEach((r, i) => r.forEach((v, c) => (ws.getCell(i + 1, c + 1).value = v === "pladser" ? "kroner" : typeof v === "object" ? null : v)));
    const file = path.join(proof.dir, "fejl-2014.xlsx");
    await broken.xlsx.writeFile(file);
    const run = await runCli("skabelon", "--aar", "2014", "--regelsaet", file, "-o", none);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(CLI.rulebookErrors(file));
    expect(run.stdout).toMatch(/Indstillinger!B7\s+\[RULEBOOK_MEASURE_UNKNOWN\]/);
    expect(await exists(none)).toBe(false);

    // A built-in year the file says nothing about is the built-in rulebook, as beregn counts it.
    const builtin = path.join(proof.dir, "ny-2025.xlsx");
    expect((await runCli("skabelon", "--aar", "2025", "--regelsaet", proof.f2014, "-o", builtin)).code).toBe(0);
    expect((await runCli("skabelon", "--aar", "2025", "-o", path.join(proof.dir, "ny-2025-b.xlsx"))).code).toBe(0);
    const a = await readXlsx(builtin);
    const b = await readXlsx(path.join(proof.dir, "ny-2025-b.xlsx"));
    expect(a.worksheets.map((w) => [w.name, columnA(w, 1, 12)])).toEqual(b.worksheets.map((w) => [w.name, columnA(w, 1, 12)]));
  });
});

describe("skabelon --forvaltning --regelsaet, and the files back through saml", () => {
  it("2014: one forvaltning's file by the workbook's rulebook (a year with no built-in weights)", async () => {
    const out = path.join(proof.dir, "SOF-2014.xlsx");
    expect((await runCli("skabelon", "--aar", "2014", "--forvaltning", "SOF", "-o", out)).stderr).toContain(FORVALTNING_TEMPLATE.weightsUnknown(2014));
    const run = await runCli("skabelon", "--aar", "2014", "--forvaltning", "SOF", "--regelsaet", proof.f2014, "-o", out);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(FORVALTNING_TEMPLATE.written(out, "SOF"));
    expect(run.stdout).toContain(CLI.templateFollows(proof.f2014, 2014));
    const wb = await readXlsx(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["SOF"]);
    expect(columnA(wb.getWorksheet("SOF") as ExcelJS.Worksheet, 5, 8)).toEqual(["Jobrotation (forløb)", "Fleksjob (personer)", "Seniorjob (personer)", "Løntilskud (pladser)"]);
  });

  it("2014: saml fills the blank template sheet with a filled file, and a file sent back blank is no delivery", async () => {
    const hoved = path.join(proof.dir, "saml-hoved-2014.xlsx");
    expect((await runCli("skabelon", "--aar", "2014", "--regelsaet", proof.f2014, "-o", hoved)).code).toBe(0);
    const files: string[] = [];
    for (const code of ["SOF", "BUF"]) {
      const f = path.join(proof.dir, `${code}-2014-ud.xlsx`);
      expect((await runCli("skabelon", "--aar", "2014", "--forvaltning", code, "--regelsaet", proof.f2014, "-o", f)).code).toBe(0);
      files.push(f);
    }
    // SOF fills in its file; BUF sends its file back blank.
    const sof = await readXlsx(files[0] as string);
    fill(sof.getWorksheet("SOF") as ExcelJS.Worksheet, PROOF_2014, "SOF");
    await sof.xlsx.writeFile(files[0] as string);
    const out = path.join(proof.dir, "saml-2014-samlet.xlsx");
    const run = await runCli("saml", hoved, ...files, "-o", out);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(COLLECT.problem.blankTemplate(files[1] as string, ["BUF"]));
    const doc = JSON.parse((await runCli("saml", hoved, ...files, "-o", path.join(proof.dir, "saml-2014-json.xlsx"), "--json")).stdout) as { overview: { code: string; state: string; action: string | null; keyFigures: { id: string; status: number | null }[] | null }[] };
    const row = doc.overview.find((r) => r.code === "SOF");
    // Filled in place: HR's blank 2014 sheet is blank by its own rulebook, so no choice is asked.
    expect(row).toMatchObject({ state: "delivered", action: "fill-template" });
    expect(row?.keyFigures?.map((g) => [g.id, g.status])).toEqual([
      ["jobrotation", 95],
      ["fleksjob", 130],
      ["seniorjob", 80],
      ["loentilskud", 230],
    ]);
    expect(doc.overview.find((r) => r.code === "BUF")?.state).toBe("missing");
    const filled = (await readXlsx(out)).getWorksheet("SOF") as ExcelJS.Worksheet;
    expect([5, 6, 7, 8].map((r) => filled.getCell(r, 2).value)).toEqual([95, 130, 80, 230]);
  });

  it("2014: a forvaltning's own sheet without the »Antal forløb« column is collected (no scheme reports forløb)", async () => {
    const hoved = path.join(proof.dir, "saml-hoved-2014b.xlsx");
    expect((await runCli("skabelon", "--aar", "2014", "--regelsaet", proof.f2014, "-o", hoved)).code).toBe(0);
    const one = new ExcelJS.Workbook();
    const ws = one.addWorksheet("ØKF");
    const u = PROOF_2014.units.find((x) => x.code === "ØKF");
    [["Forvaltning", "ØKF"], ["År", 2014], [], ["Ordning", "Status"], ...PROOF_2014.schemes.map((s) => [s, u?.status[s] ?? null])].forEach((r, i) => r.forEach((v, c) => (ws.getCell(i + 1, c + 1).value = v)));
    const file = path.join(proof.dir, "ØKF-egen.xlsx");
    await one.xlsx.writeFile(file);
    const run = await runCli("saml", hoved, file, "-o", path.join(proof.dir, "saml-2014b-ud.xlsx"), "--json");
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { overview: { code: string; state: string; action: string | null; errors: number }[]; problems: { kind: string }[] };
    expect(doc.problems.map((p) => p.kind)).not.toContain("no-department-sheet");
    expect(doc.overview.find((r) => r.code === "ØKF")).toMatchObject({ state: "delivered", action: "fill-template", errors: 0 });
  });
});
