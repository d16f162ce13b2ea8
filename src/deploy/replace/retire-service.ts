/**
 * Retiring the ECS service a unit ran as before its identity changed, once the replacement is deployed and
 * healthy: every listener and rule that forwards to the old service's target groups forwards to the replacement's
 * (read back), then the old service goes: a rolling one scaled to zero first, a blue/green one's task sets deleted
 * first, then DeleteService, waited for until it is gone. Only a service tagged with this unit is touched.
 */
import type { UnitContext } from '../context.js';
import { deleteTimeoutMs, waitForServiceGone } from '../ecs/delete-service.js';
import type { ServiceTarget } from '../ecs/service-target.js';
import { shiftTraffic } from '../shifting/elb-listener-router.js';
import { liveTaskSets } from '../ecs-bluegreen/sides.js';
import type { EcsServiceState } from '../ports/ecs-port.js';
import { tagKeys } from '../tags.js';
import { groupsStillCarrying, handoverMap, routesCarrying, type LoadBalancerRef } from './traffic-handover.js';

export type Retirement = { kind: 'retired'; detail: string } | { kind: 'left'; detail: string } | { kind: 'failed'; detail: string };

/**
 * `oldCtx` talks to the old service's Region; `replacement` is the new service as read after its deployment, or
 * null when it is in another Region (whose load balancers cannot forward to it).
 */
export async function retireService(oldCtx: UnitContext, old: ServiceTarget, replacement: EcsServiceState | null): Promise<Retirement> {
  const service = await oldCtx.ports.ecs.describeService(old.cluster, old.serviceName);
  if (service === null || service.status !== 'ACTIVE') return { kind: 'retired', detail: 'it was already deleted' };
  const owner = service.tags[tagKeys.unit];
  if (owner !== oldCtx.planned.prefix) {
    return {
      kind: 'left',
      detail: owner === undefined ? `it carries no ${tagKeys.unit} tag, so it is not this unit's to delete` : `its ${tagKeys.unit} tag names ${owner}`,
    };
  }
  const handedOver = await handOverTraffic(oldCtx, service, replacement);
  if (handedOver !== null) return handedOver;
  oldCtx.emit({ type: 'unit.phase', phase: 'delete', detail: `service ${old.serviceName} in cluster ${old.cluster} (replaced)` });
  if (service.deploymentControllerType === 'EXTERNAL') {
    for (const taskSet of liveTaskSets(service)) {
      // DeleteService with force removes a task set this call could not: its failure is not the retirement's.
      const deleted = await oldCtx.ports.ecs.deleteTaskSet(old.cluster, old.serviceName, taskSet.id, true).then(
        () => true,
        () => false,
      );
      if (deleted) oldCtx.emit({ type: 'task-set.deleted', taskSetArn: taskSet.taskSetArn, reason: 'its service was replaced' });
    }
  } else if (service.desiredCount > 0) {
    await oldCtx.ports.ecs.updateService({ cluster: old.cluster, service: old.serviceName, desiredCount: 0 });
  }
  await oldCtx.ports.ecs.deleteService(old.cluster, old.serviceName);
  oldCtx.emit({ type: 'service.deleted', serviceArn: service.serviceArn });
  // Once asked, the deletion completes even if the run is interrupted: the replacement already serves.
  if (await waitForServiceGone(oldCtx, old, deleteTimeoutMs, false)) return { kind: 'retired', detail: `service ${old.serviceName} deleted` };
  return { kind: 'failed', detail: `service ${old.serviceName} is still draining after ${deleteTimeoutMs / 60000} minutes` };
}

/** Null when no route sends traffic to the old service's own target groups any more; else why it stays. */
async function handOverTraffic(oldCtx: UnitContext, service: EcsServiceState, replacement: EcsServiceState | null): Promise<Retirement | null> {
  const oldBalancers = loadBalancersOf(service);
  const oldGroups = oldBalancers.flatMap((lb) => (lb.targetGroupArn === undefined ? [] : [lb.targetGroupArn]));
  if (oldGroups.length === 0) return null;
  const handover = handoverMap(oldBalancers, replacement === null ? [] : loadBalancersOf(replacement));
  const routes = routesCarrying(await oldCtx.ports.loadBalancing.forwardingRoutes(oldGroups), new Map(oldGroups.map((arn) => [arn, arn])));
  const unmapped = groupsStillCarrying(routes, oldGroups).filter(
    (arn) => !handover.has(arn) && !(replacement !== null && loadBalancersOf(replacement).some((lb) => lb.targetGroupArn === arn)),
  );
  if (unmapped.length > 0) {
    return {
      kind: 'left',
      detail: `listeners still forward to its target group ${unmapped.join(', ')}, which no load balancer of the replacement can take over; move that traffic, then delete the old service`,
    };
  }
  const moving = routesCarrying(routes, handover);
  if (moving.length === 0) return null;
  oldCtx.emit({
    type: 'unit.phase',
    phase: 'shift',
    detail: `moving the old service's traffic to the replacement on ${moving.length} route${moving.length === 1 ? '' : 's'}`,
  });
  const shifted = await shiftTraffic(oldCtx, moving, handover, 100, { step: 1, steps: 1 });
  if (!shifted.ok) return { kind: 'failed', detail: `moving traffic to the replacement failed (${shifted.reason}); the old service was kept` };
  const after = await oldCtx.ports.loadBalancing.forwardingRoutes([...handover.keys()]);
  const still = groupsStillCarrying(after, handover.keys());
  if (still.length > 0) return { kind: 'failed', detail: `target group ${still.join(', ')} still gets traffic after the handover; the old service was kept` };
  return null;
}

/** The target groups a service serves through: its primary task set's for blue/green, else the service's own. */
function loadBalancersOf(service: EcsServiceState): LoadBalancerRef[] {
  if (service.deploymentControllerType !== 'EXTERNAL') return service.loadBalancers;
  const live = liveTaskSets(service);
  return (live.find((ts) => ts.status === 'PRIMARY') ?? live[0])?.loadBalancers ?? service.loadBalancers;
}
