import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectGolden } from '../../test/golden/report/expect-golden.js';
import { eventFixtures, loadEvents } from '../../test/fixtures/events/replay.js';
import { formatCountdown, formatUnitLine } from './unit-line.js';
import { advanceUnit, isUnitEvent, queuedUnit, type UnitProgress } from './unit-progress.js';

const T = Date.UTC(2026, 0, 1);
const running: UnitProgress = { ...queuedUnit('services/web/web'), state: 'running', startedAt: T, phase: 'stabilize' };

const cases: [string, UnitProgress, number, string][] = [
  ['queued', queuedUnit('services/web/web'), T, 'services/web/web  queued'],
  ['started, no phase yet', { ...running, phase: null }, T, 'services/web/web  starting   0s'],
  ['a phase and elapsed time', running, T + 5_000, 'services/web/web  stabilize  5s'],
  [
    'task counts',
    { ...running, tasks: { desired: 2, running: 1, pending: 1, failed: 0, healthy: 1 } },
    T + 65_000,
    'services/web/web  stabilize  running 1/2 pending 1 failed 0 healthy 1  1m 05s',
  ],
  [
    'a wait counts down from the latest event time',
    { ...running, phase: 'shift', wait: { reason: 'canary at 10 %', until: T + 300_000 } },
    T + 50_000,
    'services/web/web  shift      50s  wait 4m 10s (canary at 10 %)',
  ],
  ['a wait that is over is not shown', { ...running, wait: { reason: 'x', until: T + 10_000 } }, T + 10_000, 'services/web/web  stabilize  10s'],
  [
    'deployed',
    {
      ...running,
      state: 'finished',
      result: {
        unit: 'services/web/web',
        outcome: 'deployed',
        startedAt: T,
        finishedAt: T + 95_000,
        revision: 'arn:aws:ecs:us-east-1:1:task-definition/web:42',
      },
    },
    T + 95_000,
    'services/web/web  deployed  web:42  in 1m 35s',
  ],
  [
    'skipped by an interrupt',
    {
      ...queuedUnit('services/web/web'),
      state: 'finished',
      result: { unit: 'services/web/web', outcome: 'skipped', startedAt: T, finishedAt: T, interrupted: true },
    },
    T,
    'services/web/web  skipped (interrupted)',
  ],
];

for (const [name, progress, now, expected] of cases) {
  test(`formatUnitLine: ${name}`, () => assert.is(formatUnitLine(progress, now), expected));
}

test('formatUnitLine: units padded to a common width', () => {
  assert.is(formatUnitLine(queuedUnit('a/b/c'), T, { unitWidth: 8 }), 'a/b/c     queued');
});

test('formatCountdown: nothing without a wait', () => {
  assert.is(formatCountdown({ wait: null }, T), '');
});

test("advanceUnit: a rollback forgets the failed version's counts", () => {
  const counted = advanceUnit(running, { type: 'tasks.changed', time: T, unit: 'u', desired: 2, running: 0, pending: 0, failed: 3, healthy: 0 });
  const rolling = advanceUnit(counted, { type: 'rollback.started', time: T, unit: 'u', reason: 'breaker' });
  assert.is(rolling.tasks, null);
  assert.ok(rolling.rollingBack);
});

/** Every frame the terminal would show for each recorded run: all units' lines after each event. */
for (const name of eventFixtures) {
  test(`formatUnitLine over a recorded run: ${name}`, () => {
    const units = new Map<string, UnitProgress>();
    let now = 0;
    const frames: string[] = [];
    for (const event of loadEvents(name)) {
      now = Math.max(now, event.time);
      if (event.type === 'run.started') for (const unit of event.units) units.set(unit.prefix, queuedUnit(unit.prefix));
      if (!isUnitEvent(event)) continue;
      units.set(event.unit, advanceUnit(units.get(event.unit) ?? queuedUnit(event.unit), event));
      const lines = [...units.values()].map((progress) => `  ${formatUnitLine(progress, now, { unitWidth: 23 })}`);
      frames.push(`${event.type} ${event.unit}\n${lines.join('\n')}`);
    }
    expectGolden(`${name}.tty-lines.txt`, `${frames.join('\n')}\n`);
  });
}

test.run();
