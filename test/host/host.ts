/**
 * The test host: a workbook model, an `Excel.run`-shaped `run`, sync statistics and failure injection.
 * Runs in Node and in a browser page (no Node-only imports here).
 */
import { rectToA1, mustParseRangeRef } from "./address";
import { makeApplication, makeWorkbook } from "./api";
import { Context, HostCore, HostStats } from "./client";
import { Engine, type HostQuirk } from "./engine";
import { NotImplementedError, RichApiError } from "./errors";
import { CellModel, WorkbookModel, cloneModel, createModel, newSheetId } from "./model";
import { FileStore } from "./insert-files";
import type { HostPlatform } from "./insert-sheets";
import { ClientKind, RichApiExecutor, defaultClient, officeJsLibrary, officeJsSession } from "./officejs";

/** Same shape as `Excel.run` with a batch function. */
export type RunFn = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

export class TestHost {
  readonly engine: Engine;
  /** Live counters; `resetStats()` zeroes them in place. */
  readonly stats: HostStats = { syncs: 0, requests: [], runs: 0, suspendCalc: 0, suspendScreen: 0, undoSteps: 0, calculations: 0, undoCleared: 0 };
  private syncNumber = 0;
  private readonly failures = new Map<number, string>();
  private readonly core: HostCore;
  private executor: RichApiExecutor | undefined;
  private cellEdit = false;
  private session: object | undefined;

  /**
   * `client`: which Office.js client `run` drives. "double": the host's own strict client
   * (client.ts), which also rejects unknown members and objects used across runs. "officejs":
   * Microsoft's client (officejs.ts), whose real requests are replayed on the same model.
   */
  constructor(
    model: WorkbookModel,
    readonly client: ClientKind = defaultClient(),
  ) {
    this.engine = new Engine(model);
    this.core = {
      engine: this.engine,
      stats: this.stats,
      undo: { merge: false, counted: false },
      calcSuspended: false,
      calcStale: false,
      files: new FileStore(),
      platform: "OfficeOnline",
      blockedByCellEdit: (delay) => {
        if (!this.cellEdit) return false;
        // Excel holds a delayed request until the user leaves the cell; here the edit just ends.
        if (delay) this.cellEdit = false;
        return !delay;
      },
      nextSync: () => {
        this.syncNumber++;
        const code = this.failures.get(this.syncNumber);
        this.failures.delete(this.syncNumber);
        return code;
      },
    };
  }

  /**
   * Office.context.platform the host plays: "OfficeOnline" (default; Excel on the web's limits on
   * insertWorksheetsFromBase64 apply), "PC" or "Mac" (no such limits), "iOS" (the method is missing).
   */
  get platform(): HostPlatform {
    return this.core.platform;
  }

  set platform(p: HostPlatform) {
    this.core.platform = p;
  }

  /** The live model (mutating it bypasses every Excel rule; prefer `run`). */
  get model(): WorkbookModel {
    return this.engine.model;
  }

  /** Like `Excel.run(batch)`: a fresh request context, an implicit final sync, objects invalid afterwards. */
  readonly run: RunFn = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => this.runWithOptions({}, batch);

  /** Like `Excel.run(options, batch)`; the one option modelled is delayForCellEdit (see editCell). */
  readonly runWithOptions = async <T>(options: { delayForCellEdit?: boolean; mergeUndoGroup?: boolean }, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const unknown = Object.keys(options).filter((k) => k !== "delayForCellEdit" && k !== "mergeUndoGroup");
    if (unknown.length > 0) throw new NotImplementedError(`Excel.run option ${unknown.join(", ")}`);
    // Excel ≥ 1.20 merges every sync of a run with mergeUndoGroup into one undo record. A run inside
    // another run (the self-test's merged check) has its own grouping; the outer one's comes back after.
    const outer = { ...this.core.undo };
    this.core.undo.merge = options.mergeUndoGroup === true;
    this.core.undo.counted = false;
    try {
      return await this.runOnce(options, batch);
    } finally {
      this.core.undo.merge = outer.merge;
      this.core.undo.counted = outer.counted;
    }
  };

