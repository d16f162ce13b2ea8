/**
 * Tags that `poll` (and `rollback`) write on a unit's live resource besides the deployment tags: the failed
 * commit, and removing a pin or a failure mark once a newer commit deployed. Read back fresh, because the
 * resource may have been created by the run that just ended.
 */
import type { RegionPorts, Tags } from '../deploy/ports.js';
import type { UnitIdentity } from '../plan/types.js';

/** DescribeServices or GetFunction, then TagResource. False when the resource does not exist (nothing to mark). */
export async function tagUnitResource(ports: RegionPorts, identity: UnitIdentity, tags: Tags): Promise<boolean> {
  const arn = await resourceArn(ports, identity);
  if (arn === null) return false;
  if (identity.platform === 'ecs') await ports.ecs.tagResource(arn, tags);
  else await ports.lambda.tagResource(arn, tags);
  return true;
}

/** DescribeServices or GetFunction, then UntagResource. */
export async function untagUnitResource(ports: RegionPorts, identity: UnitIdentity, keys: readonly string[]): Promise<void> {
  const arn = await resourceArn(ports, identity);
  if (arn === null || keys.length === 0) return;
  if (identity.platform === 'ecs') await ports.ecs.untagResource(arn, keys);
  else await ports.lambda.untagResource(arn, keys);
}

async function resourceArn(ports: RegionPorts, identity: UnitIdentity): Promise<string | null> {
  if (identity.platform === 'ecs') return (await ports.ecs.describeService(identity.cluster, identity.serviceName))?.serviceArn ?? null;
  return (await ports.lambda.describeFunction(identity.functionName))?.functionArn ?? null;
}
