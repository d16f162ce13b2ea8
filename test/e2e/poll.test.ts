/**
 * `gitmoxi poll` as cron runs it next to CI: a clone whose `origin` is the repository CI deploys from, the CLI as a
 * subprocess against the simulator, and the simulator's call log to prove what was (not) changed.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeServicesCommand, TagResourceCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { projectRoot, runCli } from '../fakes/cli.js';
import { ecsClient, ecsUnit, liveService, mutatingCalls, startEcsSimulator, type Simulator } from '../fakes/sim-fixture.js';
import { cloneRepo, makeRepo, type TempRepo } from '../fakes/temp-repo.js';
import { waitUntil } from '../fakes/wait-until.js';

let sim: Simulator;
const cleanups: (() => Promise<void>)[] = [];

test.before.each(async () => {
  sim = await startEcsSimulator();
});

test.after.each(async () => {
  await sim.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The repository CI deploys from, and the clone cron polls it from. */
async function setup(...commits: Parameters<typeof makeRepo>[0]): Promise<{ upstream: TempRepo; poller: string }> {
  const upstream = await makeRepo(commits);
  cleanups.push(() => upstream.cleanup());
  const clone = await cloneRepo(upstream.dir);
  cleanups.push(() => clone.cleanup());
  return { upstream, poller: clone.dir };
}

function deploy(repo: TempRepo, ...args: string[]) {
  return runCli(['deploy', '--endpoint-url', sim.endpoint, '--no-color', ...args], { cwd: repo.dir });
}

function poll(dir: string, ...args: string[]) {
  return runCli(['poll', '--endpoint-url', sim.endpoint, '--no-color', ...args], { cwd: dir });
}

const two = (image: string, apiImage = 'nginx:1.27') => ({ ...ecsUnit({ name: 'web', image }), ...ecsUnit({ name: 'api', image: apiImage }) });

test('after a CI deploy, poll deploys nothing: no mutating call', async () => {
  const { upstream, poller } = await setup({ files: two('nginx:1.27') });
  assert.is((await deploy(upstream)).code, 0);
  sim.control.clearCalls();
  const result = await poll(poller);
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal(mutatingCalls(sim), []);
  assert.match(result.stdout, /0 of 2 units to deploy/);
  const describes = sim.control.calls().filter((c) => c.operation === 'DescribeServices').length;
  assert.is(describes, 1, 'both services in one DescribeServices call');
});

test('poll deploys a commit whose CI run never happened, only the changed unit, once', async () => {
  const { upstream, poller } = await setup({ files: two('nginx:1.27') });
  assert.is((await deploy(upstream)).code, 0);
  await upstream.commit(two('nginx:1.28'));
  sim.control.clearCalls();
  const result = await poll(poller);
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /1 of 2 units to deploy/);
  const live = await liveService(sim, 'web');
  assert.equal([live?.taskDefinition, live?.image, live?.tags['gitmoxi:commit']], ['web:2', 'nginx:1.28', upstream.shas[1]]);
  assert.equal((await liveService(sim, 'api'))?.taskDefinition, 'api:1');
  sim.control.clearCalls();
  assert.is((await poll(poller)).code, 0);
  assert.equal(mutatingCalls(sim), []);
  // CI catching up later is a no-op too.
  sim.control.clearCalls();
  assert.is((await deploy(upstream, '--from', 'HEAD~1')).code, 0);
  assert.equal(mutatingCalls(sim), []);
});

test('a unit an operator rolled back stays pinned until a newer commit changes it', async () => {
  const { upstream, poller } = await setup({ files: two('nginx:1.27') }, { files: two('nginx:1.28') });
  assert.is((await deploy(upstream, '--to', 'HEAD~1')).code, 0);
  assert.is((await deploy(upstream, '--from', 'HEAD~1')).code, 0);
  // What `gitmoxi rollback` leaves: the previous revision runs, pinned at the rolled-back commit.
  const client = ecsClient(sim);
  const arn = (await client.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0]?.serviceArn ?? '';
  await client.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:1' }));
  await client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'gitmoxi:pinned', value: upstream.shas[1] ?? '' }] }));
  // The rollback has finished when ECS has one deployment again: the pin, not a deployment in flight, is what poll sees.
  await waitUntil(async () => (await liveService(sim, 'web'))?.deployments === 1, 'the rollback to finish');

  sim.control.clearCalls();
  const pinned = await poll(poller);
  assert.is(pinned.code, 0, pinned.stdout + pinned.stderr);
  assert.equal(mutatingCalls(sim), []);
  assert.match(pinned.stdout, /services\/web\/web: pinned/, pinned.stdout + pinned.stderr);

  // A newer commit that changes another unit does not release the pin.
  await upstream.commit(two('nginx:1.28', 'nginx:1.28'));
  const other = await poll(poller);
  assert.is(other.code, 0, other.stdout + other.stderr);
  assert.equal((await liveService(sim, 'web'))?.taskDefinition, 'web:1');
  assert.equal((await liveService(sim, 'api'))?.image, 'nginx:1.28');

  // A newer commit that changes the pinned unit deploys it and releases the pin.
  await upstream.commit(two('nginx:1.29', 'nginx:1.28'));
  const released = await poll(poller);
  assert.is(released.code, 0, released.stdout + released.stderr);
  const live = await liveService(sim, 'web');
  assert.equal([live?.image, live?.tags['gitmoxi:pinned'], live?.tags['gitmoxi:commit']], ['nginx:1.29', undefined, upstream.shas[3]]);
});

