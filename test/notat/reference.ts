/**
 * The reference notat (test/fixtures/notat-aarsstatus-2025.txt, the text of the Word file HR sent)
 * and our notat layout, both as one flat list of items: paragraphs, bullet items and table cells.
 * Comparing the two lists compares the notats paragraph by paragraph and cell by cell.
 */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { calculate } from "../../src/core";
import { blockText, buildNotat, notatSettingsOf, type NotatLayout } from "../../src/core/notat";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";

export type Item =
  | { readonly kind: "p"; readonly text: string }
  | { readonly kind: "bullet"; readonly text: string }
  | { readonly kind: "cell"; readonly table: number; readonly row: number; readonly col: number; readonly text: string };

export const REFERENCE_FILE = path.join(__dirname, "..", "fixtures", "notat-aarsstatus-2025.txt");

export interface Reference {
  readonly items: Item[];
  /** The page header's lines, found between the pages of the text. */
  readonly pageHeader: string[];
}

const HEADER_FIRST_LINE = "Kontor for HR og Tilsyn";
const HEADER_SECOND_LINE = /forvaltningen$/;

/** Splits the reference text into items; the page header, repeated on every page after the first, is taken out. */
export function readReference(file = REFERENCE_FILE): Reference {
  const blocks = readFileSync(file, "utf8")
    .split(/\n\s*\n/)
    .map((b) => b.split("\n").map((l) => l.replace(/[ \r]+$/, "")).filter((l) => l.trim() !== ""))
    .filter((b) => b.length > 0);
  const items: Item[] = [];
  let pageHeader: string[] = [];
  let table = 0;
  let row = 0;
  for (const block of blocks) {
    const plain = block.map((l) => l.replace(/^\*\*(?=\S)/, "").replace(/(?<=\S)\*\*$/, ""));
    if (plain.length === 2 && plain[0] === HEADER_FIRST_LINE && HEADER_SECOND_LINE.test(plain[1] ?? "")) {
      pageHeader = plain;
      continue;
    }
    for (const line of block) {
      if (line.includes("\t")) {
        line.split("\t").forEach((text, col) => items.push({ kind: "cell", table, row, col, text: text.trim() }));
        row++;
      } else if (line.startsWith("- ")) {
        items.push({ kind: "bullet", text: line.slice(2).trim() });
      } else {
        if (/^Tabel \d+:/.test(line)) {
          table++;
          row = 0;
        }
        items.push({ kind: "p", text: line.trim() });
      }
    }
  }
  return { items, pageHeader };
}

/** Our notat layout as the same kind of items. */
export function layoutItems(layout: NotatLayout): Item[] {
  const items: Item[] = [];
  let table = 0;
  for (const block of layout.blocks) {
    switch (block.kind) {
      case "heading":
        items.push({ kind: "p", text: block.text });
        break;
      case "paragraph": {
        const text = blockText(block);
        if (/^Tabel \d+:/.test(text)) table++;
        items.push({ kind: "p", text });
        break;
      }
      case "bullets":
        for (const text of block.items) items.push({ kind: "bullet", text });
        break;
      case "table":
        block.rows.forEach((cells, row) => cells.forEach((cell, col) => items.push({ kind: "cell", table, row, col, text: cell?.text ?? "" })));
        break;
    }
  }
  return items;
}

/** The reference notat's date; ours is the day it is made unless Indstillinger gives one. */
export const REFERENCE_DATE = { year: 2026, month: 3, day: 11 };

/** The example workbook through a real .xlsx file, as the CLI reads it, and its notat dated as the reference. */
export async function exampleNotat(): Promise<NotatLayout> {
  const buffer = await (await buildExample(await loadExampleData())).xlsx.writeBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer);
  const grid = readWorkbookGrid(wb);
  const outcome = calculate(grid);
  if (!outcome.report) throw new Error("the example has errors");
  return buildNotat(outcome.result, notatSettingsOf(grid), { today: REFERENCE_DATE });
}
