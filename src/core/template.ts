import { RULES, TEMPLATE } from "../messages/da";
import { printSetupFor, type CellStyle, type DataValidation, type LayoutValue, type Rect, type SheetLayout } from "./layout";
import { FONT_NAME, FONT_SIZE } from "./report";
import { excelNumber } from "./numbers";
import { latestBuiltin, schemeById, type Rulebook } from "./rulebook";
import { countsTheSame, followsBuiltin } from "./rulebook-sheet";
import { rulebookWithWeights } from "./rulebook-read";
import { DEFAULT_UNIT_CODES, DEFAULT_UNIT_NAMES } from "./units";
import { BUILT_IN_WEIGHTS, type Weights } from "./weights";

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

/** One row of the department template: its label, and how its cells are checked. */
interface TemplateRow {
  readonly label: string;
  readonly whole: boolean;
  readonly forloeb: boolean;
  readonly prompt: string;
}

/** The rows of the built-in years: the notat's own labels (TEMPLATE.rows), unchanged since 2025. */
const BUILTIN_ROWS: readonly TemplateRow[] = TEMPLATE.rows.map(([key, label]) => {
  // The newest built-in rulebook's schemes (their texts: TEMPLATE.rows).
  const def = schemeById(latestBuiltin(), key);
  const whole = def?.wholeStatus ?? false;
  return { label, whole, forloeb: def?.reportsForloeb ?? false, prompt: whole ? TEMPLATE.promptWhole : TEMPLATE.promptDecimal };
});

/** The rows of another rulebook's year: its schemes in its order, labelled per measure. */
function rulebookRows(rulebook: Rulebook): readonly TemplateRow[] {
  return rulebook.schemes.map((s) => ({ label: RULES.templateRow(s), whole: s.wholeStatus, forloeb: s.reportsForloeb, prompt: RULES.promptStatus(s.measure) }));
}

/**
 * A blank department sheet in the documented format. Input cells are yellow and validated. A
 * rulebook with other schemes than a built-in year's (the 2014 shape, a sixth scheme) gives its own
 * rows and guide; without one, or with a built-in shape, the sheet is as it has always been.
 */
export function departmentTemplate(code: string, year: number, rulebook?: Rulebook | null): SheetLayout {
  const custom = rulebook && !followsBuiltin(rulebook) ? rulebook : undefined;
  const rows = custom ? rulebookRows(custom) : BUILTIN_ROWS;
  // No scheme of the year reports forløb (the 2014 shape): no »Antal forløb« column, as the reader
  // does not ask for one (needsForloebColumn in department.ts) and a grey column nobody fills invites a figure.
  const forloeb = rows.some((r) => r.forloeb);
  const c2 = forloeb ? 2 : 1;
  const values: LayoutValue[][] = [[TEMPLATE.unitLabel, code], [TEMPLATE.yearLabel, year], [], forloeb ? [...TEMPLATE.header] : TEMPLATE.header.slice(0, 2)];
  const first = values.length;
  for (const row of rows) values.push([row.label]);
  const last = values.length - 1;
  values.push([], [custom ? RULES.templateGuide(year, custom.schemes, custom.schemes.some((s) => s.reportsForloeb)) : TEMPLATE.guide(year)]);
  const guideRow = values.length - 1;
  const styles: { rect: Rect; style: CellStyle }[] = [
    { rect: { r1: 0, c1: 0, r2: 1, c2: 0 }, style: { bold: true } },
    { rect: { r1: 3, c1: 0, r2: 3, c2 }, style: { bold: true, fill: HEADER_FILL, border: "thin" } },
    { rect: { r1: first, c1: 0, r2: last, c2 }, style: { border: "thin" } },
    { rect: { r1: first, c1: 1, r2: last, c2: 1 }, style: { fill: INPUT_FILL } },
  ];
  const validations: DataValidation[] = [];
  rows.forEach((row, i) => {
    const r = first + i;
    validations.push({ rect: { r1: r, c1: 1, r2: r, c2: 1 }, kind: row.whole ? "whole" : "decimal", min: 0, prompt: row.prompt });
    if (row.forloeb) {
      styles.push({ rect: { r1: r, c1: 2, r2: r, c2: 2 }, style: { fill: INPUT_FILL } });
      validations.push({ rect: { r1: r, c1: 2, r2: r, c2: 2 }, kind: "whole", min: 0, prompt: TEMPLATE.promptWhole });
    } else if (forloeb) {
      styles.push({ rect: { r1: r, c1: 2, r2: r, c2: 2 }, style: { fill: "#D9D9D9" } });
    }
  });
  styles.push({ rect: { r1: guideRow, c1: 0, r2: guideRow, c2 }, style: { wrap: true, italic: true, vertical: "top" } });
  return sheet(code, values, forloeb ? [48, 14, 14] : [48, 14], styles, validations, [{ r1: guideRow, c1: 0, r2: guideRow, c2 }], [{ row: guideRow, height: forloeb ? 75 : 90 }]);
}

