/**
 * The status copy prints as the notat's tables: rendered by LibreOffice (which, like Excel, honours
 * manual page breaks at a fixed scale), every table is on one page, the report is one page wide,
 * and each page has the footer. See docs/dev/design.md, "Printing". The Kilder sheet prints as a
 * list someone can audit on paper (issue 21, item 12): portrait, one page wide, its long texts
 * wrapped inside their cells. One render of the copy serves both.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { buildExample, loadExampleData } from "../src/cli/example";
import { wrappedLines } from "../src/core/layout";
import { REPORT, SOURCES } from "../src/messages/da";
import { readXlsx, runCli, tempDir } from "./support/cli";
import { pdfPages, pdfToPng, renderPdf } from "./support/libreoffice";

const ARTEFACTS = path.join(__dirname, "..", "test-results", "print");

describe("the example's status copy, printed", () => {
  let dir: string;
  let out: string;
  let pdf: string;
  beforeAll(async () => {
    dir = await tempDir();
    const input = path.join(dir, "eksempel.xlsx");
    await (await buildExample(await loadExampleData())).xlsx.writeFile(input);
    out = path.join(dir, "status.xlsx");
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    pdf = await renderPdf(out);
    await fs.mkdir(ARTEFACTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it("each table and its title on one page, one page wide, with the footer on every page", async () => {
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
  });

  it("the Kilder sheet: portrait, one page wide, footer on every page, no text cut at the edge", async () => {
    const ws = (await readXlsx(out)).getWorksheet(SOURCES.sheetName(2025));
    expect(ws?.pageSetup.orientation).toBe("portrait");
    expect(ws?.pageSetup.printArea).toMatch(/^A\$?1:E\$?\d+$/);

    await pdfToPng(pdf, path.join(ARTEFACTS, "kilder"));
    const title = SOURCES.title(2025);
    const pages = (await pdfPages(pdf)).filter((p) => p.includes(title) && /Side \d+ af \d+/.test(p));
    // About 110 rows: two or three pages, not six.
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(3);
    const text = pages.join("\n");
    // Every column on the same pages: the header's last column is on the first page, and the
    // warning of Måltal!D11 stands on the page that has its row.
    expect(pages[0]).toContain(SOURCES.header[4]);
    const withWarning = pages.find((p) => p.includes("Måltal!D11"));
    expect(withWarning).toMatch(/Måltallet for hele kommunen/);
    // Long figure names wrap whole words: no word is cut off, and »(samlet)« follows on the next line.
    expect(text).not.toMatch(/\(samle(?!t)/);
    expect(text).toMatch(/virksomhedspraktik, løntilskud og[\s\S]{0,200}småjob \(samlet\)/);
    expect(text).toContain("KK 2024");
    expect(text).not.toMatch(/\(forrig(?!e)/);
  });
});

describe("wrappedLines", () => {
  it("counts the lines of a text wrapped at word boundaries, a long word over several lines", () => {
    expect(wrappedLines("", 10)).toBe(1);
    expect(wrappedLines("kort", 10)).toBe(1);
    expect(wrappedLines("Måltal: virksomhedspraktik, løntilskud og småjob (samlet)", 38)).toBe(2);
    expect(wrappedLines("a ".repeat(100), 10)).toBeGreaterThanOrEqual(18);
    expect(wrappedLines("x".repeat(50), 10)).toBe(5);
  });
});
