/** DescribeBatcher with a scripted fetch. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DescribeBatcher } from './describe-batcher.js';

interface Call {
  group: string;
  keys: readonly string[];
}

function recordingBatcher(maxBatch: number, fail?: (keys: readonly string[]) => boolean) {
  const calls: Call[] = [];
  const batcher = new DescribeBatcher<string>(async (group, keys) => {
    calls.push({ group, keys });
    if (fail?.(keys)) throw new Error(`failed ${keys.join(',')}`);
    return new Map(keys.filter((key) => !key.startsWith('missing')).map((key) => [key, `${group}/${key}`]));
  }, maxBatch);
  return { batcher, calls };
}

test('requests made together become one call per group and batch size', async () => {
  const { batcher, calls } = recordingBatcher(10);
  const keys = Array.from({ length: 25 }, (_, index) => `svc-${index}`);
  const results = await Promise.all([...keys.map((key) => batcher.load('prod', key)), batcher.load('staging', 'svc-0')]);
  assert.equal(
    results.slice(0, 25),
    keys.map((key) => `prod/${key}`),
  );
  assert.is(results[25], 'staging/svc-0');
  assert.equal(
    calls.map((call) => [call.group, call.keys.length]),
    [
      ['prod', 10],
      ['prod', 10],
      ['prod', 5],
      ['staging', 1],
    ],
  );
});

test('the same key asked twice is fetched once and answers both', async () => {
  const { batcher, calls } = recordingBatcher(10);
  const [a, b] = await Promise.all([batcher.load('prod', 'web'), batcher.load('prod', 'web')]);
  assert.equal([a, b], ['prod/web', 'prod/web']);
  assert.equal(
    calls.map((call) => call.keys),
    [['web']],
  );
});

test('a key the call does not return resolves to undefined', async () => {
  const { batcher } = recordingBatcher(10);
  assert.is(await batcher.load('prod', 'missing-web'), undefined);
});

test('a failed call rejects its own batch only', async () => {
  const { batcher } = recordingBatcher(1, (keys) => keys.includes('bad'));
  const [bad, good] = await Promise.allSettled([batcher.load('prod', 'bad'), batcher.load('prod', 'good')]);
  assert.is(bad?.status, 'rejected');
  assert.equal(good, { status: 'fulfilled', value: 'prod/good' });
});

test('requests after an await that resolved in the same turn still share the batch; later ones get a new call', async () => {
  const { batcher, calls } = recordingBatcher(10);
  const first = batcher.load('prod', 'a');
  const second = Promise.resolve().then(() => batcher.load('prod', 'b'));
  await Promise.all([first, second]);
  await batcher.load('prod', 'c');
  assert.equal(
    calls.map((call) => call.keys),
    [['a', 'b'], ['c']],
  );
});

test('the batch size must be a positive integer', () => {
  assert.throws(() => new DescribeBatcher(async () => new Map(), 0), RangeError);
});

test.run();
