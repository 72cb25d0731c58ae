/**
 * Cells without an `r` attribute are valid ([MS-OI29500] on ECMA-376 Part 1 §18.3.1.4: the next
 * column after the previous cell of the row; the row's first such cell in column A), and are read
 * where Office places them (src/xlsx/unaddressed-cells.ts). exceljs 4.4.0 failed on a row whose first
 * cell has none, so such a file was refused (CLI.readError). A row without `r` is still refused (its
 * place is not documented). Workbooks are built here: the example (or BIF's own file) with the
 * cells' references removed from BIF's sheet, or a sheet written by hand.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import ExcelJS from "../../src/cli/exceljs";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { EXIT_USAGE } from "../../src/cli/command";
import { CLI } from "../../src/messages/da";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import { loadWorkbookBytes } from "../../src/xlsx/load";
import { readWorkbookGrid, wasScanned } from "../../src/xlsx/read-grid";
import { withSheet } from "../xlsx/zip-forge";
import { bytesOf, departmentWorkbook } from "../addin/collect-fixtures";
import { runCli, tempDir } from "../support/cli";

let example: Uint8Array;
let bif: Uint8Array;
beforeAll(async () => {
  const data = await loadExampleData();
  example = await bytesOf(await buildExample(data));
  bif = await bytesOf(await departmentWorkbook("BIF", data));
});

/**
 * `xlsx` with the `r` attribute removed from every cell of `sheet` that stands where Office would put
 * it without one (column A first, then the column after the previous cell); a cell after a gap keeps it.
 */
function withoutCellReferences(xlsx: Uint8Array, sheet: string): Uint8Array {
  const files = unzipSync(xlsx);
  const workbook = strFromU8(files["xl/workbook.xml"] as Uint8Array);
  const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(strFromU8(files["xl/_rels/workbook.xml.rels"] as Uint8Array))?.[1];
  const part = `xl/${(target ?? "").replace(/^\/?xl\//, "")}`;
  const xml = strFromU8(files[part] as Uint8Array);
  const stripped = xml.replace(/<row\b[^>]*>.*?<\/row>/g, (row) => {
    let next = 1;
    return row.replace(/<c r="([A-Z]+)\d+"/g, (c, letters: string) => {
      const col = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      const keep = col !== next;
      next = col + 1;
      return keep ? c : "<c";
    });
  });
  if (stripped === xml) throw new Error(`no cell references in ${sheet}`);
  files[part] = strToU8(stripped);
  return zipSync(files);
}

const HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>ordning</t></is></c></row>';

describe("cells without a reference", () => {
  test("a row's first cell without one: exceljs alone fails; the reader puts it in column A and the next ones after it, as Office does", async () => {
    const rows = '<row r="3"><c><v>1</v></c><c><v>2</v></c><c r="E3"><v>5</v></c><c><v>6</v></c></row><row r="4"><c r="B4"><v>7</v></c><c><v>8</v></c></row>';
    const bytes = withSheet(example, "Log", HEAD + rows);
    await expect(new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer)).rejects.toThrow(TypeError);
    for (const mode of ["read", "copy"] as const) {
      const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells: mode === "read" });
      expect(wasScanned(wb.getWorksheet("Log") as ExcelJS.Worksheet)).toBe(false);
      const values = readWorkbookGrid(wb).sheets.find((s) => s.name === "Log")?.values;
      expect(values?.slice(2, 4)).toEqual([
        [1, 2, null, null, 5, 6],
        [null, 7, 8],
      ]);
    }
  });

  test("an empty cell counts: a cell without a reference after an empty <c/> or <c r=\"B3\"/> is in the next column, where Office and LibreOffice put it (exceljs skipped the empty one)", async () => {
    // Row 3: an empty first cell, then two without references: B3 and C3. Row 4: A4, an empty B4, then
    // one without a reference: C4. exceljs alone put row 3's in A3, B3 (when it read at all) and row 4's in B4.
    const rows = '<row r="3"><c/><c><v>7.2</v></c><c><v>31</v></c></row><row r="4"><c r="A4"><v>1</v></c><c r="B4"/><c><v>7.2</v></c><c><v>31</v></c></row>';
    const bytes = withSheet(example, "Log", HEAD + rows);
    for (const mode of ["read", "copy"] as const) {
      const wb = await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells: mode === "read" });
      const values = readWorkbookGrid(wb).sheets.find((s) => s.name === "Log")?.values;
      expect(values?.slice(2, 4)).toEqual([
        [null, 7.2, 31],
        [1, null, 7.2, 31],
      ]);
    }
  });

  test("a first cell without a reference and A3 after it are A3 twice: refused as damaged", async () => {
    const bytes = withSheet(example, "Log", `${HEAD}<row r="3"><c><v>1</v></c><c r="A3"><v>2</v></c></row>`);
    await expect(loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read", undefined, { scanCells: true })).rejects.toMatchObject({ sheet: "Log", damage: { kind: "cell-twice", row: 3, cell: "A3" } });
  });

  test("BIF's sheet with no cell references: valider and beregn say what they say of the example (before: CLI.readError)", async () => {
    const bytes = withoutCellReferences(example, "BIF");
    const bifOf = async (b: Uint8Array, mode: "read" | "copy"): Promise<unknown> => readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), b, mode, undefined, { scanCells: mode === "read" })).sheets.find((s) => s.name === "BIF")?.values;
    for (const mode of ["read", "copy"] as const) expect(await bifOf(bytes, mode)).toEqual(await bifOf(example, mode));
    const dir = await tempDir();
    try {
      const [plain, noRefs] = [path.join(dir, "rigtig.xlsx"), path.join(dir, "uden.xlsx")];
      await fs.writeFile(plain, example);
      await fs.writeFile(noRefs, bytes);
      const [a, b] = [await runCli("valider", plain), await runCli("valider", noRefs)];
      expect(b.code).toBe(a.code);
      expect(b.stdout).toBe(a.stdout);
      expect(b.stderr).not.toContain(CLI.readError(noRefs));
      const units = async (file: string, out: string): Promise<unknown> => (JSON.parse((await runCli("beregn", file, "--json", "-o", path.join(dir, out))).stdout) as { forvaltninger: unknown }).forvaltninger;
      expect(await units(noRefs, "b.xlsx")).toEqual(await units(plain, "a.xlsx"));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test("BIF's own file with no cell references reads in the pane's collect as it reads with them", async () => {
    const [picked, good] = [await readPickedFile("BIF-2025.xlsx", withoutCellReferences(bif, "BIF")), await readPickedFile("BIF-2025.xlsx", bif)];
    expect(picked.ok && good.ok).toBe(true);
    if (picked.ok && good.ok) expect(picked.file.grid.sheets.find((s) => s.name === "BIF")?.values).toEqual(good.file.grid.sheets.find((s) => s.name === "BIF")?.values);
  });

  test("a row without a reference is still refused as a file jobstatus cannot read (CLI.readError), not read at a guessed place", async () => {
    const bytes = withSheet(example, "Log", `${HEAD}<row><c r="A2"><v>1</v></c></row>`);
    const dir = await tempDir();
    try {
      const file = path.join(dir, "fil.xlsx");
      await fs.writeFile(file, bytes);
      const run = await runCli("valider", file);
      expect(run.code).toBe(EXIT_USAGE);
      expect(run.stderr).toContain(CLI.readError(file));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
