/**
 * `gitmoxi verify` and `deploy --verify` against the simulator: each check fails with a message naming the
 * unit, the file (and line) and the resource; a failing verify changes nothing.
 */
import { DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateAliasCommand, CreateFunctionCommand, GetFunctionConfigurationCommand, LambdaClient, PublishVersionCommand } from '@aws-sdk/client-lambda';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scaledClock } from '../../src/clock.js';
import { startSimulator } from '../../src/sim/server.js';
import type { Scenario } from '../../src/sim/types.js';
import { runCli } from '../fakes/cli.js';
import { lambdaUnit } from '../fakes/lambda-fixture.js';
import { ecsUnit, mutatingCalls, type Simulator } from '../fakes/sim-fixture.js';
import { makeRepo, type FileTree, type TempRepo } from '../fakes/temp-repo.js';

const account = '123456789012';
const registry = `${account}.dkr.ecr.us-east-1.amazonaws.com`;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const scenario: Scenario = {
  region: 'us-east-1',
  infrastructure: {
    clusters: [{ name: 'demo', capacityProviders: ['FARGATE'] }],
    targetGroups: [
      { name: 'web', targetType: 'ip' },
      { name: 'loose', targetType: 'ip' },
      { name: 'legacy', targetType: 'instance' },
    ],
    loadBalancers: [{ name: 'front', listeners: [{ port: 80, targetGroup: 'web', rules: [{ priority: 1, pathPattern: '/old/*', targetGroup: 'legacy' }] }] }],
    alarms: [{ name: 'web-5xx' }],
    logGroups: [{ name: '/ecs/good' }],
    roles: [
      { name: 'exec', trust: ['ecs-tasks.amazonaws.com'] },
      { name: 'lambda-exec', trust: ['lambda.amazonaws.com'] },
      { name: 'other', trust: ['lambda.amazonaws.com'] },
    ],
    images: [{ repository: 'web', tags: ['1.0'] }],
    layers: [`arn:aws:lambda:us-east-1:${account}:layer:shared:3`],
    queues: [{ name: 'orders' }],
  },
};

let sim: Simulator;
const repos: TempRepo[] = [];
test.before.each(async () => {
  sim = await startSimulator({ clock: scaledClock(200), scenario });
});
test.after.each(async () => {
  await sim.close();
  for (const repo of repos.splice(0)) await repo.cleanup();
});

async function targetGroupArns(): Promise<Record<string, string>> {
  const elb = new ElasticLoadBalancingV2Client({ endpoint: sim.endpoint, region: 'us-east-1', credentials });
  const out = await elb.send(new DescribeTargetGroupsCommand({}));
  return Object.fromEntries((out.TargetGroups ?? []).map((g) => [g.TargetGroupName, g.TargetGroupArn]));
}

