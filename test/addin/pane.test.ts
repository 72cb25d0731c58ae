/**
 * @jest-environment jsdom
 */
/**
 * The task pane's DOM (jsdom): the issues list grouped by sheet and built without HTML strings,
 * keyboard activation, busy state, results and messages, wired to the controller over the strict
 * test host.
 */
import type ExcelJS from "exceljs";
import { TextDecoder, TextEncoder } from "node:util";
import type { Issue } from "../../src/core/issues";
import { formatPct } from "../../src/core/numbers";
import { issueMessage, OFFICE_ERROR_PARTIAL_WRITE, OFFICE_ERRORS, OFFICE_OPERATION_FAILED, PANE, SEVERITY_NAMES, UI } from "../../src/messages/da";
import { newSession } from "../../src/office/operations";
import type { OfficeEnv } from "../../src/office/run";
import { PLANTED_ERRORS } from "../../src/cli/example";
import { Controller } from "../../src/taskpane/controller";
import { initialState, Store, type PaneState } from "../../src/taskpane/store";
import { mountPane, type PaneActions } from "../../src/taskpane/view";
import { createHost, loadXlsx, type TestHost } from "../host";
import { exampleWorkbook, hostEnv, xlsxBytes } from "./fixtures";

// jest's jsdom environment lacks them; the test host measures payloads with TextEncoder.
Object.assign(globalThis, { TextEncoder, TextDecoder });

const EVIL = "<img src=x onerror=alert(1)>";

function fakeActions(): jest.Mocked<PaneActions> {
  return {
    validate: jest.fn((_scope: "active" | "all") => Promise.resolve()),
    calculate: jest.fn(() => Promise.resolve()),
    createTemplate: jest.fn(() => Promise.resolve()),
    notat: jest.fn(() => Promise.resolve()),
    select: jest.fn((_issue: Issue) => Promise.resolve()),
    setTemplateYear: jest.fn(),
    dismissNotice: jest.fn(),
    setMode: jest.fn(),
    announce: jest.fn(),
    check: jest.fn(),
  };
}

function mount(state: Partial<PaneState> = {}, actions: PaneActions = fakeActions()): { root: HTMLElement; store: Store } {
  document.body.textContent = "";
  const root = document.createElement("main");
  document.body.appendChild(root);
  const store = new Store({ ...initialState(2024), ...state });
  mountPane(root, store, actions);
  return { root, store };
}

function pane(host: TestHost, env: OfficeEnv = hostEnv(host)): { root: HTMLElement; store: Store; controller: Controller } {
  document.body.textContent = "";
  const root = document.createElement("main");
  document.body.appendChild(root);
  const store = new Store(initialState(2024));
  const controller = new Controller(env, newSession(), store);
  mountPane(root, store, controller);
  return { root, store, controller };
}

const buttonByText = (root: HTMLElement, text: string): HTMLElement => {
  const b = [...root.querySelectorAll<HTMLElement>("button.fui-Button")].find((e) => e.textContent?.trim() === text);
  if (!b) throw new Error(`no button ${text}`);
  return b;
};

const issueButton = (root: HTMLElement, sheet: string, cell: string): HTMLButtonElement => {
  const group = [...root.querySelectorAll(".issue-group")].find((g) => g.querySelector(".issue-group__sheet")?.textContent === sheet);
  const b = [...(group?.querySelectorAll<HTMLButtonElement>("button.issue") ?? [])].find((e) => e.querySelector(".issue__cell")?.getAttribute("data-cell") === cell);
  if (!b) throw new Error(`no entry ${sheet}!${cell}`);
  return b;
};

const key = (el: HTMLElement, k: string): KeyboardEvent => {
  const e = new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true });
  el.dispatchEvent(e);
  return e;
};

async function hostOf(kind: "good" | "broken", edit?: (wb: ExcelJS.Workbook) => void): Promise<TestHost> {
  const wb = await exampleWorkbook(kind);
  edit?.(wb);
  return createHost(await loadXlsx(await xlsxBytes(wb)));
}

