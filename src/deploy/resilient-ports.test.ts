import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../clock.js';
import type { DeployEvent } from '../events/types.js';
import { PortError, type PortErrorKind } from './port-error.js';
import type { EcsPort } from './ports/ecs-port.js';
import type { RegionPorts } from './ports/region-ports.js';
import { resilientPorts } from './resilient-ports.js';

const refusal = (kind: PortErrorKind) =>
  new PortError('no', { kind, operation: 'ECS X', awsName: kind === 'throttled' ? 'ThrottlingException' : 'ServerException' });

/** An ECS port whose calls fail with the kinds queued for them, then answer; other ports are absent. */
function world(failures: Record<string, PortErrorKind[]>) {
  const clock = new ManualClock();
  const calls: string[] = [];
  const answer = (name: string) => async () => {
    calls.push(name);
    const kind = failures[name]?.shift();
    if (kind !== undefined) throw refusal(kind);
    return null;
  };
  const ecs = {
    describeService: answer('describeService'),
    updateService: answer('updateService'),
    tagResource: answer('tagResource'),
    untagResource: answer('untagResource'),
  } as unknown as EcsPort;
  const events: DeployEvent[] = [];
  const ports = resilientPorts({ region: 'us-east-1', ecs } as RegionPorts, {
    clock,
    signal: new AbortController().signal,
    unit: 'web',
    emit: (e) => events.push(e),
  });
  return { clock, calls, events, ports };
}

test('every port call is tried again through throttling and 5xx; one wait event says so', async () => {
  const { clock, calls, events, ports } = world({ describeService: ['throttled', 'unavailable', 'throttled'] });
  assert.is(await clock.drive(ports.ecs.describeService('demo', 'web'), 1000), null);
  assert.equal(calls, ['describeService', 'describeService', 'describeService', 'describeService']);
  assert.equal(
    events.map((e) => e.type),
    ['wait.started'],
  );
  assert.match((events[0] as { reason: string }).reason, /^ecs\.describeService: AWS answered ThrottlingException/);
});

test('other refusals pass at once; an interrupted run stops retrying', async () => {
  const denied = world({ updateService: ['denied'] });
  const error = await denied.ports.ecs.updateService({ cluster: 'demo', service: 'web' }).catch((e: unknown) => e);
  assert.equal([(error as PortError).kind, denied.calls.length], ['denied', 1]);
  const clock = new ManualClock();
  const controller = new AbortController();
  controller.abort();
  let attempts = 0;
  const ecs = { describeService: async () => (attempts++, Promise.reject(refusal('throttled'))) } as unknown as EcsPort;
  const ports = resilientPorts({ region: 'us-east-1', ecs } as RegionPorts, { clock, signal: controller.signal, unit: 'web', emit: () => undefined });
  assert.instance(await ports.ecs.describeService('demo', 'web').catch((e: unknown) => e), PortError);
  assert.is(attempts, 1);
});

test.run();
