/**
 * Every operation over every corpus workbook (issue 17; test/corpus/workbooks.ts), in both clients:
 * start-up read, »Valider ark«, »Valider alle«, »Beregn status« twice, Download notat (its read),
 * »Selvtest« and »Opret skabelon«. The invariants: no exception; nothing of the user's changed
 * (values, formula text, formats, notes, conditional formats, merges, hidden lines, frozen panes,
 * protection, names, sheet order and visibility, charts); the user's formulas still evaluate and
 * every chart's series still names a sheet that is there; the same figures as `jobstatus beregn` on
 * the same file. Then a seeded property test over random
 * combinations of the features, with a fixed number of runs (a failure it finds becomes a named
 * workbook in CORPUS below).
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { calculate, validate } from "../../src/core";
import { OWNER_NAME_PREFIX, SOURCES_OWNER_PREFIX } from "../../src/core/owner";
import { MARK_TAG } from "../../src/office/marks";
import { readWorkbookForNotat } from "../../src/office/notat";
import { calculateStatus, createTemplate, newSession, overview, validateActiveSheet, validateWorkbook } from "../../src/office/operations";
import { runSelfTest } from "../../src/office/selftest";
import { createHost, loadXlsx, type TestHost, type WorkbookModel } from "../host";
import { addFeatures, afterLoad, CORPUS_FEATURES, patchBytes, type CorpusFeature } from "../corpus/workbooks";
import { exampleWorkbook, hostEnv, xlsxBytes } from "./fixtures";

/** Named workbooks: each feature alone, and all of them together. */
const CORPUS: readonly (readonly [string, readonly CorpusFeature[]])[] = [...CORPUS_FEATURES.map((f) => [f, [f]] as const), ["everything", CORPUS_FEATURES]];

async function corpusWorkbook(features: readonly CorpusFeature[]): Promise<{ wb: ExcelJS.Workbook; host: TestHost }> {
  const wb = await exampleWorkbook("good");
  addFeatures(wb, features);
  // The CLI reads the same bytes the host loads.
  const bytes = patchBytes(await xlsxBytes(wb), features);
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const model = await loadXlsx(bytes);
  afterLoad(model, features);
  return { wb: copy, host: createHost(model) };
}

const isJobstatusName = (name: string) => [MARK_TAG, OWNER_NAME_PREFIX, SOURCES_OWNER_PREFIX].some((p) => name.toLowerCase().startsWith(p));

/** What the user made, sheet by sheet (jobstatus's marks left out), in tab order. */
function userState(model: WorkbookModel, sheetNames: ReadonlySet<string>) {
  const sheets = model.sheets
    .filter((s) => sheetNames.has(s.name))
    .map((s) => ({
      name: s.name,
      visibility: s.visibility,
      // Formula cells: the formula text (their result may follow what they read).
      cells: Object.fromEntries(Object.entries(s.cells).map(([k, c]) => [k, c.f !== undefined ? { f: c.f, s: c.s, note: c.note } : { v: c.v, s: c.s, note: c.note, link: c.link }])),
      rules: s.conditionalFormats.filter((cf) => !(cf.kind === "custom" && cf.formula.toLowerCase().includes(MARK_TAG))).map((cf) => ({ ...cf, id: "" })),
      merges: s.merges,
      hiddenRows: s.hiddenRows,
      hiddenColumns: s.hiddenColumns,
      freeze: s.freeze,
      protected: s.protected,
      dataValidations: s.dataValidations,
      colStyles: s.colStyles,
      rowStyles: s.rowStyles,
      columnWidths: s.columnWidths,
      charts: s.charts,
    }));
  const names = model.names.filter((n) => n.sheetId === undefined && !isJobstatusName(n.name));
  return { sheets, names };
}

