/**
 * Finding and changing the places a load balancer forwards to target groups: listeners' default actions and
 * rules. Every Describe call is paged to the end; a listener's default rule is reached through the listener.
 */
import {
  DescribeListenersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  ModifyListenerCommand,
  ModifyRuleCommand,
  type Action,
  type ElasticLoadBalancingV2Client,
  type Listener,
  type Rule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ForwardRoute, RouteRef, TargetGroupWeight } from '../deploy/ports/elb-port.js';
import { callAws, isAwsError } from './call-aws.js';
import { forwardWeightsOf, stickinessSecondsOf, withForwardWeights } from './elbv2-forward.js';

/** DescribeListeners and DescribeRules answer at most 400 records a page (their PageSize). */
const PAGE_SIZE = 400;

export async function findForwardingRoutes(elbv2: ElasticLoadBalancingV2Client, targetGroupArns: readonly string[]): Promise<ForwardRoute[]> {
  const wanted = new Set(targetGroupArns);
  if (wanted.size === 0) return [];
  const loadBalancerArns = await loadBalancersOf(elbv2, [...wanted]);
  const routes: ForwardRoute[] = [];
  for (const loadBalancerArn of loadBalancerArns) {
    for (const listener of await listenersOf(elbv2, loadBalancerArn)) {
      const listenerArn = listener.ListenerArn ?? '';
      routes.push(route('listener', listenerArn, listenerArn, listener.DefaultActions ?? []));
      for (const rule of await rulesOf(elbv2, listenerArn)) {
        if (rule.IsDefault === true) continue;
        routes.push(route('rule', rule.RuleArn ?? '', listenerArn, rule.Actions ?? []));
      }
    }
  }
  return routes.filter((candidate) => candidate.weights.some((w) => wanted.has(w.targetGroupArn)));
}

/** The route's current action list: DescribeListeners or DescribeRules by ARN; null when it no longer exists. */
async function routeActions(elbv2: ElasticLoadBalancingV2Client, ref: RouteRef): Promise<Action[] | null> {
  try {
    if (ref.kind === 'listener') {
      const output = await callAws('ELBv2 DescribeListeners', () => elbv2.send(new DescribeListenersCommand({ ListenerArns: [ref.arn] })));
      return output.Listeners?.[0]?.DefaultActions ?? null;
    }
    const output = await callAws('ELBv2 DescribeRules', () => elbv2.send(new DescribeRulesCommand({ RuleArns: [ref.arn] })));
    return output.Rules?.[0]?.Actions ?? null;
  } catch (error) {
    if (isAwsError(error, 'ListenerNotFoundException', 'RuleNotFoundException')) return null;
    throw error;
  }
}

export async function writeForwardWeights(elbv2: ElasticLoadBalancingV2Client, ref: RouteRef, weights: readonly TargetGroupWeight[]): Promise<void> {
  const actions = await routeActions(elbv2, ref);
  if (actions === null) throw new Error(`${ref.kind} ${ref.arn} no longer exists`);
  const changed = withForwardWeights(actions, weights);
  if (ref.kind === 'listener') {
    await callAws('ELBv2 ModifyListener', () => elbv2.send(new ModifyListenerCommand({ ListenerArn: ref.arn, DefaultActions: changed })));
  } else {
    await callAws('ELBv2 ModifyRule', () => elbv2.send(new ModifyRuleCommand({ RuleArn: ref.arn, Actions: changed })));
  }
}

export async function readForwardWeights(elbv2: ElasticLoadBalancingV2Client, ref: RouteRef): Promise<TargetGroupWeight[] | null> {
  const actions = await routeActions(elbv2, ref);
  return actions === null ? null : forwardWeightsOf(actions);
}

function route(kind: RouteRef['kind'], arn: string, listenerArn: string, actions: Action[]): ForwardRoute {
  const stickinessSeconds = stickinessSecondsOf(actions);
  return { kind, arn, listenerArn, weights: forwardWeightsOf(actions), ...(stickinessSeconds !== undefined ? { stickinessSeconds } : {}) };
}

/** DescribeTargetGroups by ARN: the load balancers each group is attached to, in first-seen order. */
async function loadBalancersOf(elbv2: ElasticLoadBalancingV2Client, targetGroupArns: string[]): Promise<string[]> {
  const arns = new Set<string>();
  let marker: string | undefined;
  do {
    const input = { TargetGroupArns: targetGroupArns, ...(marker ? { Marker: marker } : {}) };
    const page = await callAws('ELBv2 DescribeTargetGroups', () => elbv2.send(new DescribeTargetGroupsCommand(input)));
    for (const group of page.TargetGroups ?? []) for (const arn of group.LoadBalancerArns ?? []) arns.add(arn);
    marker = page.NextMarker;
  } while (marker);
  return [...arns];
}

async function listenersOf(elbv2: ElasticLoadBalancingV2Client, loadBalancerArn: string): Promise<Listener[]> {
  const listeners: Listener[] = [];
  let marker: string | undefined;
  do {
    const input = { LoadBalancerArn: loadBalancerArn, PageSize: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) };
    const page = await callAws('ELBv2 DescribeListeners', () => elbv2.send(new DescribeListenersCommand(input)));
    listeners.push(...(page.Listeners ?? []));
    marker = page.NextMarker;
  } while (marker);
  return listeners;
}

async function rulesOf(elbv2: ElasticLoadBalancingV2Client, listenerArn: string): Promise<Rule[]> {
  const rules: Rule[] = [];
  let marker: string | undefined;
  do {
    const input = { ListenerArn: listenerArn, PageSize: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) };
    const page = await callAws('ELBv2 DescribeRules', () => elbv2.send(new DescribeRulesCommand(input)));
    rules.push(...(page.Rules ?? []));
    marker = page.NextMarker;
  } while (marker);
  return rules;
}
