/** A JSON view of the ELBv2 state for /_sim/state and test assertions. */
import { renderActions } from './actions.js';
import { renderCondition } from './conditions.js';
import type { Elbv2State } from './state.js';
import { targetHealth } from './targets.js';
import { loadBalancersOf, trafficWeight } from './usage.js';

export function elbv2Snapshot(state: Elbv2State, now: number): unknown {
  const tags = (arn: string): Record<string, string> => Object.fromEntries(state.tags.get(arn) ?? []);
  return {
    loadBalancers: [...state.loadBalancers.values()].map((lb) => ({
      arn: lb.arn,
      name: lb.name,
      dnsName: lb.dnsName,
      scheme: lb.scheme,
      state: now >= lb.activeAt ? 'active' : 'provisioning',
      createdTime: new Date(lb.createdAt).toISOString(),
      tags: tags(lb.arn),
    })),
    listeners: [...state.listeners.values()].map((listener) => ({
      arn: listener.arn,
      loadBalancerArn: listener.loadBalancerArn,
      port: listener.port,
      protocol: listener.protocol,
      defaultRuleArn: listener.defaultRuleArn,
      defaultActions: renderActions(listener.defaultActions),
      tags: tags(listener.arn),
    })),
    rules: [...state.rules.values()].map((rule) => ({
      arn: rule.arn,
      listenerArn: rule.listenerArn,
      priority: rule.priority,
      conditions: rule.conditions.map(renderCondition),
      actions: renderActions(rule.actions),
      tags: tags(rule.arn),
    })),
    targetGroups: [...state.targetGroups.values()].map((group) => ({
      arn: group.arn,
      name: group.name,
      targetType: group.targetType,
      protocol: group.protocol,
      port: group.port,
      loadBalancerArns: loadBalancersOf(state, group.arn),
      trafficWeight: trafficWeight(state, group.arn),
      healthCheck: group.healthCheck,
      attributes: Object.fromEntries(group.attributes),
      tags: tags(group.arn),
      targets: group.targets.map((target) => {
        const health = targetHealth(group, target);
        return {
          id: target.id,
          port: target.port,
          state: health.State,
          reason: health.Reason,
          meta: target.meta,
          registeredAt: new Date(target.registeredAt).toISOString(),
          ...(target.drainingUntil !== undefined && { drainingUntil: new Date(target.drainingUntil).toISOString() }),
        };
      }),
    })),
  };
}
