#!/usr/bin/env node
// Poll benchmark. A repository of 2,000 units (1,500 ECS services, 500 Lambda functions) whose resources already
// run the tip (seeded in the simulator with the gitmoxi tags `gitmoxi plan --json` computes), then, as whole
// processes: (a) `gitmoxi poll` with nothing to do: wall time and AWS calls by operation (goals: under 5 s; at most
// one DescribeServices call per 10 ECS services; no mutating call); (b) after a new commit that changes one
// service: the latency from starting `gitmoxi poll` to its first mutating AWS call.
// Usage: npm run build && node bench/poll.mjs [runs=3]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateAliasCommand, CreateFunctionCommand, LambdaClient, PublishVersionCommand } from '@aws-sdk/client-lambda';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'gitmoxi.js');
const work = join(root, 'bench', '.work', 'poll');
const origin = join(work, 'origin');
const poller = join(work, 'poller');
const runs = Number(process.argv[2] ?? 3);
const UNITS = 2000;
const env = {
  ...process.env,
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  GITHUB_ACTIONS: '',
  GITLAB_CI: '',
  CI: 'true',
  NO_COLOR: '1',
};
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

const { startSimulator } = await import(join(root, 'dist', 'sim', 'server.js'));

function git(cwd, args) {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: gitEnv });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

function write(path, text) {
  mkdirSync(dirname(join(origin, path)), { recursive: true });
  writeFileSync(join(origin, path), text);
}

function writeUnit(i, tag) {
  const name = `svc${i}`;
  const dir = `services/team${i % 20}/${name}/${name}`;
  if (i % 4 === 3) {
    write(
      `${dir}_lambdadef.json`,
      JSON.stringify({
        FunctionName: name,
        Runtime: 'python3.12',
        Handler: 'app.handler',
        Role: 'arn:aws:iam::123456789012:role/bench',
        Code: { S3Bucket: 'artifacts', S3Key: `${name}/${tag}.zip` },
      }),
    );
    write(`${dir}_lambdadepdef.json`, JSON.stringify({ alias: 'live' }));
    return;
  }
  write(`${dir}_input.json`, JSON.stringify({ image: `registry.example.com/${name}:${tag}` }));
  write(
    `${dir}_svcdef.json`,
    JSON.stringify({
      cluster: 'bench',
      serviceName: name,
      desiredCount: 0,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
    }),
  );
  write(
    `${dir}_taskdef.json`,
    JSON.stringify({
      family: name,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: '{{ image }}' }],
    }),
  );
}

function buildRepos() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(origin, { recursive: true });
  git(origin, ['init', '-q', '-b', 'main']);
  for (let i = 0; i < UNITS; i++) writeUnit(i, '1.0.0');
  git(origin, ['add', '-A']);
  git(origin, ['commit', '-q', '-m', 'base']);
  git(work, ['clone', '-q', origin, poller]);
}

/** Runs `limit` at a time. */
async function inBatches(items, limit, fn) {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(fn));
}

/** Every unit's resource as a CI deploy of the tip would leave it: same identity, same gitmoxi tags. */
async function seed(sim) {
  const planned = spawnSync('node', [bin, 'plan', '--json', '--repo', poller, '--from', ''], { encoding: 'utf8', env, maxBuffer: 1 << 30 });
  if (planned.status !== 0) throw new Error(planned.stderr);
  const plan = JSON.parse(planned.stdout);
  const config = { endpoint: sim.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const ecs = new ECSClient(config);
  const lambda = new LambdaClient(config);
  const registered = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'bench',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'x' }],
    }),
  );
  const taskDefinition = registered.taskDefinition.taskDefinitionArn;
  await inBatches(plan.units, 25, async (unit) => {
    const tags = { 'gitmoxi:unit': unit.prefix, 'gitmoxi:commit': plan.to, 'gitmoxi:hash': unit.hash };
    if (unit.identity.platform === 'ecs') {
      await ecs.send(
        new CreateServiceCommand({
          cluster: 'bench',
          serviceName: unit.identity.serviceName,
          taskDefinition,
          desiredCount: 0,
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
          tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
        }),
      );
      return;
    }
    const name = unit.identity.functionName;
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'python3.12',
        Handler: 'app.handler',
        Role: 'arn:aws:iam::123456789012:role/bench',
        Code: { S3Bucket: 'artifacts', S3Key: `${name}/1.0.0.zip` },
        Tags: tags,
      }),
    );
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        const version = await lambda.send(new PublishVersionCommand({ FunctionName: name }));
        await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: version.Version }));
        return;
      } catch (error) {
        if (error.name !== 'ResourceConflictException') throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  ecs.destroy();
  lambda.destroy();
  return plan.units.length;
}

function runPoll() {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('node', [bin, 'poll', '--repo', poller, '--endpoint-url', simEndpoint], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, started, ms: Date.now() - started, output }));
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

let simEndpoint = '';
console.log(`building ${UNITS} units…`);
buildRepos();
const sim = await startSimulator({ scenario: { region: 'us-east-1', infrastructure: { clusters: [{ name: 'bench' }] } } });
simEndpoint = sim.endpoint;
try {
  console.log('seeding the simulator…');
  await seed(sim);
  const times = [];
  let calls = [];
  for (let i = 0; i < runs; i++) {
    sim.control.clearCalls();
    const run = await runPoll();
    if (run.code !== 0) throw new Error(`poll exited ${run.code}:\n${run.output}`);
    times.push(run.ms);
    calls = sim.control.calls();
  }
  const byOperation = {};
  for (const call of calls) byOperation[`${call.service}:${call.operation}`] = (byOperation[`${call.service}:${call.operation}`] ?? 0) + 1;
  const ecsUnits = UNITS - UNITS / 4;
  const describes = byOperation['ecs:DescribeServices'] ?? 0;
  const mutating = calls.filter((c) => c.mutating).length;
  console.log(`(a) poll, ${UNITS} units, nothing to do: median ${median(times)} ms over ${runs} runs (${times.join(', ')} ms); goal < 5000 ms`);
  console.log(`    AWS calls by operation: ${JSON.stringify(byOperation)}`);
  console.log(`    DescribeServices per 10 ECS services: ${((describes * 10) / ecsUnits).toFixed(2)} (goal <= 1); mutating calls: ${mutating}`);

  writeUnit(0, '1.0.1');
  git(origin, ['commit', '-q', '-am', 'change one service']);
  sim.control.clearCalls();
  const run = await runPoll();
  const first = sim.control.calls().find((c) => c.mutating);
  console.log(
    `(b) new commit → first mutating call (${first ? `${first.service}:${first.operation}` : 'none'}): ${first ? first.time - run.started : 'n/a'} ms after poll started (poll exit ${run.code}, ${run.ms} ms in all)`,
  );
} finally {
  await sim.close();
}
