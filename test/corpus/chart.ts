/**
 * A chart over department data, added to an .xlsx by a zip patch (issue 17's corpus): exceljs
 * cannot write charts, so the parts are spliced in as Excel writes them (ECMA-376 Part 1, §21.2
 * DrawingML charts and §20.5 spreadsheet drawing): `xl/charts/chartN.xml`, `xl/drawings/drawingN.xml`
 * and its relationships, the sheet's `<drawing r:id>` and relationship, and both content types.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { chartsOfXlsx, sheetParts } from "../host/xlsx-charts";

const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_DRAWING = `${NS_REL}/drawing`;
const REL_CHART = `${NS_REL}/chart`;
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

export interface ChartSpec {
  /** The sheet the chart stands on. */
  readonly sheet: string;
  /** The series' category and value ranges, as absolute references (`BUF!$A$5:$A$9`). */
  readonly categories: string;
  readonly values: string;
  /** The series' name, a reference to one cell. */
  readonly name: string;
}

/** BUF's status column over the schemes' names (the example's table: header in row 8, rows 9–13). */
export const BUF_CHART: ChartSpec = { sheet: "BUF", name: "BUF!$B$8", categories: "BUF!$A$9:$A$13", values: "BUF!$B$9:$B$13" };

/** Where a sheet's part is, by its tab name. */
function sheetPart(files: Record<string, Uint8Array>, sheet: string): string {
  const part = sheetParts(files).get(sheet);
  if (!part) throw new Error(`no part for sheet ${sheet}`);
  return part;
}

function freeName(files: Record<string, Uint8Array>, pattern: (n: number) => string): string {
  for (let n = 1; ; n++) if (!files[pattern(n)]) return pattern(n);
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function chartXml(spec: ChartSpec): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_REL}">` +
    `<c:chart><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>${esc(spec.name)}</c:f></c:strRef></c:tx>` +
    `<c:cat><c:strRef><c:f>${esc(spec.categories)}</c:f></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${esc(spec.values)}</c:f></c:numRef></c:val></c:ser>` +
    `<c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>` +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="500000002"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="500000001"/></c:valAx>` +
    `</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`
  );
}

function drawingXml(chartRid: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
    `<xdr:twoCellAnchor><xdr:from><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>16</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Diagram 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS_REL}" r:id="${chartRid}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

/** Elements that follow `<drawing>` in CT_Worksheet (ECMA-376 Part 1, §18.3.1.99), or the end. */
const AFTER_DRAWING = /<(legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b|<\/worksheet>/;

/** The .xlsx with a clustered column chart of `spec` on `spec.sheet`. */
export function withChart(xlsx: Uint8Array, spec: ChartSpec): Uint8Array {
  const files = unzipSync(xlsx);
  const sheetPath = sheetPart(files, spec.sheet);
  const chartPath = freeName(files, (n) => `xl/charts/chart${n}.xml`);
  const drawingPath = freeName(files, (n) => `xl/drawings/drawing${n}.xml`);
  const drawingFile = drawingPath.split("/").pop() as string;
  files[chartPath] = strToU8(chartXml(spec));
  files[drawingPath] = strToU8(drawingXml("rId1"));
  files[`xl/drawings/_rels/${drawingFile}.rels`] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_CHART}" Target="../charts/${chartPath.split("/").pop()}"/></Relationships>`,
  );

  // The sheet's relationship to the drawing, with an id the sheet does not use yet.
  const dir = sheetPath.slice(0, sheetPath.lastIndexOf("/"));
  const relsPath = `${dir}/_rels/${sheetPath.slice(dir.length + 1)}.rels`;
  const rels = files[relsPath] ? strFromU8(files[relsPath] as Uint8Array) : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  let rid = 1;
  while (rels.includes(`Id="rIdChart${rid}"`)) rid++;
  const drawingRid = `rIdChart${rid}`;
  files[relsPath] = strToU8(rels.replace("</Relationships>", `<Relationship Id="${drawingRid}" Type="${REL_DRAWING}" Target="../drawings/${drawingFile}"/></Relationships>`));

  let sheet = strFromU8(files[sheetPath] as Uint8Array);
  if (/<drawing\b/.test(sheet)) throw new Error(`${spec.sheet} already has a drawing`);
  if (!/<worksheet\b[^>]*xmlns:r=/.test(sheet)) sheet = sheet.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_REL}"`);
  const at = AFTER_DRAWING.exec(sheet);
  if (!at) throw new Error(`${spec.sheet}: no </worksheet>`);
  files[sheetPath] = strToU8(`${sheet.slice(0, at.index)}<drawing r:id="${drawingRid}"/>${sheet.slice(at.index)}`);

  const types = strFromU8(files["[Content_Types].xml"] as Uint8Array);
  const overrides = `<Override PartName="/${chartPath}" ContentType="${CT_CHART}"/><Override PartName="/${drawingPath}" ContentType="${CT_DRAWING}"/>`;
  files["[Content_Types].xml"] = strToU8(types.replace("</Types>", `${overrides}</Types>`));

  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) out[name] = data;
  return zipSync(out);
}

/** A chart found in an .xlsx: the sheet it stands on, and its series' references. */
export interface FoundChart {
  readonly sheet: string;
  readonly refs: readonly string[];
}

/** Every chart of an .xlsx with the sheet whose drawing holds it (test/host/xlsx-charts.ts). */
export function chartsOf(xlsx: Uint8Array): FoundChart[] {
  return [...chartsOfXlsx(xlsx)].flatMap(([sheet, charts]) => charts.map((c) => ({ sheet, refs: c.series })));
}
