/**
 * What runs for each unit, read from AWS through the ports: the gitmoxi tags (docs/design.md#state) and enough of the
 * resource to say what runs and whether a deployment is in flight. ECS services are read with DescribeServices
 * (include TAGS), which the ECS adapter batches 10 per call, so many units cost few calls; Lambda functions with
 * GetFunction and, for the alias, GetAlias. A poll of many units first asks the tagging index, 100 resources a
 * call, and reads directly only the units that index cannot vouch for.
 */
import type { EcsServiceState } from '../deploy/ports/ecs-port.js';
import type { IndexedTags, Tags, UnitResource } from '../deploy/ports/tagging-port.js';
import type { LambdaAliasState, LambdaFunctionState } from '../deploy/ports/lambda-port.js';
import type { RegionPorts } from '../deploy/ports/region-ports.js';
import { tagKeys } from '../deploy/tags.js';
import { serviceProgressing } from '../deploy/in-flight.js';
import { arnName } from '../short-names.js';
import { sameIdentity } from '../plan/identity-changes.js';
import type { UnitIdentity } from '../plan/types.js';
import { failedTagKey, type LiveFacts } from './sync-state.js';

export interface LiveUnit {
  prefix: string;
  platform: 'ecs' | 'lambda';
  region: string;
  /** The service or function ARN: where the tags live. */
  resourceArn: string;
  /** What runs, in words: `web:3 2/2 running`, `live → 4 (5: 10%)`. */
  runs: string;
  facts: LiveFacts;
  /** What was read, when the resource itself was read (not only its tags): `status` describes it further. */
  service?: EcsServiceState;
  alias?: LambdaAliasState | null;
}

/** A unit to look up: its resolved identity, and for Lambda the alias its lambdadepdef names. */
export interface UnitLookup {
  prefix: string;
  identity: UnitIdentity;
  alias?: string;
  /**
   * The hash the caller wants (poll: the tip's). A unit whose tags already carry it is read only as far as its
   * tags: no GetAlias, and when a Region has many such lookups, no GetFunction or DescribeServices either. Tags are
   * written after a deployment succeeds, so a deployment or shift in flight always runs under an older hash.
   */
  inSyncHash?: string;
}

export type PortsFor = (region: string) => RegionPorts;

/**
 * Below this many direct read calls in a Region, the tagging index is not asked: GetFunction and DescribeServices
 * fit in their burst budgets, so the index would only add a round trip (and an STS call).
 */
const TAG_INDEX_MIN_CALLS = 20;

/** Every lookup at once: the ECS adapter batches the DescribeServices calls made in one turn. */
export async function readLiveUnits(lookups: readonly UnitLookup[], portsFor: PortsFor, fallbackRegion: string): Promise<Map<string, LiveUnit>> {
  const fromIndex = await unitsInSyncByIndex(lookups, portsFor, fallbackRegion);
  const read = await Promise.all(lookups.map((lookup) => fromIndex.get(lookup.prefix) ?? readLiveUnit(lookup, portsFor, fallbackRegion)));
  return new Map(read.filter((u): u is LiveUnit => u !== null).map((u) => [u.prefix, u]));
}

async function unitsInSyncByIndex(lookups: readonly UnitLookup[], portsFor: PortsFor, fallbackRegion: string): Promise<Map<string, LiveUnit>> {
  const byRegion = new Map<string, UnitLookup[]>();
  for (const lookup of lookups) {
    if (lookup.inSyncHash === undefined) continue;
    const region = lookup.identity.region ?? fallbackRegion;
    const regional = byRegion.get(region) ?? [];
    regional.push(lookup);
    byRegion.set(region, regional);
  }
  const found = await Promise.all([...byRegion].map(([region, regional]) => inSyncByIndexIn(region, regional, portsFor(region))));
  return new Map(found.flat().map((unit) => [unit.prefix, unit]));
}

/**
 * The units whose indexed tags say they run the wanted hash, unpinned and unmarked: poll leaves those alone, so
 * their tags are all it needs. The index lags the services, and every other answer (not listed, another hash, a
 * pin or failure mark, an index that cannot be asked) is confirmed by a direct read. A stale "in sync" can only
 * delay a deployment to a later pass, by as long as the index lags.
 */
