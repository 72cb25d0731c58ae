/**
 * «Hent forvaltningernes filer» through the Office.js adapter on the strict test host, with both
 * clients: seven files made from the template collect and compute to the notat's figures; a sheet
 * already there is only replaced on the analyst's choice and then kept hidden and restorable, with
 * no cell of the workbook lost; each of Excel's limits gets its own Danish message naming the file.
 */
import type ExcelJS from "exceljs";
import { loadExampleData, type ExampleData } from "../../src/cli/example";
import { planRestore } from "../../src/core/collect";
import { roundHalfAway } from "../../src/core/numbers";
import { DEFAULT_UNIT_CODES } from "../../src/core/units";
import { COLLECT_PANE } from "../../src/messages/da";
import { collectFiles, INSERT_REQUEST_LIMIT, previewCollect, type PickedFile } from "../../src/office/collect";
import { calculateStatus, newSession, readWorkbookGrid } from "../../src/office/operations";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import { loadXlsx, createHost, type TestHost, type WorkbookModel } from "../host";
import { analystWorkbook, bytesOf, departmentWorkbook } from "./collect-fixtures";
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
    const r = await collectFiles(env, session, files(), { choice: "ask" }, "OfficeOnline");
    expect(r.failures).toEqual([]);
    expect(r.done.map((a) => a.code)).toEqual([...DEFAULT_UNIT_CODES]);
    // One read, one request per file (its base64 is the request), one batch that names and places them.
    expect(host.stats.syncs).toBeLessThanOrEqual(1 + DEFAULT_UNIT_CODES.length + 1 + 1);
    expect(names(host)).toEqual(before);
    for (const code of DEFAULT_UNIT_CODES) expect(host.cell(code, "B5")?.v).toBe(data.departments[code]?.status.loentilskud);
    const calc = await calculateStatus(env, session);
    expect(calc.outcome.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(roundHalfAway(calc.outcome.result.kk?.status.samlet ?? 0)).toBe(797);
    expect(roundHalfAway(calc.outcome.result.kk?.maalopfyldelse?.vaegtet ?? 0)).toBe(92);
  });

  test("a forvaltning that already has a sheet waits for a choice, showing both versions' key figures; nothing is inserted meanwhile", async () => {
    const host = createHost(structuredClone(analyst));
    const env = hostEnv(host);
    await collectFiles(env, newSession(), files(["BUF"]), { choice: "ask" }, "OfficeOnline");
    const model = host.toJSON();
    const newer = await pick("BUF-2025-rettet.xlsx", await departmentWorkbook("BUF", data, 2));
    const r = await collectFiles(env, newSession(), [newer], { choice: "ask" }, "OfficeOnline");
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

  test("replace keeps the old sheet hidden as »BUF (erstattet)« with every cell, no other cell of the workbook changes, and gendan can restore it", async () => {
    const host = createHost(structuredClone(analyst));
    const env = hostEnv(host);
    await collectFiles(env, newSession(), files(["BUF"]), { choice: "ask" }, "OfficeOnline");
    // The analyst's own work on the sheet and elsewhere.
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("BUF").getRange("E20").values = [["Min note"]];
      ctx.workbook.worksheets.add("Mine tal").getRange("A1:B1").values = [["BUF i alt", 42]];
      await ctx.sync();
    });
    const before = host.toJSON();
    const oldBuf = before.sheets.find((s) => s.name === "BUF");
    const newer = await pick("BUF-2025-rettet.xlsx", await departmentWorkbook("BUF", data, 2));
    const r = await collectFiles(env, newSession(), [newer], { choice: "ask", choices: { BUF: "replace" } }, "OfficeOnline");
    expect(r.failures).toEqual([]);
    expect(r.done.map((a) => [a.code, a.kind])).toEqual([["BUF", "replace"]]);
    const after = host.toJSON();
    const at = before.sheets.findIndex((s) => s.name === "BUF");
    expect(after.sheets.map((s) => s.name)).toEqual([...before.sheets.slice(0, at).map((s) => s.name), "BUF", "BUF (erstattet)", ...before.sheets.slice(at + 1).map((s) => s.name)]);
    const kept = after.sheets.find((s) => s.name === "BUF (erstattet)");
    expect(kept?.visibility).toBe("hidden");
    // The old sheet is the same sheet, renamed and hidden: every cell, merge, width and format as before.
    expect({ ...kept, name: "BUF", visibility: "visible" }).toEqual(oldBuf);
    for (const s of before.sheets.filter((x) => x.name !== "BUF")) expect(after.sheets.find((x) => x.name === s.name)).toEqual(s);
    expect(host.cell("BUF", "B5")?.v).toBe(2 * (data.departments.BUF?.status.loentilskud ?? 0));
    const restore = planRestore(await readWorkbookGrid(env, newSession(), "collect"), "BUF");
    expect(restore).toMatchObject({ ok: true, restore: "BUF (erstattet)", as: "BUF", current: { name: "BUF", keepAs: "BUF (erstattet 2)" } });
  });

  test("skip leaves the workbook as it was", async () => {
    const host = createHost(structuredClone(analyst));
    const env = hostEnv(host);
    await collectFiles(env, newSession(), files(["BUF"]), { choice: "ask" }, "OfficeOnline");
    const model = host.toJSON();
    const newer = await pick("BUF-2025-rettet.xlsx", await departmentWorkbook("BUF", data, 2));
    const r = await collectFiles(env, newSession(), [newer], { choice: "skip" }, "OfficeOnline");
    expect(r.plan.actions.map((a) => a.kind)).toEqual(["skip"]);
    expect(host.toJSON()).toEqual(model);
  });

  test("on the web a file whose sheet has a comment is refused with its own message naming the file; the other files are collected; on Windows it is inserted", async () => {
    const wb = await departmentWorkbook("KFF", data);
    (wb.getWorksheet("KFF") as ExcelJS.Worksheet).getCell("D5").note = "Tallet er foreløbigt";
    const withComment = await pick("KFF-2025.xlsx", wb);
    const host = createHost(structuredClone(analyst));
    const r = await collectFiles(hostEnv(host), newSession(), [...files(["BUF"]), withComment], { choice: "ask" }, "OfficeOnline");
    expect(r.done.map((a) => a.code)).toEqual(["BUF"]);
    expect(r.failures).toEqual([{ code: "KFF", file: "KFF-2025.xlsx", sheet: "KFF", limit: "unsupportedFeature", message: COLLECT_PANE.limit.unsupportedFeature("KFF-2025.xlsx", "KFF") }]);
    expect(r.failures[0]?.message).toContain("»KFF-2025.xlsx«");
    expect(host.cell("KFF", "B5")?.v).toBeUndefined();
    const pc = createHost(structuredClone(analyst));
    pc.platform = "PC";
    const onPc = await collectFiles(hostEnv(pc), newSession(), [withComment], { choice: "ask" }, "PC");
    expect(onPc.failures).toEqual([]);
    expect(pc.cell("KFF", "B5")?.v).toBe(data.departments.KFF?.status.loentilskud);
  });

  test("without ExcelApi 1.13, or on iPad, nothing is inserted and each file gets the manual way (Flyt eller kopiér) naming it", async () => {
    for (const [supported, platform] of [[(n: string, v: string) => !(n === "ExcelApi" && v === "1.13"), "PC"], [() => true, "iOS"]] as const) {
      const host = createHost(structuredClone(analyst));
      const model = host.toJSON();
      const r = await collectFiles(hostEnv(host, (n, v) => supported(n, v) && (n !== "ExcelApi" || Number(v.split(".")[1]) <= 17)), newSession(), files(["BUF", "KFF"]), { choice: "ask" }, platform);
      expect(r.done).toEqual([]);
      expect(r.failures.map((f) => [f.code, f.limit, f.message])).toEqual([
        ["BUF", "setMissing", COLLECT_PANE.limit.setMissing("BUF-2025.xlsx", "BUF")],
        ["KFF", "setMissing", COLLECT_PANE.limit.setMissing("KFF-2025.xlsx", "KFF")],
      ]);
      expect(r.failures[0]?.message).toContain("Flyt eller kopiér");
      expect(host.toJSON()).toEqual(model);
    }
  });

  test("a file too large for Excel on the web's 5 MB request gets its own message naming the file, before anything is sent", async () => {
    const big: PickedFile = { ...(picked.get("BUF") as PickedFile), file: "BUF-stor.xlsx", base64: "A".repeat(INSERT_REQUEST_LIMIT) };
    const host = createHost(structuredClone(analyst));
    const model = host.toJSON();
    host.resetStats();
    const r = await collectFiles(hostEnv(host), newSession(), [big, picked.get("KFF") as PickedFile], { choice: "ask" }, "OfficeOnline");
    expect(r.failures.map((f) => [f.code, f.limit, f.message])).toEqual([["BUF", "tooLarge", COLLECT_PANE.limit.tooLarge("BUF-stor.xlsx")]]);
    expect(host.stats.requests.every((q) => q.requestBytes < INSERT_REQUEST_LIMIT)).toBe(true);
    expect(r.done.map((a) => a.code)).toEqual(["KFF"]);
    expect(host.model.sheets.find((s) => s.name === "BUF")).toEqual(model.sheets.find((s) => s.name === "BUF"));
  });

  test("an unknown forvaltning, and two department sheets for one code in a file, are reported and not inserted", async () => {
    const two = await departmentWorkbook("BUF", data);
    const copy = two.addWorksheet("buf ");
    (two.getWorksheet("BUF") as ExcelJS.Worksheet).eachRow((row, n) => row.eachCell((c, col) => (copy.getCell(n, col).value = c.value)));
    const unknown = await departmentWorkbook("BUF", data);
    (unknown.getWorksheet("BUF") as ExcelJS.Worksheet).name = "XYZ";
    const host = createHost(structuredClone(analyst));
    const model = host.toJSON();
    const r = await collectFiles(hostEnv(host), newSession(), [await pick("BUF-to-ark.xlsx", two), await pick("XYZ.xlsx", unknown)], { choice: "ask" }, "OfficeOnline");
    expect(r.plan.problems.map((p) => p.kind).sort()).toEqual(["duplicate-code", "unknown-unit"]);
    expect(r.plan.overview.find((o) => o.code === "BUF")?.state).toBe("duplicate");
    expect(r.done).toEqual([]);
    expect(host.toJSON()).toEqual(model);
  });
});
