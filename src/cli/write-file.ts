/**
 * How the CLI writes a file: exclusively and honestly (issue 20 item 5, docs/dev/security.md §5).
 * - The content goes to a temporary file next to the target, created with `wx` (O_CREAT|O_EXCL,
 *   which never follows a symlink) under a random name: a link planted in a shared folder under a
 *   guessable name cannot redirect the write.
 * - A target that exists and is not a regular file (a folder, a device, a fifo, or a link to one)
 *   is refused, with or without --overskriv.
 * - Without permission to replace, the temporary file is linked to the target's name (link(2)
 *   fails if the name exists), so of two runs writing the same name one wins and the other is told
 *   the file exists; no output is silently lost. Where the file system has no hard links, an
 *   exclusive copy (COPYFILE_EXCL) does the same. With permission, it is renamed over the target.
 * - Interrupted (Ctrl-C, kill), the temporary file is removed.
 */
import { randomBytes } from "node:crypto";
import { constants, createWriteStream, promises as fs, rmSync } from "node:fs";
import * as path from "node:path";
import type ExcelJS from "exceljs";
import { CLI } from "../messages/da";
import { UsageError } from "./command";
import { customPropertiesOf } from "./custom-props";
import { ownedAndUnchanged, stampOwner, withCustomProperties } from "./owner-mark";

const EXIT_INTERRUPTED = 2;

/** Refuses a target that exists and is not a regular file; true when a regular file exists there. */
export async function checkTarget(target: string): Promise<boolean> {
  const link = await fs.lstat(target).catch(() => null);
  if (!link) return false;
  // A symlink is judged by what it points at; a dangling one is not a regular file either.
  const stat = link.isSymbolicLink() ? await fs.stat(target).catch(() => null) : link;
  if (!stat || !stat.isFile()) throw new UsageError(CLI.notRegularFile(target));
  return true;
}

/**
 * May the run write `target`? Refuses a non-regular target, and an existing file unless the user
 * allowed replacing it (`--overskriv`). Checked before the work, so a refusal comes at once; the
 * write itself is exclusive again (a file that appears meanwhile is not replaced).
 */
export async function mayWrite(target: string, overwrite: boolean): Promise<boolean> {
  const exists = await checkTarget(target);
  if (exists && !overwrite) throw new UsageError(CLI.outputExists(target));
  return exists;
}

/**
 * For jobstatus's default output names: replacing is allowed with --overskriv, or when the file
 * carries jobstatus's owner marker and is unchanged since (owner-mark.ts); otherwise refused with
 * what to do. Returns whether the write may replace.
 */
export async function mayReplaceDefault(target: string, overwrite: boolean): Promise<boolean> {
  const exists = await checkTarget(target);
  if (!exists || overwrite) return exists || overwrite;
  if (await ownedAndUnchanged(target)) return true;
  throw new UsageError(CLI.outputNotJobstatus(target));
}

export interface WriteOptions {
  /** Replace an existing regular file (--overskriv, or a default output jobstatus owns). */
  readonly replace: boolean;
  /** Record jobstatus's owner marker in the package (default outputs only). */
  readonly stamp?: boolean;
  /**
   * Replace only while the existing file is jobstatus's and unchanged (a default output without
   * --overskriv): checked again immediately before the final rename, so a file the user saved
   * while the run computed is not replaced.
   */
  readonly ownedOnly?: boolean;
}

/**
 * Writes the content into the new temporary file (created exclusively: `wx`). A workbook is streamed
 * as exceljs zips it, unless the package must be finished first: the input's custom document
 * properties put back (custom-props.ts), the owner marker added.
 */
async function writeTemporary(content: ExcelJS.Workbook | Uint8Array, tmp: string, stamp: boolean): Promise<void> {
  const custom = content instanceof Uint8Array ? undefined : customPropertiesOf(content);
  if (content instanceof Uint8Array || stamp || custom !== undefined) {
    let bytes = content instanceof Uint8Array ? content : new Uint8Array((await content.xlsx.writeBuffer()) as ArrayBuffer);
    if (custom !== undefined) bytes = withCustomProperties(bytes, custom);
    await writeChunked(tmp, stamp ? stampOwner(bytes) : bytes);
    return;
  }
  const stream = createWriteStream(tmp, { flags: "wx", mode: 0o666 });
  await new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", resolve);
    content.xlsx.write(stream).catch(reject);
  });
}

/** Bytes to a new file (`wx`) in chunks, so a signal is handled between them (the temporary file is then removed). */
async function writeChunked(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(file, "wx", 0o666);
  try {
    for (let at = 0; at < bytes.length; ) {
      const { bytesWritten } = await handle.write(bytes, at, Math.min(WRITE_CHUNK, bytes.length - at));
      at += bytesWritten;
    }
  } finally {
    await handle.close();
  }
}

const WRITE_CHUNK = 1024 * 1024;

/** Writes `content` to `target` as the module's comment says; a failure is a Danish UsageError. */
export async function writeOutput(content: ExcelJS.Workbook | Uint8Array, target: string, options: WriteOptions): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(8).toString("hex")}.tmp`);
  const onSignal = (): void => {
    rmSync(tmp, { force: true });
    process.stderr.write(`${CLI.interrupted}\n`);
    process.exit(EXIT_INTERRUPTED);
  };
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  for (const s of signals) process.once(s, onSignal);
  let created = false;
  try {
    await checkTarget(target);
    // Removed on any failure below; `wx` fails (EEXIST) rather than touch anything at that name.
    created = true;
    await writeTemporary(content, tmp, options.stamp === true).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "EEXIST") created = false;
      throw Object.assign(e, { code: e.code === "EEXIST" ? "ETMPEXIST" : e.code });
    });
    if (options.replace) {
      const exists = await checkTarget(target);
      // The owner check again, as close to the rename as the file system lets us (docs/dev/security.md §6).
      if (exists && options.ownedOnly && !(await ownedAndUnchanged(target))) throw new UsageError(CLI.outputNotJobstatus(target));
      await fs.rename(tmp, target);
      created = false;
    } else {
      await placeExclusively(tmp, target);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as NodeJS.ErrnoException).code === "EEXIST" ? CLI.outputExists(target) : CLI.writeFailed(target));
  } finally {
    if (created) await fs.rm(tmp, { force: true });
    for (const s of signals) process.off(s, onSignal);
  }
}

/** Gives the written temporary file the target's name only if no file has it: link(2), or an exclusive copy. */
async function placeExclusively(tmp: string, target: string): Promise<void> {
  try {
    await fs.link(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw e;
    // No hard links here (some network and FAT file systems): an exclusive copy.
    await fs.copyFile(tmp, target, constants.COPYFILE_EXCL);
  }
}
