/**
 * A failed rolling deployment puts back every service setting it changed, not only the task definition, and the
 * tags then say which commit runs: read back through the SDK from the simulator.
 */
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import { ecsClient, ecsUnit, liveService, startEcsSimulator } from '../fakes/sim-fixture.js';

const session = deploySession(test, startEcsSimulator);
const { repoWith, deploy } = session;

async function describeWeb() {
  const out = await ecsClient(session.sim).send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'], include: ['TAGS'] }));
  return out.services?.[0];
}

test('a failed deploy that raised desiredCount 2 → 4 and changed its settings ends with the old ones and the old task definition', async () => {
  session.sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const good = ecsUnit({ name: 'web', image: 'nginx:1.27', desiredCount: 2 });
  const bad = ecsUnit({ name: 'web', image: 'nginx:broken', desiredCount: 4 });
  const svcdef = JSON.parse(String(bad['services/web/web_svcdef.json'])) as Record<string, unknown>;
  svcdef.deploymentConfiguration = { minimumHealthyPercent: 50, maximumPercent: 150 };
  svcdef.enableExecuteCommand = true;
  svcdef.healthCheckGracePeriodSeconds = 45;
  svcdef.propagateTags = 'SERVICE';
  bad['services/web/web_svcdef.json'] = JSON.stringify(svcdef, null, 2);
  const repo = await repoWith({ files: good }, { files: bad });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const before = await describeWeb();

  const failed = await deploy(repo, '--from', 'HEAD~1');
  assert.is(failed.code, 1, failed.stdout + failed.stderr);
  assert.match(failed.stdout, /rolled back/);

  const after = await describeWeb();
  assert.is(after?.desiredCount, 2);
  assert.is(after?.taskDefinition, before?.taskDefinition);
  assert.equal(
    [
      after?.deploymentConfiguration?.minimumHealthyPercent,
      after?.deploymentConfiguration?.maximumPercent,
      after?.enableExecuteCommand,
      after?.healthCheckGracePeriodSeconds ?? 0,
      after?.propagateTags,
    ],
    [
      before?.deploymentConfiguration?.minimumHealthyPercent,
      before?.deploymentConfiguration?.maximumPercent,
      before?.enableExecuteCommand,
      before?.healthCheckGracePeriodSeconds ?? 0,
      before?.propagateTags,
    ],
  );
  const live = await liveService(session.sim, 'web');
  assert.equal([live?.taskDefinition, live?.running], ['web:1', 2]);
  // What runs is the first commit again, exactly: its tags stay, and deploying it again has nothing to do.
  assert.is(live?.tags['gitmoxi:commit'], repo.shas[0]);
  const state = async (at: string) => {
    const status = await runCli(['status', '--json', '--at', at, '--endpoint-url', session.sim.endpoint], { cwd: repo.dir });
    return (JSON.parse(status.stdout) as { units: { unit: string; state: string }[] }).units.find((u) => u.unit === 'services/web/web')?.state;
  };
  assert.equal([await state('HEAD~1'), await state('HEAD')], ['Synced', 'OutOfSync']);
  const again = await deploy(repo, '--to', 'HEAD~1');
  assert.is(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /unchanged/);
});

test.run();
