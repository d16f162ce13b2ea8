import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pinHolds, pollDecision, syncState, type LiveFacts, type PollInput } from './sync-state.js';

const live = (tags: Record<string, string>, progressing = false): LiveFacts => ({ tags, progressing });

const syncCases: [string, Parameters<typeof syncState>[0], string][] = [
  ['nothing runs', { tipHash: 'h1', live: null }, 'Missing'],
  ['same hash', { tipHash: 'h1', live: live({ 'gitmoxi:hash': 'h1' }) }, 'Synced'],
  ['other hash', { tipHash: 'h2', live: live({ 'gitmoxi:hash': 'h1' }) }, 'OutOfSync'],
  ['untagged resource', { tipHash: 'h2', live: live({}) }, 'OutOfSync'],
  ['in flight wins over hashes', { tipHash: 'h1', live: live({ 'gitmoxi:hash': 'h1' }, true) }, 'Progressing'],
  ['pinned', { tipHash: 'h2', live: live({ 'gitmoxi:hash': 'h1', 'gitmoxi:pinned': 'c2' }) }, 'Pinned'],
  ['no longer defined', { tipHash: null, live: live({ 'gitmoxi:hash': 'h1' }) }, 'Orphaned'],
];

for (const [name, input, expected] of syncCases) {
  test(`syncState: ${name} → ${expected}`, () => assert.is(syncState(input), expected));
}

// History: c1 → c2 → c3, each an ancestor of the next.
const order = ['c1', 'c2', 'c3'];
const base: PollInput = {
  tipHash: 'h3',
  live: null,
  lastChange: 'c3',
  isAncestor: (a, d) => order.indexOf(a) <= order.indexOf(d),
  retryFailed: false,
};

const pollCases: [string, Partial<PollInput>, string][] = [
  ['nothing runs: deploy', {}, 'deploy'],
  ['same hash: nothing to do', { live: live({ 'gitmoxi:hash': 'h3' }) }, 'in-sync'],
  ['other hash: deploy', { live: live({ 'gitmoxi:hash': 'h2' }) }, 'deploy'],
  ['in flight: leave it to whoever drives it', { live: live({ 'gitmoxi:hash': 'h2' }, true) }, 'in-flight'],
  ['pinned at the unit’s last change: stay', { live: live({ 'gitmoxi:hash': 'h2', 'gitmoxi:pinned': 'c3' }) }, 'pinned'],
  ['pinned at a newer commit than the last change: stay', { lastChange: 'c2', live: live({ 'gitmoxi:hash': 'h1', 'gitmoxi:pinned': 'c3' }) }, 'pinned'],
  ['a newer commit changed the unit: deploy and unpin', { live: live({ 'gitmoxi:hash': 'h1', 'gitmoxi:pinned': 'c2' }) }, 'deploy'],
  ['unknown last change keeps the pin', { lastChange: null, live: live({ 'gitmoxi:pinned': 'c2' }) }, 'pinned'],
  ['failed at this change: not retried', { live: live({ 'gitmoxi:hash': 'h2', 'gitmoxi:failed': 'c3' }) }, 'failed-before'],
  ['failed at an older change: deploy', { live: live({ 'gitmoxi:hash': 'h2', 'gitmoxi:failed': 'c2' }) }, 'deploy'],
  ['--retry-failed: deploy', { retryFailed: true, live: live({ 'gitmoxi:hash': 'h2', 'gitmoxi:failed': 'c3' }) }, 'deploy'],
];

for (const [name, input, expected] of pollCases) {
  test(`pollDecision: ${name}`, () => assert.is(pollDecision({ ...base, ...input }).kind, expected));
}

test('pollDecision: a released pin is reported so that poll removes the tag', () => {
  const decision = pollDecision({ ...base, live: live({ 'gitmoxi:hash': 'h1', 'gitmoxi:pinned': 'c2' }) });
  assert.equal(decision, { kind: 'deploy', unpin: true });
});

// The same rule for `deploy`: pinned at c2, in the history c1 → c2 → c3 (and x, on another branch).
const ancestorOf = (a: string, d: string) => order.includes(a) && order.includes(d) && order.indexOf(a) <= order.indexOf(d);
const pinCases: [string, string | null, boolean][] = [
  ['the unit last changed at the pinned commit (the rolled-back commit deployed again): holds', 'c2', true],
  ['the unit last changed before the pin: holds', 'c1', true],
  ['a newer commit changed the unit: released', 'c3', false],
  ['the last change is not a descendant of the pin (another branch): holds', 'x', true],
  ['git could not say: holds', null, true],
];

for (const [name, lastChange, holds] of pinCases) {
  test(`pinHolds: ${name}`, () => assert.is(pinHolds('c2', lastChange, ancestorOf), holds));
}

test.run();
