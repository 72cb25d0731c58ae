/**
 * The engine's boundaries, checked on the real import graph (TypeScript's own resolver,
 * test/support/import-graph.ts): the adapters reach the engine through src/core/index.ts only, and
 * nothing in src/ or scripts/ imports in a circle, and no engine function is long (named stages
 * instead). See docs/dev/architecture.md.
 */
import { BUILTIN_YEARS, builtinRulebook, type Rulebook } from "../src/core/rulebook";
import { functionsOf, importCircles, importGraph, importsOf, sourceFiles, wordsIn } from "./support/import-graph";

/** The adapters: everything that turns a host or a file into the engine's grids and renders its layouts. */
const ADAPTERS = ["src/cli", "src/office", "src/taskpane", "src/word", "src/commands", "src/xlsx", "scripts"];
const INDEX = "src/core/index.ts";

describe("the engine's one door", () => {
  const files = ADAPTERS.flatMap((dir) => sourceFiles(dir));

  it("finds the adapters' files and their imports of the engine", () => {
    expect(files).toEqual(expect.arrayContaining(["src/cli/main.ts", "src/office/operations.ts", "src/taskpane/taskpane.ts", "src/word/notat-docx.ts", "src/xlsx/read-grid.ts", "scripts/bench/engine.ts"]));
    // The resolver sees through "../core" to the index (a dead check would pass anything).
    expect(importsOf("src/cli/main.ts").map((e) => e.target)).toContain(INDEX);
  });

  it("adapters import src/core only through src/core/index.ts", () => {
    const past = files.flatMap((f) =>
      importsOf(f)
        .filter((e) => e.target !== undefined && e.target.startsWith("src/core/") && e.target !== INDEX)
        .map((e) => `${f}:${e.line} imports "${e.spec}" (${e.target}); import it from the engine's index instead`),
    );
    expect(past).toEqual([]);
  });
});

describe("import circles", () => {
  it("the circle finder finds circles, self-imports and nothing else", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c", "d"]],
      ["c", ["a"]],
      ["d", ["e"]],
      ["e", []],
      ["f", ["f"]],
      ["g", ["e", "a"]],
    ]);
    expect(importCircles(graph)).toEqual([["a", "b", "c"], ["f"]]);
    expect(importCircles(new Map([["x", ["y"]], ["y", []]]))).toEqual([]);
  });

  it("nothing in src/ or scripts/ imports in a circle (type-only and on-demand imports count)", () => {
    const files = [...sourceFiles("src"), ...sourceFiles("scripts")];
    const graph = importGraph(files);
    // The graph is the real one: the engine's index reaches the calculation.
    expect(graph.get(INDEX)).toEqual(expect.arrayContaining(["src/core/compute.ts", "src/core/workbook.ts"]));
    expect(importCircles(graph)).toEqual([]);
  });
});

describe("long functions in the engine", () => {
  /** Over this many lines, a function of src/core must be split into named stages (issue 22: »about 60«). No exceptions. */
  const LIMIT = 60;
  const spans = sourceFiles("src/core").flatMap((f) => functionsOf(f));

  it("reads every function of the engine with its length", () => {
    // The measure is real: the public door's calculate is found, with a plausible length.
    const calculate = spans.find((s) => s.file === "src/core/index.ts" && s.name === "calculate");
    expect(calculate?.lines).toBeGreaterThan(5);
    expect(spans.length).toBeGreaterThan(100);
  });

  it(`has no function over ${LIMIT} lines`, () => {
    const long = spans.filter((s) => s.lines > LIMIT).map((s) => `${s.file}:${s.line} ${s.name}: ${s.lines} lines, over ${LIMIT}; split it into named stages`);
    expect(long).toEqual([]);
  });

  it("measures the stages split out in issue 22: each a real function within the limit", () => {
    // The three split in issue 22 are now stages of their own, each within the limit.
    const stage = (file: string, name: string) => spans.find((s) => s.file === file && s.name === name);
    for (const [file, name] of [
      ["src/core/department.ts", "parseDepartment"],
      ["src/core/department.ts", "readTableRow"],
      ["src/core/report.ts", "buildReport"],
      ["src/core/report.ts", "reportFootnotes"],
      ["src/core/summary.ts", "summaryParagraphs"],
      ["src/core/summary.ts", "samletParagraph"],
    ] as const) {
      const span = stage(file, name);
      expect(span?.lines).toBeGreaterThan(10);
      expect(span?.lines).toBeLessThanOrEqual(LIMIT);
    }
  });
});

