/**
 * A sheet whose XML holds a row twice, a cell twice (in one row or in two rows) or a cell in
 * another row than its reference names is refused as damaged, naming the sheet and the row or cell
 * (src/xlsx/repeated-cells.ts, SheetDamagedError; docs/dev/security.md, »Hostile files«, item 4):
 * exceljs read the later one in place of the earlier without a word, so a figure the department
 * typed could be replaced by another. The same in `valider`, `beregn`, `notat`, `saml` and the
 * pane's collect. Rows and cells merely out of order, each once, are read as before. A notes sheet
 * is checked as far as it is read (its window in a forvaltning's file; whole in a copy-mode load).
 * Every workbook is built here: the example workbook (or a forvaltning's file) with its BIF sheet's
 * XML edited, or a sheet written by hand.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import fc from "fast-check";
import ExcelJS from "../../src/cli/exceljs";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { EXIT_USAGE } from "../../src/cli/command";
import { CLI, COLLECT } from "../../src/messages/da";
import { quotedText } from "../../src/core/privacy";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import { loadWorkbookBytes } from "../../src/xlsx/load";
import { readWorkbookGrid, wasScanned } from "../../src/xlsx/read-grid";
import { decodeReference, SheetDamagedError, type SheetDamage } from "../../src/xlsx/repeated-cells";
import { withSheet } from "../xlsx/zip-forge";
import { bytesOf, departmentWorkbook } from "../addin/collect-fixtures";
import { runCli, inFolder } from "../support/cli";

/** BIF's row 8 (Fleksjob) holds B8 = 89 in both the example and BIF's own file; the copies below say 98. */
const B8 = /<c r="B8" s="\d+"><v>89<\/v><\/c>/;
const ROW8 = /<row r="8"[^>]*>.*?<\/row>/;
const B9 = /<c r="B9" s="\d+"><v>2\.84<\/v><\/c>/;

const match = (xml: string, re: RegExp): string => {
  const m = re.exec(xml);
  if (!m) throw new Error(`the sheet has no ${re}`);
  return m[0];
};
const ninetyEight = (s: string): string => s.replace("<v>89</v>", "<v>98</v>");

/** Damaged BIF sheets: the edit of its XML, what the reader says, and the message's arguments. */
const CASES: Record<string, { edit: (xml: string) => string; damage: SheetDamage; message: (file: string) => string; exceljsReads: [row: number, col: number] }> = {
  "row 8 twice (the later one says 98 for 89)": {
    edit: (xml) => xml.replace(ROW8, (row) => row + ninetyEight(row)),
    damage: { kind: "row-twice", row: 8 },
    message: (file) => CLI.rowTwice(file, "BIF", 8),
    exceljsReads: [8, 2],
  },
  "cell B8 twice in its row": {
    edit: (xml) => xml.replace(B8, (c) => c + ninetyEight(c)),
    damage: { kind: "cell-twice", row: 8, cell: "B8" },
    message: (file) => CLI.cellTwice(file, "BIF", 8, "B8"),
    exceljsReads: [8, 2],
  },
  "cell B8 in row 8 and again in row 9 (exceljs: in B9's place)": {
    edit: (xml) => xml.replace(B9, (c) => `${c}<c r="B8"><v>98</v></c>`),
    damage: { kind: "cell-twice", row: 8, cell: "B8" },
    message: (file) => CLI.cellTwice(file, "BIF", 8, "B8"),
    exceljsReads: [9, 2],
  },
  "a cell D8 that stands in row 9 (once: exceljs put it in D9, LibreOffice in D8)": {
    edit: (xml) => xml.replace(B9, (c) => `${c}<c r="D8"><v>98</v></c>`),
    damage: { kind: "cell-in-other-row", row: 9, cell: "D8" },
    message: (file) => CLI.cellInOtherRow(file, "BIF", 9, "D8"),
    exceljsReads: [9, 4],
  },
};

