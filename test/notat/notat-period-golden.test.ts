/**
 * Golden: the notat and the status sheet for januar–juni 2025 (issue 19, items 1 and 2). The bundled
 * example, whose whole-year notat matches the reference notat (notat-golden.test.ts), is run again
 * with »Sidste måned: juni«. Every line must be the whole-year line with the period named instead of
 * the year (the substitutions below), except the summary's comparison with 2024, which a part year
 * must not make: those lines are spelled out. All figures stay the same (targets are annual).
 */
import ExcelJS from "exceljs";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { calculate } from "../../src/core";
import { blockText, buildNotat, notatSettingsOf } from "../../src/core/notat";

const TODAY = { year: 2026, month: 3, day: 11 };

async function example(month?: string): Promise<{ notat: string[]; sheet: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await (await buildExample(await loadExampleData())).xlsx.writeBuffer());
  const settings = wb.getWorksheet("Indstillinger");
  if (!settings) throw new Error("the example has no Indstillinger sheet");
  if (month) {
    const row = settings.rowCount + 2;
    settings.getCell(row, 1).value = "Sidste måned";
    settings.getCell(row, 2).value = month;
  }
  const grid = readWorkbookGrid(wb);
  const outcome = calculate(grid);
  expect(outcome.issues.map((i) => i.code)).toEqual(["KK_TARGET_DIFFERS"]);
  const notat = buildNotat(outcome.result, notatSettingsOf(grid), { today: TODAY }).blocks.flatMap((b) =>
    b.kind === "table" ? b.rows.map((r) => r.map((c) => c?.text ?? "").join("|")) : b.kind === "bullets" ? b.items : [blockText(b)],
  );
  // Each row's filled cells (a paragraph is one cell; a table row its label and figures).
  const sheet = (outcome.report?.values ?? []).map((r) => r.filter((v) => v !== null && v !== "").map(String).join("|"));
  return { notat, sheet };
}

/** The whole year's wording turned into januar–juni's: the only differences a part year may make. */
const toHalfYear = (t: string): string =>
  t
    .replace("Årsstatus for de særlige jobordninger i KK som arbejdsplads for 2025", "Status for de særlige jobordninger i KK som arbejdsplads for perioden januar til og med juni 2025")
    .replace(/januar til og med december 2025/g, "januar til og med juni 2025")
    .replace(/hele 2025/g, "perioden januar til og med juni 2025")
    .replace(/december 2025/g, "juni 2025")
    .replace("ved udgangen af året", "ved udgangen af perioden")
    .replace("For årsstatus 2025:", "For status for januar–juni 2025:")
    .replace(/\b(for|i) 2025\b/g, "$1 januar–juni 2025")
    // Tabel 2 (the whole of 2024) is named in the footnotes * and ** (issue 19b, item 9).
    .replace(/^(\* Status for fleksjob er opgjort i antal ansatte i juni 2025)$/, "$1 (i tabel 2: december 2024)")
    .replace(/^(\*\* Denne kolonne .* i januar–juni 2025)( svarer til\.)$/, "$1 (i tabel 2: 2024)$2");

/** The summary's lines for januar–juni: no »steget/faldet« against the whole of 2024, and why. */
const HALF_SUMMARY = {
  samlet:
    "Den samlede målopfyldelse for ordningerne virksomhedspraktik, løntilskud og småjob under det sociale frikort er 797 helårspersoner, svarende til 74 pct., i januar–juni 2025. Virksomhedspraktik er den ordning, der udgør den største andel af målopfyldelsen i januar–juni 2025.",
  fleksjob: "Status for fleksjob er 1.048 ansatte i juni 2025, svarende til en målopfyldelse på 116 pct. for januar–juni 2025.",
  note: "Tallene for januar–juni 2025 er ikke sammenlignet med tallene for 2024 i tabel 2, fordi perioderne ikke er lige lange.",
};

/** Expected januar–juni lines: the whole year's, substituted, with the summary's comparison replaced. */
function expectedHalf(whole: readonly string[], lead: string): string[] {
  const out: string[] = [];
  for (const line of whole) {
    if (line.includes("Den samlede målopfyldelse for ordningerne") && line.includes("er faldet fra 913")) out.push(`${lead}${HALF_SUMMARY.samlet}`);
    // The whole year's fleksjob comparison, in 21a's wording (issue 21, item 13).
    else if (line.startsWith("Antallet af ansatte i fleksjob er steget fra")) out.push(HALF_SUMMARY.fleksjob);
    else {
      out.push(toHalfYear(line));
      if (line.startsWith("Den samlede, vægtede målopfyldelse")) out.push(HALF_SUMMARY.note);
    }
  }
  return out;
}

describe("golden: januar–juni 2025 from the example (the whole year matches the notat)", () => {
  let whole: { notat: string[]; sheet: string[] };
  let half: { notat: string[]; sheet: string[] };
  beforeAll(async () => {
    whole = await example();
    half = await example("juni");
  });

  test("the whole-year notat still compares with 2024, as the reference notat does", () => {
    expect(whole.notat).toContain("Årsstatus for de særlige jobordninger i KK som arbejdsplads for 2025");
    expect(whole.notat.join("\n")).toContain("er faldet fra 913 helårspersoner, svarende til 84 pct., i 2024 til 797 helårspersoner, svarende til 74 pct., i 2025.");
  });

  test("the notat: every line is the whole year's with the period named, and no comparison with the whole of 2024", () => {
    // In the notat the pointer to tables 1 and 2 opens the summary's first paragraph.
    const lead = "Af tabel 1 fremgår status, måltal og målopfyldelse for januar–juni 2025 fordelt på de forskellige ordninger for Københavns Kommune. Tabel 2 viser status, måltal og målopfyldelse for 2024. ";
    expect(half.notat).toEqual(expectedHalf(whole.notat, lead));
  });

  test("the status sheet: every line is the whole year's with the period named, and no comparison with the whole of 2024", () => {
    expect(half.sheet).toEqual(expectedHalf(whole.sheet, ""));
  });
});