/** An ECS unit with a log group, roles and an ECR image; `change` edits the parsed files. */
function service(name: string, change: (files: { svcdef: any; taskdef: any; depdef: any }) => void): FileTree {
  const tree = ecsUnit({ name, image: `${registry}/web:1.0` });
  const prefix = `services/${name}/${name}`;
  const files = {
    svcdef: JSON.parse(String(tree[`${prefix}_svcdef.json`])),
    taskdef: JSON.parse(String(tree[`${prefix}_taskdef.json`])),
    depdef: JSON.parse(String(tree[`${prefix}_depdef.json`])),
  };
  files.taskdef.executionRoleArn = `arn:aws:iam::${account}:role/exec`;
  files.taskdef.containerDefinitions[0].logConfiguration = {
    logDriver: 'awslogs',
    options: { 'awslogs-group': '/ecs/good', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': name },
  };
  change(files);
  return {
    ...tree,
    [`${prefix}_svcdef.json`]: JSON.stringify(files.svcdef, null, 2),
    [`${prefix}_taskdef.json`]: JSON.stringify(files.taskdef, null, 2),
    [`${prefix}_depdef.json`]: JSON.stringify(files.depdef, null, 2),
  };
}

function cli(repo: TempRepo, ...args: string[]) {
  return runCli([...args, '--endpoint-url', sim.endpoint, '--no-color'], { cwd: repo.dir });
}

test('verify passes a unit whose account has everything, and names every gap of the others', async () => {
  const tg = await targetGroupArns();
  const good = service('good', (f) => {
    f.svcdef.loadBalancers = [{ targetGroupArn: tg.web, containerName: 'app', containerPort: 80 }];
    f.depdef.alarms = { alarmNames: ['web-5xx'] };
  });
  const broken = service('broken', (f) => {
    f.svcdef.cluster = 'nowhere';
    f.svcdef.loadBalancers = [{ targetGroupArn: tg.legacy, containerName: 'app', containerPort: 80 }];
    f.taskdef.containerDefinitions[0].image = `${registry}/web:2.0`;
    f.taskdef.containerDefinitions[0].logConfiguration.options['awslogs-group'] = '/ecs/missing';
    f.taskdef.executionRoleArn = `arn:aws:iam::${account}:role/ghost`;
    f.taskdef.taskRoleArn = `arn:aws:iam::${account}:role/lambda-exec`;
    f.depdef.alarms = { alarmNames: ['no-such-alarm'] };
  });
  const spot = service('spot', (f) => {
    delete f.svcdef.launchType;
    f.svcdef.capacityProviderStrategy = [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }];
    f.svcdef.loadBalancers = [{ targetGroupArn: tg.loose, containerName: 'app', containerPort: 80 }];
    f.taskdef.containerDefinitions[0].image = `${registry}/api:1.0`;
  });
  const gone = (tg.web ?? '').replace(/targetgroup\/web\/\w+$/, 'targetgroup/gone/0123456789abcdef');
  const udp = service('udp', (f) => {
    f.svcdef.loadBalancers = [{ targetGroupArn: tg.web, containerName: 'app', containerPort: 80 }];
    f.depdef.targetGroupArnPairs = [[tg.web, gone]];
    f.taskdef.containerDefinitions[0].portMappings = [{ containerPort: 80, protocol: 'udp' }];
  });
  // A function whose role only ECS tasks may assume, behind a target group of the wrong type.
  const fn = lambdaUnit({ name: 'edge', eventSources: { PushEventSources: [{ Service: 'elasticloadbalancing.amazonaws.com', TargetGroupArn: tg.web }] } });
  const fnPath = 'functions/edge/edge_lambdadef.json';
  fn[fnPath] = String(fn[fnPath]).replace('role/lambda-exec', 'role/exec');
  const repo = await makeRepo([{ files: { ...good, ...broken, ...spot, ...udp, ...fn } }]);
  repos.push(repo);

  const ok = await cli(repo, 'verify', 'services/good/good');
  assert.is(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /services\/good\/good\s+us-east-1\s+ok/);

  const result = await cli(repo, 'verify');
  assert.is(result.code, 2, result.stdout + result.stderr);
  const err = result.stderr;
  const expect = (file: string, text: string) => {
    const line = err.split('\n').find((l) => l.includes(file) && l.includes(text));
    assert.ok(line, `no line naming ${file} and "${text}" in:\n${err}`);
    assert.match(line ?? '', /_(svcdef|taskdef|depdef|lambdadef|lambdaeventsourcedef)\.json:\d+:\d+: (services|functions)\/(\w+)\/\3: /);
  };
  expect('broken_svcdef.json', "cluster 'nowhere' does not exist");
  expect('broken_svcdef.json', `target group ${tg.legacy} has target type 'instance'`);
  expect('broken_taskdef.json', `image ${registry}/web:2.0 is not in ECR`);
  expect('broken_taskdef.json', "log group '/ecs/missing' does not exist in us-east-1");
  expect('broken_taskdef.json', `role arn:aws:iam::${account}:role/ghost does not exist`);
  expect('broken_taskdef.json', `role arn:aws:iam::${account}:role/lambda-exec does not trust ecs-tasks.amazonaws.com`);
  expect('broken_depdef.json', "alarm 'no-such-alarm' does not exist");
  expect('spot_svcdef.json', "'FARGATE_SPOT' is not a capacity provider of cluster 'demo'");
  expect('spot_svcdef.json', `target group ${tg.loose} is not forwarded to by any listener or rule`);
  expect('spot_taskdef.json', `ECR repository of ${registry}/api:1.0 does not exist`);
  expect('udp_depdef.json', `target group ${gone} does not exist`);
  expect('udp_svcdef.json', `target group ${tg.web} speaks HTTP, container 'app' maps udp ports`);
  expect('edge_lambdadef.json', `role arn:aws:iam::${account}:role/exec does not trust lambda.amazonaws.com`);
  expect('edge_lambdaeventsourcedef.json', `target group ${tg.web} has target type 'ip', not 'lambda'`);
  assert.match(result.stdout, /services\/good\/good\s+us-east-1\s+ok/);
  const json = await cli(repo, 'verify', '--json', 'services/spot/spot', 'services/good/good');
  assert.is(json.code, 2, json.stderr);
  const units = (JSON.parse(json.stdout) as { units: { unit: string; problems: { location: { file: string; line?: number } }[] }[] }).units;
  assert.equal(units.map((u) => [u.unit, u.problems.length]).sort(), [
    ['services/good/good', 0],
    ['services/spot/spot', 3],
  ]);
  assert.ok(units.every((u) => u.problems.every((p) => p.location.line !== undefined)));
  assert.equal(mutatingCalls(sim), []);
});

