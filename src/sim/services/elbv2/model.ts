/**
 * The ELBv2 model of one account and region: state and rules, no HTTP. Operations return the SDK's output
 * shapes; the noun modules (load-balancers, listeners, rules, target-groups, targets) hold the rules, and
 * lifecycle.ts the time-driven target health. Also the TargetRegistry the ECS model registers tasks through.
 */
import type {
  Listener,
  LoadBalancer,
  Rule,
  TagDescription,
  TargetGroup,
  TargetGroupAttribute,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { InvokePermissions, ServiceModel, SimTarget, SimWorld, TargetHealthState, TargetRegistry } from '../../types.js';
import { lambdaAccessDenied, validationError } from './errors.js';
import { adoptListenerArn, adoptLoadBalancerArn, adoptRuleArn, adoptTargetGroupArn } from './adopt-arns.js';
import { arnKind } from './ids.js';
import { advanceTargets, matchesTarget, syncGroupUsage, trafficSignal } from './lifecycle.js';
import type { ListenerChanges, ListenerSpec } from './listeners.js';
import { createListener, describeListeners, listenerRecord, modifyListener, renderListener } from './listeners.js';
import type { LoadBalancerSpec } from './load-balancers.js';
import { createLoadBalancer, describeLoadBalancers, loadBalancer, renderLoadBalancer } from './load-balancers.js';
import type { RuleSpec } from './rules.js';
import { createRule, describeRules, modifyRule, renderRule, resolveRule } from './rules.js';
import { elbv2Snapshot } from './snapshot.js';
import type { Elbv2Scope, Elbv2State, StoredAction, StoredCondition } from './state.js';
import { emptyState } from './state.js';
import type { AttributeChange } from './target-group-attributes.js';
import { checkAttributes } from './target-group-attributes.js';
import { modifyTargetGroupHealthCheck } from './modify-target-group.js';
import type { HealthCheckInput, TargetGroupFilter, TargetGroupSpec } from './target-groups.js';
import { attributeList, createTargetGroup, describeTargetGroups, renderTargetGroup, targetGroup } from './target-groups.js';
import type { TagInput } from './tags.js';
import { addTags, checkTags, maxDescribeTagsResources, removeTags, tagsOf } from './tags.js';
import { checkTargetIds, deregisterTargets, describeTargetHealth, registerTargets, targetStateOf } from './targets.js';
import { groupsReceivingTraffic, trafficWeight } from './usage.js';

type PageInput = { marker?: string; pageSize?: number };
type Paged<K extends string, T> = { [key in K]: T[] } & { NextMarker?: string };

export class Elbv2Model implements ServiceModel, TargetRegistry {
  readonly state: Elbv2State = emptyState();
  readonly scope: Elbv2Scope;
  private advancedTo = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly world: SimWorld,
    account: string,
    region: string,
  ) {
    this.scope = { account, region, now: () => world.clock.now() };
  }

  // Load balancers

  createLoadBalancer(spec: LoadBalancerSpec, tags: TagInput[] = []): LoadBalancer {
    checkTags(tags);
    const record = createLoadBalancer(this.state, this.scope, spec);
    if (tags.length > 0) addTags(this.state, [record.arn], tags);
    return renderLoadBalancer(record, this.scope.now());
  }

  describeLoadBalancers(filter: { arns?: string[]; names?: string[] }, page: PageInput): Paged<'LoadBalancers', LoadBalancer> {
    const found = describeLoadBalancers(this.state, filter, page);
    const now = this.scope.now();
    return withMarker({ LoadBalancers: found.items.map((record) => renderLoadBalancer(record, now)) }, found.nextMarker);
  }

  // Target groups

  createTargetGroup(spec: TargetGroupSpec, tags: TagInput[] = []): TargetGroup {
    checkTags(tags);
    const group = createTargetGroup(this.state, this.scope, spec);
    if (tags.length > 0) addTags(this.state, [group.arn], tags);
    return renderTargetGroup(this.state, group);
  }

  describeTargetGroups(filter: TargetGroupFilter, page: PageInput): Paged<'TargetGroups', TargetGroup> {
    if (filter.loadBalancerArn !== undefined) loadBalancer(this.state, filter.loadBalancerArn);
    const found = describeTargetGroups(this.state, filter, page);
    return withMarker({ TargetGroups: found.items.map((group) => renderTargetGroup(this.state, group)) }, found.nextMarker);
  }

  targetGroupAttributes(arn: string): TargetGroupAttribute[] {
    return attributeList(targetGroup(this.state, arn));
  }

  modifyTargetGroup(arn: string, healthCheck: HealthCheckInput): TargetGroup {
    const group = targetGroup(this.state, arn);
    modifyTargetGroupHealthCheck(group, healthCheck);
    return renderTargetGroup(this.state, group);
  }

  modifyTargetGroupAttributes(arn: string, changes: AttributeChange[]): TargetGroupAttribute[] {
    const group = targetGroup(this.state, arn);
    checkAttributes(group, changes);
    for (const { key, value } of changes) group.attributes.set(key, value);
    return attributeList(group);
  }

  // Listeners and rules

  createListener(spec: ListenerSpec, tags: TagInput[] = []): Listener {
    checkTags(tags);
    const listener = createListener(this.state, this.scope, spec);
    if (tags.length > 0) addTags(this.state, [listener.arn], tags);
    this.routingChanged([listener.defaultActions]);
    return renderListener(listener);
  }

  describeListeners(filter: { loadBalancerArn?: string; arns?: string[] }, page: PageInput): Paged<'Listeners', Listener> {
    const found = describeListeners(this.state, filter, page);
    return withMarker({ Listeners: found.items.map(renderListener) }, found.nextMarker);
  }

  modifyListener(arn: string, changes: ListenerChanges): Listener {
    const listener = modifyListener(this.state, arn, changes);
    this.routingChanged([listener.defaultActions]);
    return renderListener(listener);
  }

  createRule(spec: RuleSpec, tags: TagInput[] = []): Rule {
    checkTags(tags);
    const rule = createRule(this.state, this.scope, spec);
    if (tags.length > 0) addTags(this.state, [rule.arn], tags);
    this.routingChanged([rule.actions]);
    return renderRule({ kind: 'rule', rule });
  }

  describeRules(filter: { listenerArn?: string; arns?: string[] }, page: PageInput): Paged<'Rules', Rule> {
    const found = describeRules(this.state, filter, page);
    return withMarker({ Rules: found.items.map(renderRule) }, found.nextMarker);
  }

  modifyRule(arn: string, changes: { conditions?: StoredCondition[]; actions?: StoredAction[] }): Rule {
    const resolved = modifyRule(this.state, arn, changes);
    this.routingChanged([resolved.kind === 'rule' ? resolved.rule.actions : resolved.listener.defaultActions]);
    return renderRule(resolved);
  }

  // Targets (RegisterTargets, DeregisterTargets, DescribeTargetHealth, and the TargetRegistry for ECS)

  targetGroupExists(targetGroupArn: string): boolean {
    return this.state.targetGroups.has(targetGroupArn);
  }

  /** RegisterTargets' checks of target ids against the group's target type. */
  checkTargets(targetGroupArn: string, targets: { id: string; port?: number }[]): void {
    const group = targetGroup(this.state, targetGroupArn);
    checkTargetIds(group, targets);
    if (group.targetType === 'lambda') for (const target of targets) this.checkInvokePermission(targetGroupArn, target.id);
  }

  /**
   * ELB invokes a Lambda target as the elasticloadbalancing.amazonaws.com principal, so RegisterTargets fails
   * unless the function's (or alias's) policy allows that for this target group.
   */
  private checkInvokePermission(targetGroupArn: string, functionArn: string): void {
    let permissions: InvokePermissions;
    try {
      permissions = this.world.model('lambda', this.scope.account, this.scope.region);
    } catch {
      return; // a simulator serving no Lambda has nothing to check against
    }
    if (!permissions.invokeAllowed(functionArn, 'elasticloadbalancing.amazonaws.com', targetGroupArn)) {
      throw lambdaAccessDenied(functionArn, targetGroupArn);
    }
  }

  registerTargets(targetGroupArn: string, targets: SimTarget[]): void {
    const group = targetGroup(this.state, targetGroupArn);
    registerTargets(group, targets, this.scope.now(), (target) => this.isFailing(target));
  }

  deregisterTargets(targetGroupArn: string, targets: { id: string; port?: number }[]): void {
    deregisterTargets(targetGroup(this.state, targetGroupArn), targets, this.scope.now());
  }

  targetState(targetGroupArn: string, id: string, port?: number): TargetHealthState | undefined {
    this.catchUp();
    const group = this.state.targetGroups.get(targetGroupArn);
    return group === undefined ? undefined : targetStateOf(group, id, port);
  }

  describeTargetHealth(targetGroupArn: string, targets: { id: string; port?: number }[]): TargetHealthDescription[] {
    this.catchUp();
    return describeTargetHealth(targetGroup(this.state, targetGroupArn), targets);
  }

  // Tags

  addTags(arns: string[], tags: TagInput[]): void {
    for (const arn of arns) this.requireResource(arn);
    addTags(this.state, arns, tags);
  }

  removeTags(arns: string[], keys: string[]): void {
    for (const arn of arns) this.requireResource(arn);
    removeTags(this.state, arns, keys);
  }

  describeTags(arns: string[]): TagDescription[] {
    if (arns.length > maxDescribeTagsResources) {
      throw validationError(`You can specify up to ${maxDescribeTagsResources} resource ARNs in a single call`);
    }
    for (const arn of arns) this.requireResource(arn);
    return arns.map((arn) => ({ ResourceArn: arn, Tags: tagsOf(this.state, arn) }));
  }

  private requireResource(arn: string): void {
    const kind = arnKind(arn);
    if (kind === 'loadbalancer') loadBalancer(this.state, arn);
    else if (kind === 'targetgroup') targetGroup(this.state, arn);
    else if (kind === 'listener') listenerRecord(this.state, arn);
    else if (kind === 'listener-rule') resolveRule(this.state, arn);
    else throw validationError(`'${arn}' is not a valid Elastic Load Balancing resource ARN`);
  }

  /** Scenario seeding only (adopt-arns.ts): the resource `currentArn` takes `wantedArn`; returns it. */
  adoptArn(currentArn: string, wantedArn: string): string {
    switch (arnKind(currentArn)) {
      case 'targetgroup':
        return adoptTargetGroupArn(this.state, this.scope, currentArn, wantedArn);
      case 'loadbalancer':
        return adoptLoadBalancerArn(this.state, this.scope, currentArn, wantedArn);
      case 'listener':
        return adoptListenerArn(this.state, currentArn, wantedArn);
      case 'listener-rule':
        return adoptRuleArn(this.state, currentArn, wantedArn);
      default:
        throw validationError(`'${currentArn}' is not a valid Elastic Load Balancing resource ARN`);
    }
  }

  // Time, faults, traffic

  advance(now: number): void {
    if (now < this.advancedTo) return;
    this.advancedTo = now;
    const turnedHealthy = advanceTargets(this.state, now, (_group, target) => this.isFailing(target));
    const receiving = turnedHealthy.filter((group) => trafficWeight(this.state, group.arn) > 0);
    if (receiving.length > 0) this.signalTraffic(receiving.map((group) => group.arn));
  }

  snapshot(): unknown {
    this.catchUp();
    return elbv2Snapshot(this.state, this.scope.now());
  }

  private catchUp(): void {
    this.advance(Math.max(this.advancedTo, this.scope.now()));
  }

  private isFailing(target: Pick<SimTarget, 'id' | 'meta'>): boolean {
    return this.world.faults('unhealthy-targets').some((fault) => matchesTarget(fault.match, target, this.scope.region));
  }

  /** After listener or rule actions changed: groups come in or out of use, and weighted groups get traffic. */
  private routingChanged(actionLists: StoredAction[][]): void {
    syncGroupUsage(this.state, this.scope.now());
    this.signalTraffic(groupsReceivingTraffic(actionLists));
  }

  private signalTraffic(groupArns: string[]): void {
    const signal = trafficSignal(this.scope, this.state, groupArns);
    if (signal !== undefined) this.world.trafficReached(signal);
  }
}

function withMarker<T extends object>(body: T, nextMarker: string | undefined): T & { NextMarker?: string } {
  return nextMarker === undefined ? body : { ...body, NextMarker: nextMarker };
}
