/**
 * Starting a new version as a task set and waiting until it is stable, before any traffic moves to it. A first
 * deployment's task set goes into the svcdef's target groups and becomes primary at once; an update's goes into
 * the partner of each live target group, attached first to every route at weight 0: a target group that no
 * listener or rule forwards to leaves its targets `unused`, so they would never pass a health check. An update's
 * task set starts at the depdef's `initialScale` (100 unless the older key says otherwise); a first deployment's
 * takes all traffic at once, so it starts whole.
 */
import { targetGroupName } from '../../short-names.js';
import type { EcsServiceState, EcsTaskSetState } from '../ports/ecs-port.js';
import type { ForwardRoute } from '../ports/elb-port.js';
import type { FailureReport, Ending } from '../../events/results.js';
import { tagDeployment, promoteNewSide } from './promote.js';
import { errorText, stabilityReport, type StabilityFailure } from './reports.js';
import { rollbackBlueGreen } from './rollback-bluegreen.js';
import { shiftTraffic } from '../shifting/elb-listener-router.js';
import { refuse, stabilityTimeoutMs, type BlueGreenRun } from './run.js';
import type { ServiceLock } from './service-lock.js';
import { targetGroupsOf, type Sides } from './sides.js';
import { SideWatcher } from './side-watcher.js';
import { stabilizeNewSide, type NewSide } from './stabilize.js';
import type { ShiftPlan } from './shift-and-promote.js';
import { createTaskSetRequest, externalUpdateServiceRequest, shiftedLoadBalancers, type LoadBalancer } from './task-set-requests.js';
import { routesMissingPartner } from '../shifting/listener-weights.js';
import { restoreSettingsRequest } from '../ecs/restore-settings.js';

export type LaunchOutcome = { kind: 'result'; result: Ending } | { kind: 'ready'; plan: Omit<ShiftPlan, 'steps' | 'firstStep' | 'totalSteps'> };

export async function launchFirstTaskSet(
  run: BlueGreenRun,
  lock: ServiceLock,
  service: EcsServiceState,
  taskDefinitionArn: string,
  createdService: boolean,
): Promise<Ending> {
  const { ctx } = run;
  const loadBalancers = run.defs.svcdef.loadBalancers ?? [];
  const since = ctx.clock.now();
  const undo = (report: FailureReport, ids: readonly string[], interrupted: boolean) =>
    rollbackBlueGreen(run, { report, shift: new Map(), newTaskSetIds: ids, createdService, interrupted });
  let taskSet: EcsTaskSetState;
  try {
    taskSet = await createTaskSet(run, taskDefinitionArn, loadBalancers, 100);
    await promoteNewSide(run, taskSet);
  } catch (error) {
    return undo(plainReport(`creating the first task set failed: ${errorText(error)}`, 'create the first task set'), [], false);
  }
  const watcher = new SideWatcher(ctx, run.target, [taskSet.id], targetGroupsOf(taskSet), since);
  const outcome = await stabilizeSafely(run, lock, watcher, { taskSet, loadBalancers, taskDefinitionArn, desiredCount: service.desiredCount, scale: 100 });
  if (outcome.kind === 'stable') {
    await tagDeployment(run, watcher.taskSetIds);
    return { outcome: 'deployed', revision: taskDefinitionArn };
  }
  return undo(failedStability(run, outcome, watcher, service.desiredCount), watcher.taskSetIds, outcome.kind === 'aborted');
}

