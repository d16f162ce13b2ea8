/** CreateService, UpdateService, DeleteService, DescribeServices and ListServices on the model. */
import type {
  CreateServiceRequest,
  DescribeServicesRequest,
  DescribeServicesResponse,
  Failure,
  ListServicesRequest,
  Service,
  UpdateServiceRequest,
} from '@aws-sdk/client-ecs';
import { ecsArn, lastSegment, newDeploymentId } from './arns.js';
import { invalidParameter, serviceNotActive, serviceNotFound } from './errors.js';
import type { EcsModel } from './model.js';
import { toServiceOutput } from './outputs.js';
import { paginate } from './pagination.js';
import { beginServiceDeployment } from './native-deployments.js';
import { isNativeStrategy } from './native-records.js';
import type { DeploymentRecord, LaunchSpec, ServiceRecord } from './records.js';
import { createServiceRecord, launchSpecFrom } from './service-record.js';
import { usableTaskDefinition, validateDeploymentConfiguration, validateExternalUpdate, validateLaunch } from './service-validation.js';

const DESCRIBE_SERVICES_LIMIT = 10;

/** The service of that name or ARN in the cluster, whatever its status; ServiceNotFoundException if none. */
export function findService(model: EcsModel, cluster: string | undefined, service: string | undefined): ServiceRecord {
  const clusterRecord = model.clusters.get(cluster);
  const name = lastSegment(service ?? '');
  const found = model.services.find((s) => s.clusterArn === clusterRecord.arn && s.name === name);
  if (!found) throw serviceNotFound();
  return found;
}

export function activeService(model: EcsModel, cluster: string | undefined, service: string | undefined): ServiceRecord {
  const found = findService(model, cluster, service);
  if (found.status !== 'ACTIVE') throw serviceNotActive();
  return found;
}

export function createService(model: EcsModel, input: CreateServiceRequest): Service {
  const now = model.sync();
  const record = createServiceRecord(model, input, now);
  model.services = model.services.filter((s) => !(s.clusterArn === record.clusterArn && s.name === record.name));
  model.services.push(record);
  if (record.spec) startNativeOrRolling(model, record, record.spec, now);
  model.reconcile(record);
  return toServiceOutput(record, false);
}

/** BLUE_GREEN, LINEAR and CANARY services get a service deployment that the deployment controller drives. */
function startNativeOrRolling(model: EcsModel, service: ServiceRecord, spec: LaunchSpec, now: number): void {
  const deployment = startDeployment(service, spec, now);
  if (!isNativeStrategy(service.deploymentConfiguration)) return;
  beginServiceDeployment(model, service, deployment);
}

/** A new PRIMARY deployment; the previous ones become ACTIVE and are scaled in as it comes up. */
function startDeployment(service: ServiceRecord, spec: LaunchSpec, now: number): DeploymentRecord {
  for (const deployment of service.deployments) deployment.status = 'ACTIVE';
  const id = newDeploymentId();
  const deployment: DeploymentRecord = {
    ...structuredClone(spec),
    id,
    status: 'PRIMARY',
    desiredCount: service.desiredCount,
    runningCount: 0,
    pendingCount: 0,
    failedTasks: 0,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: `ECS deployment ${id} in progress.`,
    createdAt: now,
    updatedAt: now,
    unplaced: 0,
  };
  service.deployments.unshift(deployment);
  service.steady = false;
  return deployment;
}

export function updateService(model: EcsModel, input: UpdateServiceRequest): Service {
  const now = model.sync();
  const service = activeService(model, input.cluster, input.service);
  if (input.desiredCount !== undefined && (!Number.isInteger(input.desiredCount) || input.desiredCount < 0)) {
    throw invalidParameter('Desired count must be a non-negative integer.');
  }
  validateDeploymentConfiguration(input.deploymentConfiguration);
  if (service.deploymentController.type === 'EXTERNAL') validateExternalUpdate({ ...input });
  else if (input.deploymentController && input.deploymentController.type !== service.deploymentController.type) {
    throw invalidParameter('Updating the deployment controller of a service is not supported for this service.');
  }
  const nextSpec = service.deploymentController.type === 'EXTERNAL' ? undefined : nextLaunchSpec(model, service, input);
  applyServiceSettings(service, input);
  if (nextSpec && (input.forceNewDeployment || !sameSpec(nextSpec, service.spec))) {
    service.spec = nextSpec;
    startNativeOrRolling(model, service, nextSpec, now);
  }
  model.reconcile(service);
  return toServiceOutput(service, false);
}

