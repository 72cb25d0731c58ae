/**
 * The collect section's chunk (loaded on its first use, collect-mount.ts): the store slice, the
 * controller and the overview, over the section's fixed controls.
 */
import type { OfficeEnv } from "../office/run";
import { newSession } from "../office/operations";
import { CollectController, type CollectHost } from "./collect-controller";
import type { CollectSkeleton } from "./collect-skeleton";
import { CollectStore, initialCollectState } from "./collect-store";
import { mountCollect } from "./collect-view";

export { browserCollectHost } from "./collect-controller";

export function startCollect(sk: CollectSkeleton, env: OfficeEnv, host: CollectHost): { controller: CollectController; destroy: () => void } {
  const store = new CollectStore(initialCollectState(sk.unit.value));
  const controller = new CollectController(env, newSession(), store, host);
  const destroy = mountCollect(sk, store, controller);
  return { controller, destroy };
}
