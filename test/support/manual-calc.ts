import JSZip from "jszip";

/** The workbook's bytes as Excel saves them with manual calculation (`<calcPr calcMode="manual">`). */
export async function savedWithManualCalculation(raw: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(raw);
  const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const patched = /<calcPr\b/.test(xml) ? xml.replace(/<calcPr\b/, '<calcPr calcMode="manual"') : xml.replace("</workbook>", '<calcPr calcMode="manual"/></workbook>');
  if (!patched.includes('calcMode="manual"')) throw new Error("workbook.xml could not be marked as saved with manual calculation");
  zip.file("xl/workbook.xml", patched);
  return zip.generateAsync({ type: "uint8array" });
}
