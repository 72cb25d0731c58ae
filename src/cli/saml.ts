/**
 * `jobstatus skabelon --forvaltning KODE` (one forvaltning's file) and `jobstatus saml` (collect the
 * forvaltninger's files into a copy of the analyst's workbook). The decisions are the core's
 * (forvaltning-template.ts, collect.ts); this module reads, prints and writes.
 */
import ExcelJS from "./exceljs";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { mailText, plausibilityText, planCollect, planRestore, problemText, removedText, type CollectFile, type CollectPlan, type ConflictChoice, type DeliveryRow, type KeyFigures, type UnreadableFile, forvaltningTemplate, quotedText, normalizeCode, DEFAULT_UNIT_CODES, type Rulebook } from "../core";
import { CLI, COLLECT, FORVALTNING_TEMPLATE, issueLocation, issueMessage, issueMessageWithRow } from "../messages/da";
import { EXIT_INPUT_ERRORS, EXIT_OK, loadWorkbook, only, readInput, refusalOf, sameFile, UsageError, type Io, type Parsed } from "./command";
import { mayWrite, writeOutput } from "./write-file";
import { jsonText } from "./terminal";
import { lastSavedOf, nativeInflate, readBoundedFile, readWorkbookGrid } from "./xlsx-read";
import { spliceCollect, spliceRestore, type CollectSpliceResult } from "./collect-splice";
import { checkExceljsKeepsSheets, checkNamesFree } from "./other-sheets";
import { ReaderLimitError } from "../xlsx/bounded-zip";
import { applyCollect, applyRestore, MAX_FILE_BYTES, readDelivery, renderForvaltningTemplate, touchedSheets, unreadableKind } from "./xlsx-collect";
import { keepAsRead, openOn } from "./xlsx-write";

/** `jobstatus skabelon --aar ÅR --forvaltning KODE [--regelsaet HOVED.xlsx] -o FIL.xlsx`; `rulebook` is HOVED.xlsx's for the year. */
export async function skabelonForvaltning(p: Parsed, io: Io, year: number, out: string, rulebook?: Rulebook): Promise<number> {
  const raw = p.options.get("--forvaltning");
  if (typeof raw !== "string" || raw.trim() === "") throw new UsageError(FORVALTNING_TEMPLATE.missingUnit);
  const code = normalizeCode(raw);
  if (!(DEFAULT_UNIT_CODES as readonly string[]).includes(code)) throw new UsageError(FORVALTNING_TEMPLATE.unknownUnit(raw.trim(), DEFAULT_UNIT_CODES));
  const outcome = forvaltningTemplate(code, year, undefined, rulebook);
  if (!outcome.ok) throw new UsageError(FORVALTNING_TEMPLATE.weightsUnknown(year));
  const wb = new ExcelJS.Workbook();
  await renderForvaltningTemplate(wb, outcome.template);
  await writeOutput(wb, out, { replace: p.options.has("--overskriv") });
  io.out(FORVALTNING_TEMPLATE.written(out, code));
  return EXIT_OK;
}

function choiceOf(p: Parsed): ConflictChoice {
  const replace = p.options.has("--erstat");
  const skip = p.options.has("--spring-over");
  if (replace && skip) throw new UsageError(COLLECT.bothChoices);
  return replace ? "replace" : skip ? "skip" : "ask";
}

/** When the file was last saved: Excel's own record in the file, else the file system's. */
async function lastSaved(wb: ExcelJS.Workbook, file: string): Promise<string> {
  return lastSavedOf(wb) ?? (await fs.stat(file)).mtime.toISOString();
}

/** The key figures of the year's rulebook (»samlet status –, fleksjob –« where the sheet has none). */
const figures = (f: KeyFigures | null | undefined): string => (f ? COLLECT.figuresOf(f.groups) : COLLECT.figures(null, null));

/** When a file says it was saved, in the reader's local time, as Danish dates are written: 15.01.2026 kl. 10.30. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()} kl. ${two(d.getHours())}.${two(d.getMinutes())}`;
}

/** Notes that need no action: the run is not the worse for them. */
const NOTES = new Set(["main-skipped", "named-twice", "blank-template", "hidden-sheet"]);

