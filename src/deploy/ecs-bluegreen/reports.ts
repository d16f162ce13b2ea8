/** The failure reports of a blue/green: which step failed and why, with the evidence the watches gathered. */
import { buildFailureReport, failureSummary } from '../ecs/failure-report.js';
import type { WatchObservations } from '../ecs/service-observer.js';
import type { WatchOutcome } from '../ecs/watch-service.js';
import type { FailureReport } from '../../events/results.js';
import type { GateFailure } from '../shifting/gate.js';

/** A stability check that did not end stable; `error` when an AWS call failed past its retries. */
export type StabilityFailure = Exclude<WatchOutcome, { kind: 'stable' }> | { kind: 'error'; message: string };

const stabilityStep = 'stability check of the new task set (no traffic moved)';

export function stabilityReport(outcome: StabilityFailure, seen: WatchObservations, timeoutMs: number): FailureReport {
  if (outcome.kind === 'error') return buildFailureReport(`stopped by an error: ${outcome.message}`, stabilityStep, seen);
  const summary = outcome.kind === 'aborted' ? 'interrupted before the new task set was stable' : `new task set: ${failureSummary(outcome, timeoutMs)}`;
  const breaker = outcome.kind === 'breaker' ? { failed: outcome.failed, threshold: outcome.threshold } : undefined;
  return buildFailureReport(summary, stabilityStep, seen, breaker);
}

/** What ended a blue/green under traffic: a gate's objection or an interrupt. */
export type UnderTrafficFailure = GateFailure | { kind: 'aborted' };

/** `step` names the traffic step (`traffic step 3 of 5 (60%)`), `when` places the failure in it (`during the wait after …`). */
export function underTrafficReport(outcome: UnderTrafficFailure, seen: WatchObservations, step: string, when: string): FailureReport {
  switch (outcome.kind) {
    case 'alarm': {
      const names = outcome.alarms.map((a) => a.alarmName).join(', ');
      const reasons = outcome.alarms.map((a) => a.stateReason).join('; ');
      const report = buildFailureReport(`alarm ${names} went into ALARM ${when}: ${reasons}`, step, seen);
      report.alarms = outcome.alarms;
      return report;
    }
    case 'unhealthy': {
      const report = buildFailureReport(`${outcome.reason} ${when}`, step, seen);
      if (outcome.targets.length > 0) report.targetHealth = outcome.targets;
      return report;
    }
    case 'breaker':
      return buildFailureReport(`${failureSummary(outcome, 0)} ${when}`, step, seen, { failed: outcome.failed, threshold: outcome.threshold });
    case 'aborted':
      return buildFailureReport(`interrupted ${when}`, step, seen);
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** An error a strategy step did not expect (an AWS call that failed past its retries), as one line. */
export { errorLine as errorText } from '../port-error.js';
