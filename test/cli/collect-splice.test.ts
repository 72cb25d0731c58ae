/**
 * `saml` and `gendan` spliced at zip level (src/cli/collect-splice.ts, issue 20): the analyst's
 * parts are copied as stored, so a chart over a department sheet, a defined name, a formula on
 * another sheet pointing at a department sheet, a conditional format and a note all survive
 * (exceljs's load and save dropped the chart). The analyst's workbook and the departments' files
 * are built here by script. Each copy is compared part by part with the input, read back with the
 * figures' reader against the exceljs executor's copy of the same workbook (a package the splice
 * refuses), and checked by the Open XML SDK validator.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import fc from "fast-check";
import ExcelJS from "../../src/cli/exceljs";
import { calculate, type SheetAction } from "../../src/core";
import { loadWorkbook } from "../../src/cli/command";
import { applyCollect } from "../../src/cli/xlsx-collect";
import { keepAsRead, openOn } from "../../src/cli/xlsx-write";
import { loadExampleData, type ExampleData } from "../../src/cli/example";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { spliceCollect } from "../../src/cli/collect-splice";
import { fillTemplate, readXlsx, runCli, snapshotSheet, tempDir } from "../support/cli";
import { describeErrors, validateOoxml } from "../support/ooxml";
import { fillForvaltning } from "../collect/support";
import { chartsOf, withChart } from "../corpus/chart";
import { sheetParts } from "../host/xlsx-charts";
import { DEFAULT_UNIT_CODES } from "../../src/core/units";
import { addFeatures, CORPUS_FEATURES, patchBytes, type CorpusFeature } from "../corpus/workbooks";
import { analystWorkbook as corpusAnalyst, bytesOf, departmentWorkbook } from "../addin/collect-fixtures";

let dir: string;
let data: ExampleData;
/** The analyst's workbook (spliced) and the same workbook with a comment in its styles (the splice refuses it: exceljs writes). */
let hoved: string;
let hovedFallback: string;
const dept: Record<string, string> = {};

type Parts = Record<string, Uint8Array>;
const partsOf = async (file: string): Promise<Parts> => unzipSync(new Uint8Array(await fs.readFile(file)));
const text = (p: Parts, name: string): string => strFromU8(p[name] as Uint8Array);

/** The analyst's workbook: the template with Måltal filled, SUF's sheet removed (so SUF is inserted), and the analyst's own things. */
async function analystWorkbook(): Promise<Uint8Array> {
  const blank = path.join(dir, "blank-hoved.xlsx");
  expect((await runCli("skabelon", "--aar", "2025", "-o", blank)).code).toBe(0);
  const wb = await readXlsx(blank);
  fillTemplate(wb, { ...data, departments: {} });
  const kk = data.maaltal.KK;
  if (!kk) throw new Error("no KK targets");
  (wb.getWorksheet("Måltal") as ExcelJS.Worksheet).addRow(["KK", "Københavns Kommune", kk.samlet, kk.fleksjob, kk.fritidsjob ?? null]);
  wb.removeWorksheet((wb.getWorksheet("SUF") as ExcelJS.Worksheet).id);
  // A conditional format on a department sheet: the sheet is no longer blank, so taking BUF's file
  // is the analyst's choice (--erstat); BUF is then kept and filled in place, and the format stays.
  (wb.getWorksheet("BUF") as ExcelJS.Worksheet).addConditionalFormatting({
    ref: "B5:B9",
    rules: [{ type: "cellIs", operator: "greaterThan", formulae: ["100"], priority: 1, style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } } }],
  });
  // The analyst's own sheet: a formula and a name pointing at BUF, and a note.
  const analyse = wb.addWorksheet("Analyse");
  analyse.getCell("A1").value = "BUF i alt";
  analyse.getCell("A1").note = "Analytikerens note";
  analyse.getCell("B1").value = { formula: "SUM(BUF!B5:B9)", result: 0 };
  analyse.getCell("B2").value = { formula: "BUF_loentilskud*2", result: 0 };
  wb.definedNames.add("BUF!$B$5", "BUF_loentilskud");
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  // A chart on »Analyse« over BUF's figures (exceljs cannot write charts: spliced in by script).
  return withChart(bytes, { sheet: "Analyse", name: "BUF!$B$4", categories: "BUF!$A$5:$A$9", values: "BUF!$B$5:$B$9" });
}

