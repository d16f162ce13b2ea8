import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EcsServiceState } from '../ports/ecs-port.js';
import { sideHealthProblem, sideStability, spotShortfall } from './side-gates.js';
import type { SideCounts } from './side-watcher.js';

const service = { desiredCount: 2 } as EcsServiceState;
const counts = (c: Partial<SideCounts>): SideCounts => ({ desired: 2, running: 2, pending: 0, healthy: 2, failed: 0, ...c });
const taskSets = [{ id: 'n' }] as never[];

const stability: [string, Partial<SideCounts>, boolean, RegExp][] = [
  ['all running and healthy', {}, true, /^$/],
  ['scaled short of desiredCount', { desired: 1, running: 1, healthy: 1 }, false, /scaled to 2/],
  ['tasks still starting', { running: 1, pending: 1, healthy: 1 }, false, /1 of 2 running/],
  ['health checks pending', { healthy: 1 }, false, /1 of 2 healthy/],
];
for (const [name, c, stable, waiting] of stability) {
  test(`sideStability: ${name}`, () => {
    const verdict = sideStability({ service, taskSets, counts: counts(c) });
    assert.is(verdict.stable, stable);
    assert.match(verdict.waitingFor, waiting);
  });
}

test('sideStability: a task set created at initialScale is stable at its own share, not short of desiredCount', () => {
  const partial = counts({ desired: 1, running: 1, healthy: 1 });
  assert.is(sideStability({ service, taskSets, counts: partial }, 1).stable, true);
  assert.match(sideStability({ service, taskSets, counts: counts({ desired: 1, running: 1, healthy: 0 }) }, 1).waitingFor, /0 of 1 healthy/);
  assert.match(sideStability({ service, taskSets, counts: partial }).waitingFor, /scaled to 2/);
});

test('sideStability: no task set yet', () => {
  assert.match(sideStability({ service, taskSets: [], counts: counts({}) }).waitingFor, /create the task set/);
});

test('sideHealthProblem: unhealthy targets, new failures, fewer healthy tasks than desired', () => {
  assert.is(sideHealthProblem({ counts: counts({}), unhealthy: [] }, 0), null);
  const unhealthy = [{ targetGroupArn: 'g', targetId: '10.0.0.1', state: 'unhealthy', reason: 'Target.FailedHealthChecks' }];
  assert.match(sideHealthProblem({ counts: counts({}), unhealthy }, 0) ?? '', /1 target of the new tasks is unhealthy \(Target.FailedHealthChecks\)/);
  assert.match(sideHealthProblem({ counts: counts({ failed: 3 }), unhealthy: [] }, 1) ?? '', /2 tasks of the new version failed/);
  assert.is(sideHealthProblem({ counts: counts({ failed: 1 }), unhealthy: [] }, 1), null, 'failures before the shift were already judged');
  assert.match(sideHealthProblem({ counts: counts({ healthy: 1 }), unhealthy: [] }, 0) ?? '', /only 1 of 2/);
});

test('spotShortfall: missing tasks count once ECS said so, or once the grace is over', () => {
  const base = { computedDesiredCount: 4, running: 1, pending: 1, capacityShortage: false, elapsedMs: 0, graceMs: 60_000 };
  assert.is(spotShortfall(base), 0);
  assert.is(spotShortfall({ ...base, capacityShortage: true }), 2);
  assert.is(spotShortfall({ ...base, elapsedMs: 60_000 }), 2);
  assert.is(spotShortfall({ ...base, running: 3, capacityShortage: true }), 0);
});

test.run();
