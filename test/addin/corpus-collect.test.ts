/**
 * Collecting seven department files into every corpus analyst workbook (issue 17; the features of
 * test/corpus/workbooks.ts on the analyst's workbook as `jobstatus skabelon` writes it, Måltal
 * filled in, the department sheets blank), in both clients. The invariants, as for the other
 * operations (corpus-matrix.test.ts): no exception; nothing of the user's changed (every sheet that
 * is not a department sheet entirely; on the department sheets everything that was there but the
 * delivered values: formats, notes, rules, merges, hidden lines, frozen panes, charts; names, sheet
 * order and visibility); the user's formulas still evaluate and charts still resolve; the same plan as
 * `jobstatus saml`, and then the same figures as `jobstatus beregn` on the file `saml` writes.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { loadExampleData, type ExampleData } from "../../src/cli/example";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { calculate } from "../../src/core";
import { DEFAULT_UNIT_CODES } from "../../src/core/units";
import { collectFiles, type PickedFile } from "../../src/office/collect";
import { calculateStatus, newSession } from "../../src/office/operations";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import { createHost, loadXlsx, type TestHost, type WorkbookModel } from "../host";
import { withChart } from "../corpus/chart";
import { addFeatures, afterLoad, CORPUS_FEATURES, patchBytes, type CorpusFeature } from "../corpus/workbooks";
import { readXlsx, runCli, tempDir } from "../support/cli";
import { analystWorkbook, bytesOf, departmentWorkbook } from "./collect-fixtures";
import { hostEnv } from "./fixtures";

let data: ExampleData;
let dir: string;
const picked: PickedFile[] = [];
const onDisk: string[] = [];

beforeAll(async () => {
  data = await loadExampleData();
  dir = await tempDir();
  for (const code of DEFAULT_UNIT_CODES) {
    const bytes = await bytesOf(await departmentWorkbook(code, data));
    const r = await readPickedFile(`${code}-2025.xlsx`, bytes, Date.UTC(2026, 0, 15));
    if (!r.ok) throw new Error(`${code} not read`);
    picked.push(r.file);
    const file = path.join(dir, `${code}-2025.xlsx`);
    await fs.writeFile(file, bytes);
    onDisk.push(file);
  }
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const DEPARTMENTS = new Set<string>(DEFAULT_UNIT_CODES);

/** What the user made: on department sheets everything but the cells' values (collecting fills them). */
function userState(model: WorkbookModel) {
  return {
    sheets: model.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      cells: Object.fromEntries(Object.entries(s.cells).map(([k, c]) => [k, DEPARTMENTS.has(s.name) ? { s: c.s, note: c.note } : c.f !== undefined ? { f: c.f, s: c.s, note: c.note } : { v: c.v, s: c.s, note: c.note }])),
      rules: s.conditionalFormats.map((cf) => ({ ...cf, id: "" })),
      merges: s.merges,
      hiddenRows: s.hiddenRows,
      hiddenColumns: s.hiddenColumns,
      freeze: s.freeze,
      protected: s.protected,
      dataValidations: s.dataValidations,
      columnWidths: s.columnWidths,
      charts: s.charts,
    })),
    names: model.names,
  };
}

/** Every single-reference formula shows what it points at, and every chart's series names a sheet that is there. */
function stillResolve(host: TestHost): string[] {
  const wrong: string[] = [];
  const names = new Set(host.model.sheets.map((s) => s.name.toLowerCase()));
  const ref = /^=?(?:'((?:[^']|'')+)'|([^'!=]+))!\$?([A-Z]+)\$?(\d+)/;
  for (const s of host.model.sheets) {
    for (const [k, c] of Object.entries(s.cells)) {
      const m = c.f ? /^=(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)$/.exec(c.f) : null;
      if (!m) continue;
      const target = host.cell((m[1] ?? m[2] ?? "").replace(/''/g, "'"), `${m[3]}${m[4]}`);
      if (JSON.stringify(c.v) !== JSON.stringify(target?.v ?? 0)) wrong.push(`${s.name}!${k} ${c.f} = ${JSON.stringify(c.v)}`);
    }
    for (const chart of s.charts ?? []) {
      for (const r of chart.series) {
        const m = ref.exec(r);
        if (!m || !names.has((m[1] ?? m[2] ?? "").replace(/''/g, "'").toLowerCase())) wrong.push(`${s.name}: chart ${r}`);
      }
    }
  }
  return wrong;
}

