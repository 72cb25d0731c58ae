/**
 * Every figure traceable to its cell (issue 9): `--json` carries the sheet and cell of every input
 * figure, and the CLI and the add-in write the same `Kilder <år>` sheet, owned like the status
 * sheet, with the figure used, a link to its cell and any warning on it.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { StatusJsonSchema } from "../../src/core/json";
import { calculateStatus, newSession } from "../../src/office/operations";
import { createHost, loadXlsx, type TestHost } from "../host";
import { hostEnv } from "../addin/fixtures";
import { readXlsx, runCli, tempDir } from "../support/cli";
import { FIGURES, cleanWorkbook, putRows, runBoth, sheet } from "./helpers";

const KILDER = "Kilder 2025";

/** A department typed BUF's løntilskud as text: a warning on B5 that the Kilder sheet must show. */
const withWarning = (): ExcelJS.Workbook => cleanWorkbook((w) => (sheet(w, "BUF").getCell("B5").value = "12,4"));

async function cliOutput(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const dir = await tempDir();
  const file = path.join(dir, "in.xlsx");
  await wb.xlsx.writeFile(file);
  const out = path.join(dir, "out.xlsx");
  const run = await runCli("beregn", file, "-o", out);
  expect(run.code).toBe(0);
  const result = await readXlsx(out);
  await fs.rm(dir, { recursive: true, force: true });
  return result;
}

/** The Kilder rows as [A, B, C, D, link of D, E] from an exceljs sheet. */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row, r) => {
    if (r < 5) return;
    const d = row.getCell(4).value as { text?: string; hyperlink?: string } | string | null;
    const text = typeof d === "object" && d !== null ? d.text : d;
    const link = typeof d === "object" && d !== null ? d.hyperlink : undefined;
    rows.push([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value, text, link ?? null, row.getCell(5).value ?? null]);
  });
  return rows;
}

async function hostRun(wb: ExcelJS.Workbook): Promise<TestHost> {
  const host = createHost(await loadXlsx(new Uint8Array(await wb.xlsx.writeBuffer())));
  const r = await calculateStatus(hostEnv(host), newSession());
  expect(r.written).toBe("Status 2025");
  return host;
}

describe("every figure traceable to its cell (issue 9)", () => {
  test("--json carries the sheet and cell of every input figure; KK's sums carry none", async () => {
    const b = await runBoth(cleanWorkbook());
    const doc = StatusJsonSchema.parse(b.cli);
    const buf = doc.forvaltninger.find((u) => u.code === "BUF");
    expect(buf?.sources.status).toEqual({
      loentilskud: { sheet: "BUF", cell: "B5" },
      virksomhedspraktik: { sheet: "BUF", cell: "B6" },
      smaajob: { sheet: "BUF", cell: "B7" },
      fleksjob: { sheet: "BUF", cell: "B8" },
      fritidsjob: { sheet: "BUF", cell: "B9" },
    });
    expect(buf?.sources.forloeb).toEqual({ loentilskud: { sheet: "BUF", cell: "C5" }, virksomhedspraktik: { sheet: "BUF", cell: "C6" }, smaajob: { sheet: "BUF", cell: "C7" } });
    expect(buf?.sources.maal).toEqual({ samlet: { sheet: "Måltal", cell: "B2" }, fleksjob: { sheet: "Måltal", cell: "C2" }, fritidsjob: { sheet: "Måltal", cell: "D2" } });
    expect(doc.kk?.sources.status.loentilskud).toBeNull();
    expect(doc.kk?.sources.maal.samlet).toBeNull();
  });

  test("the CLI writes »Kilder 2025«: each figure, a link to its cell and the warning on it, owned like the status sheet", async () => {
    const out = await cliOutput(withWarning());
    const ws = out.getWorksheet(KILDER);
    expect(ws).toBeDefined();
    const rows = rowsOf(ws as ExcelJS.Worksheet);
    const lon = rows.find((r) => r[0] === "BUF" && r[1] === "Status: Løntilskud");
    expect(lon?.slice(0, 5)).toEqual(["BUF", "Status: Løntilskud", FIGURES.BUF?.loentilskud, "BUF!B5", "#'BUF'!B5"]);
    expect(String(lon?.[5])).toMatch(/Cellen indeholder »12,4« som tekst, og det er læst som 12,4/);
    const target = rows.find((r) => r[0] === "SOF" && String(r[1]).startsWith("Måltal: fleksjob"));
    expect(target?.slice(2, 5)).toEqual([30, "Måltal!C3", "#'Måltal'!C3"]);
    // Every figure of every forvaltning is there: 5 statuses, 3 forløb, 3 targets.
    expect(rows.filter((r) => r[0] === "SOF")).toHaveLength(11);
    const names = (out.definedNames.model as { name: string; ranges: string[] }[]).map((n) => [n.name, n.ranges]);
    expect(names).toEqual(expect.arrayContaining([["jobstatus_kilder_2025", [`'${KILDER}'!$A$1`]]]));
  });

  test("the add-in writes the same Kilder sheet, cell for cell and link for link", async () => {
    const wb = withWarning();
    const cli = rowsOf((await cliOutput(wb)).getWorksheet(KILDER) as ExcelJS.Worksheet);
    const host = await hostRun(wb);
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.load((await (await import("../host")).saveXlsx(host)) as unknown as ExcelJS.Buffer);
    const addin = rowsOf(saved.getWorksheet(KILDER) as ExcelJS.Worksheet);
    expect(addin).toEqual(cli);
    expect(host.model.names.map((n) => n.name)).toEqual(expect.arrayContaining(["jobstatus_kilder_2025"]));
  });

  test("a re-run replaces jobstatus's own Kilder sheet, and a user's own »Kilder 2025« is never touched", async () => {
    const wb = cleanWorkbook((w) => (w.addWorksheet(KILDER).getCell("A1").value = "Mine egne noter"));
    const host = await hostRun(wb);
    expect(host.cell(KILDER, "A1")?.v).toBe("Mine egne noter");
    expect(host.model.sheets.map((s) => s.name).filter((n) => n.startsWith("Kilder"))).toEqual([KILDER, `${KILDER} (2)`]);
    await calculateStatus(hostEnv(host), newSession());
    expect(host.model.sheets.map((s) => s.name).filter((n) => n.startsWith("Kilder"))).toEqual([KILDER, `${KILDER} (2)`]);
    expect(host.cell(KILDER, "A1")?.v).toBe("Mine egne noter");
  });
});

