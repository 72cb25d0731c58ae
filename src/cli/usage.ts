/**
 * What each command accepts, checked before it runs: its help, the extension of the file it writes,
 * and the JSON form of a usage error. The commands themselves stay in main.ts, saml.ts and notat.ts.
 */
import * as path from "node:path";
import { CLI } from "../messages/da";
import type { FileKind } from "../xlsx/file-kind";
import { jsonText } from "./terminal";

export const COMMANDS = ["beregn", "valider", "skabelon", "notat", "saml", "gendan"] as const;
export type Command = (typeof COMMANDS)[number];

export const isCommand = (c: string): c is Command => (COMMANDS as readonly string[]).includes(c);

/** The file type each command writes with -o: an Excel file under a .docx name would open as neither. */
const OUTPUT_EXTENSION: Readonly<Record<Command, ".xlsx" | ".docx" | null>> = {
  beregn: ".xlsx",
  valider: null,
  skabelon: ".xlsx",
  notat: ".docx",
  saml: ".xlsx",
  gendan: ".xlsx",
};

/** The Danish sentence for an -o file with the wrong extension, or null when it is right (any case). */
export function outputExtensionProblem(command: Command, out: string | undefined): string | null {
  const wanted = OUTPUT_EXTENSION[command];
  if (wanted === null || out === undefined || path.extname(out).toLowerCase() === wanted) return null;
  return wanted === ".docx" ? CLI.notDocx(out) : CLI.notXlsxOutput(out);
}

/** `--help` or `-h` anywhere after the command asks for that command's help. */
export const asksForHelp = (args: readonly string[]): boolean => args.includes("--help") || args.includes("-h");

/** With --json, stdout holds exactly one JSON document, also when the command stops on a usage error. */
export function usageErrorJson(message: string, exitCode: number): string {
  return jsonText({ error: { exitCode, message } });
}


/**
 * The sentence for a file that is not a workbook, by what it is (issue 21, item 10): a password,
 * an .xls, a .docx or a .csv under a .xlsx name, an empty file. Undefined for a workbook and for
 * »unknown« (the generic »kan ikke læses som en Excel-projektmappe«). The bounded reader of issue
 * 20a throws NotWorkbookError(kind); its refusal maps the kind through here.
 */
export function fileKindRefusal(kind: FileKind | "damaged", file: string): string | undefined {
  return kind === "xlsx" || kind === "unknown" || kind === "damaged" ? undefined : CLI.fileKind[kind](file);
}

/** The sentence for a file the system would not let us read (EACCES/EPERM), else undefined. */
export function accessRefusal(e: unknown, file: string): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === "EACCES" || code === "EPERM" ? CLI.fileKind.noAccess(file) : undefined;
}
