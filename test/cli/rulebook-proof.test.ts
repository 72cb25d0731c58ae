/**
 * Issue 22, done when: a workbook for a year with other schemes runs through `beregn`, `notat` and
 * `saml` from its Indstillinger alone. The 2014 shape (four schemes, each its own target, in forløb,
 * persons and places, no weights) and 2026 with a sixth scheme in the combined target, built by
 * script (test/support/rulebook-workbooks.ts).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readXlsx, runCli } from "../support/cli";
import type { Cell } from "../../src/core/grid";
import { calculate } from "../../src/core";
import { issueMessage } from "../../src/messages/da";
import { sheet } from "../support/grid";
import { PROOF_2014, PROOF_2026, proofSheets, proofFiles, writeProofXlsx, type ProofWorkbook } from "../support/rulebook-workbooks";

const proof = proofFiles();

/** Every text cell of a sheet, in reading order. */
function texts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === "string" && out.push(c.value))));
  return out;
}

async function documentText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  return xml.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "");
}

/** The 2014 sentences per target, from KK's own totals: 405/400, 549/653, 314/400, 966/2.150. */
const SENTENCES_2014 = [
  "Status for jobrotation er 405 forløb, svarende til en målopfyldelse på 101 pct. for 2014.",
  "Status for fleksjob er 549 personer, svarende til en målopfyldelse på 84 pct. for 2014.",
  "Status for seniorjob er 314 personer, svarende til en målopfyldelse på 79 pct. for 2014.",
  "Status for løntilskud er 966 pladser, svarende til en målopfyldelse på 45 pct. for 2014.",
];

describe("the 2014 shape, from its Indstillinger alone", () => {
  it("beregn: Tabel 1 has a row per scheme in its unit against its own target, and no weighted total", async () => {
    const out = path.join(proof.dir, "2014-status.xlsx");
    const run = await runCli("beregn", proof.f2014, "-o", out);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Tabel 1: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for 2014");
    expect(run.stdout).toMatch(/Jobrotation \(forløb\)\s+405\s+400\s+101 pct\./);
    expect(run.stdout).toMatch(/Fleksjob \(personer\)\s+549\s+653\s+84 pct\./);
    expect(run.stdout).toMatch(/Seniorjob \(personer\)\s+314\s+400\s+79 pct\./);
    expect(run.stdout).toMatch(/Løntilskud \(pladser\)\s+966\s+2\.150\s+45 pct\./);
    expect(run.stdout).not.toMatch(/vægtet|\*\*\*|helårsperson/i);
    const json = JSON.parse((await runCli("beregn", proof.f2014, "-o", path.join(proof.dir, "2014-json.xlsx"), "--json")).stdout) as { weights: unknown; rulebook: { source: unknown } };
    expect(json.weights).toBeNull();
    expect(json.rulebook.source).toEqual({ sheet: "Indstillinger", range: "A1:D13" });
    const status = texts((await readXlsx(out)).getWorksheet("Status 2014") as ExcelJS.Worksheet);
    for (const s of SENTENCES_2014) expect(status.join("\n")).toContain(s);
    expect(status.join("\n")).not.toMatch(/vægtet|\*\*\*|helårsperson|Antal forløb/i);
  });

  it("notat: the same sentences and tables, no footnote ***", async () => {
    const out = path.join(proof.dir, "2014-notat.docx");
    const run = await runCli("notat", proof.f2014, "-o", out);
    expect(run.code).toBe(0);
    const text = await documentText(out);
    for (const s of SENTENCES_2014) expect(text).toContain(s);
    expect(text).toContain("Jobrotation (forløb)");
    // The front matter and the method follow the rulebook: its schemes, its targets, each in its unit.
    expect(text).toContain("Der er ét måltal for hver af ordningerne jobrotation, fleksjob, seniorjob og løntilskud per forvaltning.");
    expect(text).toContain("Den procentvise målopfyldelse for løntilskud angiver målopfyldelsen for hele 2014. Måltal og status opgøres i pladser.");
    expect(text).not.toMatch(/virksomhedspraktik|småjob|fritidsjob/i);
    expect(text).not.toMatch(/vægtet|\*\*\*|helårsperson/i);
  });
});

