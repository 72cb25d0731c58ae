/**
 * Hostile files against the shared .xlsx reader (issue 20, item 1 and 2; docs/dev/security.md,
 * »Reader limits«): one test per attack class, each file built here by script. Each fails on the
 * reader before the limits: it padded every row to the last column, turned every sheet into a
 * grid, and let exceljs inflate every part without a cap.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { unzipSync, zipSync } from "fflate";
import { buildExample, loadExampleData } from "../../src/cli/example";
import ExcelJS from "../../src/cli/exceljs";
import { loadWorkbook, UsageError } from "../../src/cli/command";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { CLI } from "../../src/messages/da";
import { centralDirectory, NotWorkbookError, READER_LIMITS, ReaderLimitError, usedParts } from "../../src/xlsx/bounded-zip";
import { loadWorkbookBytes } from "../../src/xlsx/load";
import { MAX_SHEET_CELLS, WINDOW_COLS, WINDOW_ROWS } from "../../src/xlsx/read-grid";
import { runCli, tempDir } from "../support/cli";
import { columnRows, entriesOf, forgeZip, stored, withSheet, zerosDeflate, type ForgedEntry } from "./zip-forge";

const MB = 1024 * 1024;

let dir: string;
let example: Uint8Array;

beforeAll(async () => {
  dir = await tempDir();
  example = new Uint8Array(await (await buildExample(await loadExampleData())).xlsx.writeBuffer());
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function save(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}

/** The example workbook with extra entries added to its zip (and to [Content_Types].xml's defaults where needed). */
function exampleWith(extra: readonly ForgedEntry[]): Uint8Array {
  return forgeZip([...entriesOf(example), ...extra]);
}

async function refusal(file: string, mode: "read" | "copy" = "read"): Promise<string> {
  try {
    await loadWorkbook(file, mode);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`${file} was read`);
}

