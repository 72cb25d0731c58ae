/**
 * Issue 20 items 4 and 7: what the CLI prints. Text to a terminal carries no control or bidi
 * characters from the files (src/cli/terminal.ts), --json keeps them, escaped; and a CPR-shaped
 * value is masked wherever a value is quoted: text, --json and saml's ready-made mail (src/core/privacy.ts).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { loadExampleData } from "../../src/cli/example";
import { jsonText, terminalSafe } from "../../src/cli/terminal";
import { maskCpr, quotedText } from "../../src/core/privacy";
import { clip } from "../../src/core/text";
import { COLLECT, CPR_MASK, issueLocation, issueMessage, REPORT } from "../../src/messages/da";
import { fillForvaltning } from "../collect/support";
import JSZip from "jszip";
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

  it("a line feed or tab inside a quoted value cannot forge a line: a file name's line feed is a space", async () => {
    const forged = path.join(dir, "BIF\nFejl      BIF!B7         [VALUE_NOT_NUMBER] Alt er forkert\t.xlsx");
    await fs.copyFile(bif, forged);
    const run = await runCli("saml", hoved, forged, "-o", path.join(dir, "samlet-lf.xlsx"));
    expect(run.stdout).toContain("BIF Fejl      BIF!B7");
    expect(run.stdout.split("\n").some((line) => line.startsWith("Fejl      BIF!B7"))).toBe(false);
    expect(run.stdout).not.toContain("Alt er forkert\t");
    expect(quotedText("a\nb\tc\rd\x1be")).toBe("a b c d e");
    const json = await runCli("saml", hoved, forged, "-o", path.join(dir, "samlet-lf-json.xlsx"), "--json");
    const row = (JSON.parse(json.stdout) as { overview: { code: string; file: string | null; mail: string | null }[] }).overview.find((r) => r.code === "BIF");
    expect(row?.file).not.toMatch(/[\n\t]/);
    expect(row?.mail?.split("\n").some((line) => line.startsWith("Fejl      BIF!B7"))).toBe(false);
  });

  it("exceljs's own console warnings go through the same filter (a sheet name over 31 characters)", async () => {
    const { dir: exampleDir, example } = await writeExampleFiles();
    const zip = await JSZip.loadAsync(await fs.readFile(example));
    await fs.rm(exampleDir, { recursive: true, force: true });
    const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    const long = "Noter om borgeren 010190-1234 \u202eskjult\u202c med et langt navn";
    expect(workbook).toContain('name="Noter"');
    zip.file("xl/workbook.xml", workbook.replace('name="Noter"', `name="${long}"`));
    const input = path.join(dir, "langt-arknavn.xlsx");
    await fs.writeFile(input, await zip.generateAsync({ type: "nodebuffer" }));
    const warn = jest.spyOn(console, "warn");
    try {
      const run = await runCli("valider", input);
      expect(warn).not.toHaveBeenCalled();
      expect(run.stderr).toContain("exceeds 31 chars");
      expect(run.stderr).toContain(`Noter om borgeren ${CPR_MASK}`);
      expect(run.stderr).not.toMatch(CPR);
      expect(run.stderr).not.toMatch(UNSAFE);
    } finally {
      warn.mockRestore();
    }
  });

  it("a file name given on the command line is stripped too (stderr)", async () => {
    const run = await runCli("valider", `x${CLEAR}.xlsx`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("x [2J.xlsx");
    expect(run.stderr).not.toMatch(UNSAFE);
  });

  it("--json keeps the characters, escaped: the raw text has none, the parsed value has them", async () => {
    expect(JSON.parse(jsonText({ v: `${OSC52}${C1}${BIDI}\x7f` }))).toEqual({ v: `${OSC52}${C1}${BIDI}\x7f` });
    expect(jsonText({ v: `${C1}${BIDI}` })).toBe('{\n  "v": "\\u009b31m\\u202eabc\\u2066"\n}');
    const run = await runCli("valider", bif, "--json");
    expect(run.stdout).not.toMatch(UNSAFE);
    const json = JSON.parse(run.stdout) as { issues: { code: string; message: string }[] };
    const unknown = json.issues.find((i) => i.code === "ROW_UNKNOWN");
    // A C0 character inside a quoted value is a space (it cannot start a line); C1 and bidi controls
    // are dropped from the quoted value (quotedText), so the message is the terminal's and the pane's sentence.
    expect(unknown?.message).toContain(" [2J");
    expect(unknown?.message).not.toMatch(/[\x00-\x1f]/);
    expect(unknown?.message).toContain("»abc ");
    expect(unknown?.message).not.toMatch(UNSAFE);
  });
});

describe("a quoted value holds no C1 or bidi control (quotedText)", () => {
  it("drops C1 controls, bidi marks, embeddings, overrides and isolates, and the invisible characters; keeps every other character", () => {
    const bidi = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c";
    expect(quotedText(`Log${bidi}abc`)).toBe("Logabc");
    expect(quotedText("a\x80b\x9bc\x9fd")).toBe("abcd");
    expect(quotedText("Løn\u00adtil\u200bskud\ufeff")).toBe("Løntilskud");
    expect(quotedText("æøå »x« € – 😀 Ω")).toBe("æøå »x« € – 😀 Ω");
    // C0 controls, NEL and the line separators stay spaces: a quoted value cannot start a line.
    expect(quotedText("a\nb\x85c\u2028d")).toBe("a b c d");
  });

  it("a CPR number split by an invisible character is masked all the same", () => {
    expect(quotedText("010190\u200b-1234")).toBe(CPR_MASK);
  });

  it("the pane's collect card: a sheet named »Log\u202Eabc« does not turn the rest of COLLECT.unreadable's sentence around", () => {
    const sentence = COLLECT.unreadable("BUF-2025.xlsx", "text-missing", { sheet: "Log\u202eabc\u0085\u009b", cell: "B5" });
    expect(sentence).not.toMatch(UNSAFE);
    expect(sentence).toContain("på arket »Logabc « i filen »BUF-2025.xlsx«");
  });
});

describe("CPR-shaped values are masked wherever a value is quoted", () => {
  it("masks DDMMYY-XXXX and DDMMYYXXXX in text, but not other figures", () => {
    expect(maskCpr("Se 010190-1234 og 3112991234.", "#")).toBe("Se # og #.");
    expect(maskCpr("0101901234567 321390-1234 12.345", "#")).toBe("0101901234567 321390-1234 12.345");
    expect(issueMessage({ code: "VALUE_NOT_NUMBER", params: { what: "status", value: "010190-1234" } })).toContain(`»${CPR_MASK}«`);
  });

  it("masks a CPR number written with a space, dots or a slash", () => {
    expect(maskCpr("ca. 31, se 311299 1234 og 31.12.99-1234 og 311299/1234 og 31/12/99 1234 og 31.12.991234", "#")).toBe("ca. 31, se # og # og # og # og #");
    // The date's parts split differently, or a date alone, are not a CPR number.
    expect(maskCpr("31.12/99-1234 31.12.2025 12.345.678", "#")).toBe("31.12/99-1234 31.12.2025 12.345.678");
  });

  it("never masks a figure: a 9–10 digit number read as a figure is shown, for the user must see it", () => {
    const message = issueMessage({ code: "VALUE_TOO_LARGE", params: { what: "antal forløb", value: 101901234, max: 100000 } });
    expect(message).toContain("101.901.234");
    expect(message).not.toContain(CPR_MASK);
  });

  it("masks before a long text is cut: a CPR number across the cut leaves no digits of it", () => {
    const label = `${"Ordning med et meget langt navn "}010190-1234 og mere`;
    expect(clip(label)).not.toMatch(/010190|0101 ?90/);
    expect(clip(label)).toContain("xxx");
    expect(clip(`${"x".repeat(30)} 0101901234`)).toBe(`${"x".repeat(30)} ${CPR_MASK}`.slice(0, 39) + "…");
  });

  it("masks the names, sheet names and file names messages quote, and the mail names only the file's base name", () => {
    expect(REPORT.tableTitleUnit(3, "Forvaltning 010190-1234", "2025")).not.toMatch(CPR);
    expect(issueLocation({ sheet: "010190-1234", cell: "B5" })).toBe(`${CPR_MASK}!B5`);
    expect(COLLECT.problem.mainSkipped("/home/a/BUF 010190-1234.xlsx")).not.toMatch(CPR);
    const mail = COLLECT.mail("BUF 0101901234", "/home/analytiker/hemmelig mappe/BUF 010190-1234 Jens.xlsx", ["Fejl i BUF!B5"]);
    expect(mail).not.toMatch(CPR);
    expect(mail).not.toContain("/home/analytiker");
    expect(mail).toContain(`»BUF ${CPR_MASK} Jens.xlsx«`);
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

  it("saml: a file name with a CPR number is masked in the overview, --json and the mail; the mail has no folder", async () => {
    const folder = path.join(dir, "mappe 311299-1234");
    await fs.mkdir(folder);
    const named = path.join(folder, "BIF 010190-1234 Jens.xlsx");
    await fs.copyFile(bif, named);
    const text = await runCli("saml", hoved, named, "-o", path.join(dir, "samlet-navn.xlsx"));
    expect(text.stdout).toContain(`BIF ${CPR_MASK} Jens.xlsx`);
    expect(text.stdout).not.toMatch(/010190|311299/);
    const run = await runCli("saml", hoved, named, "-o", path.join(dir, "samlet-navn-json.xlsx"), "--json");
    expect(run.stdout).not.toMatch(/010190|311299/);
    const json = JSON.parse(run.stdout) as { overview: { code: string; file: string | null; mail: string | null }[] };
    const row = json.overview.find((r) => r.code === "BIF");
    expect(row?.file).toContain(CPR_MASK);
    expect(row?.mail).toContain(`»BIF ${CPR_MASK} Jens.xlsx«`);
    expect(row?.mail).not.toContain(dir);
  });

  it("beregn: a forvaltning's name from Måltal with a CPR number is masked in the table titles", async () => {
    const { dir: exampleDir, example } = await writeExampleFiles();
    const wb = await readXlsx(example);
    await fs.rm(exampleDir, { recursive: true, force: true });
    let named = false;
    wb.getWorksheet("Måltal")!.eachRow((row) => {
      const code = String(row.getCell(1).value ?? "");
      if (!named && /^[A-Z]{3}$/.test(code) && typeof row.getCell(2).value === "string") {
        named = true;
        row.getCell(2).value = "Forvaltning 010190 1234";
      }
    });
    expect(named).toBe(true);
    const input = path.join(dir, "navn-cpr.xlsx");
    await wb.xlsx.writeFile(input);
    const run = await runCli("beregn", input, "-o", path.join(dir, "navn-cpr-status.xlsx"));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Forvaltning ${CPR_MASK}`);
    expect(run.stdout).not.toMatch(/010190/);
  });

  it("saml --json: the ready-made mail to the forvaltning carries no CPR number", async () => {
    const run = await runCli("saml", hoved, bif, "-o", path.join(dir, "samlet-json.xlsx"), "--json");
    const json = JSON.parse(run.stdout) as { overview: { code: string; mail: string | null }[] };
    const mail = json.overview.find((r) => r.code === "BIF")?.mail;
    expect(mail).toContain(CPR_MASK);
    expect(run.stdout).not.toMatch(CPR);
  });
});
