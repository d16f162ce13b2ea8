/** The blue/green parts of EcsAdapter and Elbv2Adapter through the real SDK clients against the simulator. */
import { CreateRuleCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { calls, startTestAws, webTaskDefinition, type TestAws } from './test-simulator.js';

let aws: TestAws;

test.before.each(async () => {
  aws = await startTestAws();
});

test.after.each(async () => {
  await aws.close();
});

async function groups(): Promise<Record<string, string>> {
  const out = await aws.clients.elbv2.send(new DescribeTargetGroupsCommand({}));
  return Object.fromEntries((out.TargetGroups ?? []).map((g) => [g.TargetGroupName ?? '', g.TargetGroupArn ?? '']));
}

async function externalService(targetGroupArn: string) {
  const taskDefinitionArn = await aws.ports.ecs.registerTaskDefinition(webTaskDefinition(), {});
  await aws.ports.ecs.createService({ cluster: 'prod', serviceName: 'web', desiredCount: 2, deploymentController: { type: 'EXTERNAL' } });
  const taskSet = await aws.ports.ecs.createTaskSet({
    cluster: 'prod',
    service: 'web',
    taskDefinition: taskDefinitionArn,
    launchType: 'FARGATE',
    networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-aaa'] } },
    loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 80 }],
    scale: { value: 100, unit: 'PERCENT' },
    externalId: 'hash-1',
  });
  return { taskDefinitionArn, taskSet };
}

test('task sets: created, read back through DescribeServices, scaled, made primary, deleted (twice is fine)', async () => {
  const { blue } = await groups();
  const { taskDefinitionArn, taskSet } = await externalService(blue ?? '');
  assert.equal(
    [taskSet.status, taskSet.externalId, taskSet.scale, taskSet.computedDesiredCount, taskSet.taskDefinitionArn],
    ['ACTIVE', 'hash-1', 100, 2, taskDefinitionArn],
  );
  assert.equal(taskSet.loadBalancers, [{ targetGroupArn: blue, containerName: 'web', containerPort: 80 }]);
  const scaled = await aws.ports.ecs.updateTaskSetScale('prod', 'web', taskSet.id, 50);
  assert.equal([scaled.scale, scaled.computedDesiredCount], [50, 1]);
  await aws.ports.ecs.updateServicePrimaryTaskSet('prod', 'web', taskSet.id);
  const service = await aws.ports.ecs.describeService('prod', 'web');
  assert.equal(
    service?.taskSets.map((ts) => [ts.id, ts.status, ts.launchType]),
    [[taskSet.id, 'PRIMARY', 'FARGATE']],
  );
  await aws.ports.ecs.deleteTaskSet('prod', 'web', taskSet.id, true);
  await aws.ports.ecs.deleteTaskSet('prod', 'web', taskSet.id, true);
  const outcomes = calls(aws.sim, 'ecs')
    .filter((c) => c.operation === 'DeleteTaskSet')
    .map((c) => c.outcome);
  assert.equal(outcomes, ['ok', 'TaskSetNotFoundException']);
});

test('untagResource removes only the keys asked for', async () => {
  const { blue } = await groups();
  await externalService(blue ?? '');
  const service = await aws.ports.ecs.describeService('prod', 'web');
  await aws.ports.ecs.tagResource(service?.serviceArn ?? '', { 'gitmoxi:lock': 'me', team: 'payments' });
  await aws.ports.ecs.untagResource(service?.serviceArn ?? '', ['gitmoxi:lock']);
  assert.equal((await aws.ports.ecs.describeService('prod', 'web'))?.tags, { team: 'payments' });
});

test('forwardingRoutes finds the listener and every rule forwarding to a group; weights are set and read back', async () => {
  const { blue, green } = await groups();
  const [listener] = await aws.ports.loadBalancing.forwardingRoutes([blue ?? '']);
  assert.ok(listener);
  await aws.clients.elbv2.send(
    new CreateRuleCommand({
      ListenerArn: listener.listenerArn,
      Priority: 5,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: blue }],
    }),
  );
  await aws.clients.elbv2.send(
    new CreateRuleCommand({
      ListenerArn: listener.listenerArn,
      Priority: 6,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/static/*'] } }],
      Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
    }),
  );
  const routes = await aws.ports.loadBalancing.forwardingRoutes([blue ?? '']);
  assert.equal(
    routes.map((r) => [r.kind, r.weights]),
    [
      ['listener', [{ targetGroupArn: blue, weight: 1 }]],
      ['rule', [{ targetGroupArn: blue, weight: 1 }]],
    ],
  );
  for (const route of routes) {
    await aws.ports.loadBalancing.setForwardWeights(route, [
      { targetGroupArn: blue ?? '', weight: 80 },
      { targetGroupArn: green ?? '', weight: 20 },
    ]);
    assert.equal(await aws.ports.loadBalancing.forwardWeights(route), [
      { targetGroupArn: blue, weight: 80 },
      { targetGroupArn: green, weight: 20 },
    ]);
  }
  // The partner is found through either group now.
  assert.is((await aws.ports.loadBalancing.forwardingRoutes([green ?? ''])).length, 2);
  assert.is(await aws.ports.loadBalancing.forwardWeights({ kind: 'rule', arn: `${routes[1]?.arn ?? ''}0` }), null);
});

test.run();
