/**
 * The task pane's JavaScript: a production build with webpack.config.js (exactly what
 * `npm run build:addin` puts in dist/), into a folder of its own so a running e2e test keeps its
 * dist/. Measured: every script taskpane.html loads from the add-in (office.js, from Microsoft's
 * CDN, excluded), gzipped at level 9; and the largest modules and packages, by the bytes of the
 * minified script each accounts for (from the build's source map).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import webpack from "webpack";
import { repoRoot, round } from "./util";

export interface ModuleSize {
  readonly name: string;
  /** Bytes of the minified script that came from this module (or package), by its source map. */
  readonly bytes: number;
}

export interface BundleResult {
  readonly dir: string;
  readonly scripts: readonly { readonly file: string; readonly bytes: number; readonly gzipBytes: number }[];
  readonly gzipBytes: number;
  readonly bytes: number;
  readonly largestModules: readonly ModuleSize[];
  readonly largestPackages: readonly ModuleSize[];
  readonly buildMs: number;
  /**
   * Scripts the pane loads only on demand, not at start-up, each with the named chunk groups
   * (`webpackChunkName`: collect, collect-xlsx, notat-word, selftest) that load it.
   */
  readonly lazy: { readonly scripts: readonly LazyScript[]; readonly bytes: number; readonly gzipBytes: number };
}

export interface LazyScript {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** The dynamic imports (their webpackChunkName) that fetch this script. */
  readonly groups: readonly string[];
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes one source-map segment (base64 VLQ) into its numbers. */
function decodeSegment(seg: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of seg) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/**
 * Bytes of the generated file per original source, from a version-3 source map: each mapping
 * covers its line from its column to the next mapping's. (Tree shaking and minification happen
 * before, so this is what each module really costs; webpack's stats only give source sizes.)
 */
export function bytesBySource(code: string, map: { sources: string[]; mappings: string }): Map<string, number> {
  const lines = code.split("\n");
  const out = new Map<string, number>();
  let source = 0;
  map.mappings.split(";").forEach((line, i) => {
    const len = lines[i]?.length ?? 0;
    let col = 0;
    const segs: { col: number; source: number | undefined }[] = [];
    for (const seg of line.split(",")) {
      if (!seg) continue;
      const f = decodeSegment(seg);
      col += f[0] ?? 0;
      if (f.length >= 4) source += f[1] ?? 0;
      segs.push({ col, source: f.length >= 4 ? source : undefined });
    }
    segs.forEach((sg, k) => {
      const end = segs[k + 1]?.col ?? len;
      const name = sg.source === undefined ? "(webpack)" : (map.sources[sg.source] ?? "?");
      out.set(name, (out.get(name) ?? 0) + Math.max(0, end - sg.col));
    });
  });
  return out;
}

/** `webpack://jobstatus/./node_modules/@fluentui/web-components/dist/esm/…` → `@fluentui/web-components`; our sources by folder (`src/core`). */
function packageOf(name: string): string {
  const n = cleanName(name);
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(n);
  if (nm) return nm[1] as string;
  const src = /^(src\/[^/]+)/.exec(n);
  return src ? (src[1] as string) : n;
}

const cleanName = (name: string): string => name.replace(/^webpack:\/\/[^/]*\//, "").replace(/^\.\//, "");

/** A production build of the pane with webpack.config.js into `outDir`, with source maps (for the attribution only). */
export async function buildPane(outDir: string): Promise<{ ms: number; groups: Map<string, string[]> }> {
  const root = repoRoot();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, "webpack.config.js")) as (env: object, argv: { mode: string }) => Promise<webpack.Configuration>;
  const config = await makeConfig({}, { mode: "production" });
  config.context = root;
  config.devtool = "source-map";
  config.output = { ...config.output, path: outDir, clean: true };
  config.infrastructureLogging = { level: "error" };
  const start = Date.now();
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, s) => {
      if (err) reject(err);
      else if (!s) reject(new Error("webpack returned no stats"));
      else if (s.hasErrors()) reject(new Error(`the task pane does not build:\n${s.toString({ all: false, errors: true })}`));
      else resolve(s);
    }),
  );
  const ms = Date.now() - start;
  // Which named dynamic import (webpackChunkName) fetches which file.
  const groups = new Map<string, string[]>();
  for (const [name, group] of Object.entries(stats.toJson({ all: false, chunkGroups: true }).namedChunkGroups ?? {})) {
    for (const asset of group.assets ?? []) groups.set(asset.name, [...(groups.get(asset.name) ?? []), name]);
  }
  return { ms, groups };
}

export async function measureBundle(outDir: string): Promise<BundleResult> {
  const { ms, groups } = await buildPane(outDir);
  const html = await fs.readFile(path.join(outDir, "taskpane.html"), "utf8");
  // The production HTML is minified: attribute values may have no quotes.
  const srcs = [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)]
    .map((m) => (m[1] ?? m[2] ?? m[3]) as string)
    .filter((s) => !/^(https?:)?\/\//.test(s));
  const scripts = [];
  const bySource = new Map<string, number>();
  for (const src of srcs) {
    const file = path.join(outDir, src.replace(/^\.?\//, ""));
    const withMap = await fs.readFile(file, "utf8");
    // What production serves: the same code without the source-map comment.
    const code = withMap.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "");
    const body = Buffer.from(code, "utf8");
    scripts.push({ file: src, bytes: body.length, gzipBytes: zlib.gzipSync(body, { level: 9 }).length });
    const map = JSON.parse(await fs.readFile(`${file}.map`, "utf8")) as { sources: string[]; mappings: string };
    for (const [name, bytes] of bytesBySource(code, map)) bySource.set(cleanName(name), (bySource.get(cleanName(name)) ?? 0) + bytes);
  }
  // Every other script in the build is a chunk loaded on demand (dynamic import).
  const initial = new Set(srcs.map((s) => s.replace(/^\.?\//, "")));
  const lazyScripts = [];
  for (const file of (await fs.readdir(outDir)).filter((f) => f.endsWith(".js") && !initial.has(f)).sort()) {
    const code = Buffer.from((await fs.readFile(path.join(outDir, file), "utf8")).replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, ""), "utf8");
    lazyScripts.push({ file, bytes: code.length, gzipBytes: zlib.gzipSync(code, { level: 9 }).length, groups: groups.get(file) ?? [] });
  }
  const byPackage = new Map<string, number>();
  for (const [name, bytes] of bySource) byPackage.set(packageOf(name), (byPackage.get(packageOf(name)) ?? 0) + bytes);
  const top = (m: Map<string, number>) =>
    [...m]
      .map(([name, bytes]) => ({ name, bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 8);
  return {
    dir: outDir,
    scripts,
    gzipBytes: scripts.reduce((a, s) => a + s.gzipBytes, 0),
    bytes: scripts.reduce((a, s) => a + s.bytes, 0),
    largestModules: top(bySource),
    largestPackages: top(byPackage),
    buildMs: round(ms, 0),
    lazy: { scripts: lazyScripts, bytes: lazyScripts.reduce((a, s) => a + s.bytes, 0), gzipBytes: lazyScripts.reduce((a, s) => a + s.gzipBytes, 0) },
  };
}
