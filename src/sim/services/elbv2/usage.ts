/**
 * Which load balancers forward to which target groups, at what weight: the links between listeners/rules and
 * target groups that DescribeTargetGroups (LoadBalancerArns), target health (unused) and traffic signals need.
 */
import { forwardedGroups } from './actions.js';
import type { Elbv2State, StoredAction } from './state.js';

interface ForwardSource {
  loadBalancerArn: string;
  listenerArn: string;
  /** Undefined for a listener's default actions. */
  ruleArn?: string;
  actions: StoredAction[];
}

/** Every action list of every listener and rule, with the load balancer it belongs to. */
function forwardSources(state: Elbv2State): ForwardSource[] {
  const sources: ForwardSource[] = [];
  for (const listener of state.listeners.values()) {
    sources.push({ loadBalancerArn: listener.loadBalancerArn, listenerArn: listener.arn, actions: listener.defaultActions });
  }
  for (const rule of state.rules.values()) {
    const listener = state.listeners.get(rule.listenerArn);
    if (listener === undefined) continue;
    sources.push({
      loadBalancerArn: listener.loadBalancerArn,
      listenerArn: listener.arn,
      ruleArn: rule.arn,
      actions: rule.actions,
    });
  }
  return sources;
}

/** Load balancers whose listeners or rules forward to the group, at any weight, in creation order. */
export function loadBalancersOf(state: Elbv2State, targetGroupArn: string): string[] {
  const arns = new Set<string>();
  for (const source of forwardSources(state)) {
    if (forwardedGroups(source.actions).some((group) => group.targetGroupArn === targetGroupArn)) {
      arns.add(source.loadBalancerArn);
    }
  }
  return [...arns];
}

/** The largest weight any forward action gives the group: above 0, the group receives traffic. */
export function trafficWeight(state: Elbv2State, targetGroupArn: string): number {
  let weight = 0;
  for (const source of forwardSources(state)) {
    for (const group of forwardedGroups(source.actions)) {
      if (group.targetGroupArn === targetGroupArn) weight = Math.max(weight, group.weight);
    }
  }
  return weight;
}

/** Target groups of the given action lists that now receive traffic (weight above 0). */
export function groupsReceivingTraffic(actionLists: StoredAction[][]): string[] {
  const arns = new Set<string>();
  for (const actions of actionLists) {
    for (const group of forwardedGroups(actions)) if (group.weight > 0) arns.add(group.targetGroupArn);
  }
  return [...arns];
}
