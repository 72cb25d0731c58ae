/**
 * Figures that are possible but implausible next to the other forvaltninger's: a lost decimal comma
 * (124 for 12,4) makes a figure ten times its neighbours'. Such a figure is used as typed, with a
 * warning that names the cell and the figure.
 */
import type { IssueList } from "./issues";
import type { SchemeKey } from "./schemes";
import type { UnitInput } from "./workbook";

/** A figure this many times the largest of the others' is out of scale. */
export const SCALE_FACTOR = 10;
/** Small figures are not judged: 3 next to 0,2 is ordinary. */
const SCALE_MIN = 10;
/** The comparison needs at least this many other forvaltninger to mean anything. */
const SCALE_MIN_OTHERS = 2;

/**
 * Which of the forvaltninger's figures for one scheme are out of scale: at least ten times every
 * other forvaltning's (and at least 10). Forvaltninger differ a lot in size (the notat's own figures
 * span a factor of ten and more between the median and the largest), so only a figure above all the
 * others by that factor is suspicious — exactly what a lost decimal comma in the largest one does.
 */
export function outOfScale(values: readonly number[]): boolean[] {
  return values.map((v, i) => {
    const others = values.filter((_, j) => j !== i);
    if (others.length < SCALE_MIN_OTHERS) return false;
    const largest = Math.max(...others);
    return largest > 0 && v >= SCALE_MIN && v >= SCALE_FACTOR * largest;
  });
}

interface Figure {
  readonly unit: string;
  readonly sheet: string;
  readonly cell: string;
  readonly value: number;
}

function check(figures: readonly Figure[], scheme: string, issues: IssueList): void {
  const flags = outOfScale(figures.map((f) => f.value));
  figures.forEach((f, i) => {
    if (!flags[i]) return;
    const largest = Math.max(...figures.filter((_, j) => j !== i).map((o) => o.value));
    issues.warning("VALUE_OUT_OF_SCALE", f.sheet, f.cell, { scheme, value: f.value, largest }, f.unit);
  });
}

/**
 * Only schemes without antal forløb are compared across forvaltninger. For the three combined
 * schemes a lost decimal comma almost always makes helårspersoner exceed forløb (an error,
 * STATUS_OVER_FORLOEB), while comparing them across forvaltninger would flag the notat's own
 * figures (SOF's småjob, 159,2, is 10,5 times the next largest).
 */
export const SCALE_CHECKED = ["fleksjob", "fritidsjob"] as const satisfies readonly SchemeKey[];

export function checkScale(units: readonly UnitInput[], issues: IssueList): void {
  for (const key of SCALE_CHECKED) {
    const figures: Figure[] = [];
    for (const u of units) {
      const v = u.data?.status[key];
      const cell = u.data?.statusCells[key];
      if (u.data && v !== undefined && cell) figures.push({ unit: u.code, sheet: u.data.sheet, cell, value: v });
    }
    check(figures, key, issues);
  }
}
