/**
 * The ribbon's function commands (manifest.xml: FunctionName beregnStatus and validerArk). They run
 * in the task pane's shared runtime and drive the same controller, so their outcome lands in the
 * pane's state. When there is something to read (errors, warnings, a failure, or any »Valider
 * ark« result) they open the pane; `event.completed()` is always called, whatever happens.
 */
import type { Outcome } from "../taskpane/controller";

/** The function names declared in manifest.xml. */
export const COMMAND_NAMES = { calculate: "beregnStatus", validateSheet: "validerArk" } as const;

/** What the commands run (the Controller implements it). */
export interface CommandTarget {
  calculate(): Promise<Outcome>;
  validate(scope: "active"): Promise<Outcome>;
}

/** The host side: Office.actions.associate and Office.addin.showAsTaskpane, injected. */
export interface CommandHost {
  associate(name: string, handler: (event: Office.AddinCommands.Event) => void): void;
  showTaskpane(): Promise<void>;
}

export type CommandHandler = (event: Pick<Office.AddinCommands.Event, "completed">) => Promise<void>;

function handler(action: () => Promise<Outcome>, opensPane: (o: Outcome) => boolean, showTaskpane: () => Promise<void>): CommandHandler {
  return async (event) => {
    try {
      let open = true;
      try {
        open = opensPane(await action());
      } finally {
        // Also when the action itself threw: the pane is where any message is.
        if (open) await showTaskpane().catch(() => undefined);
      }
    } catch {
      // The controller reports failures in the pane; nothing more can be shown from a command.
    } finally {
      event.completed();
    }
  };
}

export function commandHandlers(target: CommandTarget, showTaskpane: () => Promise<void>): Record<(typeof COMMAND_NAMES)[keyof typeof COMMAND_NAMES], CommandHandler> {
  return {
    // Success is visible without the pane: the status sheet is written and activated.
    beregnStatus: handler(() => target.calculate(), (o) => o !== "done", showTaskpane),
    // A department clicks »Valider ark« to learn the verdict, so the pane always opens with it.
    validerArk: handler(() => target.validate("active"), () => true, showTaskpane),
  };
}

export function registerCommands(host: CommandHost, target: CommandTarget): void {
  const handlers = commandHandlers(target, () => host.showTaskpane());
  for (const [name, h] of Object.entries(handlers)) host.associate(name, (event) => void h(event));
}
