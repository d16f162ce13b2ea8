import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../clock.js';
import type { DeployEvent } from '../events/types.js';
import { PortError, type PortErrorKind } from './port-error.js';
import type { EcsPort, RegionPorts } from './ports.js';
import { resilientPorts, untouchedExitCode, untouchedFailure } from './resilient-ports.js';
import type { UnitResult } from './results.js';

const refusal = (kind: PortErrorKind) => new PortError('no', { kind, operation: 'ECS X', awsName: kind === 'throttled' ? 'ThrottlingException' : 'ServerException' });

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
  const ecs = { describeService: answer('describeService'), updateService: answer('updateService'), tagResource: answer('tagResource'), untagResource: answer('untagResource') } as unknown as EcsPort;
  const events: DeployEvent[] = [];
  const unit = resilientPorts({ region: 'us-east-1', ecs } as RegionPorts, { clock, signal: new AbortController().signal, unit: 'web', emit: (e) => events.push(e) });
  return { clock, calls, events, unit };
}

test('every port call is tried again through throttling and 5xx; one wait event says so', async () => {
  const { clock, calls, events, unit } = world({ describeService: ['throttled', 'unavailable', 'throttled'] });
  assert.is(await clock.drive(unit.ports.ecs.describeService('demo', 'web'), 1000), null);
  assert.equal(calls, ['describeService', 'describeService', 'describeService', 'describeService']);
  assert.equal(events.map((e) => e.type), ['wait.started']);
  assert.match((events[0] as { reason: string }).reason, /^ecs\.describeService: AWS answered ThrottlingException/);
});

test('reads, the lock tag and throttled writes change nothing; an answered write or a 5xx on one does', async () => {
  const quiet = world({ updateService: ['throttled'] });
  await quiet.unit.ports.ecs.describeService('demo', 'web');
  await quiet.unit.ports.ecs.tagResource('arn', { 'gitmoxi:lock': 'me until 2026-01-01T00:00:00.000Z' });
  await quiet.unit.ports.ecs.untagResource('arn', ['gitmoxi:lock']);
  assert.is(quiet.unit.changed, false);
  const stormy = world({ updateService: Array<PortErrorKind>(100).fill('throttled') });
  await stormy.clock.drive(stormy.unit.ports.ecs.updateService({}).catch(() => undefined), 20_000);
  assert.is(stormy.unit.changed, false, 'every attempt was throttled: nothing happened');

  const written = world({});
  await written.unit.ports.ecs.updateService({});
  assert.is(written.unit.changed, true);
  const maybe = world({ updateService: ['unavailable'] });
  await maybe.clock.drive(maybe.unit.ports.ecs.updateService({}), 1000);
  assert.is(maybe.unit.changed, true);
  const tagged = world({});
  await tagged.unit.ports.ecs.tagResource('arn', { 'gitmoxi:commit': 'abc' });
  assert.is(tagged.unit.changed, true);
});

const result = (outcome: UnitResult['outcome'], code?: string, step = 'deployment'): UnitResult => ({
  unit: 'u',
  outcome,
  startedAt: 0,
  finishedAt: 0,
  ...(code ? { error: { code, message: '' }, report: { summary: '', step, stoppedTasks: [], serviceEvents: [], targetHealth: [] } } : {}),
});

test('a transient failure before any change is reported untouched; after a change, or another error, it is not', () => {
  const untouched = untouchedFailure('u', 0, 1, refusal('throttled'), false);
  assert.equal([untouched?.outcome, untouched?.error?.code, untouched?.report?.step], ['rolled-back', 'E_AWS_UNAVAILABLE', 'preflight']);
  assert.match(untouched?.error?.message ?? '', /nothing was changed/);
  assert.is(untouchedFailure('u', 0, 1, refusal('throttled'), true), null);
  assert.is(untouchedFailure('u', 0, 1, refusal('denied'), false), null);
  assert.is(untouchedFailure('u', 0, 1, new Error('bug'), false), null);
});

test('exit 2 only when nothing anywhere changed', () => {
  const refused = untouchedFailure('u', 0, 1, refusal('throttled'), false) as UnitResult;
  assert.is(untouchedExitCode([refused], false), 2);
  assert.is(untouchedExitCode([refused, result('unchanged'), result('pinned')], false), 2);
  assert.is(untouchedExitCode([refused, result('deployed')], false), null);
  assert.is(untouchedExitCode([refused, result('rolled-back', 'E_DEPLOY_FAILED')], false), null);
  assert.is(untouchedExitCode([refused], true), null, 'an interrupt is exit 4');
  assert.is(untouchedExitCode([result('deployed')], false), null);
});

test.run();
