/**
 * The status copy spliced at zip level (src/cli/xlsx-splice.ts, issue 20): the input's parts are
 * copied as stored, so what exceljs does not model (a chart) survives, and a re-run replaces
 * jobstatus's own sheets in place. Files built here by script; the Open XML SDK validator checks
 * every copy.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { unzipSync, zipSync } from "fflate";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { readXlsx, runCli, snapshotSheet, tempDir } from "../support/cli";
import { describeErrors, validateOoxml } from "../support/ooxml";
import { READER_LIMITS } from "../../src/xlsx/bounded-zip";
import { withSheet } from "./zip-forge";

let dir: string;
let example: Uint8Array;

beforeAll(async () => {
  dir = await tempDir();
  example = new Uint8Array(await (await buildExample(await loadExampleData())).xlsx.writeBuffer());
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const dec = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);
const enc = (s: string): Uint8Array<ArrayBuffer> => new Uint8Array(new TextEncoder().encode(s));

const DRAWING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Diagram 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
const CHART = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>Diagram!$A$1:$A$3</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`;

/** The example with a sheet »Diagram« holding three numbers and a bar chart of them (drawing + chart parts). */
function withChart(xlsx: Uint8Array): Uint8Array {
  const files = unzipSync(withSheet(xlsx, "Diagram", `<row r="1"><c r="A1"><v>3</v></c></row><row r="2"><c r="A2"><v>5</v></c></row><row r="3"><c r="A3"><v>8</v></c></row>`));
  const rel = dec(files["xl/_rels/workbook.xml.rels"]);
  const target = /Id="rIdX\d+"[^>]*Target="([^"]+)"/.exec(rel)?.[1] ?? "";
  const sheet = `xl/${target}`;
  files[sheet] = enc(dec(files[sheet]).replace("</worksheet>", '<drawing r:id="rIdChart1"/></worksheet>'));
  files[sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"] = enc(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>',
  );
  files["xl/drawings/drawing1.xml"] = enc(DRAWING);
  files["xl/drawings/_rels/drawing1.xml.rels"] = enc(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>',
  );
  files["xl/charts/chart1.xml"] = enc(CHART);
  files["[Content_Types].xml"] = enc(
    dec(files["[Content_Types].xml"]).replace(
      "</Types>",
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    ),
  );
  return zipSync(files);
}

async function expectValid(file: string): Promise<void> {
  const result = await validateOoxml(file);
  expect(describeErrors(result)).toEqual([]);
  expect(result.ok).toBe(true);
}

const sheetsOf = (files: Record<string, Uint8Array>): string[] => [...dec(files["xl/workbook.xml"]).matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1] ?? "");

/** The parts the splice writes anew: the workbook, its relationships, the content types, the styles and the shared strings. */
const REWRITTEN = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml", "xl/sharedStrings.xml"]);

