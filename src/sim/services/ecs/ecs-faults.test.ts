import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Fault } from '../../types.js';
import { MISSING_LOG_GROUP_REASON } from './task-faults.js';
import { describeService, messages, rollingService, serviceTasks, setUpCluster, webTaskDefinition } from './test-fixtures.js';
import { createEcsTestWorld, TEST_TARGET_GROUP } from './test-world.js';

const stoppedTasks = (t: ReturnType<typeof createEcsTestWorld>) => serviceTasks(t).filter((task) => task.desiredStatus === 'STOPPED');

test('CannotPullContainerError: worded as ECS, TaskFailedToStart, replaced until the fault is used up', () => {
  const fault: Fault = { kind: 'task-fails-to-start', match: { image: 'nginx:*' }, reason: 'CannotPullContainerError', count: 2 };
  const t = createEcsTestWorld({ scenario: { faults: [fault] }, healthyAfterSeconds: 5 });
  const [rev1] = setUpCluster(t, ['nginx:1.25']);
  t.call('CreateService', rollingService(rev1 as string));
  t.tick(30);
  const failed = stoppedTasks(t);
  assert.is(failed.length, 2);
  const expected =
    'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/nginx:1.25: docker.io/library/nginx:1.25: not found';
  assert.ok(failed.every((task) => task.stoppedReason === expected && task.stopCode === 'TaskFailedToStart'));
  assert.is(failed[0]?.containers[0]?.reason, expected);
  t.tick(120);
  const service = describeService(t);
  assert.is(service.deployments[0]?.rolloutState, 'COMPLETED');
  assert.is(service.deployments[0]?.failedTasks, 2);
  assert.is(service.runningCount, 2);
});

test('ResourceInitializationError and EssentialContainerExited faults', () => {
  const faults: Fault[] = [
    { kind: 'task-fails-to-start', match: { family: 'web', revision: 1 }, reason: 'ResourceInitializationError', count: 1 },
    { kind: 'task-fails-to-start', match: { family: 'web', revision: 1 }, reason: 'EssentialContainerExited', count: 1 },
  ];
  const t = createEcsTestWorld({ scenario: { faults } });
  const [rev1] = setUpCluster(t);
  t.call('CreateService', rollingService(rev1 as string, { loadBalancers: [] }));
  t.tick(60);
  const failed = stoppedTasks(t);
  const init = failed.find((task) => task.stopCode === 'TaskFailedToStart');
  const exited = failed.find((task) => task.stopCode === 'EssentialContainerExited');
  assert.is(init?.stoppedReason, MISSING_LOG_GROUP_REASON);
  assert.is(exited?.stoppedReason, 'Essential container in task exited');
  assert.is(exited?.containers[0]?.exitCode, 1);
});

test('task-crashes: the container exits afterSeconds after RUNNING with its exit code', () => {
  const fault: Fault = { kind: 'task-crashes', match: { family: 'web' }, afterSeconds: 45, exitCode: 137, count: 1 };
  const t = createEcsTestWorld({ scenario: { faults: [fault] }, healthyAfterSeconds: 10 });
  const [rev1] = setUpCluster(t);
  t.call('CreateService', rollingService(rev1 as string, { desiredCount: 1 }));
  t.tick(60);
  assert.is(stoppedTasks(t).length, 0);
  assert.is(describeService(t).deployments[0]?.rolloutState, 'COMPLETED');
  t.tick(20);
  const [crashed] = stoppedTasks(t);
  assert.is(crashed?.stopCode, 'EssentialContainerExited');
  assert.is(crashed?.containers[0]?.exitCode, 137);
  assert.is(describeService(t).deployments[0]?.failedTasks, 0, 'a crash after being healthy is not a failed launch');
  assert.is(serviceTasks(t).filter((task) => task.desiredStatus === 'RUNNING').length, 1, 'replaced');
});

test('a missing awslogs group fails task start, only when the scenario lists log groups', () => {
  const t = createEcsTestWorld({ scenario: { infrastructure: { logGroups: [{ name: '/ecs/other' }] } } });
  const [rev1] = setUpCluster(t);
  t.call('CreateService', rollingService(rev1 as string, { loadBalancers: [], desiredCount: 1 }));
  t.tick(40);
  assert.is(stoppedTasks(t)[0]?.stoppedReason, MISSING_LOG_GROUP_REASON);

  const seeded = createEcsTestWorld({ scenario: { infrastructure: { logGroups: [{ name: '/ecs/web' }] } } });
  const [ok] = setUpCluster(seeded);
  seeded.call('CreateService', rollingService(ok as string, { loadBalancers: [], desiredCount: 1 }));
  seeded.tick(40);
  assert.is(stoppedTasks(seeded).length, 0);
  assert.is(describeService(seeded).runningCount, 1);
});

