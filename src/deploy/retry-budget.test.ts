import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../clock.js';
import type { UnitContext, UnitEvent } from './context.js';
import { PortError, type PortErrorKind } from './port-error.js';
import { backoffDelay, forwardBudget, persist, restoreBudget, retryTransient } from './retry-budget.js';

const error = (kind: PortErrorKind) =>
  new PortError('Rate exceeded', { kind, operation: 'ECS UpdateService', awsName: kind === 'throttled' ? 'ThrottlingException' : 'ServerException' });

/** A call that fails `failures` times with `kind`, then answers; counts its attempts and when they were made. */
function flaky(clock: ManualClock, failures: number, kind: PortErrorKind = 'throttled') {
  const attempts: number[] = [];
  const call = async () => {
    attempts.push(clock.now());
    if (attempts.length <= failures) throw error(kind);
    return 'ok';
  };
  return { call, attempts };
}

test('backoff doubles from the first delay, is capped, and is jittered into its upper half', () => {
  const budget = { totalMs: 60_000, firstDelayMs: 1000, maxDelayMs: 8000 };
  assert.equal(
    [1, 2, 3, 4, 5, 9].map((attempt) => backoffDelay(budget, attempt, () => 0.999999)),
    [1000, 2000, 4000, 8000, 8000, 8000],
  );
  assert.equal(
    [1, 2, 4].map((attempt) => backoffDelay(budget, attempt, () => 0)),
    [500, 1000, 4000],
  );
});

test('throttled and 5xx calls are tried again on the clock until they answer', async () => {
  for (const kind of ['throttled', 'unavailable'] as const) {
    const clock = new ManualClock();
    const { call, attempts } = flaky(clock, 12, kind);
    const result = await clock.drive(retryTransient(call, { clock, budget: forwardBudget, random: () => 0.5 }), 500);
    assert.is(result, 'ok');
    assert.is(attempts.length, 13);
    assert.ok((attempts.at(-1) ?? 0) - (attempts[0] ?? 0) < forwardBudget.totalMs, 'within the budget');
  }
});

test('other kinds fail at once', async () => {
  for (const kind of ['conflict', 'not-found', 'denied', 'other'] as const) {
    const clock = new ManualClock();
    const { call, attempts } = flaky(clock, 1, kind);
    const failure = await retryTransient(call, { clock, budget: forwardBudget }).catch((e: unknown) => e);
    assert.is((failure as PortError).kind, kind);
    assert.is(attempts.length, 1);
  }
});

test('the budget bounds the time spent: the last error is thrown once it is used up', async () => {
  const clock = new ManualClock();
  const { call, attempts } = flaky(clock, Number.POSITIVE_INFINITY);
  const failure = await clock.drive(
    retryTransient(call, { clock, budget: forwardBudget }).catch((e: unknown) => e),
    1000,
  );
  assert.is((failure as PortError).kind, 'throttled');
  const spent = (attempts.at(-1) ?? 0) - (attempts[0] ?? 0);
  assert.ok(spent >= forwardBudget.totalMs - 1000 && spent <= forwardBudget.totalMs + 1000, `spent ${spent} ms`);
});

test('an interrupt stops the forward retries at once; persist keeps trying through it', async () => {
  const clock = new ManualClock();
  const controller = new AbortController();
  const forward = flaky(clock, 5);
  const pending = retryTransient(forward.call, { clock, budget: forwardBudget, signal: controller.signal }).catch((e: unknown) => e);
  while (clock.waiting === 0) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  assert.instance(await pending, PortError);
  assert.is(forward.attempts.length, 1);

  const events: UnitEvent[] = [];
  const ctx = { clock, signal: controller.signal, emit: (event: UnitEvent) => events.push(event) } as unknown as UnitContext;
  const restore = flaky(clock, 20);
  assert.is(await clock.drive(persist(ctx, 'moving traffic back', restore.call), 1000), 'ok');
  assert.is(restore.attempts.length, 21);
  assert.equal(
    events.map((e) => e.type),
    ['wait.started'],
    'announced once',
  );
  assert.ok((restore.attempts.at(-1) ?? 0) - (restore.attempts[0] ?? 0) < restoreBudget.totalMs);
});

test.run();
