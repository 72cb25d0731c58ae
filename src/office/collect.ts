/**
 * «Hent forvaltningernes filer» in Excel: carries out the core's collect plan (src/core/collect.ts)
 * with `Workbook.insertWorksheetsFromBase64` (ExcelApi 1.13). The files are read in the pane (the
 * CLI's own exceljs reader, in an on-demand chunk); this module only reads the analyst's workbook,
 * plans, inserts and renames. It decides nothing the plan does not say.
 *
 * Nothing is overwritten: a new sheet is inserted at the end under a name Excel picks, and only
 * when every insert has been made are the sheets renamed and placed, in one batch: a blank template
 * sheet is removed for its delivered sheet (it holds nothing the user made), a replaced sheet is
 * renamed to its kept name (»BUF (erstattet)«, as the CLI) and hidden, so `gendan` can restore it.
 */
import { planCollect, type CollectFile, type CollectOptions, type CollectPlan, type SheetAction } from "../core/collect";
import { COLLECT_PANE } from "../messages/da";
import { officeErrorCode, officeErrorMessage } from "./errors";
import { guarded, read, type Session } from "./operations";
import type { OfficeEnv } from "./run";

/** A picked file as the pane read it, with the bytes Excel gets (base64). */
export interface PickedFile extends CollectFile {
  readonly base64: string;
}

/** Excel on the web refuses a request over 5 MB; the insert's request is the base64 text and a little JSON. */
export const INSERT_REQUEST_LIMIT = 5 * 1024 * 1024;
const REQUEST_OVERHEAD = 4096;

export type InsertLimit = "unsupportedFeature" | "tooLarge" | "setMissing" | "failed";

export interface InsertFailure {
  readonly code: string;
  readonly file: string;
  readonly sheet: string;
  readonly limit: InsertLimit;
  /** A Danish sentence naming the file and what to do. */
  readonly message: string;
}

export interface CollectResult {
  readonly plan: CollectPlan;
  /** The actions carried out (inserted, filled or replaced). */
  readonly done: readonly SheetAction[];
  readonly failures: readonly InsertFailure[];
}

type Writing = Extract<SheetAction, { kind: "insert" | "fill-template" | "replace" }>;
const writes = (a: SheetAction): a is Writing => a.kind === "insert" || a.kind === "fill-template" || a.kind === "replace";

/**
 * Whether this Excel can insert sheets from a file: ExcelApi 1.13, and not Excel on iPad, where
 * Microsoft documents the method as missing.
 */
export function canInsertFromFiles(env: OfficeEnv, platform: string | undefined): boolean {
  return env.isSetSupported("ExcelApi", "1.13") && platform !== "iOS";
}

/** Reads the analyst's workbook and plans the collection (the delivery overview); changes nothing. */
export async function previewCollect(env: OfficeEnv, session: Session, files: readonly CollectFile[], options: CollectOptions): Promise<CollectPlan> {
  const r = await guarded("collect", () => env.run((ctx) => read(ctx, session, env)));
  return planCollect(r.grid, files, options);
}

function failure(a: Writing, limit: InsertLimit, reason?: string): InsertFailure {
  const message =
    limit === "unsupportedFeature"
      ? COLLECT_PANE.limit.unsupportedFeature(a.file, a.sheet)
      : limit === "tooLarge"
        ? COLLECT_PANE.limit.tooLarge(a.file)
        : limit === "setMissing"
          ? COLLECT_PANE.limit.setMissing(a.file, a.sheet)
          : COLLECT_PANE.limit.failed(a.file, reason ?? "");
  return { code: a.code, file: a.file, sheet: a.sheet, limit, message };
}

function limitOf(e: unknown): InsertLimit {
  switch (officeErrorCode(e)) {
    case "UnsupportedFeature":
      return "unsupportedFeature";
    case "RequestPayloadSizeLimitExceeded":
      return "tooLarge";
    case "ApiNotFound":
      return "setMissing";
    default:
      return "failed";
  }
}

