/**
 * Issue 20 items 5 and 6: the CLI's writes are exclusive and honest, and a default output is
 * replaced only while it is as jobstatus wrote it (src/cli/write-file.ts, src/cli/owner-mark.ts).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { CLI } from "../../src/messages/da";
import { ownedAndUnchanged, stampOwner } from "../../src/cli/owner-mark";
import { mayReplaceDefault, writeOutput } from "../../src/cli/write-file";
import ExcelJS from "../../src/cli/exceljs";
import { readXlsx, runCli, tempDir, writeExampleFiles } from "../support/cli";
import { describeErrors, validateOoxml } from "../support/ooxml";

const sha = async (f: string) => createHash("sha256").update(await fs.readFile(f)).digest("hex");

let dir: string;
let example: string;
beforeAll(async () => {
  ({ dir, example } = await writeExampleFiles());
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const leftovers = async (d: string) => (await fs.readdir(d)).filter((f) => f.endsWith(".tmp"));

describe("writes are exclusive", () => {
  it("a link planted at the old temporary name (.NAME.PID.tmp) is not followed: the file it points at is untouched", async () => {
    const victim = path.join(dir, "victim.txt");
    await fs.writeFile(victim, "the user's own file");
    const out = path.join(dir, "planted.xlsx");
    const planted = path.join(dir, `.planted.xlsx.${process.pid}.tmp`);
    await fs.symlink(victim, planted);
    const run = await runCli("beregn", example, "-o", out);
    expect(run.code).toBe(0);
    expect(await fs.readFile(victim, "utf8")).toBe("the user's own file");
    await fs.rm(planted);
    expect((await readXlsx(out)).getWorksheet("Status 2025")).toBeDefined();
  });

  it("the temporary file is created exclusively under a random name: a second write beside it never reuses it", async () => {
    const sub = await fs.mkdtemp(path.join(dir, "tmpnames-"));
    await Promise.all([writeOutput(new Uint8Array([1]), path.join(sub, "a.bin"), { replace: false }), writeOutput(new Uint8Array([2]), path.join(sub, "b.bin"), { replace: false })]);
    expect([...(await fs.readFile(path.join(sub, "a.bin")))]).toEqual([1]);
    expect([...(await fs.readFile(path.join(sub, "b.bin")))]).toEqual([2]);
    expect(await leftovers(sub)).toEqual([]);
  });

  it.each([
    ["a folder", async (p: string) => fs.mkdir(p)],
    ["a fifo", async (p: string) => void execFileSync("mkfifo", [p])],
    ["a link to a device", async (p: string) => fs.symlink("/dev/null", p)],
    ["a dangling link", async (p: string) => fs.symlink(path.join(dir, "nowhere"), p)],
  ])("refuses -o onto %s, even with --overskriv, and leaves it as it was", async (_what, make) => {
    const out = path.join(dir, `special-${Math.random().toString(36).slice(2)}.xlsx`);
    await make(out);
    const before = await fs.lstat(out);
    for (const extra of [[], ["--overskriv"]]) {
      const run = await runCli("beregn", example, "-o", out, ...extra);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(CLI.notRegularFile(out));
    }
    const after = await fs.lstat(out);
    expect([after.ino, after.mode]).toEqual([before.ino, before.mode]);
    expect(await leftovers(dir)).toEqual([]);
  });

  it("two beregn -o same.xlsx at once: exactly one writes, the other is told the file exists", async () => {
    const out = path.join(dir, "race.xlsx");
    const runs = await Promise.all([runCli("beregn", example, "-o", out), runCli("beregn", example, "-o", out)]);
    expect(runs.map((r) => r.code).sort()).toEqual([0, 2]);
    expect(runs.find((r) => r.code === 2)?.stderr).toContain(CLI.outputExists(out));
    expect((await readXlsx(out)).getWorksheet("Status 2025")).toBeDefined();
  });

  it("two skabelon -o same.xlsx at once: exactly one writes (skabelon never overwrites)", async () => {
    const out = path.join(dir, "race-skabelon.xlsx");
    const runs = await Promise.all([runCli("skabelon", "--aar", "2025", "-o", out), runCli("skabelon", "--aar", "2024", "-o", out)]);
    expect(runs.map((r) => r.code).sort()).toEqual([0, 2]);
    expect(await leftovers(dir)).toEqual([]);
  });

  it("without permission to replace, the final name is taken exclusively even when the file appears after the check", async () => {
    const out = path.join(dir, "late.bin");
    const write = writeOutput(new Uint8Array(1_000_000), out, { replace: false });
    await fs.writeFile(out, "appeared meanwhile");
    await expect(write).rejects.toThrow(CLI.outputExists(out));
    expect(await fs.readFile(out, "utf8")).toBe("appeared meanwhile");
  });
});

describe("default outputs are replaced only while jobstatus owns them", () => {
  let input: string;
  let status: string;
  let notat: string;
  beforeAll(async () => {
    const sub = await fs.mkdtemp(path.join(dir, "owner-"));
    input = path.join(sub, "data.xlsx");
    await fs.copyFile(example, input);
    status = path.join(sub, "data-status-2025.xlsx");
    notat = path.join(sub, "data-notat-2025.docx");
  });

  it("a re-run of beregn replaces the status copy it wrote, untouched since (the copy carries the marker and is valid Open XML)", async () => {
    expect((await runCli("beregn", input)).code).toBe(0);
    expect(await ownedAndUnchanged(status)).toBe(true);
    const zip = await JSZip.loadAsync(await fs.readFile(status));
    expect(await zip.file("docProps/custom.xml")?.async("string")).toMatch(/name="jobstatus"><vt:lpwstr>sha256:[0-9a-f]{64}</);
    const result = await validateOoxml(status);
    expect(describeErrors(result)).toEqual([]);
    const run = await runCli("beregn", input);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(CLI.written(status, "Status 2025"));
  });

  it("refuses to replace the status copy once the user edited and saved it, and says what to do; --overskriv replaces it", async () => {
    const wb = await readXlsx(status);
    wb.getWorksheet("Status 2025")!.getCell("H1").value = "min kommentar";
    await wb.xlsx.writeFile(status);
    const before = await sha(status);
    expect(await ownedAndUnchanged(status)).toBe(false);
    const run = await runCli("beregn", input);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(CLI.outputNotJobstatus(status));
    expect(await sha(status)).toBe(before);
    expect((await runCli("beregn", input, "--overskriv")).code).toBe(0);
    expect(await ownedAndUnchanged(status)).toBe(true);
  });

  it("a change to a single part (same content re-zipped by another program) counts as changed", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(status));
    const sheet = Object.keys(zip.files).find((n) => n.startsWith("xl/worksheets/sheet"))!;
    zip.file(sheet, `${await zip.file(sheet)!.async("string")} `);
    await fs.writeFile(status, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    expect(await ownedAndUnchanged(status)).toBe(false);
    expect((await runCli("beregn", input)).code).toBe(2);
  });

  it("checks ownership again right before the final rename: a copy the user saved while the run computed is not replaced", async () => {
    expect((await runCli("beregn", input, "--overskriv")).code).toBe(0);
    const wb = await readXlsx(status);
    // The run's early check passes: the copy is jobstatus's, untouched …
    expect(await mayReplaceDefault(status, false)).toBe(true);
    // … then the user saves it while the run computes …
    wb.getWorksheet("Status 2025")!.getCell("H2").value = "gemt undervejs";
    await wb.xlsx.writeFile(status);
    const before = await sha(status);
    // … and the write, granted by ownership, refuses at the rename.
    const bytes = new Uint8Array((await new ExcelJS.Workbook().xlsx.writeBuffer()) as ArrayBuffer);
    await expect(writeOutput(bytes, status, { replace: true, stamp: true, ownedOnly: true })).rejects.toThrow(CLI.outputNotJobstatus(status));
    expect(await sha(status)).toBe(before);
    expect((await fs.readdir(path.dirname(status))).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("the marker's hash covers the other custom properties: a changed sensitivity label counts as a change", async () => {
    const label = (enabled: string): string =>
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_0000_Enabled"><vt:lpwstr>${enabled}</vt:lpwstr></property></Properties>`;
    const pkg = new JSZip();
    pkg.file("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>');
    pkg.file("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>');
    pkg.file("docProps/custom.xml", label("true"));
    pkg.file("xl/part.xml", "<x/>");
    const file = path.join(dir, "label.xlsx");
    await fs.writeFile(file, stampOwner(await pkg.generateAsync({ type: "uint8array", compression: "STORE" })));
    expect(await ownedAndUnchanged(file)).toBe(true);
    // Re-stored (STORE keeps every other part's bytes): unchanged, still jobstatus's …
    const stamped = await JSZip.loadAsync(await fs.readFile(file));
    const custom = (await stamped.file("docProps/custom.xml")?.async("string")) ?? "";
    expect(custom).toContain("MSIP_Label_0000_Enabled");
    stamped.file("docProps/custom.xml", custom);
    await fs.writeFile(file, await stamped.generateAsync({ type: "nodebuffer", compression: "STORE" }));
    expect(await ownedAndUnchanged(file)).toBe(true);
    // … but with the label changed, it is the user's.
    stamped.file("docProps/custom.xml", custom.replace("<vt:lpwstr>true</vt:lpwstr>", "<vt:lpwstr>false</vt:lpwstr>"));
    await fs.writeFile(file, await stamped.generateAsync({ type: "nodebuffer", compression: "STORE" }));
    expect(await ownedAndUnchanged(file)).toBe(false);
  });

  it("never replaces an unrelated file that has the default name", async () => {
    await fs.writeFile(status, "another program's file");
    const run = await runCli("beregn", input);
    expect(run.code).toBe(2);
    expect(await fs.readFile(status, "utf8")).toBe("another program's file");
    await fs.rm(status);
  });

  it("notat: a re-run replaces its own untouched .docx, but not one the user finished in Word", async () => {
    expect((await runCli("notat", input)).code).toBe(0);
    expect(await ownedAndUnchanged(notat)).toBe(true);
    expect(describeErrors(await validateOoxml(notat))).toEqual([]);
    expect((await runCli("notat", input)).code).toBe(0);
    // The user fills in a yellow field in Word and saves: Word rewrites the document part.
    const zip = await JSZip.loadAsync(await fs.readFile(notat));
    const doc = await zip.file("word/document.xml")!.async("string");
    zip.file("word/document.xml", doc.replace("</w:body>", "<w:p><w:r><w:t>Udfyldt af HR</w:t></w:r></w:p></w:body>"));
    await fs.writeFile(notat, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const before = await sha(notat);
    const run = await runCli("notat", input);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(CLI.outputNotJobstatus(notat));
    expect(await sha(notat)).toBe(before);
    expect((await runCli("notat", input, "--overskriv")).code).toBe(0);
  });
});

describe("the input's custom document properties (sensitivity labels) survive into the copy", () => {
  const LABEL =
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_0000_Enabled"><vt:lpwstr>true</vt:lpwstr></property>' +
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="MSIP_Label_0000_Name"><vt:lpwstr>Fortroligt</vt:lpwstr></property>';
  const customOf = async (file: string): Promise<string> => (await (await JSZip.loadAsync(await fs.readFile(file))).file("docProps/custom.xml")?.async("string")) ?? "";

  it("beregn keeps them in the default copy (beside the owner marker, valid Open XML) and in a copy named with -o", async () => {
    const sub = await fs.mkdtemp(path.join(dir, "label-"));
    const input = path.join(sub, "mærket.xlsx");
    const zip = await JSZip.loadAsync(await fs.readFile(example));
    const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    const rels = (await zip.file("_rels/.rels")?.async("string")) ?? "";
    zip.file("[Content_Types].xml", types.replace("</Types>", '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'));
    zip.file("_rels/.rels", rels.replace("</Relationships>", '<Relationship Id="rIdLabel" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>'));
    zip.file(
      "docProps/custom.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${LABEL}</Properties>`,
    );
    await fs.writeFile(input, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));

    expect((await runCli("beregn", input)).code).toBe(0);
    const status = path.join(sub, "mærket-status-2025.xlsx");
    const custom = await customOf(status);
    expect(custom).toContain(LABEL);
    expect(custom).toMatch(/pid="4" name="jobstatus"><vt:lpwstr>sha256:[0-9a-f]{64}</);
    expect(await ownedAndUnchanged(status)).toBe(true);
    expect(describeErrors(await validateOoxml(status))).toEqual([]);
    // A re-run from the status copy itself carries the labels, not its old marker.
    const again = path.join(sub, "igen.xlsx");
    expect((await runCli("beregn", status, "-o", again)).code).toBe(0);
    expect(await customOf(again)).toContain(LABEL);
    expect(await customOf(again)).not.toContain('name="jobstatus"');
  });
});

