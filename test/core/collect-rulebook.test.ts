/**
 * Collecting follows the analyst's workbook's rulebook (issue 22): a department sheet of a year where
 * no scheme reports forløb needs no »Antal forløb« column to be a delivery, and a blank template made
 * by the workbook's own »Regelsæt« counts as blank (filled without asking, never a delivery).
 */
import { isUntouchedTemplate, planCollect, type CollectFile } from "../../src/core/collect";
import { forvaltningTemplate } from "../../src/core/forvaltning-template";
import type { Cell, SheetGrid, WorkbookGrid } from "../../src/core/grid";
import { departmentTemplate } from "../../src/core/template";
import { templateRulebook, workbookRulebooks } from "../../src/core/template-rulebook";
import type { Rulebook } from "../../src/core/rulebook";
import { sheet, workbook } from "../support/grid";
import { PROOF_2014, PROOF_2026, proofGrid, type ProofWorkbook } from "../support/rulebook-workbooks";

const file = (name: string, ...sheets: SheetGrid[]): CollectFile => ({ file: name, lastSaved: "2026-02-01T10:00:00.000Z", grid: workbook(...sheets) });

function rulebookOf(p: ProofWorkbook): Rulebook {
  const t = templateRulebook(proofGrid(p), p.year);
  if (t.kind !== "regelsaet") throw new Error(`no Regelsæt for ${p.year}: ${JSON.stringify(t.issues)}`);
  return t.rulebook;
}
const R2014 = rulebookOf(PROOF_2014);

/** HR's workbook of a proof year, without the forvaltninger's sheets (they arrive as files). */
function hrWithout(p: ProofWorkbook, ...keep: SheetGrid[]): WorkbookGrid {
  const codes = new Set(p.units.map((u) => u.code));
  return { sheets: [...proofGrid(p).sheets.filter((s) => !codes.has(s.name)), ...keep] };
}

/** A proof forvaltning's sheet as typed by hand, optionally without the »Antal forløb« column. */
function unitSheet(p: ProofWorkbook, code: string, forloebColumn: boolean): SheetGrid {
  const s = proofGrid(p).sheets.find((x) => x.name === code) as SheetGrid;
  return sheet(code, s.values.map((r): Cell[] => (forloebColumn ? [...r] : r.slice(0, 2))));
}

const layoutSheet = (name: string, values: readonly (readonly Cell[])[]): SheetGrid => sheet(name, values.map((r) => [...r]));

describe("collecting a year with its own rulebook (2014: no scheme reports forløb)", () => {
  it("a department sheet without the »Antal forløb« column is a delivery, counted as beregn counts it", () => {
    const plan = planCollect(hrWithout(PROOF_2014), [file("BUF.xlsx", unitSheet(PROOF_2014, "BUF", false))], { choice: "ask" });
    expect(plan.problems).toEqual([]);
    expect(plan.actions.map((a) => [a.code, a.kind])).toEqual([["BUF", "insert"]]);
    const buf = plan.overview.find((r) => r.code === "BUF");
    expect(buf).toMatchObject({ state: "delivered", errors: 0 });
    expect(buf?.figures?.groups.map((g) => [g.id, g.status])).toEqual([
      ["jobrotation", 160],
      ["fleksjob", 210],
      ["seniorjob", 120],
      ["loentilskud", 360],
    ]);
  });

  it("in a year whose schemes report forløb (2025) the column is still required: such a sheet is no delivery", () => {
    const noColumn = sheet("BUF", [["Forvaltning", "BUF"], ["År", 2025], [], ["Ordning", "Status"], ["Fleksjob", 10]]);
    const plan = planCollect(workbook(), [file("BUF.xlsx", noColumn)], { choice: "ask" });
    expect(plan.problems).toEqual([{ kind: "no-department-sheet", file: "BUF.xlsx" }]);
  });

  it("the blank 2014 template in HR's workbook is blank: the delivery fills it without asking", () => {
    const blank = layoutSheet("BUF", departmentTemplate("BUF", 2014, R2014).values);
    const hr = hrWithout(PROOF_2014, blank);
    expect(isUntouchedTemplate(blank, "BUF", workbookRulebooks(hr))).toBe(true);
    // Without the workbook's rulebook it reads as the analyst's own sheet (the rule before issue 22f).
    expect(isUntouchedTemplate(blank, "BUF")).toBe(false);
    const plan = planCollect(hr, [file("BUF.xlsx", unitSheet(PROOF_2014, "BUF", true))], { choice: "ask" });
    expect(plan.actions.map((a) => [a.code, a.kind])).toEqual([["BUF", "fill-template"]]);
    expect(plan.undecided).toBe(false);
    // With nothing delivered, the blank sheet's forvaltning is missing, not »in the workbook«.
    const none = planCollect(hr, [], { choice: "ask" });
    expect(none.overview.find((r) => r.code === "BUF")?.state).toBe("missing");
  });

  it("the blank one-forvaltning file of 2014, sent back unfilled, is no delivery", () => {
    const own = forvaltningTemplate("SOF", 2014, undefined, R2014);
    if (!own.ok) throw new Error("no template");
    const plan = planCollect(hrWithout(PROOF_2014), [file("SOF.xlsx", layoutSheet("SOF", own.template.layout.values))], { choice: "ask" });
    expect(plan.problems).toEqual([{ kind: "blank-template", file: "SOF.xlsx", sheets: ["SOF"] }]);
    expect(plan.actions).toEqual([]);
  });

  it("a template by another year's rulebook is not blank for this year's (the rows differ)", () => {
    const blank2014 = layoutSheet("BUF", departmentTemplate("BUF", 2014, R2014).values);
    expect(isUntouchedTemplate(blank2014, "BUF", workbookRulebooks(proofGrid(PROOF_2026)))).toBe(false);
  });
});

