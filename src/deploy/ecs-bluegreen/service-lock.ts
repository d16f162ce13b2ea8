/**
 * One blue/green deployment of a service at a time. Two runs (a push and a poll, two pipelines) must never
 * interleave their weight changes, so the service itself carries a lock: the tag `gitmoxi:lock` with its holder
 * and an expiry, `<holder> until <ISO time>`. ECS has no conditional write, so a run takes the lock by writing the
 * tag, waiting a moment, and reading it back: of two runs that both saw the lock free, the one that wrote last
 * reads its own name back and goes on; the other reads a stranger's and waits. The holder rewrites the expiry
 * while it works; a run killed with -9 leaves a lock that expires on its own, after which the next run takes it
 * over and resumes the half-finished deployment. No other state is kept anywhere (SPEC §10).
 */
import { randomUUID } from 'node:crypto';
import type { UnitContext } from '../context.js';
import type { ServiceTarget } from '../ecs/service-target.js';
import type { Tags } from '../ports.js';
import { waitFor } from '../waits.js';

export const lockTagKey = 'gitmoxi:lock';
/** How long a lock lasts without being renewed: longer than any single AWS call with its retries. */
export const lockTtlMs = 3 * 60 * 1000;
/** The holder renews the lock once this much of it has passed. */
const renewAfterMs = 60 * 1000;
/**
 * Between writing the tag and reading it back: longer than another run's gap between reading the tag and its
 * write landing, which tryTake checks for itself (a DescribeServices and a TagResource, well under a second).
 */
const settleMs = 2 * 1000;
/** How long a run waits for another run's lock before it gives up, changing nothing. */
export const lockWaitMs = 15 * 60 * 1000;
const pollMs = 5 * 1000;

export interface LockHolder {
  owner: string;
  expiresAt: number;
}

export function lockValue(owner: string, expiresAt: number): string {
  return `${owner} until ${new Date(expiresAt).toISOString()}`;
}

export function parseLock(value: string | undefined): LockHolder | null {
  const match = /^(.+) until (\d{4}-\d\d-\d\dT[\d:.]+Z)$/.exec(value ?? '');
  if (!match?.[1] || !match[2]) return null;
  const expiresAt = Date.parse(match[2]);
  return Number.isNaN(expiresAt) ? null : { owner: match[1], expiresAt };
}

/** A name for this run: the commit it deploys and a random part, so two runs of one commit differ. */
export function newLockOwner(commit: string): string {
  return `${commit.slice(0, 12)}/${randomUUID().slice(0, 8)}`;
}

export type LockOutcome =
  | { kind: 'acquired'; lock: ServiceLock }
  | { kind: 'held'; holder: LockHolder }
  | { kind: 'gone' }
  | { kind: 'aborted' };

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

  /** Removes the tag if it is still this run's (a lock that expired may have been taken over since). */
  async release(): Promise<void> {
    const service = await this.ctx.ports.ecs.describeService(this.target.cluster, this.target.serviceName);
    if (service === null || parseLock(service.tags[lockTagKey])?.owner !== this.owner) return;
    await this.ctx.ports.ecs.untagResource(this.serviceArn, [lockTagKey]);
  }
}

/** Waits (up to lockWaitMs) until no other live run holds the service's lock, then takes it. */
export async function acquireLock(ctx: UnitContext, target: ServiceTarget, owner: string): Promise<LockOutcome> {
  // Written by the check, read after the wait: a box, since narrowing does not see assignments in callbacks.
  const seen: { holder: LockHolder | null; announced: string; backOffUntil: number } = { holder: null, announced: '', backOffUntil: 0 };
  const outcome = await waitFor<ServiceLock>({
    clock: ctx.clock,
    signal: ctx.signal,
    intervalMs: pollMs,
    timeoutMs: lockWaitMs,
    check: async () => {
      const readAt = ctx.clock.now();
      const service = await ctx.ports.ecs.describeService(target.cluster, target.serviceName);
      if (service === null) return { status: 'failed', reason: 'the service no longer exists' };
      seen.holder = heldByOther(service.tags, owner, ctx.clock.now());
      if (seen.holder !== null) {
        seen.announced = announceWait(ctx, seen.holder, seen.announced);
        return { status: 'pending' };
      }
      if (ctx.clock.now() < seen.backOffUntil) return { status: 'pending' };
      const taken = await tryTake(ctx, target, service.serviceArn, owner, readAt);
      if (taken === 'slow') seen.backOffUntil = ctx.clock.now() + renewAfterMs + settleMs;
      return taken === null || taken === 'slow' ? { status: 'pending' } : { status: 'done', value: taken };
    },
  });
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

/** The holder of a live lock (or driver mark) on these tags that is not `owner`; null when there is none. */
export function heldByOther(tags: Tags, owner: string | null, now: number): LockHolder | null {
  const holder = parseLock(tags[lockTagKey]);
  return holder !== null && holder.owner !== owner && holder.expiresAt > now ? holder : null;
}

/**
 * Writes the lock, lets other writers land, reads it back: this run's name means it holds the lock. That holds
 * only if the write landed within settleMs of the read that found the lock free (then any other run's write
 * lands before this run reads back). A slower write may have replaced a lock that another run took meanwhile:
 * 'slow' makes the caller keep off until such a holder has renewed (rewritten) its lock, then look again.
 */
async function tryTake(ctx: UnitContext, target: ServiceTarget, serviceArn: string, owner: string, readAt: number): Promise<ServiceLock | null | 'slow'> {
  const writtenAt = ctx.clock.now();
  await ctx.ports.ecs.tagResource(serviceArn, { [lockTagKey]: lockValue(owner, writtenAt + lockTtlMs) });
  if (ctx.clock.now() - readAt >= settleMs) return 'slow';
  await ctx.clock.sleep(settleMs, ctx.signal).catch(() => undefined);
  const service = await ctx.ports.ecs.describeService(target.cluster, target.serviceName);
  if (service === null || parseLock(service.tags[lockTagKey])?.owner !== owner) return null;
  return new ServiceLock(ctx, target, serviceArn, owner, writtenAt);
}

function announceWait(ctx: UnitContext, holder: LockHolder, announced: string): string {
  if (announced === holder.owner) return announced;
  ctx.emit({ type: 'wait.started', reason: `another deployment (${holder.owner}) holds the service's ${lockTagKey} tag`, until: holder.expiresAt });
  return holder.owner;
}
