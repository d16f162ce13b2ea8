import { setMaxListeners } from 'node:events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../clock.js';
import type { UnitEvent } from '../context.js';
import { PortError } from '../port-error.js';
import type { Gate, GateFailure } from './gate.js';
import { lambdaAliasRouter, type AliasShift } from './lambda-alias-router.js';
import { trafficSteps } from '../../plan/linear-canary-steps.js';
import { shiftInSteps, type ShiftEnding, type TrafficShift } from './shift-in-steps.js';
import { fakeAlias } from './test-ports.js';

const waitMs = 60_000;
const pollMs = 10_000;

function harness() {
  const clock = new ManualClock();
  const events: UnitEvent[] = [];
  const controller = new AbortController();
  // The manual clock leaves a listener per sleep on the signal; a shift sleeps more often than the default ten.
  setMaxListeners(100, controller.signal);
  const alias = fakeAlias('1');
  const ctx = { clock, signal: controller.signal, emit: (event: UnitEvent) => events.push(event), ports: { lambda: alias.port } };
  const shift: AliasShift = { functionName: 'fn', alias: 'live', oldVersion: '1', newVersion: '2', steps: [], waitIntervalSeconds: 60, alarmNames: [] };
  const run = (options: Partial<TrafficShift> & { steps: readonly number[] }): Promise<ShiftEnding> =>
    clock.drive(
      shiftInSteps(ctx, {
        router: lambdaAliasRouter(ctx, { ...shift, steps: options.steps }),
        waitMs,
        pollMs,
        gates: [],
        describe: { step: ({ step, steps, percent }) => `step ${step}/${steps}: ${percent}%`, wait: ({ percent }) => `${percent}% watched` },
        ...options,
      }),
      1000,
    );
  return { clock, events, controller, alias, run };
}

/** A gate that objects from clock time `at` on, and counts its looks. */
function gateFrom(clock: ManualClock, at: number, failure: GateFailure): Gate & { looks: number[] } {
  const looks: number[] = [];
  return {
    looks,
    async examine() {
      looks.push(clock.now());
      return clock.now() >= at ? failure : null;
    },
  };
}

const alarm: GateFailure = { kind: 'alarm', alarms: [{ alarmName: 'errors', stateReason: 'Threshold Crossed' }] };
const types = (events: readonly UnitEvent[]) => events.map((event) => event.type);

test('LINEAR 25 takes four steps, each written, read back and waited for, and ends on the new version alone', async () => {
  const { clock, events, alias, run } = harness();
  const start = clock.now();
  const gate = gateFrom(clock, Number.POSITIVE_INFINITY, alarm);
  const ending = await run({ steps: trafficSteps({ type: 'LINEAR', percent: 25 }), gates: [gate] });
  assert.equal(ending, { kind: 'shifted' });
  const oneStep = ['unit.phase', 'alias.shifted', 'wait.started'];
  assert.equal(types(events), [...oneStep, ...oneStep, ...oneStep, ...oneStep]);
  assert.equal(
    events.flatMap((event) => (event.type === 'alias.shifted' ? [[event.step, event.steps, event.newVersion, event.weight]] : [])),
    [
      [1, 4, '2', 0.25],
      [2, 4, '2', 0.5],
      [3, 4, '2', 0.75],
      [4, 4, null, 1],
    ],
  );
  assert.equal(alias.state(), { functionVersion: '2', additionalWeights: {} });
  assert.ok(clock.now() - start >= 4 * waitMs, 'every step, the last one included, is waited for');
  // Looks at 0, 10, …, 60 s of each wait: the gate is examined on every poll, not once per step.
  assert.is(gate.looks.length, 4 * 7);
});

test('a gate that objects ends the wait at once: no further step is written, the objection is reported', async () => {
  const { clock, events, alias, run } = harness();
  const gate = gateFrom(clock, clock.now() + waitMs + 25_000, alarm);
  const ending = await run({ steps: [10, 50, 100], gates: [gate] });
  assert.equal(ending, { kind: 'stopped', stop: alarm, at: 'waiting', position: { step: 2, steps: 3, percent: 50 } });
  assert.equal(alias.state(), { functionVersion: '1', additionalWeights: { '2': 0.5 } });
  assert.equal(events.at(-1), { type: 'alarm.fired', alarmName: 'errors', stateReason: 'Threshold Crossed' });
  assert.is(events.filter((event) => event.type === 'alias.shifted').length, 2);
});

