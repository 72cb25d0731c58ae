/**
 * Issue parameters are typed per code (src/core/issues.ts, IssueParamsByCode). The type-level
 * cases live in issue-params.types.ts; this suite compiles that file with TypeScript's API, as
 * `npm run check` does, and also with its `@ts-expect-error` directives removed: then exactly the
 * lines under them must be errors. So every expected error is one, and nothing else is.
 */
import * as path from "node:path";
import ts from "typescript";
import { IssueList, WORKBOOK_SHEET } from "../../src/core/issues";
import { issueMessage } from "../../src/messages/da";

const ROOT = path.join(__dirname, "..", "..");
const CASES = path.join(__dirname, "issue-params.types.ts");
const DIRECTIVE = "// @ts-expect-error";

function options(): ts.CompilerOptions {
  const file = path.join(ROOT, "tsconfig.json");
  const read = ts.readConfigFile(file, (f) => ts.sys.readFile(f));
  // No ambient packages: the cases import only the engine and the catalogue.
  return { ...ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, file).options, noEmit: true, types: [] };
}

/** The 1-based lines of the semantic and syntactic errors in CASES, compiled with `text` as its content. */
function errorLines(text: string): number[] {
  const opts = options();
  const host = ts.createCompilerHost(opts);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError, create) =>
    path.resolve(name) === CASES ? ts.createSourceFile(name, text, version) : read(name, version, onError, create);
  const program = ts.createProgram([CASES], opts, host);
  const source = program.getSourceFile(CASES)!;
  const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  return [...new Set(diagnostics.map((d) => source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1))].sort((a, b) => a - b);
}

/** Every type assertion in a file (`x as T` but `as const`, `<T>x`, `x!`), as `line: text`. */
function casts(file: string): string[] {
  const source = ts.createSourceFile(file, ts.sys.readFile(file)!, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const isConst = ts.isAsExpression(node) && ts.isTypeReferenceNode(node.type) && node.type.typeName.getText(source) === "const";
    const stringOfParam = ts.isCallExpression(node) && node.expression.getText(source) === "String" && /^p\b/.test(node.arguments[0]?.getText(source) ?? "");
    if ((ts.isAsExpression(node) && !isConst) || ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node) || stringOfParam)
      found.push(`${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${node.getText(source).slice(0, 80)}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("typed issue parameters", () => {
  const text = ts.sys.readFile(CASES)!;
  const lines = text.split("\n");
  const expected = lines.flatMap((l, i) => (l.trim() === DIRECTIVE ? [i + 2] : []));

  it("has type-level cases to check", () => {
    expect(expected.length).toBeGreaterThanOrEqual(10);
  });

  it("compiles the right uses, and each wrong one is an expected error", () => {
    expect(errorLines(text)).toEqual([]);
  });

  it("without the directives, exactly the wrong uses are errors", () => {
    const bare = lines.map((l) => (l.trim() === DIRECTIVE ? "" : l)).join("\n");
    expect(errorLines(bare)).toEqual(expected);
  });

  it("leaves the catalogue (src/messages/da.ts) without a cast: no `as` but `as const`, no `!`, no String(p…)", () => {
    expect(casts(path.join(ROOT, "src", "messages", "da.ts"))).toEqual([]);
    // The check sees a cast where there is one.
    expect(casts(__filename).length).toBeGreaterThan(0);
  });

  it("carries the parameters into the message, and gives a code without required parameters empty ones", () => {
    const list = new IssueList();
    list.error("SHEET_MISSING", "Måltal", undefined, { code: "BUF" });
    list.error("EMPTY_WORKBOOK", WORKBOOK_SHEET, undefined);
    list.warning("OUTPUT_NAME_TAKEN", "Status 2025", undefined, { wanted: "Status 2025", used: "Status 2025 (2)" }, "BUF");
    expect(list.items.map((i) => [i.code, i.params, i.unit])).toEqual([
      ["SHEET_MISSING", { code: "BUF" }, undefined],
      ["EMPTY_WORKBOOK", {}, undefined],
      ["OUTPUT_NAME_TAKEN", { wanted: "Status 2025", used: "Status 2025 (2)" }, "BUF"],
    ]);
    expect(issueMessage(list.items[0]!)).toContain("»BUF«");
    expect(issueMessage(list.items[2]!)).toContain("»Status 2025 (2)«");
  });
});
