/**
 * Which task set is which, read from the service alone (no other state: docs/design.md#state). The PRIMARY task set
 * defines the live target groups; a task set in the live target groups belongs to the old side (the primary and, after
 * a Spot shortage, its fallback); one in their partners belongs to the new side (a blue/green in progress, or one that
 * a crash left behind); anything else is a stray. Task sets being deleted (DRAINING) are ignored. Pure.
 */
import type { EcsServiceState, EcsTaskSetState } from '../ports/ecs-port.js';
import type { ShiftMap } from '../shifting/listener-weights.js';

export interface Sides {
  primary: EcsTaskSetState;
  /** The primary first, then task sets sharing its target groups. */
  old: EcsTaskSetState[];
  /** Task sets in the partners of the live target groups. */
  fresh: EcsTaskSetState[];
  stray: EcsTaskSetState[];
  /** Live target group → partner, for every live target group that is in a pair. */
  shift: ShiftMap;
  /** Live target groups without a partner in targetGroupArnPairs. */
  unpaired: string[];
}

export function targetGroupsOf(taskSet: Pick<EcsTaskSetState, 'loadBalancers'>): string[] {
  return [...new Set(taskSet.loadBalancers.flatMap((lb) => (lb.targetGroupArn === undefined ? [] : [lb.targetGroupArn])))];
}

export function liveTaskSets(service: EcsServiceState): EcsTaskSetState[] {
  return service.taskSets.filter((ts) => ts.status !== 'DRAINING');
}

/** The partner of each target group, from the depdef's pairs. */
function partnerMap(pairs: readonly (readonly [string, string])[], live: readonly string[]): { shift: Map<string, string>; unpaired: string[] } {
  const shift = new Map<string, string>();
  const unpaired: string[] = [];
  for (const arn of live) {
    const pair = pairs.find((p) => p.includes(arn));
    const partner = pair?.find((other) => other !== arn);
    if (partner === undefined) unpaired.push(arn);
    else shift.set(arn, partner);
  }
  return { shift, unpaired };
}

/** Null when the service has no live task set at all. */
export function classifyTaskSets(service: EcsServiceState, pairs: readonly (readonly [string, string])[]): Sides | null {
  const live = liveTaskSets(service);
  const primary = live.find((ts) => ts.status === 'PRIMARY');
  if (primary === undefined) return null;
  const liveGroups = targetGroupsOf(primary);
  const { shift, unpaired } = partnerMap(pairs, liveGroups);
  const partners = new Set(shift.values());
  const sides: Sides = { primary, old: [primary], fresh: [], stray: [], shift, unpaired };
  for (const taskSet of live) {
    if (taskSet === primary) continue;
    const groups = targetGroupsOf(taskSet);
    if (groups.length > 0 && groups.every((arn) => liveGroups.includes(arn))) sides.old.push(taskSet);
    else if (groups.length > 0 && groups.every((arn) => partners.has(arn))) sides.fresh.push(taskSet);
    else sides.stray.push(taskSet);
  }
  return sides;
}

/**
 * A task set to make primary when none is (a first deployment that stopped between CreateTaskSet and
 * UpdateServicePrimaryTaskSet): the one that carries traffic if the caller knows it, else the oldest.
 */
export function primaryCandidate(service: EcsServiceState, carryingTraffic: ReadonlySet<string>): EcsTaskSetState | undefined {
  const live = [...liveTaskSets(service)].sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
  return live.find((ts) => targetGroupsOf(ts).some((arn) => carryingTraffic.has(arn))) ?? live[0];
}

/** Every task set of a side runs the definitions with this hash (the externalId gitmoxi gives each task set). */
export function runsDefinitions(taskSets: readonly EcsTaskSetState[], hash: string | null): boolean {
  return hash !== null && taskSets.length > 0 && taskSets.every((ts) => ts.externalId === hash);
}

/**
 * Nothing in flight: one primary task set (plus, after a Spot shortage, its fallback in the same target groups),
 * every task running, together exactly the service's desiredCount.
 */
export function isSettled(service: EcsServiceState): boolean {
  const live = liveTaskSets(service);
  const primary = live.find((ts) => ts.status === 'PRIMARY');
  // A task set being deleted (DRAINING) no longer takes traffic nor counts: it is not in flight.
  if (primary === undefined) return false;
  const groups = targetGroupsOf(primary).sort().join(' ');
  const total = live.reduce((sum, ts) => sum + ts.computedDesiredCount, 0);
  return (
    live.every((ts) => targetGroupsOf(ts).sort().join(' ') === groups && ts.runningCount === ts.computedDesiredCount && ts.pendingCount === 0) &&
    total === service.desiredCount
  );
}
