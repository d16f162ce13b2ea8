/**
 * The failure path of a rolling update, also taken on SIGINT/SIGTERM. With rollback on, the service goes back
 * to the task definition it ran before, with every setting the failed update changed (desiredCount, network,
 * load balancers, …) as it was, and is watched until stable again; a service this deployment created is
 * deleted, since "before" was no service at all. The restore itself cannot be interrupted by a first signal.
 * The service keeps the previous commit's tags only when what runs afterwards reads back as it was before;
 * otherwise its hash tag goes, so that status and the next deploy see it runs no commit's definitions exactly.
 */
import type { EcsUnitDefinitions } from '../../defs/validate.js';
import type { UnitContext } from '../context.js';
import { waitForServiceGone } from '../ecs/delete-service.js';
import { failureSummary } from '../ecs/failure-report.js';
import type { ServiceTarget } from '../ecs/service-target.js';
import { watchService, type WatchOptions } from '../ecs/watch-service.js';
import type { EcsServiceState } from '../ports/ecs-port.js';
import type { FailureReport, Ending } from '../../events/results.js';
import { persist } from '../retry-budget.js';
import { errorLine } from '../port-error.js';
import { tagKeys } from '../tags.js';
import { differingSettings, restoreRequest, type RestorePlan } from '../ecs/restore-settings.js';

export interface RollbackInput {
  target: ServiceTarget;
  defs: EcsUnitDefinitions;
  /** The service before this deployment; null when this deployment created it. */
  current: EcsServiceState | null;
  failed: WatchOptions;
  report: FailureReport;
  /** The UpdateService request of the failed deployment: the settings it changed are the ones put back. */
  request?: Record<string, unknown>;
}

type Restored = Ending;

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
    return current?.taskDefinitionArn ? await restorePrevious(ctx, input, current, current.taskDefinitionArn) : await removeCreated(ctx, input);
  } catch (error) {
    report.action = `Restoring failed (${errorLine(error)}). Check service ${target.serviceName} in cluster ${target.cluster}.`;
    ctx.emit({ type: 'rollback.finished', restored: false });
    return { outcome: 'failed', error: { code: 'E_ROLLBACK_FAILED', message: report.summary }, report };
  }
}

async function restorePrevious(ctx: UnitContext, input: RollbackInput, before: EcsServiceState, previous: string): Promise<Restored> {
  const { target, report } = input;
  const plan = restoreRequest(target, previous, before.settings, input.request ?? {});
  await persist(ctx, `updating service ${target.serviceName} back to ${previous}`, () => ctx.ports.ecs.updateService(plan.request));
  const watch: WatchOptions = { ...input.failed, taskDefinitionArn: previous, since: ctx.clock.now(), breakerThreshold: null, interruptible: false };
  const { outcome } = await watchService(ctx, watch);
  if (outcome.kind === 'stable') {
    await settleTags(ctx, input, before, plan);
    ctx.emit({ type: 'rollback.finished', restored: true, revision: previous });
    return { outcome: 'rolled-back', revision: previous, previousRevision: previous, error: { code: 'E_DEPLOY_FAILED', message: report.summary }, report };
  }
  report.action = `The rollback to ${previous} did not become stable (${failureSummary(outcome, watch.timeoutMs)}). Check service ${target.serviceName} in cluster ${target.cluster}.`;
  ctx.emit({ type: 'rollback.finished', restored: false });
  return { outcome: 'failed', error: { code: 'E_ROLLBACK_FAILED', message: report.summary }, report };
}

/**
 * Reads the service back: when its task definition and every restored setting are as before, the previous commit's
 * tags still tell the truth. Otherwise the hash tag is removed (and what differs is reported), so that neither
 * status nor a re-deploy of the previous commit takes the service for one that runs it.
 */
async function settleTags(ctx: UnitContext, input: RollbackInput, before: EcsServiceState, plan: RestorePlan): Promise<void> {
  const after = await ctx.ports.ecs.describeService(input.target.cluster, input.target.serviceName);
  const fields = Object.keys(plan.request).filter((key) => key !== 'cluster' && key !== 'service' && key !== 'taskDefinition');
  const differing = [...plan.unrestorable, ...differingSettings(before.settings, after?.settings, fields)];
  if (after !== null && after.taskDefinitionArn !== before.taskDefinitionArn) differing.unshift('taskDefinition');
  if (differing.length === 0 || after === null || before.tags[tagKeys.hash] === undefined) return;
  ctx.emit({ type: 'unit.phase', phase: 'tag', detail: `${differing.join(', ')} could not be put back as before: removing ${tagKeys.hash}` });
  await ctx.ports.ecs.untagResource(after.serviceArn, [tagKeys.hash]);
  input.report.action = `The service runs ${before.taskDefinitionArn ?? 'its previous task definition'} again, but ${differing.join(', ')} could not be put back as before; deploy the definitions you want it to run.`;
}

async function removeCreated(ctx: UnitContext, input: RollbackInput): Promise<Restored> {
  const { target, report } = input;
  await persist(ctx, `deleting service ${target.serviceName}`, () => ctx.ports.ecs.deleteService(target.cluster, target.serviceName));
  const gone = await waitForServiceGone(ctx, target, input.failed.timeoutMs, false);
  if (gone) {
    ctx.emit({ type: 'rollback.finished', restored: true });
    return { outcome: 'rolled-back', error: { code: 'E_DEPLOY_FAILED', message: report.summary }, report };
  }
  report.action = `The new service ${target.serviceName} was deleted but is still draining. Check cluster ${target.cluster}.`;
  ctx.emit({ type: 'rollback.finished', restored: false });
  return { outcome: 'failed', error: { code: 'E_ROLLBACK_FAILED', message: report.summary }, report };
}
