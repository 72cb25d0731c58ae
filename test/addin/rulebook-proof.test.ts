/**
 * @jest-environment jsdom
 */
/**
 * Issue 22 in the add-in: the 2014 shape and 2026 with a sixth scheme, defined by their Indstillinger
 * alone, through »Beregn status« and »Hent notat (Word)« on the test host. The status sheet equals
 * the CLI's cell for cell, and the texts follow the rulebook.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { TextDecoder, TextEncoder } from "node:util";
import { calculateStatus, createTemplate, newSession, validateWorkbook } from "../../src/office/operations";
import { Controller } from "../../src/taskpane/controller";
import type { NotatHost } from "../../src/taskpane/notat-download";
import { writeNotat } from "../../src/taskpane/notat-writer";
import { initialState, Store } from "../../src/taskpane/store";
import { mountPane } from "../../src/taskpane/view";
import { COLLECT_PANE, OFFICE_TEMPLATE_SETTINGS_ERRORS, RULES, UI } from "../../src/messages/da";
import { collectFiles, previewCollect, type PickedFile } from "../../src/office/collect";
import { CollectController, type CollectHost } from "../../src/taskpane/collect-controller";
import { CollectStore, initialCollectState } from "../../src/taskpane/collect-store";
import { readPickedFile } from "../../src/taskpane/collect-xlsx";
import { createHost, loadXlsx, saveXlsx, type TestHost } from "../host";
import { PROOF_2014, PROOF_2026, proofSheets, type ProofWorkbook } from "../support/rulebook-workbooks";
import { cliOutput, hostEnv, xlsxBytes } from "./fixtures";

Object.assign(globalThis, { TextEncoder, TextDecoder });

function proofWorkbook(p: ProofWorkbook): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const s of proofSheets(p)) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = typeof v === "object" && v !== null ? null : v)));
  }
  return wb;
}

async function hostOf(p: ProofWorkbook): Promise<TestHost> {
  return createHost(await loadXlsx(await xlsxBytes(proofWorkbook(p))));
}

/** Each cell's value by address, for the cells that hold one. */
function values(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  ws.eachRow((row) => row.eachCell((c) => void (c.value !== null && c.value !== undefined && (!c.isMerged || c.master === c) && (out[c.address] = c.value))));
  return out;
}

async function reread(host: TestHost): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await saveXlsx(host)) as unknown as ExcelJS.Buffer);
  return wb;
}

const TODAY = { year: 2026, month: 3, day: 11 };

async function notatText(host: TestHost): Promise<string> {
  const saved: Uint8Array[] = [];
  const notatHost: NotatHost = { platform: () => "PC", today: () => TODAY, loadWriter: async () => writeNotat, save: (bytes) => void saved.push(bytes) };
  const controller = new Controller(hostEnv(host), newSession(), new Store(initialState(2026)), undefined, notatHost);
  await controller.notat();
  expect(saved).toHaveLength(1);
  const zip = await JSZip.loadAsync(saved[0] as Uint8Array);
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  return xml.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "");
}

describe("the 2014 shape in the add-in", () => {
  it("»Beregn status« writes the CLI's sheet, with a row per scheme in its unit and no weighted total", async () => {
    const host = await hostOf(PROOF_2014);
    const r = await calculateStatus(hostEnv(host), newSession());
    expect(r.written).toBe("Status 2014");
    const addin = (await reread(host)).getWorksheet("Status 2014") as ExcelJS.Worksheet;
    const cli = (await cliOutput(proofWorkbook(PROOF_2014))).getWorksheet("Status 2014") as ExcelJS.Worksheet;
    expect(values(addin)).toEqual(values(cli));
    const text = Object.values(values(addin)).filter((v): v is string => typeof v === "string").join("\n");
    expect(text).toContain("Jobrotation (forløb)");
    expect(text).toContain("Status for løntilskud er 966 pladser, svarende til en målopfyldelse på 45 pct. for 2014.");
    expect(text).not.toMatch(/vægtet|\*\*\*|helårsperson/i);
  });

  it("»Hent notat (Word)« says the same in the unit of each scheme", async () => {
    const text = await notatText(await hostOf(PROOF_2014));
    expect(text).toContain("Status for jobrotation er 405 forløb, svarende til en målopfyldelse på 101 pct. for 2014.");
    expect(text).toContain("Status for seniorjob er 314 personer, svarende til en målopfyldelse på 79 pct. for 2014.");
    expect(text).not.toMatch(/vægtet|\*\*\*/i);
  });
});

