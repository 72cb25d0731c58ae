/**
 * The project's import graph, read with TypeScript's own API (no new dependency): every import,
 * export … from, dynamic import and require of a file, resolved the way the compiler resolves it
 * (tsconfig.json's options). Used by test/architecture.test.ts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";

export const ROOT = path.join(__dirname, "..", "..");

const config = (() => {
  const file = path.join(ROOT, "tsconfig.json");
  const read = ts.readConfigFile(file, (f) => ts.sys.readFile(f));
  return ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, file).options;
})();

/** Every .ts file under `dir` (relative to the root), sorted, with forward slashes. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const name of readdirSync(abs).sort()) {
      const p = path.join(abs, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts")) out.push(path.relative(ROOT, p).split(path.sep).join("/"));
    }
  };
  walk(path.join(ROOT, dir));
  return out;
}

export interface ImportEdge {
  /** The specifier as written. */
  readonly spec: string;
  /** The file it resolves to, relative to the root; undefined for a package or an unresolved name. */
  readonly target: string | undefined;
  /** 1-based line of the import. */
  readonly line: number;
}

/** The imports of one file (relative path), resolved. */
export function importsOf(file: string): ImportEdge[] {
  const abs = path.join(ROOT, file);
  const text = readFileSync(abs, "utf8");
  const info = ts.preProcessFile(text, true, true);
  const lineOf = (pos: number) => text.slice(0, pos).split("\n").length;
  return info.importedFiles.map((ref) => {
    const resolved = ts.resolveModuleName(ref.fileName, abs, config, ts.sys).resolvedModule;
    const inside = resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.includes("/node_modules/");
    const target = inside ? path.relative(ROOT, resolved.resolvedFileName).split(path.sep).join("/") : undefined;
    return { spec: ref.fileName, target, line: lineOf(ref.pos) };
  });
}

/** The graph of `files`: each file to the files (among them) it imports. */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const inside = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const targets = importsOf(f).flatMap((e) => (e.target !== undefined && inside.has(e.target) ? [e.target] : []));
    graph.set(f, [...new Set(targets)].sort());
  }
  return graph;
}

/**
 * The graph's strongly connected components with more than one file, or one file importing itself:
 * every import circle (Tarjan's algorithm, iterative so depth is no limit). Each circle is sorted,
 * and the list is sorted by its first file.
 */
export function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const circles: string[][] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    // Each frame: the node and how many of its edges have been followed.
    const frames: Array<{ node: string; edge: number }> = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          frames.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || edges.includes(frame.node)) circles.push(component.sort());
      }
    }
  }
  return circles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

export interface FunctionSpan {
  readonly file: string;
  /** The function's name: its declaration's, or the variable, property or method it is assigned to. */
  readonly name: string;
  readonly line: number;
  /** Lines from the first of its declaration to the last of its body. */
  readonly lines: number;
}

/** Every function with a body in `file` (declarations, methods, arrow functions, function expressions). */
export function functionsOf(file: string): FunctionSpan[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: FunctionSpan[] = [];
  const nameOf = (node: ts.Node): string => {
    const named = node as ts.Node & { name?: ts.Node };
    if (named.name && !ts.isFunctionExpression(node)) return named.name.getText(source);
    const parent = node.parent as (ts.Node & { name?: ts.Node }) | undefined;
    if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name.getText(source);
    return "<anonymous>";
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node)) && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      out.push({ file, name: nameOf(node), line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** A word found in a file's code (not its comments), with the top-level declaration it is in. */
export interface WordHit {
  readonly file: string;
  /** The top-level declaration's name (»SUMMARY«, »summaryParagraphs«), or »import«/»export«/»?«. */
  readonly declaration: string;
  readonly line: number;
  readonly text: string;
}

/**
 * Where `pattern` matches a file's code: string and template literals, identifiers and regular
 * expressions, never comments (a comment may name a scheme to explain the built-in case).
 */
export function wordsIn(file: string, pattern: RegExp): WordHit[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: WordHit[] = [];
  const TOKENS = new Set([
    ts.SyntaxKind.StringLiteral,
    ts.SyntaxKind.NoSubstitutionTemplateLiteral,
    ts.SyntaxKind.TemplateHead,
    ts.SyntaxKind.TemplateMiddle,
    ts.SyntaxKind.TemplateTail,
    ts.SyntaxKind.Identifier,
    ts.SyntaxKind.PrivateIdentifier,
    ts.SyntaxKind.RegularExpressionLiteral,
  ]);
  const nameOf = (st: ts.Statement): string => {
    if (ts.isVariableStatement(st)) return st.declarationList.declarations.map((d) => d.name.getText(source)).join(",");
    if (ts.isImportDeclaration(st)) return "import";
    if (ts.isExportDeclaration(st)) return "export";
    const named = st as ts.Statement & { name?: ts.Node };
    return named.name ? named.name.getText(source) : "?";
  };
  for (const st of source.statements) {
    const declaration = nameOf(st);
    const visit = (node: ts.Node): void => {
      if (TOKENS.has(node.kind)) {
        const t = node.getText(source);
        const re = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
        for (const m of t.matchAll(re)) {
          out.push({ file, declaration, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: m[0] });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(st);
  }
  return out;
}
