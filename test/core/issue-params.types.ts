/**
 * Type-level cases for the issue parameters (src/core/issues.ts, IssueParamsByCode): compiled by
 * `tsc -p tsconfig.json` (npm run check) and by test/core/issue-params.test.ts, which also checks
 * that each `@ts-expect-error` below is an error without its directive. Not a jest suite.
 */
import { IssueList, issue, type Issue, type IssueCode, type IssueOf, type IssueParamsByCode } from "../../src/core/issues";
import { issueMessage } from "../../src/messages/da";

const list = new IssueList();

// Every entry of the parameters' map is a code (a code without an entry fails where the map is indexed, in issues.ts).
export const everyEntryIsACode: [Exclude<keyof IssueParamsByCode, IssueCode>] extends [never] ? true : false = true;

// Right: each code with its own parameters; parameters may be left out where none is required.
list.error("SHEET_MISSING", "Måltal", undefined, { code: "BUF" });
list.warning("OUTPUT_NAME_TAKEN", "Status 2025", undefined, { wanted: "Status 2025", used: "Status 2025 (2)" });
list.error("EMPTY_WORKBOOK", "Projektmappe", undefined);
list.error("MAALTAL_MISSING", "Projektmappe", undefined, {});
list.error("HEADER_MISSING", "BUF", "A4", { missing: "status" }, "BUF");
list.error("VALUE_NEGATIVE", "BUF", "B5", { what: "status", value: -3 }, "BUF");
export const literal: Issue = { severity: "warning", code: "OUTPUT_NAME_TAKEN", sheet: "Status 2025", params: { wanted: "Status 2025", used: "Status 2025 (2)" } };
export const built: Issue = issue("error", "YEAR_MISMATCH", "BUF", "D3", { value: 2024, year: 2025 });

// A parameter of another code.
// @ts-expect-error
list.error("SHEET_MISSING", "Måltal", undefined, { sheet: "BUF" });
// A required parameter left out.
// @ts-expect-error
list.error("VALUE_NEGATIVE", "BUF", "B5", { what: "status" });
// The parameters left out where one is required.
// @ts-expect-error
list.error("SHEET_MISSING", "Måltal", undefined);
// A parameter of the wrong type: a number where the sentence quotes a text.
// @ts-expect-error
list.error("SHEET_MISSING", "Måltal", undefined, { code: 7 });
// A parameter given to a code that has none.
// @ts-expect-error
list.error("EMPTY_WORKBOOK", "Projektmappe", undefined, { sheets: 0 });
// A literal value where the code admits only some (a basis the sentence does not know).
// @ts-expect-error
list.warning("VALUE_OUT_OF_SCALE", "BUF", "B5", { scheme: "fleksjob", value: 250, basis: "guess", ref: 26 });
// A scheme's id where the sentence wants a number.
// @ts-expect-error
list.error("STATUS_OVER_FORLOEB", "BUF", "B5", { scheme: "fleksjob", status: "120", forloeb: 98, forloebCell: "C5" });
// An issue written as a literal is checked against its code too.
// @ts-expect-error
export const wrongLiteral: Issue = { severity: "warning", code: "OUTPUT_NAME_TAKEN", sheet: "Status 2025", params: { wanted: "Status 2025" } };
// The factory checks the parameters against the code.
// @ts-expect-error
issue("error", "YEAR_MISMATCH", "BUF", "D3", { value: "2024", year: 2025 });
// Severities stay checked: a code that is only a warning cannot be an error.
// @ts-expect-error
list.error("OUTPUT_NAME_TAKEN", "Status 2025", undefined, { wanted: "Status 2025", used: "Status 2025 (2)" });

// Narrowing the code narrows the parameters.
export function wanted(i: Issue): string | undefined {
  if (i.code === "OUTPUT_NAME_TAKEN") return i.params.wanted;
  // @ts-expect-error
  return i.params.wanted;
}

// The catalogue takes any issue, and a code with its own parameters.
export const texts: string[] = list.items.map((i) => issueMessage(i));
export const one: string = issueMessage({ code: "SHEET_MISSING", params: { code: "BUF" } });
// @ts-expect-error
export const mismatched: string = issueMessage({ code: "SHEET_MISSING", params: { year: 2025 } });
export const typed: IssueOf<"SHEET_MISSING"> = { severity: "error", code: "SHEET_MISSING", sheet: "Måltal", params: { code: "BUF" } };
