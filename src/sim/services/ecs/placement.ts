/**
 * Where a new task goes: launch type or capacity provider, and whether Fargate has room for it.
 * Capacity provider strategy (base, then weight): https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html
 */
import type { CapacityProviderStrategyItem, LaunchType } from '@aws-sdk/client-ecs';

export type Placement =
  | { placed: true; launchType: LaunchType; capacityProviderName?: string }
  | { placed: false; reason: 'no-container-instance' | 'capacity-unavailable'; capacityProviderName?: string };

export interface PlacementInput {
  launchType?: LaunchType;
  strategy?: CapacityProviderStrategyItem[];
  /** Active tasks of the same group (deployment or task set) per capacity provider. */
  groupCounts: Record<string, number>;
  /** Active FARGATE_SPOT tasks in the region, and the limit a `spot-capacity` fault sets (undefined: none). */
  spotInUse: number;
  spotLimit?: number;
}

export function placeTask(input: PlacementInput): Placement {
  if (input.strategy && input.strategy.length > 0) {
    const provider = pickCapacityProvider(input.strategy, input.groupCounts);
    if (provider === 'FARGATE') return { placed: true, launchType: 'FARGATE', capacityProviderName: provider };
    if (provider === 'FARGATE_SPOT') {
      // ECS does not fall back to FARGATE when Spot has no capacity: the task stays unplaced and is retried.
      if (input.spotLimit !== undefined && input.spotInUse >= input.spotLimit) {
        return { placed: false, reason: 'capacity-unavailable', capacityProviderName: provider };
      }
      return { placed: true, launchType: 'FARGATE', capacityProviderName: provider };
    }
    return { placed: false, reason: 'no-container-instance' };
  }
  if (input.launchType === 'FARGATE') return { placed: true, launchType: 'FARGATE' };
  // EC2 and EXTERNAL need registered container instances, and the simulator has none.
  return { placed: false, reason: 'no-container-instance' };
}

/**
 * The provider for the next task of a group: first the one whose `base` is not met yet, then the one
 * furthest below its share by `weight` (ties go to the earlier item in the strategy).
 */
function pickCapacityProvider(strategy: CapacityProviderStrategyItem[], counts: Record<string, number>): string | undefined {
  for (const item of strategy) {
    const name = item.capacityProvider ?? '';
    if ((item.base ?? 0) > (counts[name] ?? 0)) return name;
  }
  let best: string | undefined;
  let bestLoad = Infinity;
  for (const item of strategy) {
    const name = item.capacityProvider ?? '';
    const weight = item.weight ?? 0;
    if (weight <= 0) continue;
    const beyondBase = Math.max(0, (counts[name] ?? 0) - (item.base ?? 0));
    const load = (beyondBase + 1) / weight;
    if (load < bestLoad) {
      bestLoad = load;
      best = name;
    }
  }
  // Only base-carrying providers with weight 0 are left: ECS keeps placing on them.
  return best ?? strategy.find((item) => (item.base ?? 0) > 0)?.capacityProvider;
}

/** Validates a strategy the way CreateService / CreateTaskSet do; returns an error message or undefined. */
export function strategyProblem(strategy: CapacityProviderStrategyItem[]): string | undefined {
  if (strategy.length > 20) return 'The capacity provider strategy can contain a maximum of 20 capacity providers.';
  const names = strategy.map((s) => s.capacityProvider ?? '');
  if (new Set(names).size !== names.length) return 'The capacity provider strategy cannot contain a capacity provider more than once.';
  if (strategy.filter((s) => (s.base ?? 0) > 0).length > 1) {
    return 'A capacity provider strategy can only have one capacity provider with a base value.';
  }
  if (!strategy.some((s) => (s.weight ?? 0) > 0)) {
    return 'The capacity provider strategy must have at least one capacity provider with a weight greater than 0.';
  }
  if (strategy.some((s) => (s.base ?? 0) < 0 || (s.base ?? 0) > 100000 || (s.weight ?? 0) < 0 || (s.weight ?? 0) > 1000)) {
    return 'The capacity provider strategy base must be between 0 and 100000 and weight between 0 and 1000.';
  }
  return undefined;
}
