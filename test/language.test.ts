/**
 * The Danish of every user-facing text, held to the glossary (docs/ordliste.md, issue 11). The
 * forbidden variants are read from the glossary's table, so the doc and the test cannot drift.
 * Every text of the catalogue (src/messages/da.ts) is checked, the message functions rendered with
 * representative arguments, and so are the Danish user guides.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { ISSUE_CODES, type IssueCode, type IssueParamsOf } from "../src/core/issues";
import * as da from "../src/messages/da";

const ROOT = path.join(__dirname, "..");
const read = (file: string): Promise<string> => fs.readFile(path.join(ROOT, file), "utf8");

/** The Danish user guides. The glossary itself quotes the variants, and is not checked. */
const DANISH_DOCS = ["docs/brugervejledning.md", "docs/fejlkatalog.md", "docs/arbejdsbog-format.md", "docs/notat-afvigelser.md"];

// ---------------------------------------------------------------------------------------------
// The glossary

interface Variant {
  readonly text: string;
  readonly pattern: RegExp;
}

/** `kontrol*` → any word starting with «kontrol»; lower case also matches a capital first letter. */
function variantPattern(v: string): RegExp {
  const prefix = v.endsWith("*");
  const word = (prefix ? v.slice(0, -1) : v).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const lowerFirst = word.charAt(0) === word.charAt(0).toLocaleLowerCase("da-DK") && word.charAt(0) !== word.charAt(0).toLocaleUpperCase("da-DK");
  const first = lowerFirst ? `[${word.charAt(0)}${word.charAt(0).toLocaleUpperCase("da-DK")}]` : word.charAt(0);
  const tail = word.slice(1);
  // »i Måltal« is not »i Måltal-arket« or »i Måltal!D11«: a hyphen or a cell reference continues the word.
  const end = prefix ? "" : /[\p{L}\p{N}]$/u.test(word) ? "(?![\\p{L}\\p{N}!-])" : "";
  return new RegExp(`(?<![\\p{L}\\p{N}])${first}${tail}${end}`, "u");
}

