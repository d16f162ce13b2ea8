/**
 * ECS SDK shapes → the port's plain types: Dates become epoch milliseconds, `[{key, value}]` tag lists become
 * records, and members ECS leaves out stay out.
 */
import type { Deployment, LoadBalancer, Service, Tag, Task, TaskDefinition, TaskSet } from '@aws-sdk/client-ecs';
import {
  type EcsDeploymentState,
  type EcsServiceState,
  type EcsTaskSetState,
  type EcsTaskState,
  type ServiceSettings,
  type TaskDefinitionState,
  type UpdatableServiceField,
  updatableServiceFields,
} from '../deploy/ports/ecs-port.js';
import type { Tags } from '../deploy/ports/tagging-port.js';
import { recordOf } from '../is-record.js';
import { compact } from './compact.js';

/**
 * Members of a TaskDefinition that ECS adds on registration; without them the description is the registration
 * request again (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html).
 */
const SERVER_ASSIGNED_TASK_DEFINITION_MEMBERS: readonly string[] = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
];

export function tagsToRecord(tags: readonly Tag[] | undefined): Tags {
  const record: Tags = {};
  for (const tag of tags ?? []) if (tag.key !== undefined) record[tag.key] = tag.value ?? '';
  return record;
}

export function tagsToList(tags: Tags): Tag[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

/** A request's own `tags` list with gitmoxi's tags added; gitmoxi's win for the same key. */
export function mergeTagList(existing: unknown, tags: Tags): Tag[] {
  const kept = (Array.isArray(existing) ? existing : []).filter((tag): tag is Tag => isTag(tag) && !(tag.key !== undefined && tag.key in tags));
  return [...kept, ...tagsToList(tags)];
}

function isTag(value: unknown): value is Tag {
  return typeof recordOf(value).key === 'string';
}

function epoch(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : date.getTime();
}

export function toServiceState(service: Service): EcsServiceState {
  return compact({
    serviceArn: service.serviceArn ?? '',
    serviceName: service.serviceName ?? '',
    clusterArn: service.clusterArn ?? '',
    status: service.status ?? 'UNKNOWN',
    taskDefinitionArn: service.taskDefinition,
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    // ECS omits deploymentController for services created without one: they use the ECS (rolling) controller.
    deploymentControllerType: service.deploymentController?.type ?? 'ECS',
    deployments: (service.deployments ?? []).map(toDeploymentState),
    events: (service.events ?? []).map((event) => ({
      id: event.id ?? '',
      at: epoch(event.createdAt) ?? 0,
      message: event.message ?? '',
    })),
    loadBalancers: (service.loadBalancers ?? []).map(toLoadBalancer),
    tags: tagsToRecord(service.tags),
    taskSets: (service.taskSets ?? []).map(toTaskSetState),
    settings: serviceSettings(service),
  });
}

/**
 * Service members UpdateService can set again, deep-copied. serviceConnectConfiguration, volumeConfigurations and
 * vpcLatticeConfigurations are left out: DescribeServices reports them per deployment, not on the service.
 */
const perDeployment = ['serviceConnectConfiguration', 'volumeConfigurations', 'vpcLatticeConfigurations'] as const;
type ServiceSetting = Exclude<UpdatableServiceField, (typeof perDeployment)[number]>;
const perDeploymentSet: ReadonlySet<UpdatableServiceField> = new Set(perDeployment);
const isServiceSetting = (member: UpdatableServiceField): member is ServiceSetting => !perDeploymentSet.has(member);
const SETTINGS_MEMBERS = updatableServiceFields.filter(isServiceSetting);

function serviceSettings(service: Service): ServiceSettings {
  const settings: ServiceSettings = {};
  for (const member of SETTINGS_MEMBERS) {
    if (service[member] !== undefined) settings[member] = structuredClone(service[member]);
  }
  return settings;
}

function toLoadBalancer(balancer: LoadBalancer): EcsServiceState['loadBalancers'][number] {
  return compact({
    targetGroupArn: balancer.targetGroupArn,
    containerName: balancer.containerName,
    containerPort: balancer.containerPort,
  });
}

export function toTaskSetState(taskSet: TaskSet): EcsTaskSetState {
  return compact({
    id: taskSet.id ?? '',
    taskSetArn: taskSet.taskSetArn ?? '',
    status: taskSet.status ?? '',
    taskDefinitionArn: taskSet.taskDefinition ?? '',
    externalId: taskSet.externalId,
    scale: taskSet.scale?.value ?? 0,
    computedDesiredCount: taskSet.computedDesiredCount ?? 0,
    runningCount: taskSet.runningCount ?? 0,
    pendingCount: taskSet.pendingCount ?? 0,
    stabilityStatus: taskSet.stabilityStatus ?? '',
    launchType: taskSet.launchType,
    capacityProviderStrategy: taskSet.capacityProviderStrategy?.map((item) =>
      compact({ capacityProvider: item.capacityProvider ?? '', weight: item.weight, base: item.base }),
    ),
    loadBalancers: (taskSet.loadBalancers ?? []).map(toLoadBalancer),
    createdAt: epoch(taskSet.createdAt),
  });
}

function toDeploymentState(deployment: Deployment): EcsDeploymentState {
  return compact({
    id: deployment.id ?? '',
    status: deployment.status ?? '',
    taskDefinitionArn: deployment.taskDefinition ?? '',
    desiredCount: deployment.desiredCount ?? 0,
    runningCount: deployment.runningCount ?? 0,
    pendingCount: deployment.pendingCount ?? 0,
    failedTasks: deployment.failedTasks ?? 0,
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
    createdAt: epoch(deployment.createdAt),
  });
}

export function toTaskState(task: Task): EcsTaskState {
  return compact({
    taskArn: task.taskArn ?? '',
    taskDefinitionArn: task.taskDefinitionArn ?? '',
    lastStatus: task.lastStatus ?? '',
    desiredStatus: task.desiredStatus ?? '',
    startedBy: task.startedBy,
    group: task.group,
    createdAt: epoch(task.createdAt),
    startedAt: epoch(task.startedAt),
    stoppedAt: epoch(task.stoppedAt),
    stoppedReason: task.stoppedReason,
    stopCode: task.stopCode,
    privateIp: privateIp(task),
    healthStatus: task.healthStatus,
    containers: (task.containers ?? []).map((container) =>
      compact({
        name: container.name ?? '',
        lastStatus: container.lastStatus,
        exitCode: container.exitCode,
        reason: container.reason,
      }),
    ),
  });
}

/** awsvpc tasks carry their address in the ENI attachment's details, and again on each container. */
function privateIp(task: Task): string | undefined {
  const eni = task.attachments?.find((attachment) => attachment.type === 'ElasticNetworkInterface');
  const detail = eni?.details?.find((entry) => entry.name === 'privateIPv4Address')?.value;
  return detail ?? task.containers?.flatMap((c) => c.networkInterfaces ?? []).find((n) => n.privateIpv4Address)?.privateIpv4Address;
}

export function toTaskDefinitionState(taskDefinition: TaskDefinition, tags: readonly Tag[] | undefined): TaskDefinitionState {
  const registration: Record<string, unknown> = { ...taskDefinition };
  for (const member of SERVER_ASSIGNED_TASK_DEFINITION_MEMBERS) delete registration[member];
  return {
    taskDefinitionArn: taskDefinition.taskDefinitionArn ?? '',
    family: taskDefinition.family ?? '',
    revision: taskDefinition.revision ?? 0,
    registration,
    tags: tagsToRecord(tags),
  };
}
