/**
 * The file HR sends one forvaltning: its department sheet, ready to fill in and to validate on its
 * own, with only the input cells open for editing. Pure: the adapters render the layout and apply
 * the protection (exceljs in the CLI).
 */
import { FORVALTNING_TEMPLATE, TEMPLATE } from "../messages/da";
import type { CellStyle, DataValidation, Rect, SheetLayout } from "./layout";
import type { Rulebook } from "./rulebook";
import { followsBuiltin } from "./rulebook-sheet";
import { departmentTemplate } from "./template";
import { DEFAULT_UNIT_NAMES } from "./units";
import { BUILT_IN_WEIGHTS, type Weights } from "./weights";

const NOT_IN_USE_FILL = "#D9D9D9";
/** 0-based row of the header on {@link departmentTemplate}'s sheet; the schemes follow in SCHEME order. */
const HEADER_ROW = 3;

export interface ForvaltningTemplate {
  readonly layout: SheetLayout;
  /** The cells the department fills in: unlocked, while the rest of the sheet is protected without a password. */
  readonly unlocked: readonly Rect[];
}

export type ForvaltningTemplateOutcome =
  | { readonly ok: true; readonly template: ForvaltningTemplate }
  | { readonly ok: false; readonly reason: "weights-unknown" };

function rowOf(key: string): number {
  const i = TEMPLATE.rows.findIndex(([k]) => k === key);
  return HEADER_ROW + 1 + i;
}

/**
 * One forvaltning's sheet for `year`. Without a rulebook, a year without known weights cannot be
 * checked by the department (which rows are required depends on the weights), so it is refused
 * rather than sent out as a file whose validation would fail. With the year's rulebook (the
 * analyst's workbook's, template-rulebook.ts) nothing is refused: the rulebook says every row.
 */
export function forvaltningTemplate(code: string, year: number, weights: Weights | undefined = BUILT_IN_WEIGHTS[year], rulebook?: Rulebook | null): ForvaltningTemplateOutcome {
  // A rulebook with its own schemes (rulebook-sheet.ts) gives its own rows; a built-in shape keeps the built-in rows.
  const custom = rulebook && !followsBuiltin(rulebook) ? rulebook : undefined;
  if (!weights && !rulebook) return { ok: false, reason: "weights-unknown" };
  const base = departmentTemplate(code, year, custom);
  // The built-in shape's fritidsjob row is in use where the rulebook counts fritidsjob (2025; not 2024,
  // nor a year whose typed weights give it 0), or, without a rulebook, where its weight is over 0.
  const fritidsjobInUse = custom !== undefined || (rulebook ? rulebook.schemes.some((s) => s.id === "fritidsjob") : (weights?.fritidsjob ?? 0) > 0);
  const fritidsRow = rowOf("fritidsjob");
  const values = base.values.map((r) => [...r]);
  const cols = base.columnWidths.length;
  const styles: { rect: Rect; style: CellStyle }[] = [...base.styles];
  let validations: DataValidation[] = [...(base.validations ?? [])];
  if (!fritidsjobInUse) {
    // The row stays (the layout is the same every year), but reads as not in use and cannot be typed in.
    const row = values[fritidsRow] as (string | number | null)[];
    row[0] = FORVALTNING_TEMPLATE.notInUseLabel(year);
    styles.push({ rect: { r1: fritidsRow, c1: 0, r2: fritidsRow, c2: cols - 1 }, style: { fill: NOT_IN_USE_FILL, italic: true, color: "#595959" } });
    validations = validations.filter((v) => v.rect.r1 !== fritidsRow);
  }
  // The instruction: the base guide, then how to unprotect and where to send the file.
  const name = DEFAULT_UNIT_NAMES[code] ?? code;
  const extra = [FORVALTNING_TEMPLATE.title(name, year), FORVALTNING_TEMPLATE.protection, FORVALTNING_TEMPLATE.sendBack];
  const firstExtra = values.length + 1;
  values.push([]);
  for (const t of extra) values.push([t, ...Array<null>(cols - 1).fill(null)]);
  const rows = values.map((r) => Array.from({ length: cols }, (_, i) => r[i] ?? null));
  const merges: Rect[] = [...base.merges];
  const rowHeights = [...base.rowHeights];
  extra.forEach((_, i) => {
    const r = firstExtra + i;
    merges.push({ r1: r, c1: 0, r2: r, c2: cols - 1 });
    styles.push({ rect: { r1: r, c1: 0, r2: r, c2: cols - 1 }, style: { wrap: true, vertical: "top", ...(i === 0 ? { bold: true } : {}) } });
    rowHeights.push({ row: r, height: i === 0 ? 18 : 48 });
  });
  const layout: SheetLayout = {
    ...base,
    values: rows,
    numberFormats: rows.map((r) => r.map(() => null)),
    styles,
    merges,
    rowHeights,
    validations,
  };
  const unlocked = validations.map((v) => v.rect);
  return { ok: true, template: { layout, unlocked } };
}
