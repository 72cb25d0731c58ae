/**
 * The docs and the code are one truth (issue 9, class 8): the user guide's table of messages and
 * the catalogue of bad inputs are tested against the codes, severities and texts in the code, so
 * they cannot drift apart.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { ISSUE_CODES, ISSUE_SEVERITY, type IssueCode, type Severity } from "../src/core/issues";
import { CLI, issueMessage } from "../src/messages/da";

const ROOT = path.join(__dirname, "..");
const read = (file: string): Promise<string> => fs.readFile(path.join(ROOT, file), "utf8");

/** »Fejl«, »Advarsel«, »Fejl (eller Advarsel)« → the severities they name. */
function severitiesIn(text: string): Severity[] {
  const out: Severity[] = [];
  if (/fejl/i.test(text)) out.push("error");
  if (/advarsel/i.test(text)) out.push("warning");
  return out;
}

const isCode = (c: string): c is IssueCode => (ISSUE_CODES as readonly string[]).includes(c);

describe("docs/brugervejledning.md section 4 and the code", () => {
  let rows: { code: string; type: string }[];
  beforeAll(async () => {
    const guide = await read("docs/brugervejledning.md");
    const start = guide.indexOf("## 4. Fejlmeddelelser");
    const section = guide.slice(start, guide.indexOf("\n## ", start + 1));
    rows = [...section.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)].map((m) => ({ code: m[1] as string, type: (m[2] as string).trim() }));
  });

  test("lists every issue code exactly once, and no code the engine does not have", () => {
    const listed = rows.map((r) => r.code);
    expect([...listed].sort()).toEqual([...ISSUE_CODES].sort());
  });

  test("gives each code the severities the code declares (ISSUE_SEVERITY)", () => {
    const wrong = rows.filter((r) => isCode(r.code) && severitiesIn(r.type).sort().join() !== [...ISSUE_SEVERITY[r.code]].sort().join());
    expect(wrong).toEqual([]);
  });

  test("every code has a Danish sentence that says what to do (src/messages/da.ts)", () => {
    for (const code of ISSUE_CODES) expect(issueMessage({ code, params: {} }).length).toBeGreaterThan(20);
  });
});

describe("docs/fejlkatalog.md and the code", () => {
  let text: string;
  beforeAll(async () => {
    text = await read("docs/fejlkatalog.md");
  });

  test("names no code the engine does not have", () => {
    const named = [...text.matchAll(/`([A-Z]+_[A-Z_]+)`/g)].map((m) => m[1] as string);
    expect(named.filter((c) => !isCode(c))).toEqual([]);
  });

  test("gives each case whose answer is one code a severity that code can have", () => {
    const wrong: string[] = [];
    for (const m of text.matchAll(/^\| (K\d+) \| [^|]+ \| `([A-Z_]+)`([^|]*) \| (Fejl|Advarsel) \|/gm)) {
      const [, id, code, rest, alvor] = m as unknown as [string, string, string, string, string];
      if (!isCode(code) || /`[A-Z_]{5,}`/.test(rest)) continue; // several codes: the strongest decides
      const declared: readonly Severity[] = ISSUE_SEVERITY[code];
      if (!declared.includes(alvor === "Fejl" ? "error" : "warning")) wrong.push(`${id} ${code} ${alvor}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("the CLI's documented behaviour and its texts", () => {
  test("the guide says what -o does with an existing file as the code does (refused without --overskriv)", async () => {
    const guide = await read("docs/brugervejledning.md");
    expect(guide).not.toMatch(/Findes uddatafilen i forvejen, bliver den overskrevet/);
    expect(guide).toContain("--overskriv");
    expect(CLI.usage).toContain("--overskriv");
    expect(CLI.outputExists("x.xlsx")).toContain("--overskriv");
  });

  test("the docs say what the code does with problems on the previous-year sheet (Tabel 2 is left out, the rest is written)", async () => {
    const format = await read("docs/arbejdsbog-format.md");
    expect(format).not.toMatch(/En fejl på arket Forrige år stopper/);
    expect([...ISSUE_SEVERITY.PREVIOUS_LEFT_OUT]).toEqual(["warning"]);
    expect([...ISSUE_SEVERITY.PREVIOUS_YEAR_MISMATCH]).toEqual(["warning"]);
  });
});
