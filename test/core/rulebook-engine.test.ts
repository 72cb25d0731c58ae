/**
 * The engine on the rulebook (issue 22): the rulebook travels with the figures, the previous year is
 * read by its own year's rulebook, --json (version 2) and Kilder say which rulebook was used and
 * where it came from, a rulebook without weights has no weighted total anywhere, and every named
 * stage runs in order through the timer the bench uses.
 */
import { calculate, STAGE_NAMES, toJson, type StageName } from "../../src/core";
import { StatusJsonSchema } from "../../src/core/json";
import { statusOf, unitResult, sumUnits, type StatusResult, type UnitResult } from "../../src/core/compute";
import { buildReport } from "../../src/core/report";
import { buildSources } from "../../src/core/kilder";
import { notatTable } from "../../src/core/notat";
import { formatUnitTable } from "../../src/cli/format";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import type { Rulebook } from "../../src/core/rulebook";
import { sheet, smallWorkbook, workbook } from "../support/grid";

const texts = (values: readonly (readonly unknown[])[]): string[] => values.flatMap((r) => r.filter((v): v is string => typeof v === "string"));

describe("the rulebook in the result", () => {
  it("2025 with Tabel 2: each year by its own rulebook — 2025's five schemes beside 2024's four", async () => {
    const out = calculate(readWorkbookGrid(await buildExample(await loadExampleData())));
    const { rulebook, previous } = out.result;
    expect(rulebook?.year).toBe(2025);
    expect(rulebook?.schemes.map((s) => s.id)).toEqual(["loentilskud", "virksomhedspraktik", "smaajob", "fleksjob", "fritidsjob"]);
    expect(previous?.rulebook.year).toBe(2024);
    expect(previous?.rulebook.schemes.map((s) => s.id)).toEqual(["loentilskud", "virksomhedspraktik", "smaajob", "fleksjob"]);
    // Tabel 2 (2024) has no fritidsjob row; Tabel 1 (2025) has one.
    const report = out.report;
    expect(report).not.toBeNull();
    const rows = (report?.values ?? []).map((r) => r[0]);
    const t1 = rows.findIndex((v) => typeof v === "string" && v.startsWith("Tabel 1"));
    const t2 = rows.findIndex((v) => typeof v === "string" && v.startsWith("Tabel 2"));
    const t3 = rows.findIndex((v) => typeof v === "string" && v.startsWith("Tabel 3"));
    expect(rows.slice(t1, t2)).toContain("Fritidsjob (helårspersoner)");
    expect(rows.slice(t2, t3)).not.toContain("Fritidsjob (helårspersoner)");
  });

  it("--json is version 2 and names the rulebook used and its source, for the year and for Tabel 2", async () => {
    const out = calculate(readWorkbookGrid(await buildExample(await loadExampleData())));
    const doc = StatusJsonSchema.parse(JSON.parse(JSON.stringify(toJson(out.result))));
    expect(doc.version).toBe(2);
    // The example workbook types the adopted weights on Indstillinger (row 3 is 2025's).
    expect(doc.rulebook).toEqual({
      year: 2025,
      source: { sheet: "Indstillinger", range: "B3:D3" },
      schemes: [
        { id: "loentilskud", name: "Løntilskud", group: "samlet", measure: "helaarspersoner", reportsForloeb: true },
        { id: "virksomhedspraktik", name: "Virksomhedspraktik", group: "samlet", measure: "helaarspersoner", reportsForloeb: true },
        { id: "smaajob", name: "Småjob under det sociale frikort", group: "samlet", measure: "helaarspersoner", reportsForloeb: true },
        { id: "fleksjob", name: "Fleksjob", group: "fleksjob", measure: "ansatte_ultimo", reportsForloeb: false },
        { id: "fritidsjob", name: "Fritidsjob", group: "fritidsjob", measure: "helaarspersoner", reportsForloeb: false },
      ],
      groups: [
        { id: "samlet", name: "virksomhedspraktik, løntilskud og småjob (samlet)" },
        { id: "fleksjob", name: "fleksjob" },
        { id: "fritidsjob", name: "fritidsjob" },
      ],
      weights: { samlet: 51, fleksjob: 43, fritidsjob: 6 },
    });
    expect(doc.previous?.rulebook.year).toBe(2024);
    expect(doc.previous?.rulebook.weights).toEqual({ samlet: 55, fleksjob: 45 });
    // 2024's fields are those version 1 had: fritidsjob, which 2024 does not count, is null.
    expect(doc.previous?.status.fritidsjob).toBeNull();
    expect(doc.previous?.maalopfyldelse?.fritidsjob).toBeNull();
  });

  it("--json on a run whose rulebook on Indstillinger has errors: no built-in rulebook in its place, rulebookFailed names its cell (review 22, item 9)", () => {
    const book = (fleksjob: number) =>
      sheet("Indstillinger", [
        [],
        ["Regelsæt", 2025],
        ["Ordning", "Opgøres i", "Antal forløb", "Måltal"],
        ["Løntilskud", "helårspersoner", "ja", "Samlet"],
        ["Virksomhedspraktik", "helårspersoner", "ja", "Samlet"],
        ["Småjob", "helårspersoner", "ja", "Samlet"],
        ["Fleksjob", "ansatte ultimo", "nej", "Fleksjob"],
        ["Fritidsjob", "helårspersoner", "nej", "Fritidsjob"],
        [],
        ["Måltal", "Kolonne på Måltal", "Vægt"],
        ["Samlet", "samlet", 51],
        ["Fleksjob", "fleksjob", fleksjob],
        ["Fritidsjob", "fritidsjob", 6],
      ]);
    const wb = smallWorkbook();
    const failed = calculate(workbook(...wb.sheets, book(42)));
    expect(failed.issues.filter((i) => i.severity === "error").map((i) => `${i.code}@${i.sheet}!${i.cell}`)).toEqual(["WEIGHTS_SUM@Indstillinger!C10"]);
    const doc = StatusJsonSchema.parse(toJson(failed.result));
    expect(doc.rulebook).toBeNull();
    expect(doc.weights).toBeNull();
    expect(doc.settings.weights).toEqual({});
    expect(doc.forvaltninger).toEqual([]);
    expect(doc.rulebookFailed).toEqual({ sheet: "Indstillinger", cell: "A2" });
    // The same rulebook without the error is the one shown, and nothing failed.
    const ok = StatusJsonSchema.parse(toJson(calculate(workbook(...wb.sheets, book(43))).result));
    expect(ok.rulebook?.source).toEqual({ sheet: "Indstillinger", range: expect.stringMatching(/^A2:/) });
    expect(ok.rulebookFailed).toBeNull();
  });

  it("weights typed on Indstillinger: the rulebook's source is the weight row's range, in --json and on Kilder", () => {
    const wb = smallWorkbook();
    const settings = sheet("Indstillinger", [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 50, 44, 6]]);
    const out = calculate(workbook(...wb.sheets, settings));
    expect(out.result.rulebook?.source).toEqual({ kind: "sheet", sheet: "Indstillinger", range: "B2:D2" });
    expect(out.result.rulebook?.weights).toEqual({ samlet: 50, fleksjob: 44, fritidsjob: 6 });
    expect(toJson(out.result).rulebook?.source).toEqual({ sheet: "Indstillinger", range: "B2:D2" });
    const kilder = out.sources?.values ?? [];
    const rulebookRows = kilder.filter((r) => r[0] === "Regelsæt");
    expect(rulebookRows.map((r) => [r[1], r[3]])).toEqual([
      ["Regelsæt 2025: måltallet for virksomhedspraktik, løntilskud og småjob (samlet) omfatter Løntilskud, Virksomhedspraktik og Småjob under det sociale frikort", "Indstillinger!B2:D2"],
      ["Regelsæt 2025: måltallet for fleksjob omfatter Fleksjob", "Indstillinger!B2:D2"],
      ["Regelsæt 2025: måltallet for fritidsjob omfatter Fritidsjob", "Indstillinger!B2:D2"],
    ]);
  });

  it("Kilder says when the rulebook is the built-in one", () => {
    const out = calculate(smallWorkbook());
    const rows = (out.sources?.values ?? []).filter((r) => r[0] === "Regelsæt");
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r[3]).toBe("indbygget i Jobstatus (vedtaget af Borgerrepræsentationen)");
  });

  it("runs every named stage once, in order, through the timer (what the bench times)", () => {
    const seen: StageName[] = [];
    calculate(smallWorkbook(), (stage, run) => {
      seen.push(stage);
      return run();
    });
    expect(seen).toEqual([...STAGE_NAMES]);
  });
});

