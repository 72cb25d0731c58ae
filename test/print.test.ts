/**
 * The status copy prints as the notat's tables: rendered by LibreOffice (which, like Excel, honours
 * manual page breaks at a fixed scale), every table is on one page, the report is one page wide,
 * and each page has the footer. See docs/dev/design.md, "Printing".
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { buildExample, loadExampleData } from "../src/cli/example";
import { REPORT } from "../src/messages/da";
import { runCli, tempDir } from "./support/cli";
import { pdfPages, pdfToPng, renderPdf } from "./support/libreoffice";

const ARTEFACTS = path.join(__dirname, "..", "test-results", "print");

it("the example's status copy: each table and its title on one page, one page wide, with the footer on every page", async () => {
  const dir = await tempDir();
  try {
    const input = path.join(dir, "eksempel.xlsx");
    await (await buildExample(await loadExampleData())).xlsx.writeFile(input);
    const out = path.join(dir, "status.xlsx");
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    const pdf = await renderPdf(out);
    await fs.mkdir(ARTEFACTS, { recursive: true });
    await pdfToPng(pdf, path.join(ARTEFACTS, "status"));

    // LibreOffice prints every sheet; the report's pages are the ones with its footer.
    const title = REPORT.title(2025);
    const report = (await pdfPages(pdf)).filter((p) => p.includes(title) && /Side \d+ af \d+/.test(p));
    expect(report.length).toBeGreaterThanOrEqual(2);
    const text = report.join("\n");
    const tables = [...text.matchAll(/Tabel (\d+):/g)].map((m) => Number(m[1]));
    expect(tables).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
    for (const page of report) {
      // A table that starts on a page ends on it: its last row (the weighted total) is there too.
      const starts = (page.match(/Tabel \d+:/g) ?? []).length;
      const ends = (page.match(/Samlet målopfyldelse \(vægtet gennemsnit\*\*\*\)/g) ?? []).length;
      expect({ page: page.slice(0, 80), starts, ends }).toEqual({ page: page.slice(0, 80), starts, ends: starts });
      // One page wide: each table's rightmost column header (»Antal forløb i 2025**«) is on its page,
      // and no page holds only columns cut off from the others (every page has a table or the footnotes).
      expect((page.match(/20\d\d\*\*/g) ?? []).length).toBe(starts);
      expect(starts > 0 || page.includes("* Status for fleksjob")).toBe(true);
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
