/**
 * »Beregn status« through the Office.js adapter on the strict test host: the status sheet matches
 * the CLI's cell for cell, nothing else changes, the number of syncs does not grow with the number
 * of sheets, a user's own »Status 2025« is never touched, and a failed write leaves a usable workbook.
 */
import ExcelJS from "exceljs";
import { OFFICE_ERROR_PARTIAL_WRITE, OFFICE_ERRORS, OFFICE_OPERATION_FAILED } from "../../src/messages/da";
import { calculateStatus, newSession, OperationError, overview } from "../../src/office/operations";
import { createHost, loadXlsx, saveXlsx, type SheetModel, type TestHost, type WorkbookModel } from "../host";
import { cliOutput, exampleHost, exampleWithExtraUnits, exampleWorkbook, hostEnv, xlsxBytes } from "./fixtures";

const STATUS = "Status 2025";
/** The Kilder sheet jobstatus writes next to the status sheet (issue 9). */
const KILDER = "Kilder 2025";

async function reread(host: TestHost): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await saveXlsx(host)) as unknown as ExcelJS.Buffer);
  return wb;
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Every cell that has a value or a style, as comparable JSON per address. */
function cells(ws: ExcelJS.Worksheet): Map<string, { value: unknown; numFmt: string; bold: boolean; italic: boolean; size: number | undefined; fill: string | undefined; h: unknown; wrap: boolean }> {
  const out = new Map<string, { value: unknown; numFmt: string; bold: boolean; italic: boolean; size: number | undefined; fill: string | undefined; h: unknown; wrap: boolean }>();
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (c) => {
      if (c.isMerged && c.master !== c) return; // only the top-left cell of a merge holds anything
      const fill = c.fill && c.fill.type === "pattern" && c.fill.pattern === "solid" ? c.fill.fgColor?.argb?.slice(-6).toUpperCase() : undefined;
      out.set(c.address, {
        value: c.value ?? null,
        numFmt: c.numFmt && c.numFmt !== "General" ? c.numFmt : "General",
        bold: c.font?.bold === true,
        italic: c.font?.italic === true,
        size: c.font?.size,
        fill,
        h: c.alignment?.horizontal,
        wrap: c.alignment?.wrapText === true,
      });
    });
  });
  for (const [k, v] of [...out]) if (v.value === null && v.numFmt === "General" && !v.bold && !v.italic && v.fill === undefined && v.h === undefined && !v.wrap) out.delete(k);
  return out;
}

function merges(ws: ExcelJS.Worksheet): string[] {
  return [...((ws.model as unknown as { merges?: string[] }).merges ?? [])].sort();
}

function sheetsExcept(model: WorkbookModel, except: readonly string[]): SheetModel[] {
  return model.sheets.filter((s) => !except.includes(s.name));
}