describe("beregn's status copy, spliced", () => {
  it("keeps the user's chart and every part it did not write byte for byte (exceljs dropped the chart)", async () => {
    const input = path.join(dir, "diagram.xlsx");
    await fs.writeFile(input, withChart(example));
    const out = path.join(dir, "diagram-status.xlsx");
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    const before = unzipSync(new Uint8Array(await fs.readFile(input)));
    const after = unzipSync(new Uint8Array(await fs.readFile(out)));
    for (const part of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels"]) expect(dec(after[part])).toBe(dec(before[part]));
    const changed = Object.keys(before).filter((p) => !REWRITTEN.has(p) && !/\/$/.test(p) && dec(before[p]) !== dec(after[p]));
    // Only a sheet whose view was selected changes (tabSelected="0"), or Excel would open the sheets grouped.
    for (const p of changed) expect(dec(after[p])).toBe(dec(before[p]).replace(/tabSelected="1"/, 'tabSelected="0"'));
    expect(sheetsOf(after)).toEqual([...sheetsOf(before), "Status 2025", "Kilder 2025"]);
    // The input's texts keep their numbers: the new sheets' texts are appended after them.
    const strings = (x: Record<string, Uint8Array>): string[] => [...dec(x["xl/sharedStrings.xml"]).matchAll(/<si>[\s\S]*?<\/si>/g)].map((m) => m[0]);
    expect(strings(after).slice(0, strings(before).length)).toEqual(strings(before));
    expect(strings(after).length).toBeGreaterThan(strings(before).length);
    expect(dec(after["[Content_Types].xml"])).toContain('PartName="/xl/charts/chart1.xml"');
    await expectValid(out);
  });

  it("a re-run replaces its own sheets in place: same tabs, same cells, no part of the old sheets left, valid", async () => {
    const input = path.join(dir, "ind.xlsx");
    await fs.writeFile(input, example);
    const first = path.join(dir, "first.xlsx");
    const second = path.join(dir, "second.xlsx");
    expect((await runCli("beregn", input, "-o", first)).code).toBe(0);
    expect((await runCli("beregn", first, "-o", second)).code).toBe(0);
    const a = unzipSync(new Uint8Array(await fs.readFile(first)));
    const b = unzipSync(new Uint8Array(await fs.readFile(second)));
    expect(sheetsOf(b)).toEqual(sheetsOf(a));
    const workbook = dec(b["xl/workbook.xml"]);
    expect(workbook.match(/name="jobstatus_rapport_2025"/g)).toHaveLength(1);
    expect(workbook.match(/name="jobstatus_kilder_2025"/g)).toHaveLength(1);
    expect(workbook.match(/_xlnm.Print_Area/g)).toHaveLength(2);
    // Every worksheet part is one of the workbook's sheets, and has a content type.
    const rels = dec(b["xl/_rels/workbook.xml.rels"]);
    const types = dec(b["[Content_Types].xml"]);
    const parts = Object.keys(b).filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p));
    expect(parts).toHaveLength(sheetsOf(b).length);
    for (const p of parts) {
      expect(rels).toContain(p.replace(/^xl\//, ""));
      expect(types).toContain(`PartName="/${p}"`);
    }
    const [wa, wb] = [await readXlsx(first), await readXlsx(second)];
    for (const name of ["Status 2025", "Kilder 2025"]) expect(snapshotSheet(wb.getWorksheet(name)!)).toBe(snapshotSheet(wa.getWorksheet(name)!));
    await expectValid(second);
  });

  it("a package the splice does not read with certainty (no styles part) is copied by exceljs instead, still valid", async () => {
    const files = unzipSync(example);
    delete files["xl/styles.xml"];
    files["xl/_rels/workbook.xml.rels"] = enc(dec(files["xl/_rels/workbook.xml.rels"]).replace(/<Relationship\b[^>]*Target="styles.xml"[^>]*\/>/, ""));
    files["[Content_Types].xml"] = enc(dec(files["[Content_Types].xml"]).replace(/<Override PartName="\/xl\/styles.xml"[^>]*\/>/, ""));
    const input = path.join(dir, "uden-styles.xlsx");
    await fs.writeFile(input, zipSync(files));
    const out = path.join(dir, "uden-styles-status.xlsx");
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    const after = unzipSync(new Uint8Array(await fs.readFile(out)));
    // exceljs wrote the whole package (with a styles part of its own); the status sheet is there.
    expect(after["xl/styles.xml"]).toBeDefined();
    expect((await readXlsx(out)).getWorksheet("Status 2025")).toBeDefined();
    await expectValid(out);
  });

  it("an empty number-format list written as <numFmts count=\"0\"/> is filled, not doubled (review of issue 20)", async () => {
    const files = unzipSync(example);
    // The input's own formats are dropped (its cells fall back to General); the list stays, empty.
    const styles = dec(files["xl/styles.xml"]).replace(/<numFmts\b[^>]*\/>|<numFmts\b[^>]*>[\s\S]*?<\/numFmts>/, "").replace(/numFmtId="(\d+)"/g, (m, n: string) => (Number(n) >= 164 ? 'numFmtId="0"' : m));
    files["xl/styles.xml"] = enc(styles.replace(/(<styleSheet\b[^>]*>)/, '$1<numFmts count="0"/>'));
    const input = path.join(dir, "tom-numfmts.xlsx");
    await fs.writeFile(input, zipSync(files));
    const out = path.join(dir, "tom-numfmts-status.xlsx");
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    const after = dec(unzipSync(new Uint8Array(await fs.readFile(out)))["xl/styles.xml"]);
    expect(after.match(/<numFmts\b/g)).toHaveLength(1);
    expect(after).toMatch(/<numFmts count="[1-9]\d*">/);
    await expectValid(out);
  });

  it("a new number format takes an id no cell format of the user's names, declared or not (review of issue 20)", async () => {
    const files = unzipSync(example);
    // A cell format names the custom format id after the declared ones, which the list does not
    // declare (Excel shows General): the id a new format would otherwise take.
    const original = dec(files["xl/styles.xml"]);
    const undeclared = Math.max(163, ...[...original.matchAll(/<numFmt\b[^>]*numFmtId="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
    const styles = original.replace(/(<cellXfs\b[^>]*>)/, `$1<xf numFmtId="${undeclared}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`);
    files["xl/styles.xml"] = enc(styles.replace(/(<cellXfs\b[^>]*count=")(\d+)"/, (_m, a: string, n: string) => `${a}${Number(n) + 1}"`));
    // Every cell's style index moves one on, as the inserted first format requires.
    for (const p of Object.keys(files).filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k))) files[p] = enc(dec(files[p]).replace(/(<(?:c|row)\b[^>]*?\ss=")(\d+)"/g, (_m, a: string, n: string) => `${a}${Number(n) + 1}"`));
    const input = path.join(dir, "udeklareret.xlsx");
    await fs.writeFile(input, zipSync(files));
    const out = path.join(dir, "udeklareret-status.xlsx");
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    const after = dec(unzipSync(new Uint8Array(await fs.readFile(out)))["xl/styles.xml"]);
    const declared = [...after.matchAll(/<numFmt\b[^>]*numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    expect(declared.length).toBeGreaterThan(0);
    expect(declared).not.toContain(undeclared);
    await expectValid(out);
  });

  it("a formula of the user's that points at the replaced status sheet makes Excel recalculate on opening", async () => {
    const input = path.join(dir, "ind2.xlsx");
    await fs.writeFile(input, example);
    const first = path.join(dir, "first2.xlsx");
    expect((await runCli("beregn", input, "-o", first)).code).toBe(0);
    expect(dec(unzipSync(new Uint8Array(await fs.readFile(first)))["xl/workbook.xml"])).not.toContain("fullCalcOnLoad");
    const linked = path.join(dir, "linked.xlsx");
    await fs.writeFile(linked, withSheet(new Uint8Array(await fs.readFile(first)), "Mine tal", `<row r="1"><c r="A1"><f>'Status 2025'!C10</f><v>1</v></c></row>`));
    const second = path.join(dir, "second2.xlsx");
    expect((await runCli("beregn", linked, "-o", second)).code).toBe(0);
    expect(dec(unzipSync(new Uint8Array(await fs.readFile(second)))["xl/workbook.xml"])).toMatch(/<calcPr\b[^>]*fullCalcOnLoad="1"/);
    await expectValid(second);
  });
});

describe("beregn's status copy: what the splice does not read with certainty is copied by exceljs (review of issue 20)", () => {
  const MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
  const TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml";
  const SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

  /** The example as a macro workbook (.xlsm: its content type, a vbaProject.bin) or a template (.xltx). */
  function asKind(type: string, vba: boolean): Uint8Array {
    const files = unzipSync(example);
    let types = dec(files["[Content_Types].xml"]).replace(SHEET_TYPE, type);
    if (vba) {
      files["xl/vbaProject.bin"] = enc("VBA placeholder");
      types = types.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>');
      files["xl/_rels/workbook.xml.rels"] = enc(
        dec(files["xl/_rels/workbook.xml.rels"]).replace("</Relationships>", '<Relationship Id="rId98" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'),
      );
    }
    files["[Content_Types].xml"] = enc(types);
    return zipSync(files);
  }

  it.each([
    ["hr.xlsm", MACRO_TYPE, true],
    ["hr.xltx", TEMPLATE_TYPE, false],
  ])("%s: the .xlsx copy has the ordinary workbook content type and no macro part (Excel refuses anything else as .xlsx)", async (name, type, vba) => {
    const input = path.join(dir, name);
    await fs.writeFile(input, asKind(type, vba));
    expect(dec(unzipSync(new Uint8Array(await fs.readFile(input)))["[Content_Types].xml"])).toContain(type);
    const out = path.join(dir, `${name}-status.xlsx`);
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    const after = unzipSync(new Uint8Array(await fs.readFile(out)));
    const types = dec(after["[Content_Types].xml"]);
    expect(types).toMatch(new RegExp(`PartName="/xl/workbook.xml" ContentType="${SHEET_TYPE.replace(/[.+]/g, "\\$&")}"`));
    expect(types).not.toContain(type);
    expect(after["xl/vbaProject.bin"]).toBeUndefined();
    expect((await readXlsx(out)).getWorksheet("Status 2025")).toBeDefined();
    await expectValid(out);
  });
});

describe("beregn's status copy: comments in the texts or styles cannot shift the appended numbers (review of issue 20)", () => {
  /** The example with a comment holding an element at the start of the string table or the cell formats. */
  function commented(part: "xl/sharedStrings.xml" | "xl/styles.xml"): Uint8Array {
    const files = unzipSync(example);
    const xml = dec(files[part]);
    const next = part === "xl/sharedStrings.xml" ? xml.replace(/(<sst\b[^>]*>)/, "$1<!-- <si><t>x</t></si> -->") : xml.replace(/(<cellXfs\b[^>]*>)/, '$1<!-- <xf numFmtId="0"/> --><![CDATA[ <xf/> ]]>');
    expect(next).not.toBe(xml);
    files[part] = enc(next);
    return zipSync(files);
  }

  it.each([["xl/sharedStrings.xml" as const], ["xl/styles.xml" as const]])("%s with a comment: the status sheet's texts and formats are those of the plain file", async (part) => {
    const plain = path.join(dir, `plain-${path.basename(part, ".xml")}.xlsx`);
    await fs.writeFile(plain, example);
    const plainOut = path.join(dir, `plain-status-${path.basename(part, ".xml")}.xlsx`);
    expect((await runCli("beregn", plain, "-o", plainOut)).code).toBe(0);
    const input = path.join(dir, `comment-${path.basename(part, ".xml")}.xlsx`);
    await fs.writeFile(input, commented(part));
    const out = path.join(dir, `comment-status-${path.basename(part, ".xml")}.xlsx`);
    const run = await runCli("beregn", input, "-o", out);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [a, b] = [await readXlsx(plainOut), await readXlsx(out)];
    for (const name of ["Status 2025", "Kilder 2025"]) expect(snapshotSheet(b.getWorksheet(name)!)).toBe(snapshotSheet(a.getWorksheet(name)!));
    await expectValid(out);
  });
});

it("a workbook near Excel's cell-format maximum: the copy stays within it (the splice would have appended past it), valid (review of issue 20)", async () => {
  const files = unzipSync(example);
  const styles = dec(files["xl/styles.xml"]);
  const before = (section: string): number => (/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(section)?.[1]?.match(/<xf\b/g) ?? []).length;
  const extra = READER_LIMITS.cellFormats - 20 - before(styles);
  files["xl/styles.xml"] = enc(
    styles.replace(/<cellXfs\b[^>]*>/, (open) => `${open.replace(/\scount="\d+"/, "")}${Array.from({ length: extra }, (_, i) => `<xf numFmtId="${i % 50}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join("")}`),
  );
  expect(before(dec(files["xl/styles.xml"]))).toBe(READER_LIMITS.cellFormats - 20);
  const input = path.join(dir, "mange-formater.xlsx");
  await fs.writeFile(input, zipSync(files));
  const out = path.join(dir, "mange-formater-status.xlsx");
  expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
  expect(before(dec(unzipSync(new Uint8Array(await fs.readFile(out)))["xl/styles.xml"]))).toBeLessThanOrEqual(READER_LIMITS.cellFormats);
  expect((await readXlsx(out)).getWorksheet("Status 2025")).toBeDefined();
  await expectValid(out);
}, 60_000);

describe("beregn's status copy: content types it cannot or must not keep as they are (review of issue 20)", () => {
  /** The example without a string table (its texts inline), as a workbook of numbers saved by another program. */
  function withoutStrings(files: Record<string, Uint8Array>): void {
    const strings = [...dec(files["xl/sharedStrings.xml"]).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1] ?? "");
    for (const name of Object.keys(files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
      files[name] = enc(dec(files[name]).replace(/<c ([^>]*?) ?t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_m, a: string, b: string, i: string) => `<c ${a}${b} t="inlineStr"><is>${strings[Number(i)]}</is></c>`));
      expect(dec(files[name])).not.toMatch(/t="s"/);
    }
    delete files["xl/sharedStrings.xml"];
    files["xl/_rels/workbook.xml.rels"] = enc(dec(files["xl/_rels/workbook.xml.rels"]).replace(/<Relationship\b[^>]*sharedStrings[^>]*\/>/, ""));
    files["[Content_Types].xml"] = enc(dec(files["[Content_Types].xml"]).replace(/<Override\b[^>]*sharedStrings[^>]*\/>/, ""));
  }

  it("a leftover content type for a string table that is not there is replaced, not doubled (Excel refuses a part named twice)", async () => {
    const files = unzipSync(example);
    withoutStrings(files);
    files["[Content_Types].xml"] = enc(
      dec(files["[Content_Types].xml"]).replace("</Types>", '<Override PartName="/XL/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
    );
    const input = path.join(dir, "uden-tekster.xlsx");
    await fs.writeFile(input, zipSync(files));
    const out = path.join(dir, "uden-tekster-status.xlsx");
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    const after = unzipSync(new Uint8Array(await fs.readFile(out)));
    expect(after["xl/sharedStrings.xml"]).toBeDefined();
    expect(dec(after["[Content_Types].xml"]).match(/PartName="\/xl\/sharedStrings.xml"/gi)).toHaveLength(1);
    expect((await readXlsx(out)).getWorksheet("Status 2025")).toBeDefined();
    await expectValid(out);
  });

  it("content types under a namespace prefix (<ct:Types>): the new sheets are not left without a content type", async () => {
    const files = unzipSync(example);
    files["[Content_Types].xml"] = enc(
      dec(files["[Content_Types].xml"])
        .replace(/<(\/?)(Types|Default|Override)\b/g, "<$1ct:$2")
        .replace('xmlns="http://schemas.openxmlformats.org/package/2006/content-types"', 'xmlns:ct="http://schemas.openxmlformats.org/package/2006/content-types"'),
    );
    const input = path.join(dir, "ct-prefix.xlsx");
    await fs.writeFile(input, zipSync(files));
    const out = path.join(dir, "ct-prefix-status.xlsx");
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    const after = unzipSync(new Uint8Array(await fs.readFile(out)));
    const types = dec(after["[Content_Types].xml"]);
    const sheets = Object.keys(after).filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p));
    for (const p of sheets) expect(types).toMatch(new RegExp(`PartName="/${p.replace(/\./g, "\\.")}"`));
    expect((await readXlsx(out)).getWorksheet("Status 2025")).toBeDefined();
    await expectValid(out);
  });
});

it("a re-run removes exactly the parts only the replaced status sheet used (its drawing, the drawing's chart), and keeps the user's chart (review of issue 20)", async () => {
  const input = path.join(dir, "rerun-diagram.xlsx");
  await fs.writeFile(input, withChart(example));
  const first = path.join(dir, "rerun-diagram-1.xlsx");
  expect((await runCli("beregn", input, "-o", first)).code).toBe(0);
  // A chart the user put on jobstatus's own status sheet: sheet -> drawing2 -> chart2.
  const files = unzipSync(new Uint8Array(await fs.readFile(first)));
  const rels = dec(files["xl/_rels/workbook.xml.rels"]);
  const id = /<sheet\b[^>]*name="Status 2025"[^>]*r:id="([^"]+)"/.exec(dec(files["xl/workbook.xml"]))?.[1];
  const target = new RegExp(`Id="${id}"[^>]*Target="/?([^"]+)"`).exec(rels)?.[1] ?? "";
  const part = target.startsWith("xl/") ? target : `xl/${target}`;
  expect(files[part]).toBeDefined();
  const relsPart = part.replace("worksheets/", "worksheets/_rels/") + ".rels";
  files[part] = enc(dec(files[part]).replace("</worksheet>", '<drawing r:id="rIdChart9"/></worksheet>'));
  const own = files[relsPart] ? dec(files[relsPart]) : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  files[relsPart] = enc(own.replace("</Relationships>", '<Relationship Id="rIdChart9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing2.xml"/></Relationships>'));
  files["xl/drawings/drawing2.xml"] = files["xl/drawings/drawing1.xml"] as Uint8Array<ArrayBuffer>;
  files["xl/drawings/_rels/drawing2.xml.rels"] = enc(dec(files["xl/drawings/_rels/drawing1.xml.rels"]).replace("chart1.xml", "chart2.xml"));
  files["xl/charts/chart2.xml"] = files["xl/charts/chart1.xml"] as Uint8Array<ArrayBuffer>;
  files["[Content_Types].xml"] = enc(
    dec(files["[Content_Types].xml"]).replace(
      "</Types>",
      '<Override PartName="/xl/drawings/drawing2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    ),
  );
  const linked = path.join(dir, "rerun-diagram-linked.xlsx");
  await fs.writeFile(linked, zipSync(files));
  await expectValid(linked);
  const second = path.join(dir, "rerun-diagram-2.xlsx");
  expect((await runCli("beregn", linked, "-o", second)).code).toBe(0);
  const after = unzipSync(new Uint8Array(await fs.readFile(second)));
  for (const gone of ["xl/drawings/drawing2.xml", "xl/drawings/_rels/drawing2.xml.rels", "xl/charts/chart2.xml"]) expect(after[gone]).toBeUndefined();
  for (const kept of ["xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/charts/chart1.xml"]) expect(dec(after[kept])).toBe(dec(files[kept]));
  const types = dec(after["[Content_Types].xml"]);
  expect(types).not.toContain("drawing2.xml");
  expect(types).not.toContain("chart2.xml");
  await expectValid(second);
});

it("re-runs do not grow the texts or the styles: the status sheets' own texts and formats are found again and reused (review of issue 20)", async () => {
  const counts = (files: Record<string, Uint8Array>): number[] => {
    const styles = dec(files["xl/styles.xml"]);
    return [(dec(files["xl/sharedStrings.xml"]).match(/<si\b/g) ?? []).length, (styles.match(/<xf\b/g) ?? []).length, (styles.match(/<font\b/g) ?? []).length, (styles.match(/<numFmt\b/g) ?? []).length];
  };
  let input = path.join(dir, "vækst-0.xlsx");
  await fs.writeFile(input, example);
  const seen: number[][] = [];
  for (let run = 1; run <= 3; run++) {
    const out = path.join(dir, `vækst-${run}.xlsx`);
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    seen.push(counts(unzipSync(new Uint8Array(await fs.readFile(out)))));
    input = out;
  }
  expect(seen[1]).toEqual(seen[0]);
  expect(seen[2]).toEqual(seen[0]);
  const [first, third] = [await readXlsx(path.join(dir, "vækst-1.xlsx")), await readXlsx(path.join(dir, "vækst-3.xlsx"))];
  for (const name of ["Status 2025", "Kilder 2025"]) expect(snapshotSheet(third.getWorksheet(name)!)).toBe(snapshotSheet(first.getWorksheet(name)!));
  await expectValid(path.join(dir, "vækst-3.xlsx"));
});

test("beregn reads its input once: the figures and the spliced copy come from the same bytes, even if the file changes meanwhile", async () => {
  const input = path.join(dir, "once.xlsx");
  const out = path.join(dir, "once-ud.xlsx");
  await fs.writeFile(input, example);
  // Every read of the input goes through fs.open (readBoundedFile); a second open could see another file.
  const open = jest.spyOn(fs, "open");
  try {
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    expect(open.mock.calls.filter(([f]) => path.resolve(String(f)) === path.resolve(input))).toHaveLength(1);
  } finally {
    open.mockRestore();
  }
  const copy = unzipSync(new Uint8Array(await fs.readFile(out)));
  expect(Object.keys(copy)).toEqual(expect.arrayContaining(Object.keys(unzipSync(example))));
});