/** The Måltal sheet with one row per default forvaltning and empty targets; one column per target of the rulebook. */
export function maaltalTemplate(rulebook?: Rulebook | null): SheetLayout {
  const custom = rulebook && !followsBuiltin(rulebook) ? rulebook : undefined;
  const header = custom ? ["Forvaltning", "Navn", ...custom.groups.map((g) => RULES.maaltalHeader(g.name, g.targetLabels[0]))] : [...TEMPLATE.maaltalHeader];
  const values: LayoutValue[][] = [[TEMPLATE.maaltalGuide], [], header];
  for (const code of DEFAULT_UNIT_CODES) values.push([code, DEFAULT_UNIT_NAMES[code] ?? code]);
  const last = values.length - 1;
  const c2 = header.length - 1;
  const widths = custom ? [14, 46, ...custom.groups.map(() => 16)] : [14, 46, 22, 12, 12];
  return sheet(
    TEMPLATE.maaltalSheet,
    values,
    widths,
    [
      { rect: { r1: 0, c1: 0, r2: 0, c2 }, style: { italic: true, wrap: true, vertical: "top" } },
      { rect: { r1: 2, c1: 0, r2: 2, c2 }, style: { bold: true, fill: HEADER_FILL, wrap: true, border: "thin" } },
      { rect: { r1: 3, c1: 0, r2: last, c2 }, style: { border: "thin" } },
      { rect: { r1: 3, c1: 2, r2: last, c2 }, style: { fill: INPUT_FILL } },
    ],
    [{ rect: { r1: 3, c1: 2, r2: last, c2 }, kind: "decimal", min: 0, prompt: TEMPLATE.promptTarget }],
    [{ r1: 0, c1: 0, r2: 0, c2 }],
    [{ row: 0, height: 45 }, { row: 2, height: 45 }],
  );
}

/**
 * Indstillinger holding a rulebook (docs/arbejdsbog-format.md, 5.3): »Regelsæt« and the year, the
 * schemes and the targets with their weights, as rulebook-sheet.ts reads them back.
 */
function rulebookSettings(rulebook: Rulebook): SheetLayout {
  const schemeRows: LayoutValue[][] = rulebook.schemes.map((s) => {
    // As the user typed them on the workbook's Regelsæt; a rulebook from elsewhere has only its normalised labels.
    const extra = s.otherNames ?? s.labels.filter((l) => l !== s.name.toLocaleLowerCase("da-DK"));
    return [s.name, RULES.measureWord(s.measure), s.reportsForloeb ? RULES.yes : RULES.no, rulebook.groups.find((g) => g.id === s.group)?.name ?? s.group, extra.length > 0 ? extra.join("; ") : null];
  });
  const groupRows: LayoutValue[][] = rulebook.groups.map((g) => [g.name, g.targetLabels.join(", "), rulebook.weights ? excelNumber(rulebook.weights[g.id] ?? 0) : null]);
  const values: LayoutValue[][] = [[RULES.rulebookGuide], [], [RULES.rulebookLabel, rulebook.year], [], [...RULES.schemeHeader], ...schemeRows, [], [...RULES.groupHeader], ...groupRows];
  const schemeHeader = 4;
  const groupHeader = schemeHeader + schemeRows.length + 2;
  return sheet(
    TEMPLATE.settingsSheet,
    values,
    [34, 18, 14, 18, 30],
    [
      { rect: { r1: 0, c1: 0, r2: 0, c2: 4 }, style: { italic: true, wrap: true, vertical: "top" } },
      { rect: { r1: 2, c1: 0, r2: 2, c2: 0 }, style: { bold: true } },
      { rect: { r1: schemeHeader, c1: 0, r2: schemeHeader, c2: 4 }, style: { bold: true, fill: HEADER_FILL, wrap: true, border: "thin" } },
      { rect: { r1: schemeHeader + 1, c1: 0, r2: schemeHeader + schemeRows.length, c2: 4 }, style: { border: "thin" } },
      { rect: { r1: groupHeader, c1: 0, r2: groupHeader, c2: 2 }, style: { bold: true, fill: HEADER_FILL, wrap: true, border: "thin" } },
      { rect: { r1: groupHeader + 1, c1: 0, r2: groupHeader + groupRows.length, c2: 2 }, style: { border: "thin" } },
    ],
    [],
    [{ r1: 0, c1: 0, r2: 0, c2: 4 }],
    [{ row: 0, height: 30 }],
  );
}

/**
 * The weights a row of the weights table gives a rulebook read from a workbook (`skabelon
 * --regelsaet`) with a built-in year's schemes, when that row reads back as the same rulebook
 * (rulebook-read.ts: the newest built-in schemes with the weights); else undefined.
 */
function weightsRowOf(rulebook: Rulebook): Weights | undefined {
  if (rulebook.source.kind !== "sheet" || !rulebook.weights || !followsBuiltin(rulebook)) return undefined;
  const weights: Record<string, number> = {};
  for (const g of latestBuiltin().groups) weights[g.id] = (rulebook.weights[g.id] ?? 0) / 100;
  const back = rulebookWithWeights(rulebook.year, { weights, cells: {} }, rulebook.source.sheet);
  return countsTheSame(back, rulebook) ? weights : undefined;
}

/**
 * Weights per year; pre-filled with the built-in weights where the year has them, or with the
 * weights of a rulebook read from a workbook that has a built-in year's schemes (`skabelon
 * --regelsaet`). Any other rulebook read from a workbook, or with other schemes than a built-in
 * year's, is written out as a »Regelsæt« instead, so the new workbook carries the rulebook it was
 * made by (both read back as the same rulebook: tested).
 */
export function settingsTemplate(year: number, rulebook?: Rulebook | null): SheetLayout {
  const typed = rulebook ? weightsRowOf(rulebook) : undefined;
  if (rulebook && !typed && (rulebook.source.kind === "sheet" || !followsBuiltin(rulebook))) return rulebookSettings(rulebook);
  const w = typed ?? BUILT_IN_WEIGHTS[year];
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
export function workbookTemplate(year: number, rulebook?: Rulebook | null): SheetLayout[] {
  return [maaltalTemplate(rulebook), settingsTemplate(year, rulebook), ...DEFAULT_UNIT_CODES.map((c) => departmentTemplate(c, year, rulebook))];
}
