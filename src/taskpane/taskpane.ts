/**
 * Entry of the shared runtime (manifest: Runtime, FunctionFile and the task pane all load
 * taskpane.html). Builds the pane, injects Office.js into the operations, registers the ribbon
 * commands and reads the workbook once. See docs/dev/taskpane.md.
 */
import { registerCommands } from "../commands/commands";
import { newSession } from "../office/session";
import { officeEnvOver, type OfficeEnv } from "../office/run";
import { Controller, type Outcome } from "./controller";
import { followColorMode, type OfficeThemeColors } from "./fluent";
import { mountSelfTest } from "./selftest-link"; // issue 10: the »Selvtest« page
import { excelEnvironment } from "./selftest-report"; // issue 10
import { initialState, Store } from "./store";
import { mountCollectSection } from "./collect-mount"; // issue 12 hook: the collect section
import { mountPane, renderNotInExcel, type PaneActions } from "./view";

function officeEnv(): OfficeEnv {
  return officeEnvOver(
    (options, batch) => Excel.run(options, batch),
    (name, version) => Office.context.requirements.isSetSupported(name, version),
  );
}

/** The buttons' actions before Office is ready: the buttons are disabled then, so this only guards. */
function deferred(get: () => Controller | undefined): PaneActions {
  const later = (f: (c: Controller) => Promise<Outcome>): Promise<Outcome> => {
    const c = get();
    return c ? f(c) : Promise.resolve("failed");
  };
  return {
    validate: (scope) => later((c) => c.validate(scope)),
    calculate: () => later((c) => c.calculate()),
    createTemplate: () => later((c) => c.createTemplate()),
    notat: () => later((c) => c.notat()),
    select: (issue) => later((c) => c.select(issue)),
    setTemplateYear: (y) => get()?.setTemplateYear(y),
    dismissNotice: () => get()?.dismissNotice(),
    setMode: (m) => get()?.setMode(m),
    announce: (t) => get()?.announce(t),
    check: (i, on) => get()?.check(i, on),
  };
}

/**
 * Before Office.onReady: no Office theme yet. Office's APIs, `Office.context` included, are only
 * there once the library has initialised ("an Office Add-in can't successfully call any Office
 * JavaScript APIs until the library has been loaded", learn.microsoft.com/office/dev/add-ins/develop/initialize-add-in),
 * so the first render follows the browser's colour scheme and the callback switches to Office's.
 * Touching `Office.context` this early also cost the start-up about 30 ms in the bench: the test
 * host's strict `Office.context` throws for a member it does not model, and that first exception,
 * thrown under the pane's whole top-level script, is slow (docs/dev/performance.md).
 */
const noOfficeThemeYet = (): OfficeThemeColors | undefined => undefined;

/** Office's theme colours, where this Office reports them (not in a plain browser). */
function officeTheme(): OfficeThemeColors | undefined {
  try {
    return typeof Office !== "undefined" ? (Office.context?.officeTheme as OfficeThemeColors | undefined) : undefined;
  } catch {
    return undefined;
  }
}

function boot(): void {
  followColorMode(noOfficeThemeYet);
  const root = document.getElementById("app");
  if (!root) return;
  if (typeof Office === "undefined") {
    renderNotInExcel(root);
    return;
  }
  const store = new Store({ ...initialState(new Date().getFullYear() - 1), busy: "overview" });
  let controller: Controller | undefined;
  // Tools and pages of other modules attach here: pane.addTool(...), pane.openPage(...) (docs/dev/taskpane.md).
  const pane = mountPane(root, store, deferred(() => controller));

  void Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel || typeof Excel === "undefined") {
      renderNotInExcel(root);
      return;
    }
    // Office.context exists now: follow Office's theme (dark or light) where it reports one.
    followColorMode(officeTheme);
    const env = officeEnv();
    const c = new Controller(env, newSession(), store);
    controller = c;
    const sharedRuntime = env.isSetSupported("SharedRuntime", "1.1");
    try {
      registerCommands(
        {
          associate: (name, handler) => Office.actions.associate(name, handler),
          showTaskpane: () => (sharedRuntime ? Office.addin.showAsTaskpane() : Promise.resolve()),
        },
        c,
      );
    } catch {
      // A host without function commands (no shared runtime): the pane does everything itself.
    }
    // issue 12 hook: »Vælg forvaltningernes filer« and »Opret skabelon for én forvaltning« (src/taskpane/collect-*.ts).
    // It changes the workbook in the controller's turn, so »Beregn status« never runs beside an insert.
    // issue 21: the section is HR's step »Filer«; its one-forvaltning template sits under the year field (»Skabeloner«).
    const collect = mountCollectSection(env, () => store.state.templateYear, () => void c.start(), undefined, (work) => c.inTurn(work));
    pane.addTool({ ...collect.tool, place: "files" });
    if (collect.templateTool) pane.addTool({ element: collect.templateTool, modes: ["hr"], place: "templates" });
    // issue 21: a later step (Valider alle, Beregn status, Notat, a template) makes the collect bar stale: it is cleared.
    store.subscribe((s, prev) => {
      if (s.busy !== prev.busy && s.busy !== null && s.busy !== "overview") collect.laterStep();
    });
    void c.start();
    // issue 10: the »Selvtest« tool and page (src/taskpane/selftest-link.ts).
    mountSelfTest(pane, { env, environment: () => excelEnvironment(Office.context.diagnostics, env.isSetSupported) });
  });
}

boot();