let example: Uint8Array;
/** BIF's and ØKF's own files, as a forvaltning sends them. */
let bif: Uint8Array;
let okf: Uint8Array;
beforeAll(async () => {
  const data = await loadExampleData();
  example = await bytesOf(await buildExample(data));
  bif = await bytesOf(await departmentWorkbook("BIF", data));
  okf = await bytesOf(await departmentWorkbook("ØKF", data));
});

describe.each(Object.entries(CASES))("on a department sheet: %s", (_name, { edit, damage, message, exceljsReads }) => {
  test("exceljs alone reads it without a word; the reader refuses it, naming the sheet and the row or cell, scanned or not, in read and copy mode", async () => {
    const bytes = editSheet(example, "BIF", edit);
    // What the check is for: exceljs alone reads the file, and the later 98 stands in place of the
    // department's 89 at B8, of fritidsjob's 2.84 at B9, or in D9.
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect((plain.getWorksheet("BIF") as ExcelJS.Worksheet).getRow(exceljsReads[0]).getCell(exceljsReads[1]).value).toBe(98);
    for (const [mode, scanCells] of [["read", true], ["read", false], ["copy", false]] as const) {
      const load = loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells });
      await expect(load).rejects.toBeInstanceOf(SheetDamagedError);
      await expect(load).rejects.toMatchObject({ sheet: "BIF", damage });
    }
  });

  test("valider, valider --json, beregn --json and notat refuse the file (exit code 2) with the message, no stack trace, nothing written", async () => {
    await inFolder({ "fil.xlsx": editSheet(example, "BIF", edit) }, async (at, dir) => {
      const file = at["fil.xlsx"];
      const expected = message(file);
      expect(expected).toMatch(/^Arket »BIF« i filen ».*« er beskadiget: /);
      const valider = await runCli("valider", file);
      expect(valider.code).toBe(EXIT_USAGE);
      expect(valider.stderr + valider.stdout).toContain(expected);
      const validerJson = await runCli("valider", file, "--json");
      expect(validerJson.code).toBe(EXIT_USAGE);
      expect(JSON.parse(validerJson.stdout)).toEqual({ error: { exitCode: EXIT_USAGE, message: expected } });
      const beregn = await runCli("beregn", file, "--json", "-o", path.join(dir, "ud.xlsx"));
      expect(beregn.code).toBe(EXIT_USAGE);
      expect(JSON.parse(beregn.stdout)).toEqual({ error: { exitCode: EXIT_USAGE, message: expected } });
      const notat = await runCli("notat", file, "-o", path.join(dir, "notat.docx"));
      expect(notat.code).toBe(EXIT_USAGE);
      expect(notat.stderr + notat.stdout).toContain(expected);
      for (const run of [valider, validerJson, beregn, notat]) {
        expect(run.stderr + run.stdout).not.toContain(CLI.internal);
        expect(run.stderr + run.stdout).not.toMatch(/\n\s+at |Error\b|Cannot read/);
      }
      expect((await fs.readdir(dir)).sort()).toEqual(["fil.xlsx"]);
    });
  });

  test("saml and the pane's collect: BIF's file is one unreadable row with the same message; ØKF is collected", async () => {
    const delivered = editSheet(bif, "BIF", edit);
    const reason = damage.kind;
    const at = { sheet: "BIF", row: damage.row, ...(damage.kind !== "row-twice" && damage.cell !== undefined ? { cell: damage.cell } : {}) };
    await expect(readPickedFile("BIF-2025.xlsx", delivered)).resolves.toEqual({ ok: false, file: "BIF-2025.xlsx", reason, at });
    expect(COLLECT.unreadable("BIF-2025.xlsx", reason, at)).toBe(message("BIF-2025.xlsx"));
    await inFolder({ "hoved.xlsx": example, "BIF-2025.xlsx": delivered, "ØKF-2025.xlsx": okf }, async (files, dir) => {
      const bad = files["BIF-2025.xlsx"];
      const json = await runCli("saml", files["hoved.xlsx"], bad, files["ØKF-2025.xlsx"], "-o", path.join(dir, "ud.xlsx"), "--json");
      expect(json.stderr).not.toContain(CLI.internal);
      const doc = JSON.parse(json.stdout) as { overview: { code: string; state: string; unreadable: { reason: string; message: string; at?: unknown } | null }[] };
      const row = doc.overview.find((r) => r.code === "BIF");
      expect(row?.unreadable).toMatchObject({ reason, message: message(bad) });
      expect(row?.unreadable?.at).toEqual(at);
      expect(doc.overview.find((r) => r.code === "ØKF")?.state).not.toBe("unreadable");
      const text = await runCli("saml", files["hoved.xlsx"], bad, files["ØKF-2025.xlsx"], "-o", path.join(dir, "ud2.xlsx"));
      expect(text.stdout).toContain(message(bad));
    });
  });
});

