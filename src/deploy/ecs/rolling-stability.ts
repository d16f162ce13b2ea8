/**
 * Pure verdict on a rolling deployment: is the new revision stable yet, and how many of its tasks are healthy.
 * Table-tested; the watch only gathers the inputs.
 */
import type { EcsServiceState, EcsTaskState } from '../ports/ecs-port.js';
import type { TargetHealthState } from '../ports/elb-port.js';

interface VersionCounts {
  desired: number;
  running: number;
  pending: number;
  healthy: number;
}

export interface StabilityInput {
  service: EcsServiceState;
  taskDefinitionArn: string;
  /** RUNNING tasks of the service. */
  runningTasks: readonly EcsTaskState[];
  /** Health of the targets in each of the service's target groups; empty when it has no load balancer. */
  targetHealth: ReadonlyMap<string, readonly TargetHealthState[]>;
}

export interface StabilityVerdict {
  stable: boolean;
  counts: VersionCounts;
  /** Why it is not stable yet, for the progress line. */
  waitingFor: string;
}

/**
 * A rolling deployment is stable when ECS has a single deployment, of the new task definition, with every desired
 * task running, and (behind a load balancer) every running task of the new revision healthy in every target group.
 */
export function assessRollingStability(input: StabilityInput): StabilityVerdict {
  const { service, taskDefinitionArn } = input;
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  const newTasks = input.runningTasks.filter((t) => t.taskDefinitionArn === taskDefinitionArn && t.lastStatus === 'RUNNING');
  const healthy = countHealthy(newTasks, input.targetHealth);
  const counts: VersionCounts = {
    desired: primary?.desiredCount ?? service.desiredCount,
    running: primary?.runningCount ?? 0,
    pending: primary?.pendingCount ?? 0,
    healthy,
  };
  const waitingFor = (() => {
    if (primary === undefined || primary.taskDefinitionArn !== taskDefinitionArn) return 'ECS to start the deployment';
    if (counts.running < counts.desired) return `tasks to start (${counts.running} of ${counts.desired} running)`;
    if (healthy < counts.desired) return `targets to pass health checks (${healthy} of ${counts.desired} healthy)`;
    if (service.deployments.length > 1) return 'old tasks to drain';
    if (primary.rolloutState === 'FAILED') return 'ECS reports the deployment FAILED';
    return '';
  })();
  return { stable: waitingFor === '', counts, waitingFor };
}

/** Running tasks that are healthy: in every target group they belong to, or simply RUNNING without any. */
export function countHealthy(tasks: readonly EcsTaskState[], targetHealth: ReadonlyMap<string, readonly TargetHealthState[]>): number {
  if (targetHealth.size === 0) return tasks.length;
  return tasks.filter((task) => [...targetHealth.values()].every((targets) => targets.some((t) => t.targetId === task.privateIp && t.state === 'healthy')))
    .length;
}
