/**
 * What the notat's rendering test needs beyond the print tests' helpers (test/support/libreoffice.ts):
 * LibreOffice Writer for .docx, and the font Carlito, which has Calibri's metrics, so LibreOffice lays
 * out the pages as Word does. A missing tool fails loudly with what to install; it never skips.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { renderPdf } from "../support/libreoffice";

export const INSTALL_HINT = "apt-get install -y libreoffice-writer-nogui poppler-utils fonts-crosextra-carlito";

function needCalibriMetrics(): void {
  const fcList = spawnSync("sh", ["-c", "command -v fc-list"], { encoding: "utf8" });
  const fonts = fcList.status === 0 ? execFileSync("fc-list", [":family=Carlito"], { encoding: "utf8" }) : "";
  if (fonts.trim() === "") throw new Error(`The font Carlito (Calibri's metrics) is missing: the notat rendering test needs it. Install it with: ${INSTALL_HINT}`);
}

/** The .docx as PDF next to it, through LibreOffice Writer. */
export async function renderDocx(docx: string): Promise<string> {
  needCalibriMetrics();
  try {
    return await renderPdf(docx);
  } catch (e) {
    // With Calc alone, soffice exits 0 and writes nothing for a .docx.
    throw new Error(`${e instanceof Error ? e.message : String(e)}. The notat needs LibreOffice Writer: ${INSTALL_HINT}`);
  }
}
