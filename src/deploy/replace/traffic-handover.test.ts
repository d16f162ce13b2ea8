import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { groupsStillCarrying, handoverMap, routesCarrying } from './traffic-handover.js';

const lb = (targetGroupArn: string, containerPort = 80, containerName = 'app') => ({ targetGroupArn, containerName, containerPort });

test("each old target group is taken over by the replacement's for the same container and port", () => {
  const map = handoverMap([lb('web-green'), lb('admin-green', 8080)], [lb('admin-blue', 8080), lb('web-blue')]);
  assert.equal(
    [...map],
    [
      ['web-green', 'web-blue'],
      ['admin-green', 'admin-blue'],
    ],
  );
});

test('a target group both services use needs no handover', () => {
  assert.equal([...handoverMap([lb('web-blue')], [lb('web-blue')])], []);
});

test('without a match by container, the one at the same position, else the first', () => {
  assert.equal(
    [...handoverMap([lb('a', 80, 'x'), lb('b', 81, 'y')], [lb('c', 1, 'z')])],
    [
      ['a', 'c'],
      ['b', 'c'],
    ],
  );
});

test('a replacement without load balancers takes over nothing', () => {
  assert.equal([...handoverMap([lb('web-green')], [])], []);
});

test('only routes that send traffic to a handed-over group are moved; read back, none may still carry it', () => {
  const route = (arn: string, weights: [string, number][]) => ({
    kind: 'listener' as const,
    arn,
    listenerArn: arn,
    weights: weights.map(([targetGroupArn, weight]) => ({ targetGroupArn, weight })),
  });
  const routes = [
    route('l1', [
      ['web-blue', 0],
      ['web-green', 100],
    ]),
    route('l2', [
      ['web-green', 0],
      ['web-blue', 100],
    ]),
  ];
  const map = new Map([['web-green', 'web-blue']]);
  assert.equal(
    routesCarrying(routes, map).map((r) => r.arn),
    ['l1'],
  );
  assert.equal(groupsStillCarrying(routes, ['web-green']), ['web-green']);
  assert.equal(groupsStillCarrying([routes[1]!], ['web-green']), []);
});

test.run();
