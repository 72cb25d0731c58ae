/**
 * Protected sheets and read-only workbooks (issue 10, defect 3): validation still lists every issue,
 * marks what it may, and says where it could not. Both clients.
 */
import { PLANTED_ERRORS } from "../../src/cli/example";
import { UI } from "../../src/messages/da";
import { newSession, validateWorkbook } from "../../src/office/operations";
import { Controller } from "../../src/taskpane/controller";
import { initialState, Store } from "../../src/taskpane/store";
import type { TestHost } from "../host";
import { exampleHost, hostEnv, markedCells } from "./fixtures";

async function protect(host: TestHost, sheet: string): Promise<void> {
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(sheet).protection.protect();
    await ctx.sync();
  });
}

async function paneNotice(host: TestHost): Promise<string | undefined> {
  const store = new Store(initialState(2025));
  const controller = new Controller(hostEnv(host), newSession(), store);
  await controller.validate("all");
  // The bar says the count; why cells are not marked is its detail, below the bar (issue 21).
  const n = store.state.notice;
  return n ? [n.text, n.detail].filter(Boolean).join(" ") : undefined;
}

describe("validation where Excel refuses to write", () => {
  test("a protected sheet: every issue is listed, the other sheets are marked, the protected one is left as it was and named", async () => {
    const host = await exampleHost("broken");
    await protect(host, "BUF");
    const buf = () => host.toJSON().sheets.find((s) => s.name === "BUF");
    const before = buf();
    const v = await validateWorkbook(hostEnv(host), newSession());
    for (const p of PLANTED_ERRORS) expect(v.issues).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: p.sheet, cell: p.cell, code: p.code })]));
    for (const p of PLANTED_ERRORS.filter((x) => x.sheet !== "BUF")) expect(markedCells(host, p.sheet)[p.cell]).toBe("#FDE7E9");
    expect(markedCells(host, "BUF")).toEqual({});
    expect(buf()).toEqual(before);
    expect(v.unmarked).toEqual({ protectedSheets: ["BUF"], readOnly: false });
    expect(await paneNotice(host)).toContain(UI.notice.marksProtected(["BUF"]));
  });

  test("a read-only workbook: every issue is listed, nothing is changed, and the pane says why nothing is marked", async () => {
    const host = await exampleHost("broken");
    host.model.readOnly = true;
    const before = host.toJSON();
    const v = await validateWorkbook(hostEnv(host), newSession());
    for (const p of PLANTED_ERRORS) expect(v.issues).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: p.sheet, cell: p.cell, code: p.code })]));
    expect(v.marked).toBe(0);
    expect(v.unmarked?.readOnly).toBe(true);
    expect(host.toJSON()).toEqual(before);
    const text = await paneNotice(host);
    expect(text).toContain(UI.notice.marksReadOnly);
    expect(text).not.toContain("Der er markeret");
  });
});
