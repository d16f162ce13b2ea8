/**
 * Where a unit that runs nowhere at its identity ran before: `poll` has no previous commit to compare with, so a
 * changed serviceName or cluster would leave the old resource serving (docs/isolation.md). The resource tagged
 * with the unit elsewhere in the unit's Region is the one its deployment replaces: GetResources by that tag value,
 * asked only for units that run nowhere at their identity (new units, changed identities).
 */
import type { RegionPorts } from '../deploy/ports/region-ports.js';
import type { UnitResource } from '../deploy/ports/tagging-port.js';
import { sameIdentity } from '../plan/identity-changes.js';
import type { PlannedUnit, UnitIdentity } from '../plan/types.js';
import type { PortsFor } from './live-state.js';

/** By prefix: the identity each unit without a live resource replaces, when one carries its tag elsewhere. */
export async function findReplacedResources(units: readonly PlannedUnit[], portsFor: PortsFor, fallbackRegion: string): Promise<Map<string, UnitIdentity>> {
  const byRegion = new Map<string, PlannedUnit[]>();
  for (const unit of units) {
    if (unit.identity === null) continue;
    const region = unit.region ?? fallbackRegion;
    byRegion.set(region, [...(byRegion.get(region) ?? []), unit]);
  }
  const found = await Promise.all([...byRegion].map(([region, regional]) => replacedIn(region, regional, portsFor(region))));
  return new Map(found.flat());
}

async function replacedIn(region: string, units: readonly PlannedUnit[], ports: RegionPorts): Promise<[string, UnitIdentity][]> {
  const pairs = await Promise.all(
    units.map(async (unit): Promise<[string, UnitIdentity] | null> => {
      let tagged: UnitResource[];
      try {
        tagged = await ports.tagging.unitResources(unit.prefix);
      } catch {
        // Without tag:GetResources the old resource stays; status shows it as Orphaned.
        return null;
      }
      const wanted = unit.identity === null ? null : { ...unit.identity, region };
      const candidates = tagged.map(
        (resource): UnitIdentity =>
          resource.platform === 'ecs'
            ? { platform: 'ecs', region, cluster: resource.cluster, serviceName: resource.serviceName }
            : { platform: 'lambda', region, functionName: resource.functionName },
      );
      const old = candidates.find((identity) => !sameIdentity(identity, wanted));
      return old !== undefined && (await stillThere(old, ports)) ? [unit.prefix, old] : null;
    }),
  );
  return pairs.filter((pair): pair is [string, UnitIdentity] => pair !== null);
}

/** The index lags: a resource deleted minutes ago may still be listed. */
async function stillThere(identity: UnitIdentity, ports: RegionPorts): Promise<boolean> {
  if (identity.platform === 'ecs') return (await ports.ecs.describeService(identity.cluster, identity.serviceName)) !== null;
  return (await ports.lambda.describeFunction(identity.functionName)) !== null;
}
