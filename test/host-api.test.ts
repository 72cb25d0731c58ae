/** The modelled Office.js surface: formats, merges, names, conditional formats, page layout, selection. */
import { charsToPoints, pointsToChars } from "../src/core/layout";
import { NotImplementedError } from "./host/errors";
import { createHost } from "./host/host";
import { expectRichApiError, rejectionOf, thrownBy } from "./host/jest-helpers";

describe("ranges and addresses", () => {
  test("address quotes sheet names as Excel does and reports indexes and counts", async () => {
    const host = createHost({ sheets: ["BUF", "Status 2025", "It's"] });
    await host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const a = sheets.getItem("BUF").getRange("a1:f20").load("address,rowIndex,columnIndex,rowCount,columnCount,cellCount");
      const b = sheets.getItem("Status 2025").getRange("B6").load("address");
      const c = sheets.getItem("It's").getRangeByIndexes(2, 1, 3, 2).load("address");
      const whole = sheets.getItem("BUF").getRange().load("address,isEntireRow,isEntireColumn");
      const cols = sheets.getItem("BUF").getRange("B:D").load("address,rowCount");
      await ctx.sync();
      expect([a.address, a.rowIndex, a.columnIndex, a.rowCount, a.columnCount, a.cellCount]).toEqual(["BUF!A1:F20", 0, 0, 20, 6, 120]);
      expect(b.address).toBe("'Status 2025'!B6");
      expect(c.address).toBe("'It''s'!B3:C5");
      expect([whole.address, whole.isEntireRow, whole.isEntireColumn]).toEqual(["BUF!1:1048576", true, true]);
      expect([cols.address, cols.rowCount]).toEqual(["BUF!B:D", 1048576]);
    });
  });

  test("getCell, getResizedRange, getOffsetRange, getRow, getColumn and getLastCell derive ranges", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const base = ctx.workbook.worksheets.getItem("Sheet1").getRange("B2:D5");
      const ranges = [base.getCell(1, 1), base.getResizedRange(1, -1), base.getOffsetRange(2, 3), base.getRow(0), base.getColumn(2), base.getLastCell(), base.getEntireColumn()];
      ranges.forEach((r) => r.load("address"));
      await ctx.sync();
      expect(ranges.map((r) => r.address)).toEqual(["Sheet1!C3", "Sheet1!B2:C6", "Sheet1!E4:G7", "Sheet1!B2:D2", "Sheet1!D2:D5", "Sheet1!D5", "Sheet1!B:D"]);
      base.getOffsetRange(-5, 0);
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
    });
  });

  test("used range: values only or with formatting, A1 for an empty sheet, null object via OrNullObject", async () => {
    const host = createHost({ sheets: ["Data", "Empty"] });
    await host.run(async (ctx) => {
      const data = ctx.workbook.worksheets.getItem("Data");
      data.getRange("C3:D4").values = [[1, 2], [3, 4]];
      data.getRange("F8").format.fill.color = "#FF0000";
      await ctx.sync();
      const withFormats = data.getUsedRange().load("address");
      const valuesOnly = data.getUsedRange(true).load("address");
      const empty = ctx.workbook.worksheets.getItem("Empty").getUsedRange().load("address");
      const none = ctx.workbook.worksheets.getItem("Empty").getUsedRangeOrNullObject(true);
      await ctx.sync();
      expect(withFormats.address).toBe("Data!C3:F8");
      expect(valuesOnly.address).toBe("Data!C3:D4");
      expect(empty.address).toBe("Empty!A1");
      expect(none.isNullObject).toBe(true);
    });
  });

  test("text formats numbers for the simple number formats", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:D1");
      r.values = [[1234.5, 0.256, 3, true]];
      r.numberFormat = [["#,##0.00", "0.0%", "0", "General"]];
      r.load("text");
      await ctx.sync();
      expect(r.text).toEqual([["1,234.50", "25.6%", "3", "TRUE"]]);
    });
  });

  test("reading a property after setting it returns the value set, as Office.js does", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      r.values = [["set locally"]];
      expect(r.values).toEqual([["set locally"]]);
      expectRichApiError(thrownBy(() => r.formulas), "PropertyNotLoaded");
      await ctx.sync();
    });
  });
});

