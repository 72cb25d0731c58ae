/**
 * Wires the operations (src/office/operations.ts, as the pane loads them: pane-operations.ts) to the pane's store. Used by the task pane's
 * buttons and by the ribbon commands alike, so both show the same state. Operations run one at a
 * time, in the order they were asked for; a failure never escapes as an exception: it becomes a
 * Danish message in the pane.
 */
import { type Issue, formatPct } from "../core";
import { PANE, RULES, UI } from "../messages/da";
import { OperationError, type Session } from "../office/session";
import type { OfficeEnv } from "../office/run";
import { checkedKey, inBar, type BusyKind, type IssuesView, type Notice, type PaneMode, type Store } from "./store";
import { clerkVerdict, verdictText } from "./verdict";
import { browserNotatHost, downloadBlocked, type NotatHost } from "./notat-host";
import { loadPart, paneOperations, type Operations } from "./pane-operations";
import { isCheckableSheet, suggestMode, summarize } from "./workbook-summary";

export type { Operations } from "./pane-operations";

/** What an action came to: the commands open the pane unless it is "done". */
export type Outcome = "done" | "attention" | "failed";

/** The notat (the read and the calculation): a chunk with the Word writer, loaded on the click (notat-download.ts). */
const loadNotat = () => import(/* webpackChunkName: "notat-word" */ "./notat-download");

/** Years »Opret skabelon« accepts (as the CLI's --aar). */
export const TEMPLATE_YEAR_MIN = 2000;
export const TEMPLATE_YEAR_MAX = 2100;

/** A year »Opret skabelon« accepts. */
export const validTemplateYear = (year: number): boolean => Number.isInteger(year) && year >= TEMPLATE_YEAR_MIN && year <= TEMPLATE_YEAR_MAX;

const count = (issues: readonly Issue[], severity: Issue["severity"]): number => issues.filter((i) => i.severity === severity).length;

export class Controller {
  private queue: Promise<unknown> = Promise.resolve();
  private templateYearEdited = false;

  constructor(
    private readonly env: OfficeEnv,
    private readonly session: Session,
    readonly store: Store,
    private readonly ops: Operations = paneOperations(),
    private readonly notatHost: NotatHost = browserNotatHost(),
  ) {}

  /** Runs `work` after everything queued before it. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs `work` in this controller's turn: after everything queued before it, and before anything
   * queued after. Other parts of the pane that change the workbook (the collect section) use it,
   * so no operation ever reads the workbook while another is changing it.
   */
  inTurn<T>(work: () => Promise<T>): Promise<T> {
    return this.enqueue(work);
  }

  /** One action: marks the pane busy, runs it, turns any failure into a message. */
  private perform(kind: BusyKind | null, work: () => Promise<Outcome>): Promise<Outcome> {
    return this.enqueue(async () => {
      // Any action but the start-up read folds the workbook card to one line.
      if (kind) this.store.update(kind === "overview" ? { busy: kind } : { busy: kind, acted: true });
      try {
        return await work();
      } catch (e) {
        this.fail(e);
        return "failed";
      } finally {
        if (kind) this.store.update({ busy: null });
      }
    });
  }

  private fail(e: unknown): void {
    if (e instanceof OperationError) {
      // The bar holds the first sentence (what failed); the rest (why, what now) goes below it.
      this.store.notify({ intent: "error", title: UI.notice.failedTitle, ...inBar(e.message) });
      return;
    }
    // Not an Office error: a bug. The user gets a sentence, the developer the details.
    // eslint-disable-next-line no-console
    console.error("jobstatus:", e);
    this.store.notify({ intent: "error", title: UI.notice.failedTitle, ...inBar(UI.notice.unexpected) });
  }

  /** At start-up: reads the workbook once (this also caches the sheet list for later clicks). */
  start(): Promise<Outcome> {
    return this.perform("overview", async () => {
      const o = await this.ops.overview(this.env, this.session);
      const year = o.analysis.year;
      const workbook = summarize(o.analysis);
      this.store.update({
        workbook,
        ...(this.store.state.modeChosen ? {} : { mode: suggestMode(workbook) }),
        ...(year !== undefined && !this.templateYearEdited ? { templateYear: year } : {}),
      });
      return "done";
    });
  }

