/**
 * ECS blue/green with task sets (deploymentController EXTERNAL), as a checklist: describe; no-op if the service
 * already runs these definitions; take the service lock; finish or revert what an interrupted run left; create
 * the new task set in the partner target groups (attached to every route at weight 0 first) and wait until it is
 * stable, Spot shortfall covered by a fallback task set; shift traffic in steps, alarms and health watched; promote,
 * retire the old task set, tag. Every failure takes rollbackBlueGreen: traffic back first, then the new task set.
 */
import type { EcsUnitDefinitions } from '../../defs/validate.js';
import type { DeployContext } from '../context.js';
import { liveService } from '../ecs/live-service.js';
import { ensureTaskDefinition } from '../ecs/task-definition.js';
import type { EcsServiceState } from '../ports/ecs-port.js';
import type { Ending } from '../../events/results.js';
import { trafficSteps } from '../../plan/linear-canary-steps.js';
import { launchFirstTaskSet, launchNewTaskSet } from './launch.js';
import { tagDeployment } from './promote.js';
import { resumeHalfFinished } from './resume.js';
import { missingAlarms } from '../shifting/alarm-gate.js';
import { unroutedTargetGroups } from '../shifting/elb-listener-router.js';
import { newRun, pollMs, refuse, stabilityTimeoutMs, svcdefTargetGroups, type BlueGreenRun } from './run.js';
import { acquireLock, ServiceLock } from './service-lock.js';
import { shiftAndPromote } from './shift-and-promote.js';
import { classifyTaskSets, isSettled, liveTaskSets, primaryCandidate, runsDefinitions, targetGroupsOf, type Sides } from './sides.js';
import { SideWatcher } from './side-watcher.js';
import { stabilityReport } from './reports.js';
import { waitForStableSide } from './wait-for-stable-side.js';
import { externalCreateServiceRequest } from './task-set-requests.js';
import { currentNewPercent } from '../shifting/listener-weights.js';
import { runsHash } from '../tags.js';

export async function deployBlueGreen(ctx: DeployContext, defs: EcsUnitDefinitions): Promise<Ending> {
  const run = newRun(ctx, defs);
  ctx.emit({ type: 'unit.phase', phase: 'preflight', detail: `describing service ${run.target.serviceName} in cluster ${run.target.cluster}` });
  const current = await liveService(ctx, run.target);
  if (current !== null && (await isUnchanged(run, current))) return { outcome: 'unchanged', ...primaryRevision(current) };
  if (ctx.signal.aborted) return { outcome: 'skipped', interrupted: true };
  const missing = await missingAlarms(run.ctx.ports.alarms, run.defs.depdef.alarmNames);
  if (missing.length > 0) {
    return refuse(
      run,
      'E_ALARM_MISSING',
      `alarm ${missing.join(', ')} does not exist in CloudWatch`,
      'Create the alarm, or remove it from alarms.alarmNames in the depdef: an alarm that does not exist would never stop a bad deployment.',
    );
  }
  if (current === null) return firstDeployment(run);
  return withLock(run, (lock) => updateDeployment(run, lock));
}

/** Settled on these definitions, with all traffic on the primary task set: nothing to do, and nothing is written. */
async function isUnchanged(run: BlueGreenRun, service: EcsServiceState): Promise<boolean> {
  if (!runsHash(service.tags, run.hash) || !isSettled(service)) return false;
  const sides = classifyTaskSets(service, run.defs.depdef.targetGroupArnPairs);
  if (sides === null || sides.fresh.length + sides.stray.length > 0 || !runsDefinitions([sides.primary], run.hash)) return false;
  const routes = await run.ctx.ports.loadBalancing.forwardingRoutes([...sides.shift.keys()]);
  return currentNewPercent(routes, sides.shift) === 0;
}

