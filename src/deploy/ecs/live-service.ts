import type { UnitContext } from '../context.js';
import type { EcsServiceState } from '../ports/ecs-port.js';
import { waitForServiceGone } from './delete-service.js';
import type { ServiceTarget } from './service-target.js';

/**
 * The ACTIVE service, or null. A DRAINING one (being deleted) cannot be updated and blocks a create of the same
 * name until ECS finishes deleting it, so wait for that first.
 */
export async function liveService(ctx: UnitContext, target: ServiceTarget): Promise<EcsServiceState | null> {
  const prefetched = ctx.prefetched?.service;
  const service = prefetched !== undefined ? prefetched : await ctx.ports.ecs.describeService(target.cluster, target.serviceName);
  if (service === null || service.status === 'ACTIVE') return service;
  ctx.emit({ type: 'unit.phase', phase: 'preflight', detail: `waiting for the ${service.status} service ${target.serviceName} to be deleted` });
  await waitForServiceGone(ctx, target, 15 * 60 * 1000, true);
  return null;
}
