/**
 * Waiting for the new task set to be stable before any traffic moves, with the circuit breaker on, and the
 * Fargate Spot fallback: when Spot cannot place all of the new task set's tasks within the stability window, the
 * new task set is scaled to what Spot placed and a fallback task set (the depdef's
 * fallbackCapacityProviderStrategy, same task definition, same target groups) runs the shortfall. Both count
 * toward stability and both receive traffic, since they share the target groups. A new task set created below
 * 100 % (the older `initialScale`, docs/legacy-keys.md) is first made stable at that scale, then scaled to 100 %
 * and made stable again, so it never takes traffic short of tasks.
 */
import type { EcsTaskSetState } from '../ports/ecs-port.js';
import { createTaskSetRequest, scaleForCount, type LoadBalancer } from './task-set-requests.js';
import { breakerOf, hasSpotFallback, pollMs, stabilityTimeoutMs, type BlueGreenRun } from './run.js';
import type { ServiceLock } from './service-lock.js';
import type { SideWatcher } from './side-watcher.js';
import { waitForStableSide, type StabilityOutcome } from './wait-for-stable-side.js';
import { targetGroupsOf } from './sides.js';

export interface NewSide {
  taskSet: EcsTaskSetState;
  loadBalancers: LoadBalancer[];
  taskDefinitionArn: string;
  desiredCount: number;
  /** The percent of desiredCount the task set was created at (100, or `initialScale`). */
  scale: number;
}

/** How long tasks may stay unplaced without ECS saying why before gitmoxi creates the fallback. */
const spotGraceMs = 60 * 1000;

export async function stabilizeNewSide(
  run: BlueGreenRun,
  lock: ServiceLock,
  watcher: SideWatcher,
  side: NewSide,
): Promise<Exclude<StabilityOutcome, { kind: 'shortfall' }>> {
  const { ctx, target } = run;
  const timeoutMs = stabilityTimeoutMs(run, side.desiredCount);
  const base = { pollMs: pollMs(run), breakerThreshold: breakerOf(run, side.desiredCount), onPoll: () => lock.renew() };
  if (side.scale < 100) {
    const partial = Math.ceil((side.desiredCount * side.scale) / 100);
    ctx.emit({
      type: 'unit.phase',
      phase: 'stabilize',
      detail: `initial scale ${side.scale}%: waiting up to ${timeoutMs / 1000} s for ${partial} healthy task(s) in the new task set`,
    });
    // The fallback for a Spot shortage is sized against the full count: it is only watched for at 100 %.
    const first = await waitForStableSide(ctx, watcher, { ...base, timeoutMs, spot: null, requiredCount: partial });
    if (first.kind !== 'stable') return first.kind === 'shortfall' ? { kind: 'timeout', waitingFor: 'tasks to be placed' } : first;
    ctx.emit({
      type: 'unit.phase',
      phase: 'stabilize',
      detail: `initial scale ${side.scale}% is stable: scaling the new task set to 100% before any traffic moves`,
    });
    await ctx.ports.ecs.updateTaskSetScale(target.cluster, target.serviceName, side.taskSet.id, 100);
  }
  ctx.emit({
    type: 'unit.phase',
    phase: 'stabilize',
    detail: `waiting up to ${timeoutMs / 1000} s for ${side.desiredCount} healthy tasks in the new task set`,
  });
  const spot = hasSpotFallback(run) ? { taskSetId: side.taskSet.id, graceMs: Math.min(spotGraceMs, timeoutMs / 3) } : null;
  const first = await waitForStableSide(ctx, watcher, { ...base, timeoutMs, spot });
  if (first.kind !== 'shortfall') return first;
  const fallback = await createFallback(run, side, first.missing);
  watcher.addTaskSet(fallback.id);
  // The fallback gets a whole stability window of its own: its tasks start only now.
  const second = await waitForStableSide(ctx, watcher, { ...base, timeoutMs, spot: null });
  if (second.kind === 'shortfall') throw new Error('the Spot shortfall was handled once already');
  if (second.kind === 'stable') await reportPlacement(run, side.taskSet.id, fallback.id);
  return second;
}

async function createFallback(run: BlueGreenRun, side: NewSide, missing: number): Promise<EcsTaskSetState> {
  const { ctx, target, defs } = run;
  const placed = Math.max(0, side.taskSet.computedDesiredCount - missing);
  const strategy = defs.depdef.fallbackCapacityProviderStrategy;
  const providers = strategy.map((item) => item.capacityProvider).join(', ');
  ctx.emit({
    type: 'unit.phase',
    phase: 'stabilize',
    detail: `Fargate Spot placed ${placed} of ${side.desiredCount} tasks; starting ${missing} with ${providers} in a fallback task set`,
  });
  // ECS keeps retrying a Spot task it cannot place; scaled to what it placed, the new task set stops asking.
  await ctx.ports.ecs.updateTaskSetScale(target.cluster, target.serviceName, side.taskSet.id, scaleForCount(placed, side.desiredCount));
  const request = createTaskSetRequest(defs.svcdef, target, {
    taskDefinitionArn: side.taskDefinitionArn,
    loadBalancers: side.loadBalancers,
    scale: scaleForCount(missing, side.desiredCount),
    externalId: run.hash,
    capacityProviderStrategy: strategy,
  });
  const fallback = await ctx.ports.ecs.createTaskSet(request);
  ctx.emit({
    type: 'task-set.created',
    taskSetArn: fallback.taskSetArn,
    taskDefinitionArn: side.taskDefinitionArn,
    role: 'fallback',
    targetGroupArns: targetGroupsOf(fallback),
  });
  return fallback;
}

/** "2 tasks on FARGATE_SPOT (task set a), 1 on FARGATE (fallback task set b)". */
async function reportPlacement(run: BlueGreenRun, newId: string, fallbackId: string): Promise<void> {
  const { ctx, target } = run;
  const service = await ctx.ports.ecs.describeService(target.cluster, target.serviceName);
  const count = (id: string) => service?.taskSets.find((ts) => ts.id === id)?.runningCount ?? 0;
  const spot = run.defs.svcdef.capacityProviderStrategy?.map((item) => item.capacityProvider).join('+') ?? 'FARGATE_SPOT';
  const fallback = run.defs.depdef.fallbackCapacityProviderStrategy.map((item) => item.capacityProvider).join('+');
  ctx.emit({
    type: 'unit.phase',
    phase: 'stabilize',
    detail: `${count(newId)} task(s) on ${spot} (task set ${newId}), ${count(fallbackId)} on ${fallback} (fallback task set ${fallbackId})`,
  });
}
