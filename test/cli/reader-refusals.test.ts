/**
 * A delivered file with a cell the reader refuses (issue 20, review 2, findings 3 and 4) gets one
 * Danish message that names the sheet and the cell, the same in `valider`, `beregn`, `saml` and the
 * pane's collect: a `t="s"` cell pointing at a shared string the file lacks (CLI.textMissing), a
 * shared formula that slides off the sheet or whose master holds no formula (CLI.formulaBroken).
 * A missing shared string is named on a sheet exceljs reads itself too (the scan gave up on it, or
 * it cannot look like input), and in a file with no shared strings at all (src/xlsx/missing-strings.ts).
 * An error the reader did not foresee is »read-error« in a collect and CLI.readError in valider,
 * beregn and notat (naming the sheet whose relationship the file lacks), never »not a workbook«.
 * Workbooks are built here: the example workbook plus a sheet »Log« written by hand.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "../../src/cli/exceljs";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { readDelivery, unreadableOf } from "../../src/cli/xlsx-collect";
import { CLI, COLLECT } from "../../src/messages/da";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import { loadWorkbookBytes } from "../../src/xlsx/load";
import { readWorkbookGrid, SharedFormulaError, SharedStringMissingError, wasScanned } from "../../src/xlsx/read-grid";
import { unzipSync, zipSync } from "fflate";
import { withSheet } from "../xlsx/zip-forge";
import { bytesOf, departmentWorkbook } from "../addin/collect-fixtures";
import { runCli, inFolder } from "../support/cli";
import { EXIT_USAGE } from "../../src/cli/command";
import { isWorkbookPackage, sheetWithMissingRelationship } from "../../src/cli/read-error";

/** A header the reader takes for input, so »Log« is read whole (and scanned). */
const HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>ordning</t></is></c></row>';
/** An XML comment: the scan leaves the sheet to exceljs (src/xlsx/sheet-scan.ts). */
const NO_SCAN = "<!-- left to exceljs -->";

const CASES = {
  "a shared formula that slides off the sheet": {
    rows: '<row r="5"><c r="C5"><f t="shared" ref="C5:C7" si="0">A1</f><v>31</v></c></row><row r="6"><c r="B6"><f t="shared" si="0"/><v>45.7</v></c></row>',
    cell: "B6",
  },
  "a shared formula whose master has no formula (another cell claimed the group)": {
    rows: '<row r="5"><c r="B5"><f t="shared" ref="B5:B7" si="0">A5</f><v>1</v></c></row><row r="6"><c r="B6"><f t="shared" ref="B6:B7" si="0"/><v>2</v></c></row><row r="7"><c r="B7"><f t="shared" si="0"/><v>3</v></c></row>',
    cell: "B7",
  },
} as const;

const MISSING_STRING = '<row r="5"><c r="A5"><v>1</v></c><c r="B5" t="s"><v>99999</v></c></row>';
/** The same row with a number in B5. */
const PLAIN = '<row r="5"><c r="A5"><v>1</v></c><c r="B5"><v>2</v></c></row>';
/** A link on A1: the scan leaves the sheet to exceljs (exceljs turns a linked cell's value into a link). */
const LINK = '<hyperlinks><hyperlink ref="A1" location="Log!A1"/></hyperlinks>';

/**
 * Sheets exceljs reads itself, each with `rows` in it: the scan gives up on »Log« (a comment, a
 * link); »Notater« has no header word and a text past the window's rows, so it is cut to the window
 * and never scanned (src/xlsx/trim.ts).
 */
const EXCELJS_SHEETS: Record<string, { sheet: string; bytes: (rows: string) => Uint8Array }> = {
  "an XML comment": { sheet: "Log", bytes: (rows) => logSheet(NO_SCAN + rows) },
  "a hyperlink": { sheet: "Log", bytes: (rows) => withSheet(example, "Log", HEAD + rows, LINK) },
  "no header word (a notes sheet, cut to the window)": {
    sheet: "Notater",
    bytes: (rows) => withSheet(example, "Notater", `<row r="1"><c r="A1" t="inlineStr"><is><t>noter</t></is></c></row>${rows}<row r="900"><c r="A900" t="inlineStr"><is><t>mere</t></is></c></row>`),
  },
};