describe("2026 with a sixth scheme in the combined target", () => {
  it("beregn: jobrotation counts toward the combined target, and the weighted total follows the sheet's weights", async () => {
    const out = path.join(proof.dir, "2026-status.xlsx");
    const run = await runCli("beregn", proof.f2026, "-o", out, "--json");
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { rulebook?: { source?: unknown; schemes?: { id: string }[] }; kk?: { status: Record<string, number> }; weights?: unknown; settings?: { weights?: unknown } };
    // The weights, and where they were read: the target table of the rulebook on Indstillinger.
    expect(doc.weights).toEqual({ samlet: 0.51, fleksjob: 0.43, fritidsjob: 0.06 });
    expect(doc.settings?.weights).toEqual({ samlet: { sheet: "Indstillinger", cell: "C12" }, fleksjob: { sheet: "Indstillinger", cell: "C13" }, fritidsjob: { sheet: "Indstillinger", cell: "C14" } });
    // 26,1 + 119,8 + 15,1 + 12,4 and 10,5 + 90,2 + 30 + 7,6: the combined status with jobrotation.
    expect(doc.kk?.status.samlet).toBeCloseTo(311.7, 9);
    expect(doc.kk?.status.jobrotation).toBeCloseTo(20, 9);
    expect(doc.rulebook?.schemes?.map((s) => s.id)).toEqual(["loentilskud", "virksomhedspraktik", "smaajob", "jobrotation", "fleksjob", "fritidsjob"]);
    expect(doc.rulebook?.source).toEqual({ sheet: "Indstillinger", range: "A1:E14" });
    const status = texts((await readXlsx(out)).getWorksheet("Status 2026") as ExcelJS.Worksheet).join("\n");
    expect(status).toContain("Jobrotation (helårspersoner)");
    expect(status).toContain(
      "Den samlede målopfyldelse for ordningerne løntilskud, virksomhedspraktik, småjob under det sociale frikort og jobrotation er 312 helårspersoner, svarende til 49 pct., i 2026.",
    );
    expect(status).toContain("*** For årsstatus 2026: Måltallet »Samlet« vægter 51 pct., måltallet »Fleksjob« vægter 43 pct. og måltallet »Fritidsjob« vægter 6 pct. ift. den samlede målopfyldelse.");
  });
});

describe("the previous year keeps its own rulebook", () => {
  it("2026 beside a built-in 2025 on Forrige år: Tabel 2 shows 2025's five schemes, and only like targets are compared", async () => {
    const wb = await readXlsx(proof.f2026);
    const prev = wb.addWorksheet("Forrige år");
    const rows: (string | number | null)[][] = [
      ["Forvaltning", "KK"],
      ["År", 2025],
      [],
      ["Ordning", "Status", "Antal forløb", "Måltal"],
      ["Løntilskud", 92.6, 246, 1084],
      ["Virksomhedspraktik", 503, 2000, null],
      ["Småjob", 201.6, 300, null],
      ["Fleksjob", 1048, null, 900],
      ["Fritidsjob", 99.6, null, 126],
    ];
    rows.forEach((r, i) => r.forEach((v, c) => (prev.getCell(i + 1, c + 1).value = v)));
    const file = path.join(proof.dir, "kk-2026-prev.xlsx");
    await wb.xlsx.writeFile(file);
    const out = path.join(proof.dir, "2026-prev-status.xlsx");
    const run = await runCli("beregn", file, "-o", out);
    expect(run.code).toBe(0);
    const tabel2 = run.stdout.slice(run.stdout.indexOf("Tabel 2:"), run.stdout.indexOf("Tabel 3:"));
    expect(tabel2).toContain("Tabel 2: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for 2025, samt antal forløb");
    expect(tabel2).toMatch(/Løntilskud \(helårspersoner\)\s+93\s+797\s+1\.084\s+74 pct\./);
    expect(tabel2).not.toContain("Jobrotation");
    const status = texts((await readXlsx(out)).getWorksheet("Status 2026") as ExcelJS.Worksheet).join("\n");
    // The combined target counted another set of schemes in 2025: its sentence stands alone.
    expect(status).toContain("Den samlede målopfyldelse for ordningerne løntilskud, virksomhedspraktik, småjob under det sociale frikort og jobrotation er 312 helårspersoner, svarende til 49 pct., i 2026.");
    // Fleksjob counted the same way both years: compared.
    expect(status).toContain("Antallet af ansatte i fleksjob er faldet fra 1.048 i 2025 til 424 i 2026, svarende til en målopfyldelse på 80 pct. for 2026.");
  });
});