async function inSyncByIndexIn(region: string, lookups: readonly UnitLookup[], ports: RegionPorts): Promise<LiveUnit[]> {
  if (directReadCalls(lookups) <= TAG_INDEX_MIN_CALLS) return [];
  let indexed: (IndexedTags | null)[];
  try {
    indexed = await ports.tagging.resourceTags(lookups.map((lookup) => lookup.identity));
  } catch {
    // No tag:GetResources in the policy, throttled past the retries, an endpoint without the API: read directly.
    return [];
  }
  return lookups.flatMap((lookup, index) => {
    const entry = indexed[index];
    return entry && taggedInSync(entry.tags, lookup) ? [taggedLiveUnit(lookup, region, entry)] : [];
  });
}

/** GetFunction per function, DescribeServices per 10 services. */
function directReadCalls(lookups: readonly UnitLookup[]): number {
  const functions = lookups.filter((lookup) => lookup.identity.platform === 'lambda').length;
  return functions + Math.ceil((lookups.length - functions) / 10);
}

function taggedInSync(tags: Tags, lookup: UnitLookup): boolean {
  return (
    tags[tagKeys.unit] === lookup.prefix && tags[tagKeys.hash] === lookup.inSyncHash && tags[tagKeys.pinned] === undefined && tags[failedTagKey] === undefined
  );
}

/** What runs is not read, only that it is what the tags say; a deployment in flight would carry an older hash. */
function taggedLiveUnit(lookup: UnitLookup, region: string, entry: IndexedTags): LiveUnit {
  return {
    prefix: lookup.prefix,
    platform: lookup.identity.platform,
    region,
    resourceArn: entry.resourceArn,
    runs: 'in sync (read from its tags)',
    facts: { tags: entry.tags, progressing: false },
  };
}

async function readLiveUnit(lookup: UnitLookup, portsFor: PortsFor, fallbackRegion: string): Promise<LiveUnit | null> {
  const { identity } = lookup;
  const region = identity.region ?? fallbackRegion;
  const ports = portsFor(region);
  if (identity.platform === 'ecs') {
    const service = await ports.ecs.describeService(identity.cluster, identity.serviceName);
    return service === null ? null : ecsLiveUnit(lookup.prefix, region, service);
  }
  const fn = await ports.lambda.describeFunction(identity.functionName);
  if (fn === null) return null;
  const inSync = lookup.inSyncHash !== undefined && fn.tags[tagKeys.hash] === lookup.inSyncHash;
  const alias = lookup.alias === undefined || inSync ? null : await ports.lambda.describeAlias(identity.functionName, lookup.alias);
  return lambdaLiveUnit(lookup.prefix, region, fn, alias);
}

export function ecsLiveUnit(prefix: string, region: string, service: EcsServiceState): LiveUnit {
  return {
    prefix,
    platform: 'ecs',
    region,
    resourceArn: service.serviceArn,
    runs: describeService(service),
    facts: { tags: service.tags, progressing: serviceProgressing(service) },
    service,
  };
}

export function lambdaLiveUnit(prefix: string, region: string, fn: LambdaFunctionState, alias: LambdaAliasState | null): LiveUnit {
  const shifting = alias !== null && Object.values(alias.additionalWeights).some((w) => w > 0);
  return {
    prefix,
    platform: 'lambda',
    region,
    resourceArn: fn.functionArn,
    runs: describeAlias(alias),
    facts: { tags: fn.tags, progressing: shifting || fn.lastUpdateStatus === 'InProgress' },
    alias,
  };
}

function describeService(service: EcsServiceState): string {
  const counts = `${service.runningCount}/${service.desiredCount} running`;
  if (service.deploymentControllerType === 'EXTERNAL') {
    const sets = service.taskSets.map((t) => `${arnName(t.taskDefinitionArn)} ${t.status} ${t.scale}%`);
    return `${sets.join(', ') || 'no task set'}; ${counts}`;
  }
  return `${arnName(service.taskDefinitionArn ?? '')} ${counts}`;
}

