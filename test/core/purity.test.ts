/**
 * The engine is pure: src/core takes grids and returns results and layouts, and imports nothing but
 * itself, the message catalogue and zod — never exceljs, docx, Office.js, the DOM or Node's APIs.
 * The adapters (src/cli, src/word, src/office, src/taskpane) render what it returns.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

const CORE = path.join(__dirname, "..", "..", "src", "core");
const ALLOWED = [/^\.\.?\//, /^\.\.\/messages\/da$/, /^zod$/];

it("src/core imports only itself, the message catalogue and zod", () => {
  const files = readdirSync(CORE).filter((f) => f.endsWith(".ts"));
  expect(files.length).toBeGreaterThan(10);
  const foreign: string[] = [];
  for (const f of files) {
    const src = readFileSync(path.join(CORE, f), "utf8");
    for (const m of src.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\("([^"]+)"\)|require\("([^"]+)"\)/g)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? "";
      const ok = spec.startsWith("../") ? spec === "../messages/da" : ALLOWED.some((r) => r.test(spec));
      if (!ok) foreign.push(`${f}: ${spec}`);
    }
  }
  expect(foreign).toEqual([]);
});

it("src/core uses no host globals (Office, Excel, document, window, process)", () => {
  const uses: string[] = [];
  for (const f of readdirSync(CORE).filter((x) => x.endsWith(".ts"))) {
    const code = readFileSync(path.join(CORE, f), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    for (const g of ["Office.", "Excel.", "document.", "window.", "process."]) if (code.includes(g)) uses.push(`${f}: ${g}`);
  }
  expect(uses).toEqual([]);
});
