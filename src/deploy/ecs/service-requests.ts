/**
 * From a rendered svcdef to the CreateService / UpdateService requests gitmoxi sends. Pure.
 * UpdateService accepts only some of CreateService's fields; the rest (launchType, role, schedulingStrategy, …)
 * can only be set at creation, so they are left out of updates rather than sent and refused.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
 */
import type { Tags } from '../ports/tagging-port.js';

export const updatableFields = [
  'desiredCount',
  'capacityProviderStrategy',
  'deploymentConfiguration',
  'availabilityZoneRebalancing',
  'networkConfiguration',
  'placementConstraints',
  'placementStrategy',
  'platformVersion',
  'healthCheckGracePeriodSeconds',
  'enableExecuteCommand',
  'enableECSManagedTags',
  'loadBalancers',
  'propagateTags',
  'serviceRegistries',
  'serviceConnectConfiguration',
  'volumeConfigurations',
  'vpcLatticeConfigurations',
] as const;

export type UpdatableField = (typeof updatableFields)[number];

export function createServiceRequest(svcdef: Record<string, unknown>, taskDefinitionArn: string, tags: Tags): Record<string, unknown> {
  const existing = Array.isArray(svcdef.tags) ? (svcdef.tags as { key: string; value: string }[]) : [];
  const merged = new Map(existing.map((t) => [t.key, t.value]));
  for (const [key, value] of Object.entries(tags)) merged.set(key, value);
  return {
    ...svcdef,
    taskDefinition: taskDefinitionArn,
    tags: [...merged].map(([key, value]) => ({ key, value })),
  };
}

export function updateServiceRequest(svcdef: Record<string, unknown>, taskDefinitionArn: string): Record<string, unknown> {
  const request: Record<string, unknown> = {
    cluster: svcdef.cluster ?? 'default',
    service: svcdef.serviceName,
    taskDefinition: taskDefinitionArn,
  };
  for (const field of updatableFields) {
    if (svcdef[field] !== undefined) request[field] = svcdef[field];
  }
  return request;
}

/** The svcdef's tags plus gitmoxi's, as a record. */
export function svcdefTags(svcdef: Record<string, unknown>): Tags {
  const list = Array.isArray(svcdef.tags) ? (svcdef.tags as { key?: unknown; value?: unknown }[]) : [];
  return Object.fromEntries(list.filter((t) => typeof t.key === 'string').map((t) => [String(t.key), String(t.value ?? '')]));
}
