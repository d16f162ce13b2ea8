/** The tagging API simulator through the real @aws-sdk/client-resource-groups-tagging-api over HTTP. */
import { CreateServiceCommand, DeleteServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateFunctionCommand, LambdaClient, TagResourceCommand } from '@aws-sdk/client-lambda';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
  paginateGetResources,
  type GetResourcesCommandInput,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../../clock.js';
import { startSimulator, type Simulator } from '../../server.js';
import { NETWORK, webTaskDefinition } from '../ecs/test-fixtures.js';
import { zipFunction } from '../lambda/test-world.js';
import { rejection } from '../../../../test/fakes/rejection.js';

const region = 'us-east-1';
const account = '123456789012';
const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'secret' };
let sim: Simulator;
let tagging: ResourceGroupsTaggingAPIClient;

const functionArn = (name: string) => `arn:aws:lambda:${region}:${account}:function:${name}`;

test.before.each(async () => {
  sim = await startSimulator({ clock: new ManualClock(), scenario: { region, infrastructure: { clusters: [{ name: 'prod' }] } } });
  const config = { endpoint: sim.endpoint, region, credentials, maxAttempts: 1 };
  tagging = new ResourceGroupsTaggingAPIClient(config);
  const lambda = new LambdaClient(config);
  for (const [name, tags] of [
    ['a', { 'gitmoxi:unit': 'svc/a', 'gitmoxi:hash': 'h1' }],
    ['b', { 'gitmoxi:unit': 'svc/b', 'gitmoxi:hash': 'h2' }],
    ['c', { team: 'x' }],
    ['d', {}],
    ['e', { 'gitmoxi:unit': 'svc/e', 'gitmoxi:hash': 'h3' }],
  ] as const) {
    await lambda.send(new CreateFunctionCommand({ ...zipFunction(name), Tags: { ...tags } }));
  }
  const ecs = new ECSClient(config);
  const registered = await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition() as never));
  for (const name of ['web', 'worker']) {
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'prod',
        serviceName: name,
        taskDefinition: registered.taskDefinition?.taskDefinitionArn,
        desiredCount: 0,
        launchType: 'FARGATE',
        networkConfiguration: NETWORK as never,
        tags: [{ key: 'gitmoxi:unit', value: `svc/${name}` }],
      }),
    );
  }
  lambda.destroy();
  ecs.destroy();
});

test.after.each(async () => {
  tagging.destroy();
  await sim.close();
});

async function everyPage(input: GetResourcesCommandInput): Promise<{ arns: string[]; pages: number }> {
  const arns: string[] = [];
  let pages = 0;
  for await (const page of paginateGetResources({ client: tagging }, input)) {
    pages += 1;
    arns.push(...(page.ResourceTagMappingList ?? []).map((m) => m.ResourceARN ?? ''));
  }
  return { arns, pages };
}

test('a tag key filter without values finds every function carrying the key, with all its tags', async () => {
  const page = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['lambda:function'], TagFilters: [{ Key: 'gitmoxi:unit' }] }));
  assert.equal(
    page.ResourceTagMappingList?.map((m) => m.ResourceARN),
    ['a', 'b', 'e'].map(functionArn),
  );
  assert.equal(page.ResourceTagMappingList?.[0]?.Tags, [
    { Key: 'gitmoxi:unit', Value: 'svc/a' },
    { Key: 'gitmoxi:hash', Value: 'h1' },
  ]);
  assert.is(page.PaginationToken, '');
});

test('values match any of them; several filters must all match', async () => {
  const anyOf = await tagging.send(new GetResourcesCommand({ TagFilters: [{ Key: 'gitmoxi:hash', Values: ['h1', 'h3', 'nope'] }] }));
  assert.equal(
    anyOf.ResourceTagMappingList?.map((m) => m.ResourceARN),
    ['a', 'e'].map(functionArn),
  );
  const both = await tagging.send(new GetResourcesCommand({ TagFilters: [{ Key: 'gitmoxi:unit' }, { Key: 'gitmoxi:hash', Values: ['h2'] }] }));
  assert.equal(
    both.ResourceTagMappingList?.map((m) => m.ResourceARN),
    [functionArn('b')],
  );
});

test('resource type filters: a service or one of its types; untagged resources are never listed', async () => {
  const services = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['ecs:service'] }));
  assert.equal(
    services.ResourceTagMappingList?.map((m) => m.ResourceARN),
    ['web', 'worker'].map((name) => `arn:aws:ecs:${region}:${account}:service/prod/${name}`),
  );
  const lambda = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['lambda'] }));
  assert.equal(
    lambda.ResourceTagMappingList?.map((m) => m.ResourceARN),
    ['a', 'b', 'c', 'e'].map(functionArn),
  );
});

