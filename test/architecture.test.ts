/**
 * The engine's boundaries, checked on the real import graph (TypeScript's own resolver,
 * test/support/import-graph.ts): the adapters reach the engine through src/core/index.ts only, and
 * nothing in src/ or scripts/ imports in a circle. See docs/dev/architecture.md.
 */
import { importCircles, importGraph, importsOf, sourceFiles } from "./support/import-graph";

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