/** The «Skriv ikke» column of the glossary's table: every `variant` in backticks. */
function forbiddenVariants(glossary: string): Variant[] {
  const lines = glossary.split("\n");
  const headerAt = lines.findIndex((l) => /^\|\s*Begreb\s*\|/.test(l));
  if (headerAt < 0) throw new Error("docs/ordliste.md has no table with the column «Begreb»");
  const columns = (lines[headerAt] as string).split("|").map((c) => c.trim());
  const col = columns.indexOf("Skriv ikke");
  if (col < 0) throw new Error("docs/ordliste.md's table has no column «Skriv ikke»");
  const out: Variant[] = [];
  for (const line of lines.slice(headerAt + 2)) {
    if (!line.startsWith("|")) break;
    const cell = line.split("|")[col] ?? "";
    for (const m of cell.matchAll(/`([^`]+)`/g)) out.push({ text: m[1] as string, pattern: variantPattern(m[1] as string) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The rules

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = ["pct", "fx", "evt", "ca", "nr", "bl.a", "dvs", "jf", "hhv", "ift", "inkl", "ekskl", "kl", "stk", "d", "mv", "f.eks", "ang", "vedr"];
/** `jobstatus` in lower case is the command, followed by a subcommand or an option. */
const COMMAND = /^jobstatus(?=( (beregn|valider|skabelon|notat|saml|gendan|KOMMANDO)(?![\p{L}\p{N}])| -|«|»|$))/u;

/** Where each sentence starts: the start of the text, a new line, or after . ! ? that is not an abbreviation. */
function sentenceStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/([.!?])\s+|\n\s*/g)) {
    const at = (m.index ?? 0) + m[0].length;
    if (m[1] === ".") {
      const before = text.slice(0, m.index ?? 0);
      const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? "";
      if (ABBREVIATIONS.includes(word.toLocaleLowerCase("da-DK"))) continue;
      // «den 1. februar»: an ordinal, not the end of a sentence.
      if (/(^|\s)\d{1,2}$/.test(before)) continue;
    }
    starts.push(at);
  }
  return starts;
}

/** What is wrong with one text; empty when it is fine. */
function problems(text: string, variants: readonly Variant[], opts: { layout?: boolean; label?: boolean; quotesFree?: boolean } = {}): string[] {
  const out: string[] = [];
  // A guide may quote a wrong text (the notat's own, an old message) to say what was wrong with it.
  const own = opts.quotesFree ? text.replace(/»[^»«]*«/g, "»…«") : text;
  for (const v of variants) if (v.pattern.test(own)) out.push(`uses «${v.text}» (see docs/ordliste.md): ${excerpt(text, v.pattern)}`);
  const quotes = wrongQuotes(text);
  if (quotes >= 0) out.push(`uses «…» quotation marks (Danish ones are »…«): ${excerpt(text.slice(quotes), /[«»]/)}`);
  const unquoted = text.replace(/»[^»«]*«/g, "»…«");
  if (unquoted.includes("%")) out.push(`uses % where the term is «pct.» (only a quote of what Excel shows may: »85 %«): ${excerpt(text, /%/)}`);
  if (/\.\.(?!\.)/.test(text.replace(/…/g, ""))) out.push(`has a doubled full stop: ${excerpt(text, /\.\./)}`);
  if (!opts.layout && / {2,}/.test(text.replace(/^ +/gm, ""))) out.push(`has doubled spaces: ${excerpt(text, / {2}/)}`);
  // A range takes an en dash: »tabel 3–9«, not »tabel 3-9«.
  const range = /(?<![\p{L}\p{N}])(?:[Tt]abel(?:lerne)?|[Ss]ide(?:rne)?|[Rr]ække(?:rne)?|[Kk]olonne(?:rne)?|[Mm]åned(?:erne)?) \d+-\d+(?!\d*[-/.]\d)/u;
  if (range.test(own)) out.push(`writes a range with a hyphen (use an en dash: »tabel 3–9«): ${excerpt(text, range)}`);
  // A path through Excel's menus takes arrows, as the guides write it: »Gennemse → Fjern arkbeskyttelse«.
  const menu = /\p{L} > \p{Lu}/u;
  if (menu.test(own)) out.push(`writes a menu path with > (use →: »Gennemse → Fjern arkbeskyttelse«): ${excerpt(text, menu)}`);
  // Goal attainment is a percentage: a sentence that has it rise from a count of people is wrong.
  const attainment = /[Mm]ålopfyldelsen for [\p{L}, ]+? (?:er|var) (?:steget|faldet|uændret) fra [\d.,]+ (?:ansatte|helårspersoner)(?! ?,? svarende til)/u;
  if (attainment.test(own)) out.push(`says goal attainment (a percentage) rose from a count of people (write »Antallet af ansatte i fleksjob er steget fra …«): ${excerpt(text, attainment)}`);
  for (const at of sentenceStarts(text)) {
    const rest = text.slice(at).replace(/^[»"(–*\s-]+/, "");
    if (/^\d/.test(rest) && !(opts.label && at === 0)) out.push(`starts a sentence with a digit: ${excerpt(rest, /\d/)}`);
  }
  // The product is »Jobstatus«, at a sentence start and elsewhere; lower case is the command only.
  for (const m of text.matchAll(/(?<![\p{L}\p{N}/.-])jobstatus(?![\p{L}\p{N}_-])(?!\.[\p{L}\p{N}])/gu)) {
    const rest = text.slice(m.index ?? 0);
    if (!COMMAND.test(rest)) out.push(`writes the product name »jobstatus« in lower case (only the command is): ${excerpt(rest, /jobstatus/)}`);
  }
  return out;
}

/** Danish quotes open with » and close with «; the index of the first mark out of that order, or -1. */
function wrongQuotes(text: string): number {
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== "»" && ch !== "«") continue;
    if ((ch === "»") === open) return i;
    open = !open;
  }
  return open ? text.lastIndexOf("»") : -1;
}

function excerpt(text: string, at: RegExp): string {
  const i = Math.max(0, text.search(at));
  return `«${text.slice(Math.max(0, i - 30), i + 40).replace(/\n/g, "⏎")}»`;
}

// ---------------------------------------------------------------------------------------------
// The catalogue, rendered

type Args = readonly unknown[];

/** The built-in targets with the measure their gaps are said in (the pane takes it from the rulebook). */
const BUILTIN_MEASURES: readonly (readonly [string, string])[] = [
  ["samlet", "helaarspersoner"],
  ["fleksjob", "ansatte_ultimo"],
  ["fritidsjob", "helaarspersoner"],
];

/** Sample values by parameter name, for four renders: singular, plural, zero or «none», large. */
const BY_NAME: Readonly<Record<string, readonly unknown[]>> = {
  table2: [undefined, { year: 2024, month: 12 }, { year: 2024, month: 6 }, "januar–juni 2024"],
  year: [2025, 2024, 2025, 2026],
  y: [2025, 2024, 2025, 2026],
  prevYear: [2024],
  previousYear: [2024, null],
  calendarYear: [2025, 2026],
  month: [12, 9, 1],
  lastMonth: [12, 9],
  firstMonth: [1],
  m: [2, 11],
  d: [1, 28],
  n: [1, 3, 0, 1234],
  errors: [1, 3, 0, 1234],
  warnings: [1, 3, 0, 2],
  marked: [1, 3, 0, 1234],
  count: [1, 7],
  inserted: [1, 7, 0],
  first: [3],
  last: [9],
  name: ["Børne- og Ungdomsforvaltningen", "BUF"],
  // Names the user chose may start with a digit: a sentence must not start with them.
  sheet: ["BUF", "Status 2025", "2025"],
  file: ["BUF.xlsx", "Notat årsstatus 2025.docx", "2025.xlsx"],
  f: ["SAMLET.xlsx", "ud/skabelon-2025.xlsx", "2025.xlsx"],
  code: ["BUF", "ØKF", "2BUF"],
  c: ["beregne"],
  s: ["BUF", "2025"],
  o: ["--foo"],
  a: ["ekstra.xlsx", "2025.xlsx"],
  location: ["BUF!B6", "Måltal"],
  pct: ["74 pct."],
  pctText: ["74 pct.", "116 pct."],
  prevPct: ["84 pct."],
  period: ["perioden januar til og med december 2025", "perioden januar til og med september 2025"],
  span: ["hele 2025", "perioden januar til og med september 2025"],
  date: ["1. februar 2024", "28. november 2024"],
  what: ["dato for vedtagelse", "sagsnummer i F2"],
  status: ["797", "1.048"],
  prevStatus: ["913"],
  now: ["1.048"],
  prev: ["1.014"],
  verb: ["er faldet fra", "er steget fra", "er uændret fra"],
  pctVerb: ["er faldet fra", "er steget fra"],
  countVerb: ["er steget fra", "er faldet fra"],
  years: ["både i 2024 og i 2025", "i 2025"],
  existing: ["BUF", "2025"],
  keepAs: ["BUF (erstattet)"],
  kept: ["BUF (erstattet)", "2025 (erstattet)"],
  as: ["BUF"],
  keptNow: [undefined, "BUF (erstattet 2)"],
  before: ["samlet status 161,0, fleksjob 304"],
  after: ["samlet status 162,5, fleksjob 305"],
  sheets: [["BUF"], ["BUF", "KFF", "SOF"], ["Måltal", "Indstillinger"]],
  fields: [["dato"], ["dato", "sagsnummer i F2", "afsender"]],
  known: [["BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF"]],
  lines: [["BUF!B6: Cellen skal indeholde status, men er tom."], ["BUF!B6: Cellen er tom.", "BUF!C7: Tallet er negativt."]],
  sources: [["»BUF« i »BUF.xlsx«", "»BUF« i »BUF-ny.xlsx«"]],
  clauses: [["den 1. februar 2024 for ordningerne virksomhedspraktik og løntilskud"], ["den 1. februar 2024 for fleksjob", "den 28. november 2024 for fritidsjob"]],
  schemes: [["virksomhedspraktik", "loentilskud", "smaajob"], ["fritidsjob"]],
  w: [{ samlet: 0.51, fleksjob: 0.43, fritidsjob: 0.06 }, { samlet: 0.55, fleksjob: 0.45, fritidsjob: 0 }],
  whole: [true, false],
  withFritidsjob: [true, false],
  leftOut: [false, true],
  scheme: ["Løntilskud", "Småjob under det sociale frikort"],
  group: ["fleksjob", "virksomhedspraktik, løntilskud og småjob (samlet)"],
  samlet: [161.04, null],
  fleksjob: [304, undefined],
  items: [["BUF"], ["BUF", "KFF"]],
};

/** Functions whose parameter names mean something else than in BY_NAME, by catalogue key. */
const MEASURES = ["helaarspersoner", "ansatte_ultimo", "personer", "forloeb", "pladser"];
const S2014 = [
  { name: "Jobrotation", measure: "forloeb" },
  { name: "Fleksjob", measure: "personer" },
  { name: "Seniorjob", measure: "personer" },
  { name: "Løntilskud", measure: "pladser" },
];
const S2026 = [
  { name: "Løntilskud", measure: "helaarspersoner" },
  { name: "Jobrotation", measure: "helaarspersoner" },
  { name: "Fleksjob", measure: "ansatte_ultimo" },
];
const BY_KEY: Readonly<Record<string, readonly Args[]>> = {
  "RULES.measureWord": MEASURES.map((m): Args => [m]),
  "RULES.unitMany": MEASURES.map((m): Args => [m]),
  "RULES.promptStatus": MEASURES.map((m): Args => [m]),
  "RULES.reportRow": [...S2014, ...S2026].map((x): Args => [x]),
  "RULES.templateRow": [...S2014, ...S2026].flatMap((x) => [[x, 12] as Args, [x, 9] as Args]),
  "RULES.templateGuide": [[2014, S2014, false], [2026, S2026, true], [2026, [S2026[2]], false], [2026, [S2026[0]], true]],
  "RULES.maaltalHeader": [["Jobrotation", "jobrotation"], ["Samlet", "samlet"], ["Kvote", "seniorjob"], ["Seniorjob", undefined]],
  "RULES.footnoteAnsatte": [[["Fleksjob"], 2026, 12], [["Fleksjob", "Seniorjob"], 2025, 9]],
  "RULES.footnoteForloeb": [[["Løntilskud", "Virksomhedspraktik", "Jobrotation"], 2026], [["Jobrotation"], "januar–juni 2026"]],
  "RULES.footnoteWeights": [
    [2026, [{ name: "Samlet", percent: 51 }, { name: "Fleksjob", percent: 43 }, { name: "Fritidsjob", percent: 6 }], true, 12],
    [2026, [{ name: "Samlet", percent: 55.5 }, { name: "Fleksjob", percent: 44.5 }], false, 9],
  ],
  "RULES.groupAlone": [
    [[S2014[0]], "405", 405, "101 pct.", 2014, 12],
    [[S2014[2]], "1", 1, "0 pct.", 2014, 12],
    [[S2026[2]], "1.048", 1048, "116 pct.", "januar–september 2026", 9, 2026],
    [S2026.slice(0, 2), "797", 797.2, "74 pct.", 2026, 12],
    [[S2014[1], S2014[3]], "1.515", 1515, "54 pct.", 2014, 12],
  ],
  "RULES.notatSchemeList": [[["Jobrotation", "Fleksjob"]]],
  "RULES.paneGap": ["KK", "SOF"].flatMap((u) => MEASURES.flatMap((m) => ["short", "nearly", "met", "over"].flatMap((k) => [1, 12, 0].map((n): Args => [u, "Jobrotation", m, k, n])))),
  "RULES.paneGapShort": MEASURES.flatMap((m) => ["short", "nearly", "met", "over"].flatMap((k) => [1, 12, 0].map((n): Args => [m, k, n]))),
  "RULES.calculateDoneUnweighted": [["Status 2014"], ["2014"]],
  "RULES.columns": [[2014, false, false], ["januar–juni 2026", true, true]],
  "RULES.tableTitleKK": [[1, 2014, false], [2, "januar–juni 2026", true]],
  "RULES.targetsExplained": [
    [[["Jobrotation"], ["Fleksjob"], ["Seniorjob"], ["Løntilskud"]]],
    [[["Løntilskud", "Virksomhedspraktik", "Jobrotation"], ["Fleksjob"], ["Fritidsjob"]]],
    [[["Løntilskud", "Jobrotation"], ["Fleksjob"]]],
  ],
  "RULES.method": [
    [[S2014[0]], "hele 2014", "december", 2014, true],
    [S2026.slice(0, 2), "perioden januar til og med september 2026", "september", 2026, false],
    [[S2026[2]], "hele 2026", "december", 2026, true],
    [[S2014[1], S2014[3]], "hele 2014", "december", 2014, true],
  ],
  "RULES.groupWithPrevious": [
    [[S2014[2]], "er steget fra", "300", 2013, "314", 2014, "79 pct."],
    [S2026.slice(0, 2), "er faldet fra", "913", 2025, "797", 2026, "74 pct."],
    [[S2014[1], S2014[3]], "er uændret fra", "1.515", 2013, "1.515", 2014, "54 pct."],
  ],
  "SUMMARY.notCompared": [["2024", "januar–juni 2025"], ["januar–marts 2024", "januar–juni 2025"]],
  "NOTAT.tablesKK": [[2025, 2024, true], ["januar–juni 2025", "2024", false], [2025, null, true]],
  "SELFTEST.skipped": [["ExcelApi 1.13"]],
  "CLI.badYear": [["25"], ["20x5"], ["1999"]],
  "CLI.textMissing": [["BUF-2025.xlsx", "Log", "B2"], ["ØKF.xlsx", "Noter", "XFD1048576"], ["SOF.xlsx", "Log"]],
  "CLI.mergeTooLarge": [["BUF-2025.xlsx", "Noter", "D20:XFD1048576", 250000], ["ØKF.xlsx", "2025", "A1:Z9999", 1234]],
  "CLI.tooManyMerges": [["BUF-2025.xlsx", "Noter", 5000, false], ["ØKF.xlsx", "2025", 30000, true]],
  "CLI.formulaBroken": [["BUF-2025.xlsx", "BUF", "B6"], ["ØKF.xlsx", "Noter", "XFD1048576"]],
  "CLI.readError": [["BUF-2025.xlsx"], ["ØKF.xlsx", "Log"]],
  "CLI.rowTwice": [["BIF-2025.xlsx", "BIF", 7], ["ØKF.xlsx", "2025", 1048576]],
  "CLI.cellTwice": [["BIF-2025.xlsx", "BIF", 7, "C7"], ["ØKF.xlsx", "Noter", 2000000]],
  "CLI.cellInOtherRow": [["BIF-2025.xlsx", "BIF", 8, "C7"], ["ØKF.xlsx", "Noter", 9]],
  "CLI.otherSheetNameTaken": [["HOVED.xlsx", "Status 2025"], ["ØKF.xlsx", "SUF"]],
  "CLI.otherSheetsNotKept": [["HOVED.xlsx", ["Diagram1"]], ["ØKF.xlsx", ["Diagram1", "Makro1", "Diagram2"]]],
  "SELFTEST.text.counts": [[6, 0, 0], [4, 1, 1]],
  issueLocation: [[{ sheet: "BUF", cell: "B6" }], [{ sheet: "Projektmappe" }]],
  issueWhat: [[{ where: { row: "Løntilskud", column: "status" } }], [{ where: { row: "Fleksjob" } }], [{}]],
  issueLabel: [[{ where: { row: "Løntilskud", column: "forloeb" }, cell: "C5" }], [{ cell: "B6" }], [{ where: { row: "Samlet" } }]],
  issueMessageWithRow: [
    [{ code: "VALUE_MISSING", params: { what: "status" }, where: { row: "Løntilskud", column: "status" } }],
    [{ code: "VALUE_NEGATIVE", params: { what: "antal forløb", value: -3 }, where: { row: "2025 (ledige)", column: "forloeb" } }],
    [{ code: "MERGED_CELL", params: {} }],
  ],
  "PANE.workbook.line": [[2025, 1, "department"], [undefined, 7, "hr"], [2024, 3, "department"], [2025, 1, "hr"]],
  "PANE.verdict.notDepartmentSheet": [["Måltal", [], "Valider ark"], ["2025", ["BUF"], "Valider ark"], ["Noter", ["BUF", "KFF"], "Valider alle"]],
  "PANE.result.gap": [
    ...BUILTIN_MEASURES.flatMap(([g, m]) => ["short", "nearly", "met", "over"].flatMap((k) => [1, 296, 1234, 0].map((n): Args => ["BUF", g, k, n, m]))),
    ["Københavns Kommune", "samlet", "short", 287, "helaarspersoner"],
    ["KK", "samlet", "short", 287, "helaarspersoner"],
    ["KK", "fleksjob", "short", 12, "personer"],
  ],
  "PANE.clerk.notReady": [[1, 1], [4, 3], [2, 0], [1234, 1000]],
  "PANE.steps.delivered": [[7, 7], [0, 7], [1, 1], [6, 1234]],
  "PANE.result2.gapShort": [
    ...BUILTIN_MEASURES.flatMap(([g, m]) => ["short", "nearly", "met", "over"].flatMap((k) => [1, 296, 0].map((n): Args => [g, k, n, m]))),
    ["fleksjob", "short", 12, "personer"],
  ],
  "SUMMARY.change": [["up"], ["down"], ["same"], [undefined]],
  "REPORT.footnoteWeights": [
    [2025, { samlet: 0.51, fleksjob: 0.43, fritidsjob: 0.06 }, true],
    [2024, { samlet: 0.55, fleksjob: 0.45, fritidsjob: 0 }, false],
  ],
  "SOURCES.rulebookGroup": [
    [2025, "virksomhedspraktik, løntilskud og småjob (samlet)", ["Løntilskud", "Virksomhedspraktik", "Småjob under det sociale frikort"]],
    [2024, "fleksjob", ["Fleksjob"]],
  ],
  "NOTAT.shortDate": [[2026, 3, 11]],
  "NOTAT.longDate": [[2024, 2, 1], [2024, 11, 28]],
  "NOTAT.period": [[1, 12, 2025], [1, 9, 2025]],
  "NOTAT.tablesUnits": [[3, 9, 7, "perioden januar til og med december 2025"], [3, 3, 1, "perioden januar til og med december 2025"]],
  "NOTAT.adoptedClause": [["1. februar 2024", ["Virksomhedspraktik", "Løntilskud", "Småjob under det sociale frikort", "Fleksjob"]], ["28. november 2024", ["Fritidsjob"]]],
  targetPhrase: [["samlet", "virksomhedspraktik, løntilskud og småjob (samlet)", "indefinite"], ["samlet", undefined, "definite"], ["fleksjob", "fleksjob", "definite"], ["seniorloentilskud", "Seniorløntilskud", "indefinite"], ["seniorloentilskud", "Seniorløntilskud", "own"]],
  "NOTAT.schemeList": [[["Virksomhedspraktik", "Løntilskud", "Småjob under det sociale frikort", "Fleksjob", "Fritidsjob"]], [["Jobrotation", "Fleksjob", "Seniorjob", "Løntilskud"]]],
  "REPORT.columns": [[2025], ["2024"]],
  "COLLECT_PANE.existingFigures": [["samlet status 161,0, fleksjob 304"]],
  "COLLECT_PANE.fileFigures": [["samlet status 163,0, fleksjob 304"]],
  "COLLECT_PANE.overviewReady": [[7, 7], [0, 7], [1, 1234]],
  "COLLECT_PANE.chooseFirst": [[["BUF"]], [["BUF", "2BUF"]]],
  "COLLECT_PANE.applyBlocked": [[["BUF"]], [["BUF", "2BUF"]]],
  "COLLECT_PANE.insertedCount": [[1], [7]],
  "COLLECT_PANE.limit.protectedSheet": [["BUF", "BUF-2025.xlsx"], ["2025", "2025.xlsx"]],
  "COLLECT_PANE.limit.failed": [["BUF.xlsx", "Excel meldte en fejl, som Jobstatus ikke kender."], ["2025.xlsx", "Prøv igen."]],
  "COLLECT.problem.workbookYear": [[2024, 2025, 7, 7], [2025, 2024, 4, 7]],
  "COLLECT.problem.yearUndecided": [[2024, 2025, "BUF-2025.xlsx"], [2025, 2024, "2025.xlsx"]],
  "COLLECT.unreadable": [["BUF.xlsx", "password"], ["2025.xlsx", "permission"], ["BUF.xlsx", "not-workbook"], ["~$BUF.xlsx", "lock-file"], ["BUF.xlsx", "too-large"], ["BUF.xlsx", "not-found"], ["ØKF.xlsx", "directory"], ["BUF.xlsx", "text-missing", { sheet: "BUF", cell: "B5" }], ["BUF.xlsx", "text-missing"], ["BUF.xlsx", "formula-broken", { sheet: "BUF", cell: "B6" }], ["2025.xlsx", "formula-broken"], ["BUF.xlsx", "read-error"], ["BUF.xlsx", "read-error", { sheet: "Log" }], ["BUF.xlsx", "too-large", undefined, { kind: "sheetMerges", sheet: "Referat", max: 5000 }], ["ØKF.xlsx", "too-large", undefined, { kind: "cells", sheet: "Log", max: 20000000 }], ["BIF.xlsx", "row-twice", { sheet: "BIF", row: 7 }], ["BIF.xlsx", "cell-twice", { sheet: "BIF", row: 7, cell: "C7" }], ["BIF.xlsx", "cell-in-other-row", { sheet: "BIF", row: 8, cell: "C7" }], ["BIF.xlsx", "row-twice"]],
  "COLLECT.plausibility.fileNamesOther": [["KFF-2025-rettet.xlsx", "KFF", "BUF"], ["2025.xlsx", "2BUF", "BUF"]],
  "COLLECT.plausibility.fieldNamesOther": [["BUF.xlsx", "KFF", "BUF"], ["2025.xlsx", "BUF", "2BUF"]],
  "COLLECT.plausibility.bigChangeSamlet": [["BUF", 161, 35], ["2BUF", 10.5, 30]],
  "COLLECT.plausibility.bigChangeFleksjob": [["BUF", 304, 100]],
  "COLLECT.plausibility.bigChangeGroup": [["BUF", "Jobrotation", "forloeb", 160, 480], ["BUF", "Løntilskud", "pladser", 360, 1080]],
  "COLLECT.figuresOf": [
    [[{ id: "samlet", name: "Samlet", measure: "helaarspersoner", status: 161 }, { id: "fleksjob", name: "fleksjob", measure: "ansatte_ultimo", status: 304 }]],
    [[{ id: "jobrotation", name: "Jobrotation", measure: "forloeb", status: 200 }, { id: "seniorjob", name: "Seniorjob", measure: "personer", status: null }]],
  ],
  "COLLECT.plausibility.formatsDropped": [["BUF.xlsx", ["B5"], 1], ["2025.xlsx", ["B5", "B6"], 3]],
  "COLLECT.plausibility.alsoFills": [["Fælles.xlsx", ["KFF"], "BUF"], ["2025.xlsx", ["KFF", "SOF"], "2BUF"]],
  "COLLECT.problem.hiddenSheet": [["BUF.xlsx", ["KFF"]], ["2025.xlsx", ["KFF", "SOF"]]],
  "COLLECT.removedCell": [["B5", "external"], ["B6", "webservice"], ["B7", "dde"], ["B8", "unc"], ["B9", "other-sheet"]],
  "COLLECT.removed": [[1, 0, ["B5 (læser fra nettet)"]], [3, 2, ["B5 (læser fra nettet)", "B6 (sti til et netværksdrev)"]], [0, 4, []], [0, 1, []]],
  "COLLECT.touched": [["BUF", ["notes"]], ["2025", ["formulas", "conditional-formats", "data-validation"]]],
  "COLLECT.savedClaim": [["15.01.2026 kl. 10.30"]],
  "COLLECT.checkWarnings": [[["BUF"]], [["2BUF", "KFF"]]],
  "COLLECT_PANE.checkLine": [["Gyldig"], ["1 fejl"]],
  "COLLECT_PANE.figuresLine": [["161,0", "304"], ["–", "–"]],
  "COLLECT_PANE.figuresLineOf": [[[{ id: "jobrotation", name: "Jobrotation", measure: "forloeb", status: 200 }, { id: "loentilskud", name: "Løntilskud", measure: "pladser", status: 466.5 }]]],
  "COLLECT_PANE.nextStep": [[[], []], [["TMF", "ØKF"], ["BUF"]], [["2BUF"], []], [[], ["BUF", "KFF"]]],
  "COLLECT_PANE.insertedOnly": [[["BUF"]], [["2BUF", "BUF", "KFF"]]],
};

/** The names of a function's parameters, read from its source (ES2020 keeps them). */
function parameterNames(fn: (...a: never[]) => unknown): string[] {
  const src = fn.toString();
  const single = /^(?:async\s+)?([\p{L}_$][\p{L}\p{N}_$]*)\s*=>/u.exec(src);
  if (single) return [single[1] as string];
  const open = src.indexOf("(");
  let depth = 0;
  let close = open;
  for (let i = open; i < src.length; i++) {
    if (src[i] === "(") depth++;
    if (src[i] === ")" && --depth === 0) {
      close = i;
      break;
    }
  }
  const inner = src.slice(open + 1, close);
  const names: string[] = [];
  let level = 0;
  let current = "";
  for (const ch of inner) {
    if ("([{".includes(ch)) level++;
    if (")]}".includes(ch)) level--;
    if (ch === "," && level === 0) {
      names.push(current);
      current = "";
    } else current += ch;
  }
  if (current.trim()) names.push(current);
  return names.map((p) => (/^\s*([\p{L}_$][\p{L}\p{N}_$]*)/u.exec(p)?.[1] ?? p.trim()));
}

/** The argument lists to render a message function with, or an error naming what is missing. */
function sampleArgs(key: string, fn: (...a: never[]) => unknown): Args[] | string {
  const given = BY_KEY[key];
  if (given) return [...given];
  const names = parameterNames(fn);
  const unknown = names.filter((n) => !(n in BY_NAME));
  if (unknown.length > 0) return `${key}: no sample value for parameter(s) ${unknown.join(", ")}; add them to BY_NAME or BY_KEY in test/language.test.ts`;
  const renders = Math.max(1, ...names.map((n) => (BY_NAME[n] as readonly unknown[]).length));
  return Array.from({ length: renders }, (_, i) => names.map((n) => {
    const values = BY_NAME[n] as readonly unknown[];
    return values[i % values.length];
  }));
}

/** Sample parameters for each issue code, covering each branch of its sentence. */
const WHATS = ["status", "samlet status", "antal forløb", "antal forløb i alt", "måltal", "måltal i alt (fleksjob)", "år", "vægt"];
const ISSUE_SAMPLES: { readonly [C in IssueCode]: readonly IssueParamsOf<C>[] } = {
  EMPTY_WORKBOOK: [{}],
  MAALTAL_MISSING: [{}, { near: "Måltal 2025" }],
  SHEET_MISSING: [{ code: "BUF" }],
  DUPLICATE_SHEET: [{ code: "BUF", others: "BUF, BUF (2)", first: "BUF" }, { first: "Måltal" }],
  UNKNOWN_UNIT_SHEET: [{ kk: 1, sheet: "KK (hele kommunen)" }, { kk: 1, lastYear: 1, sheet: "KK" }, { code: "XYZ" }],
  NO_DEPARTMENT_SHEET: [{ sheets: 0 }, { sheets: 2 }],
  HIDDEN_SHEET: [{ very: 1 }, {}],
  HIDDEN_CELLS: [{ kind: "row", label: "7" }, { kind: "column", label: "C" }],
  YEAR_UNDECIDED: [{ years: "2024 og 2025" }],
  YEAR_MISMATCH: [{ value: 2024, year: 2025 }],
  WEIGHTS_UNKNOWN: [{ year: 2031 }, { year: 2031, columns: "Samlet|Fleksjob|Fritidsjob" }],
  YEAR_MISSING: [{ value: "År: 2025" }, {}],
  YEAR_DUPLICATE: [{ first: "B2" }],
  YEAR_INVALID: [{ value: 20255 }],
  UNIT_MISMATCH: [{ value: "SOF", code: "BUF" }],
  HEADER_MISSING: [{ notat: 1 }, { long: 1 }, { missing: "status,forloeb" }, { missing: "ordning" }, { found: "A35" }, {}],
  HEADER_DUPLICATE: [{ first: "A4" }],
  COLUMN_DUPLICATE: [{ header: "Status", first: "B4" }, { header: "Fleksjob", first: "C1", firstHeader: "Samlet måltal inkl. fleksjob", group: "måltallet for fleksjob" }],
  ROW_MISSING: [{ scheme: "smaajob", schemeName: "Småjob under det sociale frikort" }, { scheme: "seniorjob" }, { scheme: "smaajob_under_det_sociale_frikort", schemeName: "Småjob under det sociale frikort" }],
  ROW_DUPLICATE: [{ value: "Løntilskud", first: "A5" }, { value: "Løntilskud (førtidspensionister)", first: "A5", firstValue: "Løntilskud (ledige)" }],
  ROW_UNKNOWN: [{ value: "Voksenlærlinge" }, { value: "Voksenlærlinge", names: "Jobrotation|Fleksjob|Seniorjob|Løntilskud" }],
  ROW_UNLABELLED: [{ subheader: 1 }, {}],
  MERGED_CELL: [{}],
  VALUE_MISSING: WHATS.map((what) => ({ what })),
  VALUE_NOT_NUMBER: [{ value: "18 stk", what: "status" }],
  VALUE_AMBIGUOUS: [{ value: "1.234", what: "antal forløb", thousands: "1234", decimal: "1,234" }, { value: "1,500", what: "status" }],
  VALUE_TEXT_NUMBER: [{ value: "12,5", what: "status", number: 12.5 }, { value: "2025", what: "år", number: 2025 }],
  VALUE_NEGATIVE: WHATS.map((what) => ({ what, value: -3 })),
  VALUE_NOT_FINITE: WHATS.map((what) => ({ what })),
  VALUE_TOO_LARGE: WHATS.map((what) => ({ what, value: 1234567, max: 100000 })),
  VALUE_NOT_WHOLE: [
    ...WHATS.map((what) => ({ what, value: 12.5 })),
    { what: "status", value: 49.5, scheme: "Fleksjob", measure: "ansatte_ultimo" as const },
    { what: "status", value: 10.5, scheme: "Seniorjob", measure: "personer" as const },
    { what: "status", value: 10.5, scheme: "Jobrotation", measure: "forloeb" as const },
  ],
  VALUE_PERCENT: [{ shown: 12.4, value: 0.124, what: "status" }],
  VALUE_SCALED: [{ value: 22750, what: "status" }],
  VALUE_OUT_OF_SCALE: [
    { scheme: "fritidsjob", schemeName: "Fritidsjob", value: 35, basis: "target", ratio: 8.75, ref: 4, refAt: "Måltal!D2" },
    { scheme: "loentilskud", schemeName: "Løntilskud", value: 2610, basis: "target", combined: 1, combinedCount: 3, ratio: 4.2, ref: 620, refAt: "Måltal!B2" },
    { scheme: "jobrotation", schemeName: "Jobrotation", value: 2610, basis: "target", combined: 1, ratio: 4.2, ref: 620 },
    { scheme: "fleksjob", schemeName: "Fleksjob", value: 250, basis: "peers", ratio: 9.6, ref: 26 },
    { scheme: "fleksjob", value: 1048, basis: "previous", ref: 1014, refAt: "Forrige år!B8" },
  ],
  STATUS_OVER_FORLOEB: [{ scheme: "seniorjob", schemeName: "Seniorjob", measure: "personer", status: 12, forloeb: 9, forloebCell: "C7" }, { scheme: "virksomhedspraktik", schemeName: "Virksomhedspraktik", status: 120.5, forloeb: 98, forloebCell: "C6" }],
  HEADER_YEAR_MISMATCH: [{ header: "Antal forløb i 2024", value: 2024, year: 2025 }],
  VALUE_ERROR: [{ value: "#REF!", what: "status" }, { value: "#FORMULA!", what: "antal forløb" }],
  VALUE_DATE: [{ what: "status" }, { what: "antal forløb", value: "01-05-2025" }],
  VALUE_BOOLEAN: [{ value: "SAND", what: "antal forløb" }],
  VALUE_IGNORED: [{ what: "antal forløb" }, { what: "samlet status", total: "I alt" }, { what: "antal forløb i alt", total: "I alt" }],
  TEXT_TOO_LONG: [{ length: 1234, what: "ordning" }, { length: 300 }],
  TOTAL_MISMATCH: [{ what: "samlet status", typed: 161, computed: 160.96, rounding: 1 }, { what: "antal forløb i alt", typed: 700, computed: 693, rounding: 0 }],
  KK_TARGET_DIFFERS: [{ group: "fleksjob", groupName: "fleksjob", kk: 900, sum: 899 }, { group: "seniorjob", kk: 400, sum: 399 }],
  KK_SHEET_DIFFERS: [{ scheme: "fleksjob", schemeName: "Fleksjob", what: "status", value: 70, sum: 65 }, { scheme: "smaajob", schemeName: "Småjob under det sociale frikort", what: "forloeb", value: 330, sum: 322 }],
  MAALTAL_HEADER_MISSING: [{}, { columns: "Samlet|Fleksjob|Fritidsjob" }],
  MAALTAL_COLUMN_MISSING: [{ group: "fritidsjob", groupName: "fritidsjob" }, { group: "seniorloentilskud", groupName: "Seniorløntilskud", words: "seniorløntilskud, senior", wordsCell: "Indstillinger!B9" }],
  MAALTAL_UNIT_DUPLICATE: [{ code: "BUF", first: "A4" }],
  MAALTAL_EMPTY: [{ kkOnly: 1 }, {}],
  MAAL_ZERO_WEIGHTED: [{ code: "BUF", group: "fleksjob", groupName: "fleksjob" }],
  WEIGHTS_SUM: [{ year: 2025, sum: 95 }],
  WEIGHTS_DIFFER: [{ year: 2025 }],
  WEIGHTS_DUPLICATE: [{ year: 2025, first: "A3" }],
  SETTING_DUPLICATE: [{ what: "vægte", first: "A3" }, { what: "sidste måned", first: "B2" }, { what: "regelsæt", year: 2026, first: "C11" }, { what: "regelsæt", year: 2025, first: "A1", noWeights: 1 }],
  SETTINGS_HEADER_MISSING: [{}, { columns: "Samlet|Fleksjob|Fritidsjob" }],
  PERIOD_INVALID: [{ value: "13" }],
  PREVIOUS_YEAR_MISMATCH: [{ value: 2023, expected: 2024 }],
  PREVIOUS_WEIGHTS_UNKNOWN: [{ year: 2023 }],
  PREVIOUS_LEFT_OUT: [{}],
  OUTPUT_NAME_TAKEN: [{ wanted: "Status 2025", used: "Status 2025 (2)" }],
  FORMULA_STALE: [{ what: "status", formula: "40+9", value: 49, cached: 89 }, { what: "status", formula: "40+9", value: 49, cached: "89 stk" }],
  FORMULA_MANUAL_CALC: [{ what: "status", formula: "D5/12", value: 9.8 }, { what: "status", formula: "D5/12", value: "12" }],
  STATUS_COLUMN_AMBIGUOUS: [{ first: "B4", firstHeader: "Status", header: "2025" }],
  FORMULA_UNCHECKED: [{ what: "status", formula: "((((1+2)))…", value: 3 }],
  PERIOD_YEAR_MISMATCH: [{ value: "01-06-2024", named: 2024, year: 2025 }, { value: "juni 2024", named: 2024, year: 2025 }],
  LABEL_MONTH_MISMATCH: [
    { value: "Fleksjob (antal ansatte i september)", named: "september", expected: "december" },
    { value: "Fleksjob (antal ansatte i december 2024)", named: "december 2024", expected: "december 2025" },
    { value: "Antal forløb i januar–juni 2025", named: "juni", expected: "december", header: 1 },
  ],
  SETTINGS_LABEL_UNKNOWN: [{ value: "Sagsnr. i F2" }],
  RULEBOOK_INCOMPLETE: [{ part: "year" }, { part: "schemes" }, { part: "groups" }],
  RULEBOOK_DUPLICATE: [{ year: 2026, first: "A12" }],
  RULEBOOK_MEASURE_UNKNOWN: [{ value: "timer", scheme: "Seniorjob" }, { value: "" }],
  RULEBOOK_FORLOEB_INVALID: [{ value: "måske" }],
  RULEBOOK_GROUP_MISSING: [{ scheme: "Seniorjob", value: "Senior" }, { scheme: "Seniorjob", value: "" }, { group: "Jobrotation", empty: 1 }],
  RULEBOOK_TARGET_MISSING: [{ group: "Jobrotation" }],
  RULEBOOK_LABEL_DUPLICATE: [{ value: "fleksjob", first: "A15" }],
  RULEBOOK_MEASURE_MIXED: [{ scheme: "Jobrotation", measure: "personer", group: "Samlet", other: "Løntilskud", otherMeasure: "helaarspersoner" }],
  RULEBOOK_DIFFERS: [
    { year: 2025 },
    {
      year: 2025,
      differences: [
        { kind: "missing", scheme: "Fritidsjob", cell: "A3" },
        { kind: "extra", scheme: "Jobrotation", cell: "A9" },
        { kind: "measure", scheme: "Fleksjob", measure: "personer", builtin: "ansatte_ultimo", cell: "B7" },
        { kind: "forloeb", scheme: "Løntilskud", forloeb: 0, cell: "C4" },
        { kind: "group", scheme: "Fritidsjob", group: "Samlet", builtin: "Fritidsjob", cell: "D8" },
        { kind: "weight", group: "Fritidsjob", weight: 0, builtin: 6, cell: "C14" },
        { kind: "noWeights", cell: "A1" },
      ],
    },
  ],
  RULEBOOK_UNUSED: [{ year: 2023, statusYear: 2025 }, { year: 2024, statusYear: 2025, noPrevious: 1 }],
  MAALTAL_COLUMN_TIE: [{ header: "Senior- og voksenjob", groups: "Senior|Voksen", words: "senior|voksen", cells: "Indstillinger!B12|Indstillinger!B13" }, { header: "Fleksjob og fritidsjob", groups: "fleksjob|fritidsjob", words: "fleksjob|fritidsjob" }, { header: "Måltal", groups: "A|B|C", words: "aa|bb|cc", cells: "||" }],
  RULEBOOK_NOT_READ: [{ year: 2014 }],
  LABEL_UNIT_MISMATCH: [
    { value: "Løntilskud (helårspersoner)", schemeName: "Løntilskud", named: "helaarspersoner", measure: "pladser", year: 2014 },
    { value: "Fleksjob (pladser)", schemeName: "Fleksjob", named: "pladser", measure: "ansatte_ultimo" },
  ],
};

interface Text {
  readonly key: string;
  readonly text: string;
}

/** Every text of the catalogue, with the key it has there. */
function catalogueTexts(): { texts: Text[]; missing: string[] } {
  const texts: Text[] = [];
  const missing: string[] = [];
  const walk = (key: string, value: unknown): void => {
    if (typeof value === "string") texts.push({ key, text: value });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(`${key}[${i}]`, v));
    else if (typeof value === "function") {
      const fn = value as (...a: unknown[]) => unknown;
      const args = sampleArgs(key, fn);
      if (typeof args === "string") missing.push(args);
      else
        args.forEach((a, i) => {
          let rendered: unknown;
          try {
            rendered = fn(...a);
          } catch (e) {
            missing.push(`${key}: rendering with ${JSON.stringify(a)} threw ${String(e)}; add samples to BY_KEY in test/language.test.ts`);
            return;
          }
          walk(`${key}(${JSON.stringify(a).slice(1, -1)})${args.length > 1 ? `#${i + 1}` : ""}`, rendered);
        });
    } else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(`${key}.${k}`, v);
  };
  for (const [name, value] of Object.entries(da)) {
    if (name === "issueMessage") continue;
    walk(name, value);
  }
  for (const code of ISSUE_CODES) {
    for (const [i, params] of (ISSUE_SAMPLES[code] ?? []).entries())
      texts.push({ key: `issueMessage(${code})#${i + 1} ${JSON.stringify(params)}`, text: da.issueMessage({ code, params }) });
  }
  return { texts, missing };
}

