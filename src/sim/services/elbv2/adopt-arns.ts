/**
 * Scenario seeding only: gives a resource just created the ARN a scenario asks for, so that definitions naming a
 * real account's target group or listener rule (from its Terraform outputs) find it here. No ELBv2 operation
 * does this. Only before anything refers to the resource: a load balancer before its listeners, a listener
 * before its rules, since child ARNs embed their parent's.
 */
import { dnsName, listenerArn, loadBalancerArn, ruleArn, targetGroupArn } from './ids.js';
import { duplicateTargetGroupName, validationError } from './errors.js';
import { listenerRecord, listenersOf } from './listeners.js';
import { loadBalancer } from './load-balancers.js';
import { rulesOf } from './rules.js';
import type { Elbv2Scope, Elbv2State } from './state.js';
import { targetGroup } from './target-groups.js';

const id16 = /^[0-9a-f]{16}$/;

/** The id `wanted` gives after `prefix`, or a ValidationError naming what the ARN should look like. */
function idAfter(prefix: string, wanted: string, what: string): string {
  const id = wanted.startsWith(prefix) ? wanted.slice(prefix.length) : '';
  if (!id16.test(id)) throw validationError(`'${wanted}' is not the ARN of ${what} (expected ${prefix}<16 hex digits>)`);
  return id;
}

export function adoptTargetGroupArn(state: Elbv2State, scope: Elbv2Scope, currentArn: string, wantedArn: string): string {
  const group = targetGroup(state, currentArn);
  idAfter(targetGroupArn(scope, group.name, ''), wantedArn, `target group ${group.name} in ${scope.region} and account ${scope.account}`);
  if (wantedArn === currentArn) return wantedArn;
  if (state.targetGroups.has(wantedArn)) throw duplicateTargetGroupName(group.name);
  state.targetGroups.delete(currentArn);
  group.arn = wantedArn;
  state.targetGroups.set(wantedArn, group);
  return wantedArn;
}

export function adoptLoadBalancerArn(state: Elbv2State, scope: Elbv2Scope, currentArn: string, wantedArn: string): string {
  const record = loadBalancer(state, currentArn);
  const id = idAfter(loadBalancerArn(scope, record.name, ''), wantedArn, `load balancer ${record.name} in ${scope.region} and account ${scope.account}`);
  if (wantedArn === currentArn) return wantedArn;
  if (listenersOf(state, currentArn).length > 0) throw validationError(`load balancer ${record.name} has listeners: its ARN can no longer change`);
  state.loadBalancers.delete(currentArn);
  record.arn = wantedArn;
  record.id = id;
  record.dnsName = dnsName(record.name, id, scope.region, record.scheme === 'internal');
  state.loadBalancers.set(wantedArn, record);
  return wantedArn;
}

export function adoptListenerArn(state: Elbv2State, currentArn: string, wantedArn: string): string {
  const record = listenerRecord(state, currentArn);
  idAfter(listenerArn(record.loadBalancerArn, ''), wantedArn, `a listener of ${record.loadBalancerArn}`);
  if (wantedArn === currentArn) return wantedArn;
  if (rulesOf(state, currentArn).length > 0) throw validationError(`listener ${currentArn} has rules: its ARN can no longer change`);
  state.listeners.delete(currentArn);
  const defaultRuleId = record.defaultRuleArn.slice(record.defaultRuleArn.lastIndexOf('/') + 1);
  record.arn = wantedArn;
  record.defaultRuleArn = ruleArn(wantedArn, defaultRuleId);
  state.listeners.set(wantedArn, record);
  return wantedArn;
}

export function adoptRuleArn(state: Elbv2State, currentArn: string, wantedArn: string): string {
  const record = state.rules.get(currentArn);
  if (record === undefined) throw validationError(`no rule ${currentArn}`);
  idAfter(ruleArn(record.listenerArn, ''), wantedArn, `a rule of ${record.listenerArn}`);
  if (wantedArn === currentArn) return wantedArn;
  state.rules.delete(currentArn);
  record.arn = wantedArn;
  state.rules.set(wantedArn, record);
  return wantedArn;
}
