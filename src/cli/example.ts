/**
 * Builds the bundled example workbooks from examples/notat-2025.json:
 * - eksempel-2025.xlsx: eight sheets in deliberately varied layouts, as departments really send them;
 * - eksempel-2025-fejl.xlsx: the same with planted errors, each listed in PLANTED_ERRORS.
 * Run by `npm run demo` (node build/cli/example.js); also used by the tests.
 */
import ExcelJS from "./exceljs";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { DEFAULT_UNIT_NAMES, BUILT_IN_WEIGHTS } from "../core";
import { NOTAT_FIELD_LABELS, TEMPLATE } from "../messages/da";

type Scheme = "loentilskud" | "virksomhedspraktik" | "smaajob" | "fleksjob" | "fritidsjob";

export interface ExampleData {
  readonly year: number;
  readonly maaltal: Record<string, { samlet: number; fleksjob: number; fritidsjob?: number }>;
  readonly departments: Record<string, { status: Record<Scheme, number>; forloeb: Record<"loentilskud" | "virksomhedspraktik" | "smaajob", number> }>;
  readonly previous?: { year: number; status: Omit<Record<Scheme, number>, "fritidsjob">; forloeb: Record<string, number>; maal: { samlet: number; fleksjob: number } };
  /** The notat's own fields (case numbers, adoption dates as yyyy-mm-dd, sender), for the Indstillinger sheet. */
  readonly notat?: Partial<Record<keyof typeof NOTAT_FIELD_LABELS, string | number>>;
}

export const EXAMPLE_DATA_FILE = path.join(__dirname, "..", "..", "examples", "notat-2025.json");

export async function loadExampleData(file = EXAMPLE_DATA_FILE): Promise<ExampleData> {
  return JSON.parse(await fs.readFile(file, "utf8")) as ExampleData;
}

const FONT = { name: "Calibri", size: 11 };
const LABELS: Record<Scheme, string> = {
  loentilskud: "Løntilskud (helårspersoner)",
  virksomhedspraktik: "Virksomhedspraktik (helårspersoner)",
  smaajob: "Småjob under det sociale frikort",
  fleksjob: "Fleksjob (antal ansatte)",
  fritidsjob: "Fritidsjob (helårspersoner)",
};
const ORDER: Scheme[] = ["loentilskud", "virksomhedspraktik", "smaajob", "fleksjob", "fritidsjob"];

function put(ws: ExcelJS.Worksheet, addr: string, value: ExcelJS.CellValue, bold = false): void {
  const c = ws.getCell(addr);
  c.value = value;
  c.font = { ...FONT, ...(bold ? { bold: true } : {}) };
}

