/**
 * The engine's named stages, in the order they run (issue 22). `analyzeWorkbook` and `calculate` run
 * each through a StageTimer, so the bench (scripts/bench/engine.ts) can time every stage by name;
 * the default timer only runs it. The cross-checks run before the previous year is read, as they
 * always did: the order of the issues the user sees does not move.
 */
export const STAGE_NAMES = [
  "find the sheets",
  "read the rulebook",
  "read Måltal",
  "read the units",
  "cross-checks",
  "read the previous year",
  "plausibility",
  "compute",
  "lay out",
] as const;

export type StageName = (typeof STAGE_NAMES)[number];

/** Runs one stage; a timer measures it around `run` (the engine stays free of clocks). */
export type StageTimer = <T>(stage: StageName, run: () => T) => T;

export const untimed: StageTimer = (_stage, run) => run();
