/**
 * `jobstatus skabelon --forvaltning KODE` (one forvaltning's file) and `jobstatus saml` (collect the
 * forvaltninger's files into a copy of the analyst's workbook). The decisions are the core's
 * (forvaltning-template.ts, collect.ts); this module reads, prints and writes.
 */
import ExcelJS from "./exceljs";
import { promises as fs } from "node:fs";
import { mailText, planCollect, planRestore, problemText, type CollectFile, type CollectPlan, type ConflictChoice, type DeliveryRow, type KeyFigures } from "../core/collect";
import { forvaltningTemplate } from "../core/forvaltning-template";
import { normalizeCode } from "../core/text";
import { DEFAULT_UNIT_CODES } from "../core/units";
import { CLI, COLLECT, FORVALTNING_TEMPLATE, issueLocation, issueMessage, issueMessageWithRow } from "../messages/da";
import { EXIT_INPUT_ERRORS, EXIT_OK, loadWorkbook, only, sameFile, UsageError, writeAtomically, type Io, type Parsed } from "./main";
import { lastSavedOf, readWorkbookGrid } from "./xlsx-read";
import { applyCollect, applyRestore, renderForvaltningTemplate } from "./xlsx-collect";
import { keepAsRead, openOn } from "./xlsx-write";

const exists = (f: string): Promise<boolean> => fs.stat(f).then(() => true, () => false);

/** `jobstatus skabelon --aar ÅR --forvaltning KODE -o FIL.xlsx`. */
export async function skabelonForvaltning(p: Parsed, io: Io, year: number, out: string): Promise<number> {
  const raw = p.options.get("--forvaltning");
  if (typeof raw !== "string" || raw.trim() === "") throw new UsageError(FORVALTNING_TEMPLATE.missingUnit);
  const code = normalizeCode(raw);
  if (!(DEFAULT_UNIT_CODES as readonly string[]).includes(code)) throw new UsageError(FORVALTNING_TEMPLATE.unknownUnit(raw.trim(), DEFAULT_UNIT_CODES));
  const outcome = forvaltningTemplate(code, year);
  if (!outcome.ok) throw new UsageError(FORVALTNING_TEMPLATE.weightsUnknown(year));
  const wb = new ExcelJS.Workbook();
  await renderForvaltningTemplate(wb, outcome.template);
  await writeAtomically(wb, out);
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

const figures = (f: KeyFigures | null | undefined): string => COLLECT.figures(f?.samlet, f?.fleksjob);

/** The delivery overview as a plain table, one line per forvaltning. */
function overviewText(rows: readonly DeliveryRow[]): string {
  const lines = rows.map((r) => [
    r.code,
    COLLECT.state[r.state],
    r.source?.file ?? "",
    r.lastSaved ? r.lastSaved.replace("T", " ").slice(0, 16) : "",
    r.state === "delivered" ? COLLECT.counts(r.errors, r.warnings) : "",
    r.figures ? figures(r.figures) : "",
    r.action ? COLLECT.action[r.action] : "",
  ]);
  const table = [[...COLLECT.header.slice(0, 5), COLLECT.keyFigures, COLLECT.header[7] ?? ""], ...lines];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((l) => (l[i] ?? "").length))) ?? [];
  return table.map((l) => l.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n");
}

function toJson(plan: CollectPlan, written: string | null): unknown {
  return {
    written,
    overview: plan.overview.map((r) => ({
      code: r.code,
      name: r.name,
      state: r.state,
      file: r.source?.file ?? null,
      sheet: r.source?.sheet ?? null,
      lastSaved: r.lastSaved ?? null,
      action: r.action ?? null,
      valid: r.state === "delivered" ? r.errors === 0 : null,
      errors: r.errors,
      warnings: r.warnings,
      samletStatus: r.figures?.samlet ?? null,
      fleksjob: r.figures?.fleksjob ?? null,
      issues: r.issues.map((i) => ({ severity: i.severity, code: i.code, sheet: i.sheet, cell: i.cell ?? null, message: issueMessage(i) })),
      mail: r.errors > 0 ? mailText(r) : null,
    })),
    replaced: plan.actions.flatMap((a) => (a.kind === "replace" ? [{ code: a.code, sheet: a.existing, keptAs: a.keepAs }] : [])),
    problems: plan.problems.map((p) => ({ ...p, message: problemText(p) })),
  };
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
  if (!p.options.has("--overskriv") && (await exists(out))) throw new UsageError(CLI.outputExists(out));

  const target = await loadWorkbook(main);
  const sources = new Map<string, ExcelJS.Workbook>();
  const files: CollectFile[] = [];
  for (const f of inputs) {
    const wb = await loadWorkbook(f, "read");
    sources.set(f, wb);
    files.push({ file: f, lastSaved: await lastSaved(wb, f), grid: readWorkbookGrid(wb) });
  }
  const plan = planCollect(readWorkbookGrid(target), files, { choice });
  const toInsert = plan.actions.filter((a) => a.kind === "insert" || a.kind === "fill-template" || a.kind === "replace");
  const write = !plan.undecided && toInsert.length > 0;
  if (write) {
    keepAsRead(target);
    applyCollect(target, plan.actions, (file, sheet) => {
      const ws = sources.get(file)?.getWorksheet(sheet);
      if (!ws) throw new Error(`sheet ${sheet} of ${file} is gone`);
      return ws;
    });
    // The copy opens on its first sheet, with no tabs grouped.
    const first = target.worksheets.find((w) => w.state === "visible");
    if (first) openOn(target, first);
    await writeAtomically(target, out);
  }
  const problems = plan.problems.length > 0 || plan.overview.some((r) => r.errors > 0 || r.state === "duplicate");
  if (p.options.has("--json")) io.out(JSON.stringify(toJson(plan, write ? out : null), null, 2));
  else {
    io.out(overviewText(plan.overview));
    for (const pr of plan.problems) io.out(`\n${problemText(pr)}`);
    for (const a of plan.actions) {
      if (a.kind === "conflict" || a.kind === "skip" || a.kind === "replace") {
        io.out(`\n${COLLECT.conflict(a.code, a.existing, a.file, figures(a.existingFigures), figures(a.figures))}`);
        if (a.kind === "replace") io.out(COLLECT.replaced(a.existing, a.keepAs));
      }
    }
    for (const r of plan.overview) {
      if (r.errors > 0) io.out(`\n${r.code}:\n${r.issues.map((i) => `  ${issueLocation(i)}: ${issueMessageWithRow(i)}`).join("\n")}`);
    }
    if (plan.undecided) io.out(`\n${COLLECT.chooseConflict}`);
    else if (write) io.out(`\n${COLLECT.written(out, toInsert.length)}`);
    else io.out(`\n${COLLECT.nothingInserted}`);
  }
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
  if (!p.options.has("--overskriv") && (await exists(out))) throw new UsageError(CLI.outputExists(out));
  const wb = await loadWorkbook(main);
  const plan = planRestore(readWorkbookGrid(wb), code);
  if (!plan.ok) {
    io.out(plan.reason === "nothing-to-restore" ? COLLECT.nothingToRestore(plan.code) : COLLECT.restoreDuplicate(plan.code));
    return EXIT_INPUT_ERRORS;
  }
  keepAsRead(wb);
  applyRestore(wb, plan);
  const first = wb.worksheets.find((w) => w.state === "visible");
  if (first) openOn(wb, first);
  await writeAtomically(wb, out);
  io.out(COLLECT.restored(plan.restore, plan.as, plan.current?.keepAs, out));
  return EXIT_OK;
}