test('pages of ResourcesPerPage follow each other through PaginationToken; the last one has an empty token', async () => {
  const { arns, pages } = await everyPage({ ResourceTypeFilters: ['lambda:function', 'ecs:service'], ResourcesPerPage: 2 });
  assert.is(pages, 3);
  assert.equal(
    arns,
    [...['web', 'worker'].map((name) => `arn:aws:ecs:${region}:${account}:service/prod/${name}`), ...['a', 'b', 'c', 'e'].map(functionArn)].sort(),
  );
});

test('a resource changed between pages is read as it is now, and none is skipped', async () => {
  const first = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['lambda:function'], ResourcesPerPage: 2 }));
  const lambda = new LambdaClient({ endpoint: sim.endpoint, region, credentials, maxAttempts: 1 });
  await lambda.send(new TagResourceCommand({ Resource: functionArn('d'), Tags: { late: 'yes' } }));
  lambda.destroy();
  const second = await tagging.send(
    new GetResourcesCommand({ ResourceTypeFilters: ['lambda:function'], ResourcesPerPage: 2, PaginationToken: first.PaginationToken }),
  );
  assert.equal(
    second.ResourceTagMappingList?.map((m) => m.ResourceARN),
    ['c', 'd'].map(functionArn),
  );
});

test('ResourceARNList looks resources up, leaving out the ones it does not know', async () => {
  const page = await tagging.send(
    new GetResourcesCommand({ ResourceARNList: [functionArn('e'), functionArn('missing'), `arn:aws:ecs:${region}:${account}:service/prod/web`] }),
  );
  assert.equal(
    page.ResourceTagMappingList?.map((m) => m.ResourceARN),
    [functionArn('e'), `arn:aws:ecs:${region}:${account}:service/prod/web`],
  );
});

test('a deleted service leaves the index', async () => {
  const ecs = new ECSClient({ endpoint: sim.endpoint, region, credentials, maxAttempts: 1 });
  await ecs.send(new DeleteServiceCommand({ cluster: 'prod', service: 'worker', force: true }));
  ecs.destroy();
  sim.control.advance(3_600_000);
  const services = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['ecs:service'] }));
  assert.equal(
    services.ResourceTagMappingList?.map((m) => m.ResourceARN),
    [`arn:aws:ecs:${region}:${account}:service/prod/web`],
  );
});

const badInputs: [string, GetResourcesCommandInput][] = [
  ['ResourcesPerPage 0', { ResourcesPerPage: 0 }],
  ['ResourcesPerPage 101', { ResourcesPerPage: 101 }],
  ['TagsPerPage 50', { TagsPerPage: 50 }],
  ['a token it did not issue', { PaginationToken: 'not-a-token' }],
  ['ResourceARNList with TagFilters', { ResourceARNList: [functionArn('a')], TagFilters: [{ Key: 'k' }] }],
  ['ResourceARNList with ResourcesPerPage', { ResourceARNList: [functionArn('a')], ResourcesPerPage: 10 }],
  ['101 ARNs', { ResourceARNList: Array.from({ length: 101 }, (_, i) => functionArn(`f${i}`)) }],
  ['21 values for one key', { TagFilters: [{ Key: 'k', Values: Array.from({ length: 21 }, (_, i) => `v${i}`) }] }],
  ['a filter without a key', { TagFilters: [{ Values: ['v'] }] }],
  ['a malformed resource type', { ResourceTypeFilters: ['lambda function'] }],
  ['ExcludeCompliantResources alone', { ExcludeCompliantResources: true }],
];

for (const [name, input] of badInputs) {
  test(`bad input is an InvalidParameterException (400): ${name}`, async () => {
    const error = await rejection(tagging.send(new GetResourcesCommand(input)));
    assert.is(error.name, 'InvalidParameterException');
    assert.is(error.$metadata.httpStatusCode, 400);
    assert.ok(error.message.length > 0);
  });
}

test('a throttle fault answers ThrottledException, which the SDK retries', async () => {
  sim.control.addFaults([{ kind: 'throttle', service: 'tagging', count: 1 }]);
  const error = await rejection(tagging.send(new GetResourcesCommand({})));
  assert.is(error.name, 'ThrottledException');
  const retrying = new ResourceGroupsTaggingAPIClient({ endpoint: sim.endpoint, region, credentials, maxAttempts: 2 });
  sim.control.addFaults([{ kind: 'throttle', service: 'tagging', count: 1 }]);
  const page = await retrying.send(new GetResourcesCommand({ TagFilters: [{ Key: 'team' }] }));
  retrying.destroy();
  assert.equal(
    page.ResourceTagMappingList?.map((m) => m.ResourceARN),
    [functionArn('c')],
  );
});

test.run();
