/**
 * A year's Regelsæt that does not read (review 22i, item 1): its own errors at their cells and one
 * RULEBOOK_NOT_READ, never the checks of the built-in rulebook in its place (rows, Måltal columns,
 * weights, sums) with their wrong advice, and no figure computed.
 */
import { calculate, settingsTemplate, toJson, validate } from "../../src/core";
import type { Cell } from "../../src/core/grid";
import { StatusJsonSchema } from "../../src/core/json";
import { issueMessage } from "../../src/messages/da";
import { sheet, workbook } from "../support/grid";
import { PROOF_2014, PROOF_2026, proofSheets, type ProofWorkbook } from "../support/rulebook-workbooks";

/** The proof workbook with Indstillinger's rows changed by `edit` (a copy; the proof stays as it is). */
function withSettings(p: ProofWorkbook, edit: (rows: Cell[][]) => Cell[][]) {
  const rows = edit(p.indstillinger.map((r) => [...r]));
  return workbook(...proofSheets(p).map((s) => sheet(s.name, s.name === "Indstillinger" ? rows : s.rows)));
}

const set = (row: number, col: number, v: Cell) => (rows: Cell[][]) => {
  const r = rows[row - 1] ?? [];
  r[col - 1] = v;
  rows[row - 1] = r;
  return rows;
};

const codes = (issues: readonly { code: string; sheet: string; cell?: string }[]) => issues.map((i) => `${i.code}@${i.sheet}!${i.cell ?? ""}`);

/** Codes that only a rulebook's checks give: none may follow a Regelsæt that did not read. */
const RULEBOOK_CHECKS = ["ROW_UNKNOWN", "ROW_MISSING", "VALUE_MISSING", "WEIGHTS_UNKNOWN", "MAALTAL_COLUMN_MISSING", "MAALTAL_HEADER_MISSING", "MAAL_ZERO_WEIGHTED", "KK_TARGET_DIFFERS", "VALUE_OUT_OF_SCALE", "STATUS_OVER_FORLOEB", "COLUMN_DUPLICATE"];

const CASES: { name: string; p: ProofWorkbook; edit: (rows: Cell[][]) => Cell[][]; first: string }[] = [
  { name: "an unknown measure (»timer«)", p: PROOF_2014, edit: set(4, 2, "timer"), first: "RULEBOOK_MEASURE_UNKNOWN@Indstillinger!B4" },
  { name: "a scheme in an unknown target", p: PROOF_2014, edit: set(5, 4, "Flexjob"), first: "RULEBOOK_GROUP_MISSING@Indstillinger!D5" },
  { name: "a target without words", p: PROOF_2014, edit: set(11, 2, null), first: "RULEBOOK_TARGET_MISSING@Indstillinger!B11" },
  { name: "a label twice", p: PROOF_2014, edit: set(6, 1, "Fleksjob"), first: "RULEBOOK_LABEL_DUPLICATE@Indstillinger!A6" },
  { name: "a negative weight", p: PROOF_2014, edit: (rows) => set(10, 3, -10)(set(11, 3, 110)(rows)), first: "VALUE_NEGATIVE@Indstillinger!C10" },
  { name: "weights not 100 (2026)", p: PROOF_2026, edit: set(13, 3, 42), first: "WEIGHTS_SUM@Indstillinger!C11" },
  { name: "two Regelsæt for the year", p: PROOF_2014, edit: (rows) => [...rows, [], ...PROOF_2014.indstillinger], first: "RULEBOOK_DUPLICATE@Indstillinger!A15" },
  { name: "an empty Regelsæt", p: PROOF_2014, edit: (rows) => rows.slice(0, 1), first: "RULEBOOK_INCOMPLETE@Indstillinger!A1" },
];

