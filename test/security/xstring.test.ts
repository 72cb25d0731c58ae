/**
 * Issue 20 item 3: the copy keeps every cell jobstatus did not write byte-faithful. Cell text is an
 * ST_Xstring: `_xHHHH_` stands for a character, `_x005F_` protects a literal one (either case of hex,
 * [MS-OI29500] 2.1.1747, abap2xlsx/abap2xlsx#761). The files' XML is read here with the test's own
 * decoder, never with exceljs, so a fault in exceljs's reading cannot hide one in its writing.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import JSZip from "jszip";
import ExcelJS from "../../src/cli/exceljs";
import { escapeXstring, unescapeXstring } from "../../src/xlsx/xstring";
import { readXlsx, runCli, tempDir, writeExampleFiles } from "../support/cli";
import { fillForvaltning } from "../collect/support";
import { loadExampleData } from "../../src/cli/example";

const xmlText = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_m, e: string) =>
    e === "lt" ? "<" : e === "gt" ? ">" : e === "amp" ? "&" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
/** What Excel shows for a stored `<t>`: written here from the standard, independently of src/. */
const shown = (stored: string): string => xmlText(stored).replace(/\r\n?/g, "\n").replace(/_x([0-9a-fA-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

/** Every string cell of `sheetName`, as Excel would show it, read from the file's XML. */
async function rawTexts(file: string, sheetName: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const read = async (name: string): Promise<string> => (await zip.file(name)?.async("string")) ?? "";
  const workbook = await read("xl/workbook.xml");
  const rels = await read("xl/_rels/workbook.xml.rels");
  const sheet = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((s) => xmlText(/name="([^"]*)"/.exec(s)?.[1] ?? "") === sheetName);
  const rid = /r:id="([^"]*)"/.exec(sheet ?? "")?.[1];
  const target = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${rid}"`));
  const sheetPath = `xl/${(/Target="([^"]*)"/.exec(target ?? "")?.[1] ?? "").replace(/^\/?xl\//, "")}`;
  const strings = [...(await read("xl/sharedStrings.xml")).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((si) =>
    [...(si[1] ?? "").replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\/>/g)].map((t) => shown(t[1] ?? "")).join(""),
  );
  const out = new Map<string, string>();
  for (const c of (await read(sheetPath)).matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = c[1] ?? "";
    const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1] ?? "";
    const type = /\bt="([^"]*)"/.exec(attrs)?.[1];
    const body = c[2] ?? "";
    if (type === "s") out.set(ref, strings[Number(/<v>(\d+)<\/v>/.exec(body)?.[1])] ?? "");
    else if (type === "inlineStr") out.set(ref, [...body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => shown(t[1] ?? "")).join(""));
    else if (type === "str") out.set(ref, shown(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? ""));
  }
  return out;
}

/** The stored bytes (inflated) of sheet `sheetName`'s part. */
async function partOfSheet(file: string, sheetName: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const read = async (name: string): Promise<string> => (await zip.file(name)?.async("string")) ?? "";
  const sheet = [...(await read("xl/workbook.xml")).matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((s) => xmlText(/name="([^"]*)"/.exec(s)?.[1] ?? "") === sheetName);
  const rid = /r:id="([^"]*)"/.exec(sheet ?? "")?.[1];
  const target = [...(await read("xl/_rels/workbook.xml.rels")).matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${rid}"`));
  const part = `xl/${(/Target="([^"]*)"/.exec(target ?? "")?.[1] ?? "").replace(/^\/?xl\//, "")}`;
  const data = await zip.file(part)?.async("uint8array");
  if (!data) throw new Error(`no part for ${sheetName}`);
  return data;
}

const hex = fc.constantFrom(..."0123456789abcdefABCDEF");
const hex4 = fc.tuple(hex, hex, hex, hex).map((h) => h.join(""));
// Every character class a department's or the analyst's text can hold.
const piece = fc.oneof(
  fc.string({ maxLength: 6 }),
  hex4.map((h) => `_x${h}_`), // looks like an escape
  hex4.map((h) => `_x005F_x${h}_`), // looks like a protected escape
  fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n)), // C0, tab, line feed, CR
  fc.constantFrom("\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\u202e", "\u2066", "\ufeff", "\ufffe", "\uffff", "\ud83d\ude00", "\ud800", "\udfff", "æøå", "<&>\"'", " ", "_", "_x", "_x12_", "=SUM(A1)"),
);
const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join("")).filter((s) => s.length > 0);
// A lone surrogate cannot be stored at all in UTF-8 XML; Excel stores it escaped, and so must the copy.
const texts = fc.array(text, { minLength: 1, maxLength: 30 });

