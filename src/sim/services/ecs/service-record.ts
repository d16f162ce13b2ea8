/** Turning a validated CreateService request into a service record. */
import type { CreateServiceRequest } from '@aws-sdk/client-ecs';
import { ecsArn } from './arns.js';
import { invalidParameter } from './errors.js';
import type { EcsModel } from './model.js';
import type { ClusterRecord, LaunchSpec, ServiceRecord, TaskDefinitionRecord } from './records.js';
import { usableTaskDefinition, validateDeploymentConfiguration, validateExternalCreate, validateLaunch, type LaunchInput } from './service-validation.js';
import { validateTags } from './tag-rules.js';

const SERVICE_NAME = /^[A-Za-z0-9_-]{1,255}$/;

export function createServiceRecord(model: EcsModel, input: CreateServiceRequest, now: number): ServiceRecord {
  const cluster = model.clusters.get(input.cluster);
  const name = input.serviceName ?? '';
  const controller = input.deploymentController?.type ?? 'ECS';
  const spec = validateCreateService(model, cluster, input);
  const service: ServiceRecord = {
    arn: ecsArn(model.scope, `service/${cluster.name}/${name}`),
    name,
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: 'ACTIVE',
    desiredCount: input.desiredCount ?? 0,
    serviceRegistries: input.serviceRegistries ?? [],
    deploymentConfiguration: structuredClone(input.deploymentConfiguration ?? {}),
    deploymentController: { type: controller },
    placementConstraints: input.placementConstraints ?? [],
    placementStrategy: input.placementStrategy ?? [],
    schedulingStrategy: input.schedulingStrategy === 'DAEMON' ? 'DAEMON' : 'REPLICA',
    tags: (input.tags ?? []).map((t) => ({ ...t })),
    enableECSManagedTags: input.enableECSManagedTags ?? false,
    propagateTags: input.propagateTags ?? 'NONE',
    enableExecuteCommand: input.enableExecuteCommand ?? false,
    createdAt: now,
    createdBy: `arn:aws:iam::${model.scope.account}:root`,
    deployments: [],
    taskSets: [],
    events: [],
    steady: false,
    eventTimes: {},
  };
  if (spec) service.spec = spec;
  if (input.healthCheckGracePeriodSeconds !== undefined) service.healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds;
  else if (spec && spec.loadBalancers.length > 0) service.healthCheckGracePeriodSeconds = 0;
  if (input.role !== undefined) service.roleArn = input.role;
  return service;
}

export function launchSpecFrom(record: TaskDefinitionRecord, input: LaunchInput): LaunchSpec {
  const spec: LaunchSpec = {
    taskDefinitionArn: record.definition.taskDefinitionArn ?? '',
    loadBalancers: structuredClone(input.loadBalancers ?? []),
  };
  const strategy = input.capacityProviderStrategy ?? [];
  if (strategy.length > 0) spec.capacityProviderStrategy = structuredClone(strategy);
  else if (input.launchType !== undefined) spec.launchType = input.launchType;
  if (input.platformVersion !== undefined) spec.platformVersion = input.platformVersion;
  if (input.networkConfiguration !== undefined) spec.networkConfiguration = structuredClone(input.networkConfiguration);
  return spec;
}

/** Every CreateService check; returns the launch settings of a rolling service (none for EXTERNAL). */
function validateCreateService(model: EcsModel, cluster: ClusterRecord, input: CreateServiceRequest): LaunchSpec | undefined {
  const name = input.serviceName ?? '';
  if (!SERVICE_NAME.test(name)) {
    throw invalidParameter('Service name can only contain letters, numbers, hyphens and underscores, up to 255 characters.');
  }
  const existing = model.services.find((s) => s.clusterArn === cluster.arn && s.name === name);
  if (existing && existing.status !== 'INACTIVE') throw invalidParameter('Creation of service was not idempotent.');
  const controller = input.deploymentController?.type ?? 'ECS';
  if (controller === 'CODE_DEPLOY') throw invalidParameter('The CODE_DEPLOY deployment controller is not available in this region.');
  if (input.desiredCount !== undefined && (!Number.isInteger(input.desiredCount) || input.desiredCount < 0)) {
    throw invalidParameter('Desired count must be a non-negative integer.');
  }
  validateDeploymentConfiguration(input.deploymentConfiguration);
  validateTags(input.tags ?? []);
  if (controller === 'EXTERNAL') {
    validateExternalCreate(input);
    return undefined;
  }
  const record = usableTaskDefinition(model, input.taskDefinition);
  validateLaunch(model, cluster, record, input);
  return launchSpecFrom(record, input);
}
