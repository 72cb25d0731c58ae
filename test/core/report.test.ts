import { calculate, workbookTemplate } from "../../src/core";
import { footerText, pageCapacity, printScale, type SheetLayout } from "../../src/core/layout";
import { REPORT } from "../../src/messages/da";
import { FORMAT_INT, FORMAT_PCT, pageBreaks } from "../../src/core/report";
import { deptSheet, maaltalSheet, sheet, smallWorkbook, workbook } from "../support/grid";

function layout(): SheetLayout {
  const r = calculate(smallWorkbook()).report;
  if (!r) throw new Error("expected a report");
  return r;
}

const rowOf = (l: SheetLayout, first: string, from = 0): number => l.values.findIndex((r, i) => i >= from && r[0] === first);

describe("the status sheet layout", () => {
  it("is named Status <year> and starts with the title and the period line", () => {
    const l = layout();
    expect(l.sheetName).toBe("Status 2025");
    expect(l.values[0]?.[0]).toBe("Årsstatus for de særlige jobordninger i KK som arbejdsplads for 2025");
    expect(l.values[1]?.[0]).toBe("Perioden januar til og med december 2025");
  });

  it("has Tabel 1 for KK, then a table per forvaltning, then the footnotes with the year's weights", () => {
    const l = layout();
    const titles = l.values.map((r) => r[0]).filter((v): v is string => typeof v === "string" && v.startsWith("Tabel "));
    expect(titles).toEqual([
      "Tabel 1: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for 2025, samt antal forløb",
      "Tabel 2: Status og målopfyldelse for de særlige jobordninger i AAA for 2025",
      "Tabel 3: Status og målopfyldelse for de særlige jobordninger i BBB for 2025",
    ]);
    const texts = l.values.map((r) => r[0]).filter((v): v is string => typeof v === "string");
    expect(texts.some((t) => t.startsWith("* Status for fleksjob er opgjort i antal ansatte i december 2025"))).toBe(true);
    expect(texts.some((t) => t.startsWith("** Denne kolonne"))).toBe(true);
    expect(texts).toContain(
      "*** For årsstatus 2025: Måltallet for virksomhedspraktik, løntilskud og småjob under det sociale frikort vægter 51 pct., måltallet for fleksjob vægter 43 pct. og måltallet for fritidsjob vægter 6 pct. ift. den samlede målopfyldelse.",
    );
  });

  it("follows the notat's columns and rows, with unrounded numbers and display formats", () => {
    const l = layout();
    const header = rowOf(l, "KK");
    expect(l.values[header]).toEqual(["KK", "Status", "Samlet status", "Samlet måltal", "Procentvis målopfyldelse", "Antal forløb i 2025**"]);
    const first = header + 1;
    expect(l.values.slice(first, first + 7).map((r) => r[0])).toEqual([
      "Løntilskud (helårspersoner)",
      "Virksomhedspraktik (helårspersoner)",
      "Småjob under det sociale frikort",
      "Antal forløb",
      "Fleksjob (antal ansatte) *",
      "Fritidsjob (helårspersoner)",
      "Samlet målopfyldelse (vægtet gennemsnit***)",
    ]);
    const r = l.values[first] as (string | number | null)[];
    expect(r[1]).toBe(25.5); // 5.5 + 20, unrounded
    expect(r[2]).toBeCloseTo(148.85, 10);
    expect(r[3]).toBe(150);
    expect(r[4]).toBeCloseTo((148.85 / 150) * 100, 10); // percent units
    expect(l.numberFormats[first]).toEqual([null, FORMAT_INT, FORMAT_INT, FORMAT_INT, FORMAT_PCT, FORMAT_INT]);
    expect(FORMAT_INT).toBe("#,##0");
    expect(FORMAT_PCT).toBe('0" pct."');
  });

  it("merges the combined group's summary cells over its three rows", () => {
    const l = layout();
    const first = rowOf(l, "KK") + 1;
    for (const c of [2, 3, 4]) expect(l.merges).toContainEqual({ r1: first, c1: c, r2: first + 2, c2: c });
  });

  it("shows '–' where a målopfyldelse has no value (måltal 0 in a group without weight)", () => {
    const settings = sheet("Indstillinger", [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2031, 100, 0, 0]]);
    const out = calculate(workbook(maaltalSheet([["AAA", 50, 0]]), deptSheet("AAA", 2031), settings));
    expect(out.issues).toEqual([]);
    const l = out.report as SheetLayout;
    const fleks = rowOf(l, "Fleksjob (antal ansatte) *");
    expect(l.values[fleks]?.[4]).toBe("–");
    expect(l.numberFormats[fleks]?.[4]).toBeNull();
    expect(l.values.some((r) => r[0] === "Fritidsjob (helårspersoner)")).toBe(false);
  });

  it("sets bold headers, borders, column widths and an A4 print setup at a fixed scale, with a footer and no gridlines", () => {
    const l = layout();
    const header = rowOf(l, "KK");
    expect(l.styles.some((s) => s.rect.r1 === header && s.style.bold)).toBe(true);
    expect(l.styles.some((s) => s.rect.r1 === header && s.style.border === "thin")).toBe(true);
    expect(l.columnWidths).toHaveLength(6);
    expect(l.print).toEqual({
      paperSize: "A4",
      orientation: "portrait",
      scale: printScale(l.columnWidths, "portrait"),
      margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      printArea: true,
      footer: { left: `${REPORT.title(2025)}`, right: "Side &P af &N" },
    });
    expect(l.showGridlines).toBe(false);
    expect(l.fontName).toBe("Calibri");
  });

  it("keeps values, formats and widths rectangular", () => {
    const l = layout();
    expect(l.values.every((r) => r.length === 6)).toBe(true);
    expect(l.numberFormats.length).toBe(l.values.length);
  });
});

