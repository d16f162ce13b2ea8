/**
 * `gitmoxi deploy` for ECS blue/green (EXTERNAL task sets), as CI runs it: the CLI as a subprocess against the
 * simulator. Every test asserts, from the simulator's call log, the exact weights each listener and rule was
 * given, in order, and what runs afterwards.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  blueGreenUnit,
  callIndex,
  currentWeights,
  liveTaskSets,
  startBlueGreenSimulator,
  targetGroupArns,
  weightHistory,
  type BlueGreenUnitSpec,
} from '../fakes/bluegreen-fixture.js';
import { mutatingCalls } from '../fakes/sim-fixture.js';
import type { FileTree, TempRepo } from '../fakes/temp-repo.js';
import { runCli } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';

const session = deploySession(test, startBlueGreenSimulator);
const { repoWith, deploy, deployInBackground } = session;

function unit(image: string, extra: Partial<BlueGreenUnitSpec> = {}) {
  return blueGreenUnit({ name: 'web', image, targetGroups: targetGroupArns(session.sim), ...extra });
}

/** Polls (real time) until the condition holds; fails the test after 60 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 60_000) throw new Error('timed out waiting for the deployment to get there');
    await delay(5);
  }
}

/** The first commit deployed (the service and its first task set), the call log cleared. */
async function deployedFirst(first: FileTree, second: FileTree): Promise<TempRepo> {
  const repo = await repoWith({ files: first }, { files: second });
  const created = await deploy(repo, '--to', 'HEAD~1');
  assert.is(created.code, 0, created.stdout + created.stderr);
  session.sim.control.clearCalls();
  return repo;
}

test('LINEAR 20%: the listener and the path rule go 100/0 (attach), 80/20 … 0/100; the old task set goes after', async () => {
  const repo = await deployedFirst(unit('nginx:1.27'), unit('nginx:1.28'));
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  const expected = [
    'web-blue=100 web-green=0',
    'web-blue=80 web-green=20',
    'web-blue=60 web-green=40',
    'web-blue=40 web-green=60',
    'web-blue=20 web-green=80',
    'web-blue=0 web-green=100',
  ];
  assert.equal(weightHistory(session.sim), { 'listener:80': expected, 'rule:10': expected });
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(
    live.taskSets.filter((ts) => ts.status !== 'DRAINING').map((ts) => [ts.status, ts.taskDefinition, ts.running, ts.targetGroups]),
    [['PRIMARY', 'web:2', 2, ['web-green']]],
  );
  assert.is(live.tags['gitmoxi:commit'], repo.shas[1]);
  assert.is(live.tags['gitmoxi:lock'], undefined);
  assert.match(result.stdout, /traffic step 5\/5: 100% to the new version/);
  // The old task set is deleted only after every route sends it nothing.
  const lastWeight = Math.max(...callIndex(session.sim, 'ModifyListener'), ...callIndex(session.sim, 'ModifyRule'));
  assert.ok(callIndex(session.sim, 'DeleteTaskSet').every((index) => index > lastWeight));
});

test('the first deployment creates the service and its task set and touches no listener; a re-run changes nothing', async () => {
  const repo = await repoWith({ files: unit('nginx:1.27') });
  const created = await deploy(repo);
  assert.is(created.code, 0, created.stdout + created.stderr);
  assert.equal(weightHistory(session.sim), {});
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(
    live.taskSets.map((ts) => [ts.status, ts.taskDefinition, ts.running, ts.targetGroups]),
    [['PRIMARY', 'web:1', 2, ['web-blue']]],
  );
  assert.is(live.tags['gitmoxi:unit'], 'services/web/web');
  session.sim.control.clearCalls();
  const again = await deploy(repo);
  assert.is(again.code, 0, again.stdout + again.stderr);
  assert.equal(mutatingCalls(session.sim), []);
  assert.match(again.stdout, /unchanged/);
});

test('CANARY 10%: 90/10, then 0/100', async () => {
  const depdef = { trafficShiftingConfig: { type: 'CANARY', percent: 10, waitInterval: 30 } };
  const repo = await deployedFirst(unit('nginx:1.27', { depdef }), unit('nginx:1.28', { depdef }));
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  const expected = ['web-blue=100 web-green=0', 'web-blue=90 web-green=10', 'web-blue=0 web-green=100'];
  assert.equal(weightHistory(session.sim), { 'listener:80': expected, 'rule:10': expected });
});