/** One department sheet; `variant` picks one of several real-world layouts. */
function departmentSheet(wb: ExcelJS.Workbook, code: string, data: ExampleData, variant: number): ExcelJS.Worksheet {
  const d = data.departments[code];
  if (!d) throw new Error(`no data for ${code}`);
  const ws = wb.addWorksheet(code);
  ws.getColumn(1).width = 40;
  const col = (i: number) => String.fromCharCode(65 + i);
  let c0 = 0;
  let r = 1;
  let order = ORDER;
  let statusCol = 1;
  let forloebCol = 2;
  let extraCol: number | undefined;
  switch (variant) {
    case 1: // a title and notes above, the header further down, rows in another order, short labels
      put(ws, "A1", `Indberetning af særlige jobordninger ${data.year}`, true);
      put(ws, "A2", "Udfyldt af forvaltningens HR-enhed");
      put(ws, "A4", "Forvaltning");
      put(ws, "B4", code);
      put(ws, "A5", "År");
      put(ws, "B5", data.year);
      r = 8;
      order = ["fleksjob", "virksomhedspraktik", "loentilskud", "smaajob", "fritidsjob"];
      break;
    case 2: // an extra column between the numbers, and a comment column
      put(ws, "A1", "Forvaltning");
      put(ws, "B1", code);
      put(ws, "A2", "År");
      put(ws, "B2", data.year);
      r = 4;
      statusCol = 1;
      extraCol = 2;
      forloebCol = 3;
      break;
    case 3: // the full name in the Forvaltning field, blank rows between the schemes
      put(ws, "A1", "Forvaltning:");
      put(ws, "B1", DEFAULT_UNIT_NAMES[code] ?? code);
      put(ws, "A2", "År:");
      put(ws, "B2", data.year);
      r = 4;
      break;
    case 4: // the table starts in column C
      put(ws, "C2", "Forvaltning");
      put(ws, "D2", code);
      put(ws, "C3", "År");
      put(ws, "D3", data.year);
      c0 = 2;
      r = 5;
      ws.getColumn(3).width = 40;
      break;
    default:
      put(ws, "A1", "Forvaltning");
      put(ws, "B1", code);
      put(ws, "A2", "År");
      put(ws, "B2", data.year);
      r = 4;
  }
  put(ws, `${col(c0)}${r}`, "Ordning", true);
  put(ws, `${col(c0 + statusCol)}${r}`, "Status", true);
  put(ws, `${col(c0 + forloebCol)}${r}`, "Antal forløb", true);
  if (extraCol !== undefined) put(ws, `${col(c0 + extraCol)}${r}`, "Heraf nye forløb", true);
  put(ws, `${col(c0 + forloebCol + 1)}${r}`, "Bemærkninger", true);
  r++;
  for (const s of order) {
    put(ws, `${col(c0)}${r}`, variant === 1 && s === "smaajob" ? "Småjob" : LABELS[s]);
    const v = d.status[s];
    // ØKF types two statuses as formulas: their cached values count.
    put(ws, `${col(c0 + statusCol)}${r}`, variant === 5 && s === "loentilskud" ? { formula: "8.4+5.5", result: v } : v);
    if (s !== "fleksjob" && s !== "fritidsjob") put(ws, `${col(c0 + forloebCol)}${r}`, d.forloeb[s]);
    if (extraCol !== undefined && s !== "fleksjob" && s !== "fritidsjob") put(ws, `${col(c0 + extraCol)}${r}`, Math.round(d.forloeb[s] / 3));
    r += variant === 3 ? 2 : 1;
  }
  if (variant === 0) {
    // A typed total row, cross-checked against the sum.
    const sum = d.forloeb.loentilskud + d.forloeb.virksomhedspraktik + d.forloeb.smaajob;
    put(ws, `A${r}`, "Antal forløb i alt", true);
    put(ws, `${col(forloebCol)}${r}`, sum, true);
  }
  return ws;
}

function maaltalSheet(wb: ExcelJS.Workbook, data: ExampleData): void {
  const ws = wb.addWorksheet("Måltal");
  put(ws, "A1", `Måltal for ${data.year}, vedtaget af Borgerrepræsentationen`, true);
  const header = ["Forvaltning", "Navn", "Samlet måltal (virksomhedspraktik, løntilskud og småjob)", "Fleksjob", "Fritidsjob"];
  header.forEach((h, i) => put(ws, `${String.fromCharCode(65 + i)}3`, h, true));
  let r = 4;
  for (const [code, m] of Object.entries(data.maaltal)) {
    put(ws, `A${r}`, code);
    put(ws, `B${r}`, DEFAULT_UNIT_NAMES[code] ?? code);
    put(ws, `C${r}`, m.samlet);
    put(ws, `D${r}`, m.fleksjob);
    if (m.fritidsjob !== undefined) put(ws, `E${r}`, m.fritidsjob);
    r++;
  }
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 44;
  ws.getColumn(3).width = 30;
}

function previousSheet(wb: ExcelJS.Workbook, data: ExampleData): void {
  const p = data.previous;
  if (!p) return;
  const ws = wb.addWorksheet("Forrige år");
  put(ws, "A1", "Forvaltning");
  put(ws, "B1", "KK");
  put(ws, "A2", "År");
  put(ws, "B2", p.year);
  ["Ordning", "Status", "Antal forløb", "Måltal"].forEach((h, i) => put(ws, `${String.fromCharCode(65 + i)}4`, h, true));
  const rows: [Scheme, number | undefined, number | undefined][] = [
    ["loentilskud", p.forloeb.loentilskud, p.maal.samlet],
    ["virksomhedspraktik", p.forloeb.virksomhedspraktik, undefined],
    ["smaajob", p.forloeb.smaajob, undefined],
    ["fleksjob", undefined, p.maal.fleksjob],
  ];
  rows.forEach(([s, f, m], i) => {
    const r = 5 + i;
    put(ws, `A${r}`, LABELS[s]);
    put(ws, `B${r}`, (p.status as Record<string, number>)[s] ?? null);
    if (f !== undefined) put(ws, `C${r}`, f);
    if (m !== undefined) put(ws, `D${r}`, m);
  });
  ws.getColumn(1).width = 40;
}

