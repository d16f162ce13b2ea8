/**
 * The one polling helper. Strategies never sleep on their own: they describe what "done" means and this
 * examines it on the clock until it is done, has failed, times out, or the run is interrupted.
 */
import type { Clock } from '../clock.js';
import { isTransient } from './port-error.js';

export type Check<T> = { status: 'done'; value: T } | { status: 'pending' } | { status: 'failed'; reason: string };

export type WaitOutcome<T> = { kind: 'done'; value: T } | { kind: 'failed'; reason: string } | { kind: 'timeout' } | { kind: 'aborted' };

export interface WaitOptions<T> {
  clock: Clock;
  /** Interrupts the wait (SIGINT/SIGTERM); the caller then takes its rollback path. Absent = cannot be interrupted. */
  signal?: AbortSignal;
  intervalMs: number;
  timeoutMs: number;
  /**
   * Examined at once, then every `intervalMs`, until it answers done or failed. A throttled or 5xx read is a look
   * that found nothing new, not a failure: the wait goes on until its timeout.
   */
  check: (elapsedMs: number) => Promise<Check<T>>;
}

export async function waitFor<T>(options: WaitOptions<T>): Promise<WaitOutcome<T>> {
  const start = options.clock.now();
  for (;;) {
    if (options.signal?.aborted) return { kind: 'aborted' };
    const elapsed = options.clock.now() - start;
    const verdict = await examine(options.check, elapsed);
    if (verdict.status === 'done') return { kind: 'done', value: verdict.value };
    if (verdict.status === 'failed') return { kind: 'failed', reason: verdict.reason };
    const remaining = options.timeoutMs - (options.clock.now() - start);
    if (remaining <= 0) return { kind: 'timeout' };
    try {
      await options.clock.sleep(Math.min(options.intervalMs, remaining), options.signal);
    } catch {
      return { kind: 'aborted' };
    }
  }
}

/** Sleeps for `ms` of clock time; false when interrupted first. */
export async function waitForDuration(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  try {
    await clock.sleep(ms, signal);
    return true;
  } catch {
    return false;
  }
}

async function examine<T>(check: (elapsedMs: number) => Promise<Check<T>>, elapsed: number): Promise<Check<T>> {
  try {
    return await check(elapsed);
  } catch (error) {
    if (isTransient(error)) return { status: 'pending' };
    throw error;
  }
}