describe("nothing outside the built-in rulebooks' data names a scheme (issue 22)", () => {
  /**
   * The schemes' names: every id, name and row label of the built-in rulebooks (»løntilskud«,
   * »loentilskud«, »småjob«, …), found case-insensitively in code (strings, template text,
   * identifiers, regular expressions; not comments, which may explain the built-in case).
   */
  const books = BUILTIN_YEARS.map((y) => builtinRulebook(y) as Rulebook);
  const words = [...new Set(books.flatMap((b) => b.schemes.flatMap((s) => [s.id, s.name, ...s.labels].map((w) => w.toLocaleLowerCase("da-DK")))))].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "giu");

  /** Whole files that are the built-in rulebooks' data, or data of the built-in years. */
  const DATA_FILES: Readonly<Record<string, string>> = {
    "src/core/rulebook.ts": "the built-in rulebooks themselves: the one place a scheme is named",
    "src/cli/example.ts": "the example workbook (`jobstatus eksempel`): a built-in year's figures as the forvaltninger type them",
  };
  /**
   * Declarations that still name a built-in scheme, each with why and at most how many times. The
   * list only shrinks: a count over its limit fails, and an entry that no longer names one fails
   * too, so it is taken off.
   */
  const BUILTIN_TEXT = "the built-in years' own wording (the real notat's, pinned by the golden notat), used only for a rulebook of a built-in shape (followsBuiltin); a rulebook of its own gets the texts per measure (RULES, rule-texts.ts, summary-rules.ts)";
  const STILL_NAMED: Readonly<Record<string, { readonly max: number; readonly why: string }>> = {
    "src/messages/da.ts REPORT": { max: 31, why: BUILTIN_TEXT },
    "src/messages/da.ts SUMMARY": { max: 14, why: BUILTIN_TEXT },
    "src/messages/da.ts NOTAT": { max: 16, why: BUILTIN_TEXT },
    "src/messages/da.ts NOTAT_FIELD_LABELS": { max: 7, why: "the Indstillinger labels of the built-in targets' adoption dates (»Måltal for fleksjob vedtaget«), as HR types them" },
    "src/messages/da.ts PANE": { max: 3, why: `the pane's result view for the built-in groups (names of the combined target; a gap's unit follows the measure since issue 22h); ${BUILTIN_TEXT}` },
    "src/messages/da.ts UI": { max: 7, why: `the pane's result view for the built-in groups; ${BUILTIN_TEXT}` },
    "src/messages/da.ts TEMPLATE": { max: 21, why: "the template of the built-in years — a rulebook of its own names its schemes itself (test/cli/skabelon-regelsaet.test.ts, test/cli/rulebook-proof.test.ts)" },
    "src/messages/da.ts FORVALTNING_TEMPLATE": { max: 1, why: "the forvaltning's template of the built-in years — a rulebook of its own names its schemes itself (test/cli/skabelon-regelsaet.test.ts, test/cli/rulebook-proof.test.ts)" },
    "src/messages/da.ts COLLECT": { max: 6, why: "saml's key figures for the built-in years (samlet, fleksjob) — a rulebook of its own names its schemes itself (test/cli/skabelon-regelsaet.test.ts, test/cli/rulebook-proof.test.ts)" },
    "src/messages/da.ts COLLECT_PANE": { max: 5, why: "the pane's collect view of the built-in years' key figures — a rulebook of its own names its schemes itself (test/cli/skabelon-regelsaet.test.ts, test/cli/rulebook-proof.test.ts)" },
    "src/core/notat.ts ADOPTED_FIELD": { max: 2, why: "the built-in targets' adoption-date fields on Indstillinger, by their keys in NOTAT_FIELD_LABELS (»vedtagetFleksjob«)" },
    "src/core/collect.ts KeyFigures": { max: 1, why: "saml's key figures of the built-in years — a rulebook of its own names its schemes itself (test/cli/skabelon-regelsaet.test.ts, test/cli/rulebook-proof.test.ts)" },
    "src/core/collect.ts BUILTIN_KEY_GROUPS": { max: 1, why: "saml's key figures of the built-in years — a rulebook of its own names its schemes itself (test/cli/skabelon-regelsaet.test.ts, test/cli/rulebook-proof.test.ts)" },
    "src/core/collect.ts figuresOf": { max: 2, why: "saml's key figures of the built-in years — a rulebook of its own names its schemes itself (test/cli/skabelon-regelsaet.test.ts, test/cli/rulebook-proof.test.ts)" },
    "src/core/collect.ts plausibilityText": { max: 1, why: "saml's key figures of the built-in years — a rulebook of its own names its schemes itself (test/cli/skabelon-regelsaet.test.ts, test/cli/rulebook-proof.test.ts)" },
    "src/cli/saml.ts toJson": { max: 2, why: "saml's --json key figures of the built-in years — a rulebook of its own names its schemes itself (test/cli/skabelon-regelsaet.test.ts, test/cli/rulebook-proof.test.ts)" },
    "src/core/template.ts settingsTemplate": { max: 2, why: "the weights table of the built-in years' template — a rulebook of its own names its schemes itself (test/cli/skabelon-regelsaet.test.ts, test/cli/rulebook-proof.test.ts)" },
    "src/core/forvaltning-template.ts forvaltningTemplate": { max: 5, why: "the forvaltning's template of the built-in years — a rulebook of its own names its schemes itself (test/cli/skabelon-regelsaet.test.ts, test/cli/rulebook-proof.test.ts)" },
    "src/office/selftest.ts largestBandLayout": { max: 1, why: "sample data: the Selvtest writes a large sheet of made-up rows to time Excel" },
  };

  const hits = sourceFiles("src")
    .filter((f) => !(f in DATA_FILES))
    .flatMap((f) => wordsIn(f, pattern));
  const counts = new Map<string, number>();
  for (const h of hits) counts.set(`${h.file} ${h.declaration}`, (counts.get(`${h.file} ${h.declaration}`) ?? 0) + 1);

  it("takes the names from the built-in rulebooks and finds them in code, not in comments", () => {
    expect(words).toEqual(expect.arrayContaining(["virksomhedspraktik", "løntilskud", "loentilskud", "småjob", "smaajob", "fleksjob", "fritidsjob"]));
    // The data file names them (a dead scan would pass anything) …
    expect(wordsIn("src/core/rulebook.ts", pattern).length).toBeGreaterThan(20);
    // … and a comment naming one is no hit: labels.ts explains the built-in matching in comments only.
    expect(wordsIn("src/core/labels.ts", pattern)).toEqual([]);
  });

  it("names a scheme in src/ only in the built-in rulebooks' data and the declarations still listed", () => {
    const over = [...counts].filter(([k, n]) => n > (STILL_NAMED[k]?.max ?? 0));
    const where = over.map(([k, n]) => {
      const lines = hits.filter((h) => `${h.file} ${h.declaration}` === k).map((h) => `${h.line}:${h.text}`);
      return `${k}: names a scheme ${n} times (${lines.join(", ")}); take the name from the rulebook in use (a message's params, rulebook.ts) instead`;
    });
    expect(where).toEqual([]);
  });

  it("the list of declarations still naming a scheme only shrinks", () => {
    expect(Object.keys(STILL_NAMED).filter((k) => !counts.has(k)).map((k) => `${k}: names no scheme any more; take it off STILL_NAMED`)).toEqual([]);
    for (const entry of Object.values(STILL_NAMED)) expect(entry.why.length).toBeGreaterThan(20);
  });
});
