/**
 * What an ECS-native service (svcdef deploymentConfiguration.strategy, docs/ecs-native.md) names beyond a rolling
 * one: the production and test listener rules ECS shifts weights on, with their listeners and load balancer (all
 * by exact ARN, since a rule's ARN embeds its listener's and load balancer's), the alternate target group, the
 * infrastructure role, the deployment's alarms and its lifecycle hook functions. Pure.
 */
import type { Svcdef } from '../defs/svcdef-schema.js';
import type { ScenarioInfrastructure } from '../sim/types.js';
import { firstListenerPort, type Inventory } from './inventory.js';
import { recordOf, recordsOf } from '../is-record.js';

/** The role the rehearsal gives a hook function it creates: the definitions name only the role ECS invokes it with. */
const hookFunctionRole = 'gitmoxi-rehearsal-hooks';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function addNativeRoutes(inventory: Inventory, svcdef: Svcdef, region: string): void {
  const config = recordOf(svcdef.deploymentConfiguration);
  for (const balancer of svcdef.loadBalancers ?? []) {
    const advanced = recordOf(balancer.advancedConfiguration);
    const primary = balancer.targetGroupArn;
    if (balancer.advancedConfiguration === undefined || primary === undefined) continue;
    inventory.targetGroup(primary, balancer.containerPort, 'ip', region);
    const alternate = text(advanced.alternateTargetGroupArn);
    if (alternate !== undefined) inventory.targetGroup(alternate, balancer.containerPort, 'ip', region);
    inventory.role(text(advanced.roleArn));
    const primaryName = inventory.targetGroups.get(primary)?.name;
    for (const ruleArn of [text(advanced.productionListenerRule), text(advanced.testListenerRule)]) {
      const rule = ruleArn === undefined || primaryName === undefined ? null : parseRuleArn(ruleArn, primaryName);
      if (rule === null) continue;
      inventory.nativeRules.set(rule.ruleArn, rule);
      inventory.nativeRouted.add(primary);
    }
  }
  const alarms = recordOf(config.alarms).alarmNames;
  for (const name of Array.isArray(alarms) ? alarms : []) {
    if (typeof name === 'string') inventory.alarms.set(`${region}/${name}`, { name, region });
  }
  for (const hook of recordsOf(config.lifecycleHooks)) {
    inventory.role(text(hook.roleArn));
    addHookFunction(inventory, text(hook.hookTargetArn), region);
  }
}

/** `arn:…:listener-rule/app/NAME/LBID/LISTENERID/RULEID`: the rule, and the listener and load balancer it implies. */
function parseRuleArn(ruleArn: string, targetGroupName: string) {
  const match = /^(arn:[^:]+:elasticloadbalancing:([^:]+):\d{12}:)listener-rule\/app\/([^/]+)\/([0-9a-f]{16})\/([0-9a-f]{16})\/[0-9a-f]{16}$/.exec(ruleArn);
  if (match === null) return null;
  const [, prefix = '', region = '', name = '', balancerId = '', listenerId = ''] = match;
  return {
    ruleArn,
    listenerArn: `${prefix}listener/app/${name}/${balancerId}/${listenerId}`,
    loadBalancerArn: `${prefix}loadbalancer/app/${name}/${balancerId}`,
    loadBalancerName: name,
    region,
    targetGroupName,
  };
}

function addHookFunction(inventory: Inventory, target: string | undefined, region: string): void {
  const match = target === undefined ? null : /^arn:([^:]+):lambda:([^:]+):(\d{12}):function:([A-Za-z0-9_-]+)/.exec(target);
  if (match === null) return;
  const [, partition = 'aws', functionRegion = region, account = '', name = ''] = match;
  const role = `arn:${partition}:iam::${account}:role/${hookFunctionRole}`;
  inventory.role(role);
  inventory.functions.set(`${functionRegion}/${name}`, { name, region: functionRegion, role });
}

/**
 * One load balancer per ARN, one listener per listener ARN (ports 80, 81, …), one path rule `/*` per rule ARN
 * (priorities 1, 2, …); listeners and rules forward to the service's primary group, where ECS finds it.
 */
export function nativeLoadBalancers(inventory: Inventory): NonNullable<ScenarioInfrastructure['loadBalancers']> {
  const balancers = new Map<
    string,
    {
      name: string;
      arn: string;
      region: string;
      listeners: Map<
        string,
        { port: number; arn: string; targetGroup: string; rules: { priority: number; pathPattern: string; targetGroup: string; arn: string }[] }
      >;
    }
  >();
  for (const rule of inventory.nativeRules.values()) {
    const balancer = balancers.get(rule.loadBalancerArn) ?? {
      name: rule.loadBalancerName,
      arn: rule.loadBalancerArn,
      region: rule.region,
      listeners: new Map(),
    };
    balancers.set(rule.loadBalancerArn, balancer);
    const listener = balancer.listeners.get(rule.listenerArn) ?? {
      port: firstListenerPort + balancer.listeners.size,
      arn: rule.listenerArn,
      targetGroup: rule.targetGroupName,
      rules: [],
    };
    balancer.listeners.set(rule.listenerArn, listener);
    listener.rules.push({ priority: listener.rules.length + 1, pathPattern: '/*', targetGroup: rule.targetGroupName, arn: rule.ruleArn });
  }
  return [...balancers.values()].map((balancer) => ({ ...balancer, listeners: [...balancer.listeners.values()] }));
}
