/**
 * The report's content as a reader meets it (issue 21, item 12): Tabel 2 never disappears without
 * a word, footnote *** lists the years in order, and the summary's paragraphs are evenly spaced.
 */
import ExcelJS from "exceljs";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { calculate } from "../../src/core";
import type { SheetLayout } from "../../src/core/layout";
import { charsToPoints, pointsToChars, wrappedLines } from "../../src/core/layout";
import { COLUMN_WIDTHS } from "../../src/core/report";
import { summaryParagraphs } from "../../src/core/summary";
import { REPORT } from "../../src/messages/da";
import { formatResult } from "../../src/cli/format";

async function example(change?: (wb: ExcelJS.Workbook) => void) {
  const wb = await buildExample(await loadExampleData());
  change?.(wb);
  return calculate(readWorkbookGrid(wb));
}

const texts = (l: SheetLayout): string[] => l.values.map((r) => r[0]).filter((v): v is string => typeof v === "string");

describe("without a usable Forrige år sheet, Tabel 2's absence is said where it would stand", () => {
  it("no sheet: the note follows Tabel 1, before the forvaltninger's first table (now Tabel 2)", async () => {
    const outcome = await example((wb) => wb.removeWorksheet((wb.getWorksheet("Forrige år") as ExcelJS.Worksheet).id));
    expect(outcome.result.previous).toBeNull();
    const t = texts(outcome.report as SheetLayout);
    const note = REPORT.noPrevious(2024, false);
    expect(note).toContain("projektmappen ikke har arket Forrige år");
    const at = t.indexOf(note);
    expect(at).toBeGreaterThan(t.findIndex((x) => x.startsWith("Tabel 1:")));
    expect(at).toBeLessThan(t.findIndex((x) => x.startsWith("Tabel 2:")));
    expect(t.find((x) => x.startsWith("Tabel 2:"))).toContain("Beskæftigelses- og Integrationsforvaltningen");
    // The CLI's tables say it too.
    expect(formatResult(outcome.result)).toContain(note);
  });

  it("a sheet with problems: the note says the sheet has errors, and points to the warnings", async () => {
    const outcome = await example((wb) => ((wb.getWorksheet("Forrige år") as ExcelJS.Worksheet).getCell("B2").value = 2019));
    expect(outcome.issues.map((i) => i.code)).toContain("PREVIOUS_YEAR_MISMATCH");
    expect(texts(outcome.report as SheetLayout)).toContain(REPORT.noPrevious(2024, true));
    expect(REPORT.noPrevious(2024, true)).toContain("arket Forrige år har fejl (se advarslerne)");
  });

  it("with Tabel 2 there is no note", async () => {
    const outcome = await example();
    expect(outcome.result.previous).not.toBeNull();
    expect(texts(outcome.report as SheetLayout).some((x) => x.startsWith("Der er ingen tabel med tallene"))).toBe(false);
  });
});

describe("footnote ***", () => {
  it("lists the years in order, oldest first, with *** on the first (as the notat)", async () => {
    const t = texts((await example()).report as SheetLayout);
    const weights = t.filter((x) => /For årsstatus \d{4}:/.test(x));
    expect(weights.map((x) => x.slice(0, 24))).toEqual(["*** For årsstatus 2024: ", "For årsstatus 2025: Målt"]);
  });

  it("without Tabel 2 there is one year, with ***", async () => {
    const outcome = await example((wb) => wb.removeWorksheet((wb.getWorksheet("Forrige år") as ExcelJS.Worksheet).id));
    const weights = texts(outcome.report as SheetLayout).filter((x) => /For årsstatus \d{4}:/.test(x));
    expect(weights).toHaveLength(1);
    expect(weights[0]).toMatch(/^\*\*\* For årsstatus 2025:/);
  });
});

describe("the summary's paragraphs", () => {
  it("each has the height of its wrapped lines plus the same gap, so the spacing is even", async () => {
    const outcome = await example();
    const layout = outcome.report as SheetLayout;
    const paragraphs = summaryParagraphs(outcome.result);
    expect(paragraphs.length).toBeGreaterThanOrEqual(3);
    const heights = new Map(layout.rowHeights.map((h) => [h.row, h.height]));
    // The merged cell is as wide as its columns' pixels together.
    const width = pointsToChars(COLUMN_WIDTHS.reduce((a, w) => a + charsToPoints(w), 0));
    const gaps = paragraphs.map((p) => {
      const row = layout.values.findIndex((r) => r[0] === p);
      const height = heights.get(row);
      expect(height).toBeDefined();
      const lines = wrappedLines(p, width);
      return (height as number) - lines * 15;
    });
    // The same gap under every paragraph, one line or several (before: only long paragraphs had a height, each its own slack).
    expect(new Set(gaps).size).toBe(1);
    expect(gaps[0]).toBeGreaterThan(0);
    expect(gaps[0]).toBeLessThanOrEqual(15);
  });
});
