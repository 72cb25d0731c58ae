/**
 * The scan's fallback, bounded (issue 20, »Read only what is needed, within bounds«; docs/dev/
 * security.md, »Reader limits«): a sheet that may be input but that the scan (src/xlsx/sheet-scan.ts)
 * gives up on, here for one XML comment, goes to exceljs whole, which cost 1.57 GB for a million
 * rows. Now the rows and cells of such sheets are counted in the bytes first and a file over
 * MERGE_LIMITS.wholeSheetElements is refused, naming the sheet and the limit. Files built here; the
 * refusal tests fail on the reader before the bound (the file was read).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { loadWorkbook, UsageError } from "../../src/cli/command";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { CLI } from "../../src/messages/da";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import { MERGE_LIMITS, rowsAndCells } from "../../src/xlsx/merge-bounds";
import { WINDOW_ROWS } from "../../src/xlsx/read-grid";
import { exampleFixture } from "./example-fixture";
import { withSheet } from "./zip-forge";

const fx = exampleFixture();

/** A »Log« sheet that looks like input (»Ordning« in A1) with `n` one-cell rows after it; `comment` puts an XML comment in its cells, so the scan gives up. */
function logFile(n: number, comment: boolean): Uint8Array {
  const rows = [`<row r="1"><c r="A1" t="inlineStr"><is><t>Ordning</t></is></c></row>`];
  for (let r = 2; r <= n + 1; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  if (comment) rows.splice(1, 0, "<!-- x -->");
  return withSheet(fx.example, "Log", rows.join(""));
}

async function outcome(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(fx.dir, name);
  await fs.writeFile(file, bytes);
  try {
    const grid = readWorkbookGrid(await loadWorkbook(file, "read"));
    return `read ${grid.sheets.find((s) => s.name === "Log")?.values.length ?? 0} rows`;
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
}

const over = Math.floor(MERGE_LIMITS.wholeSheetElements / 2) + 10;

describe("a sheet left to exceljs whole", () => {
  test(`over ${MERGE_LIMITS.wholeSheetElements} rows and cells: refused, naming the sheet and the limit (before: read, about 1 KB per row)`, async () => {
    expect(await outcome("log-comment.xlsx", logFile(over, true))).toBe(CLI.sheetNotPlain(path.join(fx.dir, "log-comment.xlsx"), "Log", MERGE_LIMITS.wholeSheetElements));
  });

  test("the pane's collect refuses it too", async () => {
    expect(await readPickedFile("BUF.xlsx", logFile(over, true))).toEqual({ ok: false, file: "BUF.xlsx", reason: "too-large", limit: { kind: "elements", sheet: "Log", max: MERGE_LIMITS.wholeSheetElements } });
  });

  test("the same rows without the comment are scanned, not counted, and read whole", async () => {
    expect(await outcome("log-plain.xlsx", logFile(over, false))).toBe(`read ${over + 1} rows`);
  });

  test("under the limit the fallback reads the sheet as before", async () => {
    expect(await outcome("log-small.xlsx", logFile(1000, true))).toBe("read 1001 rows");
  });

  test("a sheet cut to its window (a notes sheet) does not count", async () => {
    const files = unzipSync(logFile(over, true));
    const sheet = Object.keys(files).find((k) => /sheet\d+\.xml$/.test(k) && new TextDecoder().decode(files[k]).includes("Ordning")) as string;
    // »Ordning« becomes »Noter«: no header word, so trim.ts cuts the sheet to its window before exceljs sees it.
    files[sheet] = strToU8(new TextDecoder().decode(files[sheet]).replace("Ordning", "Noter").replace("<!-- x -->", ""));
    expect(await outcome("log-notes.xlsx", zipSync(files))).toBe(`read ${WINDOW_ROWS} rows`);
  });
});

describe("rowsAndCells counts what exceljs could make rows and cells of", () => {
  test("start tags `row` and `c`, with or without a prefix; not `col`, `cfRule`, end tags, comments, CDATA or instructions", () => {
    const xml = `<?xml version="1.0"?><worksheet><cols><col min="1"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c><x:c r="B1"/></row><x:row r="2"/><!-- <row><c> --><![CDATA[<c>]]><?pi <c>?></sheetData><conditionalFormatting><cfRule/></conditionalFormatting></worksheet>`;
    expect(rowsAndCells(strToU8(xml))).toBe(4);
    expect(rowsAndCells(strToU8(xml), 1)).toBe(2);
  });
});
