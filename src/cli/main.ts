/**
 * The CLI's entry point (bin/jobstatus.js calls `main`): parses the arguments and runs a command.
 * Only an entry point: what the commands share lives in command.ts, so nothing imports this file
 * but the launcher and the tests (no import circle; docs/dev/architecture.md).
 */
import ExcelJS from "./exceljs";
import * as path from "node:path";
import { calculate, ownerName, sourcesOwnerName, toJson, validate, workbookTemplate, hasErrors, BUILT_IN_WEIGHTS, quotedText, templateRulebook, builtinRulebook, type CalculationOutcome, type Rulebook } from "../core";
import { CLI, issueMessage } from "../messages/da";
import { formatIssues, formatResult } from "./format";
import { spliceCopy, spliceSheets } from "./xlsx-splice";
import { checkExceljsKeepsSheets, checkNamesFree } from "./other-sheets";
import { ownSheetsPackage } from "./sheet-xml";
import { EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE, loadWorkbook, only, readGrid, readInput, refusalOf, sameFile, UsageError, type Io, type Parsed } from "./command";
import { keepAsRead, openOn, renderLayout, writeReport } from "./xlsx-write";
import { gendan, saml, skabelonForvaltning } from "./saml";
import { asksForHelp, isCommand, outputExtensionProblem, usageErrorJson } from "./usage";
import { mayReplaceDefault, mayWrite, writeOutput } from "./write-file";
import { jsonText, terminalSafe } from "./terminal";
import { format } from "node:util";

const processIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

const FLAGS = new Set(["--json", "--help", "-h", "--version", "--overskriv", "--erstat", "--spring-over"]);
const WITH_VALUE = new Set(["-o", "--out", "--ark", "--aar", "--år", "--forvaltning", "--regelsaet", "--regelsæt"]);

function parseArgs(args: readonly string[]): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (FLAGS.has(a)) options.set(a, true);
    else if (WITH_VALUE.has(a)) {
      const v = args[++i];
      if (v === undefined) throw new UsageError(CLI.missingValue(a));
      options.set(a === "--out" ? "-o" : a === "--år" ? "--aar" : a === "--regelsæt" ? "--regelsaet" : a, v);
    } else if (a.startsWith("-") && a.length > 1) throw new UsageError(CLI.unknownOption(a));
    else positional.push(a);
  }
  return { positional, options };
}

/**
 * The status copy as the input's package plus jobstatus's own sheets (xlsx-splice.ts): the sheets
 * are rendered into a workbook of their own and spliced into the input's parts, which are copied as
 * stored. Undefined when the input is not in the form the splice reads; the caller then copies
 * with exceljs.
 */
