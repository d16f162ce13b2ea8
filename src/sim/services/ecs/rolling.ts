/**
 * The rolling-update scheduler (deployment controller ECS): starts PRIMARY tasks within maximumPercent,
 * stops older deployments' tasks while minimumHealthyPercent stays met, then marks the deployment COMPLETED.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html
 */
import { checkCircuitBreaker } from './ecs-deployment-circuit-breaker.js';
import { addServiceEvent, serviceMessages } from './events.js';
import type { DeploymentRecord, ServiceRecord, TaskRecord } from './records.js';
import {
  copyLaunchSpec,
  isActive,
  isPending,
  isRunning,
  launchTasks,
  replaceUnhealthyTargets,
  scaleInOrder,
  stopForScaling,
  type SchedulerPort,
} from './scheduler.js';

export const DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;
export const DEFAULT_MAXIMUM_PERCENT = 200;

export function reconcileRolling(service: ServiceRecord, port: SchedulerPort): void {
  const activeOf = (d: DeploymentRecord) => port.tasksOf(service, d.id).filter(isActive);
  for (const deployment of service.deployments) replaceUnhealthyTargets(service, activeOf(deployment), port);
  checkCircuitBreaker(service, port.now);
  const primary = service.deployments[0];
  if (!primary) return;
  primary.desiredCount = service.desiredCount;
  scaleDownPrimary(service, primary, port);
  launchPrimary(service, primary, port);
  if (primary.rolloutState !== 'FAILED') {
    stopOldTasks(service, primary, port);
    launchPrimary(service, primary, port);
  }
  refreshCounts(service, port);
  // An older deployment stays listed until its last task has stopped.
  service.deployments = service.deployments.filter((d) => d === primary || port.tasksOf(service, d.id).some((t) => t.lastStatus !== 'STOPPED'));
  checkCompletion(service, primary, port);
}

function limits(service: ServiceRecord): { maxTotal: number; minHealthy: number } {
  const config = service.deploymentConfiguration;
  const maxPercent = config.maximumPercent ?? DEFAULT_MAXIMUM_PERCENT;
  const minPercent = config.minimumHealthyPercent ?? DEFAULT_MINIMUM_HEALTHY_PERCENT;
  // maximumPercent rounds down and minimumHealthyPercent rounds up (UpdateService API reference).
  return {
    maxTotal: Math.floor((service.desiredCount * maxPercent) / 100),
    minHealthy: Math.ceil((service.desiredCount * minPercent) / 100),
  };
}

function allActive(service: ServiceRecord, port: SchedulerPort): TaskRecord[] {
  return service.deployments.flatMap((d) => port.tasksOf(service, d.id).filter(isActive));
}

function scaleDownPrimary(service: ServiceRecord, primary: DeploymentRecord, port: SchedulerPort): void {
  const active = port.tasksOf(service, primary.id).filter(isActive);
  const excess = active.length - service.desiredCount;
  if (excess > 0) stopForScaling(service, scaleInOrder(service, active, port).slice(0, excess), primary.id, port);
}

function launchPrimary(service: ServiceRecord, primary: DeploymentRecord, port: SchedulerPort): void {
  // A FAILED deployment launches nothing more: the breaker stalled it (no COMPLETED deployment to go back to).
  if (primary.rolloutState === 'FAILED') {
    primary.unplaced = 0;
    return;
  }
  const { maxTotal } = limits(service);
  const need = service.desiredCount - port.tasksOf(service, primary.id).filter(isActive).length;
  const room = Math.max(maxTotal, service.desiredCount > 0 ? 1 : 0) - allActive(service, port).length;
  const count = Math.min(need, room);
  if (count <= 0) {
    primary.unplaced = 0;
    return;
  }
  const result = launchTasks(service, { kind: 'deployment', id: primary.id, spec: primary }, count, port);
  primary.unplaced = result.unplaced;
}

/** Old tasks that are not healthy go at once; healthy ones only while enough healthy tasks remain. */
function stopOldTasks(service: ServiceRecord, primary: DeploymentRecord, port: SchedulerPort): void {
  const { minHealthy } = limits(service);
  const old = service.deployments.filter((d) => d !== primary).reverse();
  const healthyCount = allActive(service, port).filter((t) => port.healthy(service, t)).length;
  let canStop = healthyCount - minHealthy;
  const toStop: TaskRecord[] = [];
  for (const deployment of old) {
    for (const task of port.tasksOf(service, deployment.id).filter(isActive)) {
      if (!port.healthy(service, task)) toStop.push(task);
      else if (canStop > 0) {
        toStop.push(task);
        canStop -= 1;
      }
    }
  }
  stopForScaling(service, toStop, primary.id, port);
}

function refreshCounts(service: ServiceRecord, port: SchedulerPort): void {
  for (const deployment of service.deployments) {
    const tasks = port.tasksOf(service, deployment.id);
    const running = tasks.filter(isRunning).length;
    const pending = tasks.filter(isPending).length;
    const desired = deployment.status === 'PRIMARY' ? service.desiredCount : tasks.filter(isActive).length;
    const changed = running !== deployment.runningCount || pending !== deployment.pendingCount || desired !== deployment.desiredCount;
    Object.assign(deployment, { runningCount: running, pendingCount: pending, desiredCount: desired });
    if (changed) deployment.updatedAt = port.now;
  }
}

function checkCompletion(service: ServiceRecord, primary: DeploymentRecord, port: SchedulerPort): void {
  const active = port.tasksOf(service, primary.id).filter(isActive);
  const healthy = active.filter((t) => port.healthy(service, t)).length;
  const settled = service.deployments.length === 1 && active.length === service.desiredCount && healthy === active.length;
  if (settled && primary.rolloutState === 'IN_PROGRESS') {
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
    primary.updatedAt = port.now;
    service.lastCompleted = { id: primary.id, spec: copyLaunchSpec(primary) };
    addServiceEvent(service, serviceMessages.deploymentCompleted(service.name, primary.id), port.now);
  }
  if (settled && !service.steady) addServiceEvent(service, serviceMessages.steadyState(service.name), port.now);
  service.steady = settled;
}
