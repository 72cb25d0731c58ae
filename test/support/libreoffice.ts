/**
 * LibreOffice (Debian's libreoffice-calc-nogui) renders a written file to
 * PDF, and poppler's pdftotext reads it back per page: how the tests look at a document as it prints.
 * Both are prerequisites of the tests (README); without them a test fails with the install command.
 */
import { execFile } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const INSTALL = "apt-get install -y libreoffice-calc-nogui poppler-utils";

function need(bin: string): string {
  const found = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean).map((d) => path.join(d, bin)).find((p) => existsSync(p));
  if (!found) throw new Error(`${bin} is missing. Install LibreOffice and poppler with \`${INSTALL}\` (the README's prerequisites; .ci/run does). These tests never skip.`);
  return found;
}

/** Converts `file` (.xlsx/.docx) to PDF in its own folder, with a private LibreOffice profile; returns the PDF's path. */
export async function renderPdf(file: string, locale = "da_DK.UTF-8"): Promise<string> {
  const soffice = need("soffice");
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), "jobstatus-lo-"));
  try {
    await run(soffice, [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", path.dirname(file), file], {
      env: { ...process.env, LC_ALL: locale, LANG: locale },
      timeout: 240_000,
    });
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
  const pdf = file.replace(/\.[^.]+$/, ".pdf");
  if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${file}`);
  return pdf;
}

/** The text of each page of a PDF, in layout order. */
export async function pdfPages(pdf: string): Promise<string[]> {
  const { stdout } = await run(need("pdftotext"), ["-layout", pdf, "-"], { maxBuffer: 64 * 1024 * 1024 });
  const pages = stdout.split("\f");
  if (pages.at(-1)?.trim() === "") pages.pop();
  return pages;
}

/** PNG pages of a PDF (for test artefacts), written next to `prefix`. */
export async function pdfToPng(pdf: string, prefix: string, dpi = 60): Promise<void> {
  await run(need("pdftoppm"), ["-png", "-r", String(dpi), pdf, prefix]);
}
