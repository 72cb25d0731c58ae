/**
 * The zip's entries as the checks see them are the entries exceljs sees (issue 20 follow-up,
 * docs/dev/security.md, »Reader limits«). JSZip, inside exceljs, reads central directory entries
 * for as long as their signature follows, not the end record's count: an entry beyond the count
 * was used by `beregn` unchecked (another sheet1.xml with other figures, or a 1.2 GB image).
 * Files built here by script.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { loadWorkbook, UsageError } from "../../src/cli/command";
import { CLI } from "../../src/messages/da";
import { centralDirectory, NotWorkbookError } from "../../src/xlsx/bounded-zip";
import { looksRelevant } from "../../src/xlsx/read-grid";
import { tempDir } from "../support/cli";
import { entriesOf, forgeZip, stored, type ForgedEntry } from "./zip-forge";

let dir: string;
let example: Uint8Array;

beforeAll(async () => {
  dir = await tempDir();
  example = new Uint8Array(await (await buildExample(await loadExampleData())).xlsx.writeBuffer());
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function refusal(name: string, bytes: Uint8Array, mode: "read" | "copy"): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  try {
    await loadWorkbook(file, mode);
  } catch (e) {
    if (e instanceof UsageError) return e.message.replace(file, "FILE");
    throw e;
  }
  return "read";
}

/** A zip of `entries` whose end record counts one entry fewer than its central directory holds. */
function hiddenLast(entries: readonly ForgedEntry[]): Uint8Array {
  const zip = forgeZip(entries);
  const view = new DataView(zip.buffer, zip.byteOffset);
  const eocd = zip.length - 22;
  view.setUint16(eocd + 8, entries.length - 1, true);
  view.setUint16(eocd + 10, entries.length - 1, true);
  return zip;
}

const sheet1 = (entries: readonly ForgedEntry[]): string => new TextDecoder().decode(entries.find((e) => e.name === "xl/worksheets/sheet1.xml")?.data);

describe("central directory entries beyond the end record's count", () => {
  test("a second, uncounted sheet1.xml with other figures is refused as damaged, in copy mode and in read mode", async () => {
    const entries = entriesOf(example);
    const other = sheet1(entries).replace(/<v>(\d+)<\/v>/, "<v>1$1</v>");
    const zip = hiddenLast([...entries, stored("xl/worksheets/sheet1.xml", other)]);
    expect(await refusal("hidden-dup-copy.xlsx", zip, "copy")).toBe(CLI.damaged("FILE"));
    expect(await refusal("hidden-dup-read.xlsx", zip, "read")).toBe(CLI.damaged("FILE"));
  });

  test("an uncounted extra part of any name is refused as damaged", async () => {
    const zip = hiddenLast([...entriesOf(example), stored("xl/media/image1.png", new Uint8Array(1000))]);
    expect(await refusal("hidden-image.xlsx", zip, "copy")).toBe(CLI.damaged("FILE"));
  });

  test("the same workbook with every entry counted loads in copy mode (the rebuilt zip is a whole workbook)", async () => {
    await fs.writeFile(path.join(dir, "plain.xlsx"), forgeZip([...entriesOf(example), stored("xl/media/image1.png", new Uint8Array(1000))]));
    const loaded = await loadWorkbook(path.join(dir, "plain.xlsx"), "copy");
    expect(loaded.worksheets.map((w) => w.name)).toEqual((await buildExample(await loadExampleData())).worksheets.map((w) => w.name));
  });
});

describe("entry names that could be read two ways or point outside the package", () => {
  const cases: [string, string][] = [
    ["a case twin of a sheet", "XL/worksheets/SHEET1.xml"],
    ["a twin with a leading slash", "/xl/worksheets/sheet1.xml"],
    ["a name with ..", "xl/worksheets/../worksheets/sheet9.xml"],
    ["a name with a backslash", "xl\\worksheets\\sheet9.xml"],
    ["an absolute name", "/etc/passwd"],
    ["a drive-letter name", "C:/x.xml"],
  ];
  test.each(cases)("%s is refused as damaged", (_label, name) => {
    const entries = entriesOf(example);
    const zip = forgeZip([...entries, stored(name, sheet1(entries))]);
    expect(() => centralDirectory(zip)).toThrow(NotWorkbookError);
    try {
      centralDirectory(zip);
    } catch (e) {
      expect((e as NotWorkbookError).fileKind).toBe("damaged");
    }
  });

  test("the workbook without them is accepted", () => {
    expect(centralDirectory(forgeZip(entriesOf(example))).length).toBeGreaterThan(5);
  });
});

describe("looksRelevant over a huge window (issue 20 follow-up)", () => {
  test("half a million window cells do not overflow the stack", () => {
    const cells = Array.from({ length: 500_000 }, (_, i) => ({ row: 500_000 - i, value: i === 499_999 ? "Ordning" : 1 }));
    expect(looksRelevant(cells)).toBe(true);
    expect(looksRelevant(cells.slice(0, 1000))).toBe(false);
  });
});