async function withLock(run: BlueGreenRun, work: (lock: ServiceLock) => Promise<Ending>): Promise<Ending> {
  const { ctx, target } = run;
  const outcome = await acquireLock(ctx, target, run.owner);
  switch (outcome.kind) {
    case 'aborted':
      return { outcome: 'skipped', interrupted: true };
    case 'gone':
      return refuse(run, 'E_SERVICE_GONE', `service ${target.serviceName} was deleted while this deployment waited for it`, 'Deploy again.');
    case 'held': {
      const until = new Date(outcome.holder.expiresAt).toISOString();
      return {
        ...refuse(
          run,
          'E_LOCKED',
          `service ${target.serviceName} is being deployed by another run (${outcome.holder.owner}, its lock runs until ${until}); nothing was changed`,
          'Let the other deployment finish, then deploy again. A lock left by a run that was killed expires by itself; the next deployment then finishes or reverts what it left.',
        ),
        outcome: 'busy',
      };
    }
    case 'acquired':
      try {
        return await work(outcome.lock);
      } finally {
        await outcome.lock.release().catch(() => undefined);
      }
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** No service yet: create it (EXTERNAL, the lock among its tags), then its first task set in the svcdef's target groups. */
async function firstDeployment(run: BlueGreenRun): Promise<Ending> {
  const { ctx, defs, target } = run;
  const groups = svcdefTargetGroups(run);
  const routes = await ctx.ports.loadBalancing.forwardingRoutes(groups);
  const unrouted = unroutedTargetGroups(routes, groups);
  if (unrouted.length > 0) return refuseUnrouted(run, unrouted);
  const taskDefinitionArn = await chooseTaskDefinition(run);
  ctx.emit({ type: 'unit.phase', phase: 'create', detail: `service ${target.serviceName} (EXTERNAL deployment controller)` });
  let service: EcsServiceState;
  try {
    service = await ctx.ports.ecs.createService(externalCreateServiceRequest(defs.svcdef, ServiceLock.creationTags(run.owner, ctx.clock.now())));
  } catch (error) {
    // Another run created it a moment ago: deploy through the lock like any update.
    if ((await ctx.ports.ecs.describeService(target.cluster, target.serviceName)) === null) throw error;
    return withLock(run, (lock) => updateDeployment(run, lock));
  }
  ctx.emit({ type: 'service.created', serviceArn: service.serviceArn, taskDefinitionArn });
  const lock = new ServiceLock(ctx, target, service.serviceArn, run.owner, ctx.clock.now());
  try {
    return await launchFirstTaskSet(run, lock, service, taskDefinitionArn, true);
  } finally {
    await lock.release().catch(() => undefined);
  }
}

async function updateDeployment(run: BlueGreenRun, lock: ServiceLock): Promise<Ending> {
  const { ctx, defs, target } = run;
  let service = await ctx.ports.ecs.describeService(target.cluster, target.serviceName);
  if (service === null) return refuse(run, 'E_SERVICE_GONE', `service ${target.serviceName} was deleted while this deployment waited for it`, 'Deploy again.');
  // Another run may have deployed these very definitions while this one waited for the lock.
  if (await isUnchanged(run, service)) return { outcome: 'unchanged', ...primaryRevision(service) };
  if (liveTaskSets(service).length === 0) return launchFirstTaskSet(run, lock, service, await chooseTaskDefinition(run), false);
  service = await ensurePrimary(run, service);
  let sides = classifyTaskSets(service, defs.depdef.targetGroupArnPairs);
  if (sides === null) throw new Error(`service ${target.serviceName} has no primary task set`);
  if (sides.unpaired.length > 0) {
    return refuse(
      run,
      'E_TARGET_GROUP_UNPAIRED',
      `the live task set serves target group ${sides.unpaired.join(', ')}, which is in no pair of targetGroupArnPairs`,
      'Add a pair [live target group, its partner] to targetGroupArnPairs in the depdef.',
    );
  }
  const liveGroups = targetGroupsOf(sides.primary);
  let routes = await ctx.ports.loadBalancing.forwardingRoutes(liveGroups);
  const unrouted = unroutedTargetGroups(routes, liveGroups);
  if (unrouted.length > 0) return refuseUnrouted(run, unrouted);
  const taskDefinitionArn = await chooseTaskDefinition(run);
  const resumed = await resumeHalfFinished(run, service, sides, routes, taskDefinitionArn);
  if (resumed.kind === 'result') return resumed.result;
  if (resumed.kind === 'finish') return shiftAndPromote(run, lock, resumed.plan);
  ({ service, sides } = resumed);
  // What a run stopped after promoting (or during a first deployment) leaves: the primary runs these definitions.
  if (runsDefinitions([sides.primary], run.hash)) return confirmPrimary(run, lock, service, sides);
  routes = await ctx.ports.loadBalancing.forwardingRoutes(liveGroups);
  const launched = await launchNewTaskSet(run, lock, service, sides, routes, taskDefinitionArn);
  if (launched.kind === 'result') return launched.result;
  const steps = trafficSteps(defs.depdef.trafficShiftingConfig);
  return shiftAndPromote(run, lock, { ...launched.plan, steps, firstStep: 1, totalSteps: steps.length });
}

/** The primary task set already runs these definitions: once it is stable, it only needs its tags. */
async function confirmPrimary(run: BlueGreenRun, lock: ServiceLock, service: EcsServiceState, sides: Sides): Promise<Ending> {
  const { ctx } = run;
  const ids = sides.old.map((ts) => ts.id);
  const watcher = new SideWatcher(ctx, run.target, ids, targetGroupsOf(sides.primary), ctx.clock.now());
  const timeoutMs = stabilityTimeoutMs(run, service.desiredCount);
  ctx.emit({ type: 'unit.phase', phase: 'stabilize', detail: `task set ${sides.primary.id} already runs these definitions: waiting until it is stable` });
  const outcome = await waitForStableSide(ctx, watcher, { timeoutMs, pollMs: pollMs(run), breakerThreshold: null, spot: null, onPoll: () => lock.renew() });
  if (outcome.kind === 'stable') {
    await tagDeployment(run, ids);
    return { outcome: 'deployed', revision: sides.primary.taskDefinitionArn };
  }
  const report = stabilityReport(outcome.kind === 'shortfall' ? { kind: 'timeout', waitingFor: 'tasks to be placed' } : outcome, watcher.seen, timeoutMs);
  report.action = `The primary task set of ${run.target.serviceName} runs these definitions but is not stable, and there is no older version to go back to: check it in cluster ${run.target.cluster}.`;
  ctx.emit({ type: 'unit.failed', report });
  return { outcome: 'failed', revision: sides.primary.taskDefinitionArn, error: { code: 'E_DEPLOY_FAILED', message: report.summary }, report };
}

/** A service whose task sets have no primary (a first deployment stopped before promoting): make one primary. */
async function ensurePrimary(run: BlueGreenRun, service: EcsServiceState): Promise<EcsServiceState> {
  const { ctx, target } = run;
  if (liveTaskSets(service).some((ts) => ts.status === 'PRIMARY')) return service;
  const groups = [...new Set(liveTaskSets(service).flatMap(targetGroupsOf))];
  const routes = await ctx.ports.loadBalancing.forwardingRoutes(groups);
  const carrying = new Set(routes.flatMap((route) => route.weights.filter((w) => w.weight > 0).map((w) => w.targetGroupArn)));
  const candidate = primaryCandidate(service, carrying);
  if (candidate === undefined) return service;
  ctx.emit({ type: 'unit.phase', phase: 'preflight', detail: `no task set is primary (an interrupted first deployment): making ${candidate.id} primary` });
  await ctx.ports.ecs.updateServicePrimaryTaskSet(target.cluster, target.serviceName, candidate.id);
  ctx.emit({ type: 'task-set.promoted', taskSetArn: candidate.taskSetArn });
  return (await ctx.ports.ecs.describeService(target.cluster, target.serviceName)) ?? service;
}

async function chooseTaskDefinition(run: BlueGreenRun): Promise<string> {
  run.ctx.emit({ type: 'unit.phase', phase: 'register', detail: 'task definition' });
  const taskdef = run.defs.taskdef;
  return taskdef ? (await ensureTaskDefinition(run.ctx, taskdef)).taskDefinitionArn : String(run.defs.svcdef.taskDefinition);
}

function refuseUnrouted(run: BlueGreenRun, unrouted: readonly string[]): Ending {
  return refuse(
    run,
    'E_TARGET_GROUP_UNROUTED',
    `no listener or rule forwards to target group ${unrouted.join(', ')}, so blue/green has no traffic to shift (and ECS cannot health check it)`,
    'Forward a listener (or a rule) of the load balancer to the target group the svcdef names; gitmoxi shifts the weights of every listener and rule that forwards to it.',
  );
}

function primaryRevision(service: EcsServiceState): { revision?: string } {
  const primary = liveTaskSets(service).find((ts) => ts.status === 'PRIMARY');
  return primary ? { revision: primary.taskDefinitionArn } : {};
}
