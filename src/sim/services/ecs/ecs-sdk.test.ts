/** The ECS simulator through the real @aws-sdk/client-ecs over HTTP: wire format, errors, waiters' fields. */
import {
  CreateServiceCommand,
  CreateTaskSetCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  DescribeTaskSetsCommand,
  ECSClient,
  ListTagsForResourceCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
  UpdateServiceCommand,
  UpdateServicePrimaryTaskSetCommand,
  paginateListTaskDefinitions,
} from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand, DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../../clock.js';
import { startSimulator, type Simulator } from '../../server.js';
import type { Scenario } from '../../types.js';
import { NETWORK, webTaskDefinition } from './test-fixtures.js';

const region = 'us-east-1';
const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'secret' };
const scenario: Scenario = {
  region,
  infrastructure: {
    clusters: [{ name: 'prod' }],
    targetGroups: ['blue', 'green'].map((name) => ({
      name,
      targetType: 'ip' as const,
      port: 80,
      healthCheckIntervalSeconds: 5,
      healthyThresholdCount: 2,
      deregistrationDelaySeconds: 5,
    })),
    loadBalancers: [
      {
        name: 'web',
        listeners: [
          { port: 80, targetGroup: 'blue' },
          { port: 8080, targetGroup: 'green' },
        ],
      },
    ],
  },
};

let sim: Simulator;
let clock: ManualClock;
let ecs: ECSClient;
let targetGroups: Record<string, string>;

test.before.each(async () => {
  clock = new ManualClock();
  sim = await startSimulator({ clock, scenario });
  ecs = new ECSClient({ endpoint: sim.endpoint, region, credentials, maxAttempts: 1 });
  const elbv2 = new ElasticLoadBalancingV2Client({ endpoint: sim.endpoint, region, credentials, maxAttempts: 1 });
  const groups = await elbv2.send(new DescribeTargetGroupsCommand({}));
  targetGroups = Object.fromEntries((groups.TargetGroups ?? []).map((g) => [g.TargetGroupName, g.TargetGroupArn]));
});

test.after.each(async () => {
  await sim.close();
});

/** Moves the manual clock in 5 s steps, bringing every model along, as a polling deployer would see it. */
function advance(seconds: number): void {
  for (let s = 0; s < seconds; s += 5) sim.control.advance(5000);
}

async function register(image: string): Promise<string> {
  const input = { ...webTaskDefinition(image), tags: [{ key: 'team', value: 'web' }] } as ConstructorParameters<typeof RegisterTaskDefinitionCommand>[0];
  const out = await ecs.send(new RegisterTaskDefinitionCommand(input));
  return out.taskDefinition?.taskDefinitionArn ?? '';
}

test('rolling deployment end to end through the SDK, with ELBv2 health checks', async () => {
  const rev1 = await register('nginx:1.25');
  const rev2 = await register('nginx:1.26');
  const created = await ecs.send(
    new CreateServiceCommand({
      cluster: 'prod',
      serviceName: 'web',
      taskDefinition: rev1,
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: NETWORK as never,
      loadBalancers: [{ targetGroupArn: targetGroups['blue'], containerName: 'web', containerPort: 80 }],
      tags: [{ key: 'gitmoxi:unit', value: 'apps/web/web' }],
    }),
  );
  assert.ok(created.service?.createdAt instanceof Date);
  assert.is(created.service?.deploymentConfiguration?.maximumPercent, 200);
  advance(90);
  let described = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web', 'nope'], include: ['TAGS'] }));
  const service = described.services?.[0];
  assert.is(service?.deployments?.[0]?.rolloutState, 'COMPLETED');
  assert.equal(service?.tags, [{ key: 'gitmoxi:unit', value: 'apps/web/web' }]);
  assert.equal(described.failures, [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/nope', reason: 'MISSING' }]);
  const elbv2 = new ElasticLoadBalancingV2Client({ endpoint: sim.endpoint, region, credentials, maxAttempts: 1 });
  const health = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroups['blue'] }));
  assert.equal(
    health.TargetHealthDescriptions?.map((d) => d.TargetHealth?.State),
    ['healthy', 'healthy'],
  );

  await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: rev2 }));
  advance(150);
  described = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
  assert.equal(
    described.services?.[0]?.deployments?.map((d) => [d.taskDefinition, d.rolloutState]),
    [[rev2, 'COMPLETED']],
  );
  const stopped = await ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'web', desiredStatus: 'STOPPED' }));
  const tasks = await ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: stopped.taskArns ?? [] }));
  assert.is(tasks.tasks?.length, 2);
  assert.ok(tasks.tasks?.every((t) => t.lastStatus === 'STOPPED' && t.stoppedAt instanceof Date && t.taskDefinitionArn === rev1));
});