/** The delivery overview as a plain table, one line per forvaltning. */
function overviewText(rows: readonly DeliveryRow[]): string {
  const lines = rows.map((r) => [
    r.code,
    COLLECT.state[r.state],
    quotedText(r.source?.file ?? ""),
    r.lastSaved ? localTime(r.lastSaved) : "",
    r.state === "delivered" || r.state === "unchanged" ? COLLECT.counts(r.errors, r.warnings) : "",
    r.figures ? figures(r.figures) : "",
    r.action ? COLLECT.action[r.action] : "",
  ]);
  const table = [[...COLLECT.header.slice(0, 5), COLLECT.keyFigures, COLLECT.header[7] ?? ""], ...lines];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((l) => (l[i] ?? "").length))) ?? [];
  return table.map((l) => l.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n");
}

/** The --json document: names, sheet and file names quoted as in the text (CPR-shaped parts masked, docs/dev/security.md §7). */
function toJson(plan: CollectPlan, written: string | null): unknown {
  return {
    written,
    overview: plan.overview.map((r) => ({
      code: r.code,
      name: quotedText(r.name),
      state: r.state,
      file: r.source ? quotedText(r.source.file) : null,
      sheet: r.source ? quotedText(r.source.sheet) : null,
      lastSaved: r.lastSaved ?? null,
      action: r.action ?? null,
      valid: r.state === "delivered" ? r.errors === 0 : null,
      errors: r.errors,
      warnings: r.warnings,
      samletStatus: r.figures?.samlet ?? null,
      fleksjob: r.figures?.fleksjob ?? null,
      keyFigures: r.figures?.groups.map((g) => ({ id: g.id, name: quotedText(g.name), status: g.status })) ?? null,
      issues: r.issues.map((i) => ({ severity: i.severity, code: i.code, sheet: quotedText(i.sheet), cell: i.cell ?? null, message: issueMessage(i) })),
      mail: r.errors > 0 ? mailText(r) : null,
      removed: r.removed ? { outside: r.removed.outside, plain: r.removed.plain, cells: r.removed.named, message: removedText(r.removed) } : null,
      plausibility: r.plausibility.map((x) => ({ ...x, message: plausibilityText(r.code, r.source?.file ?? "", x) })),
      unreadable: r.unreadable
        ? { ...unreadableJson(r.unreadable), message: COLLECT.unreadable(r.unreadable.file, r.unreadable.reason, r.unreadable.at, r.unreadable.limit) }
        : null,
    })),
    replaced: plan.actions.flatMap((a) => (a.kind === "replace" ? [{ code: a.code, sheet: quotedText(a.existing), keptAs: quotedText(a.keepAs) }] : [])),
    problems: plan.problems.map((p) => ({ ...(p.kind === "unreadable" ? { ...p, ...unreadableJson(p) } : p), message: problemText(p) })),
  };
}

/** An unreadable file's names as the JSON quotes every value from a file: the file, the sheet and the range masked (quotedText). */
function unreadableJson(u: UnreadableFile): UnreadableFile {
  return {
    ...u,
    file: quotedText(u.file),
    ...(u.at ? { at: { ...u.at, sheet: quotedText(u.at.sheet) } } : {}),
    ...(u.limit ? { limit: { ...u.limit, sheet: quotedText(u.limit.sheet), ...(u.limit.range !== undefined ? { range: quotedText(u.limit.range) } : {}) } } : {}),
  };
}

/**
 * Reads the forvaltninger's files: the analyst's own workbook (named among them, as `*.xlsx` does)
 * is skipped with a note, a file named twice counts once (by its bytes), and a file that cannot be
 * read (missing, a folder, no access, …) is a row with the reason; the rest are read.
 */
