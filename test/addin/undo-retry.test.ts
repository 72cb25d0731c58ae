/**
 * Issue 17 review: Excel applies the commands of a request that come before the failing one
 * ("The second batch successfully inserts the third and fourth paragraphs but fails in the call to
 * insert the fifth paragraph", https://learn.microsoft.com/javascript/api/office/officeextension.error).
 * run.ts once ran a refused merged batch again as planned; when the refused request had already
 * added the status sheet, the retry could not add it again. »Beregn status« now starts over from a
 * fresh read without merging, and replaces the sheet the first attempt added.
 */
import { calculateStatus, newSession, validateWorkbook } from "../../src/office/operations";
import { officeEnvOver } from "../../src/office/run";
import { isSetSupported, RichApiError, type TestHost } from "../host";
import { exampleHost } from "./fixtures";

const with1_20 = (name: string, version: string) => (name === "ExcelApi" && version === "1.20") || isSetSupported(name, version);

/** A host whose merged runs apply each request and then answer UndoNotSupported (as #6491 reports). */
function appliedThenRefused(host: TestHost) {
  return async <T>(options: { delayForCellEdit?: boolean; mergeUndoGroup?: boolean }, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
    if (!options.mergeUndoGroup) return host.runWithOptions(options, batch);
    const { mergeUndoGroup: _m, ...plain } = options;
    return host.runWithOptions(plain, (ctx) =>
      batch(
        new Proxy(ctx, {
          get(t, p) {
            if (p === "sync")
              return async () => {
                await t.sync();
                throw new RichApiError("UndoNotSupported", { detail: "refused after the request's commands were applied" });
              };
            return Reflect.get(t, p, t) as unknown;
          },
        }),
      ),
    );
  };
}

test("first »Beregn status«, UndoNotSupported after the request applied: one status sheet, written once, not one undo step", async () => {
  const host = await exampleHost("good");
  const env = officeEnvOver(appliedThenRefused(host), with1_20);
  const session = newSession();
  await validateWorkbook(env, session);
  const before = host.model.sheets.map((s) => s.name);
  const r = await calculateStatus(env, session);
  expect(r.written).toBe("Status 2025");
  expect(r.oneUndoStep).toBe(false);
  // The user's sheets stay as they were, in order; jobstatus's own sheets come after them, once each.
  const after = host.model.sheets.map((s) => s.name);
  expect(after.slice(0, before.length)).toEqual(before);
  expect(after.filter((n) => n.startsWith("Status 2025"))).toEqual(["Status 2025"]);
  expect(new Set(after).size).toBe(after.length);
});