function nextLaunchSpec(model: EcsModel, service: ServiceRecord, input: UpdateServiceRequest): LaunchSpec | undefined {
  const current = service.spec;
  if (!current) return undefined;
  const record = input.taskDefinition ? usableTaskDefinition(model, input.taskDefinition) : model.taskDefinitions.findByArn(current.taskDefinitionArn);
  if (!record) return undefined;
  const merged = {
    taskDefinition: record.definition.taskDefinitionArn,
    // A capacity provider strategy given in an update replaces the launch type (UpdateService API reference).
    launchType: input.capacityProviderStrategy?.length ? undefined : current.launchType,
    capacityProviderStrategy: input.capacityProviderStrategy ?? current.capacityProviderStrategy,
    platformVersion: input.platformVersion ?? current.platformVersion,
    networkConfiguration: input.networkConfiguration ?? current.networkConfiguration,
    loadBalancers: input.loadBalancers ?? current.loadBalancers,
  };
  validateLaunch(model, model.clusters.get(service.clusterName), record, merged);
  return launchSpecFrom(record, merged);
}

function applyServiceSettings(service: ServiceRecord, input: UpdateServiceRequest): void {
  if (input.desiredCount !== undefined) service.desiredCount = input.desiredCount;
  if (input.deploymentConfiguration) service.deploymentConfiguration = { ...service.deploymentConfiguration, ...input.deploymentConfiguration };
  if (input.placementConstraints) service.placementConstraints = input.placementConstraints;
  if (input.placementStrategy) service.placementStrategy = input.placementStrategy;
  if (input.healthCheckGracePeriodSeconds !== undefined) service.healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds;
  if (input.enableExecuteCommand !== undefined) service.enableExecuteCommand = input.enableExecuteCommand;
  if (input.enableECSManagedTags !== undefined) service.enableECSManagedTags = input.enableECSManagedTags;
  if (input.propagateTags !== undefined) service.propagateTags = input.propagateTags;
  if (input.serviceRegistries) service.serviceRegistries = input.serviceRegistries;
}

function sameSpec(a: LaunchSpec, b: LaunchSpec | undefined): boolean {
  return b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

export function deleteService(model: EcsModel, input: { cluster?: string | undefined; service?: string | undefined; force?: boolean | undefined }): Service {
  const now = model.sync();
  const service = findService(model, input.cluster, input.service);
  if (service.status !== 'ACTIVE') throw serviceNotActive();
  if (service.desiredCount > 0 && !input.force) {
    throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
  }
  service.status = 'DRAINING';
  service.desiredCount = 0;
  service.deletedAt = now;
  model.reconcile(service);
  return toServiceOutput(service, false);
}

export function describeServices(model: EcsModel, input: DescribeServicesRequest): DescribeServicesResponse {
  model.sync();
  const names = input.services ?? [];
  if (names.length === 0) throw invalidParameter('Services cannot be empty.');
  if (names.length > DESCRIBE_SERVICES_LIMIT) throw invalidParameter(`services can have at most ${DESCRIBE_SERVICES_LIMIT} items.`);
  const cluster = model.clusters.get(input.cluster);
  const includeTags = input.include?.includes('TAGS') ?? false;
  const services: Service[] = [];
  const failures: Failure[] = [];
  for (const reference of names) {
    const found = model.services.find((s) => s.clusterArn === cluster.arn && s.name === lastSegment(reference));
    if (found) services.push(toServiceOutput(found, includeTags));
    else failures.push({ arn: ecsArn(model.scope, `service/${cluster.name}/${lastSegment(reference)}`), reason: 'MISSING' });
  }
  return { services, failures };
}

export function listServices(model: EcsModel, input: ListServicesRequest): { serviceArns: string[]; nextToken?: string } {
  model.sync();
  const cluster = model.clusters.get(input.cluster);
  const arns = model.services
    .filter((s) => s.clusterArn === cluster.arn && s.status !== 'INACTIVE')
    .filter((s) => input.schedulingStrategy === undefined || s.schedulingStrategy === input.schedulingStrategy)
    .filter((s) => input.launchType === undefined || s.spec?.launchType === input.launchType)
    .map((s) => s.arn);
  const page = paginate(arns, input, { defaultSize: 10, maxSize: 100 });
  return page.nextToken === undefined ? { serviceArns: page.items } : { serviceArns: page.items, nextToken: page.nextToken };
}