/** Indstillinger: the years' weights as adopted, and below them the notat's fields (dates as real dates). */
function settingsSheet(wb: ExcelJS.Workbook, data: ExampleData): void {
  if (!data.notat) return;
  const ws = wb.addWorksheet(TEMPLATE.settingsSheet);
  TEMPLATE.settingsHeader.forEach((h, i) => put(ws, `${String.fromCharCode(65 + i)}1`, h, true));
  let r = 2;
  for (const y of [data.previous?.year, data.year]) {
    const w = y === undefined ? undefined : BUILT_IN_WEIGHTS[y];
    if (y === undefined || !w) continue;
    put(ws, `A${r}`, y);
    put(ws, `B${r}`, (w.samlet ?? 0) * 100);
    put(ws, `C${r}`, (w.fleksjob ?? 0) * 100);
    if ((w.fritidsjob ?? 0) > 0) put(ws, `D${r}`, (w.fritidsjob ?? 0) * 100);
    r++;
  }
  r++;
  for (const [field, value] of Object.entries(data.notat)) {
    const label = NOTAT_FIELD_LABELS[field as keyof typeof NOTAT_FIELD_LABELS];
    if (label === undefined || value === undefined) continue;
    put(ws, `A${r}`, label, true);
    const date = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
    put(ws, `B${r}`, date ?? value);
    if (date) ws.getCell(`B${r}`).numFmt = "d. mmmm yyyy";
    r++;
  }
  ws.getColumn(1).width = 58;
  ws.getColumn(2).width = 48;
}

export async function buildExample(data: ExampleData): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  maaltalSheet(wb, data);
  settingsSheet(wb, data);
  const variants: Record<string, number> = { BIF: 0, BUF: 1, KFF: 2, SOF: 3, SUF: 3, TMF: 4, ØKF: 5 };
  for (const code of Object.keys(data.departments)) departmentSheet(wb, code, data, variants[code] ?? 0);
  previousSheet(wb, data);
  const notes = wb.addWorksheet("Noter");
  put(notes, "A1", "Noter fra HR: arket her læses ikke af jobstatus.");
  return wb;
}

/** The errors planted in the broken copy: where, and the code the tool must report there. */
export const PLANTED_ERRORS = [
  { sheet: "BIF", cell: "C10", code: "TOTAL_MISMATCH", value: 256 },
  { sheet: "BUF", cell: "B9", code: "VALUE_AMBIGUOUS", value: "1.048" },
  { sheet: "KFF", cell: "B8", code: "VALUE_NOT_WHOLE", value: 49.5 },
  { sheet: "SOF", cell: "B9", code: "VALUE_MISSING", value: null },
  { sheet: "SUF", cell: "B13", code: "VALUE_ERROR", value: { error: "#REF!" } },
  { sheet: "TMF", cell: "D3", code: "YEAR_MISMATCH", value: 2024 },
  { sheet: "ØKF", cell: "C7", code: "VALUE_NEGATIVE", value: -4 },
] as const;

export async function buildBrokenExample(data: ExampleData): Promise<ExcelJS.Workbook> {
  const wb = await buildExample(data);
  for (const p of PLANTED_ERRORS) {
    const ws = wb.getWorksheet(p.sheet);
    if (!ws) throw new Error(`no sheet ${p.sheet}`);
    ws.getCell(p.cell).value = p.value as ExcelJS.CellValue;
  }
  return wb;
}

async function cli(): Promise<void> {
  const data = await loadExampleData();
  const dir = path.dirname(EXAMPLE_DATA_FILE);
  await (await buildExample(data)).xlsx.writeFile(path.join(dir, "eksempel-2025.xlsx"));
  await (await buildBrokenExample(data)).xlsx.writeFile(path.join(dir, "eksempel-2025-fejl.xlsx"));
  process.stdout.write(`Eksempler skrevet: ${path.join(dir, "eksempel-2025.xlsx")} og eksempel-2025-fejl.xlsx\n`);
}

if (require.main === module) {
  cli().catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  });
}
