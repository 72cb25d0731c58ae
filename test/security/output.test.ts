/**
 * Issue 20 items 4 and 7: what the CLI prints. Text to a terminal carries no control or bidi
 * characters from the files (src/cli/terminal.ts), --json keeps them, escaped; and a CPR-shaped
 * value is masked wherever a value is quoted: text, --json and saml's ready-made mail (src/core/privacy.ts).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { loadExampleData } from "../../src/cli/example";
import { jsonText, terminalSafe } from "../../src/cli/terminal";
import { isCprNumber, maskCpr } from "../../src/core/privacy";
import { CPR_MASK, issueMessage } from "../../src/messages/da";
import { fillForvaltning } from "../collect/support";
import { readXlsx, runCli, tempDir, writeExampleFiles } from "../support/cli";

const OSC52 = "\x1b]52;c;aGFjaw==\x07";
const CLEAR = "\x1b[2J";
const OSC8 = "\x1b]8;;http://example.invalid/\x07klik\x1b]8;;\x07";
const C1 = "\x9b31m";
const BIDI = "\u202eabc\u2066";
/** Any character a terminal could act on, or that shows another text than the one stored. */
const UNSAFE = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
const CPR = /010190-?1234|101901234/;

let dir: string;
let hoved: string;
let bif: string;
beforeAll(async () => {
  dir = await tempDir();
  const data = await loadExampleData();
  hoved = path.join(dir, "HOVED.xlsx");
  expect((await runCli("skabelon", "--aar", "2025", "-o", hoved)).code).toBe(0);
  const blank = path.join(dir, "blank-BIF.xlsx");
  expect((await runCli("skabelon", "--aar", "2025", "--forvaltning", "BIF", "-o", blank)).code).toBe(0);
  const wb = await readXlsx(blank);
  fillForvaltning(wb, "BIF", data);
  const ws = wb.getWorksheet("BIF")!;
  // A figure cell holding a text with a CPR number and escape sequences (VALUE_NOT_NUMBER quotes it) …
  ws.getCell("B5").value = `${OSC52}010190-1234`;
  // … a figure typed as a CPR number without its hyphen (VALUE_TOO_LARGE quotes it) …
  ws.getCell("C5").value = 101901234;
  // … and an unknown row label with figures (ROW_UNKNOWN quotes it).
  ws.getCell("A20").value = `${BIDI} 0101901234 ${CLEAR}${OSC8}${C1}`;
  ws.getCell("B20").value = 3;
  bif = path.join(dir, "BIF.xlsx");
  await wb.xlsx.writeFile(bif);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("text to a terminal is safe", () => {
  it("strips C0, DEL, C1 and bidi controls, and keeps tab, line feed and every other character", () => {
    expect(terminalSafe(`a${OSC52}b${CLEAR}c${C1}${BIDI}\td\næøå »x« €`)).toBe("a]52;c;aGFjaw==b[2Jc31mabc\td\næøå »x« €");
  });

  it("valider: the quoted cell texts and row labels reach stdout without an escape sequence", async () => {
    const run = await runCli("valider", bif);
    expect(run.stdout).toContain("VALUE_NOT_NUMBER");
    expect(run.stdout).toContain("ROW_UNKNOWN");
    expect(run.stdout).not.toMatch(UNSAFE);
    expect(run.stderr).not.toMatch(UNSAFE);
  });

  it("saml: the overview, the problems and the issues reach stdout without an escape sequence", async () => {
    const run = await runCli("saml", hoved, bif, "-o", path.join(dir, "samlet-text.xlsx"));
    expect(run.stdout).toContain("BIF");
    expect(run.stdout).not.toMatch(UNSAFE);
  });

  it("beregn: a forvaltning's name from Måltal reaches the table titles without an escape sequence", async () => {
    const { dir: exampleDir, example } = await writeExampleFiles();
    const wb = await readXlsx(example);
    await fs.rm(exampleDir, { recursive: true, force: true });
    const maaltal = wb.getWorksheet("Måltal")!;
    let named = "";
    maaltal.eachRow((row) => {
      const code = String(row.getCell(1).value ?? "");
      if (!named && /^[A-Z]{3}$/.test(code) && code !== "KK" && typeof row.getCell(2).value === "string") {
        named = code;
        row.getCell(2).value = `Forvaltning${OSC52}${CLEAR}${BIDI}`;
      }
    });
    expect(named).not.toBe("");
    const input = path.join(dir, "navn.xlsx");
    await wb.xlsx.writeFile(input);
    const run = await runCli("beregn", input, "-o", path.join(dir, "navn-status.xlsx"));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Forvaltning]52;c;aGFjaw==[2Jabc");
    expect(run.stdout).not.toMatch(UNSAFE);
  });

  it("a file name given on the command line is stripped too (stderr)", async () => {
    const run = await runCli("valider", `x${CLEAR}.xlsx`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("x[2J.xlsx");
    expect(run.stderr).not.toMatch(UNSAFE);
  });

  it("--json keeps the characters, escaped: the raw text has none, the parsed value has them", async () => {
    expect(JSON.parse(jsonText({ v: `${OSC52}${C1}${BIDI}\x7f` }))).toEqual({ v: `${OSC52}${C1}${BIDI}\x7f` });
    expect(jsonText({ v: `${C1}${BIDI}` })).toBe('{\n  "v": "\\u009b31m\\u202eabc\\u2066"\n}');
    const run = await runCli("valider", bif, "--json");
    expect(run.stdout).not.toMatch(UNSAFE);
    const json = JSON.parse(run.stdout) as { issues: { code: string; message: string }[] };
    const unknown = json.issues.find((i) => i.code === "ROW_UNKNOWN");
    expect(unknown?.message).toContain("\x1b[2J");
    expect(unknown?.message).toContain("\u202e");
  });
});

describe("CPR-shaped values are masked wherever a value is quoted", () => {
  it("masks DDMMYY-XXXX and DDMMYYXXXX, and a CPR number typed as a number, but not other figures", () => {
    expect(maskCpr("Se 010190-1234 og 3112991234.", "#")).toBe("Se # og #.");
    expect(maskCpr("0101901234567 321390-1234 12.345", "#")).toBe("0101901234567 321390-1234 12.345");
    expect(isCprNumber(101901234)).toBe(true);
    expect(isCprNumber(3112991234)).toBe(true);
    expect(isCprNumber(1250)).toBe(false);
    expect(isCprNumber(3213991234)).toBe(false);
    expect(issueMessage({ code: "VALUE_NOT_NUMBER", params: { what: "status", value: "010190-1234" } })).toContain(`»${CPR_MASK}«`);
    expect(issueMessage({ code: "VALUE_TOO_LARGE", params: { what: "antal forløb", value: 101901234, max: 100000 } })).not.toMatch(CPR);
  });

  it("valider (text and --json) names the cells but never the CPR numbers", async () => {
    const text = await runCli("valider", bif);
    expect(text.stdout).toContain("BIF!B5");
    expect(text.stdout).toContain(CPR_MASK);
    expect(text.stdout).not.toMatch(CPR);
    const json = await runCli("valider", bif, "--json");
    expect(json.stdout).toContain(CPR_MASK);
    expect(json.stdout).not.toMatch(CPR);
  });

  it("saml --json: the ready-made mail to the forvaltning carries no CPR number", async () => {
    const run = await runCli("saml", hoved, bif, "-o", path.join(dir, "samlet-json.xlsx"), "--json");
    const json = JSON.parse(run.stdout) as { overview: { code: string; mail: string | null }[] };
    const mail = json.overview.find((r) => r.code === "BIF")?.mail;
    expect(mail).toContain(CPR_MASK);
    expect(run.stdout).not.toMatch(CPR);
  });
});
