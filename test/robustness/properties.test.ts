/**
 * Property-based tests (fast-check) of the engine: random grids never break the parser and every
 * issue points at a real place; valid data is never refused; the calculation's invariants hold;
 * and the template round-trips through real .xlsx files and the CLI.
 *
 * Seeds are fixed so a run is reproducible. A counterexample that ever found a bug is kept as a
 * named case in regressions.test.ts.
 */
import fc from "fast-check";
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { calculate, toJson, validate } from "../../src/core";
import { StatusJsonSchema } from "../../src/core/json";
import type { UnitResult } from "../../src/core/compute";
import type { Cell, SheetGrid, WorkbookGrid } from "../../src/core/grid";
import { COMBINED_SCHEMES, GROUP_KEYS, SCHEME_KEYS } from "../support/builtin-schemes";
import { normalizeCode } from "../../src/core/text";
import { DEFAULT_UNIT_CODES } from "../../src/core/units";
import { BUILT_IN_WEIGHTS } from "../../src/core/weights";
import { issueMessage } from "../../src/messages/da";
import { runCli, stderrBesidesWritten, tempDir } from "../support/cli";
import { excelNumber } from "../../src/core/numbers";
import { buildWorkbook, cellArb, forloebAtLeastStatus, plausible, otherLayout, randomWorkbookArb, scaled, SHEET_NAME_POOL, validArb, type Truth } from "./arbitraries";
import { gridToExcel, messageProblems, placementProblems } from "./helpers";

const relClose = (a: number, b: number, rel: number): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

/** Runs every entry point on a workbook and checks that nothing throws and every issue is well placed. */
function checkAnyWorkbook(wb: WorkbookGrid, ark: string | undefined): void {
  const v = validate(wb);
  const one = ark === undefined ? v : validate(wb, ark);
  const c = calculate(wb);
  for (const issues of [v.issues, one.issues, c.issues]) {
    expect(placementProblems(wb, issues)).toEqual([]);
    expect(messageProblems(issues)).toEqual([]);
    for (const i of issues) expect(issueMessage(i).length).toBeGreaterThan(0);
  }
  // The JSON document of `beregn --json` is always valid against its published schema.
  expect(StatusJsonSchema.safeParse(toJson(c.result)).success).toBe(true);
  if (c.report) {
    expect(c.report.values.length).toBeGreaterThan(0);
    for (const row of c.report.values) for (const x of row) expect(x === null || typeof x === "string" || Number.isFinite(x)).toBe(true);
  }
}

describe("random grids", () => {
  it("never make the parser throw; every issue names a sheet that exists and a cell in or next to its used range", () => {
    fc.assert(
      fc.property(randomWorkbookArb, fc.option(fc.constantFrom(...SHEET_NAME_POOL), { nil: undefined }), (wb, ark) => checkAnyWorkbook(wb, ark)),
      { seed: 41_001, numRuns: 400 },
    );
  });

  it("nor do valid workbooks with random cells overwritten, rows deleted or duplicated", () => {
    const mutation = fc.record({
      kind: fc.constantFrom("set", "set", "set", "delete", "duplicate"),
      sheet: fc.nat(),
      row: fc.nat({ max: 30 }),
      col: fc.nat({ max: 6 }),
      cell: cellArb,
    });
    fc.assert(
      fc.property(validArb, fc.array(mutation, { minLength: 1, maxLength: 6 }), ({ truth, layout }, mutations) => {
        const wb = buildWorkbook(truth, layout);
        const sheets: SheetGrid[] = wb.sheets.map((s) => ({ ...s, values: s.values.map((r) => [...r]) }));
        for (const m of mutations) {
          const s = sheets[m.sheet % sheets.length] as SheetGrid;
          const values = s.values as Cell[][];
          const r = values.length === 0 ? 0 : m.row % values.length;
          if (m.kind === "set") {
            const row = (values[r] ??= []);
            row[m.col] = m.cell;
          } else if (m.kind === "delete") values.splice(r, 1);
          else if (values[r]) values.splice(r, 0, [...(values[r] as Cell[])]);
        }
        checkAnyWorkbook({ sheets }, sheets[0]?.name);
      }),
      { seed: 41_002, numRuns: 200 },
    );
  });
});

