/**
 * The »Selvtest« page (issue 10): reached from the pane's »Flere værktøjer«, it shows the user's Excel
 * (build, platform, requirement sets), runs the self-test (src/office/selftest.ts) on a button, shows
 * pass, fail or skipped per check, and a plain support text to copy into a ticket.
 *
 * The pane shows it as its secondary page (`MountedPane.openPage`, view.ts); this module is a chunk
 * loaded on the first click of the »Selvtest« tool (selftest-link.ts). All texts come from
 * src/messages/da.ts (SELFTEST); results are set as text, never HTML.
 */
import { SELFTEST } from "../messages/da";
import { officeErrorMessage } from "../office/errors";
import type { OfficeEnv } from "../office/run";
import { runSelfTest, type SelfTestResult } from "../office/selftest";
import { h, replaceChildren } from "./dom";
import { fluentButton, messageBar, setDisabledFocusable } from "./fluent";
import { icon } from "./icons";
import { compactSets, supportText, type ExcelEnvironment } from "./selftest-report";

export interface SelfTestHost {
  readonly env: OfficeEnv;
  /** Office.context.diagnostics and requirement sets, read when the page opens. */
  environment(): ExcelEnvironment;
}

const STATUS_ICON = { pass: "success", fail: "error", skipped: "info" } as const;

function renderResults(list: HTMLElement, results: readonly SelfTestResult[]): void {
  replaceChildren(
    list,
    ...results.map((r) => {
      const check = SELFTEST.checks[r.check];
      const needs = /ExcelApi [\d.]+/.exec(r.detail)?.[0];
      return h(
        "li",
        { class: `selftest__check selftest__check--${r.status}`, attrs: { "data-check": r.check, "data-status": r.status } },
        h("span", { class: "selftest__icon" }, icon(STATUS_ICON[r.status])),
        h(
          "div",
          { class: "selftest__body" },
          h("span", { class: "selftest__name" }, check.name),
          " ",
          h("span", { class: "selftest__status" }, SELFTEST.status[r.status]),
          h("p", { class: "selftest__explain" }, r.status === "skipped" && needs ? SELFTEST.skipped(needs) : check.explain),
        ),
      );
    }),
  );
}

function renderEnvironment(dl: HTMLElement, e: ExcelEnvironment): void {
  const row = (label: string, value: string) => [h("dt", { class: "selftest__label" }, label), h("dd", { class: "selftest__value" }, value)];
  replaceChildren(
    dl,
    ...row(SELFTEST.version, e.version || SELFTEST.notKnown),
    ...row(SELFTEST.platform, e.platform || SELFTEST.notKnown),
    ...row(SELFTEST.sets, e.sets.found.length ? compactSets(e.sets.found) : SELFTEST.notKnown),
    ...(e.sets.missing.length ? row(SELFTEST.setsMissing, compactSets(e.sets.missing)) : []),
  );
}

/** Copies `text`: the Clipboard API where the host allows it, else the selected text area (Office's older web views). */
async function copy(text: string, area: HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    area.focus();
    area.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

/**
 * The page's content (its title and »Tilbage« come from `MountedPane.openPage`): the Excel it runs
 * in, a button that runs the self-test, the result per check and the support text.
 */
export function selfTestPage(host: SelfTestHost): HTMLElement {
  const run = fluentButton("primary", {}, "selftest-run", SELFTEST.run);
  const dl = h("dl", { class: "selftest__env" });
  // The outcome is said when it appears (WCAG 4.1.3): a polite live region around the summary.
  const summary = h("div", { class: "selftest__summary", attrs: { role: "status", "aria-live": "polite", "aria-atomic": "true" } });
  const list = h("ul", { class: "selftest__checks", attrs: { "aria-label": SELFTEST.results } });
  const area = h("textarea", { class: "selftest__text", attrs: { id: "selftest-text", readonly: true, rows: 12, spellcheck: "false", "aria-describedby": "selftest-text-hint" } });
  const copyButton = fluentButton("secondary", {}, "selftest-copy", SELFTEST.copy);
  const live = h("p", { class: "selftest__copied", attrs: { role: "status", "aria-live": "polite" } });
  const page = h(
    "div",
    { class: "selftest", attrs: { id: "selftest", "aria-busy": "false" } },
    h("p", { class: "selftest__intro" }, SELFTEST.intro),
    h("div", { class: "selftest__buttons" }, run),
    h("section", { class: "selftest__card", attrs: { "aria-labelledby": "selftest-env-title" } }, h("h2", { class: "selftest__heading", attrs: { id: "selftest-env-title" } }, SELFTEST.environment), dl),
    summary,
    list,
    h(
      "section",
      { class: "selftest__card", attrs: { "aria-labelledby": "selftest-support-title" } },
      h("h2", { class: "selftest__heading", attrs: { id: "selftest-support-title" } }, h("label", { attrs: { for: "selftest-text" } }, SELFTEST.support)),
      h("p", { class: "selftest__hint", attrs: { id: "selftest-text-hint" } }, SELFTEST.supportHint),
      area,
      h("div", { class: "selftest__buttons" }, copyButton),
      live,
    ),
  );

  const environment = host.environment();
  renderEnvironment(dl, environment);
  const show = (results: readonly SelfTestResult[] | null, error: string | null): void => {
    area.value = supportText(environment, results, error, new Date());
  };
  show(null, null);

  let running = false;
  const start = async (): Promise<void> => {
    if (running) return;
    running = true;
    page.setAttribute("aria-busy", "true");
    setDisabledFocusable(run, true);
    live.textContent = "";
    replaceChildren(summary, h("p", { class: "selftest__running" }, SELFTEST.running));
    replaceChildren(list);
    try {
      const results = await runSelfTest(host.env);
      const failed = results.filter((r) => r.status === "fail").length;
      renderResults(list, results);
      const intent = failed ? "error" : "success";
      replaceChildren(summary, messageBar(intent, "notice selftest__result", icon(intent), [h("span", { class: "notice__text" }, failed ? SELFTEST.someFailed(failed) : SELFTEST.allPassed)], null));
      show(results, null);
    } catch (e) {
      const message = `${officeErrorMessage(e, "selftest")} ${SELFTEST.cleanup}`;
      replaceChildren(summary, messageBar("error", "notice selftest__result", icon("error"), [h("span", { class: "notice__text" }, message)], null));
      show(null, message);
    } finally {
      running = false;
      run.textContent = SELFTEST.runAgain;
      page.setAttribute("aria-busy", "false");
      setDisabledFocusable(run, false);
    }
  };

  run.addEventListener("click", () => void start());
  copyButton.addEventListener("click", () => {
    void copy(area.value, area).then((ok) => {
      live.textContent = ok ? SELFTEST.copied : SELFTEST.copyFailed;
    });
  });
  return page;
}
