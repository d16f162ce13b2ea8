/**
 * ECS-native services seen from outside a deploy and through ECS's failure detectors: `status` and `poll` while
 * ECS shifts a LINEAR deployment (simulated time held at 25 % on green), the bake's remaining time in a deploy's
 * NDJSON, and the circuit breaker with BLUE_GREEN, with and without rollback. The simulator runs on its virtual
 * clock; what the tests check is read back through the SDK, the listener rule and the CLI's output.
 */
import { DescribeServiceDeploymentsCommand, ECSClient, ListServiceDeploymentsCommand, type ServiceDeployment } from '@aws-sdk/client-ecs';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { currentWeights } from '../fakes/bluegreen-fixture.js';
import { runCli } from '../fakes/cli.js';
import { deployedFirst, nativeSession } from '../fakes/native-fixture.js';
import { holdTimeWhenTrafficReaches, mutatingCalls } from '../fakes/sim-fixture.js';
import { cloneRepo } from '../fakes/temp-repo.js';
import { waitUntil } from '../fakes/wait-until.js';

const session = nativeSession(test);
const { deploy, deployInBackground } = session;
const cleanups: (() => Promise<void>)[] = [];
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
test.after.each(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function cli(dir: string, ...args: string[]) {
  return runCli([...args, '--endpoint-url', session.sim.endpoint, '--no-color'], { cwd: dir });
}

async function newestServiceDeployment(): Promise<ServiceDeployment | undefined> {
  const ecs = new ECSClient({ endpoint: session.sim.endpoint, region: 'us-east-1', credentials });
  const listed = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web' }));
  const arn = listed.serviceDeployments?.[0]?.serviceDeploymentArn;
  if (!arn) return undefined;
  return (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments?.[0];
}

interface StatusJson {
  units: {
    unit: string;
    state: string;
    runs: string;
    live: {
      native?: {
        strategy: string;
        deployment: { status: string; inFlight: boolean; lifecycleStage?: string; production: { targetGroup: string; weight: number }[] };
      };
    } | null;
  }[];
}

/** A Lambda function for a lifecycle hook; without a scenario answer it answers SUCCEEDED. */
async function hookFunction(name: string): Promise<string> {
  const lambda = new LambdaClient({ endpoint: session.sim.endpoint, region: 'us-east-1', credentials });
  const created = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: 'arn:aws:iam::123456789012:role/hook',
      Code: { ZipFile: new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]) },
    }),
  );
  return created.FunctionArn ?? '';
}

test("mid-LINEAR: status shows Progressing, stage, the rule's split and hooks; poll leaves it to ECS, exit 0, no change", async () => {
  const hook = { hookTargetArn: await hookFunction('web-check'), roleArn: 'arn:aws:iam::123456789012:role/hook', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] };
  const repo = await deployedFirst(session, {
    strategy: 'LINEAR',
    bakeTimeInMinutes: 1,
    linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 10 },
    lifecycleHooks: [hook],
  });
  const clone = await cloneRepo(repo.dir);
  cleanups.push(() => clone.cleanup());
  // Simulated time stops the moment green first gets production traffic: ECS is mid-shift for as long as the test looks.
  const hold = holdTimeWhenTrafficReaches(session.sim, (signal) => signal.images?.includes('nginx:1.28') === true);
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  await waitUntil(() => hold.held(), 'green to get production traffic');
  assert.ok(hold.held(), 'green got production traffic');
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=75 web-green=25');

  const json = await cli(repo.dir, 'status', '--json');
  assert.is(json.code, 0, json.stderr);
  const row = (JSON.parse(json.stdout) as StatusJson).units.find((u) => u.unit === 'services/web/web');
  assert.is(row?.state, 'Progressing');
  const native = row?.live?.native;
  assert.equal(
    [native?.strategy, native?.deployment.status, native?.deployment.inFlight, native?.deployment.lifecycleStage],
    ['LINEAR', 'IN_PROGRESS', true, 'PRODUCTION_TRAFFIC_SHIFT'],
  );
  assert.equal(native?.deployment.production, [
    { targetGroup: 'web-blue', weight: 75 },
    { targetGroup: 'web-green', weight: 25 },
  ]);
  const text = await cli(repo.dir, 'status');
  assert.match(
    text.stdout,
    /services\/web\/web\s+Progressing .*LINEAR: service deployment IN_PROGRESS in PRODUCTION_TRAFFIC_SHIFT, production web-blue 75% \/ web-green 25%, hooks POST_TEST_TRAFFIC_SHIFT web-check SUCCEEDED/,
  );

  session.sim.control.clearCalls();
  const polled = await cli(clone.dir, 'poll');
  assert.is(polled.code, 0, polled.stdout + polled.stderr);
  assert.match(polled.stdout, /0 of 1 units to deploy/);
  assert.match(
    polled.stdout,
    /services\/web\/web: skipped: ECS is deploying it \(LINEAR: service deployment IN_PROGRESS in PRODUCTION_TRAFFIC_SHIFT, production web-blue 75% \/ web-green 25%, hooks POST_TEST_TRAFFIC_SHIFT web-check SUCCEEDED\); left to ECS/,
  );
  assert.equal(mutatingCalls(session.sim), []);

  hold.release();
  const finished = await child;
  assert.is(finished.exitCode, 0, String(finished.stdout) + String(finished.stderr));
  // The deploy's own progress: each step bake's time left, counted from the step.
  assert.match(
    String(finished.stdout),
    /waiting (?:10m 00s|9m \d\ds) until \S+ \(step bake: (?:10m|9m \d+s) left of 10m; production 25% on green until the next step\)/,
  );
  assert.match(String(finished.stdout), /step bake: (?:10m|9m \d+s) left of 10m; production 50% on green/);
  const after = await cli(repo.dir, 'status');
  assert.match(after.stdout, /services\/web\/web\s+Synced .*LINEAR: last deployment SUCCESSFUL/);
});

