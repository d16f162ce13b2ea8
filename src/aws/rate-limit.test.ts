/** Token buckets on a manual clock. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../clock.js';
import { RateLimiter, TokenBucket, awsRateLimits } from './rate-limit.js';

/** Lets resolved sleepers and their continuations run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function tracked(promise: Promise<void>): { done: boolean } {
  const state = { done: false };
  void promise.then(() => {
    state.done = true;
  });
  return state;
}

test('a full bucket lets a burst through at once', async () => {
  const bucket = new TokenBucket({ perSecond: 2, burst: 3 }, new ManualClock());
  await Promise.all([bucket.take(), bucket.take(), bucket.take()]);
  assert.is(bucket.available(), 0);
});

test('an empty bucket makes callers wait for the sustained rate, in the order they asked', async () => {
  const clock = new ManualClock();
  const bucket = new TokenBucket({ perSecond: 1, burst: 1 }, clock);
  await bucket.take();
  const second = tracked(bucket.take());
  const third = tracked(bucket.take());
  await settle();
  assert.is(clock.waiting, 2);
  clock.advance(999);
  await settle();
  assert.equal([second.done, third.done], [false, false]);
  clock.advance(1);
  await settle();
  assert.equal([second.done, third.done], [true, false]);
  clock.advance(1000);
  await settle();
  assert.is(third.done, true);
});

test('refill stops at the burst size', async () => {
  const clock = new ManualClock();
  const bucket = new TokenBucket({ perSecond: 5, burst: 5 }, clock);
  await Promise.all(Array.from({ length: 5 }, () => bucket.take()));
  clock.advance(60_000);
  assert.is(bucket.available(), 5);
});

test('an aborted wait gives its token back', async () => {
  const clock = new ManualClock();
  const bucket = new TokenBucket({ perSecond: 1, burst: 1 }, clock);
  await bucket.take();
  const controller = new AbortController();
  const waiting = bucket.take(controller.signal).then(
    () => 'resolved',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  controller.abort(new Error('stop'));
  assert.is(await waiting, 'stop');
  assert.is(bucket.available(), 0);
  clock.advance(1000);
  assert.is(bucket.available(), 1);
});

test('a bucket refuses rates that would never refill', () => {
  assert.throws(() => new TokenBucket({ perSecond: 0, burst: 1 }), RangeError);
  assert.throws(() => new TokenBucket({ perSecond: 1, burst: 0 }), RangeError);
});

test('ECS budgets: CreateService and UpdateService share 5/s, RegisterTaskDefinition 1/s, DescribeServices 20/s', () => {
  const limiter = new RateLimiter(awsRateLimits, new ManualClock());
  assert.is(limiter.bucketFor('ecs', 'CreateService'), limiter.bucketFor('ecs', 'UpdateService'));
  assert.is(limiter.bucketFor('ecs', 'UpdateService').limit.perSecond, 5);
  assert.is(limiter.bucketFor('ecs', 'RegisterTaskDefinition').limit.perSecond, 1);
  assert.is(limiter.bucketFor('ecs', 'DescribeServices').limit.perSecond, 20);
  assert.is.not(limiter.bucketFor('ecs', 'DescribeServices'), limiter.bucketFor('ecs', 'DescribeTasks'));
});

test('an operation outside every group draws from its service default bucket, per service', () => {
  const limiter = new RateLimiter(awsRateLimits, new ManualClock());
  assert.is(limiter.bucketFor('ecs', 'PutAccountSetting'), limiter.bucketFor('ecs', 'ListAttributes'));
  assert.is(limiter.bucketFor('ecs', 'PutAccountSetting').limit, awsRateLimits.ecs.default);
  assert.is.not(limiter.bucketFor('lambda', 'UpdateAlias'), limiter.bucketFor('ecs', 'PutAccountSetting'));
});

test.run();
