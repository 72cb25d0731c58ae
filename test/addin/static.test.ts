/**
 * Rules for the pane's and the commands' source that are easiest to check on the text: no HTML
 * strings, no network, no alert(), no Danish outside the catalogue, no huge files.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const DIRS = ["src/taskpane", "src/commands"];

async function sources(): Promise<{ file: string; text: string; code: string }[]> {
  const out: { file: string; text: string; code: string }[] = [];
  for (const dir of DIRS) {
    for (const name of await fs.readdir(path.join(ROOT, dir))) {
      if (!/\.(ts|html)$/.test(name)) continue;
      const file = `${dir}/${name}`;
      const text = await fs.readFile(path.join(ROOT, file), "utf8");
      // Comments may quote the UI (»Valider ark«); code and markup may not.
      const code = text
        .replace(/<!--[\s\S]*?-->/g, "")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
      out.push({ file, text, code });
    }
  }
  return out;
}

describe("task pane source rules", () => {
  test("no HTML strings, network calls, eval or alert()", async () => {
    for (const { file, code } of await sources()) {
      for (const banned of [/\binnerHTML\b/, /\bouterHTML\b/, /insertAdjacentHTML/, /document\.write/, /\bfetch\s*\(/, /XMLHttpRequest/, /\bWebSocket\b/, /\bEventSource\b/, /sendBeacon/, /\balert\s*\(/, /\beval\s*\(/, /new Function\b/]) {
        expect({ file, banned: banned.source, found: banned.test(code) }).toEqual({ file, banned: banned.source, found: false });
      }
    }
  });

  test("no Danish text outside src/messages/da.ts", async () => {
    for (const { file, code } of await sources()) {
      const danish = code.split("\n").filter((l) => /[æøåÆØÅ»«]/.test(l));
      expect({ file, danish }).toEqual({ file, danish: [] });
    }
  });

  test("files stay small and free of `any`", async () => {
    for (const { file, text, code } of await sources()) {
      expect({ file, lines: text.split("\n").length < 400 }).toEqual({ file, lines: true });
      expect({ file, any: /(:\s*any\b|as any\b|<any>)/.test(code) }).toEqual({ file, any: false });
    }
  });
});

/**
 * Threaded comments are not in the corpus (docs/dev/taskpane.md »Threaded comments«): they stay
 * because the add-in never touches them. This holds that reason: no Office.js call in src/office or
 * src/commands reaches the comments API (Workbook.comments, ExcelApi 1.10) or clears a range with
 * "All" (Excel.ClearApplyTo: "Clears everything in the range", comments and notes too) or with no
 * argument (whose default is "All").
 */
test("src/office and src/commands never reach comments, never clear with \"All\"", async () => {
  const found: string[] = [];
  for (const dir of ["src/office", "src/commands"]) {
    for (const name of await fs.readdir(path.join(ROOT, dir))) {
      if (!name.endsWith(".ts")) continue;
      const code = (await fs.readFile(path.join(ROOT, dir, name), "utf8")).replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
      for (const banned of [/\.comments\b/, /\bgetComment/, /\.clear\(\s*(?:["'`]All["'`]|Excel\.ClearApplyTo\.all)?\s*\)/]) {
        if (banned.test(code)) found.push(`${dir}/${name}: ${banned.source}`);
      }
    }
  }
  expect(found).toEqual([]);
});
