/**
 * Round trips and payloads of the add-in's operations on the Excel test host (test/host), driven by
 * Microsoft's own client ("officejs": the requests Excel receives, cleanup included, in real bytes)
 * or by the host's strict double ("double"): syncs and the largest request and response of each run. Used by the benchmark
 * and by test/bench-syncs.test.ts (sync counts are exact, so a test may check them).
 */
import type ExcelJS from "exceljs";
import { calculateStatus, newSession, overview, validateWorkbook, type Session } from "../../src/office/operations";
import type { OfficeEnv } from "../../src/office/run";
import { isSetSupported } from "../../test/host/globals";
import { createHost, type TestHost } from "../../test/host/host";
import { defaultClient, registerOfficeJsLoader, type ClientKind } from "../../test/host/officejs";
import { loadOfficeJsClient } from "../../test/host/officejs-source";
import type { WorkbookModel } from "../../test/host/model";
import { modelFromWorkbook } from "../../test/host/xlsx";
import { generateWorkbook, type GenerateOptions } from "../gen-workbook";

registerOfficeJsLoader(loadOfficeJsClient);

export type Operation = "beregn" | "valider";

/**
 * - cold: a new session (the sheet list is not known yet: the read takes one more round trip);
 * - warm: after one overview(), as the shared runtime runs it at start-up: the budget case;
 * - repeat: the same click a second time (Beregn replaces its own sheet, Valider its own marks).
 */
export type Mode = "cold" | "warm" | "repeat";

export interface SyncRun {
  readonly operation: Operation;
  readonly label: string;
  readonly mode: Mode;
  readonly client: ClientKind;
  readonly syncs: number;
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
  /** The Danish message when the operation failed (e.g. a payload over Excel on the web's 5 MB). */
  readonly error?: string;
}

export function hostEnv(host: TestHost): OfficeEnv {
  return { run: host.run, isSetSupported: (name, version) => isSetSupported(name, version) };
}

function runOf(operation: Operation): (env: OfficeEnv, session: Session) => Promise<unknown> {
  return operation === "beregn" ? (env, s) => calculateStatus(env, s) : (env, s) => validateWorkbook(env, s, "all");
}

/** One operation on a fresh host over `model`, in the given mode; the stats of that operation only. */
export async function measureOperation(model: WorkbookModel, operation: Operation, mode: Mode, label: string, client: ClientKind = defaultClient()): Promise<SyncRun> {
  const host = createHost(model, client);
  const env = hostEnv(host);
  const session = newSession();
  const op = runOf(operation);
  try {
    if (mode !== "cold") await overview(env, session);
    if (mode === "repeat") await op(env, session);
    host.resetStats();
    await op(env, session);
  } catch (e) {
    return { ...statsOf(host), operation, label, mode, client, error: e instanceof Error ? e.message : String(e) };
  }
  return { ...statsOf(host), operation, label, mode, client };
}

function statsOf(host: TestHost): { syncs: number; maxRequestBytes: number; maxResponseBytes: number } {
  // A request Excel refused for its size is retried smaller; its bytes were never accepted.
  const r = host.stats.requests.filter((x) => x.refused === undefined);
  return {
    syncs: host.stats.syncs,
    maxRequestBytes: Math.max(0, ...r.map((x) => x.requestBytes)),
    maxResponseBytes: Math.max(0, ...r.map((x) => x.responseBytes)),
  };
}

/** The host model of a generated workbook (in memory, no file). */
export async function generatedModel(options: GenerateOptions): Promise<WorkbookModel> {
  const wb: ExcelJS.Workbook = await generateWorkbook(options);
  return modelFromWorkbook(wb);
}

/** Every mode of one operation on one workbook. */
export async function measureAllModes(model: WorkbookModel, operation: Operation, label: string, client: ClientKind = defaultClient()): Promise<SyncRun[]> {
  const out: SyncRun[] = [];
  for (const mode of ["cold", "warm", "repeat"] as const) out.push(await measureOperation(model, operation, mode, label, client));
  return out;
}
