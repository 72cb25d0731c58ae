/**
 * @jest-environment jsdom
 */
/**
 * The pane's two modes and its long-list behaviour (issue 11), in jsdom over the strict test host:
 * a department's workbook opens in the department view with »Valider mit ark«, the verdict and
 * the next step; »Valider ark« on a sheet that is not a department sheet says so; a chosen issue
 * stays marked; long lists fold, filter and keep one tab stop per group; the list is not stale
 * after »Opret skabelon«; focus and announcements after actions and dismissals.
 */
import type ExcelJS from "exceljs";
import { TextDecoder, TextEncoder } from "node:util";
import type { Issue } from "../../src/core/issues";
import { PANE, UI } from "../../src/messages/da";
import { newSession } from "../../src/office/operations";
import { Controller } from "../../src/taskpane/controller";
import { COLLAPSE_ABOVE, GROUP_LIMIT } from "../../src/taskpane/issues-list";
import { initialState, Store } from "../../src/taskpane/store";
import { mountPane, type PaneActions } from "../../src/taskpane/view";
import { createHost, loadXlsx, type TestHost } from "../host";
import { exampleWorkbook, hostEnv, markedCells, xlsxBytes } from "./fixtures";

Object.assign(globalThis, { TextEncoder, TextDecoder });

function pane(host: TestHost): { root: HTMLElement; store: Store; controller: Controller } {
  document.body.textContent = "";
  const root = document.createElement("main");
  document.body.appendChild(root);
  const store = new Store(initialState(2024));
  const controller = new Controller(hostEnv(host), newSession(), store);
  mountPane(root, store, controller);
  return { root, store, controller };
}

/** A forvaltning's own file: the broken example's BUF sheet (B9 holds »1.048«) and a note sheet. */
async function departmentHost(edit?: (wb: ExcelJS.Workbook) => void): Promise<TestHost> {
  const wb = await exampleWorkbook("broken");
  for (const ws of [...wb.worksheets]) if (ws.name !== "BUF") wb.removeWorksheet(ws.id);
  wb.addWorksheet("Noter").getCell("A1").value = "Husk at sende filen til HR inden fredag.";
  edit?.(wb);
  return createHost(await loadXlsx(await xlsxBytes(wb)));
}

const activate = (host: TestHost, name: string): void => {
  const sheet = host.model.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  host.model.activeSheetId = sheet.id;
};

const visibleButton = (root: HTMLElement, text: string): HTMLButtonElement => {
  const b = [...root.querySelectorAll<HTMLButtonElement>("button")].find((e) => e.textContent?.trim() === text && !e.closest("[hidden]"));
  if (!b) throw new Error(`no visible button ${text}`);
  return b;
};

