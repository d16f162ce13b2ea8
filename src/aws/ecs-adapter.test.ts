/** EcsAdapter through the real @aws-sdk/client-ecs against the simulator. */
import { DeregisterTaskDefinitionCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { forwardBudget, retryTransient } from '../deploy/retry-budget.js';
import { calls, startTestAws, webService, webTaskDefinition, type TestAws } from './test-simulator.js';

let aws: TestAws;

test.before.each(async () => {
  aws = await startTestAws();
});

test.after.each(async () => {
  await aws.close();
});

async function registerWeb(image = 'nginx:1.25'): Promise<string> {
  return aws.ports.ecs.registerTaskDefinition(webTaskDefinition(image), { 'gitmoxi:unit': 'apps/web/web' });
}

test('describeService is null for a service that does not exist', async () => {
  assert.is(await aws.ports.ecs.describeService('prod', 'web'), null);
});

test('createService and describeService map the service to plain values', async () => {
  const taskDefinitionArn = await registerWeb();
  const created = await aws.ports.ecs.createService(webService(taskDefinitionArn, { tags: [{ key: 'team', value: 'payments' }] }));
  assert.is(created.serviceName, 'web');
  assert.is(created.status, 'ACTIVE');
  assert.equal(created.tags, { team: 'payments' });

  const described = await aws.ports.ecs.describeService('prod', 'web');
  assert.ok(described);
  assert.is(described.taskDefinitionArn, taskDefinitionArn);
  assert.is(described.desiredCount, 2);
  assert.is(described.deploymentControllerType, 'ECS');
  assert.equal(described.tags, { team: 'payments' });
  const [deployment] = described.deployments;
  assert.ok(deployment);
  assert.is(deployment.status, 'PRIMARY');
  assert.is(deployment.taskDefinitionArn, taskDefinitionArn);
  assert.is(typeof deployment.createdAt, 'number');
  for (const event of described.events) assert.is(typeof event.at, 'number');
});

test('25 concurrent describeService calls in one cluster make 3 DescribeServices calls with TAGS', async () => {
  const names = Array.from({ length: 25 }, (_, index) => `svc-${index}`);
  const results = await Promise.all(names.map((name) => aws.ports.ecs.describeService('prod', name)));
  assert.equal(
    results,
    names.map(() => null),
  );
  const described = calls(aws.sim, 'ecs').filter((call) => call.operation === 'DescribeServices');
  assert.is(described.length, 3);
  const sizes = described.map((call) => (call.params as { services: string[] }).services.length).sort((a, b) => a - b);
  assert.equal(sizes, [5, 10, 10]);
  for (const call of described) assert.equal((call.params as { include?: string[] }).include, ['TAGS']);
});

test('concurrent describeService calls find each service in the shared batch', async () => {
  const taskDefinitionArn = await registerWeb();
  await aws.ports.ecs.createService(webService(taskDefinitionArn));
  await aws.ports.ecs.createService(webService(taskDefinitionArn, { serviceName: 'api' }));
  const [web, api, missing] = await Promise.all([
    aws.ports.ecs.describeService('prod', 'web'),
    aws.ports.ecs.describeService('prod', 'api'),
    aws.ports.ecs.describeService('prod', 'nope'),
  ]);
  assert.is(web?.serviceName, 'web');
  assert.is(api?.serviceName, 'api');
  assert.is(missing, null);
  assert.is(calls(aws.sim, 'ecs').filter((call) => call.operation === 'DescribeServices').length, 1);
});

// The SDK tries a call MAX_ATTEMPTS times within a moment; a longer storm reaches the caller as a throttled
// PortError, which the deployment retries on its own clock (src/deploy/retry-budget.ts).
test('a storm of 3 ThrottlingExceptions on DescribeServices: a throttled PortError, then retried through on the clock', async () => {
  aws.sim.control.addFaults([{ kind: 'throttle', service: 'ecs', operation: 'DescribeServices', count: 3 }]);
  const describe = () => aws.ports.ecs.describeService('prod', 'web');
  const clock = { now: () => Date.now(), sleep: async () => undefined };
  assert.is(await retryTransient(describe, { clock, budget: forwardBudget }), null);
  const outcomes = calls(aws.sim, 'ecs').map((call) => call.outcome);
  assert.equal(outcomes, ['ThrottlingException', 'ThrottlingException', 'ThrottlingException', 'ok']);
});

test('registerTaskDefinition adds the tags; latestTaskDefinition follows the latest ACTIVE revision', async () => {
  assert.is(await aws.ports.ecs.latestTaskDefinition('web'), null);
  const body = {
    ...webTaskDefinition('nginx:1.25'),
    tags: [
      { key: 'team', value: 'payments' },
      { key: 'gitmoxi:unit', value: 'old' },
    ],
  };
  const first = await aws.ports.ecs.registerTaskDefinition(body, { 'gitmoxi:unit': 'apps/web/web' });
  const second = await registerWeb('nginx:1.27');

  const latest = await aws.ports.ecs.latestTaskDefinition('web');
  assert.ok(latest);
  assert.is(latest.taskDefinitionArn, second);
  assert.is(latest.revision, 2);
  assert.equal(latest.tags, { 'gitmoxi:unit': 'apps/web/web' });
  // The registration is the request again: nothing ECS added on registration.
  for (const member of ['taskDefinitionArn', 'revision', 'status', 'registeredAt', 'compatibilities', 'requiresAttributes']) {
    assert.not.ok(member in latest.registration, member);
  }
  assert.is((latest.registration['containerDefinitions'] as { image: string }[])[0]?.image, 'nginx:1.27');

  await aws.clients.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: second }));
  const afterDeregister = await aws.ports.ecs.latestTaskDefinition('web');
  assert.is(afterDeregister?.taskDefinitionArn, first);
  assert.equal(afterDeregister?.tags, { team: 'payments', 'gitmoxi:unit': 'apps/web/web' });
});

