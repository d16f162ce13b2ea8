/**
 * One blue/green deployment of a service at a time. Two runs (a push and a poll, two pipelines) must never
 * interleave their weight changes, so the service itself carries a lock: the tag `gitmoxi:lock` with its holder
 * and an expiry, `<holder> until <ISO time>`, taken by writing it and reading it back (tag-lock.ts). The holder
 * rewrites the expiry while it works and removes the tag when it ends, whatever the ending; a run killed with -9
 * leaves a lock that expires on its own, after which the next run takes it over and resumes the half-finished
 * deployment. No other state is kept anywhere (docs/design.md#state).
 */
import { randomUUID } from 'node:crypto';
import type { UnitContext } from '../context.js';
import type { ServiceTarget } from '../ecs/service-target.js';
import type { Tags } from '../ports/tagging-port.js';
import { persist } from '../retry-budget.js';
import { heldByOther, lockTagKey, lockTtlMs, lockValue, releaseLock, takeLock, type LockedResource, type LockHolder } from '../tag-lock.js';
import { waitFor } from '../waits.js';

export { heldByOther, lockTagKey, lockTtlMs, lockValue, parseLock } from '../tag-lock.js';

/** The holder renews the lock once this much of it has passed. */
const renewAfterMs = 60 * 1000;
/** How long a run waits for another run's lock before it gives up, changing nothing. */
export const lockWaitMs = 15 * 60 * 1000;
const pollMs = 5 * 1000;

/** A name for this run: the commit it deploys and a random part, so two runs of one commit differ. */
export function newLockOwner(commit: string): string {
  return `${commit.slice(0, 12)}/${randomUUID().slice(0, 8)}`;
}

export type LockOutcome = { kind: 'acquired'; lock: ServiceLock } | { kind: 'held'; holder: LockHolder } | { kind: 'gone' } | { kind: 'aborted' };

export class ServiceLock {
  constructor(
    private readonly ctx: UnitContext,
    private readonly target: ServiceTarget,
    readonly serviceArn: string,
    readonly owner: string,
    private writtenAt: number,
  ) {}

  /** Tags to put on a service this run creates: the lock is taken with the creation itself. */
  static creationTags(owner: string, now: number): Tags {
    return { [lockTagKey]: lockValue(owner, now + lockTtlMs) };
  }

  /** Pushes the expiry forward when due. Best effort: a failed renewal leaves the lock valid until it expires. */
  async renew(): Promise<void> {
    const now = this.ctx.clock.now();
    if (now - this.writtenAt < renewAfterMs) return;
    try {
      await this.ctx.ports.ecs.tagResource(this.serviceArn, { [lockTagKey]: lockValue(this.owner, now + lockTtlMs) });
      this.writtenAt = now;
    } catch {
      // The next check tries again; the lock stays valid for lockTtlMs after the last successful write.
    }
  }

  /** Removes the tag if it is still this run's, trying through throttling: a lock left behind blocks the next run. */
  release(): Promise<void> {
    return persist(this.ctx, `releasing the ${lockTagKey} tag of service ${this.target.serviceName}`, () =>
      releaseLock(lockedService(this.ctx, this.target, this.serviceArn), this.owner),
    );
  }
}

/** The service as the tag lock sees it. */
function lockedService(ctx: UnitContext, target: ServiceTarget, serviceArn: string): LockedResource {
  return {
    readTags: async () => (await ctx.ports.ecs.describeService(target.cluster, target.serviceName))?.tags ?? null,
    writeLock: (value) => ctx.ports.ecs.tagResource(serviceArn, { [lockTagKey]: value }),
    removeLock: () => ctx.ports.ecs.untagResource(serviceArn, [lockTagKey]),
  };
}

/**
 * Waits (up to lockWaitMs) until no other live run holds the service's lock, then takes it. Whatever the outcome,
 * a tag this run wrote and does not hold is not left behind.
 */
export async function acquireLock(ctx: UnitContext, target: ServiceTarget, owner: string): Promise<LockOutcome> {
  // Written by the check, read after the wait: a box, since narrowing does not see assignments in callbacks.
  const seen: { holder: LockHolder | null; announced: string; serviceArn: string | null } = { holder: null, announced: '', serviceArn: null };
  const outcome = await waitFor<ServiceLock>({
    clock: ctx.clock,
    signal: ctx.signal,
    intervalMs: pollMs,
    timeoutMs: lockWaitMs,
    check: async () => {
      const readAt = ctx.clock.now();
      const service = await ctx.ports.ecs.describeService(target.cluster, target.serviceName);
      if (service === null) return { status: 'failed', reason: 'the service no longer exists' };
      seen.serviceArn = service.serviceArn;
      seen.holder = heldByOther(service.tags, owner, ctx.clock.now());
      if (seen.holder !== null) {
        seen.announced = announceWait(ctx, seen.holder, seen.announced);
        return { status: 'pending' };
      }
      const taken = await takeLock(ctx.clock, lockedService(ctx, target, service.serviceArn), owner, readAt);
      if (taken.kind === 'gone') return { status: 'failed', reason: 'the service no longer exists' };
      if (taken.kind === 'lost') {
        seen.holder = taken.holder;
        return { status: 'pending' };
      }
      return { status: 'done', value: new ServiceLock(ctx, target, service.serviceArn, owner, taken.writtenAt) };
    },
  });
  const { serviceArn } = seen;
  if (outcome.kind !== 'done' && serviceArn !== null) {
    // A write of this run that landed after its read-back must not hold the service for lockTtlMs.
    await persist(ctx, `releasing the ${lockTagKey} tag of service ${target.serviceName}`, () =>
      releaseLock(lockedService(ctx, target, serviceArn), owner),
    ).catch(() => undefined);
  }
  switch (outcome.kind) {
    case 'done':
      return { kind: 'acquired', lock: outcome.value };
    case 'aborted':
      return { kind: 'aborted' };
    case 'failed':
      return { kind: 'gone' };
    case 'timeout':
      return { kind: 'held', holder: seen.holder ?? { owner: 'another deployment', expiresAt: ctx.clock.now() } };
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

function announceWait(ctx: UnitContext, holder: LockHolder, announced: string): string {
  if (announced === holder.owner) return announced;
  ctx.emit({ type: 'wait.started', reason: `another deployment (${holder.owner}) holds the service's ${lockTagKey} tag`, until: holder.expiresAt });
  return holder.owner;
}
