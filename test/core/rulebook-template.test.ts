/**
 * The templates follow the rulebook (issue 22): a year with other schemes gets its own rows, targets
 * and Indstillinger, which read back as the same rulebook; the built-in years' templates do not move.
 */
import { IssueList } from "../../src/core/issues";
import type { SheetLayout } from "../../src/core/layout";
import { builtinRulebook, type Rulebook } from "../../src/core/rulebook";
import { countsTheSame, followsBuiltin, readSheetRulebooks } from "../../src/core/rulebook-sheet";
import { forvaltningTemplate } from "../../src/core/forvaltning-template";
import { departmentTemplate, workbookTemplate } from "../../src/core/template";
import { normalizeLabel } from "../../src/core/text";
import { sheet } from "../support/grid";
import { PROOF_2014, PROOF_2026 } from "../support/rulebook-workbooks";

function sheetRulebook(rows: readonly (readonly (string | number | null)[])[], year: number): Rulebook {
  const issues = new IssueList();
  const book = readSheetRulebooks(sheet("Indstillinger", rows.map((r) => [...r])), issues, { builtin: builtinRulebook }).get(year);
  expect(issues.items).toEqual([]);
  return book as Rulebook;
}
const R2014 = sheetRulebook(PROOF_2014.indstillinger as (string | number | null)[][], 2014);
const R2026 = sheetRulebook(PROOF_2026.indstillinger as (string | number | null)[][], 2026);
const byName = (layouts: SheetLayout[], name: string): SheetLayout => layouts.find((l) => l.sheetName === name) as SheetLayout;
const column = (l: SheetLayout, c: number): (string | number | null)[] => l.values.map((r) => r[c] ?? null);

describe("the template of a year with its own rulebook", () => {
  it("2014: one row per scheme labelled by its measure, no forløb cells, and a guide per measure", () => {
    const dept = departmentTemplate("BUF", 2014, R2014);
    expect(column(dept, 0).slice(4, 8)).toEqual(["Jobrotation (forløb)", "Fleksjob (personer)", "Seniorjob (personer)", "Løntilskud (pladser)"]);
    // Each row names its scheme the way the engine reads labels (normalizeLabel drops the parentheses).
    expect(column(dept, 0).slice(4, 8).map((l) => normalizeLabel(String(l)))).toEqual(R2014.schemes.map((s) => s.labels[0]));
    expect(dept.validations?.filter((v) => v.rect.c1 === 2)).toEqual([]);
    expect(dept.validations?.filter((v) => v.rect.c1 === 1).map((v) => v.kind)).toEqual(["whole", "whole", "whole", "decimal"]);
    expect(String(dept.values[9]?.[0])).toBe(
      "Udfyld de gule celler for 2014. Status opgøres i forløb for jobrotation, i personer for fleksjob og seniorjob og i pladser for løntilskud (decimaler er tilladt for pladser; skriv tallene uafrundede). Klik »Valider ark« (fanen Jobstatus, gruppen Jobordninger), før arket sendes til HR.",
    );
  });

  it("2014: Måltal has one column per target, and Indstillinger carries the rulebook, which reads back the same", () => {
    const layouts = workbookTemplate(2014, R2014);
    expect(byName(layouts, "Måltal").values[2]).toEqual(["Forvaltning", "Navn", "Jobrotation", "Fleksjob", "Seniorjob", "Løntilskud"]);
    const settings = byName(layouts, "Indstillinger");
    const back = sheetRulebook(settings.values, 2014);
    expect(countsTheSame(back, R2014)).toBe(true);
    expect(back.weights).toBeNull();
    expect(back.schemes.map((s) => s.name)).toEqual(R2014.schemes.map((s) => s.name));
    expect(back.groups).toEqual(R2014.groups);
  });

  it("2026: the sixth scheme has its row and forløb cell, the weights and other names survive the round trip", () => {
    const dept = departmentTemplate("BUF", 2026, R2026);
    expect(column(dept, 0).slice(4, 10)).toEqual([
      "Løntilskud (helårspersoner)",
      "Virksomhedspraktik (helårspersoner)",
      "Småjob under det sociale frikort (helårspersoner)",
      "Jobrotation (helårspersoner)",
      "Fleksjob (antal ansatte i december)",
      "Fritidsjob (helårspersoner)",
    ]);
    expect(dept.validations?.filter((v) => v.rect.c1 === 2).map((v) => v.rect.r1)).toEqual([4, 5, 6, 7]);
    const back = sheetRulebook(byName(workbookTemplate(2026, R2026), "Indstillinger").values, 2026);
    expect(countsTheSame(back, R2026)).toBe(true);
    expect(back.weights).toEqual({ samlet: 51, fleksjob: 43, fritidsjob: 6 });
    expect(back.schemes.map((s) => s.labels)).toEqual(R2026.schemes.map((s) => s.labels));
  });

  it("the one-forvaltning file of such a year has the rulebook's rows and needs no weights table", () => {
    const out = forvaltningTemplate("SOF", 2014, undefined, R2014);
    expect(out.ok).toBe(true);
    if (out.ok) expect(column(out.template.layout, 0).slice(4, 8)).toEqual(["Jobrotation (forløb)", "Fleksjob (personer)", "Seniorjob (personer)", "Løntilskud (pladser)"]);
    expect(forvaltningTemplate("SOF", 2014).ok).toBe(false);
  });
});

describe("the built-in years' templates do not move", () => {
  it("2024 and 2025 with their built-in rulebook (or a sheet rulebook of the same shape) are the templates of before", () => {
    for (const year of [2024, 2025]) {
      const builtin = builtinRulebook(year) as Rulebook;
      expect(followsBuiltin(builtin)).toBe(true);
      expect(workbookTemplate(year, builtin)).toEqual(workbookTemplate(year));
      expect(forvaltningTemplate("BUF", year, undefined, builtin)).toEqual(forvaltningTemplate("BUF", year));
    }
    expect(followsBuiltin(R2014)).toBe(false);
    expect(followsBuiltin(R2026)).toBe(false);
    expect(followsBuiltin({ ...R2026, schemes: R2026.schemes.filter((s) => s.id !== "jobrotation"), source: { kind: "builtin" } })).toBe(true);
  });
});
