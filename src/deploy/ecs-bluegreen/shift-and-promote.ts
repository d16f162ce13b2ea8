/**
 * From a stable new side to a finished deployment: traffic moves in the configured steps, each written and
 * read back on every route, each followed by a wait in which alarms and the new side's health are examined every
 * poll; then the new task set is promoted, the old side retired, and the service tagged. Any failure (or an
 * interrupt) in between takes the rollback path.
 */
import type { EcsTaskSetState, ForwardRoute } from '../ports.js';
import type { UnitResult } from '../results.js';
import { promoteNewSide, retireOldSide, tagDeployment } from './promote.js';
import { rollbackBlueGreen } from './rollback-bluegreen.js';
import { describeWeights, shiftTraffic } from './routing.js';
import { finish, pollMs, breakerOf, type BlueGreenRun } from './run.js';
import type { ServiceLock } from './service-lock.js';
import type { Sides } from './sides.js';
import type { SideWatcher } from './side-watcher.js';
import { waitUnderTraffic, type ShiftWaitOutcome } from './wait-for-side.js';
import { underTrafficReport } from './reports.js';

export interface ShiftPlan {
  sides: Sides;
  routes: ForwardRoute[];
  watcher: SideWatcher;
  /** The task set to promote (the new one; its Spot fallback, if any, stays beside it in the same groups). */
  newPrimary: EcsTaskSetState;
  taskDefinitionArn: string;
  /** The service's desiredCount (the breaker's percent threshold is of it). */
  desiredCount: number;
  /** The percents still to go through, and where the first of them is in the whole plan (1-based). */
  steps: number[];
  firstStep: number;
  totalSteps: number;
}

export async function shiftAndPromote(run: BlueGreenRun, lock: ServiceLock, plan: ShiftPlan): Promise<UnitResult> {
  const { ctx, defs } = run;
  const failedBefore = plan.watcher.seen.failedTasks.length;
  const before = await alarmsBeforeShifting(run);
  if (before.length > 0) return fail(run, plan, { kind: 'alarm', alarms: before }, 'traffic step 1', 'before any traffic moved');
  let routes = plan.routes;
  for (const [index, percent] of plan.steps.entries()) {
    const step = { step: plan.firstStep + index, steps: plan.totalSteps };
    const where = `traffic step ${step.step} of ${step.steps} (${percent}%)`;
    if (ctx.signal.aborted) return fail(run, plan, { kind: 'aborted' }, where, `before ${where}`);
    ctx.emit({ type: 'unit.phase', phase: 'shift', detail: `${percent}% of traffic to the new task set on ${routes.length} listener(s) and rule(s)` });
    const shifted = await shiftTraffic(ctx, routes, plan.sides.shift, percent, step);
    if (!shifted.ok) return fail(run, plan, { kind: 'unhealthy', reason: shifted.reason, observation: null }, where, `at ${where}`);
    routes = shifted.routes;
    const durationMs = defs.depdef.trafficShiftingConfig.waitInterval * 1000;
    const weights = [...new Set(routes.map((r) => describeWeights(r.weights)))].join('; ');
    ctx.emit({ type: 'wait.started', reason: `${weights}; alarms and health watched`, until: ctx.clock.now() + durationMs });
    const outcome = await waitUnderTraffic(ctx, plan.watcher, {
      durationMs,
      pollMs: pollMs(run),
      alarmNames: defs.depdef.alarmNames,
      breakerThreshold: breakerOf(run, plan.desiredCount),
      failedBefore,
      onPoll: () => lock.renew(),
    });
    if (outcome.kind !== 'passed') return fail(run, plan, outcome, where, `during the wait after ${where}`);
  }
  return promoteAndTag(run, plan, routes);
}

async function promoteAndTag(run: BlueGreenRun, plan: ShiftPlan, routes: readonly ForwardRoute[]): Promise<UnitResult> {
  await promoteNewSide(run, plan.newPrimary);
  await retireOldSide(run, plan.sides.old, routes, plan.newPrimary.id);
  await tagDeployment(run, plan.watcher.taskSetIds);
  return finish(run, { outcome: 'deployed', revision: plan.taskDefinitionArn, previousRevision: plan.sides.primary.taskDefinitionArn });
}

async function alarmsBeforeShifting(run: BlueGreenRun): Promise<{ alarmName: string; stateReason: string }[]> {
  const names = run.defs.depdef.alarmNames;
  return names.length === 0 ? [] : (await run.ctx.ports.alarms.firingAlarms(names)).firing;
}

async function fail(run: BlueGreenRun, plan: ShiftPlan, outcome: Exclude<ShiftWaitOutcome, { kind: 'passed' }>, step: string, when: string): Promise<UnitResult> {
  const { ctx } = run;
  if (outcome.kind === 'alarm') for (const alarm of outcome.alarms) ctx.emit({ type: 'alarm.fired', ...alarm });
  if (outcome.kind === 'breaker') ctx.emit({ type: 'breaker.tripped', failed: outcome.failed, threshold: outcome.threshold });
  const report = underTrafficReport(outcome, plan.watcher.seen, step, when);
  return rollbackBlueGreen(run, {
    report,
    shift: plan.sides.shift,
    newTaskSetIds: plan.watcher.taskSetIds,
    previousRevision: plan.sides.primary.taskDefinitionArn,
    createdService: false,
    interrupted: outcome.kind === 'aborted',
  });
}