describe("template print setup", () => {
  it("sets no print area on template sheets, which users extend (a KK row in Måltal, weights for more years)", () => {
    for (const l of workbookTemplate(2025)) {
      expect({ sheet: l.sheetName, printArea: l.print.printArea, footer: l.print.footer }).toEqual({ sheet: l.sheetName, printArea: false, footer: undefined });
      expect(l.print.scale).toBe(printScale(l.columnWidths, "portrait"));
    }
  });
});

describe("print scale", () => {
  it("is the largest whole percent, less a reserve, at which the columns fit A4's width between Normal margins", () => {
    // The report's columns: 807 px = 605.25 pt; A4 portrait leaves 595.28 - 2 × 50.4 = 494.48 pt.
    expect(printScale([46, 10, 12, 12, 15, 16], "portrait")).toBe(Math.floor((100 * 494.48) / 605.25) - 2);
    expect(printScale([10, 10], "portrait")).toBe(100);
    const scale = printScale([46, 10, 12, 12, 15, 16], "portrait");
    const printedWidth = ((46 * 7 + 5 + 10 * 7 + 5 + 12 * 7 + 5 + 12 * 7 + 5 + 15 * 7 + 5 + 16 * 7 + 5) * 0.75 * scale) / 100;
    expect(printedWidth).toBeLessThanOrEqual(494.48);
  });

  it("gives a page capacity that shrinks as the scale grows", () => {
    expect(pageCapacity(79, "portrait")).toBeGreaterThan(pageCapacity(100, "portrait"));
    // 733.89 pt of A4 between the top and bottom margins, at 100 %, less the height reserve.
    expect(pageCapacity(100, "portrait")).toBe(Math.floor(733.89 * 0.93));
  });

  it("doubles an ampersand in a footer text, so Excel does not read it as a code", () => {
    expect(footerText("BIF & BUF")).toBe("BIF && BUF");
  });
});

describe("page breaks", () => {
  it("starts a block on a new page when it would not fit, and never splits the first page's block", () => {
    // Blocks of 400 pt each (rows of 15 pt by default): two fit on a page of 860 pt, the third does not.
    const rowsPerBlock = Math.ceil(400 / 15);
    const starts = [0, rowsPerBlock, 2 * rowsPerBlock, 3 * rowsPerBlock];
    expect(pageBreaks(starts, 4 * rowsPerBlock, [], 860)).toEqual([2 * rowsPerBlock]);
    expect(pageBreaks([0], 200, [], 860)).toEqual([]);
  });


  it("breaks only at the start of a table or the footnotes, never inside a table", () => {
    const codes = Array.from({ length: 12 }, (_, i) => `U${String(i).padStart(2, "0")}`);
    const wb = workbook(maaltalSheet(codes.map((c) => [c, 50, 40, 5])), ...codes.map((c) => deptSheet(c, 2025)));
    const l = calculate(wb).report as SheetLayout;
    const breaks = l.pageBreaks ?? [];
    expect(breaks.length).toBeGreaterThanOrEqual(2);
    const firstFootnote = l.values.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("* Status for fleksjob"));
    const titles = l.values.flatMap((r, i) => (typeof r[0] === "string" && r[0].startsWith("Tabel ") ? [i] : []));
    for (const b of breaks) expect([...titles, firstFootnote]).toContain(b);
  });
});