  /** »Valider ark« / »Valider mit ark« (the active sheet) or »Valider alle«. */
  validate(scope: "active" | "all"): Promise<Outcome> {
    return this.perform(scope === "active" ? "validateActive" : "validateAll", async () => {
      let v = scope === "active" ? await this.ops.validateActiveSheet(this.env, this.session) : await this.ops.validateWorkbook(this.env, this.session);
      let workbook = summarize(v.analysis);
      const department = this.store.state.mode === "department";
      let went: string | null = null;
      if (department && v.sheet !== undefined && !isCheckableSheet(v.analysis, v.sheet) && workbook.departmentSheets.length === 1) {
        // The pane knows the clerk's one sheet: it goes there itself, rather than sending the clerk.
        went = workbook.departmentSheets[0] as string;
        await this.ops.selectCell(this.env, went, "A1");
        v = await this.ops.validateActiveSheet(this.env, this.session);
        workbook = summarize(v.analysis);
      }
      if (v.sheet !== undefined && !isCheckableSheet(v.analysis, v.sheet)) {
        // Checking a note sheet or the status sheet as a department sheet would only say »add the header row«.
        const button = department ? PANE.actions.validateMine : UI.actions.validateSheet;
        this.store.notify({ intent: "info", ...inBar(PANE.verdict.notDepartmentSheet(v.sheet, workbook.departmentSheets, button)) }, { issues: null, workbook });
        return "attention";
      }
      const issues: IssuesView = { scope: v.sheet !== undefined ? { kind: "sheet", sheet: v.sheet } : { kind: "all" }, issues: v.issues };
      const errors = count(v.issues, "error");
      const unmarked = v.unmarked?.readOnly ? UI.notice.marksReadOnly : v.unmarked?.protectedSheets.length ? UI.notice.marksProtected(v.unmarked.protectedSheets) : undefined;
      if (department) {
        // The verdict card says it (no bar repeating the count); the live region reads it once.
        const verdict = clerkVerdict(issues, this.store.state.checked);
        const said = [went ? PANE.clerk.wentToSheet(went) : "", verdictText(verdict)].filter(Boolean).join(" ");
        const notice: Notice | null = unmarked ? { intent: "warning", ...inBar(unmarked) } : null;
        this.store.update({ notice, issues, workbook, announcement: { text: said, seq: this.store.state.announcement.seq + 1 } });
        return verdict.kind === "ready" ? "done" : "attention";
      }
      if (v.issues.length === 0) {
        const text = v.sheet !== undefined ? UI.notice.validateSheetOk(v.sheet) : UI.notice.validateAllOk;
        this.store.notify({ intent: "success", text }, { issues, workbook });
        return "done";
      }
      const text = PANE.bar.validateProblems(errors, count(v.issues, "warning"), v.marked);
      this.store.notify({ intent: errors > 0 ? "error" : "warning", text, ...(unmarked ? { detail: unmarked } : {}) }, { issues, workbook });
      return "attention";
    });
  }

  /** »Tallet er rigtigt«: the clerk has read a warning and the figure stands (pane memory only). */
  check(issue: Issue, on: boolean): void {
    const checked = new Set(this.store.state.checked);
    const key = checkedKey(issue);
    if (on) checked.add(key);
    else checked.delete(key);
    const verdict = clerkVerdict(this.store.state.issues, checked);
    this.store.announce(verdictText(verdict), { checked });
  }

  /** »Beregn status«. */
  calculate(): Promise<Outcome> {
    return this.perform("calculate", async () => {
      const r = await this.ops.calculateStatus(this.env, this.session);
      const { outcome } = r;
      const issues: IssuesView = { scope: { kind: "calculation" }, issues: outcome.issues };
      const workbook = summarize(outcome.analysis);
      const errors = count(outcome.issues, "error");
      const warnings = count(outcome.issues, "warning");
      const kk = outcome.result.kk;
      if (r.written === undefined || kk === null || outcome.result.year === null) {
        this.store.notify({ intent: "error", text: PANE.bar.calculateBlocked(Math.max(errors, 1)) }, { issues, workbook, result: null });
        return "attention";
      }
      const rulebook = outcome.result.rulebook ?? undefined;
      const result = { year: outcome.result.year, sheet: r.written, kk, units: outcome.result.forvaltninger, ...(rulebook ? { rulebook } : {}) };
      const pct = formatPct(kk.maalopfyldelse?.vaegtet ?? null);
      const undo = r.oneUndoStep ? UI.notice.undoOne : UI.notice.undoMany;
      const written = r.written;
      // Written with warnings is still a success (the figures are there). The bar is short: the
      // figures are in the result below it, the warnings in the list, the undo note under the bar.
      // A status sheet the user hid stays hidden (Excel cannot show it from here): say where it is.
      const notice: Notice = r.hidden
        ? { intent: "success", text: PANE.bar.calculateDone(written), detail: `${UI.notice.statusHidden(written)} ${undo}` }
        : { intent: "success", text: PANE.bar.calculateDone(written), detail: undo, action: { label: PANE.bar.showSheet, run: () => void this.select({ sheet: written, cell: "A1" }) } };
      // A year without weights has no weighted total to announce (issue 22).
      const done = rulebook && !rulebook.weights ? RULES.calculateDoneUnweighted(written) : PANE.verdict.calculateDone(written, pct);
      const said = [done, ...(warnings > 0 ? [PANE.verdict.calculateWarnings(warnings)] : [])].join(" ");
      this.store.update({ notice, issues, workbook, result, announcement: { text: said, seq: this.store.state.announcement.seq + 1 } });
      // A hidden status sheet is not activated, so the ribbon's command opens the pane to say where it is.
      return warnings > 0 || r.hidden ? "attention" : "done";
    });
  }

