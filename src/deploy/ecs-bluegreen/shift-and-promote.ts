/**
 * From a stable new side to a finished deployment: traffic moves in the configured steps, each written and
 * read back on every route, each followed by a wait in which alarms and the new side's health are examined every
 * poll; then the new task set is promoted, the old side retired, and the service tagged. Any failure (or an
 * interrupt) in between takes the rollback path; an alarm with `alarms.rollback: false` keeps the new task sets.
 */
import type { RestorePlan } from '../ecs/restore-settings.js';
import type { EcsTaskSetState, ForwardRoute } from '../ports.js';
import type { UnitResult } from '../results.js';
import { promoteNewSide, retireOldSide, tagDeployment } from './promote.js';
import { rollbackBlueGreen } from './rollback-bluegreen.js';
import { describeWeights, shiftTraffic } from '../shifting/elb-listener-router.js';
import { finish, pollMs, breakerOf, type BlueGreenRun } from './run.js';
import type { ServiceLock } from './service-lock.js';
import type { Sides } from './sides.js';
import type { SideWatcher } from './side-watcher.js';
import { waitUnderTraffic, type ShiftWaitOutcome } from './wait-for-side.js';
import { errorText, underTrafficReport } from './reports.js';

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
  /** The service settings a rollback puts back (absent when this run did not change them, as on a resume). */
  restore?: RestorePlan;
}

export async function shiftAndPromote(run: BlueGreenRun, lock: ServiceLock, plan: ShiftPlan): Promise<UnitResult> {
  const shifted = await shiftInSteps(run, lock, plan);
  if (shifted.kind === 'failed') return fail(run, plan, shifted.outcome, shifted.step, shifted.when);
  return promoteAndTag(run, plan, shifted.routes);
}

type StepsOutcome =
  | { kind: 'done'; routes: readonly ForwardRoute[] }
  | { kind: 'failed'; outcome: Exclude<ShiftWaitOutcome, { kind: 'passed' }>; step: string; when: string };

async function shiftInSteps(run: BlueGreenRun, lock: ServiceLock, plan: ShiftPlan): Promise<StepsOutcome> {
  const { ctx } = run;
  const failedBefore = plan.watcher.seen.failedTasks.length;
  let routes = plan.routes;
  let where = 'traffic step 1';
  try {
    const before = await alarmsBeforeShifting(run);
    if (before.length > 0) return { kind: 'failed', outcome: { kind: 'alarm', alarms: before }, step: where, when: 'before any traffic moved' };
    for (const [index, percent] of plan.steps.entries()) {
      const step = { step: plan.firstStep + index, steps: plan.totalSteps };
      where = `traffic step ${step.step} of ${step.steps} (${percent}%)`;
      if (ctx.signal.aborted) return { kind: 'failed', outcome: { kind: 'aborted' }, step: where, when: `before ${where}` };
      ctx.emit({ type: 'unit.phase', phase: 'shift', detail: `${percent}% of traffic to the new task set on ${routes.length} listener(s) and rule(s)` });
      const shifted = await shiftTraffic(ctx, routes, plan.sides.shift, percent, step);
      if (!shifted.ok) return { kind: 'failed', outcome: { kind: 'unhealthy', reason: shifted.reason, observation: null }, step: where, when: `at ${where}` };
      routes = shifted.routes;
      const outcome = await waitAfterStep(run, lock, plan, routes, failedBefore);
      if (outcome.kind !== 'passed') return { kind: 'failed', outcome, step: where, when: `during the wait after ${where}` };
    }
  } catch (error) {
    // An AWS call that failed past its retries: traffic may be split, so this is a failure like any other.
    return { kind: 'failed', outcome: { kind: 'unhealthy', reason: `stopped by an error: ${errorText(error)}`, observation: null }, step: where, when: `at ${where}` };
  }
  return { kind: 'done', routes };
}

async function waitAfterStep(run: BlueGreenRun, lock: ServiceLock, plan: ShiftPlan, routes: readonly ForwardRoute[], failedBefore: number): Promise<ShiftWaitOutcome> {
  const { ctx, defs } = run;
  const durationMs = defs.depdef.trafficShiftingConfig.waitInterval * 1000;
  const weights = [...new Set(routes.map((r) => describeWeights(r.weights)))].join('; ');
  ctx.emit({ type: 'wait.started', reason: `${weights}; alarms and health watched`, until: ctx.clock.now() + durationMs });
  return waitUnderTraffic(ctx, plan.watcher, {
    durationMs,
    pollMs: pollMs(run),
    alarmNames: defs.depdef.alarmNames,
    breakerThreshold: breakerOf(run, plan.desiredCount),
    failedBefore,
    onPoll: () => lock.renew(),
  });
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
  const build = () => underTrafficReport(outcome, plan.watcher.seen, step, when);
  const evidence = async () => {
    await plan.watcher.observe();
    return build();
  };
  return rollbackBlueGreen(run, {
    report: build(),
    evidence,
    shift: plan.sides.shift,
    newTaskSetIds: plan.watcher.taskSetIds,
    previousRevision: plan.sides.primary.taskDefinitionArn,
    createdService: false,
    interrupted: outcome.kind === 'aborted',
    // An alarm with alarms.rollback false keeps the new task sets; a breaker or a timeout follows `rollback`.
    keepNew: outcome.kind === 'alarm' && !run.defs.depdef.alarmsRollback,
    ...(plan.restore ? { restore: plan.restore } : {}),
  });
}
