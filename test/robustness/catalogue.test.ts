/**
 * The catalogue of bad inputs (docs/fejlkatalog.md), one named case per entry. Each case is run
 * through the engine (calculate and validate) and, as a real .xlsx file, through the CLI (`valider
 * --json` and `beregn --json`), and must give exactly the listed issues: code, sheet and cell.
 * Every case also checks that no issue points at a sheet or cell that does not exist, that every
 * error says what to do, that no message carries more than a clipped copy of the offending value,
 * and that the CLI exits 0 or 1 with nothing on stderr.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { calculate, validate, type WorkbookGrid } from "../../src/core";
import { StatusJsonSchema } from "../../src/core/json";
import type { CalculationOutcome } from "../../src/core";
import type { Cell, SheetGrid } from "../../src/core/grid";
import { hasErrors, WORKBOOK_SHEET } from "../../src/core/issues";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { issueMessage } from "../../src/messages/da";
import { runCli, stderrBesidesWritten, tempDir } from "../support/cli";
import { deptSheet, maaltalSheet, sheet, workbook, type DeptValues } from "../support/grid";
import { gridToExcel, keys, loadXlsx, messageProblems, placementProblems, STACK_TRACE } from "./helpers";

interface Case {
  readonly id: string;
  /** The input, as the catalogue names it. */
  readonly title: string;
  /** An engine-level input; written to .xlsx for the CLI. */
  readonly grid?: () => WorkbookGrid;
  /** A real-file input (rich text, formulas, merges, dates…); read back for the engine. */
  readonly xlsx?: () => ExcelJS.Workbook;
  /** Issues of `calculate` (= `beregn`), as `severity:CODE@Sheet!Cell`. `validate` gives the same minus MAALTAL_MISSING / OUTPUT_NAME_TAKEN. */
  readonly expected: readonly string[];
  /** The first issue's message must match. */
  readonly message?: RegExp;
  readonly check?: (out: CalculationOutcome) => void;
}

const M = (rows: [string, Cell, Cell, Cell?][] = [["AAA", 50, 40, 5]]): SheetGrid => maaltalSheet(rows);
const one = (v: DeptValues = {}, year: Cell = 2025): WorkbookGrid => workbook(M(), deptSheet("AAA", year, v));
/** The base department sheet with its rows edited. */
const edited = (edit: (rows: Cell[][]) => Cell[][], year: Cell = 2025, name = "AAA"): SheetGrid => {
  const s = deptSheet(name, year);
  return { ...s, values: edit(s.values.map((r) => [...r])) };
};
const status = (out: CalculationOutcome, key: "loentilskud" | "virksomhedspraktik" | "smaajob" | "fleksjob" | "fritidsjob") => out.result.forvaltninger[0]?.status[key];
const written = (out: CalculationOutcome) => expect(out.report).not.toBeNull();
const notWritten = (out: CalculationOutcome) => expect(out.report).toBeNull();
const base = (): ExcelJS.Workbook => gridToExcel(one());
const ws = (wb: ExcelJS.Workbook, name = "AAA"): ExcelJS.Worksheet => wb.getWorksheet(name) as ExcelJS.Worksheet;
const LONG = "x".repeat(30_000);

