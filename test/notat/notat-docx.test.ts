/**
 * The .docx itself: it passes the Open XML SDK validator, it is built from Word's own styles and
 * real tables, and rendered through LibreOffice Writer it has the expected pages with every table's
 * figures on its page. The PDF and one PNG per page are kept in test-results/notat/ as artefacts.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { blockText, TABLES_PER_PAGE, type NotatLayout, type NotatTable } from "../../src/core/notat";
import { notatDocx } from "../../src/word/notat-docx";
import { exampleNotat } from "./reference";
import { describeErrors, validateOoxml } from "../support/ooxml";
import { pdfPages, pdfToPng } from "../support/libreoffice";
import { renderDocx } from "./render";

const OUT = path.join(__dirname, "..", "..", "test-results", "notat");
const DOCX = path.join(OUT, "notat-2025.docx");

let layout: NotatLayout;
let parts: Record<string, string>;

beforeAll(async () => {
  layout = await exampleNotat();
  mkdirSync(OUT, { recursive: true });
  const bytes = await notatDocx(layout);
  writeFileSync(DOCX, bytes);
  const zip = await JSZip.loadAsync(bytes);
  parts = {};
  for (const name of Object.keys(zip.files)) {
    if (name.endsWith(".xml")) parts[name] = (await zip.file(name)?.async("string")) ?? "";
  }
});

const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;
const tables = (): NotatTable[] => layout.blocks.filter((b): b is NotatTable => b.kind === "table");

/** The page each table lands on: the front page, then TABLES_PER_PAGE tables a page. */
function pageOfTables(): Map<number, NotatTable[]> {
  const pages = new Map<number, NotatTable[]>();
  let page = 1;
  for (const b of layout.blocks) {
    if (b.kind === "paragraph" && b.pageBreakBefore) page++;
    if (b.kind === "table") pages.set(page, [...(pages.get(page) ?? []), b]);
  }
  return pages;
}

