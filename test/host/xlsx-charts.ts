/**
 * Node and browser: the charts of an .xlsx, by the sheet whose drawing holds them (exceljs, the
 * host's reader, does not model charts). A chart is a part of its sheet's drawing (ECMA-376 Part 1,
 * §20.5 spreadsheet drawing: sheet → `<drawing r:id>` → drawing part → `c:chart r:id` → chart part),
 * and each series names its data by a formula reference (`c:f`, §21.2.2.65).
 */
import { strFromU8, unzipSync } from "fflate";
import type { ChartModel } from "./model";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** Relationship targets of one type in a relationships part, resolved against the part they belong to. */
function targets(files: Record<string, Uint8Array>, part: string, type: string): string[] {
  const dir = part.slice(0, part.lastIndexOf("/"));
  const rels = files[`${dir}/_rels/${part.slice(dir.length + 1)}.rels`];
  if (!rels) return [];
  return [...strFromU8(rels).matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((t) => t.includes(`Type="${REL}/${type}"`))
    .map((t) => resolve(part, unescape(/Target="([^"]+)"/.exec(t)?.[1] ?? "")));
}

function resolve(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const p of target.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== "." && p !== "") parts.push(p);
  }
  return parts.join("/");
}

/** The part of each sheet, by tab name (workbook.xml's `<sheet r:id>` through workbook.xml.rels). */
export function sheetParts(files: Record<string, Uint8Array>): Map<string, string> {
  const out = new Map<string, string>();
  const wb = files["xl/workbook.xml"];
  const rels = files["xl/_rels/workbook.xml.rels"];
  if (!wb || !rels) return out;
  const byId = new Map([...strFromU8(rels).matchAll(/<Relationship\b[^>]*>/g)].map((m) => [/Id="([^"]+)"/.exec(m[0])?.[1] ?? "", unescape(/Target="([^"]+)"/.exec(m[0])?.[1] ?? "")]));
  for (const m of strFromU8(wb).matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const target = byId.get(/r:id="([^"]+)"/.exec(m[0])?.[1] ?? "");
    if (name !== undefined && target) out.set(unescape(name), resolve("xl/workbook.xml", target));
  }
  return out;
}

/** Each sheet's charts (only sheets that have one), in drawing order. */
export function chartsOfXlsx(bytes: Uint8Array): Map<string, ChartModel[]> {
  // Only the workbook, the relationship parts and the charts are inflated (not the sheets' cells).
  const files = unzipSync(bytes, { filter: (f) => /^xl\/(workbook\.xml$|_rels\/|worksheets\/_rels\/|drawings\/_rels\/|charts\/)/i.test(f.name) });
  const out = new Map<string, ChartModel[]>();
  for (const [sheet, part] of sheetParts(files)) {
    for (const drawing of targets(files, part, "drawing")) {
      for (const chart of targets(files, drawing, "chart")) {
        const xml = files[chart];
        if (!xml) continue;
        const series = [...strFromU8(xml).matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((f) => unescape(f[1] as string));
        out.set(sheet, [...(out.get(sheet) ?? []), { series }]);
      }
    }
  }
  return out;
}
