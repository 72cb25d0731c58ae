/**
 * Generates workbooks for the benchmark (and the sync-count test) from the 2025 notat's data
 * (examples/notat-2025.json, via src/cli/example.ts), scaled to any number of department sheets.
 *
 * - The first seven sheets are the notat's own forvaltninger, in example.ts's varied layouts.
 * - Every further sheet is one of them again under a new code (`BIF-008`, `BUF-009`, …), with its
 *   figures scaled by a seeded random factor (0.5–1.5), its code added to Måltal (targets scaled
 *   the same way; the KK row is the sum), and one of four layouts: example.ts's standard one, title
 *   rows above the table, the table moved one column right, or a comment on every row.
 * - Options: the planted errors of example.ts (for »Valider«), a log of forløb below the first
 *   department's table (`noteRows` rows of date, comment and initials: the largest sheet we read),
 *   and ambiguous text in every generated sheet (the most marks »Valider« writes).
 *
 * CLI (after `npx tsc -p tsconfig.bench.json`):
 *   node build/bench/scripts/gen-workbook.js --afdelinger 700 [--fejl] [--noter 100000] [--seed 1] -o FILE.xlsx
 */
import ExcelJS from "../src/cli/exceljs";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { buildExample, loadExampleData, PLANTED_ERRORS, type ExampleData } from "../src/cli/example";

type Scheme = "loentilskud" | "virksomhedspraktik" | "smaajob" | "fleksjob" | "fritidsjob";

export interface GenerateOptions {
  /** Department sheets (at least 1). Up to 7 are the notat's; beyond that, generated copies. */
  readonly departments: number;
  /** Seed of the figures and comments; the same seed gives the same workbook. */
  readonly seed?: number;
  /** Plant example.ts's errors on the notat's seven sheets (so »Valider« has cells to mark). */
  readonly errors?: boolean;
  /** Rows of a forløb log below the first department sheet's table. */
  readonly noteRows?: number;
  /**
   * Every generated sheet's five status figures typed as ambiguous text (`1.048`): an error in each,
   * so »Valider« has the most cells to mark (five per sheet).
   */
  readonly ambiguousEverywhere?: boolean;
}

/** The repository root (the folder with package.json), from wherever this file was compiled to. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "examples"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error("gen-workbook: repository root not found");
    dir = up;
  }
}

/** A small seeded PRNG (mulberry32): the same seed, the same workbook. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (v: number, decimals: number): number => Math.round(v * 10 ** decimals) / 10 ** decimals;

/** The code of the i-th department sheet (0-based): the notat's seven, then `BIF-008`, `BUF-009`, … */
export function departmentCode(base: readonly string[], i: number): string {
  const code = base[i % base.length] as string;
  return i < base.length ? code : `${code}-${String(i + 1).padStart(3, "0")}`;
}

