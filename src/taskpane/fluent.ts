/**
 * Fluent UI 2 for the pane, without a component library: the Fluent 2 design tokens
 * (@fluentui/tokens, webLightTheme) become CSS custom properties, and the three controls the pane
 * uses (button, message bar, progress bar) are native elements styled to Fluent 2's specification
 * in taskpane.css (classes named as Fluent's own: `fui-Button`, `fui-MessageBar`, `fui-ProgressBar`).
 *
 * Why not @fluentui/web-components: every 3.x release declares `engines.node: ^22 || ^24`, while the
 * project builds and tests on Node 20; native elements also need no custom-element registry and
 * keep the bundle small. See docs/dev/taskpane.md.
 */
import { webLightTheme, type Theme } from "@fluentui/tokens";
import { h, type Child } from "./dom";

/** Defines every token of `theme` as a CSS custom property on the document (`--colorBrandBackground`, …). */
export function applyTheme(theme: Theme = webLightTheme): void {
  const style = document.documentElement.style;
  for (const [token, value] of Object.entries(theme)) style.setProperty(`--${token}`, String(value));
}

export type ButtonAppearance = "primary" | "secondary" | "subtle";

/** A Fluent 2 button: a native `<button type="button">`. */
export function fluentButton(
  appearance: ButtonAppearance,
  attrs: Record<string, string | number | boolean | undefined>,
  extraClass: string | undefined,
  ...children: Child[]
): HTMLButtonElement {
  const cls = ["fui-Button", `fui-Button--${appearance}`, extraClass].filter(Boolean).join(" ");
  return h("button", { class: cls, attrs: { type: "button", ...attrs } }, ...children);
}

/**
 * Disabled but focusable (`aria-disabled`): keyboard focus stays on the button that was clicked
 * while work runs, and the click handler ignores it. Fluent calls this "disabledFocusable".
 */
export function setDisabledFocusable(button: HTMLElement, disabled: boolean): void {
  if (disabled) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
}

export type MessageIntent = "error" | "warning" | "success" | "info";

/** A Fluent 2 message bar (multiline layout): icon, body, optional dismiss button. */
export function messageBar(intent: MessageIntent, extraClass: string, icon: Child, body: Child[], dismiss: HTMLElement | null): HTMLElement {
  return h(
    "div",
    { class: `fui-MessageBar fui-MessageBar--${intent} ${extraClass}`, attrs: { "data-intent": intent } },
    h("span", { class: "fui-MessageBar__icon" }, icon),
    h("div", { class: "fui-MessageBar__body" }, ...body),
    dismiss,
  );
}

/** A Fluent 2 indeterminate progress bar; give it an accessible name with `aria-label`. */
export function progressBar(extraClass: string): HTMLElement {
  return h("div", { class: `fui-ProgressBar ${extraClass}`, attrs: { role: "progressbar" } }, h("span", { class: "fui-ProgressBar__bar" }));
}
