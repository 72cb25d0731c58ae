/**
 * `jobstatus saml`: seven one-forvaltning files, made from the template and filled with the
 * example's figures, collected into the analyst's workbook; `beregn` then gives the notat's figures.
 * Nothing in the analyst's workbook or in the inputs is changed or lost.
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type ExcelJS from "exceljs";
import { calculate } from "../../src/core";
import type { UnitResult } from "../../src/core/compute";
import { roundHalfAway } from "../../src/core/numbers";
import { DEFAULT_UNIT_CODES } from "../../src/core/units";
import { buildExample, loadExampleData, type ExampleData } from "../../src/cli/example";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { fillTemplate, readXlsx, runCli, snapshotSheet, tempDir } from "../support/cli";
import { describeErrors, validateOoxml } from "../support/ooxml";
import { fillForvaltning } from "./support";

const sha = async (f: string) => createHash("sha256").update(await fs.readFile(f)).digest("hex");

let dir: string;
let data: ExampleData;
let hoved: string;
const files: string[] = [];

interface Row {
  code: string;
  state: string;
  file: string | null;
  lastSaved: string | null;
  action: string | null;
  valid: boolean | null;
  errors: number;
  warnings: number;
  samletStatus: number | null;
  fleksjob: number | null;
  mail: string | null;
}
interface SamlJson {
  written: string | null;
  overview: Row[];
  replaced: { code: string; sheet: string; keptAs: string }[];
  problems: { kind: string; message: string }[];
}

/** A department's file from the template, filled with the example's figures times `scale`. */
async function departmentFile(code: string, name: string, scale = 1): Promise<string> {
  const blank = path.join(dir, `blank-${name}`);
  expect((await runCli("skabelon", "--aar", "2025", "--forvaltning", code, "-o", blank)).code).toBe(0);
  const wb = await readXlsx(blank);
  fillForvaltning(wb, code, data, scale);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

beforeAll(async () => {
  dir = await tempDir();
  data = await loadExampleData();
  // The analyst's workbook: the whole-kommune template with Måltal filled in and the department sheets blank.
  const blank = path.join(dir, "blank-hoved.xlsx");
  expect((await runCli("skabelon", "--aar", "2025", "-o", blank)).code).toBe(0);
  const wb = await readXlsx(blank);
  fillTemplate(wb, { ...data, departments: {} });
  // The kommune's own targets, as the notat has them (KK's fleksjob target 900, not the sum 899).
  const kk = data.maaltal.KK;
  if (!kk) throw new Error("no KK targets");
  const maaltal = wb.getWorksheet("Måltal") as ExcelJS.Worksheet;
  maaltal.addRow(["KK", "Københavns Kommune", kk.samlet, kk.fleksjob, kk.fritidsjob ?? null]);
  hoved = path.join(dir, "HOVED.xlsx");
  await wb.xlsx.writeFile(hoved);
  for (const code of DEFAULT_UNIT_CODES) files.push(await departmentFile(code, `${code}-2025.xlsx`));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function units(r: ReturnType<typeof calculate>["result"]): UnitResult[] {
  return [...(r.kk ? [r.kk] : []), ...r.forvaltninger];
}

describe("jobstatus saml", () => {
  let samlet: string;

  it("collects seven files into a copy of the analyst's workbook, never changing an input, and shows 7 delivered", async () => {
    const before = await Promise.all([hoved, ...files].map(sha));
    samlet = path.join(dir, "SAMLET.xlsx");
    const run = await runCli("saml", hoved, ...files, "-o", samlet, "--json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as SamlJson;
    expect(json.written).toBe(samlet);
    expect(json.problems).toEqual([]);
    expect(json.overview.map((r) => [r.code, r.state, r.file, r.action, r.valid, r.errors, r.warnings])).toEqual(
      DEFAULT_UNIT_CODES.map((c, i) => [c, "delivered", files[i], "fill-template", true, 0, 0]),
    );
    for (const r of json.overview) {
      expect(Number.isNaN(Date.parse(r.lastSaved ?? ""))).toBe(false);
      const d = data.departments[r.code];
      expect(r.samletStatus).toBeCloseTo((d?.status.loentilskud ?? 0) + (d?.status.virksomhedspraktik ?? 0) + (d?.status.smaajob ?? 0), 9);
      expect(r.fleksjob).toBe(d?.status.fleksjob);
      expect(r.mail).toBeNull();
    }
    expect(await Promise.all([hoved, ...files].map(sha))).toEqual(before);
    // The template's sheets are filled in place, in the template's order.
    const wb = await readXlsx(samlet);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Måltal", "Indstillinger", ...DEFAULT_UNIT_CODES]);
    // HR's own sheet, filled in place with the department's values: its validation and format stay HR's, the values are the file's.
    const source = (await readXlsx(files[1] as string)).getWorksheet("BUF") as ExcelJS.Worksheet;
    const buf = wb.getWorksheet("BUF") as ExcelJS.Worksheet;
    const hovedBuf = (await readXlsx(hoved)).getWorksheet("BUF") as ExcelJS.Worksheet;
    const valuesOf = (ws: ExcelJS.Worksheet) => ws.getSheetValues().map((r) => (Array.isArray(r) ? r.map((v) => v ?? null) : r));
    const sheetOf = (w: ExcelJS.Workbook, n: string) => readWorkbookGrid(w).sheets.find((s) => s.name === n)?.values;
    const srcBook = await readXlsx(files[1] as string);
    expect(sheetOf(wb, "BUF")).toEqual(sheetOf(srcBook, "BUF"));
    expect(valuesOf(buf).length).toBe(valuesOf(source).length);
    expect(buf.getCell("B5").dataValidation).toEqual(hovedBuf.getCell("B5").dataValidation);
    expect(buf.getCell("B5").fill).toEqual(hovedBuf.getCell("B5").fill);
    const merges = (ws: ExcelJS.Worksheet) => Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges).sort();
    expect(merges(buf)).toEqual(merges(source));
    expect(merges(buf).length).toBeGreaterThan(0);
    // No protection and no formula of the department's travels.
    expect((buf as unknown as { sheetProtection: { sheet?: boolean } | null }).sheetProtection?.sheet).toBeFalsy();
  });

  it("gives the notat's figures once computed with beregn (the same as the bundled example, figure for figure)", async () => {
    const run = await runCli("beregn", samlet, "-o", path.join(dir, "SAMLET-status.xlsx"));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Løntilskud \(helårspersoner\)\s+93\s+797\s+1\.084\s+74 pct\.\s+246/);
    expect(run.stdout).toMatch(/Samlet målopfyldelse \(vægtet gennemsnit\*\*\*\)\s+92 pct\./);
    const collected = calculate(readWorkbookGrid(await readXlsx(samlet)));
    const example = calculate(readWorkbookGrid(await buildExample(data)));
    expect(collected.issues.filter((i) => i.severity === "error")).toEqual([]);
    const ours = units(collected.result);
    const theirs = units(example.result);
    expect(ours.map((u) => u.code)).toEqual(["KK", ...DEFAULT_UNIT_CODES]);
    expect(ours.map((u) => u.code)).toEqual(theirs.map((u) => u.code));
    ours.forEach((u, i) => {
      const e = theirs[i] as UnitResult;
      for (const [k, v] of Object.entries(u.status)) expect(v).toBeCloseTo((e.status as unknown as Record<string, number>)[k] as number, 9);
      for (const [k, v] of Object.entries(u.maalopfyldelse ?? {})) expect(v).toBeCloseTo((e.maalopfyldelse as unknown as Record<string, number>)[k] as number, 9);
      expect(u.forloeb).toEqual(e.forloeb);
    });
    expect(roundHalfAway(collected.result.kk?.status.samlet ?? 0)).toBe(797);
  });

  it("writes a file the Open XML SDK validator accepts, as is the department's template", async () => {
    for (const f of [samlet, files[0] as string]) {
      const result = await validateOoxml(f);
      expect(describeErrors(result)).toEqual([]);
      expect(result.ok).toBe(true);
    }
  });

  describe("a forvaltning that already has a sheet", () => {
    let newBuf: string;
    beforeAll(async () => {
      newBuf = await departmentFile("BUF", "BUF-rettet.xlsx", 2);
    });

    it("is a conflict showing both versions' key figures; nothing is written until the analyst chooses", async () => {
      const out = path.join(dir, "conflict.xlsx");
      const run = await runCli("saml", samlet, newBuf, "-o", out);
      expect(run.code).toBe(1);
      const s = data.departments.BUF?.status;
      const old = (s?.loentilskud ?? 0) + (s?.virksomhedspraktik ?? 0) + (s?.smaajob ?? 0);
      const fmt = (v: number) => v.toFixed(1).replace(".", ",");
      expect(run.stdout).toContain(`Forvaltningen BUF har allerede arket »BUF« (samlet status ${fmt(old)}, fleksjob ${s?.fleksjob}). Filen »${newBuf}« har samlet status ${fmt(old * 2)}, fleksjob ${(s?.fleksjob ?? 0) * 2}.`);
      expect(run.stdout).toContain("Vælg --erstat");
      await expect(fs.stat(out)).rejects.toThrow();
    });

    it("--erstat replaces it and keeps the old sheet hidden under a new name; no cell of the analyst's workbook is lost", async () => {
      const out = path.join(dir, "erstattet.xlsx");
      const run = await runCli("saml", samlet, newBuf, "-o", out, "--erstat", "--json");
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as SamlJson).replaced).toEqual([{ code: "BUF", sheet: "BUF", keptAs: "BUF (erstattet)" }]);
      const before = await readXlsx(samlet);
      const after = await readXlsx(out);
      // Every sheet of the analyst's workbook is still there, cell for cell; the old BUF under its new name.
      before.eachSheet((ws) => {
        const kept = after.getWorksheet(ws.name === "BUF" ? "BUF (erstattet)" : ws.name) as ExcelJS.Worksheet;
        expect(kept).toBeDefined();
        const snap = JSON.parse(snapshotSheet(kept)) as { name: string; state: string };
        const orig = JSON.parse(snapshotSheet(ws)) as { name: string; state: string };
        if (ws.name === "BUF") {
          expect(snap.state).toBe("hidden");
          expect({ ...snap, name: "BUF", state: orig.state }).toEqual(orig);
        } else expect(snap).toEqual(orig);
      });
      const buf = after.getWorksheet("BUF") as ExcelJS.Worksheet;
      expect(buf.state).toBe("visible");
      expect(buf.getCell("B5").value).toBe((data.departments.BUF?.status.loentilskud ?? 0) * 2);
      // Restorable: the kept copy, renamed back, is the analyst's old sheet again and computes as before.
      const restored = readWorkbookGrid(after);
      const sheets = restored.sheets.filter((s) => s.name !== "BUF").map((s) => (s.name === "BUF (erstattet)" ? { ...s, name: "BUF", visibility: "visible" as const } : s));
      const original = calculate(readWorkbookGrid(before));
      const back = calculate({ sheets });
      expect(back.result.kk?.status.samlet).toBeCloseTo(original.result.kk?.status.samlet ?? NaN, 9);
      // The hidden copy is neither counted nor reported as an unknown forvaltning.
      const status = await runCli("beregn", out, "-o", path.join(dir, "erstattet-status.xlsx"), "--json");
      expect(status.code).toBe(0);
      // The notat's own warning (KK's fleksjob target 900 vs the sum 899), as for the bundled example:
      // nothing about the hidden copy. (The doubled BUF figures stay within twice BUF's own targets,
      // so they are plausible: doubling is not a lost comma.)
      const codes = calculate(readWorkbookGrid(after)).issues.map((i) => `${i.code}@${i.sheet}`);
      expect(codes.sort()).toEqual(["KK_TARGET_DIFFERS@Måltal"]);
      // The same file again is »uændret«: no choice needed, no copy kept, nothing written.
      const same = path.join(dir, "uaendret.xlsx");
      const run1 = await runCli("saml", out, newBuf, "-o", same, "--json");
      expect(run1.code).toBe(0);
      const json1 = JSON.parse(run1.stdout) as SamlJson;
      expect(json1.overview.find((r) => r.code === "BUF")).toMatchObject({ state: "unchanged", action: "unchanged" });
      expect(json1.replaced).toEqual([]);
      expect(json1.written).toBeNull();
      await expect(fs.stat(same)).rejects.toThrow();
      // A second, different replace keeps both old versions.
      const again = path.join(dir, "erstattet-2.xlsx");
      const third = await departmentFile("BUF", "BUF-tredje.xlsx", 1.2);
      const run2 = await runCli("saml", out, third, "-o", again, "--erstat", "--json");
      expect((JSON.parse(run2.stdout) as SamlJson).replaced).toEqual([{ code: "BUF", sheet: "BUF", keptAs: "BUF (erstattet 2)" }]);
    });

    it("jobstatus gendan brings the kept sheet back, keeping the replacing one in turn", async () => {
      const replaced = path.join(dir, "erstattet.xlsx");
      const out = path.join(dir, "gendannet.xlsx");
      const before = await sha(replaced);
      const run = await runCli("gendan", replaced, "buf", "-o", out);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("Arket »BUF (erstattet)« er gendannet som »BUF«; det ark, der stod der, er gemt skjult som »BUF (erstattet 2)«");
      expect(await sha(replaced)).toBe(before);
      const original = (await readXlsx(samlet)).getWorksheet("BUF") as ExcelJS.Worksheet;
      const wb = await readXlsx(out);
      expect(snapshotSheet(wb.getWorksheet("BUF") as ExcelJS.Worksheet)).toBe(snapshotSheet(original));
      expect(wb.getWorksheet("BUF (erstattet 2)")?.state).toBe("hidden");
      expect(wb.getWorksheet("BUF (erstattet)")).toBeUndefined();
      // The restored sheet is back at its place among the tabs; the kept copy stays where kept copies go, last.
      expect(wb.worksheets.map((w) => w.name)).toEqual(["Måltal", "Indstillinger", "BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF", "BUF (erstattet 2)"]);
      const nothing = await runCli("gendan", samlet, "KFF", "-o", path.join(dir, "intet.xlsx"));
      expect(nothing.code).toBe(1);
      expect(nothing.stdout).toContain("Projektmappen har intet gemt ark for KFF");
    });

    it("--spring-over leaves it as it is", async () => {
      const out = path.join(dir, "sprunget.xlsx");
      const other = await departmentFile("SOF", "SOF-igen.xlsx", 3);
      const run = await runCli("saml", samlet, newBuf, other, "-o", out, "--spring-over", "--json");
      const json = JSON.parse(run.stdout) as SamlJson;
      expect(json.overview.filter((r) => r.action !== null).map((r) => [r.code, r.action])).toEqual([["BUF", "skip"], ["SOF", "skip"]]);
      expect(json.written).toBeNull();
      expect(run.code).toBe(1);
      await expect(fs.stat(out)).rejects.toThrow();
    });
  });

  it("reports, never guesses: an unknown forvaltning, two files for one forvaltning, a file with no department sheet, errors to mail back", async () => {
    // A sheet in the department layout named for no forvaltning.
    const odd = await readXlsx(await departmentFile("TMF", "odd-src.xlsx"));
    (odd.getWorksheet("TMF") as ExcelJS.Worksheet).name = "XYZ";
    const oddFile = path.join(dir, "odd.xlsx");
    await odd.xlsx.writeFile(oddFile);
    // A second, different file for KFF (a copy of the same file would count once).
    const twice = await departmentFile("KFF", "KFF-kopi.xlsx", 2);
    const nothing = path.join(dir, "tom.xlsx");
    const empty = await readXlsx(oddFile);
    (empty.getWorksheet("XYZ") as ExcelJS.Worksheet).name = "Noter";
    (empty.getWorksheet("Noter") as ExcelJS.Worksheet).getCell("A4").value = "Noter";
    await empty.xlsx.writeFile(nothing);
    // BUF with an error: a negative status.
    const bad = await readXlsx(files[1] as string);
    (bad.getWorksheet("BUF") as ExcelJS.Worksheet).getCell("B6").value = -4;
    const badFile = path.join(dir, "BUF-fejl.xlsx");
    await bad.xlsx.writeFile(badFile);

    const out = path.join(dir, "problemer.xlsx");
    const run = await runCli("saml", hoved, oddFile, files[2] as string, twice, nothing, badFile, "-o", out, "--json");
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as SamlJson;
    expect(json.problems.map((p) => p.kind)).toEqual(["unknown-unit", "no-department-sheet", "duplicate-code"]);
    expect(json.problems[0]?.message).toContain("»XYZ«");
    expect(json.problems[2]?.message).toContain("Der er flere ark for KFF");
    const byCode = new Map(json.overview.map((r) => [r.code, r]));
    expect(byCode.get("KFF")?.state).toBe("duplicate");
    // BIF's sheet in the analyst's workbook is still the blank template: no delivery.
    expect(byCode.get("BIF")?.state).toBe("missing");
    expect(byCode.get("BUF")).toMatchObject({ state: "delivered", valid: false, errors: 1 });
    expect(byCode.get("BUF")?.mail).toContain("Til Børne- og Ungdomsforvaltningen");
    expect(byCode.get("BUF")?.mail).toContain("Fejl i BUF!B6");
    // Only BUF was inserted (into its blank template sheet); KFF's template sheet is untouched.
    const wb = await readXlsx(out);
    expect((wb.getWorksheet("BUF") as ExcelJS.Worksheet).getCell("B6").value).toBe(-4);
    expect((wb.getWorksheet("KFF") as ExcelJS.Worksheet).getCell("B5").value).toBeNull();
    expect(wb.getWorksheet("XYZ")).toBeUndefined();
  });

  it("prints the overview as a table: who delivered, from which file, when saved, valid, key figures; and who is missing", async () => {
    const out = path.join(dir, "to.xlsx");
    const run = await runCli("saml", hoved, files[0] as string, files[6] as string, "-o", out);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^Forvaltning\s+Afleveret\s+Fil\s+Senest gemt \(ifølge filen\)\s+Validering\s+Nøgletal\s+Handling$/);
    const bif = data.departments.BIF?.status;
    const samletBif = ((bif?.loentilskud ?? 0) + (bif?.virksomhedspraktik ?? 0) + (bif?.smaajob ?? 0)).toFixed(1).replace(".", ",");
    expect(lines[1]).toMatch(new RegExp(`^BIF\\s+Afleveret\\s+${(files[0] as string).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s+\\d{2}\\.\\d{2}\\.\\d{4} kl\\. \\d{2}\\.\\d{2}\\s+Gyldig\\s+samlet status ${samletBif}, fleksjob ${bif?.fleksjob}\\s+Udfylder den tomme skabelon$`));
    // BUF's sheet in the analyst's workbook is still the blank template: BUF is missing.
    expect(lines[2]).toMatch(/^BUF\s+Mangler$/);
    expect(lines[7]).toMatch(/^ØKF\s+Afleveret/);
    expect(run.stdout).toContain(`Der er indsat 2 ark i ${out}.`);
  });

  it("refuses an existing output without --overskriv, and an output that is one of the inputs", async () => {
    const run = await runCli("saml", hoved, files[0] as string, "-o", samlet);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("findes allerede");
    const same = await runCli("saml", hoved, files[0] as string, "-o", files[0] as string, "--overskriv");
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("også en inddatafil");
    const ok = await runCli("saml", hoved, files[0] as string, "-o", samlet, "--overskriv");
    expect(ok.code).toBe(0);
  });
});
