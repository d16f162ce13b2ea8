/**
 * `gitmoxi deploy` for ECS rolling services, as CI runs it: the CLI as a subprocess against the simulator,
 * real git repositories, and the exit code (docs/design.md#exit-codes) for every outcome.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ecsUnit, liveService, mutatingCalls, holdSimulatedTime, seededTargetGroupArn, startEcsSimulator } from '../fakes/sim-fixture.js';
import { deploySession } from '../fakes/deploy-session.js';
import { waitUntil } from '../fakes/wait-until.js';

const session = deploySession(test, startEcsSimulator);
const { repoWith, deploy, deployInBackground } = session;

test('create, then update: exit 0, the new revision runs and carries the commit', async () => {
  const tg = seededTargetGroupArn(session.sim, 'web');
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27', targetGroupArn: tg }) });
  const created = await deploy(repo);
  assert.is(created.code, 0, created.stdout + created.stderr);
  assert.equal((await liveService(session.sim, 'web'))?.taskDefinition, 'web:1');

  await repo.commit(ecsUnit({ name: 'web', image: 'nginx:1.28', targetGroupArn: tg }));
  const updated = await deploy(repo, '--from', 'HEAD~1');
  assert.is(updated.code, 0, updated.stdout + updated.stderr);
  const live = await liveService(session.sim, 'web');
  assert.equal([live?.taskDefinition, live?.image, live?.running, live?.deployments], ['web:2', 'nginx:1.28', 2, 1]);
  assert.is(live?.tags['gitmoxi:commit'], repo.shas[1]);
  assert.is(live?.tags['gitmoxi:unit'], 'services/web/web');
  assert.match(updated.stdout, /deployed/);
});

test('a re-run of the same commit is a no-op: no mutating call, exit 0', async () => {
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) });
  assert.is((await deploy(repo)).code, 0);
  session.sim.control.clearCalls();
  const again = await deploy(repo);
  assert.is(again.code, 0, again.stderr);
  assert.equal(mutatingCalls(session.sim), []);
  assert.match(again.stdout, /unchanged/);
});

test('an identical task definition is reused, not registered again', async () => {
  const unit = ecsUnit({ name: 'web', image: 'nginx:1.27' });
  const repo = await repoWith({ files: unit });
  assert.is((await deploy(repo)).code, 0);
  // Only the service changes (desiredCount); the task definition renders the same.
  const scaled = { ...unit, 'services/web/web_svcdef.json': String(unit['services/web/web_svcdef.json']).replace('"desiredCount": 2', '"desiredCount": 3') };
  await repo.commit(scaled);
  session.sim.control.clearCalls();
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.not.ok(mutatingCalls(session.sim).includes('ecs:RegisterTaskDefinition'));
  const live = await liveService(session.sim, 'web');
  assert.equal([live?.taskDefinition, live?.desired, live?.running], ['web:1', 3, 3]);
});

test('an image that cannot be pulled trips the breaker and rolls back: exit 1, the old revision runs', async () => {
  session.sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: ecsUnit({ name: 'web', image: 'nginx:broken' }) });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const report = `${repo.dir}/report.json`;
  const result = await deploy(repo, '--from', 'HEAD~1', '--report', report);
  assert.is(result.code, 1, result.stdout + result.stderr);
  const live = await liveService(session.sim, 'web');
  assert.equal([live?.taskDefinition, live?.running, live?.deployments], ['web:1', 2, 1]);
  assert.match(result.stdout, /CannotPullContainerError/);
  assert.match(result.stdout, /circuit breaker/);
  const written = JSON.parse(await (await import('node:fs/promises')).readFile(report, 'utf8')) as {
    exitCode: number;
    results: { outcome: string; report?: { breaker?: unknown } }[];
  };
  assert.is(written.exitCode, 1);
  assert.is(written.results[0]?.outcome, 'rolled-back');
  assert.ok(written.results[0]?.report?.breaker);
});

test('with rollback off, a failure is left for an operator: exit 3', async () => {
  session.sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const off = { gmDeploymentCircuitBreaker: { failureThreshold: 2, rollback: false } };
  const repo = await repoWith(
    { files: ecsUnit({ name: 'web', image: 'nginx:1.27', depdef: off }) },
    { files: ecsUnit({ name: 'web', image: 'nginx:broken', depdef: off }) },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 3, result.stdout + result.stderr);
  assert.equal((await liveService(session.sim, 'web'))?.taskDefinition, 'web:2');
  assert.match(result.stdout, /rollback is off/);
});

test('deleting the svcdef deletes the service', async () => {
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: { 'services/web/web_svcdef.json': null } });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  const live = await liveService(session.sim, 'web');
  assert.ok(live === null || live.status === 'INACTIVE', `service is ${live?.status}`);
});

test('two units in two regions deploy at once', async () => {
  const repo = await repoWith({
    files: { ...ecsUnit({ name: 'api', image: 'nginx:1.27' }), ...ecsUnit({ name: 'eu', image: 'nginx:1.27', region: 'eu-west-1' }) },
  });
  const result = await deploy(repo, '--concurrency', '2');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal((await liveService(session.sim, 'api'))?.taskDefinition, 'api:1');
  assert.equal((await liveService(session.sim, 'eu', 'eu-west-1'))?.taskDefinition, 'eu:1');
  const regions = new Set(
    session.sim.control
      .calls()
      .filter((c) => c.operation === 'CreateService')
      .map((c) => c.region),
  );
  assert.equal([...regions].sort(), ['eu-west-1', 'us-east-1']);
});

test('invalid definitions: exit 2 and not one mutating call', async () => {
  const unit = ecsUnit({ name: 'web', image: 'nginx:1.27', depdef: { trafficShiftingConfig: { percent: 150 } } });
  const repo = await repoWith({ files: unit });
  const result = await deploy(repo);
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.equal(mutatingCalls(session.sim), []);
  assert.match(result.stderr, /services\/web\/web_depdef\.json:\d+:\d+: /);
});

test('an account mismatch is refused before any change: exit 2', async () => {
  const repo = await repoWith({
    files: ecsUnit({ name: 'web', image: 'nginx:1.27', depdef: { environment: { region: 'us-east-1', account: '999999999999' } } }),
  });
  const result = await deploy(repo);
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /999999999999/);
  assert.equal(mutatingCalls(session.sim), []);
});

test('a throttling storm is survived', async () => {
  session.sim.control.addFaults([
    { kind: 'throttle', service: 'ecs', operation: 'DescribeServices', count: 3 },
    { kind: 'throttle', service: 'ecs', operation: 'CreateService', count: 2 },
  ]);
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) });
  const result = await deploy(repo);
  assert.is(result.code, 0, result.stdout + result.stderr);
  const throttled = session.sim.control.calls().filter((c) => c.outcome === 'ThrottlingException').length;
  assert.ok(throttled >= 5, `only ${throttled} throttled calls`);
});

test('SIGTERM mid-deployment restores the previous revision and exits 4', async () => {
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: ecsUnit({ name: 'web', image: 'nginx:1.28' }) });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  session.sim.control.clearCalls();
  const resume = holdSimulatedTime(session.sim);
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  await waitUntil(() => mutatingCalls(session.sim).includes('ecs:UpdateService'), 'UpdateService');
  child.kill('SIGTERM');
  resume();
  const result = await child;
  assert.is(result.exitCode, 4, String(result.stdout) + String(result.stderr));
  const live = await liveService(session.sim, 'web');
  assert.equal([live?.taskDefinition, live?.deployments], ['web:1', 1]);
});

test.run();
