/**
 * Two runs on one unit: a `gitmoxi deploy` that finds another deployment in flight waits for it instead of
 * driving the same service or alias at once, reports `busy` when it stops waiting, and leaves a unit an operator
 * rolled back alone until a newer commit changes it. The CLI runs as a subprocess against the simulator.
 */
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSimulator } from '../../src/sim/server.js';
import { aliasOf, lambdaScenario, lambdaUnit, liveFunction, operations } from '../fakes/lambda-fixture.js';
import {
  ecsClient,
  ecsScenario,
  ecsUnit,
  liveService,
  mutatingCalls,
  seededTargetGroupArn,
  startEcsSimulator,
  type Simulator,
  testClock,
  holdTimeWhenTrafficReaches,
  clockParticipants,
} from '../fakes/sim-fixture.js';
import { projectRoot, runCli } from '../fakes/cli.js';
import { makeRepo, type CommitSpec, type TempRepo } from '../fakes/temp-repo.js';
import { waitUntil } from '../fakes/wait-until.js';

let sim: Simulator;
const cleanups: (() => Promise<void>)[] = [];

test.after.each(async () => {
  await sim.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function repoWith(...commits: CommitSpec[]): Promise<TempRepo> {
  const repo = await makeRepo(commits);
  cleanups.push(() => repo.cleanup());
  return repo;
}

function cli(repo: TempRepo, ...args: string[]) {
  return runCli([...args, '--endpoint-url', sim.endpoint, '--no-color'], { cwd: repo.dir });
}

/** Another process deploying the same repository: a second pipeline, or a poll. */
function otherDeploy(repo: TempRepo, ...args: string[]) {
  return execa('node', [`${projectRoot}bin/gitmoxi.js`, 'deploy', '--endpoint-url', sim.endpoint, '--no-color', ...args], { cwd: repo.dir, reject: false });
}

/**
 * A slower clock than the other suites': the two CLI processes and the simulator share the machine, and at 200×
 * a tenth of a second between two calls is twenty simulated seconds, more than the grace the waiting run gives the
 * other one to record its tags. Old tasks drain from the target group for three simulated minutes, so a rolling
 * deployment stays in flight long enough for a second CLI process to start and find it.
 */
const scale = 40;

function startSlowDrainSimulator(): Promise<Simulator> {
  const targetGroups = (ecsScenario.infrastructure?.targetGroups ?? []).map((tg) => ({ ...tg, deregistrationDelaySeconds: 180 }));
  return startSimulator({ clock: testClock(scale), scenario: { ...ecsScenario, infrastructure: { ...ecsScenario.infrastructure, targetGroups } } });
}

const patient = { stabilityCheck: { pollInterval: 5, timeout: 1800 } };

function webAt(image: string): CommitSpec {
  return { files: ecsUnit({ name: 'web', image, targetGroupArn: seededTargetGroupArn(sim, 'web'), depdef: patient }) };
}

const count = (operation: string) => operations(sim, operation);

test('ECS rolling: a deploy of the commit another run is deploying waits, then is unchanged', async () => {
  sim = await startSlowDrainSimulator();
  const repo = await repoWith(webAt('nginx:1.27'), webAt('nginx:1.28'));
  assert.is((await cli(repo, 'deploy', '--to', 'HEAD~1')).code, 0);
  sim.control.clearCalls();
  const other = otherDeploy(repo, '--from', 'HEAD~1');
  await waitUntil(() => mutatingCalls(sim).includes('ecs:UpdateService'), 'the other run to update the service');

  const result = await cli(repo, 'deploy', '--from', 'HEAD~1');
  const finished = await other;
  assert.is(finished.exitCode, 0, String(finished.stdout) + String(finished.stderr));
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /another gitmoxi run drives this unit: gitmoxi run \S+ is deploying it; ECS deployment/);
  assert.match(result.stdout, /services\/web\/web +unchanged/, result.stdout);
  assert.equal([count('UpdateService'), count('RegisterTaskDefinition')], [1, 1], 'only the other run changed the service');
  const live = await liveService(sim, 'web');
  assert.equal([live?.taskDefinition, live?.deployments, live?.tags['gitmoxi:commit']], ['web:2', 1, repo.shas[1]]);
});

test('ECS rolling: still driven by another run at --busy-timeout: busy, exit 1, nothing changed by it', async () => {
  sim = await startSlowDrainSimulator();
  const repo = await repoWith(webAt('nginx:1.27'), webAt('nginx:1.28'), webAt('nginx:1.29'));
  assert.is((await cli(repo, 'deploy', '--to', 'HEAD~2')).code, 0);
  sim.control.clearCalls();
  const other = otherDeploy(repo, '--from', 'HEAD~2', '--to', 'HEAD~1');
  await waitUntil(() => mutatingCalls(sim).includes('ecs:UpdateService'), 'the other run to update the service');

  const result = await cli(repo, 'deploy', '--from', 'HEAD~1', '--busy-timeout', '20');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.equal([count('UpdateService'), count('RegisterTaskDefinition')], [1, 1], 'this run registered and updated nothing');
  assert.match(result.stdout, /services\/web\/web +busy — another deployment in flight/);
  assert.match(result.stdout, /error: E_BUSY/);
  assert.match(result.stdout, /operator action: Let the other deployment finish/);
  const finished = await other;
  assert.is(finished.exitCode, 0, String(finished.stdout) + String(finished.stderr));
  assert.equal((await liveService(sim, 'web'))?.image, 'nginx:1.28');
});

test('ECS rolling: a deployment in flight that no gitmoxi run drives (made by hand) is superseded at once', async () => {
  sim = await startSlowDrainSimulator();
  const repo = await repoWith(webAt('nginx:1.27'), webAt('nginx:1.28'));
  assert.is((await cli(repo, 'deploy', '--to', 'HEAD~1')).code, 0);
  await ecsClient(sim).send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', forceNewDeployment: true }));
  const result = await cli(repo, 'deploy', '--from', 'HEAD~1', '--busy-timeout', '5');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /no gitmoxi run drives what is in flight \(ECS deployment .* IN_PROGRESS.*\): this deployment supersedes it/);
  const live = await liveService(sim, 'web');
  assert.equal([live?.image, live?.tags['gitmoxi:commit'], live?.tags['gitmoxi:lock']], ['nginx:1.28', repo.shas[1], undefined]);
});

