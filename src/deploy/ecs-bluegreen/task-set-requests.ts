/**
 * From a rendered svcdef to the requests of a blue/green (EXTERNAL) service. Pure.
 * An EXTERNAL service carries no launch settings: ECS refuses CreateService with a task definition, load
 * balancers, network configuration, launch type or capacity providers, platform version or service registries
 * ("must be blank"), and UpdateService with any of them. Those fields move onto each task set instead.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-external.html
 */
import type { CapacityProviderStrategyItem, Svcdef } from '../../defs/svcdef-schema.js';
import type { ServiceTarget } from '../ecs/service-target.js';
import type { CreateTaskSetRequest, UpdateServiceRequest } from '../ports/ecs-port.js';
import type { Tags } from '../ports/tagging-port.js';

const taskSetFields = [
  'taskDefinition',
  'launchType',
  'capacityProviderStrategy',
  'loadBalancers',
  'networkConfiguration',
  'platformVersion',
  'serviceRegistries',
] as const;

/** What UpdateService may change on an EXTERNAL service. */
const externalUpdatableFields = [
  'desiredCount',
  'deploymentConfiguration',
  'availabilityZoneRebalancing',
  'placementConstraints',
  'placementStrategy',
  'healthCheckGracePeriodSeconds',
  'enableExecuteCommand',
  'enableECSManagedTags',
  'propagateTags',
] as const;

export type LoadBalancer = NonNullable<Svcdef['loadBalancers']>[number];

export function externalCreateServiceRequest(svcdef: Svcdef, tags: Tags): Svcdef {
  const merged = new Map((svcdef.tags ?? []).map((t) => [t.key, t.value]));
  for (const [key, value] of Object.entries(tags)) merged.set(key, value);
  const request: Svcdef = { ...svcdef, tags: [...merged].map(([key, value]) => ({ key, value })) };
  for (const field of taskSetFields) delete request[field];
  return request;
}

export function externalUpdateServiceRequest(svcdef: Svcdef, target: ServiceTarget): UpdateServiceRequest {
  const request: UpdateServiceRequest = { cluster: target.cluster, service: target.serviceName };
  for (const field of externalUpdatableFields) {
    if (svcdef[field] !== undefined) request[field] = svcdef[field];
  }
  return request;
}

export interface TaskSetSpec {
  taskDefinitionArn: string;
  loadBalancers: LoadBalancer[];
  /** Percent of the service's desiredCount. */
  scale: number;
  /** The hash of the rendered definitions: tells a later run which task set runs what. */
  externalId: string;
  /** Replaces the svcdef's launch type or capacity providers (the Spot fallback). */
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
}

export function createTaskSetRequest(svcdef: Svcdef, target: ServiceTarget, spec: TaskSetSpec): CreateTaskSetRequest {
  const request: CreateTaskSetRequest = {
    cluster: target.cluster,
    service: target.serviceName,
    taskDefinition: spec.taskDefinitionArn,
    loadBalancers: spec.loadBalancers,
    scale: { value: spec.scale, unit: 'PERCENT' },
    externalId: spec.externalId,
  };
  if (svcdef.networkConfiguration !== undefined) request.networkConfiguration = svcdef.networkConfiguration;
  if (svcdef.platformVersion !== undefined) request.platformVersion = svcdef.platformVersion;
  if (svcdef.serviceRegistries !== undefined) request.serviceRegistries = svcdef.serviceRegistries;
  if (spec.capacityProviderStrategy !== undefined) request.capacityProviderStrategy = spec.capacityProviderStrategy;
  else if (svcdef.capacityProviderStrategy !== undefined) request.capacityProviderStrategy = svcdef.capacityProviderStrategy;
  else if (svcdef.launchType !== undefined) request.launchType = svcdef.launchType;
  if (svcdef.tags !== undefined && svcdef.tags.length > 0) request.tags = svcdef.tags;
  return request;
}

/**
 * The svcdef's load balancers with each target group replaced by its partner in `shift` (live → new). An entry
 * whose target group is in no pair the live task set uses cannot be shifted: its description is returned instead.
 */
export function shiftedLoadBalancers(
  loadBalancers: readonly LoadBalancer[],
  pairs: readonly (readonly [string, string])[],
  shift: ReadonlyMap<string, string>,
): LoadBalancer[] | string {
  const result: LoadBalancer[] = [];
  for (const lb of loadBalancers) {
    const pair = pairs.find((p) => lb.targetGroupArn !== undefined && p.includes(lb.targetGroupArn));
    const live = pair?.find((arn) => shift.has(arn));
    const partner = live === undefined ? undefined : shift.get(live);
    if (partner === undefined) {
      return `target group ${lb.targetGroupArn ?? lb.loadBalancerName ?? '?'} of the svcdef is in no target group pair the live task set uses`;
    }
    result.push({ ...lb, targetGroupArn: partner });
  }
  return result;
}

/**
 * The scale (percent) that makes ECS run exactly `count` of `desired` tasks: ECS runs ceil(desired × scale / 100),
 * and a plain count / desired × 100 can land a hair above the count in floating point (ceil then adds a task).
 */
export function scaleForCount(count: number, desired: number): number {
  if (desired <= 0 || count >= desired) return 100;
  return Math.floor(((count * 100) / desired) * 1e6) / 1e6;
}
