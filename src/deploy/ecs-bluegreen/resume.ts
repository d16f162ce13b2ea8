/**
 * A blue/green that a crash, a kill -9 or a lost CI runner left half-finished: a second task set in the partner
 * target groups, listener weights split. Before doing anything else, a deployment finishes or reverts it, by a
 * fixed rule that reads only the service and the listeners:
 * - finish, when the new side runs exactly the definitions being deployed now (its externalId is their hash) and
 *   is healthy: shifting continues from the step the weights show (that step's wait is taken again, watched);
 * - revert otherwise: all traffic back to the primary task set's target groups, read back, then the other task
 *   sets deleted; the deployment then starts afresh.
 */
import type { EcsServiceState } from '../ports/ecs-port.js';
import type { ForwardRoute } from '../ports/elb-port.js';
import { trafficSteps } from '../../plan/linear-canary-steps.js';
import type { BlueGreenRun } from './run.js';
import { classifyTaskSets, runsDefinitions, targetGroupsOf, type Sides } from './sides.js';
import { sideStability } from './side-gates.js';
import { SideWatcher } from './side-watcher.js';
import { revertOtherSide } from './rollback-bluegreen.js';
import type { ShiftPlan } from './shift-and-promote.js';
import { currentNewPercent, remainingSteps } from '../shifting/listener-weights.js';
import type { Ending } from '../../events/results.js';

export type ResumeDecision = { kind: 'none' } | { kind: 'finish'; reached: number } | { kind: 'revert'; reason: string };

export interface ResumeInput {
  sides: Pick<Sides, 'fresh' | 'stray'>;
  /** The largest share of traffic any route gives the partner target groups. */
  reached: number;
  hash: string;
  /** The new side runs every task it should, healthy. */
  freshStable: boolean;
}

/** Pure: what to do with what a previous run left. */
export function resumeDecision(input: ResumeInput): ResumeDecision {
  const { fresh, stray } = input.sides;
  if (fresh.length === 0 && stray.length === 0 && input.reached === 0) return { kind: 'none' };
  if (stray.length > 0)
    return { kind: 'revert', reason: `task set ${stray.map((ts) => ts.id).join(', ')} is in neither the live target groups nor their partners` };
  if (fresh.length === 0) return { kind: 'revert', reason: `${input.reached}% of traffic goes to target groups no task set serves` };
  if (!runsDefinitions(fresh, input.hash)) return { kind: 'revert', reason: 'the other task set runs different definitions than this deployment' };
  if (!input.freshStable) return { kind: 'revert', reason: 'the other task set is not running healthy' };
  return { kind: 'finish', reached: input.reached };
}

export type ResumeOutcome =
  | { kind: 'fresh'; service: EcsServiceState; sides: Sides }
  | { kind: 'finish'; plan: ShiftPlan }
  | { kind: 'result'; result: Ending };

export async function resumeHalfFinished(
  run: BlueGreenRun,
  service: EcsServiceState,
  sides: Sides,
  routes: ForwardRoute[],
  taskDefinitionArn: string,
): Promise<ResumeOutcome> {
  const { ctx } = run;
  const reached = currentNewPercent(routes, sides.shift);
  const freshGroups = [...new Set(sides.fresh.flatMap(targetGroupsOf))];
  const watcher = new SideWatcher(
    ctx,
    run.target,
    sides.fresh.map((ts) => ts.id),
    freshGroups,
    ctx.clock.now(),
  );
  const observation = sides.fresh.length === 0 ? null : await watcher.observe();
  const decision = resumeDecision({ sides, reached, hash: run.hash, freshStable: observation !== null && sideStability(observation).stable });
  switch (decision.kind) {
    case 'none':
      return { kind: 'fresh', service, sides };
    case 'finish':
      return { kind: 'finish', plan: finishPlan(run, service, sides, routes, watcher, taskDefinitionArn, decision.reached) };
    case 'revert':
      return revert(run, sides, decision.reason, reached);
    default: {
      const never: never = decision;
      return never;
    }
  }
}

function finishPlan(
  run: BlueGreenRun,
  service: EcsServiceState,
  sides: Sides,
  routes: ForwardRoute[],
  watcher: SideWatcher,
  taskDefinitionArn: string,
  reached: number,
): ShiftPlan {
  const steps = trafficSteps(run.defs.depdef.trafficShiftingConfig);
  const remaining = remainingSteps(steps, reached);
  // The task set to promote: the one placed by the svcdef's own capacity providers, not a Spot fallback.
  const ordered = [...sides.fresh].sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
  const newPrimary = ordered[0] ?? sides.primary;
  run.ctx.emit({
    type: 'unit.phase',
    phase: 'preflight',
    detail: `found a half-finished blue/green (task set ${newPrimary.id} at ${reached}%) running these definitions: finishing it from ${reached}%`,
  });
  return {
    sides,
    routes,
    watcher,
    newPrimary,
    taskDefinitionArn,
    desiredCount: service.desiredCount,
    steps: remaining,
    firstStep: steps.length - remaining.length + 1,
    totalSteps: steps.length,
  };
}

async function revert(run: BlueGreenRun, sides: Sides, reason: string, reached: number): Promise<ResumeOutcome> {
  const { ctx, target } = run;
  ctx.emit({
    type: 'unit.phase',
    phase: 'preflight',
    detail: `found a half-finished blue/green (${reached}% of traffic moved): reverting it, because ${reason}`,
  });
  const restored = await revertOtherSide(run, sides, 'left by an interrupted deployment');
  if (!restored.ok) {
    const summary = `could not revert the half-finished blue/green found on the service: ${restored.reason}`;
    const report = {
      summary,
      step: 'resume',
      stoppedTasks: [],
      serviceEvents: [],
      targetHealth: [],
      action: `Set the listener and rule weights of ${target.serviceName} to 100 on the primary task set's target groups by hand, then deploy again.`,
    };
    ctx.emit({ type: 'unit.failed', report });
    return { kind: 'result', result: { outcome: 'failed', error: { code: 'E_RESUME_FAILED', message: summary }, report } };
  }
  const service = await ctx.ports.ecs.describeService(target.cluster, target.serviceName);
  const refreshed = service === null ? null : classifyTaskSets(service, run.defs.depdef.targetGroupArnPairs);
  if (service === null || refreshed === null) throw new Error(`service ${target.serviceName} lost its primary task set while reverting`);
  return { kind: 'fresh', service, sides: refreshed };
}