const cellRef = (i: number): string => `${String.fromCharCode(65 + (i % 5))}${1 + Math.floor(i / 5)}`;

async function addNotes(file: string, values: readonly string[]): Promise<void> {
  const wb = await readXlsx(file);
  const ws = wb.addWorksheet("Fritekst");
  values.forEach((v, i) => (ws.getCell(cellRef(i)).value = v));
  await wb.xlsx.writeFile(file);
}

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("ST_Xstring, both directions", () => {
  it("escapes a literal escape, control characters, CR and unpaired surrogates, and nothing else", () => {
    expect(escapeXstring("_x0041_")).toBe("_x005F_x0041_");
    expect(escapeXstring("_x00e9_")).toBe("_x005F_x00e9_");
    expect(escapeXstring("a\x01b\rc\x7f")).toBe("a_x0001_b_x000D_c_x007F_");
    expect(escapeXstring("tab\tline\nend")).toBe("tab\tline\nend");
    expect(escapeXstring("\ud83d\ude00 \ud800 \udfff")).toBe("\ud83d\ude00 _xD800_ _xDFFF_");
    expect(escapeXstring("_x005F_x0000_")).toBe("_x005F_x005F_x005F_x0000_");
    expect(escapeXstring("_x12_ _x0041 x0041_ æøå")).toBe("_x12_ _x0041 x0041_ æøå");
    expect(unescapeXstring("_x005F_x0041_ _x0041_ _x0061_ _x005f_x00e9_")).toBe("_x0041_ A a _x00e9_");
  });

  it("is a round trip for any text (property)", () => {
    fc.assert(fc.property(text, (s) => unescapeXstring(escapeXstring(s)) === s && shown(escapeXstring(s)) === s), { numRuns: 500, seed: 20 });
  });

  it("the reading side decodes as Excel does, in either case: a file stored by another writer is read as Excel shows it", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Ark").getCell("A1").value = "PLACEHOLDER";
    const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const ss = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
    zip.file("xl/sharedStrings.xml", ss.replace("PLACEHOLDER", "_x005f_x0041_|_x0061_|_x000D_|_x005F_x0042_"));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await zip.generateAsync({ type: "arraybuffer" })) as ArrayBuffer);
    expect(back.getWorksheet("Ark")?.getCell("A1").value).toBe("_x0041_|a|\r|_x0042_");
  });
});

/** Inline strings and `t="str"` cells, as other writers store them (exceljs itself writes shared strings): written by hand. */
const HAND_WRITTEN: ReadonlyArray<readonly [string, string, string]> = [
  // [cell, its XML, what Excel shows]
  ["A1", '<c r="A1" t="inlineStr"><is><t>_x0041_</t></is></c>', "A"],
  ["A2", '<c r="A2" t="str"><v>a_x000d_\nb</v></c>', "a\r\nb"],
  ["A3", '<c r="A3" t="inlineStr"><is><t>_x005F_x0041_ &amp;lt; _x001B_[2J</t></is></c>', "_x0041_ &lt; \x1b[2J"],
  ["A4", '<c r="A4" t="str"><v>&amp;lt;_x005f_x0042_ _x0061_</v></c>', "&lt;_x0042_ a"],
  ["A5", '<c r="A5" t="str"><f>"_x005F_x0043_"&amp;""</f><v>_x005F_x0043_ _x0007_</v></c>', "_x0043_ \x07"],
];

