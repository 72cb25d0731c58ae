/**
 * Issues on a department sheet's table name their row and column in the sheet's own words
 * (Issue.where), so the pane and the CLI can say »Løntilskud, status (B5): …«.
 */
import { analyzeWorkbook } from "../../src/core/workbook";
import { formatIssues } from "../../src/cli/format";
import { issueLabel } from "../../src/messages/da";
import { deptSheet, maaltalSheet, workbook } from "../support/grid";

function issuesOf(...values: Parameters<typeof deptSheet>[2][]) {
  const sheets = values.map((v, n) => deptSheet(`U${n}`, 2025, v));
  const wb = workbook(maaltalSheet(sheets.map((s) => [s.name, 10, 10, 1])), ...sheets);
  return analyzeWorkbook(wb, { mode: "validate" }).issues;
}

describe("Issue.where", () => {
  it("names the row label and the column of a number cell", () => {
    const issues = issuesOf({ loentilskud: null, smaajob: "abc", forloeb: [10, -3, 5] });
    const at = (cell: string) => issues.find((i) => i.sheet === "U0" && i.cell === cell);
    expect(at("B5")?.where).toEqual({ row: "Løntilskud", column: "status" });
    expect(at("B7")?.where).toEqual({ row: "Småjob under det sociale frikort", column: "status" });
    expect(at("C6")?.where).toEqual({ row: "Virksomhedspraktik", column: "forloeb" });
    expect(issueLabel(at("B5")!)).toBe("Løntilskud, status (B5)");
    expect(issueLabel(at("C6")!)).toBe("Virksomhedspraktik, antal forløb (C6)");
  });

  it("five issues of the same kind differ by their row, not only by the cell", () => {
    const issues = issuesOf({ loentilskud: null, virksomhedspraktik: null, smaajob: null, fleksjob: null, fritidsjob: null }).filter((i) => i.code === "VALUE_MISSING");
    expect(issues.length).toBeGreaterThanOrEqual(4);
    const labels = issues.map((i) => i.where?.row);
    expect(new Set(labels).size).toBe(issues.length);
    expect(labels).toContain("Fleksjob");
  });

  it("leaves issues outside the table without a where (the year cell)", () => {
    const wb = workbook(maaltalSheet([["U0", 10, 10, 1]]), deptSheet("U0", "tyve"));
    const year = analyzeWorkbook(wb, { mode: "validate" }).issues.find((i) => i.cell === "B2");
    expect(year).toBeDefined();
    expect(year?.where).toBeUndefined();
    expect(issueLabel(year!)).toBe("B2");
  });

  it("the CLI's text output puts the row in front of the message", () => {
    const issues = issuesOf({ loentilskud: null });
    const line = formatIssues(issues).split("\n").find((l) => l.includes("U0!B5"));
    expect(line).toMatch(/U0!B5 .*Løntilskud, status: /);
  });
});
