/**
 * A second »Beregn status« keeps the notes a user wrote on the status sheet (issue 17, defect 8).
 * `Range.clear("All")` "clears everything in the range" (Excel.ClearApplyTo), notes included; the
 * add-in clears contents, formats and its links instead. The host keeps notes per cell
 * (test/host/model.ts, CellModel.note). Both clients.
 */
import { calculateStatus, newSession } from "../../src/office/operations";
import { exampleHost, hostEnv } from "./fixtures";

test("a note the user wrote on the status sheet survives the next »Beregn status«", async () => {
  const host = await exampleHost("good");
  const env = hostEnv(host);
  const session = newSession();
  const first = await calculateStatus(env, session);
  const sheet = host.model.sheets.find((s) => s.name === first.written);
  if (!sheet) throw new Error("no status sheet");
  const before = JSON.stringify(sheet.cells);
  // The user notes something on a figure and beside the report.
  const figure = Object.keys(sheet.cells).find((k) => typeof sheet.cells[k]?.v === "number") as string;
  (sheet.cells[figure] ??= {}).note = "Tjek med BUF";
  sheet.cells.Z1 = { note: "Til mødet" };
  await calculateStatus(env, session);
  const after = host.model.sheets.find((s) => s.name === first.written);
  expect(after?.cells[figure]?.note).toBe("Tjek med BUF");
  expect(after?.cells.Z1?.note).toBe("Til mødet");
  // The report itself is the same as after the first run.
  const withoutNotes = JSON.parse(JSON.stringify(after?.cells)) as Record<string, { note?: string }>;
  delete withoutNotes.Z1;
  delete withoutNotes[figure]?.note;
  expect(withoutNotes).toEqual(JSON.parse(before));
});
