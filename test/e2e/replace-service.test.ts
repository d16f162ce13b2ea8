/**
 * A unit whose service is renamed replaces it: the new service first, then (once it is healthy) the old one's
 * traffic moves to it and the old one is deleted, so no orphan keeps serving. Read back through the SDK and the
 * simulator's listeners.
 */
import { CreateClusterCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blueGreenUnit, currentWeights, liveTaskSets, startBlueGreenSimulator, targetGroupArns } from '../fakes/bluegreen-fixture.js';
import { runCli } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import { ecsClient, ecsUnit, liveService } from '../fakes/sim-fixture.js';
import type { FileTree } from '../fakes/temp-repo.js';

const session = deploySession(test, startBlueGreenSimulator);
const { repoWith, deploy } = session;

/** The unit's files with the service renamed (the unit's prefix and files stay the same). */
function renamed(files: FileTree, from: string, to: string): FileTree {
  const path = Object.keys(files).find((p) => p.endsWith('_svcdef.json')) ?? '';
  const svcdef = JSON.parse(String(files[path])) as Record<string, unknown>;
  if (svcdef.serviceName !== from) throw new Error(`the svcdef names ${String(svcdef.serviceName)}`);
  return { ...files, [path]: JSON.stringify({ ...svcdef, serviceName: to }, null, 2) };
}

test('a renamed rolling service: the new one runs, the old one is deleted, exit 0', async () => {
  const tg = targetGroupArns(session.sim)['web-blue'] ?? '';
  const unit = ecsUnit({ name: 'web', image: 'nginx:1.27', targetGroupArn: tg });
  const repo = await repoWith({ files: unit }, { files: renamed(unit, 'web', 'web-v2') });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const plan = await runCli(['plan', '--json', '--from', 'HEAD~1'], { cwd: repo.dir });
  const planned = (JSON.parse(plan.stdout) as { units: { replaces?: unknown }[] }).units[0];
  assert.equal(planned?.replaces, { platform: 'ecs', region: 'us-east-1', cluster: 'demo', serviceName: 'web' });

  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /replacing service web in cluster demo/);
  const fresh = await liveService(session.sim, 'web-v2');
  assert.equal([fresh?.status, fresh?.running, fresh?.tags['gitmoxi:unit']], ['ACTIVE', 2, 'services/web/web']);
  const old = await liveService(session.sim, 'web');
  assert.ok(old === null || old.status === 'INACTIVE', `the old service is ${old?.status}`);
});

test('a cluster that changes through a Terraform output: the service moves, the old cluster is left without it', async () => {
  await ecsClient(session.sim).send(new CreateClusterCommand({ clusterName: 'demo-b' }));
  const unit = ecsUnit({ name: 'web', image: 'nginx:1.27' });
  const svcdef = JSON.parse(String(unit['services/web/web_svcdef.json'])) as Record<string, unknown>;
  const outputs = (cluster: string) => JSON.stringify({ cluster_name: { sensitive: false, type: 'string', value: cluster } });
  const files: FileTree = {
    ...unit,
    'services/web/web_svcdef.json': JSON.stringify({ ...svcdef, cluster: '{{ cluster_name }}' }, null, 2),
    'services/web/web_input.json': JSON.stringify({ ref: { file: ['infra/terraform_output.json'], type: 'TERRAFORM' }, image: 'nginx:1.27' }),
    'infra/terraform_output.json': outputs('demo'),
  };
  const repo = await repoWith({ files }, { files: { 'infra/terraform_output.json': outputs('demo-b') } });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);

  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  const described = async (cluster: string) => (await ecsClient(session.sim).send(new DescribeServicesCommand({ cluster, services: ['web'] }))).services?.[0];
  const [moved, old] = [await described('demo-b'), await described('demo')];
  assert.equal([moved?.status, moved?.runningCount], ['ACTIVE', 2]);
  assert.ok(old === undefined || old.status === 'INACTIVE', `the old service is ${old?.status}`);
});

test('a renamed rolling service whose new version fails: the old one keeps running untouched, exit 1', async () => {
  session.sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const unit = ecsUnit({ name: 'web', image: 'nginx:1.27' });
  const repo = await repoWith({ files: unit }, { files: renamed(ecsUnit({ name: 'web', image: 'nginx:broken' }), 'web', 'web-v2') });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const before = await liveService(session.sim, 'web');

  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /left service web in cluster demo \(us-east-1\) as it was: the new one is not deployed/);
  const old = await liveService(session.sim, 'web');
  assert.equal([old?.status, old?.taskDefinition, old?.running, old?.tags['gitmoxi:commit']], ['ACTIVE', before?.taskDefinition, 2, repo.shas[0]]);
  const fresh = await liveService(session.sim, 'web-v2');
  assert.ok(fresh === null || fresh.status !== 'ACTIVE', `the new service is ${fresh?.status}`);
});

test('a renamed blue/green service in the same target group: the old primary task set does not stay beside the new one', async () => {
  const tg = targetGroupArns(session.sim);
  const quick = { trafficShiftingConfig: { type: 'ALL_AT_ONCE' }, alarms: { alarmNames: [] } };
  const v1 = blueGreenUnit({ name: 'web', image: 'nginx:1.27', targetGroups: tg, depdef: quick });
  const repo = await repoWith({ files: v1 }, { files: renamed(v1, 'web', 'web-v2') });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);

  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal(currentWeights(session.sim)['listener:80'], 'web-blue=1');
  const fresh = await liveTaskSets(session.sim, 'web-v2');
  assert.equal(
    fresh.taskSets.map((ts) => [ts.status, ts.targetGroups, ts.running]),
    [['PRIMARY', ['web-blue'], 2]],
  );
  const old = await liveTaskSets(session.sim, 'web');
  assert.ok(old.status === undefined || old.status === 'INACTIVE', `the old service is ${old.status}`);
  assert.equal(old.taskSets, []);
});

test('a renamed blue/green service: every route forwards to the new service, the old one and its task sets are gone', async () => {
  const tg = targetGroupArns(session.sim);
  const quick = { trafficShiftingConfig: { type: 'ALL_AT_ONCE' }, alarms: { alarmNames: [] } };
  const v1 = blueGreenUnit({ name: 'web', image: 'nginx:1.27', targetGroups: tg, depdef: quick });
  const v2 = blueGreenUnit({ name: 'web', image: 'nginx:1.28', targetGroups: tg, depdef: quick });
  const repo = await repoWith({ files: v1 }, { files: v2 }, { files: renamed(v2, 'web', 'web-v2') });
  assert.is((await deploy(repo, '--to', 'HEAD~2')).code, 0);
  // After an update the old service serves from web-green: the renamed one starts in the svcdef's web-blue.
  const updated = await deploy(repo, '--from', 'HEAD~2', '--to', 'HEAD~1');
  assert.is(updated.code, 0, updated.stdout + updated.stderr);
  assert.equal(currentWeights(session.sim)['listener:80'], 'web-blue=0 web-green=100');

  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  const weights = currentWeights(session.sim);
  assert.equal([weights['listener:80'], weights['rule:10']], ['web-blue=100 web-green=0', 'web-blue=100 web-green=0']);
  const fresh = await liveTaskSets(session.sim, 'web-v2');
  assert.equal(
    fresh.taskSets.map((ts) => [ts.status, ts.targetGroups]),
    [['PRIMARY', ['web-blue']]],
  );
  const old = await liveTaskSets(session.sim, 'web');
  assert.ok(old.status === undefined || old.status === 'INACTIVE', `the old service is ${old.status}`);
  assert.equal(old.taskSets, []);
});

test.run();
