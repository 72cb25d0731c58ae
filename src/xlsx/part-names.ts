/**
 * The names exceljs finds parts by. OPC part names are case-insensitive (ECMA-376 Part 2, §9.1.1.1
 * "Part names are compared … case-insensitive ASCII"), so Excel and LibreOffice read a package
 * whose shared strings are stored as `xl/SharedStrings.xml` or whose sheet is `xl/worksheets/Sheet4.xml`
 * while its relationship says `worksheets/sheet4.xml`. exceljs 4.4.0 compares exact strings
 * (xlsx.js `loadAsync`: `case 'xl/sharedStrings.xml'`, the worksheet pattern
 * `xl\/worksheets\/sheet(\d+)[.]xml`, workbook-xform.js `reconcile`: the worksheet looked up by
 * `xl/` + the relationship's target): it would see no shared strings (every text cell refused as
 * »text missing«) or no such sheet. The reader's checks (bounded-zip.ts) already compare names
 * case-insensitively; the zip handed to exceljs gives each such part the spelling exceljs expects
 * (docs/dev/security.md). Renaming a part changes nothing the copy keeps: exceljs writes its own
 * part names. Browser-safe: fflate only.
 */
import { strFromU8 } from "fflate";

/** Parts exceljs reads by a fixed name (xlsx.js `loadAsync`). */
const FIXED = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml", "docProps/core.xml", "docProps/app.xml"];

const WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

/**
 * For each part of `names` whose spelling differs from the one exceljs looks for (only in case):
 * the spelling it looks for. `text` gives a part's content by its name as stored (for the
 * workbook's relationships). Parts whose names differ only in case are refused before this
 * (bounded-zip.ts, centralDirectory), so no two names can meet.
 */
export function exceljsSpellings(names: Iterable<string>, text: (name: string) => string | undefined): Map<string, string> {
  const byLower = new Map<string, string>();
  for (const name of names) byLower.set(name.toLowerCase(), name);
  const wanted: string[] = [...FIXED];
  const relsName = byLower.get("xl/_rels/workbook.xml.rels");
  const rels = relsName === undefined ? undefined : text(relsName);
  // Only a part exceljs reads as a worksheet by its name (xlsx.js: `xl/worksheets/sheet<n>.xml`).
  for (const sheet of (rels === undefined ? [] : worksheetTargets(rels)).filter((t) => /^xl\/worksheets\/sheet\d+\.xml$/.test(t))) {
    wanted.push(sheet);
    const slash = sheet.lastIndexOf("/");
    wanted.push(`${sheet.slice(0, slash + 1)}_rels/${sheet.slice(slash + 1)}.rels`);
  }
  const out = new Map<string, string>();
  const exact = new Set(wanted);
  for (const want of wanted) {
    const have = byLower.get(want.toLowerCase());
    // A part already spelled as one of the names wanted keeps it (two sheets' relationships may
    // spell one part two ways); a fixed name comes first (a relationship cannot respell the shared strings).
    if (have !== undefined && !exact.has(have) && !out.has(have)) out.set(have, want);
  }
  return out;
}

/** The worksheet parts the workbook's relationships name, as exceljs's reconcile looks them up (`xl/` + the target, a leading `/xl/` or blanks dropped). */
function worksheetTargets(rels: string): string[] {
  const out: string[] = [];
  for (const m of rels.matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
    const get = (name: string): string | undefined => {
      const a = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(m[0]);
      return a ? (a[1] ?? a[2]) : undefined;
    };
    const target = get("Target");
    if (get("Type")?.trim() !== WORKSHEET_REL || target === undefined || get("TargetMode") === "External") continue;
    out.push(`xl/${target.replace(/&amp;/g, "&").replace(/^(\s|\/xl\/)+/, "")}`);
  }
  return out;
}

/** `exceljsSpellings` for a map of parts. */
export function exceljsSpellingsOf(parts: ReadonlyMap<string, Uint8Array>): Map<string, string> {
  return exceljsSpellings(parts.keys(), (name) => {
    const data = parts.get(name);
    return data ? strFromU8(data) : undefined;
  });
}
