/**
 * Riding out throttling and server errors on the deployment's own Clock. The SDK tries a call a few times within
 * a moment (src/aws/clients.ts); a storm of ThrottlingException from other callers in the account lasts longer, so
 * a call that AWS throttled (or answered with a 5xx) is tried again here, with capped exponential backoff and
 * jitter, until its budget of clock time is spent. Two budgets:
 * - forward: the calls of a deployment going ahead. It gives up after a few minutes, or at once when the run is
 *   interrupted, because giving up is safe there: the failure takes the rollback path.
 * - restore: moving traffic back, rolling back, releasing a lock. Giving up there leaves traffic split or a unit
 *   locked, so it keeps trying much longer and does not stop for SIGINT/SIGTERM.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 */
import type { Clock } from '../clock.js';
import type { UnitContext } from './context.js';
import { errorLine, isTransient } from './port-error.js';

export interface RetryBudget {
  /** Clock time after the first failure during which the call is tried again. */
  totalMs: number;
  /** The first pause; each later one doubles, up to maxDelayMs, and is jittered down to half of it. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/**
 * Pauses stay short (10 s at most, jittered) because the storms that matter are other callers' bursts, which
 * end within a minute or two; the budget, not the pause, is what bounds a deployment's patience.
 */
export const forwardBudget: RetryBudget = { totalMs: 5 * 60 * 1000, firstDelayMs: 1000, maxDelayMs: 10 * 1000 };
export const restoreBudget: RetryBudget = { totalMs: 30 * 60 * 1000, firstDelayMs: 1000, maxDelayMs: 15 * 1000 };

export interface RetryOptions {
  clock: Clock;
  budget: RetryBudget;
  /** Stops the retries (the last error is thrown) once aborted; absent = not interruptible. */
  signal?: AbortSignal;
  /** Told before each pause: the error, the pause, and the attempt that failed (1-based). */
  onRetry?: (error: unknown, delayMs: number, attempt: number) => void;
  /** A random number in [0, 1): tests make the jitter predictable. */
  random?: () => number;
}

/** The pause before attempt `attempt + 1`: full exponential, capped, jittered into its upper half. */
export function backoffDelay(budget: RetryBudget, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(budget.maxDelayMs, budget.firstDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `call`, tried again while it fails with a throttled or unavailable PortError and the budget lasts. */
export async function retryTransient<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { clock, budget, signal } = options;
  let deadline: number | null = null;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isTransient(error) || signal?.aborted) throw error;
      deadline ??= clock.now() + budget.totalMs;
      const remaining = deadline - clock.now();
      if (remaining <= 0) throw error;
      const delayMs = Math.min(remaining, backoffDelay(budget, attempt, options.random));
      options.onRetry?.(error, delayMs, attempt);
      try {
        await clock.sleep(delayMs, signal);
      } catch {
        throw error;
      }
    }
  }
}

/**
 * A call the unit must not give up on (restoring traffic, rolling back, releasing a lock): the restore budget,
 * deaf to the interrupt signal, announced once when AWS first refuses it.
 */
export function persist<T>(ctx: Pick<UnitContext, 'clock' | 'emit'>, what: string, call: () => Promise<T>): Promise<T> {
  let announced = false;
  return retryTransient(call, {
    clock: ctx.clock,
    budget: restoreBudget,
    onRetry: (error) => {
      if (announced) return;
      announced = true;
      ctx.emit({ type: 'wait.started', reason: `${what}: AWS answered ${errorLine(error)}; trying again`, until: ctx.clock.now() + restoreBudget.totalMs });
    },
  });
}
