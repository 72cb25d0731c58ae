/**
 * Hostile files through the CLI (issue 20): the 212 KB file with 40,000 cells in column XFD of a
 * notes sheet, and a 450 MB zip bomb (a worksheet that declares, and one that hides, 450 MB of
 * zeros in under 1 MB). Each `jobstatus valider` runs as its own process; its wall time and peak
 * resident memory (max-rss.ts) are the figures. Built by script, like the tests' files.
 * The million-row case also runs through `beregn`, through `saml` (a forvaltning's file with a
 * million-row sheet, collected into the example workbook) and through the pane's collect, run in
 * Node with exceljs's browser build (pane-collect.ts, browser-exceljs.ts). So do the million-row
 * shapes that were over 1 GB (millionRowsSheetData: formulas, formatted columns), each budget 1 GB
 * (docs/dev/performance.md, »Which million-row shapes stay under 1 GB«).
 */
import { promises as fs } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import * as path from "node:path";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { columnRows, entriesOf, forgeZip, withSheet, zerosDeflate } from "../../test/xlsx/zip-forge";
import { bytesOf, departmentWorkbook } from "../../test/addin/collect-fixtures";
import { log, median, repoRoot, round, runNode } from "./util";

export interface HostileResult {
  readonly label: string;
  /** The budgets: under 2 s and 300 MB for an attack; the million-row case only under 1 GB (issue 20). */
  readonly budgetMs: number | null;
  readonly budgetRssBytes: number;
  readonly fileBytes: number;
  readonly ms: number;
  readonly maxRssBytes: number;
  readonly exitCode: number | null;
}

/** 450 MB of zeros, deflated (n - 1 a multiple of 258). */
const BOMB_BYTES = 258 * 1_744_186 + 1;

const MB = 1024 * 1024;
const ATTACK = { budgetMs: 2000, budgetRssBytes: 300 * MB };

/** A stored or deflated part of `xlsx` replaced (the example's shared strings or styles). */
function withPart(xlsx: Uint8Array, name: string, content: Uint8Array): Uint8Array {
  return forgeZip([...entriesOf(xlsx).filter((e) => e.name !== name), { name, data: deflateRawSync(content), method: 8, size: content.length }]);
}

/**
 * `xlsx` with one more cell format, a percent number format (built-in 10, »0.00%«), at the end of
 * its `cellXfs`: returns the workbook and the new format's index (the cells' `s`).
 */
function withPercentStyle(xlsx: Uint8Array): { readonly xlsx: Uint8Array; readonly styleId: number } {
  const files = unzipSync(xlsx);
  const styles = strFromU8(files["xl/styles.xml"] as Uint8Array);
  const m = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles);
  if (!m) throw new Error("styles.xml has no cellXfs");
  const styleId = ((m[1] as string).match(/<xf\b/g) ?? []).length;
  const xf = '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>';
  files["xl/styles.xml"] = strToU8(styles.replace(/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/, (_all, inner: string) => `<cellXfs count="${styleId + 1}">${inner}${xf}</cellXfs>`));
  return { xlsx: zipSync(files), styleId };
}

/**
 * The million-row shapes of review 2 of issue 20 (finding 1), the `<sheetData>` of a sheet »Log«
 * under an »Ordning« header (so it looks like input and is read whole), rows 2..1,000,001 of:
 * - `formula`: one shared formula per row in a percent style (`ROW(A2)/100`, slid down);
 * - `format3`: three percent-formatted values;
 * - `formula3`: three shared formulas (columns A–C, one group each), plain style.
 * Each formula has a cached result (never 0, which exceljs reads as no result).
 */
export function millionRowsSheetData(shape: "formula" | "format3" | "formula3", percent: number, rows = 1_000_000): string {
  const last = rows + 1;
  const out: string[] = ['<row r="1"><c r="A1" t="inlineStr"><is><t>Ordning</t></is></c></row>'];
  for (let r = 2; r <= last; r++) {
    const v = (r % 97) + 1;
    if (shape === "format3") {
      out.push(`<row r="${r}"><c r="A${r}" s="${percent}"><v>${v / 100}</v></c><c r="B${r}" s="${percent}"><v>${v / 50}</v></c><c r="C${r}" s="${percent}"><v>${v / 25}</v></c></row>`);
      continue;
    }
    const cells = shape === "formula" ? ["A"] : ["A", "B", "C"];
    const s = shape === "formula" ? ` s="${percent}"` : "";
    out.push(`<row r="${r}">`);
    cells.forEach((col, si) => {
      const f = r === 2 ? `<f t="shared" ref="${col}2:${col}${last}" si="${si}">ROW(${col}2)/100</f>` : `<f t="shared" si="${si}"/>`;
      out.push(`<c r="${col}${r}"${s}>${f}<v>${r / 100}</v></c>`);
    });
    out.push("</row>");
  }
  return out.join("");
}

