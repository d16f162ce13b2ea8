/**
 * What may stop a traffic shift while it waits: each signal (alarms, the new version's health, the circuit
 * breaker) is a `Gate`, examined on every poll of every wait, in order, the first objection ending the wait. A new
 * signal is a new gate; the loop that shifts traffic (shift-in-steps.ts) does not change.
 */
import type { TargetHealthReport } from '../../events/results.js';

export interface FiringAlarm {
  alarmName: string;
  stateReason: string;
}

/** Why a gate stopped the shift; the strategy turns it into its failure report. */
export type GateFailure =
  | { kind: 'alarm'; alarms: FiringAlarm[] }
  /** `targets`: what the load balancer reports unhealthy among the new version's targets (may be empty). */
  | { kind: 'unhealthy'; reason: string; targets: TargetHealthReport[] }
  | { kind: 'breaker'; failed: number; threshold: number };

export interface Gate {
  /** One look; null when nothing is wrong. May throw a port error (a throttled read only delays the verdict). */
  examine(): Promise<GateFailure | null>;
}

/** A verdict on one observation: null when it has nothing to object to. */
export type Verdict<T> = (observation: T) => GateFailure | null;

/**
 * Several verdicts read from one observation per poll (one look at ECS, however many rules read it), the first
 * objection winning.
 */
export function observationGate<T>(observe: () => Promise<T>, verdicts: readonly Verdict<T>[]): Gate {
  return {
    async examine() {
      const observation = await observe();
      for (const verdict of verdicts) {
        const failure = verdict(observation);
        if (failure !== null) return failure;
      }
      return null;
    },
  };
}

/** The gates in order; the first objection, or null when none objects. */
export async function examineGates(gates: readonly Gate[]): Promise<GateFailure | null> {
  for (const gate of gates) {
    const failure = await gate.examine();
    if (failure !== null) return failure;
  }
  return null;
}
