/**
 * Through the real @aws-sdk/client-ecs: ListClusters with its paging and errors, and containers whose command
 * is `exit N` stopping their task with that exit code.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  paginateListClusters,
} from '@aws-sdk/client-ecs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../../clock.js';
import { startSimulator, type Simulator } from '../../server.js';
import { immediateExitCode } from './container-exit.js';
import { NETWORK, webTaskDefinition } from './test-fixtures.js';

const region = 'us-east-1';
const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'secret' };
const clusterArn = (name: string) => `arn:aws:ecs:us-east-1:123456789012:cluster/${name}`;

let sim: Simulator;
let ecs: ECSClient;

test.before.each(async () => {
  sim = await startSimulator({ clock: new ManualClock(), scenario: { region, infrastructure: { clusters: [{ name: 'prod' }] } } });
  ecs = new ECSClient({ endpoint: sim.endpoint, region, credentials, maxAttempts: 1 });
});

test.after.each(async () => {
  ecs.destroy();
  await sim.close();
});

test('ListClusters lists every cluster of the Region, sorted, in pages of maxResults', async () => {
  for (const name of ['staging', 'dev']) await ecs.send(new CreateClusterCommand({ clusterName: name }));
  const all = await ecs.send(new ListClustersCommand({}));
  assert.equal(all.clusterArns, [clusterArn('dev'), clusterArn('prod'), clusterArn('staging')]);
  assert.is(all.nextToken, undefined);
  const pages: string[][] = [];
  for await (const page of paginateListClusters({ client: ecs, pageSize: 2 }, {})) pages.push(page.clusterArns ?? []);
  assert.equal(pages, [[clusterArn('dev'), clusterArn('prod')], [clusterArn('staging')]]);
  const elsewhere = new ECSClient({ endpoint: sim.endpoint, region: 'eu-west-1', credentials, maxAttempts: 1 });
  assert.equal((await elsewhere.send(new ListClustersCommand({}))).clusterArns, []);
  elsewhere.destroy();
});

test('ListClusters refuses a page size out of range and a token it did not issue', async () => {
  const tooMany = await ecs.send(new ListClustersCommand({ maxResults: 101 })).catch((e: Error) => e);
  assert.is((tooMany as Error).name, 'InvalidParameterException');
  assert.is((tooMany as Error).message, 'maxResults must be between 1 and 100.');
  const forged = await ecs.send(new ListClustersCommand({ nextToken: 'not-a-token' })).catch((e: Error) => e);
  assert.is((forged as Error).name, 'InvalidParameterException');
});

test('a container whose shell command is `exit 3` stops its task soon after starting, with exit code 3', async () => {
  const definition = webTaskDefinition('busybox:1.36');
  const [container] = definition['containerDefinitions'] as Record<string, unknown>[];
  const failing = { ...definition, containerDefinitions: [{ ...container, entryPoint: ['/bin/sh', '-c'], command: ['exit 3'] }] };
  const registered = await ecs.send(new RegisterTaskDefinitionCommand(failing as never));
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'prod',
      serviceName: 'web',
      taskDefinition: registered.taskDefinition?.taskDefinitionArn,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: NETWORK as never,
    }),
  );
  // Provisioning and the image pull take 30 simulated seconds; the container exits as it starts.
  for (let s = 0; s < 35; s += 5) sim.control.advance(5000);
  const stopped = await ecs.send(new ListTasksCommand({ cluster: 'prod', desiredStatus: 'STOPPED' }));
  const described = await ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: stopped.taskArns ?? [] }));
  const [task] = described.tasks ?? [];
  assert.is(task?.stopCode, 'EssentialContainerExited');
  assert.is(task?.stoppedReason, 'Essential container in task exited');
  assert.is(task?.containers?.[0]?.exitCode, 3);
  for (let s = 0; s < 20; s += 5) sim.control.advance(5000);
  const settled = await ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: [task?.taskArn ?? ''] }));
  assert.is(settled.tasks?.[0]?.lastStatus, 'STOPPED');
});

test('which commands exit at once: a shell told to exit, and nothing else', () => {
  const cases: [Record<string, string[]>, number | undefined][] = [
    [{ entryPoint: ['/bin/sh', '-c'], command: ['exit 1'] }, 1],
    [{ command: ['sh', '-c', 'exit 42;'] }, 42],
    [{ entryPoint: ['/bin/bash', '-ec', 'exit'] }, 0],
    [{ command: ['sh', '-c', 'exit 257'] }, 1],
    [{ command: ['sh', '-c', 'sleep 30; exit 1'] }, undefined],
    [{ command: ['exit 1'] }, undefined],
    [{ entryPoint: ['/bin/sh', '-c'], command: ['nginx -g "daemon off;"'] }, undefined],
    [{}, undefined],
  ];
  for (const [container, expected] of cases) assert.is(immediateExitCode(container), expected, JSON.stringify(container));
});

test.run();