describe("the department view", () => {
  test("a department's workbook opens with »Valider mit ark«, no »Måltal: Mangler«, and gives the verdict and the next step", async () => {
    const host = await departmentHost();
    activate(host, "BUF");
    const { root, controller, store } = pane(host);
    await controller.start();
    expect(store.state.mode).toBe("department");
    expect(root.dataset.mode).toBe("department");
    // The clerk's view (issue 21): a verdict card first, naming the one sheet; no Måltal row at all.
    expect(root.querySelector("h1")?.textContent).toBe(PANE.heading.department);
    const card = root.querySelector(".verdict") as HTMLElement;
    expect(root.querySelector(".state--missing")).toBeNull();
    expect(root.querySelector(".clerk")?.textContent).not.toContain(UI.workbook.maaltal);
    expect(card.dataset.verdict).toBe("notChecked");
    expect(card.querySelector(".verdict__sheet")?.textContent).toBe(`${PANE.clerk.sheet("BUF")} · 2025`);

    const mine = visibleButton(root, PANE.actions.validateMine);
    expect(mine.classList.contains("fui-Button--primary")).toBe(true);
    mine.focus();
    mine.click();
    await controller.idle();
    // The verdict card says it, once: no message bar repeating the count.
    expect(card.dataset.verdict).toBe("notReady");
    expect(card.querySelector(".verdict__title")?.textContent).toBe(PANE.clerk.notReady(1, 1));
    expect(card.querySelector(".verdict__next")?.textContent).toBe(PANE.clerk.notReadyNext);
    expect(root.querySelector(".fui-MessageBar")).toBeNull();
    const entry = root.querySelector<HTMLButtonElement>('button.issue .issue__cell[data-cell="B9"]')?.closest("button");
    expect(entry?.querySelector(".issue__cell")?.textContent).toMatch(/^Fleksjob, status \(B9\)$/);
    expect(document.activeElement).toBe(mine);

    // The clerk fixes the cell and validates again from the list.
    const cell = host.cell("BUF", "B9");
    if (!cell) throw new Error("no B9");
    cell.v = 1048;
    visibleButton(root, PANE.actions.revalidate).click();
    await controller.idle();
    expect(card.dataset.verdict).toBe("ready");
    expect(card.querySelector(".verdict__title")?.textContent).toBe(PANE.clerk.ready);
    expect(card.querySelector(".verdict__next")?.textContent).toBe(PANE.clerk.readyNext);
    expect((root.querySelector(".issues") as HTMLElement).hidden).toBe(true);
    // The »Valider igen« button went with the list: focus did not drop to the page.
    expect(document.activeElement).not.toBe(document.body);
    // One announcement: the verdict with its next step, after busy cleared.
    expect(root.querySelector("[aria-live]")?.textContent?.trim()).toBe(`${PANE.clerk.ready}. ${PANE.clerk.readyNext}`);
  });

  test("a sheet with only warnings is »Klar til HR« with warnings to read; »Tallet er rigtigt« counts them down, changes no figure, and a changed figure must be read again", async () => {
    // B9 holds its figure as text: the figure is used, with a warning to read (VALUE_TEXT_NUMBER).
    const host = await departmentHost();
    activate(host, "BUF");
    const b9 = host.cell("BUF", "B9");
    if (!b9) throw new Error("no B9");
    b9.v = "1048";
    const { root, controller, store } = pane(host);
    await controller.start();
    const warnings = () => (store.state.issues?.issues ?? []).filter((i) => i.severity === "warning");
    visibleButton(root, PANE.actions.validateMine).click();
    await controller.idle();
    const card = root.querySelector(".verdict") as HTMLElement;
    const w = warnings();
    expect(w.map((i) => i.code)).toEqual(["VALUE_TEXT_NUMBER"]);
    expect(card.dataset.verdict).toBe("toRead");
    expect(card.querySelector(".verdict__title")?.textContent).toBe(PANE.clerk.ready);
    expect(card.querySelector(".verdict__sub")?.textContent).toBe(PANE.clerk.toRead(w.length));
    const before = host.toJSON();
    for (const b of [...root.querySelectorAll<HTMLButtonElement>("button.issue__confirm")]) {
      expect(b.textContent).toBe(PANE.clerk.confirm);
      b.click();
      expect(b.getAttribute("aria-pressed")).toBe("true");
    }
    expect(card.dataset.verdict).toBe("ready");
    expect(host.toJSON()).toEqual(before);
    // The figure changes: the warning is a new one, to read again.
    b9.v = "1049";
    visibleButton(root, PANE.actions.validateMine).click();
    await controller.idle();
    expect(warnings().length).toBeGreaterThan(0);
    expect(card.dataset.verdict).toBe("toRead");
  });

  test("»Valider mit ark« on a note sheet validates the clerk's one department sheet instead", async () => {
    // A note that happens to say »Ordning«: read as a department sheet it would get a mark.
    const host = await departmentHost((wb) => {
      const notes = wb.getWorksheet("Noter");
      if (notes) notes.getCell("A3").value = "Ordning";
    });
    activate(host, "Noter");
    const { root, controller } = pane(host);
    await controller.start();
    visibleButton(root, PANE.actions.validateMine).click();
    await controller.idle();
    // The pane knows the clerk's one sheet (issue 21): it goes there and validates it, rather than sending the clerk.
    expect(host.selection()).toEqual({ sheet: "BUF", address: "A1" });
    expect(root.querySelector(".verdict__sheet")?.textContent).toContain(PANE.clerk.sheet("BUF"));
    expect(root.querySelector("[aria-live]")?.textContent).toContain(PANE.clerk.wentToSheet("BUF"));
    expect((root.querySelector(".verdict") as HTMLElement).dataset.verdict).toBe("notReady");
    // Nothing is marked on the note sheet.
    expect(markedCells(host, "Noter")).toEqual({});
  });

  test("either user can switch, and a later read keeps the choice", async () => {
    const host = await departmentHost();
    const { root, controller, store } = pane(host);
    await controller.start();
    visibleButton(root, PANE.mode.hr).click();
    expect(store.state.mode).toBe("hr");
    expect(visibleButton(root, UI.actions.calculate).classList.contains("fui-Button--primary")).toBe(true);
    expect(root.querySelector(".mode__button--hr")?.getAttribute("aria-pressed")).toBe("true");
    await controller.start();
    expect(store.state.mode).toBe("hr");
  });

  test("HR's workbook opens in HR's view: the steps Filer → Valider → Beregn → Notat, visible, with the view switch in the footer", async () => {
    const { root, controller, store } = pane(createHost(await loadXlsx(await xlsxBytes(await exampleWorkbook("good")))));
    await controller.start();
    expect(store.state.mode).toBe("hr");
    expect([...root.querySelectorAll(".step:not([hidden]) .step__title")].map((e) => e.textContent)).toEqual([PANE.steps.files, PANE.steps.validate, PANE.steps.calculate, PANE.steps.notat]);
    expect(root.querySelector(".tools")).toBeNull();
    expect(root.querySelector(".step--notat")?.textContent).toContain(UI.actions.notat);
    // The switch is at the foot, not at the top right (Mac's personality menu sits there).
    expect(root.querySelector(".pane__footer .mode__button--hr")).not.toBeNull();
    expect(root.querySelector("header .mode")).toBeNull();
    // No heading level skipped: h1, then h2s (the steps), then h3s inside them.
    const levels = [...root.querySelectorAll("h1, h2, h3, h4")].filter((e) => !(e as HTMLElement).closest("[hidden]")).map((e) => Number(e.tagName[1]));
    levels.forEach((l, i) => expect(l - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));
  });
});