export interface HostileCase {
  readonly label: string;
  readonly file: string;
  /** `pane`: the pane's collect of `file` (pane-collect.ts); `saml`: `file` collected into `main`. */
  readonly command: "valider" | "beregn" | "saml" | "pane";
  readonly main?: string;
  readonly budgetMs: number | null;
  readonly budgetRssBytes: number;
  /** The file must in fact be read (and, by saml, written): a refusal would cost nothing. */
  readonly mustRead?: boolean;
}

/** Writes the attack files into `dir` (also used by hand, for `/usr/bin/time -v` runs). */
export async function hostileFiles(dir: string): Promise<HostileCase[]> {
  const data = await loadExampleData(path.join(repoRoot(), "examples", "notat-2025.json"));
  const example = new Uint8Array(await (await buildExample(data)).xlsx.writeBuffer());
  const xfd = path.join(dir, "xfd.xlsx");
  await fs.writeFile(xfd, withSheet(example, "Noteark", columnRows("XFD", 2, 40_001, (r) => `note ${r}`, "Mødenoter")));
  const bomb = zerosDeflate(BOMB_BYTES);
  const declared = path.join(dir, "bomb450.xlsx");
  await fs.writeFile(declared, forgeZip([...entriesOf(example), { name: "xl/worksheets/sheet99.xml", data: bomb, method: 8, size: BOMB_BYTES }]));
  const lying = path.join(dir, "bomb450-lying.xlsx");
  await fs.writeFile(lying, forgeZip([...entriesOf(example), { name: "xl/worksheets/sheet99.xml", data: bomb, method: 8, size: 4096 }]));
  // A 200 MB string table (ten million short strings) and a million cell formats, each within the part limit.
  const strings = path.join(dir, "sst200.xlsx");
  const si = Buffer.from("<si><t>tekst 12345</t></si>");
  const sst = Buffer.alloc(200 * MB);
  for (let at = 0; at + si.length <= sst.length; at += si.length) si.copy(sst, at);
  await fs.writeFile(strings, withPart(example, "xl/sharedStrings.xml", Buffer.concat([Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'), sst, Buffer.from("</sst>")])));
  const styles = path.join(dir, "styles1m.xlsx");
  const xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
  await fs.writeFile(styles, withPart(example, "xl/styles.xml", Buffer.from(`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs>${xf.repeat(1_000_000)}</cellXfs></styleSheet>`)));
  // A million one-cell rows in a sheet that looks like input (read whole): the whole case under 1 GB.
  // `valider` reads that sheet by the sheet scan (src/xlsx/sheet-scan.ts), exceljs builds none of its cells.
  const rows = path.join(dir, "rows1m.xlsx");
  let sheetData = '<row r="1"><c r="A1" t="inlineStr"><is><t>ordning</t></is></c></row>';
  const chunk: string[] = [];
  for (let r = 2; r <= 1_000_001; r++) chunk.push(`<row r="${r}"><c r="A${r}"><v>${r % 97}</v></c></row>`);
  sheetData += chunk.join("");
  await fs.writeFile(rows, withSheet(example, "Log", sheetData));
  // The same million rows in a forvaltning's file (BUF's, as the template makes it, with other figures
  // than the example's, so saml --erstat writes it), collected into the example workbook.
  const main = path.join(dir, "example.xlsx");
  await fs.writeFile(main, example);
  const delivered = path.join(dir, "BUF-rows1m.xlsx");
  await fs.writeFile(delivered, withSheet(await bytesOf(await departmentWorkbook("BUF", data, 2)), "Log", sheetData));
  const MILLION = { budgetMs: null, budgetRssBytes: 1024 * MB };
  // The shapes that were over 1 GB (review 2 of issue 20): formulas and formatted columns, in the
  // example (valider, beregn) and in BUF's file (saml, the pane's collect).
  const shapes: HostileCase[] = [];
  const buf = await bytesOf(await departmentWorkbook("BUF", data, 2));
  for (const shape of ["formula", "format3", "formula3"] as const) {
    const inExample = withPercentStyle(example);
    const inBuf = withPercentStyle(buf);
    const whole = path.join(dir, `rows1m${shape}.xlsx`);
    await fs.writeFile(whole, withSheet(inExample.xlsx, "Log", millionRowsSheetData(shape, inExample.styleId)));
    const deliveredShape = path.join(dir, `BUF-rows1m${shape}.xlsx`);
    await fs.writeFile(deliveredShape, withSheet(inBuf.xlsx, "Log", millionRowsSheetData(shape, inBuf.styleId)));
    const label = `rows1m${shape}`;
    shapes.push(
      { label: `${label}.valider`, file: whole, command: "valider", ...MILLION },
      { label: `${label}.beregn`, file: whole, command: "beregn", ...MILLION },
      { label: `${label}.saml`, file: deliveredShape, command: "saml", main, ...MILLION, mustRead: true },
      { label: `${label}.pane`, file: deliveredShape, command: "pane", ...MILLION, mustRead: true },
    );
  }
  // The merge bomb (review 2 of issue 20, c5-bigmerge): one merge over a sheet's rest, D20:XFD1048576,
  // which made exceljs build a Cell per merged cell (17 billion: heap out of memory). Refused by
  // src/xlsx/merge-bounds.ts before exceljs sees it; in saml as a forvaltning's file.
  const mergebomb = path.join(dir, "mergebomb.xlsx");
  await fs.writeFile(mergebomb, withSheet(example, "Referat", columnRows("A", 2, 3, (r) => `note ${r}`, "Mødenoter"), '<mergeCells count="1"><mergeCell ref="D20:XFD1048576"/></mergeCells>'));
  // The million rows again, with one XML comment, so the scan gives up and the sheet would go to
  // exceljs whole (review 2 of issue 20, bigvc: 1.57 GB): refused by the bound on such sheets.
  const rowsComment = path.join(dir, "rows1m-comment.xlsx");
  await fs.writeFile(rowsComment, withSheet(example, "Log", sheetData.replace("</row>", "</row><!-- x -->")));
  return [
    { label: "xfd.valider", file: xfd, command: "valider", ...ATTACK },
    { label: "xfd.beregn", file: xfd, command: "beregn", ...ATTACK },
    { label: "bomb450.valider", file: declared, command: "valider", ...ATTACK },
    { label: "bomb450.beregn", file: declared, command: "beregn", ...ATTACK },
    { label: "bomb450lying.valider", file: lying, command: "valider", ...ATTACK },
    { label: "bomb450lying.beregn", file: lying, command: "beregn", ...ATTACK },
    { label: "sst200.valider", file: strings, command: "valider", ...ATTACK },
    { label: "sst200.beregn", file: strings, command: "beregn", ...ATTACK },
    { label: "styles1m.valider", file: styles, command: "valider", ...ATTACK },
    { label: "rows1m.valider", file: rows, command: "valider", ...MILLION },
    { label: "rows1m.beregn", file: rows, command: "beregn", ...MILLION },
    { label: "rows1m.saml", file: delivered, command: "saml", main, ...MILLION, mustRead: true },
    { label: "rows1m.pane", file: delivered, command: "pane", ...MILLION, mustRead: true },
    ...shapes,
    { label: "rows1mcomment.valider", file: rowsComment, command: "valider", ...MILLION },
    { label: "mergebomb.valider", file: mergebomb, command: "valider", ...ATTACK },
    { label: "mergebomb.saml", file: mergebomb, command: "saml", main, ...ATTACK },
  ];
}

/** The process's arguments after the max-rss preload. */
function argsOf(f: HostileCase, cli: string, dir: string): string[] {
  const out = path.join(dir, `${f.label}-out.xlsx`);
  switch (f.command) {
    case "beregn":
      return [cli, "beregn", f.file, "-o", out, "--overskriv"];
    case "saml":
      return [cli, "saml", f.main ?? "", f.file, "-o", out, "--overskriv", "--erstat"];
    case "pane":
      return ["-r", path.join(__dirname, "browser-exceljs.js"), path.join(__dirname, "pane-collect.js"), f.file];
    default:
      return [cli, "valider", f.file];
  }
}

/** `only`: the labels to run (all when absent), for a measurement by hand. */
export async function measureHostile(dir: string, runs: number, only?: (label: string) => boolean): Promise<HostileResult[]> {
  const cli = path.join(repoRoot(), "bin", "jobstatus.js");
  const preload = path.join(__dirname, "max-rss.js");
  const out: HostileResult[] = [];
  for (const f of await hostileFiles(dir)) {
    if (only && !only(f.label)) continue;
    const ms: number[] = [];
    const rss: number[] = [];
    let exitCode: number | null = null;
    for (let i = 0; i < runs; i++) {
      const r = await runNode(["-r", preload, ...argsOf(f, cli, dir)]);
      const m = /\[max-rss\] (\d+)/.exec(r.stderr);
      if (!m) throw new Error(`${f.label}: no peak memory reported (exit ${r.code}): ${r.stderr.slice(-300)}`);
      if (/FATAL|heap out of memory|\bat .*\.js:\d+/.test(r.stderr)) throw new Error(`${f.label}: crashed: ${r.stderr.slice(-300)}`);
      // The million rows must in fact be read (and, by saml, written): a refusal would cost nothing.
      if (f.mustRead && f.command === "pane" && !r.stdout.includes('"ok":true')) throw new Error(`${f.label}: the pane's collect did not read the file: ${r.stdout.slice(0, 300)}`);
      if (f.mustRead && f.command === "saml" && r.code !== 0) throw new Error(`${f.label}: saml exited ${r.code}: ${r.stdout.slice(-300)}`);
      ms.push(r.ms);
      rss.push(Number(m[1]));
      exitCode = r.code;
      log(`hostile ${f.label} ${i + 1}/${runs}: ${Math.round(r.ms)} ms, ${Math.round(Number(m[1]) / 1048576)} MB, exit ${r.code}`);
    }
    out.push({ label: f.label, budgetMs: f.budgetMs, budgetRssBytes: f.budgetRssBytes, fileBytes: (await fs.stat(f.file)).size, ms: round(median(ms), 0), maxRssBytes: Math.max(...rss), exitCode });
  }
  return out;
}
