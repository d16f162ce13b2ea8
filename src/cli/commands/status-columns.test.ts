import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatStatus, type StatusRow } from './status.js';

const row = (unit: string, platform: string, region: string, state: StatusRow['state'], runs: string | null): StatusRow => ({
  unit,
  platform,
  region,
  state,
  runs,
  live: null,
  commit: null,
  pinned: null,
  failed: null,
  tipHash: null,
  liveHash: null,
  resourceArn: null,
});

test('formatStatus: state, place and what runs start in the same column on every line', () => {
  const text = formatStatus('0123456789abcdef', [
    row('services/web/web', 'ecs', 'us-east-1', 'Synced', 'web:3 nginx:1.27 2/2'),
    row('functions/hello/hello', 'lambda', 'eu-west-1', 'OutOfSync', 'alias live → 4'),
    row('services/api/api', 'ecs', 'ap-southeast-2', 'Missing', null),
  ]);
  const lines = text.trimEnd().split('\n').slice(1);
  const column = (pattern: RegExp) => lines.map((line) => line.search(pattern));
  assert.equal(new Set(column(/Synced|OutOfSync|Missing/)).size, 1, text);
  assert.equal(new Set(column(/ecs|lambda/)).size, 1, text);
  assert.equal(new Set(column(/web:3|alias live|nothing runs/)).size, 1, text);
});

test.run();