test('a failed commit is not retried on the next pass; a newer commit or --retry-failed is', async () => {
  sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const { upstream, poller } = await setup({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) });
  assert.is((await deploy(upstream)).code, 0);
  await upstream.commit(ecsUnit({ name: 'web', image: 'nginx:broken' }));
  const failed = await poll(poller);
  assert.is(failed.code, 1, failed.stdout + failed.stderr);
  let live = await liveService(sim, 'web');
  assert.equal([live?.taskDefinition, live?.tags['gitmoxi:failed']], ['web:1', upstream.shas[1]], failed.stdout + JSON.stringify(upstream.shas));

  sim.control.clearCalls();
  const again = await poll(poller);
  assert.is(again.code, 0, again.stdout + again.stderr);
  assert.equal(mutatingCalls(sim), []);
  assert.match(again.stdout, /not retried/);

  const retried = await poll(poller, '--retry-failed');
  assert.is(retried.code, 1, retried.stdout + retried.stderr);

  await upstream.commit(ecsUnit({ name: 'web', image: 'nginx:1.28' }));
  const fixed = await poll(poller);
  assert.is(fixed.code, 0, fixed.stdout + fixed.stderr);
  live = await liveService(sim, 'web');
  assert.equal([live?.image, live?.tags['gitmoxi:failed']], ['nginx:1.28', undefined]);
});

test('deploy and poll at once on one unit: poll skips the unit in flight with a clear message', async () => {
  // A CI deploy that stays in flight for a while: its tasks never start, and neither breaker nor timeout is near.
  sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const slow = { stabilityCheck: { pollInterval: 5, timeout: 1000 }, gmDeploymentCircuitBreaker: { failureThreshold: 1000 } };
  const { upstream, poller } = await setup({ files: ecsUnit({ name: 'web', image: 'nginx:1.27', depdef: slow }) });
  assert.is((await deploy(upstream)).code, 0);
  await upstream.commit(ecsUnit({ name: 'web', image: 'nginx:broken', depdef: slow }));
  const ci = execa('node', [join(projectRoot, 'bin', 'gitmoxi.js'), 'deploy', '--from', 'HEAD~1', '--endpoint-url', sim.endpoint, '--no-color'], {
    cwd: upstream.dir,
    reject: false,
  });
  await waitUntil(async () => ((await liveService(sim, 'web'))?.deployments ?? 0) >= 2, 'a second ECS deployment');
  const result = await poll(poller);
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /services\/web\/web: skipped: a deployment is in flight/, result.stdout);
  assert.match(result.stdout, /0 of 1 units to deploy/);
  const finished = await ci;
  assert.is(finished.exitCode, 1, String(finished.stdout));
  assert.equal((await liveService(sim, 'web'))?.taskDefinition, 'web:1');
});

test('overlapping poll runs: the second steps aside while the lock is held', async () => {
  const { poller } = await setup({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) });
  await writeFile(join(poller, '.git', 'gitmoxi-poll.lock'), `${process.pid}\n`);
  sim.control.clearCalls();
  const result = await poll(poller);
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stderr, /another poll \(pid \d+\) is running/);
  assert.equal(sim.control.calls(), []);
});

test('a stale lock (its process is gone) is taken over', async () => {
  const { poller } = await setup({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) });
  await writeFile(join(poller, '.git', 'gitmoxi-poll.lock'), '999999\n');
  const result = await poll(poller);
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal((await liveService(sim, 'web'))?.taskDefinition, 'web:1');
});

test.run();
