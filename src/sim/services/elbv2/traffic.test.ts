import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SimTarget } from '../../types.js';
import type { ForwardAction } from './state.js';
import { balancerWithListener, createTestWorld, ipGroup, type TestWorld } from './test-world.js';

const second = 1000;
const healthyAfter = 30 * 5 * second;
const taskDefinition = (revision: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${revision}`;

function task(ip: string, revision: number): SimTarget {
  return {
    id: ip,
    port: 80,
    meta: { taskDefinitionArn: taskDefinition(revision), family: 'web', revision, image: `repo/web:v${revision}` },
  };
}

function forward(...groups: [string, number][]): ForwardAction[] {
  return [
    {
      type: 'forward',
      targetGroups: groups.map(([targetGroupArn, weight]) => ({ targetGroupArn, weight })),
      stickiness: { enabled: false },
    },
  ];
}

/** Blue serves revision 1 at full weight; green holds revision 2 at weight 0; both healthy. */
function blueGreen(): { t: TestWorld; blue: string; green: string; listenerArn: string } {
  const t = createTestWorld();
  const blue = t.model.createTargetGroup(ipGroup('blue')).TargetGroupArn as string;
  const green = t.model.createTargetGroup(ipGroup('green')).TargetGroupArn as string;
  const { listenerArn } = balancerWithListener(t.model, 'web', blue);
  t.model.modifyListener(listenerArn, { defaultActions: forward([blue, 100], [green, 0]) });
  t.model.registerTargets(blue, [task('10.0.1.4', 1)]);
  t.model.registerTargets(green, [task('10.0.2.4', 2)]);
  t.tick(healthyAfter);
  return { t, blue, green, listenerArn };
}

const revisionsIn = (t: TestWorld): string[][] => t.traffic.map((signal) => signal.taskDefinitionArns ?? []);

test('a target turning healthy in a group with weight reports traffic; at weight 0 it does not', () => {
  const { t } = blueGreen();
  assert.equal(revisionsIn(t), [[taskDefinition(1)]]);
  assert.equal(t.traffic[0], {
    account: '123456789012',
    region: 'us-east-1',
    taskDefinitionArns: [taskDefinition(1)],
    images: ['repo/web:v1'],
  });
});

test('shifting weight to the green group reports its revision as receiving traffic', () => {
  const { t, blue, green, listenerArn } = blueGreen();
  t.traffic.length = 0;
  t.model.modifyListener(listenerArn, { defaultActions: forward([blue, 90], [green, 10]) });
  assert.equal(revisionsIn(t), [[taskDefinition(1), taskDefinition(2)]]);
  t.traffic.length = 0;
  t.model.modifyListener(listenerArn, { defaultActions: forward([blue, 0], [green, 100]) });
  assert.equal(revisionsIn(t), [[taskDefinition(2)]]);
});

test('weights in a rule count too', () => {
  const { t, blue, green, listenerArn } = blueGreen();
  t.traffic.length = 0;
  const rule = t.model.createRule({
    listenerArn,
    priority: 10,
    conditions: [{ field: 'path-pattern', values: ['/api/*'], legacyValues: false }],
    actions: forward([blue, 100], [green, 0]),
  });
  assert.equal(revisionsIn(t), [[taskDefinition(1)]]);
  t.traffic.length = 0;
  t.model.modifyRule(rule.RuleArn as string, { actions: forward([blue, 50], [green, 50]) });
  assert.equal(revisionsIn(t), [[taskDefinition(1), taskDefinition(2)]]);
});

test('targets that are not yet healthy receive no traffic; once healthy, they do', () => {
  const t = createTestWorld();
  const blue = t.model.createTargetGroup(ipGroup('blue')).TargetGroupArn as string;
  const { listenerArn } = balancerWithListener(t.model, 'web', blue);
  t.model.registerTargets(blue, [task('10.0.1.4', 3)]);
  t.model.modifyListener(listenerArn, { defaultActions: forward([blue, 1]) });
  assert.equal(t.traffic, []);
  t.tick(healthyAfter);
  assert.equal(revisionsIn(t), [[taskDefinition(3)]]);
});

test('a group of only unhealthy targets still gets traffic (ALB fails open)', () => {
  const t = createTestWorld();
  t.faults.push({ kind: 'unhealthy-targets', match: { revision: 4 } });
  const blue = t.model.createTargetGroup(ipGroup('blue')).TargetGroupArn as string;
  const { listenerArn } = balancerWithListener(t.model, 'web', blue);
  t.model.registerTargets(blue, [task('10.0.1.4', 4)]);
  t.tick(60 * second);
  assert.is(t.model.targetState(blue, '10.0.1.4'), 'unhealthy');
  t.model.modifyListener(listenerArn, { defaultActions: forward([blue, 5]) });
  assert.equal(revisionsIn(t), [[taskDefinition(4)]]);
});

test('targets registered through the API carry no task identity and send no signal', () => {
  const t = createTestWorld();
  const blue = t.model.createTargetGroup(ipGroup('blue')).TargetGroupArn as string;
  balancerWithListener(t.model, 'web', blue);
  t.model.registerTargets(blue, [{ id: '10.0.1.4', port: 80 }]);
  t.tick(healthyAfter);
  assert.is(t.model.targetState(blue, '10.0.1.4'), 'healthy');
  assert.equal(t.traffic, []);
});

test.run();
