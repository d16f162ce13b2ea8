/**
 * The tagging API's view of the other services: every tagged resource of one account and region, read from the
 * ECS and Lambda models. AWS keeps a separate index that follows the services by seconds to minutes; the
 * simulator reads the models directly, so it is never stale.
 */
import type { SimWorld } from '../../types.js';
import type { EcsModel } from '../ecs/model.js';
import type { LambdaModel } from '../lambda/model.js';

export interface TaggedResource {
  arn: string;
  /** `service:type` as ResourceTypeFilters name it: `ecs:service`, `lambda:function`. */
  type: string;
  tags: Record<string, string>;
}

/** Sorted by ARN, so that pages follow one order however the models hold their records. */
export function taggedResources(world: SimWorld, account: string, region: string): TaggedResource[] {
  const resources = [...ecsResources(world.model('ecs', account, region)), ...lambdaResources(world.model('lambda', account, region))];
  // Only resources that carry a tag: the index forgets nothing, but the simulator does not track past tags.
  return resources.filter((r) => Object.keys(r.tags).length > 0).sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

function ecsResources(ecs: EcsModel): TaggedResource[] {
  const clusters = [...ecs.clusters.byName.values()].filter((c) => c.status === 'ACTIVE').map((c) => ({ arn: c.arn, tags: c.tags }));
  // A deleted (INACTIVE) service is gone from every other API, and from the index too.
  const services = ecs.services.filter((s) => s.status !== 'INACTIVE').map((s) => ({ arn: s.arn, tags: s.tags }));
  return [...clusters, ...services].map(({ arn, tags }) => ({
    arn,
    type: resourceType(arn),
    tags: Object.fromEntries(tags.flatMap((t) => (t.key === undefined ? [] : [[t.key, t.value ?? '']]))),
  }));
}

function lambdaResources(lambda: LambdaModel): TaggedResource[] {
  const functions = [...lambda.functions.values()].map((fn) => ({ arn: fn.arn, tags: fn.tags }));
  const mappings = [...lambda.mappings.values()].flatMap((m) =>
    m.config.EventSourceMappingArn ? [{ arn: m.config.EventSourceMappingArn, tags: m.tags }] : [],
  );
  return [...functions, ...mappings].map(({ arn, tags }) => ({ arn, type: resourceType(arn), tags: { ...tags } }));
}

/** `arn:aws:ecs:us-east-1:1:service/prod/web` → `ecs:service`; `arn:aws:lambda:…:function:api` → `lambda:function`. */
function resourceType(arn: string): string {
  const parts = arn.split(':');
  const service = parts[2] ?? '';
  const resource = parts.slice(5).join(':');
  return `${service}:${resource.split(/[/:]/)[0] ?? ''}`;
}