test("status after ECS rolled back names the outcome and ECS's reason", async () => {
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'web-5xx', state: 'ALARM', whenTrafficTo: { image: 'nginx:1.28' } }]);
  const repo = await deployedFirst(session, {
    strategy: 'CANARY',
    bakeTimeInMinutes: 1,
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
    alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
  });
  assert.is((await deploy(repo, '--from', 'HEAD~1')).code, 1);
  const shown = await cli(repo.dir, 'status');
  assert.match(
    shown.stdout,
    /services\/web\/web\s+OutOfSync .*CANARY: last deployment ROLLBACK_SUCCESSFUL \(Service deployment rolled back because alarm\(s\) web-5xx went into ALARM\.\)/,
  );
});

test("--json deploy: the bake's remaining time, counted from ECS's stage start, ends when ECS finishes", async () => {
  const repo = await deployedFirst(session, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 });
  const result = await deploy(repo, '--from', 'HEAD~1', '--json');
  assert.is(result.code, 0, result.stderr);
  const events = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; time: number; reason?: string; until?: number });
  const bakes = events.filter((e) => e.type === 'wait.started' && e.reason?.startsWith('BAKE_TIME:'));
  assert.ok(bakes.length >= 4, `one report as the bake begins, then one a minute: ${bakes.length}`);
  const finishedAt = (await newestServiceDeployment())?.finishedAt?.getTime();
  for (const bake of bakes) {
    // The wait ends when ECS ends the bake: CLEAN_UP and SUCCESSFUL follow at the same instant in the simulator.
    assert.is(bake.until, finishedAt);
    const left = /^BAKE_TIME: (?:(\d+)m)? ?(?:(\d+)s)? left of 5m;/.exec(bake.reason ?? '');
    assert.ok(left, bake.reason);
    assert.is((Number(left[1] ?? 0) * 60 + Number(left[2] ?? 0)) * 1000, Math.floor(((bake.until ?? 0) - bake.time) / 1000) * 1000);
  }
  const first = bakes[0];
  assert.ok(first && (first.until ?? 0) - first.time > 290_000 && (first.until ?? 0) - first.time <= 300_000, 'seen within a poll interval of the stage start');
});

test("BLUE_GREEN with ECS's circuit breaker (rollback on): green never starts, ECS rolls back, exit 1", async () => {
  session.sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:1.28' }, reason: 'CannotPullContainerError' }]);
  const repo = await deployedFirst(session, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, deploymentCircuitBreaker: { enable: true, rollback: true } });
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout + result.stderr, /circuit breaker threshold was exceeded/);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  const deployment = await newestServiceDeployment();
  assert.is(deployment?.status, 'ROLLBACK_SUCCESSFUL');
  assert.equal([deployment?.deploymentCircuitBreaker?.status, deployment?.deploymentCircuitBreaker?.threshold], ['TRIGGERED', 3]);
});

test("BLUE_GREEN with ECS's circuit breaker (rollback off): ECS stops the deployment, production stays on blue, exit 3", async () => {
  session.sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:1.28' }, reason: 'CannotPullContainerError' }]);
  const repo = await deployedFirst(session, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, deploymentCircuitBreaker: { enable: true, rollback: false } });
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 3, result.stdout + result.stderr);
  assert.match(result.stdout + result.stderr, /Service deployment failed because the circuit breaker threshold was exceeded/);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  const deployment = await newestServiceDeployment();
  assert.is(deployment?.status, 'STOPPED');
  assert.ok(deployment?.stoppedAt, 'stoppedAt is set when a failure is not rolled back');
  // Nobody drives the service now, yet two revisions run: poll does not deploy over it and says why.
  const clone = await cloneRepo(repo.dir);
  cleanups.push(() => clone.cleanup());
  session.sim.control.clearCalls();
  const polled = await cli(clone.dir, 'poll');
  assert.is(polled.code, 0, polled.stdout + polled.stderr);
  assert.match(
    polled.stdout,
    /services\/web\/web: skipped: ECS's deployment ended without putting it back \(BLUE_GREEN: last deployment STOPPED \(Service deployment failed because the circuit breaker threshold was exceeded\.\)\) and two revisions still run; an operator must look/,
  );
  assert.equal(mutatingCalls(session.sim), []);
});

test.run();
