/**
 * »Selvtest« (issue 10): its checks pass on the host with both clients and leave the workbook
 * exactly as it was; each check fails on a host that misbehaves in the way the check is about; a
 * refused sync anywhere never leaves a scratch sheet or name behind; a user's sheet with the scratch
 * sheet's name is neither used nor deleted.
 */
import { runSelfTest, SCRATCH_SHEET, SELF_TEST_CHECKS, type SelfTestCheck } from "../../src/office/selftest";
import { WRITE_BYTES_PER_SYNC } from "../../src/office/write";
import { createHost, isSetSupported, type TestHost } from "../host";
import { exampleHost, hostEnv } from "./fixtures";

/** The workbook's sheets and names, for "nothing changed" comparisons. */
const shape = (host: TestHost) => {
  const m = host.toJSON();
  return { sheets: m.sheets, names: m.names };
};

/** Excel with ExcelApi 1.20 (RunOptions.mergeUndoGroup) besides what the host reports. */
const with1_20 = (name: string, version: string) => (name === "ExcelApi" && version === "1.20") || isSetSupported(name, version);

test("every check passes, and the scratch sheets and their names are gone afterwards", async () => {
  const host = await exampleHost("good");
  const before = shape(host);
  const results = await runSelfTest(hostEnv(host, with1_20));
  expect(results.map((r) => r.check)).toEqual([...SELF_TEST_CHECKS]);
  for (const r of results) expect({ check: r.check, status: r.status, detail: r.detail }).toEqual({ check: r.check, status: "pass", detail: r.detail });
  expect(host.toJSON().sheets.map((s) => s.name)).not.toContain(SCRATCH_SHEET);
  expect(shape(host)).toEqual(before);
});

test("below a check's requirement set the check is skipped, and says which set it needs", async () => {
  const host = createHost();
  const results = await runSelfTest(hostEnv(host, (name, version) => name === "ExcelApi" && Number(version.split(".")[1]) <= 8), ["merges", "printSetup", "literalText"]);
  expect(results).toEqual([
    { check: "merges", status: "skipped", detail: "needs ExcelApi 1.13" },
    { check: "printSetup", status: "skipped", detail: "needs ExcelApi 1.9" },
    expect.objectContaining({ check: "literalText", status: "pass" }),
  ]);
});

const MISBEHAVIOURS: readonly [SelfTestCheck, string, (host: TestHost) => void][] = [
  ["literalText", "the apostrophe is not a text prefix", (h) => h.misbehave("apostropheIgnored")],
  ["userRuleSurvivesMarks", "adding a rule replaces the user's", (h) => h.misbehave("conditionalFormatReplaces")],
  ["merges", "merged areas are not reported", (h) => h.misbehave("mergesUnseen")],
  ["protection", "a protected sheet takes writes", (h) => h.misbehave("protectionIgnored")],
  ["printSetup", "the fixed scale becomes Fit To", (h) => h.misbehave("scaleBecomesFitTo")],
  ["printSetup", "manual page breaks are dropped", (h) => h.misbehave("pageBreaksDropped")],
  ["requestSize", "Excel refuses requests over 2 MB", (h) => h.limitRequests(2_000_000)],
  ["markRule", "conditional formats refuse the intersection operator", (h) => h.misbehave("intersectionRefused")],
  ["recalculation", "Application.calculate does nothing", (h) => h.misbehave("calculateIgnored")],
  ["mergedUndoGroup", "merged undo groups are refused", (h) => h.misbehave("undoGroupRefused")],
];

test.each(MISBEHAVIOURS)("%s fails when %s, and leaves nothing behind", async (check, _how, misbehave) => {
  const host = createHost({ sheets: ["Ark1"] });
  const before = shape(host);
  misbehave(host);
  const [result] = await runSelfTest(hostEnv(host, with1_20), [check]);
  expect(result).toEqual(expect.objectContaining({ check, status: "fail" }));
  expect(shape(host)).toEqual(before);
});

test("a refused sync anywhere in the run never leaves a scratch sheet or name behind", async () => {
  const checks = SELF_TEST_CHECKS.filter((c) => c !== "requestSize");
  const clean = createHost({ sheets: ["Ark1"] });
  await runSelfTest(hostEnv(clean), checks);
  const syncs = clean.stats.syncs;
  expect(syncs).toBeGreaterThan(20);
  let failed = 0;
  for (let n = 1; n <= syncs; n++) {
    const host = createHost({ sheets: ["Ark1"] });
    const before = shape(host);
    host.failSync(n);
    const results = await runSelfTest(hostEnv(host), checks).catch(() => null);
    if (results) failed += results.filter((r) => r.status === "fail").length;
    expect({ n, ...shape(host) }).toEqual({ n, ...before });
  }
  // Most refused syncs are inside a check, which then reports the failure.
  expect(failed).toBeGreaterThan(syncs / 2);
});

test("a refused write of the largest band fails its check and leaves no scratch sheet", async () => {
  const host = createHost({ sheets: ["Ark1"] });
  const before = shape(host);
  host.failSync(2); // 1: the sheet list, 2: the new scratch sheet, … the write is the next
  host.failSync(3);
  const [result] = await runSelfTest(hostEnv(host), ["requestSize"]);
  expect(result?.status).toBe("fail");
  expect(shape(host)).toEqual(before);
});

test("a user's sheet named like the scratch sheet is neither used nor deleted", async () => {
  const host = createHost({ sheets: ["Ark1", "JOBSTATUS SELVTEST", `${SCRATCH_SHEET} 2`] });
  host.model.sheets[1]!.cells.A1 = { v: "mine" };
  const before = shape(host);
  const results = await runSelfTest(hostEnv(host), ["literalText", "protection"]);
  expect(results.map((r) => r.status)).toEqual(["pass", "pass"]);
  expect(shape(host)).toEqual(before);
});

test("the largest band is measured as sent: as big as the add-in's budget, under Excel on the web's 5 MB", async () => {
  const host = createHost({ sheets: ["Ark1"] });
  const [result] = await runSelfTest(hostEnv(host), ["requestSize"]);
  expect(result?.status).toBe("pass");
  const biggest = Math.max(...host.stats.requests.map((r) => r.requestBytes));
  expect(biggest).toBeLessThan(5 * 1024 * 1024);
  if (host.client === "officejs") {
    // The band fills the writer's budget by its estimate; Microsoft's client sends about that.
    expect(biggest).toBeGreaterThan(WRITE_BYTES_PER_SYNC * 0.9);
    expect(result?.detail).toContain(`request ${biggest} bytes`);
  } else {
    // The double's own client describes the same operations more tersely and cannot be asked.
    expect(biggest).toBeGreaterThan(WRITE_BYTES_PER_SYNC / 2);
    expect(result?.detail).toContain("request bytes not measurable in this client");
  }
});
