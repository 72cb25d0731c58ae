/**
 * The status and Kilder sheets written straight from their layouts (src/cli/sheet-xml.ts, issue 20)
 * look and read exactly as the sheets exceljs rendered and saved before: the spliced copies of both
 * writers are compared byte for byte, and read back with exceljs cell by cell (value, number format,
 * font, fill, border, alignment), with their column widths, row heights, merges, links, views,
 * print setup, footer, page breaks, tab colour and names, for the example workbook, a 2024
 * workbook, two rulebook workbooks and 70 generated forvaltninger. The direct copy passes the Open
 * XML SDK validator; what the writer does not model falls back to exceljs's render.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { buildExample, loadExampleData, type ExampleData } from "../../src/cli/example";
import ExcelJSFixed from "../../src/cli/exceljs";
import { loadWorkbook } from "../../src/cli/command";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { writeReport } from "../../src/cli/xlsx-write";
import { spliceCopy, spliceSheets, type SpliceOptions } from "../../src/cli/xlsx-splice";
import { ownSheetsPackage, type OwnSheet } from "../../src/cli/sheet-xml";
import { calculate, ownerName, sourcesOwnerName, type CalculationOutcome, type SheetLayout } from "../../src/core";
import { generateWorkbook } from "../../scripts/gen-workbook";
import { runCli, tempDir } from "../support/cli";
import { describeErrors, validateOoxml } from "../support/ooxml";
import { PROOF_2014, PROOF_2026, writeProofXlsx } from "../support/rulebook-workbooks";

let dir: string;

beforeAll(async () => {
  dir = await tempDir();
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

interface Case {
  readonly input: Uint8Array;
  readonly outcome: CalculationOutcome;
  readonly year: number;
}

async function caseOf(file: string, input: Uint8Array): Promise<Case> {
  const outcome = calculate(readWorkbookGrid(await loadWorkbook(file, "read", input)));
  expect(outcome.report).toBeTruthy();
  return { input, outcome, year: outcome.result.year as number };
}

async function caseFromWorkbook(name: string, wb: ExcelJS.Workbook): Promise<Case> {
  const file = path.join(dir, name);
  const input = new Uint8Array(await wb.xlsx.writeBuffer());
  await fs.writeFile(file, input);
  return caseOf(file, input);
}

function ownSheets(c: Case): OwnSheet[] {
  const { outcome, year } = c;
  return [{ layout: outcome.report as SheetLayout, marker: ownerName(year) }, ...(outcome.sources ? [{ layout: outcome.sources, marker: sourcesOwnerName(year) }] : [])];
}

function optionsOf(c: Case): SpliceOptions {
  return { replace: [], active: (c.outcome.report as SheetLayout).sheetName };
}

/** The copy as it was made before: the sheets rendered into a scratch exceljs workbook, saved, spliced. */
async function exceljsCopy(input: Uint8Array, own: readonly OwnSheet[], options: SpliceOptions): Promise<Uint8Array> {
  const scratch = new ExcelJSFixed.Workbook();
  for (const o of own) writeReport(scratch, o.layout, 0, false, o.marker);
  const bytes = new Uint8Array((await scratch.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer);
  const out = spliceCopy(input, bytes, options);
  if (!out) throw new Error("the splice did not take the input");
  return out.bytes;
}

/** The copy with the sheets written directly. */
function directCopy(input: Uint8Array, own: readonly OwnSheet[], options: SpliceOptions): Uint8Array {
  const pkg = ownSheetsPackage(own);
  if (!pkg) throw new Error("the direct writer did not take the layouts");
  const out = spliceSheets(input, pkg, options);
  if (!out) throw new Error("the splice did not take the input");
  return out.bytes;
}

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

/** What a reader sees of one sheet, cell by cell and setting by setting. */
function sheetView(ws: ExcelJS.Worksheet): { cells: unknown[]; sheet: unknown; links: number; merges: number } {
  const cells: unknown[] = [];
  let links = 0;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.max(ws.columnCount, row.cellCount); c++) {
      const cell = row.getCell(c);
      if (cell.hyperlink) links++;
      cells.push({
        at: cell.address,
        type: cell.type,
        value: cell.value,
        text: cell.text,
        hyperlink: cell.hyperlink ?? null,
        master: cell.isMerged ? cell.master.address : null,
        numFmt: cell.numFmt ?? null,
        font: cell.font ?? null,
        fill: cell.fill ?? null,
        border: cell.border ?? null,
        alignment: cell.alignment ?? null,
      });
    }
    cells.push({ row: r, height: row.height ?? null });
  }
  const model = ws.model as unknown as { merges: string[]; rowBreaks?: unknown };
  const sheet = {
    name: ws.name,
    state: ws.state,
    widths: (ws.columns ?? []).map((c) => c.width ?? null),
    merges: model.merges,
    views: ws.views,
    pageSetup: ws.pageSetup,
    headerFooter: ws.headerFooter,
    rowBreaks: model.rowBreaks ?? null,
    tabColor: ws.properties.tabColor ?? null,
    dimensions: ws.dimensions.range,
  };
  return { cells, sheet, links, merges: model.merges.length };
}

