import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SimError } from '../../errors.js';
import { NETWORK, describeService, messages, rollingService, serviceTasks, setUpCluster } from './test-fixtures.js';
import { createEcsTestWorld, TEST_TARGET_GROUP, TEST_TARGET_GROUP_GREEN, type EcsTestWorld } from './test-world.js';

interface TaskSetOut {
  id: string;
  taskSetArn: string;
  status: string;
  computedDesiredCount: number;
  runningCount: number;
  pendingCount: number;
  stabilityStatus: string;
  taskDefinition: string;
  scale: { value: number; unit: string };
  externalId?: string;
  tags?: { key: string; value: string }[];
}

function throwsCode(fn: () => unknown, code: string, message?: RegExp): void {
  try {
    fn();
  } catch (error) {
    assert.instance(error, SimError);
    assert.is((error as SimError).code, code);
    if (message) assert.match((error as SimError).message, message);
    return;
  }
  assert.unreachable(`expected ${code}`);
}

function externalService(t: EcsTestWorld, desiredCount = 4): void {
  t.call('CreateService', { cluster: 'prod', serviceName: 'web', desiredCount, deploymentController: { type: 'EXTERNAL' } });
}

function createTaskSet(t: EcsTestWorld, taskDefinition: string, targetGroupArn: string, extra: Record<string, unknown> = {}): TaskSetOut {
  return t.call<{ taskSet: TaskSetOut }>('CreateTaskSet', {
    cluster: 'prod',
    service: 'web',
    taskDefinition,
    launchType: 'FARGATE',
    networkConfiguration: NETWORK,
    loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 80 }],
    scale: { value: 100, unit: 'PERCENT' },
    ...extra,
  }).taskSet;
}

function taskSets(t: EcsTestWorld, ids?: string[]): { taskSets: TaskSetOut[]; failures: { arn: string; reason: string }[] } {
  return t.call('DescribeTaskSets', { cluster: 'prod', service: 'web', ...(ids ? { taskSets: ids, include: ['TAGS'] } : {}) });
}

test('EXTERNAL services refuse service-level launch settings, as ECS does', () => {
  const t = createEcsTestWorld();
  const [rev1] = setUpCluster(t);
  throwsCode(
    () => t.call('CreateService', { cluster: 'prod', serviceName: 'web', taskDefinition: rev1, deploymentController: { type: 'EXTERNAL' } }),
    'InvalidParameterException',
    /^TaskDefinition must be blank\.$/,
  );
  throwsCode(
    () => t.call('CreateService', { cluster: 'prod', serviceName: 'web', launchType: 'FARGATE', deploymentController: { type: 'EXTERNAL' } }),
    'InvalidParameterException',
    /LaunchType must be blank/,
  );
  externalService(t);
  throwsCode(
    () => t.call('UpdateService', { cluster: 'prod', service: 'web', taskDefinition: rev1 }),
    'InvalidParameterException',
    /EXTERNAL deployment controller/,
  );
  t.call('CreateService', rollingService(rev1 as string, { serviceName: 'rolling' }));
  throwsCode(
    () => t.call('CreateTaskSet', { cluster: 'prod', service: 'rolling', taskDefinition: rev1 }),
    'InvalidParameterException',
    /external deployment controllers/,
  );
});

test('blue/green with task sets: STABILIZING to STEADY_STATE, one PRIMARY, forced delete drains the old set', () => {
  const t = createEcsTestWorld({ healthyAfterSeconds: 15, drainSeconds: 20 });
  const [rev1, rev2] = setUpCluster(t, ['nginx:1.25', 'nginx:1.26']);
  externalService(t);
  const blue = createTaskSet(t, rev1 as string, TEST_TARGET_GROUP, { externalId: 'blue', tags: [{ key: 'color', value: 'blue' }] });
  assert.is(blue.status, 'ACTIVE');
  assert.is(blue.computedDesiredCount, 4);
  assert.is(blue.stabilityStatus, 'STABILIZING');
  assert.match(blue.taskSetArn, /^arn:aws:ecs:us-east-1:123456789012:task-set\/prod\/web\/ecs-svc\/\d{19}$/);
  assert.ok(serviceTasks(t).every((task) => task.startedBy === blue.id));
  t.tick(60);
  assert.is(taskSets(t).taskSets[0]?.stabilityStatus, 'STEADY_STATE');
  t.call('UpdateServicePrimaryTaskSet', { cluster: 'prod', service: 'web', primaryTaskSet: blue.taskSetArn });
  let service = describeService(t);
  assert.is(service.taskDefinition, rev1, 'the service shows its primary task set');
  assert.is(service.runningCount, 4);
  assert.equal(service.deployments, []);

  const green = createTaskSet(t, rev2 as string, TEST_TARGET_GROUP_GREEN, { externalId: 'green' });
  assert.is(serviceTasks(t).filter((task) => task.desiredStatus === 'RUNNING').length, 8);
  t.tick(60);
  assert.is(taskSets(t, [green.id]).taskSets[0]?.stabilityStatus, 'STEADY_STATE');
  assert.is(t.registry.live(TEST_TARGET_GROUP_GREEN).length, 4);
  t.call('UpdateServicePrimaryTaskSet', { cluster: 'prod', service: 'web', primaryTaskSet: green.id });
  const statuses = taskSets(t).taskSets.map((ts) => [ts.externalId, ts.status]);
  assert.equal(statuses, [
    ['blue', 'ACTIVE'],
    ['green', 'PRIMARY'],
  ]);
  assert.is(describeService(t).taskDefinition, rev2);

  throwsCode(() => t.call('DeleteTaskSet', { cluster: 'prod', service: 'web', taskSet: green.id }), 'InvalidParameterException', /primary task set/);
  throwsCode(() => t.call('DeleteTaskSet', { cluster: 'prod', service: 'web', taskSet: blue.id }), 'InvalidParameterException', /scaled down to zero/);
  const deleted = t.call<{ taskSet: TaskSetOut }>('DeleteTaskSet', { cluster: 'prod', service: 'web', taskSet: blue.id, force: true });
  assert.is(deleted.taskSet.status, 'DRAINING');
  t.tick(5);
  assert.is(taskSets(t, [blue.id]).taskSets[0]?.status, 'DRAINING');
  assert.is(t.registry.live(TEST_TARGET_GROUP).length, 0, 'deregistered at once');
  t.tick(60);
  const gone = taskSets(t, [blue.id]);
  assert.equal(gone.taskSets, []);
  assert.equal(gone.failures, [{ arn: blue.id, reason: 'MISSING' }]);
  const blueTasks = serviceTasks(t).filter((task) => task.startedBy === blue.id);
  assert.ok(blueTasks.every((task) => task.lastStatus === 'STOPPED'));
  service = describeService(t);
  assert.is(service.runningCount, 4);
  assert.ok(messages(service).includes(`(service web, taskSet ${green.id}) has reached a steady state.`));
});

