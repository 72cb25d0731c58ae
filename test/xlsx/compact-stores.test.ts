/**
 * The reader's compact stores (issue 20: a million rows of formulas or formatted columns under
 * 1 GB): StrictNumbers (src/xlsx/inspect.ts) answers as the Map it replaced, and CellDetails
 * (src/xlsx/cell-details.ts) gives back what was added, by position. The grid built on them is
 * checked against exceljs's own cells in test/xlsx/sheet-scan.test.ts and
 * test/cli/delivery-extras.test.ts; these check the stores alone, on random input.
 */
import fc from "fast-check";
import { strFromU8, strToU8 } from "fflate";
import { partText } from "../../src/xlsx/part-text";
import { CellDetails, UNREADABLE_FORMULA } from "../../src/xlsx/cell-details";
import { cellKey, scanSheetValues, StrictNumbers } from "../../src/xlsx/inspect";

describe("StrictNumbers", () => {
  test("property: answers every key as a Map set in the same order would (the last value set wins), in any order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1_048_575 }), fc.integer({ min: 0, max: 16_383 }), fc.double({ noNaN: true })), { maxLength: 300 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 1_048_575 }), fc.integer({ min: 0, max: 16_383 })), { maxLength: 50 }), (sets, probes) => {
        const map = new Map<number, number>();
        const store = new StrictNumbers();
        for (const [r, c, v] of sets) {
          map.set(cellKey(r, c), v);
          store.set(cellKey(r, c), v);
        }
        expect(store.size).toBe(map.size);
        for (const [k, v] of map) expect(Object.is(store.get(k), v)).toBe(true);
        for (const [r, c] of probes) expect(store.get(cellKey(r, c))).toBe(map.get(cellKey(r, c)));
      }),
      { numRuns: 200 },
    );
  });

  test("the inspector fills it as it filled the Map: a repeated cell keeps its last number, -0 stays -0", () => {
    const store = new StrictNumbers();
    scanSheetValues('<sheetData><row r="2"><c r="C2"><v>5</v></c><c r="A2"><v>-0</v></c><c r="C2"><v>7</v></c></row><row r="1"><c r="B1"><v>1e3</v></c></row></sheetData>', store);
    expect(store.get(cellKey(1, 2))).toBe(7);
    expect(Object.is(store.get(cellKey(1, 0)), -0)).toBe(true);
    expect(store.get(cellKey(0, 1))).toBe(1000);
    expect(store.get(cellKey(0, 0))).toBeUndefined();
    expect(() => store.set(0, 1)).toThrow();
  });
});

describe("CellDetails", () => {
  test("property: every cell added is found at its position with its format, formula flag and text; no other position is", () => {
    const formats = ["0%", "0.00%", "#,##0", "yyyy-mm-dd"];
    const cell = fc.record({
      fmt: fc.option(fc.constantFrom(...formats), { nil: undefined }),
      isFormula: fc.boolean(),
      text: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 1_048_576 }), fc.integer({ min: 1, max: 16_384 })), { selector: ([r, c]) => `${r}:${c}`, maxLength: 200 }), fc.array(cell, { minLength: 200, maxLength: 200 }), (positions, cells) => {
        const sorted = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const d = new CellDetails();
        sorted.forEach(([r, c], i) => {
          const x = cells[i] as { fmt?: string; isFormula: boolean; text?: string };
          d.add(r, c, x.fmt, x.isFormula, x.text);
        });
        d.finish();
        expect(d.size).toBe(sorted.length);
        sorted.forEach(([r, c], i) => {
          const x = cells[i] as { fmt?: string; isFormula: boolean; text?: string };
          const at = d.find(r, c);
          expect(at).toBe(i);
          expect([d.rowOf(at), d.colOf(at)]).toEqual([r, c]);
          expect(d.numFmt(at)).toBe(x.fmt);
          expect(d.isFormula(at)).toBe(x.isFormula);
          expect(d.formula(at)).toBe(x.isFormula ? x.text : undefined);
          expect(d.rowStart(r)).toBe(sorted.findIndex(([rr]) => rr === r));
        });
        const taken = new Set(sorted.map(([r, c]) => `${r}:${c}`));
        for (const [r, c] of [[1, 1], [1_048_576, 16_384], [500, 3]] as const) if (!taken.has(`${r}:${c}`)) expect(d.find(r, c)).toBe(-1);
      }),
      { numRuns: 150 },
    );
  });

  test("a shared formula's cell gets its text from eachPending, with its master's position; cells out of order are refused", () => {
    const d = new CellDetails();
    d.add(2, 1, "0%", true, "ROW(A2)/100");
    d.add(3, 1, "0%", true, undefined, { row: 2, col: 1 });
    d.add(4, 1, undefined, true, undefined, { row: 2, col: 1 });
    expect(d.isSharedChild(1)).toBe(true);
    expect(d.isSharedChild(0)).toBe(false);
    const seen: [number, number, number][] = [];
    d.eachPending((i, r, c) => {
      seen.push([i, r, c]);
      return i === 1 ? "ROW(A3)/100" : UNREADABLE_FORMULA;
    });
    expect(seen).toEqual([
      [1, 2, 1],
      [2, 2, 1],
    ]);
    d.finish();
    expect(d.formula(1)).toBe("ROW(A3)/100");
    expect(d.formula(2)).toBe(UNREADABLE_FORMULA);
    expect(d.pendingCount).toBe(0);
    expect(() => d.add(4, 1, undefined, false, undefined)).toThrow("out of order");
  });
});

describe("partText", () => {
  test("property: the same text as fflate's strFromU8, for ASCII (joined chunks) and any other UTF-8 (decoded), past a chunk's length; decoded once", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom("a", "<", "&", "\n", "\t", "~", "\u007f"), maxLength: 40_000 }), fc.string({ unit: "grapheme", maxLength: 2_000 })), (text) => {
        const bytes = strToU8(text);
        const once = partText(bytes);
        expect(once).toBe(strFromU8(bytes));
        expect(partText(bytes)).toBe(once);
      }),
      { numRuns: 60 },
    );
    const long = strToU8(`<row r="1">${"<c><v>1</v></c>".repeat(5_000)}</row>`);
    expect(long.length).toBeGreaterThan(3 * 16_384);
    expect(partText(long)).toBe(strFromU8(long));
  });
});
