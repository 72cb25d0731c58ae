/** Real .xlsx files in and out of the test host, through exceljs. */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { charsToPoints } from "../src/core/layout";
import { createHost } from "./host/host";
import { loadXlsx, loadXlsxHost, saveXlsx } from "./host/xlsx";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "jobstatus-host-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const JAN_31_2025 = new Date(Date.UTC(2025, 0, 31));
const JAN_31_2025_SERIAL = 45688;

/** A workbook with every kind of value and format the host carries over. */
async function writeFixture(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Status 2025");
  ws.getCell("A1").value = 42;
  ws.getCell("A1").numFmt = "0.00";
  ws.getCell("B1").value = "tekst";
  ws.getCell("C1").value = true;
  ws.getCell("D1").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
  ws.getCell("E1").value = JAN_31_2025;
  ws.getCell("E1").numFmt = "dd-mm-yyyy";
  ws.getCell("F1").value = { formula: "A1*2", result: 84 } as ExcelJS.CellFormulaValue;
  const styled = ws.getCell("A2");
  styled.value = "formateret";
  styled.font = { name: "Arial", size: 12, bold: true, italic: true, color: { argb: "FFFF0000" } };
  styled.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  styled.border = { top: { style: "thin" }, bottom: { style: "medium", color: { argb: "FF0000FF" } } };
  styled.alignment = { horizontal: "center", vertical: "top", wrapText: true };
  ws.getCell("A10").value = "flettet";
  ws.mergeCells("A10:C10");
  ws.getColumn("A").width = 20;
  ws.getColumn("B").width = 12.5;
  ws.getRow(2).height = 30;
  ws.pageSetup = { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  ws.addConditionalFormatting({
    ref: "B2:B20",
    rules: [{ type: "expression", priority: 1, formulae: ["$B2<0"], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } }, font: { color: { argb: "FF9C0006" } } } }],
  });
  const hidden = wb.addWorksheet("Skjult", { state: "hidden" });
  hidden.getCell("A1").value = "hemmelig";
  wb.addWorksheet("Data").getCell("B2").value = 7;
  wb.addWorksheet("MegetSkjult", { state: "veryHidden" });
  wb.definedNames.add("'Status 2025'!$A$1", "JobStatusOwner");
  await wb.xlsx.writeFile(file);
}

