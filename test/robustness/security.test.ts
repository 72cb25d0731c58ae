/**
 * Security: nothing leaves the workbook. The built task-pane bundle makes no network call, its
 * page has a Content-Security-Policy that allows scripts only from itself and the Office CDN and
 * no connections at all, the sources never put non-constant text into innerHTML, and no message
 * carries more than sheet, cell and a clipped copy of the offending value.
 * The manifest's least privilege and HTTPS-only rules are tested in test/manifest.test.ts.
 * See docs/dev/security.md.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { calculate, validate } from "../../src/core";
import type { Cell } from "../../src/core/grid";
import { issueMessage } from "../../src/messages/da";
import { gridToExcel } from "./helpers";
import { readXlsx, runCli, tempDir } from "../support/cli";
import { deptSheet, maaltalSheet, sheet, workbook } from "../support/grid";

const ROOT = path.resolve(__dirname, "..", "..");

// ---------------------------------------------------------------------------------------------
// The bundle
// ---------------------------------------------------------------------------------------------

/** APIs that reach the network (or load code that could). Any mention in the bundle fails the test. */
const NETWORK_APIS: readonly { name: string; re: RegExp }[] = [
  { name: "fetch", re: /\bfetch\b/g },
  { name: "XMLHttpRequest", re: /XMLHttpRequest/g },
  { name: "WebSocket", re: /WebSocket/g },
  { name: "navigator.sendBeacon", re: /sendBeacon/g },
  { name: "EventSource", re: /EventSource/g },
  { name: "importScripts", re: /importScripts/g },
  { name: "Worker", re: /\bnew\s+(?:Shared)?Worker\s*\(/g },
  { name: "RTCPeerConnection", re: /RTCPeerConnection/g },
  { name: "serviceWorker", re: /serviceWorker/g },
  { name: "script element", re: /createElement\(\s*["'`]script["'`]\s*\)/g },
  { name: "dynamic import()", re: /\bimport\s*\(/g },
];
const URL_RE = /\b(?:https?|wss?|ftp):\/\/[^\s"'`)<>\\]+/gi;

/**
 * URLs that may appear in the bundle, each with why it is harmless. They are names, not addresses:
 * nothing is ever requested from them. Anything not listed here fails the test.
 */
const ALLOWED_URLS: readonly { prefix: string; why: string }[] = [
  { prefix: "https://appsforoffice.microsoft.com/lib/1/hosted/", why: "office.js itself, the one script the CSP allows from outside" },
  { prefix: "http://www.w3.org/2000/svg", why: "the SVG namespace, for document.createElementNS when drawing icons (FAST/Fluent UI and our own)" },
  { prefix: "http://www.w3.org/1999/xhtml", why: "the HTML namespace (FAST's templating), a DOM name" },
  { prefix: "http://www.w3.org/1999/xlink", why: "the XLink namespace for SVG attributes, a DOM name" },
  { prefix: "http://www.w3.org/1998/Math/MathML", why: "the MathML namespace, a DOM name" },
  { prefix: "http://json-schema.org/draft-04/schema#", why: "zod's toJSONSchema writes it as $schema, an identifier" },
  { prefix: "http://json-schema.org/draft-07/schema#", why: "zod's toJSONSchema writes it as $schema, an identifier" },
  { prefix: "https://json-schema.org/draft/2020-12/schema", why: "zod's toJSONSchema writes it as $schema, an identifier" },
  { prefix: "https://json-schema.org/draft/2019-09/schema", why: "FAST's schema helpers write it as $schema, an identifier" },
  { prefix: "https://fast.design/schemas/", why: "FAST's schema helpers build $id identifiers from it" },
  // The Word writer (docx), in the chunk loaded only for »Download notat (Word)«: names written into the .docx.
  { prefix: "http://schemas.openxmlformats.org/", why: "OOXML namespace and relationship-type names that docx writes into the .docx" },
  { prefix: "http://schemas.microsoft.com/office/", why: "Word's extension namespace names that docx writes into the .docx" },
  { prefix: "http://purl.org/dc/", why: "the Dublin Core namespace names of the .docx's document properties" },
  { prefix: "http://purl.oclc.org/ooxml/", why: "a Strict OOXML relationship-type name docx recognises" },
  { prefix: "http://www.w3.org/2001/XMLSchema-instance", why: "the xsi namespace name in the .docx's document properties" },
  // exceljs's browser build, in the chunk loaded only when the analyst picks the forvaltninger's files
  // or asks for one forvaltning's template (issue 12): XML names and links inside its texts.
  { prefix: "http://www.w3.org/2000/xmlns/", why: "the xmlns namespace name, used by the XML writer exceljs bundles" },
  { prefix: "http://www.w3.org/XML/1998/namespace", why: "the xml: namespace name, used by the XML parser exceljs bundles" },
  { prefix: "https://github.com/exceljs/exceljs/blob/master/UPGRADE-4.0.md", why: "a link in exceljs's error text for its removed streaming API; text, never requested" },
  { prefix: "https://github.com/zloirock/core-js", why: "core-js's copyright and licence note in its metadata object; text, never requested" },
  { prefix: "https://github.com/crypto-browserify/crypto-browserify", why: "a link in an error text of the crypto shim exceljs bundles (sheet-protection hashes); text, never requested" },
  { prefix: "https://github.com/indutny/elliptic", why: "links in error texts of a library inside the crypto shim; text, never requested" },
  { prefix: "https://github.com/uuidjs/uuid#getrandomvalues-not-supported", why: "a link in uuid's error text; text, never requested" },
  { prefix: "https://stuk.github.io/jszip/documentation/howto/read_zip.html", why: "a link in JSZip's error text for a file that is no zip; text, never requested" },
  {
    prefix: "https://answers.microsoft.com/en-us/msoffice/forum/all/does-word-support-more-than-9-list-levels/",
    why: "a link inside docx's error text for lists deeper than nine levels; text, never requested (the notat's list has one level)",
  },
];

/**
 * Network-capable code that may appear once, where the marker shows what it is. webpack's chunk
 * loader adds a <script> for the add-in's own on-demand chunk (the Word writer, »Download notat (Word)«),
 * from the add-in's own origin; the CSP (script-src 'self' and the Office CDN) allows nothing else.
 */
const ALLOWED_CODE: readonly { name: string; marker: string; why: string }[] = [
  { name: "script element", marker: '"data-webpack"', why: "webpack's chunk loader for the add-in's own chunks" },
];

/**
 * Mentions of network-capable names that are provably something else, by the exact code around them:
 * the setImmediate polyfill inside exceljs's browser build (the collect chunk) feature-tests for a
 * worker (`!x.importScripts`) and, on old Internet Explorer, creates a <script> element *without a
 * src* only to get its `onreadystatechange` event. Nothing is loaded.
 */
const HARMLESS_SHAPES: readonly { name: string; re: RegExp; why: string }[] = [
  { name: "importScripts", re: /&&!\w+\.importScripts(?:&&|\))/y, why: "a feature test (is this a worker?) in the setImmediate polyfill" },
  { name: "script element", re: /"onreadystatechange"in \w+(?:\.document)?\.createElement\("script"\)/y, why: "a feature test for the event in the setImmediate polyfill" },
  { name: "script element", re: /\w+(?:\.document)?\.createElement\("script"\);\w+\.onreadystatechange=function/y, why: "an element without src, used only for its readystatechange event (setImmediate polyfill)" },
];

/** True when the match at `index` is one of the harmless shapes (the shape may start up to 40 characters before it). */
function harmless(name: string, code: string, index: number): boolean {
  return HARMLESS_SHAPES.some((h) => {
    if (h.name !== name) return false;
    for (let start = Math.max(0, index - 40); start <= index; start++) {
      h.re.lastIndex = start;
      const m = h.re.exec(code);
      if (m && m.index + m[0].length > index) return true;
    }
    return false;
  });
}

export interface Finding {
  readonly file: string;
  readonly what: string;
  readonly context: string;
}

/** Every network API mention and every URL not on the allow-list, with some context. */
export function scanBundle(file: string, code: string): Finding[] {
  const findings: Finding[] = [];
  const context = (i: number, len: number) => code.slice(Math.max(0, i - 40), i + len + 40).replace(/\s+/g, " ");
  for (const { name, re } of NETWORK_APIS) {
    const matches = [...code.matchAll(re)];
    if (matches.length === 1 && ALLOWED_CODE.some((a) => a.name === name && code.includes(a.marker))) continue;
    for (const m of matches) if (!harmless(name, code, m.index ?? 0)) findings.push({ file, what: name, context: context(m.index ?? 0, m[0].length) });
  }
  for (const m of code.matchAll(URL_RE)) {
    if (!ALLOWED_URLS.some((a) => m[0].startsWith(a.prefix))) findings.push({ file, what: `URL ${m[0]}`, context: context(m.index ?? 0, m[0].length) });
  }
  return findings;
}

/**
 * dist/ when it holds a production build (hashed names, no source maps; `npm test` builds it first);
 * else — or with JOBSTATUS_FRESH_BUNDLE=1 — a fresh production build in a temp dir.
 */
async function productionBuild(): Promise<{ dir: string; fresh: boolean }> {
  const dist = path.join(ROOT, "dist");
  const files = existsSync(dist) ? readdirSync(dist) : [];
  const js = files.filter((f) => f.endsWith(".js"));
  const isProduction = files.includes("taskpane.html") && js.length > 0 && js.every((f) => /\.[0-9a-f]{8}\.js$/.test(f)) && !files.some((f) => f.endsWith(".map"));
  if (isProduction && !process.env.JOBSTATUS_FRESH_BUNDLE) return { dir: dist, fresh: false };
  // No usable dist/: build it here with webpack's Node API, into a temp dir (dist/ is left alone).
  const dir = mkdtempSync(path.join(tmpdir(), "jobstatus-bundle-"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require("webpack") as typeof import("webpack");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js")) as (env: object, argv: { mode: string }) => Promise<import("webpack").Configuration>;
  const config = await makeConfig({}, { mode: "production" });
  config.output = { ...config.output, path: dir };
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) reject(err);
      else if (!stats || stats.hasErrors()) reject(new Error(`The add-in does not build:\n${stats?.toString("errors-only") ?? ""}`));
      else resolve();
    }),
  );
  return { dir, fresh: true };
}

describe("the built task pane", () => {
  let build: { dir: string; fresh: boolean };
  beforeAll(async () => {
    build = await productionBuild();
  }, 600_000); // a webpack build on a loaded machine: generous, as the tests must not depend on its speed
  afterAll(() => {
    if (build?.fresh) rmSync(build.dir, { recursive: true, force: true });
  });

  it("contains no network call and no URL except harmless, listed names", () => {
    const bundles = readdirSync(build.dir).filter((f) => f.endsWith(".js"));
    expect(bundles.length).toBeGreaterThan(0);
    const findings = bundles.flatMap((f) => scanBundle(f, readFileSync(path.join(build.dir, f), "utf8")));
    expect(findings).toEqual([]);
  });

  it("every page has a CSP: scripts only from itself and the Office CDN, no connections, no plugins", () => {
    const pages = readdirSync(build.dir).filter((f) => f.endsWith(".html"));
    expect(pages).toContain("taskpane.html");
    for (const page of pages) {
      const html = readFileSync(path.join(build.dir, page), "utf8");
      const meta = /<meta\s+http-equiv=["']?Content-Security-Policy["']?\s+content="([^"]*)"\s*\/?>/i.exec(html);
      expect(meta).not.toBeNull();
      const directives = new Map(
        (meta?.[1] ?? "")
          .split(";")
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name as string, values]),
      );
      expect(directives.get("script-src")?.sort()).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
      expect(directives.get("connect-src")).toEqual(["'none'"]);
      expect(directives.get("default-src")).toEqual(["'self'"]);
      expect(directives.get("object-src")).toEqual(["'none'"]);
      expect(directives.get("base-uri")).toEqual(["'none'"]);
      // The policy must come before anything it governs.
      expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.search(/<script/i));
      // Every script is the page's own or office.js, and none is inline.
      for (const s of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)) {
        const src = /\bsrc=["']?([^"'\s>]+)/i.exec(s[1] ?? "")?.[1];
        expect(src).toBeDefined();
        expect(src === "https://appsforoffice.microsoft.com/lib/1/hosted/office.js" || !/^[a-z]+:|^\/\//i.test(src ?? "")).toBe(true);
        expect((s[2] ?? "").trim()).toBe("");
      }
    }
  });
});

describe("the bundle scanner itself", () => {
  it("finds every kind of network call and unknown URL, and lets the listed names through", () => {
    const sample = [
      'fetch("https://angriber.example/x")',
      "window.fetch(u)",
      "new XMLHttpRequest",
      'new WebSocket("wss://x.example")',
      "navigator.sendBeacon(u,d)",
      "new EventSource(u)",
      'importScripts("a.js")',
      'new Worker("w.js")',
      'document.createElement("script")',
      'import("./chunk.js")',
      'const ns="http://www.w3.org/2000/svg"',
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
    ].join(";");
    const what = scanBundle("sample.js", sample).map((f) => f.what);
    expect(what).toEqual(
      expect.arrayContaining(["fetch", "XMLHttpRequest", "WebSocket", "navigator.sendBeacon", "EventSource", "importScripts", "Worker", "script element", "dynamic import()", "URL https://angriber.example/x", "URL wss://x.example"]),
    );
    expect(what.filter((w) => w === "fetch")).toHaveLength(2);
    expect(what.some((w) => w.includes("w3.org") || w.includes("appsforoffice"))).toBe(false);
  });

  it("lets through only the exact harmless shapes of the setImmediate polyfill, not a script element that loads something", () => {
    const polyfill =
      'a.addEventListener&&h(a.postMessage)&&!a.importScripts&&n;"onreadystatechange"in e.document.createElement("script")?function(){var t=e.document.createElement("script");t.onreadystatechange=function(){}}:0';
    expect(scanBundle("polyfill.js", polyfill)).toEqual([]);
    const loader = 'var s=document.createElement("script");s.src=u;document.head.appendChild(s);if(self.importScripts)importScripts(u)';
    expect(scanBundle("loader.js", loader).map((f) => f.what)).toEqual(["importScripts", "importScripts", "script element"]);
  });
});

// ---------------------------------------------------------------------------------------------
// innerHTML in the sources
// ---------------------------------------------------------------------------------------------

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** A plain string literal without interpolation: constant HTML. */
const CONSTANT = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`$]*`)$/s;

/** HTML sinks fed with anything but a constant, as `file:line: code`. */
export function htmlSinks(file: string, source: string): string[] {
  const found: string[] = [];
  const line = (i: number) => source.slice(0, i).split("\n").length;
  for (const m of source.matchAll(/\.(innerHTML|outerHTML)\s*(\+?=)(?!=)\s*([^;]+?)\s*;/gs)) {
    if (m[2] === "+=" || !CONSTANT.test((m[3] ?? "").trim())) found.push(`${file}:${line(m.index ?? 0)}: ${m[0].trim()}`);
  }
  for (const m of source.matchAll(/\b(insertAdjacentHTML|createContextualFragment|setHTMLUnsafe|document\.write(?:ln)?)\s*\(([^;]*)/g)) {
    const args = m[2] ?? "";
    const last = args.split(",").slice(m[1] === "insertAdjacentHTML" ? 1 : 0).join(",").replace(/\)\s*$/, "").trim();
    if (!CONSTANT.test(last)) found.push(`${file}:${line(m.index ?? 0)}: ${m[0].trim()}`);
  }
  for (const m of source.matchAll(/\.srcdoc\s*=/g)) found.push(`${file}:${line(m.index ?? 0)}: srcdoc`);
  return found;
}

describe("the sources", () => {
  it("never put non-constant text into innerHTML (or any other HTML sink) in src/**/*.ts", () => {
    const files = sourceFiles(path.join(ROOT, "src"));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) => htmlSinks(path.relative(ROOT, f), readFileSync(f, "utf8")));
    expect(found).toEqual([]);
  });

  it("the scan finds non-constant HTML and lets constants through", () => {
    const sample = [
      "el.innerHTML = name;",
      "el.innerHTML = `<b>${name}</b>`;",
      'el.innerHTML += "<br>";',
      'el.outerHTML = "<p>" + x + "</p>";',
      'el.insertAdjacentHTML("beforeend", html);',
      "document.write(x);",
      'el.innerHTML = "";',
      "el.innerHTML = '<p>fast tekst</p>';",
      'el.insertAdjacentHTML("beforeend", "<hr>");',
      "if (el.innerHTML === x) {}",
    ].join("\n");
    expect(htmlSinks("sample.ts", sample).map((s) => s.split(":")[1])).toEqual(["1", "2", "3", "4", "5", "6"]);
  });
});