async function collectInto(name: string, features: readonly CorpusFeature[]): Promise<void> {
  const wb = await analystWorkbook(data);
  addFeatures(wb, features);
  const bytes = patchBytes(await bytesOf(wb), features);
  const model = await loadXlsx(bytes);
  afterLoad(model, features);
  const host = createHost(model);
  // Issue 17, defect 7: collecting writes values and never inserts a department's file
  // (insertWorksheetsFromBase64). Were it to, Excel on the web's answer of office-js#3179 (inserted,
  // yet an internal error) would fail it here.
  host.misbehave("insertReportsError");
  const before = userState(host.toJSON());

  // A feature may have written on a blank department sheet (BUF): a conflict that waits for the
  // analyst's choice, and nothing is written meanwhile. The analyst then skips it (»Spring over«).
  const env = hostEnv(host);
  const session = newSession();
  const asked = await collectFiles(env, session, picked, { choice: "ask" });
  const skip = asked.plan.undecided;
  if (skip) {
    expect(asked.done).toEqual([]);
    expect(userState(host.toJSON())).toEqual(before);
  }
  const r = skip ? await collectFiles(env, session, picked, { choice: "skip" }) : asked;
  expect(r.failures).toEqual([]);

  // The CLI on the same bytes, with the same choice: `jobstatus saml`, then `jobstatus beregn`'s figures on what it wrote.
  const hoved = path.join(dir, `${name}.xlsx`);
  const samlet = path.join(dir, `${name}-samlet.xlsx`);
  await fs.writeFile(hoved, bytes);
  const saml = await runCli("saml", hoved, ...onDisk, "-o", samlet, "--json", ...(skip ? ["--spring-over"] : []));
  const cliPlan = JSON.parse(saml.stdout) as { written: string | null; overview: { code: string; action: string | null }[] };
  expect(r.plan.overview.map((o) => [o.code, o.action])).toEqual(cliPlan.overview.map((o) => [o.code, o.action]));
  expect(cliPlan.written).toBe(samlet);
  expect(r.done.length).toBe(skip ? DEFAULT_UNIT_CODES.length - 1 : DEFAULT_UNIT_CODES.length);

  const after = userState(host.toJSON());
  // A delivery also brings its own rows (a footnote under the table, merged over its columns): on a
  // department sheet only what was there before is compared.
  for (const sheet of after.sheets.filter((x) => DEPARTMENTS.has(x.name))) {
    const was = before.sheets.find((x) => x.name === sheet.name);
    sheet.cells = Object.fromEntries(Object.entries(sheet.cells).filter(([k]) => was?.cells[k] !== undefined));
    sheet.merges = sheet.merges.filter((m) => was?.merges.includes(m));
  }
  expect(after).toEqual(before);
  expect(stillResolve(host)).toEqual([]);
  const cli = calculate(readWorkbookGrid(await readXlsx(samlet)));
  const calc = await calculateStatus(env, session);
  expect(calc.outcome.result).toEqual(cli.result);
  // Seven filled sheets compute without errors; a skipped one is reported, by both alike.
  if (!skip) expect(calc.outcome.issues.filter((i) => i.severity === "error")).toEqual([]);
}

/** Each feature alone, and all together. */
const CORPUS: readonly (readonly [string, readonly CorpusFeature[]])[] = [...CORPUS_FEATURES.map((f) => [f, [f]] as const), ["everything", CORPUS_FEATURES]];

describe("collecting seven files into every corpus analyst workbook", () => {
  test.each(CORPUS)("%s", async (name, features) => {
    await collectInto(name, features);
  });
});

test("a department's file with a chart: only its values enter the analyst's workbook, and the figures are the CLI's", async () => {
  const withChartFile = withChart(await bytesOf(await departmentWorkbook("BUF", data)), { sheet: "BUF", name: "BUF!$B$4", categories: "BUF!$A$5:$A$9", values: "BUF!$B$5:$B$9" });
  const r0 = await readPickedFile("BUF-2025.xlsx", withChartFile, Date.UTC(2026, 0, 15));
  if (!r0.ok) throw new Error("BUF with a chart not read");
  const files = picked.map((f) => (f.file === "BUF-2025.xlsx" ? r0.file : f));
  expect(files.filter((f) => f === r0.file)).toHaveLength(1);
  const host = createHost(await loadXlsx(await bytesOf(await analystWorkbook(data))));
  const env = hostEnv(host);
  const session = newSession();
  const r = await collectFiles(env, session, files, { choice: "ask" });
  expect(r.failures).toEqual([]);
  expect(r.done.map((a) => a.code)).toEqual([...DEFAULT_UNIT_CODES]);
  expect(host.model.sheets.filter((s) => s.charts).map((s) => s.name)).toEqual([]);
  const bufFile = path.join(dir, "chart-BUF-2025.xlsx");
  await fs.writeFile(bufFile, withChartFile);
  const hoved = path.join(dir, "chart-dept.xlsx");
  const samlet = path.join(dir, "chart-dept-samlet.xlsx");
  await fs.writeFile(hoved, await bytesOf(await analystWorkbook(data)));
  expect((await runCli("saml", hoved, ...onDisk.map((f) => (f.endsWith("BUF-2025.xlsx") ? bufFile : f)), "-o", samlet)).code).toBe(0);
  expect((await calculateStatus(env, session)).outcome.result).toEqual(calculate(readWorkbookGrid(await readXlsx(samlet))).result);
});