test('deploy --verify stops before any change; a Lambda canary across two roles, a missing layer and queue are caught', async () => {
  const lambda = new LambdaClient({ endpoint: sim.endpoint, region: 'us-east-1', credentials });
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'hello',
      Runtime: 'python3.12',
      Handler: 'app.handler',
      Role: `arn:aws:iam::${account}:role/lambda-exec`,
      Code: { S3Bucket: 'artifacts', S3Key: 'hello/1.zip' },
    }),
  );
  for (let state = ''; state !== 'Active'; ) {
    state = (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'hello' }))).State ?? '';
  }
  const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'hello' }));
  await lambda.send(new CreateAliasCommand({ FunctionName: 'hello', Name: 'live', FunctionVersion: v1.Version }));
  const callsBefore = mutatingCalls(sim).length;

  const queue = (name: string) => ({ PullEventSources: { EventSourceMapping: { EventSourceArn: `arn:aws:sqs:us-east-1:${account}:${name}`, BatchSize: 5 } } });
  const unit = lambdaUnit({ name: 'hello', eventSources: queue('ordres') });
  const path = 'functions/hello/hello_lambdadef.json';
  const lambdadef = JSON.parse(String(unit[path]));
  lambdadef.Role = `arn:aws:iam::${account}:role/other`;
  lambdadef.Layers = [`arn:aws:lambda:us-east-1:${account}:layer:shared:3`, `arn:aws:lambda:us-east-1:${account}:layer:shared:4`];
  const repo = await makeRepo([{ files: { ...unit, [path]: JSON.stringify(lambdadef, null, 2) } }]);
  repos.push(repo);

  const result = await cli(repo, 'deploy', '--verify', '--force');
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /hello_lambdadef\.json:\d+:\d+: functions\/hello\/hello: Role: differs from the role of version 1 behind alias 'live'/);
  assert.match(result.stderr, /ALL_AT_ONCE/);
  assert.match(
    result.stderr,
    /hello_lambdadef\.json:\d+:\d+: functions\/hello\/hello: Layers\[1\]: layer version arn:aws:lambda:us-east-1:123456789012:layer:shared:4 does not exist/,
  );
  assert.not.match(result.stderr, /layer:shared:3 does not exist/);
  assert.match(
    result.stderr,
    /hello_lambdaeventsourcedef\.json:\d+:\d+: functions\/hello\/hello: PullEventSources\.EventSourceMapping\.EventSourceArn: event source arn:aws:sqs:us-east-1:123456789012:ordres does not exist/,
  );
  assert.is(mutatingCalls(sim).length, callsBefore);

  const allAtOnce = lambdaUnit({ name: 'hello', eventSources: queue('orders'), depdef: { trafficShiftingConfig: { type: 'ALL_AT_ONCE' } } });
  lambdadef.Layers = lambdadef.Layers.slice(0, 1);
  await repo.commit({ ...allAtOnce, [path]: JSON.stringify(lambdadef, null, 2) });
  const verified = await cli(repo, 'verify', 'functions/hello/hello');
  assert.is(verified.code, 0, verified.stdout + verified.stderr);
});

test.run();
