/** Small inline SVG icons, built with DOM calls (no markup strings). Decorative: hidden from screen readers. */
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

const WHITE = { fill: "#fff" };

export type IconName = "error" | "warning" | "success" | "info" | "dismiss" | "check" | "missing";

export function icon(name: IconName): SVGSVGElement {
  switch (name) {
    case "error":
      return svg("icon--error", [
        ["circle", { cx: "10", cy: "10", r: "8", fill: "currentColor" }],
        ["rect", { x: "9.1", y: "5", width: "1.8", height: "6.2", rx: "0.9", ...WHITE }],
        ["circle", { cx: "10", cy: "14", r: "1.1", ...WHITE }],
      ]);
    case "warning":
      return svg("icon--warning", [
        ["path", { d: "M8.7 2.8a1.5 1.5 0 0 1 2.6 0l6.6 12a1.5 1.5 0 0 1-1.3 2.2H3.4a1.5 1.5 0 0 1-1.3-2.2z", fill: "currentColor" }],
        ["rect", { x: "9.15", y: "6.5", width: "1.7", height: "5.5", rx: "0.85", ...WHITE }],
        ["circle", { cx: "10", cy: "14.3", r: "1.05", ...WHITE }],
      ]);
    case "success":
      return svg("icon--success", [
        ["circle", { cx: "10", cy: "10", r: "8", fill: "currentColor" }],
        ["path", { d: "M6.3 10.3l2.5 2.5 4.9-5.3", fill: "none", stroke: "#fff", "stroke-width": "1.8", "stroke-linecap": "round", "stroke-linejoin": "round" }],
      ]);
    case "info":
      return svg("icon--info", [
        ["circle", { cx: "10", cy: "10", r: "8", fill: "currentColor" }],
        ["rect", { x: "9.1", y: "8.6", width: "1.8", height: "6", rx: "0.9", ...WHITE }],
        ["circle", { cx: "10", cy: "6.1", r: "1.1", ...WHITE }],
      ]);
    case "check":
      return svg("icon--check", [
        ["path", { d: "M4.5 10.5l3.5 3.5 7.5-8", fill: "none", stroke: "currentColor", "stroke-width": "1.8", "stroke-linecap": "round", "stroke-linejoin": "round" }],
      ]);
    case "missing":
      return svg("icon--missing", [
        ["circle", { cx: "10", cy: "10", r: "7", fill: "none", stroke: "currentColor", "stroke-width": "1.6" }],
        ["path", { d: "M7 10h6", stroke: "currentColor", "stroke-width": "1.8", "stroke-linecap": "round" }],
      ]);
    case "dismiss":
      return svg("icon--dismiss", [
        ["path", { d: "M5 5l10 10M15 5L5 15", stroke: "currentColor", "stroke-width": "1.6", "stroke-linecap": "round" }],
      ]);
  }
}