test('ALL_AT_ONCE: straight to 0/100, then one wait', async () => {
  const depdef = { trafficShiftingConfig: { type: 'ALL_AT_ONCE', waitInterval: 30 } };
  const repo = await deployedFirst(unit('nginx:1.27', { depdef }), unit('nginx:1.28', { depdef }));
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  const expected = ['web-blue=100 web-green=0', 'web-blue=0 web-green=100'];
  assert.equal(weightHistory(session.sim), { 'listener:80': expected, 'rule:10': expected });
  assert.match(result.stdout, /traffic step 1\/1: 100% to the new version/);
});

test('an image that cannot be pulled: the breaker trips before any traffic moves; exit 1, the old task set serves', async () => {
  session.sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const repo = await deployedFirst(unit('nginx:1.27'), unit('nginx:broken'));
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 1, result.stdout + result.stderr);
  const history = weightHistory(session.sim);
  for (const weights of Object.values(history).flat()) assert.match(weights, /web-green=0$/);
  assert.equal(currentWeights(session.sim), {
    'listener:80': 'web-blue=100 web-green=0',
    'rule:10': 'web-blue=100 web-green=0',
    'listener:8080': 'api-blue=1',
  });
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(
    live.taskSets.filter((ts) => ts.status !== 'DRAINING').map((ts) => [ts.status, ts.taskDefinition]),
    [['PRIMARY', 'web:1']],
  );
  assert.match(result.stdout, /CannotPullContainerError/);
  assert.match(result.stdout, /circuit breaker/);
});

test('an alarm firing in the third step: weights back to 100/0 on every route before the new task set is deleted; exit 1', async () => {
  const repo = await deployedFirst(unit('nginx:1.27'), unit('nginx:1.28'));
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  // attach, 20 %, 40 %, 60 %: the fourth write on both routes is the third step.
  await until(() => callIndex(session.sim, 'ModifyListener').length >= 4 && callIndex(session.sim, 'ModifyRule').length >= 4);
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'web-5xx', atSeconds: 1 }]);
  const result = await child;
  assert.is(result.exitCode, 1, String(result.stdout) + String(result.stderr));
  const expected = ['web-blue=100 web-green=0', 'web-blue=80 web-green=20', 'web-blue=60 web-green=40', 'web-blue=40 web-green=60', 'web-blue=100 web-green=0'];
  assert.equal(weightHistory(session.sim), { 'listener:80': expected, 'rule:10': expected });
  const lastWeight = Math.max(...callIndex(session.sim, 'ModifyListener'), ...callIndex(session.sim, 'ModifyRule'));
  const deletions = callIndex(session.sim, 'DeleteTaskSet');
  assert.ok(deletions.length > 0 && deletions.every((index) => index > lastWeight), 'the new task set is deleted after the weights were restored');
  assert.match(String(result.stdout), /alarm web-5xx/);
  assert.match(String(result.stdout), /Simulator scenario fault/);
  assert.match(String(result.stdout), /traffic step 3 of 5/);
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(
    live.taskSets.filter((ts) => ts.status !== 'DRAINING').map((ts) => [ts.status, ts.taskDefinition]),
    [['PRIMARY', 'web:1']],
  );
});

test('targets turning unhealthy after the first shift: traffic restored, exit 1, the health reasons reported', async () => {
  const repo = await deployedFirst(unit('nginx:1.27'), unit('nginx:1.28'));
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  await until(() => callIndex(session.sim, 'ModifyListener').length >= 2 && callIndex(session.sim, 'ModifyRule').length >= 2);
  session.sim.control.addFaults([{ kind: 'unhealthy-targets', match: { family: 'web', revision: 2 } }]);
  const result = await child;
  assert.is(result.exitCode, 1, String(result.stdout) + String(result.stderr));
  const expected = ['web-blue=100 web-green=0', 'web-blue=80 web-green=20', 'web-blue=100 web-green=0'];
  assert.equal(weightHistory(session.sim), { 'listener:80': expected, 'rule:10': expected });
  assert.ok(/health checks|unhealthy/i.test(String(result.stdout)), String(result.stdout));
});

