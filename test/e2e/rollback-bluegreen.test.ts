/**
 * `gitmoxi rollback` of an ECS blue/green service against the simulator: back to the previous revision as a new
 * task set with all traffic at once (no canary waits, no alarms), and a blue/green left half-finished by a killed
 * run reverted (traffic first, then the task set). Both pin the unit; poll then leaves it alone.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blueGreenUnit, callIndex, currentWeights, liveTaskSets, startBlueGreenSimulator, targetGroupArns, weightHistory } from '../fakes/bluegreen-fixture.js';
import { runCli } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import { mutatingCalls } from '../fakes/sim-fixture.js';
import { cloneRepo, type TempRepo } from '../fakes/temp-repo.js';

const session = deploySession(test, startBlueGreenSimulator);
const { repoWith, deploy, deployInBackground } = session;

function unit(image: string) {
  return blueGreenUnit({ name: 'web', image, targetGroups: targetGroupArns(session.sim) });
}

function cli(repo: TempRepo | string, ...args: string[]) {
  return runCli([...args, '--endpoint-url', session.sim.endpoint, '--no-color'], { cwd: typeof repo === 'string' ? repo : repo.dir });
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 60_000) throw new Error('timed out waiting for the deployment to get there');
    await delay(5);
  }
}

const running = async () =>
  (await liveTaskSets(session.sim, 'web')).taskSets.filter((ts) => ts.status !== 'DRAINING').map((ts) => [ts.status, ts.taskDefinition, ts.targetGroups]);

test('back to the previous revision: a new task set of web:1, all traffic at once, pinned; poll leaves it', async () => {
  const repo = await repoWith({ files: unit('nginx:1.27') }, { files: unit('nginx:1.28') });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  assert.is((await deploy(repo, '--from', 'HEAD~1')).code, 0);
  assert.equal(await running(), [['PRIMARY', 'web:2', ['web-green']]]);
  // The alarms are firing: that is why the operator rolls back, and it must not stop the rollback.
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'web-5xx', atSeconds: 0 }]);
  session.sim.control.clearCalls();

  const done = await cli(repo, 'rollback', 'services/web/web', '--yes');
  assert.is(done.code, 0, done.stdout + done.stderr);
  assert.match(done.stdout, /web:2 → web:1 \(a new task set of web:1, then all traffic at once, no canary\)/);
  // web-green served everything; web-blue was already listed at weight 0, so one write moves it all back.
  const jump = ['web-blue=100 web-green=0'];
  assert.equal(weightHistory(session.sim), { 'listener:80': jump, 'rule:10': jump });
  assert.equal(await running(), [['PRIMARY', 'web:1', ['web-blue']]]);
  assert.is(callIndex(session.sim, 'RegisterTaskDefinition').length, 0, 'the existing revision is reused');
  const { tags } = await liveTaskSets(session.sim, 'web');
  assert.equal(
    [tags['gitmoxi:pinned'], tags['gitmoxi:commit'], tags['gitmoxi:hash'], tags['gitmoxi:lock']],
    [repo.shas[1], repo.shas[0], undefined, undefined],
  );

  const status = await cli(repo, 'status');
  assert.match(status.stdout, /services\/web\/web\s+Pinned/);
  const clone = await cloneRepo(repo.dir);
  try {
    session.sim.control.clearCalls();
    const polled = await cli(clone.dir, 'poll');
    assert.is(polled.code, 0, polled.stdout + polled.stderr);
    assert.equal(mutatingCalls(session.sim), []);
  } finally {
    await clone.cleanup();
  }
});

test('a blue/green left half-finished by a killed run: traffic back first, then the other task set deleted', async () => {
  const repo = await repoWith({ files: unit('nginx:1.27') }, { files: unit('nginx:1.28') });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  session.sim.control.clearCalls();
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  await until(() => callIndex(session.sim, 'ModifyListener').length >= 3 && callIndex(session.sim, 'ModifyRule').length >= 3);
  child.kill('SIGKILL');
  await child;
  assert.equal(currentWeights(session.sim)['listener:80'], 'web-blue=60 web-green=40');
  const status = await cli(repo, 'status', '--json');
  const [row] = (
    JSON.parse(status.stdout) as {
      units: { state: string; live: { revisions: { revision: string; images: string[]; status: string; targetGroups: string[]; trafficPercent: number }[] } }[];
    }
  ).units;
  assert.is(row?.state, 'Progressing');
  assert.equal(
    row?.live.revisions.map((r) => [r.revision, r.images, r.status, r.targetGroups, r.trafficPercent]),
    [
      ['web:1', ['nginx:1.27'], 'PRIMARY', ['web-blue'], 60],
      ['web:2', ['nginx:1.28'], 'ACTIVE', ['web-green'], 40],
    ],
  );

  // The killed run's lock holds for a while; a rollback meanwhile refuses, changing nothing, and says when to retry.
  let done = await cli(repo, 'rollback', 'services/web/web', '--yes');
  for (let tries = 0; done.code === 2 && /being deployed by another gitmoxi run/.test(done.stderr) && tries < 40; tries += 1) {
    await delay(250);
    done = await cli(repo, 'rollback', 'services/web/web', '--yes');
  }
  assert.is(done.code, 0, done.stdout + done.stderr);
  assert.match(done.stdout, /revert the blue\/green in flight \(40% of traffic on web:2\)/);
  assert.equal(currentWeights(session.sim), {
    'listener:80': 'web-blue=100 web-green=0',
    'listener:8080': 'api-blue=1',
    'rule:10': 'web-blue=100 web-green=0',
  });
  const restoredAt = Math.max(...callIndex(session.sim, 'ModifyListener'));
  assert.ok(
    callIndex(session.sim, 'DeleteTaskSet').every((index) => index > restoredAt),
    'the task set goes only after the traffic is back',
  );
  assert.equal(await running(), [['PRIMARY', 'web:1', ['web-blue']]]);
  const { tags } = await liveTaskSets(session.sim, 'web');
  assert.equal([tags['gitmoxi:pinned'], tags['gitmoxi:commit']], [repo.shas[1], repo.shas[0]]);
});

test('--to-revision while a blue/green is in flight is refused, nothing changed', async () => {
  const slow = { trafficShiftingConfig: { type: 'CANARY', percent: 10, waitInterval: 3000 } };
  const repo = await repoWith(
    { files: blueGreenUnit({ name: 'web', image: 'nginx:1.27', targetGroups: targetGroupArns(session.sim), depdef: slow }) },
    { files: blueGreenUnit({ name: 'web', image: 'nginx:1.28', targetGroups: targetGroupArns(session.sim), depdef: slow }) },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  await until(() => callIndex(session.sim, 'ModifyListener').length >= 2);
  child.kill('SIGKILL');
  await child;
  session.sim.control.clearCalls();
  // Refused at first because the killed run's lock still holds, then (once it expired) because of --to-revision.
  let refused = await cli(repo, 'rollback', 'services/web/web', '--to-revision', '1', '--yes');
  for (let tries = 0; /being deployed by another gitmoxi run/.test(refused.stderr) && tries < 40; tries += 1) {
    await delay(250);
    refused = await cli(repo, 'rollback', 'services/web/web', '--to-revision', '1', '--yes');
  }
  assert.is(refused.code, 2, refused.stdout + refused.stderr);
  assert.match(refused.stderr, /a deployment of web is in flight \(10% of traffic moved\): --to-revision cannot be combined with reverting it/);
  assert.equal(mutatingCalls(session.sim), []);
  assert.equal(currentWeights(session.sim)['listener:80'], 'web-blue=90 web-green=10');
});

test.run();
