/**
 * Where traffic is split between the old and the new version: listener and rule weights of a load balancer
 * (elb-listener-router.ts) or an alias's version weights (lambda-alias-router.ts). A router writes a share, reads
 * it back and reports what it read; the steps, the waits and the gates are shift-in-steps.ts's, whichever the
 * router. A new place to split traffic is a new router, not a new loop.
 */
import type { UnitContext } from '../context.js';

/** What the loop and the routers use of a unit's context: narrow, so that tests give them in-memory fakes. */
export type ShiftContext = Pick<UnitContext, 'clock' | 'signal' | 'emit'>;

/** One step of a shift: `percent` of traffic on the new version, step `step` of `steps` in the whole plan. */
export interface StepPosition {
  step: number;
  steps: number;
  percent: number;
}

export type RouterWrite = { ok: true } | { ok: false; reason: string };

export interface TrafficRouter {
  /**
   * Puts `position.percent` of traffic on the new version and reads it back; emits the router's shifted event
   * from what was read back. `ok: false` (with why) when it did not read back as written. Port errors past their
   * retries are thrown.
   */
  setPercent(position: StepPosition): Promise<RouterWrite>;
  /** Every request back on the old version, read back. Not interruptible: a rollback waits for it. */
  restore(): Promise<RouterWrite>;
}
