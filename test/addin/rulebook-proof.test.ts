/**
 * Issue 22 in the add-in: the 2014 shape and 2026 with a sixth scheme, defined by their Indstillinger
 * alone, through »Beregn status« and »Hent notat (Word)« on the test host. The status sheet equals
 * the CLI's cell for cell, and the texts follow the rulebook.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { TextDecoder, TextEncoder } from "node:util";
import { calculateStatus, newSession } from "../../src/office/operations";
import { Controller } from "../../src/taskpane/controller";
import type { NotatHost } from "../../src/taskpane/notat-download";
import { writeNotat } from "../../src/taskpane/notat-writer";
import { initialState, Store } from "../../src/taskpane/store";
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
