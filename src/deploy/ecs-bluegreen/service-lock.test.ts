import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../clock.js';
import type { UnitContext } from '../context.js';
import type { EcsPort } from '../ports/ecs-port.js';
import type { RegionPorts } from '../ports/region-ports.js';
import type { Tags } from '../ports/tagging-port.js';
import { settleAfter } from '../tag-lock.js';
import { acquireLock, lockTagKey, lockTtlMs, lockValue, lockWaitMs, parseLock } from './service-lock.js';

const target = { cluster: 'demo', serviceName: 'web' };

/** One service whose tags are the only state; every read and write takes a turn of the event loop, as a call would. */
class TaggedService {
  tags: Tags = {};
  writes: string[] = [];
  /** Runs before a write lands (a slow TagResource moves the clock). */
  beforeWrite: () => void = () => undefined;
  beforeRead: () => void = () => undefined;
  readonly port = {
    describeService: async () => {
      await tick();
      this.beforeRead();
      return { serviceArn: 'arn:svc', tags: { ...this.tags } };
    },
    tagResource: async (_arn: string, tags: Tags) => {
      await tick();
      this.beforeWrite();
      this.writes.push(tags[lockTagKey] ?? '');
      Object.assign(this.tags, tags);
    },
    untagResource: async (_arn: string, keys: readonly string[]) => {
      await tick();
      for (const key of keys) delete this.tags[key];
    },
  } as unknown as EcsPort;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function context(clock: ManualClock, service: TaggedService, signal = new AbortController().signal): UnitContext & { events: unknown[] } {
  const events: unknown[] = [];
  const ports = { region: 'us-east-1', ecs: service.port } as unknown as RegionPorts;
  return { planned: {} as UnitContext['planned'], commit: 'c'.repeat(40), ports, clock, signal, emit: (event) => events.push(event), events };
}

const drive = <T>(clock: ManualClock, work: Promise<T>, stepMs = 1000): Promise<T> => clock.drive(work, stepMs);

test('lockValue and parseLock round-trip; anything else is no lock', () => {
  const at = Date.UTC(2026, 0, 1, 12);
  assert.equal(parseLock(lockValue('abc/1234', at)), { owner: 'abc/1234', expiresAt: at });
  assert.is(parseLock(undefined), null);
  assert.is(parseLock('someone'), null);
});

test('a free lock is taken, verified by reading it back, and released', async () => {
  const clock = new ManualClock();
  const service = new TaggedService();
  const ctx = context(clock, service);
  const outcome = await drive(clock, acquireLock(ctx, target, 'me'));
  assert.is(outcome.kind, 'acquired');
  assert.is(parseLock(service.tags[lockTagKey])?.owner, 'me');
  if (outcome.kind === 'acquired') await outcome.lock.release();
  assert.is(service.tags[lockTagKey], undefined);
});

test('a lock held by a live run is waited for; once it expires, it is taken over', async () => {
  const clock = new ManualClock();
  const service = new TaggedService();
  service.tags[lockTagKey] = lockValue('other', clock.now() + 60_000);
  const ctx = context(clock, service);
  const start = clock.now();
  const outcome = await drive(clock, acquireLock(ctx, target, 'me'));
  assert.is(outcome.kind, 'acquired');
  assert.ok(clock.now() - start >= 60_000, 'waited for the expiry');
  assert.equal((ctx.events[0] as { type: string }).type, 'wait.started');
});

test('a lock renewed by its holder beyond the wait: the run gives up, having written nothing', async () => {
  const clock = new ManualClock();
  const service = new TaggedService();
  service.tags[lockTagKey] = lockValue('other', clock.now() + lockWaitMs + lockTtlMs);
  const outcome = await drive(clock, acquireLock(context(clock, service), target, 'me'), 10_000);
  assert.equal(outcome, { kind: 'held', holder: { owner: 'other', expiresAt: parseLock(service.tags[lockTagKey])?.expiresAt ?? 0 } });
  assert.equal(service.writes, []);
});

test('two runs that find the lock free at the same moment: exactly one goes on', async () => {
  const clock = new ManualClock();
  const service = new TaggedService();
  const first = acquireLock(context(clock, service), target, 'first');
  const second = acquireLock(context(clock, service), target, 'second');
  const winner = await drive(clock, Promise.race([first, second]));
  assert.is(winner.kind, 'acquired');
  const holder = winner.kind === 'acquired' ? winner.lock.owner : '';
  assert.is(parseLock(service.tags[lockTagKey])?.owner, holder);
  assert.equal(service.writes.length, 2, 'both wrote the tag');
  // The loser keeps waiting while the winner holds the lock, and takes it once released.
  clock.advance(30_000);
  await tick();
  if (winner.kind === 'acquired') await winner.lock.release();
  const loser = await drive(clock, holder === 'first' ? second : first);
  assert.is(loser.kind, 'acquired');
  assert.is.not(loser.kind === 'acquired' ? loser.lock.owner : '', holder);
});

test('a slow write is trusted after a settle measured from it: the run takes its own lock, once, without backing off', async () => {
  const clock = new ManualClock();
  const service = new TaggedService();
  // TagResource takes 5 s: more than the 2 s minimum settle, which used to make a run never trust its own write.
  service.beforeWrite = () => clock.advance(5_000);
  let readBackAt = 0;
  service.beforeRead = () => {
    readBackAt = clock.now();
  };
  const start = clock.now();
  const outcome = await drive(clock, acquireLock(context(clock, service), target, 'me'));
  assert.is(outcome.kind, 'acquired');
  assert.equal(service.writes.length, 1);
  assert.ok(readBackAt - start >= 5_000 + settleAfter(5_000), 'read back only after a settle three times the write');
  assert.ok(clock.now() - start < 60_000, `took it after ${clock.now() - start} ms`);
});

test('two runs whose writes are slow find the lock free together: exactly one goes on, the other waits', async () => {
  const clock = new ManualClock();
  const service = new TaggedService();
  service.beforeWrite = () => clock.advance(5_000);
  const first = acquireLock(context(clock, service), target, 'first');
  const second = acquireLock(context(clock, service), target, 'second');
  const winner = await drive(clock, Promise.race([first, second]));
  assert.is(winner.kind, 'acquired');
  const holder = winner.kind === 'acquired' ? winner.lock.owner : '';
  assert.is(parseLock(service.tags[lockTagKey])?.owner, holder);
  // The loser is still waiting while the winner holds the lock.
  let loserDone = false;
  void (holder === 'first' ? second : first).then(() => (loserDone = true));
  clock.advance(30_000);
  await tick();
  await tick();
  assert.not.ok(loserDone, 'the other run waits');
  if (winner.kind === 'acquired') await winner.lock.release();
  const loser = await drive(clock, holder === 'first' ? second : first);
  assert.is(loser.kind, 'acquired');
});

test.run();
