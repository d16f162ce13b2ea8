/**
 * Watches an ECS service converge on one task definition (a rolling deployment): the observer emits what changes
 * (counts, new service events, failed tasks), the circuit breaker is applied, and what was seen is returned so a
 * failure can be explained.
 */
import { circuitBreakerTripped, failedTasks } from '../circuit-breaker.js';
import type { UnitContext } from '../context.js';
import { waitFor, type Check } from '../waits.js';
import { assessRollingStability } from './rolling-stability.js';
import { ServiceObserver, type WatchObservations } from './service-observer.js';

export interface WatchOptions {
  cluster: string;
  serviceName: string;
  taskDefinitionArn: string;
  /** Clock time the deployment began: older service events and stopped tasks are not this deployment's. */
  since: number;
  timeoutMs: number;
  pollMs: number;
  /** Failed tasks that trip the breaker; null = breaker off. */
  breakerThreshold: number | null;
  /** False while rolling back: a second interrupt must not abandon the restore. */
  interruptible: boolean;
}

export type WatchOutcome =
  | { kind: 'stable' }
  | { kind: 'breaker'; failed: number; threshold: number }
  | { kind: 'timeout'; waitingFor: string }
  | { kind: 'missing' }
  | { kind: 'aborted' };

export async function watchService(ctx: UnitContext, options: WatchOptions): Promise<{ outcome: WatchOutcome; seen: WatchObservations }> {
  const observer = new ServiceObserver(ctx, options, options.since, {
    targetGroupArns: (service) => [...new Set(service.loadBalancers.map((lb) => lb.targetGroupArn).filter((a): a is string => a !== undefined))],
    failures: (stopped) => failedTasks(stopped, options.taskDefinitionArn, options.since),
  });
  const { seen } = observer;

  // A failed look ends the watch with its outcome: the breaker's counts, or the service gone.
  const check = async (): Promise<Check<true, WatchOutcome>> => {
    const look = await observer.look();
    if (look === null) return { status: 'failed', reason: { kind: 'missing' } };
    const verdict = assessRollingStability({
      service: look.service,
      taskDefinitionArn: options.taskDefinitionArn,
      runningTasks: look.running,
      targetHealth: look.health,
    });
    seen.waitingFor = verdict.waitingFor;
    observer.noteCounts({ ...verdict.counts, failed: seen.failedTasks.length });
    if (circuitBreakerTripped(seen.failedTasks.length, options.breakerThreshold)) {
      return { status: 'failed', reason: { kind: 'breaker', failed: seen.failedTasks.length, threshold: options.breakerThreshold ?? 0 } };
    }
    return verdict.stable ? { status: 'done', value: true } : { status: 'pending' };
  };

  const result = await waitFor({
    clock: ctx.clock,
    ...(options.interruptible ? { signal: ctx.signal } : {}),
    intervalMs: options.pollMs,
    timeoutMs: options.timeoutMs,
    check,
  });
  switch (result.kind) {
    case 'done':
      return { outcome: { kind: 'stable' }, seen };
    case 'timeout':
      return { outcome: { kind: 'timeout', waitingFor: seen.waitingFor }, seen };
    case 'aborted':
      return { outcome: { kind: 'aborted' }, seen };
    case 'failed':
      return { outcome: result.reason, seen };
    default: {
      const never: never = result;
      return never;
    }
  }
}
