/**
 * Operator rollback of an ECS rolling service (`gitmoxi rollback`): an in-flight deployment is reverted to the
 * revision it replaces; otherwise the service goes back to the previous registered revision of its family (or the
 * one named). Planned first, so the command can show it and ask, then applied and watched until stable. When the
 * revision was registered at a commit that still renders, that commit's service settings go back with it.
 */
import { GitmoxiError } from '../../errors.js';
import type { UnitContext } from '../context.js';
import { stopNativeInFlight } from '../ecs-native/stop-in-flight.js';
import { watchService } from '../ecs/watch-service.js';
import type { EcsPort, EcsServiceState } from '../ports/ecs-port.js';
import { tagKeys } from '../tags.js';
import { settingsNotApplied, type EarlierSettings } from './earlier-settings.js';

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
  /** The service settings of `restoredCommit`'s svcdef, sent with the revision (absent: the task definition alone). */
  settings?: EarlierSettings;
  /** Why only the task definition goes back, when a commit is known but its settings are not used. */
  settingsNote?: string;
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
    throw new GitmoxiError(
      'E_USAGE',
      toRevision === undefined ? `${from.family}:${from.revision} has no earlier revision to go back to` : `no task definition ${from.family}:${toRevision}`,
      {
        hint: 'Pass --to-revision N with a revision that exists (aws ecs list-task-definitions --family-prefix FAMILY).',
      },
    );
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
 * UpdateService to the target revision (with the commit's settings, when planned), then the same watch a deployment
 * uses (no breaker: going back is the safe direction). Tags after it is stable: the restored commit, and its
 * content hash only when the commit's settings went back too and read back as sent, since status calls a unit
 * Synced by that hash. The caller pins the unit before any of this.
 */
export async function applyEcsRollback(ctx: UnitContext, plan: EcsRollbackPlan, timeoutMs: number): Promise<{ ok: boolean; message: string }> {
  if (plan.inFlight) {
    const live = await ctx.ports.ecs.describeService(plan.cluster, plan.serviceName);
    const stopped = live ? await stopNativeInFlight(ctx, { cluster: plan.cluster, serviceName: plan.serviceName, settings: live.settings }, timeoutMs) : null;
    if (stopped) return stopped;
  }
  const since = ctx.clock.now();
  if (plan.settings && plan.settings.changing.length > 0)
    ctx.emit({
      type: 'unit.phase',
      phase: 'rollback',
      detail: `service settings of ${plan.settings.commit.slice(0, 12)}: ${plan.settings.changing.join(', ')}`,
    });
  await ctx.ports.ecs.updateService(plan.settings?.request ?? { cluster: plan.cluster, service: plan.serviceName, taskDefinition: plan.toRevision });
  const watch = {
    cluster: plan.cluster,
    serviceName: plan.serviceName,
    taskDefinitionArn: plan.toRevision,
    since,
    timeoutMs,
    pollMs: 5000,
    breakerThreshold: null,
    interruptible: false,
  };
  const { outcome } = await watchService(ctx, watch);
  if (outcome.kind !== 'stable') return { ok: false, message: `the service did not become stable on ${plan.toRevision} (${outcome.kind})` };
  const missed = plan.settings ? settingsNotApplied(plan.settings, (await ctx.ports.ecs.describeService(plan.cluster, plan.serviceName))?.settings) : [];
  const hash = plan.settings && missed.length === 0 && plan.settings.unrestorable.length === 0 ? plan.settings.hash : null;
  const stale = [...(hash === null ? [tagKeys.hash] : []), ...(plan.restoredCommit ? [] : [tagKeys.commit])];
  if (stale.length > 0) await ctx.ports.ecs.untagResource(plan.serviceArn, stale);
  const tags = { ...(plan.restoredCommit ? { [tagKeys.commit]: plan.restoredCommit } : {}), ...(hash !== null ? { [tagKeys.hash]: hash } : {}) };
  if (Object.keys(tags).length > 0) await ctx.ports.ecs.tagResource(plan.serviceArn, tags);
  return { ok: true, message: `${plan.serviceName} runs ${plan.toRevision}${settingsText(plan, missed)}` };
}

function settingsText(plan: EcsRollbackPlan, missed: readonly string[]): string {
  if (!plan.settings) return plan.settingsNote ? ` (${plan.settingsNote})` : '';
  const left = [...plan.settings.unrestorable, ...missed];
  const commit = plan.settings.commit.slice(0, 12);
  return left.length === 0
    ? ` with the service settings of ${commit}`
    : ` with the service settings of ${commit}, except ${left.join(', ')}, left as they were`;
}
