/**
 * A part's text, decoded once per load: the loader's checks (merge-bounds.ts), the trimmer
 * (trim.ts), the scan's check and reading (load.ts) and the inspector (inspect.ts) each read every
 * worksheet's XML, and each decoded it for itself, so a million-row sheet's 50–150 MB of text was
 * made five times over before V8 collected any (issue 20, docs/dev/performance.md, »Which
 * million-row shapes stay under 1 GB«). Keyed by the bytes themselves: the text lives as long as
 * the load holds its parts, and no longer. Browser-safe.
 */
import { strFromU8 } from "fflate";

const texts = new WeakMap<Uint8Array, string>();

/** The bytes as UTF-8 text (fflate's strFromU8, as every reader used), decoded at most once. */
export function partText(bytes: Uint8Array): string {
  let text = texts.get(bytes);
  if (text === undefined) {
    text = strFromU8(bytes);
    texts.set(bytes, text);
  }
  return text;
}
