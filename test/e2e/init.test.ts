/**
 * `gitmoxi init` against the simulator: the files it writes from a running service or function render, match
 * what runs (`diff` shows nothing) and deploy as unchanged.
 */
import { CreateServiceCommand, DescribeServicesCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blueGreenUnit, startBlueGreenSimulator, targetGroupArns } from '../fakes/bluegreen-fixture.js';
import { runCli } from '../fakes/cli.js';
import { lambdaUnit, startLambdaSimulator } from '../fakes/lambda-fixture.js';
import { ecsClient, ecsUnit, mutatingCalls, startEcsSimulator, type Simulator } from '../fakes/sim-fixture.js';
import { makeRepo, type FileTree, type TempRepo } from '../fakes/temp-repo.js';

let sim: Simulator | undefined;
const repos: TempRepo[] = [];
test.after.each(async () => {
  await sim?.close();
  sim = undefined;
  for (const repo of repos.splice(0)) await repo.cleanup();
});

function cli(repo: TempRepo, ...args: string[]) {
  return runCli([...args, '--endpoint-url', (sim as Simulator).endpoint, '--no-color', '--region', 'us-east-1'], { cwd: repo.dir });
}

/** Deploys `files` from one repository, then adopts the resource into a fresh one with `init`. */
async function adopt(started: Simulator, files: FileTree, initArgs: string[]): Promise<{ repo: TempRepo; written: string[] }> {
  sim = started;
  const source = await makeRepo([{ files }]);
  repos.push(source);
  const deployed = await cli(source, 'deploy');
  assert.is(deployed.code, 0, deployed.stdout + deployed.stderr);
  const repo = await makeRepo([{ files: { 'README.md': 'adopted\n' } }]);
  repos.push(repo);
  const before = mutatingCalls(started).length;
  const result = await cli(repo, 'init', ...initArgs, '--json');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.is(mutatingCalls(started).length, before, 'init only reads');
  const written = (JSON.parse(result.stdout) as { files: string[] }).files;
  await repo.git(['add', '-A']);
  await repo.git(['commit', '-q', '-m', 'init']);
  return { repo, written };
}

async function roundTrip(repo: TempRepo, unit: string) {
  const diff = await cli(repo, 'diff', '--exit-code');
  assert.is(diff.code, 0, diff.stdout + diff.stderr);
  assert.match(diff.stdout, new RegExp(`${unit}\\s+\\S+ us-east-1\\s+no difference`));
  const before = mutatingCalls(sim as Simulator).length;
  const deploy = await cli(repo, 'deploy', '--force', '--json');
  assert.is(deploy.code, 0, deploy.stdout + deploy.stderr);
  assert.match(deploy.stdout, /"outcome":"unchanged"/);
  return mutatingCalls(sim as Simulator).slice(before);
}

test('rolling service: init → diff empty → deploy unchanged; --inputs lifts the subnets', async () => {
  const { repo, written } = await adopt(await startEcsSimulator(), ecsUnit({ name: 'web', image: 'nginx:1.27' }), [
    '--service',
    'demo/web',
    '--dir',
    'svc',
    '--inputs',
  ]);
  assert.equal(written.sort(), ['svc/web_depdef.json', 'svc/web_input.json', 'svc/web_svcdef.json', 'svc/web_taskdef.json']);
  const svcdef = await repo.git(['show', 'HEAD:svc/web_svcdef.json']);
  assert.match(svcdef, /"subnets": \{\{ subnets \| tojson \}\}/);
  assert.not.match(svcdef, /serviceArn|createdAt|runningCount|gitmoxi:/);
  const input = JSON.parse(await repo.git(['show', 'HEAD:svc/web_input.json']));
  assert.equal(input.subnets, ['subnet-1']);
  await roundTrip(repo, 'svc/web');
});

test('blue/green service: init takes the target group pair; diff empty; deploy unchanged', async () => {
  const started = await startBlueGreenSimulator();
  const groups = targetGroupArns(started);
  const pair = `${groups['web-blue']},${groups['web-green']}`;
  const { repo } = await adopt(started, blueGreenUnit({ name: 'web', image: 'nginx:1.27', targetGroups: groups }), ['--service', 'demo/web', '--pair', pair]);
  const depdef = JSON.parse(await repo.git(['show', 'HEAD:web_depdef.json']));
  assert.equal(
    depdef.targetGroupArnPairs.map((pair: string[]) => [...pair].sort()),
    [[groups['web-blue'], groups['web-green']].sort()],
  );
  await roundTrip(repo, 'web');
});

test('Lambda function with an alias and an event source: init → diff empty → deploy unchanged', async () => {
  const queue = 'arn:aws:sqs:us-east-1:123456789012:orders';
  const files = lambdaUnit({ name: 'hello', eventSources: { PullEventSources: { EventSourceMapping: { EventSourceArn: queue, BatchSize: 5 } } } });
  const { repo, written } = await adopt(await startLambdaSimulator(), files, ['--function', 'hello', '--code-s3', 's3://artifacts/hello/1.zip']);
  assert.equal(written.sort(), ['hello_lambdadef.json', 'hello_lambdadepdef.json', 'hello_lambdaeventsourcedef.json']);
  const mapping = JSON.parse(await repo.git(['show', 'HEAD:hello_lambdaeventsourcedef.json']));
  assert.is(mapping.PullEventSources.EventSourceMapping.EventSourceArn, queue);
  assert.is(JSON.parse(await repo.git(['show', 'HEAD:hello_lambdadepdef.json'])).alias, 'live');
  await roundTrip(repo, 'hello');
});

test('a service made by hand: init --adopt tags it, so diff is empty and the first deploy is unchanged', async () => {
  sim = await startEcsSimulator();
  const ecs = ecsClient(sim);
  const registered = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'api',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        { name: 'app', image: 'nginx:1.27', essential: true, portMappings: [{ containerPort: 8080 }], environment: [{ name: 'MODE', value: 'prod' }] },
      ],
    }),
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'demo',
      serviceName: 'api',
      taskDefinition: registered.taskDefinition?.taskDefinitionArn,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-9'], securityGroups: ['sg-9'], assignPublicIp: 'DISABLED' } },
    }),
  );
  // The service settles on the simulator's fast clock; deploy calls a service mid-rollout busy, not unchanged.
  for (let settled = false; !settled; await sleep(50)) {
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['api'] }))).services?.[0];
    settled = service?.runningCount === 1 && service.deployments?.length === 1;
  }
  const repo = await makeRepo([{ files: { 'README.md': 'adopted\n' } }]);
  repos.push(repo);
  const before = mutatingCalls(sim).length;
  const result = await cli(repo, 'init', '--service', 'demo/api', '--dir', 'services/api', '--inputs', '--adopt');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal(mutatingCalls(sim).slice(before), ['ecs:TagResource']);
  await repo.git(['add', '-A']);
  await repo.git(['commit', '-q', '-m', 'init']);
  const calls = await roundTrip(repo, 'services/api/api');
  assert.equal(calls, []);
});

test.run();
