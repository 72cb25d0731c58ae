/**
 * `Workbook.insertWorksheetsFromBase64(base64File, options)` (ExcelApi 1.13) on the model, with
 * Microsoft's documented limits (learn.microsoft.com, Excel.Workbook.insertWorksheetsFromBase64 and
 * "Insert worksheets from another workbook"): Excel on the web refuses source sheets with
 * PivotTables, charts, comments or slicers (`UnsupportedFeature`, nothing inserted); the method is
 * missing on iOS. See README.md for what is approximated.
 */
import type { Engine } from "./engine";
import { hostError } from "./errors";
import type { DecodedFile } from "./insert-files";
import { newCfId, newSheetId, type SheetModel } from "./model";

/** Office.context.platform values the host distinguishes. */
export type HostPlatform = "OfficeOnline" | "PC" | "Mac" | "iOS";

const POSITION_TYPES = ["None", "Before", "After", "Beginning", "End"] as const;
type PositionType = (typeof POSITION_TYPES)[number];

interface InsertOptions {
  sheetNamesToInsert?: string[];
  positionType?: PositionType;
  relativeTo?: string;
}

const LOCATION = "Workbook.insertWorksheetsFromBase64";

function optionsOf(raw: unknown): InsertOptions {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) throw hostError("InvalidArgument", "options must be an object", LOCATION);
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!["sheetNamesToInsert", "positionType", "relativeTo"].includes(k)) throw hostError("InvalidArgument", `unknown option ${k}`, LOCATION);
  }
  const names = o.sheetNamesToInsert;
  if (names !== undefined && names !== null && (!Array.isArray(names) || names.some((n) => typeof n !== "string"))) {
    throw hostError("InvalidArgument", "sheetNamesToInsert must be an array of sheet names", LOCATION);
  }
  const pos = o.positionType;
  if (pos !== undefined && pos !== null && !POSITION_TYPES.includes(pos as PositionType)) throw hostError("InvalidArgument", `positionType ${JSON.stringify(pos)} is not a WorksheetPositionType`, LOCATION);
  const rel = o.relativeTo;
  if (rel !== undefined && rel !== null && typeof rel !== "string") throw hostError("InvalidArgument", "relativeTo must be a worksheet name or id", LOCATION);
  return {
    ...(Array.isArray(names) ? { sheetNamesToInsert: names as string[] } : {}),
    ...(typeof pos === "string" ? { positionType: pos as PositionType } : {}),
    ...(typeof rel === "string" ? { relativeTo: rel } : {}),
  };
}

/** A free name as Excel gives a copied sheet whose name is taken: `BUF (2)`, `BUF (3)`, … (within 31 characters). */
function freeName(engine: Engine, name: string): string {
  if (!engine.sheetByName(name)) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${name.slice(0, 31 - suffix.length)}${suffix}`;
    if (!engine.sheetByName(candidate)) return candidate;
  }
}

/** Inserts the file's sheets (all, or `sheetNamesToInsert` in the source's order) and returns their ids. */
export function insertWorksheets(engine: Engine, file: DecodedFile, rawOptions: unknown, platform: HostPlatform): string[] {
  if (platform === "iOS") throw hostError("ApiNotFound", "insertWorksheetsFromBase64 is not supported on iOS", LOCATION);
  const options = optionsOf(rawOptions);
  const source = file.model.sheets;
  const wanted = options.sheetNamesToInsert;
  for (const n of wanted ?? []) {
    if (!source.some((s) => s.name.toLowerCase() === n.toLowerCase())) throw hostError("ItemNotFound", `the source workbook has no sheet ${JSON.stringify(n)}`, LOCATION);
  }
  const chosen = wanted && wanted.length > 0 ? source.filter((s) => wanted.some((n) => n.toLowerCase() === s.name.toLowerCase())) : source;
  if (platform === "OfficeOnline") {
    const refused = chosen.filter((s) => (file.unsupported[s.name.toLowerCase()] ?? []).length > 0);
    if (refused.length > 0) {
      const what = refused.map((s) => `${s.name}: ${(file.unsupported[s.name.toLowerCase()] ?? []).join(", ")}`).join("; ");
      throw hostError("UnsupportedFeature", `Excel on the web cannot insert source sheets with PivotTables, charts, comments or slicers (${what})`, LOCATION);
    }
  }
  const sheets = engine.model.sheets;
  const type = options.positionType ?? "End";
  let at: number;
  if (type === "Before" || type === "After") {
    if (options.relativeTo === undefined) throw hostError("InvalidArgument", `positionType ${type} needs relativeTo`, LOCATION);
    const rel = engine.findSheet(options.relativeTo);
    if (!rel) throw hostError("ItemNotFound", `no worksheet ${JSON.stringify(options.relativeTo)}`, LOCATION);
    at = sheets.indexOf(rel) + (type === "After" ? 1 : 0);
  } else at = type === "Beginning" ? 0 : sheets.length;

  const ids: string[] = [];
  for (const src of chosen) {
    const copy = JSON.parse(JSON.stringify(src)) as SheetModel;
    copy.id = newSheetId(engine.model);
    copy.name = freeName(engine, src.name);
    for (const cf of copy.conditionalFormats) cf.id = newCfId(engine.model);
    sheets.splice(at++, 0, copy);
    ids.push(copy.id);
  }
  return ids;
}