async function readInputs(main: string, inputs: readonly string[]): Promise<{ files: CollectFile[]; unreadable: UnreadableFile[] }> {
  const files: CollectFile[] = [];
  const unreadable: UnreadableFile[] = [];
  for (const f of inputs) {
    if (await sameFile(main, f)) {
      files.push({ file: f, grid: { sheets: [] }, isMain: true });
      continue;
    }
    let bytes: Uint8Array;
    try {
      const stat = await fs.stat(f);
      if (!stat.isFile()) {
        unreadable.push({ file: f, reason: "directory" });
        continue;
      }
      // Read once, within the reader's limits, as readInput reads (command.ts): the size is checked
      // on the open file before a byte is read, so a file over the limit is never read whole.
      bytes = stat.size > MAX_FILE_BYTES ? new Uint8Array(MAX_FILE_BYTES + 1) : await readBoundedFile(f);
    } catch (e) {
      if (e instanceof ReaderLimitError) {
        unreadable.push({ file: f, reason: "too-large" });
        continue;
      }
      const code = (e as NodeJS.ErrnoException).code;
      // One missing or unreadable input is a row in the overview; the others are still collected.
      unreadable.push({ file: f, reason: code === "EACCES" || code === "EPERM" ? "permission" : code === "EISDIR" ? "directory" : "not-found" });
      continue;
    }
    const kind = unreadableKind(f, bytes);
    if (kind) {
      unreadable.push({ file: f, reason: kind });
      continue;
    }
    // Read as the pane's collect reads (xlsx-collect.ts, readDelivery): a file it cannot read is one row with the reason.
    const r = await readDelivery(new ExcelJS.Workbook(), bytes, nativeInflate);
    if (!r.ok) {
      unreadable.push({ file: f, ...r.unreadable });
      continue;
    }
    const { workbook: wb, read } = r;
    const digest = createHash("sha256").update(bytes).digest("hex");
    files.push({ file: f, lastSaved: await lastSaved(wb, f), ...read, digest });
  }
  return { files, unreadable };
}

/** A spliced copy, or undefined when the package is not in the form the splice reads; a reader's refusal as the Danish UsageError. */
function splicedCopy(file: string, splice: () => CollectSpliceResult | undefined): CollectSpliceResult | undefined {
  try {
    return splice();
  } catch (e) {
    throw refusalOf(e, file);
  }
}

/** `jobstatus saml HOVED.xlsx FIL.xlsx … -o SAMLET.xlsx [--overskriv] [--erstat | --spring-over] [--json]`. */
export async function saml(p: Parsed, io: Io): Promise<number> {
  only(p, ["-o", "--overskriv", "--erstat", "--spring-over", "--json"], Number.POSITIVE_INFINITY);
  const [main, ...inputs] = p.positional;
  if (main === undefined || inputs.length === 0) throw new UsageError(COLLECT.missingFiles);
  const out = p.options.get("-o");
  if (typeof out !== "string") throw new UsageError(COLLECT.missingOutput);
  const choice = choiceOf(p);
  for (const f of [main, ...inputs]) if (await sameFile(out, f)) throw new UsageError(COLLECT.outputIsInput(out));
  const replace = await mayWrite(out, p.options.has("--overskriv"));

  // The analyst's workbook is read once: the plan and the copy come from the same bytes.
  const input = await readInput(main);
  const target = await loadWorkbook(main, "copy", input);
  const { files, unreadable } = await readInputs(main, inputs);
  const targetGrid = readWorkbookGrid(target);
  const plan = planCollect(targetGrid, files, { choice, unreadable, touched: touchedSheets(target, targetGrid) });
  const toInsert = plan.actions.filter((a) => a.kind === "insert" || a.kind === "fill-template" || a.kind === "replace");
  const write = !plan.undecided && toInsert.length > 0;
  if (write) {
    // A chart sheet (or another sheet that is no worksheet) may not have the name of a sheet saml writes (other-sheets.ts).
    checkNamesFree(main, input, toInsert.flatMap((a) => (a.kind === "insert" ? [a.name] : a.kind === "replace" ? [a.keepAs] : [])));
    // The analyst's parts as stored, only the plan's sheets written (collect-splice.ts).
    const spliced = splicedCopy(main, () => spliceCollect(input, plan.actions));
    if (spliced) await writeOutput(spliced.bytes, out, { replace });
    else {
      // A package the splice does not read with certainty: exceljs loads and saves the whole copy,
      // which would drop a chart sheet: refused instead (other-sheets.ts).
      checkExceljsKeepsSheets(main, input);
      keepAsRead(target);
      applyCollect(target, plan.actions);
      // The copy opens on its first sheet, with no tabs grouped.
      const first = target.worksheets.find((w) => w.state === "visible");
      if (first) openOn(target, first);
      await writeOutput(target, out, { replace });
    }
  }
  const problems = plan.problems.some((x) => !NOTES.has(x.kind)) || plan.overview.some((r) => r.errors > 0 || r.state === "duplicate" || r.state === "unreadable");
  // »All the same« only when every delivery is unchanged: a duplicate or held sheet is not the same.
  const allUnchanged = !plan.undecided && toInsert.length === 0 && plan.actions.length > 0 && plan.actions.every((a) => a.kind === "unchanged") && plan.overview.every((r) => r.state !== "duplicate" && r.state !== "unreadable");
  if (p.options.has("--json")) io.out(jsonText(toJson(plan, write ? out : null)));
  else {
    io.out(overviewText(plan.overview));
    for (const pr of plan.problems) io.out(`\n${problemText(pr)}`);
    for (const r of plan.overview) {
      if (r.unreadable) io.out(`\n${COLLECT.unreadable(r.unreadable.file, r.unreadable.reason, r.unreadable.at, r.unreadable.limit)}`);
      for (const x of r.plausibility) io.out(`\n${plausibilityText(r.code, r.source?.file ?? "", x)}`);
      const removed = removedText(r.removed);
      if (removed) io.out(`\n${r.code}: ${removed}`);
    }
    for (const a of plan.actions) {
      if (a.kind === "conflict" || a.kind === "skip" || a.kind === "replace") {
        io.out(`\n${COLLECT.conflict(a.code, a.existing, a.file, figures(a.existingFigures), figures(a.figures))}`);
        if (a.touched.length > 0) io.out(COLLECT.touched(a.existing, a.touched));
        if (a.kind === "replace") io.out(COLLECT.replaced(a.existing, a.keepAs));
      }
    }
    for (const r of plan.overview) {
      if (r.errors > 0) io.out(`\n${r.code}:\n${r.issues.map((i) => `  ${issueLocation(i)}: ${issueMessageWithRow(i)}`).join("\n")}`);
    }
    const warned = plan.overview.filter((r) => r.plausibility.length > 0).map((r) => r.code);
    if (warned.length > 0) io.out(`\n${COLLECT.checkWarnings(warned)}`);
    if (plan.undecided) io.out(`\n${COLLECT.chooseConflict}`);
    else if (write) io.out(`\n${COLLECT.written(out, toInsert.length)}`);
    else if (allUnchanged) io.out(`\n${COLLECT.allUnchanged}`);
    else io.out(`\n${COLLECT.nothingInserted}`);
  }
  if (allUnchanged && !problems) return EXIT_OK;
  if (plan.undecided || !write) return EXIT_INPUT_ERRORS;
  return problems ? EXIT_INPUT_ERRORS : EXIT_OK;
}

