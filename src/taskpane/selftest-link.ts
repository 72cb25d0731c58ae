/**
 * The pane's foot link to the »Selvtest« page (issue 10). Only this small part is in the start-up
 * bundle; the page and the self-test load as a chunk of their own on the first click
 * (selftest-view.ts), as the Word notat's writer does.
 */
import { SELFTEST } from "../messages/da";
import { h } from "./dom";
import { fluentButton } from "./fluent";
import type { SelfTestHost } from "./selftest-view";

/**
 * Adds the foot link after `pane` (the pane's root). Returns a function that opens the page (for
 * tests and a future menu); it resolves when the page shows.
 */
export function mountSelfTest(pane: HTMLElement, host: SelfTestHost): () => Promise<void> {
  const openButton = fluentButton("subtle", { "aria-describedby": "selftest-open-hint" }, "selftest-open", SELFTEST.open);
  const foot = h("footer", { class: "pane-foot" }, openButton, h("span", { class: "visually-hidden", attrs: { id: "selftest-open-hint" } }, SELFTEST.openHint));
  pane.after(foot);
  const failed = h("p", { class: "selftest__hint", attrs: { role: "alert" } });
  foot.appendChild(failed);
  let page: Promise<() => void> | undefined;
  const open = async (): Promise<void> => {
    page ??= import(/* webpackChunkName: "selftest" */ "./selftest-view").then((m) => m.mountSelfTestPage(pane, foot, openButton, host));
    try {
      (await page)();
      failed.textContent = "";
    } catch {
      // The chunk did not load (the add-in's server could not be reached): say so, try again next click.
      page = undefined;
      failed.textContent = SELFTEST.loadFailed;
    }
  };
  openButton.addEventListener("click", () => void open());
  return open;
}