describe("a notes sheet with 40,000 cells in column XFD (issue 20, item 1)", () => {
  let file: string;
  beforeAll(async () => {
    file = await save("xfd.xlsx", withSheet(example, "Noteark", columnRows("XFD", 2, 40_001, (r) => `note ${r}`, "Mødenoter")));
    expect((await fs.stat(file)).size).toBeLessThan(600_000);
  });

  test("the notes sheet is read as the add-in reads it: its window only, no row padded to column XFD", async () => {
    const grid = readWorkbookGrid(await loadWorkbook(file, "read"));
    const notes = grid.sheets.find((s) => s.name === "Noteark");
    expect(notes?.values.length).toBeLessThanOrEqual(WINDOW_ROWS);
    expect(Math.max(...(notes?.values ?? []).map((r) => r.length))).toBeLessThanOrEqual(WINDOW_COLS);
    expect(notes?.values[0]?.[0]).toBe("Mødenoter");
  });

  test("valider gives the same messages as without the notes sheet", async () => {
    const plain = await save("plain.xlsx", example);
    const [a, b] = [await runCli("valider", plain, "--json"), await runCli("valider", file, "--json")];
    expect(b.code).toBe(a.code);
    expect(JSON.parse(b.stdout).issues).toEqual(JSON.parse(a.stdout).issues);
  });

  test("beregn's copy keeps every one of the notes sheet's 40,000 cells (the copy is read whole, and saved without walking each row to XFD)", async () => {
    const out = path.join(dir, "xfd-status.xlsx");
    const run = await runCli("beregn", file, "-o", out);
    expect(run.code).toBe(0);
    const copy = unzipSync(new Uint8Array(await fs.readFile(out)));
    const counts = Object.entries(copy)
      .filter(([n]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
      .map(([, b]) => (new TextDecoder().decode(b).match(/<c r="XFD\d+"/g) ?? []).length);
    expect(counts.filter((c) => c > 0)).toEqual([40_000]);
  });

  test("a sheet that is read whole and reaches column XFD on 40,000 rows is refused, naming the sheet and the limit", async () => {
    // »Ordning« in A1: the sheet looks like input, so it would be read whole.
    const big = await save("xfd-relevant.xlsx", withSheet(example, "Ordninger 2", columnRows("XFD", 2, 40_001, () => "1", "Ordning")));
    const run = await runCli("valider", big);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(CLI.sheetTooLarge(big, "Ordninger 2", MAX_SHEET_CELLS));
  });
});

describe("zip bombs (issue 20, item 2)", () => {
  test("a part that declares more than the part limit is refused before anything is inflated", async () => {
    const bomb = zerosDeflate(258 * 4 * 1024 + 1);
    const file = await save("declared.xlsx", exampleWith([{ name: "xl/media/image1.png", data: bomb, method: 8, size: READER_LIMITS.partBytes + 1 }]));
    expect(await refusal(file)).toBe(CLI.unpackTooLarge(file, READER_LIMITS.partBytes / MB));
    expect(await refusal(file, "copy")).toBe(CLI.unpackTooLarge(file, READER_LIMITS.partBytes / MB));
  });

  test("parts that together declare more than the total limit are refused", async () => {
    const small = zerosDeflate(259);
    const each = READER_LIMITS.partBytes - 1;
    const parts = Array.from({ length: Math.ceil(READER_LIMITS.totalBytes / each) + 1 }, (_, i) => ({ name: `xl/media/image${i + 1}.png`, data: small, method: 8 as const, size: each }));
    const file = await save("total.xlsx", exampleWith(parts));
    expect(await refusal(file)).toBe(CLI.unpackTooLarge(file, READER_LIMITS.totalBytes / MB));
  });

  test("a 2 MB part that inflates to 500 MB while declaring 1 KB (a lying header) is stopped at 1 KB, as a damaged file", async () => {
    const bomb = zerosDeflate(258 * 2_000_000 + 1);
    expect(bomb.length).toBeLessThan(4 * MB);
    // In a part that is read (a worksheet), and in one that only the copy reads (an image).
    const inSheet = await save("bomb-sheet.xlsx", exampleWith([{ name: "xl/worksheets/sheet99.xml", data: bomb, method: 8, size: 1024 }]));
    expect(await refusal(inSheet)).toBe(CLI.damaged(inSheet));
    const inImage = await save("bomb-image.xlsx", exampleWith([{ name: "xl/media/image1.png", data: bomb, method: 8, size: 1024 }]));
    expect(await refusal(inImage, "copy")).toBe(CLI.damaged(inImage));
    // Reading only the figures never inflates the image: inflating it would have failed as above.
    expect(readWorkbookGrid(await loadWorkbook(inImage, "read")).sheets.map((s) => s.name)).toContain("Måltal");
  });
});

describe("a huge »image« and many unused parts (issue 20, item 2)", () => {
  test("unused parts are never inflated when only figures are read, and are all checked for the copy", async () => {
    // Each unused part is deliberately not a deflate stream: reading it would fail.
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff]);
    const parts = Array.from({ length: 3000 }, (_, i) => ({ name: `xl/media/image${i + 1}.png`, data: garbage, method: 8 as const, size: 100_000 }));
    const file = await save("unused.xlsx", exampleWith(parts));
    const grid = readWorkbookGrid(await loadWorkbook(file, "read"));
    expect(grid.sheets.map((s) => s.name)).toContain("Måltal");
    expect(await refusal(file, "copy")).toBe(CLI.damaged(file));
  });

  test("a valid 200 MB image is kept in the copy and never inflated for reading", async () => {
    const image = zerosDeflate(258 * 800_000 + 1);
    const file = await save("image.xlsx", exampleWith([{ name: "xl/media/image1.png", data: image, method: 8, size: 258 * 800_000 + 1 }]));
    expect(usedParts(new Uint8Array(await fs.readFile(file))).has("xl/media/image1.png")).toBe(false);
    expect(readWorkbookGrid(await loadWorkbook(file, "read")).sheets.length).toBeGreaterThan(0);
  });

  test("more parts than the limit are refused, naming the limit", async () => {
    const parts = Array.from({ length: READER_LIMITS.parts + 1 }, (_, i) => stored(`customXml/item${i}.xml`, ""));
    const file = await save("parts.xlsx", exampleWith(parts));
    expect(await refusal(file)).toBe(CLI.tooManyParts(file, READER_LIMITS.parts));
  });
});

