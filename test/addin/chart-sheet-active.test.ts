/**
 * A chart sheet is the active sheet when the pane reads the workbook. `getActiveWorksheet()` then
 * fails the whole request in Excel on Windows and Mac (OfficeDev/office-js#2444; modelled by
 * WorkbookModel.activeChartSheet in test/host). The read is tried again once without it: the
 * overview, »Valider alle« and »Beregn status« work and give the same figures as with a worksheet
 * active; »Valider ark« says the active sheet cannot be checked. Runs with both clients.
 */
import { OFFICE_ACTIVE_NOT_WORKSHEET, OFFICE_OPERATION_FAILED } from "../../src/messages/da";
import { officeErrorCode } from "../../src/office/errors";
import { calculateStatus, newSession, OperationError, overview, validateActiveSheet, validateWorkbook, type Session } from "../../src/office/operations";
import type { TestHost } from "../host";
import { exampleHost, hostEnv } from "./fixtures";

const CHART = "Diagram";

/** The example workbook, with a chart sheet active when `chart`. */
async function host(kind: "good" | "broken", chart: boolean): Promise<TestHost> {
  const h = await exampleHost(kind);
  if (chart) h.model.activeChartSheet = CHART;
  return h;
}

/**
 * The example with a worksheet active and with a chart sheet active, each after its start-up
 * overview (the session then knows the sheets), counters reset: the state every click starts from.
 */
async function startedPair(kind: "good" | "broken"): Promise<{ normal: TestHost; chart: TestHost; normalSession: Session; chartSession: Session }> {
  const normal = await host(kind, false);
  const chart = await host(kind, true);
  const normalSession = newSession();
  const chartSession = newSession();
  await overview(hostEnv(normal), normalSession);
  await overview(hostEnv(chart), chartSession);
  normal.resetStats();
  chart.resetStats();
  return { normal, chart, normalSession, chartSession };
}

/** The workbook without which sheet is active. */
function workbook(h: TestHost): unknown {
  const { activeChartSheet: _chart, activeSheetId: _active, ...rest } = h.toJSON();
  return rest;
}

describe("the double: a chart sheet active (OfficeDev/office-js#2444)", () => {
  test("getActiveWorksheet() fails the sync with a RichApi error; activating a worksheet ends it", async () => {
    const h = await host("good", true);
    const e = await h
      .run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().load("name");
        await ctx.sync();
      })
      .then(
        () => undefined,
        (x: unknown) => x,
      );
    expect(officeErrorCode(e)).toBe("GeneralException");
    const name = await h.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("BUF").activate();
      const ws = ctx.workbook.worksheets.getActiveWorksheet().load("name");
      await ctx.sync();
      return ws.name;
    });
    expect(name).toBe("BUF");
    expect(h.model.activeChartSheet).toBeUndefined();
  });
});

describe("the pane with a chart sheet active", () => {
  test("the start-up overview reads the workbook as with a worksheet active, in one sync more", async () => {
    const normal = await host("good", false);
    const chart = await host("good", true);
    const expected = await overview(hostEnv(normal), newSession());
    const normalSyncs = normal.stats.syncs;
    const got = await overview(hostEnv(chart), newSession());
    expect(got).toEqual(expected);
    expect(chart.stats.syncs).toBe(normalSyncs + 1);
  });

  test("»Valider alle« finds and marks the same as with a worksheet active; the normal case keeps its one sync", async () => {
    const { normal, chart, normalSession, chartSession } = await startedPair("broken");
    const expected = await validateWorkbook(hostEnv(normal), normalSession);
    const got = await validateWorkbook(hostEnv(chart), chartSession);
    expect(expected.issues.some((i) => i.severity === "error")).toBe(true);
    expect(got).toEqual(expected);
    expect(workbook(chart)).toEqual(workbook(normal));
    // Validating again reads only: one sync normally, and one more for the retry without the active sheet.
    normal.resetStats();
    chart.resetStats();
    await validateWorkbook(hostEnv(normal), normalSession);
    await validateWorkbook(hostEnv(chart), chartSession);
    expect(normal.stats.syncs).toBe(1);
    expect(chart.stats.syncs).toBe(2);
  });

  test("»Beregn status« writes the same status sheet as with a worksheet active; the normal case keeps its two syncs", async () => {
    const { normal, chart, normalSession, chartSession } = await startedPair("good");
    const expected = await calculateStatus(hostEnv(normal), normalSession);
    const got = await calculateStatus(hostEnv(chart), chartSession);
    expect(expected.written).toBe("Status 2025");
    expect(got).toEqual(expected);
    expect(normal.stats.syncs).toBe(2);
    expect(chart.stats.syncs).toBe(3);
    expect(workbook(chart)).toEqual(workbook(normal));
  });

  test("»Valider ark« says the active sheet cannot be checked, and changes nothing; on a worksheet it checks that sheet", async () => {
    const chart = await host("broken", true);
    const before = chart.toJSON();
    const e = await validateActiveSheet(hostEnv(chart), newSession()).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(OperationError);
    expect((e as OperationError).message).toBe(`${OFFICE_OPERATION_FAILED.validate} ${OFFICE_ACTIVE_NOT_WORKSHEET}`);
    expect(chart.toJSON()).toEqual(before);
    // The user goes to a worksheet: »Valider ark« checks it.
    await chart.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("BUF").activate();
      await ctx.sync();
    });
    const v = await validateActiveSheet(hostEnv(chart), newSession());
    expect(v.sheet).toBe("BUF");
    expect(v.issues.some((i) => i.sheet === "BUF" && i.severity === "error")).toBe(true);
  });
});