/** Stage 1: each delivered sheet inserted at the end, one request per sheet (each file's base64 is its own request). */
async function insertEach(ctx: Excel.RequestContext, actions: readonly Writing[], byFile: ReadonlyMap<string, PickedFile>, web: boolean): Promise<{ inserted: { action: Writing; id: string }[]; failures: InsertFailure[] }> {
  const inserted: { action: Writing; id: string }[] = [];
  const failures: InsertFailure[] = [];
  for (const a of actions) {
    const file = byFile.get(a.file);
    if (!file) throw new Error(`file ${a.file} is not picked`);
    if (web && file.base64.length + REQUEST_OVERHEAD > INSERT_REQUEST_LIMIT) {
      failures.push(failure(a, "tooLarge"));
      continue;
    }
    const ids = ctx.workbook.insertWorksheetsFromBase64(file.base64, { sheetNamesToInsert: [a.sheet], positionType: "End" });
    try {
      await ctx.sync();
    } catch (e) {
      const limit = limitOf(e);
      failures.push(failure(a, limit, limit === "failed" ? officeErrorMessage(e, "collect") : undefined));
      continue;
    }
    const id = ids.value[0];
    if (id === undefined) throw new Error(`Excel inserted no sheet ${a.sheet} from ${a.file}`);
    inserted.push({ action: a, id });
  }
  return { inserted, failures };
}

/**
 * Stage 2: one batch that names and places the inserted sheets as the plan says. `order` is the
 * workbook's tab order (names) before the inserts; positions are computed as the batch changes it.
 */
function queuePlacing(ctx: Excel.RequestContext, inserted: readonly { action: Writing; id: string }[], before: readonly string[]): string[] {
  const sheets = ctx.workbook.worksheets;
  const order: string[] = [...before, ...inserted.map((i) => `\u0000${i.id}`)];
  const move = (key: string, to: number): void => {
    order.splice(order.indexOf(key), 1);
    order.splice(to, 0, key);
  };
  for (const { action: a, id } of inserted) {
    const key = `\u0000${id}`;
    const ws = sheets.getItem(id);
    if (a.kind === "insert") {
      ws.name = a.name;
      order[order.indexOf(key)] = a.name;
      continue;
    }
    const old = sheets.getItem(a.existing);
    const at = order.indexOf(a.existing);
    if (a.kind === "fill-template") {
      // jobstatus's own blank sheet, exactly as «Opret skabelon» wrote it: nothing of the user's is in it.
      old.delete();
      order.splice(at, 1);
    } else {
      old.name = a.keepAs;
      old.visibility = "Hidden";
      order[at] = a.keepAs;
    }
    ws.name = a.existing;
    ws.position = at;
    move(key, at);
    order[at] = a.existing;
  }
  return order;
}

/**
 * Carries out the collection: reads the workbook again and plans with the analyst's choices (so the
 * plan is the workbook's as it is now), inserts every delivered sheet, then names and places them.
 * Nothing is inserted while a conflict waits for a choice.
 */
export async function collectFiles(env: OfficeEnv, session: Session, files: readonly PickedFile[], options: CollectOptions, platform: string | undefined): Promise<CollectResult> {
  const r = await guarded("collect", () => env.run((ctx) => read(ctx, session, env)));
  const plan = planCollect(r.grid, files, options);
  const actions = plan.actions.filter(writes);
  if (plan.undecided || actions.length === 0) return { plan, done: [], failures: [] };
  if (!canInsertFromFiles(env, platform)) return { plan, done: [], failures: actions.map((a) => failure(a, "setMissing")) };
  const byFile = new Map(files.map((f) => [f.file, f]));
  return guarded("collect", () =>
    env.run(async (ctx) => {
      const { inserted, failures } = await insertEach(ctx, actions, byFile, platform === "OfficeOnline");
      if (inserted.length > 0) {
        const order = queuePlacing(ctx, inserted, r.sheetNames);
        await ctx.sync();
        session.sheetNames = order;
      }
      return { plan, done: inserted.map((i) => i.action), failures };
    }, { mergeUndoGroup: true }),
  );
}