  /** »Download notat (Word)«: the same notat as `jobstatus notat`, as a download; the workbook is not changed. */
  notat(): Promise<Outcome> {
    return this.perform("notat", async () => {
      // On Mac and iPad the answer is known before the notat's chunk is fetched (and needs none of it).
      const r = downloadBlocked(this.notatHost.platform()) ? { kind: "blockedPlatform" as const } : await (await loadPart(loadNotat)).downloadNotat(this.env, this.session, this.notatHost);
      if (r.kind === "blockedPlatform") {
        this.store.notify({ intent: "info", text: UI.notice.notatMac, detail: UI.notice.notatMacDetail });
        return "attention";
      }
      // The list after a notat offers no »Beregn igen« (scope "notat"): the notat was the last step.
      const issues: IssuesView = { scope: { kind: "notat" }, issues: r.outcome.issues };
      const workbook = summarize(r.outcome.analysis);
      if (r.kind === "blockedErrors") {
        this.store.notify({ intent: "error", text: PANE.bar.notatBlocked(Math.max(count(r.outcome.issues, "error"), 1)) }, { issues, workbook });
        return "attention";
      }
      const open = r.layout.toFill;
      const warnings = count(r.outcome.issues, "warning");
      // The bar says the file; the fields to fill (highlighted in yellow) are named below it.
      const text = PANE.bar.notatDone(r.layout.fileName);
      const detail = [(open.length > 0 ? UI.notice.notatToFill(open) : "").trim(), (warnings > 0 ? UI.notice.notatWarnings(warnings) : "").trim()].filter(Boolean).join(" ");
      this.store.notify({ intent: open.length > 0 || warnings > 0 ? "warning" : "success", text, ...(detail ? { detail } : {}) }, { issues, workbook });
      return open.length > 0 ? "attention" : "done";
    });
  }

  /** »Opret skabelon« for the year in the pane's field. */
  createTemplate(): Promise<Outcome> {
    const year = this.store.state.templateYear;
    if (!validTemplateYear(year)) {
      // Said inline at the field (aria-invalid), and once through the live region.
      this.store.announce(PANE.verdict.templateYearInvalid, { templateYearInvalid: true });
      return Promise.resolve("failed");
    }
    return this.perform("template", async () => {
      const created = await this.ops.createTemplate(this.env, this.session, year);
      // The sheet list changed: read the summary again (one round trip, the session knows the names).
      const o = await this.ops.overview(this.env, this.session);
      const workbook = summarize(o.analysis);
      // The sheets changed, so an earlier list (e.g. »Projektmappen er tom«) no longer holds: it goes.
      if (created.length === 0) {
        this.store.notify({ intent: "info", ...inBar(UI.notice.templateNothing) }, { workbook, issues: null });
        return "done";
      }
      this.store.notify({ intent: "success", ...inBar(UI.notice.templateCreated(created)) }, { workbook, issues: null });
      return "done";
    });
  }

  /** The year typed in the template field (NaN while the field is not a number). */
  setTemplateYear(year: number): void {
    this.templateYearEdited = true;
    this.store.update({ templateYear: year, templateYearInvalid: this.store.state.templateYearInvalid && !validTemplateYear(year) });
  }

  /** The user switches between the department's and HR's view; later reads keep their choice. */
  setMode(mode: PaneMode): void {
    this.store.update({ mode, modeChosen: true });
  }

  /** Says `text` through the pane's live region (e.g. »no more problems«). */
  announce(text: string): void {
    this.store.announce(text);
  }

  /** Clicking an issue: selects its cell in Excel. */
  select(issue: Pick<Issue, "sheet" | "cell">): Promise<Outcome> {
    const cell = issue.cell;
    if (cell === undefined) return Promise.resolve("done");
    return this.perform(null, async () => {
      await this.ops.selectCell(this.env, issue.sheet, cell);
      return "done";
    });
  }

  dismissNotice(): void {
    this.store.update({ notice: null });
  }

  /** Resolves when everything asked for so far has finished. */
  async idle(): Promise<void> {
    await this.queue;
  }
}
