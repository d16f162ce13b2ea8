/**
 * `gitmoxi deploy` for ECS-native blue/green (svcdef deploymentConfiguration.strategy): ECS shifts the
 * traffic in the simulator; the tests read the weights back from the listener rule and the exit code.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSimulator } from '../../src/sim/server.js';
import { blueGreenScenario, blueGreenUnit, currentWeights, targetGroupArns } from '../fakes/bluegreen-fixture.js';
import { deploySession } from '../fakes/deploy-session.js';
import { exampleTree, projectRoot, runCli } from '../fakes/cli.js';
import { mutatingCalls, testClock } from '../fakes/sim-fixture.js';
import type { FileTree, TempRepo } from '../fakes/temp-repo.js';

/** On the virtual clock, bakes of many simulated minutes take no real time, whatever the machine's load. */
const session = deploySession(test, () => startSimulator({ clock: testClock(), scenario: blueGreenScenario }));
const { repoWith, deploy, deployInBackground } = session;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** The fixture's blue/green unit, turned into an ECS-controller service with ECS's own strategy. */
function nativeUnit(image: string, deploymentConfiguration: Record<string, unknown>, depdefExtra: Record<string, unknown> = {}): FileTree {
  const files = blueGreenUnit({ name: 'web', image, targetGroups: targetGroupArns(session.sim) });
  const tg = targetGroupArns(session.sim);
  const svcdefPath = 'services/web/web_svcdef.json';
  const svcdef = JSON.parse(String(files[svcdefPath])) as Record<string, unknown>;
  delete svcdef.deploymentController;
  const rule = ruleArn();
  svcdef.deploymentConfiguration = deploymentConfiguration;
  svcdef.loadBalancers = [
    {
      targetGroupArn: tg['web-blue'],
      containerName: 'app',
      containerPort: 80,
      advancedConfiguration: { alternateTargetGroupArn: tg['web-green'], productionListenerRule: rule, roleArn: 'arn:aws:iam::123456789012:role/ecs-infra' },
    },
  ];
  const depdefPath = 'services/web/web_depdef.json';
  const depdef = { environment: { region: 'us-east-1' }, stabilityCheck: { pollInterval: 5, timeout: 300 }, ...depdefExtra };
  return { ...files, [svcdefPath]: JSON.stringify(svcdef, null, 2), [depdefPath]: JSON.stringify(depdef, null, 2) };
}

function ruleArn(): string {
  const snapshot = session.sim.control.state() as unknown as {
    accounts: Record<string, Record<string, { elbv2: { rules: { arn: string; priority: number }[] } }>>;
  };
  const rules = Object.values(snapshot.accounts)[0]?.['us-east-1']?.elbv2.rules ?? [];
  return rules.find((r) => r.priority === 10)?.arn ?? '';
}

test('BLUE_GREEN: ECS moves production to green; exit 0', async () => {
  const config = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 };
  const repo = await repoWith({ files: nativeUnit('nginx:1.27', config) }, { files: nativeUnit('nginx:1.28', config) });
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
  const repo = await repoWith({ files: nativeUnit('nginx:1.27', config) }, { files: nativeUnit('nginx:1.28', config) });
  const first = await deploy(repo, '--to', 'HEAD~1');
  assert.is(first.code, 0, first.stdout + first.stderr);
  const second = await deploy(repo, '--from', 'HEAD~1');
  assert.is(second.code, 1, second.stdout + second.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.match(second.stdout + second.stderr, /web-5xx/);
});

/** Two commits, the first deployed: the service runs nginx:1.27 with all traffic on web-blue. */
async function deployedFirst(config: Record<string, unknown>): Promise<TempRepo> {
  const repo = await repoWith({ files: nativeUnit('nginx:1.27', config) }, { files: nativeUnit('nginx:1.28', config) });
  const first = await deploy(repo, '--to', 'HEAD~1');
  assert.is(first.code, 0, first.stdout + first.stderr);
  return repo;
}

/** Deploys the second commit in the background, noting every production weight the rule holds on the way. */
async function deployWatchingWeights(repo: TempRepo, stopWhen?: (weights: string) => boolean) {
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  const seen: string[] = [];
  let running = true;
  void child.finally(() => (running = false));
  while (running) {
    const weights = currentWeights(session.sim)['rule:10'] ?? '';
    if (seen.at(-1) !== weights) seen.push(weights);
    if (stopWhen?.(weights)) {
      child.kill('SIGTERM');
      stopWhen = undefined;
    }
    await delay(2);
  }
  return { result: await child, seen };
}

