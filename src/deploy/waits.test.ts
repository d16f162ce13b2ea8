import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../clock.js';
import { waitFor, type Check } from './waits.js';

const drive = <T>(clock: ManualClock, work: Promise<T>, stepMs: number): Promise<T> => clock.drive(work, stepMs);

test('waitFor polls at its interval until done', async () => {
  const clock = new ManualClock();
  const seen: number[] = [];
  const outcome = await drive(
    clock,
    waitFor({
      clock,
      intervalMs: 1000,
      timeoutMs: 10_000,
      check: async (elapsed): Promise<Check<string>> => (seen.push(elapsed), elapsed >= 3000 ? { status: 'done', value: 'ok' } : { status: 'pending' }),
    }),
    1000,
  );
  assert.equal(outcome, { kind: 'done', value: 'ok' });
  assert.equal(seen, [0, 1000, 2000, 3000]);
});

test('waitFor times out, and reports failures from the check', async () => {
  const clock = new ManualClock();
  const timeout = await drive(clock, waitFor({ clock, intervalMs: 1000, timeoutMs: 2500, check: async () => ({ status: 'pending' }) }), 1000);
  assert.equal(timeout, { kind: 'timeout' });
  const failed = await waitFor({ clock, intervalMs: 1000, timeoutMs: 2500, check: async () => ({ status: 'failed', reason: 'breaker' }) });
  assert.equal(failed, { kind: 'failed', reason: 'breaker' });
});

test("waitFor hands a failed check's typed reason back as it is", async () => {
  const clock = new ManualClock();
  type Tripped = { kind: 'breaker'; failed: number; threshold: number };
  const failed = await waitFor<never, Tripped>({
    clock,
    intervalMs: 1000,
    timeoutMs: 2500,
    check: async () => ({ status: 'failed', reason: { kind: 'breaker', failed: 3, threshold: 2 } }),
  });
  if (failed.kind !== 'failed') return assert.unreachable(`the wait ended ${failed.kind}`);
  assert.is(failed.reason.failed, 3);
  assert.equal(failed.reason, { kind: 'breaker', failed: 3, threshold: 2 });
});

test('waitFor stops when its signal aborts, even mid-sleep', async () => {
  const clock = new ManualClock();
  const controller = new AbortController();
  const wait = waitFor({ clock, signal: controller.signal, intervalMs: 60_000, timeoutMs: 600_000, check: async () => ({ status: 'pending' }) });
  await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  assert.equal(await wait, { kind: 'aborted' });
});

test.run();
