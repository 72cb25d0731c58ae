/**
 * The start-up read is bounded by bytes (issue 10, defect 5): a workbook with many dense sheets that
 * have nothing to do with jobstatus would otherwise exceed Excel on the web's 5 MB response limit on
 * the very first read, and every operation would fail. Both clients.
 */
import { calculateStatus, newSession, overview } from "../../src/office/operations";
import { PAYLOAD_LIMIT_BYTES, type TestHost } from "../host";
import { exampleHost, hostEnv } from "./fixtures";

/** `sheets` extra sheets of 200 × 52 cells of 40-character text each (about 0.6 MB of response per sheet). */
async function withDenseSheets(sheets: number): Promise<TestHost> {
  const host = await exampleHost("good");
  for (let i = 1; i <= sheets; i++) {
    const sheet = host.engine.addSheet(`Bilag ${i}`);
    for (let r = 1; r <= 200; r++) {
      for (let c = 0; c < 52; c++) {
        const col = c < 26 ? String.fromCharCode(65 + c) : `A${String.fromCharCode(65 + c - 26)}`;
        sheet.cells[`${col}${r}`] = { v: `tekst ${i}-${r}-${c} `.padEnd(40, "x") };
      }
    }
  }
  return host;
}

test("twelve dense unrelated sheets (about 7 MB of windows): the first read is split by bytes, and »Beregn status« still works", async () => {
  const host = await withDenseSheets(12);
  const env = hostEnv(host);
  const session = newSession();
  const o = await overview(env, session);
  expect(o.analysis.year).toBe(2025);
  // The first try is refused by the limit (as Excel would); every read after it stays under the budget.
  const answered = host.stats.requests.filter((r) => r.refused === undefined);
  expect(host.stats.requests.filter((r) => r.refused !== undefined).length).toBeLessThanOrEqual(1);
  expect(Math.max(...answered.map((r) => r.responseBytes))).toBeLessThan(4 * 1024 * 1024);
  const r = await calculateStatus(env, session);
  expect(r.written).toBe("Status 2025");
  expect(Math.max(...host.stats.requests.map((x) => x.requestBytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
}, 60_000);
