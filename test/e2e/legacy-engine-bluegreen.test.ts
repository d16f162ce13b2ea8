/**
 * The two older depdef keys the blue/green deployment acts on (docs/legacy-keys.md): `alarms.rollback: false`
 * stops at a firing alarm without moving traffic back, and `initialScale` starts the new task set below 100 %.
 * What runs is read back through the SDK from the simulator.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { DescribeTaskSetsCommand } from '@aws-sdk/client-ecs';
import { DescribeListenersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blueGreenUnit, callIndex, liveTaskSets, startBlueGreenSimulator, targetGroupArns, weightHistory } from '../fakes/bluegreen-fixture.js';
import { runCli } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import { ecsClient } from '../fakes/sim-fixture.js';
import type { FileTree, TempRepo } from '../fakes/temp-repo.js';

const session = deploySession(test, startBlueGreenSimulator);
const { repoWith, deploy, deployInBackground } = session;

function unit(image: string, depdef: Record<string, unknown>): FileTree {
  return blueGreenUnit({ name: 'web', image, targetGroups: targetGroupArns(session.sim), depdef });
}

async function deployedFirst(first: FileTree, second: FileTree): Promise<TempRepo> {
  const repo = await repoWith({ files: first }, { files: second });
  const created = await deploy(repo, '--to', 'HEAD~1');
  assert.is(created.code, 0, created.stdout + created.stderr);
  session.sim.control.clearCalls();
  return repo;
}

/** The port-80 listener's forward weights, read through ELB's API: `web-blue=80 web-green=20`. */
async function listenerWeights(): Promise<string> {
  const elb = new ElasticLoadBalancingV2Client({
    endpoint: session.sim.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const names = new Map(Object.entries(targetGroupArns(session.sim)).map(([name, arn]) => [arn, name]));
  const out = await elb.send(new DescribeListenersCommand({ LoadBalancerArn: loadBalancerArn() }));
  const listener = out.Listeners?.find((l) => l.Port === 80);
  const forward = listener?.DefaultActions?.find((a) => a.Type === 'forward');
  return (forward?.ForwardConfig?.TargetGroups ?? []).map((t) => `${names.get(t.TargetGroupArn ?? '')}=${t.Weight}`).join(' ');
}

function loadBalancerArn(): string {
  const state = session.sim.control.state() as unknown as { accounts: Record<string, Record<string, { elbv2: { loadBalancers: { arn: string }[] } }>> };
  return Object.values(state.accounts)[0]?.['us-east-1']?.elbv2.loadBalancers[0]?.arn ?? '';
}

test('alarms.rollback false: the alarm moves traffic back but keeps the new task set for an operator; exit 3', async () => {
  const depdef = { alarms: { alarmNames: ['web-5xx'], rollback: false } };
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'web-5xx', whenTrafficTo: { family: 'web', revision: 2 } }]);
  const repo = await deployedFirst(unit('nginx:1.27', depdef), unit('nginx:1.28', depdef));
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 3, result.stdout + result.stderr);
  // Attach at 0, the first step at 20 %, then back: traffic never stays on the version whose alarm fired.
  const expected = ['web-blue=100 web-green=0', 'web-blue=80 web-green=20', 'web-blue=100 web-green=0'];
  assert.equal(weightHistory(session.sim), { 'listener:80': expected, 'rule:10': expected });
  assert.is(await listenerWeights(), 'web-blue=100 web-green=0');
  assert.equal(callIndex(session.sim, 'DeleteTaskSet'), []);
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(live.taskSets.map((ts) => [ts.status, ts.taskDefinition]).sort(), [
    ['ACTIVE', 'web:2'],
    ['PRIMARY', 'web:1'],
  ]);
  // The failed commit is not recorded as what runs.
  assert.is(live.tags['gitmoxi:commit'], repo.shas[0]);
  const output = result.stdout + result.stderr;
  assert.match(output, /alarm web-5xx/);
  assert.match(output, /alarms\.rollback: false/);
  assert.match(output, /left running with no traffic/);
  assert.match(output, /FAILED — needs operator/);
});

