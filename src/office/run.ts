/** The adapter takes `Excel.run` injected, so tests and the e2e page can hand it a strict test host. */
export type ExcelRun = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Asks the host whether a requirement set is there; false outside Office. */
export type IsSetSupported = (name: string, version: string) => boolean;

export interface OfficeEnv {
  readonly run: ExcelRun;
  readonly isSetSupported: IsSetSupported;
}