/** The two copies read back: every sheet jobstatus wrote, and the workbook's names and order of tabs, the same. */
async function expectSameReading(c: Case, before: Uint8Array, after: Uint8Array): Promise<void> {
  const [a, b] = [await read(before), await read(after)];
  expect(b.worksheets.map((w) => w.name)).toEqual(a.worksheets.map((w) => w.name));
  expect(b.definedNames.model).toEqual(a.definedNames.model);
  for (const own of ownSheets(c)) {
    const wa = a.getWorksheet(own.layout.sheetName);
    const wb = b.getWorksheet(own.layout.sheetName);
    expect(wa && wb).toBeTruthy();
    const [va, vb] = [sheetView(wa as ExcelJS.Worksheet), sheetView(wb as ExcelJS.Worksheet)];
    // Not an empty comparison: the sheets have their cells, merges and (Kilder) links.
    expect(va.cells.length).toBeGreaterThan(own.layout.values.length);
    expect(va.merges).toBe(own.layout.merges.length);
    expect(va.links).toBe(new Set((own.layout.links ?? []).map((l) => `${l.row},${l.col}`)).size);
    expect(vb.sheet).toEqual(va.sheet);
    expect(vb.links).toBe(va.links);
    // Cell by cell, so a difference names its cell.
    vb.cells.forEach((cell, i) => expect(cell).toEqual(va.cells[i]));
    expect(vb.cells.length).toBe(va.cells.length);
  }
}

async function expectValid(bytes: Uint8Array, name: string): Promise<void> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  const result = await validateOoxml(file);
  expect(describeErrors(result)).toEqual([]);
  expect(result.ok).toBe(true);
}

describe("the status and Kilder sheets written directly read as exceljs rendered them", () => {
  const cases: [string, () => Promise<Case>][] = [
    ["the example workbook", async () => caseFromWorkbook("eksempel.xlsx", await buildExample(await loadExampleData()))],
    [
      "a 2024 workbook",
      async () => {
        const data = await loadExampleData();
        const y2024: ExampleData = { ...data, year: 2024, ...(data.previous ? { previous: { ...data.previous, year: 2023 } } : {}) };
        return caseFromWorkbook("aar-2024.xlsx", await buildExample(y2024));
      },
    ],
    [
      "a rulebook workbook of 2014 (four schemes, no weights)",
      async () => {
        const file = path.join(dir, "kk-2014.xlsx");
        await writeProofXlsx(PROOF_2014, file);
        return caseOf(file, new Uint8Array(await fs.readFile(file)));
      },
    ],
    [
      "a rulebook workbook of 2026 (a sixth scheme)",
      async () => {
        const file = path.join(dir, "kk-2026.xlsx");
        await writeProofXlsx(PROOF_2026, file);
        return caseOf(file, new Uint8Array(await fs.readFile(file)));
      },
    ],
    ["70 generated forvaltninger in four layouts", async () => caseFromWorkbook("gen-70.xlsx", await generateWorkbook({ departments: 70, seed: 7 }))],
  ];

  it.each(cases)("%s: the same bytes, the same cells read back, valid Open XML", async (name, make) => {
    const c = await make();
    const own = ownSheets(c);
    const before = await exceljsCopy(c.input, own, optionsOf(c));
    const after = directCopy(c.input, own, optionsOf(c));
    await expectSameReading(c, before, after);
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
    await expectValid(after, `${name.replace(/\W+/g, "-")}.xlsx`);
  }, 120_000);

  it("beregn writes the copy with the direct writer: its output is the direct copy, byte for byte", async () => {
    const c = await caseFromWorkbook("cli.xlsx", await buildExample(await loadExampleData()));
    const out = path.join(dir, "cli-status.xlsx");
    const run = await runCli("beregn", path.join(dir, "cli.xlsx"), "-o", out);
    expect(run.code).toBe(0);
    const written = new Uint8Array(await fs.readFile(out));
    expect(Buffer.from(written).equals(Buffer.from(directCopy(c.input, ownSheets(c), optionsOf(c))))).toBe(true);
  }, 60_000);
});