describe("every sheet the engine reads as input", () => {
  test.each(["Måltal", "Indstillinger", "Forrige år"])("%s: its last row twice is refused in valider, naming the sheet and the row", async (sheet) => {
    let row = 0;
    const bytes = editSheet(example, sheet, (xml) =>
      xml.replace(/(<row r="(\d+)"[^>]*>(?:(?!<row\b).)*?<\/row>)<\/sheetData>/, (_m, last: string, n: string) => {
        row = Number(n);
        return `${last}${last}</sheetData>`;
      }),
    );
    expect(row).toBeGreaterThan(1);
    await inFolder({ "fil.xlsx": bytes }, async (at) => {
      const run = await runCli("valider", at["fil.xlsx"]);
      expect(run.code).toBe(EXIT_USAGE);
      expect(run.stderr).toContain(CLI.rowTwice(at["fil.xlsx"], sheet, row));
    });
  });
});

describe("rows and cells out of order, each once, are no damage", () => {
  /** Row 5 written last, and row 7's cells C7 before B7. */
  const shuffle = (xml: string): string => {
    const row5 = match(xml, /<row r="5"[^>]*>.*?<\/row>/);
    const moved = xml.replace(row5, "").replace("</sheetData>", `${row5}</sheetData>`);
    return moved.replace(/(<c r="B7"[^>]*>.*?<\/c>)(<c r="C7"[^>]*>.*?<\/c>)/, "$2$1");
  };

  test("the grid is the in-order file's, cell for cell, scanned or not, and valider and beregn say the same of it", async () => {
    const shuffled = editSheet(example, "BIF", shuffle);
    expect(sheetXml(shuffled, "BIF")).not.toBe(sheetXml(example, "BIF"));
    const grid = async (bytes: Uint8Array, mode: "read" | "copy"): Promise<unknown> => readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells: mode === "read" })).sheets.find((s) => s.name === "BIF")?.values;
    for (const mode of ["read", "copy"] as const) expect(await grid(shuffled, mode)).toEqual(await grid(example, mode));
    await inFolder({ "rigtig.xlsx": example, "blandet.xlsx": shuffled }, async (at, dir) => {
      const [inOrder, outOfOrder] = [await runCli("valider", at["rigtig.xlsx"]), await runCli("valider", at["blandet.xlsx"])];
      expect(outOfOrder.code).toBe(inOrder.code);
      expect(outOfOrder.stdout).toBe(inOrder.stdout);
      const figures = async (file: string, out: string): Promise<unknown> => {
        const run = await runCli("beregn", file, "--json", "-o", path.join(dir, out));
        expect(run.code).toBe(0);
        const doc = JSON.parse(run.stdout) as Record<string, unknown>;
        delete doc.output;
        return doc;
      };
      expect(await figures(at["blandet.xlsx"], "b.xlsx")).toEqual(await figures(at["rigtig.xlsx"], "a.xlsx"));
    });
  });

  test("a row past the window written first: the sheet is read, not cut to what came before it (src/xlsx/trim.ts), and valider and beregn say what they say of the in-order file", async () => {
    const farFirst = editSheet(example, "BIF", (xml) => xml.replace("<sheetData>", '<sheetData><row r="300"><c r="A300" t="inlineStr"><is><t>x</t></is></c></row>'));
    const bifOf = async (bytes: Uint8Array, mode: "read" | "copy"): Promise<unknown[][] | undefined> =>
      readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells: mode === "read" })).sheets.find((s) => s.name === "BIF")?.values as unknown[][] | undefined;
    const read = await bifOf(farFirst, "read");
    expect(read).toEqual(await bifOf(farFirst, "copy"));
    expect(read?.slice(0, 10)).toEqual(await bifOf(example, "read"));
    await inFolder({ "rigtig.xlsx": example, "langt.xlsx": farFirst }, async (at, dir) => {
      const [inOrder, far] = [await runCli("valider", at["rigtig.xlsx"]), await runCli("valider", at["langt.xlsx"])];
      expect(far.code).toBe(inOrder.code);
      expect(far.stdout).toBe(inOrder.stdout);
      const units = async (file: string, out: string): Promise<unknown> => (JSON.parse((await runCli("beregn", file, "--json", "-o", path.join(dir, out))).stdout) as { forvaltninger: unknown }).forvaltninger;
      expect(await units(at["langt.xlsx"], "b.xlsx")).toEqual(await units(at["rigtig.xlsx"], "a.xlsx"));
    });
  });

  test.each([
    ["r = \"N\"", (n: string) => `r = "${n}"`],
    ["r=\" N\"", (n: string) => `r=" ${n}"`],
    // Already read before trim.ts read `r` as exceljs does: any single quote keeps the sheet whole (plainCells). A guard.
    ["r='N'", (n: string) => `r='${n}'`],
  ])("a row past the window written first, then BIF's rows written %s (valid XML, exceljs reads it): read as with plain r, in valider and the pane's collect", async (_name, spell) => {
    const spaced = (xml: string): string => xml.replace("<sheetData>", '<sheetData><row r="300"><c r="A300" t="inlineStr"><is><t>x</t></is></c></row>').replace(/<row r="(\d+)"/g, (m, n: string) => (n === "300" ? m : `<row ${spell(n)}`));
    const plain = editSheet(example, "BIF", (xml) => xml.replace("<sheetData>", '<sheetData><row r="300"><c r="A300" t="inlineStr"><is><t>x</t></is></c></row>'));
    expect(sheetXml(editSheet(example, "BIF", spaced), "BIF")).not.toMatch(/<row r="(?!300")\d/);
    const odd = editSheet(example, "BIF", spaced);
    const bifOf = async (bytes: Uint8Array): Promise<unknown[][] | undefined> =>
      readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells: true })).sheets.find((s) => s.name === "BIF")?.values as unknown[][] | undefined;
    const read = await bifOf(odd);
    expect(read?.slice(0, 10)).toEqual(await bifOf(example));
    expect(read).toEqual(await bifOf(plain));
    const farFirst = (xml: string): string => xml.replace("<sheetData>", '<sheetData><row r="300"><c r="A300" t="inlineStr"><is><t>x</t></is></c></row>');
    const [picked, good] = [await readPickedFile("BIF-2025.xlsx", editSheet(bif, "BIF", spaced)), await readPickedFile("BIF-2025.xlsx", editSheet(bif, "BIF", farFirst))];
    expect(picked.ok && good.ok).toBe(true);
    if (picked.ok && good.ok) expect(picked.file.grid.sheets.find((s) => s.name === "BIF")?.values).toEqual(good.file.grid.sheets.find((s) => s.name === "BIF")?.values);
    await inFolder({ "rigtig.xlsx": example, "mellemrum.xlsx": odd }, async (at) => {
      const [inOrder, run] = [await runCli("valider", at["rigtig.xlsx"]), await runCli("valider", at["mellemrum.xlsx"])];
      expect(run.code).toBe(inOrder.code);
      expect(run.stdout).toBe(inOrder.stdout);
    });
  });

  test("the same in a forvaltning's file in the pane's collect", async () => {
    const picked = await readPickedFile("BIF-2025.xlsx", editSheet(bif, "BIF", shuffle));
    const good = await readPickedFile("BIF-2025.xlsx", bif);
    expect(picked.ok).toBe(true);
    expect(good.ok).toBe(true);
    if (picked.ok && good.ok) expect(picked.file.grid.sheets.find((s) => s.name === "BIF")?.values).toEqual(good.file.grid.sheets.find((s) => s.name === "BIF")?.values);
  });
});

