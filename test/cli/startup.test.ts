/**
 * What the CLI loads at start-up (issue 20, docs/dev/performance.md »CLI«): zod, which only the
 * `--json` document's published schema uses (src/core/json.ts, for the tests and automation), is not
 * loaded by the CLI; the document itself is built without it (src/core/json-document.ts) and still
 * matches the schema. Needs `npm run build:cli` (build/), as the binary's test does.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { StatusJsonSchema } from "../../src/core/json";
import { tempDir } from "../support/cli";

const ROOT = path.join(__dirname, "..", "..");
const MAIN = path.join(ROOT, "build", "cli", "main.js");

/** The packages a node process has loaded after requiring `file`, by name (`zod`, `exceljs`). */
async function packagesLoadedBy(file: string, ...then: string[]): Promise<string[]> {
  const script = `require(${JSON.stringify(file)});${then.join(";")};const s=new Set();for(const k of Object.keys(require.cache)){const m=/node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(k);if(m)s.add(m[1]);}process.stdout.write(JSON.stringify([...s]));`;
  const { stdout } = await promisify(execFile)("node", ["-e", script], { cwd: ROOT });
  return JSON.parse(stdout) as string[];
}

describe("the CLI's start-up", () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build:cli first`);
  });

  it("does not load zod (0.15 s): the engine's index exports the --json document without it", async () => {
    const loaded = await packagesLoadedBy(MAIN);
    // The check sees packages: exceljs is loaded at start, zod is not.
    expect(loaded).toContain("exceljs");
    expect(loaded).not.toContain("zod");
  }, 30_000);

  it("beregn --json prints a document the published zod schema accepts, still without loading zod", async () => {
    const dir = await tempDir();
    const input = path.join(dir, "eksempel.xlsx");
    await (await buildExample(await loadExampleData())).xlsx.writeFile(input);
    const out = path.join(dir, "status.xlsx");
    const script = `require(${JSON.stringify(MAIN)}).main(["beregn", ${JSON.stringify(input)}, "-o", ${JSON.stringify(out)}, "--json"], { out: (t) => process.stdout.write(t), err: () => {} }).then((code) => { process.exitCode = code; process.stdout.write("\\n" + JSON.stringify(Object.keys(require.cache).some((k) => /node_modules[\\\\/]zod[\\\\/]/.test(k)))); })`;
    const { stdout } = await promisify(execFile)("node", ["-e", script], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    const lines = stdout.trim().split("\n");
    const zodLoaded = JSON.parse(lines.pop() as string) as boolean;
    expect(zodLoaded).toBe(false);
    const doc = StatusJsonSchema.parse(JSON.parse(lines.join("\n")));
    expect(doc.forvaltninger.length).toBe(7);
  }, 60_000);
});
