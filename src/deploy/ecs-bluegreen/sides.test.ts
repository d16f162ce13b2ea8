import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EcsServiceState, EcsTaskSetState } from '../ports/ecs-port.js';
import { classifyTaskSets, isSettled, primaryCandidate, runsDefinitions } from './sides.js';

const pairs: [string, string][] = [['blue', 'green']];

function taskSet(id: string, status: string, groups: string[], extra: Partial<EcsTaskSetState> = {}): EcsTaskSetState {
  return {
    id,
    taskSetArn: `arn:${id}`,
    status,
    taskDefinitionArn: 'td:1',
    externalId: 'h1',
    scale: 100,
    computedDesiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    stabilityStatus: 'STEADY_STATE',
    loadBalancers: groups.map((targetGroupArn) => ({ targetGroupArn, containerName: 'app', containerPort: 80 })),
    ...extra,
  };
}

function service(taskSets: EcsTaskSetState[], desiredCount = 2): EcsServiceState {
  return {
    serviceArn: 's',
    serviceName: 'web',
    clusterArn: 'c',
    status: 'ACTIVE',
    desiredCount,
    runningCount: 0,
    pendingCount: 0,
    deploymentControllerType: 'EXTERNAL',
    deployments: [],
    events: [],
    loadBalancers: [],
    tags: {},
    taskSets,
  };
}

test('classifyTaskSets: the primary defines the live groups; partners are new, the same groups old, others stray', () => {
  const primary = taskSet('p', 'PRIMARY', ['blue']);
  const fallback = taskSet('f', 'ACTIVE', ['blue']);
  const fresh = taskSet('n', 'ACTIVE', ['green']);
  const stray = taskSet('x', 'ACTIVE', ['elsewhere']);
  const draining = taskSet('d', 'DRAINING', ['green']);
  const sides = classifyTaskSets(service([fresh, primary, stray, fallback, draining]), pairs);
  assert.ok(sides);
  assert.equal(
    sides.old.map((ts) => ts.id),
    ['p', 'f'],
  );
  assert.equal(
    sides.fresh.map((ts) => ts.id),
    ['n'],
  );
  assert.equal(
    sides.stray.map((ts) => ts.id),
    ['x'],
  );
  assert.equal([...sides.shift], [['blue', 'green']]);
  assert.equal(sides.unpaired, []);
});

test('classifyTaskSets: either member of a pair can be live; an unpaired live group is reported', () => {
  const sides = classifyTaskSets(service([taskSet('p', 'PRIMARY', ['green', 'api'])]), pairs);
  assert.equal([...(sides?.shift ?? [])], [['green', 'blue']]);
  assert.equal(sides?.unpaired, ['api']);
  assert.is(classifyTaskSets(service([taskSet('a', 'ACTIVE', ['blue'])]), pairs), null);
});

test('isSettled: one primary (plus a fallback in its groups), all running, adding up to desiredCount', () => {
  assert.ok(isSettled(service([taskSet('p', 'PRIMARY', ['blue'])])));
  assert.ok(isSettled(service([taskSet('p', 'PRIMARY', ['blue'])], 2)));
  const spot = taskSet('p', 'PRIMARY', ['blue'], { computedDesiredCount: 1, runningCount: 1, scale: 50 });
  const fallback = taskSet('f', 'ACTIVE', ['blue'], { computedDesiredCount: 1, runningCount: 1, scale: 50 });
  assert.ok(isSettled(service([spot, fallback])));
  assert.ok(isSettled(service([taskSet('p', 'PRIMARY', ['blue']), taskSet('d', 'DRAINING', ['green'])])), 'a task set being deleted is not in flight');
  assert.not.ok(isSettled(service([taskSet('p', 'PRIMARY', ['blue']), taskSet('n', 'ACTIVE', ['green'])])));
  assert.not.ok(isSettled(service([taskSet('p', 'PRIMARY', ['blue'], { runningCount: 1 })])));
  assert.not.ok(isSettled(service([taskSet('p', 'PRIMARY', ['blue'])], 3)));
  assert.not.ok(isSettled(service([])));
});

test('primaryCandidate: the task set carrying traffic, else the oldest', () => {
  const older = taskSet('a', 'ACTIVE', ['blue'], { createdAt: 1 });
  const newer = taskSet('b', 'ACTIVE', ['green'], { createdAt: 2 });
  assert.is(primaryCandidate(service([newer, older]), new Set())?.id, 'a');
  assert.is(primaryCandidate(service([newer, older]), new Set(['green']))?.id, 'b');
});

test('runsDefinitions: every task set carries the hash as its externalId', () => {
  assert.ok(runsDefinitions([taskSet('a', 'ACTIVE', [])], 'h1'));
  assert.not.ok(runsDefinitions([taskSet('a', 'ACTIVE', []), taskSet('b', 'ACTIVE', [], { externalId: 'h0' })], 'h1'));
  assert.not.ok(runsDefinitions([], 'h1'));
  assert.not.ok(runsDefinitions([taskSet('a', 'ACTIVE', [])], null));
});

test.run();
