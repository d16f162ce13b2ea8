/**
 * `gitmoxi rollback` against the simulator: ECS rolling back to the previous revision, a half-finished Lambda
 * shift reverted, the pin that poll and status honour, and --unpin.
 */
import { join } from 'node:path';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { projectRoot, runCli } from '../fakes/cli.js';
import { aliasOf, aliasUpdates, lambdaUnit, liveFunction, publishedVersions, startLambdaSimulator } from '../fakes/lambda-fixture.js';
import { ecsUnit, liveService, mutatingCalls, startEcsSimulator, type Simulator } from '../fakes/sim-fixture.js';
import { cloneRepo, makeRepo, type TempRepo } from '../fakes/temp-repo.js';
import { waitUntil } from '../fakes/wait-until.js';

let sim: Simulator;
const cleanups: (() => Promise<void>)[] = [];

test.after.each(async () => {
  await sim.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function repoWith(...commits: Parameters<typeof makeRepo>[0]): Promise<TempRepo> {
  const repo = await makeRepo(commits);
  cleanups.push(() => repo.cleanup());
  return repo;
}

function cli(dir: string, ...args: string[]) {
  return runCli([...args, '--endpoint-url', sim.endpoint, '--no-color'], { cwd: dir });
}

/** A service `web` deployed at each of these images in turn, one commit each: web:1, web:2, … */
async function deployedOneByOne(...images: string[]): Promise<TempRepo> {
  const repo = await repoWith(...images.map((image) => ({ files: ecsUnit({ name: 'web', image }) })));
  for (let i = images.length - 1; i >= 0; i -= 1) {
    const range = i === images.length - 1 ? ['--to', `HEAD~${i}`] : ['--from', `HEAD~${i + 1}`, '--to', `HEAD~${i}`];
    const result = await cli(repo.dir, 'deploy', ...range);
    assert.is(result.code, 0, result.stdout + result.stderr);
  }
  return repo;
}

test('ECS rolling: back to the previous revision, pinned; poll leaves it; --unpin releases it', async () => {
  sim = await startEcsSimulator();
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: ecsUnit({ name: 'web', image: 'nginx:1.28' }) });
  assert.is((await cli(repo.dir, 'deploy', '--to', 'HEAD~1')).code, 0);
  assert.is((await cli(repo.dir, 'deploy', '--from', 'HEAD~1')).code, 0);

  sim.control.clearCalls();
  const refused = await cli(repo.dir, 'rollback', 'services/web/web');
  assert.is(refused.code, 2, refused.stdout + refused.stderr);
  assert.match(refused.stderr, /--yes/);
  assert.match(refused.stdout, /web:2 → web:1/);
  assert.equal(mutatingCalls(sim), []);

  const done = await cli(repo.dir, 'rollback', 'services/web/web', '--yes');
  assert.is(done.code, 0, done.stdout + done.stderr);
  const live = await liveService(sim, 'web');
  assert.equal([live?.taskDefinition, live?.image, live?.running, live?.tags['gitmoxi:pinned']], ['web:1', 'nginx:1.27', 2, repo.shas[1]]);

  const status = await cli(repo.dir, 'status');
  assert.match(status.stdout, /services\/web\/web\s+Pinned/);
  const clone = await cloneRepo(repo.dir);
  cleanups.push(() => clone.cleanup());
  sim.control.clearCalls();
  const polled = await cli(clone.dir, 'poll');
  assert.is(polled.code, 0, polled.stdout + polled.stderr);
  assert.equal(mutatingCalls(sim), []);

  assert.is((await cli(repo.dir, 'rollback', '--unpin', 'services/web/web')).code, 0);
  assert.is((await liveService(sim, 'web'))?.tags['gitmoxi:pinned'], undefined);
  const after = await cli(clone.dir, 'poll');
  assert.is(after.code, 0, after.stdout + after.stderr);
  assert.equal((await liveService(sim, 'web'))?.image, 'nginx:1.28');
});

test('ECS rolling: --to-revision names the revision; an unknown one is exit 2', async () => {
  sim = await startEcsSimulator();
  const repo = await deployedOneByOne('nginx:1.27', 'nginx:1.28', 'nginx:1.29');
  const missing = await cli(repo.dir, 'rollback', 'services/web/web', '--to-revision', '9', '--yes');
  assert.is(missing.code, 2, missing.stdout + missing.stderr);
  const done = await cli(repo.dir, 'rollback', 'services/web/web', '--to-revision', '1', '--yes');
  assert.is(done.code, 0, done.stdout + done.stderr);
  assert.equal((await liveService(sim, 'web'))?.taskDefinition, 'web:1');
});

