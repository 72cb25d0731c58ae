/**
 * Part names spelled in another case (src/xlsx/part-names.ts): OPC part names are case-insensitive,
 * and Excel and LibreOffice read `xl/SharedStrings.xml` or `xl/worksheets/Sheet2.xml` as the usual
 * parts. exceljs finds parts by exact name; the reader hands it each part under the name it looks
 * for, so `valider` and `beregn` read the texts and figures exactly as for the usual spelling (not
 * every text refused as »text missing«, not a sheet lost).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { unzipSync, zipSync } from "fflate";
import ExcelJS from "../../src/cli/exceljs";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { loadWorkbookBytes } from "../../src/xlsx/load";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { exceljsSpellings } from "../../src/xlsx/part-names";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import { bytesOf } from "../addin/collect-fixtures";
import { runCli, tempDir } from "../support/cli";

let example: Uint8Array;
beforeAll(async () => {
  example = await bytesOf(await buildExample(await loadExampleData()));
});

/** `xlsx` with the part `from` stored as `to`; `edits` rewrite other parts' text (relationships, content types). */
function respelled(xlsx: Uint8Array, from: string, to: string, edits: Record<string, [string, string]> = {}): Uint8Array {
  const parts = unzipSync(xlsx);
  expect(parts[from]).toBeDefined();
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts)) {
    const edit = edits[name];
    const text = edit ? new TextDecoder().decode(data) : "";
    if (edit) expect(text).toContain(edit[0]);
    out[name === from ? to : name] = edit ? new TextEncoder().encode(text.split(edit[0]).join(edit[1])) : data;
  }
  return zipSync(out);
}

const CASES: Record<string, (xlsx: Uint8Array) => Uint8Array> = {
  "shared strings as xl/SharedStrings.xml, relationship and content type to match": (xlsx) =>
    respelled(xlsx, "xl/sharedStrings.xml", "xl/SharedStrings.xml", {
      "xl/_rels/workbook.xml.rels": ['Target="sharedStrings.xml"', 'Target="SharedStrings.xml"'],
      "[Content_Types].xml": ['PartName="/xl/sharedStrings.xml"', 'PartName="/xl/SharedStrings.xml"'],
    }),
  "a worksheet stored as xl/worksheets/Sheet2.xml, its relationship saying sheet2.xml": (xlsx) => respelled(xlsx, "xl/worksheets/sheet2.xml", "xl/worksheets/Sheet2.xml"),
  "every fixed part in capitals": (xlsx) =>
    ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "_rels/.rels"].reduce(
      (b, name) => respelled(b, name, name.toUpperCase()),
      respelled(xlsx, "xl/sharedStrings.xml", "xl/SHAREDSTRINGS.XML"),
    ),
};

describe.each(Object.entries(CASES))("%s", (_name, respell) => {
  test("the reader reads every sheet's texts and figures as from the usual spelling, in read and copy mode", async () => {
    const bytes = respell(example);
    for (const mode of ["read", "copy"] as const) {
      const usual = readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), example, mode, undefined, { scanCells: mode === "read" }));
      const other = readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells: mode === "read" }));
      expect(other.sheets.map((s) => s.name)).toEqual(usual.sheets.map((s) => s.name));
      expect(other.sheets.map((s) => s.values)).toEqual(usual.sheets.map((s) => s.values));
      expect(usual.sheets.flatMap((s) => s.values.flat()).some((v) => typeof v === "string" && v.length > 0)).toBe(true);
    }
    // The pane's collect reads the file as the usual one too (all but the digest of the file's bytes).
    const withoutDigest = (p: Awaited<ReturnType<typeof readPickedFile>>): unknown => ("file" in p && typeof p.file === "object" ? { ...p, file: { ...p.file, digest: "" } } : p);
    const picked = await readPickedFile("BUF-2025.xlsx", bytes);
    expect(picked).toMatchObject({ ok: true });
    expect(withoutDigest(picked)).toEqual(withoutDigest(await readPickedFile("BUF-2025.xlsx", example)));
  });

  test("valider and beregn say exactly what they say of the usual spelling", async () => {
    const dir = await tempDir();
    try {
      const outputs: string[][] = [];
      for (const [sub, bytes] of [["usual", example], ["other", respell(example)]] as const) {
        await fs.mkdir(path.join(dir, sub));
        const file = path.join(dir, sub, "fil.xlsx");
        await fs.writeFile(file, bytes);
        const valider = await runCli("valider", file);
        const beregn = await runCli("beregn", file, "--json", "-o", path.join(dir, sub, "ud.xlsx"));
        expect(beregn.code).toBe(0);
        outputs.push([valider.code, valider.stdout, valider.stderr, beregn.stdout].map((t) => String(t).split(path.join(dir, sub)).join("<dir>")));
      }
      expect(outputs[1]).toEqual(outputs[0]);
      // The usual file's figures: every forvaltning the example's sheets name by text.
      expect((JSON.parse(outputs[0]?.[3] ?? "{}") as { forvaltninger?: unknown[] }).forvaltninger?.length).toBeGreaterThan(3);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe("exceljsSpellings: which part gets which name", () => {
  const rel = (id: string, target: string, type = "worksheet"): string => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const spell = (names: string[], rels: string): Map<string, string> =>
    exceljsSpellings(names, (n) => (n.toLowerCase() === "xl/_rels/workbook.xml.rels" ? `<Relationships>${rels}</Relationships>` : undefined));

  test("the fixed parts and a worksheet with its relationships, only where the case differs", () => {
    const names = ["XL/Workbook.xml", "xl/_rels/workbook.xml.rels", "xl/SharedStrings.xml", "xl/styles.xml", "xl/worksheets/Sheet4.xml", "xl/worksheets/_rels/SHEET4.xml.rels", "xl/worksheets/sheet1.xml"];
    expect(spell(names, rel("r1", "worksheets/sheet1.xml") + rel("r4", "/xl/worksheets/sheet4.xml"))).toEqual(
      new Map([
        ["XL/Workbook.xml", "xl/workbook.xml"],
        ["xl/SharedStrings.xml", "xl/sharedStrings.xml"],
        ["xl/worksheets/Sheet4.xml", "xl/worksheets/sheet4.xml"],
        ["xl/worksheets/_rels/SHEET4.xml.rels", "xl/worksheets/_rels/sheet4.xml.rels"],
      ]),
    );
  });

  test("a part already spelled as one relationship says keeps its name; a relationship cannot respell a fixed part or a part exceljs reads as no worksheet", () => {
    const names = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/Comments1.xml"];
    expect(spell(names, rel("r1", "worksheets/sheet1.xml") + rel("r2", "worksheets/Sheet1.xml") + rel("r3", "SharedStrings.xml") + rel("r4", "comments1.xml"))).toEqual(new Map());
  });
});
