/** Turns what a watch saw into the FailureReport shown under the unit, written to --report and CI summaries. */
import type { FailureReport, TargetHealthReport } from '../../events/results.js';
import type { WatchObservations } from './service-observer.js';
import type { WatchOutcome } from './watch-service.js';

export function failureSummary(outcome: WatchOutcome, timeoutMs: number): string {
  switch (outcome.kind) {
    case 'breaker':
      return `circuit breaker tripped: ${outcome.failed} task${outcome.failed === 1 ? '' : 's'} of the new revision failed (threshold ${outcome.threshold})`;
    case 'timeout':
      return `not stable within ${Math.round(timeoutMs / 1000)} s: still waiting for ${outcome.waitingFor || 'the service to settle'}`;
    case 'aborted':
      return 'interrupted before the deployment was stable';
    case 'missing':
      return 'the service disappeared during the deployment';
    case 'stable':
      return 'stable';
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

export function buildFailureReport(summary: string, step: string, seen: WatchObservations, breaker?: { failed: number; threshold: number }): FailureReport {
  const report: FailureReport = {
    summary,
    step,
    stoppedTasks: seen.failedTasks.map((task) => ({
      taskArn: task.taskArn,
      taskDefinitionArn: task.taskDefinitionArn,
      stoppedReason: task.stoppedReason ?? 'unknown',
      ...(task.stopCode !== undefined ? { stopCode: task.stopCode } : {}),
      ...(task.stoppedAt !== undefined ? { stoppedAt: task.stoppedAt } : {}),
      containers: task.containers.map((c) => ({
        name: c.name,
        ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
        ...(c.reason !== undefined ? { reason: c.reason } : {}),
      })),
    })),
    serviceEvents: seen.serviceEvents,
    targetHealth: unhealthyTargets(seen.targetHealth),
  };
  if (breaker) report.breaker = breaker;
  return report;
}

function unhealthyTargets(
  health: Map<string, { targetId: string; port?: number; state: string; reason?: string; description?: string }[]>,
): TargetHealthReport[] {
  const result: TargetHealthReport[] = [];
  for (const [targetGroupArn, targets] of health) {
    for (const target of targets) {
      if (target.state === 'healthy') continue;
      result.push({ targetGroupArn, ...target });
    }
  }
  return result;
}