function describeAlias(alias: LambdaAliasState | null): string {
  if (alias === null) return 'no alias';
  const extra = Object.entries(alias.additionalWeights).map(([version, weight]) => `${version}: ${Math.round(weight * 100)}%`);
  return `${alias.name} → ${alias.functionVersion}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

/** `arn:…:task-definition/web:3` → `web:3`. */

/** The unit a resource says it belongs to, when gitmoxi deployed it. */
function unitTag(tags: Tags): string | undefined {
  return tags[tagKeys.unit];
}

/**
 * Where each unit defined at the commit runs now, region resolved; null when that is not known (a unit that does
 * not render): a resource of such a unit is never called an orphan, since it may be exactly what the unit runs.
 */
export type KnownUnits = ReadonlyMap<string, UnitIdentity | null>;

/**
 * Resources tagged by gitmoxi whose unit is not among `known`, or that carry a known unit but are not where that
 * unit runs now: left behind by a rename or a cluster change (docs/isolation.md). ListServices of each cluster
 * then DescribeServices (include TAGS, batched 10 per call); ListFunctions then GetFunction for each function not
 * already known. Only the clusters and Regions the defined units use are searched: gitmoxi has no other way to
 * know them.
 */
export async function findOrphans(
  places: readonly { region: string; clusters: readonly string[]; knownFunctions: readonly string[] }[],
  known: KnownUnits,
  portsFor: PortsFor,
): Promise<LiveUnit[]> {
  const found = await Promise.all(places.map((place) => orphansIn(place, known, portsFor(place.region))));
  return found.flat().sort((a, b) => a.prefix.localeCompare(b.prefix));
}

async function orphansIn(
  place: { region: string; clusters: readonly string[]; knownFunctions: readonly string[] },
  known: KnownUnits,
  ports: RegionPorts,
): Promise<LiveUnit[]> {
  const services = await Promise.all(
    place.clusters.map(async (cluster) => {
      const names = await ports.ecs.listServiceNames(cluster);
      const described = await Promise.all(names.map((name) => ports.ecs.describeService(cluster, name)));
      return described.filter((s): s is EcsServiceState => s !== null);
    }),
  );
  const orphans: LiveUnit[] = [];
  for (const service of [...services.flat(), ...(await movedServices(place, known, ports))]) {
    const unit = unitTag(service.tags);
    const here: UnitIdentity = {
      platform: 'ecs',
      region: place.region,
      cluster: service.clusterArn.slice(service.clusterArn.lastIndexOf('/') + 1),
      serviceName: service.serviceName,
    };
    if (unit !== undefined && isOrphan(unit, here, known)) orphans.push(ecsLiveUnit(unit, place.region, service));
  }
  const skip = new Set(place.knownFunctions);
  const names = (await ports.lambda.listFunctionNames()).filter((name) => !skip.has(name));
  const functions = await Promise.all(names.map((name) => ports.lambda.describeFunction(name)));
  for (const fn of functions) {
    const unit = fn === null ? undefined : unitTag(fn.tags);
    if (fn === null || unit === undefined) continue;
    if (isOrphan(unit, { platform: 'lambda', region: place.region, functionName: fn.functionName }, known))
      orphans.push(lambdaLiveUnit(unit, place.region, fn, null));
  }
  return orphans;
}

/**
 * Services of a known unit in clusters no defined unit names any more (a cluster change through a Terraform
 * output), found through the tagging index, then read directly: the index lags, and may list a deleted service.
 * Services of units this repository does not define are left out: the account may hold other repositories' units.
 */
async function movedServices(place: { clusters: readonly string[] }, known: KnownUnits, ports: RegionPorts): Promise<EcsServiceState[]> {
  let tagged: UnitResource[];
  try {
    tagged = (await ports.tagging.allUnitResources?.()) ?? [];
  } catch {
    // No tag:GetResources in the policy, or an endpoint without the API: only the known clusters are searched.
    return [];
  }
  const elsewhere = tagged.flatMap((resource) => {
    const unit = unitTag(resource.tags);
    if (resource.platform !== 'ecs' || unit === undefined || !known.has(unit) || place.clusters.includes(resource.cluster)) return [];
    return [{ cluster: resource.cluster, serviceName: resource.serviceName }];
  });
  const described = await Promise.all(elsewhere.map(({ cluster, serviceName }) => ports.ecs.describeService(cluster, serviceName)));
  return described.filter((s): s is EcsServiceState => s !== null && s.status === 'ACTIVE');
}

function isOrphan(unit: string, here: UnitIdentity, known: KnownUnits): boolean {
  if (!known.has(unit)) return true;
  const identity = known.get(unit);
  return identity !== null && identity !== undefined && !sameIdentity(identity, here);
}