const many = (n: number, sheets: readonly string[]): Issue[] =>
  Array.from({ length: n }, (_, k) => ({
    severity: k % 5 === 4 ? ("warning" as const) : ("error" as const),
    code: k % 5 === 4 ? ("VALUE_TEXT_NUMBER" as const) : ("VALUE_MISSING" as const),
    sheet: sheets[k % sheets.length] as string,
    cell: `B${5 + Math.floor(k / sheets.length)}`,
    params: { what: "status", value: "7", number: 7 },
  }));

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

function mountList(issues: Issue[], actions = fakeActions()): { root: HTMLElement; store: Store; actions: jest.Mocked<PaneActions> } {
  document.body.textContent = "";
  const root = document.createElement("main");
  document.body.appendChild(root);
  const store = new Store({ ...initialState(2025), issues: { scope: { kind: "all" }, issues } });
  mountPane(root, store, actions);
  return { root, store, actions };
}

/** Elements the Tab key reaches inside the list (not hidden, tabindex not negative). */
const tabStops = (root: HTMLElement): HTMLElement[] =>
  [...root.querySelectorAll<HTMLElement>(".issues button, .issues [tabindex]")].filter((e) => !e.closest("[hidden]") && e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled);

describe("a long issues list", () => {
  test("200 issues: groups fold (first open), at most GROUP_LIMIT entries each, one tab stop per group, no landmarks", () => {
    const { root } = mountList(many(200, ["BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF"]));
    expect(200).toBeGreaterThan(COLLAPSE_ABOVE);
    const toggles = [...root.querySelectorAll(".issue-group__toggle")];
    expect(toggles.map((t) => t.getAttribute("aria-expanded"))).toEqual(["true", "false", "false", "false", "false", "false", "false"]);
    // The heading's name keeps the sheet and the count apart (»BIF, …«, not »BIF13 fejl«, issue 21).
    for (const t of toggles) {
      const sheet = t.querySelector(".issue-group__sheet")?.textContent ?? "";
      const counted = t.querySelector(".issue-group__count")?.textContent ?? "";
      expect(t.textContent?.trim()).toBe(`${sheet}, ${counted}`);
    }
    const shown = [...root.querySelectorAll("button.issue")].filter((b) => !b.closest("[hidden]"));
    expect(shown.length).toBeLessThanOrEqual(GROUP_LIMIT);
    // Toolbar (filters, next, again) + per group: its heading button, one entry of the open group, »more«.
    expect(tabStops(root).length).toBeLessThanOrEqual(5 + 7 + 1 + 1);
    expect(root.querySelectorAll(".issues section, .issues [role=region]")).toHaveLength(0);

    // Opening a group adds one tab stop for its entries, not one per entry.
    (toggles[1] as HTMLButtonElement).click();
    expect(toggles[1]?.getAttribute("aria-expanded")).toBe("true");
    const group2 = root.querySelectorAll(".issue-group__list")[1] as HTMLElement;
    expect([...group2.querySelectorAll<HTMLElement>("button.issue")].filter((b) => b.tabIndex === 0)).toHaveLength(1);

    // Arrow keys move inside a group.
    const first = group2.querySelector<HTMLElement>("button.issue") as HTMLElement;
    first.focus();
    first.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(group2.querySelectorAll("button.issue")[1]);
    expect((document.activeElement as HTMLElement).tabIndex).toBe(0);
    expect(first.tabIndex).toBe(-1);
  });

  test("a chosen entry stays marked; »Næste problem« moves on, opening its group; the filter shows one severity", () => {
    const { root, actions } = mountList(many(30, ["BIF", "BUF"]));
    const entries = () => [...root.querySelectorAll<HTMLButtonElement>("button.issue")];
    entries()[0]?.click();
    expect(entries()[0]?.getAttribute("aria-current")).toBe("true");
    expect(entries()[0]?.classList.contains("is-selected")).toBe(true);
    expect(actions.select).toHaveBeenCalledTimes(1);

    const next = visibleButton(root, PANE.actions.nextProblem);
    next.click();
    expect(actions.select).toHaveBeenCalledTimes(2);
    const selected = root.querySelectorAll(".issue.is-selected");
    expect(selected).toHaveLength(1);
    expect(selected[0]).not.toBe(entries()[0]);
    // The next entry in list order is BIF's second; BUF's entry follows after BIF's last.
    for (let k = 0; k < 15; k++) next.click();
    const chosen = root.querySelector(".issue.is-selected") as HTMLElement;
    expect(chosen.closest(".issue-group")?.querySelector(".issue-group__sheet")?.textContent).toBe("BUF");
    expect(chosen.closest("ul")?.hidden).toBe(false);

    visibleButton(root, PANE.issues.filterWarnings(6)).click();
    expect([...root.querySelectorAll(".issue__severity")].every((e) => e.textContent === "Advarsel")).toBe(true);
    visibleButton(root, PANE.issues.filterErrors(24)).click();
    expect([...root.querySelectorAll(".issue__severity")].every((e) => e.textContent === "Fejl")).toBe(true);
  });
});

