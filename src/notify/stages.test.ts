import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UnitOutcome, UnitResult } from '../events/results.js';
import type { DeployEvent } from '../events/types.js';
import { notificationFor, type NotificationStage } from './stages.js';

const unit = 'apps/web/web';
const commit = '0123456789abcdef0123456789abcdef01234567';
const time = Date.UTC(2026, 0, 2, 3, 4, 5);

function result(outcome: UnitOutcome, extra: Partial<UnitResult> = {}): UnitResult {
  return { unit, outcome, startedAt: time, finishedAt: time, ...extra };
}

const failure = { summary: 'alarm web-5xx fired', step: 'traffic-shift step 2 of 5', stoppedTasks: [], serviceEvents: [], targetHealth: [] };

const table: [string, DeployEvent, NotificationStage | null][] = [
  ['unit.started', { type: 'unit.started', time, unit, strategy: 'ecs-rolling', action: 'deploy', region: 'us-east-1' }, 'start'],
  ['a blue/green step', { type: 'traffic.shifted', time, unit, step: 2, steps: 5, newPercent: 40, routes: [] }, 'traffic'],
  ['traffic going back (step 0)', { type: 'traffic.shifted', time, unit, step: 0, steps: 0, newPercent: 0, routes: [] }, null],
  ['a Lambda canary step', { type: 'alias.shifted', time, unit, alias: 'live', version: '3', newVersion: '4', weight: 0.1, step: 1, steps: 2 }, 'traffic'],
  [
    'the alias back on the old version',
    { type: 'alias.shifted', time, unit, alias: 'live', version: '3', newVersion: null, weight: 0, step: 0, steps: 2 },
    null,
  ],
  ['rollback.started (told at its end)', { type: 'rollback.started', time, unit, reason: 'alarm' }, null],
  [
    'rollback.finished',
    { type: 'rollback.finished', time, unit, restored: true, revision: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3' },
    'rollback',
  ],
  ['unit.failed (told by unit.finished)', { type: 'unit.failed', time, unit, report: failure }, null],
  ['deployed', { type: 'unit.finished', time, unit, result: result('deployed') }, 'success'],
  ['unchanged', { type: 'unit.finished', time, unit, result: result('unchanged') }, 'success'],
  ['deleted', { type: 'unit.finished', time, unit, result: result('deleted') }, 'success'],
  ['pinned', { type: 'unit.finished', time, unit, result: result('pinned', { note: 'an operator pinned it' }) }, 'success'],
  ['rolled-back', { type: 'unit.finished', time, unit, result: result('rolled-back', { report: failure }) }, 'failure'],
  ['failed', { type: 'unit.finished', time, unit, result: result('failed', { report: failure }) }, 'failure'],
  ['busy', { type: 'unit.finished', time, unit, result: result('busy', { error: { code: 'E_BUSY', message: 'another run drives it' } }) }, 'failure'],
  ['not-started', { type: 'unit.finished', time, unit, result: result('not-started', { error: { code: 'E_AWS', message: 'AccessDenied' } }) }, 'failure'],
  ['skipped (never started)', { type: 'unit.finished', time, unit, result: result('skipped') }, null],
  ['task counts', { type: 'tasks.changed', time, unit, desired: 2, running: 1, pending: 1, failed: 0, healthy: 1 }, null],
  ['run.finished', { type: 'run.finished', time, exitCode: 0, results: [], interrupted: false }, null],
];

for (const [name, event, stage] of table) {
  test(`${name} → ${stage ?? 'no notification'}`, () => {
    assert.is(notificationFor(event, { commit })?.stage ?? null, stage);
  });
}

test('start names the strategy and the short commit; delete says so', () => {
  assert.is(notificationFor(table[0]![1], { commit })?.message, 'deploying apps/web/web (ecs-rolling) at 0123456789ab');
  const deleting = notificationFor({ type: 'unit.started', time, unit, strategy: 'lambda', action: 'delete', region: 'us-east-1' }, { commit });
  assert.is(deleting?.message, 'deleting apps/web/web');
});

test('traffic steps carry step, steps and the percent on the new version', () => {
  assert.equal(notificationFor(table[1]![1], { commit })?.traffic, { step: 2, steps: 5, percent: 40 });
  const canary = notificationFor(table[3]![1], { commit });
  assert.equal(canary?.traffic, { step: 1, steps: 2, percent: 10 });
  assert.is(canary?.message, 'apps/web/web: step 1 of 2: alias live: 10% of traffic on version 4');
  const full = notificationFor({ type: 'alias.shifted', time, unit, alias: 'live', version: '4', newVersion: null, weight: 1, step: 2, steps: 2 }, { commit });
  assert.equal(full?.traffic, { step: 2, steps: 2, percent: 100 });
});

test('the rollback says why (from rollback.started) and what runs again, or that it did not complete', () => {
  const restored = notificationFor(table[6]![1], { commit, rollbackReason: 'alarm web-5xx fired' });
  assert.is(restored?.message, 'apps/web/web rolled back (alarm web-5xx fired): web:3 runs again');
  const stuck = notificationFor({ type: 'rollback.finished', time, unit, restored: false }, { commit });
  assert.is(stuck?.message, 'apps/web/web: the rollback did not complete; an operator must look');
});

test('the last notification carries the outcome and the reason of a failure', () => {
  const rolledBack = notificationFor(table[12]![1], { commit });
  assert.is(rolledBack?.outcome, 'rolled-back');
  assert.match(rolledBack?.message ?? '', /failed: alarm web-5xx fired; the previous version was restored/);
  const deployed = notificationFor(
    { type: 'unit.finished', time, unit, result: result('deployed', { revision: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:4' }) },
    { commit },
  );
  assert.is(deployed?.message, 'apps/web/web deployed 0123456789ab (web:4)');
  assert.is(deployed?.outcome, 'deployed');
  assert.is(notificationFor(table[0]![1], { commit })?.outcome, undefined);
});

test.run();
