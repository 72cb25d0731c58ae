/** Small helpers of the benchmark: medians, timing, child processes, the repository root. */
import { spawn } from "node:child_process";
import { repoRoot } from "../gen-workbook";

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export const round = (v: number, decimals = 2): number => Math.round(v * 10 ** decimals) / 10 ** decimals;

export { repoRoot } from "../gen-workbook";

/** Progress on stderr, so stdout keeps exactly the table or the one JSON document. */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export interface ChildResult {
  readonly code: number | null;
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node args…` and measures its wall time, from spawn to exit. */
export function runNode(args: readonly string[], options: { cwd?: string } = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const start = nowMs();
    const child = spawn(process.execPath, args, { cwd: options.cwd ?? repoRoot(), stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, ms: nowMs() - start, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}
