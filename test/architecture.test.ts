/**
 * The engine's boundaries, checked on the real import graph (TypeScript's own resolver,
 * test/support/import-graph.ts): the adapters reach the engine through src/core/index.ts only, and
 * nothing in src/ or scripts/ imports in a circle, and no engine function is long (named stages
 * instead). See docs/dev/architecture.md.
 */
import { functionsOf, importCircles, importGraph, importsOf, sourceFiles } from "./support/import-graph";

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
