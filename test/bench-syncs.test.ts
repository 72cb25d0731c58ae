/**
 * The round trips of `npm run bench` (issue 5), as exact counts on the strict test host: they are
 * deterministic, so they are tested; the benchmark's timings are not (docs/dev/performance.md).
 *
 * warm: after overview(), which the shared runtime runs at start-up (the budget case);
 * repeat: the same click again (Beregn replaces its own sheet, Valider its own marks);
 * cold: a new session, whose read first learns the sheet list (one round trip more).
 *
 * The officejs jest project runs this file with Microsoft's client: there the counts are the
 * requests Excel receives (a cleanup request at the end of a run would count too; the add-in keeps
 * no server references, so there is none) and the bytes are the requests' real JSON.
 */
import { generatedModel, measureAllModes, measureOperation, type Operation, type SyncRun } from "../scripts/bench/syncs";
import { PAYLOAD_LIMIT_BYTES } from "./host";

jest.setTimeout(180_000);

const BUDGET_BYTES = 4 * 1024 * 1024;

async function counts(departments: number, operation: Operation): Promise<{ cold: number; warm: number; repeat: number; runs: SyncRun[] }> {
  const runs = await measureAllModes(await generatedModel({ departments, errors: operation === "valider" }), operation, String(departments));
  for (const r of runs) expect({ mode: r.mode, error: r.error }).toEqual({ mode: r.mode, error: undefined });
  const of = (mode: string) => (runs.find((r) => r.mode === mode) as SyncRun).syncs;
  return { cold: of("cold"), warm: of("warm"), repeat: of("repeat"), runs };
}

describe("Beregn status: one read and one write, whatever the number of department sheets", () => {
  test.each([
    // sheets, warm, repeat, cold
    [7, 2, 2, 3],
    [70, 2, 2, 3],
  ])("%i department sheets: %i syncs warm, %i repeated, %i cold", async (departments, warm, repeat, cold) => {
    const c = await counts(departments, "beregn");
    expect({ warm: c.warm, repeat: c.repeat, cold: c.cold }).toEqual({ warm, repeat, cold });
    for (const r of c.runs) {
      expect(r.maxRequestBytes).toBeLessThan(BUDGET_BYTES);
      expect(r.maxResponseBytes).toBeLessThan(BUDGET_BYTES);
    }
  });

  // Warm only: the test host merges in quadratic time, and 700 tables have 2,800 merges (the
  // benchmark measures all three modes).
  // With the Kilder sheet (issue 9: 7,700 figures, each with a link) the write is four syncs: a
  // small Kilder sheet rides in the status sheet's sync (7 and 70 sheets stay at 2); a huge one
  // starts in the status sheet's last sync and fills the next ones, cut between its 500-row blocks.
  // The band budget (3 MB by the estimate) keeps Microsoft's client under 4 MB. Syncs grow with
  // data size, never with the number of sheets; ≤ 3 is out of reach at 700 (docs/dev/performance.md:
  // the write alone is about 11.9 MB as sent, over two 5 MB requests).
  test("700 department sheets: 5 syncs warm (a status sheet of 7,000 rows and a Kilder sheet of 7,700 written in four syncs under the request limit)", async () => {
    const r = await measureOperation(await generatedModel({ departments: 700 }), "beregn", "warm", "700");
    expect(r.error).toBeUndefined();
    expect(r.syncs).toBe(5);
    expect(r.maxRequestBytes).toBeLessThan(BUDGET_BYTES);
    expect(r.maxResponseBytes).toBeLessThan(BUDGET_BYTES);
  });
});

describe("Valider alle: one read and one write of the marks", () => {
  test.each([
    // repeated: the marks are the same, so the names are not written again (read only)
    [7, 2, 1, 3],
    [700, 2, 1, 3],
  ])("%i department sheets (with errors to mark): %i syncs warm, %i repeated, %i cold", async (departments, warm, repeat, cold) => {
    const c = await counts(departments, "valider");
    expect({ warm: c.warm, repeat: c.repeat, cold: c.cold }).toEqual({ warm, repeat, cold });
    for (const r of c.runs) expect(Math.max(r.maxRequestBytes, r.maxResponseBytes)).toBeLessThan(BUDGET_BYTES);
  });
});

test("a department sheet with a 100,000-row log is read in chunks under the budget: syncs grow with data, not sheets", async () => {
  const model = await generatedModel({ departments: 7, noteRows: 100_000 });
  const warm = await measureOperation(model, "valider", "warm", "log100k");
  expect(warm.error).toBeUndefined();
  // One window read and fourteen chunks of about 2 MB (100,000 rows × 5 columns, with each cell's
  // formula read beside its value since issue 19b); no errors, no marks.
  expect(warm.syncs).toBe(15);
  expect(warm.maxResponseBytes).toBeLessThan(BUDGET_BYTES);
  expect(warm.maxResponseBytes).toBeGreaterThan(1_000_000);
  expect(BUDGET_BYTES).toBeLessThan(PAYLOAD_LIMIT_BYTES);
});