const excel = (v: number | undefined): number | undefined => (v === undefined ? undefined : excelNumber(v));

describe("valid data", () => {
  it("is never reported as invalid, whatever the layout, and is read exactly", () => {
    fc.assert(
      fc.property(validArb, ({ truth, layout }) => {
        const wb = buildWorkbook(truth, layout);
        const out = calculate(wb);
        expect(out.issues).toEqual([]);
        expect(out.report).not.toBeNull();
        expect(out.result.year).toBe(truth.year);
        for (const u of truth.units) {
          const r = out.result.forvaltninger.find((x) => x.code === normalizeCode(u.code));
          expect(r).toBeDefined();
          const got = r as UnitResult;
          for (const k of SCHEME_KEYS) {
            if (k === "fritidsjob" && truth.weights.fritidsjob === 0) expect(got.status.fritidsjob).toBeNull();
            // Read as Excel holds it: 15 significant digits (numbers.ts, excelNumber).
            else expect(got.status[k]).toBe(excel(u.status[k]));
          }
          expect([got.forloeb.loentilskud, got.forloeb.virksomhedspraktik, got.forloeb.smaajob]).toEqual(u.forloeb);
          expect(got.maal.samlet).toBe(excel(u.maal.samlet));
          expect(got.maal.fleksjob).toBe(excel(u.maal.fleksjob));
        }
      }),
      { seed: 41_003, numRuns: 200 },
    );
  });
});

