/** Task records: how one is made from a task definition, and the Task shape DescribeTasks returns. */
import type { Attachment, Container, LaunchType, LoadBalancer, NetworkConfiguration, Tag, Task, TaskDefinition } from '@aws-sdk/client-ecs';
import { createHash } from 'node:crypto';
import { ecsArn, newEniId, newMacAddress, newTaskId, newUuid, type ArnScope } from './arns.js';
import { PROVISIONING_SECONDS } from './lifecycle.js';
import type { ContainerRecord, PlannedFailure, TaskOwner, TaskRecord, TaskTarget } from './records.js';

/** Fargate platform version that `LATEST` resolves to for Linux tasks. */
const LATEST_FARGATE_PLATFORM = '1.4.0';

export interface NewTask {
  scope: ArnScope;
  clusterArn: string;
  clusterName: string;
  definition: TaskDefinition;
  owner?: TaskOwner;
  group: string;
  startedBy?: string;
  launchType: LaunchType;
  capacityProviderName?: string;
  platformVersion?: string;
  networkConfiguration?: NetworkConfiguration;
  loadBalancers: LoadBalancer[];
  tags: Tag[];
  planned?: PlannedFailure;
  /** A sequence number from the model, used for the private IP address and the subnet choice. */
  sequence: number;
  now: number;
}

export function createTaskRecord(input: NewTask): TaskRecord {
  const id = newTaskId();
  const { scope, definition } = input;
  const subnets = input.networkConfiguration?.awsvpcConfiguration?.subnets ?? [];
  const subnetIndex = subnets.length > 0 ? input.sequence % subnets.length : 0;
  const task: TaskRecord = {
    arn: ecsArn(scope, `task/${input.clusterName}/${id}`),
    id,
    clusterArn: input.clusterArn,
    taskDefinitionArn: definition.taskDefinitionArn ?? '',
    family: definition.family ?? '',
    revision: definition.revision ?? 0,
    group: input.group,
    launchType: input.launchType,
    platformVersion: resolvePlatformVersion(input.platformVersion),
    availabilityZone: `${scope.region}${'abc'[subnetIndex % 3]}`,
    subnetId: subnets[subnetIndex] ?? 'subnet-00000000',
    privateIp: privateIp(input.sequence),
    eniId: newEniId(),
    macAddress: newMacAddress(),
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    healthStatus: 'UNKNOWN',
    containers: (definition.containerDefinitions ?? []).map((c) => containerRecord(scope, input.clusterName, id, c)),
    tags: input.tags.map((t) => ({ ...t })),
    createdAt: input.now,
    nextAt: input.now + PROVISIONING_SECONDS * 1000,
    version: 1,
    targets: targetsFor(input.loadBalancers),
    registered: false,
    failureCounted: false,
    wasHealthy: false,
  };
  if (definition.cpu !== undefined) task.cpu = definition.cpu;
  if (definition.memory !== undefined) task.memory = definition.memory;
  if (input.owner) task.owner = input.owner;
  if (input.startedBy !== undefined) task.startedBy = input.startedBy;
  if (input.capacityProviderName !== undefined) task.capacityProviderName = input.capacityProviderName;
  if (input.planned) task.planned = input.planned;
  return task;
}

function resolvePlatformVersion(requested: string | undefined): string {
  return requested === undefined || requested === 'LATEST' ? LATEST_FARGATE_PLATFORM : requested;
}

/** 10.0.x.y, skipping the addresses a VPC subnet reserves. */
function privateIp(sequence: number): string {
  const third = 1 + (Math.floor(sequence / 250) % 250);
  const fourth = 4 + (sequence % 250);
  return `10.0.${third}.${fourth}`;
}

function targetsFor(loadBalancers: LoadBalancer[]): TaskTarget[] {
  return loadBalancers.flatMap(({ targetGroupArn, containerPort }) => (targetGroupArn === undefined ? [] : [{ targetGroupArn, port: containerPort ?? 80 }]));
}