test('ECS rolling: a second rollback goes further back and keeps the pin on the newest commit rolled back', async () => {
  sim = await startEcsSimulator();
  const repo = await deployedOneByOne('nginx:1.27', 'nginx:1.28', 'nginx:1.29');
  assert.is((await cli(repo.dir, 'rollback', 'services/web/web', '--yes')).code, 0);
  assert.is((await cli(repo.dir, 'rollback', 'services/web/web', '--yes')).code, 0);
  const live = await liveService(sim, 'web');
  assert.equal([live?.taskDefinition, live?.image, live?.tags['gitmoxi:pinned']], ['web:1', 'nginx:1.27', repo.shas[2]]);
  const clone = await cloneRepo(repo.dir);
  cleanups.push(() => clone.cleanup());
  sim.control.clearCalls();
  const polled = await cli(clone.dir, 'poll');
  assert.is(polled.code, 0, polled.stdout + polled.stderr);
  assert.equal(mutatingCalls(sim), [], 'the commit rolled back first is not deployed again');
});

test('Lambda: a half-finished shift is reverted (new version deleted) and the unit pinned', async () => {
  sim = await startLambdaSimulator();
  const slow = { trafficShiftingConfig: { type: 'CANARY', percent: 10, waitInterval: 3000 } };
  const repo = await repoWith(
    { files: lambdaUnit({ name: 'hello', depdef: slow }) },
    { files: lambdaUnit({ name: 'hello', s3Key: 'hello/2.zip', depdef: slow }) },
  );
  assert.is((await cli(repo.dir, 'deploy', '--to', 'HEAD~1')).code, 0);
  // A CI job killed in the middle of the canary leaves the alias split.
  const ci = execa('node', [join(projectRoot, 'bin', 'gitmoxi.js'), 'deploy', '--from', 'HEAD~1', '--endpoint-url', sim.endpoint], {
    cwd: repo.dir,
    reject: false,
  });
  await waitUntil(() => Object.keys(aliasOf(liveFunction(sim, 'hello'))?.weights ?? {}).length > 0, 'the canary split');
  ci.kill('SIGKILL');
  await ci;
  assert.equal(aliasOf(liveFunction(sim, 'hello'))?.weights, { '2': 0.1 });

  const status = await cli(repo.dir, 'status', '--json');
  assert.match(status.stdout, /"state":"Progressing"/);
  const done = await cli(repo.dir, 'rollback', 'functions/hello/hello', '--yes');
  assert.is(done.code, 0, done.stdout + done.stderr);
  assert.match(done.stdout, /reverting the shift in flight/);
  const fn = liveFunction(sim, 'hello');
  assert.equal(aliasOf(fn), { version: '1', weights: {} });
  assert.equal(publishedVersions(fn), ['1']);
  assert.is(fn?.tags['gitmoxi:pinned'], repo.shas[1]);
  const after = await cli(repo.dir, 'status', '--json');
  assert.match(after.stdout, /"state":"Pinned"/);
});

test('Lambda: the replaced version was deleted, so the earlier content is published again and the alias moved at once', async () => {
  sim = await startLambdaSimulator();
  const watched = { alarms: { alarmNames: ['hello-errors'] } };
  const repo = await repoWith(
    { files: lambdaUnit({ name: 'hello', memory: 256, depdef: watched }) },
    { files: lambdaUnit({ name: 'hello', memory: 512, depdef: watched }) },
  );
  assert.is((await cli(repo.dir, 'deploy', '--to', 'HEAD~1')).code, 0);
  assert.is((await cli(repo.dir, 'deploy', '--from', 'HEAD~1')).code, 0);
  assert.equal(publishedVersions(liveFunction(sim, 'hello')), ['2']);
  // The alarm that made the operator roll back is firing; it must not hold the rollback up.
  sim.control.addFaults([{ kind: 'alarm', alarmName: 'hello-errors', atSeconds: 0 }]);
  sim.control.clearCalls();

  const done = await cli(repo.dir, 'rollback', 'functions/hello/hello', '--yes');
  assert.is(done.code, 0, done.stdout + done.stderr);
  assert.match(done.stdout, new RegExp(`2 → a new version of the content at ${repo.shas[0]?.slice(0, 12)}, all at once`));
  const fn = liveFunction(sim, 'hello');
  assert.equal(aliasOf(fn), { version: '3', weights: {} });
  assert.equal(publishedVersions(fn), ['3']);
  assert.is(fn?.configuration.MemorySize, 256);
  assert.equal([fn?.tags['gitmoxi:pinned'], fn?.tags['gitmoxi:commit']], [repo.shas[1], repo.shas[0]]);
  assert.equal(aliasUpdates(sim), [{ version: '3', weights: {} }], 'no canary step on the way back');

  const clone = await cloneRepo(repo.dir);
  cleanups.push(() => clone.cleanup());
  sim.control.clearCalls();
  const polled = await cli(clone.dir, 'poll');
  assert.is(polled.code, 0, polled.stdout + polled.stderr);
  assert.equal(mutatingCalls(sim), []);
  assert.match(polled.stdout, /pinned/);
});

test('Lambda: with no earlier version and no earlier content, rollback says what to do: exit 2', async () => {
  sim = await startLambdaSimulator();
  const repo = await repoWith({ files: lambdaUnit({ name: 'hello' }) });
  assert.is((await cli(repo.dir, 'deploy')).code, 0);
  sim.control.clearCalls();
  const result = await cli(repo.dir, 'rollback', 'functions/hello/hello', '--yes');
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /no earlier version, and git has no earlier content/);
  assert.equal(mutatingCalls(sim), []);
});

test.run();
