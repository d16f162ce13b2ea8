/**
 * From a stable new side to a finished deployment: traffic moves in the configured steps, each written and
 * read back on every route, each followed by a wait in which alarms and the new side's health are examined every
 * poll; then the new task set is promoted, the old side retired, and the service tagged. Any failure (or an
 * interrupt) in between takes the rollback path; an alarm with `alarms.rollback: false` keeps the new task sets.
 */
import type { RestorePlan } from '../ecs/restore-settings.js';
import type { EcsTaskSetState } from '../ports/ecs-port.js';
import type { ForwardRoute } from '../ports/elb-port.js';
import type { Ending } from '../../events/results.js';
import { promoteNewSide, retireOldSide, tagDeployment } from './promote.js';
import { rollbackBlueGreen } from './rollback-bluegreen.js';
import { pollMs, breakerOf, type BlueGreenRun } from './run.js';
import type { ServiceLock } from './service-lock.js';
import type { Sides } from './sides.js';
import type { SideWatcher } from './side-watcher.js';
import { errorText, underTrafficReport, type UnderTrafficFailure } from './reports.js';
import { newSideGate } from './new-side-gate.js';
import { alarmGate } from '../shifting/alarm-gate.js';
import { describeWeights, elbListenerRouter } from '../shifting/elb-listener-router.js';
import { shiftInSteps, type ShiftEnding, type StopPlace } from '../shifting/shift-in-steps.js';

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

export async function shiftAndPromote(run: BlueGreenRun, lock: ServiceLock, plan: ShiftPlan): Promise<Ending> {
  const { ctx, defs } = run;
  const router = elbListenerRouter(ctx, plan.sides.shift, plan.routes);
  const alarms = alarmGate(ctx.ports.alarms, defs.depdef.alarmNames);
  const ending = await shiftInSteps(ctx, {
    router,
    steps: plan.steps,
    firstStep: plan.firstStep,
    totalSteps: plan.totalSteps,
    waitMs: defs.depdef.trafficShiftingConfig.waitInterval * 1000,
    pollMs: pollMs(run),
    gatesBefore: [alarms],
    gates: [alarms, newSideGate(plan.watcher, { breakerThreshold: breakerOf(run, plan.desiredCount), failedBefore: plan.watcher.seen.failedTasks.length })],
    onPoll: () => lock.renew(),
    describe: {
      step: ({ percent }) => `${percent}% of traffic to the new task set on ${router.routes.length} listener(s) and rule(s)`,
      wait: () => `${[...new Set(router.routes.map((r) => describeWeights(r.weights)))].join('; ')}; alarms and health watched`,
    },
  });
  if (ending.kind === 'stopped') return fail(run, plan, underTraffic(ending));
  return promoteAndTag(run, plan, router.routes);
}

/** The failure and the words that place it: `traffic step 3 of 5 (60%)`, `during the wait after traffic step 3 of 5 (60%)`. */
function underTraffic(ending: Extract<ShiftEnding, { kind: 'stopped' }>): { outcome: UnderTrafficFailure; step: string; when: string } {
  const { stop, at, position } = ending;
  const step = position === null ? 'traffic step 1' : `traffic step ${position.step} of ${position.steps} (${position.percent}%)`;
  const when = whenOf(at, step);
  switch (stop.kind) {
    case 'unwritten':
      return { outcome: { kind: 'unhealthy', reason: stop.reason, targets: [] }, step, when };
    case 'error':
      // An AWS call that failed past its retries: traffic may be split, so this is a failure like any other.
      return { outcome: { kind: 'unhealthy', reason: `stopped by an error: ${errorText(stop.error)}`, targets: [] }, step, when: `at ${step}` };
    case 'aborted':
    case 'alarm':
    case 'unhealthy':
    case 'breaker':
      return { outcome: stop, step, when };
    default: {
      const never: never = stop;
      return never;
    }
  }
}

function whenOf(at: StopPlace, step: string): string {
  switch (at) {
    case 'before-shifting':
      return 'before any traffic moved';
    case 'before-step':
      return `before ${step}`;
    case 'writing':
      return `at ${step}`;
    case 'waiting':
      return `during the wait after ${step}`;
    default: {
      const never: never = at;
      return never;
    }
  }
}

async function promoteAndTag(run: BlueGreenRun, plan: ShiftPlan, routes: readonly ForwardRoute[]): Promise<Ending> {
  await promoteNewSide(run, plan.newPrimary);
  await retireOldSide(run, plan.sides.old, routes, plan.newPrimary.id);
  await tagDeployment(run, plan.watcher.taskSetIds);
  return { outcome: 'deployed', revision: plan.taskDefinitionArn, previousRevision: plan.sides.primary.taskDefinitionArn };
}

async function fail(
  run: BlueGreenRun,
  plan: ShiftPlan,
  { outcome, step, when }: { outcome: UnderTrafficFailure; step: string; when: string },
): Promise<Ending> {
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
