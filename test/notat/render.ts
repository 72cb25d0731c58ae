/**
 * Tools the notat's rendering test needs: LibreOffice Writer with poppler, and Carlito (Calibri's
 * metrics). Missing tools fail loudly with what to install; they are never skipped.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const INSTALL_HINT = "apt-get install -y libreoffice-writer-nogui poppler-utils fonts-crosextra-carlito";

function need(tool: string): void {
  const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" });
  if (found.status !== 0) throw new Error(`${tool} is missing: the notat rendering test needs it. Install it with: ${INSTALL_HINT}`);
}

/** Calibri is not on Linux; Carlito has its metrics. Without it pages lay out differently from Word. */
function needCalibriMetrics(): void {
  need("fc-list");
  const fonts = execFileSync("fc-list", [":family=Carlito"], { encoding: "utf8" });
  if (fonts.trim() === "") throw new Error(`The font Carlito (Calibri's metrics) is missing: the notat rendering test needs it. Install it with: ${INSTALL_HINT}`);
}

/** Renders a .docx to PDF with LibreOffice Writer (a private profile, so parallel runs do not clash). */
export function renderPdf(docx: string, outDir: string): string {
  need("soffice");
  needCalibriMetrics();
  const profile = mkdtempSync(path.join(os.tmpdir(), "jobstatus-lo-"));
  try {
    execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", outDir, docx], { stdio: "pipe", timeout: 120_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const pdf = path.join(outDir, `${path.basename(docx, path.extname(docx))}.pdf`);
  // soffice with Calc alone exits 0 and writes nothing for a .docx.
  if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${docx}: is Writer installed? Install it with: ${INSTALL_HINT}`);
  return pdf;
}

export function pdfPages(pdf: string): number {
  need("pdfinfo");
  const m = /^Pages:\s+(\d+)/m.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }));
  if (!m?.[1]) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(m[1]);
}

/** The text of one page (1-based). */
export function pdfPageText(pdf: string, page: number): string {
  need("pdftotext");
  return execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", pdf, "-"], { encoding: "utf8" });
}

/** One PNG per page, `<prefix>-<n>.png`; returns their paths. */
export function pdfToPngs(pdf: string, prefix: string, pages: number): string[] {
  need("pdftoppm");
  execFileSync("pdftoppm", ["-png", "-r", "80", pdf, prefix]);
  const width = String(pages).length;
  return Array.from({ length: pages }, (_, i) => `${prefix}-${String(i + 1).padStart(width, "0")}.png`);
}
