/**
 * The collect section (issue 12) as the pane starts: its heading, «Vælg forvaltningernes filer» (a
 * file input) and «Opret skabelon for én forvaltning», and nothing more. The section's logic (store
 * slice, controller, overview table; src/taskpane/collect-section.ts) is a chunk loaded on the first
 * use, and exceljs another, so the pane's start-up JavaScript stays small. The pane adds the
 * section to HR's step »Filer«, and the one-forvaltning template under its year field (issue 21),
 * from one marked hook in taskpane.ts.
 */
import { DEFAULT_UNIT_CODES, DEFAULT_UNIT_NAMES } from "../core/units";
import { COLLECT_START } from "../messages/da";
import type { OfficeEnv } from "../office/run";
import type { CollectController, CollectHost, PickedInput } from "./collect-controller";
import { h } from "./dom";
import { fluentButton } from "./fluent";

const XLSX_ACCEPT = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The section's fixed controls; the chunk fills `body` (progress, messages, overview, »Indsæt arkene«). */
export interface CollectSkeleton {
  readonly section: HTMLElement;
  readonly pick: HTMLButtonElement;
  readonly input: HTMLInputElement;
  readonly body: HTMLElement;
  readonly unit: HTMLSelectElement;
  /** The chosen forvaltning's full name, under the select (a closed native select cuts long names; issue 21). */
  readonly unitName: HTMLElement;
  readonly template: HTMLButtonElement;
  /** The one-forvaltning template (field, button, hint): the pane shows it under its year field (issue 21). */
  readonly templateTool: HTMLElement;
  /** A polite live region that repeats the section's message bar (issue 21, WCAG 4.1.3). */
  readonly live: HTMLElement;
}

/** Shows the chosen forvaltning's full name under the select. */
export function showUnitName(sk: CollectSkeleton): void {
  sk.unitName.textContent = DEFAULT_UNIT_NAMES[sk.unit.value] ?? sk.unit.value;
}

function skeleton(): CollectSkeleton {
  // Not shown: the button opens it (a native file input cannot be styled as a Fluent button).
  const input = h("input", { attrs: { id: "collect-files", type: "file", multiple: true, accept: XLSX_ACCEPT, hidden: true, "aria-label": COLLECT_START.pick } });
  const pick = fluentButton("secondary", { "aria-describedby": "hint-collect-pick" }, "action", COLLECT_START.pick);
  const unit = h(
    "select",
    { class: "collect-template__unit", attrs: { id: "collect-template-unit", "aria-describedby": "collect-template-name hint-collect-template" } },
    // The code only, which a closed select at pane width never cuts; the full name stands under it.
    ...DEFAULT_UNIT_CODES.map((c) => h("option", { attrs: { value: c, title: DEFAULT_UNIT_NAMES[c] ?? c } }, c)),
  );
  const unitName = h("p", { class: "collect-template__name", attrs: { id: "collect-template-name" } }, DEFAULT_UNIT_NAMES[unit.value] ?? unit.value);
  const template = fluentButton("secondary", { "aria-describedby": "hint-collect-template" }, "action", COLLECT_START.template);
  const body = h("div", { class: "collect-body" });
  const live = h("div", { class: "visually-hidden", attrs: { role: "status", "aria-live": "polite", "aria-atomic": "true" } });
  const templateTool = h(
    "div",
    { class: "collect-template-tool" },
    h(
      "div",
      { class: "template collect-template" },
      h("div", { class: "template__field" }, h("label", { class: "template__label", attrs: { for: "collect-template-unit" } }, COLLECT_START.templateUnit), unit, unitName),
      template,
    ),
    h("p", { class: "hint", attrs: { id: "hint-collect-template" } }, COLLECT_START.templateHint),
  );
  const section = h(
    "section",
    { class: "tool collect", attrs: { id: "collect", "aria-labelledby": "collect-title" } },
    h("h3", { class: "subheading collect__title", attrs: { id: "collect-title" } }, COLLECT_START.heading),
    pick,
    input,
    h("p", { class: "hint", attrs: { id: "hint-collect-pick" } }, COLLECT_START.pickHint),
    body,
    live,
  );
  return { section, pick, input, body, unit, unitName, template, templateTool, live };
}