describe("a huge file of zeros (issue 20, item 2)", () => {
  test("a 2.5 GB file is refused by its size without being read", async () => {
    const file = path.join(dir, "zeros.xlsx");
    const handle = await fs.open(file, "w");
    await handle.truncate(2.5 * 1024 * MB); // sparse: no disk space used
    await handle.close();
    const run = await runCli("valider", file);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(CLI.fileTooLarge(file, READER_LIMITS.fileBytes / MB));
  });

  test("a small file of zeros is not a workbook", async () => {
    const file = await save("zeros-small.xlsx", new Uint8Array(100_000));
    expect(await refusal(file)).toBe(CLI.notXlsx(file));
  });
});

describe("a lying central directory (issue 20, item 2)", () => {
  const u32 = (b: Uint8Array, i: number, v: number): void => new DataView(b.buffer, b.byteOffset).setUint32(i, v, true);
  const eocdOf = (b: Uint8Array): number => b.length - 22;

  test("a central directory that points past its own end, or at no local header, is a damaged file", async () => {
    const past = example.slice();
    u32(past, eocdOf(past) + 16, past.length - 10);
    const f1 = await save("cd-past.xlsx", past);
    expect(await refusal(f1)).toMatch(/kan ikke læses|beskadiget/);
    const shifted = example.slice();
    const cdStart = new DataView(shifted.buffer).getUint32(eocdOf(shifted) + 16, true);
    u32(shifted, cdStart + 42, 7); // the first entry's local header offset
    const f2 = await save("cd-offset.xlsx", shifted);
    expect(await refusal(f2)).toBe(CLI.damaged(f2));
  });

  test("a worksheet that inflates to more than its declared size is refused as damaged, not read short", async () => {
    const entries = entriesOf(example).map((e) => (e.name === "xl/worksheets/sheet1.xml" ? { ...e, size: e.size - 10, data: deflated(e.data), method: 8 as const } : e));
    const file = await save("cd-short.xlsx", forgeZip(entries));
    expect(await refusal(file)).toBe(CLI.damaged(file));
  });

  test("a stored part whose sizes disagree is damaged", () => {
    const entries = entriesOf(example).map((e) => (e.name === "xl/workbook.xml" ? { ...e, size: e.size + 5 } : e));
    expect(() => usedParts(forgeZip(entries))).toThrow(NotWorkbookError);
  });

  test("the central directory is read first: a file over the size limit is refused before its zip is looked at", () => {
    const over = new Uint8Array(READER_LIMITS.fileBytes + 1);
    expect(() => centralDirectory(over)).toThrow(ReaderLimitError);
  });
});

describe("the pane reads through the same limits", () => {
  test("loadWorkbookBytes (the pane's chunk's reader) refuses a lying part as the CLI does", async () => {
    const bomb = zerosDeflate(258 * 100_000 + 1);
    const bytes = exampleWith([{ name: "xl/worksheets/sheet99.xml", data: bomb, method: 8, size: 1024 }]);
    await expect(loadWorkbookBytes(new ExcelJS.Workbook(), bytes, "read")).rejects.toThrow(NotWorkbookError);
  });
});

function deflated(data: Uint8Array): Uint8Array {
  // A raw deflate stream of `data`: fflate's zip of one deflated entry, its data cut out of the local header.
  const zip = zipSync({ x: [data, { level: 6 }] });
  const nameLen = zip[26] as number;
  const extraLen = zip[28] as number;
  const size = new DataView(zip.buffer, zip.byteOffset).getUint32(18, true);
  return zip.subarray(30 + nameLen + extraLen, 30 + nameLen + extraLen + size);
}
