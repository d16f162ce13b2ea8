/**
 * The new side of a blue/green as a gate under traffic: one observation per poll, read by the circuit breaker and
 * then by the health rule (no unhealthy target, no task failed since the shift began, all tasks healthy).
 */
import { circuitBreakerTripped } from '../circuit-breaker.js';
import { observationGate, type Gate, type Verdict } from '../shifting/gate.js';
import { sideHealthProblem } from './side-gates.js';
import type { SideObservation, SideWatcher } from './side-watcher.js';

export interface NewSideGateOptions {
  /** Failed tasks that trip the breaker; null = breaker off. */
  breakerThreshold: number | null;
  /** Failed tasks of the new side seen before the shifting began: only later ones count against its health. */
  failedBefore: number;
}

export function newSideGate(watcher: SideWatcher, options: NewSideGateOptions): Gate {
  return observationGate(() => watcher.observe(), [serviceGone, breaker(options.breakerThreshold), health(options.failedBefore)]);
}

const serviceGone: Verdict<SideObservation | null> = (observation) =>
  observation === null ? { kind: 'unhealthy', reason: 'the service no longer exists', targets: [] } : null;

function breaker(threshold: number | null): Verdict<SideObservation | null> {
  return (observation) =>
    observation !== null && circuitBreakerTripped(observation.counts.failed, threshold)
      ? { kind: 'breaker', failed: observation.counts.failed, threshold: threshold ?? 0 }
      : null;
}

function health(failedBefore: number): Verdict<SideObservation | null> {
  return (observation) => {
    const problem = observation === null ? null : sideHealthProblem(observation, failedBefore);
    return observation === null || problem === null ? null : { kind: 'unhealthy', reason: problem, targets: observation.unhealthy };
  };
}