/** Keys whose text is laid out in columns (aligned with spaces), so doubled spaces are intended. */
const LAYOUT_KEYS = ["CLI.usage", "CLI.help"];
/** Keys whose text is a label (a count in a badge or a table cell, a row label before a message), not a sentence: it may start with a number. */
const LABEL_KEYS = ["PANE.clerk.toRead", "PANE.steps.chipIssues", "PANE.steps.files", "PANE.steps.validate", "PANE.steps.calculate", "PANE.steps.notat", "PANE.result2.gapShort", "RULES.paneGapShort", "UI.issues.count", "COLLECT.counts", "COLLECT.source", "issueWhat", "issueLabel", "issueMessageWithRow", "NOTAT.shortDate", "NOTAT.longDate", "periodLabel", "pointLabel"];

interface Prose {
  readonly text: string;
  /** A table cell that is a value (it does not end as a sentence does), so it may start with a number. */
  readonly label: boolean;
}

/** Whether a text ends as a sentence does (not after an abbreviation: »74 pct.« is a value). */
function endsSentence(text: string): boolean {
  if (/[!?:]$/.test(text)) return true;
  const word = /([\p{L}.]+)\.$/u.exec(text)?.[1];
  return text.endsWith(".") && !ABBREVIATIONS.includes((word ?? "").toLocaleLowerCase("da-DK"));
}

