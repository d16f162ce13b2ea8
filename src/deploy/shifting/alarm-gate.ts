/**
 * The wait after each traffic step (`waitInterval`, docs/design.md#settings): the alarms are examined at once and then
 * every few seconds until the interval has passed; any alarm in ALARM ends the wait as a failure.
 */
import type { UnitContext } from '../context.js';
import { waitFor, waitForDuration } from '../waits.js';

export type AlarmWatch =
  | { kind: 'passed' }
  | { kind: 'alarm'; alarms: { alarmName: string; stateReason: string }[] }
  | { kind: 'aborted' };

/** At most this long between two looks at the alarms: CloudWatch evaluates them every minute or faster. */
const alarmPollMs = 10_000;

export async function watchAlarms(ctx: UnitContext, alarmNames: readonly string[], durationMs: number, reason: string): Promise<AlarmWatch> {
  ctx.emit({ type: 'wait.started', reason, until: ctx.clock.now() + durationMs });
  if (alarmNames.length === 0) return (await waitForDuration(ctx.clock, durationMs, ctx.signal)) ? { kind: 'passed' } : { kind: 'aborted' };
  let firing: { alarmName: string; stateReason: string }[] = [];
  const outcome = await waitFor({
    clock: ctx.clock,
    signal: ctx.signal,
    intervalMs: Math.min(alarmPollMs, durationMs),
    timeoutMs: durationMs,
    check: async () => {
      firing = (await ctx.ports.alarms.firingAlarms(alarmNames)).firing;
      return firing.length > 0 ? { status: 'failed', reason: 'alarm' } : { status: 'pending' };
    },
  });
  switch (outcome.kind) {
    case 'timeout':
    case 'done':
      return { kind: 'passed' };
    case 'aborted':
      return { kind: 'aborted' };
    case 'failed':
      for (const alarm of firing) ctx.emit({ type: 'alarm.fired', alarmName: alarm.alarmName, stateReason: alarm.stateReason });
      return { kind: 'alarm', alarms: firing };
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** Alarms named in the settings that CloudWatch does not have: watching them would watch nothing. */
export async function missingAlarms(ctx: UnitContext, alarmNames: readonly string[]): Promise<string[]> {
  if (alarmNames.length === 0) return [];
  return (await ctx.ports.alarms.firingAlarms(alarmNames)).missing;
}