  private async runOnce<T>(options: { delayForCellEdit?: boolean; mergeUndoGroup?: boolean }, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    if (this.client === "officejs") return this.runOfficeJs(options, batch);
    if (typeof batch !== "function") throw new NotImplementedError("Excel.run with options or previous objects", "pass only a batch function");
    this.stats.runs++;
    const ctx = new Context(this.core, makeWorkbook, makeApplication);
    ctx.delayForCellEdit = options.delayForCellEdit === true;
    try {
      const pending = batch(ctx.proxy as unknown as Excel.RequestContext) as unknown;
      if (typeof pending !== "object" || pending === null || typeof (pending as { then?: unknown }).then !== "function") {
        throw new RichApiError("RunMustReturnPromise", { location: "Excel.run" });
      }
      const result = await (pending as Promise<T>);
      if (ctx.pending > 0) await ctx.sync();
      return result;
    } finally {
      ctx.close();
    }
  }

  /** The RichApi server side Microsoft's client talks to (officejs mode), created on first use. */
  richApiExecutor(): RichApiExecutor {
    this.executor ??= new RichApiExecutor(this.core);
    return this.executor;
  }

  /** The session object for Microsoft's client: `Excel.run(session, batch)` or `SessionBase._overrideSession`. */
  officeJsSession(): object {
    this.session ??= officeJsSession(officeJsLibrary(), this.richApiExecutor());
    return this.session;
  }

  private async runOfficeJs<T>(options: { delayForCellEdit?: boolean; mergeUndoGroup?: boolean }, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    this.stats.runs++;
    const lib = officeJsLibrary();
    return (await lib.Excel.run({ ...options, session: this.officeJsSession() }, batch)) as T;
  }

  /**
   * The workbook is opened again, in a new session or on another platform: every sheet gets a new
   * `Worksheet.id`. Ids are not stable across sessions and platforms (issue 17, defect 4:
   * OfficeDev/office-js-docs#297, OfficeDev/office-js#1390 "worksheet id changes after reopening",
   * #552: on Mac a deleted sheet's id is reused); nothing else changes. Sheet-scoped names stay
   * with their sheet.
   */
  reopenWithNewSheetIds(): void {
    const model = this.engine.model;
    for (const sheet of model.sheets) {
      const old = sheet.id;
      sheet.id = newSheetId(model);
      if (model.activeSheetId === old) model.activeSheetId = sheet.id;
      for (const n of model.names) if (n.sheetId === old) n.sheetId = sheet.id;
    }
  }

  /** Test-only: the host misbehaves in this way from now on (to show that a self-test check can fail). */
  misbehave(quirk: HostQuirk): void {
    this.engine.quirks.add(quirk);
  }

  /** Test-only: Excel refuses requests over `bytes` (default: Excel on the web's 5 MB). */
  limitRequests(bytes: number): void {
    this.engine.requestLimitBytes = bytes;
  }

  /** The user starts editing a cell: syncs fail with InvalidOperationInCellEditMode unless the run delays for it. */
  editCell(): void {
    this.cellEdit = true;
  }

  resetStats(): void {
    this.stats.syncs = 0;
    this.stats.requests.length = 0;
    this.stats.runs = 0;
    this.stats.suspendCalc = 0;
    this.stats.suspendScreen = 0;
    this.stats.calculations = 0;
    this.stats.undoCleared = 0;
    this.stats.undoSteps = 0;
  }

  /**
   * Makes the n-th sync from now (1 = the next one) fail with `code` after applying only the first
   * half (rounded down) of its queued operations.
   */
  failSync(n = 1, code = "GeneralException"): void {
    if (!Number.isInteger(n) || n < 1) throw new Error("TestHost.failSync: n must be a positive integer");
    this.failures.set(this.syncNumber + n, code);
  }

  /** A deep copy of the current model (plain JSON). */
  toJSON(): WorkbookModel {
    return cloneModel(this.engine.model);
  }

  /** The active sheet and its selected range, e.g. {sheet: "Status", address: "A1"}. */
  selection(): { sheet: string; address: string } {
    const sheet = this.engine.activeSheet();
    return { sheet: sheet.name, address: rectToA1(mustParseRangeRef(sheet.selection || "A1")) };
  }

  /** The stored cell at an A1 address, for assertions (undefined when empty). */
  cell(sheetName: string, address: string): CellModel | undefined {
    const sheet = this.engine.sheetByName(sheetName);
    if (!sheet) throw new Error(`TestHost.cell: no sheet ${sheetName}`);
    return sheet.cells[address.replace(/\$/g, "").toUpperCase()];
  }
}

/** A host over a copy of `model`, or over a new workbook with the given sheet names (default ["Sheet1"]). */
export function createHost(model?: WorkbookModel | { sheets: readonly string[] }, client: ClientKind = defaultClient()): TestHost {
  if (model && "version" in model) return new TestHost(cloneModel(model), client);
  return new TestHost(createModel(model?.sheets), client);
}
