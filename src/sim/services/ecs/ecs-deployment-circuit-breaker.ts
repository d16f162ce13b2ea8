/**
 * ECS's own deployment circuit breaker for rolling services: the deployment fails once `failedTasks`
 * reaches 0.5 × desired count (at least 3, at most 200), then rolls back to the last COMPLETED deployment
 * when `rollback` is on; without a COMPLETED deployment it stops launching tasks and the deployment stalls.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeploymentCircuitBreaker.html
 */
import { newDeploymentId } from './arns.js';
import { addServiceEvent, serviceMessages } from './events.js';
import type { DeploymentRecord, ServiceRecord } from './records.js';
import { copyLaunchSpec } from './scheduler.js';

const BREAKER_MIN_THRESHOLD = 3;
const BREAKER_MAX_THRESHOLD = 200;

export function breakerThreshold(desiredCount: number): number {
  return Math.min(BREAKER_MAX_THRESHOLD, Math.max(BREAKER_MIN_THRESHOLD, Math.ceil(0.5 * desiredCount)));
}

const BREAKER_FAILED_REASON = 'ECS deployment circuit breaker: tasks failed to start.';

/** Trips the breaker when the PRIMARY deployment has failed too often; returns whether it tripped. */
export function checkCircuitBreaker(service: ServiceRecord, now: number): boolean {
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  const primary = service.deployments[0];
  if (!breaker?.enable || !primary || primary.rolloutState !== 'IN_PROGRESS') return false;
  if (primary.failedTasks < breakerThreshold(service.desiredCount)) return false;
  primary.rolloutState = 'FAILED';
  primary.rolloutStateReason = BREAKER_FAILED_REASON;
  primary.updatedAt = now;
  addServiceEvent(service, serviceMessages.deploymentFailed(service.name, primary.id), now);
  if (breaker.rollback && service.lastCompleted) rollBack(service, primary, now);
  return true;
}

function rollBack(service: ServiceRecord, failed: DeploymentRecord, now: number): void {
  const target = service.lastCompleted;
  if (!target) return;
  failed.status = 'ACTIVE';
  const rollback: DeploymentRecord = {
    ...copyLaunchSpec(target.spec),
    runningCount: 0,
    pendingCount: 0,
    id: newDeploymentId(),
    status: 'PRIMARY',
    desiredCount: service.desiredCount,
    failedTasks: 0,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${target.id}.`,
    createdAt: now,
    updatedAt: now,
    unplaced: 0,
  };
  service.deployments.unshift(rollback);
  service.spec = copyLaunchSpec(target.spec);
  // The rollback target is IN_PROGRESS again: it cannot be rolled back to until it completes anew.
  delete service.lastCompleted;
  addServiceEvent(service, serviceMessages.rollingBack(service.name, target.id), now);
}