test('alarms.rollback false leaves other failures to rollback: targets unhealthy under traffic are restored (exit 1)', async () => {
  const depdef = { alarms: { alarmNames: ['web-5xx'], rollback: false } };
  const repo = await deployedFirst(unit('nginx:1.27', depdef), unit('nginx:1.28', depdef));
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  await until(async () => callIndex(session.sim, 'ModifyListener').length >= 2);
  session.sim.control.addFaults([{ kind: 'unhealthy-targets', match: { family: 'web', revision: 2 } }]);
  const result = await child;
  assert.is(result.exitCode, 1, String(result.stdout) + String(result.stderr));
  assert.is(await listenerWeights(), 'web-blue=100 web-green=0');
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(
    live.taskSets.filter((ts) => ts.status !== 'DRAINING').map((ts) => [ts.status, ts.taskDefinition]),
    [['PRIMARY', 'web:1']],
  );
});

/** Polls (real time) until the condition holds; fails the test after 60 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 20) {
    if (waited > 60_000) throw new Error('timed out waiting for the deployment to get there');
    await delay(20);
  }
}

test('initialScale 50: the new task set reads back at 50 % before the first shift, then at 100 %', async () => {
  const depdef = { initialScale: 50, trafficShiftingConfig: { type: 'CANARY', percent: 20, waitInterval: 30 } };
  const repo = await deployedFirst(unit('nginx:1.27', depdef), unit('nginx:1.28', depdef));
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  const ecs = ecsClient(session.sim);
  const newTaskSet = async () => {
    const out = await ecs.send(new DescribeTaskSetsCommand({ cluster: 'demo', service: 'web' }));
    return out.taskSets?.find((ts) => ts.taskDefinition?.endsWith('/web:2'));
  };
  await until(async () => (await newTaskSet()) !== undefined);
  const atStart = await newTaskSet();
  assert.equal([atStart?.scale?.value, atStart?.scale?.unit, atStart?.computedDesiredCount], [50, 'PERCENT', 1]);
  const result = await child;
  assert.is(result.exitCode, 0, String(result.stdout) + String(result.stderr));
  // The scale went to 100 % before any weight moved to the new target group.
  const scaledTo100 = session.sim.control
    .calls()
    .findIndex((call) => call.operation === 'UpdateTaskSet' && (call.params as { scale?: { value?: number } }).scale?.value === 100);
  const firstShift = session.sim.control
    .calls()
    .findIndex((call) => call.operation === 'ModifyListener' && JSON.stringify(call.params).includes('"Weight":"20"'));
  assert.ok(scaledTo100 >= 0 && firstShift > scaledTo100, `UpdateTaskSet 100 at ${scaledTo100}, first shift at ${firstShift}`);
  assert.equal(weightHistory(session.sim)['listener:80'], ['web-blue=100 web-green=0', 'web-blue=80 web-green=20', 'web-blue=0 web-green=100']);
  const live = await liveTaskSets(session.sim, 'web');
  assert.equal(
    live.taskSets.filter((ts) => ts.status !== 'DRAINING').map((ts) => [ts.status, ts.taskDefinition, ts.running, ts.computed]),
    [['PRIMARY', 'web:2', 2, 2]],
  );
  const after = await newTaskSet();
  assert.is(after?.scale?.value, 100);
  assert.match(String(result.stdout), /at 50% of the desired count \(initialScale\)/);
  assert.match(String(result.stdout), /initial scale 50% is stable: scaling the new task set to 100%/);
});

test('plan: initialScale shows in the traffic steps, text and --json', async () => {
  const depdef = { initialScale: 50, trafficShiftingConfig: { type: 'CANARY', percent: 20, waitInterval: 30 } };
  const repo = await repoWith({ files: unit('nginx:1.27', depdef) });
  const text = await runCli(['plan'], { cwd: repo.dir });
  assert.is(text.code, 0, text.stderr);
  assert.match(text.stdout, /traffic: new task set at 50%, then 100% once stable, before traffic moves; CANARY 20%/);
  const json = await runCli(['plan', '--json'], { cwd: repo.dir });
  const steps = (JSON.parse(json.stdout) as { units: { steps?: { initialScale?: number; percents: number[] } }[] }).units[0]?.steps;
  assert.equal([steps?.initialScale, steps?.percents], [50, [20, 100]]);
});

test.run();