describe("the settings behind every figure are traceable too (issue 9)", () => {
  test("--json names the cell of each weight and of the last month, or «standard» when built in", async () => {
    const plain = await runBoth(cleanWorkbook());
    expect(plain.cli.settings).toEqual({
      weights: { samlet: "standard", fleksjob: "standard", fritidsjob: "standard" },
      previousWeights: null,
      lastMonth: { month: 12, source: "standard" },
    });
    const set = await runBoth(
      cleanWorkbook((w) => putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6], [], ["Sidste måned", "september"]])),
    );
    expect(StatusJsonSchema.parse(set.cli).settings).toEqual({
      weights: { samlet: { sheet: "Indstillinger", cell: "B2" }, fleksjob: { sheet: "Indstillinger", cell: "C2" }, fritidsjob: { sheet: "Indstillinger", cell: "D2" } },
      previousWeights: null,
      lastMonth: { month: 9, source: { sheet: "Indstillinger", cell: "B4" } },
    });
  });

  test("the Kilder sheet starts with the weights and the last month, linked to their cells, the same in the CLI and the add-in", async () => {
    const wb = cleanWorkbook((w) => putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2025, 51, 43, 6], [], ["Sidste måned", 9]]));
    const cli = rowsOf((await cliOutput(wb)).getWorksheet(KILDER) as ExcelJS.Worksheet);
    const settings = cli.filter((r) => r[0] === "Indstillinger");
    expect(settings.map((r) => r.slice(1, 5))).toEqual([
      ["Vægt 2025: virksomhedspraktik, løntilskud og småjob (samlet)", 0.51, "Indstillinger!B2", "#'Indstillinger'!B2"],
      ["Vægt 2025: fleksjob", 0.43, "Indstillinger!C2", "#'Indstillinger'!C2"],
      ["Vægt 2025: fritidsjob", 0.06, "Indstillinger!D2", "#'Indstillinger'!D2"],
      ["Periodens sidste måned (1–12)", 9, "Indstillinger!B4", "#'Indstillinger'!B4"],
    ]);
    const host = await hostRun(wb);
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.load((await (await import("../host")).saveXlsx(host)) as unknown as ExcelJS.Buffer);
    expect(rowsOf(saved.getWorksheet(KILDER) as ExcelJS.Worksheet)).toEqual(cli);
    // Built in: the source says «standard», without a link.
    const plain = rowsOf((await cliOutput(cleanWorkbook())).getWorksheet(KILDER) as ExcelJS.Worksheet).filter((r) => r[0] === "Indstillinger");
    expect(plain.map((r) => [r[3], r[4]])).toEqual([
      ["standard (vedtaget af Borgerrepræsentationen)", null],
      ["standard (vedtaget af Borgerrepræsentationen)", null],
      ["standard (vedtaget af Borgerrepræsentationen)", null],
      ["standard (hele året)", null],
    ]);
  });
});
