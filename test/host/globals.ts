/**
 * The `Excel`, `Office` and `OfficeExtension` globals over a test host, as a page loading office.js
 * inside Excel on the web would see them. Unmodelled members throw instead of returning undefined.
 */
import { NotImplementedError, RichApiError } from "./errors";
import { ExcelEnums, HostType, PlatformType } from "./enums";
import type { TestHost } from "./host";
import type { WorkbookModel } from "./model";
import { officeJsLibrary } from "./officejs";

/** Requirement sets answered true, with the highest supported version. */
export const SUPPORTED_REQUIREMENT_SETS: Readonly<Record<string, string>> = { ExcelApi: "1.17", SharedRuntime: "1.1" };

const PROBES = new Set(["then", "toJSON", "$$typeof", "asymmetricMatch", "nodeType", "constructor", "toString", "valueOf", "inspect"]);

/** Wraps a plain object so reading a member it lacks throws a clear TestHost error. */
export function strict<T extends object>(name: string, members: T): T {
  return new Proxy(members, {
    get(target, prop, receiver) {
      if (typeof prop === "symbol" || prop in target) return Reflect.get(target, prop, receiver) as unknown;
      if (PROBES.has(prop)) return undefined;
      throw new NotImplementedError(`${name}.${prop}`);
    },
  });
}

function versionAtMost(version: string | undefined, max: string): boolean {
  if (version === undefined || version === "") return true;
  const a = version.split(".").map(Number);
  const b = max.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (Number.isNaN(x)) return false;
    if (x !== y) return x < y;
  }
  return true;
}

export function isSetSupported(name: string, version?: string | number): boolean {
  const max = SUPPORTED_REQUIREMENT_SETS[name];
  return max !== undefined && versionAtMost(version === undefined ? undefined : String(version), max);
}

/** `Excel.run(batch)` or `Excel.run(options, batch)` with RunOptions.delayForCellEdit. */
function excelRun(host: TestHost, args: unknown[]): Promise<unknown> {
  const [first, second] = args;
  if (args.length === 1) return host.run(first as Parameters<TestHost["run"]>[0]);
  if (args.length === 2 && typeof first === "object" && first !== null && !Array.isArray(first)) {
    return host.runWithOptions(first as { delayForCellEdit?: boolean }, second as Parameters<TestHost["run"]>[0]);
  }
  return Promise.reject(new NotImplementedError("Excel.run with previous objects", "pass a batch function, with RunOptions or without"));
}

/** What browser-entry exposes as `window.__JOBSTATUS_HOST__`. */
export interface BrowserHostHandle {
  host: TestHost;
  readonly stats: TestHost["stats"];
  toJSON(): WorkbookModel;
  selection(): { sheet: string; address: string };
  resetStats(): void;
  failSync(n?: number, code?: string): void;
}

/** Defines Excel, Office, OfficeExtension, __JOBSTATUS_ACTIONS__ and __JOBSTATUS_HOST__ on `target`. */
/**
 * Office.context.officeTheme (learn.microsoft.com/javascript/api/office/office.officetheme: the
 * colours of the Office theme the user chose; supported by Excel on the web, Windows, Mac and iOS).
 * Modelled only when a test gives one: without it the member stays unmodelled (it throws, and the
 * pane, which reads it in a try, falls back to the browser's colour scheme).
 */
export interface OfficeThemeModel {
  readonly bodyBackgroundColor: string;
  readonly bodyForegroundColor: string;
  readonly controlBackgroundColor: string;
  readonly controlForegroundColor: string;
}

export function installOfficeGlobals(target: Record<string, unknown>, host: TestHost, options: { displayLanguage?: string; officeTheme?: OfficeThemeModel } = {}): BrowserHostHandle {
  const actions = (target.__JOBSTATUS_ACTIONS__ ??= {}) as Record<string, unknown>;
  const info = { host: HostType.Excel, platform: PlatformType.OfficeOnline };

  if (host.client === "officejs") {
    // Microsoft's Excel and OfficeExtension; a plain Excel.run(batch) goes to this host's RichApi executor.
    const lib = officeJsLibrary();
    (lib.OfficeExtension.SessionBase as unknown as { _overrideSession: object })._overrideSession = host.officeJsSession();
    target.Excel = Object.assign(Object.create(lib.Excel) as object, { run: (...args: unknown[]) => excelRun(host, args) });
    target.OfficeExtension = lib.OfficeExtension;
  } else target.Excel = strict("Excel", {
    ...ExcelEnums,
    run: (...args: unknown[]) => excelRun(host, args),
  });

  if (host.client !== "officejs") target.OfficeExtension = strict("OfficeExtension", {
    Error: RichApiError,
    ErrorCodes: {
      accessDenied: "AccessDenied",
      generalException: "GeneralException",
      activityLimitReached: "ActivityLimitReached",
      invalidObjectPath: "InvalidObjectPath",
      propertyNotLoaded: "PropertyNotLoaded",
      valueNotLoaded: "ValueNotLoaded",
      invalidRequestContext: "InvalidRequestContext",
      invalidArgument: "InvalidArgument",
      runMustReturnPromise: "RunMustReturnPromise",
      cannotUpdateReadOnlyProperty: "CannotUpdateReadOnlyProperty",
      requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
      responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
    },
  });

  const settings = new Map<string, unknown>();
  target.Office = strict("Office", {
    HostType,
    PlatformType,
    onReady: (callback?: (i: typeof info) => void) =>
      Promise.resolve().then(() => {
        callback?.({ ...info });
        return { ...info };
      }),
    context: strict("Office.context", {
      host: info.host,
      platform: info.platform,
      displayLanguage: options.displayLanguage ?? "da-DK",
      contentLanguage: options.displayLanguage ?? "da-DK",
      ...(options.officeTheme ? { officeTheme: strict("Office.context.officeTheme", { ...options.officeTheme }) } : {}),
      diagnostics: strict("Office.context.diagnostics", { host: info.host, platform: info.platform, version: "16.0.0.0" }),
      requirements: strict("Office.context.requirements", { isSetSupported }),
      document: strict("Office.context.document", {
        url: `https://testhost.invalid/${host.model.fileName ?? "Book1.xlsx"}`,
        mode: "readWrite",
        settings: strict("Office.context.document.settings", {
          get: (name: string) => (settings.has(name) ? settings.get(name) : null),
          set: (name: string, value: unknown) => void settings.set(name, value),
          remove: (name: string) => void settings.delete(name),
          saveAsync: (callback?: (r: { status: string }) => void) => void Promise.resolve().then(() => callback?.({ status: "succeeded" })),
        }),
      }),
    }),
    actions: strict("Office.actions", {
      associate: (id: string, handler: unknown) => {
        if (typeof id !== "string" || typeof handler !== "function") throw new TypeError("Office.actions.associate(id: string, handler: function)");
        actions[id] = handler;
      },
    }),
    addin: strict("Office.addin", {
      showAsTaskpane: () => Promise.resolve(),
      hide: () => Promise.resolve(),
    }),
  });

  const handle: BrowserHostHandle = {
    host,
    get stats() {
      return host.stats;
    },
    toJSON: () => host.toJSON(),
    selection: () => host.selection(),
    resetStats: () => host.resetStats(),
    failSync: (n?: number, code?: string) => host.failSync(n, code),
  };
  target.__JOBSTATUS_HOST__ = handle;
  return handle;
}