const ISSUES: Issue[] = [
  { severity: "error", code: "VALUE_NOT_NUMBER", sheet: EVIL, cell: "B6", params: { value: "<b>fed</b>", what: "status for løntilskud" } },
  { severity: "warning", code: "HIDDEN_SHEET", sheet: EVIL, params: { code: "X" } },
  { severity: "error", code: "VALUE_MISSING", sheet: "BUF", cell: "C7", params: { what: "antal forløb" } },
  { severity: "error", code: "VALUE_NEGATIVE", sheet: EVIL, cell: "C8", params: { what: "antal forløb", value: -4 } },
];

describe("the issues list", () => {
  afterEach(() => jest.restoreAllMocks());

  test("groups by sheet and shows workbook text as text, never as HTML", () => {
    const setters = ["innerHTML", "outerHTML"].map((p) => jest.spyOn(Element.prototype, p as "innerHTML", "set"));
    const adjacent = jest.spyOn(Element.prototype, "insertAdjacentHTML");
    const { root } = mount({ issues: { scope: { kind: "all" }, issues: ISSUES } });

    const groups = [...root.querySelectorAll(".issue-group")];
    expect(groups.map((g) => g.querySelector(".issue-group__sheet")?.textContent)).toEqual([EVIL, "BUF"]);
    expect(groups.map((g) => g.querySelectorAll(".issue-group__list > li").length)).toEqual([3, 1]);
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector(".issue-group b")).toBeNull();
    const first = groups[0]?.querySelector(".issue__text")?.textContent;
    expect(first).toBe(issueMessage(ISSUES[0] as Issue));
    expect(first).toContain("<b>fed</b>");
    // Severity and cell on every entry; an issue without a cell says so and is not a button.
    expect([...root.querySelectorAll(".issue__severity")].map((e) => e.textContent)).toEqual([SEVERITY_NAMES.error, SEVERITY_NAMES.warning, SEVERITY_NAMES.error, SEVERITY_NAMES.error]);
    expect([...root.querySelectorAll(".issue__cell")].map((e) => e.textContent)).toEqual(["B6", UI.issues.wholeSheet, "C8", "C7"]);
    expect(root.querySelectorAll("button.issue")).toHaveLength(3);
    expect(root.querySelector("#issues-title")?.textContent).toBe(UI.issues.heading);
    for (const s of [...setters, adjacent]) expect(s).not.toHaveBeenCalled();
  });

  test("click, Enter and Space on an entry select its cell", () => {
    const actions = fakeActions();
    const { root } = mount({ issues: { scope: { kind: "all" }, issues: ISSUES } }, actions);
    const b6 = issueButton(root, EVIL, "B6");
    const c7 = issueButton(root, "BUF", "C7");
    b6.click();
    expect(actions.select).toHaveBeenLastCalledWith(ISSUES[0]);
    expect(key(c7, "Enter").defaultPrevented).toBe(true);
    expect(actions.select).toHaveBeenLastCalledWith(ISSUES[2]);
    expect(key(b6, " ").defaultPrevented).toBe(true);
    expect(actions.select).toHaveBeenLastCalledWith(ISSUES[0]);
    key(b6, "a");
    expect(actions.select).toHaveBeenCalledTimes(3);
    expect(b6.tagName).toBe("BUTTON");
    expect(b6.getAttribute("type")).toBe("button");
  });

  test("keyboard activation selects the cell in the workbook", async () => {
    const host = await hostOf("broken");
    const { root, controller } = pane(host);
    expect(await controller.calculate()).toBe("attention");
    for (const p of PLANTED_ERRORS) issueButton(root, p.sheet, p.cell);

    key(issueButton(root, "ØKF", "C7"), "Enter");
    await controller.idle();
    expect(host.selection()).toEqual({ sheet: "ØKF", address: "C7" });
    key(issueButton(root, "BUF", "B9"), " ");
    await controller.idle();
    expect(host.selection()).toEqual({ sheet: "BUF", address: "B9" });
  });

  test("an empty list is not shown: the verdict says it once, without a »Fejl og advarsler« heading", () => {
    const { root } = mount({ issues: { scope: { kind: "sheet", sheet: EVIL }, issues: [] }, notice: { intent: "success", text: UI.notice.validateSheetOk(EVIL) } });
    expect((root.querySelector(".issues") as HTMLElement).hidden).toBe(true);
    expect(root.querySelector(".notice__text")?.textContent).toBe(UI.notice.validateSheetOk(EVIL));
    expect(root.querySelector("img")).toBeNull();
  });
});