test('circuit breaker with rollback: FAILED after 3 failures, back to the last COMPLETED deployment', () => {
  const t = createEcsTestWorld({ healthyAfterSeconds: 5 });
  const [rev1, rev2] = setUpCluster(t, ['nginx:1.25', 'nginx:broken']);
  t.call('CreateService', rollingService(rev1 as string, { deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } }));
  t.tick(60);
  const firstId = describeService(t).deployments[0]?.id ?? '';
  t.faults.push({ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' });
  t.call('UpdateService', { cluster: 'prod', service: 'web', taskDefinition: rev2 });
  let service = describeService(t);
  for (let s = 0; s < 300 && service.deployments[0]?.taskDefinition === rev2; s += 1) {
    t.tick(1);
    service = describeService(t);
  }
  const failed = service.deployments.find((d) => d.taskDefinition === rev2);
  assert.is(failed?.rolloutState, 'FAILED');
  assert.is(failed?.rolloutStateReason, 'ECS deployment circuit breaker: tasks failed to start.');
  assert.ok((failed?.failedTasks ?? 0) >= 3);
  assert.is(service.deployments[0]?.taskDefinition, rev1);
  assert.is(service.deployments[0]?.rolloutStateReason, `ECS deployment circuit breaker: rolling back to deploymentId ${firstId}.`);
  assert.ok(messages(service).includes(`(service web) (deployment ${failed?.id}) deployment failed: tasks failed to start.`));
  assert.ok(messages(service).includes(`(service web) rolling back to deployment ${firstId}.`));
  t.tick(120);
  service = describeService(t);
  assert.is(service.deployments.length, 1);
  assert.is(service.deployments[0]?.rolloutState, 'COMPLETED');
  assert.is(service.taskDefinition, rev1);
  assert.is(service.runningCount, 2);
});

test('circuit breaker without rollback stops launching; old tasks keep running', () => {
  const t = createEcsTestWorld({ healthyAfterSeconds: 5 });
  const [rev1, rev2] = setUpCluster(t, ['nginx:1.25', 'nginx:broken']);
  t.call(
    'CreateService',
    rollingService(rev1 as string, { desiredCount: 8, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } } }),
  );
  t.tick(60);
  t.faults.push({ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'EssentialContainerExited' });
  t.call('UpdateService', { cluster: 'prod', service: 'web', taskDefinition: rev2 });
  t.tick(300, 5);
  const service = describeService(t);
  assert.is(service.deployments[0]?.rolloutState, 'FAILED');
  assert.is(service.deployments[0]?.failedTasks, 8, 'threshold 0.5 × 8 = 4 reached by the first wave of 8');
  const running = serviceTasks(t).filter((task) => task.desiredStatus === 'RUNNING');
  assert.is(running.length, 8);
  assert.ok(running.every((task) => task.taskDefinitionArn === rev1));
});

test('without the breaker, failing tasks keep being replaced', () => {
  const t = createEcsTestWorld();
  const [rev1] = setUpCluster(t);
  t.faults.push({ kind: 'task-fails-to-start', match: {}, reason: 'CannotPullContainerError' });
  t.call('CreateService', rollingService(rev1 as string, { desiredCount: 1 }));
  t.tick(600, 10);
  const service = describeService(t);
  assert.is(service.deployments[0]?.rolloutState, 'IN_PROGRESS');
  assert.ok((service.deployments[0]?.failedTasks ?? 0) >= 15);
});

test('tasks failing ELB health checks are stopped after the grace period and counted', () => {
  const t = createEcsTestWorld({ healthyAfterSeconds: 20 });
  const [rev1] = setUpCluster(t);
  t.registry.failing.add(TEST_TARGET_GROUP);
  t.call('CreateService', rollingService(rev1 as string, { desiredCount: 1, healthCheckGracePeriodSeconds: 60 }));
  t.tick(80);
  assert.is(stoppedTasks(t).length, 0, 'within the grace period');
  t.tick(20);
  const [stopped] = stoppedTasks(t);
  assert.is(stopped?.stoppedReason, `Task failed ELB health checks in (target-group ${TEST_TARGET_GROUP})`);
  const service = describeService(t);
  assert.is(service.deployments[0]?.failedTasks, 1);
  assert.ok(messages(service).some((m) => m.startsWith(`(service web) (port 80) is unhealthy in (target-group ${TEST_TARGET_GROUP})`)));
});

test('Spot capacity: base and weight split, unplaced tasks wait and the placement failure is reported', () => {
  const spot: Fault = { kind: 'spot-capacity', limit: 2 };
  const t = createEcsTestWorld({ scenario: { faults: [spot] } });
  const [rev1] = setUpCluster(t);
  const strategy = [
    { capacityProvider: 'FARGATE', base: 1, weight: 1 },
    { capacityProvider: 'FARGATE_SPOT', weight: 3 },
  ];
  t.call('CreateService', rollingService(rev1 as string, { launchType: undefined, capacityProviderStrategy: strategy, desiredCount: 8, loadBalancers: [] }));
  let tasks = serviceTasks(t);
  const byProvider = (name: string) => tasks.filter((task) => task.capacityProviderName === name).length;
  assert.is(byProvider('FARGATE'), 3);
  assert.is(byProvider('FARGATE_SPOT'), 2);
  let service = describeService(t);
  assert.is(service.pendingCount, 5, 'unplaced tasks are not pending');
  assert.ok(messages(service).some((m) => m.startsWith('(service web) was unable to place a task. Reason: Capacity is unavailable at this time.')));
  t.tick(60);
  assert.is(describeService(t).runningCount, 5);
  t.faults.splice(t.faults.indexOf(spot), 1);
  t.tick(60);
  tasks = serviceTasks(t);
  assert.is(byProvider('FARGATE_SPOT'), 5);
  service = describeService(t);
  assert.is(service.runningCount, 8);
  assert.is(service.deployments[0]?.rolloutState, 'COMPLETED');
});

test('EC2 launch type: no container instances, the task is never placed', () => {
  const t = createEcsTestWorld();
  t.call('CreateCluster', { clusterName: 'prod' });
  const td = t.call<{ taskDefinition: { taskDefinitionArn: string } }>(
    'RegisterTaskDefinition',
    webTaskDefinition('nginx', { requiresCompatibilities: ['EC2'] }),
  );
  t.call('CreateService', rollingService(td.taskDefinition.taskDefinitionArn, { launchType: 'EC2', loadBalancers: [] }));
  const service = describeService(t);
  assert.is(service.pendingCount, 0);
  assert.ok(messages(service)[0]?.includes('was unable to place a task because no container instance met all of its requirements'));
});

test.run();