describe("property: on random sheets, order alone changes nothing, and any row or cell twice is refused", () => {
  const HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>ordning</t></is></c></row>';
  const letters = (col: number): string => (col > 26 ? String.fromCharCode(64 + Math.floor((col - 1) / 26)) : "") + String.fromCharCode(65 + ((col - 1) % 26));
  /** Rows 2–40, each with distinct columns 1–60 (past AZ too) and a number per cell. */
  const sheet = fc.uniqueArray(fc.integer({ min: 2, max: 40 }), { minLength: 1, maxLength: 12 }).chain((rows) =>
    fc.tuple(...rows.map((r) => fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 }).map((cols) => ({ r, cols: cols.map((c) => ({ c, v: r * 100 + c })) })))),
  );
  type Row = { r: number; cols: { c: number; v: number }[] };
  const xmlOf = (rows: readonly Row[]): string => rows.map(({ r, cols }) => `<row r="${r}">${cols.map(({ c, v }) => `<c r="${letters(c)}${r}"><v>${v}</v></c>`).join("")}</row>`).join("");
  const sorted = (rows: readonly Row[]): Row[] => [...rows].sort((a, b) => a.r - b.r).map((row) => ({ r: row.r, cols: [...row.cols].sort((a, b) => a.c - b.c) }));
  const grid = async (sheetData: string, mode: "read" | "copy"): Promise<unknown> =>
    readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), withSheet(example, "Log", HEAD + sheetData), mode, undefined, { scanCells: mode === "read" })).sheets.find((s) => s.name === "Log")?.values;

  test("rows and cells in any order read as in order; a copy of any row or cell (a later value) is refused, naming it", async () => {
    await fc.assert(
      fc.asyncProperty(sheet, fc.nat(), fc.nat(), fc.boolean(), async (rows, pick, pickCell, wholeRow) => {
        const mode = pick % 2 === 0 ? "read" : "copy";
        expect(await grid(xmlOf(rows), mode)).toEqual(await grid(xmlOf(sorted(rows)), mode));
        const row = rows[pick % rows.length] as Row;
        const cell = row.cols[pickCell % row.cols.length] as { c: number; v: number };
        const copy: Row = wholeRow ? { r: row.r, cols: row.cols.map((x) => ({ c: x.c, v: x.v + 1 })) } : { r: row.r, cols: [{ c: cell.c, v: cell.v + 1 }] };
        const damaged = wholeRow ? [...rows, copy] : rows.map((x) => (x === row ? { r: x.r, cols: [...x.cols, copy.cols[0] as { c: number; v: number }] } : x));
        const damage = wholeRow ? { kind: "row-twice", row: row.r } : { kind: "cell-twice", row: row.r, cell: `${letters(cell.c)}${row.r}` };
        await expect(grid(xmlOf(damaged), mode)).rejects.toMatchObject({ sheet: "Log", damage });
      }),
      { seed: 2026_12_08, numRuns: 40 },
    );
  }, 120_000);
});

