/**
 * The merge limits (src/xlsx/merge-bounds.ts) must never refuse a workbook because of jobstatus's
 * own sheets: a re-run of `beregn`, `saml` or `gendan` reads the status and Kilder sheets the last
 * run wrote. The largest workbook the add-in supports has 1,000 forvaltninger
 * (docs/dev/performance.md, »Round trips«); its status sheet has four merges per table.
 */
import { calculate } from "../../src/core";
import { readWorkbookGrid } from "../../src/cli/xlsx-read";
import { MERGE_LIMITS } from "../../src/xlsx/merge-bounds";
import { generateWorkbook } from "../../scripts/gen-workbook";

test("jobstatus's own status and Kilder sheets for 1,000 forvaltninger stay within the merge limits", async () => {
  const outcome = calculate(readWorkbookGrid(await generateWorkbook({ departments: 1_000 })));
  if (!outcome.report || !outcome.sources) throw new Error(`no report: ${JSON.stringify(outcome.issues.slice(0, 3))}`);
  const sheets = [outcome.report, outcome.sources];
  const merges = sheets.map((s) => s.merges.length);
  expect(merges[0]).toBeGreaterThan(3_000); // the status sheet: about four merges per forvaltning
  for (const n of merges) expect(n).toBeLessThanOrEqual(MERGE_LIMITS.sheetMerges);
  // A workbook that keeps five years' status and Kilder sheets side by side.
  expect(5 * (merges[0] as number) + 5 * (merges[1] as number)).toBeLessThanOrEqual(MERGE_LIMITS.fileMerges);
  const cells = sheets.flatMap((s) => s.merges).reduce((sum, m) => sum + (m.r2 - m.r1 + 1) * (m.c2 - m.c1 + 1), 0);
  expect(5 * cells).toBeLessThanOrEqual(MERGE_LIMITS.mergedCells);
}, 120_000);