const CASES: readonly Case[] = [
  // ----- Tal skrevet som tekst -----
  { id: "K01", title: "tal som tekst med dansk decimalkomma »2,84«", grid: () => one({ loentilskud: "2,84" }), expected: ["warning:VALUE_TEXT_NUMBER@AAA!B5"], message: /Cellen indeholder »2,84« som tekst, og det er læst som 2,84/, check: (o) => (expect(status(o, "loentilskud")).toBe(2.84), written(o)) },
  { id: "K02", title: "tal som tekst med engelsk decimalpunktum »2.84«", grid: () => one({ loentilskud: "2.84" }), expected: ["warning:VALUE_TEXT_NUMBER@AAA!B5"], check: (o) => (expect(status(o, "loentilskud")).toBe(2.84), written(o)) },
  { id: "K03", title: "tvetydig tekst »1.048« (tusinder eller decimaler?)", grid: () => one({ fleksjob: "1.048" }), expected: ["error:VALUE_AMBIGUOUS@AAA!B8"], message: /1048 eller 1,048\. Jobstatus bruger ikke et tal, der kan læses på to måder\. Skriv tallet/, check: notWritten },
  { id: "K04", title: "tvetydig tekst »1,048«", grid: () => one({ virksomhedspraktik: "1,048" }), expected: ["error:VALUE_AMBIGUOUS@AAA!B6"], message: /1048 eller 1,048/, check: notWritten },
  { id: "K05", title: "tal som tekst med mellemrum » 12 «", grid: () => one({ fleksjob: " 12 " }), expected: ["warning:VALUE_TEXT_NUMBER@AAA!B8"], check: (o) => (expect(status(o, "fleksjob")).toBe(12), written(o)) },
  { id: "K06", title: "dansk tal med tusindtalspunktum og decimalkomma »1.234,5«", grid: () => workbook(M([["AAA", 1000, 40, 5]]), deptSheet("AAA", 2025, { virksomhedspraktik: "1.234,5", forloeb: [10, 2000, 5] })), expected: ["warning:VALUE_TEXT_NUMBER@AAA!B6"], check: (o) => expect(status(o, "virksomhedspraktik")).toBe(1234.5) },
  { id: "K07", title: "engelsk tal med tusindtalskomma og decimalpunktum »1,234.5«", grid: () => workbook(M([["AAA", 1000, 40, 5]]), deptSheet("AAA", 2025, { virksomhedspraktik: "1,234.5", forloeb: [10, 2000, 5] })), expected: ["warning:VALUE_TEXT_NUMBER@AAA!B6"], check: (o) => expect(status(o, "virksomhedspraktik")).toBe(1234.5) },
  { id: "K08", title: "tekst, der ikke er et tal »12 stk«", grid: () => one({ smaajob: "12 stk" }), expected: ["error:VALUE_NOT_NUMBER@AAA!B7"], message: /Cellen indeholder »12 stk«, som ikke er et tal/ },
  // ----- Umulige tal -----
  { id: "K09", title: "negativt tal", grid: () => one({ smaajob: -4 }), expected: ["error:VALUE_NEGATIVE@AAA!B7"], message: /negativ \(-4\)/ },
  { id: "K10", title: "NaN som tal", grid: () => one({ loentilskud: NaN }), expected: ["error:VALUE_NOT_FINITE@AAA!B5"] },
  { id: "K11", title: "Infinity og -Infinity som tal", grid: () => one({ loentilskud: Infinity, smaajob: -Infinity }), expected: ["error:VALUE_NOT_FINITE@AAA!B5", "error:VALUE_NOT_FINITE@AAA!B7"] },
  { id: "K12", title: "»NaN« og »Infinity« som tekst", grid: () => one({ loentilskud: "NaN", fleksjob: "Infinity" }), expected: ["error:VALUE_NOT_NUMBER@AAA!B5", "error:VALUE_NOT_NUMBER@AAA!B8"] },
  { id: "K13", title: "urimeligt stort tal (1e12)", grid: () => one({ virksomhedspraktik: 1e12 }), expected: ["error:VALUE_TOO_LARGE@AAA!B6"], message: /\(1\.000\.000\.000\.000; højst 1\.000\.000\)/ },
  { id: "K14", title: "»1e12« som tekst", grid: () => one({ virksomhedspraktik: "1e12" }), expected: ["error:VALUE_NOT_NUMBER@AAA!B6"] },
  { id: "K15", title: "decimaler, hvor der skal stå et helt tal (fleksjob 49,5)", grid: () => one({ fleksjob: 49.5 }), expected: ["error:VALUE_NOT_WHOLE@AAA!B8"], message: /helt tal, men er 49,5\. Fleksjob tælles i antal ansatte\. Skriv et helt tal/ },
  { id: "K16", title: "decimaler i antal forløb (10,5)", grid: () => one({ forloeb: [10.5, 100, 5] }), expected: ["error:VALUE_NOT_WHOLE@AAA!C5"], message: /Forløb tælles i hele forløb/ },
  // ----- Excels fejlværdier -----
  { id: "K17", title: "fejlværdien #REF!", grid: () => one({ loentilskud: { error: "#REF!" } }), expected: ["error:VALUE_ERROR@AAA!B5"], message: /fejlen #REFERENCE! i stedet for status\. Ret formlen/ },
  { id: "K18", title: "fejlværdien #DIV/0!", grid: () => one({ virksomhedspraktik: { error: "#DIV/0!" } }), expected: ["error:VALUE_ERROR@AAA!B6"], message: /#DIVISION\/0!/ },
  { id: "K19", title: "fejlværdien #N/A", grid: () => one({ smaajob: { error: "#N/A" } }), expected: ["error:VALUE_ERROR@AAA!B7"], message: /#I\/T/ },
  { id: "K20", title: "fejlværdien #VALUE!", grid: () => one({ fleksjob: { error: "#VALUE!" } }), expected: ["error:VALUE_ERROR@AAA!B8"], message: /#VÆRDI!/ },
  { id: "K21", title: "fejlværdien #NAME?", grid: () => one({ fritidsjob: { error: "#NAME?" } }), expected: ["error:VALUE_ERROR@AAA!B9"], message: /#NAVN\?/ },
  // ----- Datoer, sandhedsværdier, formateret tekst, formler (i en rigtig .xlsx) -----
  {
    id: "K22",
    title: "en dato i en talcelle (.xlsx)",
    xlsx: () => {
      const wb = base();
      ws(wb).getCell("B6").value = new Date(Date.UTC(2025, 4, 1));
      return wb;
    },
    expected: ["error:VALUE_DATE@AAA!B6"],
    message: /dato.*talformat til Tal/,
  },
  {
    id: "K23",
    title: "SAND/FALSK i talceller (.xlsx)",
    xlsx: () => {
      const wb = base();
      ws(wb).getCell("B8").value = true;
      ws(wb).getCell("C5").value = false;
      return wb;
    },
    expected: ["error:VALUE_BOOLEAN@AAA!C5", "error:VALUE_BOOLEAN@AAA!B8"],
    message: /FALSK, men skal være antal forløb\. Skriv tallet/,
  },
  {
    id: "K24",
    title: "formateret tekst (rich text) i navn, overskrift og tal (.xlsx)",
    xlsx: () => {
      const wb = base();
      ws(wb).getCell("A4").value = { richText: [{ text: "Ord", font: { bold: true } }, { text: "ning" }] };
      ws(wb).getCell("A5").value = { richText: [{ text: "Løn", font: { italic: true } }, { text: "tilskud (helårspersoner)" }] };
      ws(wb).getCell("B5").value = { richText: [{ text: "5,", font: { color: { argb: "FFFF0000" } } }, { text: "5" }] };
      return wb;
    },
    expected: ["warning:VALUE_TEXT_NUMBER@AAA!B5"],
    check: (o) => (expect(status(o, "loentilskud")).toBe(5.5), written(o)),
  },
  {
    id: "K25",
    title: "formler med gemt resultat tæller med deres værdi (.xlsx)",
    xlsx: () => {
      const wb = base();
      ws(wb).getCell("B5").value = { formula: "8.4+5.5", result: 13.9 } as ExcelJS.CellFormulaValue;
      ws(wb).getCell("C5").value = 20;
      ws(wb).getCell("B8").value = { formula: "SUM(E1:E2)", result: 66 } as ExcelJS.CellFormulaValue;
      return wb;
    },
    expected: [],
    check: (o) => (expect(status(o, "loentilskud")).toBe(13.9), expect(status(o, "fleksjob")).toBe(66), written(o)),
  },
  {
    id: "K26",
    title: "en formel uden gemt resultat (.xlsx fra et program, der ikke regner)",
    xlsx: () => {
      const wb = base();
      ws(wb).getCell("B5").value = { formula: "B6*2" } as ExcelJS.CellFormulaValue;
      return wb;
    },
    expected: ["error:VALUE_ERROR@AAA!B5"],
    message: /formel uden gemt resultat.*Åbn filen i Excel og gem den igen/,
  },
  {
    id: "K27",
    title: "en formel, hvis resultat er en fejl (.xlsx)",
    xlsx: () => {
      const wb = base();
      ws(wb).getCell("B6").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
      return wb;
    },
    expected: ["error:VALUE_ERROR@AAA!B6"],
    message: /#DIVISION\/0!/,
  },
  // ----- Tomme celler -----
  { id: "K28", title: "tom statuscelle, hvor der skal stå et tal", grid: () => one({ smaajob: null }), expected: ["error:VALUE_MISSING@AAA!B7"], message: /tom\. Skriv tallet \(0, hvis der ikke er nogen\)/ },
  { id: "K29", title: "tom celle for antal forløb", grid: () => one({ forloeb: [10, null, 5] }), expected: ["error:VALUE_MISSING@AAA!C6"] },
  {
    id: "K30",
    title: "tom fritidsjob i et år, hvor fritidsjob ikke vægter (2024): tilladt",
    grid: () => workbook(M([["AAA", 50, 40]]), deptSheet("AAA", 2024, { fritidsjob: null })),
    expected: [],
    check: (o) => (expect(o.result.forvaltninger[0]?.status.fritidsjob).toBeNull(), written(o)),
  },
  // ----- Flettede celler (i en rigtig .xlsx) -----
  {
    id: "K31",
    title: "flettede celler over tallene (B5:B6)",
    xlsx: () => {
      const wb = base();
      ws(wb).getCell("B6").value = null;
      ws(wb).mergeCells("B5:B6");
      return wb;
    },
    expected: ["error:MERGED_CELL@AAA!B5", "error:MERGED_CELL@AAA!B6"],
    message: /flettet.*Ophæv fletningen/,
  },
  {
    id: "K32",
    title: "flettede celler over ordningernes navne (A5:A6)",
    xlsx: () => {
      const wb = base();
      ws(wb).mergeCells("A5:A6");
      return wb;
    },
    expected: ["error:MERGED_CELL@AAA!A5", "error:ROW_MISSING@AAA!A4"],
  },
  {
    id: "K33",
    title: "en flettet titel over tabellen er i orden",
    xlsx: () => {
      const wb = gridToExcel(workbook(M(), edited((r) => [["Indberetning 2025"], ...r])));
      ws(wb).mergeCells("A1:D1");
      return wb;
    },
    expected: [],
    check: written,
  },
  // ----- Overskrifter -----
  {
    id: "K34",
    title: "overskriften et usædvanligt sted (række 20, kolonne E), rækker i anden rækkefølge, ekstra kolonner",
    grid: () =>
      workbook(
        M(),
        sheet(
          "AAA",
          [
            ["Forvaltning", "AAA"],
            ["Årstal:", 2025],
            ...Array.from({ length: 16 }, () => [] as Cell[]),
            ["ORDNING", "Bemærkning", "status 2025", "Heraf nye", "Antal forløb i 2025**"],
            ["Fleksjob *", "ny leder", 50],
            ["småjob", null, 3.1, 1, 5],
            ["Fritidsjob:", null, 2.5],
            ["Virksomhedspraktik (helårspersoner)", null, 40.25, 30, 100],
            ["LØNTILSKUD", null, 5.5, 2, 10],
          ],
          { originRow: 1, originCol: 4 },
        ),
      ),
    expected: [],
    check: (o) => (expect(o.result.forvaltninger[0]?.status).toEqual({ loentilskud: 5.5, virksomhedspraktik: 40.25, smaajob: 3.1, samlet: 5.5 + 40.25 + 3.1, fleksjob: 50, fritidsjob: 2.5 }), written(o)),
  },
  {
    id: "K35",
    title: "overskriften står under række 30",
    grid: () => workbook(M(), edited((r) => [...r.slice(0, 3), ...Array.from({ length: 30 }, () => [] as Cell[]), ...r.slice(3)])),
    expected: ["error:HEADER_MISSING@AAA!A34"],
    message: /står i A34, men Jobstatus leder kun i de første 30 rækker\. Flyt tabellen op/,
  },
  { id: "K36", title: "ingen overskrift", grid: () => workbook(M(), edited((r) => r.filter((_, i) => i !== 3))), expected: ["error:HEADER_MISSING@AAA!-"], message: /Tilføj den over tallene/ },
  {
    id: "K37",
    title: "en overskrift uden »Antal forløb«",
    grid: () => workbook(M(), edited((r) => r.map((x, i) => (i === 3 ? ["Ordning", "Status", "Forløb"] : x)))),
    expected: ["error:HEADER_MISSING@AAA!A4"],
    message: /mangler »Antal forløb«/,
  },
  { id: "K38", title: "dobbelt overskrift (en tabel til nedenunder)", grid: () => workbook(M(), edited((r) => [...r, [], ["Ordning", "Status", "Antal forløb"]])), expected: ["error:HEADER_DUPLICATE@AAA!A11"], message: /første gang i A4/ },
  { id: "K39", title: "to kolonner med overskriften »Status«", grid: () => workbook(M(), edited((r) => r.map((x, i) => (i === 3 ? [...x, "Status"] : x)))), expected: ["error:COLUMN_DUPLICATE@AAA!D4"], message: /findes allerede i B4/ },
  // ----- Rækker -----
  { id: "K40", title: "en ordning står to gange", grid: () => workbook(M(), edited((r) => [...r, ["Fleksjob", 3]])), expected: ["error:ROW_DUPLICATE@AAA!A10"], message: /første gang i A8/ },
  { id: "K41", title: "en ordning mangler", grid: () => workbook(M(), edited((r) => r.filter((_, i) => i !== 6))), expected: ["error:ROW_MISSING@AAA!A4"], message: /Rækken for småjob under det sociale frikort mangler/ },
  { id: "K42", title: "en ukendt ordning med tal", grid: () => workbook(M(), edited((r) => [...r, ["Praktik i udlandet", 4]])), expected: ["warning:ROW_UNKNOWN@AAA!A10"], check: written },
  { id: "K43", title: "en note under tabellen (ukendt tekst uden tal) er i orden", grid: () => workbook(M(), edited((r) => [...r, [], ["Tallene er fra lønsystemet pr. 31. december"]])), expected: [], check: written },
  { id: "K44", title: "tal uden navn på ordningen", grid: () => workbook(M(), edited((r) => [...r, [null, 7]])), expected: ["error:ROW_UNLABELLED@AAA!A10"] },
  {
    id: "K45",
    title: "en indtastet sum, der ikke passer",
    grid: () => workbook(M(), edited((r) => [...r, ["Antal forløb i alt", null, 116]])),
    expected: ["error:TOTAL_MISMATCH@AAA!C10"],
    message: /er 116, men summen af tallene er 115/,
  },
  // ----- Ark i projektmappen -----
  {
    id: "K46",
    title: "to ark for samme forvaltning (»BUF« og »buf «)",
    grid: () => workbook(M([["BUF", 50, 40, 5]]), deptSheet("BUF", 2025, {}, "BUF"), deptSheet("BUF", 2025, {}, "buf ")),
    expected: ["error:DUPLICATE_SHEET@BUF!-", "error:DUPLICATE_SHEET@buf !-"],
    message: /flere ark for BUF \('buf '\)\. Jobstatus vælger ikke selv, hvilket der gælder\. Slet eller omdøb/,
    check: notWritten,
  },
  { id: "K47", title: "et forvaltningsark med en kode, der ikke står i Måltal", grid: () => workbook(M(), deptSheet("AAA", 2025), deptSheet("XYZ", 2025)), expected: ["error:UNKNOWN_UNIT_SHEET@XYZ!-"] },
  { id: "K48", title: "andre ark (noter) læses ikke", grid: () => workbook(M(), deptSheet("AAA", 2025), sheet("Noter", [["Husk at sende inden 1. marts", 12, "1.048"]])), expected: [], check: written },
  { id: "K49", title: "en forvaltning i Måltal uden ark", grid: () => workbook(M([["AAA", 50, 40, 5], ["CCC", 10, 10, 1]]), deptSheet("AAA", 2025)), expected: ["error:SHEET_MISSING@Måltal!A3"], check: notWritten },
  { id: "K50", title: "feltet Forvaltning nævner en anden forvaltning", grid: () => workbook(M(), edited((r) => r.map((x, i) => (i === 0 ? ["Forvaltning", "BUF"] : x)))), expected: ["error:UNIT_MISMATCH@AAA!B1"] },
  { id: "K51", title: "en forvaltning med koden »AAR« (et ord for år)", grid: () => workbook(M([["AAR", 50, 40, 5]]), deptSheet("AAR", 2025)), expected: [], check: written },
  // ----- Året -----
  { id: "K52", title: "året som tekst »2025«", grid: () => one({}, "2025"), expected: ["warning:VALUE_TEXT_NUMBER@AAA!B2"], message: /Cellen indeholder »2025« som tekst, og det er læst som 2025 \(år\)/, check: (o) => (expect(o.result.year).toBe(2025), written(o)) },
  { id: "K53", title: "året som tvetydig tekst »2.025«", grid: () => one({}, "2.025"), expected: ["error:VALUE_AMBIGUOUS@AAA!B2"] },
  {
    id: "K54",
    title: "et år, der ikke passer med de andre ark",
    grid: () => workbook(M([["AAA", 50, 40, 5], ["BBB", 50, 40, 5], ["CCC", 50, 40, 5]]), deptSheet("AAA", 2025), deptSheet("BBB", 2025), deptSheet("CCC", 2024)),
    expected: ["error:YEAR_MISMATCH@CCC!B2"],
    message: /Året er 2024, men de øvrige ark er for 2025/,
  },
  { id: "K55", title: "lige mange ark for to år", grid: () => workbook(M([["AAA", 50, 40, 5], ["BBB", 50, 40, 5]]), deptSheet("AAA", 2025), deptSheet("BBB", 2024)), expected: ["error:YEAR_UNDECIDED@AAA!B2"] },
  { id: "K56", title: "intet år på arket", grid: () => workbook(M(), edited((r) => r.filter((_, i) => i !== 1))), expected: ["error:YEAR_MISSING@AAA!-"], message: /Skriv »År« i en celle og årstallet i cellen til højre/ },
  { id: "K57", title: "»År« uden årstal ved siden af", grid: () => one({}, null), expected: ["error:YEAR_MISSING@AAA!A2"] },
  { id: "K58", title: "et umuligt årstal (1999)", grid: () => one({}, 1999), expected: ["error:YEAR_INVALID@AAA!B2"] },
  { id: "K59", title: "et år uden kendte vægte (2031)", grid: () => one({}, 2031), expected: ["error:WEIGHTS_UNKNOWN@Måltal!-"], message: /Angiv dem på arket Indstillinger/ },
  // ----- Måltal og vægte -----
  {
    id: "K60",
    title: "intet Måltal-ark",
    grid: () => workbook(deptSheet("AAA", 2025)),
    expected: [`error:MAALTAL_MISSING@${WORKBOOK_SHEET}!-`],
    message: /intet ark med navnet »Måltal«\. Tilføj det/,
    check: notWritten,
  },
  { id: "K61", title: "måltal 0 for en gruppe, der vægter", grid: () => workbook(M([["AAA", 0, 40, 5]]), deptSheet("AAA", 2025)), expected: ["error:MAAL_ZERO_WEIGHTED@Måltal!B2"], message: /Skriv måltallet/ },
  { id: "K62", title: "negativt måltal", grid: () => workbook(M([["AAA", -50, 40, 5]]), deptSheet("AAA", 2025)), expected: ["error:VALUE_NEGATIVE@Måltal!B2"] },
  { id: "K63", title: "måltal som tvetydig tekst »1.084«", grid: () => workbook(M([["AAA", "1.084", 40, 5]]), deptSheet("AAA", 2025)), expected: ["error:VALUE_AMBIGUOUS@Måltal!B2"] },
  {
    id: "K64",
    title: "måltal 0 for en gruppe, der ikke vægter (fritidsjob 2024): »–«",
    grid: () => workbook(M([["AAA", 50, 40, 0]]), deptSheet("AAA", 2024)),
    expected: [],
    check: (o) => (expect(o.result.forvaltninger[0]?.maalopfyldelse?.fritidsjob).toBeNull(), written(o)),
  },
  {
    id: "K65",
    title: "vægte, der ikke giver 100 %",
    grid: () => workbook(M(), deptSheet("AAA", 2031), sheet("Indstillinger", [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2031, 50, 40, 5]])),
    expected: ["error:WEIGHTS_SUM@Indstillinger!A2", "error:WEIGHTS_UNKNOWN@Måltal!-"],
    message: /giver 95 pct\., ikke 100 pct\. Ret dem/,
  },
  { id: "K78", title: "to Måltal-ark (»Måltal« og »Maaltal«)", grid: () => workbook(M(), { ...M(), name: "Maaltal" }, deptSheet("AAA", 2025)), expected: ["error:DUPLICATE_SHEET@Maaltal!-"], message: /flere ark for Måltal \('Måltal'\)\. Jobstatus vælger ikke selv, hvilket der gælder\. Slet eller omdøb/ },
  { id: "K79", title: "Måltal-ark uden overskriftsrække", grid: () => workbook(sheet("Måltal", [["Måltal for 2025"], ["AAA", 50, 40, 5]]), deptSheet("AAA", 2025)), expected: ["error:MAALTAL_HEADER_MISSING@Måltal!-"], message: /Tilføj den over måltallene/ },
  {
    id: "K80",
    title: "Måltal-ark uden kolonne for fleksjob",
    grid: () => workbook(sheet("Måltal", [["Forvaltning", "Samlet måltal", "Fritidsjob"], ["AAA", 50, 5]]), deptSheet("AAA", 2025)),
    expected: ["error:MAALTAL_COLUMN_MISSING@Måltal!A1"],
    message: /mangler en kolonne for fleksjob\. Tilføj den/,
  },
  // ----- Skjulte ark -----
  { id: "K66", title: "et skjult forvaltningsark", grid: () => workbook(M(), { ...deptSheet("AAA", 2025), visibility: "hidden" }), expected: ["warning:HIDDEN_SHEET@AAA!-"], message: /skjult, men bliver brugt/, check: written },
  { id: "K67", title: "et meget skjult (very hidden) forvaltningsark", grid: () => workbook(M(), { ...deptSheet("AAA", 2025), visibility: "veryHidden" }), expected: ["warning:HIDDEN_SHEET@AAA!-"], message: /meget skjult/, check: written },
  { id: "K68", title: "et skjult Måltal-ark", grid: () => workbook({ ...M(), visibility: "hidden" }, deptSheet("AAA", 2025)), expected: ["warning:HIDDEN_SHEET@Måltal!-"], check: written },
  // ----- Tomme og store projektmapper -----
  { id: "K69", title: "en projektmappe helt uden ark", grid: () => workbook(), expected: [`error:EMPTY_WORKBOOK@${WORKBOOK_SHEET}!-`], message: /Projektmappen er tom/ },
  { id: "K70", title: "en projektmappe med kun tomme ark", grid: () => workbook(sheet("Ark1", []), sheet("Ark2", [[null, "  "]])), expected: [`error:EMPTY_WORKBOOK@${WORKBOOK_SHEET}!-`] },
  {
    id: "K71",
    title: "1.000 ark (syv forvaltninger, Måltal og 992 andre ark)",
    grid: () => {
      const codes = ["BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF"];
      const notes = Array.from({ length: 992 }, (_, i) => sheet(`Ark${i + 1}`, [[`Note ${i + 1}`, i]]));
      return workbook(M(codes.map((c) => [c, 50, 40, 5])), ...codes.map((c) => deptSheet(c, 2025)), ...notes);
    },
    expected: [],
    check: (o) => (expect(o.result.forvaltninger).toHaveLength(7), written(o)),
  },
  {
    id: "K72",
    title: "1.000 ark, hvoraf 998 hedder »Status 2025«, »Status 2025 (2)« …",
    grid: () => workbook(M(), deptSheet("AAA", 2025), ...Array.from({ length: 998 }, (_, i) => sheet(i === 0 ? "Status 2025" : `Status 2025 (${i + 1})`, [["Mine noter"]]))),
    expected: ["warning:OUTPUT_NAME_TAKEN@Status 2025!-"],
    message: /rapporten er skrevet i »Status 2025 \(999\)«/,
    check: (o) => expect(o.output).toEqual({ name: "Status 2025 (999)", replaces: false }),
  },
  // ----- Meget lang tekst -----
  { id: "K73", title: "30.000 tegn i navnet på en ordning", grid: () => workbook(M(), edited((r) => [...r, [LONG, 3]])), expected: ["error:TEXT_TOO_LONG@AAA!A10"], message: /30\.000 tegn/ },
  { id: "K74", title: "30.000 tegn i en talcelle", grid: () => one({ loentilskud: LONG }), expected: ["error:TEXT_TOO_LONG@AAA!B5"] },
  { id: "K75", title: "30.000 tegn i feltet Forvaltning", grid: () => workbook(M(), edited((r) => r.map((x, i) => (i === 0 ? ["Forvaltning", LONG] : x)))), expected: ["error:UNIT_MISMATCH@AAA!B1"], message: /»x{39}…«/ },
  { id: "K76", title: "30.000 tegn i Måltals forvaltningskolonne", grid: () => workbook(M([["AAA", 50, 40, 5], [LONG, 1, 1, 1]]), deptSheet("AAA", 2025)), expected: ["error:TEXT_TOO_LONG@Måltal!A3"] },
  // ----- Uddata -----
  {
    id: "K77",
    title: "brugerens eget ark hedder allerede »Status 2025«",
    grid: () => workbook(M(), deptSheet("AAA", 2025), sheet("Status 2025", [["Mine egne noter"]])),
    expected: ["warning:OUTPUT_NAME_TAKEN@Status 2025!-"],
    message: /Det ark bliver ikke ændret, så rapporten er skrevet i »Status 2025 \(2\)«/,
    check: (o) => expect(o.output).toEqual({ name: "Status 2025 (2)", replaces: false }),
  },
];

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const cliOnly = (k: string) => !/MAALTAL_MISSING|OUTPUT_NAME_TAKEN/.test(k);

describe("the catalogue of bad inputs (docs/fejlkatalog.md)", () => {
  it("has at least 40 distinct, numbered cases", () => {
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES.map((c) => [`${c.id} ${c.title}`, c] as const))("%s", async (_, c) => {
    const file = path.join(dir, `${c.id}.xlsx`);
    let grid: WorkbookGrid;
    if (c.xlsx) {
      await c.xlsx().xlsx.writeFile(file);
      grid = readWorkbookGrid(await loadXlsx(file));
    } else {
      grid = (c.grid as () => WorkbookGrid)();
      await gridToExcel(grid).xlsx.writeFile(file);
    }

    // The engine.
    const started = Date.now();
    const out = calculate(grid);
    const checked = validate(grid);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(keys(out.issues)).toEqual(c.expected);
    expect(keys(checked.issues)).toEqual(c.expected.filter(cliOnly));
    expect(placementProblems(grid, out.issues)).toEqual([]);
    expect(messageProblems(out.issues)).toEqual([]);
    if (c.message) expect(issueMessage(out.issues[0]!)).toMatch(c.message);
    if (hasErrors(out.issues)) expect(out.report).toBeNull();
    c.check?.(out);

    // The CLI, on the same input as a real .xlsx file.
    const v = await runCli("valider", file, "--json");
    expect(v.stderr).toBe("");
    expect(v.code).toBe(hasErrors(checked.issues) ? 1 : 0);
    const vdoc = JSON.parse(v.stdout) as { issues: { severity: string; code: string; sheet: string; cell: string | null; message: string }[] };
    expect(keys(vdoc.issues)).toEqual(c.expected.filter(cliOnly));

    const target = path.join(dir, `${c.id}-status.xlsx`);
    const b = await runCli("beregn", file, "-o", target, "--json");
    expect(stderrBesidesWritten(b)).toBe("");
    expect(b.code).toBe(hasErrors(out.issues) ? 1 : 0);
    const bdoc = StatusJsonSchema.parse(JSON.parse(b.stdout));
    expect(keys(bdoc.issues)).toEqual(c.expected);
    expect(STACK_TRACE.test(v.stdout + b.stdout)).toBe(false);
    await expect(fs.stat(target).then(() => true, () => false)).resolves.toBe(out.report !== null);

    // And in plain text, as a new user would run it.
    const plain = await runCli("valider", file);
    expect(plain.stderr).toBe("");
    expect(STACK_TRACE.test(plain.stdout)).toBe(false);
    for (const i of checked.issues) expect(plain.stdout).toContain(issueMessage(i));
  }, 60_000);
});

/**
 * The department's check and HR's agree (issue 9, class 7), over every case of the catalogue: a
 * sheet that passes its own check (`valider --ark`, »Valider ark«), in HR's workbook or alone in the
 * department's own file, is never rejected by HR's `beregn` for a reason that belongs to that sheet.
 * Reasons that belong to the workbook around it (another sheet's year, Måltal, a second sheet of
 * the same name) are HR's and are left out of the file-alone comparison.
 */
describe("a sheet that passes the department's check is never rejected by HR for its own reason (K115)", () => {
  const RELATIONAL = new Set(["YEAR_MISMATCH", "YEAR_UNDECIDED", "UNKNOWN_UNIT_SHEET", "DUPLICATE_SHEET", "WEIGHTS_UNKNOWN", "SHEET_MISSING"]);
  it.each(CASES.filter((c) => c.grid).map((c) => [`${c.id} ${c.title}`, c] as const))("%s", (_, c) => {
    const grid = (c.grid as () => WorkbookGrid)();
    const hr = calculate(grid);
    const departments = hr.analysis.sheets.filter((s) => s.role === "department").map((s) => s.name);
    for (const name of departments) {
      const hrErrors = hr.issues.filter((i) => i.severity === "error" && i.sheet === name).map((i) => `${i.code}@${i.cell ?? "-"}`);
      const inPlace = validate(grid, name).issues.filter((i) => i.severity === "error");
      if (inPlace.length === 0) expect({ name, hrErrors }).toEqual({ name, hrErrors: [] });
      const own = grid.sheets.find((s) => s.name === name) as SheetGrid;
      const alone = validate({ sheets: [own] }).issues.filter((i) => i.severity === "error");
      if (alone.length === 0) {
        expect({ name, hrErrors: hr.issues.filter((i) => i.severity === "error" && i.sheet === name && !RELATIONAL.has(i.code)).map((i) => i.code) }).toEqual({ name, hrErrors: [] });
      }
    }
  });
});