test('Lambda: a deploy that finds the alias mid-shift waits for the other run, then is unchanged', async () => {
  sim = await startSimulator({ clock: testClock(scale), scenario: lambdaScenario });
  const slow = { trafficShiftingConfig: { type: 'LINEAR', percent: 25, waitInterval: 60 } };
  const repo = await repoWith(
    { files: lambdaUnit({ name: 'hello', depdef: slow }) },
    { files: lambdaUnit({ name: 'hello', s3Key: 'hello/2.zip', depdef: slow }) },
  );
  assert.is((await cli(repo, 'deploy', '--to', 'HEAD~1')).code, 0);
  sim.control.clearCalls();
  // The other run stays mid-shift until this one has joined the clock: time does not pass while neither waits.
  const midShift = holdTimeWhenTrafficReaches(sim, (signal) => signal.functionName === 'hello' && signal.version === '2');
  const other = otherDeploy(repo, '--from', 'HEAD~1');
  await waitUntil(() => midShift.held() && Object.keys(aliasOf(liveFunction(sim, 'hello'))?.weights ?? {}).length > 0, 'the canary to start');

  const running = cli(repo, 'deploy', '--from', 'HEAD~1');
  await waitUntil(() => clockParticipants(sim) >= 3, 'the second run to join the clock');
  midShift.release();
  const result = await running;
  const finished = await other;
  assert.is(finished.exitCode, 0, String(finished.stdout) + String(finished.stderr));
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /another gitmoxi run drives this unit: gitmoxi run \S+ is deploying it; alias live routes \d+% to version 2/);
  assert.match(result.stdout, /functions\/hello\/hello +unchanged/, result.stdout + String(finished.stdout));
  assert.equal([count('UpdateFunctionCode'), count('PublishVersion')], [1, 1], 'only the other run changed the function');
  assert.equal(aliasOf(liveFunction(sim, 'hello')), { version: '2', weights: {} });
});

test('after an operator rollback, deploy leaves the unit pinned until a newer commit changes it', async () => {
  sim = await startEcsSimulator();
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: ecsUnit({ name: 'web', image: 'nginx:1.28' }) });
  assert.is((await cli(repo, 'deploy', '--to', 'HEAD~1')).code, 0);
  assert.is((await cli(repo, 'deploy', '--from', 'HEAD~1')).code, 0);
  const rolledBack = await cli(repo, 'rollback', 'services/web/web', '--yes');
  assert.is(rolledBack.code, 0, rolledBack.stdout + rolledBack.stderr);

  sim.control.clearCalls();
  const again = await cli(repo, 'deploy', '--from', 'HEAD~1');
  assert.is(again.code, 0, again.stdout + again.stderr);
  assert.equal(mutatingCalls(sim), []);
  assert.match(again.stdout, /services\/web\/web +pinned — rolled back by an operator/);
  assert.match(again.stdout, new RegExp(`${repo.shas[1]?.slice(0, 12)}.*gitmoxi rollback --unpin services/web/web`));
  let live = await liveService(sim, 'web');
  assert.equal([live?.taskDefinition, live?.tags['gitmoxi:pinned']], ['web:1', repo.shas[1]]);

  await repo.commit(ecsUnit({ name: 'web', image: 'nginx:1.29' }));
  const newer = await cli(repo, 'deploy', '--from', 'HEAD~1');
  assert.is(newer.code, 0, newer.stdout + newer.stderr);
  assert.match(newer.stdout, /services\/web\/web +deployed/);
  live = await liveService(sim, 'web');
  assert.equal([live?.image, live?.tags['gitmoxi:pinned'], live?.tags['gitmoxi:commit']], ['nginx:1.29', undefined, repo.shas[2]]);
});

test.run();
