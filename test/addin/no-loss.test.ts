/**
 * Nothing the user typed is ever changed or lost, on the strict Excel host: every operation leaves
 * every cell of every user sheet (value, formula, format, merges, widths, visibility, the user's own
 * conditional formats) exactly as it was, and a re-run of »Beregn status« gives an identical workbook.
 */
import ExcelJS from "exceljs";
import { createHost, saveXlsx, type SheetModel, type WorkbookModel } from "../host";
import { calculateStatus, createTemplate, newSession, overview, validateActiveSheet, validateWorkbook } from "../../src/office/operations";
import { MARK_TAG } from "../../src/office/marks";
import { exampleHost, hostEnv } from "./fixtures";

/** A user sheet as it matters to the user: everything except the add-in's own validation marks. */
function userView(s: SheetModel): unknown {
  const { conditionalFormats, selection, ...rest } = s;
  void selection;
  const own = conditionalFormats.filter((cf) => !JSON.stringify(cf).includes(MARK_TAG));
  return { ...rest, conditionalFormats: own };
}

function userSheets(m: WorkbookModel, owned: readonly string[] = []): Map<string, unknown> {
  return new Map(m.sheets.filter((s) => !owned.includes(s.name)).map((s) => [s.name, userView(s)]));
}

describe("no operation changes a user sheet (strict host)", () => {
  const operations: [string, (h: Awaited<ReturnType<typeof exampleHost>>) => Promise<unknown>][] = [
    ["overview (opening the pane)", (h) => overview(hostEnv(h), newSession())],
    ["Valider alle", (h) => validateWorkbook(hostEnv(h), newSession())],
    ["Valider ark", (h) => validateActiveSheet(hostEnv(h), newSession())],
    ["Beregn status", (h) => calculateStatus(hostEnv(h), newSession())],
    ["Opret skabelon", (h) => createTemplate(hostEnv(h), newSession(), 2025)],
  ];

  it.each(operations)("%s", async (_name, op) => {
    for (const kind of ["good", "broken"] as const) {
      const host = await exampleHost(kind);
      const before = userSheets(host.toJSON());
      await op(host);
      const after = userSheets(host.toJSON());
      // Sheets the operation added (the status sheet, template sheets) are the tool's own.
      for (const [name, sheet] of before) expect({ name, sheet: after.get(name) }).toEqual({ name, sheet });
    }
  });

  it("a re-run of »Beregn status« gives an identical workbook", async () => {
    const host = await exampleHost("good");
    const session = newSession();
    await calculateStatus(hostEnv(host), session);
    const first = host.toJSON();
    await calculateStatus(hostEnv(host), session);
    const second = host.toJSON();
    const strip = (m: WorkbookModel) => ({ ...m, nextId: 0, sheets: m.sheets.map((s) => ({ ...s, id: "" })), activeSheetId: "" });
    expect(strip(second)).toEqual(strip(first));
    expect(second.sheets.map((s) => s.name)).toEqual(first.sheets.map((s) => s.name));
  });
});

describe("»Opret skabelon« on the strict host", () => {
  it("adds only the missing sheets, with Excel data validation on the input cells, like the CLI's template", async () => {
    const host = createHost({ sheets: ["BIF", "Noter"] });
    const before = host.toJSON().sheets.map((s) => JSON.stringify(s));
    const added = await createTemplate(hostEnv(host), newSession(), 2025);
    expect(added).toEqual(["Måltal", "Indstillinger", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF"]);
    // The user's own BIF and Noter are untouched.
    expect(host.toJSON().sheets.filter((s) => s.name === "BIF" || s.name === "Noter").map((s) => JSON.stringify(s))).toEqual(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await saveXlsx(host)) as unknown as ExcelJS.Buffer);
    const buf = wb.getWorksheet("BUF");
    expect(buf?.getCell("B5").dataValidation).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual", formulae: [0] });
    expect(buf?.getCell("B8").dataValidation).toMatchObject({ type: "whole" });
    expect(buf?.getCell("C5").dataValidation).toMatchObject({ type: "whole" });
    expect(buf?.getCell("A4").value).toBe("Ordning");
  });
});
