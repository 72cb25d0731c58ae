/**
 * A chart sheet (Excel's »Flyt diagram → Nyt ark«), a dialog sheet or a macro sheet is a `<sheet>`
 * of the workbook whose relationship is no worksheet's (ECMA-376 Part 1, §18.2.19). Such a workbook
 * is an ordinary one: valider, beregn and saml read its worksheets, never refuse it as damaged, and
 * the copies beregn and saml write keep the chart sheet and its chart, drawing and relationships
 * byte for byte (src/xlsx/inspect.ts, workbookSheets; docs/dev/security.md, »Reader limits«).
 * Every file is built here by script.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { buildExample, loadExampleData, type ExampleData } from "../../src/cli/example";
import ExcelJS from "../../src/cli/exceljs";
import { NOT_A_FILE_NUMBER } from "../../src/core/grid";
import { CLI } from "../../src/messages/da";
import { NotWorkbookError } from "../../src/xlsx/bounded-zip";
import { loadWorkbookBytes } from "../../src/xlsx/load";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import { fillForvaltning } from "../collect/support";
import { readXlsx, runCli, tempDir } from "../support/cli";

type Parts = Record<string, Uint8Array>;

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const RELS_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';

/** What Excel writes for a chart moved to a sheet of its own: the chart sheet, its drawing and the chart, over BUF's figures. */
const CHART_PARTS: Parts = {
  "xl/chartsheets/sheet1.xml": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet ${NS}><sheetPr/><sheetViews><sheetView zoomScale="83" workbookViewId="0" zoomToFit="1"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>`),
  "xl/chartsheets/_rels/sheet1.xml.rels": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships ${RELS_NS}><Relationship Id="rId1" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`),
  "xl/drawings/drawing1.xml": strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8670013" cy="6300107"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Diagram 1"/><xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`,
  ),
  "xl/drawings/_rels/drawing1.xml.rels": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships ${RELS_NS}><Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart1.xml"/></Relationships>`),
  "xl/charts/chart1.xml": strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>BUF!$B$5:$B$9</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`,
  ),
};
const CHART_TYPES = `<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`;

const text = (p: Parts, name: string): string => strFromU8(p[name] as Uint8Array);

/** `xlsx` with one more `<sheet>` at the end of its tabs, of relationship type `type`, its part `target` (relative to xl/) and `parts` added. */
function withSheet(xlsx: Uint8Array, sheet: { name: string; type: string; target: string; parts?: Parts; types?: string; sheetId?: number }): Uint8Array {
  const files = unzipSync(xlsx);
  Object.assign(files, sheet.parts ?? {});
  files["xl/workbook.xml"] = strToU8(text(files, "xl/workbook.xml").replace("</sheets>", `<sheet name="${sheet.name}" sheetId="${sheet.sheetId ?? 50}" r:id="rIdOther1"/></sheets>`));
  files["xl/_rels/workbook.xml.rels"] = strToU8(text(files, "xl/_rels/workbook.xml.rels").replace("</Relationships>", `<Relationship Id="rIdOther1" Type="${sheet.type}" Target="${sheet.target}"/></Relationships>`));
  if (sheet.types) files["[Content_Types].xml"] = strToU8(text(files, "[Content_Types].xml").replace("</Types>", `${sheet.types}</Types>`));
  return zipSync(files);
}

/** `xlsx` with Excel's chart sheet »name« over BUF's figures. */
const withChartSheet = (xlsx: Uint8Array, name = "Diagram1"): Uint8Array => withSheet(xlsx, { name, type: `${REL}/chartsheet`, target: "chartsheets/sheet1.xml", parts: CHART_PARTS, types: CHART_TYPES });

const MACRO = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData><row r="1"><c r="A1"><v>999</v></c></row></sheetData></xm:macrosheet>`;
const DIALOG = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<dialogsheet ${NS}><sheetData/></dialogsheet>`;

/** The other kinds of sheet Excel writes into a workbook (an .xlsm's, but the reader takes them the same). */
const OTHERS = [
  ["a chart sheet", (b: Uint8Array) => withChartSheet(b)],
  ["a dialog sheet", (b: Uint8Array) => withSheet(b, { name: "Dialog1", type: `${REL}/dialogsheet`, target: "dialogsheets/sheet1.xml", parts: { "xl/dialogsheets/sheet1.xml": strToU8(DIALOG) } })],
  ["an Excel 4 macro sheet", (b: Uint8Array) => withSheet(b, { name: "Makro1", type: "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet", target: "macrosheets/sheet1.xml", parts: { "xl/macrosheets/sheet1.xml": strToU8(MACRO) } })],
  ["an international macro sheet", (b: Uint8Array) => withSheet(b, { name: "Makro2", type: "http://schemas.microsoft.com/office/2006/relationships/xlIntlMacrosheet", target: "macrosheets/intlsheet1.xml", parts: { "xl/macrosheets/intlsheet1.xml": strToU8(MACRO) } })],
] as const;

let dir: string;
let data: ExampleData;
let example: Uint8Array;

beforeAll(async () => {
  dir = await tempDir();
  data = await loadExampleData();
  example = new Uint8Array(await (await buildExample(data)).xlsx.writeBuffer());
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function grid(bytes: Uint8Array, mode: "read" | "copy"): Promise<ReturnType<typeof readWorkbookGrid>> {
  return readWorkbookGrid(await loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode, undefined, { scanCells: mode === "read" }));
}

describe("the reader: a sheet that is no worksheet is neither refused nor read", () => {
  test.each(OTHERS)("%s: both modes read the worksheets exactly as without it, and not the other sheet", async (_label, add) => {
    const plain = await grid(example, "read");
    for (const mode of ["read", "copy"] as const) {
      const read = await grid(add(example), mode);
      expect(read.sheets.map((s) => s.name)).toEqual(plain.sheets.map((s) => s.name));
      expect(read).toEqual(await grid(example, mode));
    }
  });

  test("a chart sheet's relationship pointing at a worksheet part: exceljs reads that part as a worksheet, so it is inspected as one", async () => {
    // The hostile twist: the relationship's type says chart sheet, its target is sheet1's XML with a number exceljs misreads.
    const files = unzipSync(example);
    const plain = '<c r="C4" s="2"><v>56</v></c>';
    expect(text(files, "xl/worksheets/sheet1.xml")).toContain(plain);
    files["xl/worksheets/sheet1.xml"] = strToU8(text(files, "xl/worksheets/sheet1.xml").replace(plain, '<c r="C4" s="2"><v>8,9e1</v></c>'));
    const rels = text(files, "xl/_rels/workbook.xml.rels");
    const sheet1 = /<Relationship\b[^>]*Target="worksheets\/sheet1\.xml"[^>]*>/.exec(rels)?.[0] as string;
    files["xl/_rels/workbook.xml.rels"] = strToU8(rels.replace(sheet1, sheet1.replace(/Type="[^"]*"/, `Type="${REL}/chartsheet"`)));
    const bytes = zipSync(files);
    for (const mode of ["read", "copy"] as const) expect((await grid(bytes, mode)).sheets[0]?.values[3]?.[2]).toEqual({ error: NOT_A_FILE_NUMBER });
  });

  test("a worksheet without its part is still refused as damaged, with a chart sheet in the file or not", async () => {
    const lost = (b: Uint8Array): Uint8Array => {
      const files = unzipSync(b);
      files["xl/_rels/workbook.xml.rels"] = strToU8(text(files, "xl/_rels/workbook.xml.rels").replace('Target="worksheets/sheet2.xml"', 'Target="worksheets/nowhere.xml"'));
      return zipSync(files);
    };
    for (const bytes of [lost(example), lost(withChartSheet(example))]) {
      for (const mode of ["read", "copy"] as const) await expect(loadWorkbookBytes(new ExcelJS.Workbook(), bytes, mode)).rejects.toThrow(NotWorkbookError);
    }
    // A chart sheet's relationship to a worksheet part that is missing: as a worksheet, refused.
    const pointing = withSheet(example, { name: "Diagram1", type: `${REL}/chartsheet`, target: "worksheets/nowhere.xml" });
    await expect(loadWorkbookBytes(new ExcelJS.Workbook(), pointing, "read")).rejects.toThrow(NotWorkbookError);
  });
});

/** The parts of `input` that `output` must hold byte for byte: the chart sheet and everything it points at. */
function expectChartSheetKept(input: Parts, output: Parts, name = "Diagram1"): void {
  for (const part of Object.keys(CHART_PARTS)) expect(output[part]).toEqual(input[part]);
  const wb = text(output, "xl/workbook.xml");
  const el = new RegExp(`<sheet\\b[^>]*name="${name}"[^>]*/>`).exec(wb)?.[0] ?? "";
  const id = /r:id="([^"]*)"/.exec(el)?.[1] as string;
  expect(id).toBeDefined();
  expect(text(output, "xl/_rels/workbook.xml.rels")).toMatch(new RegExp(`<Relationship\\b(?=[^>]*Id="${id}")(?=[^>]*Type="${REL}/chartsheet")(?=[^>]*Target="chartsheets/sheet1.xml")[^>]*/>`));
  for (const o of CHART_TYPES.match(/<Override\b[^>]*\/>/g) ?? []) expect(text(output, "[Content_Types].xml")).toContain(o);
  // Sheet ids and tab names stay unique (Excel repairs a file where they are not).
  const ids = [...wb.matchAll(/<sheet\b[^>]*\ssheetId="(\d+)"/g)].map((m) => m[1]);
  const names = [...wb.matchAll(/<sheet\b[^>]*\sname="([^"]*)"/g)].map((m) => (m[1] as string).toLowerCase());
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(names).size).toBe(names.length);
}

describe("the CLI with a chart sheet in the analyst's workbook", () => {
  let file: string;
  let plainFile: string;

  beforeAll(async () => {
    file = path.join(dir, "chart.xlsx");
    plainFile = path.join(dir, "plain.xlsx");
    await fs.writeFile(file, withChartSheet(example));
    await fs.writeFile(plainFile, example);
  });

  test("valider reads it as it reads the file without it", async () => {
    const run = await runCli("valider", file, "--json");
    const plain = await runCli("valider", plainFile, "--json");
    expect(run.stderr).not.toContain(CLI.damaged(file));
    expect([run.code, run.stdout.replace(/chart\.xlsx/g, "plain.xlsx")]).toEqual([plain.code, plain.stdout]);
  });

  test("beregn gives the same figures and its copy keeps the chart sheet, its drawing and chart as stored; the copy opens on the status sheet", async () => {
    const out = path.join(dir, "chart-status.xlsx");
    const run = await runCli("beregn", file, "-o", out, "--json");
    const plain = await runCli("beregn", plainFile, "-o", path.join(dir, "plain-status.xlsx"), "--json");
    expect(run.code).toBe(plain.code);
    expect(run.stdout).toBe(plain.stdout);
    const input = unzipSync(new Uint8Array(await fs.readFile(file)));
    const output = unzipSync(new Uint8Array(await fs.readFile(out)));
    expectChartSheetKept(input, output);
    // activeTab counts every sheet, the chart sheet too: it names the status sheet.
    const wb = text(output, "xl/workbook.xml");
    const tabs = [...wb.matchAll(/<sheet\b[^>]*\sname="([^"]*)"/g)].map((m) => m[1]);
    expect(tabs[Number(/activeTab="(\d+)"/.exec(wb)?.[1])]).toBe("Status 2025");
    // A re-run on the copy replaces its own status sheet and still keeps the chart sheet.
    const again = path.join(dir, "chart-status-2.xlsx");
    expect((await runCli("beregn", out, "-o", again)).code).toBe(plain.code);
    expectChartSheetKept(output, unzipSync(new Uint8Array(await fs.readFile(again))));
  });
});

describe("saml with chart sheets", () => {
  let hoved: string;
  let buf: string;

  beforeAll(async () => {
    const blank = path.join(dir, "hoved-blank.xlsx");
    expect((await runCli("skabelon", "--aar", "2025", "-o", blank)).code).toBe(0);
    hoved = path.join(dir, "HOVED.xlsx");
    await fs.writeFile(hoved, withChartSheet(new Uint8Array(await fs.readFile(blank))));
    const sent = path.join(dir, "buf-blank.xlsx");
    expect((await runCli("skabelon", "--aar", "2025", "--forvaltning", "BUF", "-o", sent)).code).toBe(0);
    const wb = await readXlsx(sent);
    fillForvaltning(wb, "BUF", data);
    buf = path.join(dir, "BUF-2025.xlsx");
    // The department moved its own chart to a sheet of its own.
    await fs.writeFile(buf, withChartSheet(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "BUF-diagram"));
  });

  test("a delivered file with a chart sheet is read and its BUF filled in; the analyst's chart sheet is kept as stored", async () => {
    const out = path.join(dir, "samlet.xlsx");
    const run = await runCli("saml", hoved, buf, "-o", out);
    expect(run.stderr).toBe("");
    expect(run.stdout).not.toContain("beskadiget");
    expect(run.stdout).toContain("Der er indsat");
    const output = unzipSync(new Uint8Array(await fs.readFile(out)));
    expectChartSheetKept(unzipSync(new Uint8Array(await fs.readFile(hoved))), output);
    // Only the department's values entered: not its chart sheet.
    expect(text(output, "xl/workbook.xml")).not.toContain("BUF-diagram");
    const copy = await readXlsx(out);
    expect(copy.getWorksheet("BUF")?.getCell("B5").value).toBe(data.departments.BUF?.status.loentilskud);
  });

  test("the pane's collect reads the delivered file with a chart sheet as saml does: its BUF, not its chart sheet", async () => {
    const picked = await readPickedFile("BUF-2025.xlsx", new Uint8Array(await fs.readFile(buf)));
    if (!picked.ok) throw new Error(`refused: ${picked.reason}`);
    expect(picked.file.grid.sheets.map((s) => s.name)).toContain("BUF");
    expect(picked.file.grid.sheets.map((s) => s.name)).not.toContain("BUF-diagram");
  });
});

/** The same package with an XML comment in its styles: not read by the splice, so only exceljs could write the copy. */
function refusedBySplice(xlsx: Uint8Array): Uint8Array {
  const files = unzipSync(xlsx);
  files["xl/styles.xml"] = strToU8(text(files, "xl/styles.xml").replace(/<styleSheet\b[^>]*>/, (m) => `${m}<!-- x -->`));
  return zipSync(files);
}

describe("a copy that would lose the chart sheet, or clash with its name, is refused and nothing is written", () => {
  test("beregn: where only exceljs could write the copy (it drops chart sheets), it is refused naming the chart sheet; without the chart sheet it is written", async () => {
    const file = path.join(dir, "fallback-chart.xlsx");
    const out = path.join(dir, "fallback-chart-status.xlsx");
    await fs.writeFile(file, withChartSheet(refusedBySplice(example)));
    const run = await runCli("beregn", file, "-o", out);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(CLI.otherSheetsNotKept(file, ["Diagram1"]));
    await expect(fs.stat(out)).rejects.toThrow();
    // The premise: exceljs 4.4's load and save loses the chart sheet, its drawing and its chart.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(withChartSheet(example) as unknown as ExcelJS.Buffer);
    const saved = unzipSync(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(Object.keys(saved).filter((k) => k in CHART_PARTS)).toEqual([]);
    expect(text(saved, "xl/workbook.xml")).not.toContain("Diagram1");
    // The same package without the chart sheet: exceljs writes the copy, as it always did.
    const plain = path.join(dir, "fallback-plain.xlsx");
    await fs.writeFile(plain, refusedBySplice(example));
    expect((await runCli("beregn", plain, "-o", path.join(dir, "fallback-plain-status.xlsx"))).stderr).toBe("");
  });

  test("beregn: a chart sheet named as the status sheet is refused naming it, not written as two tabs of one name", async () => {
    const file = path.join(dir, "clash.xlsx");
    const out = path.join(dir, "clash-status.xlsx");
    await fs.writeFile(file, withChartSheet(example, "status 2025"));
    const run = await runCli("beregn", file, "-o", out);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(CLI.otherSheetNameTaken(file, "status 2025"));
    await expect(fs.stat(out)).rejects.toThrow();
  });

  test("saml: a chart sheet named as the forvaltning to insert, and a copy only exceljs could write, are refused naming the chart sheet", async () => {
    const blank = path.join(dir, "hoved-blank-2.xlsx");
    expect((await runCli("skabelon", "--aar", "2025", "-o", blank)).code).toBe(0);
    // The analyst's workbook without a SUF sheet (so SUF is inserted), and a chart sheet named SUF.
    const wb = await readXlsx(blank);
    wb.removeWorksheet((wb.getWorksheet("SUF") as ExcelJS.Worksheet).id);
    const noSuf = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const sent = path.join(dir, "suf-blank.xlsx");
    expect((await runCli("skabelon", "--aar", "2025", "--forvaltning", "SUF", "-o", sent)).code).toBe(0);
    const suf = await readXlsx(sent);
    fillForvaltning(suf, "SUF", data);
    const sufFile = path.join(dir, "SUF-2025.xlsx");
    await suf.xlsx.writeFile(sufFile);

    const clash = path.join(dir, "HOVED-clash.xlsx");
    await fs.writeFile(clash, withChartSheet(noSuf, "SUF"));
    const out = path.join(dir, "samlet-clash.xlsx");
    const a = await runCli("saml", clash, sufFile, "-o", out);
    expect(a.code).toBe(2);
    expect(a.stderr.trim()).toBe(CLI.otherSheetNameTaken(clash, "SUF"));
    await expect(fs.stat(out)).rejects.toThrow();

    const fallback = path.join(dir, "HOVED-fallback.xlsx");
    await fs.writeFile(fallback, withChartSheet(refusedBySplice(noSuf)));
    const b = await runCli("saml", fallback, sufFile, "-o", out);
    expect(b.code).toBe(2);
    expect(b.stderr.trim()).toBe(CLI.otherSheetsNotKept(fallback, ["Diagram1"]));
    await expect(fs.stat(out)).rejects.toThrow();
    // With a chart sheet of another name, the splice inserts SUF and keeps the chart sheet.
    const ok = path.join(dir, "HOVED-ok.xlsx");
    await fs.writeFile(ok, withChartSheet(noSuf));
    const c = await runCli("saml", ok, sufFile, "-o", out);
    expect(c.stderr).toBe("");
    expectChartSheetKept(unzipSync(new Uint8Array(await fs.readFile(ok))), unzipSync(new Uint8Array(await fs.readFile(out))));
    expect((await readXlsx(out)).getWorksheet("SUF")?.getCell("B5").value).toBe(data.departments.SUF?.status.loentilskud);
  });
});
