import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { trackChanges } from './change-tracker.js';
import type { RegionPorts } from './ports/region-ports.js';

function ports(): RegionPorts {
  const ecs = { describeService: async () => null, updateService: async () => ({}), tagResource: async () => undefined, untagResource: async () => undefined };
  return { region: 'us-east-1', ecs } as unknown as RegionPorts;
}

test('reads leave the unit unchanged; the first other call marks it changed, even when it fails', async () => {
  const tracker = trackChanges(ports());
  await tracker.ports.ecs.describeService('demo', 'web');
  assert.is(tracker.changed(), false);
  await tracker.ports.ecs.updateService({ cluster: 'demo', service: 'web' });
  assert.is(tracker.changed(), true);
});

test('a method not known as a read counts as a change', async () => {
  const base = ports();
  (base.ecs as unknown as Record<string, unknown>).somethingNew = async () => undefined;
  const tracker = trackChanges(base);
  await (tracker.ports.ecs as unknown as { somethingNew(): Promise<void> }).somethingNew();
  assert.is(tracker.changed(), true);
});

test('taking and releasing the gitmoxi:lock tag alone is not a change; any other tag is', async () => {
  const tracker = trackChanges(ports());
  await tracker.ports.ecs.tagResource('arn', { 'gitmoxi:lock': 'me until 2026-01-01T00:00:00.000Z' });
  await tracker.ports.ecs.untagResource('arn', ['gitmoxi:lock']);
  assert.is(tracker.changed(), false);
  await tracker.ports.ecs.tagResource('arn', { 'gitmoxi:lock': 'me until 2026-01-01T00:00:00.000Z', 'gitmoxi:commit': 'abc' });
  assert.is(tracker.changed(), true);
});

test('the region and other plain members pass through', () => {
  assert.is(trackChanges(ports()).ports.region, 'us-east-1');
});

test.run();
