/** The checks CreateService, UpdateService and CreateTaskSet make, with ECS's messages. */
import type {
  CapacityProviderStrategyItem,
  CreateServiceRequest,
  DeploymentConfiguration,
  LaunchType,
  LoadBalancer,
  NetworkConfiguration,
} from '@aws-sdk/client-ecs';
import { clientException, invalidParameter } from './errors.js';
import type { EcsModel } from './model.js';
import { strategyProblem } from './placement.js';
import type { ClusterRecord, TaskDefinitionRecord } from './records.js';

/** The ACTIVE task definition a service or task set may use. */
export function usableTaskDefinition(model: EcsModel, reference: string | undefined): TaskDefinitionRecord {
  if (!reference) throw invalidParameter('TaskDefinition can not be blank.');
  const record = model.taskDefinitions.find(reference);
  if (!record) throw clientException('TaskDefinition not found.');
  if (record.definition.status !== 'ACTIVE') throw clientException('TaskDefinition is inactive');
  return record;
}

export interface LaunchInput {
  launchType?: LaunchType | undefined;
  capacityProviderStrategy?: CapacityProviderStrategyItem[] | undefined;
  networkConfiguration?: NetworkConfiguration | undefined;
  loadBalancers?: LoadBalancer[] | undefined;
  platformVersion?: string | undefined;
}

/** Launch type / capacity providers, awsvpc network configuration and load balancers against the definition. */
export function validateLaunch(model: EcsModel, cluster: ClusterRecord, record: TaskDefinitionRecord, input: LaunchInput): void {
  const strategy = input.capacityProviderStrategy ?? [];
  if (input.launchType !== undefined && strategy.length > 0) {
    throw invalidParameter('Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
  }
  if (input.launchType !== undefined && !['EC2', 'FARGATE', 'EXTERNAL'].includes(input.launchType)) {
    throw invalidParameter(`Invalid launch type: ${input.launchType}`);
  }
  if (strategy.length > 0) validateStrategy(cluster, strategy);
  const fargate = input.launchType === 'FARGATE' || strategy.some((s) => s.capacityProvider?.startsWith('FARGATE'));
  if (fargate && !record.definition.compatibilities?.includes('FARGATE')) {
    throw invalidParameter('Task definition does not support launch_type FARGATE.');
  }
  if (record.definition.networkMode === 'awsvpc') validateNetwork(input.networkConfiguration);
  validateLoadBalancers(model, record, input.loadBalancers ?? []);
}

function validateStrategy(cluster: ClusterRecord, strategy: CapacityProviderStrategyItem[]): void {
  const problem = strategyProblem(strategy);
  if (problem) throw invalidParameter(problem);
  // Clusters that list their capacity providers accept only those; an empty list means the Fargate pair.
  const known = cluster.capacityProviders.length > 0 ? cluster.capacityProviders : ['FARGATE', 'FARGATE_SPOT'];
  if (strategy.some((s) => !known.includes(s.capacityProvider ?? ''))) {
    throw invalidParameter(
      'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
    );
  }
}

function validateNetwork(network: NetworkConfiguration | undefined): void {
  const awsvpc = network?.awsvpcConfiguration;
  if (!awsvpc) throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  if (!awsvpc.subnets || awsvpc.subnets.length === 0) throw invalidParameter('subnets can not be empty.');
  if (awsvpc.subnets.length > 16) throw invalidParameter('subnets can have at most 16 items.');
  if ((awsvpc.securityGroups?.length ?? 0) > 5) throw invalidParameter('securityGroups can have at most 5 items.');
}

function validateLoadBalancers(model: EcsModel, record: TaskDefinitionRecord, loadBalancers: LoadBalancer[]): void {
  const registry = model.registry();
  for (const lb of loadBalancers) {
    if (lb.targetGroupArn === undefined) {
      if (lb.loadBalancerName === undefined) throw invalidParameter('Load balancer must have a target group ARN or a load balancer name.');
      throw invalidParameter('Classic Load Balancers are not supported with the awsvpc network mode. Use a target group ARN.');
    }
    if (registry && !registry.targetGroupExists(lb.targetGroupArn)) {
      throw invalidParameter(`The target group with targetGroupArn ${lb.targetGroupArn} does not exist.`);
    }
    const container = record.definition.containerDefinitions?.find((c) => c.name === lb.containerName);
    if (!container) throw invalidParameter(`The container ${lb.containerName ?? ''} does not exist in the task definition.`);
    if (!container.portMappings?.some((p) => p.containerPort === lb.containerPort)) {
      throw invalidParameter(`The container ${container.name ?? ''} did not have a container port ${lb.containerPort ?? ''} defined.`);
    }
  }
}

export function validateDeploymentConfiguration(config: DeploymentConfiguration | undefined): void {
  if (!config) return;
  const { minimumHealthyPercent: min, maximumPercent: max } = config;
  if (min !== undefined && (min < 0 || min > 100)) throw invalidParameter('minimumHealthyPercent must be between 0 and 100.');
  if (max !== undefined && max < 100) throw invalidParameter('maximumPercent must be at least 100.');
  const breaker = config.deploymentCircuitBreaker;
  if (breaker && (breaker.enable === undefined || breaker.rollback === undefined)) {
    throw invalidParameter('deploymentCircuitBreaker requires both enable and rollback.');
  }
}

/** Fields a service with the EXTERNAL deployment controller takes from its task sets instead. */
const EXTERNAL_BLANK_FIELDS = [
  ['taskDefinition', 'TaskDefinition'],
  ['launchType', 'LaunchType'],
  ['capacityProviderStrategy', 'CapacityProviderStrategy'],
  ['loadBalancers', 'LoadBalancers'],
  ['networkConfiguration', 'NetworkConfiguration'],
  ['platformVersion', 'PlatformVersion'],
  ['serviceRegistries', 'ServiceRegistries'],
] as const;

/** https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-external.html */
export function validateExternalCreate(input: CreateServiceRequest): void {
  for (const [field, label] of EXTERNAL_BLANK_FIELDS) {
    const value = input[field];
    const present = Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '';
    if (present) throw invalidParameter(`${label} must be blank.`);
  }
  if (input.deploymentConfiguration?.deploymentCircuitBreaker?.enable) {
    throw invalidParameter('The deployment circuit breaker is only supported for services using the rolling update (ECS) deployment controller.');
  }
}

/** UpdateService on an EXTERNAL service changes only desired count, grace period, placement and tag settings. */
export function validateExternalUpdate(input: Record<string, unknown>): void {
  const forbidden: [string, string][] = [
    ['taskDefinition', 'task definition'],
    ['capacityProviderStrategy', 'capacity provider strategy'],
    ['networkConfiguration', 'network configuration'],
    ['platformVersion', 'platform version'],
    ['loadBalancers', 'load balancers'],
    ['serviceRegistries', 'service registries'],
  ];
  for (const [field, label] of forbidden) {
    if (input[field] !== undefined) {
      throw invalidParameter(`Unable to update ${label} on services with a EXTERNAL deployment controller. Use task sets instead.`);
    }
  }
  if (input['forceNewDeployment'] === true) {
    throw invalidParameter('Unable to force a new deployment on services with a EXTERNAL deployment controller. Use task sets instead.');
  }
}
