/**
 * Wires «Vælg forvaltningernes filer» and «Opret skabelon for én forvaltning» to the collect store.
 * The files are read by the CLI's own exceljs reader, loaded as a chunk on the first pick; the
 * workbook is only changed by »Indsæt arkene« (src/office/collect.ts). A failure never escapes as an
 * exception: it becomes a Danish message in the section.
 */
import { hasErrors, mailText, type UnreadableFile } from "../core";
import { COLLECT, COLLECT_PANE, PANE, UI } from "../messages/da";
import { collectFiles, previewCollect, workbookTemplateRulebook, type PickedFile } from "../office/collect";
import { OperationError, type Session } from "../office/operations";
import type { OfficeEnv } from "../office/run";
import type { CollectBusy, CollectStore } from "./collect-store";
import { inBar } from "./store";
import type * as CollectXlsx from "./collect-xlsx";
import { downloadBlocked, saveInBrowser } from "./notat-host";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A picked file as the browser gives it (File), reduced to what is read. */
export interface PickedInput {
  readonly name: string;
  readonly lastModified?: number;
  bytes(): Promise<Uint8Array>;
}

/** What collecting needs from the pane's surroundings; tests pass their own. */
export interface CollectHost {
  /** Office.context.platform ("PC", "Mac", "OfficeOnline", "iOS", …). */
  platform(): string | undefined;
  /** Loads the exceljs reader and writer (a chunk of its own). */
  loadXlsx(): Promise<typeof CollectXlsx>;
  save(bytes: Uint8Array, fileName: string): void;
  /** Copies text to the clipboard; false when the browser refuses. */
  copy(text: string): Promise<boolean>;
  /**
   * Runs `work` in the pane's one turn for the workbook (the main controller's queue), so a
   * »Beregn status« clicked while sheets are being inserted waits until they are all in. Without
   * it the section keeps a queue of its own.
   */
  inTurn?<T>(work: () => Promise<T>): Promise<T>;
  /** The year of the pane's template field. */
  templateYear(): number;
  /** The workbook's sheets changed: the pane reads its summary again. */
  workbookChanged(): void;
}