let example: Uint8Array;
/** A good delivered file, for ØKF. */
let okf: Uint8Array;
beforeAll(async () => {
  const data = await loadExampleData();
  example = await bytesOf(await buildExample(data));
  okf = await bytesOf(await departmentWorkbook("ØKF", data));
});

const logSheet = (rows: string): Uint8Array => withSheet(example, "Log", HEAD + rows);

describe.each(Object.entries(CASES))("%s", (_name, { rows, cell }) => {
  test("the reader names the sheet and the cell, scanned or read by exceljs", async () => {
    for (const [bytes, scanCells] of [
      [logSheet(rows), true],
      [logSheet(NO_SCAN + rows), false],
    ] as const) {
      const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells });
      let thrown: unknown;
      try {
        readWorkbookGrid(wb);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(SharedFormulaError);
      expect(thrown).toMatchObject({ sheet: "Log", cell });
    }
  });

  test("valider and beregn refuse the file with CLI.formulaBroken, not an internal error", async () => {
    await expectValiderBeregn(logSheet(rows), (file) => CLI.formulaBroken(file, "Log", cell));
  });

  test("saml and the pane's collect: one unreadable row with the same message, the other files collected", async () => {
    const bytes = logSheet(rows);
    const picked = await readPickedFile("BUF-2025.xlsx", bytes);
    expect(picked).toEqual({ ok: false, file: "BUF-2025.xlsx", reason: "formula-broken", at: { sheet: "Log", cell } });
    await expectSamlRow(bytes, "formula-broken", CLI.formulaBroken("BUF-2025.xlsx", "Log", cell), { sheet: "Log", cell });
  });
});

describe("a cell pointing at a shared string the file lacks (a scanned sheet)", () => {
  test("saml and the pane's collect say what valider says: CLI.textMissing with the sheet and the cell", async () => {
    const bytes = logSheet(MISSING_STRING);
    const picked = await readPickedFile("BUF-2025.xlsx", bytes);
    expect(picked).toEqual({ ok: false, file: "BUF-2025.xlsx", reason: "text-missing", at: { sheet: "Log", cell: "B5" } });
    expect(COLLECT.unreadable("BUF-2025.xlsx", "text-missing", { sheet: "Log", cell: "B5" })).toBe(CLI.textMissing("BUF-2025.xlsx", "Log", "B5"));
    await expectSamlRow(bytes, "text-missing", CLI.textMissing("BUF-2025.xlsx", "Log", "B5"), { sheet: "Log", cell: "B5" });
  });
});

describe.each(Object.entries(EXCELJS_SHEETS))("a cell pointing at a shared string the file lacks, on a sheet exceljs reads itself: %s", (_name, { sheet, bytes }) => {
  test("the sheet goes to exceljs, and the loader names the sheet and the cell in read and copy mode, not exceljs's bare TypeError", async () => {
    const good = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes(PLAIN), "read", undefined, { scanCells: true });
    expect(wasScanned(good.getWorksheet(sheet) as ExcelJS.Worksheet)).toBe(false);
    for (const mode of ["read", "copy"] as const) {
      const load = loadWorkbookBytes(new ExcelJS.Workbook(), bytes(MISSING_STRING), mode, undefined, { scanCells: mode === "read" });
      await expect(load).rejects.toBeInstanceOf(SharedStringMissingError);
      await expect(load).rejects.toMatchObject({ sheet, cell: "B5" });
    }
  });

  test("valider and beregn refuse the file with CLI.textMissing, not »not a workbook«", async () => {
    await expectValiderBeregn(bytes(MISSING_STRING), (file) => CLI.textMissing(file, sheet, "B5"));
  });

  test("saml and the pane's collect: one unreadable row with CLI.textMissing, the other files collected", async () => {
    const file = bytes(MISSING_STRING);
    await expect(readPickedFile("BUF-2025.xlsx", file)).resolves.toEqual({ ok: false, file: "BUF-2025.xlsx", reason: "text-missing", at: { sheet, cell: "B5" } });
    await expectSamlRow(file, "text-missing", CLI.textMissing("BUF-2025.xlsx", sheet, "B5"), { sheet, cell: "B5" });
  });
});

