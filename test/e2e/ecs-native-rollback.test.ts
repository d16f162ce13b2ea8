/**
 * ECS-native deployments stopped on gitmoxi's side: a depdef alarm gitmoxi watches, SIGTERM during the bake, and
 * `gitmoxi rollback` of a deployed service or of one in flight. ECS's StopServiceDeployment ROLLBACK puts
 * production back on blue, read back from the listener rule.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { currentWeights } from '../fakes/bluegreen-fixture.js';
import { runCli } from '../fakes/cli.js';
import { deployedFirst, deployWatchingWeights, nativeSession, nativeUnit } from '../fakes/native-fixture.js';
import { waitUntil } from '../fakes/wait-until.js';

const session = nativeSession(test);
const { repoWith, deploy, deployInBackground } = session;

test('a depdef alarm, watched by gitmoxi: StopServiceDeployment ROLLBACK, exit 1, production back on blue', async () => {
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'web-latency', state: 'ALARM', whenTrafficTo: { image: 'nginx:1.28' } }]);
  const config = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 30 };
  const depdef = { alarms: { alarmNames: ['web-latency'] } };
  const repo = await repoWith(
    { files: nativeUnit(session.sim, 'nginx:1.27', config, depdef) },
    { files: nativeUnit(session.sim, 'nginx:1.28', config, depdef) },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const second = await deploy(repo, '--from', 'HEAD~1');
  assert.is(second.code, 1, second.stdout + second.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.match(second.stdout, /StopServiceDeployment ROLLBACK/);
  assert.match(second.stdout + second.stderr, /alarm web-latency in ALARM/);
});

test('SIGTERM during the bake: StopServiceDeployment ROLLBACK, exit 4, all traffic back on blue', async () => {
  const repo = await deployedFirst(session, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 30 });
  const { result } = await deployWatchingWeights(session, repo, (weights) => weights === 'web-blue=0 web-green=100');
  assert.is(result.exitCode, 4, result.stdout + result.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.match(result.stdout, /StopServiceDeployment ROLLBACK/);
  assert.match(result.stdout, /ROLLBACK_SUCCESSFUL/);
});

test('gitmoxi rollback of a deployed BLUE_GREEN service: ECS shifts production back to the previous revision', async () => {
  const repo = await deployedFirst(session, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 });
  assert.is((await deploy(repo, '--from', 'HEAD~1')).code, 0);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=0 web-green=100');
  const rolled = await runCli(['rollback', 'services/web/web', '--yes', '--endpoint-url', session.sim.endpoint, '--no-color'], { cwd: repo.dir });
  assert.is(rolled.code, 0, rolled.stdout + rolled.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.match(rolled.stdout, /web:2 → web:1|web:1/);
});

test('gitmoxi rollback during a LINEAR deployment: StopServiceDeployment ROLLBACK, production back on blue', async () => {
  const repo = await deployedFirst(session, { strategy: 'LINEAR', bakeTimeInMinutes: 5, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 60 } });
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  await waitUntil(() => currentWeights(session.sim)['rule:10'] === 'web-blue=75 web-green=25', 'the first 25% step');
  const rolled = await runCli(['rollback', 'services/web/web', '--yes', '--endpoint-url', session.sim.endpoint, '--no-color'], { cwd: repo.dir });
  const deployed = await child;
  assert.is(rolled.code, 0, rolled.stdout + rolled.stderr);
  assert.match(rolled.stdout, /StopServiceDeployment ROLLBACK/);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.is(deployed.exitCode, 1, deployed.stdout + deployed.stderr);
  assert.match(deployed.stdout + deployed.stderr, /StopServiceDeployment request/);
});

test.run();
