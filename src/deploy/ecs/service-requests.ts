/**
 * From a rendered svcdef to the CreateService / UpdateService requests gitmoxi sends. Pure.
 * UpdateService accepts only some of CreateService's fields; the rest (launchType, role, schedulingStrategy, …)
 * can only be set at creation, so they are left out of updates rather than sent and refused.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
 */
import type { Svcdef } from '../../defs/svcdef-schema.js';
import { type UpdateServiceRequest, updatableServiceFields } from '../ports/ecs-port.js';
import type { Tags } from '../ports/tagging-port.js';

export function createServiceRequest(svcdef: Svcdef, taskDefinitionArn: string, tags: Tags): Svcdef {
  const merged = new Map((svcdef.tags ?? []).map((t) => [t.key, t.value]));
  for (const [key, value] of Object.entries(tags)) merged.set(key, value);
  return {
    ...svcdef,
    taskDefinition: taskDefinitionArn,
    tags: [...merged].map(([key, value]) => ({ key, value })),
  };
}

export function updateServiceRequest(svcdef: Svcdef, taskDefinitionArn: string): UpdateServiceRequest {
  const request: UpdateServiceRequest = {
    cluster: svcdef.cluster ?? 'default',
    service: svcdef.serviceName,
    taskDefinition: taskDefinitionArn,
  };
  for (const field of updatableServiceFields) {
    if (svcdef[field] !== undefined) request[field] = svcdef[field];
  }
  return request;
}

/** The svcdef's tags plus gitmoxi's, as a record. */
export function svcdefTags(svcdef: Svcdef): Tags {
  return Object.fromEntries((svcdef.tags ?? []).map((t) => [t.key, t.value]));
}