/** The same package with an XML comment in its styles: not read by the splice, so exceljs writes the copy. */
function refusedBySplice(xlsx: Uint8Array): Uint8Array {
  const files = unzipSync(xlsx);
  files["xl/styles.xml"] = strToU8(text(files, "xl/styles.xml").replace(/<styleSheet\b[^>]*>/, (m) => `${m}<!-- x -->`));
  return zipSync(files);
}

async function departmentFile(code: string, scale = 1): Promise<string> {
  const blank = path.join(dir, `blank-${code}-${scale}.xlsx`);
  expect((await runCli("skabelon", "--aar", "2025", "--forvaltning", code, "-o", blank)).code).toBe(0);
  const wb = await readXlsx(blank);
  fillForvaltning(wb, code, data, scale);
  const file = path.join(dir, `${code}-${scale}.xlsx`);
  // A department's chart over its own figures: a department's file is untrusted, only its values may enter.
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  await fs.writeFile(file, withChart(bytes, { sheet: code, name: `${code}!$B$4`, categories: `${code}!$A$5:$A$9`, values: `${code}!$B$5:$B$9` }));
  return file;
}

beforeAll(async () => {
  dir = await tempDir();
  data = await loadExampleData();
  const bytes = await analystWorkbook();
  hoved = path.join(dir, "HOVED.xlsx");
  hovedFallback = path.join(dir, "HOVED-fallback.xlsx");
  await fs.writeFile(hoved, bytes);
  await fs.writeFile(hovedFallback, refusedBySplice(bytes));
  for (const [code, scale] of [["BIF", 1], ["BUF", 1], ["SUF", 1], ["KFF", 1], ["BUF", 2], ["BUF", 3]] as const) dept[`${code}${scale}`] = await departmentFile(code, scale);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The parts of sheet `name` in a package, by its tab name. */
function partOf(p: Parts, name: string): string {
  const part = sheetParts(p).get(name);
  if (!part) throw new Error(`no sheet ${name}`);
  return part;
}

/** Parts the splice writes anew whatever it does (the package's frame). */
const FRAME = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml", "xl/sharedStrings.xml"]);
/** A sheet part without what filling it in place rewrites: its cells, merges and used range. */
const outsideCells = (xml: string): string => xml.replace(/<sheetData\b[^>]*\/>|<sheetData\b[^>]*>[\s\S]*?<\/sheetData>/, "").replace(/<mergeCells\b[^>]*>[\s\S]*?<\/mergeCells>/, "").replace(/<dimension\b[^>]*\/>/, "");
const withoutSelection = (xml: string): string => xml.replace(/\stabSelected="[^"]*"/g, "");

/**
 * Every part of `input` is in `output` byte for byte, but the frame, the sheets `filled` (the same
 * outside their cells and merges) and the selected tab (the copy opens on its first sheet); the
 * chart, the drawing, the note and the analyst's sheet among them.
 */
function expectKept(input: Parts, output: Parts, filled: readonly string[]): void {
  const filledParts = new Set(filled.map((n) => partOf(input, n)));
  let exact = 0;
  for (const name of Object.keys(input)) {
    if (FRAME.has(name) || name.endsWith("/")) continue;
    if (name === "xl/calcChain.xml") continue;
    expect(output[name]).toBeDefined();
    const a = text(input, name);
    const b = text(output, name);
    if (filledParts.has(name)) expect(outsideCells(b)).toBe(outsideCells(a));
    else if (a !== b) expect(withoutSelection(b)).toBe(withoutSelection(a));
    else exact++;
  }
  expect(exact).toBeGreaterThan(5);
  // Nothing else enters: the only new parts are the new sheets (values only), no part of a department's file.
  for (const name of Object.keys(output).filter((n) => !(n in input))) expect(name).toMatch(/^xl\/worksheets\/sheet\d+\.xml$|^xl\/sharedStrings\.xml$/);
  expect(chartsOf(zipSync(output))).toEqual(chartsOf(zipSync(input)));
  for (const part of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", partOf(input, "Analyse")]) expect(text(output, part)).toBe(text(input, part));
  const comments = Object.keys(input).filter((n) => /comments\d*\.xml$|\.vml$/.test(n));
  expect(comments.length).toBeGreaterThan(0);
  for (const c of comments) expect(text(output, c)).toBe(text(input, c));
  // The analyst's names are the input's, unchanged.
  const names = (p: Parts) => /<definedNames>[\s\S]*?<\/definedNames>/.exec(text(p, "xl/workbook.xml"))?.[0];
  expect(names(output)).toBe(names(input));
  expect(names(input)).toContain("BUF_loentilskud");
}

/** The chart's series and the analyst's formulas name sheets the copy has, BUF among them, visible. */
async function expectResolving(file: string): Promise<void> {
  const p = await partsOf(file);
  const charts = chartsOf(new Uint8Array(await fs.readFile(file)));
  expect(charts.length).toBe(1);
  const sheets = [...sheetParts(p).keys()];
  for (const ref of charts[0]?.refs ?? []) expect(sheets).toContain(ref.replace(/!.*$/, "").replace(/^'|'$/g, ""));
  const wb = await readXlsx(file);
  expect(wb.getWorksheet("BUF")?.state).toBe("visible");
  expect(wb.getWorksheet("Analyse")?.getCell("B1").formula).toBe("SUM(BUF!B5:B9)");
  expect(wb.definedNames.getRanges("BUF_loentilskud").ranges).toEqual(["BUF!$B$5"]);
}

/** Each sheet's name, visibility, values and merges as the figures' reader reads them. */
const readBack = async (file: string) => readWorkbookGrid(await readXlsx(file)).sheets.map((s) => ({ name: s.name, visibility: s.visibility, values: s.values, merges: [...(s.merges ?? [])].sort(), originRow: s.originRow, originCol: s.originCol }));
/** Every cell of every sheet as exceljs reads it back: value, formula, number format, font, fill, border, alignment. */
const cellsOf = async (file: string) => (await readXlsx(file)).worksheets.map((ws) => JSON.parse(snapshotSheet(ws)) as unknown);

async function expectValid(file: string): Promise<void> {
  const result = await validateOoxml(file);
  expect(describeErrors(result)).toEqual([]);
  expect(result.ok).toBe(true);
}

/** Runs saml on the analyst's workbook and on its fallback twin; both copies must read the same. */
async function samlBoth(main: string, twin: string, files: readonly string[], flags: readonly string[], tag: string): Promise<{ out: string; fallback: string }> {
  const out = path.join(dir, `${tag}.xlsx`);
  const fallback = path.join(dir, `${tag}-exceljs.xlsx`);
  const a = await runCli("saml", main, ...files, "-o", out, ...flags);
  const b = await runCli("saml", twin, ...files, "-o", fallback, ...flags);
  expect(a.stderr).toBe("");
  // The same overview, problems and exit code as the exceljs executor's run.
  expect([a.code, a.stdout]).toEqual([b.code, b.stdout.replace(/-exceljs\.xlsx/g, ".xlsx").replace(/HOVED-fallback/g, "HOVED")]);
  expect(a.stdout).toContain(`Der er indsat`);
  // Cell for cell the same values and formats as the exceljs executor's copy.
  expect(await cellsOf(out)).toEqual(await cellsOf(fallback));
  return { out, fallback };
}

async function figures(file: string): Promise<string> {
  // Forvaltninger that have not delivered yet are errors (exit 1); the figures are printed all the same.
  const run = await runCli("beregn", file, "-o", `${file}-status.xlsx`, "--json");
  expect([0, 1]).toContain(run.code);
  return `${run.code}\n${run.stdout}`;
}

describe("saml's copy, spliced", () => {
  let first: { out: string; fallback: string };
  let second: { out: string; fallback: string };

  it("inserting, filling and replacing: every part of the analyst's it did not write is as stored, the chart too; the same values as exceljs's copy", async () => {
    first = await samlBoth(hoved, hovedFallback, [dept.BIF1, dept.BUF1, dept.SUF1] as string[], ["--erstat"], "first");
    const input = await partsOf(hoved);
    const output = await partsOf(first.out);
    expectKept(input, output, ["BIF", "BUF"]);
    // exceljs's copy lost the chart: the splice is what kept it.
    expect(chartsOf(new Uint8Array(await fs.readFile(first.fallback)))).toEqual([]);
    // BUF keeps its conditional format and gets the department's values; SUF is added.
    expect(text(output, partOf(output, "BUF"))).toContain("<conditionalFormatting");
    expect(sheetParts(output).has("SUF")).toBe(true);
    expect(await readBack(first.out)).toEqual(await readBack(first.fallback));
    await expectResolving(first.out);
    expect(text(output, "xl/workbook.xml")).toMatch(/fullCalcOnLoad="1"/);
  });

  it("gives beregn's figures, the same as exceljs's copy", async () => {
    const a = await figures(first.out);
    expect(a).toBe(await figures(first.fallback));
    const grid = calculate(readWorkbookGrid(await readXlsx(first.out)));
    // The delivered sheets have no error (the forvaltninger that have not delivered yet do).
    expect(grid.issues.filter((i) => i.severity === "error" && ["BIF", "BUF", "SUF"].includes(i.sheet ?? ""))).toEqual([]);
    expect(grid.result.forvaltninger.find((u) => u.code === "BUF")?.status.fleksjob).toBe(data.departments.BUF?.status.fleksjob);
  });

  it("replacing (--erstat) keeps the old BUF whole as a hidden copy and fills BUF in place; the chart and formulas still point at BUF", async () => {
    second = await samlBoth(first.out, first.fallback, [dept.BUF2] as string[], ["--erstat"], "second");
    const input = await partsOf(first.out);
    const output = await partsOf(second.out);
    expectKept(input, output, ["BUF"]);
    // The kept copy is the old BUF's part as stored (its view unselected).
    const keptAs = [...sheetParts(output).keys()].filter((n) => !sheetParts(input).has(n));
    expect(keptAs).toEqual(["BUF (erstattet 2)"]);
    expect(withoutSelection(text(output, partOf(output, "BUF (erstattet 2)")))).toBe(withoutSelection(text(input, partOf(input, "BUF"))));
    expect(await readBack(second.out)).toEqual(await readBack(second.fallback));
    expect(await figures(second.out)).toBe(await figures(second.fallback));
    await expectResolving(second.out);
    const wb = await readXlsx(second.out);
    expect(wb.getWorksheet("BUF (erstattet 2)")?.state).toBe("hidden");
    expect(wb.getWorksheet("BUF")?.getCell("B5").value).toBe((data.departments.BUF?.status.loentilskud ?? 0) * 2);
  });

  it("skipping (--spring-over) leaves BUF as it was and fills KFF", async () => {
    const third = await samlBoth(second.out, second.fallback, [dept.BUF3, dept.KFF1] as string[], ["--spring-over"], "third");
    const input = await partsOf(second.out);
    const output = await partsOf(third.out);
    expectKept(input, output, ["KFF"]);
    expect(text(output, partOf(output, "BUF"))).toBe(text(input, partOf(input, "BUF")));
    expect(await readBack(third.out)).toEqual(await readBack(third.fallback));
    expect(await figures(third.out)).toBe(await figures(third.fallback));
  });

  it("writes files the Open XML SDK validator accepts", async () => {
    for (const f of [first.out, second.out]) await expectValid(f);
  });

  it("gendan brings the kept copy back by changing only the workbook's list of sheets; everything else is as stored", async () => {
    const out = path.join(dir, "gendan.xlsx");
    const fallback = path.join(dir, "gendan-exceljs.xlsx");
    expect((await runCli("gendan", second.out, "BUF", "-o", out)).code).toBe(0);
    expect((await runCli("gendan", second.fallback, "BUF", "-o", fallback)).code).toBe(0);
    const input = await partsOf(second.out);
    const output = await partsOf(out);
    for (const name of Object.keys(input)) {
      if (FRAME.has(name) || name.endsWith("/")) continue;
      expect(withoutSelection(text(output, name))).toBe(withoutSelection(text(input, name)));
    }
    expect(Object.keys(output).sort()).toEqual(Object.keys(input).sort());
    // The restored sheet is the newest kept copy's part; the replaced one is kept in turn.
    const before = [...sheetParts(input).keys()];
    const after = [...sheetParts(output).keys()];
    const restored = before.filter((n) => !after.includes(n));
    const keptNow = after.filter((n) => !before.includes(n));
    expect(restored).toHaveLength(1);
    expect(keptNow).toHaveLength(1);
    expect(partOf(output, "BUF")).toBe(partOf(input, restored[0] as string));
    expect(partOf(output, keptNow[0] as string)).toBe(partOf(input, "BUF"));
    expect(await readBack(out)).toEqual(await readBack(fallback));
    expect(await cellsOf(out)).toEqual(await cellsOf(fallback));
    expect(await figures(out)).toBe(await figures(fallback));
    await expectResolving(out);
    await expectValid(out);
  });

  it("refuses (undefined: exceljs writes) a package it cannot read with certainty, and a replaced sheet with relationships of its own", async () => {
    const plan = { kind: "insert", name: "X", code: "X", file: "f", sheet: "X", write: { values: [[1]], numberFormats: [[null]], merges: [], rows: 1, cols: 1 } } as unknown as Parameters<typeof spliceCollect>[1][number];
    expect(spliceCollect(new Uint8Array(await fs.readFile(hoved)), [plan])).toBeDefined();
    expect(spliceCollect(new Uint8Array(await fs.readFile(hovedFallback)), [plan])).toBeUndefined();
    const replace = { ...plan, kind: "replace", existing: "Analyse", keepAs: "Analyse (erstattet)" } as unknown as typeof plan;
    expect(spliceCollect(new Uint8Array(await fs.readFile(hoved)), [replace])).toBeUndefined();
  });
});

/**
 * Differential, property: for random analyst's sheets (values, formats, row and column formats,
 * merges) and random deliveries (every kind of value, text of every character class, number
 * formats, merges), the spliced copy reads back cell for cell as the exceljs executor's copy of the
 * same workbook (xlsx-collect.ts, what saml wrote before the splice).
 */
describe("the splice writes what the exceljs executor writes (property)", () => {
  const FILLS = [undefined, "FFFFC7CE", "FF0F6CBD"] as const;
  const FORMATS = [undefined, "0.0", "0%", "#,##0", "0.000", "@"] as const;
  const piece = fc.oneof(
    fc.string({ maxLength: 5 }),
    fc.constantFrom("_x0041_", "_x005F_x0042_", "\x01", "\r\n", "\t", "\u2028", "\ud83d\ude00", "\ud800", "<&>\"'", "=SUM(A1)", " lead", "trail "),
  );
  const value = fc.oneof(
    fc.constant(null),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
    fc.integer(),
    fc.boolean(),
    fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join("")).filter((t) => t.length > 0),
    fc.constantFrom({ error: "#N/A" }, { error: "#DIV/0!" }),
  );
  const MERGE_SETS = [[], ["A1:B1"], ["B3:C3", "A5:A6"], ["A1:B1", "C2:D3"]] as const;
  const sheetArb = fc.record({
    cells: fc.array(fc.record({ r: fc.integer({ min: 1, max: 6 }), c: fc.integer({ min: 1, max: 4 }), v: fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 4 })), fill: fc.constantFrom(...FILLS), fmt: fc.constantFrom(...FORMATS) }), { maxLength: 12 }),
    merges: fc.constantFrom(...MERGE_SETS),
    rowFill: fc.constantFrom(undefined, undefined, "FFFFC7CE"),
    colFmt: fc.constantFrom(undefined, undefined, "0.0"),
  });
  const writeArb = fc.record({
    rows: fc.integer({ min: 0, max: 6 }),
    cols: fc.integer({ min: 0, max: 4 }),
    values: fc.array(fc.array(value, { minLength: 4, maxLength: 4 }), { minLength: 6, maxLength: 6 }),
    formats: fc.array(fc.array(fc.constantFrom(null, null, "0.0", "0%", "#,##0.00", "yyyy-mm-dd"), { minLength: 4, maxLength: 4 }), { minLength: 6, maxLength: 6 }),
    merges: fc.constantFrom(...MERGE_SETS),
    kind: fc.constantFrom("fill-template", "replace", "insert"),
  });

  async function analyst(spec: typeof sheetArb extends fc.Arbitrary<infer T> ? T : never): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Forside").getCell("A1").value = "Forside";
    const ws = wb.addWorksheet("BUF");
    if (spec.rowFill) ws.getRow(4).fill = { type: "pattern", pattern: "solid", fgColor: { argb: spec.rowFill } };
    if (spec.colFmt) ws.getColumn(3).numFmt = spec.colFmt;
    for (const c of spec.cells) {
      const cell = ws.getCell(c.r, c.c);
      cell.value = c.v;
      if (c.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: c.fill } };
      if (c.fmt) cell.numFmt = c.fmt;
    }
    for (const m of spec.merges) ws.mergeCells(m);
    wb.addWorksheet("Analyse").getCell("A1").value = { formula: "SUM(BUF!A1:D6)", result: 0 };
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it("cell for cell, for fill-template, replace and insert", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(sheetArb, writeArb, async (spec, w) => {
        const bytes = await analyst(spec);
        const write = {
          rows: w.rows,
          cols: w.cols,
          values: w.values.slice(0, w.rows).map((r) => r.slice(0, w.cols)),
          numberFormats: w.formats.slice(0, w.rows).map((r) => r.slice(0, w.cols)),
          merges: [...w.merges],
        };
        const base = { code: "BUF", file: "BUF.xlsx", sheet: "BUF", write };
        const action = (w.kind === "insert" ? { ...base, kind: "insert", name: "BUF 2" } : w.kind === "replace" ? { ...base, kind: "replace", existing: "BUF", keepAs: "BUF (erstattet)" } : { ...base, kind: "fill-template", existing: "BUF" }) as unknown as SheetAction;
        const spliced = spliceCollect(bytes, [action]);
        // A new cell where both a row's and a column's format apply is left to exceljs (collect-splice.ts).
        if (spliced === undefined) {
          expect(spec.rowFill !== undefined && spec.colFmt !== undefined).toBe(true);
          return;
        }
        const viaExceljs = await loadWorkbook("hoved.xlsx", "copy", bytes);
        keepAsRead(viaExceljs);
        applyCollect(viaExceljs, [action]);
        openOn(viaExceljs, viaExceljs.worksheets[0] as ExcelJS.Worksheet);
        const a = path.join(dir, `diff-${run}.xlsx`);
        const b = path.join(dir, `diff-${run++}-exceljs.xlsx`);
        await fs.writeFile(a, (spliced as { bytes: Uint8Array }).bytes);
        await viaExceljs.xlsx.writeFile(b);
        expect(await cellsOf(a)).toEqual(await cellsOf(b));
        // Every delivered text reads back as sent, whatever characters it holds (ST_Xstring escaping).
        const target = (await readXlsx(a)).getWorksheet(w.kind === "insert" ? "BUF 2" : "BUF") as ExcelJS.Worksheet;
        write.values.forEach((row, r) =>
          row.forEach((v, c) => {
            const cell = target.getCell(r + 1, c + 1);
            if (typeof v === "string" && (!cell.isMerged || cell.master === cell)) expect(cell.value).toBe(v);
          }),
        );
        const merges = async (f: string) => (await readXlsx(f)).worksheets.map((ws) => [ws.name, Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges).sort()]);
        expect(await merges(a)).toEqual(await merges(b));
      }),
      { numRuns: 60, seed: 2020 },
    );
  });
});