export class CollectController {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly env: OfficeEnv,
    private readonly session: Session,
    readonly store: CollectStore,
    private readonly host: CollectHost,
  ) {}

  private perform(kind: CollectBusy, work: () => Promise<void>): Promise<void> {
    const run = async (): Promise<void> => {
      this.store.update({ busy: kind });
      try {
        await work();
      } catch (e) {
        if (e instanceof OperationError) this.store.update({ notice: { intent: "error", title: UI.notice.failedTitle, ...inBar(e.message) } });
        else {
          // eslint-disable-next-line no-console
          console.error("jobstatus:", e);
          this.store.update({ notice: { intent: "error", title: UI.notice.failedTitle, ...inBar(UI.notice.unexpected) } });
        }
      } finally {
        this.store.update({ busy: null });
      }
    };
    // In the pane's turn when there is one (ordered with the pane's own operations), else in the
    // section's own queue; either way `idle()` waits for it.
    const next = this.host.inTurn ? this.host.inTurn(run) : this.queue.then(run, run);
    this.queue = Promise.all([this.queue, next]).then(() => undefined);
    return next;
  }

  /** «Vælg forvaltningernes filer»: reads the picked files and shows the delivery overview; the workbook is not changed. */
  pick(inputs: readonly PickedInput[]): Promise<void> {
    return this.perform("reading", async () => {
      const xlsx = await this.host.loadXlsx();
      const files: PickedFile[] = [];
      const unreadable: UnreadableFile[] = [];
      for (const input of inputs) {
        let bytes: Uint8Array;
        try {
          bytes = await input.bytes();
        } catch {
          // The browser could not read the file (moved, or no permission): a row with the reason.
          unreadable.push({ file: input.name, reason: "permission" });
          continue;
        }
        const r = await xlsx.readPickedFile(input.name, bytes, input.lastModified);
        if (r.ok) files.push(r.file);
        else unreadable.push({ file: r.file, reason: r.reason, ...(r.at ? { at: r.at } : {}), ...(r.limit ? { limit: r.limit } : {}) });
      }
      this.store.update({ files, unreadable, choices: {}, result: null, manualCopy: null, blocked: null });
      await this.refresh();
    });
  }

  /** The overview against the workbook as it is now. */
  private async refresh(): Promise<void> {
    const { files, choices, unreadable } = this.store.state;
    if (files.length === 0 && unreadable.length === 0) {
      this.store.update({ plan: null, notice: null });
      return;
    }
    const plan = await previewCollect(this.env, this.session, files, { choice: "ask", choices, unreadable });
    const delivered = plan.overview.filter((r) => r.state === "delivered").length;
    const waiting = plan.actions.filter((a) => a.kind === "conflict").map((a) => a.code);
    // The bar stays at most two lines at 320 px (issue 21): the short line in it, the rest below it.
    const toBring = plan.actions.some((a) => a.kind === "insert" || a.kind === "fill-template" || a.kind === "replace");
    const notice =
      waiting.length > 0
        ? { intent: "warning" as const, text: COLLECT_PANE.chooseShort, detail: COLLECT_PANE.chooseFirst(waiting) }
        : { intent: "info" as const, text: COLLECT_PANE.overviewReady(delivered, plan.overview.length), detail: toBring ? COLLECT_PANE.overviewNext : COLLECT_PANE.nothingToInsert };
    this.store.update({ plan, notice });
  }

  /** Erstat or Spring over for a forvaltning that already has a sheet. */
  choose(code: string, choice: "replace" | "skip"): Promise<void> {
    this.store.update({ choices: { ...this.store.state.choices, [code]: choice }, blocked: null });
    return this.perform("reading", () => this.refresh());
  }

  /** »Indsæt arkene«: carries out the plan with the analyst's choices. */
  apply(): Promise<void> {
    return this.perform("inserting", async () => {
      const { files, choices, unreadable, plan } = this.store.state;
      if (files.length === 0) return;
      // A choice still open: nothing is written, and the analyst is told so beside the button (issue 21).
      const open = (plan?.actions ?? []).filter((a) => a.kind === "conflict" && !choices[a.code]).map((a) => a.code);
      if (open.length > 0) {
        this.store.update({ blocked: open, notice: { intent: "warning", text: COLLECT_PANE.chooseShort, detail: COLLECT_PANE.chooseFirst(open) } });
        return;
      }
      const result = await collectFiles(this.env, this.session, files, { choice: "ask", choices, unreadable });
      const notice = this.noticeFor(result);
      const waiting = result.plan.undecided ? result.plan.actions.filter((a) => a.kind === "conflict").map((a) => a.code) : [];
      this.store.update({ result, plan: result.plan, notice, blocked: waiting.length > 0 ? waiting : null });
      if (result.done.length > 0) this.host.workbookChanged();
    });
  }

  private noticeFor(result: Awaited<ReturnType<typeof collectFiles>>): { intent: "success" | "warning" | "error"; text: string; detail?: string } {
    const waiting = result.plan.actions.filter((a) => a.kind === "conflict").map((a) => a.code);
    if (result.plan.undecided) return { intent: "warning", text: COLLECT_PANE.chooseShort, detail: COLLECT_PANE.chooseFirst(waiting) };
    const kept = result.done.flatMap((a) => (a.kind === "replace" ? [COLLECT_PANE.replacedKept(a.existing, a.keepAs)] : []));
    const failed = result.failures.map((f) => f.message);
    if (result.done.length === 0) return { intent: failed.length > 0 ? "error" : "warning", ...inBar(failed.length > 0 ? failed.join(" ") : COLLECT_PANE.nothingToInsert) };
    // The next step is honest: what is still missing or wrong is named before »Beregn status«.
    const rows = result.plan.overview;
    const missing = rows.filter((r) => r.state === "missing" || r.state === "unreadable" || r.state === "duplicate").map((r) => r.code);
    const errors = rows.filter((r) => r.errors > 0).map((r) => r.code);
    const warned = rows.filter((r) => r.plausibility.length > 0).map((r) => r.code);
    const detail = [COLLECT_PANE.insertedOnly(result.done.map((a) => a.code)), ...kept, ...failed, ...(warned.length > 0 ? [COLLECT.checkWarnings(warned)] : []), COLLECT_PANE.nextStep(missing, errors)].join(" ");
    const clean = failed.length === 0 && missing.length === 0 && errors.length === 0 && warned.length === 0;
    return { intent: clean ? "success" : "warning", text: COLLECT_PANE.insertedCount(result.done.length), detail };
  }

  /** «Ryd listen». */
  clear(): void {
    this.store.update({ files: [], unreadable: [], plan: null, choices: {}, result: null, notice: null, manualCopy: null, blocked: null });
  }

  /** «Kopiér fejl»: the department's errors and warnings as a short Danish text for a mail. */
  async copyErrors(code: string): Promise<void> {
    const row = this.store.state.plan?.overview.find((r) => r.code === code);
    if (!row || row.issues.length === 0) return;
    const text = mailText(row);
    const ok = await this.host.copy(text).catch(() => false);
    this.store.update(ok ? { notice: { intent: "success", text: COLLECT_PANE.copied(code), detail: COLLECT_PANE.copiedDetail }, manualCopy: null } : { notice: { intent: "warning", text: COLLECT_PANE.copyFailed(code), detail: COLLECT_PANE.copyFailedDetail }, manualCopy: { code, text } });
  }

  setTemplateCode(code: string): void {
    this.store.update({ templateCode: code });
  }

  /** «Opret skabelon for én forvaltning»: the file `jobstatus skabelon --forvaltning` writes, as a download. */
  createUnitTemplate(): Promise<void> {
    return this.perform("template", async () => {
      if (downloadBlocked(this.host.platform())) {
        this.store.update({ notice: { intent: "info", text: COLLECT_PANE.templateMac, detail: COLLECT_PANE.templateMacDetail } });
        return;
      }
      const year = this.host.templateYear();
      if (!Number.isInteger(year) || year < 2000 || year > 2100) {
        this.store.update({ notice: { intent: "error", text: PANE.verdict.templateYearInvalid, detail: UI.notice.templateYearInvalid } });
        return;
      }
      const code = this.store.state.templateCode;
      // The file follows the year's rulebook on the workbook's Indstillinger (a Regelsæt, or typed
      // weights), as `beregn` will count it; with errors there, no file (it could have the wrong rows).
      const rules = await workbookTemplateRulebook(this.env, this.session, year);
      if (hasErrors(rules.issues)) {
        this.store.update({ notice: { intent: "error", text: COLLECT_PANE.templateSettingsErrors, detail: COLLECT_PANE.templateSettingsErrorsDetail } });
        return;
      }
      const bytes = await (await this.host.loadXlsx()).forvaltningTemplateFile(code, year, rules.kind === "none" ? undefined : rules.rulebook);
      if (!bytes) {
        this.store.update({ notice: { intent: "error", text: COLLECT_PANE.templateNoWeights(year), detail: COLLECT_PANE.templateNoWeightsDetail } });
        return;
      }
      // Named as the guide's `jobstatus skabelon --forvaltning BUF -o BUF-2025.xlsx`.
      const name = `${code}-${year}.xlsx`;
      this.host.save(bytes, name);
      this.store.update({ notice: { intent: "success", text: COLLECT_PANE.templateDone(name), detail: COLLECT_PANE.templateDoneDetail } });
    });
  }

  /** Resolves when everything asked for so far has finished. */
  async idle(): Promise<void> {
    await this.queue;
  }
}

/** The pane's own surroundings for collecting. */
export function browserCollectHost(templateYear: () => number, workbookChanged: () => void, inTurn?: <T>(work: () => Promise<T>) => Promise<T>): CollectHost {
  return {
    ...(inTurn ? { inTurn } : {}),
    platform: () => (typeof Office !== "undefined" && Office.context ? String(Office.context.platform) : undefined),
    loadXlsx: () => import(/* webpackChunkName: "collect-xlsx" */ "./collect-xlsx"),
    save: (bytes, fileName) => saveInBrowser(bytes, fileName, document, XLSX_MIME),
    copy: async (text) => {
      if (!navigator.clipboard?.writeText) return false;
      await navigator.clipboard.writeText(text);
      return true;
    },
    templateYear,
    workbookChanged,
  };
}
