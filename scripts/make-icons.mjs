#!/usr/bin/env node
// Draws the add-in's icons (assets/*.png) with nothing but Node's zlib.
//
//   node scripts/make-icons.mjs           write assets/*.png
//   node scripts/make-icons.mjs --check   exit 1 if a committed PNG's pixels differ from what
//                                         this script draws (compares decoded pixels, not bytes,
//                                         so another zlib version does not matter)
//
// The PNGs are committed source assets: CI and developers never need to run this. It documents
// how they were made and lets anyone change a glyph and redraw all sizes consistently.
//
// Glyphs are flat shapes in Fluent blue #0F6CBD on a transparent background, rendered with 8x8
// supersampling per pixel. Geometry is computed per size and snapped to whole pixels so the 16 px
// versions stay crisp.
import { deflateSync, inflateSync } from "node:zlib";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");

const BLUE = [0x0f, 0x6c, 0xbd, 255]; // Fluent "brand" blue, Københavns Kommune-ish
const TINT = [0x47, 0x9e, 0xf5, 255]; // lighter brand blue (#479EF5): secondary parts
const PALE = [0xc2, 0xdd, 0xfa, 255]; // pale blue (#C2DDFA): secondary bars on the blue tile
const WHITE = [255, 255, 255, 255];

// ---------- shapes: each is { color, inside(x, y) } in pixel coordinates ----------
function roundRect(x0, y0, x1, y1, r, color) {
  return {
    color,
    inside(x, y) {
      if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
      const cx = x < x0 + r ? x0 + r : x > x1 - r ? x1 - r : x;
      const cy = y < y0 + r ? y0 + r : y > y1 - r ? y1 - r : y;
      return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    },
  };
}

function circle(cx, cy, r, color) {
  return { color, inside: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r };
}

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** A polyline stroked with round caps and joins. */
function stroke(points, width, color) {
  return {
    color,
    inside(x, y) {
      for (let i = 1; i < points.length; i++) {
        const [ax, ay] = points[i - 1];
        const [bx, by] = points[i];
        if (distToSegment(x, y, ax, ay, bx, by) <= width / 2) return true;
      }
      return false;
    },
  };
}

/** Rasterise shapes (later ones paint over earlier ones) into straight RGBA bytes. */
function render(size, shapes, ss = 8) {
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = px + (sx + 0.5) / ss;
          const y = py + (sy + 0.5) / ss;
          for (let i = shapes.length - 1; i >= 0; i--) {
            const s = shapes[i];
            if (s.inside(x, y)) {
              const al = s.color[3] / 255;
              r += s.color[0] * al; g += s.color[1] * al; b += s.color[2] * al; a += al;
              break;
            }
          }
        }
      }
      const n = ss * ss;
      const o = (py * size + px) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a); out[o + 1] = Math.round(g / a); out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((a / n) * 255);
      }
    }
  }
  return out;
}

// ---------- glyphs ----------
const margin = (s) => Math.max(1, Math.round(s * 0.125));

/** Three ascending bars ("Beregn status"). */
function barsGlyph(s, color = BLUE, tint = TINT, m = margin(s)) {
  const inner = s - 2 * m;
  const bw = Math.max(3, Math.round(inner * 0.26));
  const gap = Math.max(1, Math.floor((inner - 3 * bw) / 2));
  const left = m + Math.floor((inner - (3 * bw + 2 * gap)) / 2);
  const bottom = s - m;
  const r = Math.max(0.5, bw * 0.18);
  const heights = [0.45, 0.72, 1].map((f) => Math.round(inner * f));
  return heights.map((h, i) =>
    roundRect(left + i * (bw + gap), bottom - h, left + i * (bw + gap) + bw, bottom, r, i === 2 ? color : tint),
  );
}

/** A check mark on a filled disc ("Valider ark"). */
function checkGlyph(s) {
  const c = s / 2;
  const R = s / 2 - Math.max(0.5, s * 0.06);
  const w = Math.max(1.6, s * 0.11);
  const pts = [
    [s * 0.29, s * 0.52],
    [s * 0.44, s * 0.67],
    [s * 0.72, s * 0.37],
  ];
  return [circle(c, c, R, BLUE), stroke(pts, w, WHITE)];
}