describe("the calculation's invariants", () => {
  it("KK is the sum of the forvaltninger, for every status and every forløb", () => {
    fc.assert(
      fc.property(validArb, ({ truth, layout }) => {
        const { kk, forvaltninger } = calculate(buildWorkbook(truth, layout)).result;
        expect(kk).not.toBeNull();
        const k = kk as UnitResult;
        for (const s of [...SCHEME_KEYS, "samlet"] as const) {
          if (s === "fritidsjob" && truth.weights.fritidsjob === 0) continue;
          const sum = forvaltninger.reduce((a, u) => a + (u.status[s] ?? 0), 0);
          expect(relClose(k.status[s] ?? NaN, sum, 1e-12)).toBe(true);
        }
        for (const f of [...COMBINED_SCHEMES, "i_alt"] as const) {
          expect(k.forloeb[f]).toBe(forvaltninger.reduce((a, u) => a + (u.forloeb[f] ?? NaN), 0));
        }
      }),
      { seed: 41_004, numRuns: 150 },
    );
  });

  it("the weighted total lies between the smallest and the largest weighted component", () => {
    fc.assert(
      fc.property(validArb, ({ truth, layout }) => {
        const { kk, forvaltninger } = calculate(buildWorkbook(truth, layout)).result;
        for (const u of [...forvaltninger, kk as UnitResult]) {
          const m = u.maalopfyldelse;
          expect(m).not.toBeNull();
          if (!m) continue;
          const parts = GROUP_KEYS.filter((g) => truth.weights[g] > 0).map((g) => m[g] as number);
          const lo = Math.min(...parts);
          const hi = Math.max(...parts);
          const slack = 1e-9 * Math.max(1, Math.abs(hi));
          expect(m.vaegtet).toBeGreaterThanOrEqual(lo - slack);
          expect(m.vaegtet).toBeLessThanOrEqual(hi + slack);
        }
      }),
      { seed: 41_005, numRuns: 150 },
    );
  });

  it("the order of rows within sheets and of sheets in the workbook does not matter", () => {
    fc.assert(
      fc.property(validArb, ({ truth, layout }) => {
        const a = calculate(buildWorkbook(truth, layout)).result;
        const b = calculate(buildWorkbook(truth, otherLayout(layout))).result;
        // The figures do not depend on the layout; the cells they came from (sources) do, of course.
        const figures = (u: UnitResult | null) => (u ? { ...u, sources: null } : null);
        const byCode = (us: readonly UnitResult[]) => [...us].sort((x, y) => x.code.localeCompare(y.code)).map(figures);
        expect(byCode(b.forvaltninger)).toEqual(byCode(a.forvaltninger));
        expect(figures(b.kk)).toEqual(figures(a.kk));
        expect(b.year).toBe(a.year);
        expect(b.weights).toEqual(a.weights);
        expect(b.issues.map((i) => i.code).sort()).toEqual(a.issues.map((i) => i.code).sort());
      }),
      { seed: 41_006, numRuns: 150 },
    );
  });

  it("scaling every status and target by the same factor leaves målopfyldelse unchanged", () => {
    fc.assert(
      // Base values are at most 10,000 (typed sums of three at most 30,000): ×30 stays within the plausible 1,000,000.
      fc.property(validArb, fc.integer({ min: 2, max: 30 }), ({ truth, layout }, k) => {
        const a = calculate(buildWorkbook(truth, layout)).result;
        // Scaling can lift a tiny fritidsjob over the size where the out-of-scale warning starts.
        fc.pre(plausible(scaled(truth, k)));
        const b = calculate(buildWorkbook(scaled(truth, k), layout)).result;
        expect(b.issues).toEqual([]);
        const units = (r: typeof a) => [...r.forvaltninger, r.kk as UnitResult];
        const ua = units(a);
        const ub = units(b);
        expect(ub.map((u) => u.code)).toEqual(ua.map((u) => u.code));
        ua.forEach((u, i) => {
          const ma = u.maalopfyldelse;
          const mb = ub[i]?.maalopfyldelse;
          expect(ma && mb).toBeTruthy();
          if (!ma || !mb) return;
          for (const key of ["samlet", "fleksjob", "fritidsjob", "vaegtet"] as const) {
            const x = ma[key];
            const y = mb[key];
            if (x === null || y === null || x === undefined || y === undefined) expect(y).toBe(x);
            else expect(relClose(x, y, 1e-9)).toBe(true);
          }
        });
      }),
      { seed: 41_007, numRuns: 150 },
    );
  });
});