/** `jobstatus gendan HOVED.xlsx KODE -o UD.xlsx [--overskriv]`: brings back the newest kept copy of a sheet. */
export async function gendan(p: Parsed, io: Io): Promise<number> {
  only(p, ["-o", "--overskriv"], 2);
  const [main, code] = p.positional;
  if (main === undefined || code === undefined) throw new UsageError(COLLECT.restoreUsage);
  const out = p.options.get("-o");
  if (typeof out !== "string") throw new UsageError(COLLECT.missingOutput);
  if (await sameFile(out, main)) throw new UsageError(CLI.sameAsInput);
  const replace = await mayWrite(out, p.options.has("--overskriv"));
  const input = await readInput(main);
  const wb = await loadWorkbook(main, "copy", input);
  const plan = planRestore(readWorkbookGrid(wb), code);
  if (!plan.ok) {
    io.out(plan.reason === "nothing-to-restore" ? COLLECT.nothingToRestore(plan.code) : COLLECT.restoreDuplicate(plan.code));
    return EXIT_INPUT_ERRORS;
  }
  checkNamesFree(main, input, [plan.as, plan.current?.keepAs]);
  // The analyst's parts as stored, only the workbook's list of sheets changed (collect-splice.ts).
  const spliced = splicedCopy(main, () => spliceRestore(input, plan));
  if (spliced) await writeOutput(spliced.bytes, out, { replace });
  else {
    checkExceljsKeepsSheets(main, input);
    keepAsRead(wb);
    applyRestore(wb, plan);
    const first = wb.worksheets.find((w) => w.state === "visible");
    if (first) openOn(wb, first);
    await writeOutput(wb, out, { replace });
  }
  io.out(COLLECT.restored(plan.restore, plan.as, plan.current?.keepAs, out));
  return EXIT_OK;
}