test('with rollback off, an alarm restores the weights but leaves the new task set, with no traffic: exit 3', async () => {
  const depdef = { gmDeploymentCircuitBreaker: { failureThreshold: 2, rollback: false } };
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'web-latency', whenTrafficTo: { family: 'web', revision: 2 } }]);
  const repo = await deployedFirst(unit('nginx:1.27', { depdef }), unit('nginx:1.28', { depdef }));
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 3, result.stdout + result.stderr);
  const expected = ['web-blue=100 web-green=0', 'web-blue=80 web-green=20', 'web-blue=100 web-green=0'];
  assert.equal(weightHistory(session.sim), { 'listener:80': expected, 'rule:10': expected });
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(live.taskSets.map((ts) => [ts.status, ts.taskDefinition]).sort(), [
    ['ACTIVE', 'web:2'],
    ['PRIMARY', 'web:1'],
  ]);
  assert.match(result.stdout, /rollback is off/);
});

test('a Spot shortage: a FARGATE fallback task set runs the shortfall beside the new one, and both take the traffic', async () => {
  const repo = await deployedFirst(unit('nginx:1.27', { spot: true, desiredCount: 2 }), unit('nginx:1.28', { spot: true, desiredCount: 2 }));
  // The two old tasks hold two of three Spot slots: one new task fits.
  session.sim.control.addFaults([{ kind: 'spot-capacity', limit: 3 }]);
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  const expected = [
    'web-blue=100 web-green=0',
    'web-blue=80 web-green=20',
    'web-blue=60 web-green=40',
    'web-blue=40 web-green=60',
    'web-blue=20 web-green=80',
    'web-blue=0 web-green=100',
  ];
  assert.equal(weightHistory(session.sim), { 'listener:80': expected, 'rule:10': expected });
  const live = await liveTaskSets(session.sim, 'web');
  const serving = live.taskSets.filter((ts) => ts.status !== 'DRAINING').map((ts) => [ts.status, ts.taskDefinition, ts.capacity, ts.running, ts.targetGroups]);
  assert.equal(serving.sort(), [
    ['ACTIVE', 'web:2', 'FARGATE', 1, ['web-green']],
    ['PRIMARY', 'web:2', 'FARGATE_SPOT', 1, ['web-green']],
  ]);
  assert.match(result.stdout, /fallback task set/);
  assert.match(result.stdout, /1 task\(s\) on FARGATE_SPOT .*1 on FARGATE/);
});

test('two target group pairs on two listeners shift together', async () => {
  const repo = await deployedFirst(unit('nginx:1.27', { bothPairs: true }), unit('nginx:1.28', { bothPairs: true }));
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  const percents = [0, 20, 40, 60, 80, 100];
  const web = percents.map((p) => `web-blue=${100 - p} web-green=${p}`);
  const api = percents.map((p) => `api-blue=${100 - p} api-green=${p}`);
  assert.equal(weightHistory(session.sim), { 'listener:80': web, 'rule:10': web, 'listener:8080': api });
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(
    live.taskSets.filter((ts) => ts.status !== 'DRAINING').map((ts) => [ts.status, ts.taskDefinition, ts.targetGroups]),
    [['PRIMARY', 'web:2', ['web-green', 'api-green']]],
  );
});

test('SIGTERM mid-shift: every route back at 100/0, the new task set deleted, exit 4', async () => {
  const repo = await deployedFirst(unit('nginx:1.27'), unit('nginx:1.28'));
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  await until(() => callIndex(session.sim, 'ModifyListener').length >= 3 && callIndex(session.sim, 'ModifyRule').length >= 3);
  child.kill('SIGTERM');
  const result = await child;
  assert.is(result.exitCode, 4, String(result.stdout) + String(result.stderr));
  const expected = ['web-blue=100 web-green=0', 'web-blue=80 web-green=20', 'web-blue=60 web-green=40', 'web-blue=100 web-green=0'];
  assert.equal(weightHistory(session.sim), { 'listener:80': expected, 'rule:10': expected });
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(
    live.taskSets.filter((ts) => ts.status !== 'DRAINING').map((ts) => [ts.status, ts.taskDefinition]),
    [['PRIMARY', 'web:1']],
  );
  assert.is(live.tags['gitmoxi:lock'], undefined);
});