describe("the pane over the test host", () => {
  afterEach(() => jest.restoreAllMocks());

  test("start-up shows year, Måltal, forvaltninger with and without sheets, and warms the session", async () => {
    const host = await hostOf("good", (wb) => wb.removeWorksheet((wb.getWorksheet("SOF") as ExcelJS.Worksheet).id));
    const { root, controller } = pane(host);
    expect(root.querySelector(".step--files .step__line")?.textContent).toBe(UI.workbook.notRead);
    await controller.start();
    // HR's view (issue 21): the year in the heading, who delivered in step »Valider« as chips with their state.
    expect(root.querySelector("h1")?.textContent).toBe(PANE.heading.hr(2025));
    expect(root.querySelector(".step--files .step__line")?.textContent).toBe(PANE.steps.delivered(6, 7));
    const chips = [...root.querySelectorAll(".unit-chips .chip")];
    expect(chips.map((c) => c.querySelector(".chip__code")?.textContent)).toEqual(["BIF", "BUF", "KFF", "SUF", "TMF", "ØKF", "SOF"]);
    expect(chips.map((c) => c.className.replace("chip chip--", ""))).toEqual(["notChecked", "notChecked", "notChecked", "notChecked", "notChecked", "notChecked", "missing"]);
    expect(chips[6]?.textContent).toContain(PANE.steps.chipMissing);
    expect((root.querySelector("#template-year") as HTMLInputElement).value).toBe("2025");

    // The start-up read cached the sheet list: a click then reads in one round trip.
    host.resetStats();
    await controller.calculate();
    expect(host.stats.syncs).toBe(1); // blocked by the missing sheet: read only, nothing written
  });

  test("while work runs the buttons are disabled, the pane is aria-busy and shows progress", async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    const gate = new Promise<void>((r) => (release = r));
    const host = await hostOf("good");
    const store = new Store(initialState(2024));
    const slow = { ...(await import("../../src/office/operations")) };
    const controller = new Controller(hostEnv(host), newSession(), store, {
      ...slow,
      calculateStatus: async (env, session) => {
        calls++;
        await gate;
        return slow.calculateStatus(env, session);
      },
    });
    document.body.textContent = "";
    const root = document.createElement("main");
    document.body.appendChild(root);
    mountPane(root, store, controller);

    const done = controller.calculate();
    await Promise.resolve();
    await Promise.resolve();
    // The outcome region is busy (not the page: its live region must still speak).
    expect(root.querySelector(".outcome")?.getAttribute("aria-busy")).toBe("true");
    expect(root.getAttribute("aria-busy")).toBe("false");
    expect(root.dataset.busy).toBe("true");
    // Nothing had focus: every button is really disabled, none is a focusable dead end.
    expect((buttonByText(root, UI.actions.calculate) as HTMLButtonElement).disabled).toBe(true);
    expect((buttonByText(root, UI.actions.validateAll) as HTMLButtonElement).disabled).toBe(true);
    // The start is announced once.
    expect(root.querySelector("[aria-live]")?.textContent?.trim()).toBe(UI.busy.calculate);
    expect((root.querySelector("#template-year") as HTMLInputElement).disabled).toBe(true);
    const progress = root.querySelector(".progress") as HTMLElement;
    expect(progress.hidden).toBe(false);
    expect(progress.textContent).toBe(UI.busy.calculate);
    expect(root.querySelector(".fui-ProgressBar")?.getAttribute("aria-label")).toBe(UI.busy.calculate);

    // A second click while busy is ignored, not queued.
    buttonByText(root, UI.actions.calculate).click();
    buttonByText(root, UI.actions.validateAll).click();
    release();
    await done;
    await controller.idle();
    expect(calls).toBe(1);
    expect(host.stats.runs).toBe(2); // one calculation: read + write
    expect(root.querySelector(".outcome")?.getAttribute("aria-busy")).toBe("false");
    expect(buttonByText(root, UI.actions.calculate).hasAttribute("aria-disabled")).toBe(false);
    expect((buttonByText(root, UI.actions.calculate) as HTMLButtonElement).disabled).toBe(false);
    expect(progress.hidden).toBe(true);
  });

  test("»Beregn status« shows KK's weighted målopfyldelse and a line per forvaltning, and announces it", async () => {
    const host = await hostOf("good");
    const { root, controller, store } = pane(host);
    await controller.start();
    buttonByText(root, UI.actions.calculate).click();
    await controller.idle();
    const result = store.state.result;
    if (!result) throw new Error("no result");

    expect(root.querySelector(".kk__pct")?.textContent).toBe("92 pct.");
    expect(root.querySelector(".kk__label")?.textContent).toBe(UI.result.kk);
    expect([...root.querySelectorAll(".kk-part__pct")].map((e) => e.textContent)).toEqual(["74 pct.", "116 pct.", "79 pct."]);
    const units = [...root.querySelectorAll(".unit")];
    expect(units.map((u) => u.querySelector(".unit__code")?.textContent)).toEqual(["BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF"]);
    expect(units.map((u) => u.querySelector(".unit__pct")?.textContent)).toEqual(result.units.map((u) => formatPct(u.maalopfyldelse?.vaegtet ?? null)));
    expect(root.querySelector(".result__sheet")?.textContent).toBe(UI.result.sheet("Status 2025"));
    // The example has one warning: still a success (the figures are written), pointing at the list.
    expect(root.querySelector(".fui-MessageBar")?.getAttribute("data-intent")).toBe("success");
    // The bar is short (issue 21): where the sheet is, its action »Vis arket«, the undo note below the bar.
    expect(root.querySelector(".notice__text")?.textContent).toBe(PANE.bar.calculateDone("Status 2025"));
    expect(root.querySelector(".notice__action")?.textContent).toBe(PANE.bar.showSheet);
    expect(root.querySelector(".notice__detail")?.textContent).toMatch(/Ctrl\+Z/);
    // The gap to target, from the engine, for KK and each forvaltning.
    expect(root.querySelector(".kk-part .gap")?.textContent).toBe(PANE.result.gap("KK", "samlet", "short", 287, "helaarspersoner"));
    const buf = units.find((u) => u.querySelector(".unit__code")?.textContent === "BUF");
    // Each forvaltning: its weighted total, then each group with its own percentage and gap (issue 21, item 4).
    expect(buf?.querySelector(".unit__weighted")?.textContent).toBe(`${PANE.result2.weighted} ${formatPct(result.units.find((u) => u.code === "BUF")?.maalopfyldelse?.vaegtet ?? null)}`);
    expect([...(buf?.querySelectorAll(".unit-group") ?? [])].map((g) => [g.querySelector(".unit-group__label")?.textContent, g.querySelector(".gap")?.textContent])).toEqual([
      [UI.result.groups.samlet, "mangler 296 helårspersoner"],
      [UI.result.groups.fleksjob, expect.any(String)],
      [UI.result.groups.fritidsjob, expect.any(String)],
    ]);
    expect(root.querySelector(".legend")?.textContent).toContain(PANE.result.legendTarget);
    const live = root.querySelector("[aria-live]") as HTMLElement;
    expect(live.textContent).toContain("92 pct.");
    expect(live.getAttribute("role")).toBe("status");
  });

  test("an Office failure is shown as a Danish message bar, and the pane stays usable", async () => {
    const host = await hostOf("good");
    const { root, controller } = pane(host);
    await controller.start();
    host.failSync(2, "GeneralException");
    expect(await controller.calculate()).toBe("failed");
    const bar = root.querySelector(".fui-MessageBar") as HTMLElement;
    expect(bar.getAttribute("data-intent")).toBe("error");
    // At most two lines in the bar (issue 21): what failed; why and what now below it.
    expect(bar.querySelector(".notice__text")?.textContent).toBe(OFFICE_OPERATION_FAILED.calculate);
    expect(root.querySelector(".notice__detail")?.textContent).toBe(`${OFFICE_ERRORS.GeneralException} ${OFFICE_ERROR_PARTIAL_WRITE}`);
    expect(bar.querySelector(".notice__title")?.textContent).toBe(UI.notice.failedTitle);
    expect(root.querySelector(".outcome")?.getAttribute("aria-busy")).toBe("false");

    // Dismiss, then try again: it works.
    (bar.querySelector(".notice__dismiss") as HTMLElement).click();
    expect(root.querySelector(".fui-MessageBar")).toBeNull();
    expect(await controller.calculate()).toBe("attention");
    expect(root.querySelector(".kk__pct")?.textContent).toBe("92 pct.");
  });

  test("a bug (not an Office error) still gives a Danish sentence in the pane", async () => {
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const store = new Store(initialState(2024));
    const host = createHost();
    const ops = await import("../../src/office/operations");
    const controller = new Controller(hostEnv(host), newSession(), store, {
      ...ops,
      calculateStatus: () => Promise.reject(new TypeError("boom")),
    });
    document.body.textContent = "";
    const root = document.createElement("main");
    document.body.appendChild(root);
    mountPane(root, store, controller);
    expect(await controller.calculate()).toBe("failed");
    // The bar holds the first sentence, the rest is below it (two lines at 320 px).
    const bar = root.querySelector(".fui-MessageBar .notice__text")?.textContent ?? "";
    expect(`${bar} ${root.querySelector(".notice__detail")?.textContent ?? ""}`).toBe(UI.notice.unexpected);
    expect(bar).toBe("Der skete en uventet fejl i Jobstatus.");
    // A screen reader hears the whole message, the part below the bar too.
    expect(store.state.announcement.text).toBe(`${UI.notice.failedTitle} ${UI.notice.unexpected}`);
    expect(error).toHaveBeenCalledTimes(1);
  });

  test("»Opret skabelon« adds the missing sheets for the year in the field, and refuses a bad year", async () => {
    const host = createHost({ sheets: ["Ark1"] });
    // The host does not model data validation (ExcelApi 1.8): run as a client without it.
    const env = hostEnv(host);
    const { root, controller, store } = pane(host, { ...env, isSetSupported: (n, v) => !(n === "ExcelApi" && v === "1.8") && env.isSetSupported(n, v) });
    await controller.start();
    const year = root.querySelector("#template-year") as HTMLInputElement;
    expect(year.value).toBe("2024"); // no year in the workbook: last year

    expect(year.type).toBe("text"); // no spinner arrows
    year.value = "20x";
    year.dispatchEvent(new Event("input"));
    expect(await controller.createTemplate()).toBe("failed");
    // Said at the field, not in a message bar; focus goes to the field.
    expect(year.getAttribute("aria-invalid")).toBe("true");
    expect(year.getAttribute("aria-describedby")).toContain("template-year-error");
    expect((root.querySelector("#template-year-error") as HTMLElement).hidden).toBe(false);
    expect(root.querySelector("#template-year-error")?.textContent).toBe(PANE.verdict.templateYearInvalid);
    expect(document.activeElement).toBe(year);
    expect(root.querySelector(".fui-MessageBar")).toBeNull();
    expect(host.model.sheets.map((s) => s.name)).toEqual(["Ark1"]);

    year.value = "2026";
    year.dispatchEvent(new Event("input"));
    expect(year.hasAttribute("aria-invalid")).toBe(false);
    buttonByText(root, UI.actions.template).click();
    await controller.idle();
    const names = host.model.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["Ark1", "Måltal", "Indstillinger", "BIF", "ØKF"]));
    expect(store.state.notice?.intent).toBe("success");
    expect(root.querySelector(".notice__text")?.textContent).toBe("Skabelonen er oprettet.");
    expect(`${root.querySelector(".notice__text")?.textContent ?? ""} ${root.querySelector(".notice__detail")?.textContent ?? ""}`).toBe(UI.notice.templateCreated(names.slice(1)));
    expect(host.cell("Ark1", "A1")).toBeUndefined();

    // Again: every sheet is there, nothing changes.
    const before = host.toJSON();
    expect(await controller.createTemplate()).toBe("done");
    expect(`${root.querySelector(".notice__text")?.textContent ?? ""} ${root.querySelector(".notice__detail")?.textContent ?? ""}`).toBe(UI.notice.templateNothing);
    expect(host.toJSON().sheets).toEqual(before.sheets);
  });
});
