/**
 * Every kind of file jobstatus writes passes Microsoft's Open XML SDK validator: the examples, the
 * template, the status copy, and the add-in's output (saved through the test host). And the fix
 * that makes them pass (src/cli/exceljs.ts: `<font>` children in schema order) is pinned on its own.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { buildBrokenExample, buildExample, loadExampleData } from "../src/cli/example";
import { FONT_CHILD_ORDER } from "../src/cli/exceljs";
import { calculateStatus, createTemplate, newSession } from "../src/office/operations";
import { createHost, createModel, saveXlsx } from "./host";
import { exampleHost, hostEnv } from "./addin/fixtures";
import { runCli, tempDir } from "./support/cli";
import { describeErrors, validateOoxml } from "./support/ooxml";

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function expectValid(file: string): Promise<void> {
  const result = await validateOoxml(file);
  expect(describeErrors(result)).toEqual([]);
  expect(result.ok).toBe(true);
}

/** The order of each `<font>`'s children in a written file's styles.xml, as tag lists. */
async function fontChildren(file: string): Promise<string[][]> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const styles = await zip.file("xl/styles.xml")!.async("string");
  return [...styles.matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => [...m[1]!.matchAll(/<(\w+)[\s/>]/g)].map((t) => t[1]!));
}

describe("the Open XML SDK validator accepts", () => {
  it("the two example workbooks that `npm run demo` writes", async () => {
    const data = await loadExampleData();
    const good = path.join(dir, "eksempel-2025.xlsx");
    const broken = path.join(dir, "eksempel-2025-fejl.xlsx");
    await (await buildExample(data)).xlsx.writeFile(good);
    await (await buildBrokenExample(data)).xlsx.writeFile(broken);
    await expectValid(good);
    await expectValid(broken);
  });

  it("the status copy that `jobstatus beregn` writes", async () => {
    const input = path.join(dir, "ind.xlsx");
    await (await buildExample(await loadExampleData())).xlsx.writeFile(input);
    const out = path.join(dir, "status.xlsx");
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    await expectValid(out);
  });

  it("the status copy of a workbook with a user's rich text and conditional format (both serialise fonts)", async () => {
    const wb = await buildExample(await loadExampleData());
    const notes = wb.addWorksheet("Noter fra HR");
    notes.getCell("A1").value = { richText: [{ text: "Vigtigt: ", font: { bold: true, size: 12, color: { argb: "FFC00000" }, name: "Calibri" } }, { text: "tjek BUF", font: { italic: true, name: "Arial" } }] };
    notes.addConditionalFormatting({ ref: "B1:B9", rules: [{ type: "expression", priority: 1, formulae: ["B1>100"], style: { font: { bold: true, size: 11, color: { argb: "FF9C0006" } } } }] });
    const input = path.join(dir, "rig.xlsx");
    await wb.xlsx.writeFile(input);
    const out = path.join(dir, "rig-status.xlsx");
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    await expectValid(out);
  });

  it.each([2024, 2025])("the template that `jobstatus skabelon --aar %i` writes", async (year) => {
    const out = path.join(dir, `skabelon-${year}.xlsx`);
    expect((await runCli("skabelon", "--aar", String(year), "-o", out)).code).toBe(0);
    await expectValid(out);
  });

  it("the add-in's status sheet and template, saved through the test host", async () => {
    const host = await exampleHost("good");
    expect((await calculateStatus(hostEnv(host), newSession())).written).toBe("Status 2025");
    const status = path.join(dir, "addin-status.xlsx");
    await fs.writeFile(status, await saveXlsx(host));
    await expectValid(status);

    const empty = createHost(createModel());
    await createTemplate(hostEnv(empty), newSession(), 2025);
    const template = path.join(dir, "addin-skabelon.xlsx");
    await fs.writeFile(template, await saveXlsx(empty));
    await expectValid(template);
  });
});

describe("the <font> fix", () => {
  it("writes every <font>'s children in the schema's order (exceljs alone writes sz after color, which the validator rejects)", async () => {
    const out = path.join(dir, "fonts.xlsx");
    expect((await runCli("skabelon", "--aar", "2025", "-o", out)).code).toBe(0);
    const fonts = await fontChildren(out);
    expect(fonts.length).toBeGreaterThan(1);
    const rank = (tag: string) => (FONT_CHILD_ORDER as readonly string[]).indexOf(tag);
    for (const children of fonts) {
      for (const tag of children) expect(rank(tag)).toBeGreaterThanOrEqual(0);
      expect(children.map(rank)).toEqual([...children.map(rank)].sort((a, b) => a - b));
    }
    expect(fonts.some((f) => f.includes("sz") && f.includes("color"))).toBe(true);
  });
});
