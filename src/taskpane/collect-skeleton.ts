/**
 * The collect section's fixed controls, which the pane builds at start-up (collect-mount.ts) and the
 * section's chunk fills (collect-section.ts, collect-view.ts). Its own module, so the chunk does not
 * import the mount that loads it (no import circle; docs/dev/architecture.md).
 */
import { DEFAULT_UNIT_NAMES } from "../core";

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