describe("formats", () => {
  test("font, fill, alignment and wrap apply to every cell; mixed values read as null", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      const r = sheet.getRange("A1:B2");
      r.format.font.set({ bold: true, italic: true, size: 14, name: "Arial", color: "red" });
      r.format.fill.color = "#ffff00";
      r.format.horizontalAlignment = "Center";
      r.format.verticalAlignment = "Top";
      r.format.wrapText = true;
      sheet.getRange("B2").format.font.bold = false;
      const all = sheet.getRange("A1:B2").load({ format: { font: { bold: true, italic: true, size: true, name: true, color: true }, fill: { color: true }, horizontalAlignment: true, verticalAlignment: true, wrapText: true } });
      await ctx.sync();
      expect(all.format.font.bold).toBeNull();
      expect([all.format.font.italic, all.format.font.size, all.format.font.name, all.format.font.color]).toEqual([true, 14, "Arial", "#FF0000"]);
      expect(all.format.fill.color).toBe("#FFFF00");
      expect([all.format.horizontalAlignment, all.format.verticalAlignment, all.format.wrapText]).toEqual(["Center", "Top", true]);
      expect(host.cell("Sheet1", "A2")?.s).toMatchObject({ bold: true, fill: "#FFFF00", hAlign: "center", vAlign: "top", wrap: true });
      sheet.getRange("A1").format.fill.clear();
      const a1 = sheet.getRange("A1").format.fill.load("color");
      await ctx.sync();
      expect(a1.color).toBe("#FFFFFF");
    });
  });

  test("column widths are set in points and stored in character units; row heights in points", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B1").format.columnWidth = charsToPoints(20);
      sheet.getRange("C:C").format.columnWidth = 100;
      sheet.getRange("A3").format.rowHeight = 30;
      const ab = sheet.getRange("A1:B1").format.load("columnWidth");
      const c = sheet.getRange("C1").format.load("columnWidth");
      const d = sheet.getRange("D1").format.load("columnWidth,rowHeight");
      const mixed = sheet.getRange("A1:C1").format.load("columnWidth");
      const rows = sheet.getRange("A2:A3").format.load("rowHeight");
      await ctx.sync();
      expect(host.model.sheets[0]?.columnWidths).toEqual({ A: 20, B: 20, C: pointsToChars(100) });
      expect(ab.columnWidth).toBe(charsToPoints(20));
      expect(c.columnWidth).toBe(charsToPoints(pointsToChars(100)));
      expect([d.columnWidth, d.rowHeight]).toEqual([48, 15]);
      expect(mixed.columnWidth).toBeNull();
      expect(rows.rowHeight).toBeNull();
      expect(host.model.sheets[0]?.rowHeights).toEqual({ "3": 30 });
    });
  });

  test("borders per edge and inside, with style and weight", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const) {
        const b = r.format.borders.getItem(edge);
        b.style = "Continuous";
        b.weight = "Medium";
      }
      r.format.borders.getItem("InsideHorizontal").style = "Continuous";
      const top = r.format.borders.getItem("EdgeTop").load("style,weight,color");
      const inside = r.format.borders.getItem("InsideHorizontal").load("style,weight");
      const vertical = r.format.borders.getItem("InsideVertical").load("style");
      await ctx.sync();
      expect([top.style, top.weight, top.color]).toEqual(["Continuous", "Medium", "#000000"]);
      expect([inside.style, inside.weight]).toEqual(["Continuous", "Thin"]);
      expect(vertical.style).toBe("None");
      expect(host.cell("Sheet1", "A1")?.s).toEqual({ borderTop: { style: "medium", color: "#000000" }, borderLeft: { style: "medium", color: "#000000" }, borderBottom: { style: "thin", color: "#000000" } });
      r.format.borders.getItem("EdgeTop").style = "None";
      const after = r.format.borders.getItem("EdgeTop").load("style");
      await ctx.sync();
      expect(after.style).toBe("None");
    });
  });

  test("formatting whole columns and the whole sheet applies to existing and future cells", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("B5").values = [["x"]];
      sheet.getRange().format.font.name = "Arial";
      sheet.getRange("B:B").format.font.bold = true;
      await ctx.sync();
      sheet.getRange("B9").values = [["new"]];
      const b = sheet.getRange("B1:B20").format.font.load("bold,name");
      const a = sheet.getRange("A1").format.font.load("bold,name");
      const col = sheet.getRange("B:B").format.font.load("bold");
      await ctx.sync();
      expect([b.bold, b.name]).toEqual([true, "Arial"]);
      expect([a.bold, a.name]).toEqual([false, "Arial"]);
      expect(col.bold).toBe(true);
    });
  });

  test("merge keeps the top-left value; across merges row by row; unmerge and partial overlaps", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B2").values = [[1, 2], [3, 4]];
      sheet.getRange("A1:B2").merge();
      sheet.getRange("D1:E2").merge(true);
      const merged = sheet.getRange("A1:E2").getMergedAreasOrNullObject().load("address,areaCount");
      const values = sheet.getRange("A1:B2").load("values");
      await ctx.sync();
      expect(values.values).toEqual([[1, ""], ["", ""]]);
      expect(merged.areaCount).toBe(3);
      expect(merged.address).toBe("Sheet1!A1:B2,Sheet1!D1:E1,Sheet1!D2:E2");
      sheet.getRange("B2:C3").merge();
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
      sheet.getRange("A1").unmerge();
      await ctx.sync();
      expect(host.model.sheets[0]?.merges).toEqual(["D1:E1", "D2:E2"]);
    });
  });

  test("clear removes contents, formats or both", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      const r = sheet.getRange("A1:B1");
      r.values = [[1, 2]];
      r.format.font.bold = true;
      sheet.getRange("A1").clear("Contents");
      sheet.getRange("B1").clear("Formats");
      await ctx.sync();
      expect(host.cell("Sheet1", "A1")).toEqual({ s: { bold: true } });
      expect(host.cell("Sheet1", "B1")).toEqual({ v: 2 });
      r.clear();
      await ctx.sync();
      expect(host.model.sheets[0]?.cells).toEqual({});
    });
  });
});

