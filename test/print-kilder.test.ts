/**
 * The Kilder sheet prints as a list someone can audit on paper (issue 21, item 12): rendered by
 * LibreOffice, it is portrait and one page wide (no column split onto pages of its own), every page
 * has the footer, and its long texts wrap inside their cells instead of being cut at the edge.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { buildExample, loadExampleData } from "../src/cli/example";
import { wrappedLines } from "../src/core/layout";
import { SOURCES } from "../src/messages/da";
import { readXlsx, runCli, tempDir } from "./support/cli";
import { pdfPages, pdfToPng, renderPdf } from "./support/libreoffice";

const ARTEFACTS = path.join(__dirname, "..", "test-results", "print");

it("the example's Kilder sheet: portrait, one page wide, footer on every page, no text cut at the edge", async () => {
  const dir = await tempDir();
  try {
    const input = path.join(dir, "eksempel.xlsx");
    await (await buildExample(await loadExampleData())).xlsx.writeFile(input);
    const out = path.join(dir, "status.xlsx");
    expect((await runCli("beregn", input, "-o", out)).code).toBe(0);
    const ws = (await readXlsx(out)).getWorksheet(SOURCES.sheetName(2025));
    expect(ws?.pageSetup.orientation).toBe("portrait");
    expect(ws?.pageSetup.printArea).toMatch(/^A\$?1:E\$?\d+$/);

    const pdf = await renderPdf(out);
    await fs.mkdir(ARTEFACTS, { recursive: true });
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
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}, 300_000);

describe("wrappedLines", () => {
  it("counts the lines of a text wrapped at word boundaries, a long word over several lines", () => {
    expect(wrappedLines("", 10)).toBe(1);
    expect(wrappedLines("kort", 10)).toBe(1);
    expect(wrappedLines("Måltal: virksomhedspraktik, løntilskud og småjob (samlet)", 38)).toBe(2);
    expect(wrappedLines("a ".repeat(100), 10)).toBeGreaterThanOrEqual(18);
    expect(wrappedLines("x".repeat(50), 10)).toBe(5);
  });
});
