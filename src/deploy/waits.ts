/**
 * The one polling helper. Strategies never sleep on their own: they describe what "done" means and this
 * examines it on the clock until it is done, has failed, times out, or the run is interrupted.
 */
import type { Clock } from '../clock.js';
import { isTransient } from './port-error.js';

/**
 * What one look found. A failure carries the caller's own reason `F` (a sentence by default, or typed data such as
 * the breaker's counts), which the wait hands back as it is: nothing is encoded into a string and parsed again.
 */
export type Check<T, F = string> = { status: 'done'; value: T } | { status: 'pending' } | { status: 'failed'; reason: F };

export type WaitOutcome<T, F = string> = { kind: 'done'; value: T } | { kind: 'failed'; reason: F } | { kind: 'timeout' } | { kind: 'aborted' };

export interface WaitOptions<T, F = string> {
  clock: Clock;
  /** Interrupts the wait (SIGINT/SIGTERM); the caller then takes its rollback path. Absent = cannot be interrupted. */
  signal?: AbortSignal;
  intervalMs: number;
  timeoutMs: number;
  /**
   * Examined at once, then every `intervalMs`, until it answers done or failed. A throttled or 5xx read is a look
   * that found nothing new, not a failure: the wait goes on until its timeout.
   */
  check: (elapsedMs: number) => Promise<Check<T, F>>;
}

export async function waitFor<T, F = string>(options: WaitOptions<T, F>): Promise<WaitOutcome<T, F>> {
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

async function examine<T, F>(check: (elapsedMs: number) => Promise<Check<T, F>>, elapsed: number): Promise<Check<T, F>> {
  try {
    return await check(elapsed);
  } catch (error) {
    if (isTransient(error)) return { status: 'pending' };
    throw error;
  }
}
