/**
 * »Valider ark« / »Valider alle« on the test host: problem cells get jobstatus's own marks (names it
 * owns, shown by one rule per sheet and severity); the next validation replaces them; the user's
 * values, formats and own conditional formats are never touched. Runs with both clients.
 */
import ExcelJS from "exceljs";
import { PLANTED_ERRORS } from "../../src/cli/example";
import { MARK_TAG } from "../../src/office/marks";
import { newSession, validateActiveSheet, validateWorkbook } from "../../src/office/operations";
import { createHost, loadXlsx, type SheetModel, type TestHost } from "../host";
import { exampleWorkbook, hostEnv, markedCells, xlsxBytes } from "./fixtures";

const USER_FILL = "#FFFF00";

/** The broken example, with a user's own conditional format on BUF and a user's fill on the planted error in BUF. */
async function brokenWithUserFormats(): Promise<TestHost> {
  const wb = await exampleWorkbook("broken");
  const buf = wb.getWorksheet("BUF") as ExcelJS.Worksheet;
  buf.addConditionalFormatting({
    ref: "B9:B13",
    rules: [{ type: "expression", priority: 1, formulae: ["B9>100"], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFC6EFCE" } } } }],
  });
  buf.getCell("B9").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  return createHost(await loadXlsx(await xlsxBytes(wb)));
}

function userFormats(sheet: SheetModel | undefined): SheetModel["conditionalFormats"] {
  return (sheet?.conditionalFormats ?? []).filter((cf) => !(cf.kind === "custom" && cf.formula.includes(MARK_TAG)));
}

const sheet = (host: TestHost, name: string): SheetModel | undefined => host.model.sheets.find((s) => s.name === name);

/** Everything about a sheet except the conditional formats (which the marks are). */
const withoutCf = (s: SheetModel): Omit<SheetModel, "conditionalFormats"> => {
  const { conditionalFormats: _cf, ...rest } = s;
  return rest;
};

describe("validation marks on the test host", () => {
  test("»Valider alle« marks every planted error and changes nothing else", async () => {
    const host = await brokenWithUserFormats();
    const before = host.toJSON();
    const v = await validateWorkbook(hostEnv(host), newSession());

    for (const p of PLANTED_ERRORS) {
      expect(v.issues).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: p.sheet, cell: p.cell, code: p.code, severity: "error" })]));
      expect(markedCells(host, p.sheet)[p.cell]).toBe("#FDE7E9");
    }
    expect(v.marked).toBeGreaterThanOrEqual(PLANTED_ERRORS.length);
    const after = host.toJSON();
    // Values, formulas, number formats, fills, fonts, widths: all as they were.
    expect(after.sheets.map(withoutCf)).toEqual(before.sheets.map(withoutCf));
    // The user's own conditional format is still there, first, as it was.
    expect(userFormats(sheet(host, "BUF"))).toEqual(before.sheets.find((s) => s.name === "BUF")?.conditionalFormats);
    expect(host.cell("BUF", "B9")?.s?.fill).toBe(USER_FILL);
  });

  test("the next validation removes the marks of fixed cells, keeps the others once, and keeps the user's formats", async () => {
    const host = await brokenWithUserFormats();
    const env = hostEnv(host);
    const session = newSession();
    const userCf = host.toJSON().sheets.find((s) => s.name === "BUF")?.conditionalFormats;
    await validateWorkbook(env, session);
    expect(markedCells(host, "BUF")).toHaveProperty("B9");

    // The user corrects BUF!B9 (fleksjob, »1.048« as text) by typing BUF's real figure. (1048 would
    // be above the whole kommune's 1014 the year before: VALUE_OUT_OF_SCALE, plausibility.ts.)
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("BUF").getRange("B9").values = [[304]];
      await ctx.sync();
    });
    const before = host.toJSON();
    const v = await validateWorkbook(env, session);
    expect(v.issues.some((i) => i.sheet === "BUF" && i.cell === "B9")).toBe(false);
    expect(markedCells(host, "BUF")).not.toHaveProperty("B9");
    for (const p of PLANTED_ERRORS.filter((e) => e.sheet !== "BUF")) expect(markedCells(host, p.sheet)[p.cell]).toBe("#FDE7E9");
    expect(userFormats(sheet(host, "BUF"))).toEqual(userCf);
    expect(host.toJSON().sheets.map(withoutCf)).toEqual(before.sheets.map(withoutCf));
    expect(host.cell("BUF", "B9")?.s?.fill).toBe(USER_FILL);
    expect(host.cell("BUF", "B9")?.v).toBe(304);
  });

  test("»Valider ark« replaces only the active sheet's marks", async () => {
    const host = await brokenWithUserFormats();
    const env = hostEnv(host);
    const session = newSession();
    await validateWorkbook(env, session);
    const others = host.toJSON().sheets.filter((s) => s.name !== "ØKF");
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("ØKF").activate();
      await ctx.sync();
    });
    const v = await validateActiveSheet(env, session);
    expect(v.sheet).toBe("ØKF");
    expect(v.issues.length).toBeGreaterThan(0);
    expect(v.issues.every((i) => i.sheet === "ØKF")).toBe(true);
    expect(Object.keys(markedCells(host, "ØKF"))).toContain("C7");
    expect(host.toJSON().sheets.filter((s) => s.name !== "ØKF")).toEqual(others);
  });

  test("a workbook without errors gets only warning marks; validating again with the same marks only reads (one sync)", async () => {
    const host = createHost(await loadXlsx(await xlsxBytes(await exampleWorkbook("good"))));
    const env = hostEnv(host);
    const session = newSession();
    await validateWorkbook(env, session);
    host.resetStats();
    const v = await validateWorkbook(env, session);
    expect(v.issues.filter((i) => i.severity === "error")).toEqual([]);
    // The example's one warning: KK's own fleksjob target differs from the sum of the forvaltninger.
    expect(v.issues).toEqual([expect.objectContaining({ code: "KK_TARGET_DIFFERS", sheet: "Måltal", cell: "D11" })]);
    expect(host.model.sheets.flatMap((s) => s.conditionalFormats)).toEqual([expect.objectContaining({ ranges: ["1:1048576"], fill: "#FFF4CE" })]);
    expect(markedCells(host, "Måltal")).toEqual({ D11: "#FFF4CE" });
    expect(host.stats.syncs).toBe(1);
  });
});
