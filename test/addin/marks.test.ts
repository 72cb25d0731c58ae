/**
 * Validation marks against Excel's positional conditional formats (issue 10, defects 1 and 2).
 * In Excel a conditional format's id is its priority: deleting one shifts the others, so marks that
 * are removed one by one through objects loaded earlier end up deleting the user's own rules. The
 * host models that (test/host/README.md); these tests put marks and user rules on the same cells and
 * validate again and again. Both clients run them.
 */
import type ExcelJS from "exceljs";
import { MARK_TAG } from "../../src/office/marks";
import { newSession, validateActiveSheet, validateWorkbook } from "../../src/office/operations";
import { createHost, loadXlsx, type CfModel, type TestHost } from "../host";
import { exampleWithExtraUnits, exampleWorkbook, hostEnv, markedCells, xlsxBytes } from "./fixtures";

const ERROR = "#FDE7E9";

/** The user's own rules on a sheet, in priority order (everything that is not jobstatus's). */
function userRules(host: TestHost, sheet: string): CfModel[] {
  const s = host.model.sheets.find((x) => x.name === sheet);
  return (s?.conditionalFormats ?? []).filter((cf) => !(cf.kind === "custom" && cf.formula.includes(MARK_TAG))).map((cf) => ({ ...cf, id: "" }));
}

/** The example's sheets that are not department sheets. */
const NOT_DEPARTMENTS = ["Måltal", "Indstillinger", "Forrige år", "Noter"];

async function setValue(host: TestHost, sheet: string, cell: string, value: string | number): Promise<void> {
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(sheet).getRange(cell).values = [[value]];
    await ctx.sync();
  });
}

/** F01 in the template layout (B5:B9 status, C5:C7 forløb) with three user rules over the same cells. */
async function sheetWithUserRules(): Promise<TestHost> {
  const wb = await exampleWithExtraUnits(1);
  const ws = wb.getWorksheet("F01") as ExcelJS.Worksheet;
  const fill = (argb: string) => ({ fill: { type: "pattern" as const, pattern: "solid" as const, bgColor: { argb } } });
  ws.addConditionalFormatting({ ref: "B5:C9", rules: [{ type: "expression", priority: 1, formulae: ["B5>100"], style: fill("FFC6EFCE") }] });
  ws.addConditionalFormatting({ ref: "B5:B9", rules: [{ type: "expression", priority: 2, formulae: ["ISTEXT(B5)"], style: fill("FFFFC7CE") }] });
  ws.addConditionalFormatting({ ref: "A1:C9", rules: [{ type: "expression", priority: 3, formulae: ["$A1=\"Forvaltning\""], style: fill("FFDDEBF7") }] });
  return createHost(await loadXlsx(await xlsxBytes(wb)));
}

describe("validation marks never touch a user's conditional format (positional ids)", () => {
  test("several marks and several user rules on the same cells, validated again and again", async () => {
    const host = await sheetWithUserRules();
    const env = hostEnv(host);
    const session = newSession();
    const rules = userRules(host, "F01");
    expect(rules).toHaveLength(3);

    // Three errors on F01: text, a negative status and a fractional number of forløb.
    await setValue(host, "F01", "B5", "mange");
    await setValue(host, "F01", "B6", -1);
    await setValue(host, "F01", "C5", 2.5);
    const expectations: [string, () => Promise<void>, readonly string[]][] = [
      ["first validation", async () => undefined, ["B5", "B6", "C5"]],
      ["again, nothing changed", async () => undefined, ["B5", "B6", "C5"]],
      ["B5 fixed", () => setValue(host, "F01", "B5", 1), ["B6", "C5"]],
      ["B7 broken", () => setValue(host, "F01", "B7", "x"), ["B6", "B7", "C5"]],
      ["everything fixed", async () => {
        await setValue(host, "F01", "B6", 1);
        await setValue(host, "F01", "B7", 1);
        await setValue(host, "F01", "C5", 2);
      }, []],
      ["broken again", () => setValue(host, "F01", "B6", -2), ["B6"]],
    ];
    for (const [label, change, errors] of expectations) {
      await change();
      const v = await validateWorkbook(env, session);
      const marked = markedCells(host, "F01");
      expect({ label, marked }).toEqual({ label, marked: Object.fromEntries(errors.map((c) => [c, ERROR])) });
      expect({ label, rules: userRules(host, "F01") }).toEqual({ label, rules });
      expect(v.issues.filter((i) => i.sheet === "F01" && i.severity === "error").map((i) => i.cell).sort()).toEqual([...errors].sort());
    }
    // Marks never multiply: at most one rule per severity on the sheet, whatever happened.
    const own = (host.model.sheets.find((s) => s.name === "F01")?.conditionalFormats ?? []).filter((cf) => JSON.stringify(cf).includes(MARK_TAG));
    expect(own.length).toBeLessThanOrEqual(2);
  });

  test("»Valider ark« and »Valider alle« alternate on sheets with user rules: the user's rules stay as they were", async () => {
    const host = await sheetWithUserRules();
    const env = hostEnv(host);
    const session = newSession();
    await setValue(host, "F01", "B5", "mange");
    await setValue(host, "F01", "B6", -1);
    const rules = userRules(host, "F01");
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("F01").activate();
      await ctx.sync();
    });
    for (let i = 0; i < 3; i++) {
      await validateActiveSheet(env, session);
      await validateWorkbook(env, session);
      expect(userRules(host, "F01")).toEqual(rules);
      expect(markedCells(host, "F01")).toEqual({ B5: ERROR, B6: ERROR });
    }
  });
});

describe("»Valider ark« changes nothing on other sheets (defect 2)", () => {
  /** Years that tie (BIF, BUF and KFF say 2024, three others 2025, TMF none): YEAR_UNDECIDED sits on the first sheet's year cell. */
  async function tiedYears(): Promise<TestHost> {
    const wb = await exampleWorkbook("good");
    let n = 0;
    wb.eachSheet((ws) => {
      // Department sheets only (Indstillinger's weights table also has an »År« header).
      if (NOT_DEPARTMENTS.includes(ws.name)) return;
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          if (cell.value !== "År") return;
          const right = row.getCell(Number(cell.col) + 1);
          if (n < 3) right.value = 2024;
          else if (n === 3) right.value = "ukendt";
          n++;
        });
      });
    });
    return createHost(await loadXlsx(await xlsxBytes(wb)));
  }

  test("an issue of the active sheet whose cell is on another sheet is listed, and no mark piles up there", async () => {
    const host = await tiedYears();
    const env = hostEnv(host);
    const session = newSession();
    const last = host.model.sheets.filter((s) => !NOT_DEPARTMENTS.includes(s.name)).at(-1)?.name as string;
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(last).activate();
      await ctx.sync();
    });
    const others = () => host.toJSON().sheets.filter((s) => s.name !== last);
    const before = others();
    for (let i = 0; i < 3; i++) {
      const v = await validateActiveSheet(env, session);
      const elsewhere = v.issues.filter((x) => x.sheet !== last && x.cell !== undefined);
      expect(elsewhere).toEqual(expect.arrayContaining([expect.objectContaining({ code: "YEAR_UNDECIDED" })]));
      expect(others()).toEqual(before);
    }
  });
});
