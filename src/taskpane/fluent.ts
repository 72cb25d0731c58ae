/**
 * Fluent UI 2 for the pane, without a component library: the Fluent 2 design tokens
 * (@fluentui/tokens, webLightTheme and webDarkTheme) are CSS custom properties in the pane's one
 * stylesheet, made at build time (webpack.config.js, `tokensCss`): light on :root, dark under
 * :root[data-theme="dark"]. The three controls the pane uses (button, message bar, progress bar)
 * are native elements styled to Fluent 2's specification in taskpane.css (classes named as
 * Fluent's own: `fui-Button`, `fui-MessageBar`, `fui-ProgressBar`).
 *
 * Why not @fluentui/web-components: every 3.x release declares `engines.node: ^22 || ^24`, while the
 * project builds and tests on Node 20; native elements also need no custom-element registry and
 * keep the bundle small. Why the tokens are not set from script: the token tables were 29 KB of the
 * start-up script and 460 style properties set twice at start-up (docs/dev/performance.md).
 * See docs/dev/taskpane.md.
 */
import { h, type Child } from "./dom";

export type ColorMode = "light" | "dark";

/** The part of Office.context.officeTheme the pane reads. */
export interface OfficeThemeColors {
  readonly bodyBackgroundColor?: string;
}

/** Relative luminance (WCAG) of a `#rrggbb` colour; undefined for anything else. */
function luminance(hex: string): number | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return undefined;
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const v = parseInt(c ?? "0", 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Dark or light from Office's theme (its pane background), when Office gives one; else undefined.
 * Office's »Black« and »Dark Gray« themes have dark backgrounds; »Colorful« and »White« light ones.
 */
export function officeColorMode(theme: OfficeThemeColors | undefined): ColorMode | undefined {
  const l = theme?.bodyBackgroundColor !== undefined ? luminance(theme.bodyBackgroundColor) : undefined;
  return l === undefined ? undefined : l < 0.2 ? "dark" : "light";
}

/** Switches the stylesheet's Fluent 2 tokens to light or dark and tells the browser (scroll bars, form controls). */
export function applyColorMode(mode: ColorMode): void {
  const root = document.documentElement;
  root.dataset.theme = mode;
  root.style.colorScheme = mode;
}

/**
 * Follows Office's theme when Office reports one, else the browser's `prefers-color-scheme`
 * (Excel on the web in a browser, and the tests), and keeps following the latter when it changes.
 */
let following: (() => OfficeThemeColors | undefined) | undefined;

export function followColorMode(officeTheme: () => OfficeThemeColors | undefined): void {
  const media = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : undefined;
  const pick = (): ColorMode => officeColorMode(following?.()) ?? (media?.matches ? "dark" : "light");
  // Called again once Office is ready: the newest source of Office's theme wins, one listener only.
  if (!following) media?.addEventListener?.("change", () => applyColorMode(pick()));
  following = officeTheme;
  applyColorMode(pick());
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

/**
 * The buttons while work runs: the one that has focus (the one just clicked) stays focusable and
 * says it is busy (`aria-disabled`, styled as working, not greyed out), so focus does not drop to
 * the page; every other button is really `disabled`, out of the tab order, so the keyboard never
 * lands on a dead control.
 */
export function setButtonsBusy(buttons: readonly HTMLButtonElement[], busy: boolean): void {
  const focused = document.activeElement;
  for (const b of buttons) {
    if (!busy) {
      b.disabled = false;
      b.removeAttribute("aria-disabled");
      b.classList.remove("is-working");
    } else if (b === focused) {
      b.setAttribute("aria-disabled", "true");
      b.classList.add("is-working");
    } else b.disabled = true;
  }
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