/** Every single-reference formula of the user's sheets shows what it points at (none became #REF!). */
function formulasEvaluate(host: TestHost, sheetNames: ReadonlySet<string>): string[] {
  const wrong: string[] = [];
  for (const s of host.model.sheets.filter((x) => sheetNames.has(x.name))) {
    for (const [k, c] of Object.entries(s.cells)) {
      const m = c.f && /^=(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)$/.exec(c.f);
      if (!m) continue;
      const target = host.cell((m[1] ?? m[2] ?? "").replace(/''/g, "'"), `${m[3]}${m[4]}`);
      if (JSON.stringify(c.v) !== JSON.stringify(target?.v ?? 0)) wrong.push(`${s.name}!${k} ${c.f} = ${JSON.stringify(c.v)}`);
    }
  }
  return wrong;
}

/** Every chart's series still names a sheet that is there (none became #REF!). */
function chartsResolve(host: TestHost): string[] {
  const names = new Set(host.model.sheets.map((s) => s.name.toLowerCase()));
  const sheetOf = (ref: string) => /^(?:'((?:[^']|'')+)'|([^'!]+))!/.exec(ref);
  return host.model.sheets.flatMap((s) =>
    (s.charts ?? []).flatMap((c) =>
      c.series.filter((ref) => {
        const m = sheetOf(ref);
        return !m || !names.has((m[1] ?? m[2] ?? "").replace(/''/g, "'").toLowerCase());
      }).map((ref) => `${s.name}: ${ref}`),
    ),
  );
}

/**
 * The analyst's sheet after the first »Beregn status«: a formula and a workbook name that point at a
 * figure on the status sheet, and a formula using the name. Where »Analyse« is protected (the
 * protectedSheet feature) the analyst cannot type there either, so they go on a new own sheet.
 * Returns the status cell they read and the sheet that holds them.
 */
async function referToStatus(host: TestHost, pick: (cell: string, v: number) => boolean = (_c, v) => v > 10): Promise<{ cell: string; sheet: string }> {
  const status = host.model.sheets.find((s) => s.name === "Status 2025");
  const cell = Object.entries(status?.cells ?? {}).find(([k, c]) => typeof c.v === "number" && pick(k, c.v))?.[0];
  if (!cell) throw new Error("no figure on the status sheet");
  const sheet = host.model.sheets.find((s) => s.name === "Analyse")?.protected ? "Egne tal" : "Analyse";
  await host.run(async (ctx) => {
    const ws = sheet === "Analyse" ? ctx.workbook.worksheets.getItem(sheet) : ctx.workbook.worksheets.add(sheet);
    ws.getRange("F2").formulas = [[`='Status 2025'!${cell}`]];
    ctx.workbook.names.add("Analyse_status", ctx.workbook.worksheets.getItem("Status 2025").getRange(cell));
    ws.getRange("F3").formulas = [["=Analyse_status"]];
    await ctx.sync();
  });
  return { cell, sheet };
}

/** The analyst's references to the status sheet still resolve, to what the status sheet now shows. */
function statusReferencesResolve(host: TestHost, at: { cell: string; sheet: string }): void {
  const now = host.cell("Status 2025", at.cell)?.v;
  expect(typeof now).toBe("number");
  expect(host.model.names.find((n) => n.name === "Analyse_status")?.formula.replace(/\$/g, "")).toBe(`='Status 2025'!${at.cell}`);
  expect([host.cell(at.sheet, "F2")?.v, host.cell(at.sheet, "F3")?.v]).toEqual([now, now]);
}

