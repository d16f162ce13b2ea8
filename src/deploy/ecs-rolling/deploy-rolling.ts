/**
 * ECS rolling update (deploymentController absent or ECS), as a checklist: describe, register, create or
 * update, watch until stable (breaker on), tag; on failure restore the previous task definition and watch that.
 */
import { breakerThreshold, effectiveStabilityTimeout } from '../../defs/depdef-schema.js';
import type { EcsUnitDefinitions } from '../../defs/validate.js';
import type { DeployContext } from '../context.js';
import { buildFailureReport, failureSummary } from '../ecs/failure-report.js';
import { createServiceRequest, svcdefTags, updateServiceRequest } from '../ecs/service-requests.js';
import { ensureTaskDefinition } from '../ecs/task-definition.js';
import { watchService, type WatchOptions } from '../ecs/watch-service.js';
import type { EcsServiceState, UpdateServiceRequest } from '../ports/ecs-port.js';
import type { Ending } from '../../events/results.js';
import { deploymentTags, runsHash } from '../tags.js';
import { rollbackRolling } from './rollback-rolling.js';
import { serviceTarget, type ServiceTarget } from '../ecs/service-target.js';
import { liveService } from '../ecs/live-service.js';
import { withDriverMark } from '../driver-mark.js';

export async function deployRolling(ctx: DeployContext, defs: EcsUnitDefinitions): Promise<Ending> {
  const target = serviceTarget(ctx, defs);
  ctx.emit({ type: 'unit.phase', phase: 'preflight', detail: `describing service ${target.serviceName} in cluster ${target.cluster}` });
  const current = await liveService(ctx, target);
  if (current !== null && runsHash(current.tags, ctx.planned.hash) && isSettled(current)) {
    return { outcome: 'unchanged', ...revisionOf(current) };
  }
  if (ctx.signal.aborted) return { outcome: 'skipped', interrupted: true };
  if (current === null) return rollOut(ctx, defs, target, null);
  return withDriverMark(ctx, { platform: 'ecs', arn: current.serviceArn }, () => rollOut(ctx, defs, target, current));
}

async function rollOut(ctx: DeployContext, defs: EcsUnitDefinitions, target: ServiceTarget, current: EcsServiceState | null): Promise<Ending> {
  ctx.emit({ type: 'unit.phase', phase: 'register', detail: 'task definition' });
  const taskDefinitionArn = defs.taskdef ? (await ensureTaskDefinition(ctx, defs.taskdef)).taskDefinitionArn : String(defs.svcdef.taskDefinition);
  const { svcdef } = defs;
  const deployStart = ctx.clock.now();
  let service: EcsServiceState;
  let request: UpdateServiceRequest | undefined;
  if (current === null) {
    ctx.emit({ type: 'unit.phase', phase: 'create', detail: `service ${target.serviceName}` });
    service = await ctx.ports.ecs.createService(createServiceRequest(svcdef, taskDefinitionArn, svcdefTags(svcdef)));
    ctx.emit({ type: 'service.created', serviceArn: service.serviceArn, taskDefinitionArn });
  } else {
    ctx.emit({ type: 'unit.phase', phase: 'update', detail: `service ${target.serviceName}` });
    request = updateServiceRequest(svcdef, taskDefinitionArn);
    service = await ctx.ports.ecs.updateService(request);
    ctx.emit({ type: 'service.updated', serviceArn: service.serviceArn, taskDefinitionArn });
  }

  const desired = service.desiredCount;
  const timeoutMs = effectiveStabilityTimeout(defs.depdef, desired) * 1000;
  const watch: WatchOptions = {
    ...target,
    taskDefinitionArn,
    since: deployStart,
    timeoutMs,
    pollMs: pollInterval(defs),
    breakerThreshold: breakerThreshold(defs.depdef, desired),
    interruptible: true,
  };
  ctx.emit({ type: 'unit.phase', phase: 'stabilize', detail: `waiting up to ${timeoutMs / 1000} s for ${desired} healthy tasks` });
  const { outcome, seen } = await watchService(ctx, watch);
  if (outcome.kind === 'stable') {
    ctx.emit({ type: 'unit.phase', phase: 'tag', detail: 'recording the deployed commit on the service' });
    await ctx.ports.ecs.tagResource(service.serviceArn, deploymentTags(ctx.planned.prefix, ctx.commit, ctx.planned.hash));
    return { outcome: 'deployed', revision: taskDefinitionArn, ...previousOf(current) };
  }
  const report = buildFailureReport(
    failureSummary(outcome, timeoutMs),
    'stability check',
    seen,
    outcome.kind === 'breaker' ? { failed: outcome.failed, threshold: outcome.threshold } : undefined,
  );
  const interrupted = outcome.kind === 'aborted';
  if (outcome.kind === 'breaker') ctx.emit({ type: 'breaker.tripped', failed: outcome.failed, threshold: outcome.threshold });
  const restored = await rollbackRolling(ctx, { target, defs, current, failed: watch, report, ...(request ? { request } : {}) });
  return { ...restored, ...(interrupted ? { interrupted } : {}) };
}

/** A service whose only deployment is complete: nothing in flight that a no-op would leave unwatched. */
function isSettled(service: EcsServiceState): boolean {
  return service.deployments.length === 1 && service.runningCount === service.desiredCount && service.deployments[0]?.rolloutState !== 'FAILED';
}

/** How often to examine the service: the depdef's pollInterval at most, and often enough to notice quickly. */
function pollInterval(defs: EcsUnitDefinitions): number {
  return Math.min(defs.depdef.stabilityCheck.pollInterval, 5) * 1000;
}

function revisionOf(service: EcsServiceState): { revision?: string } {
  return service.taskDefinitionArn ? { revision: service.taskDefinitionArn } : {};
}

function previousOf(service: EcsServiceState | null): { previousRevision?: string } {
  return service?.taskDefinitionArn ? { previousRevision: service.taskDefinitionArn } : {};
}
