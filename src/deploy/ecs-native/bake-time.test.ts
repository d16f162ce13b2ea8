import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ServiceDeploymentState } from '../ports/ecs-port.js';
import { bakeText, bakeWait, shortDuration } from './bake-time.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function state(extra: Partial<ServiceDeploymentState>): ServiceDeploymentState {
  return { serviceDeploymentArn: 'arn', status: 'IN_PROGRESS', productionWeight: 100, hooks: [], triggeredAlarms: [], ...extra };
}

test('BAKE_TIME counts from when ECS entered the stage (updatedAt), not from when gitmoxi looked', () => {
  const wait = bakeWait(state({ lifecycleStage: 'BAKE_TIME', bakeTimeInMinutes: 5, updatedAt: T0 }), T0 + 50_000);
  assert.ok(wait);
  assert.equal([wait.label, wait.startedAt, wait.totalMs, wait.endsAt], ['BAKE_TIME', T0, 300_000, T0 + 300_000]);
  assert.is(bakeText(wait, T0 + 50_000), 'BAKE_TIME: 4m 10s left of 5m');
  assert.is(bakeText(wait, T0 + 400_000), 'BAKE_TIME: 0s left of 5m');
});

test('no usable updatedAt: counted from when gitmoxi first saw the stage', () => {
  assert.is(bakeWait(state({ lifecycleStage: 'BAKE_TIME', bakeTimeInMinutes: 2 }), T0)?.startedAt, T0);
  assert.is(bakeWait(state({ lifecycleStage: 'BAKE_TIME', bakeTimeInMinutes: 2, updatedAt: T0 + 9000 }), T0)?.startedAt, T0);
});

test('a step bake between LINEAR or CANARY steps; none after the last step, without a bake, or once ended', () => {
  const step = bakeWait(state({ lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', productionWeight: 25, stepBakeTimeInMinutes: 2, updatedAt: T0 }), T0 + 5000);
  assert.equal([step?.label, step?.greenPercent, step?.endsAt], ['step bake', 25, T0 + 120_000]);
  assert.is(bakeWait(state({ lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', productionWeight: 100, stepBakeTimeInMinutes: 2 }), T0), null);
  assert.is(bakeWait(state({ lifecycleStage: 'BAKE_TIME', bakeTimeInMinutes: 0 }), T0), null);
  assert.is(bakeWait(state({ lifecycleStage: 'SCALE_UP', bakeTimeInMinutes: 5 }), T0), null);
  assert.is(bakeWait(state({ status: 'ROLLBACK_IN_PROGRESS', lifecycleStage: 'BAKE_TIME', bakeTimeInMinutes: 5 }), T0), null);
});

test('durations: trailing zero units left out', () => {
  assert.equal([0, 45_000, 60_000, 250_000, 3_600_000, 5_400_000, 86_400_000].map(shortDuration), ['0s', '45s', '1m', '4m 10s', '1h', '1h 30m', '24h']);
});

test.run();