/** A window with its right-hand pane filled ("Åbn panel"). */
function panelGlyph(s) {
  const m = Math.max(1, Math.round(s * 0.09));
  const t = Math.max(1, Math.round(s / 16)); // outline thickness
  const x0 = m, y0 = Math.round(s * 0.16), x1 = s - m, y1 = s - Math.round(s * 0.16);
  const r = Math.max(1, s * 0.08);
  const split = Math.round(x0 + (x1 - x0) * 0.58);
  const shapes = [
    roundRect(x0, y0, x1, y1, r, BLUE),
    roundRect(x0 + t, y0 + t, x1 - t, y1 - t, Math.max(0.5, r - t), [0, 0, 0, 0]),
    roundRect(split, y0, x1, y1, r, BLUE),
    { color: BLUE, inside: (x, y) => x >= split && x < split + r && y >= y0 && y < y1 },
  ];
  // Two "text lines" in the left part from 32 px up.
  if (s >= 32) {
    const lh = Math.max(2, Math.round(s / 16));
    const lx0 = x0 + t + Math.round(s * 0.07);
    const lx1 = split - Math.round(s * 0.08);
    const ly = y0 + t + Math.round(s * 0.1);
    shapes.push(roundRect(lx0, ly, lx1, ly + lh, lh / 2, TINT));
    shapes.push(roundRect(lx0, ly + 2 * lh, lx1 - Math.round(s * 0.08), ly + 3 * lh, lh / 2, TINT));
  }
  return shapes;
}

/** The add-in's own icon: white bars on a blue rounded tile. */
function appGlyph(s) {
  const r = Math.max(2, s * 0.19);
  const pad = s <= 16 ? 0 : Math.round(s * 0.03);
  const tile = roundRect(pad, pad, s - pad, s - pad, r, BLUE);
  const inner = Math.max(2, Math.round(s * 0.22));
  return [tile, ...barsGlyph(s, WHITE, PALE, inner)];
}

// Only opaque colours are used: render() takes the topmost shape per sample and does not blend
// shapes with each other. The one colour with alpha 0 (the window's inside in panelGlyph) is a
// deliberate hole that erases what lies below it.

export const ICONS = [
  ...[16, 32, 64, 80, 128].map((s) => ({ file: `icon-${s}.png`, size: s, shapes: () => appGlyph(s) })),
  ...[16, 32, 80].map((s) => ({ file: `beregn-${s}.png`, size: s, shapes: () => barsGlyph(s) })),
  ...[16, 32, 80].map((s) => ({ file: `valider-${s}.png`, size: s, shapes: () => checkGlyph(s) })),
  ...[16, 32, 80].map((s) => ({ file: `panel-${s}.png`, size: s, shapes: () => panelGlyph(s) })),
];

// ---------- PNG (RGBA, 8 bit, no interlace) ----------
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function scanlines(size, rgba) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return raw;
}

export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(scanlines(size, rgba), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Decoded scanlines of a PNG this script wrote (filter type 0 only), for --check. */
function decodeOwnPng(buf) {
  const idat = [];
  let off = 8;
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString("ascii", off + 4, off + 8);
    if (type === "IDAT") idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  return inflateSync(Buffer.concat(idat));
}

function main() {
  const check = process.argv.includes("--check");
  mkdirSync(ASSETS, { recursive: true });
  let bad = 0;
  for (const icon of ICONS) {
    const rgba = render(icon.size, icon.shapes());
    const path = join(ASSETS, icon.file);
    if (check) {
      let same = false;
      try {
        same = decodeOwnPng(readFileSync(path)).equals(scanlines(icon.size, rgba));
      } catch {
        same = false;
      }
      if (!same) {
        bad++;
        process.stderr.write(`differs from make-icons output: assets/${icon.file}\n`);
      }
    } else {
      writeFileSync(path, encodePng(icon.size, rgba));
      process.stdout.write(`wrote assets/${icon.file} (${icon.size}x${icon.size})\n`);
    }
  }
  if (bad) {
    process.stderr.write("run `node scripts/make-icons.mjs` to redraw the icons\n");
    process.exit(1);
  }
  if (check) process.stdout.write(`all ${ICONS.length} icons match scripts/make-icons.mjs\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
