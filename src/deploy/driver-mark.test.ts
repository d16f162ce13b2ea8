import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../clock.js';
import type { UnitContext } from './context.js';
import { withDriverMark } from './driver-mark.js';
import { heldByOther } from './ecs-bluegreen/service-lock.js';
import type { RegionPorts } from './ports/region-ports.js';
import type { Tags } from './ports/tagging-port.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('the mark is written before the work, renewed while it runs, removed after it, even when it throws', async () => {
  const clock = new ManualClock();
  const calls: string[] = [];
  const lambda = {
    tagResource: async (arn: string, tags: Tags) => void calls.push(`tag ${arn} ${tags['gitmoxi:lock']?.split(' until ')[1]}`),
    untagResource: async (arn: string, keys: readonly string[]) => void calls.push(`untag ${arn} ${keys.join(',')}`),
  };
  const ctx = { commit: 'c1', clock, ports: { lambda } as unknown as RegionPorts } as unknown as UnitContext;
  const work = withDriverMark(ctx, { platform: 'lambda', arn: 'fn' }, async () => {
    calls.push('work');
    for (let i = 0; i < 3; i += 1) {
      while (clock.waiting === 0) await tick();
      clock.advance(60_000);
      await tick();
    }
    throw new Error('the deployment failed');
  });
  await work.then(
    () => assert.unreachable('it threw'),
    (error: Error) => assert.is(error.message, 'the deployment failed'),
  );
  assert.equal(calls, [
    'tag fn 2026-01-01T00:03:00.000Z',
    'work',
    'tag fn 2026-01-01T00:04:00.000Z',
    'tag fn 2026-01-01T00:05:00.000Z',
    'tag fn 2026-01-01T00:06:00.000Z',
    'untag fn gitmoxi:lock',
  ]);
});

test('heldByOther: a live mark of another run, not an expired one or our own', () => {
  const now = Date.UTC(2026, 0, 1);
  const mark = (owner: string, minutes: number) => ({ 'gitmoxi:lock': `${owner} until ${new Date(now + minutes * 60_000).toISOString()}` });
  assert.is(heldByOther(mark('a/1', 2), null, now)?.owner, 'a/1');
  assert.is(heldByOther(mark('a/1', -1), null, now), null);
  assert.is(heldByOther(mark('a/1', 2), 'a/1', now), null);
  assert.is(heldByOther({}, null, now), null);
});

test.run();
