/**
 * Tags that `poll`, `deploy` and `rollback` write on a unit's live resource besides the deployment tags: the
 * failed commit, and removing a pin or a failure mark once a newer commit deployed. Read back fresh, because the
 * resource may have been created by the run that just ended.
 */
import type { RegionPorts } from '../deploy/ports/region-ports.js';
import type { Tags } from '../deploy/ports/tagging-port.js';
import type { UnitResult } from '../events/results.js';
import { tagKeys } from '../deploy/tags.js';
import type { UnitIdentity } from '../plan/types.js';
import { failedTagKey } from './sync-state.js';

/** DescribeServices or GetFunction, then TagResource. False when the resource does not exist (nothing to mark). */
export async function tagUnitResource(ports: RegionPorts, identity: UnitIdentity, tags: Tags): Promise<boolean> {
  const resource = await describeResource(ports, identity);
  if (resource === null) return false;
  if (identity.platform === 'ecs') await ports.ecs.tagResource(resource.arn, tags);
  else await ports.lambda.tagResource(resource.arn, tags);
  return true;
}

/** DescribeServices or GetFunction, then UntagResource. */
export async function untagUnitResource(ports: RegionPorts, identity: UnitIdentity, keys: readonly string[]): Promise<void> {
  const resource = await describeResource(ports, identity);
  if (resource === null || keys.length === 0) return;
  await untag(ports, identity, resource.arn, keys);
}

/** A unit of a finished run, with the tags its resource had before the run when the caller read them. */
export interface RunUnit {
  prefix: string;
  identity: UnitIdentity | null;
  region: string | null;
  tagsBefore?: Tags;
}

/**
 * After a run (so after any rollback completed): a unit that now runs what this run wanted ('deployed' or
 * 'unchanged') loses the pin and the failure mark of earlier runs. Without `tagsBefore` the resource is described
 * first; either way UntagResource is called only when there is something to remove.
 */
export async function clearStaleMarks(units: readonly RunUnit[], results: readonly UnitResult[], portsFor: (region: string) => RegionPorts): Promise<void> {
  const byUnit = new Map(results.map((r) => [r.unit, r]));
  await Promise.all(
    units.map(async ({ prefix, identity, region, tagsBefore }) => {
      const outcome = byUnit.get(prefix)?.outcome;
      if ((outcome !== 'deployed' && outcome !== 'unchanged') || identity === null || region === null) return;
      const ports = portsFor(region);
      if (tagsBefore !== undefined) {
        const stale = staleMarks(tagsBefore);
        if (stale.length > 0) await untagUnitResource(ports, identity, stale);
        return;
      }
      const resource = await describeResource(ports, identity);
      const stale = resource === null ? [] : staleMarks(resource.tags);
      if (resource !== null && stale.length > 0) await untag(ports, identity, resource.arn, stale);
    }),
  );
}

function staleMarks(tags: Tags): string[] {
  return [tagKeys.pinned, failedTagKey].filter((key) => tags[key] !== undefined);
}

async function untag(ports: RegionPorts, identity: UnitIdentity, arn: string, keys: readonly string[]): Promise<void> {
  if (identity.platform === 'ecs') await ports.ecs.untagResource(arn, keys);
  else await ports.lambda.untagResource(arn, keys);
}

async function describeResource(ports: RegionPorts, identity: UnitIdentity): Promise<{ arn: string; tags: Tags } | null> {
  if (identity.platform === 'ecs') {
    const service = await ports.ecs.describeService(identity.cluster, identity.serviceName);
    return service === null ? null : { arn: service.serviceArn, tags: service.tags };
  }
  const fn = await ports.lambda.describeFunction(identity.functionName);
  return fn === null ? null : { arn: fn.functionArn, tags: fn.tags };
}
