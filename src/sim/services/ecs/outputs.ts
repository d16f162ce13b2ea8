/** Service, Deployment and TaskSet as DescribeServices / DescribeTaskSets return them. */
import type { Deployment, DeploymentConfiguration, Service, TaskSet } from '@aws-sdk/client-ecs';
import type { DeploymentRecord, LaunchSpec, ServiceRecord, TaskSetRecord } from './records.js';
import { DEFAULT_MAXIMUM_PERCENT, DEFAULT_MINIMUM_HEALTHY_PERCENT } from './rolling.js';

const date = (ms: number) => new Date(ms);

/** Fargate services report `LATEST` unless a version was asked for. */
function platformVersion(spec: LaunchSpec): string | undefined {
  const fargate = spec.launchType === 'FARGATE' || spec.capacityProviderStrategy?.some((s) => s.capacityProvider?.startsWith('FARGATE'));
  return spec.platformVersion ?? (fargate ? 'LATEST' : undefined);
}

function launchFields(spec: LaunchSpec) {
  return {
    taskDefinition: spec.taskDefinitionArn,
    launchType: spec.launchType,
    capacityProviderStrategy: spec.capacityProviderStrategy,
    platformVersion: platformVersion(spec),
    platformFamily: spec.launchType === 'EC2' ? undefined : 'Linux',
    networkConfiguration: spec.networkConfiguration,
  };
}

function withDeploymentDefaults(config: DeploymentConfiguration, external: boolean): DeploymentConfiguration {
  if (external) return { ...config };
  return {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: DEFAULT_MAXIMUM_PERCENT,
    minimumHealthyPercent: DEFAULT_MINIMUM_HEALTHY_PERCENT,
    ...config,
  };
}

export function toServiceOutput(service: ServiceRecord, includeTags: boolean): Service {
  const external = service.deploymentController.type === 'EXTERNAL';
  const primarySet = service.taskSets.find((ts) => ts.status === 'PRIMARY');
  const spec = external ? primarySet : service.spec;
  const counted = external ? service.taskSets : service.deployments;
  const output: Service = {
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: service.clusterArn,
    loadBalancers: spec?.loadBalancers ?? [],
    serviceRegistries: service.serviceRegistries,
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: counted.reduce((sum, g) => sum + g.runningCount, 0),
    pendingCount: counted.reduce((sum, g) => sum + g.pendingCount, 0),
    ...(spec ? launchFields(spec) : {}),
    deploymentConfiguration: withDeploymentDefaults(service.deploymentConfiguration, external),
    deployments: service.deployments.map(toDeploymentOutput),
    roleArn: service.roleArn,
    events: service.events.map((e) => ({ id: e.id, createdAt: date(e.createdAt), message: e.message })),
    createdAt: date(service.createdAt),
    placementConstraints: service.placementConstraints,
    placementStrategy: service.placementStrategy,
    healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
    schedulingStrategy: service.schedulingStrategy,
    deploymentController: service.deploymentController,
    createdBy: service.createdBy,
    enableECSManagedTags: service.enableECSManagedTags,
    propagateTags: service.propagateTags,
    enableExecuteCommand: service.enableExecuteCommand,
  };
  if (external) output.taskSets = service.taskSets.map((ts) => toTaskSetOutput(service, ts, false));
  if (includeTags) output.tags = service.tags.map((t) => ({ ...t }));
  return output;
}

function toDeploymentOutput(deployment: DeploymentRecord): Deployment {
  return {
    id: deployment.id,
    status: deployment.status,
    desiredCount: deployment.desiredCount,
    pendingCount: deployment.pendingCount,
    runningCount: deployment.runningCount,
    failedTasks: deployment.failedTasks,
    createdAt: date(deployment.createdAt),
    updatedAt: date(deployment.updatedAt),
    ...launchFields(deployment),
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
  };
}

export function toTaskSetOutput(service: ServiceRecord, taskSet: TaskSetRecord, includeTags: boolean): TaskSet {
  const output: TaskSet = {
    id: taskSet.id,
    taskSetArn: taskSet.arn,
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    externalId: taskSet.externalId,
    status: taskSet.status,
    computedDesiredCount: taskSet.computedDesiredCount,
    pendingCount: taskSet.pendingCount,
    runningCount: taskSet.runningCount,
    createdAt: date(taskSet.createdAt),
    updatedAt: date(taskSet.updatedAt),
    ...launchFields(taskSet),
    loadBalancers: taskSet.loadBalancers,
    serviceRegistries: taskSet.serviceRegistries,
    scale: taskSet.scale,
    stabilityStatus: taskSet.stabilityStatus,
    stabilityStatusAt: date(taskSet.stabilityStatusAt),
  };
  if (includeTags) output.tags = taskSet.tags.map((t) => ({ ...t }));
  return output;
}
