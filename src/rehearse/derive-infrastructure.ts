/**
 * What AWS would already hold for a set of rendered units: the clusters, target groups, load balancer routes,
 * alarms, roles, log groups and code objects their definitions name, as simulator infrastructure. Pure. The
 * values came from the repository's Terraform / CDK / JSON outputs, so the ARNs are kept exactly: a definition
 * that names `targetgroup/web/0123…` finds that group in the simulator.
 */
import type { EcsUnitDefinitions, LambdaUnitDefinitions, UnitDefinitions } from '../defs/validate.js';
import type { ScenarioInfrastructure } from '../sim/types.js';
import { addNativeRoutes, nativeLoadBalancers } from './derive-native.js';
import { firstListenerPort, Inventory } from './inventory.js';
import { recordOf } from '../is-record.js';

export interface RehearsedUnit {
  prefix: string;
  definitions: UnitDefinitions;
}

export interface DerivedWorld {
  /** From the ARNs the definitions name (or environment.account); undefined when none names one. */
  account?: string;
  region: string;
  infrastructure: ScenarioInfrastructure;
}

/** The load balancer that carries a listener for each target group the units route through (docs/rehearse.md). */
const rehearsalLoadBalancer = 'gitmoxi-rehearsal';

/** `defaultRegion`: where a unit without environment.region deploys (--region, AWS_REGION, else us-east-1). */
export function deriveInfrastructure(units: readonly RehearsedUnit[], defaultRegion: string): DerivedWorld {
  const inventory = new Inventory();
  const regions: string[] = [];
  for (const { definitions } of units) {
    const region = definitions.depdef.environment.region ?? defaultRegion;
    regions.push(region);
    if (definitions.depdef.environment.account !== undefined) inventory.accounts.push(definitions.depdef.environment.account);
    if (definitions.platform === 'ecs') addEcsUnit(inventory, definitions, region);
    else addLambdaUnit(inventory, definitions, region);
  }
  const account = inventory.accounts[0];
  return {
    ...(account !== undefined ? { account } : {}),
    region: mostCommon(regions) ?? defaultRegion,
    infrastructure: toInfrastructure(inventory),
  };
}

function addEcsUnit(inventory: Inventory, definitions: EcsUnitDefinitions, region: string): void {
  const { svcdef, taskdef, depdef } = definitions;
  const cluster = svcdef.cluster ?? 'default';
  inventory.account(cluster);
  const clusterName = cluster.startsWith('arn:') ? cluster.slice(cluster.lastIndexOf('/') + 1) : cluster;
  const key = `${region}/${clusterName}`;
  const entry = inventory.clusters.get(key) ?? { name: clusterName, region, capacityProviders: new Set<string>() };
  inventory.clusters.set(key, entry);
  for (const item of [...(svcdef.capacityProviderStrategy ?? []), ...depdef.fallbackCapacityProviderStrategy])
    entry.capacityProviders.add(item.capacityProvider);
  addNativeRoutes(inventory, svcdef, region);
  for (const balancer of svcdef.loadBalancers ?? []) {
    if (balancer.targetGroupArn === undefined) continue;
    inventory.targetGroup(balancer.targetGroupArn, balancer.containerPort, 'ip', region);
    // The group the service names is the one live traffic reaches today; its blue/green partner waits unrouted.
    // An ECS-native service's group is reached through the listener rules it names (derive-native.ts).
    if (!inventory.nativeRouted.has(balancer.targetGroupArn)) inventory.routed.add(balancer.targetGroupArn);
    const port = balancer.containerPort;
    for (const pair of depdef.targetGroupArnPairs) {
      if (pair.includes(balancer.targetGroupArn)) for (const arn of pair) inventory.targetGroup(arn, port, 'ip', region);
    }
  }
  for (const pair of depdef.targetGroupArnPairs) for (const arn of pair) inventory.targetGroup(arn, firstListenerPort, 'ip', region);
  for (const name of depdef.alarmNames) inventory.alarms.set(`${region}/${name}`, { name, region });
  if (taskdef === undefined) return;
  for (const role of [taskdef.executionRoleArn, taskdef.taskRoleArn]) inventory.role(role);
  for (const container of taskdef.containerDefinitions) {
    const log = recordOf(container.logConfiguration);
    const options = recordOf(log.options);
    const group = log.logDriver === 'awslogs' ? options['awslogs-group'] : undefined;
    if (typeof group !== 'string') continue;
    const groupRegion = options['awslogs-region'];
    const where = typeof groupRegion === 'string' ? groupRegion : region;
    inventory.logGroups.set(`${where}/${group}`, { name: group, region: where });
  }
}

function addLambdaUnit(inventory: Inventory, definitions: LambdaUnitDefinitions, region: string): void {
  const { lambdadef, eventSources, depdef } = definitions;
  inventory.role(lambdadef.Role);
  const { S3Bucket, S3Key } = lambdadef.Code;
  if (S3Bucket !== undefined && S3Key !== undefined) inventory.codeObjects.set(`${S3Bucket}/${S3Key}`, { bucket: S3Bucket, key: S3Key });
  for (const name of depdef.alarmNames) inventory.alarms.set(`${region}/${name}`, { name, region });
  for (const source of eventSources?.PushEventSources ?? []) {
    if (source.Service !== 'elasticloadbalancing.amazonaws.com') continue;
    inventory.targetGroup(source.TargetGroupArn, 0, 'lambda', region);
    inventory.routed.add(source.TargetGroupArn);
  }
}

function toInfrastructure(inventory: Inventory): ScenarioInfrastructure {
  const targetGroups = [...inventory.targetGroups.values()];
  const listeners = new Map<string, { port: number; targetGroup: string }[]>();
  for (const group of targetGroups) {
    if (group.arn === undefined || !inventory.routed.has(group.arn)) continue;
    const region = group.region ?? '';
    const list = listeners.get(region) ?? [];
    list.push({ port: firstListenerPort + list.length, targetGroup: group.name });
    listeners.set(region, list);
  }
  const infrastructure: ScenarioInfrastructure = {
    clusters: [...inventory.clusters.values()].map(({ name, region, capacityProviders }) => ({
      name,
      region,
      ...(capacityProviders.size > 0 ? { capacityProviders: [...capacityProviders].sort() } : {}),
    })),
    targetGroups,
    loadBalancers: [...[...listeners].map(([region, list]) => ({ name: rehearsalLoadBalancer, region, listeners: list })), ...nativeLoadBalancers(inventory)],
    alarms: [...inventory.alarms.values()],
    roles: [...inventory.roles],
    logGroups: [...inventory.logGroups.values()],
    functions: [...inventory.functions.values()],
    codeObjects: [...inventory.codeObjects.values()],
  };
  return infrastructure;
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
