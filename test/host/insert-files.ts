/**
 * The files `Workbook.insertWorksheetsFromBase64` (ExcelApi 1.13) inserts from. Excel parses the
 * base64 .xlsx on its side; the host's operations run synchronously inside a sync, so every sync
 * first decodes the files its request carries (asynchronously, before anything is applied) and the
 * method then takes the decoded workbook from this store.
 *
 * A decoder turns the file's bytes into the host's model plus what the model does not hold but
 * Excel on the web refuses: PivotTables, charts, comments and slicers per sheet, read from the
 * package's relationships with JSZip. Node registers a decoder built on xlsx.ts (index.ts), the
 * browser bundle one on exceljs's browser build (browser-entry.ts). Browser-safe.
 */
import JSZip from "jszip";
import { RichApiError } from "./errors";
import type { WorkbookModel } from "./model";

/** What Excel on the web refuses to insert (Microsoft: "PivotTable, Chart, Comment, or Slicer elements"). */
export type UnsupportedPart = "pivotTable" | "chart" | "comment" | "slicer";

export interface DecodedFile {
  readonly model: WorkbookModel;
  /** Per sheet name (lower case), the parts Excel on the web cannot insert. */
  readonly unsupported: Readonly<Record<string, readonly UnsupportedPart[]>>;
}

export type XlsxDecoder = (bytes: Uint8Array) => Promise<WorkbookModel>;

let decoder: XlsxDecoder | undefined;

/** Node (index.ts) and the browser bundle (browser-entry.ts) register how a file becomes a model. */
export function registerXlsxDecoder(d: XlsxDecoder): void {
  decoder = d;
}

const REL_PARTS: readonly [RegExp, UnsupportedPart][] = [
  [/\/pivotTable$/, "pivotTable"],
  [/\/comments$/, "comment"],
  [/\/threadedComment$/, "comment"],
  [/\/slicer$/, "slicer"],
];

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
const relsOf = (part: string): string => part.replace(/([^/]+)$/, "_rels/$1.rels");

/** A relationship target resolved against the part that names it. */
function resolveTarget(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function relationships(xml: string | undefined): { type: string; target: string; id: string }[] {
  if (!xml) return [];
  return [...xml.matchAll(/<Relationship\b([^>]*)\/?>/g)].map((m) => {
    const attr = (name: string): string => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1] ?? "")?.[1] ?? "";
    return { type: attr("Type"), target: attr("Target"), id: attr("Id") };
  });
}

const decodeXml = (s: string): string => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** Per sheet (lower-case name), the PivotTables, charts, comments and slicers its package parts relate to it. */
export async function unsupportedParts(bytes: Uint8Array): Promise<Record<string, UnsupportedPart[]>> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (p: string): Promise<string | undefined> => zip.file(p)?.async("string");
  const workbook = (await text("xl/workbook.xml")) ?? "";
  const wbRels = relationships(await text("xl/_rels/workbook.xml.rels"));
  const out: Record<string, UnsupportedPart[]> = {};
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const attrs = m[1] ?? "";
    const name = decodeXml(/\bname="([^"]*)"/.exec(attrs)?.[1] ?? "");
    const rid = /\br:id="([^"]*)"/.exec(attrs)?.[1];
    const rel = wbRels.find((r) => r.id === rid);
    if (!rel) continue;
    const part = resolveTarget("xl/workbook.xml", rel.target);
    const found = new Set<UnsupportedPart>();
    for (const r of relationships(await text(relsOf(part)))) {
      for (const [re, kind] of REL_PARTS) if (re.test(r.type)) found.add(kind);
      if (/\/drawing$/.test(r.type)) {
        // A drawing holds pictures and shapes too; only a chart in it counts.
        const drawing = resolveTarget(part, r.target);
        if (relationships(await text(relsOf(drawing))).some((d) => /\/chart$/.test(d.type))) found.add("chart");
      }
    }
    // Slicers are also referenced from the sheet's extension list (x14:slicerList).
    if (/<x14:slicerList\b/.test((await text(part)) ?? "")) found.add("slicer");
    if (found.size > 0) out[name.toLowerCase()] = [...found];
  }
  return out;
}

function bytesOfBase64(base64: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) return undefined;
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Decoded files by their base64 text; a file that is not an .xlsx is remembered as such. */
export class FileStore {
  private readonly files = new Map<string, DecodedFile | null>();

  /** Decodes every file not seen yet. Called before a sync applies anything. */
  async prepare(base64s: readonly unknown[]): Promise<void> {
    for (const b of base64s) {
      if (typeof b !== "string" || this.files.has(b)) continue;
      if (!decoder) throw new Error("TestHost: no .xlsx decoder registered (index.ts in Node, browser-entry.ts in a page)");
      const bytes = bytesOfBase64(b);
      let decoded: DecodedFile | null = null;
      if (bytes) {
        try {
          decoded = { model: await decoder(bytes), unsupported: await unsupportedParts(bytes) };
        } catch {
          decoded = null;
        }
      }
      this.files.set(b, decoded);
    }
  }

  /** The decoded file; Excel answers a file it cannot read with InvalidArgument. */
  get(base64: unknown, location: string): DecodedFile {
    const f = typeof base64 === "string" ? this.files.get(base64) : undefined;
    if (f === undefined && typeof base64 === "string" && !this.files.has(base64)) throw new Error("TestHost: the file was not prepared before the sync");
    if (!f) throw new RichApiError("InvalidArgument", { location, detail: "the base64 text is not an .xlsx workbook" });
    return f;
  }
}
