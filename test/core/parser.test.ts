import { calculate, validate } from "../../src/core";
import type { Issue } from "../../src/core/issues";
import { issueMessage } from "../../src/messages/da";
import { deptSheet, maaltalSheet, sheet, smallWorkbook, workbook } from "../support/grid";

const codes = (issues: readonly Issue[]) => issues.map((i) => `${i.severity}:${i.code}@${i.sheet}!${i.cell ?? "-"}`);

describe("the Måltal sheet", () => {
  it("skips a note typed in the Forvaltning column, but not a forvaltning whose targets are blank", () => {
    const m = maaltalSheet([["AAA", 50, 40, 5], ["Kilde: BR 1. feb. 2024", null, null], ["BBB", null, null]]);
    const wb = workbook(m, deptSheet("AAA", 2025), deptSheet("BBB", 2025));
    expect(codes(calculate(wb).issues)).toEqual(["error:MAAL_ZERO_WEIGHTED@Måltal!B4", "error:MAAL_ZERO_WEIGHTED@Måltal!C4", "error:MAAL_ZERO_WEIGHTED@Måltal!D4"]);
  });

  it("reads »Samlet måltal ekskl. fleksjob« as the combined target column", () => {
    const m = sheet("Måltal", [["Forvaltning", "Fleksjob", "Samlet måltal ekskl. fleksjob", "Fritidsjob"], ["AAA", 40, 50, 5]]);
    const out = calculate(workbook(m, deptSheet("AAA", 2025)));
    expect(codes(out.issues)).toEqual([]);
    expect(out.result.kk?.maal).toEqual({ samlet: 50, fleksjob: 40, fritidsjob: 5 });
  });

  it("lets only counted sheets vote on the year (an old copy does not)", () => {
    const wb = workbook(maaltalSheet([["AAA", 50, 40, 5]]), deptSheet("AAA", 2025), deptSheet("BUF", 2024, {}, "BUF (2)"), deptSheet("XYZ", 2024));
    expect(codes(calculate(wb).issues)).toEqual(["error:UNKNOWN_UNIT_SHEET@BUF (2)!-", "error:UNKNOWN_UNIT_SHEET@XYZ!-"]);
  });
});

