/**
 * Hostile files through the CLI (issue 20): the 212 KB file with 40,000 cells in column XFD of a
 * notes sheet, and a 450 MB zip bomb (a worksheet that declares, and one that hides, 450 MB of
 * zeros in under 1 MB). Each `jobstatus valider` runs as its own process; its wall time and peak
 * resident memory (max-rss.ts) are the figures. Built by script, like the tests' files.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { columnRows, entriesOf, forgeZip, withSheet, zerosDeflate } from "../../test/xlsx/zip-forge";
import { log, median, repoRoot, round, runNode } from "./util";

export interface HostileResult {
  readonly label: string;
  readonly fileBytes: number;
  readonly ms: number;
  readonly maxRssBytes: number;
  readonly exitCode: number | null;
}

/** 450 MB of zeros, deflated (n - 1 a multiple of 258). */
const BOMB_BYTES = 258 * 1_744_186 + 1;

async function files(dir: string): Promise<{ label: string; file: string; command: string }[]> {
  const example = new Uint8Array(await (await buildExample(await loadExampleData(path.join(repoRoot(), "examples", "notat-2025.json")))).xlsx.writeBuffer());
  const xfd = path.join(dir, "xfd.xlsx");
  await fs.writeFile(xfd, withSheet(example, "Noteark", columnRows("XFD", 2, 40_001, (r) => `note ${r}`, "Mødenoter")));
  const bomb = zerosDeflate(BOMB_BYTES);
  const declared = path.join(dir, "bomb450.xlsx");
  await fs.writeFile(declared, forgeZip([...entriesOf(example), { name: "xl/worksheets/sheet99.xml", data: bomb, method: 8, size: BOMB_BYTES }]));
  const lying = path.join(dir, "bomb450-lying.xlsx");
  await fs.writeFile(lying, forgeZip([...entriesOf(example), { name: "xl/worksheets/sheet99.xml", data: bomb, method: 8, size: 4096 }]));
  return [
    { label: "xfd.valider", file: xfd, command: "valider" },
    { label: "xfd.beregn", file: xfd, command: "beregn" },
    { label: "bomb450.valider", file: declared, command: "valider" },
    { label: "bomb450.beregn", file: declared, command: "beregn" },
    { label: "bomb450lying.valider", file: lying, command: "valider" },
    { label: "bomb450lying.beregn", file: lying, command: "beregn" },
  ];
}

export async function measureHostile(dir: string, runs: number): Promise<HostileResult[]> {
  const cli = path.join(repoRoot(), "bin", "jobstatus.js");
  const preload = path.join(__dirname, "max-rss.js");
  const out: HostileResult[] = [];
  for (const f of await files(dir)) {
    const ms: number[] = [];
    const rss: number[] = [];
    let exitCode: number | null = null;
    for (let i = 0; i < runs; i++) {
      const args = f.command === "beregn" ? [cli, "beregn", f.file, "-o", path.join(dir, `${f.label}-out.xlsx`), "--overskriv"] : [cli, "valider", f.file];
      const r = await runNode(["-r", preload, ...args]);
      const m = /\[max-rss\] (\d+)/.exec(r.stderr);
      if (!m) throw new Error(`${f.label}: no peak memory reported (exit ${r.code}): ${r.stderr.slice(-300)}`);
      if (/FATAL|heap out of memory|\bat .*\.js:\d+/.test(r.stderr)) throw new Error(`${f.label}: crashed: ${r.stderr.slice(-300)}`);
      ms.push(r.ms);
      rss.push(Number(m[1]));
      exitCode = r.code;
      log(`hostile ${f.label} ${i + 1}/${runs}: ${Math.round(r.ms)} ms, ${Math.round(Number(m[1]) / 1048576)} MB, exit ${r.code}`);
    }
    out.push({ label: f.label, fileBytes: (await fs.stat(f.file)).size, ms: round(median(ms), 0), maxRssBytes: Math.max(...rss), exitCode });
  }
  return out;
}
