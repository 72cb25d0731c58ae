/**
 * The corpus's chart over department data (test/corpus/chart.ts): the zip patch gives a file that
 * Microsoft's Open XML SDK validator accepts, with the chart on its sheet and its series pointing at
 * the department's cells, and that exceljs (the CLI's reader) still reads.
 *
 * The CLI's copies keep the chart (issue 20, spliced at zip level): `beregn` in
 * test/xlsx/splice.test.ts, `saml` and `gendan` in test/cli/collect-splice.test.ts.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { buildExample, loadExampleData, type ExampleData } from "../../src/cli/example";
import { readXlsx, tempDir } from "../support/cli";
import { describeErrors, validateOoxml } from "../support/ooxml";
import { BUF_CHART, chartsOf, withChart } from "./chart";

let dir: string;
let data: ExampleData;

beforeAll(async () => {
  dir = await tempDir();
  data = await loadExampleData();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("the patched example is valid OOXML, has the chart on BUF over BUF's figures, and exceljs still reads it", async () => {
  const file = path.join(dir, "chart.xlsx");
  await fs.writeFile(file, withChart(new Uint8Array(await (await buildExample(data)).xlsx.writeBuffer()), BUF_CHART));
  expect(describeErrors(await validateOoxml(file))).toEqual([]);
  expect(chartsOf(new Uint8Array(await fs.readFile(file)))).toEqual([{ sheet: "BUF", refs: ["BUF!$B$8", "BUF!$A$9:$A$13", "BUF!$B$9:$B$13"] }]);
  expect((await readXlsx(file)).getWorksheet("BUF")?.getCell("B11").value).toBe(data.departments.BUF?.status.loentilskud);
});
