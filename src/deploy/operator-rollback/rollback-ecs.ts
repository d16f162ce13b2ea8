/**
 * Operator rollback of an ECS rolling service (`gitmoxi rollback`): an in-flight deployment is reverted to the
 * revision it replaces; otherwise the service goes back to the previous registered revision of its family (or the
 * one named). Planned first, so the command can show it and ask, then applied and watched until stable.
 */
import { GitmoxiError } from '../../errors.js';
import type { UnitContext } from '../context.js';
import { watchService } from '../ecs/watch-service.js';
import type { EcsPort, EcsServiceState } from '../ports.js';
import { tagKeys } from '../tags.js';

export interface EcsRollbackPlan {
  platform: 'ecs';
  cluster: string;
  serviceName: string;
  serviceArn: string;
  inFlight: boolean;
  fromRevision: string;
  toRevision: string;
  /** The commit being rolled back (pinned afterwards), when known. */
  rolledBackCommit: string | null;
  /** The commit that registered the revision rolled back to (from its gitmoxi:commit tag), when known. */
  restoredCommit: string | null;
}

/** How far below the running revision the previous one is looked for (revisions can be deregistered). */
const maxProbes = 20;

export async function planEcsRollback(ecs: EcsPort, service: EcsServiceState, toRevision: number | undefined): Promise<EcsRollbackPlan> {
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  const older = service.deployments.find((d) => d.status !== 'PRIMARY');
  const fromArn = primary?.taskDefinitionArn ?? service.taskDefinitionArn ?? '';
  const from = await ecs.describeTaskDefinition(fromArn);
  if (from === null) throw new GitmoxiError('E_USAGE', `cannot read the running task definition ${fromArn}`);
  const inFlight = older !== undefined && toRevision === undefined;
  const target = inFlight ? await ecs.describeTaskDefinition(older.taskDefinitionArn) : await previousRevision(ecs, from.family, from.revision, toRevision);
  if (target === null) {
    throw new GitmoxiError('E_USAGE', toRevision === undefined ? `${from.family}:${from.revision} has no earlier revision to go back to` : `no task definition ${from.family}:${toRevision}`, {
      hint: 'Pass --to-revision N with a revision that exists (aws ecs list-task-definitions --family-prefix FAMILY).',
    });
  }
  return {
    platform: 'ecs',
    cluster: service.clusterArn,
    serviceName: service.serviceName,
    serviceArn: service.serviceArn,
    inFlight,
    fromRevision: from.taskDefinitionArn,
    toRevision: target.taskDefinitionArn,
    rolledBackCommit: from.tags[tagKeys.commit] ?? service.tags[tagKeys.commit] ?? null,
    restoredCommit: target.tags[tagKeys.commit] ?? null,
  };
}

export async function previousRevision(ecs: EcsPort, family: string, current: number, wanted: number | undefined) {
  if (wanted !== undefined) return ecs.describeTaskDefinition(`${family}:${wanted}`);
  for (let revision = current - 1; revision >= Math.max(1, current - maxProbes); revision -= 1) {
    const found = await ecs.describeTaskDefinition(`${family}:${revision}`);
    if (found !== null) return found;
  }
  return null;
}

/**
 * UpdateService to the target revision, then the same watch a deployment uses (no breaker: going back is the
 * safe direction). Tags after it is stable: the restored commit, and no content hash (what runs is no longer the
 * content of any tip). The caller pins the unit before any of this.
 */
export async function applyEcsRollback(ctx: UnitContext, plan: EcsRollbackPlan, timeoutMs: number): Promise<{ ok: boolean; message: string }> {
  const since = ctx.clock.now();
  await ctx.ports.ecs.updateService({ cluster: plan.cluster, service: plan.serviceName, taskDefinition: plan.toRevision });
  const watch = { cluster: plan.cluster, serviceName: plan.serviceName, taskDefinitionArn: plan.toRevision, since, timeoutMs, pollMs: 5000, breakerThreshold: null, interruptible: false };
  const { outcome } = await watchService(ctx, watch);
  if (outcome.kind !== 'stable') return { ok: false, message: `the service did not become stable on ${plan.toRevision} (${outcome.kind})` };
  await ctx.ports.ecs.untagResource(plan.serviceArn, plan.restoredCommit ? [tagKeys.hash] : [tagKeys.hash, tagKeys.commit]);
  if (plan.restoredCommit) await ctx.ports.ecs.tagResource(plan.serviceArn, { [tagKeys.commit]: plan.restoredCommit });
  return { ok: true, message: `${plan.serviceName} runs ${plan.toRevision}` };
}
