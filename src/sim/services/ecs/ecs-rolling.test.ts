import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PENDING_SECONDS, PROVISIONING_SECONDS } from './lifecycle.js';
import { describeService, messages, rollingService, serviceTasks, setUpCluster } from './test-fixtures.js';
import { createEcsTestWorld, TEST_TARGET_GROUP } from './test-world.js';

test('a new service starts its tasks through PROVISIONING, PENDING and RUNNING, then completes', () => {
  const t = createEcsTestWorld({ healthyAfterSeconds: 20 });
  const [rev1] = setUpCluster(t);
  t.call('CreateService', rollingService(rev1 as string));
  let service = describeService(t);
  assert.is(service.pendingCount, 2);
  assert.is(service.deployments.length, 1);
  assert.is(service.deployments[0]?.rolloutState, 'IN_PROGRESS');
  assert.match(messages(service)[0] ?? '', /^\(service web\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
  let tasks = serviceTasks(t);
  assert.equal(
    tasks.map((task) => task.lastStatus),
    ['PROVISIONING', 'PROVISIONING'],
  );
  assert.ok(tasks.every((task) => task.startedBy === service.deployments[0]?.id && task.group === 'service:web'));
  const ip = tasks[0]?.attachments[0]?.details.find((d) => d.name === 'privateIPv4Address')?.value ?? '';
  assert.match(ip, /^10\.0\.\d+\.\d+$/);

  t.tick(PROVISIONING_SECONDS);
  assert.equal(
    serviceTasks(t).map((task) => task.lastStatus),
    ['PENDING', 'PENDING'],
  );
  t.tick(PENDING_SECONDS);
  tasks = serviceTasks(t);
  assert.equal(
    tasks.map((task) => task.lastStatus),
    ['RUNNING', 'RUNNING'],
  );
  assert.is(t.registry.live(TEST_TARGET_GROUP).length, 2);
  assert.is(t.registry.live(TEST_TARGET_GROUP)[0]?.meta?.family, 'web');
  service = describeService(t);
  assert.is(service.runningCount, 2);
  assert.is(service.deployments[0]?.rolloutState, 'IN_PROGRESS', 'targets are not healthy yet');

  t.tick(20);
  service = describeService(t);
  assert.is(service.deployments[0]?.rolloutState, 'COMPLETED');
  assert.match(service.deployments[0]?.rolloutStateReason ?? '', /^ECS deployment ecs-svc\/\d{19} completed\.$/);
  assert.is(messages(service)[0], '(service web) has reached a steady state.');
  assert.is(messages(service)[1], `(service web) (deployment ${service.deployments[0]?.id}) deployment completed.`);
});

test('an update replaces old tasks only as new ones become healthy (min 100 %, max 200 %)', () => {
  const t = createEcsTestWorld({ healthyAfterSeconds: 20, drainSeconds: 30 });
  const [rev1, rev2] = setUpCluster(t, ['nginx:1.25', 'nginx:1.26']);
  t.call('CreateService', rollingService(rev1 as string));
  t.tick(60);
  t.call('UpdateService', { cluster: 'prod', service: 'web', taskDefinition: rev2 });
  let service = describeService(t);
  assert.equal(
    service.deployments.map((d) => [d.status, d.taskDefinition]),
    [
      ['PRIMARY', rev2],
      ['ACTIVE', rev1],
    ],
  );
  assert.is(service.taskDefinition, rev2);
  assert.is(serviceTasks(t).filter((task) => task.desiredStatus === 'RUNNING').length, 4, 'maximumPercent 200 allows 4');

  t.tick(40);
  assert.is(serviceTasks(t).filter((task) => task.desiredStatus === 'STOPPED').length, 0, 'new tasks not yet healthy');
  t.tick(15);
  const stopped = serviceTasks(t).filter((task) => task.desiredStatus === 'STOPPED');
  assert.is(stopped.length, 2);
  const primaryId = describeService(t).deployments[0]?.id;
  assert.ok(stopped.every((task) => task.taskDefinitionArn === rev1));
  assert.ok(stopped.every((task) => task.stoppedReason === `Scaling activity initiated by (deployment ${primaryId})`));
  assert.ok(stopped.every((task) => task.stopCode === 'ServiceSchedulerInitiated'));
  assert.is(stopped[0]?.lastStatus, 'DEACTIVATING', 'draining from the target group first');

  t.tick(60);
  service = describeService(t);
  assert.is(service.deployments.length, 1);
  assert.is(service.deployments[0]?.rolloutState, 'COMPLETED');
  const all = serviceTasks(t);
  assert.ok(all.filter((task) => task.taskDefinitionArn === rev1).every((task) => task.lastStatus === 'STOPPED'));
  assert.ok(messages(service).some((m) => /has stopped 2 running tasks/.test(m)));
  assert.ok(messages(service).some((m) => m === '(service web) has begun draining connections on 2 tasks.'));
});

test('minimumHealthyPercent 50 / maximumPercent 100 stops half the old tasks first', () => {
  const t = createEcsTestWorld({ healthyAfterSeconds: 10 });
  const [rev1, rev2] = setUpCluster(t, ['nginx:1.25', 'nginx:1.26']);
  t.call('CreateService', rollingService(rev1 as string, { desiredCount: 4, deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 } }));
  t.tick(60);
  t.call('UpdateService', { cluster: 'prod', service: 'web', taskDefinition: rev2 });
  const active = serviceTasks(t).filter((task) => task.desiredStatus === 'RUNNING');
  assert.is(active.length, 4, 'never more than 100 %');
  assert.is(active.filter((task) => task.taskDefinitionArn === rev1).length, 2);
  assert.is(active.filter((task) => task.taskDefinitionArn === rev2).length, 2);
  t.tick(120);
  const service = describeService(t);
  assert.is(service.deployments[0]?.rolloutState, 'COMPLETED');
  assert.is(service.runningCount, 4);
});

test('scaling in and out, a stopped task is replaced, no new deployment for the same definition', () => {
  const t = createEcsTestWorld({ healthyAfterSeconds: 5 });
  const [rev1] = setUpCluster(t);
  t.call('CreateService', rollingService(rev1 as string));
  t.tick(60);
  const deploymentId = describeService(t).deployments[0]?.id;
  t.call('UpdateService', { cluster: 'prod', service: 'web', desiredCount: 3, taskDefinition: rev1 });
  assert.is(describeService(t).deployments[0]?.id, deploymentId);
  t.tick(60);
  assert.is(describeService(t).runningCount, 3);
  t.call('UpdateService', { cluster: 'prod', service: 'web', desiredCount: 1 });
  t.tick(60);
  assert.is(describeService(t).runningCount, 1);

  const [running] = serviceTasks(t).filter((task) => task.desiredStatus === 'RUNNING');
  const stopped = t.call<{ task: { desiredStatus: string; stoppedReason: string; stopCode: string } }>('StopTask', {
    cluster: 'prod',
    task: running?.taskArn,
    reason: 'operator',
  });
  assert.is(stopped.task.desiredStatus, 'STOPPED');
  assert.is(stopped.task.stopCode, 'UserInitiated');
  assert.is(serviceTasks(t).filter((task) => task.desiredStatus === 'RUNNING').length, 1, 'a replacement started');
  t.tick(60);
  t.call('UpdateService', { cluster: 'prod', service: 'web', forceNewDeployment: true });
  assert.is(describeService(t).deployments.length, 2, 'forceNewDeployment starts a deployment');
});

test('without load balancers a task is healthy once RUNNING; stopped tasks stay describable for an hour', () => {
  const t = createEcsTestWorld();
  const [rev1] = setUpCluster(t);
  t.call('CreateService', rollingService(rev1 as string, { loadBalancers: [], desiredCount: 1 }));
  t.tick(PROVISIONING_SECONDS + PENDING_SECONDS);
  assert.is(describeService(t).deployments[0]?.rolloutState, 'COMPLETED');
  const [task] = serviceTasks(t);
  t.call('StopTask', { cluster: 'prod', task: task?.taskArn });
  t.tick(60);
  let found = t.call<{ tasks: { lastStatus: string; stoppedAt?: unknown }[] }>('DescribeTasks', { cluster: 'prod', tasks: [task?.taskArn] });
  assert.is(found.tasks[0]?.lastStatus, 'STOPPED');
  assert.ok(found.tasks[0]?.stoppedAt instanceof Date);
  t.tick(3600, 600);
  found = t.call('DescribeTasks', { cluster: 'prod', tasks: [task?.taskArn] });
  assert.is(found.tasks.length, 0);
});

test('a deleted service drains, then turns INACTIVE', () => {
  const t = createEcsTestWorld({ healthyAfterSeconds: 5, drainSeconds: 10 });
  const [rev1] = setUpCluster(t);
  t.call('CreateService', rollingService(rev1 as string));
  t.tick(60);
  const deleted = t.call<{ service: { status: string } }>('DeleteService', { cluster: 'prod', service: 'web', force: true });
  assert.is(deleted.service.status, 'DRAINING');
  t.tick(120);
  assert.is(describeService(t).status, 'INACTIVE');
  assert.ok(serviceTasks(t).every((task) => task.lastStatus === 'STOPPED'));
  assert.is(t.registry.live(TEST_TARGET_GROUP).length, 0);
  const again = t.call<{ service: { status: string } }>('CreateService', rollingService(rev1 as string));
  assert.is(again.service.status, 'ACTIVE', 'the name is free again');
});

test.run();