/**
 * The corpus's analyst workbooks (test/corpus/workbooks.ts: hidden and grouped lines, a filter, a
 * table, the analyst's own sheet, data validation, notes, rules, frozen panes, a protected and a
 * very hidden sheet, a chart, and all of them together), the seven forvaltninger collected into
 * each: the spliced copy reads back cell for cell and figure for figure as the exceljs executor's,
 * every part it did not write is the input's, and the validator accepts it.
 */
describe("saml's spliced copy of every corpus workbook", () => {
  const onDisk: string[] = [];
  beforeAll(async () => {
    for (const code of DEFAULT_UNIT_CODES) {
      const file = path.join(dir, `corpus-${code}.xlsx`);
      await fs.writeFile(file, await bytesOf(await departmentWorkbook(code, data)));
      onDisk.push(file);
    }
  });

  const CORPUS: readonly (readonly [string, readonly CorpusFeature[]])[] = [...CORPUS_FEATURES.map((f) => [f, [f]] as const), ["everything", CORPUS_FEATURES]];
  test.each(CORPUS)("%s", async (name, features) => {
    const wb = await corpusAnalyst(data);
    addFeatures(wb, features);
    const bytes = patchBytes(await bytesOf(wb), features);
    const main = path.join(dir, `corpus-${name}.xlsx`);
    const twin = path.join(dir, `corpus-${name}-fallback.xlsx`);
    await fs.writeFile(main, bytes);
    await fs.writeFile(twin, refusedBySplice(bytes));
    // A feature that writes on a blank department sheet makes it a conflict; the analyst skips it.
    const { out, fallback } = await samlBoth(main, twin, onDisk, ["--spring-over"], `corpus-${name}-samlet`);
    expect(await readBack(out)).toEqual(await readBack(fallback));
    expect(await figures(out)).toBe(await figures(fallback));
    const input = await partsOf(main);
    const output = await partsOf(out);
    const departments = new Set(DEFAULT_UNIT_CODES.map((c) => sheetParts(input).get(c)));
    for (const part of Object.keys(input)) {
      if (FRAME.has(part) || departments.has(part) || part === "xl/calcChain.xml") continue;
      expect([part, withoutSelection(text(output, part))]).toEqual([part, withoutSelection(text(input, part))]);
    }
    expect(chartsOf(zipSync(output))).toEqual(chartsOf(zipSync(input)));
    await expectValid(out);
  });
});

