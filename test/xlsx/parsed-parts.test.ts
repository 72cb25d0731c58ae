/**
 * The two parts exceljs parses whole whatever is read — the shared strings and the styles — have
 * limits of their own (issue 20; docs/dev/security.md, »Reader limits«): a 200 MB string table or a
 * million cell formats within the general part limit cost gigabytes. Files built here by script.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { loadWorkbook, UsageError } from "../../src/cli/command";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { CLI } from "../../src/messages/da";
import { countElements, READER_LIMITS } from "../../src/xlsx/bounded-zip";
import { unzipSync, zipSync } from "fflate";
import { runCli, tempDir } from "../support/cli";
import { entriesOf, forgeZip, stored, type ForgedEntry } from "./zip-forge";

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

/** The example with one part replaced. */
async function exampleWithPart(file: string, part: ForgedEntry): Promise<string> {
  const out = path.join(dir, file);
  await fs.writeFile(out, forgeZip([...entriesOf(example).filter((e) => e.name !== part.name), part]));
  return out;
}

async function refusal(file: string): Promise<string> {
  try {
    await loadWorkbook(file, "read");
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`${file} was read`);
}

const NOT_DEFLATE = new Uint8Array([0xff, 0xff, 0xff, 0xff]);

describe("the shared strings and the styles have limits of their own", () => {
  test("a string table declaring more than its limit is refused from the directory: nothing is inflated", async () => {
    // Not even a deflate stream: inflating it would have made the file »damaged«, not over the limit.
    const file = await exampleWithPart("strings-big.xlsx", { name: "xl/sharedStrings.xml", data: NOT_DEFLATE, method: 8, size: READER_LIMITS.stringsBytes + 1 });
    expect(READER_LIMITS.stringsBytes).toBeLessThan(READER_LIMITS.partBytes);
    expect(await refusal(file)).toBe(CLI.textsTooLarge(file, READER_LIMITS.stringsBytes / MB));
    // beregn and valider say the same, as a sentence, never a stack trace.
    const run = await runCli("beregn", file);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(CLI.textsTooLarge(file, READER_LIMITS.stringsBytes / MB));
  });

  test("a string table within its size but with more strings than the limit is refused before exceljs parses it", async () => {
    const strings = "<si><t/></si>".repeat(READER_LIMITS.strings + 1);
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings}</sst>`;
    expect(xml.length).toBeLessThan(READER_LIMITS.stringsBytes);
    const file = await exampleWithPart("strings-many.xlsx", stored("xl/sharedStrings.xml", xml));
    expect(await refusal(file)).toBe(CLI.tooManyTexts(file, READER_LIMITS.strings));
  });

  test("styles declaring more than their limit are refused from the directory", async () => {
    const file = await exampleWithPart("styles-big.xlsx", { name: "xl/styles.xml", data: NOT_DEFLATE, method: 8, size: READER_LIMITS.stylesBytes + 1 });
    expect(await refusal(file)).toBe(CLI.stylesTooLarge(file, READER_LIMITS.stylesBytes / MB));
  });

  test("styles with more cell formats than Excel allows are refused before exceljs parses them", async () => {
    const xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'.repeat(2 * READER_LIMITS.cellFormats + 1);
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs>${xfs}</cellXfs></styleSheet>`;
    expect(xml.length).toBeLessThan(READER_LIMITS.stylesBytes);
    const file = await exampleWithPart("styles-many.xlsx", stored("xl/styles.xml", xml));
    expect(await refusal(file)).toBe(CLI.tooManyFormats(file, READER_LIMITS.cellFormats));
  });

  test("a real workbook is far within both limits, and is read", async () => {
    const file = path.join(dir, "example.xlsx");
    await fs.writeFile(file, example);
    expect(readWorkbookGrid(await loadWorkbook(file, "read")).sheets.length).toBeGreaterThan(0);
  });

  test("counting elements: only the tag itself, not longer names", () => {
    const xml = new TextEncoder().encode('<sst><si><t>a</t></si><si ><t/></si><sic/><si/><x:si/></sst>');
    expect(countElements(xml, "si")).toBe(3);
    expect(countElements(new TextEncoder().encode("<cellXfs><xf/><xf a='1'><xfx/></xf></cellXfs>"), "xf")).toBe(2);
  });
});