describe("department sheets in tolerant layouts", () => {
  it("reads a header further down, rows in any order, short labels, blank rows and extra columns", () => {
    const buf = sheet("BBB", [
      ["Indberetning 2025"],
      [],
      ["Forvaltning", null, "BBB"],
      ["År", 2025],
      [],
      [null, "  ORDNING ", "Bemærkning", "status", "Antal Forløb i 2025"],
      [null, "Fleksjob", "note", 66, null],
      [],
      [null, "Småjob", null, 9.5, 13],
      [null, "virksomhedspraktik (helårspersoner)", null, 70.5, 100],
      [null, "Løntilskud", null, 20, 30],
      [null, "Fritidsjob *", null, 8],
    ]);
    const wb = workbook(maaltalSheet([["BBB", 100, 60, 10]]), buf);
    const out = calculate(wb);
    expect(codes(out.issues)).toEqual([]);
    const u = out.result.forvaltninger[0];
    expect(u?.status).toEqual({ loentilskud: 20, virksomhedspraktik: 70.5, smaajob: 9.5, samlet: 100, fleksjob: 66, fritidsjob: 8 });
    expect(u?.forloeb).toEqual({ loentilskud: 30, virksomhedspraktik: 100, smaajob: 13, i_alt: 143 });
  });

  it("finds a table that does not start at A1 (used range origin)", () => {
    const base = deptSheet("AAA", 2025);
    const shifted = { ...base, originRow: 3, originCol: 2 };
    const out = calculate(workbook(maaltalSheet([["AAA", 50, 40, 5]]), shifted));
    expect(codes(out.issues)).toEqual([]);
    expect(out.result.kk?.status.fleksjob).toBe(50);
  });

  it("points at the exact cell of a missing value, with sheet and A1 address", () => {
    const wb = workbook(maaltalSheet([["AAA", 50, 40, 5]]), deptSheet("AAA", 2025, { smaajob: null }));
    const issues = validate(wb).issues;
    expect(codes(issues)).toEqual(["error:VALUE_MISSING@AAA!B7"]);
    expect(issueMessage(issues[0] as Issue)).toMatch(/tom/);
  });

  it("requires fritidsjob only in years that weight it", () => {
    const s2024 = sheet("AAA", [
      ["År", 2024],
      ["Ordning", "Status", "Antal forløb"],
      ["Løntilskud", 1, 1],
      ["Virksomhedspraktik", 1, 1],
      ["Småjob", 1, 1],
      ["Fleksjob", 1],
    ]);
    expect(codes(calculate(workbook(maaltalSheet([["AAA", 50, 40]]), s2024)).issues)).toEqual([]);
    const s2025 = { ...s2024, values: s2024.values.map((r, i) => (i === 0 ? ["År", 2025] : r)) };
    expect(codes(calculate(workbook(maaltalSheet([["AAA", 50, 40, 5]]), s2025)).issues)).toEqual(["error:ROW_MISSING@AAA!A2"]);
  });

  it("reports duplicated rows, unknown rows with numbers and numbers without a label", () => {
    const s = deptSheet("AAA", 2025);
    const rows = [...s.values, ["Fleksjob", 3], ["Praktik i udlandet", 4], [null, 7]];
    const issues = validate(workbook(maaltalSheet([["AAA", 50, 40, 5]]), { ...s, values: rows })).issues;
    expect(codes(issues)).toEqual(["error:ROW_DUPLICATE@AAA!A10", "warning:ROW_UNKNOWN@AAA!A11", "error:ROW_UNLABELLED@AAA!A12"]);
  });

  it("reports a missing header and a duplicated header", () => {
    const none = sheet("AAA", [["År", 2025], ["Løntilskud", 3, 4]]);
    expect(codes(validate(workbook(maaltalSheet([["AAA", 50, 40, 5]]), none)).issues)).toContain("error:HEADER_MISSING@AAA!-");
    const s = deptSheet("AAA", 2025);
    const twice = { ...s, values: [...s.values, [], ["Ordning", "Status", "Antal forløb"]] };
    expect(codes(validate(workbook(maaltalSheet([["AAA", 50, 40, 5]]), twice)).issues)).toContain("error:HEADER_DUPLICATE@AAA!A11");
  });

  it("checks the Forvaltning label against the sheet name, accepting the full name", () => {
    const ok = deptSheet("SOF", 2025);
    const okName = { ...ok, values: ok.values.map((r, i) => (i === 0 ? ["Forvaltning", "socialforvaltningen "] : r)) };
    expect(codes(validate(workbook(maaltalSheet([["SOF", 50, 40, 5]]), okName)).issues)).toEqual([]);
    const wrong = { ...ok, values: ok.values.map((r, i) => (i === 0 ? ["Forvaltning", "BUF"] : r)) };
    expect(codes(validate(workbook(maaltalSheet([["SOF", 50, 40, 5]]), wrong)).issues)).toEqual(["error:UNIT_MISMATCH@SOF!B1"]);
  });

  it("matches sheet names case-insensitively and ignoring spaces, and reports duplicates", () => {
    const wb = workbook(maaltalSheet([["BUF", 50, 40, 5]]), deptSheet("BUF", 2025, {}, "BUF"), deptSheet("BUF", 2025, {}, "buf "));
    const issues = validate(wb).issues;
    expect(codes(issues)).toEqual(["error:DUPLICATE_SHEET@BUF!-", "error:DUPLICATE_SHEET@buf !-"]);
    expect(calculate(wb).result.kk).toBeNull();
  });

  it("cross-checks typed totals: forløb exactly, status as displayed", () => {
    const s = deptSheet("AAA", 2025, { loentilskud: 7.2, virksomhedspraktik: 45.7, smaajob: 7.8, forloeb: [31, 307, 18] });
    const rows = [...s.values, ["Antal forløb i alt", null, 256]];
    const issues = validate(workbook(maaltalSheet([["AAA", 56, 47, 4]]), { ...s, values: rows })).issues;
    expect(codes(issues)).toEqual(["error:TOTAL_MISMATCH@AAA!C10"]);
    expect(issueMessage(issues[0] as Issue)).toContain("356");
    // 7 + 46 + 8 = 61 typed where the unrounded sum is 60.7: shown as 61 either way, no issue.
    const okTotal = [...s.values, ["Samlet", 61, 356]];
    expect(codes(validate(workbook(maaltalSheet([["AAA", 56, 47, 4]]), { ...s, values: okTotal })).issues)).toEqual([]);
  });

  it("warns (not errors) when a typed total is the sum of rounded parts, the notat's 798-vs-797 slip", () => {
    const s = deptSheet("AAA", 2025, { loentilskud: 92.6, virksomhedspraktik: 502.6, smaajob: 201.6, forloeb: [100, 600, 250] });
    const rows = [...s.values, ["Samlet status", 798]];
    const issues = validate(workbook(maaltalSheet([["AAA", 1084, 900, 126]]), { ...s, values: rows })).issues;
    expect(codes(issues)).toEqual(["warning:TOTAL_MISMATCH@AAA!B10"]);
    const wrong = [...s.values, ["Samlet status", 700]];
    expect(codes(validate(workbook(maaltalSheet([["AAA", 1084, 900, 126]]), { ...s, values: wrong })).issues)).toEqual(["error:TOTAL_MISMATCH@AAA!B10"]);
  });

  it("stops on a sheet that looks like a department sheet but is not in Måltal (KK would miss it), and leaves other sheets alone", () => {
    const wb = { sheets: [...smallWorkbook().sheets, deptSheet("XYZ", 2025), sheet("Noter", [["Husk at sende inden 1. marts"]])] };
    const issues = validate(wb).issues;
    expect(codes(issues)).toEqual(["error:UNKNOWN_UNIT_SHEET@XYZ!-"]);
  });

  it("reports a Måltal forvaltning with no sheet at its Måltal row, and computes no KK", () => {
    const wb = workbook(maaltalSheet([["AAA", 50, 40, 5], ["CCC", 10, 10, 1]]), deptSheet("AAA", 2025));
    const out = calculate(wb);
    expect(codes(out.issues)).toEqual(["error:SHEET_MISSING@Måltal!A3"]);
    expect(out.result.kk).toBeNull();
    expect(out.report).toBeNull();
    expect(out.result.forvaltninger.map((u) => u.code)).toEqual(["AAA"]);
  });

  it("decides the year from the sheets and reports the odd one out", () => {
    const wb = workbook(maaltalSheet([["AAA", 50, 40, 5], ["BBB", 50, 40, 5], ["CCC", 50, 40, 5]]), deptSheet("AAA", 2025), deptSheet("BBB", 2025), deptSheet("CCC", 2024));
    expect(codes(validate(wb).issues)).toEqual(["error:YEAR_MISMATCH@CCC!B2"]);
  });

  it("refuses a year with no known weights instead of guessing", () => {
    const wb = workbook(maaltalSheet([["AAA", 50, 40, 5]]), deptSheet("AAA", 2031));
    expect(codes(calculate(wb).issues)).toEqual(["error:WEIGHTS_UNKNOWN@Måltal!-"]);
  });

  it("takes weights for other years from an Indstillinger sheet and rejects weights that do not sum to 100 %", () => {
    const settings = sheet("Indstillinger", [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2031, 50, 40, 10], [2032, 50, 40, 5]]);
    const ok = calculate(workbook(maaltalSheet([["AAA", 50, 40, 5]]), deptSheet("AAA", 2031), settings));
    expect(codes(ok.issues)).toEqual(["error:WEIGHTS_SUM@Indstillinger!A3"]);
    expect(ok.result.weights).toEqual({ samlet: 0.5, fleksjob: 0.4, fritidsjob: 0.1 });
    // A broken settings row blocks the whole calculation: weights are never guessed.
    expect(ok.result.kk).toBeNull();
  });

  it("accepts weights typed as fractions (percent-formatted cells)", () => {
    const settings = sheet("Indstillinger", [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2031, 0.5, 0.4, 0.1]]);
    const out = calculate(workbook(maaltalSheet([["AAA", 50, 40, 5]]), deptSheet("AAA", 2031), settings));
    expect(codes(out.issues)).toEqual([]);
    expect(out.result.weights?.fritidsjob).toBeCloseTo(0.1, 12);
  });
});