/**
 * The section's outcome in a live region, and its progress bar named by its text (issue 21, WCAG
 * 4.1.3 and 4.1.2), without reaching into the chunk that draws them: the chunk's message bar text
 * is repeated in `sk.live` when it changes.
 */
function watchOutcome(sk: CollectSkeleton): void {
  if (typeof MutationObserver === "undefined") return;
  let last = "";
  new MutationObserver(() => {
    for (const bar of sk.body.querySelectorAll<HTMLElement>("[role=progressbar]")) {
      const text = bar.parentElement?.querySelector(".progress__text")?.textContent ?? "";
      if (text && bar.getAttribute("aria-label") !== text) bar.setAttribute("aria-label", text);
      else if (!bar.hasAttribute("aria-label")) bar.setAttribute("aria-label", COLLECT_START.heading);
    }
    const blocked = sk.body.querySelector<HTMLElement>(".collect-apply__blocked");
    const said = [sk.body.querySelector(".collect-notice")?.textContent?.trim() ?? "", blocked && !blocked.hidden ? (blocked.textContent ?? "") : ""].filter((t) => t !== "").join(" ");
    if (said !== last) {
      last = said;
      sk.live.textContent = said;
    }
  }).observe(sk.body, { childList: true, subtree: true, characterData: true });
}

function fileInput(f: File): PickedInput {
  return { name: f.name, lastModified: f.lastModified, bytes: async () => new Uint8Array(await f.arrayBuffer()) };
}

export interface MountedCollect {
  /** The section for the pane's tools area (`MountedPane.addTool`): HR's tool, its fixed buttons. */
  readonly tool: { readonly element: HTMLElement; readonly modes: readonly "hr"[]; readonly buttons: readonly HTMLButtonElement[] };
  /** »Opret skabelon for én forvaltning«, for the pane to place beside its year field (issue 21). */
  readonly templateTool: HTMLElement;
  /** The section's controller, loading its chunk on the first call. */
  controller(): Promise<CollectController>;
  /** Another of the pane's steps has started: the section's message bar would be stale, so it goes (issue 21). */
  laterStep(): void;
  destroy(): void;
}

/**
 * Builds the section; the pane adds `tool` to its tools area. `templateYear`: the year in the
 * pane's template field; `workbookChanged`: the pane reads its workbook summary again (after
 * sheets were inserted); `inTurn`: the pane's one queue for the workbook (Controller.inTurn).
 */
export function mountCollectSection(
  env: OfficeEnv,
  templateYear: () => number,
  workbookChanged: () => void,
  host?: CollectHost,
  inTurn?: <T>(work: () => Promise<T>) => Promise<T>,
): MountedCollect {
  const sk = skeleton();
  let loaded: CollectController | undefined;
  let loading: Promise<CollectController> | undefined;
  let unmount = (): void => undefined;
  const controller = (): Promise<CollectController> =>
    (loading ??= import(/* webpackChunkName: "collect" */ "./collect-section").then((m) => {
      const started = m.startCollect(sk, env, host ?? m.browserCollectHost(templateYear, workbookChanged, inTurn));
      loaded = started.controller;
      unmount = started.destroy;
      return loaded;
    }));
  const idle = (): boolean => loaded === undefined || loaded.store.state.busy === null;
  sk.input.addEventListener("change", () => {
    const files = [...(sk.input.files ?? [])].map(fileInput);
    sk.input.value = "";
    if (files.length > 0) void controller().then((c) => c.pick(files));
  });
  sk.pick.addEventListener("click", () => {
    if (idle()) sk.input.click();
  });
  sk.unit.addEventListener("change", () => {
    showUnitName(sk);
    void controller().then((c) => c.setTemplateCode(sk.unit.value));
  });
  sk.template.addEventListener("click", () => {
    if (!idle()) return;
    void controller().then((c) => {
      c.setTemplateCode(sk.unit.value);
      return c.createUnitTemplate();
    });
  });
  watchOutcome(sk);
  return {
    tool: { element: sk.section, modes: ["hr"], buttons: [sk.pick, sk.template] },
    templateTool: sk.templateTool,
    controller,
    laterStep: () => {
      if (loaded && loaded.store.state.busy === null && (loaded.store.state.notice || loaded.store.state.blocked)) loaded.store.update({ notice: null, blocked: null });
    },
    destroy: () => {
      unmount();
      sk.section.remove();
      sk.templateTool.remove();
    },
  };
}