export async function launchNewTaskSet(
  run: BlueGreenRun,
  lock: ServiceLock,
  current: EcsServiceState,
  sides: Sides,
  routes: ForwardRoute[],
  taskDefinitionArn: string,
): Promise<LaunchOutcome> {
  const { ctx, defs, target } = run;
  const loadBalancers = shiftedLoadBalancers(defs.svcdef.loadBalancers ?? [], defs.depdef.targetGroupArnPairs, sides.shift);
  if (typeof loadBalancers === 'string') {
    return {
      kind: 'result',
      result: refuse(
        run,
        'E_TARGET_GROUP_UNPAIRED',
        loadBalancers,
        'Blue/green moves every load balancer of the svcdef to the partner of the target group the live task set uses; make targetGroupArnPairs cover them.',
      ),
    };
  }
  ctx.emit({ type: 'unit.phase', phase: 'update', detail: `service ${target.serviceName}` });
  const request = externalUpdateServiceRequest(defs.svcdef, target);
  // What a rollback puts back: the service settings (desiredCount, …) this update changes, as they were.
  const restore = restoreSettingsRequest(target, current.settings, request);
  const service = await ctx.ports.ecs.updateService(request);
  ctx.emit({ type: 'service.updated', serviceArn: service.serviceArn || current.serviceArn, taskDefinitionArn });
  const undo = async (report: FailureReport, ids: readonly string[], interrupted: boolean): Promise<LaunchOutcome> => {
    const input = {
      report,
      shift: sides.shift,
      newTaskSetIds: ids,
      previousRevision: sides.primary.taskDefinitionArn,
      createdService: false,
      interrupted,
      restore,
    };
    return { kind: 'result', result: await rollbackBlueGreen(run, input) };
  };
  const attached = await attachPartners(run, routes, sides);
  if (!attached.ok) return undo(plainReport(`attaching the new target groups failed: ${attached.reason}`, 'attach the new target groups'), [], false);
  const since = ctx.clock.now();
  const scale = defs.depdef.initialScale;
  let taskSet: EcsTaskSetState;
  try {
    taskSet = await createTaskSet(run, taskDefinitionArn, loadBalancers, scale);
  } catch (error) {
    return undo(plainReport(`creating the new task set failed: ${errorText(error)}`, 'create the new task set'), [], false);
  }
  const watcher = new SideWatcher(ctx, target, [taskSet.id], targetGroupsOf(taskSet), since);
  const desiredCount = service.desiredCount;
  const outcome = await stabilizeSafely(run, lock, watcher, { taskSet, loadBalancers, taskDefinitionArn, desiredCount, scale });
  if (outcome.kind !== 'stable') return undo(failedStability(run, outcome, watcher, desiredCount), watcher.taskSetIds, outcome.kind === 'aborted');
  return { kind: 'ready', plan: { sides, routes: attached.routes, watcher, newPrimary: taskSet, taskDefinitionArn, desiredCount, restore } };
}

/** The stability check; an AWS call that fails past its retries ends it like any other failure (rollback). */
async function stabilizeSafely(run: BlueGreenRun, lock: ServiceLock, watcher: SideWatcher, side: NewSide): Promise<{ kind: 'stable' } | StabilityFailure> {
  try {
    return await stabilizeNewSide(run, lock, watcher, side);
  } catch (error) {
    return { kind: 'error', message: errorText(error) };
  }
}

function failedStability(run: BlueGreenRun, outcome: StabilityFailure, watcher: SideWatcher, desiredCount: number): FailureReport {
  if (outcome.kind === 'breaker') run.ctx.emit({ type: 'breaker.tripped', failed: outcome.failed, threshold: outcome.threshold });
  return stabilityReport(outcome, watcher.seen, stabilityTimeoutMs(run, desiredCount));
}

function plainReport(summary: string, step: string): FailureReport {
  return { summary, step, stoppedTasks: [], serviceEvents: [], targetHealth: [] };
}

async function createTaskSet(run: BlueGreenRun, taskDefinitionArn: string, loadBalancers: LoadBalancer[], scale: number): Promise<EcsTaskSetState> {
  const { ctx, defs, target } = run;
  const groups = [...new Set(loadBalancers.flatMap((lb) => (lb.targetGroupArn ? [lb.targetGroupArn] : [])))];
  const scaled = scale < 100 ? ` at ${scale}% of the desired count (initialScale)` : '';
  ctx.emit({ type: 'unit.phase', phase: 'create', detail: `new task set in ${groups.map(targetGroupName).join(', ')}${scaled}` });
  const request = createTaskSetRequest(defs.svcdef, target, { taskDefinitionArn, loadBalancers, scale, externalId: run.hash });
  const taskSet = await ctx.ports.ecs.createTaskSet(request);
  ctx.emit({ type: 'task-set.created', taskSetArn: taskSet.taskSetArn, taskDefinitionArn, role: 'new', targetGroupArns: targetGroupsOf(taskSet) });
  return taskSet;
}

/** Adds each live target group's partner, at weight 0, to every route that does not list it yet. */
async function attachPartners(
  run: BlueGreenRun,
  routes: ForwardRoute[],
  sides: Sides,
): Promise<{ ok: true; routes: ForwardRoute[] } | { ok: false; reason: string }> {
  const missing = routesMissingPartner(routes, sides.shift);
  if (missing.length === 0) return { ok: true, routes };
  run.ctx.emit({ type: 'unit.phase', phase: 'shift', detail: `attaching the new target groups at weight 0 to ${missing.length} listener(s) and rule(s)` });
  return shiftTraffic(run.ctx, routes, sides.shift, 0, null);
}
