/**
 * Taking the `gitmoxi:lock` tag of a resource without a conditional write (neither ECS nor Lambda has one): write
 * this run's name, let other writers land, read it back. Of two runs that both found the tag free, the one that
 * wrote last reads its own name back and goes on; the other reads a stranger's and waits.
 *
 * That is safe when every other run's write lands before this run reads back. Another run's write lands at most its
 * own read-to-write time after it found the tag free, and it found it free before this run's write landed; so the
 * settle after this run's write is measured, not fixed: a multiple of what this run's own read and write just took
 * (runs against the same endpoint see the same latency), and never under two seconds. A slow TagResource makes
 * the settle longer; it never makes the run give up on a lock it wrote (docs/resilience.md).
 */
import type { Clock } from '../clock.js';
import type { Tags } from './ports/tagging-port.js';

export const lockTagKey = 'gitmoxi:lock';
/** How long a lock lasts without being renewed: longer than any single AWS call with its retries. */
export const lockTtlMs = 3 * 60 * 1000;
/** The shortest settle, for a fast endpoint. */
const minSettleMs = 2 * 1000;
/** The settle is this many times the read-to-write time this run measured. */
const settleFactor = 3;
/** Past this, the write took so long that the lock may have expired under another run: a renewal decides. */
const maxSettleMs = 60 * 1000;

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

/** The holder of a live lock (or driver mark) on these tags that is not `owner`; null when there is none. */
export function heldByOther(tags: Tags, owner: string | null, now: number): LockHolder | null {
  const holder = parseLock(tags[lockTagKey]);
  return holder !== null && holder.owner !== owner && holder.expiresAt > now ? holder : null;
}

/** The resource that carries the lock, as the lock sees it. */
export interface LockedResource {
  /** Its tags now; null when it no longer exists. */
  readTags(): Promise<Tags | null>;
  writeLock(value: string): Promise<void>;
  removeLock(): Promise<void>;
}

export type TakeOutcome = { kind: 'taken'; writtenAt: number } | { kind: 'lost'; holder: LockHolder | null } | { kind: 'gone' };

/** How long to let other writers land after a write that came `readToWriteMs` after the read that found the tag free. */
export function settleAfter(readToWriteMs: number): number {
  return Math.min(maxSettleMs, Math.max(minSettleMs, settleFactor * readToWriteMs));
}

/**
 * Writes the lock for `owner`, settles, reads it back. `freeReadAt` is when the read that found it free began.
 * The settle is not interruptible: a run that wrote its name must learn whether it holds the lock, to release it.
 */
export async function takeLock(clock: Clock, resource: LockedResource, owner: string, freeReadAt: number): Promise<TakeOutcome> {
  const writtenAt = clock.now();
  await resource.writeLock(lockValue(owner, writtenAt + lockTtlMs));
  await clock.sleep(settleAfter(clock.now() - freeReadAt));
  const tags = await resource.readTags();
  if (tags === null) return { kind: 'gone' };
  const holder = parseLock(tags[lockTagKey]);
  return holder?.owner === owner ? { kind: 'taken', writtenAt } : { kind: 'lost', holder };
}

/** Removes the lock if it is still `owner`'s (one that expired may have been taken over since). */
export async function releaseLock(resource: LockedResource, owner: string): Promise<void> {
  const tags = await resource.readTags();
  if (tags === null || parseLock(tags[lockTagKey])?.owner !== owner) return;
  await resource.removeLock();
}

/**
 * Whether a port call only takes, renews or releases the lock tag (tagResource or untagResource of `gitmoxi:lock`
 * alone): that changes nothing a unit serves with, and a run that stops afterwards has changed nothing.
 */
export function onlyLockTag(method: string, args: readonly unknown[]): boolean {
  const second = args[1];
  if (method === 'tagResource' && typeof second === 'object' && second !== null && !Array.isArray(second))
    return Object.keys(second).every((key) => key === lockTagKey);
  if (method === 'untagResource' && Array.isArray(second)) return second.every((key) => key === lockTagKey);
  return false;
}
