/**
 * Findings of the outside review of the rulebook (issue 22e): each one proved on a workbook built here.
 */
import type { Cell, SheetGrid, WorkbookGrid } from "../../src/core/grid";
import type { Issue } from "../../src/core/issues";
import { issueMessage } from "../../src/messages/da";
import { calculate } from "../../src/core";
import { sheet, smallWorkbook } from "../support/grid";
import { PROOF_2014, PROOF_2026, proofGrid } from "../support/rulebook-workbooks";

const codes = (issues: readonly Issue[]) => issues.map((i) => `${i.severity}:${i.code}@${i.sheet}!${i.cell ?? "-"}`);

/** The workbook with each named sheet's rows replaced (or the sheet added). */
function withSheets(wb: WorkbookGrid, rows: Record<string, Cell[][]>): WorkbookGrid {
  const sheets: SheetGrid[] = wb.sheets.map((s) => (rows[s.name] ? sheet(s.name, rows[s.name] as Cell[][]) : s));
  for (const [name, r] of Object.entries(rows)) if (!sheets.some((s) => s.name === name)) sheets.push(sheet(name, r));
  return { sheets };
}

const rowsOf = (wb: WorkbookGrid, name: string): Cell[][] => (wb.sheets.find((s) => s.name === name)?.values ?? []).map((r) => [...r]);

describe("a year where no scheme reports forløb (review item 3)", () => {
  it("2014: department sheets without an »Antal forløb« column are read, with the same figures as with it", () => {
    const grid = proofGrid(PROOF_2014);
    const dropForloeb = (rows: Cell[][]) => rows.map((r) => (r[0] === "Ordning" ? ["Ordning", "Status"] : r.slice(0, 2)));
    const without = withSheets(grid, Object.fromEntries(PROOF_2014.units.map((u) => [u.code, dropForloeb(rowsOf(grid, u.code))])));
    const a = calculate(grid);
    const b = calculate(without);
    expect(codes(b.issues)).toEqual(codes(a.issues));
    expect(b.report).not.toBeNull();
    expect(b.result.kk).toEqual(a.result.kk);
    expect(b.result.forvaltninger).toEqual(a.result.forvaltninger);
  });

  it("2025 (built in, forløb reported): the column is still required", () => {
    const base = smallWorkbook();
    const buf = rowsOf(base, "BBB").map((r) => r.filter((_, i) => i !== 2));
    const out = calculate(withSheets(base, { BBB: buf }));
    expect(out.issues.filter((i) => i.sheet === "BBB").map((i) => [i.code, i.params])).toEqual([["HEADER_MISSING", { missing: "forloeb" }]]);
    expect(out.report).toBeNull();
  });
});
