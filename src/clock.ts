/**
 * Time, as the deployment engine and the simulator see it. Nothing under deploy/ or sim/ reads Date.now() or
 * calls setTimeout directly: they take a Clock, so tests can drive time and the simulator can run faster.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => realSleep(ms, signal),
};

/** A clock that runs `scale` times faster than real time, starting at `start` (default: now). */
export function scaledClock(scale: number, start: number = Date.now()): Clock & { readonly scale: number } {
  if (!(scale > 0)) throw new RangeError(`time scale must be positive, got ${scale}`);
  const realStart = Date.now();
  return {
    scale,
    now: () => start + (Date.now() - realStart) * scale,
    sleep: (ms, signal) => realSleep(ms / scale, signal),
  };
}

/** A clock that moves only when told to; sleepers wake in time order as it advances. */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: { until: number; resolve: () => void }[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const sleeper = { until: this.current + Math.max(0, ms), resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Moves time forward by `ms`, waking every sleeper whose time has come, in order. */
  advance(ms: number): void {
    this.set(this.current + ms);
  }

  set(time: number): void {
    if (time < this.current) throw new RangeError('a manual clock does not go backwards');
    this.current = time;
    const due = this.sleepers.filter((s) => s.until <= time).sort((a, b) => a.until - b.until);
    this.sleepers = this.sleepers.filter((s) => s.until > time);
    for (const sleeper of due) sleeper.resolve();
  }

  /** Settles `work`, moving time on by `stepMs` whenever it (or anything else) sleeps: a test's stand-in for waiting. */
  async drive<T>(work: Promise<T>, stepMs: number): Promise<T> {
    let done = false;
    const result = work.finally(() => {
      done = true;
    });
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.sleepers.length > 0) this.advance(stepMs);
    }
    return result;
  }

  /** How many sleepers are waiting: lets tests advance only once the code under test is waiting. */
  get waiting(): number {
    return this.sleepers.length;
  }
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
