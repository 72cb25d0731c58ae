import { TEMPLATE } from "../messages/da";
import { printSetupFor, type CellStyle, type DataValidation, type LayoutValue, type Rect, type SheetLayout } from "./layout";
import { FONT_NAME, FONT_SIZE } from "./report";
import { excelNumber } from "./numbers";
import { latestBuiltin, schemeById } from "./rulebook";
import { DEFAULT_UNIT_CODES, DEFAULT_UNIT_NAMES } from "./units";
import { BUILT_IN_WEIGHTS } from "./weights";

const INPUT_FILL = "#FFF2CC";
const HEADER_FILL = "#DDEBF7";

function sheet(
  name: string,
  values: LayoutValue[][],
  widths: number[],
  styles: { rect: Rect; style: CellStyle }[],
  validations: DataValidation[],
  merges: Rect[] = [],
  rowHeights: { row: number; height: number }[] = [],
): SheetLayout {
  const cols = widths.length;
  const rect = values.map((r) => Array.from({ length: cols }, (_, i) => r[i] ?? null));
  return {
    sheetName: name,
    fontName: FONT_NAME,
    fontSize: FONT_SIZE,
    values: rect,
    numberFormats: rect.map((r) => r.map(() => null)),
    merges,
    styles,
    columnWidths: widths,
    rowHeights,
    validations,
    print: printSetupFor(widths, "portrait"),
  };
}

/** A blank department sheet in the documented format. Input cells are yellow and validated. */
export function departmentTemplate(code: string, year: number): SheetLayout {
  const values: LayoutValue[][] = [[TEMPLATE.unitLabel, code], [TEMPLATE.yearLabel, year], [], [...TEMPLATE.header]];
  const first = values.length;
  for (const [, label] of TEMPLATE.rows) values.push([label]);
  const last = values.length - 1;
  values.push([], [TEMPLATE.guide(year)]);
  const guideRow = values.length - 1;
  const styles: { rect: Rect; style: CellStyle }[] = [
    { rect: { r1: 0, c1: 0, r2: 1, c2: 0 }, style: { bold: true } },
    { rect: { r1: 3, c1: 0, r2: 3, c2: 2 }, style: { bold: true, fill: HEADER_FILL, border: "thin" } },
    { rect: { r1: first, c1: 0, r2: last, c2: 2 }, style: { border: "thin" } },
    { rect: { r1: first, c1: 1, r2: last, c2: 1 }, style: { fill: INPUT_FILL } },
  ];
  const validations: DataValidation[] = [];
  TEMPLATE.rows.forEach(([key], i) => {
    const r = first + i;
    // The template's rows are the newest built-in rulebook's schemes (their texts: TEMPLATE.rows).
    const def = schemeById(latestBuiltin(), key);
    const whole = def?.wholeStatus ?? false;
    validations.push({ rect: { r1: r, c1: 1, r2: r, c2: 1 }, kind: whole ? "whole" : "decimal", min: 0, prompt: whole ? TEMPLATE.promptWhole : TEMPLATE.promptDecimal });
    if (def?.reportsForloeb) {
      styles.push({ rect: { r1: r, c1: 2, r2: r, c2: 2 }, style: { fill: INPUT_FILL } });
      validations.push({ rect: { r1: r, c1: 2, r2: r, c2: 2 }, kind: "whole", min: 0, prompt: TEMPLATE.promptWhole });
    } else {
      styles.push({ rect: { r1: r, c1: 2, r2: r, c2: 2 }, style: { fill: "#D9D9D9" } });
    }
  });
  styles.push({ rect: { r1: guideRow, c1: 0, r2: guideRow, c2: 2 }, style: { wrap: true, italic: true, vertical: "top" } });
  return sheet(code, values, [48, 14, 14], styles, validations, [{ r1: guideRow, c1: 0, r2: guideRow, c2: 2 }], [{ row: guideRow, height: 75 }]);
}

/** The Måltal sheet with one row per default forvaltning and empty targets. */
export function maaltalTemplate(): SheetLayout {
  const values: LayoutValue[][] = [[TEMPLATE.maaltalGuide], [], [...TEMPLATE.maaltalHeader]];
  for (const code of DEFAULT_UNIT_CODES) values.push([code, DEFAULT_UNIT_NAMES[code] ?? code]);
  const last = values.length - 1;
  return sheet(
    TEMPLATE.maaltalSheet,
    values,
    [14, 46, 22, 12, 12],
    [
      { rect: { r1: 0, c1: 0, r2: 0, c2: 4 }, style: { italic: true, wrap: true, vertical: "top" } },
      { rect: { r1: 2, c1: 0, r2: 2, c2: 4 }, style: { bold: true, fill: HEADER_FILL, wrap: true, border: "thin" } },
      { rect: { r1: 3, c1: 0, r2: last, c2: 4 }, style: { border: "thin" } },
      { rect: { r1: 3, c1: 2, r2: last, c2: 4 }, style: { fill: INPUT_FILL } },
    ],
    [{ rect: { r1: 3, c1: 2, r2: last, c2: 4 }, kind: "decimal", min: 0, prompt: TEMPLATE.promptTarget }],
    [{ r1: 0, c1: 0, r2: 0, c2: 4 }],
    [{ row: 0, height: 45 }, { row: 2, height: 45 }],
  );
}

/** Weights per year; pre-filled with the built-in weights where the year has them. */
export function settingsTemplate(year: number): SheetLayout {
  const w = BUILT_IN_WEIGHTS[year];
  // 0,55 × 100 is 55.00000000000001 in binary; the template stores 55.
  const row: LayoutValue[] = w ? [year, excelNumber((w.samlet ?? 0) * 100), excelNumber((w.fleksjob ?? 0) * 100), excelNumber((w.fritidsjob ?? 0) * 100)] : [year];
  const values: LayoutValue[][] = [[TEMPLATE.settingsGuide], [], [...TEMPLATE.settingsHeader], row];
  return sheet(
    TEMPLATE.settingsSheet,
    values,
    [10, 24, 12, 12],
    [
      { rect: { r1: 0, c1: 0, r2: 0, c2: 3 }, style: { italic: true, wrap: true, vertical: "top" } },
      { rect: { r1: 2, c1: 0, r2: 2, c2: 3 }, style: { bold: true, fill: HEADER_FILL, wrap: true, border: "thin" } },
      { rect: { r1: 3, c1: 0, r2: 3, c2: 3 }, style: { border: "thin" } },
      { rect: { r1: 3, c1: 1, r2: 3, c2: 3 }, style: { fill: INPUT_FILL } },
    ],
    [{ rect: { r1: 3, c1: 1, r2: 3, c2: 3 }, kind: "decimal", min: 0, prompt: TEMPLATE.settingsGuide }],
    [{ r1: 0, c1: 0, r2: 0, c2: 3 }],
    [{ row: 0, height: 30 }, { row: 2, height: 45 }],
  );
}

/** Every sheet of a new workbook for `year`, in order. Sheets whose names already exist are skipped by the caller. */
export function workbookTemplate(year: number): SheetLayout[] {
  return [maaltalTemplate(), settingsTemplate(year), ...DEFAULT_UNIT_CODES.map((c) => departmentTemplate(c, year))];
}