test('kill -9 mid-shift, then deploy again: the half-finished shift is finished from where it stopped', async () => {
  const repo = await deployedFirst(unit('nginx:1.27'), unit('nginx:1.28'));
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  await until(() => callIndex(session.sim, 'ModifyListener').length >= 3 && callIndex(session.sim, 'ModifyRule').length >= 3);
  child.kill('SIGKILL');
  await child;
  assert.equal(currentWeights(session.sim)['listener:80'], 'web-blue=60 web-green=40');
  session.sim.control.clearCalls();
  const again = await deploy(repo, '--from', 'HEAD~1');
  assert.is(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /half-finished blue\/green .*finishing it/);
  const expected = ['web-blue=40 web-green=60', 'web-blue=20 web-green=80', 'web-blue=0 web-green=100'];
  assert.equal(weightHistory(session.sim), { 'listener:80': expected, 'rule:10': expected });
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(
    live.taskSets.filter((ts) => ts.status !== 'DRAINING').map((ts) => [ts.status, ts.taskDefinition, ts.targetGroups]),
    [['PRIMARY', 'web:2', ['web-green']]],
  );
  assert.is(live.tags['gitmoxi:commit'], repo.shas[1]);
});

test("two deploys of one service at once: the second waits for the first's lock, then finds nothing to do", async () => {
  const repo = await deployedFirst(unit('nginx:1.27'), unit('nginx:1.28'));
  const first = deployInBackground(repo, '--from', 'HEAD~1');
  await until(() => callIndex(session.sim, 'CreateTaskSet').length >= 1);
  const second = await deploy(repo, '--from', 'HEAD~1');
  const firstResult = await first;
  assert.is(firstResult.exitCode, 0, String(firstResult.stdout) + String(firstResult.stderr));
  assert.is(second.code, 0, second.stdout + second.stderr);
  assert.match(second.stdout, /another deployment \(.+\) holds the service's gitmoxi:lock tag/);
  assert.match(second.stdout, /unchanged/);
  assert.is(callIndex(session.sim, 'CreateTaskSet').length, 1);
  const expected = [
    'web-blue=100 web-green=0',
    'web-blue=80 web-green=20',
    'web-blue=60 web-green=40',
    'web-blue=40 web-green=60',
    'web-blue=20 web-green=80',
    'web-blue=0 web-green=100',
  ];
  assert.equal(weightHistory(session.sim), { 'listener:80': expected, 'rule:10': expected });
});

test('deleting the svcdef deletes the service with its task sets', async () => {
  const repo = await deployedFirst(unit('nginx:1.27'), { 'services/web/web_svcdef.json': null });
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  const live = await liveTaskSets(session.sim, 'web');
  assert.ok(live.status === undefined || live.status === 'INACTIVE', `service is ${live.status}`);
  assert.equal(weightHistory(session.sim), {});
});

test('plan shows the strategy and its steps', async () => {
  const repo = await repoWith({ files: unit('nginx:1.27') });
  const plan = await runCli(['plan', '--no-color'], { cwd: repo.dir });
  assert.is(plan.code, 0, plan.stdout + plan.stderr);
  assert.match(plan.stdout, /ecs-bluegreen/);
  assert.match(plan.stdout, /LINEAR 20% every 30 s: 20, 40, 60, 80, 100/);
  const json = await runCli(['plan', '--json'], { cwd: repo.dir });
  const [planned] = (JSON.parse(json.stdout) as { units: { strategy: string; steps?: { type: string; percents: number[]; waitInterval: number } }[] }).units;
  assert.equal(
    [planned?.strategy, planned?.steps?.type, planned?.steps?.percents, planned?.steps?.waitInterval],
    ['ecs-bluegreen', 'LINEAR', [20, 40, 60, 80, 100], 30],
  );
});

test.run();
