import { calculate } from "../../src/core";
import { blockText, buildNotat, notatSettingsOf, type NotatLayout } from "../../src/core/notat";
import { serialToDate } from "../../src/core/notat-settings";
import { reportPeriod } from "../../src/core/period";
import type { Cell, WorkbookGrid } from "../../src/core/grid";
import { NOTAT_FIELD_LABELS } from "../../src/messages/da";
import { sheet, smallWorkbook, workbook } from "../support/grid";

const TODAY = { year: 2026, month: 1, day: 5 };

function notatOf(wb: WorkbookGrid): NotatLayout {
  const outcome = calculate(wb);
  expect(outcome.issues.filter((i) => i.severity === "error")).toEqual([]);
  return buildNotat(outcome.result, notatSettingsOf(wb), { today: TODAY });
}

const texts = (l: NotatLayout): string[] => l.blocks.flatMap((b) => (b.kind === "heading" || b.kind === "paragraph" ? [blockText(b)] : []));

/** Indstillinger with the 2025 weights and, below them in the same column, the given notat fields. */
function settings(fields: [string, Cell][]): ReturnType<typeof sheet> {
  return sheet("Indstillinger", [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6], [], ...fields.map(([l, v]) => [l, v])]);
}

describe("the notat layout", () => {
  it("leaves fields without a value in Indstillinger as marked fields to fill in, and names them", () => {
    const layout = notatOf(smallWorkbook());
    expect(layout.toFill).toEqual(["sagsnummer i F2", "dokumentnummer i F2", "sagsnummer i eDoc", "dato for vedtagelse", "afsender", "adresse", "postnummer og by", "afsenders forvaltning"]);
    const adopted = layout.blocks.find((b) => b.kind === "paragraph" && blockText(b).startsWith("Måltallene"));
    if (adopted?.kind !== "paragraph") throw new Error("no adoption paragraph");
    // One open date for all groups: one clause, and the open field is its own highlighted run.
    expect(blockText(adopted)).toContain(
      "vedtaget af Borgerrepræsentationen den [Udfyld: dato for vedtagelse] for ordningerne virksomhedspraktik, løntilskud, småjob under det sociale frikort, fleksjob og fritidsjob.",
    );
    expect(adopted.runs.filter((r) => r.toFill).map((r) => r.text)).toEqual(["[Udfyld: dato for vedtagelse]"]);
    // The notat's date is today when Indstillinger has none.
    expect(texts(layout)).toContain("05-01-2026");
  });

  it("reads the fields below the weights without disturbing them (dates, numbers, text)", () => {
    const wb = workbook(
      ...smallWorkbook().sheets,
      settings([
        [NOTAT_FIELD_LABELS.sagsnummerF2, "2025 - 1"],
        [NOTAT_FIELD_LABELS.dokumentnummerF2, 123456],
        [`${NOTAT_FIELD_LABELS.vedtagetSamlet}:`, { date: 45323 }],
        [NOTAT_FIELD_LABELS.vedtagetFleksjob.toUpperCase(), { date: 45323 }],
        [NOTAT_FIELD_LABELS.vedtagetFritidsjob, "28. november 2024"],
        [NOTAT_FIELD_LABELS.dato, { date: 46092 }],
      ]),
    );
    const layout = notatOf(wb);
    const all = texts(layout);
    expect(all).toContain("2025 - 1");
    expect(all).toContain("123456");
    expect(all).toContain("11-03-2026");
    expect(all.find((t) => t.startsWith("Måltallene"))).toContain(
      "den 1. februar 2024 for ordningerne virksomhedspraktik, løntilskud, småjob under det sociale frikort og fleksjob og den 28. november 2024 for fritidsjob.",
    );
    expect(layout.toFill).not.toContain("dato for vedtagelse");
  });

  it("accepts an Indstillinger sheet with only the notat's fields (the built-in weights apply); a sheet with neither is still an error", () => {
    const onlyFields = sheet("Indstillinger", [[NOTAT_FIELD_LABELS.sagsnummerF2, "2025 - 9"]]);
    const layout = notatOf(workbook(...smallWorkbook().sheets, onlyFields));
    expect(texts(layout)).toContain("2025 - 9");
    const neither = calculate(workbook(...smallWorkbook().sheets, sheet("Indstillinger", [["Noter til notatet"]])));
    expect(neither.issues.map((i) => i.code)).toContain("SETTINGS_HEADER_MISSING");
  });

  it("without a previous year: no Tabel 2, the forvaltninger's tables are 2 to n", () => {
    const layout = notatOf(smallWorkbook());
    const all = texts(layout);
    expect(all).toContain("Af tabel 2–3 fremgår status, måltal og målopfyldelse for de 2 forvaltninger for perioden januar til og med december 2025.");
    expect(all.filter((t) => t.startsWith("Tabel "))).toEqual([
      "Tabel 1: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for 2025, samt antal forløb",
      "Tabel 2: Status og målopfyldelse for de særlige jobordninger i AAA for 2025",
      "Tabel 3: Status og målopfyldelse for de særlige jobordninger i BBB for 2025",
    ]);
    expect(all.find((t) => t.startsWith("Af tabel 1"))).toMatch(/^Af tabel 1 fremgår status, måltal og målopfyldelse for 2025 fordelt på de forskellige ordninger for Københavns Kommune\. Den samlede/);
    expect(all.filter((t) => t.startsWith("***"))).toHaveLength(1);
  });

  it("puts three tables on a page, and the pointer paragraph first on the first page of tables", () => {
    const layout = notatOf(smallWorkbook());
    const breaks = layout.blocks.flatMap((b) => (b.kind === "paragraph" && b.pageBreakBefore ? [blockText(b).slice(0, 12)] : []));
    expect(breaks).toEqual(["Af tabel 2–3"]);
  });

  it("takes the period from one function: January to the period's last month", () => {
    expect(reportPeriod({ year: 2025, lastMonth: 12 })).toEqual({ year: 2025, firstMonth: 1, lastMonth: 12 });
    expect(reportPeriod({ year: 2025, lastMonth: 9 })).toEqual({ year: 2025, firstMonth: 1, lastMonth: 9 });
    expect(reportPeriod({ year: null, lastMonth: 12 })).toBeNull();
  });

  it("converts Excel date serials in the 1900 system", () => {
    expect(serialToDate(1)).toEqual({ year: 1900, month: 1, day: 1 });
    expect(serialToDate(61)).toEqual({ year: 1900, month: 3, day: 1 });
    expect(serialToDate(45323)).toEqual({ year: 2024, month: 2, day: 1 });
    expect(serialToDate(46092)).toEqual({ year: 2026, month: 3, day: 11 });
  });
});
