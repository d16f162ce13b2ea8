/**
 * What the service schedulers (rolling deployments and task sets) need from the model, and the helpers both
 * share: counting, stopping with ECS's reasons and events, replacing tasks that failed ELB health checks.
 */
import { addServiceEvent, resolveServiceEvent, serviceMessages } from './events.js';
import type { StopDetails } from './lifecycle.js';
import type { LaunchSpec, ServiceRecord, TaskRecord, TaskTarget } from './records.js';

export interface LaunchGroup {
  kind: 'deployment' | 'task-set';
  id: string;
  spec: LaunchSpec;
}

export interface LaunchResult {
  launched: TaskRecord[];
  unplaced: number;
  reason?: 'no-container-instance' | 'capacity-unavailable';
}

export interface SchedulerPort {
  readonly now: number;
  /** Every task (stopped ones too) that this group started. */
  tasksOf(service: ServiceRecord, groupId: string): TaskRecord[];
  launch(service: ServiceRecord, group: LaunchGroup, count: number): LaunchResult;
  stop(task: TaskRecord, details: StopDetails): void;
  /** RUNNING, container health checks passed, and healthy in every target group it belongs to. */
  healthy(service: ServiceRecord, task: TaskRecord): boolean;
  /** A target group that reports this task unhealthy once the grace period is over. */
  failedTarget(service: ServiceRecord, task: TaskRecord): TaskTarget | undefined;
}

export const isActive = (task: TaskRecord) => task.desiredStatus === 'RUNNING';
export const isRunning = (task: TaskRecord) => task.desiredStatus === 'RUNNING' && task.lastStatus === 'RUNNING';
export const isPending = (task: TaskRecord) => task.desiredStatus === 'RUNNING' && ['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(task.lastStatus);

function scalingReason(groupId: string): string {
  return `Scaling activity initiated by (deployment ${groupId})`;
}

/** Starts `count` tasks for a group and gives the started / unable-to-place events. */
export function launchTasks(service: ServiceRecord, group: LaunchGroup, count: number, port: SchedulerPort): LaunchResult {
  const result = port.launch(service, group, count);
  if (result.launched.length > 0) {
    addServiceEvent(
      service,
      serviceMessages.startedTasks(
        service.name,
        result.launched.map((t) => t.id),
      ),
      port.now,
    );
  }
  const noInstance = serviceMessages.noContainerInstance(service.name);
  const noCapacity = serviceMessages.capacityUnavailable(service.name);
  if (result.reason === 'no-container-instance') addServiceEvent(service, noInstance, port.now, true);
  else if (result.reason === 'capacity-unavailable') addServiceEvent(service, noCapacity, port.now, true);
  else {
    resolveServiceEvent(service, noInstance);
    resolveServiceEvent(service, noCapacity);
  }
  return result;
}

/** Stops tasks for scale-in or replacement, with ECS's reason and the stopped / draining events. */
export function stopForScaling(service: ServiceRecord, tasks: TaskRecord[], groupId: string, port: SchedulerPort): void {
  if (tasks.length === 0) return;
  const draining = tasks.filter((t) => t.registered).length;
  for (const task of tasks) {
    port.stop(task, { stopCode: 'ServiceSchedulerInitiated', reason: scalingReason(groupId), failure: false });
  }
  if (draining > 0) addServiceEvent(service, serviceMessages.drainingConnections(service.name, draining), port.now);
  addServiceEvent(
    service,
    serviceMessages.stoppedTasks(
      service.name,
      tasks.map((t) => t.id),
    ),
    port.now,
  );
}

/** ECS replaces tasks that fail their load balancer health checks (after the grace period). */
export function replaceUnhealthyTargets(service: ServiceRecord, tasks: TaskRecord[], port: SchedulerPort): void {
  const stopped: TaskRecord[] = [];
  for (const task of tasks.filter(isRunning)) {
    const target = port.failedTarget(service, task);
    if (!target) continue;
    addServiceEvent(service, serviceMessages.unhealthyTarget(service.name, target.port, target.targetGroupArn), port.now);
    port.stop(task, {
      stopCode: 'ServiceSchedulerInitiated',
      reason: `Task failed ELB health checks in (target-group ${target.targetGroupArn})`,
      failure: true,
    });
    stopped.push(task);
  }
  if (stopped.length > 0)
    addServiceEvent(
      service,
      serviceMessages.stoppedTasks(
        service.name,
        stopped.map((t) => t.id),
      ),
      port.now,
    );
}

/** Unhealthy and not-yet-running tasks first, then the newest: the order in which scale-in picks tasks. */
export function scaleInOrder(service: ServiceRecord, tasks: TaskRecord[], port: SchedulerPort): TaskRecord[] {
  const rank = (t: TaskRecord) => (port.healthy(service, t) ? 1 : 0);
  return [...tasks].sort((a, b) => rank(a) - rank(b) || b.createdAt - a.createdAt);
}

/** A deep copy of the launch settings alone (no deployment or task set bookkeeping). */
export function copyLaunchSpec(source: LaunchSpec): LaunchSpec {
  const spec: LaunchSpec = { taskDefinitionArn: source.taskDefinitionArn, loadBalancers: structuredClone(source.loadBalancers) };
  if (source.launchType !== undefined) spec.launchType = source.launchType;
  if (source.capacityProviderStrategy !== undefined) spec.capacityProviderStrategy = structuredClone(source.capacityProviderStrategy);
  if (source.platformVersion !== undefined) spec.platformVersion = source.platformVersion;
  if (source.networkConfiguration !== undefined) spec.networkConfiguration = structuredClone(source.networkConfiguration);
  return spec;
}
