/**
 * The failure path of a rolling update, also taken on SIGINT/SIGTERM. With rollback on, the service goes back
 * to the task definition it ran before and is watched until stable again; a service this deployment created is
 * deleted, since "before" was no service at all. The restore itself cannot be interrupted by a first signal.
 */
import type { EcsUnitDefinitions } from '../../defs/validate.js';
import type { UnitContext } from '../context.js';
import { waitForServiceGone } from '../ecs/delete-service.js';
import { failureSummary } from '../ecs/failure-report.js';
import type { ServiceTarget } from '../ecs/service-target.js';
import { watchService, type WatchOptions } from '../ecs/watch-service.js';
import type { EcsServiceState } from '../ports.js';
import type { FailureReport, UnitResult } from '../results.js';

export interface RollbackInput {
  target: ServiceTarget;
  defs: EcsUnitDefinitions;
  /** The service before this deployment; null when this deployment created it. */
  current: EcsServiceState | null;
  failed: WatchOptions;
  report: FailureReport;
}

type Restored = Omit<UnitResult, 'unit' | 'startedAt' | 'finishedAt'>;

export async function rollbackRolling(ctx: UnitContext, input: RollbackInput): Promise<Restored> {
  const { report, current, target } = input;
  const failedRevision = input.failed.taskDefinitionArn;
  ctx.emit({ type: 'unit.failed', report });
  if (!input.defs.depdef.rollback) {
    report.action = `The service runs the failed revision ${failedRevision} (rollback is off). Fix the definitions and deploy again, or run \`gitmoxi rollback ${ctx.planned.prefix}\`.`;
    return { outcome: 'failed', revision: failedRevision, error: { code: 'E_DEPLOY_FAILED', message: report.summary }, report };
  }
  ctx.emit({ type: 'rollback.started', reason: report.summary });
  ctx.emit({ type: 'unit.phase', phase: 'rollback', detail: current?.taskDefinitionArn ? `back to ${current.taskDefinitionArn}` : 'deleting the new service' });
  try {
    return current?.taskDefinitionArn ? await restorePrevious(ctx, input, current.taskDefinitionArn) : await removeCreated(ctx, input);
  } catch (error) {
    report.action = `Restoring failed (${(error as Error).message}). Check service ${target.serviceName} in cluster ${target.cluster}.`;
    ctx.emit({ type: 'rollback.finished', restored: false });
    return { outcome: 'failed', error: { code: 'E_ROLLBACK_FAILED', message: report.summary }, report };
  }
}

async function restorePrevious(ctx: UnitContext, input: RollbackInput, previous: string): Promise<Restored> {
  const { target, report } = input;
  await ctx.ports.ecs.updateService({ cluster: target.cluster, service: target.serviceName, taskDefinition: previous });
  const watch: WatchOptions = { ...input.failed, taskDefinitionArn: previous, since: ctx.clock.now(), breakerThreshold: null, interruptible: false };
  const { outcome } = await watchService(ctx, watch);
  if (outcome.kind === 'stable') {
    ctx.emit({ type: 'rollback.finished', restored: true, revision: previous });
    return { outcome: 'rolled-back', revision: previous, previousRevision: previous, error: { code: 'E_DEPLOY_FAILED', message: report.summary }, report };
  }
  report.action = `The rollback to ${previous} did not become stable (${failureSummary(outcome, watch.timeoutMs)}). Check service ${target.serviceName} in cluster ${target.cluster}.`;
  ctx.emit({ type: 'rollback.finished', restored: false });
  return { outcome: 'failed', error: { code: 'E_ROLLBACK_FAILED', message: report.summary }, report };
}

async function removeCreated(ctx: UnitContext, input: RollbackInput): Promise<Restored> {
  const { target, report } = input;
  await ctx.ports.ecs.deleteService(target.cluster, target.serviceName);
  const gone = await waitForServiceGone(ctx, target, input.failed.timeoutMs, false);
  if (gone) {
    ctx.emit({ type: 'rollback.finished', restored: true });
    return { outcome: 'rolled-back', error: { code: 'E_DEPLOY_FAILED', message: report.summary }, report };
  }
  report.action = `The new service ${target.serviceName} was deleted but is still draining. Check cluster ${target.cluster}.`;
  ctx.emit({ type: 'rollback.finished', restored: false });
  return { outcome: 'failed', error: { code: 'E_ROLLBACK_FAILED', message: report.summary }, report };
}