/**
 * A notes sheet (no header word) is cut to the window the grid reads before exceljs sees it in a
 * read (src/xlsx/trim.ts), but the copy (`beregn`, `saml`'s own workbook) carries every cell of it:
 * a missing shared string past the window's rows or columns was passed by `valider` and a collect,
 * and refused by `beregn`. Now every command names it (src/xlsx/missing-strings.ts, missingInText).
 */
describe("a cell pointing at a shared string the file lacks, beyond the rows and columns a read looks at", () => {
  const NOTES_HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>noter</t></is></c></row>';
  const notes = (rows: string): Uint8Array => withSheet(example, "Notater", NOTES_HEAD + rows);
  const PLACES = {
    "far down (row 5,000)": { rows: '<row r="5000"><c r="A5000" t="s"><v>99999</v></c></row>', cell: "A5000" },
    "far right (column BZ, within the window's rows)": { rows: '<row r="5"><c r="A5"><v>1</v></c><c r="BZ5" t="s"><v>99999</v></c></row>', cell: "BZ5" },
    "its index an entity, after a present string and a formula cell": {
      rows: '<row r="300"><c r="A300" t="s"><v>0</v></c><c r="B300" t="s"><f>"x"</f><v>99999</v></c><c r="C300" s="0" t="s"><v>&#57;9999</v></c></row>',
      cell: "C300",
    },
  };

  describe.each(Object.entries(PLACES))("%s", (_name, { rows, cell }) => {
    test("the sheet is cut for a read, yet a read and the copy both refuse the file, naming the same cell", async () => {
      const good = await loadWorkbookBytes(new ExcelJS.Workbook(), notes(rows.replace(/99999|&#57;9999/g, "0")), "read", undefined, { scanCells: true });
      // Cut to the window (src/xlsx/trim.ts): the read never sees the cell.
      expect(good.getWorksheet("Notater")?.rowCount).toBeLessThanOrEqual(200);
      expect(good.getWorksheet("Notater")?.getCell("BZ5").value).toBeNull();
      for (const mode of ["read", "copy"] as const) {
        const load = loadWorkbookBytes(new ExcelJS.Workbook(), notes(rows), mode, undefined, { scanCells: mode === "read" });
        await expect(load).rejects.toBeInstanceOf(SharedStringMissingError);
        await expect(load).rejects.toMatchObject({ sheet: "Notater", cell });
      }
    });
  });

  test("valider refuses the file as beregn does: exit code, text, --json (and notat); saml and the pane's collect give the same row", async () => {
    const { rows, cell } = PLACES["far down (row 5,000)"];
    const bytes = notes(rows);
    await expectValiderBeregn(bytes, (file) => CLI.textMissing(file, "Notater", cell));
    await inFolder({ "fil.xlsx": bytes }, async (at, dir) => {
      const message = CLI.textMissing(at["fil.xlsx"], "Notater", cell);
      const json = await runCli("valider", at["fil.xlsx"], "--json");
      expect(json.code).toBe(EXIT_USAGE);
      expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(message).slice(1, -1));
      // beregn's text says the very same as valider's.
      const [valider, beregn] = [await runCli("valider", at["fil.xlsx"]), await runCli("beregn", at["fil.xlsx"], "-o", path.join(dir, "ud.xlsx"))];
      expect([valider.code, beregn.code]).toEqual([EXIT_USAGE, EXIT_USAGE]);
      expect(valider.stderr + valider.stdout).toContain(message);
      expect(beregn.stderr + beregn.stdout).toContain(message);
    });
    await expect(readPickedFile("BUF-2025.xlsx", bytes)).resolves.toEqual({ ok: false, file: "BUF-2025.xlsx", reason: "text-missing", at: { sheet: "Notater", cell } });
    await expectSamlRow(bytes, "text-missing", CLI.textMissing("BUF-2025.xlsx", "Notater", cell), { sheet: "Notater", cell });
  });

  test("two such cells: a read names the first in the workbook's sheet order, as the copy does, whichever reader holds each sheet", async () => {
    // »Notater« (cut for a read) comes before »Log« (scanned for a read); both hold a missing string.
    const bytes = withSheet(notes('<row r="5000"><c r="A5000" t="s"><v>99999</v></c></row>'), "Log", HEAD + MISSING_STRING);
    for (const mode of ["read", "copy"] as const) {
      const load = loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells: mode === "read" });
      await expect(load).rejects.toMatchObject({ sheet: "Notater", cell: "A5000" });
    }
  });

  test("a notes sheet whose strings are all there, far down and to the right, still reads", async () => {
    const bytes = notes('<row r="5000"><c r="A5000" t="s"><v>0</v></c><c r="XFD5000" t="s"><v>0</v></c></row>');
    const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells: true });
    expect(readWorkbookGrid(wb).sheets.some((s) => s.name === "Notater")).toBe(true);
    await expect(loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "copy")).resolves.toBeDefined();
  });
});

