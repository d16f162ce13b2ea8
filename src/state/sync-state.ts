/**
 * Whether a unit runs what the branch tip defines (docs/design.md#state), from the tags on its live resource and the
 * hash of its rendered definitions at the tip. Pure: no AWS, no git; live-state.ts reads, this decides.
 */
import { tagKeys } from '../deploy/tags.js';
import type { Tags } from '../deploy/ports/tagging-port.js';

/** `Invalid`: the unit's definitions do not render or validate at the commit, so nothing says what should run. */
export type SyncState = 'Synced' | 'OutOfSync' | 'Progressing' | 'Pinned' | 'Missing' | 'Orphaned' | 'Invalid';

/** The tag gitmoxi writes on a resource after a deployment at that commit failed (and was rolled back, if it could be). */
export const failedTagKey = 'gitmoxi:failed';

/** What runs for one unit, as far as the sync state needs it. */
export interface LiveFacts {
  tags: Tags;
  /** A deployment, task-set shift or alias shift is in flight. */
  progressing: boolean;
}

export interface SyncInput {
  /** Hash of the rendered definitions at the tip; null when the unit is not defined there. */
  tipHash: string | null;
  /** Null when nothing runs for the unit. */
  live: LiveFacts | null;
}

export function syncState({ tipHash, live }: SyncInput): SyncState {
  if (live === null) return 'Missing';
  if (tipHash === null) return 'Orphaned';
  if (live.progressing) return 'Progressing';
  if (live.tags[tagKeys.pinned] !== undefined) return 'Pinned';
  return live.tags[tagKeys.hash] === tipHash ? 'Synced' : 'OutOfSync';
}

/** What `poll` does with one defined unit. */
export type PollDecision =
  | { kind: 'in-sync' }
  | { kind: 'deploy'; unpin: boolean }
  | { kind: 'in-flight' }
  | { kind: 'pinned'; pinnedCommit: string }
  | { kind: 'failed-before'; failedCommit: string };

export interface PollInput {
  tipHash: string;
  live: LiveFacts | null;
  /** The newest commit at the tip that changed the unit's files (null when git could not say). */
  lastChange: string | null;
  /** True when `ancestor` is an ancestor of (or equal to) `descendant` in the repository. */
  isAncestor(ancestor: string, descendant: string): boolean;
  retryFailed: boolean;
}

/**
 * A pin holds until a commit newer than the pinned one changes the unit: then that commit is deployed and the pin
 * released. A failed commit is not retried until the unit changes again (or `--retry-failed`), so that a cron
 * job does not roll the same broken change out and back every few minutes.
 */
export function pollDecision(input: PollInput): PollDecision {
  const { live, tipHash, lastChange } = input;
  if (live === null) return { kind: 'deploy', unpin: false };
  if (live.progressing) return { kind: 'in-flight' };
  const pinned = live.tags[tagKeys.pinned];
  if (pinned !== undefined && pinHolds(pinned, lastChange, input.isAncestor)) return { kind: 'pinned', pinnedCommit: pinned };
  if (live.tags[tagKeys.hash] === tipHash && pinned === undefined) return { kind: 'in-sync' };
  const failed = live.tags[failedTagKey];
  if (failed !== undefined && !input.retryFailed && lastChange !== null && failed === lastChange) return { kind: 'failed-before', failedCommit: failed };
  return { kind: 'deploy', unpin: pinned !== undefined };
}

/**
 * The pin rule, shared by `poll` and `deploy`: a pin holds unless the newest commit that changed the unit
 * (`lastChange`) is another commit than the pinned one and descends from it. An unknown last change keeps the pin:
 * undoing an operator's rollback on a guess is worse than waiting for the next change.
 */
export function pinHolds(pinned: string, lastChange: string | null, isAncestor: (ancestor: string, descendant: string) => boolean): boolean {
  return lastChange === null || lastChange === pinned || !isAncestor(pinned, lastChange);
}
