/**
 * Small inline SVG icons, built with DOM calls (no markup strings). Decorative: hidden from screen
 * readers. Every icon is drawn in `currentColor` only, with outlines and glyphs rather than a
 * coloured disc with a white glyph: in forced colours (high contrast) every colour becomes one
 * system colour, and the shapes must still tell success (check), error (circle with »!«), warning
 * (triangle) and info (»i«) apart.
 */
const NS = "http://www.w3.org/2000/svg";

type Shape = readonly [tag: "circle" | "path" | "rect", attrs: Readonly<Record<string, string>>];

function svg(cls: string, shapes: readonly Shape[]): SVGSVGElement {
  const el = document.createElementNS(NS, "svg");
  el.setAttribute("viewBox", "0 0 20 20");
  el.setAttribute("width", "16");
  el.setAttribute("height", "16");
  el.setAttribute("aria-hidden", "true");
  el.setAttribute("focusable", "false");
  el.setAttribute("class", `icon ${cls}`);
  for (const [tag, attrs] of shapes) {
    const s = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
    el.appendChild(s);
  }
  return el;
}

const OUTLINE = { fill: "none", stroke: "currentColor", "stroke-width": "1.6" };
const GLYPH = { fill: "currentColor" };
const LINE = { fill: "none", stroke: "currentColor", "stroke-width": "1.8", "stroke-linecap": "round", "stroke-linejoin": "round" };

export type IconName = "error" | "warning" | "success" | "info" | "dismiss" | "check" | "missing" | "chevron" | "arrowDown" | "refresh";

export function icon(name: IconName): SVGSVGElement {
  switch (name) {
    case "error":
      return svg("icon--error", [
        ["circle", { cx: "10", cy: "10", r: "7.7", ...OUTLINE }],
        ["rect", { x: "9.1", y: "5.4", width: "1.8", height: "5.8", rx: "0.9", ...GLYPH }],
        ["circle", { cx: "10", cy: "13.9", r: "1.1", ...GLYPH }],
      ]);
    case "warning":
      return svg("icon--warning", [
        ["path", { d: "M8.7 3.1a1.5 1.5 0 0 1 2.6 0l6.4 11.7a1.5 1.5 0 0 1-1.3 2.2H3.6a1.5 1.5 0 0 1-1.3-2.2z", ...OUTLINE, "stroke-linejoin": "round" }],
        ["rect", { x: "9.15", y: "7", width: "1.7", height: "5", rx: "0.85", ...GLYPH }],
        ["circle", { cx: "10", cy: "14.4", r: "1.05", ...GLYPH }],
      ]);
    case "success":
      return svg("icon--success", [
        ["circle", { cx: "10", cy: "10", r: "7.7", ...OUTLINE }],
        ["path", { d: "M6.4 10.3l2.4 2.4 4.8-5.2", ...LINE }],
      ]);
    case "info":
      return svg("icon--info", [
        ["circle", { cx: "10", cy: "10", r: "7.7", ...OUTLINE }],
        ["rect", { x: "9.1", y: "8.6", width: "1.8", height: "5.6", rx: "0.9", ...GLYPH }],
        ["circle", { cx: "10", cy: "6.1", r: "1.1", ...GLYPH }],
      ]);
    case "check":
      return svg("icon--check", [["path", { d: "M4.5 10.5l3.5 3.5 7.5-8", ...LINE }]]);
    case "missing":
      return svg("icon--missing", [
        ["circle", { cx: "10", cy: "10", r: "7", ...OUTLINE }],
        ["path", { d: "M7 10h6", ...LINE }],
      ]);
    case "dismiss":
      return svg("icon--dismiss", [["path", { d: "M5 5l10 10M15 5L5 15", ...LINE, "stroke-width": "1.6" }]]);
    case "chevron":
      return svg("icon--chevron", [["path", { d: "M7.5 4.5l5.5 5.5-5.5 5.5", ...LINE }]]);
    case "arrowDown":
      return svg("icon--arrow-down", [["path", { d: "M10 3.5v12M5 11l5 5 5-5", ...LINE }]]);
    case "refresh":
      return svg("icon--refresh", [
        ["path", { d: "M15.5 10a5.5 5.5 0 1 1-1.6-3.9", ...LINE }],
        ["path", { d: "M14.5 3v3.6h-3.6", ...LINE }],
      ]);
  }
}