describe("collecting 2026 with a sixth scheme", () => {
  it("the blank 2026 template is blank, and a filled sheet is a delivery with the combined target's six-scheme sum", () => {
    const R2026 = rulebookOf(PROOF_2026);
    const blank = layoutSheet("BUF", departmentTemplate("BUF", 2026, R2026).values);
    const hr = hrWithout(PROOF_2026, blank);
    expect(isUntouchedTemplate(blank, "BUF", workbookRulebooks(hr))).toBe(true);
    const plan = planCollect(hr, [file("BUF.xlsx", unitSheet(PROOF_2026, "BUF", true))], { choice: "ask" });
    expect(plan.actions.map((a) => [a.code, a.kind])).toEqual([["BUF", "fill-template"]]);
    expect(plan.overview.find((r) => r.code === "BUF")?.figures?.samlet).toBeCloseTo(26.1 + 119.8 + 15.1 + 12.4, 9);
  });
});

describe("templateRulebook: the rulebook a template is made by", () => {
  it("a Regelsæt for the year, weights typed for the year, or nothing; errors on Indstillinger give none, with the issues", () => {
    expect(templateRulebook(proofGrid(PROOF_2014), 2014).kind).toBe("regelsaet");
    expect(templateRulebook(proofGrid(PROOF_2014), 2015)).toEqual({ kind: "none", issues: [], rulebookErrors: false });
    const weights = workbook(sheet("Indstillinger", [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2026, 50, 44, 6]]));
    const typed = templateRulebook(weights, 2026);
    expect(typed.kind).toBe("weights");
    expect(typed.kind === "weights" ? typed.rulebook.weights : null).toEqual({ samlet: 50, fleksjob: 44, fritidsjob: 6 });
    const broken = workbook(sheet("Indstillinger", PROOF_2014.indstillinger.map((r) => (r[0] === "Seniorjob" && r[1] === "personer" ? ["Seniorjob", "timer", "nej", "Seniorjob"] : [...r]))));
    const none = templateRulebook(broken, 2014);
    expect(none.kind).toBe("none");
    expect(none.issues.map((i) => [i.code, i.cell])).toEqual([["RULEBOOK_MEASURE_UNKNOWN", "B6"]]);
    expect(none.rulebookErrors).toBe(true);
    // An empty weights row (a new template's, not yet filled in) is an error in the weights table
    // only: no weights for the year, and no Regelsæt in doubt.
    const empty = templateRulebook(workbook(sheet("Indstillinger", [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2026]])), 2026);
    expect(empty.kind).toBe("none");
    expect(empty.rulebookErrors).toBe(false);
  });
});
