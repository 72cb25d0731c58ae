/**
 * Renders a NotatLayout as a Word document with `docx`. Thin on purpose: every text and figure
 * comes from the layout; this file only chooses Word's styles (Title, Heading 1, Heading 2, Normal,
 * List Paragraph, Footnote Text, Table Grid), the A4 page, the page header and the page numbers.
 * Used by the CLI (Node) and the task pane (browser, loaded on demand).
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type { NotatBlock, NotatCell, NotatLayout, NotatParagraph, NotatRun, NotatTable } from "../core";

const FONT = "Calibri";
/** Half-points, as Word stores font sizes. */
const SIZE = { body: 22, small: 18, table: 20, title: 32, heading1: 28, heading2: 22 } as const;
/** A4 in twips (1/20 pt), with 2 cm side margins and 2.5 cm at the top and bottom. */
const PAGE = { width: 11906, height: 16838, side: 1134, top: 1418, bottom: 1418 } as const;
const TEXT_WIDTH = PAGE.width - 2 * PAGE.side;
const BULLETS = "notat-bullets";

/**
 * Word's built-in »Table Grid« style, as Word itself writes it, so a kommune template that
 * restyles Table Grid restyles these tables (docx has no table styles of its own).
 */
const TABLE_GRID_XML =
  '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>' +
  '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders>' +
  ["top", "left", "bottom", "right", "insideH", "insideV"].map((s) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`).join("") +
  "</w:tblBorders></w:tblPr></w:style>";

/** XML 1.0 cannot hold most control characters; a workbook's text might (a name pasted from elsewhere). */
// eslint-disable-next-line no-control-regex
const xmlSafe = (text: string): string => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

function runs(list: readonly NotatRun[], size?: number): TextRun[] {
  return list.map(
    (r) =>
      new TextRun({
        text: xmlSafe(r.text),
        ...(r.bold ? { bold: true } : {}),
        // A field to fill in stands out in yellow, as Word users mark such places.
        ...(r.toFill ? { highlight: "yellow" } : {}),
        ...(size !== undefined ? { size } : {}),
      }),
  );
}

/** `gapBefore`: the first paragraph after the date and case numbers stands apart from them. */
function paragraph(p: NotatParagraph, gapBefore: boolean): Paragraph {
  const pageBreakBefore = p.pageBreakBefore === true;
  switch (p.style) {
    case "tableTitle":
      return new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, pageBreakBefore, children: runs(p.runs) });
    case "footnote":
      return new Paragraph({ style: "FootnoteText", pageBreakBefore, spacing: { after: 60 }, children: runs(p.runs, SIZE.small) });
    case "meta":
      return new Paragraph({ pageBreakBefore, spacing: { after: 80 }, children: runs(p.runs, SIZE.small) });
    case "metaLabel":
      return new Paragraph({ pageBreakBefore, keepNext: true, spacing: { after: 0 }, children: runs(p.runs.map((r) => ({ ...r, bold: true })), SIZE.small) });
    case "sender":
      return new Paragraph({ pageBreakBefore, spacing: { after: 0 }, children: runs(p.runs) });
    case "normal":
      return new Paragraph({ pageBreakBefore, ...(gapBefore ? { spacing: { before: 240 } } : {}), children: runs(p.runs) });
  }
}

function cell(c: NotatCell, width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    ...(c.rowSpan !== undefined ? { rowSpan: c.rowSpan } : {}),
    children: [
      new Paragraph({
        alignment: c.align === "center" ? AlignmentType.CENTER : AlignmentType.LEFT,
        keepNext: true,
        children: [new TextRun({ text: xmlSafe(c.text), size: SIZE.table, ...(c.bold ? { bold: true } : {}), ...(c.italic ? { italics: true } : {}) })],
      }),
    ],
  });
}

function table(t: NotatTable): Table {
  const total = t.columnWidths.reduce((a, b) => a + b, 0);
  const widths = t.columnWidths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  return new Table({
    style: "TableGrid",
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: t.rows.map(
      (row, i) =>
        new TableRow({
          tableHeader: i === 0,
          cantSplit: true,
          // A cell covered by a merge above is left out: docx writes Word's vMerge continuation for it.
          children: row.flatMap((c, col) => (c === null ? [] : [cell(c, widths[col] ?? 0)])),
        }),
    ),
  });
}

function blocks(list: readonly NotatBlock[]): (Paragraph | Table)[] {
  return list.flatMap((b, i): (Paragraph | Table)[] => {
    const prev = list[i - 1];
    switch (b.kind) {
      case "heading":
        return [new Paragraph({ heading: b.level === "title" ? HeadingLevel.TITLE : HeadingLevel.HEADING_1, children: [new TextRun(xmlSafe(b.text))] })];
      case "paragraph":
        return [paragraph(b, prev?.kind === "paragraph" && prev.style === "meta" && b.style === "normal")];
      case "bullets":
        return b.items.map(
          (text, i) =>
            new Paragraph({ style: "ListParagraph", numbering: { reference: BULLETS, level: 0 }, spacing: { after: i === b.items.length - 1 ? 200 : 0 }, children: [new TextRun(xmlSafe(text))] }),
        );
      case "table":
        // An empty paragraph after each table keeps two tables from running together (as in the notat).
        return [table(b), new Paragraph({ spacing: { after: 0 }, children: [] })];
    }
  });
}

const heading = (size: number, before: number, after: number) => ({
  run: { font: FONT, size, bold: true, color: "000000" },
  paragraph: { spacing: { before, after }, keepNext: true },
});

/** The notat as a docx Document. */
export function notatDocument(layout: NotatLayout): Document {
  const pageNumber = () =>
    new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: [layout.pageNumber.before, PageNumber.CURRENT, layout.pageNumber.between, PageNumber.TOTAL_PAGES], size: SIZE.small })],
        }),
      ],
    });
  return new Document({
    creator: "jobstatus",
    title: xmlSafe(layout.blocks.flatMap((b) => (b.kind === "heading" && b.level === 1 ? [b.text] : []))[0] ?? ""),
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE.body }, paragraph: { spacing: { after: 120, line: 252 } } },
        title: heading(SIZE.title, 0, 240),
        heading1: heading(SIZE.heading1, 120, 240),
        heading2: heading(SIZE.heading2, 200, 80),
      },
    },
    // Given as an external stylesheet so docx keeps its own default styles (Normal, headings, lists) next to it.
    externalStyles: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${TABLE_GRID_XML}</w:styles>`,
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [{ level: 0, format: LevelFormat.BULLET, text: "\u2022", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }],
        },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.side, right: PAGE.side } },
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({ children: layout.pageHeader.map((line) => new Paragraph({ spacing: { after: 0 }, children: runs(line.map((r) => ({ ...r, bold: true })), SIZE.small) })) }),
        },
        footers: { first: pageNumber(), default: pageNumber() },
        children: blocks(layout.blocks),
      },
    ],
  });
}

/** The notat as the bytes of a .docx file (Node and browser alike). */
export async function notatDocx(layout: NotatLayout): Promise<Uint8Array> {
  return Packer.pack(notatDocument(layout), "uint8array");
}
