import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../clock.js';
import { startSimulator, type Simulator } from './server.js';
import { cloudwatchModule } from './services/cloudwatch/module.js';
import { stsModule } from './services/sts/module.js';

/** Response bodies of the control endpoints and test fakes, read loosely. */
async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

const modules = [cloudwatchModule, stsModule];
let clock: ManualClock;
let sim: Simulator;

const scenario = {
  region: 'eu-west-1',
  infrastructure: { alarms: [{ name: 'web-5xx' }, { name: 'web-latency', state: 'ALARM' as const }] },
};

function alarmState(name: string, region = 'eu-west-1'): string | undefined {
  return sim.control.world.model('cloudwatch', sim.control.world.defaultAccount, region).get(name)?.StateValue;
}

const control = (path: string, init: RequestInit = {}) => fetch(`${sim.endpoint}/_sim/${path}`, init);
const post = (path: string, body: unknown) => control(path, { method: 'POST', body: JSON.stringify(body) });

test.before.each(async () => {
  clock = new ManualClock(Date.UTC(2026, 0, 1));
  sim = await startSimulator({ clock, modules });
});

test.after.each(async () => {
  await sim.close();
});

test('POST /_sim/scenario seeds alarms through CloudWatch; GET /_sim/state shows them', async () => {
  assert.is((await post('scenario', scenario)).status, 200);
  const state = await json(control('state'));
  assert.is(state.now, clock.now());
  const alarms = state.accounts['123456789012']['eu-west-1'].cloudwatch.alarms;
  assert.equal(
    alarms.map((a: { AlarmName: string; StateValue: string }) => [a.AlarmName, a.StateValue]),
    [
      ['web-5xx', 'OK'],
      ['web-latency', 'ALARM'],
    ],
  );
  const seededCalls = sim.control.calls();
  assert.is(seededCalls.length, 0, 'seeding is not an API call');
});

test('an invalid scenario is a 400 listing every problem; the old state stays', async () => {
  await sim.control.loadScenario(scenario);
  const answer = await post('scenario', { region: 'mars', faults: [{ kind: 'throttle' }] });
  assert.is(answer.status, 400);
  const body = await json(answer);
  assert.is(body.__type, 'InvalidScenario');
  assert.ok(body.problems.some((p: string) => p.startsWith('scenario: region: ')));
  assert.ok(body.problems.some((p: string) => p.startsWith('scenario: faults[0].service: ')));
  assert.is(alarmState('web-5xx'), 'OK');
});

test('calls are listed and cleared; reset empties everything', async () => {
  await sim.control.loadScenario(scenario);
  const cw = new CloudWatchClient({ endpoint: sim.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  await cw.send(new DescribeAlarmsCommand({}));
  const { calls } = await json(control('calls'));
  assert.equal(calls, [
    {
      time: clock.now(),
      account: '123456789012',
      region: 'eu-west-1',
      service: 'cloudwatch',
      operation: 'DescribeAlarms',
      mutating: false,
      params: {},
      outcome: 'ok',
      status: 200,
    },
  ]);
  assert.is((await control('calls', { method: 'DELETE' })).status, 200);
  assert.equal(sim.control.calls(), []);
  await cw.send(new DescribeAlarmsCommand({}));
  assert.is((await post('reset', {})).status, 200);
  assert.equal(sim.control.calls(), []);
  assert.equal(sim.control.state().accounts, {});
  assert.equal((await cw.send(new DescribeAlarmsCommand({}))).MetricAlarms, []);
});

test('the manual clock reads and advances over HTTP and in-process', async () => {
  assert.equal(await json(control('clock')), { now: Date.UTC(2026, 0, 1), scale: 1, manual: true, virtual: false });
  const advanced = await json(post('clock/advance', { ms: 90_000 }));
  assert.is(advanced.now, Date.UTC(2026, 0, 1) + 90_000);
  sim.control.advance(10_000);
  assert.is(sim.control.now(), Date.UTC(2026, 0, 1) + 100_000);
  assert.is((await post('clock/advance', { ms: -1 })).status, 400);
});

test('advancing a real clock is a 409', async () => {
  const real = await startSimulator({ modules });
  try {
    const answer = await fetch(`${real.endpoint}/_sim/clock/advance`, { method: 'POST', body: '{"ms":1000}' });
    assert.is(answer.status, 409);
    assert.is((await json(answer)).__type, 'ClockNotManual');
    assert.throws(() => real.control.advance(1));
  } finally {
    await real.close();
  }
});

test('unknown control paths are AWS-shaped 404s', async () => {
  const answer = await control('nothing');
  assert.is(answer.status, 404);
  assert.is((await json(answer)).__type, 'UnknownControlEndpoint');
});

test('alarm faults with atSeconds fire once their time has passed', async () => {
  await sim.control.loadScenario({ ...scenario, faults: [{ kind: 'alarm', alarmName: 'web-5xx', atSeconds: 120 }] });
  sim.control.advance(119_000);
  assert.is(alarmState('web-5xx'), 'OK');
  sim.control.advance(1_000);
  assert.is(alarmState('web-5xx'), 'ALARM');
  const cw = new CloudWatchClient({ endpoint: sim.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const [alarm] = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['web-5xx'] }))).MetricAlarms ?? [];
  assert.match(alarm?.StateReason ?? '', 'scheduled at +120s');
  assert.equal(alarm?.StateTransitionedTimestamp, new Date(clock.now()));
});