async function splicedCopy(file: string, input: Uint8Array, outcome: CalculationOutcome, year: number): Promise<Uint8Array | undefined> {
  if (!outcome.report || !outcome.output) return undefined;
  const replace = [outcome.output, outcome.sourcesOutput].flatMap((o) => (o?.replaces ? [o.name] : []));
  const options = { replace, active: outcome.report.sheetName };
  // The sheets' XML written straight from their layouts (sheet-xml.ts); what that writer does not
  // model is rendered by exceljs into a scratch workbook, as before.
  const own = [{ layout: outcome.report, marker: ownerName(year) }, ...(outcome.sources && outcome.sourcesOutput ? [{ layout: outcome.sources, marker: sourcesOwnerName(year) }] : [])];
  const direct = ownSheetsPackage(own);
  if (direct) {
    try {
      return spliceSheets(input, direct, options)?.bytes;
    } catch (e) {
      throw refusalOf(e, file);
    }
  }
  const scratch = new ExcelJS.Workbook();
  writeReport(scratch, outcome.report, year, false);
  if (outcome.sources && outcome.sourcesOutput) writeReport(scratch, outcome.sources, year, false, sourcesOwnerName(year));
  // Stored, not deflated: the splice reads the parts straight back, and zlib compresses them once.
  const scratchBytes = new Uint8Array((await scratch.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer);
  try {
    return spliceCopy(input, scratchBytes, options)?.bytes;
  } catch (e) {
    throw refusalOf(e, file);
  }
}

async function beregn(p: Parsed, io: Io): Promise<number> {
  only(p, ["-o", "--json", "--overskriv"], 1);
  const file = p.positional[0];
  if (!file) throw new UsageError(CLI.missingFile);
  // The file is read once: only what the engine reads is loaded, and the copy is spliced from the
  // same bytes (splicedCopy), so it is the file the figures came from.
  const input = await readInput(file);
  const wb = await loadWorkbook(file, "read", input);
  const outcome = calculate(readGrid(wb, file));
  const json = p.options.has("--json");
  let exit = hasErrors(outcome.issues) ? EXIT_INPUT_ERRORS : EXIT_OK;
  let written: string | undefined;
  if (outcome.report && outcome.output && outcome.result.year !== null) {
    const year = outcome.result.year;
    const explicit = p.options.get("-o") as string | undefined;
    // The default name is jobstatus's own output next to the input: a re-run replaces it only while
    // it is as jobstatus wrote it (owner marker, owner-mark.ts). A file the user names with -o is
    // only replaced on request.
    const out = explicit ?? path.join(path.dirname(file), `${path.basename(file, path.extname(file))}-status-${year}.xlsx`);
    if (await sameFile(out, file)) throw new UsageError(CLI.sameAsInput);
    const overwrite = p.options.has("--overskriv");
    const replace = explicit ? await mayWrite(out, overwrite) : await mayReplaceDefault(out, overwrite);
    // A chart sheet (or another sheet that is no worksheet) may not have the name of a sheet jobstatus writes (other-sheets.ts).
    checkNamesFree(file, input, [outcome.output.name, outcome.sourcesOutput?.name]);
    const spliced = await splicedCopy(file, input, outcome, year);
    if (spliced) await writeOutput(spliced, out, { replace, stamp: !explicit, ownedOnly: !explicit && !overwrite });
    else {
      // A package the splice does not read with certainty: exceljs loads and saves the whole copy,
      // which would drop a chart sheet: refused instead (other-sheets.ts).
      checkExceljsKeepsSheets(file, input);
      const copy = await loadWorkbook(file, "copy", input);
      keepAsRead(copy);
      const status = writeReport(copy, outcome.report, year, outcome.output.replaces);
      if (outcome.sources && outcome.sourcesOutput) writeReport(copy, outcome.sources, year, outcome.sourcesOutput.replaces, sourcesOwnerName(year));
      // The copy opens on the report, once every sheet is in place.
      openOn(copy, status);
      await writeOutput(copy, out, { replace, stamp: !explicit, ownedOnly: !explicit && !overwrite });
    }
    written = out;
  } else exit = EXIT_INPUT_ERRORS;

  if (json) {
    io.out(jsonText(toJson(outcome.result)));
    // stdout stays one JSON document; where the copy went is said on stderr.
    if (written && outcome.output) io.err(CLI.written(written, outcome.output.name));
  } else {
    const tables = formatResult(outcome.result);
    if (tables && written) io.out(tables + "\n");
    if (!written) io.out(CLI.notWritten);
    io.out(formatIssues(outcome.issues));
    if (written && outcome.output) io.out(CLI.written(written, outcome.output.name));
  }
  return exit;
}

async function valider(p: Parsed, io: Io): Promise<number> {
  only(p, ["--ark", "--json"], 1);
  const file = p.positional[0];
  if (!file) throw new UsageError(CLI.missingFile);
  const wb = await loadWorkbook(file, "read");
  const grid = readGrid(wb, file);
  const ark = p.options.get("--ark") as string | undefined;
  if (ark !== undefined && !grid.sheets.some((s) => s.name.trim().toLowerCase() === ark.trim().toLowerCase())) {
    throw new UsageError(CLI.unknownSheet(ark));
  }
  const analysis = validate(grid, ark);
  if (p.options.has("--json")) {
    const issues = analysis.issues.map((i) => ({ severity: i.severity, code: i.code, sheet: quotedText(i.sheet), cell: i.cell ?? null, message: issueMessage(i) }));
    io.out(jsonText({ year: analysis.year ?? null, sheets: analysis.sheets.map((s) => ({ ...s, name: quotedText(s.name) })), issues }));
  } else {
    io.out(formatIssues(analysis.issues));
  }
  return hasErrors(analysis.issues) ? EXIT_INPUT_ERRORS : EXIT_OK;
}

/**
 * `--regelsaet HOVED.xlsx`: the year's rulebook as HOVED.xlsx's Indstillinger gives it (a Regelsæt,
 * or weights typed for the year), read as `beregn` reads it (template-rulebook.ts). Errors on
 * Indstillinger are printed and nothing is written (null). A year the file says nothing about is
 * the built-in rulebook where there is one (undefined: as `beregn` counts it), else a usage error.
 * Warnings (a built-in year overridden) are printed, and the template is made.
 */
async function rulebookFrom(file: string, year: number, out: string, io: Io): Promise<Rulebook | null | undefined> {
  if (await sameFile(out, file)) throw new UsageError(CLI.sameAsInput);
  const read = templateRulebook(readGrid(await loadWorkbook(file, "read"), file), year);
  if (hasErrors(read.issues)) {
    io.out(CLI.rulebookErrors(file));
    io.out(formatIssues(read.issues));
    return null;
  }
  if (read.kind === "none") {
    if (builtinRulebook(year)) return undefined;
    throw new UsageError(CLI.rulebookMissing(file, year));
  }
  if (read.issues.length > 0) io.out(formatIssues(read.issues));
  return read.rulebook;
}

async function skabelon(p: Parsed, io: Io): Promise<number> {
  only(p, ["--aar", "-o", "--forvaltning", "--overskriv", "--regelsaet"], 0);
  const y = p.options.get("--aar");
  if (typeof y !== "string") throw new UsageError(CLI.missingYear);
  if (!/^\d{4}$/.test(y.trim()) || Number(y) < 2000 || Number(y) > 2100) throw new UsageError(CLI.badYear(y));
  const out = p.options.get("-o");
  if (typeof out !== "string") throw new UsageError(CLI.missingOutput);
  const replace = await mayWrite(out, p.options.has("--overskriv"));
  const year = Number(y);
  const source = p.options.get("--regelsaet");
  const rulebook = typeof source === "string" ? await rulebookFrom(source, year, out, io) : undefined;
  if (rulebook === null) return EXIT_INPUT_ERRORS;
  if (p.options.has("--forvaltning")) {
    const exit = await skabelonForvaltning(p, io, year, out, rulebook);
    if (rulebook && typeof source === "string") io.out(CLI.templateFollows(source, year));
    return exit;
  }
  const wb = new ExcelJS.Workbook();
  for (const layout of workbookTemplate(year, rulebook)) renderLayout(wb.addWorksheet(layout.sheetName), layout);
  await writeOutput(wb, out, { replace });
  io.out(CLI.templateWritten(out));
  if (rulebook && typeof source === "string") io.out(CLI.templateFollows(source, year));
  else if (!BUILT_IN_WEIGHTS[year]) io.out(CLI.templateNoWeights(year));
  return EXIT_OK;
}

export async function main(args: readonly string[], raw: Io = processIo): Promise<number> {
  // The one point where the CLI's text reaches a terminal: control and bidi characters from the
  // files are stripped here (terminal.ts); JSON is printed with those characters escaped.
  const io: Io = { out: (t) => raw.out(terminalSafe(t)), err: (t) => raw.err(terminalSafe(t)) };
  const restoreConsole = consoleThrough(io);
  try {
    return await run(args, io);
  } finally {
    restoreConsole();
  }
}

/**
 * A library's own console output (exceljs warns »Worksheet name … exceeds 31 chars« with the raw
 * sheet name) goes through the same choke point while a command runs: to stderr, so stdout stays
 * the command's (--json), as a quoted value (CPR-shaped parts masked, control characters spaces),
 * then terminal-safe. Returns what puts the console back.
 */
function consoleThrough(io: Io): () => void {
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const saved = methods.map((m) => [m, console[m]] as const);
  for (const m of methods) console[m] = (...args: unknown[]) => io.err(quotedText(format(...args)));
  return () => {
    for (const [m, f] of saved) console[m] = f;
  };
}

async function run(args: readonly string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = args;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      // »jobstatus help beregn« is »jobstatus beregn --help«.
      const topic = rest[0];
      if (command === "help" && topic !== undefined) {
        if (!isCommand(topic)) throw new UsageError(CLI.unknownCommand(topic));
        io.out(CLI.help[topic]);
        return EXIT_OK;
      }
      io.out(CLI.usage);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (command === "--version") {
      io.out("jobstatus 0.1.0");
      return EXIT_OK;
    }
    if (!isCommand(command)) throw new UsageError(CLI.unknownCommand(command));
    if (asksForHelp(rest)) {
      io.out(CLI.help[command]);
      return EXIT_OK;
    }
    const p = parseArgs(rest);
    const badExtension = outputExtensionProblem(command, p.options.get("-o") as string | undefined);
    if (badExtension) throw new UsageError(badExtension);
    switch (command) {
      case "beregn":
        return await beregn(p, io);
      case "valider":
        return await valider(p, io);
      case "skabelon":
        return await skabelon(p, io);
      case "notat":
        // Loaded on demand: the Word writer (docx) would add about 0.2 s to every other command's start.
        return await (await import("./notat")).notat(p, io);
      case "saml":
        return await saml(p, io);
      case "gendan":
        return await gendan(p, io);
    }
  } catch (e) {
    const message = e instanceof UsageError ? e.message : CLI.internal;
    io.err(message);
    if (!(e instanceof UsageError) && process.env.JOBSTATUS_DEBUG) io.err(String(e instanceof Error ? e.stack : e));
    if (args.includes("--json")) io.out(usageErrorJson(message, EXIT_USAGE));
    return EXIT_USAGE;
  }
}