describe("a Regelsæt for the status year that does not read", () => {
  it.each(CASES)("$name: its error at its cell and one RULEBOOK_NOT_READ, no check by the built-in rulebook", ({ p, edit, first }) => {
    const out = validate(withSettings(p, edit));
    const found = codes(out.issues);
    expect(found).toContain(first);
    expect(found.filter((c) => c.startsWith("RULEBOOK_NOT_READ"))).toEqual(["RULEBOOK_NOT_READ@Indstillinger!A1"]);
    // Every issue is on Indstillinger: nothing about the forvaltningers' sheets or Måltal.
    expect(out.issues.filter((i) => i.sheet !== "Indstillinger").map((i) => i.code)).toEqual([]);
    expect(out.issues.filter((i) => RULEBOOK_CHECKS.includes(i.code))).toEqual([]);
    expect(out.rulebook).toBeUndefined();
  });

  it("no figure from the fallback: beregn stops, --json has no rulebook, no forvaltning and says where the Regelsæt is", () => {
    const out = calculate(withSettings(PROOF_2014, set(4, 2, "timer")));
    expect(out.report).toBeNull();
    expect(out.result.kk).toBeNull();
    expect(out.issues.filter((i) => i.severity === "error").map((i) => i.code)).toEqual(["RULEBOOK_MEASURE_UNKNOWN"]);
    const doc = StatusJsonSchema.parse(JSON.parse(JSON.stringify(toJson(out.result))));
    expect(doc.rulebook).toBeNull();
    expect(doc.forvaltninger).toEqual([]);
    expect(doc.rulebookFailed).toEqual({ sheet: "Indstillinger", cell: "A1" });
  });

  it("a built-in year (2025) with a Regelsæt that does not read is not checked by the built-in rulebook either", () => {
    const rows: Cell[][] = PROOF_2026.indstillinger.map((r, i) => (i === 0 ? ["Regelsæt", 2025] : i === 13 ? ["Fritidsjob", "fritidsjob", 7] : [...r]));
    const p: ProofWorkbook = { ...PROOF_2026, year: 2025, indstillinger: rows };
    const out = validate(withSettings(p, (r) => r));
    expect(codes(out.issues).filter((c) => c.startsWith("WEIGHTS_SUM") || c.startsWith("RULEBOOK_NOT_READ"))).toEqual(["WEIGHTS_SUM@Indstillinger!C11", "RULEBOOK_NOT_READ@Indstillinger!A1"]);
    // Jobrotation is no built-in 2025 scheme: the built-in rulebook would call its rows unknown.
    expect(out.issues.filter((i) => i.sheet !== "Indstillinger")).toEqual([]);
  });

  it("»Valider ark« on one forvaltning's sheet says the Regelsæt must read first", () => {
    const out = validate(withSettings(PROOF_2014, set(4, 2, "timer")), "BUF");
    expect(out.issues.map((i) => i.code)).toEqual(["RULEBOOK_NOT_READ"]);
  });

  it("the same workbook with the Regelsæt mended is checked and counted as before", () => {
    const out = calculate(withSettings(PROOF_2014, (r) => r));
    expect(out.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(out.issues.map((i) => i.code)).not.toContain("RULEBOOK_NOT_READ");
    expect(out.result.kk?.status.jobrotation).toBe(405);
  });
});

describe("an empty weights row beside a Regelsæt for its year (review 22i, item 2)", () => {
  /** Indstillinger as `skabelon --aar 2014` writes it (guide, header, an empty 2014 row), with the Regelsæt added under it. */
  const templateRows = (weights: Cell[]): Cell[][] => {
    const t = settingsTemplate(2014).values.map((r) => r.map((v) => (v === undefined ? null : (v as Cell))));
    return [...t.slice(0, 3), weights, [], ...PROOF_2014.indstillinger];
  };

  it("the template's empty 2014 row is ignored: the Regelsæt decides, no »Skriv tallet«, and 2014 is counted", () => {
    expect((settingsTemplate(2014).values[3] ?? []).filter((v) => v !== null && v !== undefined)).toEqual([2014]);
    const out = calculate(withSettings(PROOF_2014, () => templateRows([2014])));
    expect(out.issues.filter((i) => i.sheet === "Indstillinger")).toEqual([]);
    expect(out.result.rulebook?.source).toEqual({ kind: "sheet", sheet: "Indstillinger", range: expect.stringMatching(/^A6:/) });
    expect(out.result.rulebook?.weights).toBeNull();
    expect(out.result.kk?.status.loentilskud).toBe(966);
  });

  it("a weights row with figures beside the Regelsæt is still SETTING_DUPLICATE at the row", () => {
    const out = calculate(withSettings(PROOF_2014, () => templateRows([2014, 51, 43, 6])));
    expect(codes(out.issues.filter((i) => i.severity === "error"))).toEqual(["SETTING_DUPLICATE@Indstillinger!B4"]);
  });

  it("an empty row for a year without a Regelsæt still asks for the weights", () => {
    const rows = templateRows([2015]);
    const out = validate(withSettings(PROOF_2014, () => rows));
    expect(codes(out.issues).filter((c) => c.startsWith("VALUE_MISSING@Indstillinger"))).toEqual(["VALUE_MISSING@Indstillinger!B4", "VALUE_MISSING@Indstillinger!C4"]);
  });
});

describe("the year before: its Regelsæt and its weights (review 22i, item 3)", () => {
  const block2013 = PROOF_2014.indstillinger.map((r, i) => (i === 0 ? ["Regelsæt", 2013] : [...r]));
  const forrige = (year: number) =>
    sheet("Forrige år", [["Forvaltning", "KK"], ["År", year], [], ["Ordning", "Status", "Måltal"], ...PROOF_2014.schemes.map((s): Cell[] => [s, 10, 10])]);

  it("a Regelsæt for the year before in a workbook without Forrige år: RULEBOOK_UNUSED, saying there is no such sheet", () => {
    const out = validate(withSettings(PROOF_2014, (rows) => [...rows, [], ...block2013]));
    const unused = out.issues.filter((i) => i.code === "RULEBOOK_UNUSED");
    expect(codes(unused)).toEqual(["RULEBOOK_UNUSED@Indstillinger!A15"]);
    expect(issueMessage(unused[0] as (typeof unused)[number])).toContain("intet ark »Forrige år«");
  });

  it("with a Forrige år sheet for that year the Regelsæt is used for Tabel 2, and nothing is said", () => {
    const wb = withSettings(PROOF_2014, (rows) => [...rows, [], ...block2013]);
    const out = calculate(workbook(...wb.sheets, forrige(2013)));
    expect(out.issues.map((i) => i.code)).not.toContain("RULEBOOK_UNUSED");
    expect(out.result.previous?.rulebook.year).toBe(2013);
  });

  it("a Regelsæt for the year before that does not read: Forrige år is not read by another rulebook, and no advice to type weights", () => {
    const broken = block2013.map((r) => r.map((v) => (v === "pladser" ? "kroner" : v)));
    const wb = withSettings(PROOF_2014, (rows) => [...rows, [], ...broken]);
    const out = validate(workbook(...wb.sheets, forrige(2013)));
    expect(codes(out.issues.filter((i) => i.sheet === "Indstillinger"))).toEqual(["RULEBOOK_MEASURE_UNKNOWN@Indstillinger!B21"]);
    expect(out.issues.filter((i) => i.sheet === "Forrige år").map((i) => i.code)).toEqual(["PREVIOUS_LEFT_OUT"]);
    expect(out.previous).toBeUndefined();
  });

  it("PREVIOUS_WEIGHTS_UNKNOWN names the Regelsæt as the way for a year with other schemes or no weights", () => {
    const wb = withSettings(PROOF_2014, (rows) => rows);
    const out = validate(workbook(...wb.sheets, forrige(2013)));
    const w = out.issues.find((i) => i.code === "PREVIOUS_WEIGHTS_UNKNOWN");
    expect(w).toBeDefined();
    const text = issueMessage(w as NonNullable<typeof w>);
    expect(text).toContain("Angiv dem på arket Indstillinger");
    expect(text).toContain("skriv i stedet et regelsæt for 2013");
  });
});
