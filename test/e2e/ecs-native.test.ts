/**
 * `gitmoxi deploy` for ECS-native blue/green (svcdef deploymentConfiguration.strategy): ECS shifts the
 * traffic in the simulator; the tests read the weights back from the listener rule and the exit code.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blueGreenUnit, currentWeights, startBlueGreenSimulator, targetGroupArns } from '../fakes/bluegreen-fixture.js';
import { deploySession } from '../fakes/deploy-session.js';
import type { FileTree } from '../fakes/temp-repo.js';

const session = deploySession(test, startBlueGreenSimulator);
const { repoWith, deploy } = session;

/** The fixture's blue/green unit, turned into an ECS-controller service with ECS's own strategy. */
function nativeUnit(image: string, deploymentConfiguration: Record<string, unknown>): FileTree {
  const files = blueGreenUnit({ name: 'web', image, targetGroups: targetGroupArns(session.sim) });
  const tg = targetGroupArns(session.sim);
  const svcdefPath = 'services/web/web_svcdef.json';
  const svcdef = JSON.parse(String(files[svcdefPath])) as Record<string, unknown>;
  delete svcdef.deploymentController;
  const rule = ruleArn();
  svcdef.deploymentConfiguration = deploymentConfiguration;
  svcdef.loadBalancers = [{
    targetGroupArn: tg['web-blue'],
    containerName: 'app',
    containerPort: 80,
    advancedConfiguration: { alternateTargetGroupArn: tg['web-green'], productionListenerRule: rule, roleArn: 'arn:aws:iam::123456789012:role/ecs-infra' },
  }];
  const depdefPath = 'services/web/web_depdef.json';
  const depdef = { environment: { region: 'us-east-1' }, stabilityCheck: { pollInterval: 5, timeout: 300 } };
  return { ...files, [svcdefPath]: JSON.stringify(svcdef, null, 2), [depdefPath]: JSON.stringify(depdef, null, 2) };
}

function ruleArn(): string {
  const snapshot = session.sim.control.state() as unknown as { accounts: Record<string, Record<string, { elbv2: { rules: { arn: string; priority: number }[] } }>> };
  const rules = Object.values(snapshot.accounts)[0]?.['us-east-1']?.elbv2.rules ?? [];
  return rules.find((r) => r.priority === 10)?.arn ?? '';
}

test('BLUE_GREEN: ECS moves production to green; exit 0', async () => {
  const config = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 };
  const repo = await repoWith({ files: nativeUnit('nginx:1.27', config) }, { files: nativeUnit('nginx:1.28', config) });
  const first = await deploy(repo, '--to', 'HEAD~1');
  assert.is(first.code, 0, first.stdout + first.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=1');
  const second = await deploy(repo, '--from', 'HEAD~1');
  assert.is(second.code, 0, second.stdout + second.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=0 web-green=100');
  assert.match(second.stdout, /BAKE_TIME/);
});

test('an alarm when green gets traffic: ECS rolls back, exit 1, production back on blue', async () => {
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'web-5xx', state: 'ALARM', whenTrafficTo: { image: 'nginx:1.28' } }]);
  const config = { strategy: 'LINEAR', bakeTimeInMinutes: 1, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 }, alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true } };
  const repo = await repoWith({ files: nativeUnit('nginx:1.27', config) }, { files: nativeUnit('nginx:1.28', config) });
  const first = await deploy(repo, '--to', 'HEAD~1');
  assert.is(first.code, 0, first.stdout + first.stderr);
  const second = await deploy(repo, '--from', 'HEAD~1');
  assert.is(second.code, 1, second.stdout + second.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  assert.match(second.stdout + second.stderr, /web-5xx/);
});

test.run();
