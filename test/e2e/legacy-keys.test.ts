/**
 * Units written the way GitMoxi's own repositories wrote them in 2024–25 (docs/legacy-keys.md) plan with one note
 * and deploy with the meaning those keys had, against the simulator; what runs is read back through the SDK.
 */
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blueGreenUnit, liveTaskSets, startBlueGreenSimulator, targetGroupArns, weightHistory } from '../fakes/bluegreen-fixture.js';
import { runCli } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import type { FileTree } from '../fakes/temp-repo.js';

const session = deploySession(test, startBlueGreenSimulator);
const { repoWith, deploy } = session;

const prefix = 'services/web/web';

/**
 * A blue/green unit in GitMoxi's 2024-08 shape: one target group pair, the shifting switch off, the breaker
 * carrying the stability timing, ECS DeploymentAlarms' switches, environmentVariables, an untyped string ref.
 */
function olderUnit(image: string): FileTree {
  const tg = targetGroupArns(session.sim);
  const modern = blueGreenUnit({ name: 'web', image, targetGroups: tg });
  const depdef = {
    trafficShiftingEnabled: false,
    trafficShiftingConfig: { waitInterval: 30, preShiftStabilityCheck: { pollInterval: 5, timeout: 300 } },
    targetGroupArns: [tg['web-blue'], tg['web-green']],
    alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
    gmDeploymentCircuitBreaker: { rollback: true, failureThreshold: 2, pollInterval: 5, timeout: 300 },
    environmentVariables: { region: 'us-east-1' },
  };
  return {
    ...modern,
    [`${prefix}_depdef.json`]: JSON.stringify(depdef, null, 4),
    [`${prefix}_input.json`]: JSON.stringify({ ref: { file: 'infra/images.json' } }, null, 4),
    'infra/images.json': JSON.stringify({ image }, null, 4),
  };
}

interface PlanJson {
  units: { prefix: string; strategy: string; region: string; warnings: string[]; steps?: { type: string; percents: number[] } }[];
}

test('plan: a unit in the older shape plans with one note naming each older key and its modern spelling', async () => {
  const repo = await repoWith({ files: olderUnit('nginx:1.27') });
  const result = await runCli(['plan', '--json'], { cwd: repo.dir });
  assert.is(result.code, 0, result.stderr);
  const unit = (JSON.parse(result.stdout) as PlanJson).units[0];
  assert.is(unit?.strategy, 'ecs-bluegreen');
  assert.is(unit?.region, 'us-east-1');
  assert.equal(unit?.steps?.type, 'ALL_AT_ONCE');
  const notes = unit?.warnings.filter((w) => w.startsWith('note: older GitMoxi keys')) ?? [];
  assert.is(notes.length, 1, unit?.warnings.join('\n'));
  for (const expected of [
    `${prefix}_input.json: ref.file as a string → "file": ["infra/images.json"]`,
    `${prefix}_input.json: ref without type (infra/images.json read as JSON, from its shape) → "type": "JSON"`,
    `${prefix}_depdef.json: alarms.enable → remove it`,
    `${prefix}_depdef.json: gmDeploymentCircuitBreaker.pollInterval → stabilityCheck.pollInterval`,
    `${prefix}_depdef.json: trafficShiftingConfig.preShiftStabilityCheck → stabilityCheck`,
    `${prefix}_depdef.json: trafficShiftingEnabled → trafficShiftingConfig.type "ALL_AT_ONCE"`,
    `${prefix}_depdef.json: targetGroupArns → targetGroupArnPairs`,
    `${prefix}_depdef.json: environmentVariables → environment`,
  ]) {
    assert.ok(notes[0]?.includes(expected), `note lacks ${expected}:\n${notes[0]}`);
  }
  const text = await runCli(['plan'], { cwd: repo.dir });
  assert.is(text.code, 0, text.stderr);
  assert.match(text.stdout + text.stderr, /note: older GitMoxi keys/);
});

test('deploy: the older unit is created, then updated all at once into the partner target group', async () => {
  const repo = await repoWith({ files: olderUnit('nginx:1.27') }, { files: olderUnit('nginx:1.28') });
  const created = await deploy(repo, '--to', 'HEAD~1');
  assert.is(created.code, 0, created.stdout + created.stderr);
  session.sim.control.clearCalls();
  const updated = await deploy(repo, '--from', 'HEAD~1');
  assert.is(updated.code, 0, updated.stdout + updated.stderr);
  // trafficShiftingEnabled: false is ALL_AT_ONCE: one step, whatever else trafficShiftingConfig says.
  assert.equal(weightHistory(session.sim)['listener:80'], ['web-blue=100 web-green=0', 'web-blue=0 web-green=100']);
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(
    live.taskSets.filter((ts) => ts.status !== 'DRAINING').map((ts) => [ts.status, ts.taskDefinition, ts.running, ts.targetGroups]),
    [['PRIMARY', 'web:2', 2, ['web-green']]],
  );
  assert.is(live.tags['gitmoxi:commit'], repo.shas[1]);
});

test('deploy: alarms.enable false means the alarm is not watched (a firing one does not fail the unit)', async () => {
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'web-5xx', whenTrafficTo: { family: 'web', revision: 2 } }]);
  const off = (image: string): FileTree => {
    const files = olderUnit(image);
    const depdef = JSON.parse(String(files[`${prefix}_depdef.json`])) as Record<string, unknown>;
    return { ...files, [`${prefix}_depdef.json`]: JSON.stringify({ ...depdef, alarms: { alarmNames: ['web-5xx'], enable: false } }, null, 4) };
  };
  const repo = await repoWith({ files: off('nginx:1.27') }, { files: off('nginx:1.28') });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const updated = await deploy(repo, '--from', 'HEAD~1');
  assert.is(updated.code, 0, updated.stdout + updated.stderr);
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(
    live.taskSets.filter((ts) => ts.status === 'PRIMARY').map((ts) => ts.taskDefinition),
    ['web:2'],
  );
  // The alarm did fire: it was not watched.
  const cloudwatch = new CloudWatchClient({
    endpoint: session.sim.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const alarms = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['web-5xx'] }));
  assert.is(alarms.MetricAlarms?.[0]?.StateValue, 'ALARM');
});

test.run();