/**
 * What points at a sheet the splice writes: the calculation chain that lists a filled sheet's
 * formula goes (Excel rebuilds it; one left listing a cleared cell is a corrupt file), a
 * sheet-scoped name stays with its sheet when gendan swaps places, and the copy asks Excel to
 * calculate in full on opening.
 */
describe("what points at a written sheet", () => {
  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

  /** The analyst's workbook with a formula on BUF (so BUF is touched: --erstat), a calcChain listing it, and a name scoped to BUF. */
  async function withFormulaOnBuf(): Promise<Uint8Array> {
    const files = unzipSync(new Uint8Array(await fs.readFile(hoved)));
    const names = [...sheetParts(files).keys()];
    const bufIndex = names.indexOf("BUF");
    const bufSheetId = /<sheet\b[^>]*name="BUF"[^>]*>/.exec(text(files, "xl/workbook.xml"))?.[0].match(/sheetId="(\d+)"/)?.[1];
    const part = partOf(files, "BUF");
    files[part] = strToU8(text(files, part).replace(/(<row r="5"[^>]*>[\s\S]*?)(<\/row>)/, `$1<c r="D5"><f>B5*2</f><v>0</v></c>$2`));
    files["xl/calcChain.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="${MAIN}"><c r="D5" i="${bufSheetId}"/></calcChain>`);
    files["xl/_rels/workbook.xml.rels"] = strToU8(text(files, "xl/_rels/workbook.xml.rels").replace("</Relationships>", `<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>`));
    files["[Content_Types].xml"] = strToU8(text(files, "[Content_Types].xml").replace("</Types>", `<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>`));
    files["xl/workbook.xml"] = strToU8(text(files, "xl/workbook.xml").replace("</definedNames>", `<definedName name="Lokal" localSheetId="${bufIndex}">BUF!$B$5</definedName></definedNames>`));
    return zipSync(files);
  }

  it("saml --erstat: the calculation chain goes with the cleared formula, the kept copy keeps it, the name stays BUF's; gendan moves the name with its sheet", async () => {
    const main = path.join(dir, "formel.xlsx");
    await fs.writeFile(main, await withFormulaOnBuf());
    const out = path.join(dir, "formel-samlet.xlsx");
    const run = await runCli("saml", main, dept.BUF1 as string, "-o", out, "--erstat");
    expect(run.stderr).toBe("");
    const output = await partsOf(out);
    expect(output["xl/calcChain.xml"]).toBeUndefined();
    expect(text(output, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(text(output, "[Content_Types].xml")).not.toContain("calcChain");
    expect(text(output, partOf(output, "BUF"))).not.toContain("<f>");
    expect(text(output, partOf(output, "BUF (erstattet)"))).toContain("<c r=\"D5\"><f>B5*2</f><v>0</v></c>");
    expect(chartsOf(zipSync(output))).toHaveLength(1);
    const workbook = text(output, "xl/workbook.xml");
    expect(workbook).toMatch(/<calcPr\b[^>]*fullCalcOnLoad="1"/);
    const names = [...sheetParts(output).keys()];
    expect(/<definedName name="Lokal" localSheetId="(\d+)">/.exec(workbook)?.[1]).toBe(String(names.indexOf("BUF")));
    await expectValid(out);

    const restored = path.join(dir, "formel-gendan.xlsx");
    expect((await runCli("gendan", out, "BUF", "-o", restored)).code).toBe(0);
    const back = await partsOf(restored);
    const backNames = [...sheetParts(back).keys()];
    // The restored BUF is the analyst's old sheet, formula and all; the name scoped to the sheet
    // that was BUF is now scoped to that sheet in its new place (kept as »BUF (erstattet 2)«).
    expect(text(back, partOf(back, "BUF"))).toContain("<f>B5*2</f>");
    expect(/<definedName name="Lokal" localSheetId="(\d+)">/.exec(text(back, "xl/workbook.xml"))?.[1]).toBe(String(backNames.indexOf("BUF (erstattet 2)")));
    expect(partOf(back, "BUF (erstattet 2)")).toBe(partOf(output, "BUF"));
    expect(text(back, "xl/workbook.xml")).toMatch(/fullCalcOnLoad="1"/);
    await expectValid(restored);
  });
});

describe("saml reads each department's file once, within the reader's limits", () => {
  it("a file over the limit is »too large« without being read, a folder and a missing file are reported with their reasons, the rest are collected", async () => {
    const big = path.join(dir, "KFF-stor.xlsx");
    // Sparse: 21 MB on paper, nothing on disk, and never read.
    await fs.writeFile(big, "PK");
    await fs.truncate(big, 21 * 1024 * 1024);
    const folder = path.join(dir, "mappe.xlsx");
    await fs.mkdir(folder, { recursive: true });
    const out = path.join(dir, "graenser.xlsx");
    const run = await runCli("saml", hoved, dept.BIF1 as string, big, folder, path.join(dir, "findes-ikke.xlsx"), "-o", out, "--json");
    const json = JSON.parse(run.stdout) as { written: string | null; overview: { code: string; state: string; unreadable: { reason: string } | null }[]; problems: { kind: string; reason?: string }[] };
    expect(json.written).toBe(out);
    // A file named for a forvaltning is that forvaltning's row; the others are problems.
    const reasons = [...json.overview.flatMap((r) => (r.state === "unreadable" ? [r.unreadable?.reason] : [])), ...json.problems.flatMap((p) => (p.kind === "unreadable" ? [p.reason] : []))];
    expect(reasons.sort()).toEqual(["directory", "not-found", "too-large"]);
    expect(json.overview.find((r) => r.code === "KFF")?.unreadable?.reason).toBe("too-large");
    expect(json.overview.find((r) => r.code === "BIF")?.state).toBe("delivered");
    expect(chartsOf(new Uint8Array(await fs.readFile(out)))).toHaveLength(1);
  });
});

describe("the analyst's package in other shapes", () => {
  it("a workbook without shared strings gets a table of its own for the delivered texts; valid, and the texts read back", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Tal").getCell("A1").value = 1;
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(unzipSync(bytes)["xl/sharedStrings.xml"]).toBeUndefined();
    const write = { rows: 2, cols: 2, values: [["Ordning", "Status"], ["Løntilskud", 12.5]], numberFormats: [[null, null], [null, "0.0"]], merges: [] };
    const action = { code: "BUF", file: "BUF.xlsx", sheet: "BUF", write, kind: "insert", name: "BUF" } as unknown as SheetAction;
    const spliced = spliceCollect(bytes, [action]);
    expect(spliced).toBeDefined();
    const file = path.join(dir, "uden-tekster.xlsx");
    await fs.writeFile(file, (spliced as { bytes: Uint8Array }).bytes);
    expect(spliced?.rewritten).toContain("xl/sharedStrings.xml");
    const back = (await readXlsx(file)).getWorksheet("BUF") as ExcelJS.Worksheet;
    expect([back.getCell("A1").value, back.getCell("B1").value, back.getCell("A2").value, back.getCell("B2").value, back.getCell("B2").numFmt]).toEqual(["Ordning", "Status", "Løntilskud", 12.5, "0.0"]);
    await expectValid(file);
  });

  it("a sheet to fill with hyperlinks is left to exceljs (clearing a link differs between the writers); without, it is spliced", async () => {
    const make = async (link: boolean): Promise<Uint8Array> => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("BUF");
      ws.getCell("A1").value = link ? { text: "Vejledning", hyperlink: "https://www.kk.dk" } : "Vejledning";
      return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    };
    const write = { rows: 1, cols: 1, values: [[1]], numberFormats: [[null]], merges: [] };
    const action = { code: "BUF", file: "BUF.xlsx", sheet: "BUF", write, kind: "fill-template", existing: "BUF" } as unknown as SheetAction;
    expect(spliceCollect(await make(true), [action])).toBeUndefined();
    expect(spliceCollect(await make(false), [action])).toBeDefined();
  });

  it("an empty <numFmts/> in the styles is left to exceljs (it would be doubled)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Tal").getCell("A1").value = "x";
    const files = unzipSync(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    files["xl/styles.xml"] = strToU8(text(files, "xl/styles.xml").replace(/<numFmts\b[^>]*>[\s\S]*?<\/numFmts>|(<styleSheet\b[^>]*>)/, (m, root: string | undefined) => (root ? `${root}<numFmts count="0"/>` : `<numFmts count="0"/>`)));
    expect(text(files, "xl/styles.xml").match(/<numFmts\b/g)).toEqual(["<numFmts"]);
    expect(text(files, "xl/styles.xml")).toContain('<numFmts count="0"/>');
    const write = { rows: 1, cols: 1, values: [[1]], numberFormats: [["0.0"]], merges: [] };
    const action = { code: "BUF", file: "BUF.xlsx", sheet: "BUF", write, kind: "insert", name: "BUF" } as unknown as SheetAction;
    expect(spliceCollect(zipSync(files), [action])).toBeUndefined();
  });
});
