/**
 * A failed blue/green deployment that also changed the service's own settings puts them back: traffic first, then
 * the new task set, then desiredCount and the rest, read back through the SDK.
 */
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blueGreenUnit, currentWeights, liveTaskSets, startBlueGreenSimulator, targetGroupArns } from '../fakes/bluegreen-fixture.js';
import { deploySession } from '../fakes/deploy-session.js';
import { ecsClient } from '../fakes/sim-fixture.js';

const session = deploySession(test, startBlueGreenSimulator);
const { repoWith, deploy } = session;

test('a failed blue/green deploy that raised desiredCount 2 → 4 ends with 2, on the old task set alone', async () => {
  session.sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const tg = targetGroupArns(session.sim);
  const quick = { trafficShiftingConfig: { type: 'ALL_AT_ONCE' }, alarms: { alarmNames: [] } };
  const repo = await repoWith(
    { files: blueGreenUnit({ name: 'web', image: 'nginx:1.27', targetGroups: tg, depdef: quick, desiredCount: 2 }) },
    { files: blueGreenUnit({ name: 'web', image: 'nginx:broken', targetGroups: tg, depdef: quick, desiredCount: 4 }) },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const before = await liveTaskSets(session.sim, 'web');

  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 1, result.stdout + result.stderr);
  const service = (await ecsClient(session.sim).send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0];
  assert.is(service?.desiredCount, 2);
  const after = await liveTaskSets(session.sim, 'web');
  assert.equal(
    after.taskSets.map((ts) => [ts.status, ts.taskDefinition, ts.computed]),
    [['PRIMARY', before.taskSets[0]?.taskDefinition, 2]],
  );
  assert.equal(currentWeights(session.sim)['listener:80'], 'web-blue=100 web-green=0');
});

test.run();
