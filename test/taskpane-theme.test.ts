/**
 * @jest-environment jsdom
 */
/** The pane follows Office's theme, else the browser's colour scheme (src/taskpane/fluent.ts). */
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

  test("the dark mode defines Fluent 2's dark tokens and tells the browser", () => {
    applyColorMode("dark");
    const style = document.documentElement.style;
    expect(style.getPropertyValue("--colorNeutralBackground1")).toBe(webDarkTheme.colorNeutralBackground1);
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(style.colorScheme).toBe("dark");
    applyColorMode("light");
    expect(style.getPropertyValue("--colorNeutralBackground1")).toBe(webLightTheme.colorNeutralBackground1);
  });
});
