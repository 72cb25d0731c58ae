import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { today } from "../../src/cli/notat";
import { runCli, writeExampleFiles } from "../support/cli";

const sha = async (f: string) => createHash("sha256").update(await fs.readFile(f)).digest("hex");
const exists = (f: string) => fs.stat(f).then(() => true, () => false);

let dir: string;
let example: string;
let broken: string;

beforeAll(async () => {
  ({ dir, example, broken } = await writeExampleFiles());
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The text of the main document part, tags removed. */
async function documentText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  return xml.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "");
}

describe("jobstatus notat", () => {
  it("writes the notat next to the input by default, dated today, and never touches the input", async () => {
    const before = await sha(example);
    const run = await runCli("notat", example);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const out = path.join(dir, "eksempel-notat-2025.docx");
    expect(run.stdout).toContain(`Notatet er skrevet i ${out}.`);
    // The one warning of the example is shown, and nothing is left to fill in.
    expect(run.stdout).toContain("KK_TARGET_DIFFERS");
    expect(run.stdout).not.toContain("udfyldes");
    expect(await sha(example)).toBe(before);
    const text = await documentText(out);
    const t = today();
    expect(text).toContain(`${String(t.day).padStart(2, "0")}-${String(t.month).padStart(2, "0")}-${t.year}`);
    expect(text).toContain("Årsstatus for de særlige jobordninger i KK som arbejdsplads for 2025");
    expect(text).toContain("Tabel 9: Status og målopfyldelse for de særlige jobordninger i Økonomiforvaltningen for 2025");
    // A re-run replaces jobstatus's own default output.
    expect((await runCli("notat", example)).code).toBe(0);
  });

  it("refuses to replace a file named with -o unless --overskriv is given", async () => {
    const out = path.join(dir, "notat.docx");
    await fs.writeFile(out, "mit eget dokument");
    const refused = await runCli("notat", example, "-o", out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("findes allerede");
    expect(await fs.readFile(out, "utf8")).toBe("mit eget dokument");
    const replaced = await runCli("notat", example, "-o", out, "--overskriv");
    expect(replaced.code).toBe(0);
    expect((await fs.readFile(out)).subarray(0, 2).toString()).toBe("PK");
  });

  it("writes nothing when the workbook has errors, and lists them (exit 1)", async () => {
    const out = path.join(dir, "fejl-notat.docx");
    const run = await runCli("notat", broken, "-o", out);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("notatet er ikke skrevet");
    expect(run.stdout).toContain("BIF!C10");
    expect(await exists(out)).toBe(false);
    expect(await exists(path.join(dir, "fejl-notat-2025.docx"))).toBe(false);
  });

  it("names the fields left to fill in when Indstillinger lacks them", async () => {
    const data = await loadExampleData();
    const bare = path.join(dir, "uden-felter.xlsx");
    const wb = await buildExample({ ...data, notat: { afsender: "Kontor for HR og Tilsyn" } });
    await wb.xlsx.writeFile(bare);
    const out = path.join(dir, "uden-felter.docx");
    const run = await runCli("notat", bare, "-o", out);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("felter, der skal udfyldes i Word (markeret med gult): sagsnummer i F2, dokumentnummer i F2, sagsnummer i eDoc, dato for vedtagelse, adresse, postnummer og by og afsenders forvaltning.");
    expect(await documentText(out)).toContain("[Udfyld: sagsnummer i F2]");
  });

  it("refuses an output that is not .docx, a missing input, and unknown options (exit 2)", async () => {
    expect((await runCli("notat", example, "-o", path.join(dir, "notat.xlsx"))).stderr).toContain(".docx");
    expect((await runCli("notat", example, "-o", path.join(dir, "notat.xlsx"))).code).toBe(2);
    expect((await runCli("notat", path.join(dir, "findes-ikke.xlsx"))).code).toBe(2);
    expect((await runCli("notat", example, "--json")).code).toBe(2);
    expect((await runCli("notat")).stderr).toContain("Angiv den projektmappe");
  });
});