describe("focus and the list after actions", () => {
  test("dismissing a message returns focus to the action that produced it", async () => {
    const host = createHost(await loadXlsx(await xlsxBytes(await exampleWorkbook("broken"))));
    const { root, controller } = pane(host);
    await controller.start();
    const all = visibleButton(root, UI.actions.validateAll);
    all.focus();
    all.click();
    await controller.idle();
    (root.querySelector(".notice__dismiss") as HTMLElement).focus();
    (root.querySelector(".notice__dismiss") as HTMLElement).click();
    expect(root.querySelector(".fui-MessageBar")).toBeNull();
    expect(document.activeElement).toBe(all);
  });

  test("after »Opret skabelon« the old list is gone (no stale »Projektmappen er tom«)", async () => {
    const host = createHost({ sheets: ["Ark1"] });
    const env = hostEnv(host);
    document.body.textContent = "";
    const root = document.createElement("main");
    document.body.appendChild(root);
    const store = new Store(initialState(2024));
    const controller = new Controller({ ...env, isSetSupported: (n, v) => !(n === "ExcelApi" && v === "1.8") && env.isSetSupported(n, v) }, newSession(), store);
    mountPane(root, store, controller);
    await controller.start();
    await controller.validate("all");
    expect((root.querySelector(".issues") as HTMLElement).hidden).toBe(false);
    await controller.createTemplate();
    expect(store.state.notice?.intent).toBe("success");
    expect((root.querySelector(".issues") as HTMLElement).hidden).toBe(true);
    expect(store.state.issues).toBeNull();
  });
});

describe("room for other modules", () => {
  test("addTool puts a section at its place (step »Filer«, »Skabeloner« or the footer) for its modes, busy with the pane; openPage replaces the main column and returns focus", () => {
    document.body.textContent = "";
    const root = document.createElement("main");
    document.body.appendChild(root);
    const store = new Store(initialState(2025));
    const mounted = mountPane(root, store, fakeActions());
    const run = document.createElement("button");
    run.textContent = "Vælg forvaltningernes filer";
    const section = document.createElement("section");
    section.appendChild(run);
    mounted.addTool({ element: section, modes: ["hr"], buttons: [run], place: "files" });
    expect(root.querySelector(".step--files")?.contains(section)).toBe(true);
    expect(section.hidden).toBe(false);
    store.update({ busy: "validateAll" });
    expect(run.disabled).toBe(true);
    store.update({ busy: null, mode: "department" });
    expect(run.disabled).toBe(false);
    expect(section.hidden).toBe(true);

    store.update({ mode: "hr" });
    run.focus();
    const content = document.createElement("p");
    content.textContent = "Selvtest";
    const page = mounted.openPage("Selvtest", content);
    expect((root.querySelector(".pane__main") as HTMLElement).hidden).toBe(true);
    expect(root.querySelector(".pane__page h1")?.textContent).toBe("Selvtest");
    expect(document.activeElement).toBe(root.querySelector(".pane__page h1"));
    (root.querySelector(".page__back") as HTMLElement).click();
    expect((root.querySelector(".pane__main") as HTMLElement).hidden).toBe(false);
    expect(root.querySelector(".pane__page")?.textContent).toBe("");
    expect(document.activeElement).toBe(run);
    expect(typeof page.close).toBe("function");
  });
});
