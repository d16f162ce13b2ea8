/**
 * The rehearsal's world: what the definitions imply (derive-infrastructure.ts) under what a scenario file says.
 * Pure. The scenario file wins wherever both describe the same resource, because it is the team's own account
 * of how a resource is set up (health check timings, alarm state); the derived world fills in the rest.
 */
import type { Scenario, ScenarioInfrastructure } from '../sim/types.js';
import type { DerivedWorld } from './derive-infrastructure.js';

type Lists = Required<ScenarioInfrastructure>;

/** The scenario to seed (without faults: they are added once the baseline is deployed) and what was derived. */
export function mergeInfrastructure(derived: DerivedWorld, scenario: Scenario): Scenario {
  const own = scenario.infrastructure ?? {};
  const home = scenario.region ?? derived.region;
  const regionOf = (entry: { region?: string }) => entry.region ?? home;
  const byNameAndRegion = <T extends { name: string; region?: string }>(entry: T) => `${regionOf(entry)}/${entry.name}`;
  const infrastructure: ScenarioInfrastructure = {
    ...own,
    clusters: union(derived.infrastructure.clusters, own.clusters, byNameAndRegion),
    targetGroups: mergeTargetGroups(derived.infrastructure.targetGroups ?? [], own.targetGroups ?? [], byNameAndRegion),
    loadBalancers: mergeLoadBalancers(derived.infrastructure.loadBalancers ?? [], own, regionOf),
    alarms: union(derived.infrastructure.alarms, own.alarms, byNameAndRegion),
    roles: union(derived.infrastructure.roles, own.roles, (role) => roleName(typeof role === 'string' ? role : role.name)),
    logGroups: union(derived.infrastructure.logGroups, own.logGroups, byNameAndRegion),
    functions: union(derived.infrastructure.functions, own.functions, byNameAndRegion),
    codeObjects: union(derived.infrastructure.codeObjects, own.codeObjects, (object) => `${object.bucket}/${object.key}`),
  };
  const account = scenario.account ?? derived.account;
  return { ...(account !== undefined ? { account } : {}), region: home, infrastructure };
}

function union<T>(derived: readonly T[] | undefined, own: readonly T[] | undefined, key: (entry: T) => string): T[] {
  const taken = new Set((own ?? []).map(key));
  return [...(own ?? []), ...(derived ?? []).filter((entry) => !taken.has(key(entry)))];
}

/** A group the scenario file describes keeps its settings, and takes the ARN the definitions name unless it gives one. */
function mergeTargetGroups(
  derived: Lists['targetGroups'],
  own: Lists['targetGroups'],
  key: (group: Lists['targetGroups'][number]) => string,
): Lists['targetGroups'] {
  const derivedByKey = new Map(derived.map((group) => [key(group), group]));
  const merged = own.map((group) => {
    const arn = group.arn ?? derivedByKey.get(key(group))?.arn;
    return arn === undefined ? group : { ...group, arn };
  });
  return union(derived, merged, key);
}

/** The scenario's own routes stay; the rehearsal's listeners are added for the groups no route of the scenario reaches. */
function mergeLoadBalancers(
  derived: Lists['loadBalancers'],
  own: ScenarioInfrastructure,
  regionOf: (entry: { region?: string }) => string,
): Lists['loadBalancers'] {
  const routed = new Set(
    (own.loadBalancers ?? []).flatMap((balancer) =>
      (balancer.listeners ?? []).flatMap((listener) =>
        [listener.targetGroup, ...(listener.rules ?? []).map((rule) => rule.targetGroup)].map((name) => `${regionOf(balancer)}/${name}`),
      ),
    ),
  );
  const added = derived
    .map((balancer) => ({
      ...balancer,
      listeners: (balancer.listeners ?? []).filter((listener) => !routed.has(`${regionOf(balancer)}/${listener.targetGroup}`)),
    }))
    .filter((balancer) => balancer.listeners.length > 0);
  return [...(own.loadBalancers ?? []), ...added];
}

function roleName(reference: string): string {
  return reference.slice(reference.lastIndexOf('/') + 1);
}

/** One line for the header: every resource the rehearsal seeds, scenario file's and derived alike. */
export function describeSeeded(scenario: Scenario): string {
  const infrastructure = scenario.infrastructure ?? {};
  const items = [
    ...(infrastructure.clusters ?? []).map((cluster) => `cluster ${cluster.name}`),
    ...(infrastructure.targetGroups ?? []).map((group) => `target group ${group.name}`),
    ...(infrastructure.loadBalancers ?? []).flatMap((balancer) =>
      (balancer.listeners ?? []).flatMap((listener) => [
        `listener ${balancer.name}:${listener.port} → ${listener.targetGroup}`,
        ...(listener.rules ?? []).map((rule) => `rule ${balancer.name}:${listener.port} ${rule.pathPattern} → ${rule.targetGroup}`),
      ]),
    ),
    ...(infrastructure.alarms ?? []).map((alarm) => `alarm ${alarm.name}`),
    ...(infrastructure.roles ?? []).map((role) => `role ${roleName(typeof role === 'string' ? role : role.name)}`),
    ...(infrastructure.logGroups ?? []).map((group) => `log group ${group.name}`),
    ...(infrastructure.functions ?? []).map((fn) => `function ${fn.name}`),
    ...(infrastructure.codeObjects ?? []).map((object) => `code s3://${object.bucket}/${object.key}`),
  ];
  const where = [scenario.account ? `account ${scenario.account}` : null, scenario.region ?? null].filter((part) => part !== null).join(', ');
  return `seeded (${where}): ${items.length > 0 ? items.join(', ') : 'nothing'}`;
}
