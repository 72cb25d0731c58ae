/**
 * @jest-environment jsdom
 */
/**
 * »Download notat (Word)« in the task pane, over the strict test host: the same .docx as
 * `jobstatus notat`, offered as a download; blocked by errors; on Mac an explanation instead.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { TextDecoder, TextEncoder } from "node:util";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { calculate } from "../../src/core";
import { buildNotat, notatSettingsOf, type NotatLayout } from "../../src/core/notat";
import { PANE, UI } from "../../src/messages/da";
import { newSession } from "../../src/office/operations";
import { Controller } from "../../src/taskpane/controller";
import { browserNotatHost, DOCX_MIME, saveInBrowser, type NotatHost } from "../../src/taskpane/notat-download";
import { writeNotat } from "../../src/taskpane/notat-writer";
import { initialState, Store } from "../../src/taskpane/store";
import { mountPane } from "../../src/taskpane/view";
import { notatDocx } from "../../src/word/notat-docx";
import { createHost, loadXlsx, type TestHost } from "../host";
import { exampleWorkbook, hostEnv, xlsxBytes } from "./fixtures";

Object.assign(globalThis, { TextEncoder, TextDecoder });

const TODAY = { year: 2026, month: 3, day: 11 };

interface Saved {
  bytes: Uint8Array;
  fileName: string;
}

function fakeHost(platform: string, saved: Saved[]): NotatHost {
  return {
    platform: () => platform,
    today: () => TODAY,
    loadWriter: async () => writeNotat,
    save: (bytes, fileName) => saved.push({ bytes, fileName }),
  };
}

function pane(host: TestHost, notatHost: NotatHost): { root: HTMLElement; store: Store; controller: Controller } {
  document.body.textContent = "";
  const root = document.createElement("main");
  document.body.appendChild(root);
  const store = new Store(initialState(2024));
  const controller = new Controller(hostEnv(host), newSession(), store, undefined, notatHost);
  mountPane(root, store, controller);
  return { root, store, controller };
}

const notatButton = (root: HTMLElement): HTMLElement => {
  const b = [...root.querySelectorAll<HTMLElement>("button.action")].find((e) => e.textContent?.trim() === UI.actions.notat);
  if (!b) throw new Error("no notat button");
  return b;
};

async function hostOf(kind: "good" | "broken"): Promise<TestHost> {
  return createHost(await loadXlsx(await xlsxBytes(await exampleWorkbook(kind))));
}

/** Every part of a .docx except docProps/core.xml, which holds the time it was written. */
async function parts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) {
    if (name !== "docProps/core.xml" && !zip.files[name]?.dir) out[name] = (await zip.file(name)?.async("string")) ?? "";
  }
  return out;
}

/** The notat the CLI writes for the same workbook (its layout and bytes), on the same date. */
async function cliNotat(): Promise<{ layout: NotatLayout; bytes: Uint8Array }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await (await exampleWorkbook("good")).xlsx.writeBuffer()) as ExcelJS.Buffer);
  const grid = readWorkbookGrid(wb);
  const layout = buildNotat(calculate(grid).result, notatSettingsOf(grid), { today: TODAY });
  return { layout, bytes: await notatDocx(layout) };
}

