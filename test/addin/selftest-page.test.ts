/**
 * @jest-environment jsdom
 */
/**
 * The »Selvtest« page's DOM (jsdom) over the test host: a failing check shows as failed with its
 * Danish name and the support text carries what Excel did; a self-test Excel stops names the
 * operation and the scratch sheet; the requirement sets are asked one by one.
 */
import { TextDecoder, TextEncoder } from "node:util";
import { OFFICE_OPERATION_FAILED, SELFTEST } from "../../src/messages/da";
import { SELF_TEST_CHECKS } from "../../src/office/selftest";
import { ASKED_SETS, compactSets, excelEnvironment, requirementSets, supportText } from "../../src/taskpane/selftest-report";
import { newSession } from "../../src/office/operations";
import { Controller } from "../../src/taskpane/controller";
import { mountSelfTest } from "../../src/taskpane/selftest-link";
import { initialState, Store } from "../../src/taskpane/store";
import { mountPane } from "../../src/taskpane/view";
import { createHost, isSetSupported, type TestHost } from "../host";
import { hostEnv } from "./fixtures";

// jest's jsdom environment lacks them; the test host measures payloads with TextEncoder.
Object.assign(globalThis, { TextEncoder, TextDecoder });

/** The real pane (its tools area and page area) with the »Selvtest« tool over `host`. */
function page(host: TestHost): { root: HTMLElement; open: () => Promise<void> } {
  document.body.textContent = "";
  const root = document.createElement("main");
  root.id = "app";
  document.body.appendChild(root);
  const env = hostEnv(host);
  const store = new Store(initialState(2025));
  const controller = new Controller(env, newSession(), store);
  const pane = mountPane(root, store, controller);
  const open = mountSelfTest(pane, { env, environment: () => excelEnvironment({ version: "16.0.19999.20000", platform: "PC" }, env.isSetSupported) });
  return { root, open };
}

const mainHidden = (root: HTMLElement): boolean => (root.querySelector(".pane__main") as HTMLElement).hidden === true;

async function runPage(): Promise<void> {
  (document.querySelector("button.selftest-run") as HTMLButtonElement).click();
  for (let i = 0; i < 2000 && document.getElementById("selftest")?.getAttribute("aria-busy") !== "false"; i++) await new Promise((r) => setTimeout(r, 5));
}

test("a check that fails shows as failed, and the support text says what Excel did", async () => {
  const host = createHost({ sheets: ["Ark1"] });
  host.misbehave("protectionIgnored");
  const { root, open } = page(host);
  const tool = root.querySelector(".pane__footer .selftest-tool") as HTMLElement;
  expect(tool.querySelector("h2")?.textContent).toBe(SELFTEST.heading);
  (tool.querySelector("button.selftest-open") as HTMLButtonElement).click();
  // The page is a chunk of its own, loaded on the first click.
  for (let i = 0; i < 200 && !mainHidden(root); i++) await new Promise((r) => setTimeout(r, 5));
  expect(mainHidden(root)).toBe(true);
  expect(root.querySelector(".pane__page .page__title")?.textContent).toBe(SELFTEST.heading);
  await runPage();
  const statuses = [...document.querySelectorAll(".selftest__check")].map((e) => [e.getAttribute("data-check"), e.getAttribute("data-status")]);
  // The page's Excel reports ExcelApi up to 1.17: the merged undo group (1.20) is not tried.
  expect(statuses).toEqual(SELF_TEST_CHECKS.map((c) => [c, c === "protection" ? "fail" : c === "mergedUndoGroup" ? "skipped" : "pass"]));
  expect(document.querySelector(".selftest__result")?.getAttribute("data-intent")).toBe("error");
  expect(document.querySelector(".selftest__result")?.textContent).toContain(SELFTEST.someFailed(1));
  const text = (document.getElementById("selftest-text") as HTMLTextAreaElement).value;
  expect(text).toContain(`${SELFTEST.checks.protection.name}: ${SELFTEST.status.fail} (protection: protected true, write refused with nothing)`);
  expect(text).toContain("16.0.19999.20000");
  expect(text).toContain("PC");
  expect(text).toContain(SELFTEST.text.counts(SELF_TEST_CHECKS.length - 2, 1, 1));
  // »Tilbage« brings the pane back; the returned function opens the page again.
  (root.querySelector("button.page__back") as HTMLButtonElement).click();
  expect(mainHidden(root)).toBe(false);
  await open();
  expect(mainHidden(root)).toBe(true);
});

test("a self-test Excel stops (the scratch sheet cannot be deleted) names the operation and the sheet to delete", async () => {
  const host = createHost({ sheets: ["Ark1"] });
  await page(host).open();
  // The first check's two delete attempts are both refused (sheet list 1, add 2, write 3, then the delete's syncs).
  for (const n of [4, 5, 6, 7]) host.failSync(n);
  await runPage();
  const bar = document.querySelector(".selftest__result");
  expect(bar?.getAttribute("data-intent")).toBe("error");
  expect(bar?.textContent).toContain(OFFICE_OPERATION_FAILED.selftest);
  expect(bar?.textContent).toContain(SELFTEST.cleanup);
  expect((document.getElementById("selftest-text") as HTMLTextAreaElement).value).toContain(OFFICE_OPERATION_FAILED.selftest);
});

test("requirement sets are asked one by one; the support text lists found and missing", () => {
  const sets = requirementSets(isSetSupported);
  expect(sets.found).toContain("ExcelApi 1.1");
  expect(sets.found.length + sets.missing.length).toBe(ASKED_SETS.length);
  const below = requirementSets((name, version) => name === "ExcelApi" && Number(version.split(".")[1]) <= 7);
  expect(below.found).toEqual(["ExcelApi 1.1", "ExcelApi 1.2", "ExcelApi 1.3", "ExcelApi 1.4", "ExcelApi 1.5", "ExcelApi 1.6", "ExcelApi 1.7"]);
  expect(below.missing).toContain("SharedRuntime 1.1");
  // ExcelApiUndo: whether Excel flags the add-in's writes as undoable (office-js#5918).
  expect(below.missing).toContain("ExcelApiUndo 1.7");
  const undo = requirementSets((name, version) => name === "ExcelApiUndo" && Number(version.split(".")[1]) <= 7);
  expect(compactSets(undo.found)).toBe("ExcelApiUndo 1.1–1.7");
  expect(undo.missing).toContain("ExcelApiUndo 1.8");
  const text = supportText({ version: "16.0.1", platform: "Mac", sets: below }, null, null, new Date(Date.UTC(2026, 11, 5, 3, 7)));
  expect(text.split("\n")).toEqual([
    SELFTEST.text.title,
    `${SELFTEST.text.time}: 2026-12-05 03:07 UTC`,
    "Excel: version 16.0.1, platform Mac",
    `${SELFTEST.sets}: ExcelApi 1.1–1.7`,
    `${SELFTEST.setsMissing}: ExcelApi 1.8–1.20, SharedRuntime 1.1, ExcelApiUndo 1.1–1.8`,
    SELFTEST.text.notRun,
  ]);
});

test("consecutive versions of a set are written as a range", () => {
  expect(compactSets(["ExcelApi 1.1", "ExcelApi 1.2", "ExcelApi 1.3", "ExcelApi 1.5", "SharedRuntime 1.1", "Other"])).toBe("ExcelApi 1.1–1.3, ExcelApi 1.5, SharedRuntime 1.1, Other");
  expect(compactSets([])).toBe("");
});
