/**
 * The two workbooks that prove the rulebook (issue 22), built by script: (a) the shape of KK's count
 * for 2014, four schemes each with its own target, in forløb, persons and places, no weights, defined
 * only by its Indstillinger; (b) 2026 with a sixth scheme in the combined target. Figures: the 2014
 * totals are KK's own (Økonomiudvalget 24 March 2015), spread over four forvaltninger so they sum to them.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import type { Cell, SheetGrid, WorkbookGrid } from "../../src/core/grid";
import { sheet } from "./grid";

export interface ProofUnit {
  readonly code: string;
  readonly status: Readonly<Record<string, number>>;
  readonly forloeb?: Readonly<Record<string, number>>;
  readonly maal: readonly number[];
}

export interface ProofWorkbook {
  readonly year: number;
  /** Scheme rows as the department sheets name them, in report order. */
  readonly schemes: readonly string[];
  readonly maaltalHeader: readonly string[];
  readonly units: readonly ProofUnit[];
  readonly indstillinger: Cell[][];
}

/** 2014: KK's totals, target against status. */
export const KK_2014 = {
  jobrotation: { maal: 400, status: 405 },
  fleksjob: { maal: 653, status: 549 },
  seniorjob: { maal: 400, status: 314 },
  loentilskud: { maal: 2150, status: 966 },
} as const;

export const PROOF_2014: ProofWorkbook = {
  year: 2014,
  schemes: ["Jobrotation", "Fleksjob", "Seniorjob", "Løntilskud"],
  maaltalHeader: ["Forvaltning", "Jobrotation", "Fleksjob", "Seniorjob", "Løntilskud"],
  units: [
    { code: "BUF", status: { Jobrotation: 160, Fleksjob: 210, Seniorjob: 120, Løntilskud: 360 }, maal: [150, 250, 150, 800] },
    { code: "SOF", status: { Jobrotation: 95, Fleksjob: 130, Seniorjob: 80, Løntilskud: 230 }, maal: [100, 150, 100, 500] },
    { code: "SUF", status: { Jobrotation: 100, Fleksjob: 150, Seniorjob: 84, Løntilskud: 270 }, maal: [100, 180, 100, 600] },
    { code: "ØKF", status: { Jobrotation: 50, Fleksjob: 59, Seniorjob: 30, Løntilskud: 106 }, maal: [50, 73, 50, 250] },
  ],
  indstillinger: [
    ["Regelsæt", 2014],
    [],
    ["Ordning", "Opgøres i", "Antal forløb", "Måltal"],
    ["Jobrotation", "forløb", "nej", "Jobrotation"],
    ["Fleksjob", "personer", "nej", "Fleksjob"],
    ["Seniorjob", "personer", "nej", "Seniorjob"],
    ["Løntilskud", "pladser", "nej", "Løntilskud"],
    [],
    ["Måltal", "Kolonne på Måltal", "Vægt"],
    ["Jobrotation", "jobrotation"],
    ["Fleksjob", "fleksjob"],
    ["Seniorjob", "seniorjob"],
    ["Løntilskud", "løntilskud"],
  ],
};