describe("a missing shared string elsewhere", () => {
  test("in the analyst's own workbook (saml loads it whole, by exceljs): saml refuses with CLI.textMissing and writes nothing", async () => {
    await inFolder({ "hoved.xlsx": logSheet(NO_SCAN + MISSING_STRING), "ØKF-2025.xlsx": okf }, async (at, dir) => {
      const out = path.join(dir, "ud.xlsx");
      const run = await runCli("saml", at["hoved.xlsx"], at["ØKF-2025.xlsx"], "-o", out);
      expect(run.code).not.toBe(0);
      expect(run.stderr + run.stdout).toContain(CLI.textMissing(at["hoved.xlsx"], "Log", "B5"));
      await expect(fs.stat(out)).rejects.toThrow();
    });
  });

  test("in a file with no shared strings at all: exceljs would keep the index as a number; both readers name the cell instead", async () => {
    // A workbook of numbers only, without xl/sharedStrings.xml (it reads), plus »Log« with one `t="s"` cell (index 0).
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Tal").getCell("A1").value = 1;
    const parts = unzipSync(await bytesOf(wb));
    delete parts["xl/sharedStrings.xml"];
    const base = zipSync(parts);
    expect(readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), base, "read", undefined, { scanCells: true })).sheets[0]?.values).toEqual([[1]]);
    const firstString = '<row r="5"><c r="A5"><v>1</v></c><c r="B5" t="s"><v>0</v></c></row>';
    for (const [bytes, scanned] of [
      [withSheet(base, "Log", HEAD + firstString), true],
      [withSheet(base, "Log", NO_SCAN + HEAD + firstString), false],
    ] as const) {
      for (const mode of ["read", "copy"] as const) {
        const load = loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells: scanned && mode === "read" });
        await expect(load).rejects.toBeInstanceOf(SharedStringMissingError);
        await expect(load).rejects.toMatchObject({ sheet: "Log", cell: "B5" });
      }
    }
    await expectValiderBeregn(withSheet(base, "Log", NO_SCAN + HEAD + firstString), (file) => CLI.textMissing(file, "Log", "B5"));
  });
});

describe("a missing shared string under a link (exceljs makes the cell a link, its text the index)", () => {
  test("in a file with no shared strings at all, a `t=\"s\"` cell with an external link is refused with its sheet and cell, not read as a linked number", async () => {
    const base = await numbersWithoutSharedStrings();
    const firstString = '<row r="5"><c r="A5"><v>1</v></c><c r="B5" t="s"><v>250</v></c></row>';
    const bytes = withSheetRels(withSheet(base, "Log", HEAD + firstString, '<hyperlinks><hyperlink ref="B5" r:id="rIdL1"/></hyperlinks>'), EXTERNAL_LINK_RELS);
    for (const mode of ["read", "copy"] as const) {
      const load = loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells: mode === "read" });
      await expect(load).rejects.toBeInstanceOf(SharedStringMissingError);
      await expect(load).rejects.toMatchObject({ sheet: "Log", cell: "B5" });
    }
    await expectValiderBeregn(bytes, (file) => CLI.textMissing(file, "Log", "B5"));
    await expect(readPickedFile("BUF-2025.xlsx", bytes)).resolves.toEqual({ ok: false, file: "BUF-2025.xlsx", reason: "text-missing", at: { sheet: "Log", cell: "B5" } });
  });

  test("the same link on a number cell, and on a text cell whose string is there, still reads", async () => {
    const base = await numbersWithoutSharedStrings();
    const number = withSheetRels(withSheet(base, "Log", HEAD + PLAIN, '<hyperlinks><hyperlink ref="B5" r:id="rIdL1"/></hyperlinks>'), EXTERNAL_LINK_RELS);
    const text = withSheetRels(withSheet(example, "Log", HEAD + '<row r="5"><c r="A5"><v>1</v></c><c r="B5" t="s"><v>0</v></c></row>', '<hyperlinks><hyperlink ref="B5" r:id="rIdL1"/></hyperlinks>'), EXTERNAL_LINK_RELS);
    for (const mode of ["read", "copy"] as const) {
      const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), number, mode, undefined, { scanCells: mode === "read" });
      expect(wb.getWorksheet("Log")?.getCell("B5").value).toMatchObject({ text: 2, hyperlink: "https://example.org/" });
      const wb2 = await loadWorkbookBytes(new ExcelJS.Workbook(), text, mode, undefined, { scanCells: mode === "read" });
      expect(wb2.getWorksheet("Log")?.getCell("B5").value).toMatchObject({ hyperlink: "https://example.org/" });
      expect(typeof (wb2.getWorksheet("Log")?.getCell("B5").value as { text?: unknown }).text).toBe("string");
    }
  });
});