describe("saml collects the forvaltninger's files of a year with its own rulebook", () => {
  async function hrAndFiles(p: ProofWorkbook, tag: string): Promise<{ hoved: string; files: string[] }> {
    const full = path.join(proof.dir, `${tag}-full.xlsx`);
    await writeProofXlsx(p, full);
    const hr = await readXlsx(full);
    const files: string[] = [];
    for (const u of p.units) {
      const one = new ExcelJS.Workbook();
      const src = hr.getWorksheet(u.code) as ExcelJS.Worksheet;
      const ws = one.addWorksheet(u.code);
      src.eachRow((row, r) => row.eachCell((c, col) => void (ws.getCell(r, col).value = c.value)));
      const file = path.join(proof.dir, `${tag}-${u.code}.xlsx`);
      await one.xlsx.writeFile(file);
      files.push(file);
      hr.removeWorksheet(src.id);
    }
    const hoved = path.join(proof.dir, `${tag}-hoved.xlsx`);
    await hr.xlsx.writeFile(hoved);
    return { hoved, files };
  }

  it("2014: the collected workbook calculates to KK's totals", async () => {
    const { hoved, files } = await hrAndFiles(PROOF_2014, "saml-2014");
    const out = path.join(proof.dir, "saml-2014-ud.xlsx");
    const run = await runCli("saml", hoved, ...files, "-o", out);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const calc = await runCli("beregn", out, "-o", path.join(proof.dir, "saml-2014-status.xlsx"));
    expect(calc.code).toBe(0);
    expect(calc.stdout).toMatch(/Løntilskud \(pladser\)\s+966\s+2\.150\s+45 pct\./);
  });

  it("2014: the key figures per target in their units, as saml shows them", async () => {
    const { hoved, files } = await hrAndFiles(PROOF_2014, "saml-2014-json");
    const run = await runCli("saml", hoved, ...files, "-o", path.join(proof.dir, "saml-2014-json-ud.xlsx"), "--json");
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { overview: { code: string; state: string; action: string; keyFigures: { id: string; status: number }[] }[]; problems: unknown[] };
    expect(doc.problems).toEqual([]);
    expect(doc.overview.map((r) => [r.code, r.state, r.action])).toEqual(PROOF_2014.units.map((u) => [u.code, "delivered", "insert"]));
    expect(doc.overview[0]?.keyFigures.map((g) => [g.id, g.status])).toEqual([
      ["jobrotation", 160],
      ["fleksjob", 210],
      ["seniorjob", 120],
      ["loentilskud", 360],
    ]);
  });

  it("2026: the collected workbook counts jobrotation in the combined target, as the full workbook does", async () => {
    const { hoved, files } = await hrAndFiles(PROOF_2026, "saml-2026");
    const out = path.join(proof.dir, "saml-2026-ud.xlsx");
    const run = await runCli("saml", hoved, ...files, "-o", out, "--json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { overview: { code: string; state: string; samletStatus: number | null }[] };
    expect(doc.overview.map((r) => [r.code, r.state])).toEqual(PROOF_2026.units.map((u) => [u.code, "delivered"]));
    expect(doc.overview[0]?.samletStatus).toBeCloseTo(26.1 + 119.8 + 15.1 + 12.4, 9);
    const calc = JSON.parse((await runCli("beregn", out, "-o", path.join(proof.dir, "saml-2026-status.xlsx"), "--json")).stdout) as { kk: { status: Record<string, number> } };
    expect(calc.kk.status.samlet).toBeCloseTo(311.7, 9);
    expect(calc.kk.status.jobrotation).toBeCloseTo(20, 9);
  });
});

describe("the messages of a 2014 workbook name 2014's schemes and targets (issue 22)", () => {
  /** 2014 with a seniorjob row left out and an unknown row at BUF, fleksjob typed 100 times over at SOF, and a KK row on Måltal off by one. */
  const broken = (): { name: string; rows: unknown[][] }[] =>
    proofSheets(PROOF_2014).map((sh) => {
      let rows: unknown[][] = sh.rows.map((r) => [...r]);
      if (sh.name === "BUF") rows = [...rows.filter((r) => r[0] !== "Seniorjob"), ["Voksenlærlinge", 3]];
      if (sh.name === "SOF") rows = rows.map((r) => (r[0] === "Fleksjob" ? ["Fleksjob", 13000] : r));
      if (sh.name === "Måltal") rows = [...rows, ["KK", 401, 653, 400, 2150]];
      return { name: sh.name, rows };
    });

  it("valider: each message names the scheme or target as 2014's rulebook does, and no built-in one", async () => {
    const file = path.join(proof.dir, "kk-2014-broken.xlsx");
    const wb = new ExcelJS.Workbook();
    for (const sh of broken()) {
      const ws = wb.addWorksheet(sh.name);
      sh.rows.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
    }
    await wb.xlsx.writeFile(file);
    const run = await runCli("valider", file, "--json");
    expect(run.stderr).toBe("");
    const doc = JSON.parse(run.stdout) as { issues: { code: string; sheet: string; cell: string | null; message: string }[] };
    const message = (code: string, cell: string) => doc.issues.find((i) => i.code === code && `${i.sheet}!${i.cell}` === cell)?.message;
    expect(message("ROW_UNKNOWN", "BUF!A8")).toBe("Rækken »Voksenlærlinge« er ikke en kendt ordning, så den er ikke talt med. Brug et af navnene Jobrotation, Fleksjob, Seniorjob eller Løntilskud.");
    expect(message("ROW_MISSING", "BUF!A4")).toBe("Rækken for seniorjob mangler under overskriften. Tilføj en række med ordningens navn og tallene.");
    expect(message("KK_TARGET_DIFFERS", "Måltal!B6")).toBe("Måltallet for hele kommunen (KK-rækken) for jobrotation er 401, men forvaltningernes måltal giver tilsammen 400. KK-rækkens måltal bruges for kommunen.");
    expect(message("VALUE_OUT_OF_SCALE", "SOF!B6")).toMatch(/^Status for fleksjob er 13\.000, 86,7 gange forvaltningens eget måltal \(150 i Måltal!C3\)\./);
    // No message names a scheme 2014 does not count.
    const all = doc.issues.map((i) => i.message).join("\n");
    expect(all).not.toMatch(/virksomhedspraktik|småjob|fritidsjob|helårsperson|samlet måltal/i);
  });

  it("a Regelsæt with one mistake (»timer«): valider says that mistake and that the sheets wait for it, beregn stops and --json says rulebookFailed (review 22i, item 1)", async () => {
    const file = path.join(proof.dir, "kk-2014-timer.xlsx");
    await writeProofXlsx({ ...PROOF_2014, indstillinger: PROOF_2014.indstillinger.map((r) => r.map((v) => (v === "forløb" ? "timer" : v))) }, file);
    const run = await runCli("valider", file);
    expect(run.code).not.toBe(0);
    const lines = `${run.stdout}${run.stderr}`.split("\n").filter((l) => /\[[A-Z_]+\]/.test(l));
    expect(lines.map((l) => (/(\S+!\S+)\s+\[([A-Z_]+)\]/.exec(l) ?? []).slice(1).join(" "))).toEqual(["Indstillinger!B4 RULEBOOK_MEASURE_UNKNOWN", "Indstillinger!A1 RULEBOOK_NOT_READ"]);
    const out = path.join(proof.dir, "kk-2014-timer-status.xlsx");
    const calc = await runCli("beregn", file, "-o", out, "--json");
    expect(calc.code).not.toBe(0);
    const doc = JSON.parse(calc.stdout) as { rulebook: unknown; rulebookFailed: unknown; forvaltninger: unknown[]; issues: { code: string }[] };
    expect(doc.rulebook).toBeNull();
    expect(doc.rulebookFailed).toEqual({ sheet: "Indstillinger", cell: "A1" });
    expect(doc.forvaltninger).toEqual([]);
    expect(doc.issues.map((i) => i.code)).toEqual(["RULEBOOK_MEASURE_UNKNOWN", "RULEBOOK_NOT_READ"]);
    await expect(fs.access(out)).rejects.toThrow();
  });

  it("2026: a figure far over the combined target says how many schemes share it (four, not the built-in three)", () => {
    const sheets = proofSheets(PROOF_2026).map((sh) =>
      sheet(sh.name, sh.name === "BUF" ? sh.rows.map((r): Cell[] => (r[0] === "Jobrotation" ? ["Jobrotation", 5000, 5000] : [...r])) : sh.rows),
    );
    const issue = calculate({ sheets }).issues.find((i) => i.code === "VALUE_OUT_OF_SCALE" && i.sheet === "BUF");
    expect(issue && issueMessage(issue)).toMatch(/^Status for jobrotation er 5\.000, [\d,]+ gange forvaltningens eget måltal for de fire ordninger tilsammen \(457 i Måltal!B2\)\./);
  });
});

