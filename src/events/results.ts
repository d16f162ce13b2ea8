/**
 * What happened to each unit, as data: the contract between the engine and everything that shows or keeps its
 * results (renderers, --report, notifications). Strategies return an `Ending`; they throw only for bugs. The engine
 * stamps the unit and its timing on it once, making the `UnitResult`; the exit code of a whole run is derived from
 * the results in one place (src/events/exit-code.ts).
 */
import type { UnitErrorCode } from '../errors.js';

export type UnitOutcome =
  /** Deployed the new definitions and it is healthy. */
  | 'deployed'
  /** The live resource already runs exactly these definitions: nothing was changed. */
  | 'unchanged'
  /** The service or function was deleted as its definition was. */
  | 'deleted'
  /** Failed, and the previous healthy state was restored. */
  | 'rolled-back'
  /** Failed, and the previous state could not be (or, with rollback off, was not) restored: a human must look. */
  | 'failed'
  /** Not started because the run was interrupted or stopped (--fail-fast) before its turn. */
  | 'skipped'
  /**
   * Not deployed: another run (a poll, another pipeline, an operator) was still driving the unit when this run
   * stopped waiting for it. Nothing was changed by this run; what ran before still runs.
   */
  | 'busy'
  /** Left alone: an operator rolled the unit back and pinned it, and no newer commit has changed it since. */
  | 'pinned'
  /**
   * Failed before its first change (the first describe failed, the resource to delete could not be found): what
   * ran before still runs, untouched, and the error says what to fix. Exit 2, like a pre-flight problem.
   */
  | 'not-started';

export interface StoppedTaskReport {
  taskArn: string;
  taskDefinitionArn: string;
  stoppedReason: string;
  stopCode?: string;
  stoppedAt?: number;
  containers: { name: string; exitCode?: number; reason?: string }[];
}

export interface TargetHealthReport {
  targetGroupArn: string;
  targetId: string;
  port?: number;
  state: string;
  reason?: string;
  description?: string;
}

/** Everything gathered to explain a failure: shown under the unit, written to --report, summarised for CI. */
export interface FailureReport {
  /** One sentence: what failed and why. */
  summary: string;
  /** Where in the strategy it failed (`stability`, `traffic-shift step 3 of 5`, ...). */
  step: string;
  stoppedTasks: StoppedTaskReport[];
  serviceEvents: { at: number; message: string }[];
  targetHealth: TargetHealthReport[];
  breaker?: { failed: number; threshold: number };
  alarms?: { alarmName: string; stateReason: string }[];
  /** What the operator should do, when the unit could not be restored. */
  action?: string;
}

/** How a unit ended, as its strategy (or the engine's guard) says: a `UnitResult` without the unit and its timing. */
export interface Ending {
  outcome: UnitOutcome;
  /** What runs now: the revision deployed, or restored after a rollback (task definition ARN, Lambda version). */
  revision?: string;
  /** The revision that ran before, when there was one. */
  previousRevision?: string;
  /** True when the run was interrupted (SIGINT/SIGTERM) while this unit was in flight. */
  interrupted?: boolean;
  error?: { code: UnitErrorCode; message: string };
  report?: FailureReport;
  /** Why a unit was left alone (pinned): shown under the summary table. */
  note?: string;
}

/** An ending stamped with its unit and timing, by the engine only (src/deploy/engine.ts). */
export interface UnitResult extends Ending {
  unit: string;
  startedAt: number;
  finishedAt: number;
}