test('LINEAR 25%: the production rule reads 75/25, 50/50, 25/75, 0/100 in turn', async () => {
  const repo = await deployedFirst({ strategy: 'LINEAR', bakeTimeInMinutes: 1, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 } });
  const { result, seen } = await deployWatchingWeights(repo);
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
  const repo = await deployedFirst({ strategy: 'CANARY', bakeTimeInMinutes: 1, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 3 } });
  const { result, seen } = await deployWatchingWeights(repo);
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
  const repo = await deployedFirst({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, lifecycleHooks: [hook] });
  // The hook passes on the first deployment (no scenario answer); from now on it answers IN_PROGRESS twice, then FAILED.
  session.sim.control.addFaults([{ kind: 'lifecycle-hook', functionName: 'web-check', inProgressTimes: 2, answer: 'FAILED' }]);
  const { result, seen } = await deployWatchingWeights(repo);
  assert.is(result.exitCode, 1, result.stdout + result.stderr);
  assert.not.ok(seen.includes('web-blue=0 web-green=100'));
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.match(result.stdout + result.stderr, /lifecycle hook .*web-check failed in POST_TEST_TRAFFIC_SHIFT/);
});

test('a depdef alarm, watched by gitmoxi: StopServiceDeployment ROLLBACK, exit 1, production back on blue', async () => {
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'web-latency', state: 'ALARM', whenTrafficTo: { image: 'nginx:1.28' } }]);
  const config = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 30 };
  const depdef = { alarms: { alarmNames: ['web-latency'] } };
  const repo = await repoWith({ files: nativeUnit('nginx:1.27', config, depdef) }, { files: nativeUnit('nginx:1.28', config, depdef) });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const second = await deploy(repo, '--from', 'HEAD~1');
  assert.is(second.code, 1, second.stdout + second.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.match(second.stdout, /StopServiceDeployment ROLLBACK/);
  assert.match(second.stdout + second.stderr, /alarm web-latency in ALARM/);
});

test('SIGTERM during the bake: StopServiceDeployment ROLLBACK, exit 4, all traffic back on blue', async () => {
  const repo = await deployedFirst({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 30 });
  const { result } = await deployWatchingWeights(repo, (weights) => weights === 'web-blue=0 web-green=100');
  assert.is(result.exitCode, 4, result.stdout + result.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.match(result.stdout, /StopServiceDeployment ROLLBACK/);
  assert.match(result.stdout, /ROLLBACK_SUCCESSFUL/);
});

test('gitmoxi rollback of a deployed BLUE_GREEN service: ECS shifts production back to the previous revision', async () => {
  const repo = await deployedFirst({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 });
  assert.is((await deploy(repo, '--from', 'HEAD~1')).code, 0);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=0 web-green=100');
  const rolled = await runCli(['rollback', 'services/web/web', '--yes', '--endpoint-url', session.sim.endpoint, '--no-color'], { cwd: repo.dir });
  assert.is(rolled.code, 0, rolled.stdout + rolled.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.match(rolled.stdout, /web:2 → web:1|web:1/);
});

test('gitmoxi rollback during a LINEAR deployment: StopServiceDeployment ROLLBACK, production back on blue', async () => {
  const repo = await deployedFirst({ strategy: 'LINEAR', bakeTimeInMinutes: 5, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 60 } });
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  while (currentWeights(session.sim)['rule:10'] !== 'web-blue=75 web-green=25') await delay(2);
  const rolled = await runCli(['rollback', 'services/web/web', '--yes', '--endpoint-url', session.sim.endpoint, '--no-color'], { cwd: repo.dir });
  const deployed = await child;
  assert.is(rolled.code, 0, rolled.stdout + rolled.stderr);
  assert.match(rolled.stdout, /StopServiceDeployment ROLLBACK/);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.is(deployed.exitCode, 1, deployed.stdout + deployed.stderr);
  assert.match(deployed.stdout + deployed.stderr, /StopServiceDeployment request/);
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
  const files = nativeUnit('nginx:1.27', config);
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
