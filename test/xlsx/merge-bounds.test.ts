/**
 * The merge bomb (issue 20, »Read only what is needed, within bounds«; docs/dev/security.md, »Reader
 * limits«): exceljs makes a Cell for every cell of a merge, so one `<mergeCell ref="D20:XFD1048576"/>`
 * in a 7.8 KB file ran the CLI out of memory, and 20,000 small merges took 35 s (each is checked
 * against every earlier one). Every file is built here. Each test fails on the reader before
 * src/xlsx/merge-bounds.ts: the CLI died with »JavaScript heap out of memory«, or the file was read.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { CLI, COLLECT } from "../../src/messages/da";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import { loadWorkbook } from "../../src/cli/command";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { MERGE_LIMITS, mergedCellCount, mergeRefs } from "../../src/xlsx/merge-bounds";
import { exampleFixture } from "./example-fixture";
import { columnRows, withSheet } from "./zip-forge";

// exceljs's own decoding of a range, to compare with (the pinned 4.4.0).
const ExcelRange = require("exceljs/lib/doc/range") as new (ref: string) => { top: number; left: number; bottom: number; right: number };

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/jobstatus.js");

const fx = exampleFixture();

const save = fx.save;

const merges = (...refs: string[]): string => `<mergeCells count="${refs.length}">${refs.map((r) => `<mergeCell ref="${r}"/>`).join("")}</mergeCells>`;

/**
 * The built CLI in a process of its own with a 512 MB heap (npm run build:cli): before the limits
 * the merge bomb ended it with »FATAL ERROR … JavaScript heap out of memory«, which must not take
 * the test runner with it.
 */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--max-old-space-size=512", BIN, ...args], { cwd: fx.dir, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === "number" ? err.code : -1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
  }
}

describe("one merge over a whole sheet (c5-bigmerge: D20:XFD1048576)", () => {
  let bomb: string;
  beforeAll(async () => {
    bomb = await save("bomb.xlsx", withSheet(fx.example, "Referat", columnRows("A", 2, 3, (r) => `note ${r}`, "Mødenoter"), merges("D20:XFD1048576")));
    expect((await fs.stat(bomb)).size).toBeLessThan(200_000);
  });

  test("valider refuses it at once, naming the sheet and the merge (before: heap out of memory)", async () => {
    const run = await cli("valider", "bomb.xlsx");
    expect(run.stderr.trim()).toBe(CLI.mergeTooLarge("bomb.xlsx", "Referat", "D20:XFD1048576", MERGE_LIMITS.mergedCells));
    expect(run.code).toBe(2);
  }, 150_000);

  test("saml: a forvaltning's file with it is one unreadable row, and the analyst's own workbook with it is refused and left as it was", async () => {
    await save("hoved.xlsx", fx.example);
    const delivered = await cli("saml", "hoved.xlsx", "bomb.xlsx", "-o", "samlet.xlsx");
    // The overview names the sheet and the merge, as valider does (second review: it said »delete the sheets not needed«).
    expect(delivered.stdout + delivered.stderr).toContain(CLI.mergeTooLarge("bomb.xlsx", "Referat", "D20:XFD1048576", MERGE_LIMITS.mergedCells));
    expect(delivered.stderr).not.toMatch(/FATAL|heap/);
    // The analyst's workbook is loaded in copy mode: refused before exceljs sees the merge, nothing written.
    const before = await fs.readFile(bomb);
    const asMain = await cli("saml", "bomb.xlsx", "hoved.xlsx", "-o", "samlet2.xlsx");
    expect(asMain.stderr.trim()).toBe(CLI.mergeTooLarge("bomb.xlsx", "Referat", "D20:XFD1048576", MERGE_LIMITS.mergedCells));
    expect(asMain.code).toBe(2);
    await expect(fs.stat(path.join(fx.dir, "samlet2.xlsx"))).rejects.toThrow();
    expect(Buffer.compare(await fs.readFile(bomb), before)).toBe(0);
  }, 300_000);
});