test('describeTaskDefinition takes family:revision and is null for a revision that does not exist', async () => {
  const arn = await registerWeb();
  assert.is((await aws.ports.ecs.describeTaskDefinition('web:1'))?.taskDefinitionArn, arn);
  assert.is((await aws.ports.ecs.describeTaskDefinition(arn))?.family, 'web');
  assert.is(await aws.ports.ecs.describeTaskDefinition('web:9'), null);
});

test('updateService accepts the svcdef serviceName and starts a deployment of the new revision', async () => {
  const first = await registerWeb('nginx:1.25');
  await aws.ports.ecs.createService(webService(first));
  const second = await registerWeb('nginx:1.27');
  const updated = await aws.ports.ecs.updateService({ cluster: 'prod', service: 'web', taskDefinition: second, desiredCount: 3 });
  assert.is(updated.taskDefinitionArn, second);
  assert.is(updated.desiredCount, 3);
  assert.equal(
    updated.deployments.map((deployment) => [deployment.status, deployment.taskDefinitionArn]),
    [
      ['PRIMARY', second],
      ['ACTIVE', first],
    ],
  );
});

test('serviceTasks lists RUNNING tasks with their private IP, and STOPPED ones after a delete', async () => {
  const arn = await registerWeb();
  await aws.ports.ecs.createService(webService(arn));
  aws.clock.advance(120_000);
  const running = await aws.ports.ecs.serviceTasks('prod', 'web', 'RUNNING');
  assert.is(running.length, 2);
  for (const task of running) {
    assert.is(task.taskDefinitionArn, arn);
    assert.is(task.desiredStatus, 'RUNNING');
    assert.is(task.group, 'service:web');
    assert.match(task.privateIp ?? '', /^10\.0\.\d+\.\d+$/);
    assert.is(task.containers[0]?.name, 'web');
  }
  await aws.ports.ecs.deleteService('prod', 'web');
  aws.clock.advance(120_000);
  const stopped = await aws.ports.ecs.serviceTasks('prod', 'web', 'STOPPED');
  assert.equal(stopped.map((task) => task.taskArn).sort(), running.map((task) => task.taskArn).sort());
  assert.ok(stopped.every((task) => task.desiredStatus === 'STOPPED' && typeof task.stoppedReason === 'string'));
});

test('serviceTasks pages ListTasks and describes tasks 100 at a time', async () => {
  const arn = await registerWeb();
  await aws.ports.ecs.createService(webService(arn, { desiredCount: 130 }));
  const tasks = await aws.ports.ecs.serviceTasks('prod', 'web', 'RUNNING');
  assert.is(tasks.length, 130);
  assert.is(new Set(tasks.map((task) => task.taskArn)).size, 130);
  const operations = calls(aws.sim, 'ecs').map((call) => call.operation);
  assert.is(operations.filter((operation) => operation === 'ListTasks').length, 2);
  assert.is(operations.filter((operation) => operation === 'DescribeTasks').length, 2);
});

test('serviceTasks of a service that does not exist is empty', async () => {
  assert.equal(await aws.ports.ecs.serviceTasks('prod', 'ghost', 'RUNNING'), []);
});

test('deleteService forces the delete and is a no-op once the service is gone', async () => {
  const arn = await registerWeb();
  await aws.ports.ecs.createService(webService(arn));
  await aws.ports.ecs.deleteService('prod', 'web');
  const raw = await aws.clients.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
  assert.is(raw.services?.[0]?.desiredCount, 0);
  assert.is(raw.services?.[0]?.status, 'DRAINING');
  await aws.ports.ecs.deleteService('prod', 'web');
  await aws.ports.ecs.deleteService('prod', 'never-existed');
  assert.equal((calls(aws.sim, 'ecs').find((call) => call.operation === 'DeleteService')?.params as { force?: boolean } | undefined)?.force, true);
});

test('tagResource adds tags that describeService then reports', async () => {
  const arn = await registerWeb();
  const created = await aws.ports.ecs.createService(webService(arn, { tags: [{ key: 'team', value: 'payments' }] }));
  await aws.ports.ecs.tagResource(created.serviceArn, { 'gitmoxi:commit': 'abc123', team: 'checkout' });
  const described = await aws.ports.ecs.describeService('prod', 'web');
  assert.equal(described?.tags, { team: 'checkout', 'gitmoxi:commit': 'abc123' });
});

test.run();
