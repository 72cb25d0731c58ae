/**
 * The notat reproduces the reference notat for the example workbook, paragraph by paragraph and
 * cell by cell, except the documented corrections (docs/notat-afvigelser.md). Each correction must
 * still apply: the test fails if jobstatus differs anywhere else or a correction disappears.
 */
import type { NotatLayout } from "../../src/core/notat";
import { exampleNotat, layoutItems, readReference, type Item } from "./reference";

type Correction =
  | { readonly kind: "text"; readonly notat: string; readonly ours: string; readonly why: string }
  | { readonly kind: "cell"; readonly table: number; readonly row: string; readonly col: number; readonly notat: string; readonly ours: string; readonly why: string }
  | { readonly kind: "insert"; readonly after: string; readonly ours: string; readonly why: string };

/** Figures the notat got wrong (also in test/golden.test.ts) and text it got wrong or left out. */
const CORRECTIONS: readonly Correction[] = [
  { kind: "cell", table: 1, row: "Løntilskud (helårspersoner)", col: 2, notat: "798", ours: "797", why: "Sum of rounded parts; the unrounded sum is 797.2 (the notat's text says 797)." },
  { kind: "cell", table: 2, row: "Løntilskud (helårspersoner)", col: 2, notat: "914", ours: "913", why: "Same slip for 2024 (912.8)." },
  { kind: "cell", table: 1, row: "Løntilskud (helårspersoner)", col: 5, notat: "255", ours: "246", why: "KK's forløb are the sum of tables 3-9." },
  { kind: "cell", table: 1, row: "Virksomhedspraktik (helårspersoner)", col: 5, notat: "2.523", ours: "2.433", why: "Sum of tables 3-9." },
  { kind: "cell", table: 1, row: "Småjob under det sociale frikort", col: 5, notat: "328", ours: "322", why: "Sum of tables 3-9." },
  { kind: "cell", table: 1, row: "Antal Forløb", col: 5, notat: "3.106", ours: "3.001", why: "Sum of the forvaltninger's totals." },
  { kind: "cell", table: 3, row: "Antal Forløb", col: 5, notat: "256", ours: "356", why: "31 + 307 + 18 = 356." },
  { kind: "cell", table: 9, row: "Samlet målopfyldelse (vægtet gennemsnit***)", col: 4, notat: "79 pct.", ours: "68 pct.", why: "0.51 × 37.7 + 0.43 × 112.9 + 0.06 × 0 = 67.8." },
  { kind: "cell", table: 8, row: "TMF", col: 5, notat: "Antal forløb i 2024**", ours: "Antal forløb i 2025**", why: "Wrong year in a 2025 table's header." },
  { kind: "cell", table: 9, row: "ØKF", col: 5, notat: "Antal forløb i 2024**", ours: "Antal forløb i 2025**", why: "The same wrong year in ØKF's header." },
  { kind: "text", notat: "jobordninger Økonomiforvaltningen for 2024", ours: "jobordninger i Økonomiforvaltningen for 2025", why: "Wrong year and a missing »i«." },
  { kind: "text", notat: "Antal Forløb", ours: "Antal forløb", why: "A capital F inside a label; the status sheet and the other labels write »forløb«." },
  { kind: "text", notat: "Sagsnummer I F2", ours: "Sagsnummer i F2", why: "A capital I; the next label says »i F2«." },
  { kind: "text", notat: "og d. 28. november 2024 for fritidsjob", ours: "og den 28. november 2024 for fritidsjob", why: "The same sentence writes »den 1. februar 2024«: one form for both dates." },
  {
    kind: "text",
    notat: "for ordningerne virksomhedspraktik, løntilskud, småjob under det sociale frikort angiver",
    ours: "for ordningerne virksomhedspraktik, løntilskud og småjob under det sociale frikort angiver",
    why: "A list of three needs »og« before the last.",
  },
  { kind: "text", notat: "under det sociale frikort, er faldet fra", ours: "under det sociale frikort er faldet fra", why: "No comma between subject and verb; the status sheet's sentence is used." },
  { kind: "text", notat: "116 pct for 2025", ours: "116 pct. for 2025", why: "»pct.« with its full stop, as everywhere else." },
  {
    kind: "text",
    notat: "Målopfyldelsen for fleksjob er steget fra 1.014 ansatte i 2024",
    ours: "Antallet af ansatte i fleksjob er steget fra 1.014 i 2024",
    why: "Goal attainment is a percentage; what rose from 1,014 is the number of employees (issue 21, item 13).",
  },
  { kind: "text", notat: "Af tabel 3-9", ours: "Af tabel 3–9", why: "A range takes an en dash." },
  { kind: "text", notat: "og måltal for fritidsjob vægter", ours: "og måltallet for fritidsjob vægter", why: "The same sentence says »måltallet« for the other two groups." },
  { kind: "text", notat: "*Status for fleksjob", ours: "* Status for fleksjob", why: "A space after the star, as the notat's ** and *** footnotes have." },
  {
    kind: "insert",
    after: "Status for fritidsjob er 100 helårspersoner, svarende til en målopfyldelse på 79 pct. for 2025.",
    ours: "Den samlede, vægtede målopfyldelse for Københavns Kommune er 92 pct. for 2025.",
    why: "The status sheet's summary also gives the weighted total (Tabel 1's last row); the notat uses the same sentences.",
  },
];

