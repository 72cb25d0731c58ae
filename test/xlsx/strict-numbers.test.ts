/**
 * A strict number reader (issue 19, item 4): a cell stored as a number whose text is not a number
 * as SpreadsheetML defines it (`8,9e1`, `0x10`) is an error at its cell, and a `t="d"` date cell
 * where a count belongs is an error that says »dato«. exceljs alone reads them as 8, 0 and 2025.
 * The files are the example workbook with Måltal's cells rewritten in the XML, as another program
 * might write them.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { unzipSync, zipSync } from "fflate";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { isFileNumber, isoToSerial, scanSheetValues, sheetPartsByName } from "../../src/xlsx/inspect";
import { NOT_A_FILE_NUMBER } from "../../src/core/grid";
import { runCli, tempDir } from "../support/cli";

interface JsonIssue {
  severity: string;
  code: string;
  sheet: string;
  cell: string | null;
  message: string;
}

/** The example with Måltal's cell `ref` rewritten to `<c r=ref {attrs}><v>{v}</v></c>`. */
async function exampleWithCell(ref: string, attrs: string, v: string): Promise<Uint8Array> {
  const bytes = new Uint8Array(await (await buildExample(await loadExampleData())).xlsx.writeBuffer());
  const files = unzipSync(bytes);
  const text = (p: string): string => new TextDecoder().decode(files[p]);
  const part = sheetPartsByName(text("xl/workbook.xml"), text("xl/_rels/workbook.xml.rels")).get("Måltal") as string;
  const xml = text(part);
  const cell = new RegExp(`<c r="${ref}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`);
  expect(xml).toMatch(cell);
  files[part] = new TextEncoder().encode(xml.replace(cell, `<c r="${ref}"${attrs}><v>${v}</v></c>`));
  return zipSync(files);
}

async function valider(name: string, bytes: Uint8Array): Promise<JsonIssue[]> {
  const dir = await tempDir();
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  const run = await runCli("valider", file, "--json");
  await fs.rm(dir, { recursive: true, force: true });
  return (JSON.parse(run.stdout) as { issues: JsonIssue[] }).issues;
}

describe("numbers as the file format defines them", () => {
  test.each(["8,9e1", "0x10", "12.5.1", "INF", "NaN", "1 000", ""])("»%s« is not a number in a file", (t) => expect(isFileNumber(t)).toBe(false));
  test.each(["89", "8.9e1", "-0.5", ".5", "5.", "1E-3", "+7", " 12 "])("»%s« is a number in a file", (t) => expect(isFileNumber(t)).toBe(true));

  test("a t=\"d\" cell is a date (its ISO text as Excel's serial), a bad number an error at its own cell", () => {
    const found = scanSheetValues('<sheetData><row r="3"><c r="B3"><v>0x10</v></c><c t="d"><v>2025-01-31</v></c><c r="E3" t="s"><v>4</v></c><c r="F3"><f>1+1</f><v>2</v></c><c r="G3"><v>NaN</v></c><c r="H3"><v>-INF</v></c></row></sheetData>');
    expect([...found]).toEqual([
      ["B3", { error: NOT_A_FILE_NUMBER }],
      ["C3", { date: isoToSerial("2025-01-31") }],
      ["G3", Number.NaN],
      ["H3", Number.NEGATIVE_INFINITY],
    ]);
    expect(isoToSerial("2025-01-31")).toBe(45688);
  });

  test("Måltal's target stored as »8,9e1« is an error at its cell, not the target 8", async () => {
    const issues = await valider("komma.xlsx", await exampleWithCell("C4", "", "8,9e1"));
    const at = issues.filter((i) => i.sheet === "Måltal" && i.cell === "C4");
    expect(at.map((i) => [i.severity, i.code])).toEqual([["error", "VALUE_ERROR"]]);
    expect(at[0]?.message).toContain("ikke et tal");
  });

  test("Måltal's target stored as »0x10« is an error at its cell, not the target 0", async () => {
    const issues = await valider("hex.xlsx", await exampleWithCell("D4", "", "0x10"));
    expect(issues.filter((i) => i.sheet === "Måltal" && i.cell === "D4").map((i) => [i.severity, i.code])).toEqual([["error", "VALUE_ERROR"]]);
  });

  test("a date cell (t=\"d\") where a target belongs is an error that says »dato«, not the number 2025", async () => {
    const issues = await valider("dato.xlsx", await exampleWithCell("C4", ' t="d"', "2025-01-31T00:00:00"));
    const at = issues.filter((i) => i.sheet === "Måltal" && i.cell === "C4");
    expect(at.map((i) => [i.severity, i.code])).toEqual([["error", "VALUE_DATE"]]);
    expect(at[0]?.message).toContain("dato");
  });
});

