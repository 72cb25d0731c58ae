/**
 * `Workbook.insertWorksheetsFromBase64` (ExcelApi 1.13) on the test host, with both clients (the
 * double's and Microsoft's Office.js client over the RichApi executor): options, names, the web's
 * UnsupportedFeature, iOS, the 5 MB request limit, and what a file brings along.
 */
import JSZip from "jszip";
import { loadExampleData } from "../src/cli/example";
import { bytesOf, departmentWorkbook } from "./addin/collect-fixtures";
import { createHost, PAYLOAD_LIMIT_BYTES, type ClientKind, type TestHost } from "./host";
import ExcelJS from "../src/cli/exceljs";

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");

async function twoSheetFile(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet("BUF");
  a.getCell("A1").value = "Forvaltning";
  a.getCell("B2").value = 12.5;
  a.getCell("B2").numFmt = "0.00";
  a.mergeCells("A4:B4");
  a.getColumn(1).width = 40;
  a.getCell("A3").value = "skjult";
  a.getRow(3).hidden = true;
  const b = wb.addWorksheet("Noter");
  b.getCell("A1").value = "note";
  return bytesOf(wb);
}

/** Adds a relationship of `type` to the first sheet's part (as Excel writes a PivotTable's, a comment's, …). */
async function withRelationship(bytes: Uint8Array, type: string, target: string, extra: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const rels = "xl/worksheets/_rels/sheet1.xml.rels";
  const old = (await zip.file(rels)?.async("string")) ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  zip.file(rels, old.replace("</Relationships>", `<Relationship Id="rIdX" Type="${type}" Target="${target}"/></Relationships>`));
  for (const [p, text] of Object.entries(extra)) zip.file(p, text);
  return new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

async function insert(host: TestHost, file: string, options?: Excel.InsertWorksheetOptions): Promise<string[]> {
  return host.run(async (ctx) => {
    const ids = ctx.workbook.insertWorksheetsFromBase64(file, options);
    await ctx.sync();
    return ids.value;
  });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return String((e as { code?: unknown }).code);
  }
  throw new Error("expected a rejection");
}

