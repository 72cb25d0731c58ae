/**
 * detectFileKind: what a file is, by its magic bytes and its zip central directory or compound-file
 * directory, before anything is inflated. Every file is built here by script.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { detectFileKind, zipEntryNames } from "../../src/xlsx/file-kind";

/** UTF-16LE directory entry of a compound file (MS-CFB §2.6.1): name, its byte length with the NUL, type stream. */
function cfbEntry(name: string): Uint8Array {
  const e = new Uint8Array(128);
  for (let i = 0; i < name.length; i++) {
    e[2 * i] = name.charCodeAt(i) & 0xff;
    e[2 * i + 1] = name.charCodeAt(i) >> 8;
  }
  e[0x40] = (name.length + 1) * 2;
  e[0x42] = 2;
  return e;
}

/** A compound file with the given streams in its first directory sector, plus optional body bytes before it. */
function compoundFile(streams: readonly string[], body: Uint8Array = new Uint8Array(0)): Uint8Array {
  const header = new Uint8Array(512);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  header[0x1e] = 9; // 512-byte sectors
  const bodySectors = Math.ceil(body.length / 512);
  const entries = ["Root Entry", ...streams].map(cfbEntry);
  const dir = new Uint8Array(Math.ceil(entries.length / 4) * 512);
  entries.forEach((e, i) => dir.set(e, i * 128));
  const out = new Uint8Array(512 + bodySectors * 512 + dir.length);
  out.set(header);
  out.set(body, 512);
  out.set(dir, 512 + bodySectors * 512);
  return out;
}

async function xlsxBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Ark1").getCell("A1").value = 1;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

describe("detectFileKind", () => {
  test("an .xlsx written by exceljs is xlsx, and its central directory lists its parts", async () => {
    const bytes = await xlsxBytes();
    expect(detectFileKind(bytes)).toBe("xlsx");
    expect(zipEntryNames(bytes)).toEqual(expect.arrayContaining(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]));
  });

  test("a .docx-shaped zip and a plain archive are zip-not-workbook", async () => {
    expect(detectFileKind(await zipOf({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" }))).toBe("zip-not-workbook");
    expect(detectFileKind(await zipOf({ "notes.txt": "hej" }))).toBe("zip-not-workbook");
  });

  test("an empty zip (only its end record) is zip-not-workbook", () => {
    const eocd = new Uint8Array(22);
    eocd.set([0x50, 0x4b, 0x05, 0x06]);
    expect(detectFileKind(eocd)).toBe("zip-not-workbook");
  });

  test("a truncated workbook (central directory cut off) is unknown, not »not a workbook«", async () => {
    const bytes = await xlsxBytes();
    expect(detectFileKind(bytes.subarray(0, Math.floor(bytes.length / 2)))).toBe("unknown");
  });

  test("a central directory that claims more entries than it holds is unknown", async () => {
    const bytes = (await xlsxBytes()).slice();
    const eocd = bytes.length - 22;
    bytes[eocd + 10] = 0xff; // entries on this disk
    bytes[eocd + 11] = 0x7f;
    expect(detectFileKind(bytes)).toBe("unknown");
  });

  test("a password-protected workbook (EncryptionInfo and EncryptedPackage streams) is encrypted", () => {
    expect(detectFileKind(compoundFile(["\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"]))).toBe("encrypted");
  });

  test("a legacy workbook (Workbook or Book stream) is xls", () => {
    expect(detectFileKind(compoundFile(["Workbook", "\u0005SummaryInformation"]))).toBe("xls");
    expect(detectFileKind(compoundFile(["Book"]))).toBe("xls");
  });

  test("a stream name that is only text in a body sector does not count; other compound files are unknown", () => {
    const text = new Uint8Array(512);
    "EncryptedPackage EncryptionInfo".split("").forEach((ch, i) => (text[2 * i + 3] = ch.charCodeAt(0)));
    expect(detectFileKind(compoundFile(["WordDocument"], text))).toBe("unknown");
  });

  test("CSV, UTF-16 text and an HTML table are text; a file of zeros is unknown; no bytes is empty", () => {
    const enc = new TextEncoder();
    expect(detectFileKind(enc.encode("Ordning;Status\r\nLøntilskud;12,5\r\n"))).toBe("text");
    expect(detectFileKind(new Uint8Array([0xff, 0xfe, 0x4f, 0x00]))).toBe("text");
    expect(detectFileKind(enc.encode("<html><table><tr><td>1</td></tr></table></html>"))).toBe("text");
    expect(detectFileKind(enc.encode("æ".repeat(3000)))).toBe("text");
    expect(detectFileKind(new Uint8Array(10_000))).toBe("unknown");
    expect(detectFileKind(new Uint8Array(0))).toBe("empty");
  });

  test("random binary is unknown", () => {
    const bytes = new Uint8Array(256);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 97 + 13) & 0xff;
    expect(detectFileKind(bytes)).toBe("unknown");
  });
});
