/** Deleting a service whose svcdef was deleted: scale to zero and delete (force), then wait until it is gone. */
import type { UnitContext } from '../context.js';
import type { Ending } from '../../events/results.js';
import { waitFor } from '../waits.js';
import type { ServiceTarget } from './service-target.js';

/** How long a deleted service may take to drain: ECS keeps it DRAINING while tasks stop and targets deregister. */
export const deleteTimeoutMs = 15 * 60 * 1000;

export async function deleteEcsService(ctx: UnitContext, target: ServiceTarget): Promise<Ending> {
  ctx.emit({ type: 'unit.phase', phase: 'delete', detail: `service ${target.serviceName} in cluster ${target.cluster}` });
  const current = await ctx.ports.ecs.describeService(target.cluster, target.serviceName);
  if (current === null) return { outcome: 'unchanged' };
  await ctx.ports.ecs.deleteService(target.cluster, target.serviceName);
  ctx.emit({ type: 'service.deleted', serviceArn: current.serviceArn });
  // A deletion has no previous state to go back to: once asked, it completes even if the run is interrupted.
  if (await waitForServiceGone(ctx, target, deleteTimeoutMs, false)) {
    return { outcome: 'deleted', ...(current.taskDefinitionArn ? { previousRevision: current.taskDefinitionArn } : {}) };
  }
  return {
    outcome: 'failed',
    error: { code: 'E_DELETE_TIMEOUT', message: `service ${target.serviceName} is still draining after ${deleteTimeoutMs / 60000} minutes` },
    report: {
      summary: `service ${target.serviceName} did not finish deleting`,
      step: 'delete',
      stoppedTasks: [],
      serviceEvents: [],
      targetHealth: [],
      action: `Check service ${target.serviceName} in cluster ${target.cluster}: it was asked to delete and is still DRAINING.`,
    },
  };
}

export async function waitForServiceGone(ctx: UnitContext, target: ServiceTarget, timeoutMs: number, interruptible: boolean): Promise<boolean> {
  const outcome = await waitFor({
    clock: ctx.clock,
    ...(interruptible ? { signal: ctx.signal } : {}),
    intervalMs: 5000,
    timeoutMs,
    check: async () =>
      (await ctx.ports.ecs.describeService(target.cluster, target.serviceName)) === null ? { status: 'done', value: true } : { status: 'pending' },
  });
  return outcome.kind === 'done';
}
