/**
 * "A gitmoxi run is driving this unit": the `gitmoxi:lock` tag (the same tag and value format as the blue/green
 * service lock), on an ECS rolling service or a Lambda function while a run deploys it, renewed while it runs,
 * removed when it ends, whatever the ending. The engine's guard takes it before the strategy reads the unit, by
 * writing it and reading it back (tag-lock.ts), so that of two runs that start together exactly one drives the unit
 * and the other waits for it. A mark nobody renews any more (a run that was killed) expires, and the next run
 * supersedes what it left instead of waiting for a deployment that will never finish.
 */
import type { UnitContext } from './context.js';
import { newLockOwner } from './ecs-bluegreen/service-lock.js';
import type { Tags } from './ports/tagging-port.js';
import { persist } from './retry-budget.js';
import { heldByOther, lockTagKey, lockTtlMs, lockValue, releaseLock, takeLock, type LockedResource } from './tag-lock.js';

const renewEveryMs = 60 * 1000;

export interface DriverMark {
  readonly owner: string;
  /** Stops renewing and removes the mark if it is still this run's. */
  stop(): Promise<void>;
}

export type MarkedResource = { platform: 'ecs'; arn: string } | { platform: 'lambda'; arn: string };

export type MarkAttempt = { kind: 'taken'; mark: DriverMark } | { kind: 'lost' } | { kind: 'gone' };

/**
 * Takes the mark unless another live run holds it: reads the tags (`readTags`, null when the resource is gone),
 * writes this run's mark, settles, reads it back. A mark this run wrote but does not hold is removed again.
 */
export async function takeDriverMark(ctx: UnitContext, resource: MarkedResource, readTags: () => Promise<Tags | null>): Promise<MarkAttempt> {
  const owner = newLockOwner(ctx.commit);
  const locked = lockedResource(ctx, resource, readTags);
  const readAt = ctx.clock.now();
  const tags = await readTags();
  if (tags === null) return { kind: 'gone' };
  if (heldByOther(tags, owner, ctx.clock.now()) !== null) return { kind: 'lost' };
  const taken = await takeLock(ctx.clock, locked, owner, readAt);
  if (taken.kind === 'taken') return { kind: 'taken', mark: renewing(ctx, locked, owner) };
  await persist(ctx, `removing this run's ${lockTagKey} tag`, () => releaseLock(locked, owner));
  return taken.kind === 'gone' ? { kind: 'gone' } : { kind: 'lost' };
}

/**
 * `work` with the mark on the resource for as long as it runs: the mark the guard took for this run
 * (`ctx.prefetched.driverMark`, which the guard removes), else one written here and removed afterwards.
 */
export async function withDriverMark<T>(ctx: UnitContext, resource: MarkedResource, work: () => Promise<T>): Promise<T> {
  if (ctx.prefetched?.driverMark !== undefined) return work();
  const owner = newLockOwner(ctx.commit);
  // Without the guard's read there is nothing to compare with: the mark is written, and removed whatever it says.
  const locked = lockedResource(ctx, resource, async () => ({ [lockTagKey]: lockValue(owner, ctx.clock.now() + lockTtlMs) }));
  await locked.writeLock(lockValue(owner, ctx.clock.now() + lockTtlMs)).catch(() => undefined);
  const mark = renewing(ctx, locked, owner);
  try {
    return await work();
  } finally {
    await mark.stop();
  }
}

function renewing(ctx: UnitContext, locked: LockedResource, owner: string): DriverMark {
  const stopped = new AbortController();
  const loop = (async () => {
    while (!stopped.signal.aborted) {
      try {
        await ctx.clock.sleep(renewEveryMs, stopped.signal);
      } catch {
        return;
      }
      if (!stopped.signal.aborted) await locked.writeLock(lockValue(owner, ctx.clock.now() + lockTtlMs)).catch(() => undefined);
    }
  })();
  return {
    owner,
    async stop() {
      stopped.abort();
      await loop;
      // A mark left behind makes the next run wait for a deployment that has ended.
      await persist(ctx, `removing this run's ${lockTagKey} tag`, () => releaseLock(locked, owner)).catch(() => undefined);
    },
  };
}

function lockedResource(ctx: UnitContext, resource: MarkedResource, readTags: () => Promise<Tags | null>): LockedResource {
  const { arn } = resource;
  if (resource.platform === 'ecs') {
    return {
      readTags,
      writeLock: (value) => ctx.ports.ecs.tagResource(arn, { [lockTagKey]: value }),
      removeLock: () => ctx.ports.ecs.untagResource(arn, [lockTagKey]),
    };
  }
  return {
    readTags,
    writeLock: (value) => ctx.ports.lambda.tagResource(arn, { [lockTagKey]: value }),
    removeLock: () => ctx.ports.lambda.untagResource(arn, [lockTagKey]),
  };
}