describe("worksheets", () => {
  test("add, position, visibility, activate, select and the host's selection()", async () => {
    const host = createHost({ sheets: ["A"] });
    await host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const b = sheets.add("B");
      const c = sheets.add();
      c.position = 0;
      b.activate();
      b.getRange("C3:D4").select();
      const count = sheets.getCount();
      sheets.load("items/name,items/position,items/visibility");
      const active = sheets.getActiveWorksheet().load("name");
      expectRichApiError(thrownBy(() => count.value), "ValueNotLoaded");
      await ctx.sync();
      expect(count.value).toBe(3);
      expect(sheets.items.map((s) => `${s.position}:${s.name}`)).toEqual(["0:Sheet3", "1:A", "2:B"]);
      expect(active.name).toBe("B");
      b.visibility = "VeryHidden";
      await ctx.sync();
    });
    expect(host.selection()).toEqual({ sheet: "A", address: "A1" });
    await host.run(async (ctx) => {
      const b = ctx.workbook.worksheets.getItem("B");
      b.activate();
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidOperation");
    });
  });

  test("page layout: paper size, orientation and fit to width", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const layout = ctx.workbook.worksheets.getItem("Sheet1").pageLayout;
      layout.load("paperSize,orientation,zoom");
      await ctx.sync();
      expect([layout.paperSize, layout.orientation, layout.zoom]).toEqual(["Letter", "Portrait", { scale: 100 }]);
      layout.paperSize = "A4";
      layout.orientation = "Landscape";
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      layout.load("paperSize,orientation,zoom");
      await ctx.sync();
      expect([layout.paperSize, layout.orientation, layout.zoom]).toEqual(["A4", "Landscape", { horizontalFitToPages: 1, verticalFitToPages: 0 }]);
      layout.zoom = { scale: 5 };
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
    });
    expect(host.model.sheets[0]?.pageSetup).toEqual({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });

  test("freeze panes", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.freezePanes.freezeRows(2);
      const loc = sheet.freezePanes.getLocationOrNullObject().load("address");
      await ctx.sync();
      expect(loc.address).toBe("Sheet1!1:2");
    });
    expect(host.model.sheets[0]?.freeze).toEqual({ rows: 2, columns: 0 });
  });
});

