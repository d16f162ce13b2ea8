/**
 * Folds many single-item lookups into few batch calls. Concurrent deployments each poll their own service every
 * few seconds; DescribeServices takes up to 10 services of one cluster per call, so collecting the requests made
 * in the same turn of the event loop and sending one call per 10 keeps the account's DescribeServices bucket
 * (shared with every other caller) far from empty.
 */

/** One batch call: answers for the keys it found; a key without an answer resolves to undefined. */
export type BatchFetch<T> = (group: string, keys: readonly string[]) => Promise<ReadonlyMap<string, T>>;

interface Waiter<T> {
  resolve(value: T | undefined): void;
  reject(error: unknown): void;
}

export class DescribeBatcher<T> {
  /** group → key → everyone waiting for that key. */
  private pending = new Map<string, Map<string, Waiter<T>[]>>();
  private scheduled = false;

  constructor(
    private readonly fetch: BatchFetch<T>,
    private readonly maxBatch: number,
  ) {
    if (!(Number.isInteger(maxBatch) && maxBatch >= 1)) throw new RangeError(`maxBatch must be a positive integer, got ${maxBatch}`);
  }

  /** Resolves with the item, or undefined when the batch call did not return it; rejects if the call failed. */
  load(group: string, key: string): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      let keys = this.pending.get(group);
      if (!keys) {
        keys = new Map();
        this.pending.set(group, keys);
      }
      const waiters = keys.get(key) ?? [];
      waiters.push({ resolve, reject });
      keys.set(key, waiters);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: callers that await something before asking still land in the same batch.
    setImmediate(() => {
      this.scheduled = false;
      const batches = this.pending;
      this.pending = new Map();
      for (const [group, keys] of batches) {
        const all = [...keys.keys()];
        for (let start = 0; start < all.length; start += this.maxBatch) {
          void this.run(group, all.slice(start, start + this.maxBatch), keys);
        }
      }
    });
  }

  private async run(group: string, keys: string[], waiters: Map<string, Waiter<T>[]>): Promise<void> {
    try {
      const found = await this.fetch(group, keys);
      for (const key of keys) for (const waiter of waiters.get(key) ?? []) waiter.resolve(found.get(key));
    } catch (error) {
      for (const key of keys) for (const waiter of waiters.get(key) ?? []) waiter.reject(error);
    }
  }
}