test("an .xlsx with every kind of value and format reads back through the Office.js API", async () => {
  const file = path.join(dir, "in.xlsx");
  await writeFixture(file);
  const host = await loadXlsxHost(file);
  await host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name,items/visibility,items/position");
    const ws = sheets.getItem("Status 2025");
    const row1 = ws.getRange("A1:F1").load("values,valueTypes,numberFormat,formulas");
    const a2 = ws.getRange("A2").load("values");
    const font = a2.format.font.load("name,size,bold,italic,color");
    const fill = a2.format.fill.load("color");
    const align = a2.format.load("horizontalAlignment,verticalAlignment,wrapText,rowHeight");
    const top = a2.format.borders.getItem("EdgeTop").load("style,weight");
    const bottom = a2.format.borders.getItem("EdgeBottom").load("style,weight,color");
    const widths = [ws.getRange("A1").format.load("columnWidth"), ws.getRange("B1").format.load("columnWidth")];
    const merged = ws.getRange("A1:C10").getMergedAreasOrNullObject().load("address");
    const names = ctx.workbook.names.load("items/name,items/formula");
    const cfs = ws.getRange().conditionalFormats.load("items/type,items/custom/rule/formula,items/custom/format/fill/color,items/custom/format/font/color");
    const layout = ws.pageLayout.load("paperSize,orientation,zoom");
    await ctx.sync();
    expect(sheets.items.map((s) => [s.position, s.name, s.visibility])).toEqual([
      [0, "Status 2025", "Visible"],
      [1, "Skjult", "Hidden"],
      [2, "Data", "Visible"],
      [3, "MegetSkjult", "VeryHidden"],
    ]);
    expect(row1.values).toEqual([[42, "tekst", true, "#REF!", JAN_31_2025_SERIAL, 84]]);
    expect(row1.valueTypes).toEqual([["Double", "String", "Boolean", "Error", "Double", "Double"]]);
    expect(row1.numberFormat).toEqual([["0.00", "General", "General", "General", "dd-mm-yyyy", "General"]]);
    expect(row1.formulas[0]?.[5]).toBe("=A1*2");
    expect(a2.values).toEqual([["formateret"]]);
    expect([font.name, font.size, font.bold, font.italic, font.color]).toEqual(["Arial", 12, true, true, "#FF0000"]);
    expect(fill.color).toBe("#FFFF00");
    expect([align.horizontalAlignment, align.verticalAlignment, align.wrapText, align.rowHeight]).toEqual(["Center", "Top", true, 30]);
    expect([top.style, top.weight]).toEqual(["Continuous", "Thin"]);
    expect([bottom.style, bottom.weight, bottom.color]).toEqual(["Continuous", "Medium", "#0000FF"]);
    expect(widths.map((w) => w.columnWidth)).toEqual([charsToPoints(20), charsToPoints(12.5)]);
    expect(merged.address).toBe("'Status 2025'!A10:C10");
    expect(names.items.map((n) => [n.name, n.formula])).toEqual([["JobStatusOwner", "='Status 2025'!$A$1"]]);
    expect(cfs.items.map((c) => [c.type, c.custom.rule.formula, c.custom.format.fill.color, c.custom.format.font.color])).toEqual([["Custom", "=$B2<0", "#FFC7CE", "#9C0006"]]);
    expect([layout.paperSize, layout.orientation, layout.zoom]).toEqual(["A4", "Landscape", { horizontalFitToPages: 1, verticalFitToPages: 0 }]);
  });
  const model = host.toJSON();
  expect(model.sheets[0]?.columnWidths).toMatchObject({ A: 20, B: 12.5 });
  expect(JSON.parse(JSON.stringify(model))).toEqual(model);
});

