/**
 * Fluent UI 2 for the pane: only the web components the pane uses are defined (each import
 * registers one custom element), and the light theme's tokens become CSS custom properties.
 * See docs/dev/taskpane.md for why web components and not React.
 */
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/message-bar.js";
import "@fluentui/web-components/progress-bar.js";
import { setTheme } from "@fluentui/web-components/theme/set-theme.js";
import { webLightTheme } from "@fluentui/tokens";

export function applyTheme(): void {
  setTheme(webLightTheme);
}