/** The shape of KK's 2014 count: four schemes, each its own target, in persons, forløb and places, no weights. */
const RULES_2014: Rulebook = {
  year: 2014,
  schemes: [
    { id: "jobrotation", name: "Jobrotation", labels: ["jobrotation"], group: "jobrotation", measure: "forloeb", reportsForloeb: false, wholeStatus: true },
    { id: "fleksjob", name: "Fleksjob", labels: ["fleksjob"], group: "fleksjob", measure: "personer", reportsForloeb: false, wholeStatus: true },
    { id: "seniorjob", name: "Seniorjob", labels: ["seniorjob"], group: "seniorjob", measure: "personer", reportsForloeb: false, wholeStatus: true },
    { id: "loentilskud", name: "Løntilskud", labels: ["løntilskud"], group: "loentilskud", measure: "pladser", reportsForloeb: false, wholeStatus: false },
  ],
  groups: [
    { id: "jobrotation", name: "jobrotation", targetLabels: ["jobrotation"] },
    { id: "fleksjob", name: "fleksjob", targetLabels: ["fleksjob"] },
    { id: "seniorjob", name: "seniorjob", targetLabels: ["seniorjob"] },
    { id: "loentilskud", name: "løntilskud", targetLabels: ["løntilskud"] },
  ],
  weights: null,
  source: { kind: "sheet", sheet: "Indstillinger", range: "A20:F24" },
};