test("writes through the API survive saving and reloading with exceljs", async () => {
  const file = path.join(dir, "in2.xlsx");
  const out = path.join(dir, "out.xlsx");
  await writeFixture(file);
  const host = createHost(await loadXlsx(file));
  await host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.getItem("Skjult").delete();
    const ws = sheets.add("Ny status");
    const r = ws.getRange("A1:C2");
    r.values = [["Ordning", "Antal", "Andel"], ["Fleksjob", 12, 0.25]];
    r.numberFormat = [["General", "0", "0%"], ["General", "0", "0%"]];
    ws.getRange("A1:C1").format.font.bold = true;
    ws.getRange("A1:C1").format.fill.color = "#DDEBF7";
    ws.getRange("A1:C2").format.borders.getItem("EdgeBottom").style = "Continuous";
    ws.getRange("A1:C2").format.borders.getItem("EdgeBottom").weight = "Medium";
    ws.getRange("B2").format.horizontalAlignment = "Right";
    ws.getRange("A4:C4").merge();
    ws.getRange("A4").values = [["'=ikke en formel"]];
    ws.getRange("A:A").format.columnWidth = charsToPoints(25);
    ws.getRange("A1").format.rowHeight = 24;
    const cf = ws.getRange("B2:B10").conditionalFormats.add("Custom");
    cf.custom.rule.formula = "=$B2>10";
    cf.custom.format.fill.color = "#C6EFCE";
    ws.pageLayout.paperSize = "A4";
    ws.pageLayout.orientation = "Portrait";
    ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    ws.visibility = "Visible";
    ctx.workbook.names.add("NyOwner", ws.getRange("A1"));
    sheets.getItem("Status 2025").getRange("B1").values = [["ændret"]];
    sheets.getItem("Data").name = "Data 2";
    ws.activate();
    await ctx.sync();
  });
  await saveXlsx(host, out);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
    ["Status 2025", "visible"],
    ["Data 2", "visible"],
    ["MegetSkjult", "veryHidden"],
    ["Ny status", "visible"],
  ]);
  const status = wb.getWorksheet("Status 2025");
  expect(status?.getCell("A1").value).toBe(42);
  expect(status?.getCell("A1").numFmt).toBe("0.00");
  expect(status?.getCell("B1").value).toBe("ændret");
  expect(status?.getCell("C1").value).toBe(true);
  expect(status?.getCell("D1").value).toEqual({ error: "#REF!" });
  expect(status?.getCell("E1").value).toEqual(JAN_31_2025);
  expect(status?.getCell("F1").formula).toBe("A1*2");
  expect(status?.getCell("F1").result).toBe(84);
  expect(status?.getCell("A2").font).toMatchObject({ name: "Arial", size: 12, bold: true, italic: true, color: { argb: "FFFF0000" } });
  expect(status?.getCell("A2").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } });
  expect(status?.getCell("A2").border).toMatchObject({ top: { style: "thin" }, bottom: { style: "medium", color: { argb: "FF0000FF" } } });
  expect(status?.getCell("A2").alignment).toMatchObject({ horizontal: "center", vertical: "top", wrapText: true });
  expect(status?.getColumn("A").width).toBe(20);
  expect(status?.getRow(2).height).toBe(30);
  expect(status?.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  expect(status?.getCell("B10").isMerged).toBe(true);

  const ny = wb.getWorksheet("Ny status");
  expect([ny?.getCell("A2").value, ny?.getCell("B2").value, ny?.getCell("C2").value]).toEqual(["Fleksjob", 12, 0.25]);
  expect(ny?.getCell("C2").numFmt).toBe("0%");
  expect(ny?.getCell("A1").font).toMatchObject({ bold: true, name: "Calibri", size: 11 });
  expect(ny?.getCell("C1").fill).toMatchObject({ fgColor: { argb: "FFDDEBF7" } });
  expect(ny?.getCell("A2").border?.bottom).toMatchObject({ style: "medium" });
  expect(ny?.getCell("B2").alignment).toMatchObject({ horizontal: "right" });
  expect(ny?.getCell("A4").value).toBe("=ikke en formel");
  expect(ny?.getCell("A4").type).toBe(ExcelJS.ValueType.String);
  expect(ny?.getCell("C4").isMerged).toBe(true);
  expect(ny?.getColumn("A").width).toBe(25);
  expect(ny?.getRow(1).height).toBe(24);
  expect(ny?.pageSetup).toMatchObject({ paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  const cfs = (ny as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
  expect(cfs).toHaveLength(1);
  expect(cfs[0]?.ref).toBe("B2:B10");
  expect(cfs[0]?.rules[0]).toMatchObject({ type: "expression", formulae: ["$B2>10"], style: { fill: { bgColor: { argb: "FFC6EFCE" } } } });
  expect((wb.definedNames.model as { name: string; ranges: string[] }[]).map((n) => [n.name, n.ranges])).toEqual([
    ["JobStatusOwner", ["'Status 2025'!$A$1"]],
    ["NyOwner", ["'Ny status'!$A$1"]],
  ]);
  expect((wb.views as { activeTab?: number }[])[0]?.activeTab).toBe(3);

  // and the saved file loads into a host again unchanged in the parts the host models
  const again = await loadXlsxHost(out);
  expect(again.toJSON().sheets.map((s) => s.name)).toEqual(["Status 2025", "Data 2", "MegetSkjult", "Ny status"]);
  expect(again.selection().sheet).toBe("Ny status");
  expect(again.cell("Ny status", "B2")).toEqual({ v: 12, s: { numFmt: "0", hAlign: "right", borderBottom: { style: "medium", color: "#000000" } } });
});
