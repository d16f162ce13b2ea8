/**
 * `gitmoxi deploy` for ECS-native blue/green, linear and canary (svcdef deploymentConfiguration.strategy): ECS
 * shifts the traffic in the simulator; the tests read the weights back from the listener rule and the exit code.
 * Rollbacks (gitmoxi's alarm watch, SIGTERM, `gitmoxi rollback`) are in ecs-native-rollback.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { currentWeights } from '../fakes/bluegreen-fixture.js';
import { exampleTree, projectRoot, runCli } from '../fakes/cli.js';
import { deployedFirst, deployWatchingWeights, nativeSession, nativeUnit } from '../fakes/native-fixture.js';
import { mutatingCalls } from '../fakes/sim-fixture.js';

const session = nativeSession(test);
const { repoWith, deploy } = session;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

test('BLUE_GREEN: ECS moves production to green; exit 0', async () => {
  const config = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 };
  const repo = await repoWith({ files: nativeUnit(session.sim, 'nginx:1.27', config) }, { files: nativeUnit(session.sim, 'nginx:1.28', config) });
  const first = await deploy(repo, '--to', 'HEAD~1');
  assert.is(first.code, 0, first.stdout + first.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=1');
  const second = await deploy(repo, '--from', 'HEAD~1');
  assert.is(second.code, 0, second.stdout + second.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=0 web-green=100');
  assert.match(second.stdout, /BAKE_TIME/);
});

test('an alarm when green gets traffic: ECS rolls back, exit 1, production back on blue', async () => {
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'web-5xx', state: 'ALARM', whenTrafficTo: { image: 'nginx:1.28' } }]);
  const config = {
    strategy: 'LINEAR',
    bakeTimeInMinutes: 1,
    linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 },
    alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
  };
  const repo = await repoWith({ files: nativeUnit(session.sim, 'nginx:1.27', config) }, { files: nativeUnit(session.sim, 'nginx:1.28', config) });
  const first = await deploy(repo, '--to', 'HEAD~1');
  assert.is(first.code, 0, first.stdout + first.stderr);
  const second = await deploy(repo, '--from', 'HEAD~1');
  assert.is(second.code, 1, second.stdout + second.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.match(second.stdout + second.stderr, /web-5xx/);
});

test('LINEAR 25%: the production rule reads 75/25, 50/50, 25/75, 0/100 in turn', async () => {
  const repo = await deployedFirst(session, { strategy: 'LINEAR', bakeTimeInMinutes: 1, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 } });
  const { result, seen } = await deployWatchingWeights(session, repo);
  assert.is(result.exitCode, 0, result.stdout + result.stderr);
  assert.equal(seen.slice(seen.indexOf('web-blue=100 web-green=0')), [
    'web-blue=100 web-green=0',
    'web-blue=75 web-green=25',
    'web-blue=50 web-green=50',
    'web-blue=25 web-green=75',
    'web-blue=0 web-green=100',
  ]);
});

test('CANARY 10%: 90/10, then 0/100', async () => {
  const repo = await deployedFirst(session, {
    strategy: 'CANARY',
    bakeTimeInMinutes: 1,
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 3 },
  });
  const { result, seen } = await deployWatchingWeights(session, repo);
  assert.is(result.exitCode, 0, result.stdout + result.stderr);
  assert.equal(seen.slice(seen.indexOf('web-blue=100 web-green=0')), ['web-blue=100 web-green=0', 'web-blue=90 web-green=10', 'web-blue=0 web-green=100']);
});

test('a POST_TEST_TRAFFIC_SHIFT hook answering FAILED: ECS rolls back before production moves, exit 1', async () => {
  const lambda = new LambdaClient({ endpoint: session.sim.endpoint, region: 'us-east-1', credentials });
  const created = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'web-check',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: 'arn:aws:iam::123456789012:role/hook',
      Code: { ZipFile: new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]) },
    }),
  );
  const hook = { hookTargetArn: created.FunctionArn, roleArn: 'arn:aws:iam::123456789012:role/hook', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] };
  const repo = await deployedFirst(session, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, lifecycleHooks: [hook] });
  // The hook passes on the first deployment (no scenario answer); from now on it answers IN_PROGRESS twice, then FAILED.
  session.sim.control.addFaults([{ kind: 'lifecycle-hook', functionName: 'web-check', inProgressTimes: 2, answer: 'FAILED' }]);
  const { result, seen } = await deployWatchingWeights(session, repo);
  assert.is(result.exitCode, 1, result.stdout + result.stderr);
  assert.not.ok(seen.includes('web-blue=0 web-green=100'));
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.match(result.stdout + result.stderr, /lifecycle hook .*web-check failed in POST_TEST_TRAFFIC_SHIFT/);
});

test('plan shows the example LINEAR service steps, bake and stages with its hook, as the golden plan', async () => {
  const repo = await repoWith({ files: await exampleTree('ecs-native') });
  const result = await runCli(['plan', '--json'], { cwd: repo.dir });
  assert.is(result.code, 0, result.stderr);
  const steps = (JSON.parse(result.stdout) as { units: { steps?: unknown }[] }).units[0]?.steps;
  const golden = await readFile(join(projectRoot, 'test/golden/examples/ecs-native/plan-steps.json'), 'utf8');
  assert.equal(steps, JSON.parse(golden));
});

test('what ECS refuses is refused first: file, line and fix; nothing is changed in AWS', async () => {
  const config = { strategy: 'LINEAR', bakeTimeInMinutes: 2000, linearConfiguration: { stepPercent: 2 } };
  const files = nativeUnit(session.sim, 'nginx:1.27', config);
  const depdef = { environment: { region: 'us-east-1' }, trafficShiftingConfig: { type: 'LINEAR', percent: 20, waitInterval: 30 } };
  const repo = await repoWith({ files: { ...files, 'services/web/web_depdef.json': JSON.stringify(depdef, null, 2) } });
  const result = await deploy(repo);
  assert.is(result.code, 2, result.stdout + result.stderr);
  const output = result.stdout + result.stderr;
  assert.match(output, /web_svcdef\.json:\d+:\d+: deploymentConfiguration\.bakeTimeInMinutes: must be a whole number of minutes from 0 to 1440, not 2000/);
  assert.match(
    output,
    /web_svcdef\.json:\d+:\d+: deploymentConfiguration\.linearConfiguration\.stepPercent: must be a multiple of 0\.1 from 3\.0 to 100\.0, not 2/,
  );
  assert.match(output, /web_depdef\.json:\d+:\d+: trafficShiftingConfig: cannot be used with the svcdef's ECS LINEAR strategy/);
  assert.equal(mutatingCalls(session.sim), []);
});

test.run();