describe("what exceljs's row and cell placing finds twice (src/xlsx/repeated-cells.ts follows exceljs 4.4.0's row `set model` and `decodeAddress`)", () => {
  const HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>ordning</t></is></c></row>';
  const SHEETS: Record<string, { rows: string; damage: SheetDamage }> = {
    "a cell without a reference after C7 is D7, then D7 again": { rows: '<row r="7"><c r="C7"><v>1</v></c><c><v>2</v></c><c r="D7"><v>3</v></c></row>', damage: { kind: "cell-twice", row: 7, cell: "D7" } },
    "$C$7 is C7": { rows: '<row r="7"><c r="C7"><v>1</v></c><c r="$C$7"><v>2</v></c></row>', damage: { kind: "cell-twice", row: 7, cell: "C7" } },
    "row 5 again after 300 rows": { rows: `${Array.from({ length: 300 }, (_, i) => `<row r="${i + 2}"><c r="B${i + 2}"><v>${i}</v></c></row>`).join("")}<row r="5"><c r="C5"><v>1</v></c></row>`, damage: { kind: "row-twice", row: 5 } },
    "a cell whose row is past Excel's, then its column again (exceljs: both in row 7's column B)": { rows: `<row r="7"><c r="B${"9".repeat(20)}"><v>1</v></c><c r="B7"><v>2</v></c></row>`, damage: { kind: "cell-in-other-row", row: 7, cell: undefined } },
    "a cell out of order, then its column again": { rows: '<row r="7"><c r="E7"><v>1</v></c><c r="B7"><v>2</v></c><c r="E7"><v>3</v></c></row>', damage: { kind: "cell-twice", row: 7, cell: "E7" } },
  };
  test.each(Object.entries(SHEETS))("%s", async (_name, { rows, damage }) => {
    for (const mode of ["read", "copy"] as const) {
      const load = loadWorkbookBytes(new ExcelJS.Workbook(), withSheet(example, "Log", HEAD + rows), mode, undefined, { scanCells: mode === "read" });
      await expect(load).rejects.toMatchObject({ sheet: "Log", damage });
    }
  });

  test("rows and cells out of order but each once load, and read as exceljs places them", async () => {
    const rows = '<row r="9"><c r="C9"><v>3</v></c><c r="A9"><v>1</v></c></row><row r="3"><c r="B3"><v>2</v></c></row>';
    const inOrder = '<row r="3"><c r="B3"><v>2</v></c></row><row r="9"><c r="A9"><v>1</v></c><c r="C9"><v>3</v></c></row>';
    const log = async (sheetData: string): Promise<{ scanned: boolean; values: unknown }> => {
      const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), withSheet(example, "Log", HEAD + sheetData), "read", undefined, { scanCells: true });
      return { scanned: wasScanned(wb.getWorksheet("Log") as ExcelJS.Worksheet), values: readWorkbookGrid(wb).sheets.find((s) => s.name === "Log")?.values };
    };
    const [shuffled, ordered] = [await log(rows), await log(inOrder)];
    // The scan gives up on the order (exceljs reads the sheet), and reads the ordered one itself.
    expect([shuffled.scanned, ordered.scanned]).toEqual([false, true]);
    expect(shuffled.values).toEqual(ordered.values);
    expect((shuffled.values as unknown[][])[8]).toEqual([1, null, 3]);
  });

  test("decodeReference reads a reference as exceljs's decodeAddress does, and gives none where exceljs fails on the cell", () => {
    expect(decodeReference("C7")).toEqual({ row: 7, col: 3 });
    expect(decodeReference("$C$7")).toEqual({ row: 7, col: 3 });
    expect(decodeReference("XFD1048576")).toEqual({ row: 1048576, col: 16384 });
    expect(decodeReference("XFE1")).toBeUndefined();
    // exceljs places a cell with a row past Excel's in its <row> all the same: it is a place, out of its row.
    expect(decodeReference(`B${"9".repeat(20)}`)?.col).toBe(2);
    expect(decodeReference("7")).toBeUndefined();
    expect(decodeReference("C")).toBeUndefined();
  });
});

