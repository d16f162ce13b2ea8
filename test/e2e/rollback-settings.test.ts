/**
 * `gitmoxi rollback` of a rolling service puts back the service settings of the commit that registered the
 * revision it goes back to, not only the task definition, and tags that commit's content hash, so that `status`
 * calls the unit Synced exactly when the branch tip renders the same. Read back through the SDK.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { ecsUnit, liveService, startEcsSimulator, type Simulator } from '../fakes/sim-fixture.js';
import { makeRepo, type TempRepo } from '../fakes/temp-repo.js';

let sim: Simulator;
const cleanups: (() => Promise<void>)[] = [];

test.before.each(async () => {
  sim = await startEcsSimulator();
});

test.after.each(async () => {
  await sim.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function cli(dir: string, ...args: string[]) {
  return runCli([...args, '--endpoint-url', sim.endpoint, '--no-color'], { cwd: dir });
}

const before = ecsUnit({ name: 'web', image: 'nginx:1.27', desiredCount: 2 });
const after = ecsUnit({ name: 'web', image: 'nginx:1.28', desiredCount: 3 });

/** Deploys the first two commits in turn; returns the hash tag the first one left on the service. */
async function deployedTwice(repo: TempRepo, first: string, second: string): Promise<string | undefined> {
  assert.is((await cli(repo.dir, 'deploy', '--to', first)).code, 0);
  const hash = (await liveService(sim, 'web'))?.tags['gitmoxi:hash'];
  const updated = await cli(repo.dir, 'deploy', '--from', first, '--to', second);
  assert.is(updated.code, 0, updated.stdout + updated.stderr);
  assert.equal([(await liveService(sim, 'web'))?.taskDefinition, (await liveService(sim, 'web'))?.desired], ['web:2', 3]);
  return hash;
}

test('after a desiredCount change, rollback puts back the task definition and desiredCount, and the hash of that commit', async () => {
  const repo = await makeRepo([{ files: before }, { files: after }]);
  cleanups.push(() => repo.cleanup());
  const firstHash = await deployedTwice(repo, 'HEAD~1', 'HEAD');
  const planned = await cli(repo.dir, 'rollback', 'services/web/web');
  assert.match(planned.stdout, /web:2 → web:1/);
  assert.match(planned.stdout, new RegExp(`service settings back to the svcdef at ${repo.shas[0]?.slice(0, 12)}: desiredCount`));
  const done = await cli(repo.dir, 'rollback', 'services/web/web', '--yes');
  assert.is(done.code, 0, done.stdout + done.stderr);
  const live = await liveService(sim, 'web');
  assert.equal([live?.taskDefinition, live?.image, live?.desired, live?.running], ['web:1', 'nginx:1.27', 2, 2]);
  assert.equal([live?.tags['gitmoxi:commit'], live?.tags['gitmoxi:hash']], [repo.shas[0], firstHash]);
  assert.ok(firstHash !== undefined);
  // The tip still defines the newer content: unpinned, the unit is out of sync, not Synced.
  assert.is((await cli(repo.dir, 'rollback', '--unpin', 'services/web/web')).code, 0);
  assert.match((await cli(repo.dir, 'status')).stdout, /services\/web\/web\s+OutOfSync/);
});

test('a tip that reverts to the earlier content: once unpinned, status says Synced', async () => {
  const repo = await makeRepo([{ files: before }, { files: after }, { files: before }]);
  cleanups.push(() => repo.cleanup());
  await deployedTwice(repo, 'HEAD~2', 'HEAD~1');
  const done = await cli(repo.dir, 'rollback', 'services/web/web', '--yes');
  assert.is(done.code, 0, done.stdout + done.stderr);
  assert.is((await liveService(sim, 'web'))?.desired, 2);
  assert.match((await cli(repo.dir, 'status')).stdout, /services\/web\/web\s+Pinned/);
  assert.is((await cli(repo.dir, 'rollback', '--unpin', 'services/web/web')).code, 0);
  const status = await cli(repo.dir, 'status');
  assert.match(status.stdout, /services\/web\/web\s+Synced/, status.stdout + status.stderr);
});

test.run();
