/** Starting the tasks of a deployment or task set: placement, faults, tags, and the task record itself. */
import type { LaunchType, Tag } from '@aws-sdk/client-ecs';
import type { EcsModel } from './model.js';
import { placeTask } from './placement.js';
import type { ServiceRecord, TaskDefinitionRecord, TaskOwner, TaskRecord } from './records.js';
import type { LaunchGroup, LaunchResult } from './scheduler.js';
import { planTaskFailure } from './task-faults.js';
import { createTaskRecord } from './tasks.js';

export function launchGroupTasks(model: EcsModel, service: ServiceRecord, group: LaunchGroup, count: number): LaunchResult {
  const launched: TaskRecord[] = [];
  const record = model.taskDefinitions.findByArn(group.spec.taskDefinitionArn);
  const cluster = model.clusters.find(service.clusterName);
  if (!record || !cluster) return { launched, unplaced: count };
  const strategy = group.spec.capacityProviderStrategy?.length
    ? group.spec.capacityProviderStrategy
    : group.spec.launchType === undefined
      ? cluster.defaultCapacityProviderStrategy
      : undefined;
  // Unplaced tasks count toward the strategy's split too: ECS does not move a Spot task to FARGATE.
  const groupCounts = providerCounts(model.tasksOf(service, group.id));
  let unplaced = 0;
  let reason: LaunchResult['reason'];
  for (let i = 0; i < count; i += 1) {
    const placement = placeTask({
      ...(group.spec.launchType !== undefined ? { launchType: group.spec.launchType } : {}),
      ...(strategy ? { strategy } : {}),
      groupCounts,
      spotInUse: model.tasks.filter((t) => t.capacityProviderName === 'FARGATE_SPOT' && t.lastStatus !== 'STOPPED').length,
      ...spotLimit(model),
    });
    if (placement.capacityProviderName !== undefined) {
      groupCounts[placement.capacityProviderName] = (groupCounts[placement.capacityProviderName] ?? 0) + 1;
    }
    if (!placement.placed) {
      unplaced += 1;
      reason = placement.reason;
      continue;
    }
    launched.push(startTask(model, service, group, record, placement));
  }
  return reason === undefined ? { launched, unplaced } : { launched, unplaced, reason };
}

function startTask(
  model: EcsModel,
  service: ServiceRecord,
  group: LaunchGroup,
  record: TaskDefinitionRecord,
  placement: { launchType: LaunchType; capacityProviderName?: string },
): TaskRecord {
  const planned = planTaskFailure(model.world, model.scope.region, record.definition);
  const { spec } = group;
  const task = createTaskRecord({
    scope: model.scope,
    clusterArn: service.clusterArn,
    clusterName: service.clusterName,
    definition: record.definition,
    owner: ownerOf(service, group),
    group: `service:${service.name}`,
    startedBy: group.id,
    launchType: placement.launchType,
    ...(placement.capacityProviderName !== undefined ? { capacityProviderName: placement.capacityProviderName } : {}),
    ...(spec.platformVersion !== undefined ? { platformVersion: spec.platformVersion } : {}),
    ...(spec.networkConfiguration !== undefined ? { networkConfiguration: spec.networkConfiguration } : {}),
    loadBalancers: spec.loadBalancers,
    tags: taskTags(service, record.tags),
    ...(planned ? { planned } : {}),
    sequence: model.nextSequence(),
    now: model.now,
  });
  model.addTask(task, group.id);
  return task;
}

function ownerOf(service: ServiceRecord, group: LaunchGroup): TaskOwner {
  return group.kind === 'deployment'
    ? { kind: 'deployment', serviceArn: service.arn, deploymentId: group.id }
    : { kind: 'task-set', serviceArn: service.arn, taskSetId: group.id };
}

function providerCounts(tasks: TaskRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const task of tasks) {
    if (task.desiredStatus !== 'RUNNING' || task.capacityProviderName === undefined) continue;
    counts[task.capacityProviderName] = (counts[task.capacityProviderName] ?? 0) + 1;
  }
  return counts;
}

/** The tightest `spot-capacity` limit that applies to this region now. */
function spotLimit(model: EcsModel): { spotLimit?: number } {
  const limits = model.world
    .faults('spot-capacity')
    .filter((f) => f.region === undefined || f.region === model.scope.region)
    .map((f) => f.limit);
  return limits.length > 0 ? { spotLimit: Math.min(...limits) } : {};
}

/** propagateTags and ECS managed tags. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-using-tags.html */
function taskTags(service: ServiceRecord, definitionTags: Tag[]): Tag[] {
  const tags: Tag[] = [];
  if (service.propagateTags === 'SERVICE') tags.push(...service.tags);
  if (service.propagateTags === 'TASK_DEFINITION') tags.push(...definitionTags);
  if (service.enableECSManagedTags) {
    tags.push({ key: 'aws:ecs:clusterName', value: service.clusterName }, { key: 'aws:ecs:serviceName', value: service.name });
  }
  return tags.map((t) => ({ ...t }));
}
