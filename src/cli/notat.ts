/** `jobstatus notat FILE.xlsx [-o NOTAT.docx [--overskriv]]`: the Word notat, from the same calculation as `beregn`. */
import * as path from "node:path";
import { calculate, hasErrors, previousLeftOut, buildNotat, notatSettingsOf, type CalendarDate } from "../core";
import { CLI, REPORT } from "../messages/da";
import { notatDocx } from "../word/notat-docx";
import { formatIssues } from "./format";
import { EXIT_INPUT_ERRORS, EXIT_OK, loadWorkbook, only, readGrid, sameFile, UsageError, type Io, type Parsed } from "./command";
import { mayReplaceDefault, mayWrite, writeOutput } from "./write-file";

/** Today on this machine's calendar: the notat's date unless Indstillinger gives one. */
export function today(now = new Date()): CalendarDate {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

export async function notat(p: Parsed, io: Io): Promise<number> {
  only(p, ["-o", "--overskriv"], 1);
  const file = p.positional[0];
  if (!file) throw new UsageError(CLI.missingFile);
  const explicit = p.options.get("-o") as string | undefined;
  if (explicit !== undefined && path.extname(explicit).toLowerCase() !== ".docx") throw new UsageError(CLI.notDocx(explicit));
  const grid = readGrid(await loadWorkbook(file, "read"), file);
  const outcome = calculate(grid);
  // Errors block the notat as they block the status sheet: a half-right notat is worse than none.
  if (!outcome.report || outcome.result.year === null || hasErrors(outcome.issues)) {
    io.out(CLI.notatNotWritten);
    io.out(formatIssues(outcome.issues));
    return EXIT_INPUT_ERRORS;
  }
  const year = outcome.result.year;
  // The default name is jobstatus's own output next to the input, as for beregn: a re-run replaces
  // it only while it is as jobstatus wrote it (owner marker), never a notat the user finished in Word.
  const out = explicit ?? path.join(path.dirname(file), `${path.basename(file, path.extname(file))}-notat-${year}.docx`);
  if (await sameFile(out, file)) throw new UsageError(CLI.sameAsInput);
  const overwrite = p.options.has("--overskriv");
  const replace = explicit ? await mayWrite(out, overwrite) : await mayReplaceDefault(out, overwrite);

  const layout = buildNotat(outcome.result, notatSettingsOf(grid), { today: today() });
  await writeOutput(await notatDocx(layout), out, { replace, stamp: !explicit, ownedOnly: !explicit && !overwrite });
  if (outcome.issues.length > 0) io.out(formatIssues(outcome.issues));
  if (layout.toFill.length > 0) io.out(CLI.notatToFill(layout.toFill));
  if (!outcome.result.previous) io.out(REPORT.noPrevious(year - 1, previousLeftOut(outcome.issues)));
  io.out(CLI.notatWritten(out));
  return EXIT_OK;
}