describe("»Opret skabelon« follows the year's rulebook on Indstillinger", () => {
  it("2014: Måltal gets a column per target and each forvaltning's sheet a row per scheme in its unit; Indstillinger is not touched", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Indstillinger");
    PROOF_2014.indstillinger.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = typeof v === "object" && v !== null ? null : v)));
    const host = createHost(await loadXlsx(await xlsxBytes(wb)));
    const before = JSON.stringify(host.model.sheets.find((s) => s.name === "Indstillinger"));
    const added = await createTemplate(hostEnv(host), newSession(), 2014);
    expect(added).toEqual(["Måltal", "BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF"]);
    const out = await reread(host);
    const maaltal = out.getWorksheet("Måltal") as ExcelJS.Worksheet;
    expect((maaltal.getRow(3).values as unknown[]).slice(1)).toEqual(["Forvaltning", "Navn", "Jobrotation", "Fleksjob", "Seniorjob", "Løntilskud"]);
    const buf = out.getWorksheet("BUF") as ExcelJS.Worksheet;
    expect([5, 6, 7, 8].map((r) => buf.getCell(r, 1).value)).toEqual(["Jobrotation (forløb)", "Fleksjob (personer)", "Seniorjob (personer)", "Løntilskud (pladser)"]);
    expect(JSON.stringify(host.model.sheets.find((s) => s.name === "Indstillinger"))).toBe(before);
  });
});

describe("»Opret skabelon« and errors on Indstillinger", () => {
  it("a Regelsæt that does not read: no sheets (they could have the wrong rows), and the pane says why", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Indstillinger");
    PROOF_2014.indstillinger.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v === "pladser" ? "kroner" : typeof v === "object" && v !== null ? null : v)));
    const host = createHost(await loadXlsx(await xlsxBytes(wb)));
    await expect(createTemplate(hostEnv(host), newSession(), 2014)).rejects.toThrow(OFFICE_TEMPLATE_SETTINGS_ERRORS);
    expect(host.model.sheets.map((s) => s.name)).toEqual(["Indstillinger"]);
  });
});

describe("a Regelsæt that does not read, in the add-in (review 22i, item 1)", () => {
  it("»Valider alle« gives its error and one RULEBOOK_NOT_READ, nothing by the built-in rulebook; »Beregn status« writes nothing", async () => {
    const broken: ProofWorkbook = { ...PROOF_2014, indstillinger: PROOF_2014.indstillinger.map((r) => r.map((v) => (v === "forløb" ? "timer" : v))) };
    const host = await hostOf(broken);
    const v = await validateWorkbook(hostEnv(host), newSession());
    expect(v.issues.map((i) => `${i.code}@${i.sheet}!${i.cell ?? ""}`)).toEqual(["RULEBOOK_MEASURE_UNKNOWN@Indstillinger!B4", "RULEBOOK_NOT_READ@Indstillinger!A1"]);
    const r = await calculateStatus(hostEnv(host), newSession());
    expect(r.written).toBeUndefined();
    expect(r.outcome.result.kk).toBeNull();
    expect(r.outcome.result.settingsSources.rulebookFailed).toEqual({ sheet: "Indstillinger", cell: "A1" });
    expect(host.model.sheets.map((s) => s.name)).toEqual(["Indstillinger", "Måltal", "BUF", "SOF", "SUF", "ØKF"]);
  });
});

