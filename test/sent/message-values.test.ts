/**
 * Every message renders a value as the user typed it (issue 19, item 6): never »[object Object]«,
 * »undefined« or »NaN«, whatever the parameters hold. (Control characters in a typed value are kept
 * here and made safe where text leaves: test/security/output.test.ts.) Every issue code is
 * rendered with hostile values in every parameter (a proxy answers every key), and the values the
 * engine passes are rendered as typed (a date as a date).
 */
import { ISSUE_CODES, type IssueParams } from "../../src/core/issues";
import { shownValue } from "../../src/core/read-cell";
import { issueMessage } from "../../src/messages/da";

const HOSTILE: readonly [string, unknown][] = [
  ["missing", undefined],
  ["NaN", NaN],
  ["Infinity", Infinity],
  ["-Infinity", -Infinity],
  ["an object (a date cell)", { date: 45838 }],
  ["an error object", { error: "#REF!" }],
  ["null", null],
  ["control characters", "a\u0000b\u0007c\u001bd"],
  ["empty text", ""],
];

/** Parameters where every key holds `value` (the message functions read whichever keys they need). */
const everyKey = (value: unknown): IssueParams =>
  new Proxy({} as IssueParams, { get: (_t, k) => (typeof k === "string" ? value : undefined), has: () => value !== undefined });

describe("every issue message renders hostile parameter values cleanly", () => {
  test.each(ISSUE_CODES.flatMap((code) => HOSTILE.map(([name, value]) => [code, name, value] as const)))("%s with %s", (code, _name, value) => {
    const text = issueMessage({ code, params: everyKey(value) });
    expect(text.length).toBeGreaterThan(20);
    expect(text).not.toMatch(/\[object |undefined|NaN|Infinity|null/);
  });
});

describe("a cell's value in a message, as the user sees it", () => {
  test.each([
    [{ date: 45838 }, "30-06-2025"],
    [12.5, "12,5"],
    [1048, "1.048"],
    [true, "SAND"],
    [{ error: "#DIV/0!" }, "#DIV/0!"],
    ["  juni\n2025 ", "juni 2025"],
    [NaN, ""],
    [null, ""],
  ] as const)("%p → %p", (cell, shown) => expect(shownValue(cell as never)).toBe(shown));
});