describe.each<ClientKind>(["double", "officejs"])("insertWorksheetsFromBase64 (%s client)", (client) => {
  test("inserts every sheet at the end by default, with values, formats, merges, widths and hidden rows, and returns their ids", async () => {
    const host = createHost({ sheets: ["Måltal", "BIF"] }, client);
    const ids = await insert(host, base64(await twoSheetFile()));
    expect(host.model.sheets.map((s) => s.name)).toEqual(["Måltal", "BIF", "BUF", "Noter"]);
    expect(ids).toEqual(host.model.sheets.slice(2).map((s) => s.id));
    expect(host.cell("BUF", "B2")).toEqual({ v: 12.5, s: { numFmt: "0.00" } });
    expect(host.cell("BUF", "A1")?.v).toBe("Forvaltning");
    const buf = host.model.sheets[2];
    expect(buf?.merges).toEqual(["A4:B4"]);
    expect(buf?.columnWidths.A).toBe(40);
    expect(buf?.hiddenRows).toEqual([3]);
  });

  test("sheetNamesToInsert picks sheets; Before/After/Beginning place them relative to a sheet; a taken name becomes »NAME (2)«", async () => {
    const host = createHost({ sheets: ["Måltal", "BUF", "Slut"] }, client);
    const file = base64(await twoSheetFile());
    await insert(host, file, { sheetNamesToInsert: ["BUF"], positionType: "Before", relativeTo: "Slut" });
    expect(host.model.sheets.map((s) => s.name)).toEqual(["Måltal", "BUF", "BUF (2)", "Slut"]);
    await insert(host, file, { sheetNamesToInsert: ["Noter"], positionType: "Beginning" });
    expect(host.model.sheets.map((s) => s.name)[0]).toBe("Noter");
    await insert(host, file, { sheetNamesToInsert: ["Noter"], positionType: "After", relativeTo: "Måltal" });
    expect(host.model.sheets.map((s) => s.name)).toEqual(["Noter", "Måltal", "Noter (2)", "BUF", "BUF (2)", "Slut"]);
  });

  test("a name the file lacks, Before without relativeTo, and text that is no .xlsx are refused and insert nothing", async () => {
    const host = createHost({ sheets: ["Måltal"] }, client);
    const file = base64(await twoSheetFile());
    expect(await codeOf(insert(host, file, { sheetNamesToInsert: ["KFF"] }))).toBe("ItemNotFound");
    expect(await codeOf(insert(host, file, { positionType: "Before" }))).toBe("InvalidArgument");
    expect(await codeOf(insert(host, base64(new TextEncoder().encode("not a workbook"))))).toBe("InvalidArgument");
    expect(host.model.sheets.map((s) => s.name)).toEqual(["Måltal"]);
  });

  test.each([
    ["a PivotTable", `${REL}/pivotTable`, "../pivotTables/pivotTable1.xml", {}],
    ["a comment", `${REL}/comments`, "../comments1.xml", { "xl/comments1.xml": '<?xml version="1.0"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors/><commentList/></comments>' }],
    ["a slicer", "http://schemas.microsoft.com/office/2007/relationships/slicer", "../slicers/slicer1.xml", {}],
    [
      "a chart",
      `${REL}/drawing`,
      "../drawings/drawing1.xml",
      { "xl/drawings/_rels/drawing1.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart1.xml"/></Relationships>` },
    ],
  ])("on the web a sheet with %s is refused with UnsupportedFeature; on Windows it is inserted", async (_what, type, target, extra) => {
    const file = base64(await withRelationship(await twoSheetFile(), type, target, extra));
    const web = createHost({ sheets: ["Måltal"] }, client);
    expect(await codeOf(insert(web, file))).toBe("UnsupportedFeature");
    expect(web.model.sheets.map((s) => s.name)).toEqual(["Måltal"]);
    // The other sheet of the same file has none of it, and is inserted.
    await insert(web, file, { sheetNamesToInsert: ["Noter"] });
    expect(web.model.sheets.map((s) => s.name)).toEqual(["Måltal", "Noter"]);
    const pc = createHost({ sheets: ["Måltal"] }, client);
    pc.platform = "PC";
    await insert(pc, file);
    expect(pc.model.sheets.map((s) => s.name)).toEqual(["Måltal", "BUF", "Noter"]);
  });

  test("a comment made by exceljs (a cell note) is found as Excel on the web would find it", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("BUF").getCell("B5").note = "Tjek tallet";
    const web = createHost({ sheets: ["Måltal"] }, client);
    expect(await codeOf(insert(web, base64(await bytesOf(wb))))).toBe("UnsupportedFeature");
  });

  test("a picture in a drawing is not a chart: inserted on the web", async () => {
    const file = base64(await withRelationship(await twoSheetFile(), `${REL}/drawing`, "../drawings/drawing1.xml", { "xl/drawings/_rels/drawing1.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/image" Target="../media/image1.png"/></Relationships>` }));
    const web = createHost({ sheets: ["Måltal"] }, client);
    await insert(web, file);
    expect(web.model.sheets.map((s) => s.name)).toEqual(["Måltal", "BUF", "Noter"]);
  });

  test("on iOS the method is missing", async () => {
    const host = createHost({ sheets: ["Måltal"] }, client);
    host.platform = "iOS";
    expect(await codeOf(insert(host, base64(await twoSheetFile())))).toBe("ApiNotFound");
  });

  test("the base64 text counts against the 5 MB request limit: a larger file is refused before anything is applied", async () => {
    const host = createHost({ sheets: ["Måltal"] }, client);
    const big = "A".repeat(PAYLOAD_LIMIT_BYTES + 4);
    host.resetStats();
    expect(await codeOf(insert(host, big))).toBe("RequestPayloadSizeLimitExceeded");
    expect(host.stats.requests.at(-1)?.refused).toBe("RequestPayloadSizeLimitExceeded");
    expect(host.stats.requests.at(-1)?.requestBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    expect(host.model.sheets.map((s) => s.name)).toEqual(["Måltal"]);
  });

  test("a read-only workbook refuses the insert", async () => {
    const host = createHost({ sheets: ["Måltal"] }, client);
    host.model.readOnly = true;
    expect(await codeOf(insert(host, base64(await twoSheetFile())))).toBe("AccessDenied");
  });

  test("a department's protected template file keeps its unlocked input cells' values once inserted", async () => {
    const data = await loadExampleData();
    const host = createHost({ sheets: ["Måltal"] }, client);
    await insert(host, base64(await bytesOf(await departmentWorkbook("BUF", data))));
    expect(host.cell("BUF", "B5")?.v).toBe(data.departments.BUF?.status.loentilskud);
  });
});
