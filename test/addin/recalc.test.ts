/**
 * A user's formula that reads the status sheet shows the new figure after »Beregn status« (issue 17,
 * defect 3). The write suspends calculation (Application.suspendApiCalculationUntilNextSync), and
 * then "it is the developer's responsibility to re-calc the workbook" (Excel.Application docs); the
 * host models that (test/host/calc.ts). Both clients.
 */
import { a1 } from "../../src/core/grid";
import { calculateStatus, newSession } from "../../src/office/operations";
import { exampleHost, hostEnv } from "./fixtures";

test("a formula on the user's own sheet that reads the status sheet follows a second »Beregn status«", async () => {
  const host = await exampleHost("good");
  const env = hostEnv(host);
  const session = newSession();
  const first = await calculateStatus(env, session);
  expect(first.written).toBe("Status 2025");
  // A department's figure changes; find a report cell whose figure changes with it.
  const buf = host.model.sheets.find((s) => s.name === "BUF");
  // The last number in column B (the year sits above the figures).
  const figure = Object.entries(buf?.cells ?? {})
    .filter(([k, c]) => /^B\d+$/.test(k) && typeof c.v === "number" && !c.f)
    .sort(([a], [b]) => Number(b.slice(1)) - Number(a.slice(1)))[0];
  if (!buf || !figure) throw new Error("the example has no figure in BUF!B");
  const [key, cell] = figure;
  const before = first.outcome.report?.values ?? [];
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("BUF").getRange(key).values = [[(cell.v as number) + 1]];
    await ctx.sync();
  });
  // The analyst's own sheet: formulas pointing at every number of the first report.
  const refs: { address: string; r: number; c: number }[] = [];
  before.forEach((row, r) => row.forEach((v, c) => void (typeof v === "number" && refs.push({ address: a1(refs.length, 0), r, c }))));
  expect(refs.length).toBeGreaterThan(0);
  await host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("Analyse");
    for (const ref of refs) ws.getRange(ref.address).formulas = [[`='Status 2025'!${a1(ref.r, ref.c)}`]];
    await ctx.sync();
  });
  expect(refs.map((ref) => host.cell("Analyse", ref.address)?.v)).toEqual(refs.map((ref) => before[ref.r]?.[ref.c]));

  const second = await calculateStatus(env, session);
  expect(second.outcome.issues.filter((i) => i.severity === "error")).toEqual([]);
  const after = second.outcome.report?.values ?? [];
  const changed = refs.filter((ref) => after[ref.r]?.[ref.c] !== before[ref.r]?.[ref.c]);
  expect(changed.length).toBeGreaterThan(0);
  // Every formula shows the figure now on the status sheet, not the previous run's.
  expect(refs.map((ref) => host.cell("Analyse", ref.address)?.v)).toEqual(refs.map((ref) => host.cell("Status 2025", a1(ref.r, ref.c))?.v ?? 0));
  expect(changed.map((ref) => host.cell("Analyse", ref.address)?.v)).toEqual(changed.map((ref) => after[ref.r]?.[ref.c]));
});
