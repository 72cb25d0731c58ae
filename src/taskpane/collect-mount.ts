/**
 * Puts the collect section (issue 12) into the pane: its own store slice, controller and DOM region,
 * appended to the pane's root. The pane calls this from one marked hook line in taskpane.ts.
 */
import { DEFAULT_UNIT_CODES } from "../core/units";
import { newSession } from "../office/operations";
import type { OfficeEnv } from "../office/run";
import { browserCollectHost, CollectController, type CollectHost } from "./collect-controller";
import { CollectStore, initialCollectState } from "./collect-store";
import { mountCollect } from "./collect-view";
import { h } from "./dom";

export interface MountedCollect {
  readonly controller: CollectController;
  destroy(): void;
}

/**
 * `templateYear`: the year in the pane's template field; `workbookChanged`: the pane reads its
 * workbook summary again (after sheets were inserted).
 */
export function mountCollectSection(root: HTMLElement, env: OfficeEnv, templateYear: () => number, workbookChanged: () => void, host: CollectHost = browserCollectHost(templateYear, workbookChanged)): MountedCollect {
  const store = new CollectStore(initialCollectState(DEFAULT_UNIT_CODES[0] ?? "BIF"));
  const controller = new CollectController(env, newSession(), store, host);
  const section = h("section", { attrs: { id: "collect" } });
  root.appendChild(section);
  const unsubscribe = mountCollect(section, store, controller);
  return {
    controller,
    destroy: () => {
      unsubscribe();
      section.remove();
    },
  };
}
