/**
 * Operator rollback of an ECS blue/green service (`gitmoxi rollback`). A deployment in flight or left
 * half-finished (a second task set, weights split) is reverted the way a failed deployment is: traffic back to
 * the primary task set first, read back, then the other task sets deleted. Otherwise the previous revision of the
 * family (or the one named) comes back as a blue/green of its own, without the canary: a task set of it in the
 * partner target groups, stable before any traffic moves, then all traffic at once, promoted, the old side retired.
 * The depdef's alarms are not consulted: they are most likely firing, and that is why someone is rolling back.
 */
import type { EcsUnitDefinitions } from '../../defs/validate.js';
import { GitmoxiError } from '../../errors.js';
import { arnName } from '../../short-names.js';
import type { DeployContext } from '../context.js';
import { launchNewTaskSet } from '../ecs-bluegreen/launch.js';
import { revertOtherSide } from '../ecs-bluegreen/rollback-bluegreen.js';
import { newRun, type BlueGreenRun } from '../ecs-bluegreen/run.js';
import { acquireLock, heldByOther, type ServiceLock } from '../ecs-bluegreen/service-lock.js';
import { shiftAndPromote } from '../ecs-bluegreen/shift-and-promote.js';
import { classifyTaskSets, targetGroupsOf, type Sides } from '../ecs-bluegreen/sides.js';
import { currentNewPercent } from '../shifting/listener-weights.js';
import type { EcsServiceState } from '../ports/ecs-port.js';
import type { RegionPorts } from '../ports/region-ports.js';
import { tagKeys } from '../tags.js';
import { previousRevision } from './rollback-ecs.js';

export interface BlueGreenRollbackPlan {
  platform: 'ecs-bluegreen';
  cluster: string;
  serviceName: string;
  serviceArn: string;
  inFlight: boolean;
  /** The share of traffic on the other side when the plan was made (in flight only). */
  reached: number;
  fromRevision: string;
  toRevision: string;
  /** Task sets a revert deletes: the other side of a deployment in flight. */
  removeTaskSets: string[];
  rolledBackCommit: string | null;
  restoredCommit: string | null;
}

export async function planBlueGreenRollback(
  ports: RegionPorts,
  service: EcsServiceState,
  defs: EcsUnitDefinitions,
  toRevision: number | undefined,
  now: number,
): Promise<BlueGreenRollbackPlan> {
  const holder = heldByOther(service.tags, null, now);
  if (holder !== null) {
    throw new GitmoxiError(
      'E_UNIT_BUSY',
      `service ${service.serviceName} is being deployed by another gitmoxi run (${holder.owner}) right now; nothing was changed`,
      {
        hint: `Stop that run (SIGINT or SIGTERM makes it move traffic back and remove its task set), or wait for it to end. A lock left by a killed run expires at ${new Date(holder.expiresAt).toISOString()}; roll back after that.`,
      },
    );
  }
  const sides = classifyTaskSets(service, defs.depdef.targetGroupArnPairs);
  if (sides === null) {
    throw new GitmoxiError('E_USAGE', `service ${service.serviceName} has no primary task set, so there is nothing to go back to`, {
      hint: 'Deploy the unit again with gitmoxi deploy; it finishes or reverts what an interrupted first deployment left.',
    });
  }
  const routes = await ports.loadBalancing.forwardingRoutes(targetGroupsOf(sides.primary));
  const reached = currentNewPercent(routes, sides.shift);
  const others = [...sides.fresh, ...sides.stray];
  const primaryDef = await ports.ecs.describeTaskDefinition(sides.primary.taskDefinitionArn);
  if (primaryDef === null) throw new GitmoxiError('E_USAGE', `cannot read the primary task set's task definition ${sides.primary.taskDefinitionArn}`);
  const base = { platform: 'ecs-bluegreen' as const, cluster: service.clusterArn, serviceName: service.serviceName, serviceArn: service.serviceArn };
  if (others.length > 0 || reached > 0) {
    if (toRevision !== undefined) {
      throw new GitmoxiError(
        'E_USAGE',
        `a deployment of ${service.serviceName} is in flight (${reached}% of traffic moved): --to-revision cannot be combined with reverting it`,
        {
          hint: 'Run gitmoxi rollback without --to-revision first to revert it, then again with --to-revision.',
        },
      );
    }
    const fromArn = others[0]?.taskDefinitionArn ?? sides.primary.taskDefinitionArn;
    const from = await ports.ecs.describeTaskDefinition(fromArn);
    return {
      ...base,
      inFlight: true,
      reached,
      fromRevision: fromArn,
      toRevision: sides.primary.taskDefinitionArn,
      removeTaskSets: others.map((ts) => ts.id),
      rolledBackCommit: from?.tags[tagKeys.commit] ?? null,
      restoredCommit: service.tags[tagKeys.commit] ?? primaryDef.tags[tagKeys.commit] ?? null,
    };
  }
  const target = await previousRevision(ports.ecs, primaryDef.family, primaryDef.revision, toRevision);
  if (target === null) {
    throw new GitmoxiError(
      'E_USAGE',
      toRevision === undefined
        ? `${primaryDef.family}:${primaryDef.revision} has no earlier revision to go back to`
        : `no task definition ${primaryDef.family}:${toRevision}`,
      {
        hint: 'Pass --to-revision N with a revision that exists (aws ecs list-task-definitions --family-prefix FAMILY).',
      },
    );
  }
  return {
    ...base,
    inFlight: false,
    reached: 0,
    fromRevision: primaryDef.taskDefinitionArn,
    toRevision: target.taskDefinitionArn,
    removeTaskSets: [],
    rolledBackCommit: service.tags[tagKeys.commit] ?? primaryDef.tags[tagKeys.commit] ?? null,
    restoredCommit: target.tags[tagKeys.commit] ?? null,
  };
}