describe("»Download notat (Word)«", () => {
  it("offers the same notat as jobstatus notat as a download, and leaves the workbook as it was", async () => {
    const host = await hostOf("good");
    const before = JSON.stringify(host.toJSON());
    const saved: Saved[] = [];
    const { root, store, controller } = pane(host, fakeHost("PC", saved));
    notatButton(root).click();
    await controller.idle();

    expect(saved).toHaveLength(1);
    const cli = await cliNotat();
    expect(saved[0]?.fileName).toBe(cli.layout.fileName);
    expect(saved[0]?.fileName).toBe("Notat årsstatus 2025.docx");
    expect(await parts(saved[0]?.bytes ?? new Uint8Array())).toEqual(await parts(cli.bytes));
    expect(JSON.stringify(host.toJSON())).toBe(before);
    // The example's one warning (KK's fleksjob target) is listed, and the message says what was saved.
    // The bar is short (issue 21); the pointer to the warning is its detail, below the bar.
    expect(store.state.notice).toEqual({ intent: "warning", text: PANE.bar.notatDone("Notat årsstatus 2025.docx"), detail: UI.notice.notatWarnings(1).trim() });
    expect(store.state.notice?.detail).toBe("Se 1 advarsel i listen.");
    // After the notat, the list offers no »Beregn igen«.
    expect(store.state.issues?.scope).toEqual({ kind: "notat" });
    expect(store.state.issues?.issues.map((i) => i.code)).toEqual(["KK_TARGET_DIFFERS"]);
  });

  it("is blocked by errors in the workbook, which are listed; nothing is saved", async () => {
    const saved: Saved[] = [];
    const { root, store, controller } = pane(await hostOf("broken"), fakeHost("OfficeOnline", saved));
    notatButton(root).click();
    await controller.idle();
    expect(saved).toEqual([]);
    const errors = store.state.issues?.issues.filter((i) => i.severity === "error").length ?? 0;
    expect(errors).toBeGreaterThan(0);
    expect(store.state.notice).toEqual({ intent: "error", text: PANE.bar.notatBlocked(errors) });
    expect(root.querySelectorAll(".issue-group").length).toBeGreaterThan(0);
  });

  it("on Mac says that the pane cannot download and offers the CLI and Excel on the web, without reading the workbook", async () => {
    const saved: Saved[] = [];
    const host = await hostOf("good");
    let runs = 0;
    const env = { run: <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => (runs++, host.run(batch)), isSetSupported: () => true };
    const store = new Store(initialState(2024));
    const controller = new Controller(env, newSession(), store, undefined, fakeHost("Mac", saved));
    await controller.notat();
    expect(saved).toEqual([]);
    expect(runs).toBe(0);
    expect(store.state.notice).toEqual({ intent: "info", text: UI.notice.notatMac, detail: UI.notice.notatMacDetail });
    expect(UI.notice.notatMacDetail).toContain("jobstatus notat");
    expect(UI.notice.notatMacDetail).toContain("Excel på nettet");
  });

  it("names the fields left to fill in when Indstillinger lacks them", async () => {
    const wb = await exampleWorkbook("good");
    wb.removeWorksheet((wb.getWorksheet("Indstillinger") as ExcelJS.Worksheet).id);
    const saved: Saved[] = [];
    const { store, controller } = pane(createHost(await loadXlsx(await xlsxBytes(wb))), fakeHost("PC", saved));
    await controller.notat();
    expect(saved).toHaveLength(1);
    expect(store.state.notice?.intent).toBe("warning");
    // The bar keeps to the file (two lines at 320 px); the fields to fill are named below it.
    expect(store.state.notice?.text).toBe(PANE.bar.notatDone("Notat årsstatus 2025.docx"));
    expect(store.state.notice?.detail).toContain("skal udfyldes i Word (markeret med gult): sagsnummer i F2");
  });
});

describe("the browser download", () => {
  it("saves through a temporary link with the file name and the Word type, and loads the writer on demand", async () => {
    const created: Blob[] = [];
    Object.assign(URL, { createObjectURL: jest.fn((b: Blob) => (created.push(b), "blob:notat")), revokeObjectURL: jest.fn() });
    const clicked: { href: string; download: string; inDocument: boolean }[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inDocument: document.body.contains(this) });
    });
    jest.useFakeTimers();
    try {
      saveInBrowser(new Uint8Array([80, 75, 3, 4]), "Notat årsstatus 2025.docx");
      expect(clicked).toEqual([{ href: "blob:notat", download: "Notat årsstatus 2025.docx", inDocument: true }]);
      expect(created[0]?.type).toBe(DOCX_MIME);
      expect(created[0]?.size).toBe(4);
      expect(document.querySelector("a[download]")).toBeNull();
      jest.runAllTimers();
      expect(URL.revokeObjectURL).toHaveBeenCalledWith("blob:notat");
    } finally {
      jest.useRealTimers();
      click.mockRestore();
    }
    expect(await browserNotatHost().loadWriter()).toBe(writeNotat);
    expect(browserNotatHost().platform()).toBeUndefined();
  });
});