test('scale, desired count and deleting a task set scaled to zero', () => {
  const t = createEcsTestWorld({ healthyAfterSeconds: 5 });
  const [rev1] = setUpCluster(t);
  externalService(t, 3);
  const blue = createTaskSet(t, rev1 as string, TEST_TARGET_GROUP, { scale: { value: 50, unit: 'PERCENT' } });
  assert.is(blue.computedDesiredCount, 2, 'ceil(3 × 50 %)');
  t.call('UpdateService', { cluster: 'prod', service: 'web', desiredCount: 6 });
  t.tick(60);
  assert.is(taskSets(t).taskSets[0]?.computedDesiredCount, 3);
  assert.is(taskSets(t).taskSets[0]?.runningCount, 3);
  const updated = t.call<{ taskSet: TaskSetOut }>('UpdateTaskSet', { cluster: 'prod', service: 'web', taskSet: blue.id, scale: { value: 0, unit: 'PERCENT' } });
  assert.equal(updated.taskSet.scale, { value: 0, unit: 'PERCENT' });
  t.tick(60);
  assert.is(taskSets(t).taskSets[0]?.runningCount, 0);
  t.call('DeleteTaskSet', { cluster: 'prod', service: 'web', taskSet: blue.taskSetArn });
  t.tick(60);
  assert.equal(taskSets(t).taskSets, []);
});

test('task set tags, limits and errors', () => {
  const t = createEcsTestWorld();
  const [rev1] = setUpCluster(t);
  externalService(t, 1);
  throwsCode(
    () => createTaskSet(t, rev1 as string, 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/1'),
    'InvalidParameterException',
    /does not exist/,
  );
  const ids = [1, 2, 3, 4, 5].map((n) => createTaskSet(t, rev1 as string, TEST_TARGET_GROUP, { tags: [{ key: 'n', value: String(n) }] }).id);
  throwsCode(() => createTaskSet(t, rev1 as string, TEST_TARGET_GROUP), 'InvalidParameterException', /5 deployments exist on the service/);
  assert.equal(taskSets(t, [ids[0] as string]).taskSets[0]?.tags, [{ key: 'n', value: '1' }]);
  const arn = taskSets(t).taskSets[1]?.taskSetArn;
  t.call('TagResource', { resourceArn: arn, tags: [{ key: 'gitmoxi:commit', value: 'abc' }] });
  assert.equal(t.call<{ tags: unknown[] }>('ListTagsForResource', { resourceArn: arn }).tags, [
    { key: 'n', value: '2' },
    { key: 'gitmoxi:commit', value: 'abc' },
  ]);
  throwsCode(() => t.call('UpdateTaskSet', { cluster: 'prod', service: 'web', taskSet: 'ecs-svc/0000', scale: { value: 1 } }), 'TaskSetNotFoundException');
});

test('a task set on Fargate Spot stays STABILIZING while capacity is short', () => {
  const t = createEcsTestWorld({ scenario: { faults: [{ kind: 'spot-capacity', limit: 1 }] }, healthyAfterSeconds: 5 });
  const [rev1] = setUpCluster(t);
  externalService(t, 3);
  createTaskSet(t, rev1 as string, TEST_TARGET_GROUP, { launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] });
  t.tick(120);
  const [set] = taskSets(t).taskSets;
  assert.is(set?.runningCount, 1);
  assert.is(set?.pendingCount, 0);
  assert.is(set?.stabilityStatus, 'STABILIZING');
  assert.ok(messages(describeService(t)).some((m) => m.includes('Capacity is unavailable at this time')));
});

test.run();