describe("a missing shared string whose cell reference is no proper A1 reference", () => {
  const REFS = {
    "bidi and C1 characters after the reference": "B5\u202E\u009B2J",
    "5,000 letters": `${"B".repeat(5000)}5`,
  };
  describe.each(Object.entries(REFS))("%s", (_name, ref) => {
    const row = `<row r="5"><c r="A5"><v>1</v></c><c${ref === undefined ? "" : ` r="${ref}"`} t="s"><v>99999</v></c></row>`;
    test("the reader names the sheet and no cell, scanned or read by exceljs, in read and copy mode", async () => {
      for (const bytes of [logSheet(row), logSheet(NO_SCAN + row)]) {
        for (const mode of ["read", "copy"] as const) {
          const load = loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells: mode === "read" });
          await expect(load).rejects.toBeInstanceOf(SharedStringMissingError);
          const e = (await load.catch((x: unknown) => x)) as SharedStringMissingError;
          expect(e.sheet).toBe("Log");
          expect(e.cell).toBeUndefined();
        }
      }
    });

    test("valider, beregn, saml and the pane's collect say CLI.textMissing with the sheet, never the file's reference", async () => {
      const bytes = logSheet(NO_SCAN + row);
      expect(CLI.textMissing("x.xlsx", "Log")).not.toContain("undefined");
      await expectValiderBeregn(bytes, (file) => CLI.textMissing(file, "Log"));
      await expect(readPickedFile("BUF-2025.xlsx", bytes)).resolves.toEqual({ ok: false, file: "BUF-2025.xlsx", reason: "text-missing", at: { sheet: "Log" } });
      expect(COLLECT.unreadable("BUF-2025.xlsx", "text-missing", { sheet: "Log" })).toBe(CLI.textMissing("BUF-2025.xlsx", "Log"));
      await expectSamlRow(bytes, "text-missing", CLI.textMissing("BUF-2025.xlsx", "Log"), { sheet: "Log" });
    });
  });
});

describe("a missing shared string in a cell without a reference", () => {
  // Office places it after the row's previous cell ([MS-OI29500] on §18.3.1.4; src/xlsx/unaddressed-cells.ts):
  // after A5 it is B5, and that is the cell named (before the cells were placed so, none was named).
  const row = '<row r="5"><c r="A5"><v>1</v></c><c t="s"><v>99999</v></c></row>';
  test("the reader names the sheet and the cell where Office puts it, in read and copy mode", async () => {
    for (const bytes of [logSheet(row), logSheet(NO_SCAN + row)]) {
      for (const mode of ["read", "copy"] as const) {
        const e = (await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells: mode === "read" }).catch((x: unknown) => x)) as SharedStringMissingError;
        expect(e).toBeInstanceOf(SharedStringMissingError);
        expect(e.sheet).toBe("Log");
        expect(e.cell).toBe("B5");
      }
    }
  });

  test("valider, beregn, saml and the pane's collect say CLI.textMissing with that cell", async () => {
    const bytes = logSheet(NO_SCAN + row);
    await expectValiderBeregn(bytes, (file) => CLI.textMissing(file, "Log", "B5"));
    await expect(readPickedFile("BUF-2025.xlsx", bytes)).resolves.toEqual({ ok: false, file: "BUF-2025.xlsx", reason: "text-missing", at: { sheet: "Log", cell: "B5" } });
    await expectSamlRow(bytes, "text-missing", CLI.textMissing("BUF-2025.xlsx", "Log", "B5"), { sheet: "Log", cell: "B5" });
  });
});