describe("round trip through the CLI", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const status = fc.oneof(fc.double({ min: 0, max: 100_000, noNaN: true }), fc.integer({ min: 0, max: 100_000 }));
  const whole = fc.integer({ min: 0, max: 100_000 });
  const target = fc.oneof(fc.double({ min: 0.001, max: 100_000, noNaN: true }), fc.integer({ min: 1, max: 100_000 }));
  const unit = fc
    .record({ status: fc.tuple(status, status, status, whole, status), forloeb: fc.tuple(whole, whole, whole), maal: fc.tuple(target, target, target) })
    .map((u) => ({ ...u, forloeb: forloebAtLeastStatus(u.forloeb, u.status) }));
  const filling = fc
    .record({
      year: fc.constantFrom(2024, 2025, 2031),
      units: fc.tuple(...DEFAULT_UNIT_CODES.map(() => unit)),
    });
    // Implausible data is fine here: an out-of-scale figure is a warning, used as typed (exit code 0).

  it("skabelon, then fill random values, then beregn gives back exactly the values put in", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(filling, async ({ year, units }) => {
        n++;
        const template = path.join(dir, `skabelon-${n}.xlsx`);
        expect((await runCli("skabelon", "--aar", String(year), "-o", template)).code).toBe(0);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(template);
        const maal = wb.getWorksheet("Måltal") as ExcelJS.Worksheet;
        DEFAULT_UNIT_CODES.forEach((code, i) => {
          const u = units[i] as (typeof units)[number];
          expect(maal.getCell(4 + i, 1).value).toBe(code);
          u.maal.forEach((v, g) => (maal.getCell(4 + i, 3 + g).value = v));
          const ws = wb.getWorksheet(code) as ExcelJS.Worksheet;
          u.status.forEach((v, k) => (ws.getCell(5 + k, 2).value = v));
          u.forloeb.forEach((v, k) => (ws.getCell(5 + k, 3).value = v));
        });
        if (!BUILT_IN_WEIGHTS[year]) {
          const s = wb.getWorksheet("Indstillinger") as ExcelJS.Worksheet;
          [50, 44, 6].forEach((w, i) => (s.getCell(4, 2 + i).value = w));
        }
        const filled = path.join(dir, `udfyldt-${n}.xlsx`);
        await wb.xlsx.writeFile(filled);
        const run = await runCli("beregn", filled, "-o", path.join(dir, `status-${n}.xlsx`), "--json");
        expect(stderrBesidesWritten(run)).toBe("");
        expect(run.code).toBe(0);
        const doc = StatusJsonSchema.parse(JSON.parse(run.stdout));
        const weights = BUILT_IN_WEIGHTS[year] ?? { fritidsjob: 0.06 };
        DEFAULT_UNIT_CODES.forEach((code, i) => {
          const u = units[i] as (typeof units)[number];
          const got = doc.forvaltninger[i];
          expect(got?.code).toBe(code);
          const [l, v, s, f, fr] = u.status.map(excelNumber) as [number, number, number, number, number];
          expect(got?.status).toEqual({ loentilskud: l, virksomhedspraktik: v, smaajob: s, samlet: l + v + s, fleksjob: f, fritidsjob: (weights.fritidsjob ?? 0) > 0 ? fr : null });
          expect(got?.forloeb).toEqual({ loentilskud: u.forloeb[0], virksomhedspraktik: u.forloeb[1], smaajob: u.forloeb[2], i_alt: u.forloeb[0] + u.forloeb[1] + u.forloeb[2] });
          expect(got?.maal).toEqual({ samlet: excel(u.maal[0]), fleksjob: excel(u.maal[1]), fritidsjob: excel(u.maal[2]) });
        });
      }),
      { seed: 41_008, numRuns: 8 },
    );
  }, 60_000);
});

describe("random grids through the CLI", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("written as real .xlsx files, never crash the CLI: exit 0 or 1, nothing on stderr, valid JSON", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(randomWorkbookArb, async (wb) => {
        n++;
        const file = path.join(dir, `tilfaeldig-${n}.xlsx`);
        await gridToExcel(wb).xlsx.writeFile(file);
        const v = await runCli("valider", file, "--json");
        expect(v.stderr).toBe("");
        expect([0, 1]).toContain(v.code);
        expect(() => JSON.parse(v.stdout)).not.toThrow();
        const b = await runCli("beregn", file, "-o", path.join(dir, `tilfaeldig-${n}-status.xlsx`), "--json");
        expect(stderrBesidesWritten(b)).toBe("");
        expect([0, 1]).toContain(b.code);
        expect(StatusJsonSchema.safeParse(JSON.parse(b.stdout)).success).toBe(true);
      }),
      { seed: 41_010, numRuns: 15 },
    );
  }, 60_000);
});

/** The valid-workbook generator itself: the truth it builds is what a department would type. */
describe("the generators", () => {
  it("build one sheet per forvaltning, plus Måltal and, for years without built-in weights, Indstillinger", () => {
    fc.assert(
      fc.property(validArb, ({ truth, layout }: { truth: Truth; layout: Parameters<typeof buildWorkbook>[1] }) => {
        const wb = buildWorkbook(truth, layout);
        expect(wb.sheets.length).toBe(truth.units.length + 1 + (truth.settings ? 1 : 0));
      }),
      { seed: 41_009, numRuns: 20 },
    );
  });
});