/** Under the service lock, so that a deployment that starts meanwhile waits for the rollback instead of racing it. */
export async function applyBlueGreenRollback(
  ctx: DeployContext,
  defs: EcsUnitDefinitions,
  plan: BlueGreenRollbackPlan,
  timeoutSeconds: number,
): Promise<{ ok: boolean; message: string }> {
  const run = rollbackRun(ctx, defs, plan, timeoutSeconds);
  const taken = await acquireLock(ctx, run.target, run.owner);
  if (taken.kind !== 'acquired')
    return {
      ok: false,
      message:
        taken.kind === 'held'
          ? `another gitmoxi run (${taken.holder.owner}) holds the service's lock; nothing was changed`
          : `the lock could not be taken (${taken.kind}); nothing was changed`,
    };
  try {
    const service = await ctx.ports.ecs.describeService(plan.cluster, plan.serviceName);
    const sides = service === null ? null : classifyTaskSets(service, run.defs.depdef.targetGroupArnPairs);
    if (service === null || sides === null) return { ok: false, message: `service ${plan.serviceName} has no primary task set any more; nothing was changed` };
    return plan.inFlight ? await revert(run, sides) : await restorePrevious(run, taken.lock, service, sides, plan.toRevision);
  } finally {
    await taken.lock.release().catch(() => undefined);
  }
}

/**
 * The unit's definitions at the tip, reshaped for going back: all traffic at once with no bake, no alarms, and
 * a failure of the restored revision itself undone (the current revision keeps serving). The new task set's
 * externalId names the revision, so a later deployment of any tip never mistakes it for its own.
 */
function rollbackRun(ctx: DeployContext, defs: EcsUnitDefinitions, plan: BlueGreenRollbackPlan, timeoutSeconds: number): BlueGreenRun {
  const depdef = {
    ...defs.depdef,
    trafficShiftingConfig: { type: 'ALL_AT_ONCE' as const, percent: 100, waitInterval: 0 },
    alarmNames: [],
    rollback: true,
    deleteNewUponTrafficShiftFailure: true,
    stabilityCheck: { ...defs.depdef.stabilityCheck, timeout: timeoutSeconds },
  };
  delete depdef.stabilityCheck.timeoutPerTask;
  const run = newRun(ctx, { ...defs, depdef });
  const revision = arnName(plan.toRevision);
  return { ...run, hash: `rollback:${revision}`, restoring: { commit: plan.restoredCommit } };
}

async function revert(run: BlueGreenRun, sides: Sides): Promise<{ ok: boolean; message: string }> {
  const { ctx, target } = run;
  const others = [...sides.fresh, ...sides.stray];
  ctx.emit({
    type: 'unit.phase',
    phase: 'rollback',
    detail: `moving all traffic back to the primary task set, then deleting task set ${others.map((ts) => ts.id).join(', ')}`,
  });
  const restored = await revertOtherSide(run, sides, 'rolled back by an operator');
  if (!restored.ok)
    return {
      ok: false,
      message: `traffic could not be moved back (${restored.reason}); nothing was deleted. Set the listener and rule weights to 100 on ${targetGroupsOf(sides.primary).join(', ')} by hand`,
    };
  const gone = restored.gone;
  const what = `all traffic on task set ${sides.primary.id} (${arnName(sides.primary.taskDefinitionArn)})`;
  return gone
    ? { ok: true, message: what }
    : { ok: false, message: `${what}, but task set ${others.map((ts) => ts.id).join(', ')} is still being deleted: check it in cluster ${target.cluster}` };
}

async function restorePrevious(
  run: BlueGreenRun,
  lock: ServiceLock,
  service: EcsServiceState,
  sides: Sides,
  taskDefinitionArn: string,
): Promise<{ ok: boolean; message: string }> {
  const routes = await run.ctx.ports.loadBalancing.forwardingRoutes(targetGroupsOf(sides.primary));
  const launched = await launchNewTaskSet(run, lock, service, sides, routes, taskDefinitionArn);
  const result =
    launched.kind === 'result' ? launched.result : await shiftAndPromote(run, lock, { ...launched.plan, steps: [100], firstStep: 1, totalSteps: 1 });
  if (result.outcome === 'deployed')
    return {
      ok: true,
      message: `${run.target.serviceName} serves ${arnName(taskDefinitionArn)} from task set ${launched.kind === 'ready' ? launched.plan.newPrimary.id : ''}`,
    };
  const where = result.outcome === 'rolled-back' ? 'all traffic stays on the current task set' : 'check the service';
  return { ok: false, message: `the earlier revision did not take over (${result.error?.message ?? result.outcome}); ${where}` };
}
