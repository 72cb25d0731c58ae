/**
 * The reader keeps in SheetGrid.formulas only the formulas formulaMayMatter says the engine reads
 * (src/xlsx/read-grid.ts; issue 20: a million formulas of a log sheet). The engine must come to the
 * same values and the same notes on every cell with the full list as with that one, in every
 * calculation mode (src/core/formulas.ts, resolveFormulas).
 */
import fc from "fast-check";
import { formulaNote, formulaMayMatter, resolveFormulas } from "../../src/core/formulas";
import { a1, FORMULA_WITHOUT_RESULT, type CalcMode, type Cell, type SheetGrid } from "../../src/core/grid";

const formula = fc.oneof(
  fc.constantFrom("40+9", "=2*3", "1/0", "10%", "(1+2)*3", "-4^2", "D5/12", "SUM(A1:A3)", "ROW(A2)/100", "C5*0+12", "A1", "'Log'!B2+1", "\"tekst\"", "1+", "2**3"),
  fc.integer({ min: 1, max: 600 }).map((n) => Array.from({ length: n }, () => "1").join("+")),
);
const cached: fc.Arbitrary<Cell> = fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constant("12"), fc.constant(true), fc.constant({ error: FORMULA_WITHOUT_RESULT }), fc.constant({ error: "#DIV/0!" }), fc.constant(null));

test("property: the engine resolves a sheet's formulas alike with every formula or only those formulaMayMatter keeps", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(formula, cached), { minLength: 1, maxLength: 12 }), fc.constantFrom<CalcMode | undefined>(undefined, "auto", "manual", "autoNoTable"), (cells, calcMode) => {
      const values = [cells.map(([, v]) => v)];
      const all: Record<string, string> = {};
      cells.forEach(([f], c) => (all[a1(0, c)] = f.replace(/^=/, "")));
      const kept = Object.fromEntries(Object.entries(all).filter(([, f]) => formulaMayMatter(f, calcMode)));
      const sheet = (formulas: Record<string, string>): SheetGrid => ({ name: "Log", visibility: "visible", originRow: 0, originCol: 0, values, ...(Object.keys(formulas).length > 0 ? { formulas } : {}) });
      const [a] = resolveFormulas({ sheets: [sheet(all)], ...(calcMode ? { calcMode } : {}) });
      const [b] = resolveFormulas({ sheets: [sheet(kept)], ...(calcMode ? { calcMode } : {}) });
      if (!a || !b) throw new Error("no sheet");
      expect(b.values).toStrictEqual(a.values);
      for (const cell of Object.keys(all)) expect(formulaNote(b, cell)).toStrictEqual(formulaNote(a, cell));
    }),
    { numRuns: 300 },
  );
});

test("a formula the engine passes over is left out, unless the file calculates by hand", () => {
  expect(formulaMayMatter("ROW(A2)/100", undefined)).toBe(false);
  expect(formulaMayMatter("ROW(A2)/100", "manual")).toBe(true);
  expect(formulaMayMatter("40+9", undefined)).toBe(true);
});