describe("the pane's result follows the rulebook", () => {
  it("2014: each target by its name and in its unit, and no weighted total", async () => {
    const host = await hostOf(PROOF_2014);
    document.body.textContent = "";
    const root = document.createElement("main");
    document.body.appendChild(root);
    const store = new Store(initialState(2014));
    const controller = new Controller(hostEnv(host), newSession(), store);
    mountPane(root, store, controller);
    await controller.start();
    [...root.querySelectorAll<HTMLElement>("button")].find((b) => b.textContent?.trim() === UI.actions.calculate)?.click();
    await controller.idle();
    expect(root.querySelector(".kk__label")?.textContent).toBe(RULES.paneKkUnweighted);
    expect(root.querySelector(".kk__pct")).toBeNull();
    expect([...root.querySelectorAll(".kk-part")].map((e) => [e.querySelector(".kk-part__label")?.textContent, e.querySelector(".kk-part__pct")?.textContent, e.querySelector(".gap")?.textContent])).toEqual([
      ["Jobrotation", "101 pct.", "Kommunen er over måltallet for jobrotation med 5 forløb."],
      ["Fleksjob", "84 pct.", "Kommunen mangler 104 personer for at nå måltallet for fleksjob."],
      ["Seniorjob", "79 pct.", "Kommunen mangler 86 personer for at nå måltallet for seniorjob."],
      ["Løntilskud", "45 pct.", "Kommunen mangler 1.184 pladser for at nå måltallet for løntilskud."],
    ]);
    const buf = [...root.querySelectorAll(".unit")].find((u) => u.querySelector(".unit__code")?.textContent === "BUF");
    expect(buf?.querySelector(".unit__weighted")).toBeNull();
    expect([...(buf?.querySelectorAll(".unit-group .gap") ?? [])].map((g) => g.textContent)).toEqual(["10 forløb over måltallet", "mangler 40 personer", "mangler 30 personer", "mangler 440 pladser"]);
    expect(root.textContent).not.toMatch(/helårsperson|Vægtet i alt/i);
  });
});

describe("2026 with a sixth scheme in the add-in", () => {
  it("»Beregn status« counts jobrotation in the combined target, as the CLI does", async () => {
    const host = await hostOf(PROOF_2026);
    expect((await calculateStatus(hostEnv(host), newSession())).written).toBe("Status 2026");
    const addin = (await reread(host)).getWorksheet("Status 2026") as ExcelJS.Worksheet;
    const cli = (await cliOutput(proofWorkbook(PROOF_2026))).getWorksheet("Status 2026") as ExcelJS.Worksheet;
    expect(values(addin)).toEqual(values(cli));
    expect(Object.values(values(addin))).toContain("Jobrotation (helårspersoner)");
  });
});