/** The notat's data for `n` department sheets: the real seven first, then scaled copies. */
export function scaleData(data: ExampleData, n: number, seed = 1): ExampleData {
  if (!Number.isInteger(n) || n < 1) throw new Error("gen-workbook: departments must be a positive integer");
  const rand = random(seed);
  const base = Object.keys(data.departments);
  const departments: Record<string, ExampleData["departments"][string]> = {};
  const maaltal: Record<string, { samlet: number; fleksjob: number; fritidsjob?: number }> = {};
  for (let i = 0; i < n; i++) {
    const from = base[i % base.length] as string;
    const code = departmentCode(base, i);
    const d = data.departments[from];
    const m = data.maaltal[from];
    if (!d || !m) throw new Error(`gen-workbook: no data for ${from}`);
    if (i < base.length) {
      departments[code] = d;
      maaltal[code] = m;
      continue;
    }
    // Beyond 700 the copies are smaller forvaltninger, so the kommune's sums stay within the
    // engine's limits (a target over 1,000,000 is an error); 700 and fewer are unchanged.
    const f = (0.5 + rand()) * Math.min(1, 700 / n);
    const s = d.status;
    departments[code] = {
      status: {
        loentilskud: round(s.loentilskud * f, 1),
        virksomhedspraktik: round(s.virksomhedspraktik * f, 1),
        smaajob: round(s.smaajob * f, 1),
        fleksjob: Math.round(s.fleksjob * f),
        fritidsjob: round(s.fritidsjob * f, 2),
      },
      // At least as many forløb as helårspersoner (one forløb gives at most one).
      forloeb: {
        loentilskud: Math.max(Math.ceil(round(s.loentilskud * f, 1)), Math.round(d.forloeb.loentilskud * f)),
        virksomhedspraktik: Math.max(Math.ceil(round(s.virksomhedspraktik * f, 1)), Math.round(d.forloeb.virksomhedspraktik * f)),
        smaajob: Math.max(Math.ceil(round(s.smaajob * f, 1)), Math.round(d.forloeb.smaajob * f)),
      },
    };
    const g = 0.8 + 0.4 * rand();
    maaltal[code] = { samlet: Math.max(1, Math.round(m.samlet * f * g)), fleksjob: Math.max(1, Math.round(m.fleksjob * f * g)), fritidsjob: Math.max(1, Math.round((m.fritidsjob ?? 1) * f * g)) };
  }
  // KK is the sum of the forvaltninger, as Måltal's own KK row must be.
  const units = Object.values(maaltal);
  maaltal.KK = {
    samlet: units.reduce((a, u) => a + u.samlet, 0),
    fleksjob: units.reduce((a, u) => a + u.fleksjob, 0),
    fritidsjob: units.reduce((a, u) => a + (u.fritidsjob ?? 0), 0),
  };
  return { ...data, departments, maaltal };
}

const COMMENTS = [
  "Tallet er opgjort af HR-enheden ud fra lønsystemet pr. 31. december.",
  "Enkelte forløb er forlænget ind i det nye år.",
  "Inkluderer to forløb, der blev afbrudt før tid.",
  "Opgjort som helårspersoner ud fra antal dage i forløb.",
  "Stigningen skyldes en ny indsats i ældreplejen.",
  "Tal fra centrene er samlet af forvaltningens løncenter.",
  "Bemærk: et forløb er registreret på to enheder og talt én gang.",
  "Ingen ændringer i forhold til sidste indberetning.",
];
const INITIALS = ["AHJ", "BKL", "CMN", "DLP", "EST", "FRV", "GHW", "HÆØ"];
const LOG_TEXTS = [
  "Forløb i virksomhedspraktik startet efter aftale med jobcentret",
  "Løntilskudsforløb forlænget med tre måneder",
  "Småjob under det sociale frikort, ti timer om ugen",
  "Forløbet afsluttet før tid; borgeren er overgået til ordinær ansættelse",
  "Fleksjob bevilget efter afklaring i rehabiliteringsteamet",
  "Fritidsjob i sommerferien, 15 timer om ugen",
  "Opfølgningssamtale holdt med leder og mentor",
  "Praktikken flyttet til en anden institution i samme område",
];

/** Gives a generated copy of the standard layout one of four looks (i picks it). */
function vary(ws: ExcelJS.Worksheet, i: number, rand: () => number): void {
  const font = { name: "Calibri", size: 11 };
  switch (i % 4) {
    case 1: // a title and a note above the table
      ws.spliceRows(1, 0, [`Indberetning af særlige jobordninger, ${ws.name}`], ["Udfyldt af enhedens HR-partner"], []);
      ws.getCell("A1").font = { ...font, bold: true };
      break;
    case 2: // the table starts in column B
      ws.spliceColumns(1, 0, []);
      ws.getColumn(2).width = 40;
      break;
    case 3: // a comment on every scheme row (column D is »Bemærkninger« in the standard layout)
      for (let r = 5; r <= 9; r++) {
        const c = ws.getCell(`D${r}`);
        c.value = COMMENTS[Math.floor(rand() * COMMENTS.length)] as string;
        c.font = font;
      }
      ws.getColumn(4).width = 60;
      break;
    default:
  }
}