describe("a notes sheet (no header word: read only in its window, src/xlsx/trim.ts)", () => {
  /** »Referat«: a text in A1 and row 3 twice, within the window (rows 1–200) or past it. */
  const notes = (row: number, name = "Referat"): Uint8Array =>
    withSheet(example, name, `<row r="1"><c r="A1" t="inlineStr"><is><t>referat</t></is></c></row><row r="${row}"><c r="A${row}"><v>1</v></c></row><row r="${row}"><c r="A${row}"><v>2</v></c></row>`);

  test("a row twice in the window, which is read, is refused as on any sheet, in read and copy mode", async () => {
    for (const mode of ["read", "copy"] as const) await expect(loadWorkbookBytes(new ExcelJS.Workbook(), notes(3), mode, undefined, { scanCells: mode === "read" })).rejects.toMatchObject({ sheet: "Referat", damage: { kind: "row-twice", row: 3 } });
    await inFolder({ "fil.xlsx": notes(3) }, async (at) => {
      const run = await runCli("valider", at["fil.xlsx"]);
      expect(run.code).toBe(EXIT_USAGE);
      expect(run.stderr).toContain(CLI.rowTwice(at["fil.xlsx"], "Referat", 3));
    });
  });

  test("a row twice past the window is not read in a forvaltning's file, so not refused; the analyst's own workbook, loaded whole to be copied, is refused", async () => {
    const bytes = notes(900);
    const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells: true });
    expect(readWorkbookGrid(wb).sheets.find((s) => s.name === "Referat")?.values).toEqual([["referat"]]);
    await expect(readPickedFile("BIF-2025.xlsx", withSheet(bif, "Referat", '<row r="1"><c r="A1" t="inlineStr"><is><t>referat</t></is></c></row><row r="900"><c r="A900"><v>1</v></c></row><row r="900"><c r="A900"><v>2</v></c></row>'))).resolves.toMatchObject({ ok: true });
    await expect(loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "copy")).rejects.toMatchObject({ sheet: "Referat", damage: { kind: "row-twice", row: 900 } });
    await inFolder({ "hoved.xlsx": bytes, "ØKF-2025.xlsx": okf }, async (at, dir) => {
      const out = path.join(dir, "ud.xlsx");
      const saml = await runCli("saml", at["hoved.xlsx"], at["ØKF-2025.xlsx"], "-o", out);
      expect(saml.code).toBe(EXIT_USAGE);
      expect(saml.stderr + saml.stdout).toContain(CLI.rowTwice(at["hoved.xlsx"], "Referat", 900));
      await expect(fs.stat(out)).rejects.toThrow();
      const valider = await runCli("valider", at["hoved.xlsx"]);
      expect(valider.code).toBe(0);
    });
  });

  test("the sheet's name is quoted without control or bidi characters, in text and in saml --json", async () => {
    const name = "Re\u202Ef\u0085erat";
    await inFolder({ "fil.xlsx": notes(3, name), "hoved.xlsx": example, "ØKF-2025.xlsx": okf }, async (at, dir) => {
      const run = await runCli("valider", at["fil.xlsx"]);
      expect(run.code).toBe(EXIT_USAGE);
      expect(run.stderr).toContain(CLI.rowTwice(at["fil.xlsx"], name, 3));
      expect(run.stderr + run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      await fs.copyFile(at["fil.xlsx"], path.join(dir, "BIF-2025.xlsx"));
      const json = await runCli("saml", at["hoved.xlsx"], path.join(dir, "BIF-2025.xlsx"), at["ØKF-2025.xlsx"], "-o", path.join(dir, "ud.xlsx"), "--json");
      const doc = JSON.parse(json.stdout) as { overview: { unreadable: { reason: string; message: string; at?: { sheet: string } } | null }[] };
      const row = doc.overview.find((r) => r.unreadable !== null)?.unreadable;
      expect(row?.reason).toBe("row-twice");
      expect(row?.at?.sheet).toBe(quotedText(name));
      expect(`${row?.at?.sheet ?? ""}${row?.message ?? ""}`).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    });
  });
});

/** The worksheet part of `sheet`, by the workbook's relationships. */
function sheetPart(files: Record<string, Uint8Array>, sheet: string): string {
  const workbook = strFromU8(files["xl/workbook.xml"] as Uint8Array);
  const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const rels = strFromU8(files["xl/_rels/workbook.xml.rels"] as Uint8Array);
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (!rid || !target) throw new Error(`no part for ${sheet}`);
  return `xl/${target.replace(/^\/?xl\//, "")}`;
}

function sheetXml(xlsx: Uint8Array, sheet: string): string {
  const files = unzipSync(xlsx);
  return strFromU8(files[sheetPart(files, sheet)] as Uint8Array);
}

/** `xlsx` with `sheet`'s XML edited by `edit` (which must change it). */
function editSheet(xlsx: Uint8Array, sheet: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(xlsx);
  const part = sheetPart(files, sheet);
  const xml = strFromU8(files[part] as Uint8Array);
  const edited = edit(xml);
  if (edited === xml) throw new Error(`the edit did not change ${sheet}`);
  files[part] = strToU8(edited);
  return zipSync(files);
}

