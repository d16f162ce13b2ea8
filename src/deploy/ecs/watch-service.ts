/**
 * Watches an ECS service converge on one task definition: emits what changes (counts, new service events,
 * failed tasks), applies the circuit breaker, and returns what it saw so a failure can be explained.
 */
import type { UnitContext } from '../context.js';
import { circuitBreakerTripped, failedTasks } from '../circuit-breaker.js';
import { assessRollingStability } from './rolling-stability.js';
import type { EcsServiceState, EcsTaskState, TargetHealthState } from '../ports.js';
import { waitFor, type Check } from '../waits.js';

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

/** Everything seen during the watch, for the failure report. */
export interface WatchObservations {
  failedTasks: EcsTaskState[];
  serviceEvents: { at: number; message: string }[];
  targetHealth: Map<string, TargetHealthState[]>;
  waitingFor: string;
}

export async function watchService(ctx: UnitContext, options: WatchOptions): Promise<{ outcome: WatchOutcome; seen: WatchObservations }> {
  const seen: WatchObservations = { failedTasks: [], serviceEvents: [], targetHealth: new Map(), waitingFor: '' };
  const seenEventIds = new Set<string>();
  const seenStopped = new Set<string>();
  let lastCounts = '';
  let breaker: { failed: number; threshold: number } | null = null;
  let missing = false;

  const check = async (): Promise<Check<true>> => {
    const service = await ctx.ports.ecs.describeService(options.cluster, options.serviceName);
    if (service === null) {
      missing = true;
      return { status: 'failed', reason: 'the service no longer exists' };
    }
    reportNewEvents(ctx, service, options.since, seenEventIds, seen);
    const [running, stopped] = await Promise.all([
      ctx.ports.ecs.serviceTasks(options.cluster, options.serviceName, 'RUNNING'),
      ctx.ports.ecs.serviceTasks(options.cluster, options.serviceName, 'STOPPED'),
    ]);
    const failed = failedTasks(stopped, options.taskDefinitionArn, options.since);
    for (const task of failed) {
      if (seenStopped.has(task.taskArn)) continue;
      seenStopped.add(task.taskArn);
      seen.failedTasks.push(task);
      ctx.emit({ type: 'task.stopped', taskArn: task.taskArn, taskDefinitionArn: task.taskDefinitionArn, stoppedReason: task.stoppedReason ?? 'unknown' });
    }
    seen.targetHealth = await targetHealthOf(ctx, service);
    const verdict = assessRollingStability({ service, taskDefinitionArn: options.taskDefinitionArn, runningTasks: running, targetHealth: seen.targetHealth });
    seen.waitingFor = verdict.waitingFor;
    const counts = { ...verdict.counts, failed: seen.failedTasks.length };
    const key = JSON.stringify(counts);
    if (key !== lastCounts) {
      lastCounts = key;
      ctx.emit({ type: 'tasks.changed', ...counts });
    }
    if (circuitBreakerTripped(seen.failedTasks.length, options.breakerThreshold)) {
      breaker = { failed: seen.failedTasks.length, threshold: options.breakerThreshold ?? 0 };
      return { status: 'failed', reason: 'circuit breaker' };
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
      return { outcome: missing || breaker === null ? { kind: 'missing' } : { kind: 'breaker', ...(breaker as { failed: number; threshold: number }) }, seen };
    default: {
      const never: never = result;
      return never;
    }
  }
}

function reportNewEvents(ctx: UnitContext, service: EcsServiceState, since: number, seenIds: Set<string>, seen: WatchObservations): void {
  // ECS returns events newest first; show them oldest first, once each.
  for (const event of [...service.events].reverse()) {
    // A little slack: AWS timestamps and our clock may disagree by a moment.
    if (seenIds.has(event.id) || event.at < since - 2000) continue;
    seenIds.add(event.id);
    seen.serviceEvents.push({ at: event.at, message: event.message });
    ctx.emit({ type: 'service.event', at: event.at, message: event.message });
  }
}

async function targetHealthOf(ctx: UnitContext, service: EcsServiceState): Promise<Map<string, TargetHealthState[]>> {
  const arns = [...new Set(service.loadBalancers.map((lb) => lb.targetGroupArn).filter((a): a is string => a !== undefined))];
  const entries = await Promise.all(arns.map(async (arn) => [arn, await ctx.ports.loadBalancing.targetHealth(arn)] as const));
  return new Map(entries);
}