describe("the notat as a Word file", () => {
  it("passes the Open XML SDK validator", async () => {
    const result = await validateOoxml(DOCX);
    expect(describeErrors(result)).toEqual([]);
    expect(result.ok).toBe(true);
  }, 60_000);

  it("uses Word's own styles and real tables: Title, Heading 1/2, List Paragraph, Table Grid, merged cells, a repeated header row", () => {
    const doc = parts["word/document.xml"] ?? "";
    const styles = parts["word/styles.xml"] ?? "";
    for (const id of ["Normal", "Title", "Heading1", "Heading2", "ListParagraph", "FootnoteText", "TableGrid"]) expect(styles).toContain(`w:styleId="${id}"`);
    expect(styles).toContain('<w:name w:val="Table Grid"/>');
    expect(count(doc, /<w:tbl>/g)).toBe(tables().length);
    expect(count(doc, /<w:tblStyle w:val="TableGrid"\/>/g)).toBe(tables().length);
    // Each table merges the combined group's three cells (Samlet status, Samlet måltal, Procentvis) over three rows.
    expect(count(doc, /<w:vMerge w:val="restart"\/>/g)).toBe(3 * tables().length);
    expect(count(doc, /<w:vMerge w:val="continue"\/>|<w:vMerge\/>/g)).toBe(6 * tables().length);
    expect(count(doc, /<w:tblHeader\/>/g)).toBe(tables().length);
    expect(doc).toContain('<w:pStyle w:val="Title"/>');
    expect(count(doc, /<w:pStyle w:val="Heading2"\/>/g)).toBe(tables().length);
    expect(count(doc, /<w:numPr>/g)).toBe(5);
    // No picture anywhere: the tables are text.
    expect(doc).not.toContain("<w:drawing>");
  });

  it("is A4 with the page header from page 2 and page numbers in the footer", () => {
    const doc = parts["word/document.xml"] ?? "";
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toContain("<w:titlePg/>");
    const headers = Object.entries(parts).filter(([n]) => /^word\/header\d+\.xml$/.test(n)).map(([, x]) => x);
    expect(headers.some((h) => h.includes("Kontor for HR og Tilsyn") && h.includes("Beskæftigelses-, Integrations- og Erhvervsforvaltningen"))).toBe(true);
    const footers = Object.entries(parts).filter(([n]) => /^word\/footer\d+\.xml$/.test(n)).map(([, x]) => x);
    expect(footers.length).toBeGreaterThan(0);
    for (const f of footers) {
      expect(f).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(f).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    }
  });

  it("stays valid when workbook text holds control characters (a name pasted from elsewhere)", async () => {
    const bell = "\u0007";
    const odd: NotatLayout = {
      ...layout,
      blocks: [...layout.blocks, { kind: "paragraph", style: "normal", runs: [{ text: `Forvaltning${bell} med\u0001 tegn` }] }],
    };
    const file = path.join(OUT, "kontroltegn.docx");
    writeFileSync(file, await notatDocx(odd));
    const doc = (await (await JSZip.loadAsync(await notatDocx(odd))).file("word/document.xml")?.async("string")) ?? "";
    expect(doc).toContain("Forvaltning med tegn");
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(doc)).toBe(false);
    expect(describeErrors(await validateOoxml(file))).toEqual([]);
  }, 60_000);

  describe("rendered by LibreOffice Writer", () => {
    let pdf: string;
    let pageTexts: string[];
    let pages: number;
    const pdfPageText = (_pdf: string, page: number): string => pageTexts[page - 1] ?? "";

    beforeAll(async () => {
      pdf = await renderDocx(DOCX);
      pageTexts = await pdfPages(pdf);
      pages = pageTexts.length;
    }, 240_000);

    it("has a front page and one page per three tables, so no table is split or pushed over", () => {
      expect(pages).toBe(1 + Math.ceil(tables().length / TABLES_PER_PAGE));
      const front = pdfPageText(pdf, 1);
      expect(front).toContain("NOTAT");
      expect(front).toContain("Side 1 af 4");
      expect(front).not.toContain("Beskæftigelses-, Integrations- og Erhvervsforvaltningen");
      expect(pdfPageText(pdf, 2)).toContain("Beskæftigelses-, Integrations- og Erhvervsforvaltningen");
    });

    it("shows every table's title and figures on its page", () => {
      const titles = layout.blocks.filter((b) => b.kind === "paragraph" && b.style === "tableTitle").map((b) => (b.kind === "paragraph" ? blockText(b) : ""));
      let t = 0;
      for (const [page, onPage] of pageOfTables()) {
        const text = pdfPageText(pdf, page);
        const words = text.split(/\s+/).filter(Boolean);
        const flat = words.join(" ");
        const available = new Map<string, number>();
        for (const w of words) available.set(w, (available.get(w) ?? 0) + 1);
        for (const table of onPage) {
          expect(flat).toContain(titles[t++]?.split(" ").slice(0, 4).join(" "));
          // Every figure (numbers and percentages) of the table, as often as the table has it.
          const figures = table.rows.slice(1).flatMap((row) => row.slice(1).flatMap((c) => (c && /\d/.test(c.text) ? c.text.split(" ") : [])));
          for (const f of figures) {
            const left = available.get(f) ?? 0;
            expect({ page, figure: f, found: left > 0 }).toEqual({ page, figure: f, found: true });
            available.set(f, left - 1);
          }
        }
      }
      expect(t).toBe(titles.length);
    });

    it("keeps a PNG of every page as an artefact", async () => {
      await pdfToPng(pdf, path.join(OUT, "notat-2025"), 80);
      const pngs = readdirSync(OUT).filter((f) => /^notat-2025-\d+\.png$/.test(f));
      expect(pngs).toHaveLength(pages);
      for (const png of pngs) {
        expect(existsSync(path.join(OUT, png))).toBe(true);
        expect(statSync(path.join(OUT, png)).size).toBeGreaterThan(10_000);
      }
    });
  });
});
