/**
 * OfficeDev/office-js#3179 as the host models it (`host.misbehave("insertReportsError")`): Excel on
 * the web inserts the sheets and still answers with an internal error. A caller that retries on the
 * error would insert the sheet twice; it must look for the sheet by name first (issue 17, defect 7;
 * collecting is issue 18's). Both clients.
 */
import ExcelJS from "exceljs";
import { createHost } from "../host";

test("the insert fails with GeneralException, and the sheet is there all the same", async () => {
  const file = new ExcelJS.Workbook();
  file.addWorksheet("BUF").getCell("A1").value = "Forvaltning";
  const base64 = Buffer.from(await file.xlsx.writeBuffer()).toString("base64");
  const host = createHost({ sheets: ["Ark1"] });
  host.misbehave("insertReportsError");
  const e = await host
    .run(async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64(base64, { sheetNamesToInsert: ["BUF"], positionType: "End" });
      await ctx.sync();
    })
    .catch((x: unknown) => x);
  expect((e as { code?: string }).code).toBe("GeneralException");
  expect(host.model.sheets.map((s) => s.name)).toEqual(["Ark1", "BUF"]);
});