async function withHandWritten(source: string | undefined, sheetName: string): Promise<Buffer> {
  let wb: ExcelJS.Workbook;
  if (source) wb = await readXlsx(source);
  else wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  HAND_WRITTEN.forEach(([ref]) => (ws.getCell(ref).value = `PLACEHOLDER-${ref}`));
  const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const sheetNo = [...workbook.matchAll(/<sheet\b[^>]*>/g)].findIndex((m) => m[0].includes(`name="${sheetName}"`)) + 1;
  const name = `xl/worksheets/sheet${sheetNo}.xml`;
  let xml = (await zip.file(name)?.async("string")) ?? "";
  for (const [ref, cell] of HAND_WRITTEN) xml = xml.replace(new RegExp(`<c r="${ref}"[^>]*>[\\s\\S]*?</c>`), cell);
  zip.file(name, xml);
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("inline strings and t=\"str\" cells (other writers' files)", () => {
  it("are read as Excel shows them: _xHHHH_ decoded in either case, entities decoded once", async () => {
    const file = path.join(dir, "hand.xlsx");
    await fs.writeFile(file, await withHandWritten(undefined, "Ark"));
    const shownByExcel = await rawTexts(file, "Ark");
    for (const [ref, , expected] of HAND_WRITTEN) expect(shownByExcel.get(ref)).toBe(expected);
    const ws = (await readXlsx(file)).getWorksheet("Ark");
    for (const [ref, , expected] of HAND_WRITTEN.slice(0, 4)) expect(ws?.getCell(ref).value).toBe(expected);
    expect(ws?.getCell("A5").value).toEqual({ formula: '"_x005F_x0043_"&""', result: "_x0043_ \x07" });
  });

  it("beregn keeps them in a sheet it does not read as they were", async () => {
    const { dir: exampleDir, example } = await writeExampleFiles();
    const input = path.join(dir, "inline-in.xlsx");
    const out = path.join(dir, "inline-out.xlsx");
    await fs.writeFile(input, await withHandWritten(example, "Fritekst"));
    await fs.rm(exampleDir, { recursive: true, force: true });
    const before = await rawTexts(input, "Fritekst");
    expect(before.get("A1")).toBe("A");
    const cli = await runCli("beregn", input, "-o", out);
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    expect(await rawTexts(out, "Fritekst")).toEqual(before);
  });
});

describe("unread sheets survive beregn and saml unchanged (property, fixed runs)", () => {
  it("beregn: every text of a sheet jobstatus does not read is in the copy as it was in the input", async () => {
    const { dir: exampleDir, example: made } = await writeExampleFiles();
    const example = path.join(dir, "eksempel.xlsx");
    await fs.copyFile(made, example);
    await fs.rm(exampleDir, { recursive: true, force: true });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(texts, async (values) => {
        const input = path.join(dir, `beregn-${run}.xlsx`);
        const out = path.join(dir, `beregn-${run++}-out.xlsx`);
        await fs.copyFile(example, input);
        await addNotes(input, values);
        const before = await rawTexts(input, "Fritekst");
        // The input holds the values (the writing side, checked with the test's own decoder).
        expect([...before.values()]).toEqual(values);
        const cli = await runCli("beregn", input, "-o", out);
        expect(cli.stderr).toBe("");
        expect(cli.code).toBe(0);
        expect(await rawTexts(out, "Fritekst")).toEqual(before);
      }),
      { numRuns: 4, seed: 2020 },
    );
  });

  it("saml: every text of the analyst's own sheets is in the collected copy as it was", async () => {
    const data = await loadExampleData();
    const hovedBlank = path.join(dir, "hoved-blank.xlsx");
    expect((await runCli("skabelon", "--aar", "2025", "-o", hovedBlank)).code).toBe(0);
    const blank = path.join(dir, "bif-blank.xlsx");
    expect((await runCli("skabelon", "--aar", "2025", "--forvaltning", "BIF", "-o", blank)).code).toBe(0);
    const dep = await readXlsx(blank);
    fillForvaltning(dep, "BIF", data);
    const bif = path.join(dir, "BIF.xlsx");
    await dep.xlsx.writeFile(bif);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(texts, async (values) => {
        const hoved = path.join(dir, `hoved-${run}.xlsx`);
        const out = path.join(dir, `samlet-${run++}.xlsx`);
        await fs.copyFile(hovedBlank, hoved);
        await addNotes(hoved, values);
        const before = await rawTexts(hoved, "Fritekst");
        expect([...before.values()]).toEqual(values);
        const cli = await runCli("saml", hoved, bif, "-o", out);
        expect(cli.stderr).toBe("");
        expect(await rawTexts(out, "Fritekst")).toEqual(before);
        // The copy is spliced (src/cli/collect-splice.ts): the unread sheet's part is the input's, byte for byte.
        expect(await partOfSheet(out, "Fritekst")).toEqual(await partOfSheet(hoved, "Fritekst"));
      }),
      { numRuns: 3, seed: 2021 },
    );
  });
});