describe("an error the reader did not foresee", () => {
  test("is »read-error«, which does not say the file is no workbook", () => {
    for (const e of [new TypeError("Cannot read properties of undefined (reading 'x')"), new Error("boom"), "a string"]) expect(unreadableOf(e)).toEqual({ reason: "read-error" });
    const text = COLLECT.unreadable("BUF-2025.xlsx", "read-error");
    expect(text).not.toContain("ikke en Excel-projektmappe");
    expect(text).toContain("IT-support");
  });

  test("a file exceljs fails on with a bare TypeError (a link whose relationship the file lacks) is »read-error« in saml and the pane, not »not-workbook«, naming the sheet as valider does", async () => {
    const bytes = withSheet(example, "Log", HEAD, '<hyperlinks><hyperlink ref="A1" r:id="rIdMissing"/></hyperlinks>');
    await expect(loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read")).rejects.toThrow(TypeError);
    await expect(readDelivery(new ExcelJS.Workbook(), bytes)).resolves.toEqual({ ok: false, unreadable: { reason: "read-error", at: { sheet: "Log" } } });
    await expect(readPickedFile("BUF-2025.xlsx", bytes)).resolves.toEqual({ ok: false, file: "BUF-2025.xlsx", reason: "read-error", at: { sheet: "Log" } });
    // The row says what valider says of the file (CLI.readError with the sheet), in saml's text and --json.
    expect(COLLECT.unreadable("BUF-2025.xlsx", "read-error", { sheet: "Log" })).toBe(CLI.readError("BUF-2025.xlsx", "Log"));
    await expectSamlRow(bytes, "read-error", CLI.readError("BUF-2025.xlsx", "Log"), { sheet: "Log" });
  });

  test("the collect's »read-error« row quotes the sheet's name without control or bidi characters (saml text and --json, the pane's reader)", async () => {
    const name = "Lo\u202Eg\u0085";
    const bytes = withSheet(example, name, HEAD, '<hyperlinks><hyperlink ref="A1" r:id="rId9"/></hyperlinks>');
    const picked = await readPickedFile("BUF-2025.xlsx", bytes);
    expect(picked).toMatchObject({ ok: false, reason: "read-error", at: { sheet: expect.stringContaining("Lo") } });
    const sheet = (picked as { at: { sheet: string } }).at.sheet;
    const row = COLLECT.unreadable("BUF-2025.xlsx", "read-error", { sheet });
    expect(row).toBe(CLI.readError("BUF-2025.xlsx", sheet));
    expect(row).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    await inFolder({ "hoved.xlsx": example, "BUF-2025.xlsx": bytes, "ØKF-2025.xlsx": okf }, async (files, dir) => {
      const text = await runCli("saml", files["hoved.xlsx"], files["BUF-2025.xlsx"], files["ØKF-2025.xlsx"], "-o", path.join(dir, "ud.xlsx"));
      expect(text.stdout).toContain("henviser til noget (fx et link), som ikke findes i filen");
      expect(text.stdout + text.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      const json = await runCli("saml", files["hoved.xlsx"], files["BUF-2025.xlsx"], files["ØKF-2025.xlsx"], "-o", path.join(dir, "ud2.xlsx"), "--json");
      const doc = JSON.parse(json.stdout) as { overview: { code: string; unreadable: { reason: string; message: string; at?: { sheet: string } } | null }[] };
      const buf = doc.overview.find((r) => r.code === "BUF")?.unreadable;
      expect(buf).toMatchObject({ reason: "read-error", at: { sheet: expect.stringContaining("Lo") } });
      expect(buf?.message).toContain("henviser til noget (fx et link), som ikke findes i filen");
      expect(`${buf?.message ?? ""}${buf?.at?.sheet ?? ""}`).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    });
  });

  test("valider, beregn and notat say that file is a workbook jobstatus could not read, naming the sheet, not »not a workbook« (CLI.readError)", async () => {
    const bytes = withSheet(example, "Log", HEAD, '<hyperlinks><hyperlink ref="A1" r:id="rId9"/></hyperlinks>');
    await expect(loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read")).rejects.toThrow("reading 'Target'");
    expect(sheetWithMissingRelationship(bytes)).toBe("Log");
    await expectValiderBeregn(bytes, (file) => CLI.readError(file, "Log"));
  });

  test("a sheet whose XML exceljs's parser refuses: CLI.readError without a sheet (the parser's message names none), its text not shown", async () => {
    const bytes = withSheet(example, "Log", HEAD + '<row r="2"><c r="A2"><v>1</v></c></row><row');
    await expect(loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read")).rejects.toThrow("unexpected close tag");
    expect(sheetWithMissingRelationship(bytes)).toBeUndefined();
    await expectValiderBeregn(bytes, (file) => CLI.readError(file));
    await inFolder({ "fil.xlsx": bytes }, async (at) => {
      const run = await runCli("valider", at["fil.xlsx"]);
      expect(run.stderr + run.stdout).not.toContain("unexpected close tag");
    });
    // saml and the pane say »read-error« of the same file.
    await expect(readDelivery(new ExcelJS.Workbook(), bytes)).resolves.toEqual({ ok: false, unreadable: { reason: "read-error" } });
  });

  test("the sheet's name is quoted without control or bidi characters", async () => {
    const name = "Lo\u202Eg\u0085";
    const bytes = withSheet(example, name, HEAD, '<hyperlinks><hyperlink ref="A1" r:id="rId9"/></hyperlinks>');
    expect(sheetWithMissingRelationship(bytes)).toBe(name);
    await inFolder({ "fil.xlsx": bytes }, async (at) => {
      const run = await runCli("valider", at["fil.xlsx"]);
      expect(run.code).toBe(EXIT_USAGE);
      // The terminal's text is cleaned where it is printed (src/cli/terminal.ts); the sentence is CLI.readError's.
      const message = CLI.readError(at["fil.xlsx"], name);
      expect(run.stderr).toContain(message.slice(0, message.indexOf("»Lo") + 3));
      expect(run.stderr).toContain(message.slice(message.indexOf("« henviser")));
      expect(run.stderr + run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    });
  });

  test("a relationship the sheet's part does list is no missing one; a link with only a location names none", () => {
    const rels = (sheet: string): Uint8Array => {
      const files = unzipSync(withSheet(example, "Log", HEAD, '<hyperlinks><hyperlink ref="A1" r:id="rId9"/></hyperlinks>'));
      const part = Object.keys(files).find((k) => new TextDecoder().decode(files[k]).includes('<hyperlink ref="A1" r:id="rId9"/>')) as string;
      files[part.replace("worksheets/", "worksheets/_rels/") + ".rels"] = new TextEncoder().encode(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="${sheet}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>`,
      );
      return zipSync(files);
    };
    expect(sheetWithMissingRelationship(rels("rId9"))).toBeUndefined();
    expect(sheetWithMissingRelationship(rels("rId8"))).toBe("Log");
    expect(sheetWithMissingRelationship(withSheet(example, "Log", HEAD, LINK))).toBeUndefined();
    expect(sheetWithMissingRelationship(example)).toBeUndefined();
  });

  test("»not a workbook« stays for what is no workbook package: not a zip, a zip of other parts, no workbook part", () => {
    const parts = unzipSync(example);
    expect(isWorkbookPackage(example)).toBe(true);
    expect(isWorkbookPackage(new TextEncoder().encode("ordning;status\nLøntilskud;3\n"))).toBe(false);
    expect(isWorkbookPackage(zipSync({ "word/document.xml": parts["xl/workbook.xml"] as Uint8Array, "[Content_Types].xml": parts["[Content_Types].xml"] as Uint8Array }))).toBe(false);
    const noWorkbook = { ...parts };
    delete noWorkbook["xl/workbook.xml"];
    expect(isWorkbookPackage(zipSync(noWorkbook))).toBe(false);
  });
});


/**
 * valider, beregn --json and notat on the file: each refuses it with exit code 2 and says
 * `expected(file)` (the file's path in the message), never »uventet fejl« or »not a workbook«,
 * a stack trace or an error's own English text; nothing is written.
 */
async function expectValiderBeregn(bytes: Uint8Array, expected: (file: string) => string): Promise<void> {
  await inFolder({ "fil.xlsx": bytes }, async (at, dir) => {
    const file = at["fil.xlsx"];
    const message = expected(file);
    const valider = await runCli("valider", file);
    expect(valider.code).toBe(EXIT_USAGE);
    expect(valider.stderr + valider.stdout).toContain(message);
    expect(valider.stderr + valider.stdout).not.toContain(CLI.internal);
    expect(valider.stderr + valider.stdout).not.toContain(CLI.notXlsx(file));
    const beregn = await runCli("beregn", file, "--json", "-o", path.join(dir, "ud.xlsx"));
    expect(beregn.code).toBe(EXIT_USAGE);
    expect(beregn.stderr + beregn.stdout).not.toContain(CLI.internal);
    expect(JSON.stringify(JSON.parse(beregn.stdout))).toContain(JSON.stringify(message).slice(1, -1));
    const notat = await runCli("notat", file, "-o", path.join(dir, "notat.docx"));
    expect(notat.code).toBe(EXIT_USAGE);
    expect(notat.stderr + notat.stdout).toContain(message);
    for (const run of [valider, beregn, notat]) expect(run.stderr + run.stdout).not.toMatch(/\n\s+at |Error\b|Cannot read|reading '/);
    expect((await fs.readdir(dir)).sort()).toEqual(["fil.xlsx"]);
  });
}

/**
 * saml on the example with the file as BUF-2025.xlsx beside a good ØKF file: BUF's row is
 * unreadable with `reason`, `message` and `at` (none when not given), ØKF is collected.
 */
async function expectSamlRow(bytes: Uint8Array, reason: string, message: string, at?: { sheet: string; cell?: string }): Promise<void> {
  await inFolder({ "hoved.xlsx": example, "BUF-2025.xlsx": bytes, "ØKF-2025.xlsx": okf }, async (files, dir) => {
    const [hoved, bad, good] = [files["hoved.xlsx"], files["BUF-2025.xlsx"], files["ØKF-2025.xlsx"]];
    const expected = message.replace("BUF-2025.xlsx", bad);
    const json = await runCli("saml", hoved, bad, good, "-o", path.join(dir, "ud.xlsx"), "--json");
    expect(json.stderr).not.toContain(CLI.internal);
    const doc = JSON.parse(json.stdout) as { overview: { code: string; state: string; unreadable: { reason: string; message: string; at?: unknown } | null }[] };
    const buf = doc.overview.find((r) => r.code === "BUF");
    expect(buf?.unreadable).toMatchObject({ reason, message: expected });
    expect(buf?.unreadable?.at).toEqual(at);
    expect(doc.overview.find((r) => r.code === "ØKF")?.state).not.toBe("unreadable");
    const text = await runCli("saml", hoved, bad, good, "-o", path.join(dir, "ud2.xlsx"));
    expect(text.stdout).toContain(expected);
    expect(text.stdout).not.toContain(COLLECT.unreadable(bad, "not-workbook"));
  });
}

/** A sheet's relationships with one external link, rIdL1, to https://example.org/. */
const EXTERNAL_LINK_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdL1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>';

/** `xlsx` with `rels` as the relationships of its last worksheet (the one withSheet added). */
function withSheetRels(xlsx: Uint8Array, rels: string): Uint8Array {
  const parts = unzipSync(xlsx);
  const n = Math.max(...Object.keys(parts).map((p) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(p)?.[1] ?? 0)));
  parts[`xl/worksheets/_rels/sheet${n}.xml.rels`] = new TextEncoder().encode(rels);
  return zipSync(parts);
}

/** A workbook of numbers only, without xl/sharedStrings.xml (it reads). */
async function numbersWithoutSharedStrings(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Tal").getCell("A1").value = 1;
  const parts = unzipSync(await bytesOf(wb));
  delete parts["xl/sharedStrings.xml"];
  return zipSync(parts);
}