/** A log of forløb below the table: date (formatted), comment, initials, from three rows below the used range. */
function addLog(ws: ExcelJS.Worksheet, rows: number, rand: () => number): void {
  const start = ws.rowCount + 3;
  ws.getCell(`A${start}`).value = "Log over forløb (læses ikke af jobstatus)";
  ws.getCell(`A${start}`).font = { name: "Calibri", size: 11, bold: true };
  const first = Date.UTC(2025, 0, 2);
  for (let k = 0; k < rows; k++) {
    const row = ws.getRow(start + 1 + k);
    row.getCell(1).value = new Date(first + Math.floor(rand() * 360) * 86_400_000);
    row.getCell(1).numFmt = "dd-mm-yyyy";
    row.getCell(4).value = `${LOG_TEXTS[Math.floor(rand() * LOG_TEXTS.length)] as string} (sag ${100000 + k})`;
    row.getCell(5).value = INITIALS[Math.floor(rand() * INITIALS.length)] as string;
  }
}

/** Builds the workbook in memory. */
export async function generateWorkbook(options: GenerateOptions, data?: ExampleData): Promise<ExcelJS.Workbook> {
  const base = data ?? (await loadExampleData(path.join(repoRoot(), "examples", "notat-2025.json")));
  const seed = options.seed ?? 1;
  const scaled = scaleData(base, options.departments, seed);
  const wb = await buildExample(scaled);
  const rand = random(seed ^ 0x9e3779b9);
  const real = Object.keys(base.departments);
  Object.keys(scaled.departments).forEach((code, i) => {
    if (i < real.length) return;
    const ws = wb.getWorksheet(code);
    if (!ws) return;
    // The standard layout has the status figures in B5:B9.
    if (options.ambiguousEverywhere) for (let r = 5; r <= 9; r++) ws.getCell(`B${r}`).value = "1.048";
    vary(ws, i, rand);
  });
  if (options.errors) {
    for (const p of PLANTED_ERRORS) {
      const ws = wb.getWorksheet(p.sheet);
      if (ws) ws.getCell(p.cell).value = p.value as ExcelJS.CellValue;
    }
  }
  if (options.noteRows && options.noteRows > 0) {
    const first = wb.getWorksheet(Object.keys(scaled.departments)[0] as string);
    if (first) addLog(first, options.noteRows, rand);
  }
  return wb;
}

/** Builds the workbook and writes it as .xlsx. */
export async function writeGeneratedWorkbook(file: string, options: GenerateOptions): Promise<void> {
  await (await generateWorkbook(options)).xlsx.writeFile(file);
}

function usage(): never {
  process.stderr.write("Brug: gen-workbook --afdelinger N [--fejl] [--noter RÆKKER] [--seed S] -o FIL.xlsx\n");
  process.exit(2);
}

async function cli(args: readonly string[]): Promise<void> {
  let departments = 7;
  let errors = false;
  let noteRows = 0;
  let seed = 1;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = (): number => {
      const v = Number(args[++i]);
      if (!Number.isInteger(v) || v < 0) usage();
      return v;
    };
    if (a === "--afdelinger") departments = next();
    else if (a === "--noter") noteRows = next();
    else if (a === "--seed") seed = next();
    else if (a === "--fejl") errors = true;
    else if (a === "-o") out = args[++i];
    else usage();
  }
  if (!out || departments < 1) usage();
  await writeGeneratedWorkbook(out, { departments, errors, noteRows, seed });
  process.stdout.write(`${out}: ${departments} afdelingsark${noteRows ? `, ${noteRows} logrækker` : ""}${errors ? ", med fejl" : ""}\n`);
}

if (require.main === module) {
  cli(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${String(e instanceof Error ? e.stack : e)}\n`);
    process.exit(1);
  });
}
