/**
 * The CLI as a newcomer meets it (issue 21, items 9–11): help per command, the file type of every
 * output, JSON that stays one document, and exit codes as documented.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { StatusJsonSchema } from "../../src/core/json";
import { COMMANDS } from "../../src/cli/usage";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { calculate } from "../../src/core";
import { CLI, REPORT } from "../../src/messages/da";
import { readXlsx, runCli, writeExampleFiles } from "../support/cli";

let dir: string;
let example: string;

beforeAll(async () => {
  ({ dir, example } = await writeExampleFiles());
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const exists = (f: string): Promise<boolean> => fs.stat(f).then(() => true, () => false);

/** The options a help text names, with whether it shows a value after them. */
function optionsIn(help: string): { option: string; value: boolean }[] {
  const section = help.slice(help.indexOf("Tilvalg:"));
  const out: { option: string; value: boolean }[] = [];
  for (const line of section.split("\n")) {
    const m = /^ {2}(-[^ ,]+(?:, -[^ ,]+)*)( [A-ZÆØÅ][A-ZÆØÅ.]*)?(?= )/.exec(line);
    if (!m) continue;
    for (const o of (m[1] as string).split(", ")) out.push({ option: o, value: m[2] !== undefined });
  }
  return out;
}

describe("help", () => {
  it.each(COMMANDS)("»jobstatus %s --help« prints that command's help, not the global one (exit 0)", async (command) => {
    for (const flag of ["--help", "-h"]) {
      const run = await runCli(command, flag);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
      expect(run.stdout.trim()).toBe(CLI.help[command]);
      expect(run.stdout).toContain(`Brug: jobstatus ${command} `);
      expect(run.stdout).not.toContain("jobstatus --help | --version");
    }
    // »help KOMMANDO« says the same; --help wins over other arguments, even unknown ones.
    expect((await runCli("help", command)).stdout.trim()).toBe(CLI.help[command]);
    expect((await runCli(command, "x.xlsx", "--bogus", "--help")).code).toBe(0);
  });

  it.each(COMMANDS)("every option that »jobstatus %s --help« names is one the command accepts", async (command) => {
    const options = optionsIn(CLI.help[command]).filter((o) => o.option !== "-h" && o.option !== "--help");
    expect(options.length).toBeGreaterThan(0);
    for (const { option, value } of options) {
      const args = [command, path.join(dir, "findes-ikke.xlsx"), option, ...(value ? [option.startsWith("--a") || option === "--år" ? "2025" : option === "--ark" || option === "--forvaltning" ? "BUF" : path.join(dir, "ud.xlsx")] : [])];
      if (command === "notat" && (option === "-o" || option === "--out")) args[args.length - 1] = path.join(dir, "ud.docx");
      const run = await runCli(...args);
      expect(`${option}: ${run.stderr}`).not.toMatch(/Ukendt tilvalg/);
    }
  });

  it("the global help lists every command once, and says how to get a command's help", async () => {
    const run = await runCli("--help");
    expect(run.code).toBe(0);
    for (const c of COMMANDS) expect(run.stdout.match(new RegExp(`^ {2}jobstatus ${c} `, "gm"))).toHaveLength(1);
    expect(run.stdout).toContain("jobstatus KOMMANDO --help");
  });

  it("help for a command that does not exist is a usage error", async () => {
    const run = await runCli("help", "frobnicate");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Ukendt kommando »frobnicate«/);
  });
});

