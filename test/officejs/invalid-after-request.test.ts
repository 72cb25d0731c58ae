/**
 * Both clients refuse an untracked range from an earlier request (issue 17, defect 1).
 * Microsoft's client marks a range made by a method such as getUsedRange or getRow "invalid after
 * request" (excel-web-16.00.debug.js: `_createMethodObject(..., isInvalidAfterRequest = true)`,
 * `ClientRequestBase.invalidatePendingInvalidObjectPaths`); unless it is tracked, Excel returns no
 * reference id for it and any later use throws InvalidObjectPath. The double's own client does the same.
 */
import { createHost } from "../host";


async function useAfterSync(track: boolean): Promise<unknown> {
  const h = createHost({ sheets: ["Ark"] });
  return h.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("Ark");
    ws.getRange("A1:C3").values = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    const used = ws.getUsedRange(true);
    if (track) used.track();
    else used.untrack();
    used.load("rowCount");
    await ctx.sync();
    expect(used.rowCount).toBe(3); // what was loaded stays readable
    try {
      const row = used.getRow(1).load("values");
      await ctx.sync();
      return row.values;
    } catch (e) {
      return e;
    }
  });
}

test("an untracked range cannot be used after the request that sent it", async () => {
  const e = await useAfterSync(false);
  expect(e).toBeInstanceOf(Error);
  expect((e as { code?: string }).code).toBe("InvalidObjectPath");
});

test("a tracked range can", async () => {
  expect(await useAfterSync(true)).toEqual([[4, 5, 6]]);
});
