/**
 * The watch of a blue/green's new side before traffic: until it is stable, with the breaker on and a Spot shortage
 * noticed. Under traffic the side is a gate of the shifting loop (new-side-gate.ts).
 */
import type { UnitContext } from '../context.js';
import type { WatchOutcome } from '../ecs/watch-service.js';
import { circuitBreakerTripped } from '../circuit-breaker.js';
import type { EcsTaskSetState } from '../ports/ecs-port.js';
import { waitFor, type Check } from '../waits.js';
import { sideStability, spotShortfall } from './side-gates.js';
import type { SideObservation, SideWatcher } from './side-watcher.js';

export type StabilityOutcome = WatchOutcome | { kind: 'shortfall'; missing: number; taskSet: EcsTaskSetState };

export interface StabilityOptions {
  timeoutMs: number;
  pollMs: number;
  breakerThreshold: number | null;
  /** Watch this task set for tasks Fargate Spot cannot place; null when there is no fallback to create. */
  spot: { taskSetId: string; graceMs: number } | null;
  /** Called on every poll (the service lock's renewal). */
  onPoll: () => Promise<void>;
  /** The tasks the side must make up to be stable, when not the service's desiredCount (a partial initial scale). */
  requiredCount?: number;
}

export async function waitForStableSide(ctx: UnitContext, watcher: SideWatcher, options: StabilityOptions): Promise<StabilityOutcome> {
  const stop = (outcome: StabilityOutcome): Check<true, StabilityOutcome> => ({ status: 'failed', reason: outcome });
  const check = async (elapsedMs: number): Promise<Check<true, StabilityOutcome>> => {
    await options.onPoll();
    const observation = await watcher.observe();
    if (observation === null) return stop({ kind: 'missing' });
    if (circuitBreakerTripped(observation.counts.failed, options.breakerThreshold)) {
      return stop({ kind: 'breaker', failed: observation.counts.failed, threshold: options.breakerThreshold ?? 0 });
    }
    const shortfall = spotShortfallOf(observation, options.spot, elapsedMs);
    if (shortfall !== null) return stop(shortfall);
    const verdict = sideStability(observation, options.requiredCount);
    watcher.seen.waitingFor = verdict.waitingFor;
    return verdict.stable ? { status: 'done', value: true } : { status: 'pending' };
  };
  const outcome = await waitFor({ clock: ctx.clock, signal: ctx.signal, intervalMs: options.pollMs, timeoutMs: options.timeoutMs, check });
  switch (outcome.kind) {
    case 'done':
      return { kind: 'stable' };
    case 'failed':
      return outcome.reason;
    case 'timeout':
      return { kind: 'timeout', waitingFor: watcher.seen.waitingFor };
    case 'aborted':
      return { kind: 'aborted' };
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

function spotShortfallOf(observation: SideObservation, spot: StabilityOptions['spot'], elapsedMs: number): StabilityOutcome | null {
  if (spot === null) return null;
  const taskSet = observation.taskSets.find((ts) => ts.id === spot.taskSetId);
  if (taskSet === undefined) return null;
  const missing = spotShortfall({
    computedDesiredCount: taskSet.computedDesiredCount,
    running: taskSet.runningCount,
    pending: taskSet.pendingCount,
    capacityShortage: observation.capacityShortage,
    elapsedMs,
    graceMs: spot.graceMs,
  });
  return missing > 0 ? { kind: 'shortfall', missing, taskSet } : null;
}