test('a breaker objection is reported as tripped', async () => {
  const { clock, events, run } = harness();
  const ending = await run({ steps: [100], gates: [gateFrom(clock, 0, { kind: 'breaker', failed: 3, threshold: 3 })] });
  assert.is(ending.kind === 'stopped' && ending.stop.kind, 'breaker');
  assert.equal(events.at(-1), { type: 'breaker.tripped', failed: 3, threshold: 3 });
});

test('gates examined before shifting stop it before any traffic moves', async () => {
  const { clock, events, alias, run } = harness();
  const ending = await run({ steps: [10, 100], gatesBefore: [gateFrom(clock, 0, alarm)] });
  assert.equal(ending, { kind: 'stopped', stop: alarm, at: 'before-shifting', position: null });
  assert.equal(alias.state(), { functionVersion: '1', additionalWeights: {} });
  assert.equal(types(events), ['alarm.fired']);
});

test('a write that does not read back as written stops the shift at that step, without waiting', async () => {
  const { clock, alias, run } = harness();
  alias.ignoreWeightsFrom(50);
  const gate = gateFrom(clock, Number.POSITIVE_INFINITY, alarm);
  const ending = await run({ steps: [10, 50, 100], gates: [gate] });
  assert.is(ending.kind, 'stopped');
  if (ending.kind !== 'stopped') return;
  assert.equal([ending.at, ending.position?.step, ending.stop.kind], ['writing', 2, 'unwritten']);
  assert.match(ending.stop.kind === 'unwritten' ? ending.stop.reason : '', /alias live read back as version 1 with 2=0.1 after setting 50% on version 2/);
  assert.is(gate.looks.length, 7, 'only the first step was waited for');
});

test('an interrupt during a wait stops it there; one before a step stops it before writing', async () => {
  const during = harness();
  const gate = gateFrom(during.clock, Number.POSITIVE_INFINITY, alarm);
  gate.examine = async () => {
    if (during.clock.now() >= Date.UTC(2026, 0, 1) + 20_000) during.controller.abort();
    return null;
  };
  const ending = await during.run({ steps: [10, 100], gates: [gate] });
  assert.equal(ending, { kind: 'stopped', stop: { kind: 'aborted' }, at: 'waiting', position: { step: 1, steps: 2, percent: 10 } });

  const before = harness();
  before.controller.abort();
  const stopped = await before.run({ steps: [10, 100] });
  assert.equal(stopped, { kind: 'stopped', stop: { kind: 'aborted' }, at: 'before-step', position: { step: 1, steps: 2, percent: 10 } });
  assert.equal(before.alias.state(), { functionVersion: '1', additionalWeights: {} });
});

test('a throttled look only delays the verdict; an error past the retries ends the shift as an error', async () => {
  const { clock, run } = harness();
  let looks = 0;
  const flaky: Gate = {
    async examine() {
      looks += 1;
      if (looks === 1) throw new PortError('Rate exceeded', { kind: 'throttled', operation: 'CloudWatch DescribeAlarms', awsName: 'Throttling' });
      if (clock.now() >= Date.UTC(2026, 0, 1) + 30_000)
        throw new PortError('denied', { kind: 'denied', operation: 'CloudWatch DescribeAlarms', awsName: 'AccessDenied' });
      return null;
    },
  };
  const ending = await run({ steps: [100], gates: [flaky] });
  assert.is(ending.kind === 'stopped' && ending.stop.kind, 'error');
  assert.is(ending.kind === 'stopped' && ending.at, 'waiting');
  assert.ok(looks > 2, 'the throttled look did not end the wait');
});

test('a resumed shift numbers its steps within the whole plan; onPoll runs on every poll', async () => {
  const { events, run } = harness();
  let polls = 0;
  const ending = await run({
    steps: [50, 100],
    firstStep: 2,
    totalSteps: 3,
    onPoll: async () => {
      polls += 1;
    },
  });
  assert.equal(ending, { kind: 'shifted' });
  assert.equal(
    events.flatMap((event) => (event.type === 'unit.phase' ? [event.detail] : [])),
    ['step 2/3: 50%', 'step 3/3: 100%'],
  );
  assert.is(polls, 2 * 7);
});

test.run();