describe("texts and numbers of every kind are written as exceljs wrote them", () => {
  // Texts a forvaltning's name, a label or a Kilder note may carry: controls, ST_Xstring look-alikes,
  // XML's specials, edge whitespace, line breaks, astral and lone surrogates, prototype names.
  const textArb = fc.oneof(
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.constantFrom("_x0041_", "_x005F_x0041_", "a\r\nb", " lead", "trail ", "\t", "", "<&>\"'", "__proto__", "constructor", "\u2028", "\uD83D\uDE00", "\uD800", "&amp;"),
  );
  const numberArb = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 1e21, 1e-7, 0.1 + 0.2, 2 ** 53));

  it("random texts and numbers in the status and Kilder sheets: the same bytes as exceljs's render", async () => {
    const c = await caseFromWorkbook("prop.xlsx", await buildExample(await loadExampleData()));
    const own = ownSheets(c);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ sheet: fc.nat(), row: fc.nat(), col: fc.nat(), value: fc.oneof(textArb, numberArb, fc.constant(null)) }), { minLength: 1, maxLength: 30 }), textArb, fc.constantFrom("", " & <x> \"q\""), async (edits, footer, suffix) => {
        const changed = own.map((o, i) => {
          const values = o.layout.values.map((r) => [...r]);
          for (const e of edits.filter((x) => x.sheet % own.length === i)) {
            const row = values[e.row % values.length] as (string | number | null)[];
            row[e.col % row.length] = e.value;
          }
          const print = { ...o.layout.print, footer: { left: footer, right: "Side &P af &N" } };
          return { ...o, layout: { ...o.layout, values, print, sheetName: `${o.layout.sheetName}${suffix}` } };
        });
        // The one case left to exceljs here: a link whose cell became empty (see the fallback tests).
        const emptyLink = changed.some((o) => (o.layout.links ?? []).some((l) => String(o.layout.values[l.row]?.[l.col] ?? "") === ""));
        if (emptyLink) {
          expect(ownSheetsPackage(changed)).toBeUndefined();
          return;
        }
        const options = { replace: [], active: changed[0]?.layout.sheetName ?? "" };
        const before = await exceljsCopy(c.input, changed, options);
        const after = directCopy(c.input, changed, options);
        expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
      }),
      { seed: 20_003, numRuns: 40 },
    );
  }, 120_000);
});

describe("what the direct writer does not model falls back to exceljs's render", () => {
  let own: OwnSheet[];
  beforeAll(async () => {
    own = ownSheets(await caseFromWorkbook("fallback.xlsx", await buildExample(await loadExampleData())));
  });
  const report = (): SheetLayout => own[0]?.layout as SheetLayout;

  it.each([
    ["frozen rows (the template's)", (l: SheetLayout): SheetLayout => ({ ...l, freezeRows: 1 })],
    ["a data validation (the template's)", (l: SheetLayout): SheetLayout => ({ ...l, validations: [{ rect: { r1: 1, c1: 1, r2: 1, c2: 1 }, kind: "whole", min: 0, prompt: "x" }] })],
    ["a sheet name with an apostrophe (exceljs writes its print area unquoted)", (l: SheetLayout): SheetLayout => ({ ...l, sheetName: "Status' 2025" })],
    ["a merge over a merge (exceljs refuses it)", (l: SheetLayout): SheetLayout => ({ ...l, merges: [...l.merges, l.merges[0] as SheetLayout["merges"][number]] })],
    ["a number that is not finite", (l: SheetLayout): SheetLayout => ({ ...l, values: [[Infinity, ...(l.values[0] ?? []).slice(1)], ...l.values.slice(1)] })],
    ["a link on an empty cell (exceljs writes the link object as JSON text)", (l: SheetLayout): SheetLayout => ({ ...l, links: [{ row: 0, col: 1, sheet: "Måltal", cell: "A1" }] })],
    ["a sheet name over 31 characters (exceljs shortens it)", (l: SheetLayout): SheetLayout => ({ ...l, sheetName: "Status 2025 med en meget lang tilføjelse" })],
    ["a sheet name with a character Excel refuses (exceljs throws)", (l: SheetLayout): SheetLayout => ({ ...l, sheetName: "Status 2025/26" })],
    ["two sheets of one name", (l: SheetLayout): SheetLayout => ({ ...l, sheetName: own[1]?.layout.sheetName ?? "x" })],
  ])("%s: no package, so beregn renders with exceljs", (_name, change) => {
    expect(ownSheetsPackage(own)).toBeDefined();
    expect(ownSheetsPackage([{ layout: change(report()), marker: "m" }, ...own.slice(1)])).toBeUndefined();
  });

  it("a macro workbook (.xlsm) is not spliced at all, whichever writer made the sheets", async () => {
    const c = await caseFromWorkbook("macro.xlsx", await buildExample(await loadExampleData()));
    const files = (await import("fflate")).unzipSync(c.input);
    const types = new TextDecoder().decode(files["[Content_Types].xml"]);
    files["[Content_Types].xml"] = new TextEncoder().encode(types.replace("spreadsheetml.sheet.main+xml", "ms-excel.sheet.macroEnabled.main+xml"));
    const xlsm = (await import("fflate")).zipSync(files);
    const pkg = ownSheetsPackage(ownSheets(c));
    expect(pkg).toBeDefined();
    expect(spliceSheets(xlsm, pkg as NonNullable<typeof pkg>, optionsOf(c))).toBeUndefined();
  });
});
