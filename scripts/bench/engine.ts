/**
 * The engine without I/O: parse, validate, compute and build the report (`calculate` of src/core)
 * on grids of 7, 70, 700 and 7,000 department sheets. Run as its own process (a fresh heap, nothing else
 * allocated), by bench.ts: `node engine.js [rounds]` prints one JSON object.
 *
 * The sizes are measured round-robin (7, 70, 700, 7000, 7, …) after a warm-up; each size's figure is
 * the median over the rounds of the mean time per call in a batch of about 40 ms.
 */
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { calculate, STAGE_NAMES, type StageName, type StageTimer, type WorkbookGrid } from "../../src/core";
import { generateWorkbook } from "../gen-workbook";
import { median, nowMs, round } from "./util";

export const ENGINE_SIZES = [7, 70, 700, 7000] as const;
const BATCH_MS = 40;

export interface EngineResult {
  /** Median ms per size. */
  readonly ms: Record<string, number>;
  /** Per size, the median ms of each named stage of the pipeline (src/core/stages.ts), in order. */
  readonly stages: Record<string, Record<StageName, number>>;
  readonly rounds: number;
}

/** Times each named stage of `calculate` on one grid: the median over `rounds` runs, per stage. */
export function measureStages(grid: WorkbookGrid, rounds: number): Record<StageName, number> {
  const spent = new Map<StageName, number[]>(STAGE_NAMES.map((s) => [s, []]));
  for (let r = 0; r < rounds; r++) {
    const timer: StageTimer = (stage, run) => {
      const t = nowMs();
      const out = run();
      spent.get(stage)?.push(nowMs() - t);
      return out;
    };
    calculate(grid, timer);
  }
  const out = {} as Record<StageName, number>;
  for (const s of STAGE_NAMES) out[s] = round(median(spent.get(s) ?? []), 3);
  return out;
}

export async function measureEngine(rounds = 15, warmupMs = 2000): Promise<EngineResult> {
  const grids = new Map<number, WorkbookGrid>();
  for (const n of ENGINE_SIZES) grids.set(n, readWorkbookGrid(await generateWorkbook({ departments: n })));
  for (const [n, g] of grids) {
    const out = calculate(g);
    if (!out.report) throw new Error(`engine: the generated workbook with ${n} sheets has errors`);
  }
  // Warm-up, which also sizes the batches: each timed batch repeats one size for about 40 ms, so
  // every size pays for its own garbage collection in proportion (a single 2 ms call of the small
  // sizes would mostly miss it), and the sizes alternate, so a change in machine load hits all alike.
  const spent = new Map<number, { ms: number; calls: number }>(ENGINE_SIZES.map((n) => [n, { ms: 0, calls: 0 }]));
  const end = nowMs() + warmupMs;
  while (nowMs() < end) {
    for (const [n, g] of grids) {
      const t = nowMs();
      calculate(g);
      const s = spent.get(n) as { ms: number; calls: number };
      s.ms += nowMs() - t;
      s.calls++;
    }
  }
  const reps = new Map<number, number>([...spent].map(([n, s]) => [n, Math.max(1, Math.round(BATCH_MS / (s.ms / s.calls)))]));
  const times = new Map<number, number[]>(ENGINE_SIZES.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [n, g] of grids) {
      const k = reps.get(n) as number;
      const t = nowMs();
      for (let i = 0; i < k; i++) calculate(g);
      times.get(n)?.push((nowMs() - t) / k);
    }
  }
  const ms: Record<string, number> = {};
  for (const [n, t] of times) ms[String(n)] = round(median(t), 3);
  const stages: Record<string, Record<StageName, number>> = {};
  for (const [n, g] of grids) stages[String(n)] = measureStages(g, rounds);
  return { ms, stages, rounds };
}

if (require.main === module) {
  measureEngine(Number(process.argv[2] ?? 15)).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e: unknown) => {
      process.stderr.write(`${String(e instanceof Error ? e.stack : e)}\n`);
      process.exit(1);
    },
  );
}
