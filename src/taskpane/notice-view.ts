/**
 * The pane's message bar: at most two lines of text, the action as a button in the bar (»Vis
 * arket«), the close button, and any longer detail as a paragraph below the bar (issue 21).
 */
import { UI } from "../messages/da";
import { h, replaceChildren } from "./dom";
import { fluentButton, messageBar } from "./fluent";
import { icon } from "./icons";
import type { Notice } from "./store";

export function renderNotice(container: HTMLElement, notice: Notice | null, onDismiss: (() => void) | null): void {
  if (!notice) {
    replaceChildren(container);
    return;
  }
  let action: HTMLElement | null = null;
  if (notice.action) {
    const run = notice.action.run;
    action = fluentButton("secondary", {}, "notice__action", notice.action.label);
    action.addEventListener("click", () => run());
  }
  let dismiss: HTMLElement | null = null;
  if (onDismiss) {
    dismiss = fluentButton("subtle", { "aria-label": UI.notice.dismiss, title: UI.notice.dismiss }, "fui-Button--icon notice__dismiss", icon("dismiss"));
    dismiss.addEventListener("click", onDismiss);
  }
  const bar = messageBar(
    notice.intent,
    `notice notice--${notice.intent}`,
    icon(notice.intent),
    [
      notice.title ? h("strong", { class: "notice__title" }, notice.title) : null,
      notice.title ? " " : null,
      h("span", { class: "notice__text" }, notice.text),
      notice.next ? h("strong", { class: "notice__next" }, notice.next) : null,
    ],
    action || dismiss ? h("span", { class: "notice__actions" }, action, dismiss) : null,
  );
  replaceChildren(container, bar, notice.detail ? h("p", { class: "notice__detail" }, notice.detail) : null);
}
