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

/** The bytes as UTF-8 text (as fflate's strFromU8 decodes them, which every reader used), decoded at most once. */
export function partText(bytes: Uint8Array): string {
  let text = texts.get(bytes);
  if (text === undefined) {
    text = isAscii(bytes) ? asciiText(bytes) : strFromU8(bytes);
    texts.set(bytes, text);
  }
  return text;
}

/** A package's parts by name, as OPC compares part names: without regard to case. */
export interface PartLookup {
  /** The part's own name in `parts`, for a name in any case. */
  key(name: string): string | undefined;
  /** The part's text (partText: decoded once), or undefined when there is no such part. */
  text(name: string): string | undefined;
}

/** One case-insensitive lookup for the loader's stages (merge-bounds, trim, load, inspect, read-error). */
export function partLookup(parts: ReadonlyMap<string, Uint8Array>): PartLookup {
  const byLower = new Map([...parts.keys()].map((k) => [k.toLowerCase(), k]));
  const key = (name: string): string | undefined => byLower.get(name.toLowerCase());
  return {
    key,
    text(name) {
      const k = key(name);
      const bytes = k !== undefined ? parts.get(k) : undefined;
      return bytes ? partText(bytes) : undefined;
    },
  };
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) > 0x7f) return false;
  return true;
}

/** Characters per String.fromCharCode call (well below any engine's limit on arguments). */
const CHUNK = 16_384;

/**
 * ASCII bytes as text: UTF-8 decodes them to the same characters. Node's TextDecoder (fflate's
 * strFromU8) made a 132 MB sheet a 264 MB string of two bytes per character and peaked at 530 MB
 * doing it; joined chunks give a string of one byte per character, 280 MB at peak (measured on
 * Node 20, docs/dev/performance.md).
 */
function asciiText(bytes: Uint8Array): string {
  const chunks: string[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) chunks.push(String.fromCharCode.apply(null, bytes.subarray(at, at + CHUNK) as unknown as number[]));
  return chunks.join("");
}