/** A Markdown file as the prose a reader sees, one entry per paragraph, list item or table cell. */
function docProse(markdown: string): Prose[] {
  const noCode = markdown
    .replace(/^```[\s\S]*?^```/gm, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/`[^`\n]*`/g, "KODE")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, "$1");
  const out: Prose[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) out.push({ text: paragraph.join(" "), label: false });
    paragraph = [];
  };
  for (const raw of noCode.split("\n")) {
    const line = raw.replace(/\s+$/, "");
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (/^\s*\|/.test(line)) {
      flush();
      if (/^\s*\|[\s|:-]+\|?$/.test(line)) continue;
      for (const cell of line.split("|").slice(1, -1)) if (cell.trim()) out.push({ text: cell.trim(), label: !endsSentence(cell.trim()) });
      continue;
    }
    const heading = /^#+\s+(?:\d+(?:\.\d+)*[a-z]?\.?\s+)?(.*)$/.exec(line);
    if (heading) {
      flush();
      out.push({ text: heading[1] as string, label: false });
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      flush();
      paragraph.push(item[1] as string);
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------

describe("the glossary (docs/ordliste.md)", () => {
  let variants: Variant[];
  beforeAll(async () => {
    variants = forbiddenVariants(await read("docs/ordliste.md"));
  });

  test("lists the variants not to use, and the test reads them", () => {
    const texts = variants.map((v) => v.text);
    expect(texts).toEqual(expect.arrayContaining(["kontrol*", "Københavns kommune", "arbejdsbog*"]));
    expect(variants.find((v) => v.text === "kontrol*")?.pattern.test("Kontrollér arket")).toBe(true);
    expect(variants.find((v) => v.text === "kontrol*")?.pattern.test("Kontor for HR")).toBe(false);
    expect(variants.find((v) => v.text === "Københavns kommune")?.pattern.test("Københavns Kommune")).toBe(false);
  });

  test("the rules catch what they are meant to catch", () => {
    const found = (t: string): string[] => problems(t, variants);
    expect(found("Antal forløb er 1.234.")).toEqual([]);
    expect(found("Status er 74 pct. Det er godt.")).toEqual([]);
    expect(found("Den 1. februar 2024 blev det vedtaget.")).toEqual([]);
    expect(found("Kør »jobstatus valider BUF.xlsx«.")).toEqual([]);
    expect(found("Excel viser »85 %«.")).toEqual([]);
    expect(found("Klik «Beregn status».")).toHaveLength(1);
    expect(found("Arkene »BUF« og »KFF« er beskyttet.")).toEqual([]);
    expect(found("Det er gjort. 3 celler er markeret.")).toHaveLength(1);
    expect(found("jobstatus vælger ikke.")).toHaveLength(1);
    expect(found("Vægtene giver 95 %.")).toHaveLength(1);
    expect(found("Det er 74 pct..")).toHaveLength(1);
    expect(found("Ret  tallet.")).toHaveLength(1);
    expect(found("Kontrollér arket.")).toHaveLength(1);
    expect(found("Af tabel 3-9 fremgår status.")).toHaveLength(1);
    expect(found("Af tabel 3–9 fremgår status. Sagsnummer 2025-0072439.")).toEqual([]);
    expect(found("Målopfyldelsen for fleksjob er steget fra 1.014 ansatte i 2024 til 1.048 i 2025.")).toHaveLength(1);
    expect(found("Antallet af ansatte i fleksjob er steget fra 1.014 i 2024 til 1.048 i 2025.")).toEqual([]);
    expect(found("KK mangler 287 helårspersoner for at nå måltallet.")).toHaveLength(1);
    expect(found("Kommunen mangler 287 helårspersoner for at nå måltallet.")).toEqual([]);
    expect(found("Cellen viser fejlen #REF! i stedet for status.")).toHaveLength(1);
    expect(found("Cellen viser fejlen #REFERENCE! i stedet for status.")).toEqual([]);
    expect(found("Tilføj forvaltningen i Måltal.")).toHaveLength(1);
    expect(found("Tilføj forvaltningen på Måltal. Se i Måltal-arkets kolonne og i Måltal!D11.")).toEqual([]);
    expect(found("Klik »Valider mit ark«.")).toHaveLength(1);
    expect(found("Sæt flueben i Opret en kopi.")).toHaveLength(1);
    expect(found("Vælg Gennemse > Fjern arkbeskyttelse.")).toHaveLength(1);
    expect(found("Vælg Gennemse → Fjern arkbeskyttelse.")).toEqual([]);
    expect(found("Prøv igen; sker det igen, så meld fejlen til udviklerne.")).toHaveLength(1);
    // One verb per meaning (issue 21): sheets are »indsat«, files »downloadet«; »hent« is neither.
    expect(found("Klik »Hent arkene ind«.")).toHaveLength(1);
    expect(found("Notatet er hentet som Word-dokument.")).toHaveLength(1);
    expect(found("Klik »Indsæt arkene«. Notatet er downloadet som Word-dokument.")).toEqual([]);
    // Each form is listed (docs/ordliste.md): »indhentningen« is caught, »hentyder« (another word) is not.
    expect(found("Efter indhentningen nævnes forvaltningerne igen.")).toHaveLength(1);
    expect(found("Indhent arkene fra forvaltningerne.")).toHaveLength(1);
    expect(found("Jobstatus henter arkene.")).toHaveLength(1);
    expect(found("Arkene hentes ind.")).toHaveLength(1);
    expect(found("Klik for at hente notatet.")).toHaveLength(1);
    expect(found("Hentningen tager et øjeblik.")).toHaveLength(1);
    expect(found("De hentede filer ligger i mappen.")).toHaveLength(1);
    expect(found("Teksten hentyder til sidste års notat.")).toEqual([]);
    expect(found("Når arkene er indsat, nævnes forvaltningerne igen.")).toEqual([]);
  });
});

describe("every text of the catalogue (src/messages/da.ts) follows the glossary", () => {
  let variants: Variant[];
  let texts: Text[];
  let missing: string[];
  beforeAll(async () => {
    variants = forbiddenVariants(await read("docs/ordliste.md"));
    ({ texts, missing } = catalogueTexts());
  });

  test("every message function renders with sample arguments, and every issue code has samples", () => {
    expect(missing).toEqual([]);
    expect(ISSUE_CODES.filter((c) => (ISSUE_SAMPLES[c] ?? []).length === 0)).toEqual([]);
    expect(texts.length).toBeGreaterThan(400);
  });

  test("no forbidden variant, «…», sentence starting with a digit or a lower-case jobstatus, %, doubled spaces or full stops", () => {
    const wrong = texts.flatMap(({ key, text }) => problems(text, variants, { layout: LAYOUT_KEYS.some((k) => key.startsWith(k)), label: LABEL_KEYS.some((k) => key.startsWith(k)) }).map((p) => `${key}: ${p}`));
    expect(wrong).toEqual([]);
  });

  test("an adjective agrees with the word it describes (antal forløb er negativt, status er negativ)", () => {
    const neuter = ["antal forløb", "antal forløb i alt", "måltal", "år"];
    const common = ["status", "samlet status", "vægt"];
    for (const what of neuter) {
      expect(da.issueMessage({ code: "VALUE_NEGATIVE", params: { what, value: -3 } })).toMatch(/ er negativt /);
      expect(da.issueMessage({ code: "VALUE_TOO_LARGE", params: { what, value: 1e7, max: 1e5 } })).toMatch(/ stort /);
    }
    for (const what of common) {
      expect(da.issueMessage({ code: "VALUE_NEGATIVE", params: { what, value: -3 } })).toMatch(/ er negativ /);
      expect(da.issueMessage({ code: "VALUE_TOO_LARGE", params: { what, value: 1e7, max: 1e5 } })).toMatch(/ stor /);
    }
  });
});

describe("sentences that say something about the user's work say it correctly", () => {
  test("one error is »den«, several are »dem«", () => {
    expect(da.UI.notice.calculateBlocked(1)).toContain("har 1 fejl. Ret den (se listen)");
    expect(da.UI.notice.calculateBlocked(3)).toContain("har 3 fejl. Ret dem (se listen)");
    expect(da.UI.notice.notatBlocked(1)).toContain("har 1 fejl. Ret den (se listen)");
  });

  test("the colour marks are removed only when the cell is fixed (they come back if the problem remains)", () => {
    const text = da.UI.notice.validateProblems(2, 0, 2);
    expect(text).toBe("Der er 2 fejl. Der er markeret 2 celler med farve. Når du har rettet en celle og validerer igen, fjernes dens markering.");
    expect(da.UI.notice.validateProblems(1, 0, 0)).toBe("Der er 1 fejl.");
  });
});

describe("the review's examples (issue 21, item 13) say it as a Copenhagen HR office would", () => {
  test("a count is asked for as a whole number, a year as a year", () => {
    expect(da.issueMessage({ code: "VALUE_NOT_NUMBER", params: { value: "12 stk", what: "antal forløb" } })).toContain("Skriv kun tallet, fx 12.");
    expect(da.issueMessage({ code: "VALUE_NOT_NUMBER", params: { value: "ca. 12", what: "status" } })).toContain("Skriv kun tallet, fx 12,5.");
    expect(da.issueMessage({ code: "VALUE_NOT_NUMBER", params: { value: "i år", what: "år" } })).toContain("Skriv kun årstallet, fx 2025.");
  });

  test("the kommune is »Kommunen« in a sentence, not its code", () => {
    expect(da.PANE.result.gap("KK", "samlet", "short", 287, "helaarspersoner")).toBe("Kommunen mangler 287 helårspersoner for at nå måltallet for virksomhedspraktik, løntilskud og småjob.");
    expect(da.PANE.result.gap("BUF", "fleksjob", "over", 3, "ansatte_ultimo")).toBe("BUF er over måltallet for fleksjob med 3 fleksjobansatte.");
  });

  test("Excel's error values are named as Danish Excel shows them", () => {
    const shown = (value: string) => da.issueMessage({ code: "VALUE_ERROR", params: { value, what: "status" } });
    expect(shown("#REF!")).toContain("#REFERENCE!");
    expect(shown("#DIV/0!")).toContain("#DIVISION/0!");
    expect(shown("#VALUE!")).toContain("#VÆRDI!");
    expect(shown("#N/A")).toContain("#I/T");
    expect(shown("#VÆRDI!")).toContain("#VÆRDI!");
  });

  test("what to do when Jobstatus fails: IT-support, with the text from »Selvtest«", () => {
    for (const text of [da.UI.notice.unexpected, da.OFFICE_ERRORS.InvalidArgument, da.OFFICE_ERRORS.InvalidReference]) expect(text).toContain("kontakt IT-support, og send teksten fra »Selvtest«");
    expect(da.CLI.internal).toContain("Kontakt IT-support");
  });

  test("issue 21's Danish: »Alle 7 forvaltninger har afleveret …«, a choice of codes ends in »eller«", () => {
    expect(da.PANE.steps.delivered(7, 7)).toBe("Alle 7 forvaltninger har afleveret et udfyldt ark.");
    expect(da.PANE.steps.delivered(6, 7)).toBe("Udfyldt ark afleveret: 6 af 7 forvaltninger.");
    expect(da.PANE.steps.delivered(0, 7)).not.toMatch(/^Af /);
    expect(da.FORVALTNING_TEMPLATE.unknownUnit("XYZ", ["BIF", "TMF", "ØKF"])).toContain("Brug en af BIF, TMF eller ØKF.");
    expect(JSON.stringify([da.UI, da.PANE])).not.toMatch(/hent(er)? notatet til Borgerrepræsentationen/);
  });

  test("one term each: »Valider ark«, »sæt hak i«, »på Måltal«", () => {
    expect(da.PANE.actions.validateMine).toBe(da.UI.actions.validateSheet);
    expect(da.issueMessage({ code: "SHEET_MISSING", params: { code: "BUF" } })).toContain("står på Måltal");
  });
});

describe("the manifest's Danish (ribbon labels, titles and tooltips) follows the glossary", () => {
  test("every DisplayName, Description and bt:String", async () => {
    const variants = forbiddenVariants(await read("docs/ordliste.md"));
    const manifest = await read("manifest.xml");
    const texts = [...manifest.matchAll(/<(DisplayName|Description|bt:String)\b(?:[^>]*?\bid="([^"]+)")?[^>]*?DefaultValue="([^"]*)"/g)].map((m) => ({
      key: m[2] ?? m[1] ?? "",
      text: (m[3] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&"),
    }));
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.flatMap(({ key, text }) => problems(text, variants).map((p) => `${key}: ${p}`))).toEqual([]);
  });
});

describe("the Danish user guides follow the glossary", () => {
  let variants: Variant[];
  beforeAll(async () => {
    variants = forbiddenVariants(await read("docs/ordliste.md"));
  });

  test.each(DANISH_DOCS)("%s", async (file) => {
    const prose = docProse(await read(file));
    expect(prose.length).toBeGreaterThan(10);
    const wrong = prose.flatMap((p) => problems(p.text, variants, { label: p.label, quotesFree: true }));
    expect(wrong).toEqual([]);
  });
});
