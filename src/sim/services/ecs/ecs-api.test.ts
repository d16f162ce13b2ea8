import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SimError } from '../../errors.js';
import { NETWORK, describeService, rollingService, serviceTasks, setUpCluster, webTaskDefinition } from './test-fixtures.js';
import { createEcsTestWorld, TEST_TARGET_GROUP } from './test-world.js';

function error(fn: () => unknown): SimError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, SimError);
    return e as SimError;
  }
  throw new Error('expected an error');
}

test('CreateCluster is idempotent; DescribeClusters reports counts, tags and MISSING', () => {
  const t = createEcsTestWorld();
  const first = t.call<{ cluster: { clusterArn: string; status: string } }>('CreateCluster', { clusterName: 'prod', tags: [{ key: 'a', value: 'b' }] });
  assert.is(first.cluster.clusterArn, 'arn:aws:ecs:us-east-1:123456789012:cluster/prod');
  assert.is(t.call<{ cluster: { clusterArn: string } }>('CreateCluster', { clusterName: 'prod' }).cluster.clusterArn, first.cluster.clusterArn);
  const described = t.call<{ clusters: { clusterName: string; tags?: unknown; activeServicesCount: number }[]; failures: unknown[] }>('DescribeClusters', {
    clusters: ['prod', first.cluster.clusterArn, 'nope'],
    include: ['TAGS'],
  });
  assert.equal(
    described.clusters.map((c) => c.clusterName),
    ['prod', 'prod'],
  );
  assert.equal(described.clusters[0]?.tags, [{ key: 'a', value: 'b' }]);
  assert.equal(described.failures, [{ arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/nope', reason: 'MISSING' }]);
  assert.is(error(() => t.call('ListServices', { cluster: 'nope' })).code, 'ClusterNotFoundException');
});

test('RegisterTaskDefinition fills ECS defaults and validates Fargate rules', () => {
  const t = createEcsTestWorld();
  const out = t.call<{ taskDefinition: Record<string, any> }>('RegisterTaskDefinition', webTaskDefinition('nginx', { cpu: '0.5 vCPU', memory: '1 GB' }));
  const td = out.taskDefinition;
  assert.is(td['revision'], 1);
  assert.is(td['status'], 'ACTIVE');
  assert.is(td['cpu'], '512');
  assert.is(td['memory'], '1024');
  assert.equal(td['compatibilities'], ['EC2', 'FARGATE']);
  assert.ok(td['registeredAt'] instanceof Date);
  assert.is(td['containerDefinitions'][0].essential, true);
  assert.equal(td['containerDefinitions'][0].portMappings, [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }]);
  assert.ok(td['requiresAttributes'].some((a: { name: string }) => a.name === 'ecs.capability.task-eni'));
  const bad = (extra: Record<string, unknown>) => error(() => t.call('RegisterTaskDefinition', webTaskDefinition('nginx', extra)));
  assert.is(bad({ networkMode: 'bridge' }).message, 'Fargate only supports network mode \u2018awsvpc\u2019.');
  assert.is(
    bad({ cpu: '256', memory: '4096' }).message,
    'No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.',
  );
  assert.is(bad({ cpu: undefined }).message, "Fargate requires that 'cpu' be defined at the task level.");
  assert.is(bad({ executionRoleArn: undefined }).code, 'ClientException');
  assert.is(bad({ containerDefinitions: [{ name: 'x' }] }).message, 'Container.image should not be null or empty.');
});

test('task definition families: describe, list (status, sort, pages), deregister', () => {
  const t = createEcsTestWorld();
  for (const image of ['a', 'b', 'c']) t.call('RegisterTaskDefinition', webTaskDefinition(image, { tags: [{ key: 'v', value: image }] }));
  t.call('RegisterTaskDefinition', webTaskDefinition('z', { family: 'api' }));
  const described = t.call<{ taskDefinition: { revision: number }; tags?: unknown }>('DescribeTaskDefinition', { taskDefinition: 'web', include: ['TAGS'] });
  assert.is(described.taskDefinition.revision, 3);
  assert.equal(described.tags, [{ key: 'v', value: 'c' }]);
  assert.is(t.call<{ tags?: unknown }>('DescribeTaskDefinition', { taskDefinition: 'web:1' }).tags, undefined);
  t.call('DeregisterTaskDefinition', { taskDefinition: 'web:3' });
  assert.is(t.call<{ taskDefinition: { revision: number } }>('DescribeTaskDefinition', { taskDefinition: 'web' }).taskDefinition.revision, 2);
  const inactive = t.call<{ taskDefinition: { status: string; deregisteredAt: unknown } }>('DescribeTaskDefinition', { taskDefinition: 'web:3' });
  assert.is(inactive.taskDefinition.status, 'INACTIVE');
  assert.ok(inactive.taskDefinition.deregisteredAt instanceof Date);
  const list = (input: Record<string, unknown>) => t.call<{ taskDefinitionArns: string[]; nextToken?: string }>('ListTaskDefinitions', input);
  assert.equal(
    list({}).taskDefinitionArns.map((a) => a.split('/')[1]),
    ['api:1', 'web:1', 'web:2'],
  );
  assert.equal(
    list({ familyPrefix: 'web', sort: 'DESC' }).taskDefinitionArns.map((a) => a.split('/')[1]),
    ['web:2', 'web:1'],
  );
  assert.equal(
    list({ status: 'INACTIVE' }).taskDefinitionArns.map((a) => a.split('/')[1]),
    ['web:3'],
  );
  const page1 = list({ maxResults: 2 });
  assert.is(page1.taskDefinitionArns.length, 2);
  assert.equal(
    list({ maxResults: 2, nextToken: page1.nextToken }).taskDefinitionArns.map((a) => a.split('/')[1]),
    ['web:2'],
  );
  assert.is(error(() => t.call('DescribeTaskDefinition', { taskDefinition: 'nope' })).message, 'Unable to describe task definition.');
  assert.is(error(() => list({ nextToken: 'garbage' })).code, 'InvalidParameterException');
});

test('CreateService validation mirrors ECS', () => {
  const t = createEcsTestWorld();
  const [rev1] = setUpCluster(t);
  const create = (extra: Record<string, unknown>) => error(() => t.call('CreateService', rollingService(rev1 as string, extra)));
  assert.is(create({ cluster: 'nope' }).code, 'ClusterNotFoundException');
  assert.is(create({ taskDefinition: 'missing:1' }).message, 'TaskDefinition not found.');
  assert.match(
    create({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] }).message,
    /^Specifying both a launch type and capacity provider strategy/,
  );
  assert.is(create({ networkConfiguration: undefined }).message, "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  assert.match(
    create({ loadBalancers: [{ targetGroupArn: TEST_TARGET_GROUP, containerName: 'app', containerPort: 80 }] }).message,
    /container app does not exist/,
  );
  assert.match(
    create({ loadBalancers: [{ targetGroupArn: TEST_TARGET_GROUP, containerName: 'web', containerPort: 8080 }] }).message,
    /did not have a container port 8080/,
  );
  assert.match(create({ loadBalancers: [{ targetGroupArn: `${TEST_TARGET_GROUP}x`, containerName: 'web', containerPort: 80 }] }).message, /does not exist/);
  t.call('CreateService', rollingService(rev1 as string));
  assert.is(create({}).message, 'Creation of service was not idempotent.');
  t.call('DeregisterTaskDefinition', { taskDefinition: rev1 });
  assert.is(create({ serviceName: 'other' }).message, 'TaskDefinition is inactive');
});

test('DescribeServices: at most 10, MISSING failures, tags on request; ListServices pages', () => {
  const t = createEcsTestWorld();
  const [rev1] = setUpCluster(t);
  for (const n of [1, 2, 3])
    t.call('CreateService', rollingService(rev1 as string, { serviceName: `svc${n}`, desiredCount: 0, tags: [{ key: 'n', value: String(n) }] }));
  const out = t.call<{ services: { serviceArn: string; tags?: unknown }[]; failures: unknown[] }>('DescribeServices', {
    cluster: 'prod',
    services: ['svc1', 'arn:aws:ecs:us-east-1:123456789012:service/prod/svc2', 'ghost'],
    include: ['TAGS'],
  });
  assert.equal(
    out.services.map((s) => s.serviceArn.split('/').pop()),
    ['svc1', 'svc2'],
  );
  assert.equal(out.services[0]?.tags, [{ key: 'n', value: '1' }]);
  assert.equal(out.failures, [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/ghost', reason: 'MISSING' }]);
  assert.is(t.call<{ services: { tags?: unknown }[] }>('DescribeServices', { cluster: 'prod', services: ['svc1'] }).services[0]?.tags, undefined);
  assert.is(
    error(() => t.call('DescribeServices', { cluster: 'prod', services: Array.from({ length: 11 }, (_, i) => `s${i}`) })).code,
    'InvalidParameterException',
  );
  const page = t.call<{ serviceArns: string[]; nextToken?: string }>('ListServices', { cluster: 'prod', maxResults: 2 });
  assert.is(page.serviceArns.length, 2);
  const rest = t.call<{ serviceArns: string[]; nextToken?: string }>('ListServices', { cluster: 'prod', nextToken: page.nextToken });
  assert.equal(
    rest.serviceArns.map((a) => a.split('/').pop()),
    ['svc3'],
  );
  assert.is(rest.nextToken, undefined);
});

test('UpdateService and DeleteService errors', () => {
  const t = createEcsTestWorld();
  const [rev1] = setUpCluster(t);
  assert.is(error(() => t.call('UpdateService', { cluster: 'prod', service: 'web', desiredCount: 1 })).code, 'ServiceNotFoundException');
  t.call('CreateService', rollingService(rev1 as string));
  assert.is(error(() => t.call('DeleteService', { cluster: 'prod', service: 'web' })).message, 'The service cannot be stopped while it is scaled above 0.');
  t.call('DeleteService', { cluster: 'prod', service: 'web', force: true });
  const notActive = error(() => t.call('UpdateService', { cluster: 'prod', service: 'web', desiredCount: 1 }));
  assert.is(notActive.code, 'ServiceNotActiveException');
  assert.is(notActive.message, 'Service was not ACTIVE.');
  assert.is(error(() => t.call('UpdateService', { cluster: 'prod', desiredCount: 1 })).code, 'InvalidParameterException');
});

test('ListTasks filters, DescribeTasks failures, StopTask on an unknown task', () => {
  const t = createEcsTestWorld();
  const [rev1] = setUpCluster(t);
  t.call(
    'CreateService',
    rollingService(rev1 as string, { loadBalancers: [], propagateTags: 'SERVICE', enableECSManagedTags: true, tags: [{ key: 'team', value: 'web' }] }),
  );
  const startedBy = describeService(t).deployments[0]?.id;
  const list = (input: Record<string, unknown>) => t.call<{ taskArns: string[] }>('ListTasks', { cluster: 'prod', ...input }).taskArns;
  assert.is(list({}).length, 2);
  assert.is(list({ family: 'web' }).length, 2);
  assert.is(list({ family: 'api' }).length, 0);
  assert.is(list({ startedBy }).length, 2);
  assert.is(list({ desiredStatus: 'STOPPED' }).length, 0);
  assert.is(error(() => list({ serviceName: 'ghost' })).code, 'ServiceNotFoundException');
  const described = t.call<{ tasks: { tags?: { key: string; value: string }[] }[]; failures: unknown[] }>('DescribeTasks', {
    cluster: 'prod',
    tasks: [...list({}), '0123456789abcdef0123456789abcdef'],
    include: ['TAGS'],
  });
  assert.is(described.tasks.length, 2);
  assert.equal(
    described.tasks[0]?.tags?.map((tag) => tag.key),
    ['team', 'aws:ecs:clusterName', 'aws:ecs:serviceName'],
  );
  assert.equal(described.failures, [{ arn: 'arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef', reason: 'MISSING' }]);
  assert.is(error(() => t.call('StopTask', { cluster: 'prod', task: 'ffff' })).message, 'The referenced task was not found.');
  assert.is(serviceTasks(t).length, 2);
});

test('TagResource, UntagResource and ListTagsForResource on clusters, services and task definitions', () => {
  const t = createEcsTestWorld();
  const [rev1] = setUpCluster(t);
  const service = t.call<{ service: { serviceArn: string } }>(
    'CreateService',
    rollingService(rev1 as string, { networkConfiguration: NETWORK, desiredCount: 0 }),
  );
  const arn = service.service.serviceArn;
  assert.is(arn, 'arn:aws:ecs:us-east-1:123456789012:service/prod/web');
  for (const resourceArn of [arn, rev1, 'arn:aws:ecs:us-east-1:123456789012:cluster/prod']) {
    t.call('TagResource', {
      resourceArn,
      tags: [
        { key: 'gitmoxi:commit', value: 'abc' },
        { key: 'gitmoxi:hash', value: 'h1' },
      ],
    });
    t.call('TagResource', { resourceArn, tags: [{ key: 'gitmoxi:hash', value: 'h2' }] });
    t.call('UntagResource', { resourceArn, tagKeys: ['gitmoxi:commit'] });
    assert.equal(t.call<{ tags: unknown[] }>('ListTagsForResource', { resourceArn }).tags, [{ key: 'gitmoxi:hash', value: 'h2' }]);
  }
  assert.equal(describeService(t).tags, undefined);
  assert.is(error(() => t.call('TagResource', { resourceArn: `${arn}x`, tags: [{ key: 'a', value: 'b' }] })).code, 'ResourceNotFoundException');
  assert.is(error(() => t.call('TagResource', { resourceArn: arn, tags: [{ key: 'aws:x', value: 'b' }] })).code, 'InvalidParameterException');
});

test('snapshot lists clusters, services with deployments, tasks and task definitions', () => {
  const t = createEcsTestWorld();
  const [rev1] = setUpCluster(t);
  t.call('CreateService', rollingService(rev1 as string));
  const snapshot = t.model.snapshot() as Record<string, { length: number }[] | unknown[]>;
  assert.equal(Object.keys(snapshot), ['clusters', 'services', 'tasks', 'taskDefinitions']);
  assert.is((snapshot['tasks'] as unknown[]).length, 2);
  const [service] = snapshot['services'] as { deployments: unknown[]; createdAt: unknown }[];
  assert.is(service?.deployments.length, 1);
  assert.type(service?.createdAt, 'string');
});

test.run();