describe("the calculation mode (the contract with issue 19: WorkbookGrid.calcMode)", () => {
  test("workbook.xml's <calcPr calcMode> reaches the grid; a file that does not say has none", async () => {
    const { calcModeOf } = await import("../../src/xlsx/inspect");
    expect(calcModeOf('<workbook><calcPr calcId="191029" calcMode="manual"/></workbook>')).toBe("manual");
    expect(calcModeOf('<workbook><calcPr calcId="191029"/></workbook>')).toBeUndefined();
    const bytes = new Uint8Array(await (await buildExample(await loadExampleData())).xlsx.writeBuffer());
    const files = unzipSync(bytes);
    const xml = new TextDecoder().decode(files["xl/workbook.xml"]);
    files["xl/workbook.xml"] = new TextEncoder().encode(xml.includes("<calcPr") ? xml.replace(/<calcPr\b/, '<calcPr calcMode="manual"') : xml.replace("</workbook>", '<calcPr calcMode="manual"/></workbook>'));
    const { loadWorkbookBytes } = await import("../../src/xlsx/load");
    const { readWorkbookGrid } = await import("../../src/xlsx/read-grid");
    const ExcelJS = (await import("../../src/cli/exceljs")).default;
    expect(readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), zipSync(files), "read")).calcMode).toBe("manual");
    expect(readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "copy")).calcMode).toBeUndefined();
  });
});

describe("scanSheetValues on cells left unclosed (a hostile sheet)", () => {
  // A cell's body never runs past the next cell's tag: one pass. Before, each unclosed cell searched to
  // the end for a `</c>`: 100,000 of them in a 22 KB file took over 30 s in valider (docs/dev/security.md).
  test("100,000 unclosed cells, then closed ones: the closed cells' values are still judged, in their places", () => {
    const xml = `<sheetData><row r="300">${'<c r="A300" t="s"><v>0</v>'.repeat(100_000)}</row><row r="301"><c r="A301"><v>1,5</v></c><c><v>NaN</v></c><c r="C301"><v>2</v></c></row></sheetData>`;
    const numbers = new Map<number, number>();
    const out = scanSheetValues(xml, numbers);
    expect([...out.keys()].sort()).toEqual(["A301", "B301"]);
    expect([...numbers.values()]).toEqual([2]);
  });

  test("a closing tag with white space (</c >) ends its cell as </c> does", () => {
    const out = scanSheetValues('<sheetData><row r="1"><c r="A1"><v>x</v></c ><c r="B1"><v>3</v></c></row></sheetData>');
    expect([...out.keys()]).toEqual(["A1"]);
  });
});

describe("scanSheetValues on comments in cells (the second review of 2026-12-08)", () => {
  test("a comment holding a cell's text inside B5 does not hide B5's value that is no file number", () => {
    const out = scanSheetValues('<sheetData><row r="5"><c r="B5" s="2"><v>9.5abc</v><!--<c r="B5"><v>9.5</v></c>--></c></row></sheetData>');
    expect(out.get("B5")).toEqual({ error: expect.any(String) });
  });

  test("a comment holding an empty cell's tag after C5's number leaves C5 a number", () => {
    const numbers = new Map<number, number>();
    const out = scanSheetValues('<sheetData><row r="5"><c r="A5"><v>1</v></c><c r="B5"><v>2</v></c><c s="2"><v>31</v><!--<c/>--></c></row></sheetData>', numbers);
    expect(out.size).toBe(0);
    expect([...numbers.values()]).toEqual([1, 2, 31]);
  });
});