test('errors keep ECS names and messages; task definition tags and pagination', async () => {
  const error = await ecs.send(new DescribeServicesCommand({ cluster: 'missing', services: ['web'] })).catch((e: Error) => e);
  assert.is((error as Error).name, 'ClusterNotFoundException');
  assert.is((error as Error).message, 'Cluster not found.');
  const noService = await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', desiredCount: 1 })).catch((e: Error) => e);
  assert.is((noService as Error).name, 'ServiceNotFoundException');
  for (const image of ['a:1', 'a:2', 'a:3']) await register(image);
  const pages: string[][] = [];
  for await (const page of paginateListTaskDefinitions({ client: ecs, pageSize: 2 }, { familyPrefix: 'web', sort: 'DESC' })) {
    pages.push(page.taskDefinitionArns ?? []);
  }
  assert.equal(
    pages.map((p) => p.length),
    [2, 1],
  );
  assert.match(pages[0]?.[0] ?? '', /task-definition\/web:3$/);
  const described = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web', include: ['TAGS'] }));
  assert.is(described.taskDefinition?.revision, 3);
  assert.ok(described.taskDefinition?.registeredAt instanceof Date);
  assert.equal(described.tags, [{ key: 'team', value: 'web' }]);
  await ecs.send(new TagResourceCommand({ resourceArn: described.taskDefinition?.taskDefinitionArn, tags: [{ key: 'x', value: 'y' }] }));
  const tags = await ecs.send(new ListTagsForResourceCommand({ resourceArn: described.taskDefinition?.taskDefinitionArn }));
  assert.equal(tags.tags, [
    { key: 'team', value: 'web' },
    { key: 'x', value: 'y' },
  ]);
});

test('task sets through the SDK reach STEADY_STATE behind real target groups', async () => {
  const rev1 = await register('nginx:1.25');
  await ecs.send(new CreateServiceCommand({ cluster: 'prod', serviceName: 'web', desiredCount: 2, deploymentController: { type: 'EXTERNAL' } }));
  const created = await ecs.send(
    new CreateTaskSetCommand({
      cluster: 'prod',
      service: 'web',
      taskDefinition: rev1,
      launchType: 'FARGATE',
      networkConfiguration: NETWORK as never,
      loadBalancers: [{ targetGroupArn: targetGroups['green'], containerName: 'web', containerPort: 80 }],
      scale: { value: 100, unit: 'PERCENT' },
    }),
  );
  advance(90);
  await ecs.send(new UpdateServicePrimaryTaskSetCommand({ cluster: 'prod', service: 'web', primaryTaskSet: created.taskSet?.id }));
  const sets = await ecs.send(new DescribeTaskSetsCommand({ cluster: 'prod', service: 'web' }));
  assert.is(sets.taskSets?.[0]?.stabilityStatus, 'STEADY_STATE');
  assert.is(sets.taskSets?.[0]?.status, 'PRIMARY');
  assert.ok(sets.taskSets?.[0]?.stabilityStatusAt instanceof Date);
  const refused = await ecs.send(new DeleteServiceCommand({ cluster: 'prod', service: 'web' })).catch((e: Error) => e);
  assert.is((refused as Error).name, 'InvalidParameterException');
  const deleted = await ecs.send(new DeleteServiceCommand({ cluster: 'prod', service: 'web', force: true }));
  assert.is(deleted.service?.status, 'DRAINING');
  advance(60);
  const gone = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
  assert.is(gone.services?.[0]?.status, 'INACTIVE');
});

test.run();