describe("names", () => {
  test("add, read, rules, and rename/delete of the sheet they refer to", async () => {
    const host = createHost({ sheets: ["Status 2025", "Other"] });
    await host.run(async (ctx) => {
      const names = ctx.workbook.names;
      const sheet = ctx.workbook.worksheets.getItem("Status 2025");
      names.add("JobStatus.Owner", sheet.getRange("A1"), "owner marker");
      names.add("Konstant", "=42");
      await ctx.sync();
      names.load("items/name,items/formula,items/type");
      await ctx.sync();
      expect(names.items.map((n) => [n.name, n.formula, n.type])).toEqual([
        ["JobStatus.Owner", "='Status 2025'!$A$1", "Range"],
        ["Konstant", "=42", "Integer"],
      ]);
      for (const bad of ["1abc", "A1", "R1C1", "has space", ""]) {
        names.add(bad, "=1");
        expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
      }
      names.add("KONSTANT", "=1");
      expectRichApiError(await rejectionOf(ctx.sync()), "ItemAlreadyExists");
      sheet.name = "Status 2026";
      const owner = names.getItem("jobstatus.owner").load("formula,value");
      const range = owner.getRange().load("address");
      await ctx.sync();
      expect(owner.formula).toBe("='Status 2026'!$A$1");
      expect(owner.value).toBe("'Status 2026'!$A$1");
      expect(range.address).toBe("'Status 2026'!A1");
      sheet.delete();
      const after = names.getItem("JobStatus.Owner").load("formula,type");
      const missing = names.getItemOrNullObject("Nope");
      await ctx.sync();
      expect(after.formula).toBe("=#REF!$A$1");
      expect(after.type).toBe("Error");
      expect(missing.isNullObject).toBe(true);
      after.delete();
      const count = names.getCount();
      await ctx.sync();
      expect(count.value).toBe(1);
    });
  });
});

test("renaming a sheet rewrites references in cell formulas but not inside string literals", async () => {
  const host = createHost({ sheets: ["Data", "Calc"] });
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Calc").getRange("A1").formulas = [['=Data!A1&"Data!"&data!B2']];
    ctx.workbook.worksheets.getItem("Data").name = "Data 2";
    const f = ctx.workbook.worksheets.getItem("Calc").getRange("A1").load("formulas");
    await ctx.sync();
    expect(f.formulas).toEqual([[`='Data 2'!A1&"Data!"&'Data 2'!B2`]]);
  });
});

test("load() without arguments loads every scalar property except text", async () => {
  const host = createHost();
  await host.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").load();
    const sheet = ctx.workbook.worksheets.getItem("Sheet1").load();
    await ctx.sync();
    expect(r.toJSON()).toEqual({
      address: "Sheet1!A1:B1",
      addressLocal: "Sheet1!A1:B1",
      rowIndex: 0,
      columnIndex: 0,
      rowCount: 1,
      columnCount: 2,
      cellCount: 2,
      isEntireColumn: false,
      isEntireRow: false,
      values: [["", ""]],
      formulas: [["", ""]],
      formulasLocal: [["", ""]],
      numberFormat: [["General", "General"]],
      valueTypes: [["Empty", "Empty"]],
      hyperlink: {},
      rowHidden: false,
      columnHidden: false,
    });
    expect(sheet.toJSON()).toMatchObject({ name: "Sheet1", position: 0, visibility: "Visible", showGridlines: true });
    expectRichApiError(thrownBy(() => r.text), "PropertyNotLoaded");
  });
});