describe("Beregn status on the test host", () => {
  test("writes »Status 2025« with the CLI's values, number formats, styles and merges, cell for cell", async () => {
    const wb = await exampleWorkbook("good");
    const host = createHost(await loadXlsx(await xlsxBytes(wb)));
    const r = await calculateStatus(hostEnv(host), newSession());
    expect(r.written).toBe(STATUS);

    const addin = sheetOf(await reread(host), STATUS);
    const cli = sheetOf(await cliOutput(wb), STATUS);
    const a = cells(addin);
    const c = cells(cli);
    expect(a.size).toBeGreaterThan(100);
    expect([...a.keys()].sort()).toEqual([...c.keys()].sort());
    for (const [address, cell] of c) expect({ address, ...a.get(address) }).toEqual({ address, ...cell });
    expect(merges(addin)).toEqual(merges(cli));
    expect(merges(addin).length).toBeGreaterThan(10);
    // Column widths go through points in Office.js; they come back within Excel's 1/256 character.
    cli.columns.forEach((col, i) => expect(addin.getColumn(i + 1).width).toBeCloseTo(col.width ?? 0, 1));
    // The sheet is marked as jobstatus's own, like the CLI's.
    expect(host.model.names.map((n) => n.name)).toEqual(expect.arrayContaining([expect.stringMatching(/2025/)]));
    expect(host.selection().sheet).toBe(STATUS);
    // Page breaks, so no table is split across printed pages: the same rows as the CLI's layout.
    const breaks = r.outcome.report?.pageBreaks ?? [];
    expect(breaks.length).toBeGreaterThan(0);
    expect(host.model.sheets.find((s) => s.name === STATUS)?.pageSetup.rowBreaks).toEqual(breaks);
    // The print setup and the view match the CLI's copy: fixed scale, print area, footer, no gridlines.
    expect(addin.pageSetup.fitToPage).toBeFalsy();
    expect(addin.pageSetup.scale).toBe(cli.pageSetup.scale);
    expect(addin.pageSetup.printArea).toBe(cli.pageSetup.printArea);
    expect(addin.headerFooter.oddFooter).toBe(cli.headerFooter.oddFooter);
    expect(addin.pageSetup.margins).toEqual(cli.pageSetup.margins);
    expect(cli.pageSetup.margins).toEqual({ left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 });
    expect(addin.views[0]?.showGridLines).toBe(false);
    expect(cli.views[0]?.showGridLines).toBe(false);
  });

  test.each([
    ["ExcelApi 1.8 (no page layout)", "1.8"],
    ["ExcelApi 1.7 (no page layout, no gridlines setting)", "1.7"],
  ])("on a client with only %s the same figures are written, and the print setup is left as Excel's default", async (_, highest) => {
    const host = await exampleHost("good");
    const env = { ...hostEnv(host), isSetSupported: (name: string, version: string) => name !== "ExcelApi" || Number(version) <= Number(highest) };
    expect((await calculateStatus(env, newSession())).written).toBe(STATUS);
    const sheet = host.model.sheets.find((s) => s.name === STATUS)!;
    expect(sheet.pageSetup.scale).toBeUndefined();
    expect(sheet.pageSetup.footer).toBeUndefined();
    expect(sheet.pageSetup.rowBreaks ?? []).toEqual([]);
    expect(sheet.showGridlines).toBe(highest === "1.7");
    const ws = sheetOf(await reread(host), STATUS);
    expect(ws.getCell("A1").value).toBe("Årsstatus for de særlige jobordninger i KK som arbejdsplads for 2025");
  });

  test("the figures are the notat's: KK samlet status 797, 74 pct., weighted 92 pct.", async () => {
    const host = await exampleHost("good");
    await calculateStatus(hostEnv(host), newSession());
    const ws = sheetOf(await reread(host), STATUS);
    let header = 0;
    ws.eachRow((row, n) => {
      if (header === 0 && row.getCell(1).value === "KK") header = n;
    });
    expect(header).toBeGreaterThan(0);
    expect(Math.round(Number(ws.getCell(header + 1, 3).value))).toBe(797);
    expect(Math.round(Number(ws.getCell(header + 1, 5).value))).toBe(74);
    expect(ws.getCell(header + 1, 5).numFmt).toBe('0" pct."');
    let weighted: ExcelJS.Cell | undefined;
    ws.eachRow((row) => {
      if (!weighted && String(row.getCell(1).value).startsWith("Samlet målopfyldelse")) weighted = row.getCell(5);
    });
    expect(Math.round(Number(weighted?.value))).toBe(92);
  });

  test("leaves every other sheet exactly as it was (values, formulas, formats, conditional formats)", async () => {
    const host = await exampleHost("good");
    const before = host.toJSON();
    await calculateStatus(hostEnv(host), newSession());
    const after = host.toJSON();
    expect(sheetsExcept(after, [STATUS, KILDER])).toEqual(before.sheets);
    expect(after.sheets.map((s) => s.name)).toEqual([...before.sheets.map((s) => s.name), STATUS, KILDER]);
  });

  test.each([
    ["7 department sheets", 0],
    ["70 department sheets", 63],
  ])("takes at most 3 syncs cold and 2 warm, at %s", async (_label, extra) => {
    const wb = await exampleWithExtraUnits(extra);
    const host = createHost(await loadXlsx(await xlsxBytes(wb)));
    const env = hostEnv(host);
    const departments = host.model.sheets.length - 4; // Måltal, Indstillinger, Forrige år, Noter
    expect(departments).toBe(7 + extra);

    // Cold: the first click, nothing cached.
    const cold = newSession();
    host.resetStats();
    const first = await calculateStatus(env, cold);
    expect(first.written).toBe(STATUS);
    expect(first.outcome.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(host.stats.syncs).toBeLessThanOrEqual(3);
    // One band: nothing to suspend, and the one request recalculates what reads the status sheet (issue 17, defect 3).
    expect(host.stats.suspendCalc).toBe(0);
    expect(host.stats.calculations).toBe(1);

    // Warm: the pane read the workbook at start-up (overview), then the user clicks.
    const warm = newSession();
    await overview(env, warm);
    host.resetStats();
    const second = await calculateStatus(env, warm);
    expect(second.written).toBe(STATUS);
    expect(host.stats.syncs).toBe(2);

    // Again, replacing its own sheet: still 2.
    host.resetStats();
    await calculateStatus(env, warm);
    expect(host.stats.syncs).toBe(2);
    expect(host.model.sheets.filter((s) => s.name.startsWith("Status")).map((s) => s.name)).toEqual([STATUS]);
    // A new session (the pane reopened) with a long status sheet from before: still at most 3.
    // (Regression: the adapter used to read its own status sheet in extra row-chunk syncs.)
    host.resetStats();
    await calculateStatus(env, newSession());
    expect(host.stats.syncs).toBeLessThanOrEqual(3);
    for (const r of host.stats.requests) expect(r.requestBytes + r.responseBytes).toBeLessThan(5 * 1024 * 1024);
  }, 60_000);

  test("a re-run replaces its own sheet in place: formulas pointing at it keep working and its tab keeps its place (defect 7)", async () => {
    const host = await exampleHost("good");
    const env = hostEnv(host);
    const session = newSession();
    await calculateStatus(env, session);
    const first = host.toJSON().sheets.find((s) => s.name === STATUS);
    // The user links to the report from Noter and moves its tab to the front.
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Noter").getRange("F1").formulas = [[`='${STATUS}'!C10`]];
      ctx.workbook.worksheets.getItem(STATUS).position = 0;
      await ctx.sync();
    });
    const r = await calculateStatus(env, session);
    expect(r.written).toBe(STATUS);
    const after = host.toJSON();
    expect(after.sheets[0]?.name).toBe(STATUS);
    expect(host.cell("Noter", "F1")?.f).toBe(`='${STATUS}'!C10`);
    expect(after.sheets.filter((s) => s.name === STATUS)).toHaveLength(1);
    // The same sheet (same id), holding the same report as the first run.
    const again = after.sheets.find((s) => s.name === STATUS);
    expect(again?.id).toBe(first?.id);
    expect({ ...again, selection: "" }).toEqual({ ...first, selection: "" });
    expect(host.selection().sheet).toBe(STATUS);
  });

  test("never overwrites a user's own sheet named »Status 2025«", async () => {
    const wb = await exampleWorkbook("good");
    const own = wb.addWorksheet(STATUS);
    own.getCell("A1").value = "Mine egne noter";
    own.getCell("B2").value = 123.45;
    own.getCell("B2").numFmt = "0.0";
    const host = createHost(await loadXlsx(await xlsxBytes(wb)));
    const env = hostEnv(host);
    const session = newSession();
    const before = host.toJSON();

    const r = await calculateStatus(env, session);
    expect(r.written).toBe(`${STATUS} (2)`);
    expect(r.outcome.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: "OUTPUT_NAME_TAKEN", severity: "warning" })]));
    expect(sheetsExcept(host.toJSON(), [`${STATUS} (2)`, KILDER])).toEqual(before.sheets);

    // A second run replaces its own »Status 2025 (2)« and still leaves the user's sheet alone.
    const again = await calculateStatus(env, session);
    expect(again.written).toBe(`${STATUS} (2)`);
    const after = host.toJSON();
    expect(sheetsExcept(after, [`${STATUS} (2)`, KILDER])).toEqual(before.sheets);
    expect(after.sheets.map((s) => s.name).filter((n) => n.startsWith("Status"))).toEqual([STATUS, `${STATUS} (2)`]);
  });

  test("a failing write sync gives the Danish message and leaves the workbook usable", async () => {
    const host = await exampleHost("good");
    const env = hostEnv(host);
    const session = newSession();
    await overview(env, session);
    const before = host.toJSON();

    host.failSync(2, "GeneralException"); // sync 1 reads, sync 2 writes
    const error = await calculateStatus(env, session).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OperationError);
    expect((error as OperationError).message).toBe(`${OFFICE_OPERATION_FAILED.calculate} ${OFFICE_ERRORS.GeneralException} ${OFFICE_ERROR_PARTIAL_WRITE}`);
    expect((error as OperationError).code).toBe("GeneralException");
    // The departments' sheets are untouched; at most a half-written status sheet exists.
    expect(sheetsExcept(host.toJSON(), [STATUS, KILDER])).toEqual(before.sheets);

    // The next click replaces the half-written sheet with a complete one (it is marked as ours).
    const r = await calculateStatus(env, session);
    expect(r.written).toBe(STATUS);
    const clean = await exampleHost("good");
    await calculateStatus(hostEnv(clean), newSession());
    const sheet = (h: TestHost) => h.toJSON().sheets.find((s) => s.name === STATUS);
    expect({ ...sheet(host), id: "", conditionalFormats: [] }).toEqual({ ...sheet(clean), id: "", conditionalFormats: [] });
    expect(host.model.sheets.filter((s) => s.name.startsWith("Status")).map((s) => s.name)).toEqual([STATUS]);
    expect(sheetsExcept(host.toJSON(), [STATUS, KILDER])).toEqual(before.sheets);
  });
});
