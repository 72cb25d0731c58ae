import type { Cell, SheetGrid, WorkbookGrid } from "../../src/core/grid";

/** A sheet from rows starting at A1, as a spreadsheet user would type it. */
export function sheet(name: string, rows: Cell[][], extra: Partial<SheetGrid> = {}): SheetGrid {
  return { name, visibility: "visible", originRow: 0, originCol: 0, values: rows, ...extra };
}

export function workbook(...sheets: SheetGrid[]): WorkbookGrid {
  return { sheets };
}

export interface DeptValues {
  loentilskud?: Cell;
  virksomhedspraktik?: Cell;
  smaajob?: Cell;
  fleksjob?: Cell;
  fritidsjob?: Cell;
  forloeb?: [Cell, Cell, Cell];
}

/**
 * A department sheet in the template layout: A1 Forvaltning, A2 År, header in row 4,
 * schemes in rows 5-9 (B = status, C = antal forløb).
 */
export function deptSheet(code: string, year: Cell, v: DeptValues = {}, name = code): SheetGrid {
  const f = v.forloeb ?? [10, 100, 5];
  // An explicit null means an empty cell, so only absent keys get the default.
  const val = (k: Exclude<keyof DeptValues, "forloeb">, d: number): Cell => (k in v ? (v[k] as Cell) : d);
  return sheet(name, [
    ["Forvaltning", code],
    ["År", year],
    [],
    ["Ordning", "Status", "Antal forløb"],
    ["Løntilskud (helårspersoner)", val("loentilskud", 5.5), f[0]],
    ["Virksomhedspraktik (helårspersoner)", val("virksomhedspraktik", 40.25), f[1]],
    ["Småjob under det sociale frikort", val("smaajob", 3.1), f[2]],
    ["Fleksjob (antal ansatte)", val("fleksjob", 50)],
    ["Fritidsjob (helårspersoner)", val("fritidsjob", 2.5)],
  ]);
}

/** A Måltal sheet: header in row 1, one row per unit (A = code, B = samlet, C = fleksjob, D = fritidsjob). */
export function maaltalSheet(rows: [string, Cell, Cell, Cell?][]): SheetGrid {
  return sheet("Måltal", [["Forvaltning", "Samlet måltal", "Fleksjob", "Fritidsjob"], ...rows.map((r) => [r[0], r[1], r[2], r[3] ?? null])]);
}

/** A small valid 2025 workbook with two forvaltninger. */
export function smallWorkbook(): WorkbookGrid {
  return workbook(
    maaltalSheet([
      ["AAA", 50, 40, 5],
      ["BBB", 100, 60, 10],
    ]),
    deptSheet("AAA", 2025),
    deptSheet("BBB", 2025, { loentilskud: 20, virksomhedspraktik: 70.5, smaajob: 9.5, fleksjob: 66, fritidsjob: 8, forloeb: [25, 100, 10] }),
  );
}