async function everyOperation(features: readonly CorpusFeature[]): Promise<void> {
  const { wb, host } = await corpusWorkbook(features);
  const cli = calculate(readWorkbookGrid(wb));
  const env = hostEnv(host);
  const session = newSession();
  const userSheets = new Set(host.model.sheets.map((s) => s.name));
  let before = userState(host.toJSON(), userSheets);

  const o = await overview(env, session);
  expect(o.analysis.year).toBe(2025);
  await validateActiveSheet(env, session);
  const all = await validateWorkbook(env, session);
  const key = (i: { code: string; sheet: string; cell?: string }) => `${i.code}:${i.sheet}!${i.cell ?? ""}`;
  expect(all.issues.map(key)).toEqual(validate(readWorkbookGrid(wb)).issues.map(key));
  let statusRefs: { cell: string; sheet: string } | undefined;
  for (let run = 1; run <= 2; run++) {
    const r = await calculateStatus(env, session);
    // The same figures as `jobstatus beregn` on the same file.
    expect(r.outcome.result).toEqual(cli.result);
    expect(r.written).toBe(cli.report ? "Status 2025" : undefined);
    // The analyst's own formulas and a name pointing at the status sheet, made after the first run.
    if (run === 1 && r.written && features.includes("analystSheet")) {
      expect(userState(host.toJSON(), userSheets)).toEqual(before);
      statusRefs = await referToStatus(host);
      userSheets.add(statusRefs.sheet);
      before = userState(host.toJSON(), userSheets);
    }
  }
  if (statusRefs) statusReferencesResolve(host, statusRefs);
  const grid = await readWorkbookForNotat(env, session);
  expect(calculate(grid).result).toEqual(cli.result);
  const selftest = await runSelfTest(env);
  expect(selftest.filter((c) => c.status === "fail")).toEqual([]);
  await createTemplate(env, session, 2025);

  expect(userState(host.toJSON(), userSheets)).toEqual(before);
  expect(formulasEvaluate(host, userSheets)).toEqual([]);
  expect(chartsResolve(host)).toEqual([]);
  if (features.includes("chart")) expect(host.model.sheets.find((s) => s.name === "BUF")?.charts).toHaveLength(1);
}

test("the analyst's formula and name on the status sheet show the new figure after the second »Beregn status«", async () => {
  const { host } = await corpusWorkbook(CORPUS_FEATURES);
  const env = hostEnv(host);
  const session = newSession();
  const first = await calculateStatus(env, session);
  expect(first.written).toBe("Status 2025");
  // BUF's last figure in column B changes; a report cell that changes with it is found after the run.
  const buf = host.model.sheets.find((s) => s.name === "BUF");
  const figure = Object.entries(buf?.cells ?? {})
    .filter(([k, c]) => /^B\d+$/.test(k) && typeof c.v === "number" && !c.f)
    .sort(([a], [b]) => Number(b.slice(1)) - Number(a.slice(1)))[0];
  if (!figure) throw new Error("the example has no figure in BUF!B");
  const before = new Map(Object.entries(host.model.sheets.find((s) => s.name === "Status 2025")?.cells ?? {}).map(([k, c]) => [k, c.v]));
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("BUF").getRange(figure[0]).values = [[(figure[1].v as number) + 1]];
    await ctx.sync();
  });
  // Which report cells the change moves: known from a dry run on a copy of the workbook.
  const probe = createHost(host.toJSON());
  await calculateStatus(hostEnv(probe), newSession());
  const moved = Object.entries(probe.model.sheets.find((s) => s.name === "Status 2025")?.cells ?? {}).find(([k, c]) => typeof c.v === "number" && c.v !== before.get(k))?.[0];
  if (!moved) throw new Error("no figure of the report follows BUF");
  const refs = await referToStatus(host, (k) => k === moved);
  expect(host.cell(refs.sheet, "F2")?.v).toBe(before.get(moved));
  await calculateStatus(env, session);
  statusReferencesResolve(host, refs);
  expect(host.cell(refs.sheet, "F3")?.v).not.toBe(before.get(moved));
});

describe("the corpus: every operation, every workbook", () => {
  test.each(CORPUS)("%s", async (_name, features) => {
    await everyOperation(features);
  });
});

test("seeded property: random combinations of the features", async () => {
  await fc.assert(
    fc.asyncProperty(fc.subarray([...CORPUS_FEATURES], { minLength: 2 }), async (features) => {
      await everyOperation(features);
    }),
    { seed: 17, numRuns: 4 },
  );
});