test('a timed alarm fault waits for its alarm to exist, and fires on the next request', async () => {
  await sim.control.loadScenario({ region: 'eu-west-1', faults: [{ kind: 'alarm', alarmName: 'late', atSeconds: 10 }] });
  clock.advance(20_000);
  const cw = new CloudWatchClient({ endpoint: sim.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  await cw.send(
    new PutMetricAlarmCommand({
      AlarmName: 'late',
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
  );
  const [alarm] = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['late'] }))).MetricAlarms ?? [];
  assert.is(alarm?.StateValue, 'ALARM');
});

test('alarm faults whenTrafficTo fire when matching traffic is reported, once', async () => {
  await sim.control.loadScenario({
    ...scenario,
    faults: [
      { kind: 'alarm', alarmName: 'web-5xx', whenTrafficTo: { family: 'web', revision: 8 } },
      { kind: 'alarm', alarmName: 'web-latency', state: 'OK', whenTrafficTo: { functionName: 'api', version: '3' } },
    ],
  });
  const world = sim.control.world;
  const account = world.defaultAccount;
  world.trafficReached({ account, region: 'eu-west-1', taskDefinitionArns: [`arn:aws:ecs:eu-west-1:${account}:task-definition/web:7`] });
  assert.is(alarmState('web-5xx'), 'OK', 'revision 7 does not match');
  world.trafficReached({ account, region: 'us-east-1', taskDefinitionArns: [`arn:aws:ecs:us-east-1:${account}:task-definition/web:8`] });
  assert.is(alarmState('web-5xx'), 'OK', 'another region does not match');
  world.trafficReached({ account, region: 'eu-west-1', taskDefinitionArns: [`arn:aws:ecs:eu-west-1:${account}:task-definition/web:8`] });
  assert.is(alarmState('web-5xx'), 'ALARM');
  world.trafficReached({ account, region: 'eu-west-1', functionName: `arn:aws:lambda:eu-west-1:${account}:function:api`, version: '2' });
  assert.is(alarmState('web-latency'), 'ALARM', 'version 2 does not match');
  world.trafficReached({ account, region: 'eu-west-1', functionName: 'api', version: '3' });
  assert.is(alarmState('web-latency'), 'OK');
  world.model('cloudwatch', account, 'eu-west-1').setAlarmState('web-5xx', 'OK', 'recovered');
  world.trafficReached({ account, region: 'eu-west-1', taskDefinitionArns: [`arn:aws:ecs:eu-west-1:${account}:task-definition/web:8`] });
  assert.is(alarmState('web-5xx'), 'OK', 'a fault fires once');
});

test('POST /_sim/faults adds faults without resetting state', async () => {
  await sim.control.loadScenario(scenario);
  assert.is((await post('faults', { faults: [{ kind: 'alarm', alarmName: 'web-5xx', whenTrafficTo: { image: 'repo/web:*' } }] })).status, 200);
  sim.control.world.trafficReached({ account: '123456789012', region: 'eu-west-1', images: ['repo/web:v2'] });
  assert.is(alarmState('web-5xx'), 'ALARM');
  assert.is((await post('faults', [{ kind: 'bogus' }])).status, 400);
});

test.run();