describe("collecting a year with its own rulebook in the add-in (issue 22)", () => {
  /** A forvaltning's file as the pane reads it. */
  async function picked(name: string, wb: ExcelJS.Workbook): Promise<PickedFile> {
    const r = await readPickedFile(name, await xlsxBytes(wb));
    if (!r.ok) throw new Error(`unreadable: ${r.reason}`);
    return r.file;
  }

  /** The 2014 HR workbook with its template sheets from »Opret skabelon« (the workbook's own Regelsæt). */
  async function hr2014(): Promise<TestHost> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Indstillinger");
    PROOF_2014.indstillinger.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = typeof v === "object" && v !== null ? null : v)));
    const host = createHost(await loadXlsx(await xlsxBytes(wb)));
    await createTemplate(hostEnv(host), newSession(), 2014);
    return host;
  }

  it("2014: a forvaltning's sheet without »Antal forløb« fills its blank template sheet in place, with no choice asked", async () => {
    const host = await hr2014();
    const one = new ExcelJS.Workbook();
    const ws = one.addWorksheet("SOF");
    const u = PROOF_2014.units.find((x) => x.code === "SOF");
    [["Forvaltning", "SOF"], ["År", 2014], [], ["Ordning", "Status"], ...PROOF_2014.schemes.map((s) => [s, u?.status[s] ?? null])].forEach((r, i) => r.forEach((v, c) => (ws.getCell(i + 1, c + 1).value = v)));
    const files = [await picked("SOF-2014.xlsx", one)];
    const plan = await previewCollect(hostEnv(host), newSession(), files, { choice: "ask" });
    expect(plan.problems).toEqual([]);
    expect(plan.actions.map((a) => [a.code, a.kind])).toEqual([["SOF", "fill-template"]]);
    // The other forvaltninger's blank sheets are missing deliveries, not sheets of the analyst's.
    expect(plan.overview.filter((r) => r.state === "missing").map((r) => r.code)).toEqual(["BIF", "BUF", "KFF", "SUF", "TMF", "ØKF"]);
    const result = await collectFiles(hostEnv(host), newSession(), files, { choice: "ask" });
    expect(result.done.map((a) => a.code)).toEqual(["SOF"]);
    expect(host.cell("SOF", "B8")?.v).toBe(u?.status.Løntilskud);
    expect(host.model.sheets.some((s) => s.name.includes("erstattet"))).toBe(false);
  });

  it("2014: »Opret skabelon for én forvaltning« follows the workbook's Regelsæt, and the file sent back blank is no delivery", async () => {
    const host = await hr2014();
    const saved: { bytes: Uint8Array; fileName: string }[] = [];
    const collectHost: CollectHost = {
      platform: () => "OfficeOnline",
      loadXlsx: () => import("../../src/taskpane/collect-xlsx"),
      save: (bytes, fileName) => void saved.push({ bytes, fileName }),
      copy: () => Promise.resolve(true),
      templateYear: () => 2014,
      workbookChanged: () => undefined,
    };
    const store = new CollectStore(initialCollectState("BUF"));
    const controller = new CollectController(hostEnv(host), newSession(), store, collectHost);
    await controller.createUnitTemplate();
    expect(store.state.notice?.intent).toBe("success");
    expect(saved.map((s) => s.fileName)).toEqual(["BUF-2014.xlsx"]);
    const file = new ExcelJS.Workbook();
    await file.xlsx.load(saved[0]?.bytes as unknown as ExcelJS.Buffer);
    const buf = file.getWorksheet("BUF") as ExcelJS.Worksheet;
    expect([5, 6, 7, 8].map((r) => buf.getCell(r, 1).value)).toEqual(["Jobrotation (forløb)", "Fleksjob (personer)", "Seniorjob (personer)", "Løntilskud (pladser)"]);
    // The same file as `jobstatus skabelon --forvaltning BUF --regelsaet`, and blank when it comes back unfilled.
    const plan = await previewCollect(hostEnv(host), newSession(), [await picked("BUF-2014.xlsx", file)], { choice: "ask" });
    expect(plan.problems).toEqual([{ kind: "blank-template", file: "BUF-2014.xlsx", sheets: ["BUF"] }]);
    expect(plan.actions).toEqual([]);
  });

  it("errors on Indstillinger: no one-forvaltning file, and the pane says why", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Indstillinger");
    PROOF_2014.indstillinger.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v === "pladser" ? "kroner" : typeof v === "object" && v !== null ? null : v)));
    const host = createHost(await loadXlsx(await xlsxBytes(wb)));
    const saved: Uint8Array[] = [];
    const collectHost: CollectHost = {
      platform: () => "OfficeOnline",
      loadXlsx: () => import("../../src/taskpane/collect-xlsx"),
      save: (bytes) => void saved.push(bytes),
      copy: () => Promise.resolve(true),
      templateYear: () => 2014,
      workbookChanged: () => undefined,
    };
    const store = new CollectStore(initialCollectState("BUF"));
    await new CollectController(hostEnv(host), newSession(), store, collectHost).createUnitTemplate();
    expect(saved).toEqual([]);
    expect(store.state.notice).toMatchObject({ intent: "error", text: COLLECT_PANE.templateSettingsErrors, detail: COLLECT_PANE.templateSettingsErrorsDetail });
  });
});