function result2014(): StatusResult {
  const figures: Record<string, number> = { jobrotation: 405, fleksjob: 549, seniorjob: 314, loentilskud: 966 };
  const targets: Record<string, number> = { jobrotation: 400, fleksjob: 653, seniorjob: 400, loentilskud: 2150 };
  const status = statusOf({ status: figures }, RULES_2014) ?? {};
  const unit: UnitResult = unitResult("AAA", "Forvaltning A", status, { i_alt: 0 }, targets, RULES_2014, true);
  const kkSums = sumUnits([unit], RULES_2014);
  const kk = unitResult("KK", "Københavns Kommune", kkSums.status, kkSums.forloeb, targets, RULES_2014, true);
  return { year: 2014, lastMonth: 12, rulebook: RULES_2014, weights: null, settingsSources: { weights: {}, previousWeights: {} }, forvaltninger: [unit], kk, previous: null, issues: [] };
}

describe("a rulebook without weights (the 2014 shape)", () => {
  it("computes each group against its own target, with no weighted total", () => {
    const r = result2014();
    expect(r.kk?.maalopfyldelse?.jobrotation).toBeCloseTo((405 / 400) * 100, 10);
    expect(r.kk?.maalopfyldelse?.loentilskud).toBeCloseTo((966 / 2150) * 100, 10);
    expect(r.kk?.maalopfyldelse && "vaegtet" in r.kk.maalopfyldelse).toBe(false);
    // Nothing of the built-in schemes leaks in.
    expect(Object.keys(r.kk?.status ?? {})).toEqual(["jobrotation", "fleksjob", "seniorjob", "loentilskud"]);
  });

  it("has no weighted row and no footnote *** on the status sheet, in the notat's table and in the CLI", () => {
    const r = result2014();
    const report = buildReport(r);
    const all = texts(report.values);
    expect(all.some((t) => t.includes("vægtet"))).toBe(false);
    expect(all.some((t) => t.startsWith("***"))).toBe(false);
    // A row per scheme, labelled per measure (rule-texts.ts: a rulebook with its own schemes).
    expect(all).toEqual(expect.arrayContaining(["Jobrotation (forløb)", "Fleksjob (personer)", "Seniorjob (personer)", "Løntilskud (pladser)"]));
    const table = notatTable(r.kk as UnitResult, 2014, RULES_2014);
    expect(table.rows.flat().some((c) => c?.text.includes("vægtet"))).toBe(false);
    expect(table.rows).toHaveLength(1 + 4);
    const cli = formatUnitTable("Tabel 1", r.kk as UnitResult, 2014, RULES_2014);
    expect(cli).not.toContain("vægtet");
    expect(cli).toContain("Seniorjob");
  });

  it("--json has weights null, no vaegtet, and the rulebook with its source", () => {
    const doc = StatusJsonSchema.parse(JSON.parse(JSON.stringify(toJson(result2014()))));
    expect(doc.weights).toBeNull();
    expect(doc.rulebook?.weights).toBeNull();
    expect(doc.rulebook?.source).toEqual({ sheet: "Indstillinger", range: "A20:F24" });
    expect(doc.kk?.maalopfyldelse).not.toHaveProperty("vaegtet");
    expect(doc.kk?.status).toEqual({ jobrotation: 405, fleksjob: 549, seniorjob: 314, loentilskud: 966 });
  });

  it("Kilder lists the rulebook's groups with its source and no weight rows", () => {
    const layout = buildSources(result2014(), "Kilder 2014");
    const rows = layout.values.filter((r) => r[0] === "Regelsæt" || r[0] === "Indstillinger");
    expect(rows.map((r) => r[1])).toEqual([
      "Periodens sidste måned (1–12)",
      "Regelsæt 2014: måltallet for jobrotation omfatter Jobrotation",
      "Regelsæt 2014: måltallet for fleksjob omfatter Fleksjob",
      "Regelsæt 2014: måltallet for seniorjob omfatter Seniorjob",
      "Regelsæt 2014: måltallet for løntilskud omfatter Løntilskud",
    ]);
  });
});
