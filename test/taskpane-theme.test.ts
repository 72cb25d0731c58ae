/**
 * @jest-environment jsdom
 */
/** The pane follows Office's theme, else the browser's colour scheme (src/taskpane/fluent.ts). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { webDarkTheme, webLightTheme } from "@fluentui/tokens";
import { applyColorMode, officeColorMode } from "../src/taskpane/fluent";

describe("colour mode", () => {
  test("Office's dark themes (Black, Dark Gray) are dark; Colorful and White are light; no theme is no answer", () => {
    expect(officeColorMode({ bodyBackgroundColor: "#262626" })).toBe("dark");
    expect(officeColorMode({ bodyBackgroundColor: "#000000" })).toBe("dark");
    expect(officeColorMode({ bodyBackgroundColor: "#666666" })).toBe("dark");
    expect(officeColorMode({ bodyBackgroundColor: "#FFFFFF" })).toBe("light");
    expect(officeColorMode({ bodyBackgroundColor: "#e6e6e6" })).toBe("light");
    expect(officeColorMode({})).toBeUndefined();
    expect(officeColorMode(undefined)).toBeUndefined();
    expect(officeColorMode({ bodyBackgroundColor: "not a colour" })).toBeUndefined();
  });

  test("the dark mode switches the stylesheet's tokens to Fluent 2's dark ones and tells the browser", () => {
    applyColorMode("dark");
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(document.documentElement.style.colorScheme).toBe("dark");
    applyColorMode("light");
    expect(document.documentElement.dataset.theme).toBe("light");
    expect(document.documentElement.style.colorScheme).toBe("light");
  });

  test("the built stylesheet defines every Fluent 2 token: light on :root, dark under data-theme=dark, then the pane's own styles", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const css = (require("../webpack.config.js") as { paneCss(root: string): string }).paneCss(path.resolve(__dirname, ".."));
    const block = (selector: string): Map<string, string> => {
      const at = css.indexOf(`${selector} {`);
      expect(at).toBeGreaterThanOrEqual(0);
      const body = css.slice(at, css.indexOf("}", at));
      return new Map([...body.matchAll(/--([A-Za-z0-9]+): ([^;]+);/g)].map((m) => [m[1] as string, m[2] as string]));
    };
    const light = block(":root");
    const dark = block(':root[data-theme="dark"]');
    for (const [token, value] of Object.entries(webLightTheme)) expect([token, light.get(token)]).toEqual([token, String(value)]);
    // The dark block holds what differs; the rest falls through from :root.
    for (const [token, value] of Object.entries(webDarkTheme)) expect([token, dark.get(token) ?? light.get(token)]).toEqual([token, String(value)]);
    expect(dark.get("colorNeutralBackground1")).toBe(webDarkTheme.colorNeutralBackground1);
    // The three stylesheets follow the tokens, in the order the page used to link them.
    const order = ["src/taskpane/taskpane.css", "src/taskpane/collect.css", "src/taskpane/selftest.css"].map((f) => css.indexOf(`/* ${f} */`));
    expect(order.every((i, k) => i > css.indexOf(':root[data-theme="dark"]') && (k === 0 || i > (order[k - 1] as number)))).toBe(true);
  });

  test("a stylesheet in src/taskpane that PANE_STYLES leaves out stops the build instead of vanishing from dist/", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { paneCss } = require("../webpack.config.js") as { paneCss(root: string): string };
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "pane-styles-"));
    try {
      fs.mkdirSync(path.join(root, "src/taskpane"), { recursive: true });
      for (const f of ["taskpane.css", "collect.css", "selftest.css"]) fs.writeFileSync(path.join(root, "src/taskpane", f), `/* ${f} */`);
      expect(paneCss(root)).toContain("/* src/taskpane/selftest.css */");
      fs.writeFileSync(path.join(root, "src/taskpane/new.css"), ".x { color: red; }");
      expect(() => paneCss(root)).toThrow(/not listed: src\/taskpane\/new\.css/);
      fs.rmSync(path.join(root, "src/taskpane/new.css"));
      fs.rmSync(path.join(root, "src/taskpane/collect.css"));
      expect(() => paneCss(root)).toThrow(/listed but missing: src\/taskpane\/collect\.css/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
