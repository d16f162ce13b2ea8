/**
 * Deleting a unit whose definitions did not render at the commit before: the service is found by its
 * gitmoxi:unit tag and deleted; when nothing carries the tag, nothing is changed and the exit code is 2.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deploySession } from '../fakes/deploy-session.js';
import { ecsUnit, liveService, mutatingCalls, startEcsSimulator } from '../fakes/sim-fixture.js';
import type { FileTree } from '../fakes/temp-repo.js';

const session = deploySession(test, startEcsSimulator);
const { repoWith, deploy } = session;

const removed = (unit: FileTree): FileTree => Object.fromEntries(Object.keys(unit).map((path) => [path, null]));

test('a unit deleted after its svcdef was emptied: the service tagged with the unit is deleted, exit 0', async () => {
  const unit = ecsUnit({ name: 'web', image: 'nginx:1.27' });
  const repo = await repoWith({ files: unit }, { files: { 'services/web/web_svcdef.json': '' } }, { files: removed(unit) });
  assert.is((await deploy(repo, '--to', 'HEAD~2')).code, 0);
  assert.is((await liveService(session.sim, 'web'))?.status, 'ACTIVE');

  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /deleted/);
  const live = await liveService(session.sim, 'web');
  assert.ok(live === null || live.status === 'INACTIVE', `service is ${live?.status}`);
});

test('a unit deleted after an invalid svcdef that never deployed: exit 2, the unit named, nothing changed', async () => {
  const unit = ecsUnit({ name: 'web', image: 'nginx:1.27' });
  const repo = await repoWith({ files: { ...unit, 'services/web/web_svcdef.json': '{ "serviceName": ' } }, { files: removed(unit) });
  session.sim.control.clearCalls();
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.not.match(result.stdout, /needs operator/);
  assert.match(result.stdout, /services\/web\/web was deleted, but its definitions do not render/);
  assert.match(result.stdout, /delete it by hand/);
  assert.equal(mutatingCalls(session.sim), []);
});

test.run();
