/**
 * The »Selvtest« tool in the pane's footer (issue 10; issue 21 moved it there), shown in both modes. Only this
 * small part is in the start-up bundle; the page and the self-test load as a chunk of their own on
 * the first click (selftest-view.ts), as the Word notat's writer does, and open as the pane's
 * secondary page (`MountedPane.openPage`).
 */
import { SELFTEST } from "../messages/da";
import { h } from "./dom";
import { fluentButton } from "./fluent";
import type { SelfTestHost } from "./selftest-view";
import type { MountedPane } from "./view";

/**
 * Adds the tool to `pane`. Returns a function that opens the page (for tests); it resolves when the
 * page shows.
 */
export function mountSelfTest(pane: Pick<MountedPane, "addTool" | "openPage">, host: SelfTestHost): () => Promise<void> {
  const openButton = fluentButton("secondary", { "aria-describedby": "selftest-open-hint" }, "action selftest-open", SELFTEST.openButton);
  const failed = h("p", { class: "selftest__hint", attrs: { role: "alert" } });
  const element = h(
    "div",
    { class: "tool selftest-tool" },
    // h2: the tool sits in the pane's footer, beside the steps' h2 headings (no skipped level).
    h("h2", { class: "selftest-tool__title" }, SELFTEST.heading),
    openButton,
    h("p", { class: "hint", attrs: { id: "selftest-open-hint" } }, SELFTEST.openHint),
    failed,
  );
  pane.addTool({ element, modes: ["department", "hr"], buttons: [openButton] });
  const open = async (): Promise<void> => {
    try {
      const { selfTestPage } = await import(/* webpackChunkName: "selftest" */ "./selftest-view");
      failed.textContent = "";
      pane.openPage(SELFTEST.heading, selfTestPage(host));
    } catch {
      // The chunk did not load (the add-in's server could not be reached): say so; the next click tries again.
      failed.textContent = SELFTEST.loadFailed;
    }
  };
  openButton.addEventListener("click", () => {
    if (openButton.getAttribute("aria-disabled") !== "true") void open();
  });
  return open;
}