/** 2026: the five schemes of 2025 and jobrotation in the combined target, weighted 51/43/6. */
export const PROOF_2026: ProofWorkbook = {
  year: 2026,
  schemes: ["Løntilskud", "Virksomhedspraktik", "Småjob under det sociale frikort", "Jobrotation", "Fleksjob", "Fritidsjob"],
  maaltalHeader: ["Forvaltning", "Samlet måltal", "Fleksjob", "Fritidsjob"],
  units: [
    {
      code: "BUF",
      status: { Løntilskud: 26.1, Virksomhedspraktik: 119.8, "Småjob under det sociale frikort": 15.1, Jobrotation: 12.4, Fleksjob: 304, Fritidsjob: 69.1 },
      forloeb: { Løntilskud: 64, Virksomhedspraktik: 598, "Småjob under det sociale frikort": 31, Jobrotation: 20 },
      maal: [457, 376, 81],
    },
    {
      code: "SOF",
      status: { Løntilskud: 10.5, Virksomhedspraktik: 90.2, "Småjob under det sociale frikort": 30, Jobrotation: 7.6, Fleksjob: 120, Fritidsjob: 5 },
      forloeb: { Løntilskud: 30, Virksomhedspraktik: 400, "Småjob under det sociale frikort": 50, Jobrotation: 10 },
      maal: [184, 157, 8],
    },
  ],
  indstillinger: [
    ["Regelsæt", 2026],
    [],
    ["Ordning", "Opgøres i", "Antal forløb", "Måltal", "Andre navne"],
    ["Løntilskud", "helårspersoner", "ja", "Samlet", "Loentilskud; Lontilskud"],
    ["Virksomhedspraktik", "helårspersoner", "ja", "Samlet"],
    ["Småjob under det sociale frikort", "helårspersoner", "ja", "Samlet", "Småjob; Smaajob"],
    ["Jobrotation", "helårspersoner", "ja", "Samlet"],
    ["Fleksjob", "ansatte ultimo", "nej", "Fleksjob"],
    ["Fritidsjob", "helårspersoner", "nej", "Fritidsjob"],
    [],
    ["Måltal", "Kolonne på Måltal", "Vægt"],
    ["Samlet", "samlet", 51],
    ["Fleksjob", "fleksjob", 43],
    ["Fritidsjob", "fritidsjob", 6],
  ],
};

function unitRows(p: ProofWorkbook, u: ProofUnit): Cell[][] {
  return [
    ["Forvaltning", u.code],
    ["År", p.year],
    [],
    ["Ordning", "Status", "Antal forløb"],
    ...p.schemes.map((s): Cell[] => [s, u.status[s] ?? null, u.forloeb?.[s] ?? null]),
  ];
}

/** The workbook's sheets as rows from A1: Indstillinger, Måltal, one sheet per forvaltning. */
export function proofSheets(p: ProofWorkbook): { name: string; rows: Cell[][] }[] {
  return [
    { name: "Indstillinger", rows: p.indstillinger },
    { name: "Måltal", rows: [[...p.maaltalHeader], ...p.units.map((u): Cell[] => [u.code, ...u.maal])] },
    ...p.units.map((u) => ({ name: u.code, rows: unitRows(p, u) })),
  ];
}

export function proofGrid(p: ProofWorkbook): WorkbookGrid {
  return { sheets: proofSheets(p).map((s): SheetGrid => sheet(s.name, s.rows)) };
}

export function proofIndstillinger(p: ProofWorkbook): SheetGrid {
  return sheet("Indstillinger", p.indstillinger);
}

/** The same workbook as an .xlsx file, for the CLI. */
export async function writeProofXlsx(p: ProofWorkbook, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of proofSheets(p)) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = typeof v === "object" && v !== null ? null : v)));
  }
  await wb.xlsx.writeFile(file);
}

/**
 * Both proof workbooks as .xlsx files in a temporary folder, for a CLI test file: registers a
 * `beforeAll` that writes them and an `afterAll` that removes the folder. Read the paths inside tests.
 */
export function proofFiles(): { readonly dir: string; readonly f2014: string; readonly f2026: string } {
  const files = { dir: "", f2014: "", f2026: "" };
  beforeAll(async () => {
    files.dir = await fs.mkdtemp(path.join(os.tmpdir(), "jobstatus-test-"));
    files.f2014 = path.join(files.dir, "kk-2014.xlsx");
    files.f2026 = path.join(files.dir, "kk-2026.xlsx");
    await writeProofXlsx(PROOF_2014, files.f2014);
    await writeProofXlsx(PROOF_2026, files.f2026);
  });
  afterAll(async () => {
    if (files.dir !== "") await fs.rm(files.dir, { recursive: true, force: true });
  });
  return files;
}