test("rowHidden and columnHidden are true, false or null (some hidden), as in Office.js", async () => {
  const host = createHost();
  await host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("Sheet1");
    ws.getRange("3:3").rowHidden = true;
    ws.getRange("C:D").columnHidden = true;
    const all = ws.getRange("A3:B3").load("rowHidden,columnHidden");
    const some = ws.getRange("A2:D4").load("rowHidden,columnHidden");
    const none = ws.getRange("A1:B2").load("rowHidden,columnHidden");
    const cols = ws.getRange("C1:D1").load("columnHidden");
    await ctx.sync();
    expect([all.rowHidden, all.columnHidden]).toEqual([true, false]);
    expect([some.rowHidden, some.columnHidden]).toEqual([null, null]);
    expect([none.rowHidden, none.columnHidden]).toEqual([false, false]);
    expect(cols.columnHidden).toBe(true);
  });
  expect(host.model.sheets[0]?.hiddenRows).toEqual([3]);
  expect(host.model.sheets[0]?.hiddenColumns).toEqual(["C", "D"]);
});

describe("conditional formats", () => {
  test("add a custom rule with fill and font colour, read it back, delete and clear", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      const cf = sheet.getRange("B2:B20").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=$B2<0";
      cf.custom.format.fill.color = "#FFC7CE";
      cf.custom.format.font.color = "#9C0006";
      await ctx.sync();
      const all = sheet.getRange().conditionalFormats;
      all.load("items/type,items/custom/rule/formula,items/custom/format/fill/color");
      const count = all.getCount();
      const none = sheet.getRange("D1").conditionalFormats.getCount();
      await ctx.sync();
      expect(count.value).toBe(1);
      expect(none.value).toBe(0);
      const item = all.items[0];
      expect(item?.type).toBe("Custom");
      expect(item?.custom.rule.formula).toBe("=$B2<0");
      expect(item?.custom.format.fill.color).toBe("#FFC7CE");
      const range = item?.getRange().load("address");
      await ctx.sync();
      expect(range?.address).toBe("Sheet1!B2:B20");
      expect(host.model.sheets[0]?.conditionalFormats).toEqual([
        { kind: "custom", id: expect.any(String), ranges: ["B2:B20"], formula: "=$B2<0", fill: "#FFC7CE", fontColor: "#9C0006", stopIfTrue: false },
      ]);
      sheet.getRange("B10:B20").conditionalFormats.clearAll();
      await ctx.sync();
      expect(host.model.sheets[0]?.conditionalFormats[0]?.ranges).toEqual(["B2:B9"]);
      item?.delete();
      await ctx.sync();
      expect(host.model.sheets[0]?.conditionalFormats).toEqual([]);
    });
  });

  test("a new rule can be loaded through the object, its children and its range in the same batch", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("C1:C5");
      const cf = range.conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=C1=\"\"";
      cf.load("type,priority");
      const rule = cf.custom.rule.load("formula");
      const where = cf.getRange().load("address");
      const viaPath = ctx.workbook.worksheets.getItem("Sheet1").getRange("C2").load("conditionalFormats/items/type,address");
      const viaName = range.conditionalFormats.load("type");
      await ctx.sync();
      expect([cf.type, cf.priority, rule.formula, where.address]).toEqual(["Custom", 0, '=C1=""', "Sheet1!C1:C5"]);
      expect(viaPath.conditionalFormats.items.map((c) => c.type)).toEqual(["Custom"]);
      expect(viaName.items.map((c) => c.type)).toEqual(["Custom"]);
      expect(JSON.parse(JSON.stringify(viaPath))).toEqual({ address: "Sheet1!C2", conditionalFormats: { items: [{ type: "Custom" }] } });
    });
  });

  test("other conditional format types are not modelled and say so", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const cfs = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").conditionalFormats;
      expect(thrownBy(() => cfs.add("DataBar"))).toBeInstanceOf(NotImplementedError);
      await ctx.sync();
    });
  });
});