describe("the texts, styles and workbook are read only where Excel finds them too (review of issue 20)", () => {
  const dec = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

  /** The example with `fn` applied to its unzipped parts. */
  async function mutated(file: string, fn: (files: Record<string, Uint8Array>) => void): Promise<string> {
    const files = unzipSync(example);
    fn(files);
    const out = path.join(dir, file);
    await fs.writeFile(out, zipSync(files));
    return out;
  }
  const retarget = (files: Record<string, Uint8Array>, from: string, to: string): void => {
    const rels = dec(files["xl/_rels/workbook.xml.rels"]);
    expect(rels).toContain(`Target="${from}"`);
    files["xl/_rels/workbook.xml.rels"] = enc(rels.replace(`Target="${from}"`, `Target="${to}"`));
  };

  test("a decoy xl/sharedStrings.xml beside the table the relationship names (two labels swapped) is refused, by the reader and by beregn", async () => {
    const file = await mutated("decoy.xlsx", (files) => {
      const sst = dec(files["xl/sharedStrings.xml"]);
      const si = [...sst.matchAll(/<si>[\s\S]*?<\/si>/g)].map((m) => m[0]);
      const [a, b] = [si.findIndex((s) => s.includes("Løntilskud")), si.findIndex((s) => s.includes("Virksomhedspraktik"))];
      expect(a).toBeGreaterThanOrEqual(0);
      expect(b).toBeGreaterThanOrEqual(0);
      files["xl/real.xml"] = enc(sst);
      const swapped = [...si];
      [swapped[a], swapped[b]] = [si[b] as string, si[a] as string];
      files["xl/sharedStrings.xml"] = enc(sst.replace(si.join(""), swapped.join("")));
      expect(dec(files["xl/sharedStrings.xml"])).not.toBe(sst);
      retarget(files, "sharedStrings.xml", "real.xml");
    });
    expect(await refusal(file)).toBe(CLI.unreliableParts(file));
    const run = await runCli("beregn", file, "-o", path.join(dir, "decoy-out.xlsx"));
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(CLI.unreliableParts(file));
  });

  test("styles by another name (a relative target ../xl/…) are refused; the same part by a relative path that resolves to xl/styles.xml is read", async () => {
    const other = await mutated("styles-elsewhere.xlsx", (files) => {
      files["xl/mine.xml"] = files["xl/styles.xml"] as Uint8Array;
      retarget(files, "styles.xml", "../xl/mine.xml");
    });
    expect(await refusal(other)).toBe(CLI.unreliableParts(other));
    const same = await mutated("styles-relative.xlsx", (files) => retarget(files, "styles.xml", "./../xl/styles.xml"));
    expect(readWorkbookGrid(await loadWorkbook(same, "read")).sheets.length).toBeGreaterThan(0);
  });

  test("a string table by another name far over the limits (Excel reads it, exceljs would not) is refused quickly, not inflated to be counted", async () => {
    const file = await mutated("strings-elsewhere.xlsx", (files) => {
      files["xl/big.xml"] = enc(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${"<si/>".repeat(READER_LIMITS.strings + 1)}</sst>`);
      retarget(files, "sharedStrings.xml", "big.xml");
    });
    expect(await refusal(file)).toBe(CLI.unreliableParts(file));
  });

  test("a workbook at a path other than xl/workbook.xml is refused with the same message (it was »Projektmappen er tom«)", async () => {
    const file = await mutated("workbook-elsewhere.xlsx", (files) => {
      const root = dec(files["_rels/.rels"]);
      expect(root).toContain('Target="xl/workbook.xml"');
      files["_rels/.rels"] = enc(root.replace('Target="xl/workbook.xml"', 'Target="xl/main/book.xml"'));
      files["xl/main/book.xml"] = files["xl/workbook.xml"] as Uint8Array;
    });
    expect(await refusal(file)).toBe(CLI.unreliableParts(file));
  });

  test("a package without xl/workbook.xml (its sheets and styles there, the root relationship pointing at it or missing) is no workbook, not an empty one", async () => {
    for (const [name, keepRoot] of [["no-workbook.xlsx", true], ["no-workbook-no-root.xlsx", false]] as const) {
      const file = await mutated(name, (files) => {
        delete files["xl/workbook.xml"];
        if (!keepRoot) delete files["_rels/.rels"];
      });
      expect(await refusal(file)).toBe(CLI.fileKind["zip-not-workbook"](file));
      const run = await runCli("valider", file);
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe(CLI.fileKind["zip-not-workbook"](file));
    }
  });
});

test("counting elements skips comments, CDATA sections and processing instructions, as an XML parser does", () => {
  const xml = new TextEncoder().encode('<?xml version="1.0"?><sst><!-- <si><t>a</t></si> --><si><t><![CDATA[<si>]]></t></si><?pi <si/> ?><si/></sst>');
  expect(countElements(xml, "si")).toBe(2);
});

describe("every element of the string table and the styles counts, not only strings and cell formats (review of issue 20)", () => {
  const SST = (inner: string): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${inner}</sst>`;
  const STYLES = (fonts: string, dxfs = ""): string =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts>${fonts}</fonts><fills><fill/></fills><borders><border/></borders><cellXfs><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>${dxfs}</styleSheet>`;

  test.each([
    ["one text of rich-text runs", SST(`<si>${"<r><t>a</t></r>".repeat(READER_LIMITS.stringsElements / 2 + 1)}</si>`)],
    ["one text of phonetic runs", SST(`<si><t>a</t>${'<rPh sb="0" eb="1"><t>a</t></rPh>'.repeat(READER_LIMITS.stringsElements / 2 + 1)}</si>`)],
  ])("a string table of few strings but more elements than the limit (%s) is refused", async (what, xml) => {
    expect(xml.length).toBeLessThan(READER_LIMITS.stringsBytes);
    expect(countElements(new TextEncoder().encode(xml), "si")).toBeLessThanOrEqual(READER_LIMITS.strings);
    const file = await exampleWithPart(`strings-elements-${what.length}.xlsx`, stored("xl/sharedStrings.xml", xml));
    expect(await refusal(file)).toBe(CLI.textsTooComplex(file, READER_LIMITS.stringsElements));
  });

  test.each([
    ["fonts", STYLES("<font/>".repeat(READER_LIMITS.stylesElements + 1))],
    ["differential formats", STYLES("<font/>", `<dxfs>${"<dxf><font><b/></font></dxf>".repeat(READER_LIMITS.stylesElements / 3 + 1)}</dxfs>`)],
  ])("styles with few cell formats but more elements than the limit (%s) are refused", async (what, xml) => {
    expect(xml.length).toBeLessThan(READER_LIMITS.stylesBytes);
    const file = await exampleWithPart(`styles-elements-${what.length}.xlsx`, stored("xl/styles.xml", xml));
    expect(await refusal(file)).toBe(CLI.stylesTooComplex(file, READER_LIMITS.stylesElements));
  });
});

test("the cell-format limit holds per list: 65,491 cell formats in one list are refused, though the two lists together are under twice that (review of issue 20)", async () => {
  const xfs = (n: number): string => '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'.repeat(n);
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1">${xfs(1)}</cellStyleXfs><cellXfs>${xfs(READER_LIMITS.cellFormats + 1)}</cellXfs></styleSheet>`;
  const file = await exampleWithPart("styles-one-list.xlsx", stored("xl/styles.xml", xml));
  expect(await refusal(file)).toBe(CLI.tooManyFormats(file, READER_LIMITS.cellFormats));
});