/** The reference items with the corrections applied; throws if a correction no longer applies. */
function expectedItems(reference: readonly Item[]): Item[] {
  let items = [...reference];
  for (const c of CORRECTIONS) {
    let applied = 0;
    if (c.kind === "insert") {
      const i = items.findIndex((it) => it.kind === "p" && it.text === c.after);
      if (i >= 0) {
        items.splice(i + 1, 0, { kind: "p", text: c.ours });
        applied++;
      }
    } else if (c.kind === "cell") {
      const rowOf = items.find((it) => it.kind === "cell" && it.table === c.table && it.col === 0 && it.text === c.row);
      items = items.map((it) => {
        if (rowOf?.kind !== "cell" || it.kind !== "cell" || it.table !== c.table || it.row !== rowOf.row || it.col !== c.col || it.text !== c.notat) return it;
        applied++;
        return { ...it, text: c.ours };
      });
    } else {
      items = items.map((it) => {
        if (!it.text.includes(c.notat)) return it;
        applied++;
        return { ...it, text: it.text.split(c.notat).join(c.ours) };
      });
    }
    if (applied === 0) throw new Error(`correction no longer applies: ${JSON.stringify(c)}`);
  }
  return items;
}

describe("the notat reproduces the reference notat for the example workbook", () => {
  let layout: NotatLayout;
  const reference = readReference();

  beforeAll(async () => {
    layout = await exampleNotat();
  });

  it("reads the reference: 9 tables, the schemes, and the page header between the pages", () => {
    const cells = reference.items.filter((i) => i.kind === "cell");
    expect(new Set(cells.map((c) => (c.kind === "cell" ? c.table : 0)))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(reference.items.filter((i) => i.kind === "bullet").map((i) => i.text)).toEqual(["Virksomhedspraktik", "Løntilskud", "Småjob under det sociale frikort", "Fleksjob", "Fritidsjob"]);
    expect(reference.pageHeader).toEqual(["Kontor for HR og Tilsyn", "Beskæftigelses-, Integrations- og Erhvervsforvaltningen"]);
  });

  it("matches paragraph by paragraph and cell by cell, except the documented corrections", () => {
    expect(layoutItems(layout)).toEqual(expectedItems(reference.items));
  });

  it("has the notat's page header, and no field left to fill in (Indstillinger has them all)", () => {
    expect(layout.pageHeader.map((line) => line.map((r) => r.text).join(""))).toEqual(reference.pageHeader);
    expect(layout.toFill).toEqual([]);
  });

  it("merges the combined group's three cells, as the notat does", () => {
    const table = layout.blocks.find((b) => b.kind === "table");
    if (table?.kind !== "table") throw new Error("no table");
    expect(table.rows[1]?.slice(2, 5).map((c) => c?.rowSpan)).toEqual([3, 3, 3]);
    expect(table.rows[2]?.slice(2, 5)).toEqual([null, null, null]);
    expect(table.rows[3]?.slice(2, 5)).toEqual([null, null, null]);
    expect(table.rows[0]?.every((c) => c?.bold === true)).toBe(true);
  });

  it("lists every correction in docs/notat-afvigelser.md", () => {
    const doc = require("node:fs").readFileSync(require("node:path").join(__dirname, "..", "..", "docs", "notat-afvigelser.md"), "utf8") as string;
    for (const c of CORRECTIONS) {
      const shown = c.kind === "insert" ? c.ours : c.notat;
      expect(doc).toContain(shown);
    }
  });
});
