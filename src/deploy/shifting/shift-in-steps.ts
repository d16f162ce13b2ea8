/**
 * The one traffic-shifting loop, whichever the router (ELB listener weights, a Lambda alias) and the strategy
 * (CANARY, LINEAR, ALL_AT_ONCE: the percents come from src/plan/linear-canary-steps.ts). For each step: write the share
 * through the router and read it back, then wait `waitMs` with every gate examined on every poll, so a problem
 * ends the wait at once instead of at its end. The ending says what stopped it and where; the strategy turns it
 * into its report and takes its rollback path, so the loop never rolls back itself.
 */
import { waitFor, waitForDuration, type Check } from '../waits.js';
import { examineGates, type Gate, type GateFailure } from './gate.js';
import type { ShiftContext, StepPosition, TrafficRouter } from './traffic-router.js';

export interface TrafficShift {
  router: TrafficRouter;
  /** Cumulative percents of traffic on the new version still to take, ending at 100. */
  steps: readonly number[];
  /** Where the first of `steps` is in the whole plan (1-based), and how many steps the plan has: a resumed shift. */
  firstStep?: number;
  totalSteps?: number;
  /** The wait after each step (the last one included). */
  waitMs: number;
  /** How often the gates are examined during a wait. */
  pollMs: number;
  /** Examined on every poll of every wait, in order. */
  gates: readonly Gate[];
  /** Examined once before any traffic moves: a version whose alarm already fires never gets traffic. */
  gatesBefore?: readonly Gate[];
  /** Called on every poll before the gates (a lock's renewal). */
  onPoll?: () => Promise<void>;
  /** The progress texts: the `unit.phase` detail of a step, the `wait.started` reason after it. */
  describe: { step(position: StepPosition): string; wait(position: StepPosition): string };
}

/**
 * Where a shift stopped: before any traffic moved (`gatesBefore`), before a step (an interrupt), while writing
 * it, or in the wait after it.
 */
export type StopPlace = 'before-shifting' | 'before-step' | 'writing' | 'waiting';

type ShiftStop =
  | GateFailure
  | { kind: 'aborted' }
  /** The router's write did not read back as written. */
  | { kind: 'unwritten'; reason: string }
  /** A port call failed past its retries; traffic may be split. */
  | { kind: 'error'; error: unknown };

export type ShiftEnding =
  | { kind: 'shifted' }
  /** `position`: the step it stopped at; null when it stopped before the first one started. */
  | { kind: 'stopped'; stop: ShiftStop; at: StopPlace; position: StepPosition | null };

export async function shiftInSteps(ctx: ShiftContext, shift: TrafficShift): Promise<ShiftEnding> {
  const firstStep = shift.firstStep ?? 1;
  const steps = shift.totalSteps ?? shift.steps.length;
  let at: StopPlace = 'before-shifting';
  let position: StepPosition | null = null;
  const stopped = (stop: ShiftStop): ShiftEnding => {
    emitGateFailure(ctx, stop);
    return { kind: 'stopped', stop, at, position };
  };
  try {
    const before = await examineGates(shift.gatesBefore ?? []);
    if (before !== null) return stopped(before);
    for (const [index, percent] of shift.steps.entries()) {
      position = { step: firstStep + index, steps, percent };
      at = 'before-step';
      if (ctx.signal.aborted) return stopped({ kind: 'aborted' });
      ctx.emit({ type: 'unit.phase', phase: 'shift', detail: shift.describe.step(position) });
      at = 'writing';
      const written = await shift.router.setPercent(position);
      if (!written.ok) return stopped({ kind: 'unwritten', reason: written.reason });
      at = 'waiting';
      const waited = await waitWatched(ctx, shift, position);
      if (waited !== null) return stopped(waited);
    }
  } catch (error) {
    return stopped({ kind: 'error', error });
  }
  return { kind: 'shifted' };
}

/** The wait after a step; null when it ran its course with no gate objecting. */
async function waitWatched(ctx: ShiftContext, shift: TrafficShift, position: StepPosition): Promise<GateFailure | { kind: 'aborted' } | null> {
  ctx.emit({ type: 'wait.started', reason: shift.describe.wait(position), until: ctx.clock.now() + shift.waitMs });
  if (shift.gates.length === 0 && shift.onPoll === undefined) {
    return (await waitForDuration(ctx.clock, shift.waitMs, ctx.signal)) ? null : { kind: 'aborted' };
  }
  const check = async (): Promise<Check<never, GateFailure>> => {
    await shift.onPoll?.();
    const failure = await examineGates(shift.gates);
    return failure === null ? { status: 'pending' } : { status: 'failed', reason: failure };
  };
  const outcome = await waitFor({ clock: ctx.clock, signal: ctx.signal, intervalMs: shift.pollMs, timeoutMs: shift.waitMs, check });
  switch (outcome.kind) {
    case 'timeout':
    case 'done':
      return null;
    case 'aborted':
      return { kind: 'aborted' };
    case 'failed':
      return outcome.reason;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** What a gate saw, as it is reported: each firing alarm, a tripped breaker. */
function emitGateFailure(ctx: ShiftContext, stop: ShiftStop): void {
  if (stop.kind === 'alarm') for (const alarm of stop.alarms) ctx.emit({ type: 'alarm.fired', alarmName: alarm.alarmName, stateReason: alarm.stateReason });
  if (stop.kind === 'breaker') ctx.emit({ type: 'breaker.tripped', failed: stop.failed, threshold: stop.threshold });
}
