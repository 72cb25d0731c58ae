/**
 * How jobstatus marks the sheets it owns: a workbook-level defined name per report,
 * `jobstatus_rapport_<year>`, referring to A1 of the sheet. The name travels with the sheet when
 * it is renamed, is invisible on the sheet, and is written the same way by the CLI and the add-in.
 * A user's own sheet never carries it, so it is never replaced.
 */

export const OWNER_NAME_PREFIX = "jobstatus_rapport_";
/** The Kilder sheet is owned the same way, by its own name. */
export const SOURCES_OWNER_PREFIX = "jobstatus_kilder_";

export function ownerName(year: number): string {
  return `${OWNER_NAME_PREFIX}${year}`;
}

export function sourcesOwnerName(year: number): string {
  return `${SOURCES_OWNER_PREFIX}${year}`;
}

/** `='Status 2025'!$A$1` → `Status 2025`, for names that are owner markers; otherwise undefined. */
export function ownedSheetOf(name: string, reference: string): string | undefined {
  const lower = name.toLowerCase();
  if (!lower.startsWith(OWNER_NAME_PREFIX) && !lower.startsWith(SOURCES_OWNER_PREFIX)) return undefined;
  const ref = reference.replace(/^=/, "").trim();
  const m = /^(?:'((?:[^']|'')+)'|([^!'\s]+))!/.exec(ref);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
}

/** `'Status 2025'!$A$1`: the reference an owner name points at. */
export function ownerReference(sheetName: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!$A$1`;
}