describe("merges within the limits are read as before, and a little over is refused in the pane's collect too", () => {
  test("a title merged across all 16,384 columns is read, its merge in the grid", async () => {
    const file = await save("title.xlsx", withSheet(fx.example, "Referat", columnRows("A", 2, 3, (r) => `note ${r}`, "Mødenoter"), merges("A1:XFD1", "A5:B6")));
    const notes = readWorkbookGrid(await loadWorkbook(file, "read")).sheets.find((s) => s.name === "Referat");
    expect(notes?.merges).toEqual(["A1:XFD1", "A5:B6"]);
    expect(notes?.values[0]?.[0]).toBe("Mødenoter");
  });

  test("the pane's collect refuses a merge of 312,000 cells as too large (before: read, some 200 MB of exceljs cells)", async () => {
    const bytes = withSheet(fx.example, "Referat", columnRows("A", 2, 3, (r) => `note ${r}`, "Mødenoter"), merges("A1:Z12000"));
    const outcome = await readPickedFile("BUF.xlsx", bytes);
    expect(outcome).toEqual({ ok: false, file: "BUF.xlsx", reason: "too-large", limit: { kind: "mergedCells", sheet: "Referat", max: MERGE_LIMITS.mergedCells, range: "A1:Z12000" } });
    // The card says what valider says of the file, naming the sheet and the merge (second review: it said »delete the sheets not needed«).
    if (outcome.ok) throw new Error("read");
    expect(COLLECT.unreadable(outcome.file, outcome.reason, outcome.at, outcome.limit)).toBe(CLI.mergeTooLarge("BUF.xlsx", "Referat", "A1:Z12000", MERGE_LIMITS.mergedCells));
  });

  test(`more than ${MERGE_LIMITS.sheetMerges} merges in one sheet are refused at once (before: 20,000 took 35 s)`, async () => {
    const refs = Array.from({ length: 20_000 }, (_, i) => `A${i + 2}:B${i + 2}`);
    await save("many.xlsx", withSheet(fx.example, "Referat", columnRows("A", 2, 3, (r) => `note ${r}`, "Mødenoter"), merges(...refs)));
    const run = await cli("valider", "many.xlsx");
    expect(run.stderr.trim()).toBe(CLI.tooManyMerges("many.xlsx", "Referat", MERGE_LIMITS.sheetMerges, false));
  }, 150_000);
});

test(`merges are counted over the whole file: sheets each under ${MERGE_LIMITS.sheetMerges} pass the file's ${MERGE_LIMITS.fileMerges}, and a long merge is named cut short`, async () => {
  const perSheet = MERGE_LIMITS.sheetMerges - 100;
  const sheets = Math.floor(MERGE_LIMITS.fileMerges / perSheet) + 1;
  let bytes = fx.example;
  for (let i = 1; i <= sheets; i++) bytes = withSheet(bytes, `Referat ${i}`, "", merges(...Array.from({ length: perSheet }, (_, k) => `A${k + 1}:B${k + 1}`)));
  await save("spread.xlsx", bytes);
  const spread = await cli("valider", "spread.xlsx");
  expect(spread.stderr.trim()).toBe(CLI.tooManyMerges("spread.xlsx", `Referat ${sheets}`, MERGE_LIMITS.fileMerges, true));
  const long = `A1:${"$".repeat(60)}XFD1048576`;
  await save("long.xlsx", withSheet(fx.example, "Referat", "", merges(long)));
  const run = await cli("valider", "long.xlsx");
  expect(run.stderr.trim()).toBe(CLI.mergeTooLarge("long.xlsx", "Referat", `${long.slice(0, 39)}…`, MERGE_LIMITS.mergedCells));
}, 150_000);

describe("mergedCellCount counts what exceljs makes", () => {
  const letters = (n: number): string => (n <= 0 ? "" : letters(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));
  test("for every range exceljs decodes, its cells; odd spellings (`$`, a sheet name, junk between letters) alike", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16_384 }), fc.integer({ min: 1, max: 1_048_576 }), fc.integer({ min: 1, max: 16_384 }), fc.integer({ min: 1, max: 1_048_576 }), fc.constantFrom("", "$", "Noter!", "'a b'!", "-"), (c1, r1, c2, r2, deco) => {
        const ref = deco === "-" ? `${letters(c1).split("").join("-")}${r1}:${letters(c2)}-${r2}` : deco.endsWith("!") ? `${deco}${letters(c1)}${r1}:${letters(c2)}${r2}` : `${deco}${letters(c1)}${deco}${r1}:${letters(c2)}${r2}`;
        const r = new ExcelRange(ref);
        expect(mergedCellCount(ref)).toBe((r.bottom - r.top + 1) * (r.right - r.left + 1));
      }),
      { numRuns: 500 },
    );
  });
});

describe("a merge's ref is found however its tag is written (review: a bomb hidden in the attributes ran the CLI out of memory)", () => {
  test("a `>` inside another attribute's value does not end the tag", () => {
    expect(mergeRefs(`<mergeCells><mergeCell x=">" ref="D20:XFD1048576"/></mergeCells>`)).toEqual(["D20:XFD1048576"]);
  });

  test("a `ref=` inside another attribute's value is not the ref", () => {
    expect(mergeRefs(`<mergeCells><mergeCell a=' ref="A1"' ref="D20:XFD1048576"/></mergeCells>`)).toEqual(["D20:XFD1048576"]);
    expect(mergeRefs(`<mergeCell href="A1:B2" ref='C3:D4'/><x:mergeCell xref="A1" ref="E5:F6"></x:mergeCell>`)).toEqual(["C3:D4", "E5:F6"]);
  });

  test("the CLI refuses such a bomb at once, naming the sheet and the range", async () => {
    const file = await save("hidden-bomb.xlsx", withSheet(fx.example, "Referat", columnRows("A", 2, 3, (r) => `note ${r}`, "Mødenoter"), `<mergeCells count="1"><mergeCell x=">" ref="D20:XFD1048576"/></mergeCells>`));
    const run = await cli("valider", path.basename(file));
    expect(run.stderr.trim()).toBe(CLI.mergeTooLarge("hidden-bomb.xlsx", "Referat", "D20:XFD1048576", MERGE_LIMITS.mergedCells));
  }, 150_000);
});
