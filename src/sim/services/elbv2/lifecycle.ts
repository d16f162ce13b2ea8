/**
 * Time-driven target health. A target in a group that a load balancer uses is health checked every
 * HealthCheckIntervalSeconds. A newly registered target turns healthy at its first passing check ("After your
 * target is registered, it must pass one health check to be considered healthy", ALB user guide, health checks
 * for your target groups); any target turns unhealthy after UnhealthyThresholdCount consecutive failures, and an
 * unhealthy one needs HealthyThresholdCount consecutive passes to come back. A group no listener or rule
 * forwards to leaves its targets unused; a deregistered target drains for the group's deregistration delay,
 * then is gone.
 * Nothing here reads the wall clock: `now` comes from the model's advance().
 */
import type { FaultSubject } from '../../fault-match.js';
import { faultMatches, parseTaskDefinitionArn } from '../../fault-match.js';
import type { FaultMatch, SimTarget, TrafficSignal } from '../../types.js';
import type { Elbv2Scope, Elbv2State, TargetGroupRecord, TargetRecord } from './state.js';
import { targetHealth } from './targets.js';
import { loadBalancersOf, trafficWeight } from './usage.js';

export type FailingCheck = (group: TargetGroupRecord, target: Pick<SimTarget, 'id' | 'meta'>) => boolean;

/**
 * Brings every target's health up to `now`. Returns the target groups in which a target turned healthy,
 * for the traffic signal.
 */
export function advanceTargets(state: Elbv2State, now: number, failing: FailingCheck): TargetGroupRecord[] {
  const turnedHealthy: TargetGroupRecord[] = [];
  for (const group of state.targetGroups.values()) {
    group.targets = group.targets.filter((target) => target.drainingUntil === undefined || now < target.drainingUntil);
    let healthy = false;
    for (const target of group.targets) {
      if (advanceTarget(group, target, now, failing(group, target))) healthy = true;
    }
    if (healthy) turnedHealthy.push(group);
  }
  return turnedHealthy;
}

/** One target's checks; returns true when it has just turned healthy. */
function advanceTarget(group: TargetGroupRecord, target: TargetRecord, now: number, failingNow: boolean): boolean {
  if (target.drainingUntil !== undefined || !group.inUse || !group.healthCheck.enabled) return false;
  const since = target.checkingSince ?? now;
  if (failingNow !== target.failing) {
    // The run of consecutive results starts again when the outcome of the checks changes.
    target.failing = failingNow;
    target.checkingSince = now;
    return false;
  }
  const wanted = failingNow ? 'unhealthy' : 'healthy';
  if (target.health === wanted) return false;
  const threshold = checksNeeded(group, target.health, failingNow);
  if (now - since < group.healthCheck.intervalSeconds * threshold * 1000) return false;
  target.health = wanted;
  return wanted === 'healthy';
}

/** Consecutive checks with the same outcome that move a target out of its current verdict. */
function checksNeeded(group: TargetGroupRecord, health: TargetRecord['health'], failingNow: boolean): number {
  if (failingNow) return group.healthCheck.unhealthyThreshold;
  return health === 'initial' ? 1 : group.healthCheck.healthyThreshold;
}

/**
 * Recomputes which groups a load balancer uses after listeners or rules changed. A group that comes into use
 * starts health checking its targets from `now`; one that falls out of use leaves them unused, and its
 * draining targets go at once (no load balancer holds connections to them).
 */
export function syncGroupUsage(state: Elbv2State, now: number): void {
  for (const group of state.targetGroups.values()) {
    const inUse = loadBalancersOf(state, group.arn).length > 0;
    if (inUse === group.inUse) continue;
    group.inUse = inUse;
    group.targets = group.targets.filter((target) => inUse || target.drainingUntil === undefined);
    for (const target of group.targets) {
      if (target.drainingUntil !== undefined) continue;
      target.health = 'initial';
      if (inUse) target.checkingSince = now;
      else delete target.checkingSince;
    }
  }
}

/** Whether a fault's match applies to a target: tasks by their meta, Lambda targets by their function ARN. */
export function matchesTarget(match: FaultMatch, target: Pick<SimTarget, 'id' | 'meta'>, region: string): boolean {
  const meta = target.meta ?? {};
  const subject: FaultSubject = { region };
  if (meta.family !== undefined && meta.revision !== undefined) {
    subject.taskDefinitions = [{ family: meta.family, revision: meta.revision }];
  } else if (meta.taskDefinitionArn !== undefined) {
    const parsed = parseTaskDefinitionArn(meta.taskDefinitionArn);
    if (parsed !== undefined) subject.taskDefinitions = [parsed];
  }
  if (meta.image !== undefined) subject.images = [meta.image];
  if (target.id.startsWith('arn:aws:lambda:')) {
    // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
    const qualifier = target.id.split(':')[7];
    subject.functionName = target.id;
    if (qualifier !== undefined) subject.version = qualifier;
  }
  return faultMatches(match, subject);
}

/**
 * The targets that receive a group's traffic: its healthy targets, or, when none is healthy, its unhealthy
 * ones ("If a target group contains only unhealthy registered targets, the load balancer routes requests to
 * all those targets, regardless of their health status", ALB user guide, health checks).
 */
function receivingTargets(group: TargetGroupRecord): TargetRecord[] {
  const live = group.targets.map((target) => ({ target, state: targetHealth(group, target).State }));
  const healthy = live.filter((entry) => entry.state === 'healthy');
  const chosen = healthy.length > 0 ? healthy : live.filter((entry) => entry.state === 'unhealthy');
  return chosen.map((entry) => entry.target);
}

/** What now receives traffic among the given groups, or undefined when no target says who it runs. */
export function trafficSignal(scope: Elbv2Scope, state: Elbv2State, groupArns: string[]): TrafficSignal | undefined {
  const taskDefinitionArns = new Set<string>();
  const images = new Set<string>();
  for (const arn of groupArns) {
    const group = state.targetGroups.get(arn);
    if (group === undefined || trafficWeight(state, arn) === 0) continue;
    for (const target of receivingTargets(group)) {
      if (target.meta?.taskDefinitionArn !== undefined) taskDefinitionArns.add(target.meta.taskDefinitionArn);
      if (target.meta?.image !== undefined) images.add(target.meta.image);
    }
  }
  if (taskDefinitionArns.size === 0 && images.size === 0) return undefined;
  return { account: scope.account, region: scope.region, taskDefinitionArns: [...taskDefinitionArns], images: [...images] };
}
