/**
 * Small DOM helpers. Text always goes in as text nodes (textContent), never as HTML, so workbook
 * text such as a sheet named `<img src=x onerror=…>` shows as text.
 */

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>>;
}

function apply(el: Element, props: Props | undefined, children: readonly Child[]): void {
  if (props?.class) el.setAttribute("class", props.class);
  for (const [k, v] of Object.entries(props?.attrs ?? {})) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** `h("li", {class: "x"}, "text", child)`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, props, children);
  return el;
}

/** Replaces all children of `el`. */
export function replaceChildren(el: Element, ...children: Child[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  apply(el, undefined, children);
}
