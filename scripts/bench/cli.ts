/**
 * `jobstatus beregn` on a large workbook against exceljs only loading and saving the same file:
 * both as spawned node processes, alternately, in the same run; the ratio of the medians.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { writeGeneratedWorkbook, type GenerateOptions } from "../gen-workbook";
import { log, median, repoRoot, round, runNode } from "./util";

export interface CliResult {
  readonly label: string;
  /** Median ms per step in cold processes (cli-phases.ts): the CLI's steps, and exceljs alone. */
  readonly phases?: { readonly beregn: Record<string, number>; readonly plain: Record<string, number> };
  readonly fileBytes: number;
  readonly beregnMs: number;
  readonly loadSaveMs: number;
  readonly ratio: number;
  readonly runs: number;
}

export async function measureCli(dir: string, label: string, options: GenerateOptions, runs: number): Promise<CliResult> {
  const root = repoRoot();
  const input = path.join(dir, `${label}.xlsx`);
  await writeGeneratedWorkbook(input, options);
  const fileBytes = (await fs.stat(input)).size;
  const cli = path.join(root, "bin", "jobstatus.js");
  const loadSave = path.join(__dirname, "load-save.js");
  const beregn: number[] = [];
  const floor: number[] = [];
  // One unmeasured pair first (file cache, compiled code cache), then alternating pairs.
  for (let i = -1; i < runs; i++) {
    const pair = [
      async () => {
        const r = await runNode([cli, "beregn", input, "-o", path.join(dir, `${label}-status.xlsx`), "--overskriv"]);
        if (r.code !== 0) throw new Error(`jobstatus beregn ${label} ended with ${r.code}: ${r.stderr || r.stdout.slice(-400)}`);
        if (i >= 0) beregn.push(r.ms);
      },
      async () => {
        const r = await runNode([loadSave, input, path.join(dir, `${label}-copy.xlsx`)]);
        if (r.code !== 0) throw new Error(`load-save ${label} ended with ${r.code}: ${r.stderr}`);
        if (i >= 0) floor.push(r.ms);
      },
    ];
    if (i % 2) pair.reverse();
    for (const f of pair) await f();
    if (i >= 0) log(`cli ${label} ${i + 1}/${runs}: beregn ${Math.round(beregn[beregn.length - 1] ?? 0)} ms, load+save ${Math.round(floor[floor.length - 1] ?? 0)} ms`);
  }
  const b = median(beregn);
  const l = median(floor);
  return { label, fileBytes, beregnMs: round(b, 0), loadSaveMs: round(l, 0), ratio: round(b / l, 3), runs };
}

/** The CLI's steps timed inside cold processes, alternately with exceljs alone; medians per step. */
export async function measurePhases(dir: string, label: string, runs: number): Promise<{ beregn: Record<string, number>; plain: Record<string, number> }> {
  const input = path.join(dir, `${label}.xlsx`);
  const script = path.join(__dirname, "cli-phases.js");
  const acc: Record<"beregn" | "plain", Record<string, number[]>> = { beregn: {}, plain: {} };
  for (let i = 0; i < runs; i++) {
    for (const mode of i % 2 ? (["plain", "beregn"] as const) : (["beregn", "plain"] as const)) {
      const r = await runNode([script, mode, input, path.join(dir, `${label}-${mode}.xlsx`)]);
      if (r.code !== 0) throw new Error(`cli-phases ${mode}: ${r.stderr}`);
      for (const [k, v] of Object.entries(JSON.parse(r.stdout) as Record<string, number>)) (acc[mode][k] ??= []).push(v);
    }
  }
  const med = (m: Record<string, number[]>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round(median(v), 0)]));
  return { beregn: med(acc.beregn), plain: med(acc.plain) };
}