function containerRecord(
  scope: ArnScope,
  clusterName: string,
  taskId: string,
  definition: NonNullable<TaskDefinition['containerDefinitions']>[number],
): ContainerRecord {
  const record: ContainerRecord = {
    arn: ecsArn(scope, `container/${clusterName}/${taskId}/${newUuid()}`),
    name: definition.name ?? '',
    image: definition.image ?? '',
    essential: definition.essential !== false,
    lastStatus: 'PENDING',
    healthStatus: 'UNKNOWN',
  };
  // Docker runs the first health check one interval after the container starts (default 30 s).
  if (definition.healthCheck) record.healthCheckSeconds = definition.healthCheck.interval ?? 30;
  if (definition.cpu !== undefined) record.cpu = String(definition.cpu);
  if (definition.memory !== undefined) record.memory = String(definition.memory);
  return record;
}

/** The Task shape of DescribeTasks / StopTask. */
export function toTaskOutput(task: TaskRecord, includeTags: boolean): Task {
  const output: Task = {
    attachments: [eniAttachment(task)],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: task.availabilityZone,
    clusterArn: task.clusterArn,
    connectivity: task.connectivityAt !== undefined && task.lastStatus !== 'STOPPED' ? 'CONNECTED' : 'DISCONNECTED',
    containers: task.containers.map((c) => toContainerOutput(task, c)),
    cpu: task.cpu,
    memory: task.memory,
    createdAt: new Date(task.createdAt),
    desiredStatus: task.desiredStatus,
    enableExecuteCommand: false,
    ephemeralStorage: { sizeInGiB: 20 },
    group: task.group,
    healthStatus: task.healthStatus,
    lastStatus: task.lastStatus,
    launchType: task.launchType,
    overrides: { containerOverrides: task.containers.map((c) => ({ name: c.name })), inferenceAcceleratorOverrides: [] },
    platformFamily: 'Linux',
    platformVersion: task.platformVersion,
    startedBy: task.startedBy,
    capacityProviderName: task.capacityProviderName,
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    taskArn: task.arn,
    taskDefinitionArn: task.taskDefinitionArn,
    version: task.version,
  };
  const dates: [TaskDate, number | undefined][] = [
    ['connectivityAt', task.connectivityAt],
    ['pullStartedAt', task.pullStartedAt],
    ['pullStoppedAt', task.pullStoppedAt],
    ['startedAt', task.startedAt],
    ['stoppingAt', task.stoppingAt],
    ['executionStoppedAt', task.executionStoppedAt],
    ['stoppedAt', task.stoppedAt],
  ];
  for (const [key, value] of dates) if (value !== undefined) output[key] = new Date(value);
  if (includeTags) output.tags = task.tags.map((t) => ({ ...t }));
  return output;
}

/** The Task members that are times the task record may not have reached yet. */
type TaskDate = 'connectivityAt' | 'pullStartedAt' | 'pullStoppedAt' | 'startedAt' | 'stoppingAt' | 'executionStoppedAt' | 'stoppedAt';

function eniAttachment(task: TaskRecord): Attachment {
  const status =
    task.lastStatus === 'PROVISIONING'
      ? 'PRECREATED'
      : task.lastStatus === 'STOPPED'
        ? 'DELETED'
        : task.lastStatus === 'DEPROVISIONING'
          ? 'DETACHED'
          : 'ATTACHED';
  return {
    id: task.eniId.replace(/^eni-/, 'attachment-'),
    type: 'ElasticNetworkInterface',
    status,
    details: [
      { name: 'subnetId', value: task.subnetId },
      { name: 'networkInterfaceId', value: task.eniId },
      { name: 'macAddress', value: task.macAddress },
      { name: 'privateDnsName', value: `ip-${task.privateIp.replaceAll('.', '-')}.ec2.internal` },
      { name: 'privateIPv4Address', value: task.privateIp },
    ],
  };
}

function toContainerOutput(task: TaskRecord, container: ContainerRecord): Container {
  const output: Container = {
    containerArn: container.arn,
    taskArn: task.arn,
    name: container.name,
    image: container.image,
    lastStatus: container.lastStatus,
    networkInterfaces: [{ attachmentId: task.eniId.replace(/^eni-/, 'attachment-'), privateIpv4Address: task.privateIp }],
    healthStatus: container.healthStatus,
    cpu: container.cpu ?? '0',
    memory: container.memory,
    exitCode: container.exitCode,
    reason: container.reason,
  };
  if (task.pullStoppedAt !== undefined && container.reason === undefined) {
    output.imageDigest = `sha256:${createHash('sha256').update(container.image).digest('hex')}`;
  }
  if (container.lastStatus !== 'PENDING') output.runtimeId = `${task.id}-${container.arn.slice(-10)}`;
  return output;
}