describe("the manifest", () => {
  it("is covered by test/manifest.test.ts: ReadWriteDocument, no AppDomains, https only", () => {
    const t = readFileSync(path.join(ROOT, "test", "manifest.test.ts"), "utf8");
    expect(t).toContain("<Permissions>ReadWriteDocument<\\/Permissions>");
    expect(t).toContain("not.toMatch(/<AppDomains?>/)");
    expect(t).toContain('it("an AppDomain"');
    expect(t).toContain('it("a weaker permission than ReadWriteDocument"');
    expect(t).toContain('it("an http:// URL"');
  });
});

// ---------------------------------------------------------------------------------------------
// Person data
// ---------------------------------------------------------------------------------------------

describe("person data", () => {
  const CPR = "010190-1234";
  const NAME = "Jens Peter Hansen";
  const NOTE = `Bemærkning: ${NAME} (${CPR}) er i fleksjob`;
  const LONG = `${NAME} ${CPR} `.repeat(2_000);

  /** Column D (»Bemærkninger«) of a department sheet holds notes about persons; the tool never reads it. */
  const withNotes = (rows: readonly (readonly Cell[])[]): Cell[][] =>
    rows.map((r, i) => {
      const row = [...r];
      if (i === 3) row[3] = "Bemærkninger";
      else if (i > 3) row[3] = NOTE;
      return row;
    });

  /** A broken workbook with person data in cells the tool does not read, and in cells it complains about. */
  function workbookWithPersonData() {
    const dept = deptSheet("AAA", 2025, { fleksjob: LONG, smaajob: `${NAME}` });
    return workbook(maaltalSheet([["AAA", 50, 40, 5]]), { ...dept, values: withNotes(dept.values) }, sheet("Noter", [[NOTE], [CPR, NAME]]));
  }

  it("issue messages carry at most sheet, cell and a clipped copy of the offending value", () => {
    const issues = validate(workbookWithPersonData()).issues;
    expect(issues.map((i) => `${i.code}@${i.cell}`)).toEqual(["VALUE_NOT_NUMBER@B7", "TEXT_TOO_LONG@B8"]);
    for (const i of issues) {
      const m = issueMessage(i);
      expect(m).not.toContain(CPR);
      expect(m).not.toContain(NOTE);
      expect(m.length).toBeLessThan(300);
    }
    // The value the user must fix is shown, clipped to 40 characters at most.
    const notNumber = issueMessage(issues[0]!);
    expect(notNumber).toContain(`»${NAME}«`);
  });

  it("the CLI's output (text, JSON and the written report) holds no person data from cells it does not read", async () => {
    const dir = await tempDir();
    try {
      const file = path.join(dir, "persondata.xlsx");
      await gridToExcel(workbookWithPersonData()).xlsx.writeFile(file);
      const runs = [await runCli("valider", file), await runCli("valider", file, "--json"), await runCli("beregn", file, "-o", path.join(dir, "ud.xlsx"))];
      for (const r of runs) {
        const all = r.stdout + r.stderr;
        expect(all).not.toContain(CPR);
        expect(all.length).toBeLessThan(3_000);
      }
      // A valid workbook with the same notes: the report sheet carries none of them.
      const ok = workbook(maaltalSheet([["AAA", 50, 40, 5]]), { ...deptSheet("AAA", 2025), values: withNotes(deptSheet("AAA", 2025).values) });
      const okFile = path.join(dir, "ok.xlsx");
      await gridToExcel(ok).xlsx.writeFile(okFile);
      const out = path.join(dir, "ok-status.xlsx");
      const run = await runCli("beregn", okFile, "-o", out, "--json");
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain(CPR);
      const report = calculate(ok).report!;
      expect(JSON.stringify(report.values)).not.toContain(CPR);
      const ws = (await readXlsx(out)).getWorksheet("Status 2025")!;
      ws.eachRow((row) => row.eachCell((c) => expect(String(c.value)).not.toContain(CPR)));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