describe("skabelon and an existing file", () => {
  it("refuses without --overskriv, advises it, and replaces the file with it", async () => {
    const file = path.join(dir, "findes.xlsx");
    await fs.writeFile(file, "mine data");
    const refused = await runCli("skabelon", "--aar", "2025", "-o", file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--overskriv");
    expect(await fs.readFile(file, "utf8")).toBe("mine data");

    const replaced = await runCli("skabelon", "--aar", "2025", "-o", file, "--overskriv");
    expect(replaced.code).toBe(0);
    expect((await readXlsx(file)).worksheets.map((w) => w.name)).toContain("Måltal");

    const one = await runCli("skabelon", "--aar", "2025", "--forvaltning", "BUF", "-o", file, "--overskriv");
    expect(one.code).toBe(0);
    expect((await readXlsx(file)).worksheets.map((w) => w.name)).toEqual(["BUF"]);
  });
});

describe("the file type of every output", () => {
  it.each([
    [["beregn", "EX", "-o", "ud.docx"], "ud.docx", "»ud.xlsx«"],
    [["saml", "EX", "EX", "-o", "x.csv"], "x.csv", "»x.xlsx«"],
    [["gendan", "EX", "BUF", "-o", "x.txt"], "x.txt", "»x.xlsx«"],
    [["skabelon", "--aar", "2025", "-o", "x.txt"], "x.txt", "»x.xlsx«"],
    [["skabelon", "--aar", "2025", "--forvaltning", "BUF", "-o", "x"], "x", "»x.xlsx«"],
    [["notat", "EX", "-o", "n.pdf"], "n.pdf", "»n.docx«"],
    [["notat", "EX", "-o", "n.xlsx"], "n.xlsx", "»n.docx«"],
  ])("%j: a Danish usage error that suggests the right name, exit 2, nothing written", async (args, out, suggestion) => {
    const target = path.join(dir, out);
    const run = await runCli(...args.map((a) => (a === "EX" ? example : a === out ? target : a)));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(suggestion.replace("»", `»${dir}${path.sep}`));
    expect(run.stderr).not.toMatch(/\.(pdf|txt|csv|docx|xlsx)\.(docx|xlsx)/);
    expect(await exists(target)).toBe(false);
  });

  it("accepts the right extension in any case (».XLSX«, ».Docx«)", async () => {
    expect((await runCli("beregn", example, "-o", path.join(dir, "STOR.XLSX"))).code).toBe(0);
    expect((await runCli("notat", example, "-o", path.join(dir, "Notat.Docx"))).code).toBe(0);
  });
});

describe("--json", () => {
  it("a usage error prints one JSON document with the message on stdout (and the sentence on stderr), exit 2", async () => {
    for (const args of [["beregn", "--json"], ["beregn", path.join(dir, "findes-ikke.xlsx"), "--json"], ["valider", "x.xlsx", "--bogus", "--json"], ["beregn", example, "-o", "ud.docx", "--json"]]) {
      const run = await runCli(...args);
      expect(run.code).toBe(2);
      const doc = JSON.parse(run.stdout) as { error: { exitCode: number; message: string } };
      expect(doc.error.exitCode).toBe(2);
      expect(doc.error.message.length).toBeGreaterThan(10);
      expect(run.stderr.trim()).toBe(doc.error.message);
    }
  });

  it("beregn --json says on stderr where it wrote, and keeps stdout one document", async () => {
    const out = path.join(dir, "json-hvor.xlsx");
    const run = await runCli("beregn", example, "-o", out, "--json");
    expect(run.code).toBe(0);
    StatusJsonSchema.parse(JSON.parse(run.stdout));
    expect(run.stderr.trim()).toBe(CLI.written(out, "Status 2025"));
    expect(await exists(out)).toBe(true);
  });

  it("gives every number raw and unrounded, the very doubles the engine computed (the add-in's figures, to the last digit)", async () => {
    const file = path.join(dir, "json-tal.xlsx");
    const run = await runCli("beregn", example, "-o", file, "--json");
    const doc = StatusJsonSchema.parse(JSON.parse(run.stdout));
    const engine = calculate(readWorkbookGrid(await readXlsx(example))).result;
    expect(doc.kk?.status.samlet).toBe(engine.kk?.status.samlet);
    expect(doc.kk?.maalopfyldelse?.vaegtet).toBe(engine.kk?.maalopfyldelse?.vaegtet);
    expect(doc.forvaltninger.map((u) => u.maalopfyldelse?.vaegtet)).toEqual(engine.forvaltninger.map((u) => u.maalopfyldelse?.vaegtet));
    // Unrounded: the weighted totals are not whole percentages.
    expect(doc.forvaltninger.some((u) => !Number.isInteger(u.maalopfyldelse?.vaegtet ?? 0))).toBe(true);
  });
});

/** A compound file (MS-CFB) with these streams in its directory, as Excel writes a password-protected .xlsx or an .xls. */
function compoundFile(streams: readonly string[]): Uint8Array {
  const header = new Uint8Array(512);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  header[0x1e] = 9;
  const entries = ["Root Entry", ...streams].map((name) => {
    const e = new Uint8Array(128);
    for (let i = 0; i < name.length; i++) e[2 * i] = name.charCodeAt(i);
    e[0x40] = (name.length + 1) * 2;
    e[0x42] = 2;
    return e;
  });
  const out = new Uint8Array(512 + Math.ceil(entries.length / 4) * 512);
  out.set(header);
  entries.forEach((e, i) => out.set(e, 512 + i * 128));
  return out;
}

async function docxBytes(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("a file that is not a workbook: a Danish sentence for what it is, exit 2 (README), never »Gem den som .xlsx« for all", () => {
  it.each([
    ["password", async () => compoundFile(["\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"]), "beskyttet med en adgangskode"],
    ["legacy .xls", async () => compoundFile(["Workbook"]), "Excels gamle format (.xls)"],
    ["a .docx renamed", docxBytes, "er ikke en Excel-projektmappe, selvom navnet ender på .xlsx"],
    ["a .csv renamed", async () => new TextEncoder().encode("Ordning;Status\r\nLøntilskud;12,5\r\n"), "er en tekstfil (fx CSV)"],
    ["an empty file", async () => new Uint8Array(0), "er tom"],
  ])("%s", async (name, bytes, message) => {
    const file = path.join(dir, `${name.replace(/\W+/g, "-")}.xlsx`);
    await fs.writeFile(file, await bytes());
    for (const args of [["beregn", file], ["valider", file], ["notat", file], ["saml", example, file, "-o", path.join(dir, "saml-ud.xlsx")]]) {
      const run = await runCli(...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain(file);
      expect(run.stdout).not.toContain("Projektmappen er tom");
    }
    // The messages differ by kind: none is the generic »Gem den som .xlsx«.
    expect((await runCli("valider", file)).stderr).not.toContain("kan ikke læses som en Excel-projektmappe");
  });

  it("a file the user may not read says so (read refused by the system: EACCES)", async () => {
    // Root reads every file, so the refusal Node reports (fs.readFile rejects with code EACCES) is simulated once.
    const spy = jest.spyOn(fs, "readFile").mockRejectedValueOnce(Object.assign(new Error("permission denied"), { code: "EACCES" }));
    try {
      const run = await runCli("valider", example);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("Du har ikke adgang til at læse filen");
    } finally {
      spy.mockRestore();
    }
  });

  it("a damaged workbook that is still recognisable as a zip is the generic sentence", async () => {
    const file = path.join(dir, "halv.xlsx");
    const whole = await fs.readFile(example);
    await fs.writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
    const run = await runCli("valider", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("kan ikke læses som en Excel-projektmappe");
  });
});

describe("Tabel 2's absence in the CLI's output", () => {
  it("beregn and notat say that Tabel 2 is not there, and why", async () => {
    const wb = await readXlsx(example);
    wb.removeWorksheet(wb.getWorksheet("Forrige år")?.id ?? -1);
    const file = path.join(dir, "uden-forrige.xlsx");
    await wb.xlsx.writeFile(file);
    const note = REPORT.noPrevious(2024, false);
    const b = await runCli("beregn", file, "-o", path.join(dir, "uden-forrige-status.xlsx"));
    expect(b.code).toBe(0);
    expect(b.stdout).toContain(note);
    const n = await runCli("notat", file, "-o", path.join(dir, "uden-forrige.docx"));
    expect(n.code).toBe(0);
    expect(n.stdout).toContain(note);
  });
});
