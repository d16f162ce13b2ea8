/**
 * Listener rules: CreateRule, DescribeRules (with each listener's default rule, priority "default"),
 * ModifyRule. Rules are evaluated from the lowest priority to the highest; priorities are unique per listener.
 */
import type { Rule } from '@aws-sdk/client-elastic-load-balancing-v2';
import { renderActions } from './actions.js';
import { renderCondition } from './conditions.js';
import { operationNotPermitted, priorityInUse, ruleNotFound, tooManyRules, validationError } from './errors.js';
import { nextId, ruleArn } from './ids.js';
import { checkActions, listenerRecord, listenersOf } from './listeners.js';
import type { Page } from './paging.js';
import { paginate } from './paging.js';
import type { Elbv2Scope, Elbv2State, ListenerRecord, RuleRecord, StoredAction, StoredCondition } from './state.js';

/** ELBv2 quota: 100 rules per Application Load Balancer, not counting default rules. */
const maxRulesPerLoadBalancer = 100;

export interface RuleSpec {
  listenerArn: string;
  priority: number;
  conditions: StoredCondition[];
  actions: StoredAction[];
}

/** A rule ARN names either a rule or a listener's default rule. */
export type ResolvedRule = { kind: 'rule'; rule: RuleRecord } | { kind: 'default'; listener: ListenerRecord };

export function createRule(state: Elbv2State, scope: Elbv2Scope, spec: RuleSpec): RuleRecord {
  const listener = listenerRecord(state, spec.listenerArn);
  if (spec.conditions.length === 0) throw validationError('At least one condition must be specified');
  checkActions(state, listener.loadBalancerArn, listener.protocol, spec.actions);
  if (rulesOf(state, listener.arn).some((rule) => rule.priority === spec.priority)) throw priorityInUse(spec.priority);
  const lbRules = listenersOf(state, listener.loadBalancerArn).flatMap((sibling) => rulesOf(state, sibling.arn));
  if (lbRules.length >= maxRulesPerLoadBalancer) throw tooManyRules();
  const rule: RuleRecord = {
    arn: ruleArn(listener.arn, nextId(state, scope, 'rule')),
    listenerArn: listener.arn,
    priority: spec.priority,
    conditions: spec.conditions,
    actions: spec.actions,
  };
  state.rules.set(rule.arn, rule);
  return rule;
}

/**
 * Replaces the conditions and/or actions given. The default rule's actions are its listener's default
 * actions; its conditions cannot change (it has none).
 */
export function modifyRule(state: Elbv2State, arn: string, changes: { conditions?: StoredCondition[]; actions?: StoredAction[] }): ResolvedRule {
  const resolved = resolveRule(state, arn);
  const listener = resolved.kind === 'rule' ? listenerRecord(state, resolved.rule.listenerArn) : resolved.listener;
  if (changes.actions !== undefined) checkActions(state, listener.loadBalancerArn, listener.protocol, changes.actions);
  if (resolved.kind === 'default') {
    if (changes.conditions !== undefined) throw operationNotPermitted('The conditions of a default rule cannot be modified');
    if (changes.actions !== undefined) resolved.listener.defaultActions = changes.actions;
    return resolved;
  }
  if (changes.conditions !== undefined) {
    if (changes.conditions.length === 0) throw validationError('At least one condition must be specified');
    resolved.rule.conditions = changes.conditions;
  }
  if (changes.actions !== undefined) resolved.rule.actions = changes.actions;
  return resolved;
}

export function resolveRule(state: Elbv2State, arn: string): ResolvedRule {
  const rule = state.rules.get(arn);
  if (rule !== undefined) return { kind: 'rule', rule };
  const listener = [...state.listeners.values()].find((candidate) => candidate.defaultRuleArn === arn);
  if (listener !== undefined) return { kind: 'default', listener };
  throw ruleNotFound(`Rule '${arn}' not found`);
}

export function rulesOf(state: Elbv2State, listenerArn: string): RuleRecord[] {
  return [...state.rules.values()].filter((rule) => rule.listenerArn === listenerArn).sort((a, b) => a.priority - b.priority);
}

/** DescribeRules takes a listener ARN or rule ARNs; a listener's rules come in priority order, default last. */
export function describeRules(
  state: Elbv2State,
  filter: { listenerArn?: string; arns?: string[] },
  page: { marker?: string; pageSize?: number },
): Page<ResolvedRule> {
  if (filter.arns !== undefined && filter.arns.length > 0) {
    return paginate(
      filter.arns.map((arn) => resolveRule(state, arn)),
      page,
    );
  }
  if (filter.listenerArn === undefined) throw validationError('You must specify either listener ARN or rule ARNs');
  const listener = listenerRecord(state, filter.listenerArn);
  const rules: ResolvedRule[] = rulesOf(state, listener.arn).map((rule) => ({ kind: 'rule', rule }));
  rules.push({ kind: 'default', listener });
  return paginate(rules, page);
}

export function renderRule(resolved: ResolvedRule): Rule {
  if (resolved.kind === 'default') {
    return {
      RuleArn: resolved.listener.defaultRuleArn,
      Priority: 'default',
      Conditions: [],
      Actions: renderActions(resolved.listener.defaultActions),
      IsDefault: true,
    };
  }
  const { rule } = resolved;
  return {
    RuleArn: rule.arn,
    Priority: String(rule.priority),
    Conditions: rule.conditions.map(renderCondition),
    Actions: renderActions(rule.actions),
    IsDefault: false,
  };
}
